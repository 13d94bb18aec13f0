//! Compile time of a small loop trace (the sum loop with its overflow and
//! exit guards), from optimized IR to callable machine code.

use criterion::{Criterion, criterion_group, criterion_main};
use retrace_jit::ir::{BinOp, GuardKind, Op, OvfOp, Trace, Type};
use std::hint::black_box;

fn sum_loop() -> Trace {
    let mut t = Trace::new("sum");
    let i = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    let sum = t.push(Op::Input {
        index: 1,
        ty: Type::Int,
    });
    let n = t.push(Op::Input {
        index: 2,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let one = t.constant(1, Type::Int);
    for r in [i, sum] {
        let tag = t.push(Op::Bin(BinOp::IntAnd, r, one));
        t.push(Op::Guard {
            kind: GuardKind::True,
            value: tag,
            expected: 0,
            resume: 0,
            pc: 0,
            exit: vec![i, sum, n],
        });
    }
    let lt = t.push(Op::Bin(BinOp::IntLt, i, n));
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: lt,
        expected: 0,
        resume: 1,
        pc: 2,
        exit: vec![i, sum, n],
    });
    let i0 = t.push(Op::Bin(BinOp::IntSub, i, one));
    let s2 = t.push(Op::Ovf(OvfOp::IntAddOvf, sum, i0));
    t.push(Op::Guard {
        kind: GuardKind::NoOverflow,
        value: s2,
        expected: 0,
        resume: 2,
        pc: 5,
        exit: vec![i, sum, n],
    });
    let two = t.constant(2, Type::Int);
    let i2 = t.push(Op::Ovf(OvfOp::IntAddOvf, i, two));
    t.push(Op::Guard {
        kind: GuardKind::NoOverflow,
        value: i2,
        expected: 0,
        resume: 3,
        pc: 9,
        exit: vec![i, s2, n],
    });
    t.push(Op::Jump(vec![i2, s2, n]));
    t
}

fn compile_time(c: &mut Criterion) {
    let trace = sum_loop();
    c.bench_function("compile sum loop trace", |b| {
        b.iter(|| retrace_jit::compile(black_box(&trace)).expect("compiles"))
    });
    c.bench_function("optimize sum loop trace", |b| {
        b.iter(|| retrace_jit::optimize(black_box(&trace)))
    });
}

criterion_group!(benches, compile_time);
criterion_main!(benches);
