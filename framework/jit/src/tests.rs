//! Unit tests on hand-built traces: printing, verifying, optimizing, compiling
//! and running loops whose guards exit with their live values.

use crate::ir::*;
use crate::testing::{big_loop, big_loop_reference, sum_loop, tagged_sum_loop};
use crate::{compile, optimize};

fn run(t: &Trace, inputs: &[u64]) -> (usize, Vec<u64>, u32) {
    t.verify().expect("verifies");
    let c = compile(t).expect("compiles");
    let mut buf = vec![0u64; c.buffer_len().max(inputs.len())];
    buf[..inputs.len()].copy_from_slice(inputs);
    // SAFETY: the buffer is large enough; the traces call only helpers
    // that are `extern "C"` functions of their declared arity.
    let g = unsafe { c.run(&mut buf) };
    let len = c.guard_exit_len[g];
    (g, buf[..len].to_vec(), c.guard_resume[g])
}

#[test]
fn prints_one_op_a_line() {
    let text = sum_loop().to_string();
    assert_eq!(
        text,
        "v0 = input 0 : int\n\
         v1 = input 1 : int\n\
         v2 = input 2 : int\n\
         label\n\
         v4 = int_lt v0, v2\n\
         guard_true v4 @pc=3 exit[v0, v1, v2]\n\
         v6 = int_add_ovf v1, v0\n\
         guard_no_overflow v6 @pc=5 exit[v0, v1, v2]\n\
         v8 = const 1\n\
         v9 = int_add v0, v8\n\
         jump v9, v6, v2\n"
    );
}

#[test]
fn compiled_loop_exits_with_live_values() {
    let (guard, exit, resume) = run(&sum_loop(), &[0, 0, 100]);
    assert_eq!(guard, 0);
    assert_eq!(resume, 7);
    assert_eq!(exit, vec![100, 4950, 100]);
}

#[test]
fn overflow_guard_fails_before_the_add_is_kept() {
    let big = (i64::MAX - 10) as u64;
    let (guard, exit, resume) = run(&sum_loop(), &[5, big, 100]);
    assert_eq!((guard, resume), (1, 8));
    // i = 5 fits (sum becomes MAX - 5); i = 6 overflows: the exit carries
    // the values from before the failing add.
    assert_eq!(exit, vec![6, (i64::MAX - 5) as u64, 100]);
}

#[test]
fn verifier_rejects_use_before_definition() {
    let mut t = Trace::new("bad");
    let a = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    t.push(Op::Bin(BinOp::IntAdd, a, Ref(5)));
    assert!(t.verify().is_err());
    let mut t = Trace::new("bad jump");
    let a = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    t.push(Op::Jump(vec![a, a]));
    assert!(t.verify().unwrap_err().contains("jump arguments"));
}

#[test]
fn float_loop_and_conversions() {
    // x = x * 0.5 + 1.0 while counter counts down; exit when counter hits 0
    let mut t = Trace::new("float");
    let x = t.push(Op::Input {
        index: 0,
        ty: Type::Float,
    });
    let k = t.push(Op::Input {
        index: 1,
        ty: Type::Int,
    });
    t.push(Op::Label);
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: k,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: vec![x, k],
    });
    let half = t.constant(0.5f64.to_bits(), Type::Float);
    let one = t.constant(1.0f64.to_bits(), Type::Float);
    let m = t.push(Op::Bin(BinOp::FloatMul, x, half));
    let x2 = t.push(Op::Bin(BinOp::FloatAdd, m, one));
    let minus = t.constant(-1i64 as u64, Type::Int);
    let k2 = t.push(Op::Bin(BinOp::IntAdd, k, minus));
    t.push(Op::Jump(vec![x2, k2]));
    let (_, exit, _) = run(&t, &[0.0f64.to_bits(), 3]);
    assert_eq!(f64::from_bits(exit[0]), 1.75);
    assert_eq!(exit[1], 0);
}

#[test]
fn division_never_traps() {
    for (a, b) in [(7i64, 2i64), (-7, 2), (5, 0), (i64::MIN, -1)] {
        let mut t = Trace::new("div");
        let x = t.push(Op::Input {
            index: 0,
            ty: Type::Int,
        });
        let y = t.push(Op::Input {
            index: 1,
            ty: Type::Int,
        });
        t.push(Op::Label);
        let q = t.push(Op::Bin(BinOp::IntDiv, x, y));
        let r = t.push(Op::Bin(BinOp::IntMod, x, y));
        let zero = t.constant(0, Type::Int);
        t.push(Op::Guard {
            kind: GuardKind::True,
            value: zero,
            expected: 0,
            resume: 0,
            pc: 0,
            exit: vec![q, r],
        });
        t.push(Op::Jump(vec![x, y]));
        let (_, exit, _) = run(&t, &[a as u64, b as u64]);
        assert_eq!(exit[0], BinOp::IntDiv.eval(a as u64, b as u64), "{a}/{b}");
        assert_eq!(exit[1], BinOp::IntMod.eval(a as u64, b as u64), "{a}%{b}");
    }
}

extern "C" fn helper_double(x: u64) -> u64 {
    x * 2
}

#[test]
fn calls_loads_stores_and_value_guards() {
    let helper = Helper {
        name: "helper_double",
        addr: helper_double as *const () as usize,
        params: vec![Type::Int],
        ret: Some(Type::Int),
        effect: Effect::Elidable,
        fresh: vec![],
    };
    let mut store_cell = Box::new([0u64; 2]);
    let cell = store_cell.as_mut_ptr() as u64;
    let mut t = Trace::new("calls");
    let i = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let h = t.helper_index(&helper);
    let d = t.push(Op::Call {
        helper: h,
        args: vec![i],
    });
    let base = t.constant(cell, Type::Int);
    let old = t.push(Op::Load {
        base,
        offset: 8,
        ty: Type::Int,
    });
    let sum = t.push(Op::Bin(BinOp::IntAdd, old, d));
    t.push(Op::Store {
        base,
        offset: 8,
        value: sum,
    });
    t.push(Op::Guard {
        kind: GuardKind::Value,
        value: i,
        expected: 0,
        resume: 1,
        pc: 0,
        exit: vec![i, sum],
    });
    t.push(Op::Jump(vec![i]));
    let (g, exit, _) = run(&t, &[21]);
    assert_eq!(g, 0);
    assert_eq!(exit, vec![21, 42]);
    assert_eq!(store_cell[1], 42);
}

#[test]
fn optimizer_folds_promotes_and_drops_implied_guards() {
    let mut t = Trace::new("opt");
    let i = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    let n = t.push(Op::Input {
        index: 1,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let g = |t: &mut Trace, kind, value, expected| {
        t.push(Op::Guard {
            kind,
            value,
            expected,
            resume: 0,
            pc: 1,
            exit: vec![i, n],
        })
    };
    // promote n to 10: later uses of n are the constant
    g(&mut t, GuardKind::Value, n, 10);
    let lt = t.push(Op::Bin(BinOp::IntLt, i, n));
    g(&mut t, GuardKind::True, lt, 0);
    let lt2 = t.push(Op::Bin(BinOp::IntLt, i, n));
    g(&mut t, GuardKind::True, lt2, 0); // implied
    let two = t.constant(2, Type::Int);
    let three = t.constant(3, Type::Int);
    let five = t.push(Op::Bin(BinOp::IntAdd, two, three));
    g(&mut t, GuardKind::True, five, 0); // constant, holds
    let unused = t.push(Op::Bin(BinOp::IntMul, i, i));
    let _ = unused;
    let one = t.constant(1, Type::Int);
    let i2 = t.push(Op::Bin(BinOp::IntAdd, i, one));
    t.push(Op::Jump(vec![i2, n]));
    let (o, stats) = optimize(&t);
    o.verify().expect("optimized trace verifies");
    assert!(
        stats.guards_removed + stats.bounds_removed >= 2,
        "{stats:?}"
    );
    assert!(stats.dead_removed >= 1);
    let text = o.to_string();
    assert!(text.contains("int_lt v0, v"), "{text}");
    // peeled: the preamble and the loop body check i < 10 once each
    let body = &text[text.find("label").expect("a label")..];
    assert_eq!(body.matches("guard_true").count(), 1, "{text}");
    assert_eq!(text.matches("guard_value").count(), 1, "{text}");
    assert!(!text.contains("int_mul"), "{text}");
    // the compiled result still computes the same exit
    let (_, exit, _) = run(&o, &[0, 10]);
    assert_eq!(exit[0], 10);
    let (g0, _, _) = run(&o, &[0, 11]);
    assert_eq!(g0, 0, "the promotion guard fails first");
}

#[test]
fn linear_trace_ends_with_finish() {
    let mut t = Trace::new("bridge");
    let a = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let ten = t.constant(10, Type::Int);
    let b = t.push(Op::Bin(BinOp::IntMul, a, ten));
    t.push(Op::Guard {
        kind: GuardKind::False,
        value: a,
        expected: 0,
        resume: 4,
        pc: 0,
        exit: vec![a],
    });
    t.push(Op::Finish {
        resume: 9,
        pc: 2,
        exit: vec![b, a],
    });
    assert!(t.to_string().ends_with("finish @pc=2 exit[v3, v0]\n"));
    let (g, exit, resume) = run(&t, &[0]);
    assert_eq!((g, resume), (1, 9));
    assert_eq!(exit, vec![0, 0]);
    let (g, exit, resume) = run(&t, &[3]);
    assert_eq!((g, resume, exit), (0, 4, vec![3]));
}

#[test]
fn overflow_guard_on_folded_operation_stays_well_formed() {
    let mut t = Trace::new("ovf fold");
    let a = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let two = t.constant(2, Type::Int);
    let three = t.constant(3, Type::Int);
    let five = t.push(Op::Ovf(OvfOp::IntAddOvf, two, three));
    t.push(Op::Guard {
        kind: GuardKind::NoOverflow,
        value: five,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: vec![a],
    });
    let sum = t.push(Op::Bin(BinOp::IntAdd, a, five));
    t.push(Op::Jump(vec![sum]));
    let (o, stats) = optimize(&t);
    o.verify().expect("verifies");
    assert!(
        stats.guards_removed + stats.bounds_removed >= 1,
        "{stats:?}"
    );
    assert!(o.to_string().contains("int_add v0, v"), "{o}");
    assert!(!o.to_string().contains("ovf"), "{o}");
}

/// An allocating helper for the tests: the boxes live as long as the test.
extern "C" fn make_box(x: u64) -> u64 {
    let b: &'static mut [u64; 2] = Box::leak(Box::new([77, x]));
    b as *mut [u64; 2] as u64
}

#[test]
fn allocation_removal_describes_objects_in_exits() {
    let boxer = Helper {
        name: "test_make_box",
        addr: make_box as *const () as usize,
        params: vec![Type::Int],
        ret: Some(Type::Int),
        effect: Effect::Allocates,
        fresh: vec![(0, FreshWord::Const(77)), (8, FreshWord::Arg(0))],
    };
    let mut t = Trace::new("virtuals");
    let i = t.push(Op::Input {
        index: 0,
        ty: Type::Int,
    });
    t.push(Op::Label);
    let h = t.helper_index(&boxer);
    let b = t.push(Op::Call {
        helper: h,
        args: vec![i],
    });
    let seven = t.constant(7, Type::Int);
    let tag = t.push(Op::Bin(BinOp::IntAnd, b, seven));
    t.push(Op::Guard {
        kind: GuardKind::False,
        value: tag,
        expected: 0,
        resume: 0,
        pc: 0,
        exit: vec![i],
    });
    let back = t.push(Op::Load {
        base: b,
        offset: 8,
        ty: Type::Int,
    });
    let ten = t.constant(10, Type::Int);
    let small = t.push(Op::Bin(BinOp::IntLt, back, ten));
    t.push(Op::Guard {
        kind: GuardKind::True,
        value: small,
        expected: 0,
        resume: 1,
        pc: 3,
        exit: vec![b, i, b],
    });
    let one = t.constant(1, Type::Int);
    let next = t.push(Op::Bin(BinOp::IntAdd, back, one));
    t.push(Op::Jump(vec![next]));
    let (o, _) = optimize(&t);
    o.verify().expect("verifies");
    let text = o.to_string();
    assert!(text.contains("virtual test_make_box(v0)"), "{text}");
    assert!(
        !text.contains("call"),
        "the box is never allocated in the loop: {text}"
    );
    assert!(!text.contains("load"), "{text}");
    let c = compile(&o).expect("compiles");
    let mut buf = vec![0u64; c.buffer_len()];
    buf[0] = 3;
    // SAFETY: buffer sized by the trace; the helper is valid.
    let g = unsafe { c.run(&mut buf) };
    assert_eq!(c.exit_virtuals[g].len(), 1, "one object, two slots");
    // SAFETY: the exit just filled the buffer; the helper takes one word.
    unsafe { crate::materialize(&c.exit_virtuals[g], &mut buf) };
    assert_eq!(buf[1], 10);
    assert_eq!(buf[0], buf[2], "both slots name the same object");
    // SAFETY: make_box returned a pointer to a live [u64; 2].
    let built = unsafe { *(buf[0] as *const [u64; 2]) };
    assert_eq!(built, [77, 10]);
}

#[test]
fn tagged_sum_loop_runs_to_its_bound() {
    // i = 1 (tagged 0) to n = 21 (tagged 10): sum of 0..10 = 45, tagged 91
    let (guard, exit, resume) = run(&tagged_sum_loop(), &[1, 1, 21]);
    assert_eq!((guard, resume), (2, 1));
    assert_eq!(exit, vec![21, 91, 21]);
}

#[test]
fn big_loop_computes_what_its_reference_does() {
    let sections = 13;
    let trace = big_loop(sections);
    assert!(trace.len() > 150, "{} ops", trace.len());
    let mut expected_mem: Vec<u64> = (0..sections as u64).map(|k| 2 * k).collect();
    let (acc, x) = big_loop_reference(40, &mut expected_mem, 1.0);
    for t in [trace.clone(), optimize(&trace).0] {
        let mut mem: Vec<u64> = (0..sections as u64).map(|k| 2 * k).collect();
        let inputs = [0, 0, 40, mem.as_mut_ptr() as u64, 1.0f64.to_bits()];
        let (_, exit, resume) = run(&t, &inputs);
        assert_eq!(resume, 0, "leaves through i < n");
        assert_eq!(exit, vec![40, acc, 40, inputs[3], x]);
        assert_eq!(mem, expected_mem);
    }
}
