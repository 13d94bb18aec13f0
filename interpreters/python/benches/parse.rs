//! Parser throughput on CPython 3.11's standard library (the `.py` files of
//! the stdlib directory itself, not site-packages): source lines per second
//! for tokenize + parse + AST build, bytes already in memory. Skipped (with a
//! note) when python3.11 or its stdlib is not on the machine.
//!
//! Compare with CPython on the same files: `scripts/bench_cpython_parse.py`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn stdlib_dir() -> Option<PathBuf> {
    let out = std::process::Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    dir.is_dir().then_some(dir)
}

/// Every `.py` file under `dir`, skipping site-packages, as bytes.
fn sources(dir: &Path) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "site-packages") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn bench_parse(c: &mut Criterion) {
    let Some(dir) = stdlib_dir() else {
        eprintln!("parse bench skipped: no python3.11 stdlib on this machine");
        return;
    };
    let files = sources(&dir);
    // Only files CPython accepts (the stdlib's test data has deliberate errors).
    let files: Vec<Vec<u8>> = files
        .into_iter()
        .filter(|bytes| retrace_python::parser::parse_bytes(&bumpalo::Bump::new(), bytes).is_ok())
        .collect();
    let lines: u64 = files
        .iter()
        .map(|b| b.iter().filter(|&&c| c == b'\n').count() as u64)
        .sum();
    eprintln!("parse bench: {} files, {} lines", files.len(), lines);
    let mut group = c.benchmark_group("stdlib");
    group.sample_size(10);
    group.throughput(Throughput::Elements(lines));
    group.bench_function("parse", |b| {
        let mut arena = bumpalo::Bump::new();
        b.iter(|| {
            for bytes in &files {
                arena.reset();
                let module = retrace_python::parser::parse_bytes(&arena, black_box(bytes));
                black_box(module.is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
