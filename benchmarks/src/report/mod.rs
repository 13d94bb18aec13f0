//! The results of a whole run, and writing them out.
//!
//! One data model (`Report`) feeds every output: it is serialised as it is to
//! JSON (every run of every cell, so anything can be recomputed later), and
//! rendered as a terminal table, a Markdown page and one SVG chart per suite.
//! The renderers only read the model; all arithmetic happens in `run` and
//! `stats` before it.

pub mod svg;
pub mod table;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engines::EngineInfo;
use crate::stats::Summary;
use crate::suites::SuiteKind;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub tool: String,
    /// UTC, ISO 8601.
    pub started: String,
    pub host: String,
    pub settings: Settings,
    pub notes: Vec<String>,
    pub engines: Vec<EngineInfo>,
    pub suites: Vec<SuiteReport>,
}

/// What the ratios and the chart compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Elapsed time of the whole process.
    Wall,
    /// User plus system CPU time: steadier on a machine shared with other work.
    Cpu,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Metric::Wall => "wall time",
            Metric::Cpu => "CPU time",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub runs: usize,
    pub warmup_runs: usize,
    pub loops_scale: f64,
    pub timeout_s: f64,
    pub quick: bool,
    pub metric: Metric,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuiteReport {
    pub suite: SuiteKind,
    /// Where the programs came from.
    pub origin: String,
    /// The engine ratios are relative to.
    pub reference: Option<String>,
    /// What the ratios compare.
    pub metric: Metric,
    /// The engines that ran, in column order.
    pub engines: Vec<String>,
    pub benchmarks: Vec<BenchReport>,
    pub geomeans: Vec<GeoMean>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub name: String,
    pub source: String,
    pub args: Vec<String>,
    pub loops: Option<u64>,
    /// The engine whose stdout the others were compared with.
    pub checked_against: Option<String>,
    pub cells: Vec<Cell>,
}

impl BenchReport {
    pub fn cell(&self, engine: &str) -> Option<&Cell> {
        self.cells.iter().find(|cell| cell.engine == engine)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Ran every time, printed the reference's output.
    Ok,
    /// Printed something else than the reference engine.
    Fail,
    /// Could not be run, or exited with an error.
    Error,
    Timeout,
    /// The engine has no program for this benchmark (no C or Lua twin).
    Missing,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Fail => "FAIL",
            Status::Error => "ERROR",
            Status::Timeout => "TIMEOUT",
            Status::Missing => "-",
        }
    }
}

/// One engine on one benchmark.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub engine: String,
    pub status: Status,
    pub note: Option<String>,
    pub command: Option<String>,
    pub warmup: Option<RunRecord>,
    pub runs: Vec<RunRecord>,
    pub wall_s: Option<Summary>,
    pub cpu_s: Option<Summary>,
    pub max_rss_kb: Option<Summary>,
    /// Median of per-run ratios to the reference engine (of the suite's metric).
    pub ratio: Option<f64>,
}

impl Cell {
    pub fn new(engine: &str, status: Status) -> Cell {
        Cell {
            engine: engine.to_string(),
            status,
            note: None,
            command: None,
            warmup: None,
            runs: Vec::new(),
            wall_s: None,
            cpu_s: None,
            max_rss_kb: None,
            ratio: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    pub wall_s: f64,
    pub user_s: f64,
    pub sys_s: f64,
    pub cpu_s: f64,
    pub max_rss_kb: u64,
    pub exit: String,
    /// None when there was nothing to compare with.
    pub output_matches: Option<bool>,
}

/// The geometric mean of an engine's ratios over the benchmarks it passed.
#[derive(Debug, Clone, Serialize)]
pub struct GeoMean {
    pub engine: String,
    pub ratio: Option<f64>,
    /// How many benchmarks it covers.
    pub benchmarks: usize,
}

/// The files written into the output folder.
#[derive(Debug, Clone)]
pub struct Written {
    pub json: PathBuf,
    pub markdown: PathBuf,
    pub table: PathBuf,
    pub charts: Vec<PathBuf>,
}

/// Writes results.json, results.md, table.txt and SUITE.svg into `out`.
pub fn write_all(report: &Report, out: &Path) -> Result<Written, String> {
    fs::create_dir_all(out).map_err(|err| format!("cannot create {}: {err}", out.display()))?;
    let json = serde_json::to_string_pretty(report)
        .map_err(|err| format!("cannot serialise the results: {err}"))?;
    let written = Written {
        json: out.join("results.json"),
        markdown: out.join("results.md"),
        table: out.join("table.txt"),
        charts: Vec::new(),
    };
    write(&written.json, &json)?;
    write(&written.markdown, &table::markdown(report))?;
    write(&written.table, &table::terminal(report))?;
    let mut written = written;
    for suite in &report.suites {
        if let Some(chart) = svg::chart(suite) {
            let path = out.join(format!("{}.svg", suite.suite.name()));
            write(&path, &chart)?;
            written.charts.push(path);
        }
    }
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    utc_timestamp(seconds)
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar).
pub fn utc_timestamp(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let rest = unix_seconds % 86_400;
    // Days since 1970-01-01 to a civil date, by 400-year eras of 146097 days
    // counted from 0000-03-01 (so leap days fall at the end of a year).
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The machine's name, for the report.
pub fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_string())
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_civil_utc_dates() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(1_795_300_000), "2026-11-21T22:26:40Z");
    }
}
