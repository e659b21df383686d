//! Ordinary least squares by Householder QR, with what a paper's regression
//! table needs: b, SE, t, p, standardized β, R², adjusted R², F, each
//! predictor's squared semi-partial correlation (sr²), its LMG share of R²
//! (exact average over all orderings, up to 12 predictors) and its VIF.
//!
//! The QR factor of the augmented matrix [1 X y] is accumulated in blocks of
//! rows (a streaming, "tall and skinny" QR), so ten million rows need only a
//! few kilobytes beyond the input, and two threads split the rows. Every
//! sub-model for LMG and VIF is solved from the small triangular factor.
//!
//! [`ols_with`] adds, on request, HC3 heteroskedasticity-consistent standard errors (as
//! `sandwich::vcovHC(fit, type = "HC3")` computes them, tested with the t distribution on the
//! residual degrees of freedom as `lmtest::coeftest` does) and the per-row diagnostics that
//! R's `plot(lm)` draws (fitted values, residuals, leverage, standardized residuals); both
//! take one more pass over the rows, solving with the same triangular factor.

use crate::dist::{f_sf, t_sf};
use crate::error::{invalid, Result, StatsError};
use serde::Serialize;

/// One row of the coefficient table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// `"(Intercept)"` or the predictor's name.
    pub name: String,
    /// Estimate b.
    pub estimate: f64,
    /// Standard error of b.
    pub std_error: f64,
    /// t = b / SE.
    pub t: f64,
    /// Two-sided p-value of t with n - p - 1 degrees of freedom.
    pub p_value: f64,
    /// Standardized coefficient b · SD(x) / SD(y); `None` for the intercept.
    pub beta: Option<f64>,
    /// Squared semi-partial correlation: the drop in R² without this
    /// predictor; `None` for the intercept.
    pub sr2: Option<f64>,
    /// LMG share of R² (Lindeman, Merenda and Gold): the increase in R² from
    /// adding this predictor, averaged over all orderings. `None` for the
    /// intercept and when there are more than 12 predictors.
    pub lmg: Option<f64>,
    /// Variance inflation factor; `None` for the intercept.
    pub vif: Option<f64>,
}

/// Result of [`ols`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ols {
    /// Rows used (no missing value in the outcome or any predictor).
    pub n: usize,
    /// Residual degrees of freedom n - p - 1.
    pub df_resid: usize,
    /// Coefficient of determination.
    pub r_squared: f64,
    /// Adjusted R².
    pub adj_r_squared: f64,
    /// Overall F statistic.
    pub f: f64,
    /// p-value of F.
    pub f_p_value: f64,
    /// Residual standard error.
    pub sigma: f64,
    /// Intercept first, then the predictors in input order.
    pub coefficients: Vec<Coefficient>,
    /// How the coefficients' standard errors (and so t and p) were computed.
    #[serde(skip_serializing_if = "Covariance::is_classical")]
    pub covariance: Covariance,
    /// Per-row diagnostics, when asked for ([`OlsOptions::diagnostics`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Diagnostics>,
}

/// How the standard errors of the coefficients are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Covariance {
    /// σ² (XᵀX)⁻¹, as `summary(lm)`.
    #[default]
    Classical,
    /// MacKinnon and White's HC3: (XᵀX)⁻¹ Xᵀ diag(eᵢ² / (1 − hᵢ)²) X (XᵀX)⁻¹, as
    /// `sandwich::vcovHC(type = "HC3")`; t and p use the residual degrees of freedom.
    Hc3,
}

impl Covariance {
    fn is_classical(&self) -> bool {
        *self == Covariance::Classical
    }
}

/// Options of [`ols_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct OlsOptions {
    /// Standard errors: classical or HC3.
    pub covariance: Covariance,
    /// Keep each used row's fitted value, residual, leverage and standardized residual.
    pub diagnostics: bool,
}

/// Each complete row's fit, in row order (rows with a missing value are left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// Fitted values ŷ.
    pub fitted: Vec<f64>,
    /// Residuals y − ŷ.
    pub residuals: Vec<f64>,
    /// Leverage hᵢ (diagonal of the hat matrix).
    pub leverage: Vec<f64>,
    /// Standardized residuals eᵢ / (σ √(1 − hᵢ)) (R's `rstandard`); `None` where hᵢ = 1.
    pub standardized: Vec<Option<f64>>,
}

/// Largest number of predictors for which LMG shares are computed (2^12 sub-models).
pub const LMG_MAX_PREDICTORS: usize = 12;
pub(crate) const BLOCK: usize = 128;

/// Upper-triangular k×k factor, row-major.
pub(crate) struct Factor {
    pub(crate) k: usize,
    pub(crate) r: Vec<f64>,
    pub(crate) rows: usize,
}

impl Factor {
    pub(crate) fn new(k: usize) -> Self {
        Self {
            k,
            r: vec![0.0; k * k],
            rows: 0,
        }
    }

    /// Folds `m` rows held column-major in `block` (stride BLOCK or `ld`) into R.
    pub(crate) fn absorb(&mut self, block: &mut [f64], ld: usize, m: usize) {
        let k = self.k;
        for j in 0..k {
            let col_j = j * ld;
            let rjj = self.r[j * k + j];
            let ss: f64 = block[col_j..col_j + m].iter().map(|v| v * v).sum();
            if ss == 0.0 {
                continue;
            }
            let norm = (rjj * rjj + ss).sqrt();
            let alpha = if rjj > 0.0 { -norm } else { norm };
            let v0 = rjj - alpha;
            let vtv = v0 * v0 + ss;
            for c in j + 1..k {
                let col_c = c * ld;
                let mut s = v0 * self.r[j * k + c];
                for i in 0..m {
                    s += block[col_j + i] * block[col_c + i];
                }
                let f = 2.0 * s / vtv;
                self.r[j * k + c] -= f * v0;
                for i in 0..m {
                    block[col_c + i] -= f * block[col_j + i];
                }
            }
            self.r[j * k + j] = alpha;
        }
    }

    fn merge(&mut self, other: &Factor) {
        let k = self.k;
        // Other's rows as a column-major block with leading dimension k.
        let mut block = vec![0.0; k * k];
        for i in 0..k {
            for c in 0..k {
                block[c * k + i] = other.r[i * k + c];
            }
        }
        self.absorb(&mut block, k, k);
        self.rows += other.rows;
    }
}

pub(crate) fn factor_rows(cols: &[&[f64]], range: std::ops::Range<usize>) -> Factor {
    let k = cols.len() + 1;
    let mut fac = Factor::new(k);
    let mut block = vec![0.0; k * BLOCK];
    let mut m = 0;
    for i in range {
        if cols.iter().any(|c| c[i].is_nan()) {
            continue;
        }
        block[m] = 1.0;
        for (c, col) in cols.iter().enumerate() {
            block[(c + 1) * BLOCK + m] = col[i];
        }
        m += 1;
        if m == BLOCK {
            fac.absorb(&mut block, BLOCK, m);
            fac.rows += m;
            m = 0;
        }
    }
    if m > 0 {
        fac.absorb(&mut block, BLOCK, m);
        fac.rows += m;
    }
    fac
}

/// Residual sum of squares of column `target` regressed on columns `on` of a
/// centred triangular factor `c` (size q×q, row-major).
fn sub_rss(c: &[f64], q: usize, on: &[usize], target: usize) -> f64 {
    let w = on.len() + 1;
    let mut m = vec![0.0; q * w]; // column-major q×w
    for (jj, &col) in on.iter().chain(std::iter::once(&target)).enumerate() {
        for i in 0..q {
            m[jj * q + i] = c[i * q + col];
        }
    }
    for j in 0..on.len() {
        let ss: f64 = (j..q).map(|i| m[j * q + i].powi(2)).sum();
        let norm = ss.sqrt();
        if norm == 0.0 {
            continue;
        }
        let x0 = m[j * q + j];
        let alpha = if x0 > 0.0 { -norm } else { norm };
        m[j * q + j] = x0 - alpha;
        let vtv = 2.0 * norm * (norm + x0.abs());
        for cc in j + 1..w {
            let s: f64 = (j..q).map(|i| m[j * q + i] * m[cc * q + i]).sum();
            let f = 2.0 * s / vtv;
            for i in j..q {
                m[cc * q + i] -= f * m[j * q + i];
            }
        }
        m[j * q + j] = alpha;
    }
    (on.len()..q).map(|i| m[on.len() * q + i].powi(2)).sum()
}

/// OLS of `outcome` on an intercept and the named `predictors`; rows with any
/// missing value are dropped (listwise) and `n` reports the rows used.
pub fn ols(outcome: &[f64], predictors: &[(&str, &[f64])]) -> Result<Ols> {
    ols_with(outcome, predictors, &OlsOptions::default())
}

/// [`ols`] with robust standard errors and/or per-row diagnostics.
pub fn ols_with(
    outcome: &[f64],
    predictors: &[(&str, &[f64])],
    options: &OlsOptions,
) -> Result<Ols> {
    let p = predictors.len();
    if p == 0 {
        return Err(invalid("predictor list", "empty"));
    }
    for (_, col) in predictors {
        if col.len() != outcome.len() {
            return Err(StatsError::LengthMismatch {
                left: outcome.len(),
                right: col.len(),
            });
        }
    }
    crate::error::reject_infinite("the regression's outcome", outcome)?;
    for (name, col) in predictors {
        if col.iter().any(|v| v.is_infinite()) {
            crate::error::reject_infinite(&format!("predictor `{name}`"), col)?;
        }
    }
    // Each column is rescaled by a power of two when its values lie near the ends of the
    // floating-point range (identity otherwise); the estimates are scaled back at the end.
    let mut cols: Vec<&[f64]> = predictors.iter().map(|(_, c)| *c).collect();
    cols.push(outcome);
    let scales: Vec<crate::descriptive::Scale> = cols
        .iter()
        .map(|c| crate::descriptive::Scale::of(c.iter().copied()))
        .collect();
    let scaled: Vec<std::borrow::Cow<'_, [f64]>> =
        cols.iter().zip(&scales).map(|(c, s)| s.apply(c)).collect();
    let cols: Vec<&[f64]> = scaled.iter().map(|c| c.as_ref()).collect();
    let y_scale = scales[p];
    // b_j in original units: the scaled estimate times 2^(k_y - k_j)
    let unscale = |i: usize, v: f64| {
        let v = y_scale.up(v);
        if i == 0 {
            v
        } else {
            scales[i - 1].down(v)
        }
    };
    let rows = outcome.len();
    let fac = if rows >= 1 << 16 {
        let mid = rows / 2;
        let (a, b) = std::thread::scope(|s| {
            let h = s.spawn(|| factor_rows(&cols, 0..mid));
            let b = factor_rows(&cols, mid..rows);
            (h.join().expect("QR thread panicked"), b)
        });
        let mut a = a;
        a.merge(&b);
        a
    } else {
        factor_rows(&cols, 0..rows)
    };
    let n = fac.rows;
    let k = p + 2;
    if n < p + 2 {
        return Err(StatsError::TooFewValues {
            what: "regression (complete rows)",
            needed: p + 2,
            got: n,
        });
    }
    check_columns(&fac, predictors)?;
    let r = |i: usize, j: usize| fac.r[i * k + j];
    let yc = p + 1;
    // Centred sums of squares: column norms of R without the intercept row.
    let css = |j: usize| (1..=j).map(|i| r(i, j).powi(2)).sum::<f64>();
    let tss = css(yc);
    if tss == 0.0 {
        let first = outcome
            .iter()
            .copied()
            .find(|v| !v.is_nan())
            .unwrap_or(f64::NAN);
        return Err(StatsError::ZeroVariance {
            what: "outcome".into(),
            value: first,
        });
    }
    // Back-substitution for b and the inverse of the (p+1)×(p+1) factor.
    let q = p + 1;
    let mut b = vec![0.0; q];
    for i in (0..q).rev() {
        let s: f64 = (i + 1..q).map(|j| r(i, j) * b[j]).sum();
        b[i] = (r(i, yc) - s) / r(i, i);
    }
    let mut rinv = vec![0.0; q * q];
    for j in 0..q {
        rinv[j * q + j] = 1.0 / r(j, j);
        for i in (0..j).rev() {
            let s: f64 = (i + 1..=j).map(|l| r(i, l) * rinv[l * q + j]).sum();
            rinv[i * q + j] = -s / r(i, i);
        }
    }
    let rss = r(yc, yc).powi(2);
    if rss <= 1e-24 * tss {
        return Err(StatsError::PerfectFit { rss });
    }
    let df = (n - p - 1) as f64;
    let sigma2 = rss / df;
    let r2 = 1.0 - rss / tss;
    let adj = 1.0 - (1.0 - r2) * (n as f64 - 1.0) / df;
    let f = ((tss - rss) / p as f64) / sigma2;
    let f_p_value = f_sf(f, p as f64, df);
    let per_row = (options.covariance == Covariance::Hc3 || options.diagnostics)
        .then(|| rows_pass(&cols, &fac.r, k, &b, &rinv, sigma2, options));
    let per_row = per_row.transpose()?;
    // Centred factor: rows/cols 1..k of R (predictors then y), size q×q.
    let mut cen = vec![0.0; q * q];
    for i in 0..q {
        for j in 0..q {
            cen[i * q + j] = r(i + 1, j + 1);
        }
    }
    let lmg = (p <= LMG_MAX_PREDICTORS).then(|| lmg_shares(&cen, q, p, tss));
    let mut coefficients = Vec::with_capacity(q);
    for i in 0..q {
        let classical_se =
            sigma2.sqrt() * (i..q).map(|j| rinv[i * q + j].powi(2)).sum::<f64>().sqrt();
        let classical_t = b[i] / classical_se;
        let se = match &per_row {
            Some((Some(var), _)) => var[i].sqrt(),
            _ => classical_se,
        };
        let t = b[i] / se;
        let p_value = (2.0 * t_sf(t.abs(), df)).min(1.0);
        let (name, beta, sr2, lmg_i, vif) = if i == 0 {
            ("(Intercept)".to_owned(), None, None, None, None)
        } else {
            let j = i - 1;
            let others: Vec<usize> = (0..p).filter(|&o| o != j).collect();
            let vif = if p == 1 {
                1.0
            } else {
                css(i) / sub_rss(&cen, q, &others, j)
            };
            (
                predictors[j].0.to_owned(),
                Some(b[i] * (css(i) / tss).sqrt()),
                Some(classical_t * classical_t * (1.0 - r2) / df),
                lmg.as_ref().map(|l| l[j]),
                Some(vif),
            )
        };
        let (estimate, std_error) = (unscale(i, b[i]), unscale(i, se));
        let mut fields = vec![
            ("an estimate", estimate),
            ("a standard error", std_error),
            ("a t", t),
            ("a p", p_value),
        ];
        for (what, v) in [
            ("a β", beta),
            ("an sr²", sr2),
            ("an LMG share", lmg_i),
            ("a VIF", vif),
        ] {
            if let Some(v) = v {
                fields.push((what, v));
            }
        }
        crate::error::ensure_finite(&format!("the regression (coefficient of {name})"), &fields)?;
        coefficients.push(Coefficient {
            name,
            estimate,
            std_error,
            t,
            p_value,
            beta,
            sr2,
            lmg: lmg_i,
            vif,
        });
    }
    let sigma = y_scale.up(sigma2.sqrt());
    crate::error::ensure_finite(
        "the regression",
        &[
            ("R²", r2),
            ("adjusted R²", adj),
            ("F", f),
            ("the p of F", f_p_value),
            ("the residual standard error", sigma),
        ],
    )?;
    Ok(Ols {
        n,
        df_resid: n - p - 1,
        r_squared: r2,
        adj_r_squared: adj,
        f,
        f_p_value,
        sigma,
        coefficients,
        covariance: options.covariance,
        diagnostics: per_row.and_then(|(_, d)| d).map(|mut d| {
            for v in d.fitted.iter_mut().chain(d.residuals.iter_mut()) {
                *v = y_scale.up(*v);
            }
            d
        }),
    })
}

/// The second pass over the rows: each complete row's leverage hᵢ = |R⁻ᵀxᵢ|² and residual,
/// giving the HC3 variances of the (scaled) coefficients and/or the diagnostics.
#[allow(clippy::type_complexity)]
fn rows_pass(
    cols: &[&[f64]],
    r: &[f64],
    k: usize,
    b: &[f64],
    rinv: &[f64],
    sigma2: f64,
    options: &OlsOptions,
) -> Result<(Option<Vec<f64>>, Option<Diagnostics>)> {
    let q = b.len();
    let p = q - 1;
    let hc3 = options.covariance == Covariance::Hc3;
    let mut meat = vec![0.0; if hc3 { q * q } else { 0 }];
    let mut diag = options.diagnostics.then(|| Diagnostics {
        fitted: Vec::new(),
        residuals: Vec::new(),
        leverage: Vec::new(),
        standardized: Vec::new(),
    });
    let mut x = vec![0.0; q];
    let mut u = vec![0.0; q];
    let rows = cols[0].len();
    for i in 0..rows {
        if cols.iter().any(|c| c[i].is_nan()) {
            continue;
        }
        x[0] = 1.0;
        for c in 0..p {
            x[c + 1] = cols[c][i];
        }
        let fitted: f64 = x.iter().zip(b).map(|(x, b)| x * b).sum();
        let e = cols[p][i] - fitted;
        for j in 0..q {
            let s: f64 = (0..j).map(|l| r[l * k + j] * u[l]).sum();
            u[j] = (x[j] - s) / r[j * k + j];
        }
        let h: f64 = u.iter().map(|v| v * v).sum();
        let one_minus_h = 1.0 - h;
        let at_one = one_minus_h <= 1e-10;
        if hc3 {
            if at_one {
                return Err(StatsError::NotComputable {
                    what: "HC3 standard errors".into(),
                    why: format!(
                        "row {} has leverage 1 (the model fits it exactly whatever its                          value), so e²/(1 − h)² is undefined",
                        i + 1
                    ),
                });
            }
            let w = (e / one_minus_h).powi(2);
            for a in 0..q {
                for c in 0..q {
                    meat[a * q + c] += w * u[a] * u[c];
                }
            }
        }
        if let Some(d) = diag.as_mut() {
            d.fitted.push(fitted);
            d.residuals.push(e);
            d.leverage.push(h.clamp(0.0, 1.0));
            d.standardized
                .push((!at_one).then(|| e / (sigma2 * one_minus_h).sqrt()));
        }
    }
    let var = hc3.then(|| {
        (0..q)
            .map(|j| {
                let mut s = 0.0;
                for a in j..q {
                    for c in j..q {
                        s += rinv[j * q + a] * meat[a * q + c] * rinv[j * q + c];
                    }
                }
                s
            })
            .collect()
    });
    Ok((var, diag))
}

/// Fails when a predictor is constant or a linear combination of the intercept and the
/// predictors before it, from the triangular factor of [1 X …] (columns 1..=p).
pub(crate) fn check_columns(fac: &Factor, predictors: &[(&str, &[f64])]) -> Result<()> {
    let k = fac.k;
    let r = |i: usize, j: usize| fac.r[i * k + j];
    let css = |j: usize| (1..=j).map(|i| r(i, j).powi(2)).sum::<f64>();
    for (j, (name, col)) in predictors.iter().enumerate() {
        let c = css(j + 1);
        let first = col
            .iter()
            .copied()
            .find(|v| !v.is_nan())
            .unwrap_or(f64::NAN);
        if c == 0.0 || c.sqrt() <= 1e-13 * r(0, j + 1).abs() {
            return Err(StatsError::ZeroVariance {
                what: format!("predictor `{name}`"),
                value: first,
            });
        }
        if r(j + 1, j + 1).abs() <= 1e-9 * c.sqrt() {
            return Err(StatsError::SingularDesign {
                predictor: (*name).to_owned(),
            });
        }
    }
    Ok(())
}

/// LMG: each predictor's R² increment averaged over all p! orderings, via the
/// 2^p sub-models (weights |S|! (p - |S| - 1)! / p!).
fn lmg_shares(cen: &[f64], q: usize, p: usize, tss: f64) -> Vec<f64> {
    let y = p;
    let subsets = 1usize << p;
    let mut r2 = vec![0.0; subsets];
    for (mask, slot) in r2.iter_mut().enumerate().skip(1) {
        let on: Vec<usize> = (0..p).filter(|j| mask >> j & 1 == 1).collect();
        *slot = 1.0 - sub_rss(cen, q, &on, y) / tss;
    }
    let fact: Vec<f64> = (0..=p)
        .scan(1.0, |acc, i| {
            if i > 0 {
                *acc *= i as f64;
            }
            Some(*acc)
        })
        .collect();
    (0..p)
        .map(|j| {
            (0..subsets)
                .filter(|m| m >> j & 1 == 0)
                .map(|m| {
                    let s = m.count_ones() as usize;
                    fact[s] * fact[p - s - 1] / fact[p] * (r2[m | 1 << j] - r2[m])
                })
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod perfect_fit_tests {
    use super::*;

    #[test]
    fn an_exact_fit_is_a_typed_error_not_infinite_t() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let y: Vec<f64> = x.iter().map(|v| 2.0 * v + 1.0).collect();
        match ols(&y, &[("x", &x)]) {
            Err(StatsError::PerfectFit { .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
