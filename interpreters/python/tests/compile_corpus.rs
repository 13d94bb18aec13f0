//! The compiler over CPython 3.11's standard library: every file that our
//! parser accepts must compile (no internal compiler error: the assembler's
//! flow analysis checks every stack depth and handler), round-trip through a
//! bytecode file unchanged, and pass the loader's verifier.
//!
//! Slow in a debug build, so ignored by default:
//! `cargo test --release -p retrace-python --test compile_corpus -- --ignored --nocapture`.
//! Needs `python3.11` on the PATH (to find the library); skips without it.
#![cfg(feature = "compiler")]

use retrace_python::compile::compile_bytes;
use retrace_python::compile::marshal::{dump, load};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn stdlib_dir() -> Option<PathBuf> {
    let out = Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "site-packages") {
                continue;
            }
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

#[test]
#[ignore]
fn stdlib_compiles_and_round_trips() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("python3.11 not found: skipped");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let (mut compiled, mut syntax_errors, mut lines) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    let start = Instant::now();
    for path in &files {
        let Ok(src) = std::fs::read(path) else {
            continue;
        };
        let name = path.display().to_string();
        match compile_bytes(&src, &name) {
            Ok(code) => {
                compiled += 1;
                lines += src.iter().filter(|&&b| b == b'\n').count();
                match load(&dump(&code)) {
                    Ok(back) if back == code => {}
                    Ok(_) => failures.push(format!("{name}: round trip changed the code")),
                    Err(e) => failures.push(format!("{name}: {e}")),
                }
            }
            Err(e) if e.msg.starts_with("internal compiler error") => {
                failures.push(format!("{name}: {e}"))
            }
            Err(e) => {
                eprintln!("refused: {name}: {}", e.msg);
                syntax_errors += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} files: {compiled} compiled and round-tripped, {syntax_errors} refused with a syntax error; \
         {lines} lines in {secs:.2} s ({:.0} lines/s, parse + compile + dump + load)",
        files.len(),
        lines as f64 / secs
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
