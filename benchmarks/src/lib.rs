//! retrace-bench: runs benchmark workloads across engines (repy, CPython, PyPy,
//! toylang, C and Lua twins) and reports medians, ratios, JSON, Markdown and
//! SVG charts. See docs/bench.md.
//!
//! The pieces, in the order a run uses them:
//! - `cli`: options and their defaults (`--quick` changes several);
//! - `selfbuild`: builds repy and toylang, finds them in the target folder;
//! - `suites` (and `fetch` when no workload folder exists): the programs;
//! - `engines`: finds and probes what runs them, compiles the C twins;
//! - `run` with `measure`, `compare` and `stats`: warm-up, interleaved timed
//!   runs, output checks, medians and paired ratios;
//! - `report`: the data model, written as JSON, Markdown, a text table, SVG.

pub mod cli;
pub mod compare;
pub mod engines;
pub mod fetch;
pub mod measure;
pub mod report;
pub mod run;
pub mod selfbuild;
pub mod stats;
pub mod suites;

use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, SuiteChoice};
use crate::engines::{CustomEngine, Engine, OurBinaries};
use crate::report::{Report, Settings};
use crate::run::RunSettings;
use crate::suites::{PythonSelection, Suite, SuiteKind};

/// Engines that are the project's own binaries.
const OUR_ENGINES: &[&str] = &["repy", "repy-nojit", "toylang", "toylang-nojit"];

/// Runs the whole benchmark session the command line describes.
pub fn run_cli(cli: &Cli) -> Result<(), String> {
    let resolved = cli.resolve()?;
    let custom: Vec<CustomEngine> = cli
        .extra_engines
        .iter()
        .map(|spec| engines::parse_custom_engine(spec))
        .collect::<Result<_, _>>()?;
    let root = selfbuild::workspace_root();
    let target = match &root {
        Some(root) => selfbuild::target_dir(root),
        None => PathBuf::from("target"),
    };
    let out = cli.out.clone().unwrap_or_else(|| target.join("bench"));
    let scratch = out.join("scratch");
    let mut notes = Vec::new();

    let kinds: Vec<SuiteKind> = match cli.suite {
        SuiteChoice::All => vec![SuiteKind::Python, SuiteKind::Toylang],
        SuiteChoice::Python => vec![SuiteKind::Python],
        SuiteChoice::Toylang => vec![SuiteKind::Toylang],
    };
    let wanted = |name: &str| cli.engines.is_empty() || cli.engines.iter().any(|e| e == name);

    // Our binaries, built first so the probes see the fresh ones.
    let ours = if OUR_ENGINES.iter().any(|name| wanted(name)) {
        selfbuild::our_binaries(root.as_deref(), !cli.no_build, &mut notes)
    } else {
        let why = "not selected (--engines)".to_string();
        OurBinaries {
            repy: Err(why.clone()),
            toylang: Err(why),
        }
    };

    // Engines and programs of each suite.
    let mut all_engines: Vec<Engine> = Vec::new();
    let mut prepared: Vec<(Suite, Vec<Engine>)> = Vec::new();
    let mut discovered: Vec<String> = Vec::new();
    for kind in kinds {
        let mut found = engines::discover(kind, &ours, &custom, &scratch)?;
        discovered.extend(found.iter().map(|engine| engine.name.clone()));
        found.retain(|engine| wanted(&engine.name));
        let suite = match kind {
            SuiteKind::Python => python_suite(cli, &resolved, root.as_deref(), &found, &mut notes)?,
            SuiteKind::Toylang => toylang_suite(cli, &resolved, root.as_deref(), &mut notes)?,
        };
        if let Some(suite) = &suite {
            for engine in found.iter_mut().filter(|e| e.skip.is_none()) {
                engines::build_c_twins(engine, &suite.benchmarks, &out.join("c-twins"))?;
            }
        }
        all_engines.extend(found.iter().cloned());
        if let Some(suite) = suite {
            prepared.push((suite, found));
        }
    }
    for name in &cli.engines {
        if !discovered.contains(name) {
            return Err(format!(
                "--engines {name}: no such engine in the suites run (known: {})",
                discovered.join(", ")
            ));
        }
    }
    check_only(&resolved.only, cli.quick, &prepared)?;
    if cli.list {
        print!("{}", listing(&all_engines, &prepared, &notes));
        return Ok(());
    }

    // Measure.
    let settings = RunSettings {
        runs: resolved.runs,
        timeout: Duration::from_secs_f64(resolved.timeout_s),
        metric: cli.metric,
    };
    let mut plan = Vec::new();
    let mut total = 0;
    for (suite, engines) in &prepared {
        let mut available: Vec<&Engine> = engines.iter().filter(|e| e.skip.is_none()).collect();
        // An engine with nothing to run here (no twins yet) would only add
        // an empty column.
        available.retain(|engine| {
            let runs_something = suite.benchmarks.is_empty()
                || suite
                    .benchmarks
                    .iter()
                    .any(|b| engine.invocation(b).is_some());
            if !runs_something {
                notes.push(format!(
                    "{} ({}) left out: no program for it in this suite ({})",
                    engine.name,
                    suite.kind.name(),
                    engine.info().command
                ));
            }
            runs_something
        });
        let (reference, note) =
            run::choose_reference(suite.kind, &available, cli.reference.as_deref());
        notes.extend(note);
        total += run::planned_runs(suite, &available, &settings);
        plan.push((suite, available, reference));
    }
    let progress = progress_bar(total);
    let started = report::utc_now();
    let suites = plan
        .iter()
        .map(|(suite, available, reference)| {
            run::run_suite(suite, available, reference.as_deref(), &settings, &progress)
        })
        .collect();
    progress.finish_and_clear();

    let report = Report {
        tool: format!("retrace-bench {}", env!("CARGO_PKG_VERSION")),
        started,
        host: report::host_name(),
        settings: Settings {
            runs: resolved.runs,
            warmup_runs: 1,
            loops_scale: resolved.loops_scale,
            timeout_s: resolved.timeout_s,
            quick: cli.quick,
            metric: cli.metric,
        },
        notes,
        engines: all_engines.iter().map(Engine::info).collect(),
        suites,
    };
    let written = report::write_all(&report, &out)?;
    print!("{}", report::table::terminal(&report));
    eprintln!("retrace-bench: wrote {}", written.json.display());
    eprintln!("retrace-bench: wrote {}", written.markdown.display());
    for chart in &written.charts {
        eprintln!("retrace-bench: wrote {}", chart.display());
    }
    Ok(())
}

fn python_suite(
    cli: &Cli,
    resolved: &cli::Resolved,
    root: Option<&Path>,
    engines: &[Engine],
    notes: &mut Vec<String>,
) -> Result<Option<Suite>, String> {
    let only = if resolved.only.is_empty() && cli.quick {
        suites::QUICK_PYTHON.iter().map(|s| s.to_string()).collect()
    } else {
        resolved.only.clone()
    };
    let selection = PythonSelection {
        loops_scale: resolved.loops_scale,
        only,
    };
    if let Some(dir) = &cli.workloads {
        let origin = dir.display().to_string();
        return suites::python_suite(dir, origin, &selection).map(Some);
    }
    let shared = root.filter(|_| !cli.fetch).map(|root| {
        root.join("..")
            .join("shared")
            .join("workloads")
            .join("python")
    });
    if let Some(shared) = shared.filter(|dir| dir.is_dir()) {
        let origin = std::fs::canonicalize(&shared)
            .unwrap_or(shared.clone())
            .display()
            .to_string();
        return suites::python_suite(&shared, origin, &selection).map(Some);
    }
    if cli.no_fetch {
        notes.push("python suite skipped: no workload folder and --no-fetch".to_string());
        return Ok(None);
    }
    // pip runs under the CPython we found, else any python3 in PATH.
    let python = engines
        .iter()
        .find(|e| e.name == "cpython" && e.skip.is_none())
        .and_then(|e| match &e.program {
            engines::Program::Interpreter { program, .. } => Some(program.clone()),
            _ => None,
        })
        .or_else(|| engines::find_program("python3"));
    let Some(python) = python else {
        notes.push(
            "python suite skipped: no workload folder and no python3 to fetch one".to_string(),
        );
        return Ok(None);
    };
    let cache = cli
        .cache_dir
        .clone()
        .unwrap_or_else(fetch::default_cache_dir);
    match fetch::pyperformance_workloads(&cache, &python) {
        Ok(dir) => {
            let origin = format!(
                "{} (pyperformance {} from PyPI)",
                dir.display(),
                fetch::PYPERFORMANCE_VERSION
            );
            suites::python_suite(&dir, origin, &selection).map(Some)
        }
        Err(why) => {
            notes.push(format!(
                "python suite skipped: fetching the workloads failed: {why}"
            ));
            Ok(None)
        }
    }
}

fn toylang_suite(
    cli: &Cli,
    resolved: &cli::Resolved,
    root: Option<&Path>,
    notes: &mut Vec<String>,
) -> Result<Option<Suite>, String> {
    let dir = match (&cli.toylang_dir, root) {
        (Some(dir), _) => dir.clone(),
        (None, Some(root)) => root.join("benchmarks").join("toylang"),
        (None, None) => {
            notes.push("toylang suite skipped: no workspace and no --toylang-dir".to_string());
            return Ok(None);
        }
    };
    if !dir.is_dir() {
        if cli.toylang_dir.is_some() {
            return Err(format!("--toylang-dir {}: not a folder", dir.display()));
        }
        notes.push(format!(
            "toylang suite skipped: no benchmarks at {} yet",
            dir.display()
        ));
        return Ok(None);
    }
    let suite = suites::toylang_suite(&dir, &resolved.only)?;
    if suite.benchmarks.is_empty() && resolved.only.is_empty() {
        notes.push(format!(
            "toylang suite skipped: no .tl programs in {}",
            dir.display()
        ));
        return Ok(None);
    }
    Ok(Some(suite))
}

/// Every name given to --only must name a benchmark of some suite run.
fn check_only(
    only: &[String],
    quick: bool,
    prepared: &[(Suite, Vec<Engine>)],
) -> Result<(), String> {
    let known: Vec<&str> = prepared
        .iter()
        .flat_map(|(suite, _)| suite.benchmarks.iter().map(|b| b.name.as_str()))
        .collect();
    for name in only {
        if !known.contains(&name.as_str()) {
            return Err(format!(
                "--only {name}: no benchmark of that name in the suites run"
            ));
        }
    }
    if prepared
        .iter()
        .all(|(suite, _)| suite.benchmarks.is_empty())
        && (!only.is_empty() || quick)
    {
        return Err("no benchmark to run".to_string());
    }
    Ok(())
}

/// What `--list` prints: engines with their state, then each suite's programs.
fn listing(engines: &[Engine], prepared: &[(Suite, Vec<Engine>)], notes: &[String]) -> String {
    let mut text = String::from("engines:\n");
    for engine in engines {
        let info = engine.info();
        let state = match &info.note {
            Some(note) => format!("skipped: {note}"),
            None => format!("{} [{}]", info.command, info.description),
        };
        text.push_str(&format!(
            "  {:<8} {:<14} {state}\n",
            info.suite.name(),
            info.name
        ));
    }
    for (suite, _) in prepared {
        text.push_str(&format!(
            "suite {} ({}):\n",
            suite.kind.name(),
            suite.origin
        ));
        for bench in &suite.benchmarks {
            let mut twins = Vec::new();
            if bench.c_twin.is_some() {
                twins.push("C");
            }
            if bench.lua_twin.is_some() {
                twins.push("Lua");
            }
            let twins = if twins.is_empty() {
                String::new()
            } else {
                format!(" (twins: {})", twins.join(", "))
            };
            text.push_str(&format!(
                "  {:<16} {}{twins}\n",
                bench.name,
                bench.args.join(" ")
            ));
        }
    }
    for note in notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    let style =
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} runs  {msg}")
            .map(|style| style.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
