//! The SVG bar chart of one suite's ratios, written by hand.
//!
//! Hand-written rather than plotters: a grouped bar chart is a few dozen
//! rectangles and lines, and this keeps the crate light and the picture
//! exactly as wanted. Design:
//! - one group of bars per benchmark, one bar per engine (the reference
//!   engine is the baseline, so it has no bar), and a last group for the
//!   geometric means;
//! - the y axis is logarithmic, because ratios are: 0.5x and 2x are equally far
//!   from 1x. Bars grow from the 1x line, up for slower, down for faster, so
//!   the length of a bar is how far an engine is from the reference;
//! - cells that failed get a short label at the baseline instead of a bar;
//! - every bar carries a `<title>` with its exact value (a tooltip in a
//!   browser), and the geometric-mean bars are labelled with their values.

use std::fmt::Write;

use super::{Status, SuiteReport};

const PALETTE: &[&str] = &[
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
    "#ff9da7", "#bab0ac",
];
const BAR_WIDTH: f64 = 16.0;
const GROUP_GAP: f64 = 22.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 84.0;
const PLOT_HEIGHT: f64 = 300.0;
const BOTTOM: f64 = 110.0;

/// One bar: an engine's ratio, or the reason it has none.
enum Bar {
    Ratio(f64),
    Failed(&'static str),
    Nothing,
}

/// The chart, or None when the suite has no ratio to draw.
pub fn chart(suite: &SuiteReport) -> Option<String> {
    let reference = suite.reference.as_deref()?;
    let engines: Vec<&str> = suite
        .engines
        .iter()
        .map(String::as_str)
        .filter(|engine| *engine != reference)
        .collect();
    let mut groups: Vec<(String, Vec<Bar>)> = Vec::new();
    for bench in &suite.benchmarks {
        let bars = engines
            .iter()
            .map(|engine| match bench.cell(engine) {
                Some(cell) => match (cell.status, cell.ratio) {
                    (Status::Ok, Some(ratio)) => Bar::Ratio(ratio),
                    (Status::Fail, _) => Bar::Failed("fail"),
                    (Status::Error, _) => Bar::Failed("error"),
                    (Status::Timeout, _) => Bar::Failed("timeout"),
                    _ => Bar::Nothing,
                },
                None => Bar::Nothing,
            })
            .collect();
        groups.push((bench.name.clone(), bars));
    }
    let means = engines
        .iter()
        .map(|engine| {
            match suite
                .geomeans
                .iter()
                .find(|g| g.engine == *engine)
                .and_then(|g| g.ratio)
            {
                Some(ratio) => Bar::Ratio(ratio),
                None => Bar::Nothing,
            }
        })
        .collect();
    groups.push(("geometric mean".to_string(), means));

    let ratios: Vec<f64> = groups
        .iter()
        .flat_map(|(_, bars)| bars.iter())
        .filter_map(|bar| match bar {
            Bar::Ratio(r) if r.is_finite() && *r > 0.0 => Some(*r),
            _ => None,
        })
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let scale = LogScale::covering(&ratios);

    let group_width = engines.len() as f64 * BAR_WIDTH + GROUP_GAP;
    let plot_width = (groups.len() as f64 * group_width).max(320.0);
    let title = format!(
        "{} suite: {} relative to {}",
        suite.suite.name(),
        suite.metric.name(),
        reference
    );
    let subtitle = format!(
        "median of per-run ratios, log scale; below the 1x line is faster than {reference}"
    );
    // Rough text widths (Helvetica averages about 0.6 em) keep titles inside.
    let text_width =
        (title.chars().count() as f64 * 9.6).max(subtitle.chars().count() as f64 * 6.0);
    let legend_width: f64 = engines.iter().map(|e| legend_entry_width(e)).sum();
    let plot_width = plot_width.max(text_width - LEFT + 20.0).max(legend_width);
    let width = LEFT + plot_width + RIGHT;
    let height = TOP + PLOT_HEIGHT + BOTTOM;
    let y = |ratio: f64| TOP + scale.fraction_from_top(ratio) * PLOT_HEIGHT;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        escape(&title)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{LEFT}" y="42" font-size="11" fill="#555">{}</text>"##,
        escape(&subtitle)
    );

    // Legend.
    let mut legend_x = LEFT;
    for (index, engine) in engines.iter().enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        let _ = writeln!(
            svg,
            r#"<rect x="{legend_x:.1}" y="54" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="64" font-size="12">{}</text>"#,
            legend_x + 16.0,
            escape(engine)
        );
        legend_x += legend_entry_width(engine);
    }

    // Grid and axis labels.
    for tick in scale.ticks() {
        let ty = y(tick);
        let (stroke, dash) = if (tick - 1.0).abs() < 1e-12 {
            ("#333", "")
        } else {
            ("#ddd", r#" stroke-dasharray="3,3""#)
        };
        let _ = writeln!(
            svg,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{ty:.1}" y2="{ty:.1}" stroke="{stroke}"{dash}/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"#,
            LEFT + plot_width,
            LEFT - 6.0,
            ty + 4.0,
            tick_label(tick)
        );
    }
    let _ = writeln!(
        svg,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{:.1}" stroke="#333"/>"##,
        TOP + PLOT_HEIGHT
    );
    let _ = writeln!(
        svg,
        r#"<text transform="translate(18,{:.1}) rotate(-90)" font-size="12" text-anchor="middle">{} / {}</text>"#,
        TOP + PLOT_HEIGHT / 2.0,
        suite.metric.name(),
        escape(reference)
    );

    // Bars.
    let baseline = y(1.0);
    let last = groups.len() - 1;
    for (group_index, (name, bars)) in groups.iter().enumerate() {
        // Groups share the plot's width evenly; bars are centred in their group.
        let slot = plot_width / groups.len() as f64;
        let group_x =
            LEFT + group_index as f64 * slot + (slot - bars.len() as f64 * BAR_WIDTH) / 2.0;
        for (engine_index, bar) in bars.iter().enumerate() {
            let x = group_x + engine_index as f64 * BAR_WIDTH;
            let colour = PALETTE[engine_index % PALETTE.len()];
            match bar {
                Bar::Ratio(ratio) => {
                    let top = y(*ratio).min(baseline);
                    let bar_height = (y(*ratio) - baseline).abs().max(1.0);
                    let _ = writeln!(
                        svg,
                        r#"<rect x="{x:.1}" y="{top:.1}" width="{:.1}" height="{bar_height:.1}" fill="{colour}"><title>{} {}: {:.3}x</title></rect>"#,
                        BAR_WIDTH - 2.0,
                        escape(name),
                        escape(engines[engine_index]),
                        ratio
                    );
                    if group_index == last {
                        // Vertical, so neighbouring labels never overlap.
                        let (label_y, anchor) = if *ratio >= 1.0 {
                            (top - 4.0, "start")
                        } else {
                            (top + bar_height + 4.0, "end")
                        };
                        let _ = writeln!(
                            svg,
                            r#"<text transform="translate({:.1},{label_y:.1}) rotate(-90)" font-size="10" text-anchor="{anchor}">{}</text>"#,
                            x + BAR_WIDTH / 2.0 + 2.5,
                            short_ratio(*ratio)
                        );
                    }
                }
                Bar::Failed(label) => {
                    let _ = writeln!(
                        svg,
                        r##"<text transform="translate({:.1},{:.1}) rotate(-90)" font-size="9" fill="#c00">{label}</text>"##,
                        x + BAR_WIDTH / 2.0 + 2.0,
                        baseline - 4.0
                    );
                }
                Bar::Nothing => {}
            }
        }
        // Benchmark name under the group, slanted.
        let centre = group_x + bars.len() as f64 * BAR_WIDTH / 2.0;
        let label_y = TOP + PLOT_HEIGHT + 14.0;
        let weight = if group_index == last {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            r#"<text transform="translate({centre:.1},{label_y:.1}) rotate(-35)" font-size="12" text-anchor="end"{weight}>{}</text>"#,
            escape(name)
        );
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

fn legend_entry_width(engine: &str) -> f64 {
    16.0 + 7.0 * engine.chars().count() as f64 + 18.0
}

/// A log10 axis spanning whole or half decades around the data and 1x.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LogScale {
    low: f64,
    high: f64,
}

impl LogScale {
    fn covering(ratios: &[f64]) -> LogScale {
        let smallest = ratios.iter().copied().fold(1.0, f64::min);
        let largest = ratios.iter().copied().fold(1.0, f64::max);
        // Room beyond the longest bars for their value labels.
        let low = nice_step_at_most(smallest / 1.5);
        let high = nice_step_at_least(largest * 1.5);
        // Always show some room on both sides of the 1x line.
        LogScale {
            low: low.min(0.5),
            high: high.max(2.0),
        }
    }

    /// 0 at the top (high), 1 at the bottom (low).
    fn fraction_from_top(self, ratio: f64) -> f64 {
        let span = self.high.log10() - self.low.log10();
        let clamped = ratio.clamp(self.low, self.high);
        (self.high.log10() - clamped.log10()) / span
    }

    /// 1, 2 and 5 times each power of ten within the range.
    fn ticks(self) -> Vec<f64> {
        let mut ticks = Vec::new();
        let mut decade = 10f64.powf(self.low.log10().floor());
        while decade <= self.high * 1.0001 {
            for step in [1.0, 2.0, 5.0] {
                let tick = decade * step;
                if tick >= self.low * 0.9999 && tick <= self.high * 1.0001 {
                    ticks.push(tick);
                }
            }
            decade *= 10.0;
        }
        ticks
    }
}

/// The largest 1, 2 or 5 times a power of ten that is <= `value` (> 0).
fn nice_step_at_most(value: f64) -> f64 {
    let decade = 10f64.powf(value.log10().floor());
    [5.0, 2.0, 1.0]
        .iter()
        .map(|step| step * decade)
        .find(|candidate| *candidate <= value * 1.000_001)
        .unwrap_or(decade)
}

/// The smallest 1, 2 or 5 times a power of ten that is >= `value` (> 0).
fn nice_step_at_least(value: f64) -> f64 {
    let decade = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|step| step * decade)
        .find(|candidate| *candidate >= value * 0.999_999)
        .unwrap_or(decade * 10.0)
}

fn tick_label(tick: f64) -> String {
    if tick >= 1.0 {
        format!("{tick:.0}x")
    } else {
        // 0.5, 0.2, 0.05 ...: as many decimals as the tick needs.
        let decimals = (-tick.log10()).ceil() as usize;
        format!("{tick:.decimals$}x")
    }
}

fn short_ratio(ratio: f64) -> String {
    if ratio >= 10.0 {
        format!("{ratio:.0}x")
    } else {
        format!("{ratio:.2}x")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_covers_the_data_and_one() {
        let scale = |ratios: &[f64]| {
            let s = LogScale::covering(ratios);
            (s.low, s.high)
        };
        assert_eq!(scale(&[0.03, 1.7]), (0.02, 5.0));
        assert_eq!(scale(&[25.0, 0.3]), (0.2, 50.0));
        assert_eq!(scale(&[1.2]), (0.5, 2.0));
        assert_eq!(scale(&[4.0]), (0.5, 10.0));
        let axis = LogScale::covering(&[4.0]);
        assert!((axis.fraction_from_top(10.0)).abs() < 1e-12);
        assert!((axis.fraction_from_top(0.5) - 1.0).abs() < 1e-12);
        // Out of range values stay on the plot.
        assert!((axis.fraction_from_top(1000.0)).abs() < 1e-12);
    }

    #[test]
    fn ticks_are_one_two_five() {
        let ticks = LogScale {
            low: 0.1,
            high: 10.0,
        }
        .ticks();
        let labels: Vec<String> = ticks.into_iter().map(tick_label).collect();
        assert_eq!(labels, ["0.1x", "0.2x", "0.5x", "1x", "2x", "5x", "10x"]);
        let ticks = LogScale {
            low: 0.5,
            high: 2.0,
        }
        .ticks();
        assert_eq!(ticks.len(), 3);
    }

    #[test]
    fn names_are_escaped() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    }
}
