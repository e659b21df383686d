//! GRIM and GRIMMER: can a mean (and SD) reported to `d` decimals come from `n` integer
//! responses? GRIM (Brown & Heathers 2017): some integer total T must give T / n that rounds
//! to the mean. GRIMMER (Anaya 2016; Heathers & Brown): for such a T, the sum of squares
//! Q = (n − 1)·SD² + T² / n must admit an integer with Q ≡ T (mod 2) inside the SD's
//! rounding interval. Both are uninformative when n ≥ 10^d for GRIM (every mean is possible).

use serde::Serialize;

/// The outcome of a GRIM or GRIMMER check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GrimResult {
    /// Whether the reported mean (GRIM) or mean and SD (GRIMMER) are possible.
    pub consistent: bool,
    /// Whether the test can detect anything at this n and precision.
    pub informative: bool,
    /// The integer totals that give the reported mean.
    pub totals: Vec<i64>,
}

/// Totals T (of `n` integer responses, times `items` for a multi-item scale) whose mean
/// rounds to `mean` at `decimals`.
fn totals(mean: f64, n: u32, decimals: u32, items: u32) -> Vec<i64> {
    let scale = f64::from(n * items.max(1));
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    let (low, high) = ((mean - half) * scale, (mean + half) * scale);
    let mut out = Vec::new();
    let mut t = low.floor() as i64;
    while (t as f64) <= high.ceil() {
        let m = t as f64 / scale;
        if round_to(m, decimals) == round_to(mean, decimals) {
            out.push(t);
        }
        t += 1;
    }
    out
}

fn round_to(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    // half-up at the printed precision, with a small guard against binary representation
    ((x * f) + 1e-9).round() / f
}

/// GRIM: is `mean` (printed with `decimals`) possible for `n` integer responses?
pub fn grim(mean: f64, n: u32, decimals: u32, items: u32) -> GrimResult {
    let totals = totals(mean, n, decimals, items);
    GrimResult {
        consistent: !totals.is_empty(),
        informative: u64::from(n * items.max(1)) < 10u64.pow(decimals),
        totals,
    }
}

/// GRIMMER: are `mean` and `sd` (both printed with `decimals`) possible together for `n`
/// integer responses (single-item scale)?
pub fn grimmer(mean: f64, sd: f64, n: u32, decimals: u32) -> GrimResult {
    let mut result = grim(mean, n, decimals, 1);
    if n < 2 {
        return result;
    }
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    let nf = f64::from(n);
    let (sd_low, sd_high) = ((sd - half).max(0.0), sd + half);
    let possible = result.totals.iter().any(|&t| {
        let tf = t as f64;
        let q_low = (nf - 1.0) * sd_low * sd_low + tf * tf / nf;
        let q_high = (nf - 1.0) * sd_high * sd_high + tf * tf / nf;
        let mut q = q_low.ceil() as i64;
        while (q as f64) <= q_high {
            if (q - t).rem_euclid(2) == 0 {
                let sd_q = (((q as f64) - tf * tf / nf) / (nf - 1.0)).max(0.0).sqrt();
                if round_to(sd_q, decimals) == round_to(sd, decimals) {
                    return true;
                }
            }
            q += 1;
        }
        false
    });
    result.consistent = possible;
    result.informative = true;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grim_examples() {
        // 5.19 from n = 28: totals 145 (5.178…) and 146 (5.214…) both miss: inconsistent.
        assert!(!grim(5.19, 28, 2, 1).consistent);
        // 5.18 from n = 28: 145 / 28 = 5.1786 → 5.18.
        assert_eq!(grim(5.18, 28, 2, 1).totals, vec![145]);
        // one decimal and n = 62: every mean is possible, the test says nothing
        let r = grim(18.7, 62, 1, 1);
        assert!(r.consistent && !r.informative);
    }

    #[test]
    fn grimmer_examples() {
        // 1, 2, 3, 4, 5: mean 3.00, SD 1.58 (sqrt(2.5) = 1.5811)
        assert!(grimmer(3.00, 1.58, 5, 2).consistent);
        // with that mean and n, SD 1.60 cannot occur: Q would have to be 53.24 ± ...
        assert!(!grimmer(3.00, 1.60, 5, 2).consistent);
    }
}
