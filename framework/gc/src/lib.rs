//! retrace-gc: the garbage collector of the Retrace framework.
//!
//! A generational collector, precise in the heap and conservative on the
//! native stack. Each thread has its own heap (`cargo test` threads never
//! share one); all functions here act on the calling thread's heap, created on
//! first use from [`HeapConfig::default`] (which reads `RETRACE_GC_*`).
//!
//! - Every object is a header word (naming its [`LayoutId`] and payload size)
//!   followed by its payload; a [`GcPtr`] points at the payload. Layouts say
//!   which payload words are references, and may carry trace and drop hooks for
//!   objects that own Rust memory.
//! - New objects are bump-allocated in a nursery of 32 KB chunks. The bump
//!   pointer and limit live in two thread-local words whose addresses a JIT can
//!   take ([`bump_pointer_addr`], [`bump_limit_addr`]) to inline allocation:
//!   write [`header_word`] at the old bump pointer, the payload follows.
//! - Roots: no ceremony for locals. A collection scans the thread's native
//!   stack and callee-saved registers conservatively and pins the young objects
//!   they point to (interior pointers included). Globals use [`Root`]; other
//!   memory (JIT exit buffers) can be registered with [`add_root_range`].
//! - A minor collection copies the nursery's survivors into the old space; its
//!   cost follows the survivors. Stores of references into objects need
//!   [`write_barrier`] or [`write_barrier_at`] (or [`GcPtr::store_ref`], which
//!   calls the latter): the fast check is one header bit
//!   ([`FLAG_TRACK_YOUNG`]); large reference arrays mark 128-word cards.
//! - The old space never moves; a major collection marks and sweeps it, paced
//!   at 1.82 times the bytes that survived the previous one.
//! - [`alloc_weak`] makes weak references; [`register_finalizer`] gives an
//!   object a finalizer run once, after the collection that found it
//!   unreachable, from [`run_finalizers`] (the object may be resurrected).
//! - `RETRACE_GC_STRESS=1` (or [`set_stress`]) collects at every allocation and
//!   poisons freed memory; `RETRACE_GC_STATS=1` prints statistics when the heap
//!   is dropped. [`set_max_heap`] bounds the heap: allocation then fails with
//!   [`AllocError::OutOfMemory`], never aborts.
//!
//! The design as built, and figures, are in `docs/gc.md`.

#[cfg(not(all(
    target_pointer_width = "64",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
compile_error!("retrace-gc supports 64-bit x86_64 and aarch64 only");

mod collect;
mod heap;
mod layout;
mod object;
mod stack;
mod stats;

use std::cell::{Cell, RefCell};
use std::marker::PhantomData;

pub use collect::median;
pub use layout::{
    DropFn, Layout, LayoutId, MAX_LAYOUTS, Refs, TooManyLayouts, TraceFn, Tracer, layout_info,
    register_layout,
};
pub use object::{CARD_WORDS, FLAG_CARDS, FLAG_TRACK_YOUNG, GcPtr, HEADER_BYTES};
pub use stats::{GcStats, HeapConfig};

use heap::{Heap, MAX_NURSERY_OBJECT};
use object::{MAX_PAYLOAD_WORDS, make_header, payload_words_for};

/// A finalizer: called once with the object, outside any collection.
pub type FinalizerFn = fn(obj: GcPtr);

/// Why an allocation (or another heap operation) failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// The heap limit was reached (even after a major collection), or the
    /// system had no memory. Clients turn this into MemoryError.
    OutOfMemory { requested: usize },
    /// The payload is larger than an object can be (2^32 words).
    TooLarge { requested: usize },
    /// The layout id was not made by [`register_layout`].
    UnknownLayout,
    /// Called from inside a collection (a drop or trace hook).
    Reentrant,
    /// The thread's heap is gone (thread-local destruction).
    HeapGone,
    /// [`configure`] after the heap was created with another nursery size.
    AlreadyStarted,
}

impl std::fmt::Display for AllocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AllocError::OutOfMemory { requested } => {
                write!(f, "out of memory allocating {requested} bytes")
            }
            AllocError::TooLarge { requested } => {
                write!(f, "object of {requested} bytes is too large")
            }
            AllocError::UnknownLayout => write!(f, "unknown GC layout"),
            AllocError::Reentrant => write!(f, "GC heap used from inside a collection"),
            AllocError::HeapGone => write!(f, "the thread's GC heap has been destroyed"),
            AllocError::AlreadyStarted => {
                write!(f, "the GC heap of this thread is already running")
            }
        }
    }
}

impl std::error::Error for AllocError {}

/// The inline allocation state: the next free byte of the current nursery
/// chunk and its limit. Without a destructor, so a JIT may hold its address.
pub(crate) struct Bump {
    pub(crate) free: Cell<usize>,
    pub(crate) limit: Cell<usize>,
    /// The heap's list of young objects with a drop hook (null before the
    /// heap exists and after it is gone).
    pub(crate) drop_list: Cell<*mut Vec<usize>>,
}

thread_local! {
    pub(crate) static BUMP: Bump = const {
        Bump {
            free: Cell::new(0),
            limit: Cell::new(0),
            drop_list: Cell::new(std::ptr::null_mut()),
        }
    };
    static HEAP: RefCell<Option<Box<Heap>>> = const { RefCell::new(None) };
    /// Root slots whose `Root` was dropped while the heap was busy.
    static DEFERRED_ROOT_FREES: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> Result<R, AllocError> {
    HEAP.try_with(|cell| {
        let mut guard = cell.try_borrow_mut().map_err(|_| AllocError::Reentrant)?;
        if guard.is_none() {
            *guard = Some(Heap::new(HeapConfig::default())?);
        }
        match guard.as_mut() {
            Some(heap) => {
                free_deferred_roots(heap);
                Ok(f(heap))
            }
            None => Err(AllocError::HeapGone),
        }
    })
    .unwrap_or(Err(AllocError::HeapGone))
}

fn free_deferred_roots(heap: &mut Heap) {
    let _ = DEFERRED_ROOT_FREES.try_with(|deferred| {
        if let Ok(mut deferred) = deferred.try_borrow_mut() {
            for slot in deferred.drain(..) {
                heap.roots[slot as usize] = 0;
                heap.free_root_slots.push(slot);
            }
        }
    });
}

/// Use the heap between two syncs of the inline bump pointer.
fn with_synced_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> Result<R, AllocError> {
    with_heap(|heap| {
        heap.sync_from_bump();
        let result = f(heap);
        heap.publish_bump();
        result
    })
}

/// Enter the heap for an operation that may collect: spill the registers and
/// note where the client's stack ends, so only client frames are scanned.
fn with_collecting_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> Result<R, AllocError> {
    let mut collected = false;
    stack::with_spilled_stack(|scan_low| {
        let result = with_heap(|heap| {
            let before = heap.stats.minor_collections;
            heap.scan_low = scan_low;
            heap.deepest_scan = heap.deepest_scan.min(scan_low);
            let result = f(heap);
            heap.scan_low = 0;
            collected = heap.stats.minor_collections != before;
            result
        });
        if collected {
            stack::scrub_below();
        }
        result
    })
}

/// Allocate an object of `layout` with `payload_bytes` of payload (rounded up
/// to whole words, at least one), zeroed. May collect.
#[inline]
pub fn alloc(layout: LayoutId, payload_bytes: usize) -> Result<GcPtr, AllocError> {
    let words = payload_words_for(payload_bytes);
    if layout.bump_allocatable() && words <= (MAX_NURSERY_OBJECT - HEADER_BYTES) / 8 {
        let total = words * 8 + HEADER_BYTES;
        let bumped = BUMP.with(|bump| {
            let free = bump.free.get();
            if free + total <= bump.limit.get() {
                bump.free.set(free + total);
                // SAFETY: [free, free + total) is zeroed memory of the current
                // nursery chunk, just reserved.
                unsafe { *(free as *mut usize) = make_header(layout, words) };
                if layout.has_drop() {
                    // SAFETY: a nonzero limit means the heap exists and its
                    // list pointer is published; no heap borrow is active.
                    unsafe { (*bump.drop_list.get()).push(free + HEADER_BYTES) };
                }
                // SAFETY: the payload follows the header; the address is nonzero.
                unsafe { GcPtr::from_addr(free + HEADER_BYTES) }
            } else {
                None
            }
        });
        if let Some(obj) = bumped {
            return Ok(obj);
        }
    }
    alloc_slow(layout, payload_bytes)
}

/// The allocation slow path (what [`alloc`] calls when the bump fails).
#[inline(never)]
pub fn alloc_slow(layout: LayoutId, payload_bytes: usize) -> Result<GcPtr, AllocError> {
    let words = payload_words_for(payload_bytes);
    if words > MAX_PAYLOAD_WORDS {
        return Err(AllocError::TooLarge {
            requested: payload_bytes,
        });
    }
    with_collecting_heap(|heap| heap.alloc_slow(layout, words))?
}

/// The write barrier: call it after storing a reference into `obj` (a payload
/// word or Rust memory its trace hook reports). Free when `obj` is young or
/// already remembered.
#[inline]
pub fn write_barrier(obj: GcPtr) {
    if obj.header() & FLAG_TRACK_YOUNG != 0 {
        write_barrier_slow(obj);
    }
}

/// The write barrier for a store into payload word `index` of `obj`: for a
/// large array with a card table it marks only that word's card (so the next
/// minor collection scans 128 words, not the whole array); otherwise it is
/// [`write_barrier`]. [`GcPtr::store_ref`] calls it.
#[inline]
pub fn write_barrier_at(obj: GcPtr, index: usize) {
    if obj.header() & FLAG_TRACK_YOUNG != 0 {
        write_barrier_at_slow(obj, index);
    }
}

/// Slow path of [`write_barrier_at`].
#[cold]
#[inline(never)]
pub fn write_barrier_at_slow(obj: GcPtr, index: usize) {
    let header = obj.header();
    if header & object::FLAG_CARDS == 0 || index >= obj.payload_words() {
        return write_barrier_slow(obj);
    }
    // SAFETY: a carded object's card table follows its payload.
    let card = unsafe { &mut *(obj.as_ptr().add(obj.payload_bytes() + index / CARD_WORDS)) };
    if *card == 0 {
        *card = 1;
        let result = with_heap(|heap| heap.carded.push(obj.addr()));
        if result == Err(AllocError::Reentrant) {
            panic!("reference stored into {obj:?} from a drop or trace hook");
        }
    }
}

/// The barrier's slow path: remember `obj` until the next minor collection.
#[cold]
#[inline(never)]
pub fn write_barrier_slow(obj: GcPtr) {
    let result = with_heap(|heap| {
        obj.set_header(obj.header() & !FLAG_TRACK_YOUNG);
        heap.remembered.push(obj.addr());
    });
    if result == Err(AllocError::Reentrant) {
        panic!("reference stored into {obj:?} from a drop or trace hook");
    }
}

/// Run a minor collection now.
pub fn collect_minor() {
    let _ = with_collecting_heap(|heap| {
        heap.sync_from_bump();
        heap.collect_minor();
        heap.publish_bump();
    });
}

/// Run a major (full) collection now.
pub fn collect_major() {
    let _ = with_collecting_heap(|heap| {
        heap.sync_from_bump();
        heap.collect_major();
        heap.publish_bump();
    });
}

/// Make a weak reference to `target`: a GC object whose one word is cleared
/// when the target dies. Read it with [`weak_get`].
pub fn alloc_weak(target: Option<GcPtr>) -> Result<GcPtr, AllocError> {
    let weak = alloc(layout::weakref_layout(), 8)?;
    weak.store(0, target.map_or(0, GcPtr::addr));
    Ok(weak)
}

/// Make a weak reference that is queued for [`pop_cleared_weakref`] when
/// its target dies, carrying a strong reference `data` for the client (for
/// Python, the callback). Read `data` back with `weak.load_ref(1)`.
pub fn alloc_weak_notify(target: Option<GcPtr>, data: Option<GcPtr>) -> Result<GcPtr, AllocError> {
    let weak = alloc(layout::weakref_notify_layout(), 16)?;
    weak.store(0, target.map_or(0, GcPtr::addr));
    weak.store(1, data.map_or(0, GcPtr::addr));
    Ok(weak)
}

/// The next notifying weak reference whose target died, if any. The queue
/// keeps them alive until taken; call this at a safe point (as with
/// [`run_finalizers`]) and run the client's callbacks.
pub fn pop_cleared_weakref() -> Option<GcPtr> {
    let addr = with_heap(|heap| heap.cleared_weakrefs.pop_front()).ok()??;
    // SAFETY: the queue kept the weak reference alive; now this frame does.
    unsafe { GcPtr::from_addr(addr) }
}

/// Is `obj` a weak reference (plain or notifying)?
pub fn is_weakref(obj: GcPtr) -> bool {
    let layout = obj.layout();
    layout == layout::weakref_layout() || layout == layout::weakref_notify_layout()
}

/// The target of a weak reference, or `None` once it died (or if `weak` is not
/// a weak reference).
pub fn weak_get(weak: GcPtr) -> Option<GcPtr> {
    if is_weakref(weak) {
        weak.load_ref(0)
    } else {
        None
    }
}

/// Give `obj` a finalizer. When a collection finds `obj` unreachable, it keeps
/// `obj` (and what it reaches) alive, clears weak references to them, and
/// queues `finalizer`; [`run_finalizers`] calls it once. The object may store
/// itself somewhere reachable again (resurrection); if it does not, the next
/// collection frees it. Registering twice runs the finalizer twice.
pub fn register_finalizer(obj: GcPtr, finalizer: FinalizerFn) -> Result<(), AllocError> {
    with_heap(|heap| {
        if obj.is_old() {
            heap.old_finalizable.push((obj.addr(), finalizer));
        } else {
            heap.young_finalizable.push((obj.addr(), finalizer));
        }
    })
}

/// Are finalizers waiting to run, or cleared notifying weak references
/// waiting to be taken? Cheap; for an interpreter's periodic check.
pub fn has_pending_finalizers() -> bool {
    with_heap(|heap| !heap.pending_finalizers.is_empty() || !heap.cleared_weakrefs.is_empty())
        .unwrap_or(false)
}

/// Run the queued finalizers (at a point where the client can run arbitrary
/// code); returns how many ran. Finalizers may allocate and collect.
pub fn run_finalizers() -> usize {
    let mut count = 0;
    while run_one_finalizer() {
        count += 1;
    }
    // The finalized objects' addresses are in the dead frames below: clear
    // them, or the next collection would find them and keep the objects.
    stack::scrub_below();
    count
}

/// Pop and run one finalizer, in a frame of its own (see `run_finalizers`).
#[inline(never)]
fn run_one_finalizer() -> bool {
    let next = with_heap(|heap| {
        let next = heap.pending_finalizers.pop_front();
        heap.stats.finalizers_run += next.is_some() as u64;
        next
    });
    let Ok(Some((payload, finalizer))) = next else {
        return false;
    };
    // SAFETY: queued finalizable objects are kept alive by the queue; now
    // this stack frame holds it.
    if let Some(obj) = unsafe { GcPtr::from_addr(payload) } {
        finalizer(std::hint::black_box(obj));
    }
    true
}

/// A precise root for a global: keeps its value alive and up to date.
/// Removed from the root set when dropped. Not `Send`: it belongs to the
/// thread's heap.
pub struct Root {
    slot: u32,
    _thread_bound: PhantomData<*const ()>,
}

impl Root {
    /// A new root holding `value`.
    pub fn new(value: Option<GcPtr>) -> Result<Root, AllocError> {
        Root::with_word(value.map_or(0, GcPtr::addr))
    }

    /// A new root holding any word (a tagged value or a payload address).
    pub fn with_word(word: usize) -> Result<Root, AllocError> {
        with_heap(|heap| {
            let slot = match heap.free_root_slots.pop() {
                Some(slot) => {
                    heap.roots[slot as usize] = word;
                    slot
                }
                None => {
                    heap.roots.push(word);
                    (heap.roots.len() - 1) as u32
                }
            };
            Root {
                slot,
                _thread_bound: PhantomData,
            }
        })
    }

    /// The root's word.
    pub fn word(&self) -> usize {
        with_heap(|heap| heap.roots[self.slot as usize]).unwrap_or(0)
    }

    /// The root's value as a reference (`None` for null and tagged words).
    pub fn get(&self) -> Option<GcPtr> {
        let word = self.word();
        if object::is_ref_like(word) {
            // SAFETY: a root keeps its referent alive and updated.
            unsafe { GcPtr::from_addr(word) }
        } else {
            None
        }
    }

    /// Replace the root's value.
    pub fn set(&self, value: Option<GcPtr>) {
        self.set_word(value.map_or(0, GcPtr::addr));
    }

    /// Replace the root's word.
    pub fn set_word(&self, word: usize) {
        let _ = with_heap(|heap| heap.roots[self.slot as usize] = word);
    }
}

impl Drop for Root {
    fn drop(&mut self) {
        let freed = with_heap(|heap| {
            heap.roots[self.slot as usize] = 0;
            heap.free_root_slots.push(self.slot);
        });
        if freed == Err(AllocError::Reentrant) {
            // Dropped by a drop hook during a collection: free it later.
            let _ = DEFERRED_ROOT_FREES.try_with(|d| d.borrow_mut().push(self.slot));
        }
    }
}

/// Names a range registered with [`add_root_range`].
#[derive(Debug, PartialEq, Eq)]
pub struct RootRangeId(usize);

/// Scan `words` words from `start` conservatively at every collection, like
/// the stack: what they point to is kept alive and never moved.
///
/// # Safety
/// The range must stay readable until [`remove_root_range`] is called.
pub unsafe fn add_root_range(start: *const usize, words: usize) -> Result<RootRangeId, AllocError> {
    with_heap(|heap| {
        let range = Some((start as usize, words));
        if let Some(index) = heap.free_root_ranges.pop() {
            heap.root_ranges[index] = range;
            return RootRangeId(index);
        }
        heap.root_ranges.push(range);
        RootRangeId(heap.root_ranges.len() - 1)
    })
}

/// Stop scanning a range. Its slot is reused by the next [`add_root_range`]
/// (the id is not `Copy`, so a range is removed at most once).
pub fn remove_root_range(id: RootRangeId) {
    let _ = with_heap(|heap| {
        if let Some(range) = heap.root_ranges.get_mut(id.0)
            && range.take().is_some()
        {
            heap.free_root_ranges.push(id.0);
        }
    });
}

/// Configure this thread's heap. Before its first use, any setting applies;
/// afterwards everything but the nursery size does, and a different nursery
/// size gives [`AllocError::AlreadyStarted`].
pub fn configure(config: HeapConfig) -> Result<(), AllocError> {
    HEAP.try_with(|cell| {
        let mut guard = cell.try_borrow_mut().map_err(|_| AllocError::Reentrant)?;
        match guard.as_mut() {
            None => {
                *guard = Some(Heap::new(config)?);
                Ok(())
            }
            Some(heap) => {
                heap.sync_from_bump();
                let same_nursery = heap.config.nursery_bytes == config.nursery_bytes;
                let nursery_bytes = heap.config.nursery_bytes;
                heap.config = HeapConfig {
                    nursery_bytes,
                    ..config
                };
                heap.next_major_at = heap.next_major_at.max(heap.config.min_major_threshold);
                heap.publish_bump();
                if same_nursery {
                    Ok(())
                } else {
                    Err(AllocError::AlreadyStarted)
                }
            }
        }
    })
    .unwrap_or(Err(AllocError::HeapGone))
}

/// Set (or remove) the heap limit in bytes.
pub fn set_max_heap(max_bytes: Option<usize>) {
    let _ = with_heap(|heap| heap.config.max_heap_bytes = max_bytes);
}

/// Switch stress mode: collect at every allocation (a major collection every
/// 32nd, minor ones otherwise) and poison freed memory.
pub fn set_stress(on: bool) {
    let _ = with_synced_heap(|heap| heap.config.stress = on);
}

/// Is stress mode on for this thread?
pub fn stress() -> bool {
    with_heap(|heap| heap.config.stress).unwrap_or(false)
}

/// This thread's heap statistics.
pub fn stats() -> GcStats {
    with_heap(|heap| {
        let mut stats = heap.stats.clone();
        stats.old_bytes = heap.old_bytes;
        stats.committed_bytes = heap.committed;
        stats
    })
    .unwrap_or_default()
}

/// Print this thread's statistics to stderr.
pub fn print_stats() {
    eprintln!("{}", stats());
}

/// Address of the thread's bump pointer (a `usize`): the JIT's inline
/// allocation reads it, adds the object size, compares with the limit, and
/// on success stores it back and writes [`header_word`] at the old value.
pub fn bump_pointer_addr() -> *mut usize {
    BUMP.with(|bump| bump.free.as_ptr())
}

/// Address of the thread's bump limit (a `usize`).
pub fn bump_limit_addr() -> *mut usize {
    BUMP.with(|bump| bump.limit.as_ptr())
}

/// The header word of a fresh young object, for inline allocation; `None`
/// when this allocation must take the slow path (layout with a drop hook,
/// weak reference, or more than [`MAX_INLINE_ALLOC_BYTES`]). The object
/// occupies `HEADER_BYTES + payload_bytes` rounded up to 8, at least 16.
pub fn header_word(layout: LayoutId, payload_bytes: usize) -> Option<usize> {
    let words = payload_words_for(payload_bytes);
    (layout.allows_inline_alloc() && words <= (MAX_NURSERY_OBJECT - HEADER_BYTES) / 8)
        .then(|| make_header(layout, words))
}

/// For a JIT that inlines an allocating helper after watching it run: when
/// `payload` is a young object whose header is still exactly that of a fresh
/// object ([`header_word`] of its layout and size, so no flag is set and the
/// inline path may allocate it), that header and the payload size in bytes.
/// `None` for anything else (an old object, a non-heap address, a layout
/// that must take the slow path).
pub fn jit_fresh_object(payload: usize) -> Option<(usize, usize)> {
    if !payload.is_multiple_of(8) {
        return None;
    }
    let header_addr = payload.wrapping_sub(HEADER_BYTES);
    let young =
        with_heap(|heap| heap.in_nursery(header_addr) && heap.in_nursery(payload)).unwrap_or(false);
    if !young {
        return None;
    }
    // SAFETY: the word is aligned and lies in the nursery, which is mapped.
    let header = unsafe { *(header_addr as *const usize) };
    let words = object::header_payload_words(header);
    let fresh = header_word(object::header_layout(header), words * 8)?;
    (fresh == header).then_some((header, words * 8))
}

/// Largest payload the inline path may allocate.
pub const MAX_INLINE_ALLOC_BYTES: usize = MAX_NURSERY_OBJECT - HEADER_BYTES;

/// Slow-path entry for JIT code: returns the payload address, or 0 on failure
/// (the JIT then raises the client's MemoryError).
pub extern "C" fn jit_alloc_slow(layout_bits: u32, payload_bytes: usize) -> usize {
    alloc_slow(LayoutId::from_bits(layout_bits), payload_bytes).map_or(0, GcPtr::addr)
}

/// Card-marking barrier slow path for JIT code, for a store into word
/// `index` (call it when the header has [`FLAG_TRACK_YOUNG`]).
pub extern "C" fn jit_write_barrier_at_slow(obj: usize, index: usize) {
    // SAFETY: JIT code passes the payload address of a live object.
    if let Some(obj) = unsafe { GcPtr::from_addr(obj) } {
        write_barrier_at_slow(obj, index);
    }
}

/// Write-barrier slow path for JIT code (call it when the header has
/// [`FLAG_TRACK_YOUNG`]).
pub extern "C" fn jit_write_barrier_slow(obj: usize) {
    // SAFETY: JIT code passes the payload address of a live object.
    if let Some(obj) = unsafe { GcPtr::from_addr(obj) } {
        write_barrier_slow(obj);
    }
}
