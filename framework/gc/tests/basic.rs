//! Unit tests of each part of the collector, through the public API.

use std::cell::{Cell, RefCell};
use std::hint::black_box;
use std::sync::OnceLock;

use retrace_gc::{
    AllocError, GcPtr, HeapConfig, Layout, LayoutId, Refs, Root, Tracer, alloc, alloc_weak,
    collect_major, collect_minor, has_pending_finalizers, header_word, register_finalizer,
    register_layout, run_finalizers, set_max_heap, stats, weak_get, write_barrier,
};

thread_local! {
    static DROPPED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    static FINALIZED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    static RESURRECTED: Cell<usize> = const { Cell::new(0) };
}

fn record_drop(obj: GcPtr) {
    // Drop hooks also run when the heap goes away at thread exit, when this
    // thread-local may already be gone.
    let _ = DROPPED.try_with(|d| d.borrow_mut().push(obj.load(0)));
}

fn dropped(id: usize) -> bool {
    DROPPED.with(|d| d.borrow().contains(&id))
}

/// A pair: word 0 raw (an id), words 1 and 2 references. No hooks.
fn pair() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| register_layout(Layout::new("pair", Refs::fields(&[1, 2]))).unwrap())
}

/// Like `pair`, with a drop hook that records the id.
fn tracked() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| {
        register_layout(Layout::new("tracked", Refs::fields(&[1, 2])).with_drop(record_drop))
            .unwrap()
    })
}

/// Word 0 raw (id), every word from 1 on a reference; drop hook.
fn tracked_array() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| {
        register_layout(Layout::new("tracked-array", Refs::array(1)).with_drop(record_drop))
            .unwrap()
    })
}

fn raw() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| register_layout(Layout::new("raw", Refs::none())).unwrap())
}

fn new_tracked(id: usize) -> GcPtr {
    let obj = alloc(tracked(), 24).unwrap();
    obj.store(0, id);
    obj
}

/// Overwrite the dead part of the stack so stale pointers do not keep
/// garbage alive in tests that count frees.
#[inline(never)]
fn scrub_stack() {
    let mut buffer = [0usize; 4096];
    black_box(&mut buffer);
}

/// A minor collection, or a major one in stress mode: there every allocation
/// collects, so objects made a moment ago are already old.
fn collect_young() {
    if retrace_gc::stress() {
        collect_major()
    } else {
        collect_minor()
    }
}

#[inline(never)]
fn make_garbage(first_id: usize, count: usize) {
    for id in first_id..first_id + count {
        black_box(new_tracked(id));
    }
}

#[test]
fn alloc_gives_zeroed_payload_with_header() {
    let obj = alloc(pair(), 24).unwrap();
    assert_eq!(obj.layout(), pair());
    assert_eq!(obj.payload_words(), 3);
    assert_eq!((0..3).map(|i| obj.load(i)).sum::<usize>(), 0);
    obj.store(0, 42);
    assert_eq!(obj.load(0), 42);
    assert!(!obj.is_old());
    assert_eq!(obj.header(), header_word(pair(), 24).unwrap());
    // Zero-byte payloads still get one word.
    assert_eq!(alloc(raw(), 0).unwrap().payload_words(), 1);
}

#[test]
fn unknown_and_oversized_requests_are_errors() {
    assert_eq!(
        alloc(raw(), usize::MAX - 7).unwrap_err(),
        AllocError::TooLarge {
            requested: usize::MAX - 7
        }
    );
}

#[test]
fn root_keeps_graph_alive_across_minor_and_major() {
    #[inline(never)]
    fn build() -> Root {
        let a = alloc(pair(), 24).unwrap();
        let b = alloc(pair(), 24).unwrap();
        a.store(0, 1);
        b.store(0, 2);
        a.store_ref(1, Some(b));
        b.store_ref(2, Some(a));
        Root::new(Some(a)).unwrap()
    }
    let root = build();
    scrub_stack();
    collect_minor();
    let a = root.get().unwrap();
    assert!(a.is_old());
    let b = a.load_ref(1).unwrap();
    assert_eq!((a.load(0), b.load(0)), (1, 2));
    assert_eq!(b.load_ref(2), Some(a));
    collect_major();
    let a = root.get().unwrap();
    assert_eq!(a.load_ref(1).unwrap().load_ref(2), Some(a));
}

#[test]
fn unreachable_young_objects_with_drop_hooks_are_dropped() {
    make_garbage(1000, 50);
    scrub_stack();
    collect_young();
    let freed = (1000..1050).filter(|&id| dropped(id)).count();
    assert!(freed >= 48, "only {freed} of 50 young objects dropped");
}

#[test]
fn unreachable_old_objects_are_swept_and_reachable_ones_kept() {
    let keep = Root::new(None).unwrap();
    #[inline(never)]
    fn build(keep: &Root) {
        let list = alloc(tracked_array(), 8 * 101).unwrap();
        list.store(0, 2000);
        for i in 0..100 {
            let item = new_tracked(2001 + i);
            list.store_ref(1 + i, Some(item));
        }
        keep.set(Some(list));
    }
    build(&keep);
    scrub_stack();
    collect_minor();
    let list = keep.get().unwrap();
    assert!(list.is_old());
    for i in (0..100).step_by(2) {
        list.store_ref(1 + i, None);
    }
    scrub_stack();
    collect_major();
    let list = keep.get().unwrap();
    for i in 0..100 {
        let id = 2001 + i;
        if i % 2 == 0 {
            assert!(dropped(id), "object {id} survived");
        } else {
            assert!(!dropped(id));
            assert_eq!(list.load_ref(1 + i).unwrap().load(0), id);
        }
    }
}

#[test]
fn write_barrier_keeps_young_object_stored_in_old_one() {
    let root = old_holder();
    let old = root.get().unwrap();
    assert!(old.is_old());
    #[inline(never)]
    fn store_young(old: GcPtr) {
        let young = alloc(pair(), 24).unwrap();
        young.store(0, 77);
        old.store_ref(1, Some(young));
    }
    store_young(old);
    scrub_stack();
    collect_minor();
    let old = root.get().unwrap();
    let young = old.load_ref(1).unwrap();
    assert!(young.is_old());
    assert_eq!(young.load(0), 77);
    // A raw store followed by an explicit barrier works the same way.
    #[inline(never)]
    fn raw_store(old: GcPtr) {
        let other = alloc(pair(), 24).unwrap();
        other.store(0, 78);
        old.store(2, other.addr());
        write_barrier(old);
    }
    raw_store(old);
    scrub_stack();
    collect_minor();
    assert_eq!(root.get().unwrap().load_ref(2).unwrap().load(0), 78);
}

/// A root holding an old `pair`.
#[inline(never)]
fn old_holder() -> Root {
    #[inline(never)]
    fn build() -> Root {
        Root::new(Some(alloc(pair(), 24).unwrap())).unwrap()
    }
    let root = build();
    scrub_stack();
    collect_minor();
    assert!(root.get().unwrap().is_old());
    root
}

#[test]
fn pinned_child_of_old_object_is_copied_once_unpinned() {
    let root = old_holder();
    #[inline(never)]
    fn store_and_pin(holder: GcPtr) {
        let child = alloc(pair(), 24).unwrap();
        child.store(0, 99);
        holder.store_ref(1, Some(child));
        collect_minor();
        // Held by this frame: pinned, so still young and in place.
        assert!(!child.is_old());
        assert_eq!(holder.load_ref(1), Some(child));
    }
    store_and_pin(root.get().unwrap());
    scrub_stack();
    // Now only the old holder refers to it: the remembered set must still
    // know, so the child is copied, not lost.
    collect_minor();
    let child = root.get().unwrap().load_ref(1).unwrap();
    assert!(child.is_old());
    assert_eq!(child.load(0), 99);
    collect_major();
    assert_eq!(root.get().unwrap().load_ref(1).unwrap().load(0), 99);
}

#[test]
fn large_objects_live_outside_the_nursery() {
    #[inline(never)]
    fn build() -> Root {
        let big = alloc(tracked_array(), 100_000).unwrap();
        assert!(big.is_old(), "large objects are born old");
        big.store(0, 3000);
        let small = new_tracked(3001);
        big.store_ref(12_000, Some(small));
        Root::new(Some(big)).unwrap()
    }
    #[inline(never)]
    fn check(root: &Root) {
        let big = root.get().unwrap();
        assert_eq!(big.load_ref(12_000).unwrap().load(0), 3001);
    }
    let root = build();
    collect_minor();
    collect_major();
    check(&root);
    root.set(None);
    scrub_stack();
    collect_major();
    assert!(dropped(3000) && dropped(3001));
}

#[test]
fn weak_references_follow_moves_and_clear_on_death() {
    #[inline(never)]
    fn build() -> (Root, Root) {
        let target = new_tracked(4000);
        let weak = alloc_weak(Some(target)).unwrap();
        (
            Root::new(Some(weak)).unwrap(),
            Root::new(Some(target)).unwrap(),
        )
    }
    #[inline(never)]
    fn check(keep_weak: &Root, keep_target: &Root) {
        assert!(keep_target.get().unwrap().is_old());
        assert_eq!(weak_get(keep_weak.get().unwrap()), keep_target.get());
    }
    let (keep_weak, keep_target) = build();
    scrub_stack();
    collect_minor();
    check(&keep_weak, &keep_target);
    keep_target.set(None);
    scrub_stack();
    collect_major();
    assert!(dropped(4000));
    assert_eq!(weak_get(keep_weak.get().unwrap()), None);
}

#[test]
fn weak_reference_to_young_garbage_is_cleared_by_minor() {
    #[inline(never)]
    fn make() -> Root {
        let target = new_tracked(4100);
        Root::new(Some(alloc_weak(Some(target)).unwrap())).unwrap()
    }
    let weak = make();
    scrub_stack();
    collect_young();
    assert!(dropped(4100));
    assert_eq!(weak_get(weak.get().unwrap()), None);
}

fn finalize(obj: GcPtr) {
    FINALIZED.with(|f| f.borrow_mut().push(obj.load(0)));
}

fn finalize_and_resurrect(obj: GcPtr) {
    finalize(obj);
    RESURRECTED.with(|r| r.set(obj.addr()));
    // Resurrect: stash the object in a global root.
    std::mem::forget(Root::new(Some(obj)).unwrap());
}

fn finalized(id: usize) -> usize {
    FINALIZED.with(|f| f.borrow().iter().filter(|&&x| x == id).count())
}

#[test]
fn finalizer_runs_once_then_object_is_freed() {
    #[inline(never)]
    fn make() -> Root {
        let obj = new_tracked(5000);
        let child = new_tracked(5001);
        obj.store_ref(1, Some(child));
        register_finalizer(obj, finalize).unwrap();
        Root::new(Some(alloc_weak(Some(child)).unwrap())).unwrap()
    }
    let weak_child = make();
    scrub_stack();
    collect_young();
    assert!(has_pending_finalizers());
    // The object and what it reaches are kept for the finalizer, but weak
    // references to them are already cleared.
    assert!(!dropped(5000) && !dropped(5001));
    assert_eq!(weak_get(weak_child.get().unwrap()), None);
    assert_eq!(run_finalizers(), 1);
    assert_eq!(finalized(5000), 1);
    scrub_stack();
    collect_major();
    assert!(dropped(5000) && dropped(5001));
    collect_major();
    assert_eq!(finalized(5000), 1, "finalizers run once");
}

#[test]
fn finalizer_may_resurrect_old_object() {
    #[inline(never)]
    fn make() {
        let obj = new_tracked(5100);
        register_finalizer(obj, finalize_and_resurrect).unwrap();
    }
    make();
    collect_minor(); // promoted (or pinned) while referenced by the finalizer list
    scrub_stack();
    collect_major();
    assert_eq!(run_finalizers(), 1);
    scrub_stack();
    collect_major();
    collect_major();
    assert!(!dropped(5100), "a resurrected object stays alive");
    let addr = RESURRECTED.with(|r| r.get());
    // SAFETY: the finalizer stored the object in a root, so it is alive.
    let obj = unsafe { GcPtr::from_addr(addr) }.unwrap();
    assert_eq!(obj.load(0), 5100);
    assert_eq!(finalized(5100), 1);
}

#[test]
fn heap_limit_gives_out_of_memory_error_not_abort() {
    set_max_heap(Some(16 << 20));
    let keep = Root::new(None).unwrap();
    #[inline(never)]
    fn fill(keep: &Root) -> Option<AllocError> {
        for i in 0..10_000 {
            match alloc(tracked_array(), 64 * 1024) {
                Ok(obj) => {
                    obj.store(0, 6000 + i);
                    obj.store_ref(1, keep.get());
                    keep.set(Some(obj));
                }
                Err(err) => return Some(err),
            }
        }
        None
    }
    let failure = fill(&keep);
    assert!(
        matches!(failure, Some(AllocError::OutOfMemory { .. })),
        "{failure:?}"
    );
    // Dropping the data makes room again.
    keep.set(None);
    scrub_stack();
    assert!(alloc(tracked_array(), 64 * 1024).is_ok());
    set_max_heap(None);
}

/// An object owning a Rust Vec of references: trace and drop hooks.
fn vec_layout() -> LayoutId {
    fn vec_of(obj: GcPtr) -> Option<&'static mut Vec<usize>> {
        // SAFETY: word 1 is null or a leaked Box<Vec<usize>> owned by the object.
        unsafe { (obj.load(1) as *mut Vec<usize>).as_mut() }
    }
    fn trace(obj: GcPtr, tracer: &mut Tracer<'_>) {
        if let Some(items) = vec_of(obj) {
            items.iter_mut().for_each(|slot| tracer.edge(slot));
        }
    }
    fn drop_vec(obj: GcPtr) {
        record_drop(obj);
        if obj.load(1) != 0 {
            // SAFETY: as in `vec_of`; the object is dying, so this is the last use.
            drop(unsafe { Box::from_raw(obj.load(1) as *mut Vec<usize>) });
        }
    }
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| {
        register_layout(
            Layout::new("vec", Refs::none())
                .with_trace(trace)
                .with_drop(drop_vec),
        )
        .unwrap()
    })
}

#[test]
fn trace_hook_reports_references_in_rust_memory() {
    #[inline(never)]
    fn build() -> Root {
        let list = alloc(vec_layout(), 16).unwrap();
        list.store(0, 7000);
        list.store(1, Box::into_raw(Box::new(Vec::<usize>::new())) as usize);
        Root::new(Some(list)).unwrap()
    }
    let root = build();
    collect_minor();
    #[inline(never)]
    fn push_items(root: &Root) {
        let list = root.get().unwrap();
        for i in 0..100 {
            let item = new_tracked(7001 + i);
            // SAFETY: word 1 holds the list's Vec.
            unsafe { (*(list.load(1) as *mut Vec<usize>)).push(item.addr()) };
            write_barrier(list);
        }
    }
    push_items(&root);
    scrub_stack();
    collect_minor();
    collect_major();
    #[inline(never)]
    fn check(root: &Root) {
        let list = root.get().unwrap();
        // SAFETY: word 1 holds the list's Vec.
        let items = unsafe { &*(list.load(1) as *const Vec<usize>) };
        assert_eq!(items.len(), 100);
        for (i, &item) in items.iter().enumerate() {
            // SAFETY: the trace hook kept the items alive and updated.
            assert_eq!(unsafe { GcPtr::from_addr(item) }.unwrap().load(0), 7001 + i);
        }
    }
    check(&root);
    root.set(None);
    scrub_stack();
    collect_major();
    assert!(dropped(7000) && (7001..7101).all(dropped));
}

#[test]
fn stats_count_collections() {
    let before = stats();
    collect_minor();
    collect_major();
    let after = stats();
    assert_eq!(after.minor_collections, before.minor_collections + 2);
    assert_eq!(after.major_collections, before.major_collections + 1);
    assert!(after.committed_bytes > 0);
}

#[test]
fn nursery_fills_and_triggers_minor_collections() {
    retrace_gc::configure(HeapConfig {
        nursery_bytes: 256 << 10,
        ..HeapConfig::default()
    })
    .unwrap();
    let before = stats().minor_collections;
    // 256 KB of nursery holds about 8000 of these; stress mode collects at
    // every allocation anyway.
    let count = if retrace_gc::stress() { 2_000 } else { 100_000 };
    for _ in 0..count {
        black_box(alloc(pair(), 24).unwrap());
    }
    let minors = stats().minor_collections - before;
    assert!(minors >= 10, "{minors} minor collections");
    if !retrace_gc::stress() {
        // Each minor collection pins what the stack holds; pinned objects
        // must not use up the nursery (3.2 MB through 256 KB: about 13).
        assert!(minors <= 40, "{minors} minor collections");
    }
}

#[test]
fn notifying_weak_reference_is_queued_when_its_target_dies() {
    #[inline(never)]
    fn make() -> Root {
        let target = new_tracked(8000);
        let data = new_tracked(8001);
        let weak = retrace_gc::alloc_weak_notify(Some(target), Some(data)).unwrap();
        assert!(retrace_gc::is_weakref(weak));
        assert_eq!(weak_get(weak), Some(target));
        Root::new(Some(weak)).unwrap()
    }
    let root = make();
    scrub_stack();
    collect_major();
    assert!(dropped(8000) && !dropped(8001));
    assert!(has_pending_finalizers());
    let cleared = retrace_gc::pop_cleared_weakref().expect("a cleared weak reference");
    assert_eq!(Some(cleared), root.get());
    assert_eq!(weak_get(cleared), None);
    assert_eq!(
        cleared.load_ref(1).unwrap().load(0),
        8001,
        "its data stays alive"
    );
    assert_eq!(retrace_gc::pop_cleared_weakref(), None);
}

#[test]
fn growth_starts_major_collections_and_bounds_the_heap() {
    retrace_gc::configure(HeapConfig {
        min_major_threshold: 1 << 20,
        ..HeapConfig::default()
    })
    .unwrap();
    let before = stats().major_collections;
    // 64 MB of objects that survive one minor collection (a root holds the
    // latest batch), then die.
    #[inline(never)]
    fn churn(keep: &Root) {
        // Stress mode collects at every allocation anyway: fewer rounds.
        let rounds = if retrace_gc::stress() { 16 } else { 256 };
        for round in 0..rounds {
            let batch = alloc(tracked_array(), 8 * 1001).unwrap();
            batch.store(0, 9000 + round);
            for i in 0..250 {
                let item = alloc(pair(), 1000).unwrap();
                batch.store_ref(1 + i, Some(item));
            }
            keep.set(Some(batch));
        }
    }
    let keep = Root::new(None).unwrap();
    churn(&keep);
    let after = stats();
    assert!(
        after.major_collections > before,
        "no major collection started"
    );
    assert!(
        after.peak_committed_bytes < 48 << 20,
        "heap grew to {} KB",
        after.peak_committed_bytes >> 10
    );
}

#[test]
fn stress_mode_poisons_freed_memory() {
    #[inline(never)]
    fn make() -> (Root, Root) {
        let keep = new_tracked(9500);
        let dead = new_tracked(9501);
        (
            Root::new(Some(keep)).unwrap(),
            Root::new(Some(dead)).unwrap(),
        )
    }
    let (keep, doomed) = make();
    scrub_stack();
    collect_minor();
    // Both are old now, neighbours in one page; the survivor keeps the page.
    // The doomed one's address is returned complemented, so that no stack
    // word points at it.
    #[inline(never)]
    fn hidden_address(keep: &Root, doomed: &Root) -> usize {
        let (keep_addr, dead_addr) = (keep.get().unwrap().addr(), doomed.get().unwrap().addr());
        assert_eq!(keep_addr >> 15, dead_addr >> 15, "expected one page");
        !dead_addr
    }
    let hidden = hidden_address(&keep, &doomed);
    doomed.set(None);
    retrace_gc::set_stress(true);
    scrub_stack();
    collect_major();
    retrace_gc::set_stress(false);
    assert!(dropped(9501) && !dropped(9500));
    // SAFETY: the page is still allocated (its other slot is live); the
    // freed slot is plain memory.
    let word = unsafe { std::ptr::read_volatile((!hidden + 8) as *const usize) };
    assert_eq!(word, 0xDBDB_DBDB_DBDB_DBDB);
}

#[test]
fn freed_large_objects_return_memory() {
    #[inline(never)]
    fn make() -> Root {
        Root::new(Some(alloc(raw(), 4 << 20).unwrap())).unwrap()
    }
    let root = make();
    let with_it = stats().committed_bytes;
    root.set(None);
    scrub_stack();
    collect_major();
    assert!(stats().committed_bytes + (4 << 20) <= with_it);
}

#[test]
fn raw_byte_payloads_survive_moves() {
    #[inline(never)]
    fn make() -> Root {
        let text = b"hello, retrace";
        let string = alloc(raw(), text.len()).unwrap();
        // SAFETY: a fresh object; no other view exists.
        unsafe { string.bytes_mut()[..text.len()].copy_from_slice(text) };
        Root::new(Some(string)).unwrap()
    }
    let root = make();
    scrub_stack();
    collect_minor();
    collect_major();
    let string = root.get().unwrap();
    assert!(string.is_old());
    assert_eq!(string.payload_bytes(), 16);
    // SAFETY: `string` is a live local.
    assert_eq!(&unsafe { string.bytes() }[..14], b"hello, retrace");
}

#[test]
fn dead_old_object_pointing_to_a_pinned_child_is_forgotten() {
    let root = old_holder();
    #[inline(never)]
    fn link(root: &Root) -> GcPtr {
        let holder = root.get().unwrap();
        let child = new_tracked(9700);
        holder.store_ref(1, Some(child));
        let weak = retrace_gc::alloc_weak_notify(Some(child), None).unwrap();
        holder.store_ref(2, Some(weak));
        child
    }
    #[inline(never)]
    fn pin_then_drop_holder(root: &Root) {
        let child = link(root);
        scrub_stack();
        // The child is pinned by this frame; the old holder stays remembered.
        collect_minor();
        assert!(!child.is_old());
        // Now the holder (and the weak reference) die in a major collection,
        // while the child is still kept in the nursery.
        root.set(None);
        scrub_stack();
        collect_major();
        assert_eq!(child.load(0), 9700);
    }
    scrub_stack();
    pin_then_drop_holder(&root);
    scrub_stack();
    // Fill the freed slots with other objects, then collect again: nothing
    // may scan the dead holder or queue the dead weak reference.
    for i in 0..1000 {
        black_box(new_tracked(9800 + i));
    }
    collect_minor();
    collect_major();
    assert!(dropped(9700));
    assert_eq!(retrace_gc::pop_cleared_weakref(), None);
}

#[test]
fn stores_into_large_arrays_mark_cards() {
    #[inline(never)]
    fn make() -> Root {
        let array = alloc(tracked_array(), 8 * 100_001).unwrap();
        assert!(array.is_old());
        assert_ne!(array.header() & retrace_gc::FLAG_CARDS, 0);
        array.store(0, 9900);
        Root::new(Some(array)).unwrap()
    }
    let root = make();
    #[inline(never)]
    fn store_young(array: GcPtr, index: usize, id: usize) {
        array.store_ref(index, Some(new_tracked(id)));
    }
    let array = root.get().unwrap();
    store_young(array, 5, 9901);
    store_young(array, 90_000, 9902);
    store_young(array, 90_001, 9903);
    // The barrier leaves the array armed: every store marks its own card.
    assert_ne!(array.header() & retrace_gc::FLAG_TRACK_YOUNG, 0);
    scrub_stack();
    let before = stats().cards_scanned;
    collect_minor();
    if !retrace_gc::stress() {
        // (Under stress every store's allocation collected already.)
        assert_eq!(
            stats().cards_scanned - before,
            2,
            "two cards marked, two scanned"
        );
    }
    for (index, id) in [(5, 9901), (90_000, 9902), (90_001, 9903)] {
        let item = array.load_ref(index).unwrap();
        assert!(item.is_old());
        assert_eq!(item.load(0), id);
    }
    // Nothing marked: the next minor collection scans no card.
    let before = stats().cards_scanned;
    collect_minor();
    assert_eq!(stats().cards_scanned, before);
    // A plain barrier on the array still works (whole-object remembering).
    #[inline(never)]
    fn raw_store(array: GcPtr) {
        array.store(70_000, new_tracked(9904).addr());
        write_barrier(array);
    }
    raw_store(array);
    scrub_stack();
    collect_minor();
    assert_eq!(array.load_ref(70_000).unwrap().load(0), 9904);
    collect_major();
    assert_eq!(root.get().unwrap().load_ref(90_001).unwrap().load(0), 9903);
}

#[test]
fn finalizers_of_a_chain_run_in_one_collection() {
    #[inline(never)]
    fn make() {
        let mut next = None;
        for id in 0..5 {
            let obj = new_tracked(9600 + id);
            obj.store_ref(1, next);
            register_finalizer(obj, finalize).unwrap();
            next = Some(obj);
        }
    }
    make();
    scrub_stack();
    collect_young();
    assert_eq!(run_finalizers(), 5, "all five at once, as CPython does");
    scrub_stack();
    collect_major();
    assert!((9600..9605).all(|id| finalized(id) == 1 && dropped(id)));
}
