//! The command line.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::report::Metric;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuiteChoice {
    All,
    Python,
    Toylang,
}

/// Runs benchmark workloads across engines (repy, CPython, PyPy, toylang, the
/// C and Lua twins) and reports medians, ratios, JSON, Markdown and SVG charts.
#[derive(Debug, Clone, Parser)]
#[command(name = "retrace-bench", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// A first look: richards and pystone only (plus the toylang suite), 3 runs,
    /// loop counts scaled by 0.25.
    #[arg(long)]
    pub quick: bool,

    /// Timed runs per engine and benchmark, after one warm-up run [default: 5, quick: 3].
    #[arg(long, value_name = "N")]
    pub runs: Option<usize>,

    /// Multiply the python workloads' loop counts by this [default: 1, quick: 0.25].
    #[arg(long, value_name = "FACTOR")]
    pub loops_scale: Option<f64>,

    /// Which suite to run.
    #[arg(long, value_enum, default_value_t = SuiteChoice::All)]
    pub suite: SuiteChoice,

    /// Run only these benchmarks (comma-separated or repeated).
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Add an engine: `NAME=COMMAND` for the python suite, `toylang:NAME=COMMAND`
    /// for toylang. A built-in engine of the same name is replaced.
    #[arg(long = "engine", value_name = "[SUITE:]NAME=COMMAND")]
    pub extra_engines: Vec<String>,

    /// Use only these engines (comma-separated or repeated).
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub engines: Vec<String>,

    /// The engine ratios are taken against [default: cpython; gcc-O2 for toylang].
    #[arg(long, value_name = "NAME")]
    pub reference: Option<String>,

    /// Folder of python workloads [default: ../shared/workloads/python beside the
    /// workspace, else fetched from PyPI into the cache].
    #[arg(long, value_name = "DIR")]
    pub workloads: Option<PathBuf>,

    /// Folder of toylang benchmarks [default: benchmarks/toylang].
    #[arg(long, value_name = "DIR")]
    pub toylang_dir: Option<PathBuf>,

    /// Where results go [default: TARGET/bench, TARGET honouring CARGO_TARGET_DIR].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Use the existing release builds of repy and toylang; do not run cargo.
    #[arg(long)]
    pub no_build: bool,

    /// Never download workloads; skip the python suite when none are found.
    #[arg(long, conflicts_with = "fetch")]
    pub no_fetch: bool,

    /// Use the workloads fetched from PyPI even when a workload folder exists.
    #[arg(long, conflicts_with = "workloads")]
    pub fetch: bool,

    /// Cache for fetched workloads [default: $RETRACE_BENCH_CACHE, else
    /// $XDG_CACHE_HOME/retrace-bench, else ~/.cache/retrace-bench].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Show the engines (and why any is skipped) and the benchmarks, run nothing.
    #[arg(long)]
    pub list: bool,

    /// What ratios and charts compare: wall time, or user+system CPU time
    /// (steadier when the machine is busy with other work).
    #[arg(long, value_enum, default_value_t = Metric::Wall)]
    pub metric: Metric,

    /// Seconds before a single run is killed and marked TIMEOUT [default: 600, quick: 120].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

const AFTER_HELP: &str = "\
Engines: repy, repy-nojit, cpython, pypy (python suite); toylang, toylang-nojit,
gcc-O0, gcc-O2, luajit (toylang suite). Absent or not-yet-working engines are
skipped with a note.

Output: a table on stdout; results.json (every run), results.md, table.txt and
one SVG chart per suite in the output folder.

Example: cargo run --release -p retrace-bench -- --quick";

/// The settings once defaults and --quick are applied and values checked.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub runs: usize,
    pub loops_scale: f64,
    pub timeout_s: f64,
    pub only: Vec<String>,
}

impl Cli {
    pub fn resolve(&self) -> Result<Resolved, String> {
        let runs = self.runs.unwrap_or(if self.quick { 3 } else { 5 });
        if runs == 0 {
            return Err("--runs must be at least 1".to_string());
        }
        let loops_scale = self
            .loops_scale
            .unwrap_or(if self.quick { 0.25 } else { 1.0 });
        if !(loops_scale.is_finite() && loops_scale > 0.0) {
            return Err(format!(
                "--loops-scale must be a positive number, not {loops_scale}"
            ));
        }
        let timeout_s = self
            .timeout
            .unwrap_or(if self.quick { 120.0 } else { 600.0 });
        if !(timeout_s.is_finite() && timeout_s > 0.0 && timeout_s < 1e7) {
            return Err(format!(
                "--timeout must be a positive number of seconds, not {timeout_s}"
            ));
        }
        let only = self
            .only
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(Resolved {
            runs,
            loops_scale,
            timeout_s,
            only,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("retrace-bench").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn quick_changes_the_defaults_but_not_explicit_values() {
        let quick = parse(&["--quick"]).resolve().unwrap();
        assert_eq!((quick.runs, quick.loops_scale), (3, 0.25));
        let explicit = parse(&["--quick", "--runs", "7", "--loops-scale", "2"])
            .resolve()
            .unwrap();
        assert_eq!((explicit.runs, explicit.loops_scale), (7, 2.0));
        let full = parse(&[]).resolve().unwrap();
        assert_eq!(
            (full.runs, full.loops_scale, full.timeout_s),
            (5, 1.0, 600.0)
        );
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(parse(&["--runs", "0"]).resolve().is_err());
        assert!(parse(&["--loops-scale=-1"]).resolve().is_err());
        assert!(parse(&["--loops-scale", "0"]).resolve().is_err());
        assert!(parse(&["--timeout", "0"]).resolve().is_err());
        assert!(Cli::try_parse_from(["retrace-bench", "--suite", "ruby"]).is_err());
        assert!(Cli::try_parse_from(["retrace-bench", "--runs", "many"]).is_err());
    }

    #[test]
    fn lists_split_on_commas() {
        let cli = parse(&[
            "--only",
            "richards,pystone",
            "--only",
            "go",
            "--engines",
            "cpython",
        ]);
        assert_eq!(cli.resolve().unwrap().only, ["richards", "pystone", "go"]);
        assert_eq!(cli.engines, ["cpython"]);
    }
}
