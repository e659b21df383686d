//! Multiple-comparison adjustment: Benjamini–Hochberg false discovery rate.

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
