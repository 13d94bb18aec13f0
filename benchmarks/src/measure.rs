//! Running one program once and measuring it.
//!
//! Why not `std::process::Child::wait`: it throws away the resource usage the
//! kernel keeps for the child. `wait4` returns it: user and system CPU time and
//! the peak resident set size, measured by the OS rather than sampled by us.
//!
//! The shape of one run:
//! - the child gets its own process group, stdin from /dev/null, stdout and
//!   stderr on pipes that two threads drain (so a chatty child never blocks on a
//!   full pipe while we wait for it);
//! - the main thread blocks in `waitid(WEXITED | WNOWAIT)`: the child is now a
//!   zombie, its pid still reserved, so the watchdog can never kill a recycled
//!   pid, and we can kill leftover grandchildren through the process group;
//! - a watchdog thread sleeps on a condition variable until the per-run timeout
//!   and then kills the whole group;
//! - `wait4` finally reaps the zombie and hands back the rusage.
//!
//! Wall time is taken around spawn and the `waitid` return, so it is the whole
//! process life: start-up, imports and exit included, as a user sees it.
//!
//! Because the child has its own process group, Ctrl-C in the terminal does
//! not reach it; `install_interrupt_handler` makes SIGINT and SIGTERM kill the
//! running child's group before the harness exits, so no benchmark is left
//! running in the background.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex, Once};
use std::thread;
use std::time::{Duration, Instant};

/// The process group of the child being measured, 0 when none: read by the
/// interrupt handler.
static RUNNING_GROUP: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_interrupt(signal: libc::c_int) {
    let group = RUNNING_GROUP.load(Ordering::SeqCst);
    if group > 0 {
        kill_group(group);
    }
    // SAFETY: _exit is async-signal-safe and takes no pointers.
    unsafe { libc::_exit(128 + signal) }
}

/// Makes SIGINT and SIGTERM kill the measured child's process group, then
/// exit. Idempotent.
pub fn install_interrupt_handler() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let handler = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for signal in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: the handler only does async-signal-safe things (an
            // atomic load, kill, _exit).
            unsafe {
                libc::signal(signal, handler);
            }
        }
    });
}

/// What to run: a program, its arguments, extra environment, working folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
}

impl Invocation {
    /// The command line as one shell-like string, for notes and the JSON.
    pub fn display(&self) -> String {
        let mut parts = Vec::with_capacity(self.args.len() + 1);
        for (key, value) in &self.env {
            parts.push(format!("{key}={value}"));
        }
        parts.push(self.program.display().to_string());
        parts.extend(self.args.iter().cloned());
        parts.join(" ")
    }
}

/// How the process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

impl Exit {
    pub fn success(self) -> bool {
        self == Exit::Code(0)
    }

    pub fn describe(self) -> String {
        match self {
            Exit::Code(code) => format!("exit {code}"),
            Exit::Signal(signal) => format!("killed by signal {signal}"),
            Exit::TimedOut => "timed out".to_string(),
        }
    }
}

/// One measured run.
#[derive(Debug, Clone)]
pub struct Measurement {
    pub exit: Exit,
    pub wall_s: f64,
    pub user_s: f64,
    pub sys_s: f64,
    pub max_rss_kb: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Measurement {
    pub fn cpu_s(&self) -> f64 {
        self.user_s + self.sys_s
    }
}

/// Runs `invocation` to completion (or until `timeout`) and measures it.
/// An error means the program could not be started at all.
pub fn run(invocation: &Invocation, timeout: Duration) -> Result<Measurement, String> {
    let mut command = Command::new(&invocation.program);
    command
        .args(&invocation.args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for (key, value) in &invocation.env {
        command.env(key, value);
    }
    if let Some(cwd) = &invocation.cwd {
        command.current_dir(cwd);
    }

    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", invocation.program.display()))?;
    let pid = child.id() as libc::pid_t;
    RUNNING_GROUP.store(pid, Ordering::SeqCst);
    let stdout_reader = drain(child.stdout.take());
    let stderr_reader = drain(child.stderr.take());

    // The watchdog: (finished, timed_out) under one lock.
    let state = Arc::new((Mutex::new((false, false)), Condvar::new()));
    let watchdog = {
        let state = Arc::clone(&state);
        thread::spawn(move || {
            let (lock, wakeup) = &*state;
            let deadline = Instant::now() + timeout;
            let mut guard = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            while !guard.0 {
                let now = Instant::now();
                if now >= deadline {
                    guard.1 = true;
                    kill_group(pid);
                    break;
                }
                guard = wakeup
                    .wait_timeout(guard, deadline - now)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
        })
    };

    let waited = wait_without_reaping(pid);
    let wall_s = start.elapsed().as_secs_f64();
    // Cleared while the zombie still holds the group id: the handler can
    // never signal a recycled one.
    RUNNING_GROUP.store(0, Ordering::SeqCst);
    let timed_out = {
        let (lock, wakeup) = &*state;
        let mut guard = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.0 = true;
        wakeup.notify_all();
        guard.1
    };
    // The child is a zombie: its pid (and so its group id) cannot be reused
    // yet, so this only reaches stragglers it left behind holding our pipes.
    kill_group(pid);
    let reaped = reap(pid);
    let _ = watchdog.join();
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    waited?;
    let (status, usage) = reaped?;

    let exit = if timed_out {
        Exit::TimedOut
    } else if libc::WIFEXITED(status) {
        Exit::Code(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Exit::Signal(libc::WTERMSIG(status))
    } else {
        Exit::Code(-1)
    };
    Ok(Measurement {
        exit,
        wall_s,
        user_s: seconds(usage.ru_utime),
        sys_s: seconds(usage.ru_stime),
        // Linux reports ru_maxrss in kilobytes.
        max_rss_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        stdout,
        stderr,
    })
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

fn seconds(time: libc::timeval) -> f64 {
    time.tv_sec as f64 + time.tv_usec as f64 / 1e6
}

fn kill_group(pid: libc::pid_t) {
    // SAFETY: kill has no memory-safety preconditions; a negative pid names the
    // process group the child leads, which is still reserved (see callers).
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
    }
}

/// Blocks until the child has exited, leaving it a zombie.
fn wait_without_reaping(pid: libc::pid_t) -> Result<(), String> {
    loop {
        // SAFETY: siginfo_t is plain data, all-zero is a valid value.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `info` is a valid, writable siginfo_t for the call's duration.
        let rc = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("waitid failed: {err}"));
        }
    }
}

/// Reaps the zombie child and returns its wait status and resource usage.
fn reap(pid: libc::pid_t) -> Result<(libc::c_int, libc::rusage), String> {
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is plain data, all-zero is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: both out-pointers are valid and writable for the call.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if rc == pid {
            return Ok((status, usage));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 failed: {err}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Invocation {
        Invocation {
            program: PathBuf::from("/bin/sh"),
            args: vec!["-c".into(), script.into()],
            env: vec![("BENCH_TEST_VALUE".into(), "42".into())],
            cwd: None,
        }
    }

    #[test]
    fn captures_output_status_and_environment() {
        let run = run(
            &sh("echo out $BENCH_TEST_VALUE; echo err >&2; exit 3"),
            Duration::from_secs(20),
        )
        .unwrap();
        assert_eq!(run.exit, Exit::Code(3));
        assert_eq!(run.stdout, b"out 42\n");
        assert_eq!(run.stderr, b"err\n");
        assert!(run.wall_s > 0.0);
    }

    #[test]
    fn a_run_past_its_timeout_is_killed() {
        let run = run(&sh("sleep 30"), Duration::from_millis(200)).unwrap();
        assert_eq!(run.exit, Exit::TimedOut);
        assert!(run.wall_s < 10.0);
    }

    #[test]
    fn cpu_time_and_rss_come_from_the_kernel() {
        let busy = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done";
        let run = run(&sh(busy), Duration::from_secs(30)).unwrap();
        assert!(run.exit.success());
        assert!(run.cpu_s() > 0.0);
        assert!(run.max_rss_kb > 0);
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        let missing = Invocation {
            program: PathBuf::from("/nonexistent/engine"),
            args: vec![],
            env: vec![],
            cwd: None,
        };
        assert!(run(&missing, Duration::from_secs(1)).is_err());
    }
}
