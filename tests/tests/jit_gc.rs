//! The GC inside compiled code: allocation inlined as the bump fast path,
//! the write barrier inlined, and collections triggered from inside a trace
//! (GC stress mode: every allocation collects) that must find the objects
//! the trace holds only in SSA values.

mod jit_machine;
use jit_machine::*;

/// locals: 0 = i, 2 = head of a list the loop grows (held only by the trace
/// while it runs), 3 = an old "holder" box that each iteration points at a
/// fresh box (only reachable through it: the barrier must remember it).
/// Returns the list length plus one (the holder's box).
fn allocating_loop(n: i64) -> Machine {
    let end = 19;
    let code = vec![
        I::Push(0),
        I::NewBox,
        I::Store(3),
        I::Load(0), // 3: header
        I::Push(n),
        I::Lt,
        I::JumpIfZero(end),
        I::Load(2), // 7
        I::NewBox,
        I::Store(2),
        I::Load(3), // 10
        I::Push(0),
        I::NewBox,
        I::SetLink,
        I::Load(0), // 14
        I::Push(1),
        I::Add,
        I::Store(0),
        I::Loop(3),
        I::Push(0), // 19: one more allocation, a collection under stress
        I::NewBox,
        I::Store(4),
        I::Load(2),
        I::ListLen,
        I::Load(3),
        I::Link,
        I::ListLen,
        I::Add,
        I::Ret,
    ];
    Machine {
        codes: vec![(code, 5)],
    }
}

fn check(stress: bool) {
    let n = if stress { 1500 } else { 20_000 };
    let mut m = allocating_loop(n);
    retrace::gc::set_stress(stress);
    let (off, _) = run(&mut m, "off");
    let before = retrace::gc::stats().minor_collections;
    let (on, stats) = run(&mut m, "threshold=2");
    let collections = retrace::gc::stats().minor_collections - before;
    retrace::gc::set_stress(false);
    assert_eq!(off, Ok(n as u64 + 1));
    assert_eq!(on, off);
    assert_eq!(stats.loops_compiled, 1, "{stats:?}");
    assert!(stats.inline_allocs >= 1, "allocation inlined: {stats:?}");
    assert!(stats.inline_barriers >= 1, "barrier inlined: {stats:?}");
    if stress {
        assert!(
            collections as i64 >= n,
            "collections in the trace: {collections}"
        );
    }
}

#[test]
fn allocating_loop_with_inline_allocation_and_barrier() {
    check(false);
}

#[test]
fn collections_inside_a_trace_keep_what_it_holds_in_registers() {
    check(true);
}
