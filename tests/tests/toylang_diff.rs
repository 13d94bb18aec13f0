//! toylang's differential tests: every program under `tests/toylang/` runs
//! with the JIT off and with `--jit threshold=1` (trace as early as
//! possible); both must print the same, report the same error, and match the
//! program's `# expect:` / `# expect error:` lines. One test per file, so a
//! failure names its program. Each test also runs under the GC's stress mode.
//!
//! The programs deliberately fail guards: loops whose types or branch
//! directions change after warm-up, exits from inlined calls, exits that
//! must build objects the trace never allocated, recursion, and runtime
//! errors raised inside compiled loops.

use retrace::JitSettings;
use std::path::PathBuf;

fn program_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("toylang")
        .join(format!("{name}.tl"))
}

/// The expected output and error, from the program's comments.
fn expectations(src: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut error = None;
    for line in src.lines() {
        if let Some(rest) = line.strip_prefix("# expect error: ") {
            error = Some(rest.to_string());
        } else if let Some(rest) = line.strip_prefix("# expect:") {
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
    }
    (out, error)
}

fn run(src: &str, jit: &str, stress: bool) -> (String, Option<String>, retrace::JitStats) {
    retrace::gc::set_stress(stress);
    let (out, result) = toylang::run_captured(src, JitSettings::parse(jit).expect("settings"));
    retrace::gc::set_stress(false);
    match result {
        Ok(stats) => (out, None, stats),
        Err(toylang::Error::Runtime(e)) => (out, Some(e.to_string()), Default::default()),
        Err(e) => panic!("{e}"),
    }
}

fn check(name: &str) {
    let path = program_path(name);
    let src = std::fs::read_to_string(&path).expect("read program");
    let (want_out, want_err) = expectations(&src);
    let (off_out, off_err, off_stats) = run(&src, "off", false);
    assert_eq!(off_stats.loops_compiled, 0);
    assert_eq!(off_out, want_out, "{name}: interpreter output");
    assert_eq!(off_err, want_err, "{name}: interpreter error");
    let (on_out, on_err, on_stats) = run(
        &src,
        "threshold=1,function_threshold=1,trace_eagerness=20",
        false,
    );
    assert_eq!(on_out, off_out, "{name}: output with the JIT differs");
    assert_eq!(on_err, off_err, "{name}: error with the JIT differs");
    if on_err.is_none() {
        assert!(on_stats.loops_compiled >= 1, "{name}: nothing was compiled");
    }
    let (stress_out, stress_err, _) = run(&src, "threshold=1", true);
    assert_eq!(
        stress_out, off_out,
        "{name}: output under GC stress differs"
    );
    assert_eq!(stress_err, off_err, "{name}: error under GC stress differs");
}

macro_rules! programs {
    ($($name:ident)*) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*

        /// Every program in the directory has a test above.
        #[test]
        fn every_program_is_listed() {
            let listed = [$(stringify!($name)),*];
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("toylang");
            for entry in std::fs::read_dir(dir).expect("tests/toylang") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "tl") {
                    let stem = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
                    assert!(listed.contains(&stem.as_str()), "{stem}.tl has no test");
                }
            }
        }
    };
}

programs! {
    alternating
    deep_recursion
    branch_flip
    error_divzero
    error_index
    error_overflow
    error_type
    floats
    inlined_exit
    int_loop
    nested
    opt_float_carry
    opt_heap_loop
    opt_int_bounds
    opt_virtual_records
    records
    recursion
    strings
    type_change
    virtual_exit
}
