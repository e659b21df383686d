//! Descriptive statistics (mean, SD, median, R type-7 quantiles) with missing
//! values (NaN) dropped and the number of values used reported.

use crate::error::{Result, StatsError};
use serde::Serialize;

/// Values of `x` that are not NaN.
pub(crate) fn finite_values(x: &[f64]) -> Vec<f64> {
    x.iter().copied().filter(|v| !v.is_nan()).collect()
}

/// Mean of values already free of NaN, with a second-pass correction.
pub(crate) fn mean_clean(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let corr = x.iter().map(|v| v - m).sum::<f64>() / n;
    m + corr
}

/// Sample variance (denominator n - 1) of NaN-free values, given their mean.
pub(crate) fn var_clean(x: &[f64], mean: f64) -> f64 {
    let n = x.len() as f64;
    let (ss, s) = x.iter().fold((0.0, 0.0), |(ss, s), v| {
        let d = v - mean;
        (ss + d * d, s + d)
    });
    (ss - s * s / n) / (n - 1.0)
}

fn need(what: &'static str, needed: usize, got: usize) -> Result<()> {
    if got < needed {
        Err(StatsError::TooFewValues { what, needed, got })
    } else {
        Ok(())
    }
}

/// Arithmetic mean, ignoring NaN.
pub fn mean(x: &[f64]) -> Result<f64> {
    let v = finite_values(x);
    need("mean", 1, v.len())?;
    Ok(mean_clean(&v))
}

/// Sample standard deviation (denominator n - 1), ignoring NaN.
pub fn sd(x: &[f64]) -> Result<f64> {
    let v = finite_values(x);
    need("standard deviation", 2, v.len())?;
    Ok(var_clean(&v, mean_clean(&v)).sqrt())
}

/// Quantile of sorted NaN-free values by R's default (type 7) definition.
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let frac = h - lo as f64;
    if frac == 0.0 {
        sorted[lo]
    } else {
        sorted[lo] + frac * (sorted[hi] - sorted[lo])
    }
}

fn sorted_values(x: &[f64]) -> Vec<f64> {
    let mut v = finite_values(x);
    v.sort_unstable_by(f64::total_cmp);
    v
}

/// Quantile at probability `p` (R type 7, NumPy's default `linear`), ignoring NaN.
pub fn quantile(x: &[f64], p: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(crate::error::invalid("quantile probability", p));
    }
    let v = sorted_values(x);
    need("quantile", 1, v.len())?;
    Ok(quantile_sorted(&v, p))
}

/// Median, ignoring NaN.
pub fn median(x: &[f64]) -> Result<f64> {
    quantile(x, 0.5)
}

/// Summary of one variable: n, mean ± SD, median [Q1, Q3], range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Descriptives {
    /// Number of non-missing values used.
    pub n: usize,
    /// Number of missing (NaN) values dropped.
    pub n_missing: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n - 1); `None` when n < 2.
    pub sd: Option<f64>,
    /// Median.
    pub median: f64,
    /// First quartile (R type 7).
    pub q1: f64,
    /// Third quartile (R type 7).
    pub q3: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

/// Computes [`Descriptives`] for `x`, ignoring NaN.
pub fn describe(x: &[f64]) -> Result<Descriptives> {
    let v = sorted_values(x);
    need("descriptives", 1, v.len())?;
    let m = mean_clean(&v);
    Ok(Descriptives {
        n: v.len(),
        n_missing: x.len() - v.len(),
        mean: m,
        sd: (v.len() >= 2).then(|| var_clean(&v, m).sqrt()),
        median: quantile_sorted(&v, 0.5),
        q1: quantile_sorted(&v, 0.25),
        q3: quantile_sorted(&v, 0.75),
        min: v[0],
        max: v[v.len() - 1],
    })
}
