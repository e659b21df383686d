//! Post-hoc pairwise comparisons after a several-group test: Tukey's HSD (Tukey–Kramer for
//! unequal sizes, R's `TukeyHSD`, SciPy's `tukey_hsd`), Games–Howell (unequal variances,
//! pingouin's `pairwise_gameshowell`) and Dunn's rank test with Holm's adjustment (R's
//! `dunn.test`/FSA `dunnTest`, scikit-posthocs' `posthoc_dunn`).
//!
//! Pairs come in the order (1, 2), (1, 3), …, (2, 3), …, of the groups as given, and every
//! estimate is group 1 minus group 2 of its pair.

use crate::descriptive::{mean_clean, var_clean};
use crate::dist::{normal_sf, tukey_quantile, tukey_sf};
use crate::error::{invalid, Result, StatsError};
use crate::groups::{prepare, Group};
use serde::Serialize;

/// One pair of groups compared by a post-hoc test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairwiseComparison {
    /// The first group of the pair.
    pub group1: String,
    /// The second group of the pair.
    pub group2: String,
    /// Difference of group 1 minus group 2: of means (Tukey, Games–Howell) or of mean
    /// ranks (Dunn).
    pub estimate: f64,
    /// Standard error of that difference.
    pub std_error: f64,
    /// The test statistic: the studentized range q (Tukey), Welch's t (Games–Howell, whose
    /// p-value refers q = |t|·√2 to the studentized range), or z (Dunn).
    pub statistic: f64,
    /// Degrees of freedom of the reference distribution (`None` for Dunn's normal z).
    pub df: Option<f64>,
    /// The p-value before any adjustment across pairs (Dunn); Tukey's and Games–Howell's
    /// already control the family-wise error through the studentized range.
    pub p_value: f64,
    /// The p-value adjusted for the number of pairs: equal to `p_value` for Tukey and
    /// Games–Howell, Holm's adjustment for Dunn.
    pub p_adjusted: f64,
    /// Simultaneous confidence interval of the difference (Tukey only).
    pub ci: Option<(f64, f64)>,
}

/// Result of a post-hoc test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostHoc {
    /// `"Tukey HSD"`, `"Games-Howell"` or `"Dunn (Holm)"`.
    pub method: &'static str,
    /// Number of groups.
    pub k: usize,
    /// Confidence level of the intervals, when there are intervals.
    pub conf_level: Option<f64>,
    /// Every pair, in order.
    pub comparisons: Vec<PairwiseComparison>,
}

fn pairs(k: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..k).flat_map(move |i| (i + 1..k).map(move |j| (i, j)))
}

/// Tukey's honestly significant difference test (Tukey–Kramer standard errors for unequal
/// groups), with simultaneous confidence intervals at `conf_level`: R's `TukeyHSD(aov(y ~
/// g))`, SciPy's `tukey_hsd`. Each group needs one value and the groups together more
/// values than groups, as in the ANOVA it follows.
pub fn tukey_hsd(groups: &[Group], conf_level: f64) -> Result<PostHoc> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    let g = prepare("Tukey's HSD test", groups, 1)?;
    let k = g.values.len();
    let n = g.total();
    if n <= k {
        return Err(StatsError::TooFewValues {
            what: "Tukey's HSD test (more values than groups)",
            needed: k + 1,
            got: n,
        });
    }
    let means: Vec<f64> = g.values.iter().map(|v| mean_clean(v)).collect();
    let ss_within: f64 = (0..k)
        .filter(|&i| g.values[i].len() > 1)
        .map(|i| var_clean(&g.values[i], means[i]) * (g.n(i) - 1.0))
        .sum();
    let df = (n - k) as f64;
    let mse = ss_within / df;
    if mse <= 0.0 {
        return Err(StatsError::NotComputable {
            what: "Tukey's HSD test".into(),
            why: "no group varies within itself (the residual variance is 0)".into(),
        });
    }
    let kf = k as f64;
    let crit = tukey_quantile(conf_level, kf, df);
    let mut comparisons = Vec::new();
    for (i, j) in pairs(k) {
        let diff = means[i] - means[j];
        let se = (mse / 2.0 * (1.0 / g.n(i) + 1.0 / g.n(j))).sqrt();
        let q = diff.abs() / se;
        let p = tukey_sf(q, kf, df);
        let up = |v: f64| g.scale.up(v);
        let (estimate, std_error) = (up(diff), up(se));
        let ci = (up(diff - crit * se), up(diff + crit * se));
        crate::error::ensure_finite(
            "Tukey's HSD test",
            &[
                ("the mean difference", estimate),
                ("its standard error", std_error),
                ("q", q),
                ("p", p),
                ("the lower confidence limit", ci.0),
                ("the upper confidence limit", ci.1),
            ],
        )?;
        comparisons.push(PairwiseComparison {
            group1: g.names[i].clone(),
            group2: g.names[j].clone(),
            estimate,
            std_error,
            statistic: q,
            df: Some(df),
            p_value: p,
            p_adjusted: p,
            ci: Some(ci),
        });
    }
    Ok(PostHoc {
        method: "Tukey HSD",
        k,
        conf_level: Some(conf_level),
        comparisons,
    })
}

/// The Games–Howell test: Welch's t and degrees of freedom for each pair, its p-value from
/// the studentized range at q = |t|·√2 with k groups (pingouin's `pairwise_gameshowell`,
/// R's `rstatix::games_howell_test`), and the `conf_level` interval of each mean difference,
/// diff ± q(conf_level; k, df)/√2 · SE with the pair's Welch df (the interval rstatix gives).
/// Each group needs two values and a variance above 0.
pub fn games_howell(groups: &[Group], conf_level: f64) -> Result<PostHoc> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    let g = prepare("Games-Howell test", groups, 2)?;
    let k = g.values.len();
    let mut means = Vec::with_capacity(k);
    let mut vn = Vec::with_capacity(k); // variance of each mean
    for (i, v) in g.values.iter().enumerate() {
        let m = mean_clean(v);
        let var = var_clean(v, m);
        if var <= 0.0 {
            return Err(StatsError::ZeroVariance {
                what: format!("group {:?} of the Games-Howell test", g.names[i]),
                value: g.scale.up(v[0]),
            });
        }
        means.push(m);
        vn.push(var / g.n(i));
    }
    let kf = k as f64;
    let mut comparisons = Vec::new();
    for (i, j) in pairs(k) {
        let diff = means[i] - means[j];
        let s2 = vn[i] + vn[j];
        let se = s2.sqrt();
        let t = diff / se;
        let df = s2 * s2 / (vn[i] * vn[i] / (g.n(i) - 1.0) + vn[j] * vn[j] / (g.n(j) - 1.0));
        let p = tukey_sf(t.abs() * std::f64::consts::SQRT_2, kf, df);
        let (estimate, std_error) = (g.scale.up(diff), g.scale.up(se));
        let half = tukey_quantile(conf_level, kf, df) / std::f64::consts::SQRT_2 * se;
        let ci = (g.scale.up(diff - half), g.scale.up(diff + half));
        crate::error::ensure_finite(
            "the Games-Howell test",
            &[
                ("the mean difference", estimate),
                ("its standard error", std_error),
                ("t", t),
                ("df", df),
                ("p", p),
                ("the lower confidence limit", ci.0),
                ("the upper confidence limit", ci.1),
            ],
        )?;
        comparisons.push(PairwiseComparison {
            group1: g.names[i].clone(),
            group2: g.names[j].clone(),
            estimate,
            std_error,
            statistic: t,
            df: Some(df),
            p_value: p,
            p_adjusted: p,
            ci: Some(ci),
        });
    }
    Ok(PostHoc {
        method: "Games-Howell",
        k,
        conf_level: Some(conf_level),
        comparisons,
    })
}

/// Dunn's test of mean ranks after Kruskal–Wallis: the pooled ranks with the tie-corrected
/// variance (N(N+1)/12 - Σ(t³ - t)/(12(N-1)))(1/n_i + 1/n_j), two-sided normal p-values,
/// adjusted over all k(k-1)/2 pairs by Holm's method (scikit-posthocs'
/// `posthoc_dunn(p_adjust="holm")`, R's `FSA::dunnTest(method = "holm")`). Each group
/// needs one value.
pub fn dunn(groups: &[Group]) -> Result<PostHoc> {
    let g = prepare("Dunn's test", groups, 1)?;
    let k = g.values.len();
    let nf = g.total() as f64;
    let Some((ranks, tie)) = crate::groups::pooled_ranks(&g) else {
        return Err(StatsError::ZeroVariance {
            what: "the pooled sample of Dunn's test".into(),
            value: g.scale.up(g.values[0][0]),
        });
    };
    let mut mean_ranks = Vec::with_capacity(k);
    let mut start = 0;
    for v in &g.values {
        let r = &ranks[start..start + v.len()];
        start += v.len();
        mean_ranks.push(r.iter().sum::<f64>() / v.len() as f64);
    }
    let var = nf * (nf + 1.0) / 12.0 - tie / (12.0 * (nf - 1.0));
    let mut comparisons = Vec::new();
    for (i, j) in pairs(k) {
        let diff = mean_ranks[i] - mean_ranks[j];
        let se = (var * (1.0 / g.n(i) + 1.0 / g.n(j))).sqrt();
        let z = diff / se;
        let p = (2.0 * normal_sf(z.abs())).min(1.0);
        crate::error::ensure_finite(
            "Dunn's test",
            &[("the mean-rank difference", diff), ("z", z), ("p", p)],
        )?;
        comparisons.push(PairwiseComparison {
            group1: g.names[i].clone(),
            group2: g.names[j].clone(),
            estimate: diff,
            std_error: se,
            statistic: z,
            df: None,
            p_value: p,
            p_adjusted: p,
            ci: None,
        });
    }
    let raw: Vec<f64> = comparisons.iter().map(|c| c.p_value).collect();
    for (c, adjusted) in comparisons.iter_mut().zip(crate::multiple::holm(&raw)?) {
        c.p_adjusted = adjusted;
    }
    Ok(PostHoc {
        method: "Dunn (Holm)",
        k,
        conf_level: None,
        comparisons,
    })
}
