//! The results as text: a table for the terminal and a Markdown page.
//!
//! Both show one row per benchmark and one column per engine. A cell is the
//! median wall time and, in parentheses, the median per-run ratio to the
//! reference engine (lower is faster); FAIL, ERROR or TIMEOUT replace the time
//! when the engine did not produce the reference's output; `-` means the
//! engine has nothing to run for that benchmark. Notes under the table say why
//! each cell failed and why engines were skipped.

use std::fmt::Write;

use super::{BenchReport, Cell, Metric, Report, Status, SuiteReport};

/// The text of one cell: the median of `metric`, and the ratio.
pub fn cell_text(cell: Option<&Cell>, metric: Metric) -> String {
    let Some(cell) = cell else {
        return "-".to_string();
    };
    let summary = match metric {
        Metric::Wall => &cell.wall_s,
        Metric::Cpu => &cell.cpu_s,
    };
    match (cell.status, summary) {
        (Status::Ok, Some(wall)) => match cell.ratio {
            Some(ratio) => format!("{} ({})", seconds(wall.median), ratio_text(ratio)),
            None => seconds(wall.median),
        },
        (status, _) => status.label().to_string(),
    }
}

pub fn seconds(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0} s")
    } else if value >= 10.0 {
        format!("{value:.1} s")
    } else if value >= 0.1 {
        format!("{value:.2} s")
    } else {
        format!("{:.1} ms", value * 1000.0)
    }
}

pub fn ratio_text(ratio: f64) -> String {
    if ratio >= 10.0 {
        format!("{ratio:.1}x")
    } else {
        format!("{ratio:.2}x")
    }
}

fn header(suite: &SuiteReport, engine: &str) -> String {
    if suite.reference.as_deref() == Some(engine) {
        format!("{engine} (ref)")
    } else {
        engine.to_string()
    }
}

/// Rows of cells for one suite: header, benchmarks, geometric means.
fn grid(suite: &SuiteReport) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut head = vec!["benchmark".to_string()];
    head.extend(suite.engines.iter().map(|engine| header(suite, engine)));
    rows.push(head);
    for bench in &suite.benchmarks {
        let mut row = vec![bench.name.clone()];
        row.extend(
            suite
                .engines
                .iter()
                .map(|engine| cell_text(bench.cell(engine), suite.metric)),
        );
        rows.push(row);
    }
    if suite.reference.is_some() && !suite.benchmarks.is_empty() {
        let mut row = vec!["geometric mean".to_string()];
        for engine in &suite.engines {
            let mean = suite.geomeans.iter().find(|g| &g.engine == engine);
            row.push(
                match mean.and_then(|g| g.ratio.map(|r| (r, g.benchmarks))) {
                    Some((ratio, count)) if count == suite.benchmarks.len() => ratio_text(ratio),
                    Some((ratio, count)) => format!("{} (of {count})", ratio_text(ratio)),
                    None => "-".to_string(),
                },
            );
        }
        rows.push(row);
    }
    rows
}

fn suite_title(suite: &SuiteReport) -> String {
    match &suite.reference {
        Some(reference) => format!(
            "suite {}: median {} (median per-run ratio to {reference}, lower is faster)",
            suite.suite.name(),
            suite.metric.name()
        ),
        None => format!(
            "suite {}: median {}",
            suite.suite.name(),
            suite.metric.name()
        ),
    }
}

/// Notes on failed cells, one line each.
fn cell_notes(suite: &SuiteReport) -> Vec<String> {
    let mut notes = Vec::new();
    for bench in &suite.benchmarks {
        for cell in &bench.cells {
            if let (Some(note), false) = (&cell.note, cell.status == Status::Missing) {
                notes.push(format!(
                    "{} / {}: {}: {note}",
                    bench.name,
                    cell.engine,
                    cell.status.label()
                ));
            }
        }
        if let Some(checked) = checked_note(suite, bench) {
            notes.push(checked);
        }
    }
    notes
}

/// Says so when a benchmark's output was checked against another engine
/// than the suite's reference.
fn checked_note(suite: &SuiteReport, bench: &BenchReport) -> Option<String> {
    match (&bench.checked_against, &suite.reference) {
        (Some(checked), Some(reference)) if checked != reference => Some(format!(
            "{}: output checked against {checked} ({reference} did not run it)",
            bench.name
        )),
        (None, _) if bench.cells.iter().any(|c| c.status == Status::Ok) => Some(format!(
            "{}: output not checked (no engine to compare with)",
            bench.name
        )),
        _ => None,
    }
}

fn skipped_engines(report: &Report) -> Vec<String> {
    report
        .engines
        .iter()
        .filter(|e| !e.available)
        .filter(|e| report.suites.iter().any(|s| s.suite == e.suite))
        .map(|e| {
            format!(
                "{} ({}) skipped: {}",
                e.name,
                e.suite.name(),
                e.note.as_deref().unwrap_or("")
            )
        })
        .collect()
}

/// The table for the terminal, with its notes.
pub fn terminal(report: &Report) -> String {
    let mut text = String::new();
    for suite in &report.suites {
        let _ = writeln!(text, "{}", suite_title(suite));
        if suite.benchmarks.is_empty() {
            let _ = writeln!(text, "  (no benchmarks)\n");
            continue;
        }
        let rows = grid(suite);
        let columns = rows[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|row| row[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let rule: String = widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-");
        for (index, row) in rows.iter().enumerate() {
            if index == 1 || (index == rows.len() - 1 && suite.reference.is_some()) {
                let _ = writeln!(text, "{rule}");
            }
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(c, (cell, width))| {
                    if c == 0 {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            let _ = writeln!(text, "{}", cells.join(" | ").trim_end());
        }
        for note in cell_notes(suite) {
            let _ = writeln!(text, "  {note}");
        }
        let _ = writeln!(text);
    }
    for note in skipped_engines(report).iter().chain(&report.notes) {
        let _ = writeln!(text, "note: {note}");
    }
    text
}

/// The Markdown page: the summary table per suite, then every cell's figures.
pub fn markdown(report: &Report) -> String {
    let mut text = String::new();
    let settings = &report.settings;
    let _ = writeln!(text, "# retrace-bench results\n");
    let _ = writeln!(
        text,
        "{} on `{}`: {} timed run(s) after {} warm-up, loops scaled by {}, timeout {} s{}.\n",
        report.started,
        report.host,
        settings.runs,
        settings.warmup_runs,
        settings.loops_scale,
        settings.timeout_s,
        if settings.quick { ", quick mode" } else { "" }
    );
    for suite in &report.suites {
        let _ = writeln!(text, "## {}\n", suite_title(suite));
        let _ = writeln!(text, "Programs from `{}`.\n", suite.origin);
        if suite.benchmarks.is_empty() {
            let _ = writeln!(text, "No benchmarks.\n");
            continue;
        }
        let rows = grid(suite);
        for (index, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            let _ = writeln!(text, "| {} |", cells.join(" | "));
            if index == 0 {
                let _ = writeln!(text, "|{}", "---|".repeat(row.len()));
            }
        }
        let notes = cell_notes(suite);
        if !notes.is_empty() {
            let _ = writeln!(text);
            for note in notes {
                let _ = writeln!(text, "- {}", escape(&note));
            }
        }
        let _ = writeln!(text, "\n### Every cell\n");
        let _ = writeln!(
            text,
            "| benchmark | engine | status | wall median | wall min | wall max | CPU median | peak RSS | ratio |"
        );
        let _ = writeln!(text, "|---|---|---|---|---|---|---|---|---|");
        for bench in &suite.benchmarks {
            for cell in &bench.cells {
                let figure = |value: Option<f64>| value.map(seconds).unwrap_or_else(|| "-".into());
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    escape(&bench.name),
                    escape(&cell.engine),
                    cell.status.label(),
                    figure(cell.wall_s.map(|s| s.median)),
                    figure(cell.wall_s.map(|s| s.min)),
                    figure(cell.wall_s.map(|s| s.max)),
                    figure(cell.cpu_s.map(|s| s.median)),
                    cell.max_rss_kb
                        .map(|s| format!("{:.1} MB", s.median / 1024.0))
                        .unwrap_or_else(|| "-".into()),
                    cell.ratio.map(ratio_text).unwrap_or_else(|| "-".into()),
                );
            }
        }
        let _ = writeln!(text);
    }
    let _ = writeln!(text, "## Engines\n");
    for engine in &report.engines {
        let state = match &engine.note {
            Some(note) => format!("skipped: {note}"),
            None => format!("`{}`", engine.command),
        };
        let _ = writeln!(
            text,
            "- {} ({}): {} {}",
            engine.name,
            engine.suite.name(),
            escape(&engine.description),
            escape(&state)
        );
    }
    if !report.notes.is_empty() {
        let _ = writeln!(text, "\n## Notes\n");
        for note in &report.notes {
            let _ = writeln!(text, "- {}", escape(note));
        }
    }
    text
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Summary;

    fn ok_cell(engine: &str, wall: f64, ratio: Option<f64>) -> Cell {
        let mut cell = Cell::new(engine, Status::Ok);
        cell.wall_s = Summary::of(&[wall]);
        cell.ratio = ratio;
        cell
    }

    #[test]
    fn cells_show_time_and_ratio_or_the_failure() {
        let wall = Metric::Wall;
        let cell = ok_cell("a", 2.5, Some(0.5));
        assert_eq!(cell_text(Some(&cell), wall), "2.50 s (0.50x)");
        assert_eq!(
            cell_text(Some(&ok_cell("a", 0.0123, None)), wall),
            "12.3 ms"
        );
        assert_eq!(cell_text(Some(&Cell::new("b", Status::Fail)), wall), "FAIL");
        assert_eq!(
            cell_text(Some(&Cell::new("b", Status::Timeout)), wall),
            "TIMEOUT"
        );
        assert_eq!(cell_text(None, wall), "-");
        let mut cpu_cell = ok_cell("a", 2.5, Some(0.5));
        cpu_cell.cpu_s = Summary::of(&[1.25]);
        assert_eq!(cell_text(Some(&cpu_cell), Metric::Cpu), "1.25 s (0.50x)");
    }

    #[test]
    fn number_formats() {
        assert_eq!(seconds(123.4), "123 s");
        assert_eq!(seconds(12.34), "12.3 s");
        assert_eq!(ratio_text(12.34), "12.3x");
        assert_eq!(ratio_text(0.1234), "0.12x");
    }
}
