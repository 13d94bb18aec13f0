//! The `repy` command line: options, `sys.argv`, exit statuses.

use std::process::{Command, Output};

fn repy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(args)
        .output()
        .expect("repy runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn script_arguments_reach_sys_argv() {
    let dir = std::env::temp_dir().join(format!("repy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("argv.py");
    std::fs::write(&script, "import sys\nprint(sys.argv[1:])\n").expect("write");
    let out = repy(&[script.to_str().expect("utf-8 path"), "7", "-x", "--y"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "['7', '-x', '--y']\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dash_c_gets_its_own_argv() {
    let out = repy(&["-c", "import sys; print(sys.argv)", "a", "-v"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "['-c', 'a', '-v']\n");
}

#[test]
fn jit_settings_are_checked() {
    let out = repy(&["--jit", "off", "-c", "print(6 * 7)"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "42\n");
    let out = repy(&["--jit", "threshold=5,trace_limit=100", "-c", "print(1)"]);
    assert!(out.status.success());
    let out = repy(&["--jit", "treshold=5", "-c", "print(1)"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown setting"));
}

#[test]
fn system_exit_sets_the_status() {
    let out = repy(&["-c", "raise SystemExit(3)"]);
    assert_eq!(out.status.code(), Some(3));
}
