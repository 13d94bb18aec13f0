"""Heap queue (min-heap on a list, a[k] <= a[2k+1] and a[2k+2])."""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge",
           "nlargest", "nsmallest", "heappushpop"]


def _sift_down(heap, start, pos):
    # Move heap[pos] up towards `start` until its parent is not larger.
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if item < p:
            heap[pos] = p
            pos = parent
            continue
        break
    heap[pos] = item


def _sift_up(heap, pos):
    # Move the smaller child up until a leaf, then put the item there and
    # sift it back down (fewer comparisons than stopping early).
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down(heap, start, pos)


def heappush(heap, item):
    heap.append(item)
    _sift_down(heap, 0, len(heap) - 1)


def heappop(heap):
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _sift_up(heap, 0)
        return item
    return last


def heapreplace(heap, item):
    if not heap:
        raise IndexError("index out of range")
    top = heap[0]
    heap[0] = item
    _sift_up(heap, 0)
    return top


def heappushpop(heap, item):
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_up(heap, 0)
    return item


def heapify(x):
    for i in reversed(range(len(x) // 2)):
        _sift_up(x, i)


def _sift_down_max(heap, start, pos):
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if p < item:
            heap[pos] = p
            pos = parent
            continue
        break
    heap[pos] = item


def _sift_up_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[right] < heap[child]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down_max(heap, start, pos)


def merge(*iterables, key=None, reverse=False):
    entries = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            entries.append((value, order, it))
            break
    # A simple k-way merge: pick the best head each time (stable by order).
    while entries:
        best = 0
        for i in range(1, len(entries)):
            a = entries[i][0]
            b = entries[best][0]
            ka = a if key is None else key(a)
            kb = b if key is None else key(b)
            if (kb < ka) if reverse else (ka < kb):
                best = i
        value, order, it = entries[best]
        yield value
        for nxt in it:
            entries[best] = (nxt, order, it)
            break
        else:
            del entries[best]


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable)[:n]
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable, reverse=True)[:n]
    return sorted(iterable, key=key, reverse=True)[:n]


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _sift_up_max(heap, 0)
        return item
    return last


def _heapify_max(x):
    for i in reversed(range(len(x) // 2)):
        _sift_up_max(x, i)
