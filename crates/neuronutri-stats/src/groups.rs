//! Tests of more than two independent groups: one-way ANOVA (R's `oneway.test(var.equal =
//! TRUE)`, SciPy's `f_oneway`), Welch's ANOVA (R's `oneway.test` default, statsmodels'
//! `anova_oneway(use_var="unequal")`) and the Kruskal–Wallis rank test with R's tie
//! correction (`kruskal.test`, SciPy's `kruskal`). Their post-hoc comparisons are in
//! [`crate::posthoc`].
//!
//! Groups are named, so an error says which group is too small or constant. Missing values
//! (NaN) are dropped within each group and every result reports the numbers it used.

use crate::descriptive::{finite_values, mean_clean, var_clean, Scale};
use crate::dist::{chi2_sf, f_sf};
use crate::error::{invalid, Result, StatsError};
use serde::Serialize;

/// Most groups a several-group test or post-hoc table accepts (the post-hoc tables grow with
/// the square of it).
pub const MAX_GROUPS: usize = 100;

/// Most values, all groups together, of a several-group test (the ranks of Kruskal–Wallis
/// are indexed by 32 bits).
pub const MAX_TOTAL: usize = u32::MAX as usize - 1;

/// A named sample: (name, values); NaN values are missing.
pub type Group<'a> = (&'a str, &'a [f64]);

/// The groups with NaN removed, rescaled together by one power of two (see
/// [`Scale`]), after the checks every several-group test makes.
pub(crate) struct Prepared {
    pub names: Vec<String>,
    pub values: Vec<Vec<f64>>,
    pub scale: Scale,
}

impl Prepared {
    pub fn n(&self, i: usize) -> f64 {
        self.values[i].len() as f64
    }
    pub fn total(&self) -> usize {
        self.values.iter().map(Vec::len).sum()
    }
}

pub(crate) fn prepare(test: &'static str, groups: &[Group], min_each: usize) -> Result<Prepared> {
    if groups.len() < 2 {
        return Err(invalid(
            "number of groups",
            format!("{} ({test} needs at least 2)", groups.len()),
        ));
    }
    if groups.len() > MAX_GROUPS {
        return Err(StatsError::TooManyValues {
            what: "groups of a several-group test",
            max: MAX_GROUPS,
            got: groups.len(),
        });
    }
    let mut names = Vec::with_capacity(groups.len());
    let mut values = Vec::with_capacity(groups.len());
    for (name, x) in groups {
        crate::error::reject_infinite(&format!("group {name:?} of the {test}"), x)?;
        let v = finite_values(x);
        if v.len() < min_each {
            return Err(StatsError::GroupTooSmall {
                group: (*name).to_owned(),
                test,
                needed: min_each,
                got: v.len(),
            });
        }
        names.push((*name).to_owned());
        values.push(v);
    }
    let total: usize = values.iter().map(Vec::len).sum();
    if total > MAX_TOTAL {
        return Err(StatsError::TooManyValues {
            what: test,
            max: MAX_TOTAL,
            got: total,
        });
    }
    let scale = Scale::of(values.iter().flatten().copied());
    let values = values
        .into_iter()
        .map(|v| scale.apply(&v).into_owned())
        .collect();
    Ok(Prepared {
        names,
        values,
        scale,
    })
}

/// Result of [`one_way_anova`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneWayAnova {
    /// F statistic: the between-group mean square over the within-group mean square.
    pub f: f64,
    /// Numerator degrees of freedom, k - 1.
    pub df1: f64,
    /// Denominator degrees of freedom, N - k.
    pub df2: f64,
    /// Upper-tail p-value of F.
    pub p_value: f64,
    /// Values used, all groups together.
    pub n: usize,
    /// Number of groups.
    pub k: usize,
    /// Between-group sum of squares.
    pub ss_between: f64,
    /// Within-group (residual) sum of squares.
    pub ss_within: f64,
    /// η²: the between-group share of the total sum of squares.
    pub eta_squared: f64,
}

/// Classic one-way ANOVA (equal variances): R's `oneway.test(var.equal = TRUE)` and
/// `anova(lm(y ~ g))`, SciPy's `f_oneway`. Each group needs one value and the groups
/// together more values than groups.
pub fn one_way_anova(groups: &[Group]) -> Result<OneWayAnova> {
    let g = prepare("one-way ANOVA", groups, 1)?;
    let k = g.values.len();
    let n = g.total();
    if n <= k {
        return Err(StatsError::TooFewValues {
            what: "one-way ANOVA (more values than groups)",
            needed: k + 1,
            got: n,
        });
    }
    let means: Vec<f64> = g.values.iter().map(|v| mean_clean(v)).collect();
    let pooled: Vec<f64> = g.values.iter().flatten().copied().collect();
    let grand = mean_clean(&pooled);
    let ss_between: f64 = (0..k).map(|i| g.n(i) * (means[i] - grand).powi(2)).sum();
    let ss_within: f64 = (0..k)
        .map(|i| {
            if g.values[i].len() < 2 {
                0.0
            } else {
                var_clean(&g.values[i], means[i]) * (g.n(i) - 1.0)
            }
        })
        .sum();
    if ss_within <= 0.0 {
        if ss_between <= 0.0 || pooled.iter().all(|&v| v == pooled[0]) {
            return Err(StatsError::ZeroVariance {
                what: "the pooled sample of the one-way ANOVA".into(),
                value: g.scale.up(pooled[0]),
            });
        }
        return Err(StatsError::NotComputable {
            what: "one-way ANOVA".into(),
            why: "no group varies within itself (the within-group sum of squares is 0), so F \
                  is infinite"
                .into(),
        });
    }
    let df1 = (k - 1) as f64;
    let df2 = (n - k) as f64;
    let f = (ss_between / df1) / (ss_within / df2);
    let p_value = f_sf(f, df1, df2);
    let eta_squared = ss_between / (ss_between + ss_within);
    // sums of squares scale with the square of the data
    let up2 = |v: f64| g.scale.up(g.scale.up(v));
    let (ss_between, ss_within) = (up2(ss_between), up2(ss_within));
    crate::error::ensure_finite(
        "one-way ANOVA",
        &[
            ("F", f),
            ("p", p_value),
            ("the between-group sum of squares", ss_between),
            ("the within-group sum of squares", ss_within),
            ("eta squared", eta_squared),
        ],
    )?;
    Ok(OneWayAnova {
        f,
        df1,
        df2,
        p_value,
        n,
        k,
        ss_between,
        ss_within,
        eta_squared,
    })
}

/// Result of [`welch_anova`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WelchAnova {
    /// Welch's F statistic.
    pub f: f64,
    /// Numerator degrees of freedom, k - 1.
    pub df1: f64,
    /// Denominator degrees of freedom (fractional, Welch 1951).
    pub df2: f64,
    /// Upper-tail p-value of F.
    pub p_value: f64,
    /// Values used, all groups together.
    pub n: usize,
    /// Number of groups.
    pub k: usize,
}

/// Welch's heteroscedastic one-way ANOVA: R's `oneway.test` default (`var.equal = FALSE`),
/// statsmodels' `anova_oneway(use_var="unequal")`. Each group needs two values and a
/// variance above zero (it is weighted by n / variance).
pub fn welch_anova(groups: &[Group]) -> Result<WelchAnova> {
    let g = prepare("Welch's ANOVA", groups, 2)?;
    let k = g.values.len();
    let mut w = Vec::with_capacity(k);
    let mut means = Vec::with_capacity(k);
    for (i, v) in g.values.iter().enumerate() {
        let m = mean_clean(v);
        let var = var_clean(v, m);
        if var <= 0.0 {
            return Err(StatsError::ZeroVariance {
                what: format!(
                    "group {:?} (Welch's ANOVA weighs each group by n / variance)",
                    g.names[i]
                ),
                value: g.scale.up(v[0]),
            });
        }
        w.push(g.n(i) / var);
        means.push(m);
    }
    let sw: f64 = w.iter().sum();
    let m_w: f64 = w.iter().zip(&means).map(|(w, m)| w * m).sum::<f64>() / sw;
    let kf = k as f64;
    let a = w
        .iter()
        .zip(&means)
        .map(|(w, m)| w * (m - m_w).powi(2))
        .sum::<f64>()
        / (kf - 1.0);
    let tmp = (0..k)
        .map(|i| (1.0 - w[i] / sw).powi(2) / (g.n(i) - 1.0))
        .sum::<f64>()
        / (kf * kf - 1.0);
    let b = 1.0 + 2.0 * (kf - 2.0) * tmp;
    let f = a / b;
    let df1 = kf - 1.0;
    let df2 = 1.0 / (3.0 * tmp);
    let p_value = f_sf(f, df1, df2);
    crate::error::ensure_finite(
        "Welch's ANOVA",
        &[("F", f), ("the denominator df", df2), ("p", p_value)],
    )?;
    Ok(WelchAnova {
        f,
        df1,
        df2,
        p_value,
        n: g.total(),
        k,
    })
}

/// Result of [`kruskal_wallis`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KruskalWallis {
    /// H statistic, corrected for ties (divided by 1 - Σ(t³ - t) / (N³ - N)).
    pub h: f64,
    /// Degrees of freedom, k - 1.
    pub df: f64,
    /// Upper-tail chi-square p-value of H.
    pub p_value: f64,
    /// Values used, all groups together.
    pub n: usize,
    /// Number of groups.
    pub k: usize,
    /// Whether the pooled sample has ties.
    pub ties: bool,
    /// Mean rank of each group, in the order given.
    pub mean_ranks: Vec<f64>,
}

/// Average ranks of the pooled groups (group by group, in order) and Σ(t³ - t); `None` when
/// every value is the same.
pub(crate) fn pooled_ranks(g: &Prepared) -> Option<(Vec<f64>, f64)> {
    let mut pooled: Vec<f64> = g.values.iter().flatten().copied().collect();
    let mut idx = vec![0u32; pooled.len()];
    let tie = crate::rank::rank_in_place(
        &mut pooled,
        &mut idx,
        &mut crate::rank::RankScratch::default(),
    )?;
    Some((pooled, tie))
}

/// Kruskal–Wallis rank-sum test of k groups: R's `kruskal.test`, SciPy's `kruskal`, with
/// the tie correction both apply. Each group needs one value; the p-value is the
/// chi-square approximation with k - 1 degrees of freedom (as there).
pub fn kruskal_wallis(groups: &[Group]) -> Result<KruskalWallis> {
    let g = prepare("Kruskal-Wallis test", groups, 1)?;
    let k = g.values.len();
    let n = g.total();
    let Some((ranks, tie)) = pooled_ranks(&g) else {
        return Err(StatsError::ZeroVariance {
            what: "the pooled sample of the Kruskal-Wallis test".into(),
            value: g.scale.up(g.values[0][0]),
        });
    };
    let nf = n as f64;
    let centre = (nf + 1.0) / 2.0;
    let mut mean_ranks = Vec::with_capacity(k);
    let mut start = 0;
    let mut sum = 0.0;
    for v in &g.values {
        let r = &ranks[start..start + v.len()];
        start += v.len();
        let mean = r.iter().sum::<f64>() / v.len() as f64;
        sum += v.len() as f64 * (mean - centre).powi(2);
        mean_ranks.push(mean);
    }
    let h = 12.0 / (nf * (nf + 1.0)) * sum / (1.0 - tie / (nf * nf * nf - nf));
    let df = (k - 1) as f64;
    let p_value = chi2_sf(h, df);
    crate::error::ensure_finite("the Kruskal-Wallis test", &[("H", h), ("p", p_value)])?;
    Ok(KruskalWallis {
        h,
        df,
        p_value,
        n,
        k,
        ties: tie > 0.0,
        mean_ranks,
    })
}
