//! The protocol a JIT follows to inline allocation and the write barrier,
//! done by hand here exactly as docs/gc.md describes it.

use std::hint::black_box;
use std::sync::OnceLock;

use retrace_gc::{
    AllocError, FLAG_TRACK_YOUNG, GcPtr, HEADER_BYTES, Layout, LayoutId, MAX_INLINE_ALLOC_BYTES,
    Refs, Root, alloc, bump_limit_addr, bump_pointer_addr, collect_major, collect_minor,
    header_word, jit_alloc_slow, jit_write_barrier_slow, register_layout,
};

fn pair() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| register_layout(Layout::new("jit-pair", Refs::fields(&[1]))).unwrap())
}

/// What inlined allocation code does: bump, compare, store header; else
/// call the slow path.
fn inline_alloc(layout: LayoutId, bytes: usize) -> usize {
    let header = header_word(layout, bytes).expect("inline-allocatable");
    let size = HEADER_BYTES + bytes.max(8).next_multiple_of(8);
    let free_addr = bump_pointer_addr();
    let limit_addr = bump_limit_addr();
    // SAFETY: both addresses are this thread's bump words.
    unsafe {
        let free = *free_addr;
        let new_free = free + size;
        if new_free > *limit_addr {
            return jit_alloc_slow(layout.bits(), bytes);
        }
        *free_addr = new_free;
        *(free as *mut usize) = header;
        free + HEADER_BYTES
    }
}

/// What an inlined barrier does after storing into `obj`.
fn inline_barrier(obj: usize) {
    // SAFETY: `obj` is a live object's payload; its header precedes it.
    let header = unsafe { *((obj - HEADER_BYTES) as *const usize) };
    if header & FLAG_TRACK_YOUNG != 0 {
        jit_write_barrier_slow(obj);
    }
}

#[inline(never)]
fn scrub_stack() {
    black_box(&mut [0usize; 4096]);
}

#[test]
fn inline_allocation_and_barrier_follow_the_collector() {
    assert!(header_word(pair(), MAX_INLINE_ALLOC_BYTES).is_some());
    assert!(header_word(pair(), MAX_INLINE_ALLOC_BYTES + 1).is_none());
    let root = Root::new(None).unwrap();
    // Stress mode collects at every allocation: a shorter chain.
    let count = if retrace_gc::stress() { 2_000 } else { 20_000 };
    #[inline(never)]
    fn build(root: &Root, count: usize) {
        // A chain of records, each made by the inline sequence, linked
        // through word 1 with the inline barrier.
        let mut head = 0usize;
        for i in 0..count {
            let obj = inline_alloc(pair(), 16);
            assert_ne!(obj, 0);
            // SAFETY: a fresh two-word payload.
            unsafe {
                *(obj as *mut usize) = i * 2 + 1;
                *((obj + 8) as *mut usize) = head;
            }
            inline_barrier(obj);
            head = obj;
            if i % 3000 == 0 {
                // SAFETY: `head` is a live object.
                root.set(unsafe { GcPtr::from_addr(head) });
                collect_minor();
                head = root.get().unwrap().addr();
            }
        }
        // SAFETY: `head` is a live object.
        root.set(unsafe { GcPtr::from_addr(head) });
    }
    build(&root, count);
    collect_major();
    let mut cursor = root.get();
    let mut expected = count;
    while let Some(obj) = cursor {
        expected -= 1;
        assert_eq!(obj.load(0), expected * 2 + 1);
        assert_eq!(obj.layout(), pair());
        cursor = obj.load_ref(1);
    }
    assert_eq!(expected, 0);
}

#[test]
fn inline_barrier_records_old_objects() {
    #[inline(never)]
    fn make_old() -> Root {
        #[inline(never)]
        fn make() -> Root {
            Root::new(Some(alloc(pair(), 16).unwrap())).unwrap()
        }
        let root = make();
        scrub_stack();
        collect_minor();
        root
    }
    let root = make_old();
    let old = root.get().unwrap();
    assert!(old.is_old());
    assert_ne!(old.header() & FLAG_TRACK_YOUNG, 0);
    #[inline(never)]
    fn store_young(old: GcPtr) {
        let young = inline_alloc(pair(), 16);
        // SAFETY: a fresh payload, and a live old one.
        unsafe {
            *(young as *mut usize) = 4321;
            *((old.addr() + 8) as *mut usize) = young;
        }
        inline_barrier(old.addr());
    }
    store_young(old);
    assert_eq!(old.header() & FLAG_TRACK_YOUNG, 0, "remembered");
    scrub_stack();
    collect_minor();
    let young = root.get().unwrap().load_ref(1).unwrap();
    assert_eq!(young.load(0), 4321);
    assert_ne!(
        root.get().unwrap().header() & FLAG_TRACK_YOUNG,
        0,
        "barrier re-armed"
    );
}

#[test]
fn slow_path_reports_errors_as_null() {
    retrace_gc::set_max_heap(Some(8 << 20));
    assert_eq!(jit_alloc_slow(pair().bits(), 64 << 20), 0);
    retrace_gc::set_max_heap(None);
    // An id that was never registered.
    assert_eq!(jit_alloc_slow(0x7F_FFFF, 16), 0);
}

thread_local! {
    static FROM_HOOK: std::cell::RefCell<Option<Result<(), AllocError>>> =
        const { std::cell::RefCell::new(None) };
}

#[test]
fn allocating_inside_a_drop_hook_is_an_error() {
    fn hook(_obj: GcPtr) {
        let result = alloc(pair(), 16).map(|_| ());
        let _ = FROM_HOOK.try_with(|r| *r.borrow_mut() = Some(result));
    }
    let layout = register_layout(Layout::new("hooked", Refs::none()).with_drop(hook)).unwrap();
    #[inline(never)]
    fn garbage(layout: LayoutId) {
        black_box(alloc(layout, 8).unwrap());
    }
    garbage(layout);
    scrub_stack();
    collect_major();
    FROM_HOOK.with(|r| assert_eq!(*r.borrow(), Some(Err(AllocError::Reentrant))));
}

thread_local! {
    static HOOK_ROOTS: std::cell::RefCell<Vec<Root>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[test]
fn a_root_dropped_by_a_drop_hook_is_freed_later() {
    fn hook(_obj: GcPtr) {
        // Dropping a Root from inside a collection.
        let _ = HOOK_ROOTS.try_with(|roots| roots.borrow_mut().clear());
    }
    let layout = register_layout(Layout::new("root-owner", Refs::none()).with_drop(hook)).unwrap();
    #[inline(never)]
    fn setup(layout: LayoutId) -> Root {
        let target = alloc(pair(), 16).unwrap();
        target.store(0, 5555);
        HOOK_ROOTS.with(|roots| roots.borrow_mut().push(Root::new(Some(target)).unwrap()));
        black_box(alloc(layout, 8).unwrap());
        Root::new(Some(retrace_gc::alloc_weak(Some(target)).unwrap())).unwrap()
    }
    let weak = setup(layout);
    scrub_stack();
    collect_major();
    assert!(HOOK_ROOTS.with(|roots| roots.borrow().is_empty()));
    // The root's slot is released at the next entry to the heap, so the
    // target is unreachable by the next collection.
    collect_major();
    assert_eq!(retrace_gc::weak_get(weak.get().unwrap()), None);
}
