//! Differential programs for the trace optimizer under
//! `tests/jit_programs/opt_*.tl`: each runs with the JIT off, with the JIT
//! tracing as early as possible, and so again under the GC's stress mode
//! (a collection at every allocation); all three must print the program's
//! `# expect:` lines. (The programs under `tests/toylang/` get the same
//! check from `toylang_diff.rs`.)

use retrace::JitSettings;
use std::path::PathBuf;

fn expected(src: &str) -> String {
    src.lines()
        .filter_map(|l| l.strip_prefix("# expect:"))
        .map(|rest| format!("{}\n", rest.strip_prefix(' ').unwrap_or(rest)))
        .collect()
}

fn run(src: &str, jit: &str, stress: bool) -> (String, retrace::JitStats) {
    retrace::gc::set_stress(stress);
    let (out, result) = toylang::run_captured(src, JitSettings::parse(jit).expect("settings"));
    retrace::gc::set_stress(false);
    match result {
        Ok(stats) => (out, stats),
        Err(e) => panic!("{e}"),
    }
}

fn check(name: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("jit_programs")
        .join(format!("{name}.tl"));
    let src = std::fs::read_to_string(&path).expect("read program");
    let want = expected(&src);
    assert!(!want.is_empty(), "{name}: no # expect: lines");
    let (off, _) = run(&src, "off", false);
    assert_eq!(off, want, "{name}: interpreter output");
    let eager = "threshold=1,function_threshold=1,trace_eagerness=20";
    let (on, stats) = run(&src, eager, false);
    assert_eq!(on, want, "{name}: output with the JIT");
    assert!(stats.loops_compiled >= 1, "{name}: nothing was compiled");
    let (stressed, _) = run(&src, eager, true);
    assert_eq!(stressed, want, "{name}: output under GC stress");
}

#[test]
fn opt_barrier_records() {
    check("opt_barrier_records");
}
