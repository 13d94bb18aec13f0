//! Bridges linked into their guards: once a guard that fails often has a
//! bridge, compiled code jumps into it (and from the bridge's end back into
//! the loop) without returning to the driver.

mod jit_machine;
use jit_machine::*;

/// while i < n { if i % 2 != 0 { acc += 3 } else { acc += 1 }; i += 1 }
fn branchy(n: i64) -> Machine {
    let code = vec![
        I::Load(0), // 0: header
        I::Push(n),
        I::Lt,
        I::JumpIfZero(23),
        I::Load(0), // 4
        I::Push(2),
        I::Rem,
        I::JumpIfZero(14),
        I::Load(1), // 8: odd
        I::Push(3),
        I::Add,
        I::Store(1),
        I::Push(0), // 12: goto 18
        I::JumpIfZero(18),
        I::Load(1), // 14: even
        I::Push(1),
        I::Add,
        I::Store(1),
        I::Load(0), // 18
        I::Push(1),
        I::Add,
        I::Store(0),
        I::Loop(0),
        I::Load(1), // 23
        I::Ret,
    ];
    Machine {
        codes: vec![(code, 2)],
    }
}

#[test]
fn a_bridge_is_linked_and_guards_stop_reaching_the_driver() {
    let n = 100_000;
    let mut m = branchy(n);
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=5,trace_eagerness=10");
    assert_eq!(off, Ok((n as u64 / 2) * 4));
    assert_eq!(on, off);
    assert!(stats.bridges_compiled >= 1, "{stats:?}");
    assert!(
        stats.links >= 2,
        "bridge into guard, bridge end into loop: {stats:?}"
    );
    // Without links every other iteration would fail a guard in the driver.
    assert!(
        stats.guard_failures < 100,
        "guard failures seen by the driver: {stats:?}"
    );
}

#[test]
fn linked_bridges_under_gc_stress_allocate_correctly() {
    // The same branch shape with an allocation on one side.
    let mut m = branchy(2_000);
    let code = &mut m.codes[0].0;
    // odd side: acc = listlen(newbox(0)) (= 1), allocating in the bridge
    code[8] = I::Push(0);
    code[9] = I::NewBox;
    code[10] = I::ListLen;
    code[11] = I::Store(1);
    let (off, _) = run(&mut m, "off");
    retrace::gc::set_stress(true);
    let (on, stats) = run(&mut m, "threshold=5,trace_eagerness=10");
    retrace::gc::set_stress(false);
    assert_eq!(on, off);
    assert!(stats.links >= 1, "{stats:?}");
}
