//! Effect sizes with confidence intervals, as R's `effectsize` package (0.8) computes them,
//! and the conditional (Fisher) interval of an odds ratio as R's `fisher.test` does:
//!
//! - Hedges' g (pooled SD) and Cohen's d_z of paired samples: the noncentral t distribution
//!   inverted in its noncentrality at the observed t (`effectsize::hedges_g`,
//!   `cohens_d(paired = TRUE)`); g and its limits carry the exact small-sample factor
//!   J = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n1 + n2 − 2;
//! - the rank-biserial correlation: a normal interval of atanh(r) with the SE of
//!   `effectsize::rank_biserial` (√((n1 + n2 + 1) / (3 n1 n2)) for two samples; for paired
//!   samples √((2n³ + 3n² + n)/6) / ((n² + n)/2) over the n pairs, as effectsize counts them);
//! - Cramér's V: the noncentral chi-square inverted at the uncorrected Pearson X², optionally
//!   with Bergsma's bias correction (`effectsize::cramers_v`, whose default is `adjust = TRUE`);
//! - η² of a one-way ANOVA: the noncentral F inverted at the observed F
//!   (`effectsize::eta_squared`);
//! - Cohen's g of a paired 2×2 table (McNemar's test): the Wilson score interval of the
//!   larger discordant share (`effectsize::cohens_g`);
//! - the rank ε² of a Kruskal–Wallis test with a seeded percentile bootstrap interval
//!   (`effectsize::rank_epsilon_squared`, whose bootstrap is unseeded).
//!
//! A one-sided interval at level c is the two-sided interval at level 2c − 1 with one end
//! replaced by the bound of the parameter (`effectsize`'s convention), so η² and V, whose
//! `effectsize` default is `alternative = "greater"`, have the upper end 1. The roots are
//! found by Brent's bracketed method to a few ulps (`effectsize` itself stops its
//! Nelder–Mead search at 1e-9 in probability). Beyond a noncentrality of 37.62 R's `pt`
//! switches from Lenth's series to a normal approximation, so for t statistics that large
//! R's interval is approximate (for t = 50 on 30 df its upper end is 62.39 where the exact
//! one is 62.71); this crate keeps the series. Statistics whose noncentral series would need
//! more than about 6000 terms (t beyond about 400, X² or F·df1 beyond about 2·10⁵) get no
//! interval: an error, not a long computation.

use crate::dist::{nchi2_cdf, nf_cdf, normal_quantile, nt_cdf};
use crate::error::{invalid, Result, StatsError};
use crate::root::decreasing_root;
use crate::special::ln_gamma;
use crate::Alternative;
use serde::Serialize;

/// An effect size and its confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectCi {
    /// The point estimate.
    pub estimate: f64,
    /// Lower confidence limit (−inf or the parameter's bound when one-sided; JSON
    /// `"-Infinity"` for an infinite end).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_low: f64,
    /// Upper confidence limit.
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_high: f64,
    /// Confidence level.
    pub conf_level: f64,
    /// Two-sided or one-sided.
    pub alternative: Alternative,
    /// How the interval is computed, e.g. `"noncentral t"`.
    pub method: &'static str,
}

fn check_level(conf_level: f64) -> Result<()> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    Ok(())
}

/// The two-sided level whose interval gives a one-sided one (`effectsize`'s `.adjust_ci`).
fn two_sided_level(conf_level: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => conf_level,
        _ => 2.0 * conf_level - 1.0,
    }
}

/// Replaces the open end of a one-sided interval by the parameter's bound.
fn limit(
    (lo, hi): (f64, f64),
    alternative: Alternative,
    lower_bound: f64,
    upper_bound: f64,
) -> (f64, f64) {
    match alternative {
        Alternative::TwoSided => (lo, hi),
        Alternative::Less => (lower_bound, hi),
        Alternative::Greater => (lo, upper_bound),
    }
}

fn too_large(what: &str, value: f64) -> StatsError {
    StatsError::NotComputable {
        what: "the noncentral confidence interval".into(),
        why: format!(
            "the {what} ({}) is too large for the noncentral distribution's series",
            crate::short_number(value)
        ),
    }
}

fn not_computable(what: &str) -> StatsError {
    StatsError::NotComputable {
        what: what.into(),
        why: "the noncentrality parameter could not be bracketed (a statistic this large is \
              beyond the noncentral distributions' range, see dist::MAX_POISSON_MEAN)"
            .into(),
    }
}

/// The noncentralities δ with P(T ≤ t; df, δ) = 1 − α/2 and = α/2: the two-sided interval of
/// level `level` for the noncentrality of a t statistic.
pub fn t_noncentrality_interval(t: f64, df: f64, level: f64) -> Result<(f64, f64)> {
    if !(level > 0.0 && level < 1.0) {
        return Err(invalid("confidence level", level));
    }
    if !t.is_finite() || df.is_nan() || df <= 0.0 {
        return Err(invalid("t statistic", t));
    }
    // the upper root lies a few units beyond t: its δ²/2 must stay within the sums' range
    let reach = t.abs() + 40.0;
    if 0.5 * reach * reach > crate::dist::MAX_POISSON_MEAN {
        return Err(too_large("t", t));
    }
    let alpha = 1.0 - level;
    let solve = |target: f64| {
        decreasing_root(|d| nt_cdf(t, df, d) - target, t, f64::NEG_INFINITY)
            .ok_or_else(|| not_computable("the noncentral t interval"))
    };
    Ok((solve(1.0 - alpha / 2.0)?, solve(alpha / 2.0)?))
}

/// The two-sided interval of level `level` for the noncentrality λ ≥ 0 of a statistic with
/// distribution function `cdf(λ)` at the observed value (decreasing in λ); an end is 0 when
/// the observed value is at or below the central distribution's quantile (`effectsize`'s
/// rule).
fn noncentrality_interval(cdf: impl Fn(f64) -> f64, start: f64, level: f64) -> Result<(f64, f64)> {
    // the upper root lies some SDs beyond the observed λ: its λ/2 must stay within range
    let reach = start + 40.0 * (start.max(1.0)).sqrt() + 100.0;
    if 0.5 * reach > crate::dist::MAX_POISSON_MEAN {
        return Err(too_large("statistic", start));
    }
    let alpha = 1.0 - level;
    let solve = |target: f64| -> Result<f64> {
        if cdf(0.0) <= target {
            return Ok(0.0);
        }
        decreasing_root(|l| cdf(l) - target, start.max(0.0), 0.0)
            .ok_or_else(|| not_computable("the noncentrality interval"))
    };
    Ok((solve(1.0 - alpha / 2.0)?, solve(alpha / 2.0)?))
}

/// Hedges' g of `x` minus `y` (pooled SD, the exact small-sample factor) with the
/// noncentral-t interval of `effectsize::hedges_g`. NaN values are dropped.
pub fn hedges_g(
    x: &[f64],
    y: &[f64],
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    let r = crate::ttest::student_t(x, y, Alternative::TwoSided, 0.95)?;
    let (n1, n2) = (r.n1 as f64, r.n2 as f64);
    let m = n1 + n2 - 2.0;
    let j = (ln_gamma(m / 2.0) - ln_gamma((m - 1.0) / 2.0)).exp() / (m / 2.0).sqrt();
    let (lo, hi) = t_noncentrality_interval(r.t, m, two_sided_level(conf_level, alternative))?;
    let scale = (1.0 / n1 + 1.0 / n2).sqrt() * j;
    let (ci_low, ci_high) = limit(
        (lo * scale, hi * scale),
        alternative,
        f64::NEG_INFINITY,
        f64::INFINITY,
    );
    Ok(EffectCi {
        estimate: r.hedges_g,
        ci_low,
        ci_high,
        conf_level,
        alternative,
        method: "noncentral t",
    })
}

/// Cohen's d_z of paired samples, mean(x − y) / SD(x − y), with the noncentral-t interval
/// of `effectsize::cohens_d(paired = TRUE)`. Incomplete pairs are dropped.
pub fn cohens_dz(
    x: &[f64],
    y: &[f64],
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    let r = crate::paired::paired_t(x, y, Alternative::TwoSided, 0.95)?;
    let n = r.n as f64;
    let (lo, hi) = t_noncentrality_interval(r.t, r.df, two_sided_level(conf_level, alternative))?;
    let scale = (1.0 / n).sqrt();
    let (ci_low, ci_high) = limit(
        (lo * scale, hi * scale),
        alternative,
        f64::NEG_INFINITY,
        f64::INFINITY,
    );
    Ok(EffectCi {
        estimate: r.cohens_dz,
        ci_low,
        ci_high,
        conf_level,
        alternative,
        method: "noncentral t",
    })
}

fn rank_biserial_from_se(
    r: f64,
    se: f64,
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    if !(-1.0..=1.0).contains(&r) {
        return Err(invalid("rank-biserial correlation", r));
    }
    let level = two_sided_level(conf_level, alternative);
    let z = normal_quantile(1.0 - (1.0 - level) / 2.0);
    let f = r.atanh();
    let (ci_low, ci_high) = limit(
        ((f - z * se).tanh(), (f + z * se).tanh()),
        alternative,
        -1.0,
        1.0,
    );
    Ok(EffectCi {
        estimate: r,
        ci_low,
        ci_high,
        conf_level,
        alternative,
        method: "normal, atanh(r)",
    })
}

/// The interval of a two-sample rank-biserial correlation `r` (n1 and n2 values), as
/// `effectsize::rank_biserial`: tanh(atanh(r) ± z √((n1 + n2 + 1) / (3 n1 n2))).
pub fn rank_biserial_ci(
    r: f64,
    n1: usize,
    n2: usize,
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    if n1 == 0 || n2 == 0 {
        return Err(StatsError::TooFewValues {
            what: "rank-biserial interval",
            needed: 1,
            got: 0,
        });
    }
    let (a, b) = (n1 as f64, n2 as f64);
    let se = ((a + b + 1.0) / (3.0 * a * b)).sqrt();
    rank_biserial_from_se(r, se, conf_level, alternative)
}

/// The interval of a paired (signed-rank) rank-biserial correlation `r` over `n_pairs`
/// complete pairs, as `effectsize::rank_biserial(paired = TRUE)` (0.8.3):
/// tanh(atanh(r) ± z √((2n³ + 3n² + n)/6) / ((n² + n)/2)). The correlation itself ranks the
/// nonzero differences only, but effectsize's SE counts the pairs (strictly: those whose
/// first value is not 0), and so does this one.
pub fn rank_biserial_paired_ci(
    r: f64,
    n_pairs: usize,
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    let n = n_pairs;
    if n == 0 {
        return Err(StatsError::TooFewValues {
            what: "rank-biserial interval (pairs)",
            needed: 1,
            got: 0,
        });
    }
    let n = n as f64;
    let max_w = (n * n + n) / 2.0;
    let se = ((2.0 * n * n * n + 3.0 * n * n + n) / 6.0).sqrt() / max_w;
    rank_biserial_from_se(r, se, conf_level, alternative)
}

/// Cramér's V of an r×c table of counts with the noncentral chi-square interval of
/// `effectsize::cramers_v`: X² is Pearson's without continuity correction; with `adjust`,
/// Bergsma's bias correction (φ² − (r−1)(c−1)/(n−1), floored at 0, over
/// min(r̃, c̃) − 1 with r̃ = r − (r−1)²/(n−1)), `effectsize`'s default. The upper end of a
/// `greater` interval is 1; a two-sided upper end is capped at 1.
pub fn cramers_v(
    table: &[Vec<f64>],
    adjust: bool,
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    let chi = crate::contingency::chi_square(table, false)?;
    let (nr, nc) = (table.len() as f64, table[0].len() as f64);
    let n = chi.n as f64;
    let df = (nr - 1.0) * (nc - 1.0);
    let (lo, hi) = noncentrality_interval(
        |l| nchi2_cdf(chi.chi2, df, l),
        chi.chi2,
        two_sided_level(conf_level, alternative),
    )?;
    let e = df / (n - 1.0);
    let (k, l) = if adjust {
        (
            nr - (nr - 1.0).powi(2) / (n - 1.0),
            nc - (nc - 1.0).powi(2) / (n - 1.0),
        )
    } else {
        (nr, nc)
    };
    let div = (k.min(l) - 1.0).sqrt();
    let v = |chi2: f64| {
        let phi2 = chi2 / n;
        let phi = if adjust {
            (phi2 - e).max(0.0).sqrt()
        } else {
            phi2.sqrt()
        };
        phi / div
    };
    let (ci_low, ci_high) = limit((v(lo), v(hi).min(1.0)), alternative, 0.0, 1.0);
    let estimate = v(chi.chi2);
    crate::error::ensure_finite(
        "Cramér's V",
        &[
            ("V", estimate),
            ("its lower limit", ci_low),
            ("its upper limit", ci_high),
        ],
    )?;
    Ok(EffectCi {
        estimate,
        ci_low,
        ci_high,
        conf_level,
        alternative,
        method: if adjust {
            "noncentral chi-square, bias-corrected"
        } else {
            "noncentral chi-square"
        },
    })
}

/// η² = F df1 / (F df1 + df2) of a one-way ANOVA with the noncentral-F interval of
/// `effectsize::eta_squared` (the noncentrality λ found at the observed F, the limits
/// λ / (λ + df2)).
pub fn eta_squared_ci(
    f: f64,
    df1: f64,
    df2: f64,
    conf_level: f64,
    alternative: Alternative,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    if !(f.is_finite() && f >= 0.0 && df1 > 0.0 && df2 > 0.0) {
        return Err(invalid("F statistic", f));
    }
    let (lo, hi) = noncentrality_interval(
        |l| nf_cdf(f, df1, df2, l),
        f * df1,
        two_sided_level(conf_level, alternative),
    )?;
    let eta = |l: f64| l / (l + df2);
    let (ci_low, ci_high) = limit((eta(lo), eta(hi)), alternative, 0.0, 1.0);
    Ok(EffectCi {
        estimate: f * df1 / (f * df1 + df2),
        ci_low,
        ci_high,
        conf_level,
        alternative,
        method: "noncentral F",
    })
}

/// The conditional confidence interval of the odds ratio of a 2×2 table [[a, b], [c, d]], as
/// R's `fisher.test(conf.int = TRUE)`: the odds ratios ψ at which the observed a is at the
/// α/2 quantile of the noncentral hypergeometric distribution (P(X ≥ a; ψ) = α/2 for the
/// lower end, P(X ≤ a; ψ) = α/2 for the upper), α/(one end) when one-sided; 0 and +inf at
/// the edges of the support. R solves these with `uniroot`'s default tolerance (about
/// 1e-4); here they are solved in ln ψ to a few ulps.
pub fn fisher_odds_ratio_ci(
    table: [[f64; 2]; 2],
    conf_level: f64,
    alternative: Alternative,
) -> Result<(f64, f64)> {
    check_level(conf_level)?;
    // validates the table like the test does
    crate::contingency::fisher_exact(table, Alternative::TwoSided)?;
    let [a, b, c, d] = [table[0][0], table[0][1], table[1][0], table[1][1]].map(|v| v as u64);
    let (m, n, k) = (a + c, b + d, a + b);
    let (lo, logd) = crate::contingency::hypergeometric_log_weights(m, n, k);
    let hi = lo + logd.len() as u64 - 1;
    let obs = (a - lo) as usize;
    // P(X <= a) and P(X >= a) at ln ψ = theta
    let tails = |theta: f64| -> (f64, f64) {
        let w: Vec<f64> = logd
            .iter()
            .enumerate()
            .map(|(i, l)| l + theta * (lo + i as u64) as f64)
            .collect();
        let mx = w.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = w.iter().map(|v| (v - mx).exp()).collect();
        let s: f64 = e.iter().sum();
        (
            e[..=obs].iter().sum::<f64>() / s,
            e[obs..].iter().sum::<f64>() / s,
        )
    };
    let lower = |alpha: f64| -> Result<f64> {
        if a == lo {
            return Ok(0.0);
        }
        // P(X >= a; ψ) increases with ψ
        decreasing_root(|t| alpha - tails(t).1, 0.0, f64::NEG_INFINITY)
            .map(f64::exp)
            .ok_or_else(|| not_computable("the odds ratio interval"))
    };
    let upper = |alpha: f64| -> Result<f64> {
        if a == hi {
            return Ok(f64::INFINITY);
        }
        decreasing_root(|t| tails(t).0 - alpha, 0.0, f64::NEG_INFINITY)
            .map(f64::exp)
            .ok_or_else(|| not_computable("the odds ratio interval"))
    };
    let alpha = 1.0 - conf_level;
    Ok(match alternative {
        Alternative::TwoSided => (lower(alpha / 2.0)?, upper(alpha / 2.0)?),
        Alternative::Less => (0.0, upper(alpha)?),
        Alternative::Greater => (lower(alpha)?, f64::INFINITY),
    })
}

/// Cohen's g of a paired 2×2 table (the effect size of McNemar's test, `effectsize`'s
/// `cohens_g` and its default for `effectsize(mcnemar.test(...))`) from the two discordant
/// counts b and c: g = P − 0.5 with P = max(b, c) / (b + c), so 0 ≤ g ≤ 0.5. Its interval is
/// the Wilson score interval of the proportion P among the b + c discordant pairs, without a
/// continuity correction (R's `prop.test(k, n, correct = FALSE)`), shifted by −0.5.
pub fn cohens_g(b: f64, c: f64, conf_level: f64, alternative: Alternative) -> Result<EffectCi> {
    check_level(conf_level)?;
    for v in [b, c] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(invalid("count", v));
        }
    }
    let n = b + c;
    if n <= 0.0 {
        return Err(StatsError::NotComputable {
            what: "Cohen's g".into(),
            why: "there are no discordant pairs".into(),
        });
    }
    let p = b.max(c) / n;
    let z = normal_quantile(match alternative {
        Alternative::TwoSided => (1.0 + conf_level) / 2.0,
        _ => conf_level,
    });
    // the score interval: the proportions π with |P − π| = z √(π(1 − π)/n)
    let h = z * z / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + h / (2.0 * n)).sqrt();
    let upper = if p >= 1.0 {
        1.0
    } else {
        ((p + h + spread) / (1.0 + 2.0 * h)).min(1.0)
    };
    let lower = ((p + h - spread) / (1.0 + 2.0 * h)).max(0.0);
    let (lo, hi) = limit((lower, upper), alternative, 0.0, 1.0);
    Ok(EffectCi {
        estimate: p - 0.5,
        ci_low: lo - 0.5,
        ci_high: hi - 0.5,
        conf_level,
        alternative,
        method: "Wilson score",
    })
}

/// Resamples of the bootstrap interval of [`rank_epsilon_squared`] in the study report.
pub const RANK_EPSILON_RESAMPLES: usize = 2000;
/// Seed of that bootstrap.
pub const RANK_EPSILON_SEED: u64 = 20_261_203;

/// The rank epsilon-squared of a Kruskal–Wallis test, ε²_R = H / (n − 1) with the
/// tie-corrected H over the n values (`effectsize::rank_epsilon_squared`), and its
/// percentile bootstrap interval: `resamples` times each group is resampled with
/// replacement within itself and ε²_R recomputed (resamples whose values are all equal have
/// no H and are left out, as `boot.ci` drops them); the ends are the bootstrap quantiles
/// interpolated on the normal scale between neighbouring order statistics, as R's
/// `boot.ci(type = "perc")` takes them. The generator is seeded by `seed`, so the interval is
/// reproducible; it differs from effectsize's (200 unseeded resamples) by Monte Carlo error.
/// One-sided "greater" (effectsize's default) has the upper end 1. Resamples beyond 10⁸
/// values in all are refused.
pub fn rank_epsilon_squared(
    groups: &[crate::groups::Group],
    conf_level: f64,
    alternative: Alternative,
    resamples: usize,
    seed: u64,
) -> Result<EffectCi> {
    check_level(conf_level)?;
    let kw = crate::groups::kruskal_wallis(groups)?;
    let n = kw.n as f64;
    // ε²_R is at most 1 (H ≤ n − 1); rounding can put H/(n − 1) an ulp above it
    let estimate = (kw.h / (n - 1.0)).min(1.0);
    if resamples < 2 {
        return Err(invalid("number of bootstrap resamples", resamples));
    }
    if n * resamples as f64 > 1e8 {
        return Err(StatsError::NotComputable {
            what: "the bootstrap interval of the rank ε²".into(),
            why: format!("{resamples} resamples of {} values are too many", kw.n),
        });
    }
    let clean: Vec<Vec<f64>> = groups
        .iter()
        .map(|(_, v)| v.iter().copied().filter(|x| !x.is_nan()).collect())
        .collect();
    let mut rng = crate::contingency::Rng::new(seed);
    let mut draws: Vec<Vec<f64>> = clean.iter().map(|g| vec![0.0; g.len()]).collect();
    let mut stats = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for (g, d) in clean.iter().zip(draws.iter_mut()) {
            for v in d.iter_mut() {
                let i = ((rng.uniform() * g.len() as f64) as usize).min(g.len() - 1);
                *v = g[i];
            }
        }
        let named: Vec<crate::groups::Group> = groups
            .iter()
            .zip(&draws)
            .map(|((name, _), d)| (*name, d.as_slice()))
            .collect();
        if let Ok(r) = crate::groups::kruskal_wallis(&named) {
            let e = (r.h / (n - 1.0)).min(1.0);
            if e.is_finite() {
                stats.push(e);
            }
        }
    }
    if stats.len() < 2 {
        return Err(StatsError::NotComputable {
            what: "the bootstrap interval of the rank ε²".into(),
            why: "the resamples have no Kruskal–Wallis statistic (all values equal)".into(),
        });
    }
    stats.sort_unstable_by(f64::total_cmp);
    let level = two_sided_level(conf_level, alternative);
    let (lo, hi) = (
        percentile_normal_interpolated(&stats, (1.0 - level) / 2.0),
        percentile_normal_interpolated(&stats, (1.0 + level) / 2.0),
    );
    let (lo, hi) = limit((lo, hi), alternative, 0.0, 1.0);
    Ok(EffectCi {
        estimate,
        ci_low: lo,
        ci_high: hi,
        conf_level,
        alternative,
        method: "percentile bootstrap",
    })
}

/// The `p` quantile of the sorted bootstrap values `t` (R resamples) as `boot.ci`'s
/// percentile interval takes it: the order statistic of rank (R + 1)p when that is an
/// integer, the extreme one beyond the ends, otherwise interpolated between the
/// neighbouring order statistics linearly in the normal quantiles of their ranks/(R + 1).
fn percentile_normal_interpolated(t: &[f64], p: f64) -> f64 {
    let r = t.len();
    let rk = (r as f64 + 1.0) * p;
    let k = rk.trunc() as usize;
    if k == 0 {
        return t[0];
    }
    if k >= r {
        return t[r - 1];
    }
    if k as f64 == rk {
        return t[k - 1];
    }
    let z = |q: f64| normal_quantile(q);
    let (zk, zk1) = (
        z(k as f64 / (r as f64 + 1.0)),
        z((k as f64 + 1.0) / (r as f64 + 1.0)),
    );
    let (tk, tk1) = (t[k - 1], t[k]);
    tk + (z(p) - zk) / (zk1 - zk) * (tk1 - tk)
}

/// The standardized mean difference of a numeric variable as R's tableone prints it
/// (`print(CreateTableOne(...), smd = TRUE)`): |m1 − m2| / √((s1² + s2²)/2) for two groups
/// (SDs with n − 1); with more than two groups the mean of the pairwise values. NaN values
/// are dropped; each group needs two values and one pair a nonzero SD.
pub fn smd_numeric(groups: &[&[f64]]) -> Result<f64> {
    if groups.len() < 2 {
        return Err(StatsError::TooFewValues {
            what: "standardized mean difference (groups)",
            needed: 2,
            got: groups.len(),
        });
    }
    let mut stats = Vec::with_capacity(groups.len());
    for g in groups {
        let d = crate::descriptive::describe(g)?;
        let sd = d.sd.ok_or(StatsError::TooFewValues {
            what: "standardized mean difference (values per group)",
            needed: 2,
            got: 1,
        })?;
        stats.push((d.mean, sd));
    }
    smd_numeric_moments(&stats)
}

/// [`smd_numeric`] from each group's mean and standard deviation (n − 1), as
/// [`crate::descriptive::describe`] gives them, for a caller that has them already.
pub fn smd_numeric_moments(stats: &[(f64, f64)]) -> Result<f64> {
    if stats.len() < 2 {
        return Err(StatsError::TooFewValues {
            what: "standardized mean difference (groups)",
            needed: 2,
            got: stats.len(),
        });
    }
    pairwise_mean(stats.len(), |i, j| {
        let ((m1, s1), (m2, s2)) = (stats[i], stats[j]);
        let pooled = ((s1 * s1 + s2 * s2) / 2.0).sqrt();
        if m1 == m2 {
            Ok(0.0)
        } else if pooled > 0.0 {
            Ok((m1 - m2).abs() / pooled)
        } else {
            Err(StatsError::ZeroVariance {
                what: "both groups of a standardized mean difference".into(),
                value: m1,
            })
        }
    })
}

fn pairwise_mean(k: usize, smd: impl Fn(usize, usize) -> Result<f64>) -> Result<f64> {
    let mut sum = 0.0;
    let mut pairs = 0.0;
    for i in 0..k {
        for j in i + 1..k {
            sum += smd(i, j)?;
            pairs += 1.0;
        }
    }
    let v = sum / pairs;
    crate::error::ensure_finite("the standardized mean difference", &[("SMD", v)])?;
    Ok(v)
}

/// The standardized mean difference of a categorical variable as R's tableone prints it:
/// Yang & Dalton's (2012) √((T − C)' S⁻¹ (T − C)) over the proportions of the levels but the
/// first, S = (S_T + S_C)/2 with the multinomial covariances S_kk = p_k(1 − p_k),
/// S_kl = −p_k p_l; with more than two groups the mean of the pairwise values.
/// `counts[g][l]` is the count of level l in group g. Levels absent from both groups of a
/// pair carry no information and are left out of that pair's S.
pub fn smd_categorical(counts: &[Vec<f64>]) -> Result<f64> {
    if counts.len() < 2 {
        return Err(StatsError::TooFewValues {
            what: "standardized mean difference (groups)",
            needed: 2,
            got: counts.len(),
        });
    }
    if counts.iter().any(|g| g.iter().sum::<f64>() <= 0.0) {
        return Err(StatsError::TooFewValues {
            what: "standardized mean difference (values per group)",
            needed: 1,
            got: 0,
        });
    }
    let props: Vec<Vec<f64>> = counts
        .iter()
        .map(|g| {
            let n: f64 = g.iter().sum();
            g.iter().map(|c| c / n).collect()
        })
        .collect();
    pairwise_mean(counts.len(), |i, j| {
        let (p, q) = (&props[i], &props[j]);
        let keep: Vec<usize> = (1..p.len()).filter(|&l| p[l] > 0.0 || q[l] > 0.0).collect();
        let diff: Vec<f64> = keep.iter().map(|&l| p[l] - q[l]).collect();
        if diff.iter().all(|d| *d == 0.0) {
            return Ok(0.0);
        }
        let k = keep.len();
        let mut s = vec![vec![0.0; k]; k];
        for (a, &la) in keep.iter().enumerate() {
            for (b, &lb) in keep.iter().enumerate() {
                s[a][b] = if a == b {
                    (p[la] * (1.0 - p[la]) + q[la] * (1.0 - q[la])) / 2.0
                } else {
                    -(p[la] * p[lb] + q[la] * q[lb]) / 2.0
                };
            }
        }
        let x = solve(s, diff.clone()).ok_or_else(|| StatsError::NotComputable {
            what: "the standardized mean difference".into(),
            why: "the covariance of the level proportions is singular".into(),
        })?;
        let quad: f64 = diff.iter().zip(&x).map(|(d, x)| d * x).sum();
        Ok(quad.max(0.0).sqrt())
    })
}

/// Solves S x = b by Gaussian elimination with partial pivoting; `None` when S is singular.
fn solve(mut s: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let k = b.len();
    let scale = s.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    for col in 0..k {
        let piv = (col..k).max_by(|&a, &c| s[a][col].abs().total_cmp(&s[c][col].abs()))?;
        if s[piv][col].abs() <= 1e-13 * scale {
            return None;
        }
        s.swap(col, piv);
        b.swap(col, piv);
        let (top, below) = s.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for (i, row) in below.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + i] -= f * b[col];
        }
    }
    let mut x = vec![0.0; k];
    for r in (0..k).rev() {
        let t: f64 = (r + 1..k).map(|c| s[r][c] * x[c]).sum();
        x[r] = (b[r] - t) / s[r][r];
    }
    Some(x)
}
