//! Conservative roots: references held only in Rust locals (stack slots or
//! callee-saved registers), interior pointers, root ranges, recursion, threads.

use std::hint::black_box;
use std::sync::OnceLock;

use retrace_gc::{
    GcPtr, Layout, LayoutId, Refs, add_root_range, alloc, collect_major, collect_minor,
    remove_root_range, stats,
};

fn pair() -> LayoutId {
    static ID: OnceLock<LayoutId> = OnceLock::new();
    *ID.get_or_init(|| register(Layout::new("pair", Refs::fields(&[1, 2]))))
}

fn register(layout: Layout) -> LayoutId {
    retrace_gc::register_layout(layout).unwrap()
}

fn make_pair(tag: usize) -> GcPtr {
    let obj = alloc(pair(), 24).unwrap();
    obj.store(0, tag);
    obj
}

/// Allocate `count` short-lived objects, collecting now and then (fewer in
/// stress mode, where every allocation collects).
#[inline(never)]
fn churn(count: usize) {
    let count = if retrace_gc::stress() {
        count / 20
    } else {
        count
    };
    for i in 0..count {
        let junk = make_pair(i * 2 + 1);
        junk.store_ref(1, Some(make_pair(0)));
        black_box(junk);
        if i % 5000 == 4999 {
            collect_major();
        } else if i % 700 == 0 {
            collect_minor();
        }
    }
}

#[test]
fn local_variable_keeps_object_and_its_young_child() {
    #[inline(never)]
    fn hold() {
        let obj = make_pair(0xAAAA_0000);
        let child = make_pair(0xBBBB_0000);
        obj.store_ref(1, Some(child));
        // The only reference to `obj` is this local: opaque to the optimizer,
        // so it lives in a register or a stack slot across the calls below.
        let obj = black_box(obj);
        let minors = stats().minor_collections;
        churn(30_000);
        assert!(stats().minor_collections > minors + 10);
        assert_eq!(obj.layout(), pair());
        assert_eq!(obj.load(0), 0xAAAA_0000);
        let child = obj.load_ref(1).expect("child reference lost");
        assert_eq!(child.load(0), 0xBBBB_0000);
        assert!(!obj.is_old(), "a pinned object stays young, in place");
        assert_eq!(black_box(obj).load(0), 0xAAAA_0000);
    }
    hold();
}

#[test]
fn many_locals_in_recursive_frames_survive() {
    #[inline(never)]
    fn recurse(depth: usize) -> usize {
        let mine = make_pair(depth * 8 + 4);
        let mine = black_box(mine);
        let below = if depth == 0 {
            churn(5_000);
            0
        } else {
            recurse(depth - 1)
        };
        assert_eq!(mine.load(0), depth * 8 + 4, "frame {depth} lost its object");
        below + 1
    }
    assert_eq!(recurse(200), 201);
}

#[test]
fn interior_pointer_pins_the_object() {
    #[inline(never)]
    fn hold() {
        let obj = make_pair(0x1111);
        obj.store(2, 0x2222);
        // Keep only a pointer to the third payload word.
        // SAFETY: the payload has three words.
        let inner = black_box(unsafe { (obj.as_ptr() as *mut usize).add(2) });
        let addr_before = inner as usize;
        churn(20_000);
        // SAFETY: the object was pinned by the interior pointer: still there.
        assert_eq!(unsafe { *inner }, 0x2222);
        // SAFETY: same object, two words back.
        assert_eq!(unsafe { *inner.sub(2) }, 0x1111);
        assert_eq!(inner as usize, addr_before);
    }
    hold();
}

#[test]
fn root_range_keeps_objects_alive_in_place() {
    #[inline(never)]
    fn hold() {
        #[inline(never)]
        fn fill(buffer: &mut [usize]) {
            for (i, slot) in buffer.iter_mut().enumerate().step_by(3) {
                *slot = make_pair(i * 2 + 1000).addr();
            }
        }
        #[inline(never)]
        fn scrub_stack() {
            black_box(&mut [0usize; 4096]);
        }
        // Ranges come and go (a JIT's exit buffers): the range below reuses
        // the slot these leave behind, and must still be scanned.
        let scratch = [0usize; 4];
        for _ in 0..100 {
            // SAFETY: `scratch` outlives the registration, removed at once.
            let id = unsafe { add_root_range(scratch.as_ptr(), scratch.len()) }.unwrap();
            remove_root_range(id);
        }
        let mut buffer = vec![0usize; 64].into_boxed_slice();
        // Registered first: filling it allocates, and may collect.
        // SAFETY: the buffer outlives the registration (removed below).
        let range = unsafe { add_root_range(buffer.as_ptr(), buffer.len()) }.unwrap();
        fill(&mut buffer);
        scrub_stack();
        let copy = buffer.to_vec();
        // Forget the pointers everywhere else.
        black_box(&copy);
        churn(20_000);
        for (i, &addr) in buffer.iter().enumerate().step_by(3) {
            assert_eq!(addr, copy[i], "root-range objects never move");
            // SAFETY: kept alive by the root range.
            let obj = unsafe { GcPtr::from_addr(addr) }.unwrap();
            assert_eq!(obj.load(0), i * 2 + 1000);
        }
        remove_root_range(range);
    }
    hold();
}

#[test]
fn each_thread_has_its_own_heap() {
    let handles: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let obj = black_box(make_pair(t + 10));
                churn(10_000);
                assert_eq!(obj.load(0), t + 10);
                stats().minor_collections
            })
        })
        .collect();
    for handle in handles {
        assert!(handle.join().unwrap() > 0);
    }
}
