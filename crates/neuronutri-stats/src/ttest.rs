//! Two-sample t tests (Welch and Student) with the confidence interval of the
//! mean difference and the standardized effect sizes Cohen's d and Hedges' g.

use crate::descriptive::{finite_values, mean_clean, var_clean, Scale};
use crate::dist::{t_quantile, t_sf};
use crate::error::{invalid, Result, StatsError};
use crate::special::ln_gamma;
use crate::Alternative;
use serde::Serialize;

/// Result of [`welch_t`] and [`student_t`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TTest {
    /// t statistic of mean(x) - mean(y).
    pub t: f64,
    /// Degrees of freedom (Welch–Satterthwaite for Welch).
    pub df: f64,
    /// p-value under the chosen alternative.
    pub p_value: f64,
    /// mean(x) - mean(y).
    pub mean_diff: f64,
    /// Standard error of the mean difference.
    pub std_error: f64,
    /// Lower confidence limit of the mean difference (-inf when one-sided `less`; JSON
    /// `"-Infinity"`).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_low: f64,
    /// Upper confidence limit of the mean difference (+inf when one-sided `greater`; JSON
    /// `"Infinity"`).
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub ci_high: f64,
    /// Non-missing values in x.
    pub n1: usize,
    /// Non-missing values in y.
    pub n2: usize,
    /// Cohen's d: the mean difference over the pooled SD.
    pub cohens_d: f64,
    /// Hedges' g: Cohen's d times the exact small-sample correction
    /// Γ(m/2) / (sqrt(m/2) Γ((m-1)/2)), m = n1 + n2 - 2.
    pub hedges_g: f64,
}

/// The two samples' summaries, computed on both samples rescaled by one power of two
/// (`scale`), so that values near 1e308 or 5e-324 give exact zero variances and finite sums.
struct Groups {
    scale: Scale,
    n1: f64,
    n2: f64,
    m1: f64,
    m2: f64,
    v1: f64,
    v2: f64,
}

fn groups(x: &[f64], y: &[f64], conf_level: f64) -> Result<Groups> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    crate::error::reject_infinite("first sample of the t test", x)?;
    crate::error::reject_infinite("second sample of the t test", y)?;
    let xs = finite_values(x);
    let ys = finite_values(y);
    for (what, v) in [
        ("first sample of the t test", &xs),
        ("second sample of the t test", &ys),
    ] {
        if v.len() < 2 {
            return Err(StatsError::TooFewValues {
                what,
                needed: 2,
                got: v.len(),
            });
        }
    }
    let scale = Scale::of(xs.iter().chain(&ys).copied());
    let (xs, ys) = (scale.apply(&xs), scale.apply(&ys));
    let (m1, m2) = (mean_clean(&xs), mean_clean(&ys));
    Ok(Groups {
        scale,
        n1: xs.len() as f64,
        n2: ys.len() as f64,
        m1,
        m2,
        v1: var_clean(&xs, m1).max(0.0),
        v2: var_clean(&ys, m2).max(0.0),
    })
}

fn finish(g: &Groups, se: f64, df: f64, alt: Alternative, conf_level: f64) -> Result<TTest> {
    if se.is_nan() || se <= 0.0 {
        return Err(StatsError::ZeroVariance {
            what: "each sample (so the t statistic)".into(),
            value: g.scale.up(g.m1),
        });
    }
    let diff = g.m1 - g.m2;
    let t = diff / se;
    let (p_value, ci_low, ci_high) = match alt {
        Alternative::TwoSided => {
            let q = t_quantile(1.0 - (1.0 - conf_level) / 2.0, df);
            (
                (2.0 * t_sf(t.abs(), df)).min(1.0),
                diff - q * se,
                diff + q * se,
            )
        }
        Alternative::Less => {
            let q = t_quantile(conf_level, df);
            (t_sf(-t, df), f64::NEG_INFINITY, diff + q * se)
        }
        Alternative::Greater => {
            let q = t_quantile(conf_level, df);
            (t_sf(t, df), diff - q * se, f64::INFINITY)
        }
    };
    let m = g.n1 + g.n2 - 2.0;
    let pooled = (((g.n1 - 1.0) * g.v1 + (g.n2 - 1.0) * g.v2) / m).sqrt();
    let cohens_d = diff / pooled;
    let j = (ln_gamma(m / 2.0) - ln_gamma((m - 1.0) / 2.0)).exp() / (m / 2.0).sqrt();
    let up = |v: f64| g.scale.up(v);
    let (mean_diff, std_error) = (up(diff), up(se));
    let (ci_low, ci_high) = (up(ci_low), up(ci_high));
    let mut fields = vec![
        ("t", t),
        ("df", df),
        ("p", p_value),
        ("the mean difference", mean_diff),
        ("its standard error", std_error),
        ("Cohen's d", cohens_d),
    ];
    // the one-sided alternatives have one unbounded limit by definition
    if alt != Alternative::Less {
        fields.push(("the lower confidence limit", ci_low));
    }
    if alt != Alternative::Greater {
        fields.push(("the upper confidence limit", ci_high));
    }
    crate::error::ensure_finite("the t test", &fields)?;
    Ok(TTest {
        t,
        df,
        p_value,
        mean_diff,
        std_error,
        ci_low,
        ci_high,
        n1: g.n1 as usize,
        n2: g.n2 as usize,
        cohens_d,
        hedges_g: cohens_d * j,
    })
}

/// Welch's unequal-variance t test (R's `t.test` default; SciPy `equal_var=False`).
pub fn welch_t(x: &[f64], y: &[f64], alternative: Alternative, conf_level: f64) -> Result<TTest> {
    let g = groups(x, y, conf_level)?;
    let (a, b) = (g.v1 / g.n1, g.v2 / g.n2);
    let se = (a + b).sqrt();
    let df = (a + b) * (a + b) / (a * a / (g.n1 - 1.0) + b * b / (g.n2 - 1.0));
    finish(&g, se, df, alternative, conf_level)
}

/// Student's pooled-variance t test (R `var.equal = TRUE`; SciPy's default).
pub fn student_t(x: &[f64], y: &[f64], alternative: Alternative, conf_level: f64) -> Result<TTest> {
    let g = groups(x, y, conf_level)?;
    let df = g.n1 + g.n2 - 2.0;
    let pooled = ((g.n1 - 1.0) * g.v1 + (g.n2 - 1.0) * g.v2) / df;
    let se = (pooled * (1.0 / g.n1 + 1.0 / g.n2)).sqrt();
    finish(&g, se, df, alternative, conf_level)
}
