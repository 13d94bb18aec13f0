//! Caret lines under traceback source lines (`^^^^`, `~~~~^^^^`), as
//! CPython 3.11 prints them, and `-X no_debug_ranges` /
//! `PYTHONNODEBUGRANGES` turning them off. Each `tests/carets/NAME.py`
//! fails; `NAME.err` is what `python3.11 NAME.py` printed (no flags), with
//! the folder's path replaced by `<DIR>`.

use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPTS: &[&str] = &[
    "assert",
    "attr",
    "binop",
    "call",
    "callerr",
    "chain_call",
    "div",
    "index_store",
    "store_attr",
    "subscript",
    "unpack",
];

fn carets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/carets")
}

/// Run `NAME.py` with `args` before it and `env` set; its stderr with the
/// folder's path replaced by `<DIR>`.
fn stderr_of(name: &str, args: &[&str], env: Option<(&str, &str)>) -> String {
    let dir = carets_dir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_repy"));
    cmd.args(args)
        .arg(format!("{name}.py"))
        .current_dir(&dir)
        .env_remove("PYTHONNODEBUGRANGES");
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("repy runs");
    assert_eq!(out.status.code(), Some(1), "{name}.py must fail");
    let full = dir.canonicalize().unwrap_or(dir.clone());
    String::from_utf8_lossy(&out.stderr)
        .replace(&full.display().to_string(), "<DIR>")
        .replace(&dir.display().to_string(), "<DIR>")
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(carets_dir().join(format!("{name}.err"))).expect("expected output")
}

fn is_caret_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == '^' || c == '~')
}

fn without_carets(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| !is_caret_line(l))
        .collect()
}

#[test]
fn expected_files_have_carets() {
    for name in SCRIPTS {
        assert!(
            expected(name).lines().any(is_caret_line),
            "{name}.err has no caret line"
        );
    }
}

#[test]
fn no_debug_ranges_prints_no_carets() {
    for name in SCRIPTS {
        let want = without_carets(&expected(name));
        assert_eq!(
            stderr_of(name, &["-X", "no_debug_ranges"], None),
            want,
            "{name}.py"
        );
        assert_eq!(
            stderr_of(name, &[], Some(("PYTHONNODEBUGRANGES", "1"))),
            want,
            "{name}.py with PYTHONNODEBUGRANGES"
        );
    }
}

#[test]
fn carets_match_cpython() {
    for name in SCRIPTS {
        assert_eq!(stderr_of(name, &[], None), expected(name), "{name}.py");
    }
}
