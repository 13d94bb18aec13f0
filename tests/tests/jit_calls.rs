//! Direct calls between compiled functions (docs/jit.md, "Direct calls").
//!
//! toylang programs under `tests/jit_programs/calls_*.tl` (deep and mutual
//! recursion, an error raised deep inside, float results that leave the
//! callee through the driver, recursion deeper than the native stack budget)
//! run with the JIT off, at the default thresholds, at threshold 1, and
//! under GC stress: all must print the same, and the JIT runs must have
//! compiled direct calls. `retrace::testing`'s machine, with its
//! quasi-immutable cell, checks a callee invalidated while it is on the
//! stack, and callees retired and recompiled while their compiled callers
//! stay.

mod jit_machine;
use jit_machine::{CELL_LOCK, Failed, GLOBAL, I, Machine, counting, run};
use retrace::{JitSettings, JitStats};
use std::path::PathBuf;

fn program(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("jit_programs")
        .join(format!("{name}.tl"));
    std::fs::read_to_string(path).expect("read program")
}

fn run_toylang(src: &str, jit: &str, stress: bool) -> (String, Result<JitStats, String>) {
    retrace::gc::set_stress(stress);
    let (out, result) = toylang::run_captured(src, JitSettings::parse(jit).expect("settings"));
    retrace::gc::set_stress(false);
    (out, result.map_err(|e| e.to_string()))
}

/// Runs `name` four ways; returns the stats of the JIT runs that ended
/// without an error.
fn differential(name: &str) -> Vec<JitStats> {
    let src = program(name);
    let (off_out, off_result) = run_toylang(&src, "off", false);
    let off_err = off_result.as_ref().err().cloned();
    let mut stats = Vec::new();
    for (jit, stress) in [
        ("threshold=1039", false),
        ("threshold=1,function_threshold=1", false),
        ("threshold=3,function_threshold=7,trace_eagerness=5", false),
        ("threshold=1,function_threshold=1", true),
    ] {
        let (out, result) = run_toylang(&src, jit, stress);
        assert_eq!(
            out, off_out,
            "{name} with --jit {jit} (stress {stress}): output"
        );
        assert_eq!(
            result.as_ref().err(),
            off_err.as_ref(),
            "{name} with --jit {jit} (stress {stress}): error"
        );
        if let Ok(s) = result {
            stats.push(s);
        }
    }
    stats
}

#[test]
fn deep_and_mutual_recursion() {
    let stats = differential("calls_mutual");
    assert_eq!(stats.len(), 4);
    for s in &stats {
        assert!(s.direct_calls >= 2, "{s:?}");
    }
}

#[test]
fn an_error_deep_inside_recursion() {
    let src = program("calls_error_deep");
    let (_, off) = run_toylang(&src, "off", false);
    let err = off.expect_err("the program fails");
    assert!(err.contains("(in down): division by zero"), "{err}");
    assert!(differential("calls_error_deep").is_empty());
    // Before the error, the same calls run directly and give the same sum.
    let shallow = src.replace("2000 - i", "2000 + i");
    let (off_out, _) = run_toylang(&shallow, "off", false);
    let (on_out, on) = run_toylang(&shallow, "threshold=1039", false);
    assert_eq!(on_out, off_out);
    assert!(on.expect("no error").direct_calls >= 1);
}

#[test]
fn float_results_and_callee_guard_failures() {
    let stats = differential("calls_floats");
    for s in &stats {
        assert!(s.direct_calls >= 1, "{s:?}");
        // Boxed results and type changes leave callees through the driver.
        assert!(s.call_exits >= 1, "{s:?}");
    }
}

#[test]
fn recursion_deeper_than_the_reentry_budget() {
    let stats = differential("calls_past_budget");
    for s in &stats {
        assert!(s.direct_calls >= 1, "{s:?}");
    }
}

/// Runs `m` with the cell reset to 5, under GC stress if `stress`; the
/// caller holds [`CELL_LOCK`].
fn run_machine(m: &mut Machine, jit: &str, stress: bool) -> (Result<u64, Failed>, JitStats) {
    GLOBAL.0.set(5);
    retrace::gc::set_stress(stress);
    let result = run(m, jit);
    retrace::gc::set_stress(false);
    result
}

/// `f(n, m)`: if n + m == trigger, the cell becomes `value`; if n < 1
/// return the cell; else return f(n - 1, m) + the cell.
fn recursive_reader(trigger: i64, value: u64) -> (Vec<I>, usize) {
    let code = vec![
        I::Load(0),
        I::Load(1),
        I::Add,
        I::SetGlobalAt(trigger, value),
        I::Load(0),
        I::Push(1),
        I::Lt,
        I::JumpIfZero(10),
        I::Global,
        I::Ret,
        I::Load(0),
        I::Push(-1),
        I::Add,
        I::Load(1),
        I::Call(1, 2),
        I::Global,
        I::Add,
        I::Ret,
    ];
    (code, 2)
}

/// acc += f(depth, i)
fn call_f(depth: i64) -> Vec<I> {
    vec![
        I::Push(depth),
        I::Load(0),
        I::Call(1, 2),
        I::Load(1),
        I::Add,
        I::Store(1),
    ]
}

#[test]
fn a_callee_invalidated_while_it_is_on_the_stack() {
    // main: for i in 0..600 { acc += f(12, i) }; f writes the cell when
    // n + i == 400: in the calls with i in 388..=400, at depth 400 - i,
    // below activations of f running compiled code.
    let _lock = CELL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut m = Machine {
        codes: vec![counting(600, call_f(12), 2), recursive_reader(400, 7)],
    };
    let (off, _) = run_machine(&mut m, "off", false);
    assert!(off.is_ok(), "{off:?}");
    for (jit, stress) in [
        ("threshold=3,function_threshold=3", false),
        ("threshold=1,function_threshold=1", false),
        ("threshold=3,function_threshold=3", true),
    ] {
        let (on, stats) = run_machine(&mut m, jit, stress);
        assert_eq!(on, off, "--jit {jit}, stress {stress}");
        assert!(stats.direct_calls >= 1, "{stats:?}");
        assert!(stats.invalidated >= 1, "{stats:?}");
        assert!(stats.functions_compiled >= 2, "{stats:?}");
    }
}

#[test]
fn callees_retired_and_recompiled_under_compiled_callers() {
    // code 2 (a phase): for i in 0..300 { acc += f(6, i) }; main runs 12
    // phases and writes the cell between them, which retires f's trace
    // (it reads the cell) but not the phase's loop (it calls f directly).
    let _lock = CELL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let phases = 12;
    let mut main = Vec::new();
    for p in 0..phases {
        main.extend([
            I::Push(0),
            I::Push(0),
            I::Call(2, 2),
            I::Load(1),
            I::Add,
            I::Store(1),
        ]);
        main.extend([I::Push(p), I::SetGlobalAt(p, 100 + p as u64)]);
    }
    main.extend([I::Load(1), I::Ret]);
    let mut m = Machine {
        codes: vec![
            (main, 2),
            recursive_reader(1 << 40, 0),
            counting(300, call_f(6), 2),
        ],
    };
    let (off, _) = run_machine(&mut m, "off", false);
    let sum: u64 = (0..phases as u64)
        .map(|p| {
            let cell = if p == 0 { 5 } else { 100 + p - 1 };
            300 * 7 * cell
        })
        .sum();
    assert_eq!(off, Ok(sum));
    for (jit, stress) in [
        ("threshold=3,function_threshold=3", false),
        ("threshold=3,function_threshold=3,longevity=2", false),
        ("threshold=3,function_threshold=3", true),
    ] {
        let (on, stats) = run_machine(&mut m, jit, stress);
        assert_eq!(on, off, "--jit {jit}, stress {stress}");
        assert!(stats.direct_calls >= 1, "{stats:?}");
        assert!(stats.invalidated >= phases as usize / 2, "{stats:?}");
        assert!(stats.functions_compiled >= phases as usize / 2, "{stats:?}");
        assert!(stats.traces_freed >= 1, "{stats:?}");
    }
}
