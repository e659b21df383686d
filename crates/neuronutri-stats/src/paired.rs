//! Tests of paired (before/after, matched) observations: the paired t test (R's `t.test(x,
//! y, paired = TRUE)`, SciPy's `ttest_rel`), the Wilcoxon signed-rank test with R's zero
//! handling, exact/asymptotic choice and continuity correction (`wilcox.test(x, y, paired =
//! TRUE)`) with the pseudo-median of the differences and its interval (`conf.int = TRUE`),
//! and McNemar's test of paired binary outcomes with R's continuity correction
//! (`mcnemar.test`, statsmodels' `mcnemar(exact=False)`).
//!
//! A pair with a missing value (NaN) on either side is dropped, as R's `complete.cases`
//! does; results report the pairs used.

use crate::descriptive::{mean_clean, var_clean, Scale};
use crate::dist::{chi2_sf, normal_cdf, normal_sf, t_quantile, t_sf};
use crate::error::{invalid, Result, StatsError};
use crate::mann_whitney::Method;
use crate::Alternative;
use serde::Serialize;

/// The differences x - y of the complete pairs, on both samples rescaled by one power of two
/// (so that differences of values near ±1e308 do not overflow), and the scale.
fn differences(what: &str, x: &[f64], y: &[f64]) -> Result<(Vec<f64>, Scale)> {
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    crate::error::reject_infinite(&format!("first measurement of the {what}"), x)?;
    crate::error::reject_infinite(&format!("second measurement of the {what}"), y)?;
    let scale = Scale::of(x.iter().chain(y).copied());
    let d = x
        .iter()
        .zip(y)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(&a, &b)| scale.down(a) - scale.down(b))
        .collect();
    Ok((d, scale))
}

/// Result of [`paired_t`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedT {
    /// t statistic of the mean difference.
    pub t: f64,
    /// Degrees of freedom, n - 1.
    pub df: f64,
    /// p-value under the chosen alternative.
    pub p_value: f64,
    /// Mean of the differences x - y.
    pub mean_diff: f64,
    /// Its standard error, SD(d)/√n.
    pub std_error: f64,
    /// Lower confidence limit of the mean difference (-inf when `less`; JSON `"-Infinity"`).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_low: f64,
    /// Upper confidence limit (+inf when `greater`; JSON `"Infinity"`).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_high: f64,
    /// Complete pairs used.
    pub n: usize,
    /// Standardized mean difference of the pairs: mean(d) / SD(d) (Cohen's d_z).
    pub cohens_dz: f64,
}

/// Paired t test of x against y (the differences x - y against 0).
pub fn paired_t(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Result<PairedT> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    let (d, scale) = differences("paired t test", x, y)?;
    if d.len() < 2 {
        return Err(StatsError::TooFewValues {
            what: "paired t test (complete pairs)",
            needed: 2,
            got: d.len(),
        });
    }
    let n = d.len() as f64;
    let m = mean_clean(&d);
    let sd = var_clean(&d, m).sqrt();
    if sd.is_nan() || sd <= 0.0 {
        return Err(StatsError::ZeroVariance {
            what: "the paired differences".into(),
            value: scale.up(d[0]),
        });
    }
    let se = sd / n.sqrt();
    let t = m / se;
    let df = n - 1.0;
    let (p_value, lo, hi) = match alternative {
        Alternative::TwoSided => {
            let q = t_quantile(1.0 - (1.0 - conf_level) / 2.0, df);
            ((2.0 * t_sf(t.abs(), df)).min(1.0), m - q * se, m + q * se)
        }
        Alternative::Less => {
            let q = t_quantile(conf_level, df);
            (t_sf(-t, df), f64::NEG_INFINITY, m + q * se)
        }
        Alternative::Greater => {
            let q = t_quantile(conf_level, df);
            (t_sf(t, df), m - q * se, f64::INFINITY)
        }
    };
    let (mean_diff, std_error) = (scale.up(m), scale.up(se));
    let (ci_low, ci_high) = (scale.up(lo), scale.up(hi));
    let cohens_dz = m / sd;
    let mut fields = vec![
        ("t", t),
        ("p", p_value),
        ("the mean difference", mean_diff),
        ("its standard error", std_error),
        ("Cohen's d_z", cohens_dz),
    ];
    if alternative != Alternative::Less {
        fields.push(("the lower confidence limit", ci_low));
    }
    if alternative != Alternative::Greater {
        fields.push(("the upper confidence limit", ci_high));
    }
    crate::error::ensure_finite("the paired t test", &fields)?;
    Ok(PairedT {
        t,
        df,
        p_value,
        mean_diff,
        std_error,
        ci_low,
        ci_high,
        n: d.len(),
        cohens_dz,
    })
}

/// Options of [`wilcoxon_signed_rank`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRankOptions {
    /// Alternative hypothesis about x - y.
    pub alternative: Alternative,
    /// `Auto` is R's rule: exact when fewer than 50 non-zero differences, no ties among
    /// their absolute values and no zero differences; `Exact` asks for it, but with ties or
    /// zeros R (and this test) falls back to the normal approximation and says so.
    pub method: Method,
    /// Continuity correction of the normal approximation (R's default: on).
    pub correct: bool,
}

impl Default for SignedRankOptions {
    fn default() -> Self {
        Self {
            alternative: Alternative::TwoSided,
            method: Method::Auto,
            correct: true,
        }
    }
}

/// Result of [`wilcoxon_signed_rank`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedRank {
    /// R's V: the sum of the ranks of |x - y| over the pairs where x > y.
    pub v: f64,
    /// p-value under the chosen alternative.
    pub p_value: f64,
    /// `"exact"` or `"asymptotic"`.
    pub method: &'static str,
    /// Why the exact p-value was asked for but not used (ties or zero differences, as R).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
    /// The standardized statistic of the normal approximation (after the continuity
    /// correction); `None` for the exact method.
    pub z: Option<f64>,
    /// Complete pairs.
    pub n_pairs: usize,
    /// Pairs with x = y, dropped before ranking (as R and SciPy's `zero_method="wilcox"`).
    pub n_zero: usize,
    /// Non-zero differences ranked: n_pairs - n_zero.
    pub n: usize,
    /// Whether the absolute non-zero differences have ties.
    pub ties: bool,
    /// Matched-pairs rank-biserial correlation (V - (S - V)) / S, S = n(n+1)/2: positive
    /// when x tends to exceed y.
    pub rank_biserial: f64,
}

/// Largest number of non-zero differences for the exact signed-rank distribution (its
/// table has n(n+1)/2 entries and takes n passes).
pub const SIGNED_RANK_EXACT_MAX: usize = 1_000;

/// Wilcoxon signed-rank test of paired samples (x - y against 0), as R's `wilcox.test(x, y,
/// paired = TRUE)`: zero differences dropped, average ranks for ties, R's exact rule and
/// continuity correction.
pub fn wilcoxon_signed_rank(x: &[f64], y: &[f64], opts: &SignedRankOptions) -> Result<SignedRank> {
    let (d, scale) = differences("Wilcoxon signed-rank test", x, y)?;
    let n_pairs = d.len();
    let mut nz: Vec<f64> = d.into_iter().filter(|&v| v != 0.0).collect();
    let n_zero = n_pairs - nz.len();
    let n = nz.len();
    if n == 0 {
        return Err(if n_pairs == 0 {
            StatsError::TooFewValues {
                what: "Wilcoxon signed-rank test (complete pairs)",
                needed: 1,
                got: 0,
            }
        } else {
            StatsError::ZeroVariance {
                what: "the paired differences".into(),
                value: scale.up(0.0),
            }
        });
    }
    // ranks of |d| (average ranks for ties), V = sum over d > 0
    nz.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
    let mut v2: u128 = 0; // twice V: average ranks are halves
    let mut tie: f64 = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && nz[j].abs() == nz[i].abs() {
            j += 1;
        }
        let t = (j - i) as f64;
        tie += t * t * t - t;
        let twice_rank = (i + j + 1) as u128; // 2 × the average of ranks i+1..=j
        let positive = nz[i..j].iter().filter(|&&v| v > 0.0).count() as u128;
        v2 += positive * twice_rank;
        i = j;
    }
    let v = v2 as f64 / 2.0;
    let ties = tie > 0.0;
    let nf = n as f64;
    let total = nf * (nf + 1.0) / 2.0;
    let exact_possible = !ties && n_zero == 0;
    let (use_exact, note) = match opts.method {
        Method::Auto => (n < 50 && exact_possible, None),
        Method::Asymptotic => (false, None),
        Method::Exact if exact_possible => (true, None),
        Method::Exact => (
            false,
            Some(
                "the exact p-value cannot be computed with ties or zero differences (as in \
                  R): normal approximation",
            ),
        ),
    };
    if use_exact && n > SIGNED_RANK_EXACT_MAX {
        return Err(StatsError::MethodUnavailable {
            method: "exact",
            reason: format!(
                "{n} non-zero differences are more than the {SIGNED_RANK_EXACT_MAX} of the \
                 exact distribution; use the asymptotic method"
            ),
        });
    }
    let (p_value, z, method) = if use_exact {
        let pmf = signed_rank_pmf(n);
        let vi = v as usize; // an integer without ties
        let top = pmf.len() - 1;
        let le: f64 = if 2 * vi <= top {
            pmf[..=vi].iter().sum()
        } else {
            1.0 - pmf[vi + 1..].iter().sum::<f64>()
        };
        let ge: f64 = if 2 * vi >= top {
            pmf[vi..].iter().sum()
        } else {
            1.0 - pmf[..vi].iter().sum::<f64>()
        };
        let p = match opts.alternative {
            Alternative::Less => le,
            Alternative::Greater => ge,
            Alternative::TwoSided => (2.0 * if v > total / 2.0 { ge } else { le }).min(1.0),
        };
        (p, None, "exact")
    } else {
        let sigma = (nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - tie / 48.0).sqrt();
        let raw = v - total / 2.0;
        let correction = if !opts.correct {
            0.0
        } else {
            match opts.alternative {
                Alternative::TwoSided => 0.5 * raw.signum() * f64::from(raw != 0.0),
                Alternative::Greater => 0.5,
                Alternative::Less => -0.5,
            }
        };
        let z = (raw - correction) / sigma;
        let p = match opts.alternative {
            Alternative::Less => normal_cdf(z),
            Alternative::Greater => normal_sf(z),
            Alternative::TwoSided => (2.0 * normal_sf(z.abs())).min(1.0),
        };
        (p, Some(z), "asymptotic")
    };
    let rank_biserial = (2.0 * v - total) / total;
    crate::error::ensure_finite(
        "the Wilcoxon signed-rank test",
        &[
            ("V", v),
            ("p", p_value),
            ("z", z.unwrap_or(0.0)),
            ("the rank-biserial r", rank_biserial),
        ],
    )?;
    Ok(SignedRank {
        v,
        p_value,
        method,
        note,
        z,
        n_pairs,
        n_zero,
        n,
        ties,
        rank_biserial,
    })
}

/// P(V = s), s = 0..=n(n+1)/2, for n untied non-zero differences: each rank is in the
/// positive set with probability 1/2 (halving is exact, so below n = 53 these are the exact
/// counts over 2^n).
fn signed_rank_pmf(n: usize) -> Vec<f64> {
    let top = n * (n + 1) / 2;
    let mut p = vec![0.0f64; top + 1];
    p[0] = 1.0;
    let mut reach = 0;
    for i in 1..=n {
        reach += i;
        for s in (0..=reach).rev() {
            let with = if s >= i { p[s - i] } else { 0.0 };
            p[s] = 0.5 * (p[s] + with);
        }
    }
    p
}

/// The pseudo-median of paired differences and its confidence interval, as R's
/// `wilcox.test(x, y, paired = TRUE, conf.int = TRUE)` gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PseudoMedian {
    /// The estimate: the median of the Walsh averages (d_i + d_j)/2, i ≤ j, of the non-zero
    /// differences (exact method); with the normal approximation, where its statistic of
    /// the shifted differences crosses 0, as R's `uniroot` finds it (within its 1e-4).
    pub estimate: f64,
    /// The interval at `conf_level`: order statistics of the Walsh averages at the exact
    /// signed-rank quantiles (exact method), or where the normal-approximation statistic
    /// crosses the normal quantiles: its lower end (−inf when one-sided "less").
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_low: f64,
    /// The upper end (+inf when one-sided "greater": JSON `"Infinity"`).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_high: f64,
    /// The confidence level reached: the one asked for, or lower where R lowers it ("requested
    /// conf.level not achievable": too few differences for the asked level).
    pub conf_level: f64,
    /// `"exact"` or `"asymptotic"`, as the test.
    pub method: &'static str,
}

/// Largest number of non-zero differences for [`signed_rank_pseudo_median`]: it sorts all
/// n(n+1)/2 Walsh averages (2·10⁶ of them at this bound).
pub const PSEUDO_MEDIAN_MAX: usize = 2_000;

/// The pseudo-median of the differences x − y and its confidence interval at `conf_level`
/// (R's `wilcox.test(x, y, paired = TRUE, conf.int = TRUE)`): zero differences dropped; the
/// exact interval when the test is exact (the Walsh averages of ranks q and n(n+1)/2 − q + 1,
/// q the α/2 quantile of the signed-rank distribution, at least 1); otherwise the shifts d
/// where R's continuity-corrected normal statistic of the differences minus d crosses the
/// quantiles. That statistic is a step function jumping at the Walsh averages; R's `uniroot`
/// (tolerance 1e-4) stops within 1e-4 of a jump, and here the jump itself is located by
/// bisection over the sorted Walsh averages. An end beyond the smallest or the largest
/// difference is that difference, as in R.
pub fn signed_rank_pseudo_median(
    x: &[f64],
    y: &[f64],
    opts: &SignedRankOptions,
    conf_level: f64,
) -> Result<PseudoMedian> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    let test = wilcoxon_signed_rank(x, y, opts)?;
    let (d, scale) = differences("Wilcoxon signed-rank test", x, y)?;
    let mut nz: Vec<f64> = d.into_iter().filter(|&v| v != 0.0).collect();
    let n = nz.len();
    if n > PSEUDO_MEDIAN_MAX {
        return Err(StatsError::MethodUnavailable {
            method: "pseudo-median interval",
            reason: format!(
                "{n} non-zero differences are more than the {PSEUDO_MEDIAN_MAX} whose Walsh \
                 averages are sorted"
            ),
        });
    }
    nz.sort_unstable_by(f64::total_cmp);
    let mut walsh = Vec::with_capacity(n * (n + 1) / 2);
    for i in 0..n {
        for j in i..n {
            walsh.push((nz[i] + nz[j]) / 2.0);
        }
    }
    walsh.sort_unstable_by(f64::total_cmp);
    let m = walsh.len();
    let median_of = |w: &[f64]| {
        let m = w.len();
        if m % 2 == 1 {
            w[m / 2]
        } else {
            (w[m / 2 - 1] + w[m / 2]) / 2.0
        }
    };
    let alpha = 1.0 - conf_level;
    let (estimate, ci, achieved) = if test.method == "exact" {
        let pmf = signed_rank_pmf(n);
        // qsignrank(p): the smallest q with P(V ≤ q) ≥ p, at least 1
        let q = |p: f64| -> usize {
            let mut acc = 0.0;
            for (k, &w) in pmf.iter().enumerate() {
                acc += w;
                if acc >= p - 10.0 * f64::EPSILON {
                    return k.max(1);
                }
            }
            pmf.len() - 1
        };
        // P(V ≤ qu − 1): the α the order statistics achieve (per side)
        let below = |qu: usize| pmf[..qu].iter().sum::<f64>();
        let at = |k: usize| walsh[k - 1]; // 1-based like R
        let (ci, achieved_alpha) = match opts.alternative {
            Alternative::TwoSided => {
                let qu = q(alpha / 2.0);
                ((at(qu), at(m - qu + 1)), 2.0 * below(qu))
            }
            Alternative::Greater => {
                let qu = q(alpha);
                ((at(qu), f64::INFINITY), below(qu))
            }
            Alternative::Less => {
                let qu = q(alpha);
                ((f64::NEG_INFINITY, at(m - qu + 1)), below(qu))
            }
        };
        // R: when the achieved α exceeds the requested one by more than half, the level is
        // reported as 1 − the achieved α to two significant digits
        let achieved = if achieved_alpha - alpha > alpha / 2.0 {
            1.0 - two_digits(achieved_alpha)
        } else {
            conf_level
        };
        (median_of(&walsh), ci, achieved)
    } else {
        let (lo_end, hi_end) = (nz[0], nz[n - 1]);
        // distinct Walsh averages: the statistic is constant between consecutive ones
        walsh.dedup();
        let k = walsh.len();
        let not_computable = || StatsError::NotComputable {
            what: "the pseudo-median interval".into(),
            why: "all differences are zero or tied".into(),
        };
        let stat = |d: f64, correct: bool| {
            shifted_signed_rank_z(&nz, d, &SignedRankOptions { correct, ..*opts })
                .ok_or_else(not_computable)
        };
        // the first i whose following step has statistic − zq ≤ 0 (the statistic decreases
        // with the shift), and that step's value
        let crossing = |zq: f64, correct: bool| -> Result<(usize, f64)> {
            let after = |i: usize| -> Result<f64> {
                let d = if i + 1 < k {
                    walsh[i] + (walsh[i + 1] - walsh[i]) / 2.0
                } else {
                    hi_end
                };
                Ok(stat(d, correct)? - zq)
            };
            let (mut lo, mut hi) = (0usize, k - 1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if after(mid)? <= 0.0 {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Ok((lo, after(lo)?))
        };
        let root = |zq: f64| -> Result<f64> { Ok(walsh[crossing(zq, opts.correct)?.0]) };
        let (w_lo, w_hi) = (stat(lo_end, opts.correct)?, stat(hi_end, opts.correct)?);
        let z = |p: f64| crate::dist::normal_quantile(p);
        // R doubles α until the quantiles lie within the statistic's range at the extreme
        // differences, and reports the level reached (α ≥ 1: the median of the differences)
        let mut a = alpha;
        let (ci, a) = match opts.alternative {
            Alternative::TwoSided => {
                while a < 1.0 && (w_lo - z(1.0 - a / 2.0) < 0.0 || w_hi - z(a / 2.0) > 0.0) {
                    a *= 2.0;
                }
                if a < 1.0 {
                    ((root(z(1.0 - a / 2.0))?, root(z(a / 2.0))?), a)
                } else {
                    ((median_of(&nz), median_of(&nz)), a)
                }
            }
            Alternative::Greater => {
                while a < 1.0 && w_lo - z(1.0 - a) < 0.0 {
                    a *= 2.0;
                }
                let l = if a < 1.0 {
                    root(z(1.0 - a))?
                } else {
                    median_of(&nz)
                };
                ((l, f64::INFINITY), a)
            }
            Alternative::Less => {
                // R tests the upper end against the α/2 quantile here
                while a < 1.0 && w_hi - z(a / 2.0) > 0.0 {
                    a *= 2.0;
                }
                let u = if a < 1.0 { root(z(a))? } else { median_of(&nz) };
                ((f64::NEG_INFINITY, u), a)
            }
        };
        let achieved = if a >= 1.0 || 1.0 - conf_level < a * 0.75 {
            1.0 - a.min(1.0)
        } else {
            conf_level
        };
        // R's estimate: the root of the uncorrected statistic; where it is 0 on a whole step
        // (R's uniroot stops anywhere on it) the middle of that step, which without ties is
        // the median of the Walsh averages
        let estimate = if stat(lo_end, false)? <= 0.0 {
            lo_end
        } else if stat(hi_end, false)? >= 0.0 {
            hi_end
        } else {
            match crossing(0.0, false)? {
                (i, v) if v == 0.0 && i + 1 < k => walsh[i] + (walsh[i + 1] - walsh[i]) / 2.0,
                (i, _) => walsh[i],
            }
        };
        (estimate, ci, achieved)
    };
    let (estimate, ci) = (scale.up(estimate), (scale.up(ci.0), scale.up(ci.1)));
    let mut fields = vec![("the pseudo-median", estimate)];
    if opts.alternative != Alternative::Less {
        fields.push(("the lower confidence limit", ci.0));
    }
    if opts.alternative != Alternative::Greater {
        fields.push(("the upper confidence limit", ci.1));
    }
    crate::error::ensure_finite("the pseudo-median", &fields)?;
    Ok(PseudoMedian {
        estimate,
        ci_low: ci.0,
        ci_high: ci.1,
        conf_level: achieved,
        method: test.method,
    })
}

/// `v` rounded to two significant digits (R's `signif(v, 2)`), v > 0.
fn two_digits(v: f64) -> f64 {
    let e = v.log10().floor() as i32 - 1;
    let p = 10f64.powi(e.abs());
    if e < 0 {
        (v * p).round() / p
    } else {
        (v / p).round() * p
    }
}

/// R's normal-approximation statistic of the differences minus `d` (`wilcox.test`'s `W(d)`
/// in its asymptotic interval): differences equal to d dropped, ranks of the absolute
/// values with ties averaged, V centred, continuity-corrected as the test is, over its
/// tie-corrected SD. `None` when that SD is 0 (nothing left, or all tied).
fn shifted_signed_rank_z(x: &[f64], d: f64, opts: &SignedRankOptions) -> Option<f64> {
    let mut xd: Vec<f64> = x.iter().map(|&v| v - d).filter(|&v| v != 0.0).collect();
    xd.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()));
    let n = xd.len();
    let (mut v, mut tie, mut i) = (0.0, 0.0, 0usize);
    while i < n {
        let mut j = i + 1;
        while j < n && xd[j].abs() == xd[i].abs() {
            j += 1;
        }
        let t = (j - i) as f64;
        tie += t * t * t - t;
        let rank = (i + j + 1) as f64 / 2.0;
        v += rank * xd[i..j].iter().filter(|&&w| w > 0.0).count() as f64;
        i = j;
    }
    let nf = n as f64;
    let zd = v - nf * (nf + 1.0) / 4.0;
    let sigma = (nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - tie / 48.0).sqrt();
    let correction = match (opts.correct, opts.alternative) {
        (false, _) => 0.0,
        (true, Alternative::TwoSided) => 0.5 * zd.signum() * f64::from(zd != 0.0),
        (true, Alternative::Greater) => 0.5,
        (true, Alternative::Less) => -0.5,
    };
    (sigma > 0.0).then(|| (zd - correction) / sigma)
}

/// Result of [`mcnemar`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McNemar {
    /// McNemar's chi-square statistic.
    pub chi2: f64,
    /// Degrees of freedom (1).
    pub df: f64,
    /// Upper-tail p-value.
    pub p_value: f64,
    /// Discordant pairs: the two off-diagonal counts b + c.
    pub discordant: f64,
    /// Whether the continuity correction was applied.
    pub correct: bool,
}

/// McNemar's test of a 2×2 table of paired binary outcomes [[a, b], [c, d]] (rows: the
/// first measurement, columns: the second): (|b - c| - 1)² / (b + c) with the continuity
/// correction (R's `mcnemar.test` default, statsmodels' `mcnemar(exact=False,
/// correction=True)`), (b - c)² / (b + c) without.
pub fn mcnemar(table: [[f64; 2]; 2], correct: bool) -> Result<McNemar> {
    let flat = [table[0][0], table[0][1], table[1][0], table[1][1]];
    if let Some(bad) = flat.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
        return Err(invalid("count", bad));
    }
    let (b, c) = (table[0][1], table[1][0]);
    let discordant = b + c;
    if discordant <= 0.0 {
        return Err(StatsError::NotComputable {
            what: "McNemar's test".into(),
            why: "there are no discordant pairs (every pair has the same outcome twice)".into(),
        });
    }
    let diff = (b - c).abs() - if correct { 1.0 } else { 0.0 };
    let chi2 = diff * diff / discordant;
    let p_value = chi2_sf(chi2, 1.0);
    crate::error::ensure_finite(
        "McNemar's test",
        &[
            ("the discordant count", discordant),
            ("chi-square", chi2),
            ("p", p_value),
        ],
    )?;
    Ok(McNemar {
        chi2,
        df: 1.0,
        p_value,
        discordant,
        correct,
    })
}
