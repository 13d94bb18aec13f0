//! Fetching the python workloads when no folder of them is at hand.
//!
//! On a fresh machine with nothing but the toolchain and a Python, the
//! pyperformance wheel is downloaded once with pip into a cache folder, and each
//! `bm_NAME/run_benchmark.py` it ships is placed there as `NAME.py` beside a
//! `pyperf.py` of our own: a stand-in for the real pyperf module that needs only
//! `sys`, `os` and `time`, so young interpreters can run the files unchanged.
//! The cache is outside the project tree (third-party files never enter it).
//! Pystone is not in the wheel; without a workload folder it is simply absent.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::suites::DEFAULT_LOOPS;

/// The pyperformance release whose benchmark files the suite expects.
pub const PYPERFORMANCE_VERSION: &str = "1.14.0";

/// Marks a cache folder as complete, so a half-finished fetch is redone.
const COMPLETE_MARKER: &str = ".complete";

/// The cache root: $RETRACE_BENCH_CACHE, else $XDG_CACHE_HOME/retrace-bench,
/// else ~/.cache/retrace-bench.
pub fn default_cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("RETRACE_BENCH_CACHE") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("retrace-bench");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".cache").join("retrace-bench"),
        None => std::env::temp_dir().join("retrace-bench-cache"),
    }
}

/// The folder of python workloads fetched from PyPI, fetching it first if
/// needed. `python` runs pip and unpacks the wheel.
pub fn pyperformance_workloads(cache: &Path, python: &Path) -> Result<PathBuf, String> {
    let root = cache.join(format!("pyperformance-{PYPERFORMANCE_VERSION}"));
    let workloads = root.join("python");
    if workloads.join(COMPLETE_MARKER).is_file() {
        return Ok(workloads);
    }
    eprintln!(
        "retrace-bench: fetching pyperformance {PYPERFORMANCE_VERSION} from PyPI into {}",
        root.display()
    );
    let wheel_dir = root.join("wheel");
    let unpacked = root.join("unpacked");
    for dir in [&wheel_dir, &unpacked, &workloads] {
        fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    }
    run_python(
        python,
        &[
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
            "-d",
            &wheel_dir.to_string_lossy(),
            &format!("pyperformance=={PYPERFORMANCE_VERSION}"),
        ],
    )?;
    let wheel = find_wheel(&wheel_dir)?;
    run_python(
        python,
        &[
            "-m",
            "zipfile",
            "-e",
            &wheel.to_string_lossy(),
            &unpacked.to_string_lossy(),
        ],
    )?;
    let benchmarks = unpacked
        .join("pyperformance")
        .join("data-files")
        .join("benchmarks");
    let mut found = 0;
    let mut loops = String::new();
    for (name, count) in DEFAULT_LOOPS {
        let source = benchmarks
            .join(format!("bm_{name}"))
            .join("run_benchmark.py");
        if !source.is_file() {
            continue;
        }
        let target = workloads.join(format!("{name}.py"));
        fs::copy(&source, &target)
            .map_err(|err| format!("cannot copy {} to the cache: {err}", source.display()))?;
        loops.push_str(&format!("{name} {count}\n"));
        found += 1;
    }
    if found == 0 {
        return Err(format!(
            "the pyperformance wheel holds none of the expected benchmarks under {}",
            benchmarks.display()
        ));
    }
    write(&workloads.join("pyperf.py"), PYPERF_STAND_IN)?;
    write(&workloads.join("LOOPS"), &loops)?;
    write(&workloads.join(COMPLETE_MARKER), "")?;
    Ok(workloads)
}

fn run_python(python: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new(python)
        .args(args)
        .output()
        .map_err(|err| format!("cannot run {}: {err}", python.display()))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{} {}` failed ({}): {}",
        python.display(),
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    ))
}

fn find_wheel(dir: &Path) -> Result<PathBuf, String> {
    let entries =
        fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with("pyperformance-") && name.ends_with(".whl")
        })
        .ok_or_else(|| format!("pip left no pyperformance wheel in {}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// Our pyperf stand-in. The benchmark files use: `Runner()`, its `metadata`
/// dict, `argparser.add_argument`, `parse_args`, `bench_func`,
/// `bench_time_func`, and the module's `perf_counter`. Each benchmark runs
/// once with the loop count from `--loops N` or $LOOPS; the deterministic part
/// (name, loops, result) goes to stdout for comparison across engines, the
/// time to stderr.
pub const PYPERF_STAND_IN: &str = r#""""pyperf stand-in written for retrace-bench: runs a benchmark once, no stats."""
import os
import sys
import time

perf_counter = time.perf_counter


def _option_value(flag):
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(flag + "="):
            return arg[len(flag) + 1:]
    return None


def loop_count():
    value = _option_value("--loops")
    if value is None:
        value = os.environ.get("LOOPS", "1")
    return int(value)


class Options:
    pass


class ArgumentParser:
    def __init__(self):
        self.declared = []

    def add_argument(self, *flags, **options):
        long_flags = [f for f in flags if f.startswith("--")]
        flag = long_flags[0] if long_flags else flags[0]
        dest = options.get("dest") or flag.lstrip("-").replace("-", "_")
        self.declared.append((flag, dest, options.get("type"), options.get("default")))


class Runner:
    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = ArgumentParser()

    def parse_args(self, args=None):
        options = Options()
        for flag, dest, convert, default in self.argparser.declared:
            value = _option_value(flag) if flag.startswith("--") else None
            if value is not None and convert is not None:
                value = convert(value)
            setattr(options, dest, default if value is None else value)
        return options

    def _finish(self, name, loops, seconds, result):
        shown = repr(result)
        if len(shown) > 200:
            shown = shown[:200]
        sys.stdout.write("%s loops=%d result=%s\n" % (name, loops, shown))
        sys.stderr.write("%s seconds=%.6f\n" % (name, seconds))

    def bench_func(self, name, func, *args, **kwargs):
        loops = loop_count()
        result = None
        start = perf_counter()
        for _ in range(loops):
            result = func(*args)
        self._finish(name, loops, perf_counter() - start, result)

    def bench_time_func(self, name, func, *args, **kwargs):
        loops = loop_count()
        start = perf_counter()
        func(loops, *args)
        self._finish(name, loops, perf_counter() - start, None)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the stand-in under a real Python, when the machine has one, with a
    /// small program written the way pyperformance files are.
    #[test]
    fn the_stand_in_runs_a_pyperformance_style_program() {
        let python = crate::engines::find_program("python3").filter(|python| {
            Command::new(python)
                .args(["-c", "pass"])
                .output()
                .is_ok_and(|o| o.status.success())
        });
        let Some(python) = python else {
            eprintln!("no working python3: skipped");
            return;
        };
        let dir = std::env::temp_dir().join(format!("retrace-bench-pyperf-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("pyperf.py"), PYPERF_STAND_IN).unwrap();
        let program = "import pyperf\n\
            def work(n):\n    return sum(range(n))\n\
            def timed(loops, n):\n    t0 = pyperf.perf_counter()\n    for _ in range(loops):\n        work(n)\n    return pyperf.perf_counter() - t0\n\
            if __name__ == '__main__':\n\
            \x20   runner = pyperf.Runner()\n\
            \x20   runner.metadata['description'] = 'test'\n\
            \x20   runner.argparser.add_argument('--size', type=int, default=10)\n\
            \x20   runner.argparser.add_argument('--label', dest='name', default='x')\n\
            \x20   args = runner.parse_args()\n\
            \x20   runner.bench_func('work_' + args.name, work, args.size)\n\
            \x20   runner.bench_time_func('timed', timed, args.size)\n";
        fs::write(dir.join("bench.py"), program).unwrap();
        let output = Command::new(python)
            .args(["bench.py", "--loops", "3", "--size", "5"])
            .current_dir(&dir)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let _ = fs::remove_dir_all(&dir);
        assert!(output.status.success(), "{stderr}");
        assert_eq!(
            stdout,
            "work_x loops=3 result=10\ntimed loops=3 result=None\n"
        );
        assert!(stderr.contains("work_x seconds="), "{stderr}");
    }

    #[test]
    fn the_stand_in_offers_what_the_benchmark_files_call() {
        for needed in [
            "perf_counter = ",
            "class Runner",
            "def parse_args",
            "def bench_func",
            "def bench_time_func",
            "def add_argument",
            "self.metadata",
        ] {
            assert!(PYPERF_STAND_IN.contains(needed), "{needed}");
        }
    }
}
