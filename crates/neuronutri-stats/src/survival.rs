//! Survival analysis as R's `survival` package computes it, so a time-to-event endpoint gets
//! the numbers a reviewer reruns in R: the Kaplan–Meier estimator with Greenwood's variance and
//! pointwise intervals on the log scale (`survfit`'s default `conf.type = "log"`), the median
//! survival time and its interval as `print.survfit` shows them, the number at risk at chosen
//! times (`summary(fit, times = …)`), and the log-rank test of two or more groups
//! (`survdiff`, rho = 0). Cox proportional hazards with Efron ties and the Schoenfeld-residual
//! test of proportional hazards (`coxph`, `cox.zph`) are in [`cox`].
//!
//! Input: one time per subject (finite, ≥ 0) and its event indicator (1 = the event was seen,
//! 0 = censored at that time); NaN in either is a missing value and drops the subject. Times
//! are tied when they are equal as numbers.

pub mod cox;

use crate::dist::{chi2_sf, normal_quantile};
use crate::error::{ensure_finite, invalid, Result, StatsError};
use serde::Serialize;

/// Most groups a log-rank test accepts.
pub const MAX_GROUPS: usize = 100;

/// `sqrt(.Machine$double.eps)`: the tolerance R's `print.survfit` uses to decide that a curve
/// sits exactly at 0.5.
const HALF_TOL: f64 = 1.490_116_119_384_765_6e-8;

/// Checks the time and event vectors and returns the indices of the complete rows.
pub(crate) fn complete_rows(what: &str, time: &[f64], event: &[f64]) -> Result<Vec<usize>> {
    if time.len() != event.len() {
        return Err(StatsError::LengthMismatch {
            left: time.len(),
            right: event.len(),
        });
    }
    crate::error::reject_infinite(&format!("time of the {what}"), time)?;
    if let Some(i) = time.iter().position(|&t| t < 0.0) {
        return Err(invalid(
            "survival time",
            format!(
                "value number {} is {} (times must be 0 or more)",
                i + 1,
                crate::short_number(time[i])
            ),
        ));
    }
    if let Some(i) = event
        .iter()
        .position(|&v| !v.is_nan() && v != 0.0 && v != 1.0)
    {
        return Err(invalid(
            "event indicator",
            format!(
                "value number {} is {} (the event must be 1 = seen or 0 = censored)",
                i + 1,
                crate::short_number(event[i])
            ),
        ));
    }
    Ok((0..time.len())
        .filter(|&i| !time[i].is_nan() && !event[i].is_nan())
        .collect())
}

/// One time of a Kaplan–Meier curve: every distinct time with an event or a censoring, as
/// `survfit` lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KmStep {
    /// The time.
    pub time: f64,
    /// Subjects at risk just before it (time ≥ this time).
    pub n_risk: usize,
    /// Events at this time.
    pub n_event: usize,
    /// Censorings at this time.
    pub n_censor: usize,
    /// Survival S(t) just after the time.
    pub surv: f64,
    /// Standard error of the cumulative hazard −log S(t) (Greenwood): `survfit`'s `std.err`.
    /// `None` once S(t) has reached 0 (R: `Inf`).
    pub std_err: Option<f64>,
    /// Lower end of the pointwise interval S·exp(−z·se); `None` once S(t) = 0 (R: NA).
    pub lower: Option<f64>,
    /// Upper end min(1, S·exp(z·se)); `None` once S(t) = 0 (R: NA).
    pub upper: Option<f64>,
}

/// A row of a risk table: what `summary(fit, times = t, extend = TRUE)` gives at one time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRow {
    /// The time asked for.
    pub time: f64,
    /// Subjects still at risk at that time (time ≥ t).
    pub n_risk: usize,
    /// Survival at that time (the curve's value at the last step at or before t).
    pub surv: f64,
    /// Lower end of its pointwise interval (1 before the first time; `None` once S = 0).
    pub lower: Option<f64>,
    /// Upper end of its pointwise interval.
    pub upper: Option<f64>,
}

/// Result of [`kaplan_meier`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KaplanMeier {
    /// Subjects used.
    pub n: usize,
    /// Events seen.
    pub events: usize,
    /// Confidence level of the pointwise intervals and of the median's interval.
    pub level: f64,
    /// The interval transform, R's `conf.type` (always `"log"`, R's default).
    pub conf_type: &'static str,
    /// The curve, one step per distinct time.
    pub steps: Vec<KmStep>,
    /// Median survival time as `print.survfit` gives it (the first time S ≤ 0.5; the midpoint
    /// to the next drop when S sits at exactly 0.5); `None` when S stays above 0.5 (R: NA).
    pub median: Option<f64>,
    /// Interval of the median: where the lower and upper pointwise bounds first reach 0.5, by
    /// the same rule; an end is `None` when its bound never does (R: NA).
    pub median_ci: (Option<f64>, Option<f64>),
}

impl KaplanMeier {
    /// Number at risk and survival at each of `times` (any order; no limit beyond the curve:
    /// after the last time nobody is at risk and S keeps its last value).
    pub fn risk_table(&self, times: &[f64]) -> Result<Vec<RiskRow>> {
        times
            .iter()
            .map(|&t| {
                if !t.is_finite() {
                    return Err(invalid("risk-table time", crate::short_number(t)));
                }
                // Steps are in time order: binary searches.
                let first_at = self.steps.partition_point(|s| s.time < t);
                let n_risk = self.steps.get(first_at).map_or(0, |s| s.n_risk);
                let after = self.steps.partition_point(|s| s.time <= t);
                let (surv, lower, upper) = match after {
                    0 => (1.0, Some(1.0), Some(1.0)),
                    i => {
                        let s = &self.steps[i - 1];
                        (s.surv, s.lower, s.upper)
                    }
                };
                Ok(RiskRow {
                    time: t,
                    n_risk,
                    surv,
                    lower,
                    upper,
                })
            })
            .collect()
    }

    /// S just before `t` (left-continuous), the value `cox.zph`'s "km" transform uses.
    pub(crate) fn surv_before(&self, t: f64) -> f64 {
        match self.steps.partition_point(|s| s.time < t) {
            0 => 1.0,
            i => self.steps[i - 1].surv,
        }
    }
}

/// `print.survfit`'s rule for where a curve `y` (at times `x`) first reaches 0.5; missing
/// values of `y` are skipped.
fn first_half(y: &[Option<f64>], x: &[f64]) -> Option<f64> {
    let kept: Vec<(f64, f64)> = y
        .iter()
        .zip(x)
        .filter_map(|(y, &x)| y.filter(|&y| y < 0.5 + HALF_TOL).map(|y| (y, x)))
        .collect();
    let &(y0, x0) = kept.first()?;
    if (y0 - 0.5).abs() < HALF_TOL {
        if let Some(&(_, x1)) = kept.iter().find(|(y, _)| *y < y0) {
            // R's mean of the two times; halved first when the sum would overflow (times
            // near the float range), never an infinite median
            let mid = (x0 + x1) / 2.0;
            return Some(if mid.is_finite() {
                mid
            } else {
                x0 / 2.0 + x1 / 2.0
            });
        }
    }
    Some(x0)
}

/// The Kaplan–Meier estimator of one sample, as `survfit(Surv(time, event) ~ 1,
/// conf.int = level)` computes it: product-limit survival, Greenwood's variance of the
/// cumulative hazard, intervals on the log scale.
pub fn kaplan_meier(time: &[f64], event: &[f64], level: f64) -> Result<KaplanMeier> {
    if !(level > 0.0 && level < 1.0) {
        return Err(invalid("confidence level", level));
    }
    let rows = complete_rows("Kaplan–Meier estimate", time, event)?;
    if rows.is_empty() {
        return Err(StatsError::TooFewValues {
            what: "Kaplan–Meier estimate",
            needed: 1,
            got: 0,
        });
    }
    let mut obs: Vec<(f64, bool)> = rows.iter().map(|&i| (time[i], event[i] == 1.0)).collect();
    obs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let z = normal_quantile((1.0 + level) / 2.0);
    let n = obs.len();
    let mut at_risk = n;
    let mut surv = 1.0;
    let mut greenwood = 0.0;
    let mut zero = false;
    let mut steps = Vec::new();
    let mut i = 0;
    while i < n {
        let t = obs[i].0;
        let mut d = 0;
        let mut c = 0;
        while i < n && obs[i].0 == t {
            if obs[i].1 {
                d += 1;
            } else {
                c += 1;
            }
            i += 1;
        }
        if d > 0 {
            if d == at_risk {
                zero = true;
                surv = 0.0;
            } else {
                surv *= 1.0 - d as f64 / at_risk as f64;
                greenwood += d as f64 / (at_risk as f64 * (at_risk - d) as f64);
            }
        }
        let (std_err, lower, upper) = if zero {
            (None, None, None)
        } else {
            let se = greenwood.sqrt();
            (
                Some(se),
                Some(surv * (-z * se).exp()),
                Some((surv * (z * se).exp()).min(1.0)),
            )
        };
        steps.push(KmStep {
            time: t,
            n_risk: at_risk,
            n_event: d,
            n_censor: c,
            surv,
            std_err,
            lower,
            upper,
        });
        at_risk -= d + c;
    }
    let times: Vec<f64> = steps.iter().map(|s| s.time).collect();
    let median = first_half(
        &steps.iter().map(|s| Some(s.surv)).collect::<Vec<_>>(),
        &times,
    );
    let lo = first_half(&steps.iter().map(|s| s.lower).collect::<Vec<_>>(), &times);
    let hi = first_half(&steps.iter().map(|s| s.upper).collect::<Vec<_>>(), &times);
    for s in &steps {
        ensure_finite(
            "Kaplan–Meier estimate",
            &[
                ("S(t)", s.surv),
                ("standard error", s.std_err.unwrap_or(0.0)),
                ("lower bound", s.lower.unwrap_or(0.0)),
                ("upper bound", s.upper.unwrap_or(0.0)),
            ],
        )?;
    }
    Ok(KaplanMeier {
        n,
        events: obs.iter().filter(|o| o.1).count(),
        level,
        conf_type: "log",
        steps,
        median,
        median_ci: (lo, hi),
    })
}

/// One group of a log-rank test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRankGroup {
    /// The group's label.
    pub name: String,
    /// Subjects used.
    pub n: usize,
    /// Events observed.
    pub observed: usize,
    /// Events expected under the null hypothesis of equal hazards.
    pub expected: f64,
    /// (O − E)² / E; `None` when E = 0.
    pub chi2_e: Option<f64>,
    /// (O − E)² / V with V the group's variance (diagonal of the variance matrix); `None`
    /// when V = 0.
    pub chi2_v: Option<f64>,
    /// The diagonal of the variance matrix of O − E.
    pub variance: f64,
}

/// Result of [`log_rank`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRank {
    /// The groups, in the order given.
    pub groups: Vec<LogRankGroup>,
    /// The χ² statistic.
    pub chi2: f64,
    /// Degrees of freedom: groups with a positive expected count, minus one.
    pub df: usize,
    /// Its p-value.
    pub p_value: f64,
}

/// Solves A x = b for a symmetric positive-definite A (row-major k×k) by Cholesky;
/// `Err(j)` names the first pivot that is not positive (relative to the diagonal).
pub(crate) fn chol(a: &[f64], k: usize) -> std::result::Result<Vec<f64>, usize> {
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let mut d = a[j * k + j];
        for m in 0..j {
            d -= l[j * k + m] * l[j * k + m];
        }
        if d.is_nan() || d <= 1e-11 * a[j * k + j].abs() || !d.is_finite() {
            return Err(j);
        }
        let d = d.sqrt();
        l[j * k + j] = d;
        for i in j + 1..k {
            let mut s = a[i * k + j];
            for m in 0..j {
                s -= l[i * k + m] * l[j * k + m];
            }
            l[i * k + j] = s / d;
        }
    }
    Ok(l)
}

/// x with L Lᵀ x = b.
pub(crate) fn chol_solve(l: &[f64], k: usize, b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..k {
        for m in 0..i {
            y[i] -= l[i * k + m] * y[m];
        }
        y[i] /= l[i * k + i];
    }
    for i in (0..k).rev() {
        for m in i + 1..k {
            y[i] -= l[m * k + i] * y[m];
        }
        y[i] /= l[i * k + i];
    }
    y
}

/// The log-rank test of `groups` (`codes[i]` = the group of subject i, `None` = missing), as
/// `survdiff(Surv(time, event) ~ group)` computes it: observed and expected events per group,
/// the hypergeometric variance matrix, χ² = (O − E)ᵀ V⁻¹ (O − E) over all groups but the
/// first of those with a positive expected count.
pub fn log_rank(
    time: &[f64],
    event: &[f64],
    codes: &[Option<usize>],
    groups: &[String],
) -> Result<LogRank> {
    let k = groups.len();
    if k < 2 {
        return Err(invalid(
            "number of groups",
            format!("{k} (the log-rank test needs at least 2)"),
        ));
    }
    if k > MAX_GROUPS {
        return Err(StatsError::TooManyValues {
            what: "groups of a log-rank test",
            max: MAX_GROUPS,
            got: k,
        });
    }
    if codes.len() != time.len() {
        return Err(StatsError::LengthMismatch {
            left: time.len(),
            right: codes.len(),
        });
    }
    if let Some(c) = codes.iter().flatten().find(|&&c| c >= k) {
        return Err(invalid("group code", c));
    }
    let rows: Vec<usize> = complete_rows("log-rank test", time, event)?
        .into_iter()
        .filter(|&i| codes[i].is_some())
        .collect();
    let mut n = vec![0usize; k];
    for &i in &rows {
        n[codes[i].unwrap_or(0)] += 1;
    }
    if let Some(g) = n.iter().position(|&c| c == 0) {
        return Err(StatsError::GroupTooSmall {
            group: groups[g].clone(),
            test: "log-rank test",
            needed: 1,
            got: 0,
        });
    }
    let mut obs: Vec<(f64, bool, usize)> = rows
        .iter()
        .map(|&i| (time[i], event[i] == 1.0, codes[i].unwrap_or(0)))
        .collect();
    obs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut risk: Vec<f64> = n.iter().map(|&c| c as f64).collect();
    let mut o = vec![0usize; k];
    let mut e = vec![0.0; k];
    let mut v = vec![0.0; k * k];
    let mut dj = vec![0usize; k];
    let mut cj = vec![0usize; k];
    let mut i = 0;
    while i < obs.len() {
        let t = obs[i].0;
        dj.iter_mut().for_each(|x| *x = 0);
        cj.iter_mut().for_each(|x| *x = 0);
        while i < obs.len() && obs[i].0 == t {
            if obs[i].1 {
                dj[obs[i].2] += 1;
            }
            cj[obs[i].2] += 1;
            i += 1;
        }
        let d: usize = dj.iter().sum();
        let nt: f64 = risk.iter().sum();
        if d > 0 {
            let d = d as f64;
            for g in 0..k {
                o[g] += dj[g];
                e[g] += d * risk[g] / nt;
            }
            if nt > 1.0 {
                let f = d * (nt - d) / (nt * nt * (nt - 1.0));
                for a in 0..k {
                    for b in 0..k {
                        let delta = if a == b { nt } else { 0.0 };
                        v[a * k + b] += f * risk[a] * (delta - risk[b]);
                    }
                }
            }
        }
        for g in 0..k {
            risk[g] -= cj[g] as f64;
        }
    }
    let used: Vec<usize> = (0..k).filter(|&g| e[g] > 0.0).collect();
    if used.len() < 2 {
        return Err(invalid(
            "log-rank test",
            "fewer than two groups have subjects at risk when events occur (no expected events)",
        ));
    }
    let sub = &used[1..];
    let m = sub.len();
    let mut a = vec![0.0; m * m];
    for (r, &x) in sub.iter().enumerate() {
        for (c, &y) in sub.iter().enumerate() {
            a[r * m + c] = v[x * k + y];
        }
    }
    let diff: Vec<f64> = sub.iter().map(|&g| o[g] as f64 - e[g]).collect();
    let l = chol(&a, m).map_err(|j| StatsError::NotComputable {
        what: "log-rank test".into(),
        why: format!(
            "the variance of group {:?} is not positive given the others",
            groups[sub[j]]
        ),
    })?;
    let x = chol_solve(&l, m, &diff);
    let chi2: f64 = x.iter().zip(&diff).map(|(a, b)| a * b).sum();
    let df = m;
    let p_value = chi2_sf(chi2, df as f64);
    ensure_finite(
        "log-rank test",
        &[("chi-square", chi2), ("p-value", p_value)],
    )?;
    let out = (0..k)
        .map(|g| {
            let dev = o[g] as f64 - e[g];
            let var = v[g * k + g];
            LogRankGroup {
                name: groups[g].clone(),
                n: n[g],
                observed: o[g],
                expected: e[g],
                chi2_e: (e[g] > 0.0).then(|| dev * dev / e[g]),
                chi2_v: (var > 0.0).then(|| dev * dev / var),
                variance: var,
            }
        })
        .collect();
    Ok(LogRank {
        groups: out,
        chi2,
        df,
        p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_an_error_not_a_curve() {
        assert!(kaplan_meier(&[1.0, -2.0], &[1.0, 0.0], 0.95).is_err());
        assert!(kaplan_meier(&[1.0, 2.0], &[1.0, 2.0], 0.95).is_err());
        assert!(kaplan_meier(&[f64::NAN], &[1.0], 0.95).is_err());
        assert!(kaplan_meier(&[1.0, f64::INFINITY], &[1.0, 0.0], 0.95).is_err());
        let g = vec!["a".to_string(), "b".into()];
        assert!(matches!(
            log_rank(&[1.0, 2.0], &[1.0, 1.0], &[Some(0), Some(0)], &g),
            Err(StatsError::GroupTooSmall { .. })
        ));
    }

    #[test]
    fn a_curve_without_events_stays_at_one() {
        let km = kaplan_meier(&[1.0, 2.0, 3.0], &[0.0, 0.0, 0.0], 0.95).unwrap();
        assert!(km.steps.iter().all(|s| s.surv == 1.0));
        assert_eq!(km.median, None);
        let rt = km.risk_table(&[0.0, 2.0, 5.0]).unwrap();
        assert_eq!(
            rt.iter().map(|r| r.n_risk).collect::<Vec<_>>(),
            vec![3, 2, 0]
        );
    }
}
