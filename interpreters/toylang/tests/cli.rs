//! The `toylang` command: options, errors, and whole programs run as a
//! process, with the GC's stress mode switched on through the environment.

use std::path::PathBuf;
use std::process::{Command, Output};

fn toylang(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_toylang"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run toylang")
}

fn program(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/toylang")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_and_bad_options() {
    let out = toylang(&["--help"], &[]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("--jit off"));
    let out = toylang(&["--jit", "speed=9", "x.tl"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown setting"));
    let out = toylang(&[], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = toylang(&["/nonexistent/file.tl"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read"));
}

#[test]
fn syntax_errors_name_their_line() {
    let dir = std::env::temp_dir().join(format!("toylang-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bad.tl");
    std::fs::write(&file, "fn main() {\n  var x = 1;\n  x = (2 + ;\n}\n").expect("write");
    let out = toylang(&[file.to_str().unwrap_or_default()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("syntax error: line 3: expected an expression"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn programs_agree_under_gc_stress_with_and_without_jit() {
    for name in [
        "records.tl",
        "virtual_exit.tl",
        "inlined_exit.tl",
        "error_type.tl",
    ] {
        let path = program(name);
        let plain = toylang(&["--jit", "off", &path], &[]);
        let stressed = toylang(&["--jit", "off", &path], &[("RETRACE_GC_STRESS", "1")]);
        let jitted = toylang(
            &["--jit", "threshold=1", &path],
            &[("RETRACE_GC_STRESS", "1")],
        );
        assert_eq!(text(&plain.stdout), text(&stressed.stdout), "{name}");
        assert_eq!(text(&plain.stdout), text(&jitted.stdout), "{name}");
        assert_eq!(text(&plain.stderr), text(&jitted.stderr), "{name}");
        assert_eq!(plain.status.code(), jitted.status.code(), "{name}");
    }
}

#[test]
fn jit_log_shows_traces_and_guard_failures() {
    let out = toylang(
        &["--jit", "threshold=1", &program("branch_flip.tl")],
        &[("RETRACE_LOG", "jit")],
    );
    let log = text(&out.stderr);
    assert!(log.contains("before optimization"), "{log}");
    assert!(log.contains("after optimization"), "{log}");
    assert!(log.contains("compiled trace 0"), "{log}");
    assert!(log.contains("guard"), "{log}");
    assert_eq!(text(&out.stdout), "2500 3000\n");
}
