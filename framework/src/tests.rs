//! The framework driven by the small stack machine of `testing.rs`:
//! loops get compiled, guards fail and resume, inlined calls exit, bridges
//! attach, the resumption rule aborts traces that break it, quasi-immutable
//! cells invalidate.

use crate::testing::{CELL_LOCK, Failed, GLOBAL, I, Machine, run};

/// local0 = i, local1 = acc; while i < n { body; i += 1 }; return acc; the
/// `extra` codes are 1, 2, ...
fn counting(n: i64, body: Vec<I>, extra: Vec<(Vec<I>, usize)>) -> Machine {
    let mut codes = vec![crate::testing::counting(n, body, 2)];
    codes.extend(extra);
    Machine { codes }
}

fn add_i_to_acc() -> Vec<I> {
    vec![I::Load(1), I::Load(0), I::Add, I::Store(1)]
}

#[test]
fn a_hot_loop_compiles_and_gives_the_same_result() {
    let mut m = counting(10_000, add_i_to_acc(), vec![]);
    let (off, stats_off) = run(&mut m, "off");
    let (on, stats_on) = run(&mut m, "threshold=3");
    assert_eq!(off, Ok(49_995_000));
    assert_eq!(on, off);
    assert_eq!(stats_off.loops_compiled, 0);
    assert_eq!(stats_on.loops_compiled, 1);
    // the loop ends through the guard of `i < n`
    assert!(stats_on.guard_failures >= 1);
}

#[test]
fn overflow_inside_compiled_code_reports_the_same_error() {
    let mut m = counting(
        10,
        vec![I::Load(1), I::Push(i64::MAX / 4), I::Add, I::Store(1)],
        vec![],
    );
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=1");
    assert_eq!(off, Err(Failed(6)));
    assert_eq!(on, off);
    assert_eq!(stats.loops_compiled, 1);
}

#[test]
fn inlined_calls_exit_into_rebuilt_frames() {
    // body: acc = add1(acc) where code 1 checks its argument through a guard
    // that starts failing half way (acc grows past the loop bound).
    let callee = vec![
        I::Load(0),
        I::Push(30),
        I::Lt,
        I::JumpIfZero(7),
        I::Load(0),
        I::Push(1),
        I::Add,
        I::Ret, // 7 (also the target: returns the argument unchanged +0)
    ];
    let mut callee = callee;
    callee[7] = I::Ret;
    callee.insert(7, I::Ret);
    // layout: 0..7 as above; 7: Ret (from fallthrough), 8: Ret (from jump)
    callee[3] = I::JumpIfZero(7);
    let body = vec![I::Load(1), I::Call(1, 1), I::Store(1)];
    let mut m = counting(100, body, vec![(callee, 1)]);
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=2,trace_eagerness=5");
    assert_eq!(off, Ok(30));
    assert_eq!(on, off);
    assert!(stats.loops_compiled >= 1);
    assert!(stats.bridges_compiled >= 1, "{stats:?}");
}

#[test]
fn guard_after_side_effect_aborts_the_trace() {
    let mut m = counting(50, vec![I::Load(0), I::StoreThenCheck], vec![]);
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=2");
    assert_eq!(off, Ok(0));
    assert_eq!(on, off);
    assert_eq!(stats.loops_compiled, 0);
    assert!(stats.aborts >= 1);
}

#[test]
fn too_long_traces_abort_and_stop_inlining_the_callee() {
    // the callee adds 1 forty times: inlined, it blows a trace limit of 50
    let mut callee = vec![I::Load(0)];
    for _ in 0..40 {
        callee.extend([I::Push(1), I::Add]);
    }
    callee.push(I::Ret);
    let body = vec![I::Load(1), I::Call(1, 1), I::Store(1)];
    let mut m = counting(200, body, vec![(callee, 1)]);
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(&mut m, "threshold=2,trace_limit=50");
    assert_eq!(off, Ok(8000));
    assert_eq!(on, off);
    assert!(stats.aborts >= 1, "{stats:?}");
    assert!(stats.loops_compiled >= 1, "{stats:?}");
}

#[test]
fn recursive_functions_get_function_traces_that_call_themselves() {
    // code 1: f(n) = n < 1 ? 0 : f(n - 1) + 2, called from the loop with i % 9
    let f = vec![
        I::Load(0), // 0
        I::Push(1),
        I::Lt,
        I::JumpIfZero(6),
        I::Push(0),
        I::Ret,     // 5
        I::Load(0), // 6
        I::Push(-1),
        I::Add,
        I::Call(1, 1),
        I::Push(2),
        I::Add,
        I::Ret,
    ];
    let body = vec![
        I::Load(1),
        I::Load(0),
        I::Push(9),
        I::Call(2, 2),
        I::Call(1, 1),
        I::Add,
        I::Store(1),
    ];
    // code 2: (a, b) -> a - b * (a / b) is not expressible; use a fixed
    // depth instead: return b
    let pick = vec![I::Load(1), I::Ret];
    let mut m = counting(300, body, vec![(f, 1), (pick, 2)]);
    let (off, _) = run(&mut m, "off");
    let (on, stats) = run(
        &mut m,
        "threshold=50,function_threshold=3,trace_eagerness=4",
    );
    assert_eq!(off, Ok(300 * 18));
    assert_eq!(on, off);
    assert!(stats.functions_compiled >= 1, "{stats:?}");
}

#[test]
fn quasi_immutable_reads_fold_and_invalidate() {
    // acc += global each iteration; the global changes from 5 to 7 when i
    // reaches 500, while the loop runs compiled code that read it as 5.
    let body = vec![
        I::Load(0),
        I::SetGlobalAt(500, 7),
        I::Load(1),
        I::Global,
        I::Add,
        I::Store(1),
    ];
    let mut m = counting(1000, body, vec![]);
    let _lock = CELL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    GLOBAL.0.set(5);
    let (off, _) = run(&mut m, "off");
    GLOBAL.0.set(5);
    let (on, stats) = run(&mut m, "threshold=2,trace_eagerness=10");
    assert_eq!(off, Ok(500 * 5 + 500 * 7));
    assert_eq!(on, off);
    assert!(stats.loops_compiled >= 1);
    assert!(
        stats.guard_failures >= 1,
        "the invalidated guard fails: {stats:?}"
    );
}
