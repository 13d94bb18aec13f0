//! Hand-built traces shared by the unit tests (`tests.rs`) and the compile
//! benchmark (`benches/compile.rs`): compiled in tests from `cfg(test)`, and
//! for benches and other crates through the `testing` cargo feature, so each
//! trace is written once and the benchmark measures traces the tests run.
//!
//! - [`sum_loop`]: `while i < n { sum += i; i += 1 }` with an overflow guard;
//! - [`tagged_sum_loop`]: the same loop over tagged integers (18 ops), the
//!   benchmark's small trace;
//! - [`big_loop`]: a loop of `sections` repeated blocks, each a load, a tag
//!   guard, a helper call, an overflow-checked add with its guard, a store and
//!   two float operations (155 ops at 13 sections): the size of the traces
//!   the toylang benchmarks compile. [`big_loop_reference`] computes what it
//!   leaves in its exit buffer, so a test can check the compiled code.

use crate::ir::{BinOp, Effect, GuardKind, Helper, Op, OvfOp, Trace, Type};

/// sum = 0; i = 0; while i < n { sum += i; i += 1 }, with overflow guards.
pub fn sum_loop() -> Trace {
    let mut t = Trace::new("sum");
    let [i, sum, n] = int_inputs(&mut t);
    t.push(Op::Label);
    let lt = t.push(Op::Bin(BinOp::IntLt, i, n));
    t.push(guard(GuardKind::True, lt, 7, 3, vec![i, sum, n]));
    let s2 = t.push(Op::Ovf(OvfOp::IntAddOvf, sum, i));
    t.push(guard(GuardKind::NoOverflow, s2, 8, 5, vec![i, sum, n]));
    let one = t.constant(1, Type::Int);
    let i2 = t.push(Op::Bin(BinOp::IntAdd, i, one));
    t.push(Op::Jump(vec![i2, s2, n]));
    t
}

/// The sum loop over tagged integers (`2k + 1` stands for k): tag checks of
/// `i` and `sum`, `i < n`, `sum + (i - 1)` and `i + 2` with overflow guards.
pub fn tagged_sum_loop() -> Trace {
    let mut t = Trace::new("tagged sum");
    let [i, sum, n] = int_inputs(&mut t);
    t.push(Op::Label);
    let one = t.constant(1, Type::Int);
    for r in [i, sum] {
        let tag = t.push(Op::Bin(BinOp::IntAnd, r, one));
        t.push(guard(GuardKind::True, tag, 0, 0, vec![i, sum, n]));
    }
    let lt = t.push(Op::Bin(BinOp::IntLt, i, n));
    t.push(guard(GuardKind::True, lt, 1, 2, vec![i, sum, n]));
    let i0 = t.push(Op::Bin(BinOp::IntSub, i, one));
    let s2 = t.push(Op::Ovf(OvfOp::IntAddOvf, sum, i0));
    t.push(guard(GuardKind::NoOverflow, s2, 2, 5, vec![i, sum, n]));
    let two = t.constant(2, Type::Int);
    let i2 = t.push(Op::Ovf(OvfOp::IntAddOvf, i, two));
    t.push(guard(GuardKind::NoOverflow, i2, 3, 9, vec![i, s2, n]));
    t.push(Op::Jump(vec![i2, s2, n]));
    t
}

/// The helper [`big_loop`] calls: `(a + b) * 2`, wrapping.
pub extern "C" fn mix(a: u64, b: u64) -> u64 {
    a.wrapping_add(b).wrapping_mul(2)
}

/// [`mix`] as a helper that reads the heap (so the optimizer keeps its calls).
pub fn mix_helper() -> Helper {
    Helper {
        name: "retrace_testing_mix",
        addr: mix as *const () as usize,
        params: vec![Type::Int, Type::Int],
        ret: Some(Type::Int),
        effect: Effect::ReadsHeap,
        fresh: vec![],
    }
}

/// Inputs: `i`, `acc`, `n`, `mem` (the address of `sections` words, each
/// even), `x` (a double). While `i < n`, for each section k: `v = mem[k]`,
/// guard `v` even, `acc += mix(v, i)` (overflow guard), `mem[k] = v + 2`,
/// `x = x * 0.5 + k`; then `i += 1`. Exits store `[i, acc, n, mem, x]`.
pub fn big_loop(sections: usize) -> Trace {
    let mut t = Trace::new(format!("big loop of {sections} sections"));
    let [i, mut acc, n, mem] = int_inputs(&mut t);
    let mut x = t.push(Op::Input {
        index: 4,
        ty: Type::Float,
    });
    t.push(Op::Label);
    let lt = t.push(Op::Bin(BinOp::IntLt, i, n));
    t.push(guard(GuardKind::True, lt, 0, 0, vec![i, acc, n, mem, x]));
    let one = t.constant(1, Type::Int);
    let two = t.constant(2, Type::Int);
    let half = t.constant(0.5f64.to_bits(), Type::Float);
    let mix = t.helper_index(&mix_helper());
    for k in 0..sections {
        let resume = 1 + 2 * k as u32;
        let offset = 8 * k as i32;
        let v = t.push(Op::Load {
            base: mem,
            offset,
            ty: Type::Int,
        });
        let odd = t.push(Op::Bin(BinOp::IntAnd, v, one));
        t.push(guard(
            GuardKind::False,
            odd,
            resume,
            resume,
            vec![i, acc, n, mem, x],
        ));
        let c = t.push(Op::Call {
            helper: mix,
            args: vec![v, i],
        });
        let sum = t.push(Op::Ovf(OvfOp::IntAddOvf, acc, c));
        let exit = vec![i, acc, n, mem, x];
        t.push(guard(
            GuardKind::NoOverflow,
            sum,
            resume + 1,
            resume + 1,
            exit,
        ));
        acc = sum;
        let next = t.push(Op::Bin(BinOp::IntAdd, v, two));
        t.push(Op::Store {
            base: mem,
            offset,
            value: next,
        });
        let halved = t.push(Op::Bin(BinOp::FloatMul, x, half));
        let kf = t.constant((k as f64).to_bits(), Type::Float);
        x = t.push(Op::Bin(BinOp::FloatAdd, halved, kf));
    }
    let i2 = t.push(Op::Bin(BinOp::IntAdd, i, one));
    t.push(Op::Jump(vec![i2, acc, n, mem, x]));
    t
}

/// What [`big_loop`] computes from `i = 0` to `n`: the final `acc` and the
/// bits of `x`, updating `mem` as the trace does.
pub fn big_loop_reference(n: u64, mem: &mut [u64], x: f64) -> (u64, u64) {
    let (mut acc, mut x) = (0u64, x);
    for i in 0..n {
        for (k, word) in mem.iter_mut().enumerate() {
            acc = acc.wrapping_add(mix(*word, i));
            *word += 2;
            x = x * 0.5 + k as f64;
        }
    }
    (acc, x.to_bits())
}

fn int_inputs<const N: usize>(t: &mut Trace) -> [crate::ir::Ref; N] {
    std::array::from_fn(|index| {
        t.push(Op::Input {
            index: index as u32,
            ty: Type::Int,
        })
    })
}

fn guard(
    kind: GuardKind,
    value: crate::ir::Ref,
    resume: u32,
    pc: u32,
    exit: Vec<crate::ir::Ref>,
) -> Op {
    Op::Guard {
        kind,
        value,
        expected: 0,
        resume,
        pc,
        exit,
    }
}
