//! The `brainfuck` command: options, errors, standard input and output.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn brainfuck(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brainfuck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start brainfuck");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("run brainfuck")
}

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A program written to a temporary file.
fn program_file(name: &str, source: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("brainfuck-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, source).expect("write program");
    path
}

#[test]
fn help_and_bad_options() {
    let out = brainfuck(&["--help"], b"");
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("--step N"));
    assert!(text(&out.stdout).contains("--jit off"));
    for (args, message) in [
        (&["--jit", "speed=9", "x.b"][..], "unknown setting"),
        (&["--step", "5", "x.b"][..], "--step takes 0, 1, 2, 3 or 4"),
        (&["--step"][..], "--step needs a value"),
        (&["--frobnicate", "x.b"][..], "unknown option"),
        (&[][..], "no FILE given"),
        (&["a.b", "b.b"][..], "only one FILE"),
    ] {
        let out = brainfuck(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(message),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = brainfuck(&["/nonexistent/file.b"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read"));
}

#[test]
fn runs_every_step_with_and_without_the_jit() {
    let out = brainfuck(&["--step", "0", &example("hello.b")], b"");
    assert!(out.status.success(), "the reference interpreter");
    assert_eq!(text(&out.stdout), "Hello, World!\n");
    for step in ["1", "2", "3", "4"] {
        for jit in ["off", "threshold=2", "on"] {
            let out = brainfuck(&["--step", step, "--jit", jit, &example("hello.b")], b"");
            assert!(out.status.success(), "step {step} jit {jit}");
            assert_eq!(text(&out.stdout), "Hello, World!\n");
        }
    }
    let out = brainfuck(
        &[
            "--step=2",
            "--jit=threshold=5",
            "--stats",
            &example("hello.b"),
        ],
        b"",
    );
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("step 2:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn reads_standard_input() {
    for step in ["0", "1", "4"] {
        let out = brainfuck(&["--step", step, &example("reverse.b")], b"abc");
        assert!(out.status.success());
        assert_eq!(text(&out.stdout), "cba", "step {step}");
    }
}

#[test]
fn syntax_and_runtime_errors() {
    let bad = program_file("unbalanced.b", "++\n[[-]\n");
    let out = brainfuck(&[bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("syntax error at 2:1: '[' is never closed"),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stderr).contains("panicked"));
    let off = program_file("off.b", "+++.\n  <");
    let out = brainfuck(&[off.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"\x03", "output before the error is written");
    assert!(
        text(&out.stderr).contains("runtime error at 2:3: the tape pointer moved left of cell 0"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_file(bad);
    let _ = std::fs::remove_file(off);
}
