//! Links between compiled traces: exit codes name the trace, a linked exit
//! tail-calls its target on the same buffer, unlinking makes it return, and
//! long chains of links do not grow the native stack.

use super::{CompileEnv, CompiledTrace, compile_with};
use crate::ir::*;

fn inputs(t: &mut Trace, n: u32) -> Vec<Ref> {
    (0..n)
        .map(|index| {
            t.push(Op::Input {
                index,
                ty: Type::Int,
            })
        })
        .collect()
}

/// i, sum, n: while i < n { sum += i; i += 1 } (guard 0 exits [i, sum, n]).
fn summing_loop() -> Trace {
    let mut t = Trace::new("loop");
    let v = inputs(&mut t, 3);
    t.push(Op::Label);
    let lt = t.push(Op::Bin(BinOp::IntLt, v[0], v[2]));
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: lt,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: v.clone(),
    });
    let sum = t.push(Op::Bin(BinOp::IntAdd, v[1], v[0]));
    let one = t.constant(1, Type::Int);
    let i = t.push(Op::Bin(BinOp::IntAdd, v[0], one));
    t.push(Op::Jump(vec![i, sum, v[2]]));
    t
}

/// i, sum, n: if n < limit, finish with n + 1 (else guard 0 exits).
fn extending_bridge(limit: u64) -> Trace {
    let mut t = Trace::new("bridge");
    let v = inputs(&mut t, 3);
    t.push(Op::Label);
    let limit = t.constant(limit, Type::Int);
    let lt = t.push(Op::Bin(BinOp::IntLt, v[2], limit));
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: lt,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: v.clone(),
    });
    let one = t.constant(1, Type::Int);
    let n = t.push(Op::Bin(BinOp::IntAdd, v[2], one));
    t.push(Op::Finish {
        resume: 1,
        pc: 0,
        exit: vec![v[0], v[1], n],
    });
    t
}

fn compiled(t: &Trace, trace_id: u32) -> CompiledTrace {
    let env = CompileEnv {
        trace_id,
        ..CompileEnv::default()
    };
    compile_with(t, &env).expect("compiles")
}

fn run(c: &CompiledTrace, start: [u64; 3]) -> ((u32, usize), [u64; 3]) {
    let mut buf = vec![0u64; 16];
    buf[..3].copy_from_slice(&start);
    // SAFETY: 16 words cover both traces; they call no helpers.
    let exit = unsafe { c.run_linked(&mut buf) };
    (exit, [buf[0], buf[1], buf[2]])
}

#[test]
fn exit_codes_name_the_trace_and_links_chain_traces() {
    let lp = compiled(&summing_loop(), 7);
    let limit = 100_000;
    let bridge = compiled(&extending_bridge(limit), 8);
    assert!(lp.linkable(0) && bridge.linkable(1));
    // Unlinked: the loop's guard returns to the caller.
    assert_eq!(run(&lp, [0, 0, 10]), ((7, 0), [10, 45, 10]));
    // SAFETY: the bridge takes the loop's exit values (i, sum, n) and the
    // loop takes the bridge's finish values; both outlive the links.
    unsafe {
        lp.link(0, Some(&bridge));
        bridge.link(1, Some(&lp));
    }
    // loop -> bridge -> loop ... 100,000 times, each a tail call: a stack
    // that grew per hop would overflow the test thread's stack.
    let uses_before = lp.uses();
    let (exit, words) = run(&lp, [0, 0, 10]);
    assert_eq!(exit, (8, 0), "the bridge's guard ends the chain");
    let n = limit;
    assert_eq!(words, [n, n * (n - 1) / 2, n]);
    assert_eq!(lp.uses() - uses_before, 1 + (limit - 10));
    // Unlinked again: the loop's guard returns.
    // SAFETY: unlinking only makes the exit return.
    unsafe { lp.link(0, None) };
    assert_eq!(lp.link_target(0), 0);
    assert_eq!(run(&lp, [0, 0, 10]), ((7, 0), [10, 45, 10]));
}
