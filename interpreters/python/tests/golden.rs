//! The golden suite: each `tests/golden/NAME.py` runs under `repy`; its stdout
//! must equal `NAME.out` and its stderr `NAME.err` (when present, the script
//! must also exit with status 1; otherwise 0). The expected files were
//! produced once by `python3.11 -X no_debug_ranges NAME.py` (no caret lines)
//! with the folder's absolute path replaced by `<DIR>`. Scripts listed in
//! `golden/SKIP` (`NAME: reason`) are reported and not run. A fast subset
//! (`golden/STRESS`) also runs with `RETRACE_GC_STRESS=1`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn list(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(golden_dir().join(file)).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(':') {
            Some((n, r)) => (n.trim().to_string(), r.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect()
}

/// Run one script; a description of the mismatch, if any.
fn check(name: &str, stress: bool) -> Option<String> {
    let dir = golden_dir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_repy"));
    // As the expected files were made: no caret lines in tracebacks.
    cmd.args(["-X", "no_debug_ranges"])
        .arg(format!("{name}.py"))
        .env("PYTHONNODEBUGRANGES", "1")
        .current_dir(&dir);
    if stress {
        cmd.env("RETRACE_GC_STRESS", "1");
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => return Some(format!("{name}.py: cannot run repy: {e}")),
    };
    let dir_text = dir
        .canonicalize()
        .unwrap_or(dir.clone())
        .display()
        .to_string();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr)
        .replace(&dir_text, "<DIR>")
        .replace(&dir.display().to_string(), "<DIR>");
    let want_out = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap_or_default();
    let want_err = std::fs::read_to_string(dir.join(format!("{name}.err"))).ok();
    let mut problems = Vec::new();
    if stdout != want_out {
        problems.push(format!(
            "stdout differs:\n--- want\n{want_out}--- got\n{stdout}"
        ));
    }
    match &want_err {
        Some(w) if *w != stderr => {
            problems.push(format!("stderr differs:\n--- want\n{w}--- got\n{stderr}"))
        }
        None if !stderr.is_empty() => problems.push(format!("unexpected stderr:\n{stderr}")),
        _ => {}
    }
    let want_code = if want_err.is_some() { 1 } else { 0 };
    if out.status.code() != Some(want_code) {
        problems.push(format!(
            "exit status {:?}, want {want_code}",
            out.status.code()
        ));
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{name}.py{}: {}",
            if stress { " (GC stress)" } else { "" },
            problems.join("\n")
        )
    })
}

fn scripts() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".py"))
                .map(String::from)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn golden_scripts() {
    let skip = list("SKIP");
    let mut failures = Vec::new();
    let mut ran = 0;
    for name in scripts() {
        if let Some((_, why)) = skip.iter().find(|(n, _)| *n == name) {
            eprintln!("skipped {name}.py: {why}");
            continue;
        }
        ran += 1;
        if let Some(f) = check(&name, false) {
            failures.push(f);
        }
    }
    assert!(ran > 0, "no golden scripts found");
    assert!(
        failures.is_empty(),
        "{} of {ran} golden scripts failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn golden_scripts_under_gc_stress() {
    let mut failures = Vec::new();
    for (name, _) in list("STRESS") {
        if let Some(f) = check(&name, true) {
            failures.push(f);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The shared workloads (`../shared/workloads/python`, found from the
/// workspace root) with `LOOPS=1`: stdout must equal what python3.11 printed
/// (`golden/workloads/NAME.out`). pystone prints timings, so its lines are
/// checked for shape. It runs in optimized test builds (CI's
/// `cargo test --release`); a debug build would take minutes, so there it
/// says it skipped.
#[test]
fn workloads_print_what_cpython_prints() {
    if cfg!(debug_assertions) {
        eprintln!("SKIPPED: the workloads run only in optimized builds (cargo test --release)");
        return;
    }
    let Some(dir) = workloads_dir() else {
        eprintln!("SKIPPED: ../shared/workloads/python not found; workloads not checked");
        return;
    };
    let expected = golden_dir().join("workloads");
    let mut names: Vec<String> = std::fs::read_dir(&expected)
        .expect("golden/workloads exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".out"))
                .map(String::from)
        })
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_repy"))
            .arg(format!("{name}.py"))
            .current_dir(&dir)
            .env("LOOPS", "1")
            .output()
            .expect("run repy");
        let want =
            std::fs::read_to_string(expected.join(format!("{name}.out"))).unwrap_or_default();
        let got = String::from_utf8_lossy(&out.stdout);
        if got != want || !out.status.success() {
            failures.push(format!(
                "{name}.py: want {want:?}, got {got:?} (status {:?}, stderr {})",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let pystone = Command::new(env!("CARGO_BIN_EXE_repy"))
        .args(["pystone.py", "500"])
        .current_dir(&dir)
        .output()
        .expect("run repy");
    let text = String::from_utf8_lossy(&pystone.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let shaped = lines.len() == 2
        && lines[0].starts_with("Pystone(1.2) time for 500 passes = ")
        && lines[1].starts_with("This machine benchmarks at ")
        && lines[1].ends_with(" pystones/second");
    if !shaped || !pystone.status.success() {
        failures.push(format!(
            "pystone.py 500: got {text:?} (stderr {})",
            String::from_utf8_lossy(&pystone.stderr)
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `../shared/workloads/python` beside the workspace (as CI lays it out), or
/// `shared/workloads/python` inside it.
fn workloads_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [
        root.join("../shared/workloads/python"),
        root.join("shared/workloads/python"),
    ]
    .into_iter()
    .find(|d| d.is_dir())
}

/// Mutated golden scripts (a line dropped, duplicated or cut short, two
/// characters swapped) must end in output or a Python exception: exit
/// status 0 or 1, never a Rust panic (101), a fatal error or a signal.
/// Mutants still running after 20 s are killed and only reported (a
/// mutation can make a loop endless).
#[test]
fn mutated_scripts_never_crash() {
    let dir = std::env::temp_dir().join(format!("repy-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut crashes = Vec::new();
    let mut count = 0;
    for name in scripts() {
        let text =
            std::fs::read_to_string(golden_dir().join(format!("{name}.py"))).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            continue;
        }
        for m in 0..6 {
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let i = next(out.len());
            match m % 4 {
                0 => {
                    out.remove(i);
                }
                1 => out.insert(i, out[i].clone()),
                2 => {
                    let l = &out[i];
                    let cut = next(l.len() + 1);
                    let cut = (0..=cut)
                        .rev()
                        .find(|&c| l.is_char_boundary(c))
                        .unwrap_or(0);
                    out[i] = l[..cut].to_string();
                }
                _ => {
                    let chars: Vec<char> = out[i].chars().collect();
                    if chars.len() > 1 {
                        let a = next(chars.len() - 1);
                        let mut c = chars.clone();
                        c.swap(a, a + 1);
                        out[i] = c.into_iter().collect();
                    }
                }
            }
            let file = dir.join(format!("{name}_{m}.py"));
            std::fs::write(&file, out.join("\n") + "\n").expect("write mutant");
            count += 1;
            let mut child = Command::new(env!("CARGO_BIN_EXE_repy"))
                .arg(&file)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn repy");
            let start = std::time::Instant::now();
            let status = loop {
                if let Some(s) = child.try_wait().expect("wait") {
                    break Some(s);
                }
                if start.elapsed() > std::time::Duration::from_secs(20) {
                    let _ = child.kill();
                    let _ = child.wait();
                    eprintln!("{name}_{m}.py: still running after 20 s (killed)");
                    break None;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            };
            if let Some(s) = status
                && !matches!(s.code(), Some(0 | 1))
            {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    use std::io::Read;
                    let _ = e.read_to_string(&mut err);
                }
                // argparse's usage error is `SystemExit(2)` after a
                // "prog: error: ..." line: a Python exit, not a crash.
                let usage_error = s.code() == Some(2)
                    && err.lines().last().is_some_and(|l| l.contains(": error: "));
                if usage_error {
                    continue;
                }
                crashes.push(format!(
                    "{name}_{m}.py: status {s:?}\n{}",
                    err.lines().take(6).collect::<Vec<_>>().join("\n")
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(count > 0);
    assert!(
        crashes.is_empty(),
        "{} of {count} mutants crashed:\n{}",
        crashes.len(),
        crashes.join("\n\n")
    );
}
