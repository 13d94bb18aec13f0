//! Ctrl-C: SIGINT while a program runs raises KeyboardInterrupt in it.
//! Uncaught, repy prints the traceback and dies of SIGINT as CPython does;
//! caught, the program goes on.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Start repy on `code`, wait until it prints its first line (so the
/// handler is installed and the loop runs), send SIGINT, and collect
/// (stdout, stderr, status).
fn interrupt(code: &str) -> (String, String, std::process::ExitStatus) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_repy"));
    // repy keeps an inherited "ignore SIGINT" (as CPython does); the test
    // runner may have been started that way, so the child starts from the
    // default disposition.
    // SAFETY: between fork and exec the closure only calls `signal`, which
    // is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command
        .args(["-u", "-c", code])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("repy runs");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = [0u8; 6];
    stdout.read_exact(&mut first).expect("the program starts");
    assert_eq!(&first, b"ready\n");
    let pid = libc::pid_t::try_from(child.id()).expect("pid fits");
    // SAFETY: signalling a child process we spawned and have not reaped.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0);
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("repy did not stop after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut out = String::new();
    stdout.read_to_string(&mut out).expect("stdout");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("status");
    (out, err, status)
}

#[test]
fn uncaught_keyboard_interrupt_prints_a_traceback_and_dies_of_sigint() {
    let (_, err, status) = interrupt("print('ready')\nwhile True:\n    pass\n");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.ends_with("\nKeyboardInterrupt\n"), "{err}");
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
}

#[test]
fn keyboard_interrupt_can_be_caught() {
    let code = "print('ready')\n\
try:\n    n = 0\n    while True:\n        n += 1\n\
except KeyboardInterrupt as e:\n    print('caught', type(e).__name__, e.args)\n\
print('after')\n";
    let (out, err, status) = interrupt(code);
    assert_eq!(out, "caught KeyboardInterrupt ()\nafter\n");
    assert_eq!(err, "");
    assert_eq!(status.code(), Some(0));
}
