//! One thread's heap: the spaces and the allocation slow path.
//!
//! Memory comes in 32 KB chunks aligned to 32 KB, so "which space is this
//! address in?" is one shift and one table lookup.
//!
//! - The nursery is one contiguous run of chunks. Allocation bumps a pointer
//!   inside a region of the current chunk; the limit is the region's end, so
//!   objects never cross a chunk boundary and the conservative scan can find
//!   the object under any address by walking one chunk from its start. The
//!   slow path moves to the next region (zeroing it: allocation hands out
//!   zeroed payloads) and starts a minor collection when none is left. A
//!   region is a whole chunk, or a gap between objects pinned in it.
//! - Objects of up to 4 KB are born in the nursery; bigger ones, and objects
//!   allocated when the nursery has no usable chunk, are born old.
//! - The old space is non-moving: size-classed pages (one chunk each, slots of
//!   one size, free slots linked through their second word and marked by a zero
//!   header; a new page is handed out by bumping through it) for objects up to
//!   8 KB, and large objects in their own chunk-aligned allocations beyond
//!   that. A large array of references also gets a card table after its
//!   payload (see `collect.rs`, `scan_cards`).
//! - Pinned objects: a young object the native stack points at during a minor
//!   collection cannot move, so it stays where it is, still young, until the
//!   next minor collection (which pins it again, copies it out, or frees it).
//!   Each chunk keeps the sorted list of its kept objects; allocation skips
//!   over them (a filler header closes each region so chunks stay walkable).
//!   Rejected first: retiring the whole chunk to the old generation (almost
//!   every minor collection pins something, so the nursery ran out of chunks),
//!   then promoting pinned objects in place (they piled up until the next
//!   major collection and cut the nursery into ever smaller regions).

use std::alloc::{Layout as MemLayout, alloc, alloc_zeroed, dealloc};
use std::collections::VecDeque;

use fxhash::FxHashMap;

use crate::layout::{self, Layout, LayoutId};
use crate::object::{
    CARD_WORDS, FLAG_CARDS, FLAG_FILLER, FLAG_OLD, FLAG_TRACK_YOUNG, GcPtr, HEADER_BYTES,
    header_total_bytes, make_header,
};
use crate::stats::{GcStats, HeapConfig};
use crate::{AllocError, BUMP, FinalizerFn};

pub(crate) const CHUNK_SHIFT: u32 = 15;
pub(crate) const CHUNK_BYTES: usize = 1 << CHUNK_SHIFT;
/// Largest object (header included) allocated in the nursery.
pub(crate) const MAX_NURSERY_OBJECT: usize = 4096;
/// Largest object (header included) kept in size-classed pages.
pub(crate) const MAX_SMALL_OBJECT: usize = 8192;

/// Slot sizes of the old pages, in bytes, header included.
const SIZE_CLASSES: [usize; 35] = [
    16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768,
    896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
];

/// Size class of each object size in words (header included), up to 8 KB.
const CLASS_OF_WORDS: [u8; MAX_SMALL_OBJECT / 8 + 1] = {
    let mut table = [0u8; MAX_SMALL_OBJECT / 8 + 1];
    let mut words = 0;
    let mut class = 0;
    while words < table.len() {
        while SIZE_CLASSES[class] < words * 8 {
            class += 1;
        }
        table[words] = class as u8;
        words += 1;
    }
    table
};

/// The size class for an object of `total` bytes (at most 8 KB).
#[inline]
pub(crate) fn size_class(total: usize) -> usize {
    CLASS_OF_WORDS[total / 8] as usize
}

pub(crate) fn class_slot_bytes(class: usize) -> usize {
    SIZE_CLASSES[class]
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ChunkState {
    /// No young objects (possibly old pinned ones); available for allocation.
    Free,
    /// Allocated into since the last minor collection: holds young objects.
    Used,
}

/// What a chunk outside the nursery holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PageKind {
    /// A size-classed page of old objects.
    Small { class: u8 },
    /// Part of a large object whose header is at this address.
    Large { header: usize },
}

pub(crate) struct Heap {
    pub(crate) config: HeapConfig,
    pub(crate) stats: GcStats,
    layouts: Vec<&'static Layout>,
    pub(crate) stack_top: usize,
    /// Lowest address of the thread's stack (0 if unknown).
    stack_bottom: usize,
    /// Lowest `scan_low` seen: how deep the client stack has gone.
    pub(crate) deepest_scan: usize,
    /// Lowest client stack address, set by the entry point that may collect.
    pub(crate) scan_low: usize,

    // Nursery.
    pub(crate) nursery_base: usize,
    pub(crate) chunk_states: Vec<ChunkState>,
    /// For used chunks: the end of the walkable part (the bump pointer).
    pub(crate) chunk_used_end: Vec<usize>,
    /// Beyond this address a chunk is known to be zero (or a pinned object).
    pub(crate) chunk_dirty_end: Vec<usize>,
    /// Index of the chunk being allocated into, if any.
    pub(crate) current_chunk: Option<usize>,
    /// Real end of the current region (the published limit is lower in
    /// stress mode, to force every allocation through the slow path).
    pub(crate) current_end: usize,
    /// Per chunk: headers of the young objects the last minor collection
    /// pinned, kept in place until the next one; sorted.
    pub(crate) pinned_in_chunk: FxHashMap<usize, Vec<usize>>,

    // Old space.
    pub(crate) free_lists: [usize; SIZE_CLASSES.len()],
    /// Per size class: the untouched tail of the newest page (cursor, end).
    pub(crate) fresh: [(usize, usize); SIZE_CLASSES.len()],
    /// Base addresses of the size-classed pages.
    pub(crate) pages: Vec<usize>,
    pub(crate) page_map: FxHashMap<usize, PageKind>,
    /// Large objects: header address to allocation size.
    pub(crate) large: FxHashMap<usize, usize>,
    pub(crate) committed: usize,
    /// Bytes of objects in the old generation (exact after a major collection).
    pub(crate) old_bytes: usize,
    pub(crate) next_major_at: usize,

    // Bookkeeping lists (payload addresses).
    /// Young objects with a drop hook. Its own allocation, reached through
    /// this raw pointer both here and from the inline allocation path
    /// (`Bump::drop_list`), which appends to it without borrowing the heap.
    young_with_drop: *mut Vec<usize>,
    pub(crate) young_weakrefs: Vec<usize>,
    pub(crate) old_weakrefs: Vec<usize>,
    pub(crate) young_finalizable: Vec<(usize, FinalizerFn)>,
    pub(crate) old_finalizable: Vec<(usize, FinalizerFn)>,
    pub(crate) pending_finalizers: VecDeque<(usize, FinalizerFn)>,
    /// Notifying weak references cleared since the client last looked.
    pub(crate) cleared_weakrefs: VecDeque<usize>,
    /// Old objects whose barrier fired since the last minor collection, or
    /// that point to objects it kept in the nursery.
    pub(crate) remembered: Vec<usize>,
    /// The remembered set being built for the next cycle, during a minor one.
    pub(crate) still_remembered: Vec<usize>,
    /// Carded objects with a newly marked card since the last minor
    /// collection (an object may appear more than once).
    pub(crate) carded: Vec<usize>,
    /// Headers of the nursery objects pinned by the current minor collection.
    pub(crate) pinned: Vec<usize>,

    // Roots.
    pub(crate) roots: Vec<usize>,
    pub(crate) free_root_slots: Vec<u32>,
    pub(crate) root_ranges: Vec<Option<(usize, usize)>>,
    /// Indices of removed root ranges, reused first so that a client that
    /// adds and removes ranges all the time (a JIT) keeps the table short.
    pub(crate) free_root_ranges: Vec<usize>,

    pub(crate) stress_tick: u64,
    pub(crate) weakref_layout: LayoutId,
    pub(crate) weakref_notify_layout: LayoutId,
}

impl Heap {
    pub(crate) fn new(config: HeapConfig) -> Result<Box<Heap>, AllocError> {
        let chunks = (config.nursery_bytes / CHUNK_BYTES).max(2);
        let bytes = chunks * CHUNK_BYTES;
        let mem = MemLayout::from_size_align(bytes, CHUNK_BYTES)
            .map_err(|_| AllocError::OutOfMemory { requested: bytes })?;
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { alloc(mem) } as usize;
        if base == 0 {
            return Err(AllocError::OutOfMemory { requested: bytes });
        }
        let next_major_at = config.min_major_threshold;
        let bounds = crate::stack::current_stack_bounds();
        let mut heap = Box::new(Heap {
            config,
            stats: GcStats::default(),
            layouts: layout::snapshot(),
            stack_top: bounds.map_or(0, |b| b.1),
            stack_bottom: bounds.map_or(0, |b| b.0),
            deepest_scan: usize::MAX,
            scan_low: 0,
            nursery_base: base,
            chunk_states: vec![ChunkState::Free; chunks],
            chunk_used_end: vec![0; chunks],
            chunk_dirty_end: (1..=chunks).map(|c| base + c * CHUNK_BYTES).collect(),
            current_chunk: None,
            current_end: 0,
            pinned_in_chunk: FxHashMap::default(),
            free_lists: [0; SIZE_CLASSES.len()],
            fresh: [(0, 0); SIZE_CLASSES.len()],
            pages: Vec::new(),
            page_map: FxHashMap::default(),
            large: FxHashMap::default(),
            committed: bytes,
            old_bytes: 0,
            next_major_at,
            young_with_drop: Box::into_raw(Box::new(Vec::new())),
            young_weakrefs: Vec::new(),
            old_weakrefs: Vec::new(),
            young_finalizable: Vec::new(),
            old_finalizable: Vec::new(),
            pending_finalizers: VecDeque::new(),
            cleared_weakrefs: VecDeque::new(),
            remembered: Vec::new(),
            still_remembered: Vec::new(),
            carded: Vec::new(),
            pinned: Vec::new(),
            roots: Vec::new(),
            free_root_slots: Vec::new(),
            root_ranges: Vec::new(),
            free_root_ranges: Vec::new(),
            stress_tick: 0,
            weakref_layout: layout::weakref_layout(),
            weakref_notify_layout: layout::weakref_notify_layout(),
        });
        heap.stats.committed_bytes = heap.committed;
        heap.stats.peak_committed_bytes = heap.committed;
        heap.switch_to_free_chunk(0);
        heap.publish_bump();
        Ok(heap)
    }

    pub(crate) fn nursery_len(&self) -> usize {
        self.chunk_states.len() * CHUNK_BYTES
    }

    /// The nursery chunk index of an address, if it lies in the nursery.
    #[inline]
    pub(crate) fn nursery_chunk(&self, addr: usize) -> Option<usize> {
        let offset = addr.wrapping_sub(self.nursery_base);
        (offset < self.nursery_len()).then_some(offset >> CHUNK_SHIFT)
    }

    /// True if `addr` lies in the nursery. For a reference (a payload
    /// address), that means a young object: old objects never live there.
    #[inline]
    pub(crate) fn in_nursery(&self, addr: usize) -> bool {
        self.nursery_chunk(addr).is_some()
    }

    /// The layout description, from the heap's cache of the registry.
    pub(crate) fn layout(&mut self, id: LayoutId) -> Option<&'static Layout> {
        if id.index() >= self.layouts.len() {
            self.layouts = layout::snapshot();
        }
        self.layouts.get(id.index()).copied()
    }

    /// The list of young objects with a drop hook.
    pub(crate) fn drop_list(&mut self) -> &mut Vec<usize> {
        // SAFETY: the heap owns this allocation until it drops; the inline
        // path only appends while no heap borrow exists (it is closed during
        // collections and heap operations, see `sync_from_bump`).
        unsafe { &mut *self.young_with_drop }
    }

    /// Read back the bump pointer the fast path advanced.
    /// Also closes the fast path (limit 0) until `publish_bump`: a drop or
    /// trace hook that allocates during a collection must reach the slow
    /// path and its `Reentrant` error, not bump into a nursery being emptied.
    pub(crate) fn sync_from_bump(&mut self) {
        if let Some(chunk) = self.current_chunk {
            self.chunk_used_end[chunk] = BUMP.with(|b| b.free.get());
        }
        BUMP.with(|b| b.limit.set(0));
    }

    /// Publish the bump pointer and limit for the fast path.
    pub(crate) fn publish_bump(&self) {
        let (free, end) = match self.current_chunk {
            Some(chunk) => (self.chunk_used_end[chunk], self.current_end),
            None => (0, 0),
        };
        let limit = if self.config.stress { free } else { end };
        BUMP.with(|b| {
            b.free.set(free);
            b.limit.set(limit);
            b.drop_list.set(self.young_with_drop);
        });
    }

    /// The first gap between pinned objects of `chunk` at or after `from`.
    fn gap_from(&self, chunk: usize, from: usize) -> Option<(usize, usize)> {
        let chunk_end = self.nursery_base + (chunk + 1) * CHUNK_BYTES;
        let mut start = from;
        if let Some(pins) = self.pinned_in_chunk.get(&chunk) {
            for &header in pins {
                // SAFETY: listed pinned objects are live.
                let end = header + header_total_bytes(unsafe { *(header as *const usize) });
                if end <= start {
                    continue;
                }
                if header > start {
                    return Some((start, header));
                }
                start = end;
            }
        }
        (start < chunk_end).then_some((start, chunk_end))
    }

    /// Start allocating into the region `[start, end)` of `chunk`, zeroing it.
    fn enter_region(&mut self, chunk: usize, start: usize, end: usize) {
        let dirty = self.chunk_dirty_end[chunk];
        if start < dirty {
            // SAFETY: the region lies in the nursery and holds no live object.
            unsafe { std::ptr::write_bytes(start as *mut u8, 0, end.min(dirty) - start) };
        }
        if end >= dirty {
            // Everything from `start` on is clean now.
            self.chunk_dirty_end[chunk] = start;
        }
        self.chunk_states[chunk] = ChunkState::Used;
        self.chunk_used_end[chunk] = start;
        self.current_chunk = Some(chunk);
        self.current_end = end;
    }

    /// Close the current region with a filler header over its unused tail,
    /// so the chunk can be walked object by object.
    fn close_region(&mut self) {
        let Some(chunk) = self.current_chunk else {
            return;
        };
        let free = self.chunk_used_end[chunk];
        if free < self.current_end {
            let filler_words = (self.current_end - free) / 8 - 1;
            // SAFETY: the tail is unused nursery memory of this region.
            unsafe { *(free as *mut usize) = FLAG_FILLER | (filler_words << 32) };
            self.chunk_used_end[chunk] = self.current_end;
        }
    }

    /// Make the first region of a free chunk at or after `from` current.
    pub(crate) fn switch_to_free_chunk(&mut self, from: usize) -> bool {
        for chunk in from..self.chunk_states.len() {
            if self.chunk_states[chunk] != ChunkState::Free {
                continue;
            }
            let base = self.nursery_base + chunk * CHUNK_BYTES;
            if let Some((start, end)) = self.gap_from(chunk, base) {
                self.enter_region(chunk, start, end);
                return true;
            }
        }
        self.current_chunk = None;
        self.current_end = 0;
        false
    }

    /// Bump-allocate `total` bytes in the nursery without collecting.
    fn nursery_bump(&mut self, total: usize) -> Option<usize> {
        loop {
            let chunk = self.current_chunk?;
            let free = self.chunk_used_end[chunk];
            if free + total <= self.current_end {
                self.chunk_used_end[chunk] = free + total;
                return Some(free);
            }
            self.close_region();
            match self.gap_from(chunk, self.current_end) {
                Some((start, end)) => self.enter_region(chunk, start, end),
                None => {
                    self.switch_to_free_chunk(chunk + 1);
                }
            }
        }
    }

    pub(crate) fn over_limit(&self, extra: usize) -> bool {
        self.config
            .max_heap_bytes
            .is_some_and(|max| self.committed + extra > max)
    }

    /// The allocation slow path: everything the inline bump cannot do.
    pub(crate) fn alloc_slow(
        &mut self,
        layout: LayoutId,
        payload_words: usize,
    ) -> Result<GcPtr, AllocError> {
        self.sync_from_bump();
        let result = self.alloc_slow_inner(layout, payload_words);
        self.publish_bump();
        result
    }

    fn alloc_slow_inner(
        &mut self,
        layout: LayoutId,
        payload_words: usize,
    ) -> Result<GcPtr, AllocError> {
        if self.layout(layout).is_none() {
            return Err(AllocError::UnknownLayout);
        }
        let total = HEADER_BYTES + payload_words * 8;
        let young = total <= MAX_NURSERY_OBJECT;
        self.maybe_start_major();
        if self.config.stress {
            self.stress_tick += 1;
            if self.stress_tick.is_multiple_of(32) {
                self.collect_major();
            } else {
                self.collect_minor();
            }
        }
        let growth = if total > MAX_SMALL_OBJECT {
            total.next_multiple_of(CHUNK_BYTES)
        } else {
            0
        };
        if self.over_limit(growth) {
            self.collect_major();
            if self.over_limit(growth) {
                return Err(AllocError::OutOfMemory { requested: total });
            }
        }
        let mut header_addr = None;
        if young {
            header_addr = self.nursery_bump(total);
            if header_addr.is_none() {
                self.collect_minor();
                self.maybe_start_major();
                header_addr = self.nursery_bump(total);
            }
        }
        let header = make_header(layout, payload_words);
        let obj = match header_addr {
            Some(addr) => {
                // SAFETY: `addr` starts `total` zeroed bytes just bumped in
                // the current nursery chunk.
                unsafe { *(addr as *mut usize) = header };
                // SAFETY: payload follows the header; nonzero address.
                unsafe { GcPtr::from_addr(addr + HEADER_BYTES) }
            }
            None => {
                if !young {
                    self.maybe_start_major();
                }
                // Large arrays of references get a card table after the
                // payload, so a store marks a card, not the whole object.
                let carded = total > MAX_SMALL_OBJECT
                    && self
                        .layout(layout)
                        .is_some_and(|l| l.refs.array_from.is_some() && l.trace.is_none());
                let (addr, flags) = if carded {
                    let cards = payload_words.div_ceil(CARD_WORDS).next_multiple_of(8);
                    let addr = self.large_alloc(total + cards);
                    (addr, FLAG_CARDS)
                } else {
                    (self.old_alloc(total), 0)
                };
                let addr = addr.ok_or(AllocError::OutOfMemory { requested: total })?;
                self.old_bytes += total;
                self.stats.old_allocated_bytes += total as u64;
                // SAFETY: `old_alloc` returned `total` zeroed bytes.
                unsafe { *(addr as *mut usize) = header | FLAG_OLD | FLAG_TRACK_YOUNG | flags };
                // SAFETY: payload follows the header; nonzero address.
                unsafe { GcPtr::from_addr(addr + HEADER_BYTES) }
            }
        };
        let obj = obj.ok_or(AllocError::OutOfMemory { requested: total })?;
        if !layout.allows_inline_alloc() {
            let old = obj.is_old();
            if layout == self.weakref_layout || layout == self.weakref_notify_layout {
                // Even an old weak reference is checked at the next minor
                // collection: its target may be young.
                self.young_weakrefs.push(obj.addr());
            } else if !old {
                self.drop_list().push(obj.addr());
            }
        }
        Ok(obj)
    }

    /// Start a major collection if the old generation grew past its threshold.
    pub(crate) fn maybe_start_major(&mut self) {
        if self.old_bytes > self.next_major_at {
            self.collect_major();
        }
    }

    fn note_committed(&mut self) {
        self.stats.committed_bytes = self.committed;
        self.stats.peak_committed_bytes = self.stats.peak_committed_bytes.max(self.committed);
    }

    /// Allocate `total` zeroed bytes in the old space; returns the header
    /// address. Never collects.
    pub(crate) fn old_alloc(&mut self, total: usize) -> Option<usize> {
        let slot = self.old_alloc_uninit(total)?;
        if total <= MAX_SMALL_OBJECT {
            // SAFETY: the slot holds at least `total` bytes we own.
            unsafe { std::ptr::write_bytes(slot as *mut u8, 0, total) };
        }
        Some(slot)
    }

    /// Like `old_alloc`, but the memory is not zeroed (for copies). Large
    /// objects are zeroed anyway.
    #[inline]
    pub(crate) fn old_alloc_uninit(&mut self, total: usize) -> Option<usize> {
        if total > MAX_SMALL_OBJECT {
            return self.large_alloc(total);
        }
        let class = size_class(total);
        let slot = self.free_lists[class];
        if slot != 0 {
            // SAFETY: a free slot's second word links to the next free slot.
            self.free_lists[class] = unsafe { *((slot + 8) as *const usize) };
            return Some(slot);
        }
        let slot_bytes = class_slot_bytes(class);
        let (cursor, end) = self.fresh[class];
        if cursor + slot_bytes <= end {
            self.fresh[class].0 = cursor + slot_bytes;
            return Some(cursor);
        }
        let base = self.add_page(class)?;
        self.fresh[class] = (
            base + slot_bytes,
            base + CHUNK_BYTES / slot_bytes * slot_bytes,
        );
        Some(base)
    }

    /// A new zeroed page for `class`; its slots are handed out by bumping
    /// `fresh[class]` (zero headers mark them free until then).
    fn add_page(&mut self, class: usize) -> Option<usize> {
        let mem = MemLayout::from_size_align(CHUNK_BYTES, CHUNK_BYTES).expect("constant layout");
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { alloc_zeroed(mem) } as usize;
        if base == 0 {
            return None;
        }
        self.pages.push(base);
        self.page_map
            .insert(base >> CHUNK_SHIFT, PageKind::Small { class: class as u8 });
        self.committed += CHUNK_BYTES;
        self.note_committed();
        Some(base)
    }

    pub(crate) fn large_alloc(&mut self, total: usize) -> Option<usize> {
        let bytes = total.checked_next_multiple_of(CHUNK_BYTES)?;
        let mem = MemLayout::from_size_align(bytes, CHUNK_BYTES).ok()?;
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { alloc_zeroed(mem) } as usize;
        if base == 0 {
            return None;
        }
        for chunk in 0..bytes / CHUNK_BYTES {
            self.page_map.insert(
                (base >> CHUNK_SHIFT) + chunk,
                PageKind::Large { header: base },
            );
        }
        self.large.insert(base, bytes);
        self.committed += bytes;
        self.note_committed();
        Some(base)
    }

    pub(crate) fn free_large(&mut self, header: usize) {
        let Some(bytes) = self.large.remove(&header) else {
            return;
        };
        for chunk in 0..bytes / CHUNK_BYTES {
            self.page_map.remove(&((header >> CHUNK_SHIFT) + chunk));
        }
        let mem = MemLayout::from_size_align(bytes, CHUNK_BYTES).expect("layout used to allocate");
        // SAFETY: allocated by `large_alloc` with this layout.
        unsafe { dealloc(header as *mut u8, mem) };
        self.committed -= bytes;
        self.note_committed();
    }

    pub(crate) fn free_page(&mut self, base: usize) {
        self.page_map.remove(&(base >> CHUNK_SHIFT));
        let mem = MemLayout::from_size_align(CHUNK_BYTES, CHUNK_BYTES).expect("constant layout");
        // SAFETY: allocated by `add_page` with this layout.
        unsafe { dealloc(base as *mut u8, mem) };
        self.committed -= CHUNK_BYTES;
        self.note_committed();
    }

    /// The header of the old object whose payload contains `addr`, for
    /// conservative roots. Looks in pages, large objects and pinned objects.
    pub(crate) fn find_old_object(&self, addr: usize) -> Option<usize> {
        let header = self.find_old_slot(addr)?;
        // SAFETY: `find_old_slot` returns headers of live objects.
        let total = header_total_bytes(unsafe { *(header as *const usize) });
        (addr >= header + HEADER_BYTES && addr < header + total).then_some(header)
    }

    /// The header of the old object whose slot contains `addr`.
    fn find_old_slot(&self, addr: usize) -> Option<usize> {
        match self.page_map.get(&(addr >> CHUNK_SHIFT))? {
            PageKind::Small { class } => {
                let base = addr & !(CHUNK_BYTES - 1);
                let slot_bytes = class_slot_bytes(*class as usize);
                let index = (addr - base) / slot_bytes;
                if (index + 1) * slot_bytes > CHUNK_BYTES {
                    return None;
                }
                let header = base + index * slot_bytes;
                // SAFETY: the slot lies in a live page; free slots read as 0.
                (unsafe { *(header as *const usize) } != 0).then_some(header)
            }
            PageKind::Large { header } => Some(*header),
        }
    }

    /// Is `payload` exactly the payload address of an old object?
    #[inline]
    pub(crate) fn is_old_object(&self, payload: usize) -> bool {
        self.find_old_object(payload)
            .is_some_and(|h| h + HEADER_BYTES == payload)
    }

    /// Call every live object's drop hook and free all memory. Used when the
    /// heap goes away with its thread.
    fn release_everything(&mut self) {
        self.sync_from_bump();
        let mut dying: Vec<usize> = std::mem::take(self.drop_list());
        for &base in &self.pages {
            let Some(PageKind::Small { class }) = self.page_map.get(&(base >> CHUNK_SHIFT)) else {
                continue;
            };
            let slot_bytes = class_slot_bytes(*class as usize);
            for i in 0..CHUNK_BYTES / slot_bytes {
                let header = base + i * slot_bytes;
                // SAFETY: slots of a live page.
                if unsafe { *(header as *const usize) } != 0 {
                    dying.push(header + HEADER_BYTES);
                }
            }
        }
        dying.extend(self.large.keys().map(|h| h + HEADER_BYTES));
        for payload in dying {
            // SAFETY: each address is a live object's payload.
            let obj = unsafe { GcPtr::from_addr(payload) }.expect("nonzero payload");
            if let Some(drop) = self.layout(obj.layout()).and_then(|l| l.drop) {
                drop(obj);
            }
        }
        for base in std::mem::take(&mut self.pages) {
            self.free_page(base);
        }
        let large: Vec<usize> = self.large.keys().copied().collect();
        for header in large {
            self.free_large(header);
        }
        let bytes = self.nursery_len();
        let mem = MemLayout::from_size_align(bytes, CHUNK_BYTES).expect("layout used to allocate");
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.nursery_base as *mut u8, mem) };
        self.chunk_states.clear();
        self.current_chunk = None;
        BUMP.with(|b| {
            b.free.set(0);
            b.limit.set(0);
            b.drop_list.set(std::ptr::null_mut());
        });
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        if self.config.print_stats {
            eprintln!("{}", self.stats);
        }
        self.release_everything();
        // SAFETY: allocated in `new`; the inline path no longer sees it.
        drop(unsafe { Box::from_raw(self.young_with_drop) });
        // Below the deepest client frame lie the collector's frames; 64 KB
        // covers them. Stay clear of the guard page at the bottom.
        if self.stack_bottom != 0 && self.deepest_scan != usize::MAX {
            let target = self.deepest_scan.saturating_sub(64 << 10);
            crate::stack::scrub_down_to(target.max(self.stack_bottom + (64 << 10)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes_fit_their_objects() {
        for total in (16..=MAX_SMALL_OBJECT).step_by(8) {
            let class = size_class(total);
            assert!(
                class_slot_bytes(class) >= total,
                "{total} bytes in class {class}"
            );
            if class > 0 {
                assert!(
                    class_slot_bytes(class - 1) < total,
                    "{total} bytes: smaller class fits"
                );
            }
            // Little waste: at most a quarter of the slot.
            assert!(class_slot_bytes(class) - total <= class_slot_bytes(class) / 4);
        }
    }
}
