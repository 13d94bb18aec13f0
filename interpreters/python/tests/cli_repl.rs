//! The `repy` command as a Python user drives it: the REPL on piped stdin
//! (`-i`), programs read from stdin, `-m`, `-E`/PYTHONPATH, `-X`, `-u`,
//! exit statuses.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn repy_with_stdin(args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_repy"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("repy starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("repy ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("repy-cli-repl-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn repl_prints_values_as_cpython() {
    let out = repy_with_stdin(
        &["-i", "-q"],
        "1 + 1\nx = 5\nx * 2\nNone\n'a' + 'b'\n[1, 2]\n_\n",
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "2\n10\n'ab'\n[1, 2]\n[1, 2]\n");
    let err = text(&out.stderr);
    assert!(err.starts_with(">>> "), "prompts go to stderr: {err}");
}

#[test]
fn repl_runs_blocks_and_reports_errors() {
    let input = "def f(n):\n    return n * 3\n\nf(4)\nfor i in range(2):\n    print(i)\n\n1 / 0\nprint('still here')\n(1,\n 2)\n1 +\n";
    let out = repy_with_stdin(&["-i", "-q"], input, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "12\n0\n1\nstill here\n(1, 2)\n");
    let err = text(&out.stderr);
    assert!(err.contains("... "), "continuation prompt: {err}");
    assert!(
        err.contains("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n"),
        "{err}"
    );
    assert!(err.contains("SyntaxError: invalid syntax"), "{err}");
}

#[test]
fn repl_exits_through_exit_and_system_exit() {
    let out = repy_with_stdin(&["-i", "-q"], "print('a')\nexit(4)\nprint('b')\n", &[]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(text(&out.stdout), "a\n");
    let out = repy_with_stdin(&["-i", "-q"], "raise SystemExit('bye')\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bye"));
}

#[test]
fn dash_i_after_a_program_keeps_its_globals() {
    let out = repy_with_stdin(&["-q", "-i", "-c", "x = 41"], "x + 1\n", &[]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "42\n");
}

#[test]
fn banner_unless_quiet() {
    let out = repy_with_stdin(&["-i"], "", &[]);
    assert!(text(&out.stderr).contains("Python 3.11"));
    let out = repy_with_stdin(&["-i", "-q"], "", &[]);
    assert!(!text(&out.stderr).contains("Python 3.11"));
}

#[test]
fn program_from_stdin() {
    let out = repy_with_stdin(&[], "import sys\nprint(sys.argv, 6 * 7)\n", &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "[''] 42\n");
    let out = repy_with_stdin(&["-", "a"], "import sys\nprint(sys.argv)\n", &[]);
    assert_eq!(text(&out.stdout), "['-', 'a']\n");
    let out = repy_with_stdin(&[], "1/0\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("File \"<stdin>\", line 1, in <module>"));
}

#[test]
fn dash_m_runs_modules_and_packages() {
    let dir = temp_dir("m");
    std::fs::write(
        dir.join("hello.py"),
        "import sys\nprint(__name__, sys.argv[1:])\n",
    )
    .expect("write");
    std::fs::create_dir_all(dir.join("pkg")).expect("pkg");
    std::fs::write(dir.join("pkg/__init__.py"), "print('pkg init')\n").expect("write");
    std::fs::write(dir.join("pkg/__main__.py"), "print('pkg main', __name__)\n").expect("write");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_repy"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("repy runs")
    };
    let out = run(&["-m", "hello", "x", "-y"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "__main__ ['x', '-y']\n");
    let out = run(&["-m", "pkg"]);
    assert_eq!(text(&out.stdout), "pkg init\npkg main __main__\n");
    let out = run(&["-m", "no_such_module_xyz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("No module named no_such_module_xyz"));
    // The bundled library is there without the source tree.
    let out = run(&[
        "-c",
        "import collections, json; print(collections.deque([1]))",
    ]);
    assert!(
        text(&out.stdout).starts_with("deque([1])"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pythonpath_and_dash_e() {
    let dir = temp_dir("pp");
    std::fs::write(dir.join("extra_mod.py"), "VALUE = 'from PYTHONPATH'\n").expect("write");
    let path = dir.to_str().expect("utf-8 path");
    let code = "import extra_mod; print(extra_mod.VALUE)";
    let out = repy_with_stdin(&["-c", code], "", &[("PYTHONPATH", path)]);
    assert_eq!(
        text(&out.stdout),
        "from PYTHONPATH\n",
        "{}",
        text(&out.stderr)
    );
    let out = repy_with_stdin(&["-E", "-c", code], "", &[("PYTHONPATH", path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("ModuleNotFoundError: No module named 'extra_mod'"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn x_options_u_and_b_are_accepted() {
    let out = repy_with_stdin(
        &[
            "-B",
            "-u",
            "-X",
            "dev",
            "-X",
            "int_max_str_digits=9",
            "-c",
            "import sys; print(sys._xoptions)",
        ],
        "",
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{'dev': True, 'int_max_str_digits': '9'}\n"
    );
}

#[test]
fn help_lists_the_options() {
    let out = repy_with_stdin(&["-h"], "", &[]);
    let help = text(&out.stdout);
    for opt in ["-m MODULE", "-i ", "-u ", "-E ", "-X NAME"] {
        assert!(help.contains(opt), "{opt} missing from --help");
    }
}
