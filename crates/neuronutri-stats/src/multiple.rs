//! Multiple-comparison adjustment: Benjamini–Hochberg false discovery rate, and Holm's
//! step-down family-wise error control (the adjustment of Dunn's post-hoc test).

use crate::error::{invalid, Result};

/// Benjamini–Hochberg adjusted p-values, in the input order (R's
/// `p.adjust(method = "BH")`): NaN entries stay NaN and do not count in m.
pub fn benjamini_hochberg(p: &[f64]) -> Result<Vec<f64>> {
    if let Some(bad) = p.iter().find(|v| !v.is_nan() && !(0.0..=1.0).contains(*v)) {
        return Err(invalid("p-value", bad));
    }
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    let m = idx.len() as f64;
    idx.sort_unstable_by(|&a, &b| p[b].total_cmp(&p[a]));
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 1.0f64;
    for (k, &i) in idx.iter().enumerate() {
        let rank = m - k as f64;
        running = running.min(p[i] * m / rank);
        out[i] = running.min(1.0);
    }
    Ok(out)
}

/// Holm adjusted p-values, in the input order (R's `p.adjust(method = "holm")`, statsmodels'
/// `multipletests(method="holm")`): the i-th smallest of m p-values times m - i + 1, made
/// non-decreasing and capped at 1. NaN entries stay NaN and do not count in m.
pub fn holm(p: &[f64]) -> Result<Vec<f64>> {
    if let Some(bad) = p.iter().find(|v| !v.is_nan() && !(0.0..=1.0).contains(*v)) {
        return Err(invalid("p-value", bad));
    }
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    let m = idx.len() as f64;
    // a stable sort: tied p-values keep their input order, as R's order() does
    idx.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 0.0f64;
    for (k, &i) in idx.iter().enumerate() {
        running = running.max(p[i] * (m - k as f64));
        out[i] = running.min(1.0);
    }
    Ok(out)
}
