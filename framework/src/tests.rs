//! The framework driven by a ten-instruction stack machine written in the test:
//! loops get compiled, guards fail and resume, inlined calls exit, bridges
//! attach, the resumption rule aborts traces that break it, quasi-immutable
//! cells invalidate.

use crate::*;
use std::cell::Cell;

#[derive(Clone, Copy, Debug)]
enum I {
    Push(i64),
    Load(usize),
    Store(usize),
    Add,
    Lt,
    /// pop; jump if zero
    JumpIfZero(u32),
    /// backward jump: a loop header
    Loop(u32),
    /// call code with n args
    Call(u32, usize),
    Ret,
    /// pop a value and store it to the global cell (a side effect), then
    /// check it is below 1000 (a guard after a side effect)
    StoreThenCheck,
    /// push the quasi-immutable cell's value
    Global,
    /// pop a value; when it equals .0, set the quasi-immutable cell to .1
    SetGlobalAt(i64, u64),
}

struct Machine {
    codes: Vec<(Vec<I>, usize)>,
}

thread_local! {
    static SINK: Cell<u64> = const { Cell::new(0) };
}

extern "C" fn sink_store(v: u64) -> u64 {
    SINK.with(|s| s.set(v));
    0
}

static SINK_STORE: Residual = Residual {
    name: "retrace_test_sink_store",
    func: ResidualFn::Args1(sink_store),
    effect: Effect::WritesHeap,
    fresh: &[],
};

static GLOBAL: VersionCellSync = VersionCellSync(VersionCell::new(5));

struct VersionCellSync(VersionCell);
// SAFETY: the test machine runs on one thread per test and each test that
// writes the cell does so between runs only.
unsafe impl Sync for VersionCellSync {}

#[derive(Debug, PartialEq)]
struct Overflow(u32);

impl Interpreter for Machine {
    type Error = Overflow;

    fn run<O: Ops>(&mut self, o: &mut O) -> Stop<Overflow> {
        loop {
            if !o.insn_start() {
                return Stop::Jit;
            }
            let pc = o.pc();
            let insn = self.codes[o.code() as usize].0[pc as usize];
            o.set_pc(pc + 1);
            match insn {
                I::Push(n) => {
                    let v = o.konst(n as u64);
                    o.push(v)
                }
                I::Load(i) => {
                    let v = o.local(i);
                    o.push(v)
                }
                I::Store(i) => {
                    let v = o.pop();
                    o.set_local(i, v)
                }
                I::Add => {
                    let b = o.pop();
                    let a = o.pop();
                    match o.ovf(OvfOp::IntAddOvf, a, b) {
                        Some(v) => o.push(v),
                        None => return Stop::Error(Overflow(pc)),
                    }
                }
                I::Lt => {
                    let b = o.pop();
                    let a = o.pop();
                    let v = o.bin(BinOp::IntLt, a, b);
                    o.push(v)
                }
                I::JumpIfZero(t) => {
                    let v = o.pop();
                    if !o.is_true(v) {
                        o.set_pc(t)
                    }
                }
                I::Loop(t) => {
                    o.set_pc(t);
                    if o.can_enter_jit() {
                        return Stop::Jit;
                    }
                }
                I::Call(code, nargs) => {
                    let nlocals = self.codes[code as usize].1;
                    o.enter_frame(code, nargs, nlocals, 0);
                    if o.can_enter_function() {
                        return Stop::Jit;
                    }
                }
                I::Ret => {
                    let v = o.pop();
                    if !o.leave_frame(v) {
                        return Stop::Done(o.promote(v));
                    }
                }
                I::StoreThenCheck => {
                    let v = o.pop();
                    o.call(&SINK_STORE, &[v]);
                    let limit = o.konst(1000);
                    let small = o.bin(BinOp::IntLt, v, limit);
                    if !o.is_true(small) {
                        return Stop::Error(Overflow(pc));
                    }
                }
                I::Global => {
                    let v = o.quasi_immutable(&GLOBAL.0);
                    o.push(v)
                }
                I::SetGlobalAt(at, value) => {
                    let v = o.pop();
                    let at = o.konst(at as u64);
                    let hit = o.bin(BinOp::IntEq, v, at);
                    if o.is_true(hit) {
                        GLOBAL.0.set(value);
                    }
                }
            }
        }
    }
}

fn run(m: &mut Machine, jit: &str) -> (Result<u64, Overflow>, JitStats) {
    let mut driver = Driver::new(JitSettings::parse(jit).unwrap());
    let mut frames = Frames::new(0, m.codes[0].1, 0);
    let r = driver.run(m, &mut frames);
    (r, driver.jit.stats.clone())
}

/// local0 = i, local1 = acc; while i < n { acc += step(i); i += 1 }; return acc
fn counting(n: i64, body: Vec<I>, extra: Vec<(Vec<I>, usize)>) -> Machine {
    let mut code = vec![
        I::Load(0), // 0: header
        I::Push(n),
        I::Lt,
        I::JumpIfZero(0), // patched below
    ];
    code.extend(body);
    code.extend([I::Load(0), I::Push(1), I::Add, I::Store(0), I::Loop(0)]);
    let end = code.len() as u32;
    code[3] = I::JumpIfZero(end);
    code.extend([I::Load(1), I::Ret]);
    let mut codes = vec![(code, 2)];
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
    assert_eq!(off, Err(Overflow(6)));
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
