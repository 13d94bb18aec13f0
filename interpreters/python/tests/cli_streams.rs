//! `repy` and the standard streams: a program that rebinds `sys.stdout` /
//! `sys.stderr` gets print output and uncaught tracebacks through them.

use std::process::{Command, Output};

fn repy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(args)
        .output()
        .expect("repy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn uncaught_traceback_goes_through_a_replaced_stderr() {
    // The replacement writes each chunk to stdout with a marker, so the test
    // sees that the traceback went through it and not to the real stderr.
    let code = "import sys\n\
class Tee:\n    def write(self, s):\n        sys.__stdout__.write('[err]' + s)\n\
sys.stderr = Tee()\n\
print('start')\n\
raise ValueError('boom')\n";
    let out = repy(&["-c", code]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("start\n[err]Traceback"), "{stdout}");
    assert!(stdout.ends_with("ValueError: boom\n"), "{stdout}");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn print_output_goes_through_a_replaced_stdout_in_order() {
    let code = "import sys, io\n\
print(1)\n\
real = sys.stdout\n\
sys.stdout = io.StringIO()\n\
print(2)\n\
captured = sys.stdout.getvalue()\n\
sys.stdout = real\n\
print(3, repr(captured))\n";
    let out = repy(&["-c", code]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "1\n3 '2\\n'\n");
}
