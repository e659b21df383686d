//! Rounding-aware checks for the summary-statistics audit.
//!
//! A paper prints rounded numbers: r = 0.15 stands for any r in [0.145, 0.155), a mean of 46.8
//! for any mean in [46.75, 46.85). A reported p is consistent with the paper when *some*
//! unrounded values that print as the paper's give it, not only the printed values themselves
//! (r = 0.15 with n = 74 gives p = 0.202, yet p = 0.196 is what r = 0.152 gives, and 0.152
//! prints as 0.15). This module finds the range of p-values over every such unrounded value.
//!
//! The range is exact where the p-value is monotone in each rounded input: a correlation's p
//! in |r|; Student's pooled t test's p in the mean difference and in each SD (its df is fixed).
//! Welch's df moves with the SDs, so its range over the SDs is searched on a 9 × 9 grid of the
//! two SD intervals (ends included) at each extreme of the mean difference; the p-value is
//! monotone in the mean difference for fixed SDs.

use crate::reported_p::ReportedP;
use crate::{correlation_p, student_from_summary, welch_from_summary};

/// Decimals a value is printed with, read from its shortest representation (`46.8` → 1,
/// `317` → 0); a value read from a file loses trailing zeros (`46.80` reads as 46.8), so the
/// audit file's `decimals` key can say more.
pub fn printed_decimals(v: f64) -> u32 {
    let text = format!("{}", v.abs());
    text.split_once('.')
        .map_or(0, |(_, d)| d.len() as u32)
        .min(340)
}

/// Half a unit of the last printed decimal: the most rounding can move a value.
pub fn half_unit(decimals: u32) -> f64 {
    0.5 * 10f64.powi(-(decimals.min(340) as i32))
}

/// Lowest and highest p-value over a rounding box, each finite and in [0, 1].
fn finite_range(low: f64, high: f64) -> Option<[f64; 2]> {
    (low.is_finite() && high.is_finite() && low <= high).then_some([low, high])
}

/// The p-values of the t test of a correlation over every r that prints as `r` with
/// `decimals` decimals, for n pairs.
pub fn correlation_range(r: f64, n: u32, decimals: u32) -> Option<[f64; 2]> {
    let h = half_unit(decimals);
    let a = r.abs();
    // |r| < 1 strictly: at |r| -> 1 the p-value tends to 0
    let largest = (a + h).min(1.0 - 1e-15);
    let smallest = (a - h).max(0.0);
    finite_range(correlation_p(largest, n).2, correlation_p(smallest, n).2)
}

/// The p-values of Welch's and of Student's t tests over every pair of means and SDs that
/// print as the given ones (`decimals` per value: [mean 1, mean 2] and [SD 1, SD 2]).
pub fn comparison_ranges(
    mean: [f64; 2],
    sd: [f64; 2],
    n: [u32; 2],
    mean_decimals: [u32; 2],
    sd_decimals: [u32; 2],
) -> (Option<[f64; 2]>, Option<[f64; 2]>) {
    let spread = half_unit(mean_decimals[0]) + half_unit(mean_decimals[1]);
    let d = (mean[0] - mean[1]).abs();
    let (d_low, d_high) = ((d - spread).max(0.0), d + spread);
    let h = sd_decimals.map(half_unit);
    // An SD printed with k decimals is at least one unit of the k-th decimal, so its lower
    // end stays positive; max() guards a `decimals` key that asks for fewer digits.
    let s_low = [
        (sd[0] - h[0]).max(sd[0] * 1e-3),
        (sd[1] - h[1]).max(sd[1] * 1e-3),
    ];
    let s_high = [sd[0] + h[0], sd[1] + h[1]];
    let p_welch = |diff: f64, s: [f64; 2]| welch_from_summary([diff, 0.0], s, n).2;
    let p_student = |diff: f64, s: [f64; 2]| student_from_summary([diff, 0.0], s, n).2;

    let student = finite_range(p_student(d_high, s_low), p_student(d_low, s_high));

    const STEPS: usize = 8;
    let at = |i: usize, k: usize| s_low[k] + (s_high[k] - s_low[k]) * i as f64 / STEPS as f64;
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..=STEPS {
        for j in 0..=STEPS {
            let s = [at(i, 0), at(j, 1)];
            low = low.min(p_welch(d_high, s));
            high = high.max(p_welch(d_low, s));
        }
    }
    (finite_range(low, high), student)
}

/// Whether some p-value in `range` agrees with the report.
pub fn holds_within(reported: ReportedP, range: [f64; 2]) -> bool {
    let [low, high] = range;
    match reported {
        ReportedP::Below { bound } => low < bound,
        ReportedP::Above { bound } => high > bound,
        ReportedP::Exact { value, decimals } => {
            let h = half_unit(decimals);
            low <= value + h + 1e-12 && high >= value - h - 1e-12
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_as_printed() {
        assert_eq!(printed_decimals(46.8), 1);
        assert_eq!(printed_decimals(317.0), 0);
        assert_eq!(printed_decimals(-0.52), 2);
        assert_eq!(printed_decimals(0.001), 3);
        assert_eq!(half_unit(2), 0.005);
    }

    #[test]
    fn the_range_contains_the_printed_values_p() {
        let (t, _, p) = correlation_p(0.15, 74);
        assert!(t > 0.0);
        let [low, high] = correlation_range(0.15, 74, 2).unwrap();
        assert!(low < p && p < high, "{low} {p} {high}");
        let (welch, student) =
            comparison_ranges([46.8, 45.9], [8.2, 7.6], [62, 40], [1, 1], [1, 1]);
        let [wl, wh] = welch.unwrap();
        let [sl, sh] = student.unwrap();
        let pw = welch_from_summary([46.8, 45.9], [8.2, 7.6], [62, 40]).2;
        let ps = student_from_summary([46.8, 45.9], [8.2, 7.6], [62, 40]).2;
        assert!(wl < pw && pw < wh && sl < ps && ps < sh);
    }

    #[test]
    fn equal_printed_means_reach_p_one() {
        let (welch, student) = comparison_ranges([5.0, 5.0], [1.0, 1.0], [10, 10], [0, 0], [0, 0]);
        assert_eq!(welch.unwrap()[1], 1.0);
        assert_eq!(student.unwrap()[1], 1.0);
    }
}
