//! Logistic regression of a binary outcome, as R's `glm(y ~ ..., family = binomial)` fits it
//! and `summary()` and `confint()` report it: coefficients (log odds ratios) with Wald
//! standard errors, z and p; odds ratios with Wald intervals and profile-likelihood intervals
//! (the interval `confint()` gives: where the signed root of the deviance rise with the
//! coefficient held fixed equals ± the normal quantile); deviance, null deviance, AIC and the
//! likelihood-ratio test of the model.
//!
//! Fitting is iteratively reweighted least squares (Fisher scoring, which is Newton's method
//! for the logit link), each step solved by the streaming Householder QR of [`crate::ols`].
//! It starts as `glm.fit` does (μ = (y + ½)/2) but iterates to a tighter tolerance (every
//! linear predictor changing by less than 1e-10), so its estimates agree with a `glm` fit run
//! with `epsilon = 1e-14`. No estimate is reported when the maximum-likelihood estimate does
//! not exist: when the predictors separate the outcome (completely or quasi-completely, seen
//! as fitted probabilities within 10 machine epsilons of 0 or 1, R's own warning threshold)
//! the result is [`StatsError::Separation`], and a fit that does not settle in 100 steps is
//! [`StatsError::NotConverged`].

use crate::dist::{chi2_sf, normal_quantile, normal_sf};
use crate::error::{invalid, Result, StatsError};
use crate::ols::{factor_rows, Factor, BLOCK};
use serde::Serialize;

/// One row of the coefficient table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogisticCoefficient {
    /// `"(Intercept)"` or the column's name.
    pub name: String,
    /// Estimate b (log odds ratio).
    pub estimate: f64,
    /// Wald standard error of b.
    pub std_error: f64,
    /// z = b / SE.
    pub z: f64,
    /// Two-sided p-value of z.
    pub p_value: f64,
    /// exp(b).
    pub odds_ratio: f64,
    /// Wald interval of b: b ± z₍₁₊level₎/₂ · SE.
    pub wald_ci: (f64, f64),
    /// Profile-likelihood interval of b; an end is `None` when the profile deviance does
    /// not rise far enough in that direction (R's `confint` then gives NA). `None` when
    /// profiles were not asked for.
    pub profile_ci: Option<(Option<f64>, Option<f64>)>,
}

/// Result of [`logistic`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Logistic {
    /// Rows used (no missing value in the outcome or any predictor).
    pub n: usize,
    /// Rows with outcome 1.
    pub events: usize,
    /// Residual degrees of freedom n − p − 1.
    pub df_resid: usize,
    /// Residual deviance −2 log L.
    pub deviance: f64,
    /// Deviance of the intercept-only model.
    pub null_deviance: f64,
    /// Akaike information criterion: deviance + 2 (p + 1).
    pub aic: f64,
    /// Likelihood-ratio χ² of the model against the intercept-only model.
    pub lr_chi2: f64,
    /// Its p-value (χ² with p degrees of freedom).
    pub lr_p_value: f64,
    /// Fisher-scoring steps taken.
    pub iterations: usize,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Intercept first, then the predictors in input order.
    pub coefficients: Vec<LogisticCoefficient>,
}

/// Options of [`logistic`].
#[derive(Debug, Clone, Copy)]
pub struct LogisticOptions {
    /// Confidence level of the intervals (0.95).
    pub level: f64,
    /// Compute profile-likelihood intervals (one constrained fit per step of a root search,
    /// for each end of each coefficient).
    pub profile: bool,
}

impl Default for LogisticOptions {
    fn default() -> Self {
        Self {
            level: 0.95,
            profile: true,
        }
    }
}

const MAX_ITER: usize = 100;
/// Half-SE steps the profile search takes beyond the Wald end before giving up on an end.
pub const PROFILE_STEPS: usize = 64;
const ETA_TOL: f64 = 1e-10;
/// R's `binomial()$linkinv` clamps μ to [ε, 1 − ε] beyond this |η|.
const ETA_CLAMP: f64 = 36.04365338911715;

fn mu_of(eta: f64) -> f64 {
    if eta < -ETA_CLAMP {
        f64::EPSILON
    } else if eta > ETA_CLAMP {
        1.0 - f64::EPSILON
    } else {
        1.0 / (1.0 + (-eta).exp())
    }
}

/// log(1 + eˣ) without overflow.
fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// Binomial deviance of 0/1 outcomes at linear predictors `eta`.
fn deviance(y: &[f64], eta: &[f64]) -> f64 {
    2.0 * y
        .iter()
        .zip(eta)
        .map(|(&y, &e)| if y == 1.0 { softplus(-e) } else { softplus(e) })
        .sum::<f64>()
}

/// A fit of y on `cols` (design columns, complete rows only) with a fixed `offset`.
struct Fit {
    beta: Vec<f64>,
    eta: Vec<f64>,
    deviance: f64,
    iterations: usize,
    converged: bool,
    /// R factor of √W X at the estimate (row-major q×q).
    r: Vec<f64>,
}

/// Fisher scoring from `eta0` (or glm.fit's start when `None`).
fn irls(y: &[f64], cols: &[Vec<f64>], offset: Option<&[f64]>, eta0: Option<&[f64]>) -> Fit {
    let n = y.len();
    let q = cols.len();
    let k = q + 1;
    let off = |i: usize| offset.map_or(0.0, |o| o[i]);
    let mut eta: Vec<f64> = match eta0 {
        Some(e) => e.to_vec(),
        None => y
            .iter()
            .map(|&y| {
                let m = (y + 0.5) / 2.0;
                (m / (1.0 - m)).ln()
            })
            .collect(),
    };
    let mut beta = vec![0.0; q];
    let mut converged = false;
    let mut iterations = 0;
    let mut block = vec![0.0; k * BLOCK];
    let solve = |eta: &[f64], block: &mut Vec<f64>| -> Factor {
        let mut fac = Factor::new(k);
        let mut m = 0;
        for i in 0..n {
            let mu = mu_of(eta[i]);
            let d = (mu * (1.0 - mu)).max(f64::EPSILON);
            let w = d.sqrt();
            let z = eta[i] - off(i) + (y[i] - mu) / d;
            for c in 0..q {
                block[c * BLOCK + m] = w * cols[c][i];
            }
            block[q * BLOCK + m] = w * z;
            m += 1;
            if m == BLOCK {
                fac.absorb(block, BLOCK, m);
                m = 0;
            }
        }
        if m > 0 {
            fac.absorb(block, BLOCK, m);
        }
        fac
    };
    let back = |fac: &Factor| -> Vec<f64> {
        let mut b = vec![0.0; q];
        for i in (0..q).rev() {
            let s: f64 = (i + 1..q).map(|j| fac.r[i * k + j] * b[j]).sum();
            b[i] = (fac.r[i * k + q] - s) / fac.r[i * k + i];
        }
        b
    };
    while iterations < MAX_ITER {
        iterations += 1;
        let fac = solve(&eta, &mut block);
        beta = back(&fac);
        let mut change: f64 = 0.0;
        for (i, e) in eta.iter_mut().enumerate() {
            let new = off(i) + (0..q).map(|c| cols[c][i] * beta[c]).sum::<f64>();
            change = change.max((new - *e).abs());
            *e = new;
        }
        if !change.is_finite() {
            break;
        }
        if change < ETA_TOL {
            converged = true;
            break;
        }
    }
    let fac = solve(&eta, &mut block);
    let r = (0..q)
        .flat_map(|i| (0..q).map(move |j| (i, j)))
        .map(|(i, j)| fac.r[i * k + j])
        .collect();
    Fit {
        deviance: deviance(y, &eta),
        beta,
        eta,
        iterations,
        converged,
        r,
    }
}

/// Logistic regression of `outcome` (0 or 1; NaN = missing) on an intercept and the named
/// `predictors`; rows with any missing value are dropped (listwise).
pub fn logistic(
    outcome: &[f64],
    predictors: &[(&str, &[f64])],
    options: &LogisticOptions,
) -> Result<Logistic> {
    let p = predictors.len();
    if p == 0 {
        return Err(invalid("predictor list", "empty"));
    }
    if !(options.level > 0.0 && options.level < 1.0) {
        return Err(invalid("confidence level", options.level));
    }
    for (_, col) in predictors {
        if col.len() != outcome.len() {
            return Err(StatsError::LengthMismatch {
                left: outcome.len(),
                right: col.len(),
            });
        }
    }
    if let Some(i) = outcome
        .iter()
        .position(|&v| !v.is_nan() && v != 0.0 && v != 1.0)
    {
        return Err(invalid(
            "binary outcome",
            format!(
                "value number {} is {} (the outcome must be 0 or 1)",
                i + 1,
                crate::short_number(outcome[i])
            ),
        ));
    }
    for (name, col) in predictors {
        crate::error::reject_infinite(&format!("predictor `{name}`"), col)?;
    }
    // Predictors near the ends of the float range are rescaled by powers of two (exact);
    // the estimates are scaled back at the end.
    let scales: Vec<crate::descriptive::Scale> = predictors
        .iter()
        .map(|(_, c)| crate::descriptive::Scale::of(c.iter().copied()))
        .collect();
    let scaled: Vec<std::borrow::Cow<'_, [f64]>> = predictors
        .iter()
        .zip(&scales)
        .map(|((_, c), s)| s.apply(c))
        .collect();
    let complete: Vec<usize> = (0..outcome.len())
        .filter(|&i| !outcome[i].is_nan() && scaled.iter().all(|c| !c[i].is_nan()))
        .collect();
    let n = complete.len();
    if n < p + 2 {
        return Err(StatsError::TooFewValues {
            what: "logistic regression (complete rows)",
            needed: p + 2,
            got: n,
        });
    }
    // Constant and collinear predictors, as for OLS.
    {
        let mut check: Vec<&[f64]> = scaled.iter().map(|c| c.as_ref()).collect();
        check.push(outcome);
        let fac = factor_rows(&check, 0..outcome.len());
        crate::ols::check_columns(&fac, predictors)?;
    }
    let y: Vec<f64> = complete.iter().map(|&i| outcome[i]).collect();
    let events = y.iter().filter(|&&v| v == 1.0).count();
    if events == 0 || events == n {
        return Err(StatsError::ZeroVariance {
            what: "the binary outcome".into(),
            value: y[0],
        });
    }
    let mut cols: Vec<Vec<f64>> = vec![vec![1.0; n]];
    for c in &scaled {
        cols.push(complete.iter().map(|&i| c[i]).collect());
    }
    let q = p + 1;
    let fit = irls(&y, &cols, None, None);
    let extreme = fit.eta.iter().any(|&e| {
        !e.is_finite() || mu_of(e) < 10.0 * f64::EPSILON || mu_of(e) > 1.0 - 10.0 * f64::EPSILON
    });
    if extreme {
        return Err(StatsError::Separation {
            detail: separation_detail(&fit, &y),
        });
    }
    if !fit.converged {
        return Err(StatsError::NotConverged {
            what: "logistic regression".into(),
            iterations: fit.iterations,
        });
    }
    // Inverse of R: the covariance is R⁻¹R⁻ᵀ.
    let r = |i: usize, j: usize| fit.r[i * q + j];
    let mut rinv = vec![0.0; q * q];
    for j in 0..q {
        rinv[j * q + j] = 1.0 / r(j, j);
        for i in (0..j).rev() {
            let s: f64 = (i + 1..=j).map(|l| r(i, l) * rinv[l * q + j]).sum();
            rinv[i * q + j] = -s / r(i, i);
        }
    }
    let zq = normal_quantile((1.0 + options.level) / 2.0);
    let ybar = events as f64 / n as f64;
    let null_deviance =
        -2.0 * (events as f64 * ybar.ln() + (n - events) as f64 * (1.0 - ybar).ln());
    let lr_chi2 = (null_deviance - fit.deviance).max(0.0);
    let lr_p_value = chi2_sf(lr_chi2, p as f64);
    let unscale = |i: usize, v: f64| if i == 0 { v } else { scales[i - 1].down(v) };
    let mut coefficients = Vec::with_capacity(q);
    for i in 0..q {
        let se = (i..q).map(|j| rinv[i * q + j].powi(2)).sum::<f64>().sqrt();
        let b = fit.beta[i];
        let z = b / se;
        let p_value = (2.0 * normal_sf(z.abs())).min(1.0);
        let profile_ci = options
            .profile
            .then(|| profile(&y, &cols, &fit, i, se, zq))
            .map(|(lo, hi)| (lo.map(|v| unscale(i, v)), hi.map(|v| unscale(i, v))));
        let name = if i == 0 {
            "(Intercept)".to_owned()
        } else {
            predictors[i - 1].0.to_owned()
        };
        let (estimate, std_error) = (unscale(i, b), unscale(i, se));
        let wald_ci = (estimate - zq * std_error, estimate + zq * std_error);
        let odds_ratio = estimate.exp();
        crate::error::ensure_finite(
            &format!("the logistic regression (coefficient of {name})"),
            &[
                ("an estimate", estimate),
                ("a standard error", std_error),
                ("a z", z),
                ("a p", p_value),
                ("an odds ratio", odds_ratio),
                ("a Wald interval end", wald_ci.0),
                ("a Wald interval end", wald_ci.1),
            ],
        )?;
        coefficients.push(LogisticCoefficient {
            name,
            estimate,
            std_error,
            z,
            p_value,
            odds_ratio,
            wald_ci,
            profile_ci,
        });
    }
    let aic = fit.deviance + 2.0 * q as f64;
    crate::error::ensure_finite(
        "the logistic regression",
        &[
            ("the deviance", fit.deviance),
            ("the null deviance", null_deviance),
            ("the AIC", aic),
            ("the p of the likelihood-ratio test", lr_p_value),
        ],
    )?;
    Ok(Logistic {
        n,
        events,
        df_resid: n - q,
        deviance: fit.deviance,
        null_deviance,
        aic,
        lr_chi2,
        lr_p_value,
        iterations: fit.iterations,
        level: options.level,
        coefficients,
    })
}

/// A fitted probability within 10 machine epsilons of 0 or 1 (R's warning threshold).
fn at_edge(eta: f64) -> bool {
    !(10.0 * f64::EPSILON..=1.0 - 10.0 * f64::EPSILON).contains(&mu_of(eta))
}

fn separation_detail(fit: &Fit, y: &[f64]) -> String {
    let at_edge = fit.eta.iter().filter(|&&e| at_edge(e)).count();
    format!(
        "{at_edge} of {} rows get a fitted probability of 0 or 1 (after {} steps, the \
         deviance {:.3e}): the predictors separate the outcome{}",
        y.len(),
        fit.iterations,
        fit.deviance,
        if fit.deviance < 1e-6 {
            " completely"
        } else {
            " quasi-completely"
        }
    )
}

/// The profile-likelihood interval of coefficient `j`: where the signed root of the
/// deviance rise with βⱼ held fixed crosses ∓`zq`. Each end is searched outward from the
/// Wald end in steps of half an SE, then refined by Illinois regula falsi (bisection when a
/// step would leave the bracket) to 1e-12 relative; an end not bracketed within
/// [`PROFILE_STEPS`] steps (32 SEs beyond the Wald end), or where a constrained fit does not
/// converge, is `None`.
fn profile(
    y: &[f64],
    cols: &[Vec<f64>],
    fit: &Fit,
    j: usize,
    se: f64,
    zq: f64,
) -> (Option<f64>, Option<f64>) {
    let others: Vec<Vec<f64>> = cols
        .iter()
        .enumerate()
        .filter(|(c, _)| *c != j)
        .map(|(_, v)| v.clone())
        .collect();
    let bhat = fit.beta[j];
    let mut warm: Vec<f64> = fit.eta.clone();
    let mut signed_root = |b: f64| -> Option<f64> {
        let offset: Vec<f64> = cols[j].iter().map(|x| x * b).collect();
        let f = irls(y, &others, Some(&offset), Some(&warm));
        if !f.deviance.is_finite() || !f.converged {
            return None;
        }
        warm = f.eta;
        let rise = (f.deviance - fit.deviance).max(0.0);
        Some((b - bhat).signum() * rise.sqrt())
    };
    let mut end = |dir: f64| -> Option<f64> {
        let target = dir * zq;
        // g(b) = signed root − target; increasing in b.
        let mut inner = bhat;
        let mut g_inner = -target;
        let mut outer = bhat + dir * zq * se;
        let mut g_outer = signed_root(outer)? - target;
        let mut steps = 0;
        while g_outer * dir < 0.0 {
            inner = outer;
            g_inner = g_outer;
            steps += 1;
            if steps > PROFILE_STEPS {
                return None;
            }
            outer += dir * se / 2.0;
            g_outer = signed_root(outer)? - target;
        }
        let (mut a, mut ga, mut b, mut gb) = (inner, g_inner, outer, g_outer);
        let mut side = 0;
        for _ in 0..200 {
            if (b - a).abs() <= 1e-12 * (a.abs().max(b.abs()) + se) {
                break;
            }
            let mut c = (a * gb - b * ga) / (gb - ga);
            if !c.is_finite() || c <= a.min(b) || c >= a.max(b) {
                c = 0.5 * (a + b);
            }
            let gc = signed_root(c)? - target;
            if gc == 0.0 {
                return Some(c);
            }
            if gc.signum() == ga.signum() {
                a = c;
                ga = gc;
                if side == -1 {
                    gb *= 0.5;
                }
                side = -1;
            } else {
                b = c;
                gb = gc;
                if side == 1 {
                    ga *= 0.5;
                }
                side = 1;
            }
        }
        Some(if ga.abs() < gb.abs() { a } else { b })
    };
    let lo = end(-1.0);
    let hi = end(1.0);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separated_outcome_is_an_error_not_a_huge_odds_ratio() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        let y = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0];
        match logistic(&y, &[("x", &x)], &LogisticOptions::default()) {
            Err(StatsError::Separation { detail }) => assert!(detail.contains("completely")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn outcome_must_be_binary() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let y = [0.0, 1.0, 2.0, 1.0];
        assert!(logistic(&y, &[("x", &x)], &LogisticOptions::default()).is_err());
    }
}
