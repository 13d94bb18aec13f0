//! The statistics: medians, spreads, paired ratios and geometric means.
//!
//! Ratios are taken pair by pair: run i of an engine against run i of the
//! reference, then the median of those ratios. Runs are interleaved (engine A
//! run i, engine B run i, ...), so a pair shares the machine's state at that
//! moment: drift, a busy neighbour or a thermal dip hits both sides of a pair.
//! The median of per-pair ratios shrugs off one disturbed pair, where a ratio
//! of medians would mix runs taken minutes apart.

use serde::Serialize;

/// Median, minimum and maximum of a sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    pub fn of(values: &[f64]) -> Option<Summary> {
        Some(Summary {
            median: median(values)?,
            min: values.iter().copied().reduce(f64::min)?,
            max: values.iter().copied().reduce(f64::max)?,
        })
    }
}

/// The median; the mean of the two middle values for an even count.
/// None for an empty sample or one holding a NaN.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    })
}

/// Per-pair ratios `engine[i] / reference[i]`, over the pairs both sides have.
/// A pair whose reference time is not positive carries no ratio.
pub fn paired_ratios(engine: &[f64], reference: &[f64]) -> Vec<f64> {
    engine
        .iter()
        .zip(reference)
        .filter(|&(_, &base)| base > 0.0)
        .map(|(&time, &base)| time / base)
        .collect()
}

/// The median of the per-pair ratios (see the module notes).
pub fn median_ratio(engine: &[f64], reference: &[f64]) -> Option<f64> {
    median(&paired_ratios(engine, reference))
}

/// The geometric mean: the right mean for ratios (a 2x and a 0.5x cancel).
/// None when empty or when a value is not a positive finite number.
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite() || *v <= 0.0) {
        return None;
    }
    let log_sum: f64 = values.iter().map(|v| v.ln()).sum();
    Some((log_sum / values.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn median_of_odd_and_even_samples() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.5]), Some(7.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn summary_gives_median_min_max() {
        let summary = Summary::of(&[5.0, 1.0, 9.0, 2.0, 4.0]).unwrap();
        assert_eq!(
            summary,
            Summary {
                median: 4.0,
                min: 1.0,
                max: 9.0
            }
        );
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn ratios_are_taken_pair_by_pair() {
        // Medians alone would give 2.0 / 2.0 = 1.0; the pairs say otherwise.
        let engine = [1.0, 2.0, 6.0];
        let reference = [2.0, 4.0, 2.0];
        assert_eq!(paired_ratios(&engine, &reference), vec![0.5, 0.5, 3.0]);
        assert_eq!(median_ratio(&engine, &reference), Some(0.5));
    }

    #[test]
    fn ratios_skip_unpaired_and_zero_reference_runs() {
        assert_eq!(paired_ratios(&[1.0, 2.0, 3.0], &[2.0, 0.0]), vec![0.5]);
        assert_eq!(median_ratio(&[1.0], &[]), None);
    }

    #[test]
    fn geometric_mean_of_ratios() {
        assert!(close(geometric_mean(&[2.0, 0.5]).unwrap(), 1.0));
        assert!(close(geometric_mean(&[1.0, 4.0, 16.0]).unwrap(), 4.0));
        assert!(close(geometric_mean(&[3.0]).unwrap(), 3.0));
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
        assert_eq!(geometric_mean(&[1.0, f64::INFINITY]), None);
    }
}
