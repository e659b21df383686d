//! Cox proportional-hazards regression with Efron's handling of tied event times, as R's
//! `coxph(Surv(time, event) ~ …)` fits it and `summary.coxph` reports it: coefficients (log
//! hazard ratios) with standard errors from the inverse information, Wald z and p, hazard
//! ratios with their interval, and the likelihood-ratio, Wald and score tests of the model;
//! and the test of proportional hazards from the scaled Schoenfeld residuals that
//! `cox.zph(fit)` gives (transform "km", one test per term and a global one).
//!
//! Fitting is Newton–Raphson on the Efron partial likelihood from β = 0, with step halving
//! when the log-likelihood falls (as `coxph` does), on covariates centered at their means. It
//! stops when every step is below 1e-8 of its coefficient's standard error and below 1e-6 per
//! standard deviation of its predictor (so the estimate is
//! settled to rounding), which is tighter than `coxph`'s default (`eps = 1e-9` on the relative
//! change of the log-likelihood). A partial likelihood that keeps rising as a coefficient runs
//! off to infinity (monotone likelihood: a group without events, a covariate that orders the
//! events perfectly) is a [`StatsError::Separation`], where R only warns.

use super::{chol, chol_solve, kaplan_meier};
use crate::dist::{chi2_sf, normal_quantile, normal_sf};
use crate::error::{ensure_finite, invalid, Result, StatsError};
use serde::Serialize;

const MAX_ITER: usize = 50;
const MAX_HALVING: usize = 40;
/// Newton steps smaller than this many standard errors end the iteration.
const STEP_TOL: f64 = 1e-8;

/// One row of the coefficient table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoxCoefficient {
    /// The column's name (`age`, `sexmale`, `karno:trt`).
    pub name: String,
    /// Estimate b (log hazard ratio).
    pub estimate: f64,
    /// Standard error of b (inverse information).
    pub std_error: f64,
    /// Wald z = b / SE.
    pub z: f64,
    /// Two-sided p-value of z.
    pub p_value: f64,
    /// Hazard ratio exp(b).
    pub hazard_ratio: f64,
    /// Interval of the hazard ratio: exp(b ± z₍₁₊level₎/₂ · SE).
    pub hr_ci: (f64, f64),
}

/// A model test: statistic, degrees of freedom, p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChiTest {
    /// The χ² statistic.
    pub chi2: f64,
    /// Degrees of freedom.
    pub df: usize,
    /// Its p-value.
    pub p_value: f64,
}

impl ChiTest {
    fn new(chi2: f64, df: usize) -> Self {
        Self {
            chi2,
            df,
            p_value: chi2_sf(chi2.max(0.0), df as f64),
        }
    }
}

/// The complete rows of a fit, sorted by decreasing time, covariates centered.
#[derive(Debug, Clone, PartialEq, Default)]
struct Data {
    time: Vec<f64>,
    event: Vec<bool>,
    /// Row-major n×p.
    x: Vec<f64>,
    p: usize,
}

/// Result of [`cox`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cox {
    /// Subjects used (no missing time, event or covariate).
    pub n: usize,
    /// Events among them.
    pub events: usize,
    /// Confidence level of the hazard-ratio intervals.
    pub level: f64,
    /// The predictors in input order.
    pub coefficients: Vec<CoxCoefficient>,
    /// Log partial likelihood at β = 0 and at the estimate (R's `fit$loglik`).
    pub loglik: (f64, f64),
    /// Likelihood-ratio test: 2 (ℓ(β̂) − ℓ(0)).
    pub lr: ChiTest,
    /// Wald test: β̂ᵀ I(β̂) β̂.
    pub wald: ChiTest,
    /// Score (log-rank) test: U(0)ᵀ I(0)⁻¹ U(0).
    pub score: ChiTest,
    /// Newton–Raphson steps taken.
    pub iterations: usize,
    /// Covariance matrix of the estimates (row-major p×p; an entry beyond the double range
    /// is infinite, while the standard errors themselves are checked finite).
    #[serde(skip)]
    pub covariance: Vec<f64>,
    /// The estimates on the rescaled covariates the fit used.
    #[serde(skip)]
    scaled_beta: Vec<f64>,
    #[serde(skip)]
    data: Data,
}

/// One row of the proportional-hazards test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZphRow {
    /// The term (`age`, `celltype`) or `"GLOBAL"`.
    pub term: String,
    /// The test.
    pub test: ChiTest,
}

/// Result of [`Cox::zph`]: `cox.zph(fit)$table`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zph {
    /// The transform of time (`"km"`: 1 − the left-continuous Kaplan–Meier estimate).
    pub transform: &'static str,
    /// One row per term, then `GLOBAL`.
    pub rows: Vec<ZphRow>,
}

/// Per-event-time pieces of the Efron information and score, handed to a visitor.
struct Pass {
    loglik: f64,
    u: Vec<f64>,
    imat: Vec<f64>,
}

/// One sweep over the event times (decreasing) at `beta`: the log partial likelihood, its
/// gradient and information; `visit(time, M, r)` receives each event time's information
/// contribution M (p×p) and score contribution r (the deaths' covariates minus the Efron
/// means).
fn efron(d: &Data, beta: &[f64], mut visit: impl FnMut(f64, &[f64], &[f64])) -> Pass {
    let p = d.p;
    let n = d.time.len();
    let eta: Vec<f64> = (0..n)
        .map(|i| (0..p).map(|j| d.x[i * p + j] * beta[j]).sum())
        .collect();
    let mut out = Pass {
        loglik: 0.0,
        u: vec![0.0; p],
        imat: vec![0.0; p * p],
    };
    let (mut s0, mut s1, mut s2) = (0.0, vec![0.0; p], vec![0.0; p * p]);
    let (mut t1, mut t2) = (vec![0.0; p], vec![0.0; p * p]);
    let mut a = vec![0.0; p];
    let mut m = vec![0.0; p * p];
    let mut r = vec![0.0; p];
    let mut i = 0;
    while i < n {
        let t = d.time[i];
        let mut nd = 0usize;
        let mut t0 = 0.0;
        t1.iter_mut().for_each(|v| *v = 0.0);
        t2.iter_mut().for_each(|v| *v = 0.0);
        r.iter_mut().for_each(|v| *v = 0.0);
        while i < n && d.time[i] == t {
            let x = &d.x[i * p..(i + 1) * p];
            let w = eta[i].exp();
            let (z0, z1, z2) = if d.event[i] {
                nd += 1;
                out.loglik += eta[i];
                for j in 0..p {
                    r[j] += x[j];
                }
                (&mut t0, &mut t1, &mut t2)
            } else {
                (&mut s0, &mut s1, &mut s2)
            };
            *z0 += w;
            for j in 0..p {
                z1[j] += w * x[j];
                for k in 0..=j {
                    z2[j * p + k] += w * x[j] * x[k];
                }
            }
            i += 1;
        }
        if nd > 0 {
            m.iter_mut().for_each(|v| *v = 0.0);
            for step in 1..=nd {
                let f = step as f64 / nd as f64;
                let den = s0 + f * t0;
                out.loglik -= den.ln();
                for j in 0..p {
                    a[j] = (s1[j] + f * t1[j]) / den;
                    r[j] -= a[j];
                }
                for j in 0..p {
                    for k in 0..=j {
                        m[j * p + k] += (s2[j * p + k] + f * t2[j * p + k]) / den - a[j] * a[k];
                    }
                }
            }
            for j in 0..p {
                for k in 0..j {
                    m[k * p + j] = m[j * p + k];
                }
            }
            for (o, v) in out.u.iter_mut().zip(&r) {
                *o += v;
            }
            for (o, v) in out.imat.iter_mut().zip(&m) {
                *o += v;
            }
            visit(t, &m, &r);
        }
        s0 += t0;
        for j in 0..p {
            s1[j] += t1[j];
            for k in 0..=j {
                s2[j * p + k] += t2[j * p + k];
            }
        }
    }
    out
}

/// Cox regression of (`time`, `event`) on the named `predictors` (columns of the model matrix,
/// e.g. from [`crate::design::model_matrix`]); rows with any missing value are dropped.
/// `level` is the confidence level of the hazard-ratio intervals.
pub fn cox(time: &[f64], event: &[f64], predictors: &[(&str, &[f64])], level: f64) -> Result<Cox> {
    let p = predictors.len();
    if p == 0 {
        return Err(invalid("predictor list", "empty"));
    }
    if !(level > 0.0 && level < 1.0) {
        return Err(invalid("confidence level", level));
    }
    for (name, col) in predictors {
        if col.len() != time.len() {
            return Err(StatsError::LengthMismatch {
                left: time.len(),
                right: col.len(),
            });
        }
        crate::error::reject_infinite(&format!("predictor `{name}`"), col)?;
    }
    let mut rows: Vec<usize> = super::complete_rows("Cox model", time, event)?
        .into_iter()
        .filter(|&i| predictors.iter().all(|(_, c)| !c[i].is_nan()))
        .collect();
    let events = rows.iter().filter(|&&i| event[i] == 1.0).count();
    if events < p + 1 {
        return Err(StatsError::TooFewValues {
            what: "events of a Cox model (one more than its predictors)",
            needed: p + 1,
            got: events,
        });
    }
    rows.sort_by(|&a, &b| time[b].total_cmp(&time[a]));
    let n = rows.len();
    let mut x = vec![0.0; n * p];
    let mut sd = vec![0.0; p];
    // Each column is divided by a power of two near its largest magnitude (exact), so values
    // near 1e308 or 5e-324 neither overflow nor vanish; estimates are scaled back at the end.
    let mut exponent = vec![0i32; p];
    for (j, (name, col)) in predictors.iter().enumerate() {
        if rows.iter().all(|&i| col[i] == col[rows[0]]) {
            return Err(StatsError::ZeroVariance {
                what: format!("predictor `{name}`"),
                value: col[rows[0]],
            });
        }
        let largest = rows.iter().map(|&i| col[i].abs()).fold(0.0f64, f64::max);
        exponent[j] = largest.log2().floor() as i32;
        let mean = rows
            .iter()
            .map(|&i| times_two_to(col[i], -exponent[j]))
            .sum::<f64>()
            / n as f64;
        for (r, &i) in rows.iter().enumerate() {
            x[r * p + j] = times_two_to(col[i], -exponent[j]) - mean;
        }
        sd[j] = ((0..n).map(|r| x[r * p + j] * x[r * p + j]).sum::<f64>() / n as f64).sqrt();
    }
    let data = Data {
        time: rows.iter().map(|&i| time[i]).collect(),
        event: rows.iter().map(|&i| event[i] == 1.0).collect(),
        x,
        p,
    };
    let singular = |j: usize| StatsError::SingularDesign {
        predictor: predictors[j].0.to_owned(),
    };
    let separation = |j: usize, b: f64, steps: usize| StatsError::Separation {
        detail: format!(
            "the partial likelihood keeps rising as the coefficient of `{}` grows (at {} after \
             {steps} Newton steps; monotone likelihood: a level without events, or a predictor \
             that orders the events perfectly)",
            predictors[j].0,
            crate::short_number(b)
        ),
    };
    let mut beta = vec![0.0; p];
    let first = efron(&data, &beta, |_, _, _| {});
    let l0 = chol(&first.imat, p).map_err(singular)?;
    let score = ChiTest::new(
        chol_solve(&l0, p, &first.u)
            .iter()
            .zip(&first.u)
            .map(|(a, b)| a * b)
            .sum(),
        p,
    );
    let loglik0 = first.loglik;
    let mut cur = first;
    let mut l = l0;
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITER {
        iterations += 1;
        let mut step = chol_solve(&l, p, &cur.u);
        // Standard errors at the current point, to judge the step's size.
        let inv = inverse(&l, p);
        // An infinite estimate has steps of about one log hazard ratio per standard deviation
        // of its predictor that never shrink, while its standard error grows faster: it
        // must be small on both scales.
        let small = (0..p).all(|j| {
            step[j].abs() <= STEP_TOL * inv[j * p + j].sqrt() && step[j].abs() * sd[j] <= 1e-6
        });
        let mut next_beta: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
        let mut next = efron(&data, &next_beta, |_, _, _| {});
        let mut halvings = 0;
        while !(next.loglik.is_finite() && next.loglik >= cur.loglik - 1e-12 * cur.loglik.abs())
            && halvings < MAX_HALVING
        {
            halvings += 1;
            step.iter_mut().for_each(|s| *s /= 2.0);
            next_beta = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
            next = efron(&data, &next_beta, |_, _, _| {});
        }
        if !next.loglik.is_finite() {
            break;
        }
        beta = next_beta;
        cur = next;
        // The information was positive definite at β = 0; losing it on the way is the
        // information of a coefficient running off to infinity vanishing in rounding.
        l = match chol(&cur.imat, p) {
            Ok(l) => l,
            Err(j) => {
                return Err(separation(
                    j,
                    times_two_to(beta[j], -exponent[j]),
                    iterations,
                ))
            }
        };
        if small {
            converged = true;
            break;
        }
    }
    if !converged {
        let inv = inverse(&l, p);
        let j = (0..p)
            .max_by(|&a, &b| {
                (beta[a].abs() * sd[a] / inv[a * p + a].sqrt())
                    .total_cmp(&(beta[b].abs() * sd[b] / inv[b * p + b].sqrt()))
            })
            .unwrap_or(0);
        return Err(separation(
            j,
            times_two_to(beta[j], -exponent[j]),
            iterations,
        ));
    }
    let scaled_covariance = inverse(&l, p);
    let covariance: Vec<f64> = (0..p * p)
        .map(|k| {
            let (i, j) = (k / p, k % p);
            times_two_to(
                times_two_to(scaled_covariance[k], -exponent[i]),
                -exponent[j],
            )
        })
        .collect();
    let zq = normal_quantile((1.0 + level) / 2.0);
    let mut coefficients = Vec::with_capacity(p);
    for (j, (name, _)) in predictors.iter().enumerate() {
        let b = times_two_to(beta[j], -exponent[j]);
        let se = times_two_to(scaled_covariance[j * p + j].sqrt(), -exponent[j]);
        let z = beta[j] / scaled_covariance[j * p + j].sqrt();
        let c = CoxCoefficient {
            name: (*name).to_owned(),
            estimate: b,
            std_error: se,
            z,
            p_value: 2.0 * normal_sf(z.abs()),
            hazard_ratio: b.exp(),
            hr_ci: ((b - zq * se).exp(), (b + zq * se).exp()),
        };
        ensure_finite(
            &format!("Cox coefficient of `{name}`"),
            &[
                ("estimate", c.estimate),
                ("standard error", c.std_error),
                ("hazard ratio", c.hazard_ratio),
                ("lower bound", c.hr_ci.0),
                ("upper bound", c.hr_ci.1),
            ],
        )?;
        coefficients.push(c);
    }
    let ib: Vec<f64> = (0..p)
        .map(|j| (0..p).map(|k| cur.imat[j * p + k] * beta[k]).sum())
        .collect();
    let wald = ChiTest::new(ib.iter().zip(&beta).map(|(a, b)| a * b).sum(), p);
    let lr = ChiTest::new(2.0 * (cur.loglik - loglik0), p);
    ensure_finite(
        "Cox model",
        &[
            ("log-likelihood", cur.loglik),
            ("likelihood-ratio test", lr.chi2),
            ("Wald test", wald.chi2),
            ("score test", score.chi2),
        ],
    )?;
    Ok(Cox {
        n,
        events,
        level,
        coefficients,
        loglik: (loglik0, cur.loglik),
        lr,
        wald,
        score,
        iterations,
        covariance,
        scaled_beta: beta,
        data,
    })
}

/// x · 2^k without overflow of the power itself (k may be as large as ±1074).
fn times_two_to(x: f64, k: i32) -> f64 {
    x * 2f64.powi(k / 2) * 2f64.powi(k - k / 2)
}

/// The inverse of L Lᵀ.
fn inverse(l: &[f64], p: usize) -> Vec<f64> {
    let mut inv = vec![0.0; p * p];
    let mut e = vec![0.0; p];
    for j in 0..p {
        e.iter_mut().for_each(|v| *v = 0.0);
        e[j] = 1.0;
        let col = chol_solve(l, p, &e);
        for i in 0..p {
            inv[i * p + j] = col[i];
        }
    }
    inv
}

impl Cox {
    /// The proportional-hazards test of `cox.zph(fit)` (transform "km", terms = TRUE): for
    /// each term (its name and the indices of its columns among the coefficients) the score
    /// test of adding (column × g(t)) to the model, with g(t) = 1 − KM(t−) centered over the
    /// events; then the global test of all columns. With `terms` empty every column is its
    /// own term.
    pub fn zph(&self, terms: &[(&str, &[usize])]) -> Result<Zph> {
        let p = self.data.p;
        let own: Vec<(String, Vec<usize>)> = if terms.is_empty() {
            self.coefficients
                .iter()
                .enumerate()
                .map(|(j, c)| (c.name.clone(), vec![j]))
                .collect()
        } else {
            terms
                .iter()
                .map(|(n, c)| ((*n).to_owned(), c.to_vec()))
                .collect()
        };
        if let Some(bad) = own.iter().flat_map(|(_, c)| c).find(|&&c| c >= p) {
            return Err(invalid("term column", bad));
        }
        let d = &self.data;
        let ev: Vec<f64> = d.event.iter().map(|&e| f64::from(u8::from(e))).collect();
        let km = kaplan_meier(&d.time, &ev, 0.95)?;
        let g = |t: f64| 1.0 - km.surv_before(t);
        let (sum, count) = d
            .time
            .iter()
            .zip(&d.event)
            .filter(|(_, &e)| e)
            .fold((0.0, 0usize), |(s, c), (&t, _)| (s + g(t), c + 1));
        let gmean = sum / count as f64;
        let beta = &self.scaled_beta;
        let q = 2 * p;
        let mut imat = vec![0.0; q * q];
        let mut u = vec![0.0; p];
        efron(d, beta, |t, m, r| {
            let w = g(t) - gmean;
            for j in 0..p {
                u[j] += w * r[j];
                for k in 0..p {
                    let v = m[j * p + k];
                    imat[j * q + k] += v;
                    imat[j * q + p + k] += w * v;
                    imat[(p + j) * q + k] += w * v;
                    imat[(p + j) * q + p + k] += w * w * v;
                }
            }
        });
        let test = |cols: &[usize]| -> Result<ChiTest> {
            let idx: Vec<usize> = (0..p).chain(cols.iter().map(|&c| p + c)).collect();
            let k = idx.len();
            let a: Vec<f64> = idx
                .iter()
                .flat_map(|&r| idx.iter().map(move |&c| (r, c)))
                .map(|(r, c)| imat[r * q + c])
                .collect();
            let mut b = vec![0.0; k];
            for (s, &c) in cols.iter().enumerate() {
                b[p + s] = u[c];
            }
            let l = chol(&a, k).map_err(|_| StatsError::NotComputable {
                what: "proportional-hazards test".into(),
                why: "the information matrix of the time-varying model is singular".into(),
            })?;
            let x = chol_solve(&l, k, &b);
            let t = ChiTest::new(x.iter().zip(&b).map(|(a, b)| a * b).sum(), cols.len());
            ensure_finite(
                "proportional-hazards test",
                &[("chi-square", t.chi2), ("p-value", t.p_value)],
            )?;
            Ok(t)
        };
        let mut rows = Vec::with_capacity(own.len() + 1);
        for (name, cols) in &own {
            rows.push(ZphRow {
                term: name.clone(),
                test: test(cols)?,
            });
        }
        rows.push(ZphRow {
            term: "GLOBAL".into(),
            test: test(&(0..p).collect::<Vec<_>>())?,
        });
        Ok(Zph {
            transform: "km",
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covariates_near_the_ends_of_the_float_range_give_the_same_tests() {
        let time = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let event = [1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0];
        let x = [0.5, 1.2, 0.3, 2.0, 0.1, 1.5, 0.7, 0.2, 1.1, 0.4];
        let a = cox(&time, &event, &[("x", &x)], 0.95).unwrap();
        let big: Vec<f64> = x.iter().map(|v| v * 2f64.powi(1000)).collect();
        let b = cox(&time, &event, &[("x", &big)], 0.95).unwrap();
        // The same data after the exact rescaling: the same numbers, the estimate 2^1000 smaller.
        assert_eq!(a.coefficients[0].z, b.coefficients[0].z);
        assert_eq!(a.lr, b.lr);
        assert_eq!(
            a.coefficients[0].estimate,
            b.coefficients[0].estimate * 2f64.powi(500) * 2f64.powi(500)
        );
        let zph_a = a.zph(&[]).unwrap();
        assert_eq!(zph_a, b.zph(&[]).unwrap());
        // Per 1e-301 of a covariate the hazard ratio does not fit in a double: an error.
        let tiny: Vec<f64> = x.iter().map(|v| v * 2f64.powi(-1000)).collect();
        assert!(matches!(
            cox(&time, &event, &[("x", &tiny)], 0.95),
            Err(StatsError::NotComputable { .. })
        ));
    }

    #[test]
    fn a_predictor_that_orders_the_events_is_refused() {
        // Every subject with x = 1 dies before every subject with x = 0.
        let time = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let event = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        let x = [1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
        let got = cox(&time, &event, &[("x", &x)], 0.95);
        assert!(matches!(got, Err(StatsError::Separation { .. })), "{got:?}");
        let c = [2.0; 6];
        assert!(matches!(
            cox(&time, &event, &[("c", &c)], 0.95),
            Err(StatsError::ZeroVariance { .. })
        ));
        assert!(matches!(
            cox(&time, &event, &[("x", &x), ("x2", &x)], 0.95),
            Err(StatsError::SingularDesign { .. })
        ));
    }
}
