//! Measuring a suite: warm-up, interleaved runs, checks, summaries.
//!
//! Per benchmark:
//! 1. every engine runs it once as a warm-up (file caches, CPU frequency, our
//!    own lazily built things). The warm-up is not timed into the results but
//!    its output is checked: an engine that errs, times out or prints other
//!    than the reference is marked there and runs no further, which saves the
//!    time of N doomed runs;
//! 2. N rounds; in each round every remaining engine runs once, in column
//!    order. Interleaving spreads slow drift (thermal, a neighbour's build)
//!    over all engines alike, and makes run i of two engines a fair pair for
//!    the paired ratio (see `stats`);
//! 3. each run is checked again (exit status, output) and a failure ends that
//!    engine's cell;
//! 4. medians, minima, maxima; the ratio to the reference engine, pair by pair.
//!
//! The output reference of a benchmark is the suite's reference engine when it
//! ran that benchmark cleanly, else the next engine in the preference order
//! that did; ratios are only ever taken against the suite's reference.

use std::time::Duration;

use indicatif::ProgressBar;

use crate::compare;
use crate::engines::Engine;
use crate::measure::{self, Exit, Invocation, Measurement};
use crate::report::{BenchReport, Cell, GeoMean, Metric, RunRecord, Status, SuiteReport};
use crate::stats::{self, Summary};
use crate::suites::{Benchmark, Suite, SuiteKind};

#[derive(Debug, Clone)]
pub struct RunSettings {
    pub runs: usize,
    pub timeout: Duration,
    pub metric: Metric,
}

/// The engines ratios are taken against, best first.
pub fn reference_preference(kind: SuiteKind) -> &'static [&'static str] {
    match kind {
        SuiteKind::Python => &["cpython", "pypy"],
        SuiteKind::Toylang => &["gcc-O2", "gcc-O0", "toylang-nojit", "toylang"],
    }
}

/// Picks the suite's reference among the available engines: the one asked
/// for, else the preference order, else the first. The string is a note when
/// the asked-for engine cannot serve.
pub fn choose_reference(
    kind: SuiteKind,
    available: &[&Engine],
    asked: Option<&str>,
) -> (Option<String>, Option<String>) {
    let has = |name: &str| available.iter().any(|e| e.name == name);
    let mut note = None;
    if let Some(asked) = asked {
        if has(asked) {
            return (Some(asked.to_string()), None);
        }
        note = Some(format!(
            "reference {asked} is not an available {} engine",
            kind.name()
        ));
    }
    let chosen = reference_preference(kind)
        .iter()
        .find(|name| has(name))
        .map(|name| name.to_string())
        .or_else(|| available.first().map(|e| e.name.clone()));
    (chosen, note)
}

/// How many runs a suite will make at most, for the progress bar.
pub fn planned_runs(suite: &Suite, engines: &[&Engine], settings: &RunSettings) -> u64 {
    let mut total = 0;
    for bench in &suite.benchmarks {
        let runnable = engines
            .iter()
            .filter(|e| matches!(e.invocation(bench), Some(Ok(_))))
            .count();
        total += (runnable * (settings.runs + 1)) as u64;
    }
    total
}

/// An engine still in the running for one benchmark.
struct Live {
    column: usize,
    invocation: Invocation,
    measurements: Vec<Measurement>,
}

/// Runs every benchmark of `suite` on the available `engines`.
pub fn run_suite(
    suite: &Suite,
    engines: &[&Engine],
    reference: Option<&str>,
    settings: &RunSettings,
    progress: &ProgressBar,
) -> SuiteReport {
    let names: Vec<String> = engines.iter().map(|e| e.name.clone()).collect();
    let mut order: Vec<usize> = Vec::new();
    for preferred in reference
        .into_iter()
        .chain(reference_preference(suite.kind).iter().copied())
    {
        if let Some(index) = names.iter().position(|n| n == preferred)
            && !order.contains(&index)
        {
            order.push(index);
        }
    }
    let rest: Vec<usize> = (0..names.len()).filter(|i| !order.contains(i)).collect();
    order.extend(rest);

    let benchmarks = suite
        .benchmarks
        .iter()
        .map(|bench| run_benchmark(bench, engines, &order, reference, settings, progress))
        .collect::<Vec<_>>();
    let geomeans = names
        .iter()
        .map(|engine| {
            let ratios: Vec<f64> = benchmarks
                .iter()
                .filter_map(|b| b.cell(engine).and_then(|c| c.ratio))
                .collect();
            GeoMean {
                engine: engine.clone(),
                ratio: stats::geometric_mean(&ratios),
                benchmarks: ratios.len(),
            }
        })
        .collect();
    SuiteReport {
        suite: suite.kind,
        origin: suite.origin.clone(),
        reference: reference.map(str::to_string),
        metric: settings.metric,
        engines: names,
        benchmarks,
        geomeans,
    }
}

fn run_benchmark(
    bench: &Benchmark,
    engines: &[&Engine],
    reference_order: &[usize],
    reference: Option<&str>,
    settings: &RunSettings,
    progress: &ProgressBar,
) -> BenchReport {
    let mut cells: Vec<Cell> = Vec::with_capacity(engines.len());
    let mut live: Vec<Live> = Vec::new();
    for (column, engine) in engines.iter().enumerate() {
        match engine.invocation(bench) {
            None => cells.push(Cell::new(&engine.name, Status::Missing)),
            Some(Err(why)) => {
                let mut cell = Cell::new(&engine.name, Status::Error);
                cell.note = Some(why);
                cells.push(cell);
            }
            Some(Ok(invocation)) => {
                let mut cell = Cell::new(&engine.name, Status::Ok);
                cell.command = Some(invocation.display());
                cells.push(cell);
                live.push(Live {
                    column,
                    invocation,
                    measurements: Vec::new(),
                });
            }
        }
    }

    // Warm-up: one run each, which also fixes the expected output.
    let mut outputs: Vec<Option<String>> = vec![None; engines.len()];
    for entry in &live {
        progress.set_message(format!(
            "{} {} warm-up",
            bench.name, engines[entry.column].name
        ));
        let cell = &mut cells[entry.column];
        match measure::run(&entry.invocation, settings.timeout) {
            Ok(run) => {
                cell.warmup = Some(record(&run, None));
                match failure(&run) {
                    Some((status, note)) => {
                        cell.status = status;
                        cell.note = Some(note);
                    }
                    None => {
                        outputs[entry.column] = Some(compare::normalize(&run.stdout, &bench.masks))
                    }
                }
            }
            Err(why) => {
                cell.status = Status::Error;
                cell.note = Some(why);
            }
        }
        progress.inc(1);
    }
    let checked_against = reference_order
        .iter()
        .copied()
        .find(|&i| outputs[i].is_some());
    let expected = checked_against.and_then(|i| outputs[i].clone());
    for entry in &live {
        let cell = &mut cells[entry.column];
        if let (Some(expected), Some(actual)) = (&expected, &outputs[entry.column]) {
            let matches = compare::difference(expected, actual);
            if let Some(warmup) = &mut cell.warmup {
                warmup.output_matches = Some(matches.is_none());
            }
            if let Some(diff) = matches {
                cell.status = Status::Fail;
                cell.note = Some(format!(
                    "output differs from {}: {diff}",
                    engines[checked_against.unwrap_or(0)].name
                ));
            }
        }
    }
    let remaining_after_stop = |cells: &Vec<Cell>, live: &Vec<Live>| {
        live.iter()
            .filter(|l| cells[l.column].status == Status::Ok)
            .count()
    };
    let dropped = live.len() - remaining_after_stop(&cells, &live);
    progress.inc((dropped * settings.runs) as u64);

    // Timed rounds, engines interleaved.
    for round in 0..settings.runs {
        for entry in live.iter_mut() {
            let cell = &mut cells[entry.column];
            if cell.status != Status::Ok {
                continue;
            }
            progress.set_message(format!(
                "{} {} run {}/{}",
                bench.name,
                engines[entry.column].name,
                round + 1,
                settings.runs
            ));
            let outcome = measure::run(&entry.invocation, settings.timeout);
            progress.inc(1);
            let run = match outcome {
                Ok(run) => run,
                Err(why) => {
                    cell.status = Status::Error;
                    cell.note = Some(why);
                    progress.inc((settings.runs - round - 1) as u64);
                    continue;
                }
            };
            let mut verdict = failure(&run);
            let mut matches = None;
            if verdict.is_none()
                && let Some(expected) = &expected
            {
                let diff =
                    compare::difference(expected, &compare::normalize(&run.stdout, &bench.masks));
                matches = Some(diff.is_none());
                verdict = diff.map(|d| {
                    (
                        Status::Fail,
                        format!("run {}: output differs: {d}", round + 1),
                    )
                });
            }
            cell.runs.push(record(&run, matches));
            if let Some((status, note)) = verdict {
                cell.status = status;
                cell.note = Some(note);
                progress.inc((settings.runs - round - 1) as u64);
                continue;
            }
            entry.measurements.push(run);
        }
    }

    // Summaries, then ratios against the reference's runs.
    for entry in &live {
        let cell = &mut cells[entry.column];
        if cell.status != Status::Ok {
            continue;
        }
        let walls: Vec<f64> = entry.measurements.iter().map(|m| m.wall_s).collect();
        let cpus: Vec<f64> = entry.measurements.iter().map(Measurement::cpu_s).collect();
        let rss: Vec<f64> = entry
            .measurements
            .iter()
            .map(|m| m.max_rss_kb as f64)
            .collect();
        cell.wall_s = Summary::of(&walls);
        cell.cpu_s = Summary::of(&cpus);
        cell.max_rss_kb = Summary::of(&rss);
    }
    if let Some(reference) = reference {
        let reference_values = live
            .iter()
            .find(|l| engines[l.column].name == reference && cells[l.column].status == Status::Ok)
            .map(|l| metric_values(&l.measurements, settings.metric));
        if let Some(reference_values) = reference_values {
            for entry in &live {
                let cell = &mut cells[entry.column];
                if cell.status == Status::Ok {
                    let values = metric_values(&entry.measurements, settings.metric);
                    cell.ratio = stats::median_ratio(&values, &reference_values);
                }
            }
        }
    }

    BenchReport {
        name: bench.name.clone(),
        source: bench.source.display().to_string(),
        args: bench.args.clone(),
        loops: bench.loops,
        checked_against: checked_against.map(|i| engines[i].name.clone()),
        cells,
    }
}

fn metric_values(runs: &[Measurement], metric: Metric) -> Vec<f64> {
    runs.iter()
        .map(|run| match metric {
            Metric::Wall => run.wall_s,
            Metric::Cpu => run.cpu_s(),
        })
        .collect()
}

/// Why a run does not count: timed out, crashed or exited non-zero.
fn failure(run: &Measurement) -> Option<(Status, String)> {
    match run.exit {
        Exit::TimedOut => Some((
            Status::Timeout,
            format!("no result within {:.0} s", run.wall_s),
        )),
        exit if !exit.success() => {
            let stderr = String::from_utf8_lossy(&run.stderr);
            let last = stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            let last: String = last.chars().take(160).collect();
            Some((Status::Error, format!("{}: {last}", exit.describe())))
        }
        _ => None,
    }
}

fn record(run: &Measurement, output_matches: Option<bool>) -> RunRecord {
    RunRecord {
        wall_s: run.wall_s,
        user_s: run.user_s,
        sys_s: run.sys_s,
        cpu_s: run.cpu_s(),
        max_rss_kb: run.max_rss_kb,
        exit: run.exit.describe(),
        output_matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engines::Program;

    fn engine(name: &str, suite: SuiteKind) -> Engine {
        Engine {
            name: name.to_string(),
            suite,
            program: Program::Interpreter {
                program: "/bin/true".into(),
                args: vec![],
            },
            description: String::new(),
            skip: None,
        }
    }

    #[test]
    fn the_reference_is_asked_for_else_preferred_else_first() {
        let repy = engine("repy", SuiteKind::Python);
        let cpython = engine("cpython", SuiteKind::Python);
        let pypy = engine("pypy", SuiteKind::Python);
        let all = [&repy, &pypy, &cpython];
        assert_eq!(
            choose_reference(SuiteKind::Python, &all, None).0.as_deref(),
            Some("cpython")
        );
        assert_eq!(
            choose_reference(SuiteKind::Python, &all, Some("repy"))
                .0
                .as_deref(),
            Some("repy")
        );
        assert_eq!(
            choose_reference(SuiteKind::Python, &[&repy, &pypy], None)
                .0
                .as_deref(),
            Some("pypy")
        );
        assert_eq!(
            choose_reference(SuiteKind::Python, &[&repy], None)
                .0
                .as_deref(),
            Some("repy")
        );
        let (chosen, note) = choose_reference(SuiteKind::Python, &all, Some("jython"));
        assert_eq!(chosen.as_deref(), Some("cpython"));
        assert!(note.unwrap().contains("jython"));
        assert_eq!(choose_reference(SuiteKind::Python, &[], None).0, None);
    }

    #[test]
    fn toylang_prefers_the_optimised_c_twin() {
        let toylang = engine("toylang", SuiteKind::Toylang);
        let nojit = engine("toylang-nojit", SuiteKind::Toylang);
        let gcc = engine("gcc-O2", SuiteKind::Toylang);
        let chosen = choose_reference(SuiteKind::Toylang, &[&toylang, &nojit, &gcc], None).0;
        assert_eq!(chosen.as_deref(), Some("gcc-O2"));
        let chosen = choose_reference(SuiteKind::Toylang, &[&toylang, &nojit], None).0;
        assert_eq!(chosen.as_deref(), Some("toylang-nojit"));
    }
}
