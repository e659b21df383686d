//! Pearson and Spearman correlation with p-values and confidence intervals.
//!
//! Pearson's p-value is the exact t test of r; its interval uses Fisher's z.
//! Spearman's rho is Pearson's r of average ranks. Its p-value is either the t
//! approximation (SciPy's `spearmanr`; R's `cor.test` with ties) or R's
//! no-ties method, algorithm AS 89: exact enumeration for n ≤ 9 and an
//! Edgeworth series up to n = 1290.

use crate::dist::{normal_cdf, normal_quantile, normal_sf, t_sf};
use crate::error::{invalid, Result, StatsError};
use crate::rank::{compact_pairs, key, ranks_of_sorted_in_place, sort_paired};
use crate::Alternative;
use serde::Serialize;

/// Result of [`pearson`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pearson {
    /// Correlation coefficient.
    pub r: f64,
    /// p-value of the t test of r = 0.
    pub p_value: f64,
    /// Pairs used (both values present).
    pub n: usize,
    /// Lower limit of the Fisher-z confidence interval (-1 when one-sided `less`).
    pub ci_low: f64,
    /// Upper limit of the Fisher-z confidence interval (1 when one-sided `greater`).
    pub ci_high: f64,
}

fn paired_clean(x: &[f64], y: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    let (mut xs, mut ys) = (x.to_vec(), y.to_vec());
    let n = compact_pairs(&mut xs, &mut ys);
    xs.truncate(n);
    ys.truncate(n);
    Ok((xs, ys))
}

fn t_p_value(r: f64, n: f64, alt: Alternative) -> f64 {
    let df = n - 2.0;
    if r.abs() >= 1.0 {
        let sign_ok = match alt {
            Alternative::TwoSided => true,
            Alternative::Less => r < 0.0,
            Alternative::Greater => r > 0.0,
        };
        return if sign_ok { 0.0 } else { 1.0 };
    }
    let t = r * (df / ((1.0 - r) * (1.0 + r))).sqrt();
    match alt {
        Alternative::TwoSided => (2.0 * t_sf(t.abs(), df)).min(1.0),
        Alternative::Greater => t_sf(t, df),
        Alternative::Less => t_sf(-t, df),
    }
}

fn constant_error(what: &str, v: &[f64]) -> StatsError {
    StatsError::ZeroVariance {
        what: what.to_owned(),
        value: v[0],
    }
}

/// Pearson correlation of the pairs where both values are present.
pub fn pearson(x: &[f64], y: &[f64], alternative: Alternative, conf_level: f64) -> Result<Pearson> {
    if !(conf_level > 0.0 && conf_level < 1.0) {
        return Err(invalid("confidence level", conf_level));
    }
    let (xs, ys) = paired_clean(x, y)?;
    let n = xs.len();
    if n < 3 {
        return Err(StatsError::TooFewValues {
            what: "Pearson correlation",
            needed: 3,
            got: n,
        });
    }
    let mx = crate::descriptive::mean_clean(&xs);
    let my = crate::descriptive::mean_clean(&ys);
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (a, b) in xs.iter().zip(&ys) {
        let (dx, dy) = (a - mx, b - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if sxx == 0.0 {
        return Err(constant_error("x", &xs));
    }
    if syy == 0.0 {
        return Err(constant_error("y", &ys));
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let nf = n as f64;
    let p_value = t_p_value(r, nf, alternative);
    let (ci_low, ci_high) = if n > 3 {
        let z = r.atanh();
        let se = 1.0 / (nf - 3.0).sqrt();
        match alternative {
            Alternative::TwoSided => {
                let q = normal_quantile(1.0 - (1.0 - conf_level) / 2.0);
                ((z - q * se).tanh(), (z + q * se).tanh())
            }
            Alternative::Less => (-1.0, (z + normal_quantile(conf_level) * se).tanh()),
            Alternative::Greater => ((z - normal_quantile(conf_level) * se).tanh(), 1.0),
        }
    } else {
        (-1.0, 1.0)
    };
    Ok(Pearson {
        r,
        p_value,
        n,
        ci_low,
        ci_high,
    })
}

/// How Spearman's p-value is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpearmanMethod {
    /// R's rule: AS 89 when there are no ties and n ≤ 1290, else the t approximation.
    #[default]
    Auto,
    /// AS 89 (exact for n ≤ 9, Edgeworth series to n = 1290); no ties allowed.
    Exact,
    /// t approximation with n - 2 degrees of freedom (SciPy's method).
    Asymptotic,
}

/// Result of [`spearman`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spearman {
    /// Spearman's rank correlation.
    pub rho: f64,
    /// p-value under the chosen alternative.
    pub p_value: f64,
    /// Pairs used.
    pub n: usize,
    /// `"exact"` (AS 89 enumeration, n ≤ 9), `"edgeworth"` (AS 89 series) or
    /// `"t-approximation"`.
    pub method: &'static str,
    /// Whether either variable has ties.
    pub ties: bool,
}

/// Spearman rank correlation of the pairs where both values are present.
pub fn spearman(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    method: SpearmanMethod,
) -> Result<Spearman> {
    let (mut xs, mut ys) = paired_clean(x, y)?;
    spearman_in_place(&mut xs, &mut ys, alternative, method)
}

/// [`spearman`] on the caller's buffers, which it reorders and overwrites (x
/// ends up holding ranks): no memory beyond the input is allocated, so ten
/// million pairs need no second copy. Pairs with a NaN are moved out of the way.
pub fn spearman_in_place(
    x: &mut [f64],
    y: &mut [f64],
    alternative: Alternative,
    method: SpearmanMethod,
) -> Result<Spearman> {
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    let n = compact_pairs(x, y);
    let (x, y) = (&mut x[..n], &mut y[..n]);
    if n < 3 {
        return Err(StatsError::TooFewValues {
            what: "Spearman correlation",
            needed: 3,
            got: n,
        });
    }
    if n >= 1 << 31 {
        return Err(StatsError::TooManyValues {
            what: "Spearman correlation",
            max: (1 << 31) - 1,
            got: n,
        });
    }
    // Rank x (carrying y), then sort by y carrying the x ranks.
    sort_paired(x, y);
    if key(x[0]) == key(x[n - 1]) {
        return Err(constant_error("x", x));
    }
    let tie_x = ranks_of_sorted_in_place(x);
    sort_paired(y, x);
    if key(y[0]) == key(y[n - 1]) {
        return Err(constant_error("y", y));
    }
    // Walk y's tie groups; doubled centred ranks are integers, so the
    // cross-product sum is exact in i128.
    let nn = n as i128;
    let mut cross: i128 = 0;
    let mut tie_y = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && y[j] == y[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        tie_y += t * t * t - t;
        let ry2 = (i + j + 1) as i128 - (nn + 1); // 2 * (rank - mean)
        let sx: i128 = x[i..j].iter().map(|&r| (2.0 * r) as i128 - (nn + 1)).sum();
        cross += ry2 * sx;
        i = j;
    }
    let nf = n as f64;
    let base = nf * (nf * nf - 1.0) / 12.0;
    let sxx = base - tie_x / 12.0;
    let syy = base - tie_y / 12.0;
    let rho = ((cross as f64 / 4.0) / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let ties = tie_x > 0.0 || tie_y > 0.0;
    let use_exact = match method {
        SpearmanMethod::Auto => !ties && n <= 1290,
        SpearmanMethod::Exact => {
            if ties {
                return Err(StatsError::MethodUnavailable {
                    method: "exact",
                    reason: "the data have ties; use the t approximation".into(),
                });
            }
            if n > 1290 {
                return Err(StatsError::MethodUnavailable {
                    method: "exact",
                    reason: format!("n = {n} exceeds 1290"),
                });
            }
            true
        }
        SpearmanMethod::Asymptotic => false,
    };
    let (p_value, method) = if use_exact {
        let q = (nf * nf * nf - nf) * (1.0 - rho) / 6.0;
        let ps = |lower: bool| prho(n, q.round() + if lower { 2.0 } else { 0.0 }, lower);
        let p = match alternative {
            Alternative::TwoSided => {
                let p = if q > (nf * nf * nf - nf) / 6.0 {
                    ps(false)
                } else {
                    ps(true)
                };
                (2.0 * p).min(1.0)
            }
            Alternative::Greater => ps(true),
            Alternative::Less => ps(false),
        };
        (p, if n <= 9 { "exact" } else { "edgeworth" })
    } else {
        (t_p_value(rho, nf, alternative), "t-approximation")
    };
    Ok(Spearman {
        rho,
        p_value,
        n,
        method,
        ties,
    })
}

/// AS 89: P(S >= is) (or P(S < is) when `lower`), S = (n³ - n)(1 - rho)/6.
fn prho(n: usize, is: f64, lower: bool) -> f64 {
    let nf = n as f64;
    let n3 = nf * (nf * nf - 1.0) / 3.0;
    if is <= 0.0 {
        return if lower { 0.0 } else { 1.0 };
    }
    if is > n3 {
        return if lower { 1.0 } else { 0.0 };
    }
    if n <= 9 {
        // Enumerate permutations; count those with S >= is.
        let mut perm: Vec<usize> = (0..n).collect();
        let mut count_ge = 0u64;
        let mut total = 0u64;
        permutations(&mut perm, 0, &mut |p| {
            let s: usize = p
                .iter()
                .enumerate()
                .map(|(i, &v)| i.abs_diff(v).pow(2))
                .sum();
            total += 1;
            if is <= s as f64 {
                count_ge += 1;
            }
        });
        let c = if lower { total - count_ge } else { count_ge };
        return c as f64 / total as f64;
    }
    const C: [f64; 12] = [
        0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131,
        4.6e-4,
    ];
    let b = 1.0 / nf;
    let x = (6.0 * (is - 1.0) * b / (nf * nf - 1.0) - 1.0) * (nf - 1.0).sqrt();
    let y = x * x;
    let u = x
        * b
        * (C[0]
            + b * (C[1] + C[2] * b)
            + y * (-C[3] + b * (C[4] + C[5] * b)
                - y * b * (C[6] + C[7] * b - y * (C[8] - C[9] * b + y * b * (C[10] - C[11] * y)))));
    let yy = u / (y / 2.0).exp();
    let p = if lower {
        -yy + normal_cdf(x)
    } else {
        yy + normal_sf(x)
    };
    p.clamp(0.0, 1.0)
}

fn permutations(v: &mut [usize], k: usize, f: &mut dyn FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permutations(v, k + 1, f);
        v.swap(k, i);
    }
}
