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

/// Largest n × items for which GRIM and GRIMMER enumerate totals: the work grows with it.
pub const MAX_RESPONSES: u64 = 10_000_000;

/// Largest number of decimals a mean or SD may be checked at.
pub const MAX_DECIMALS: u32 = 10;

/// Why GRIM or GRIMMER cannot be run on a reported mean and SD.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum GrimError {
    /// n × items is beyond [`MAX_RESPONSES`].
    #[error("n × items = {0} is above the {MAX_RESPONSES} integer responses GRIM can enumerate")]
    TooManyResponses(u64),
    /// More decimals than [`MAX_DECIMALS`].
    #[error("decimals {0} is above {MAX_DECIMALS}")]
    TooManyDecimals(u32),
    /// The sums of the responses would not be exact integers in double precision.
    #[error("the sums of squares of {n} responses with SD {sd} exceed 2^53, where doubles stop being exact integers; GRIMMER cannot be run")]
    BeyondExactIntegers {
        /// Group size.
        n: u32,
        /// The SD, as a short number.
        sd: String,
    },
    /// A mean or SD that is not a finite number.
    #[error("{0} is not a finite number")]
    NotFinite(&'static str),
}

/// 2^53: doubles represent every integer up to here.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Totals T (of `n` integer responses, times `items` for a multi-item scale) whose mean
/// rounds to `mean` at `decimals`. At most about n·items / 10^decimals + 2 totals, each
/// below 2^53 in magnitude.
fn totals(mean: f64, n: u32, decimals: u32, items: u32) -> Result<Vec<i64>, GrimError> {
    if !mean.is_finite() {
        return Err(GrimError::NotFinite("the mean"));
    }
    if decimals > MAX_DECIMALS {
        return Err(GrimError::TooManyDecimals(decimals));
    }
    let responses = u64::from(n) * u64::from(items.max(1));
    if responses > MAX_RESPONSES {
        return Err(GrimError::TooManyResponses(responses));
    }
    let scale = responses as f64;
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    let (low, high) = ((mean - half) * scale, (mean + half) * scale);
    if low.abs() >= EXACT || high.abs() >= EXACT {
        return Err(GrimError::BeyondExactIntegers {
            n,
            sd: neuronutri_stats::short_number(mean),
        });
    }
    let mut out = Vec::new();
    let mut t = low.floor() as i64;
    while (t as f64) <= high.ceil() {
        let m = t as f64 / scale;
        if round_to(m, decimals) == round_to(mean, decimals) {
            out.push(t);
        }
        t += 1;
    }
    Ok(out)
}

fn round_to(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    // half-up at the printed precision, with a small guard against binary representation
    ((x * f) + 1e-9).round() / f
}

/// GRIM: is `mean` (printed with `decimals`) possible for `n` integer responses?
pub fn grim(mean: f64, n: u32, decimals: u32, items: u32) -> Result<GrimResult, GrimError> {
    let totals = totals(mean, n, decimals, items)?;
    Ok(GrimResult {
        consistent: !totals.is_empty(),
        informative: u64::from(n) * u64::from(items.max(1)) < 10u64.pow(decimals),
        totals,
    })
}

/// GRIMMER: are `mean` and `sd` (both printed with `decimals`) possible together for `n`
/// integer responses (single-item scale)? For each total T, the sum of squares Q must lie
/// in an interval whose interior integers all give an SD that rounds to `sd`; only the
/// few integers at its two ends need checking, so the time does not depend on the SD.
pub fn grimmer(mean: f64, sd: f64, n: u32, decimals: u32) -> Result<GrimResult, GrimError> {
    let mut result = grim(mean, n, decimals, 1)?;
    if n < 2 {
        return Ok(result);
    }
    if !sd.is_finite() {
        return Err(GrimError::NotFinite("the SD"));
    }
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    let nf = f64::from(n);
    let (sd_low, sd_high) = ((sd - half).max(0.0), sd + half);
    let mut q_ranges = Vec::with_capacity(result.totals.len());
    for &t in &result.totals {
        let tf = t as f64;
        let q_low = (nf - 1.0) * sd_low * sd_low + tf * tf / nf;
        let q_high = (nf - 1.0) * sd_high * sd_high + tf * tf / nf;
        if q_high.is_nan() || q_high >= EXACT {
            return Err(GrimError::BeyondExactIntegers {
                n,
                sd: neuronutri_stats::short_number(sd),
            });
        }
        q_ranges.push((t, q_low.ceil() as i64, q_high.floor() as i64));
    }
    let fits = |t: i64, q: i64| {
        let tf = t as f64;
        (q - t).rem_euclid(2) == 0 && {
            let sd_q = (((q as f64) - tf * tf / nf) / (nf - 1.0)).max(0.0).sqrt();
            round_to(sd_q, decimals) == round_to(sd, decimals)
        }
    };
    // the integers strictly inside the interval give SDs strictly inside the rounding
    // interval; checking the four at each end (two of each parity) decides every case
    const ENDS: i64 = 4;
    let possible = q_ranges.iter().any(|&(t, lo, hi)| {
        (lo..=hi.min(lo + ENDS)).any(|q| fits(t, q))
            || (hi.saturating_sub(ENDS).max(lo)..=hi).any(|q| fits(t, q))
            || (hi - lo > 2 * ENDS && {
                let mid = lo + (hi - lo) / 2;
                fits(t, mid) || fits(t, mid + 1)
            })
    });
    result.consistent = possible;
    result.informative = true;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grim_examples() {
        // 5.19 from n = 28: totals 145 (5.178…) and 146 (5.214…) both miss: inconsistent.
        assert!(!grim(5.19, 28, 2, 1).unwrap().consistent);
        // 5.18 from n = 28: 145 / 28 = 5.1786 → 5.18.
        assert_eq!(grim(5.18, 28, 2, 1).unwrap().totals, vec![145]);
        // one decimal and n = 62: every mean is possible, the test says nothing
        let r = grim(18.7, 62, 1, 1).unwrap();
        assert!(r.consistent && !r.informative);
    }

    #[test]
    fn grimmer_examples() {
        // 1, 2, 3, 4, 5: mean 3.00, SD 1.58 (sqrt(2.5) = 1.5811)
        assert!(grimmer(3.00, 1.58, 5, 2).unwrap().consistent);
        // with that mean and n, SD 1.60 cannot occur: Q would have to be 53.24 ± ...
        assert!(!grimmer(3.00, 1.60, 5, 2).unwrap().consistent);
    }

    /// Issue 15: an SD above about 4e8 made the old loop over Q wrap past i64::MAX and
    /// never end; now it is a typed error, at once.
    #[test]
    fn issue_15_grimmer_huge_sd_terminates() {
        let start = std::time::Instant::now();
        for sd in [4.1e8, 1e9, 1e12, 1e200, f64::MAX] {
            assert!(matches!(
                grimmer(3.0, sd, 20, 1),
                Err(GrimError::BeyondExactIntegers { .. })
            ));
        }
        // large but exact: an SD of 1e6 with n = 20 is checked, and quickly
        assert!(grimmer(3.0, 1e6, 20, 1).is_ok());
        assert!(start.elapsed().as_secs() < 2);
    }

    /// Issue 15: n × items beyond the u32 range wrapped (or panicked in debug builds), and
    /// a huge n enumerated billions of totals.
    #[test]
    fn issue_15_grim_huge_n_is_bounded() {
        assert!(matches!(
            grim(3.0, u32::MAX, 0, 1000),
            Err(GrimError::TooManyResponses(_))
        ));
        assert!(matches!(
            grim(3.0, 20, u32::MAX, 1),
            Err(GrimError::TooManyDecimals(_))
        ));
    }

    /// The end-points rule agrees with enumerating every Q, over a grid of small cases.
    #[test]
    fn grimmer_ends_agree_with_full_enumeration() {
        let full = |mean: f64, sd: f64, n: u32, d: u32| {
            let g = grim(mean, n, d, 1).unwrap();
            let half = 0.5 * 10f64.powi(-(d as i32));
            let nf = f64::from(n);
            g.totals.iter().any(|&t| {
                let tf = t as f64;
                let lo = ((nf - 1.0) * (sd - half).max(0.0).powi(2) + tf * tf / nf).ceil() as i64;
                let hi = ((nf - 1.0) * (sd + half).powi(2) + tf * tf / nf).floor() as i64;
                (lo..=hi).any(|q| {
                    (q - t).rem_euclid(2) == 0
                        && round_to(
                            (((q as f64) - tf * tf / nf) / (nf - 1.0)).max(0.0).sqrt(),
                            d,
                        ) == round_to(sd, d)
                })
            })
        };
        for n in [2u32, 3, 5, 9, 17, 40] {
            for mi in 0..30 {
                let mean = 1.0 + f64::from(mi) * 0.13;
                for si in 0..40 {
                    let sd = 0.05 + f64::from(si) * 0.37;
                    for d in [1u32, 2] {
                        let (mean, sd) = (round_to(mean, d), round_to(sd, d));
                        assert_eq!(
                            grimmer(mean, sd, n, d).unwrap().consistent,
                            full(mean, sd, n, d),
                            "mean {mean} sd {sd} n {n} d {d}"
                        );
                    }
                }
            }
        }
    }
}
