//! Pearson and Spearman correlation with p-values and confidence intervals.
//!
//! Pearson's p-value is the exact t test of r; its interval uses Fisher's z.
//! Spearman's rho is Pearson's r of average ranks. Its p-value is either the t
//! approximation (SciPy's `spearmanr`; R's `cor.test` with ties) or R's
//! no-ties method, algorithm AS 89: exact enumeration for n ≤ 9 and an
//! Edgeworth series up to n = 1290.

use crate::dist::{normal_cdf, normal_quantile, normal_sf, t_sf};
use crate::error::{invalid, Result, StatsError};
use crate::rank::{compact_pairs, rank_in_place, RankScratch};
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
    crate::error::reject_infinite("x of the Pearson correlation", x)?;
    crate::error::reject_infinite("y of the Pearson correlation", y)?;
    let (xs, ys) = paired_clean(x, y)?;
    // r does not change when x or y is multiplied by a power of two: rescale values near the
    // ends of the floating-point range so the sums of squares stay finite and exact zeros.
    let (sx, sy) = (
        crate::descriptive::Scale::of(xs.iter().copied()),
        crate::descriptive::Scale::of(ys.iter().copied()),
    );
    let (xs, ys) = (sx.apply(&xs), sy.apply(&ys));
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
    for (a, b) in xs.iter().zip(ys.iter()) {
        let (dx, dy) = (a - mx, b - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if sxx == 0.0 || xs.iter().all(|&v| v == xs[0]) {
        return Err(constant_error("x", &[sx.up(xs[0])]));
    }
    if syy == 0.0 || ys.iter().all(|&v| v == ys[0]) {
        return Err(constant_error("y", &[sy.up(ys[0])]));
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
    crate::error::ensure_finite(
        "the Pearson correlation",
        &[
            ("r", r),
            ("p", p_value),
            ("the lower confidence limit", ci_low),
            ("the upper confidence limit", ci_high),
        ],
    )?;
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
    crate::error::reject_infinite("x of the Spearman correlation", x)?;
    crate::error::reject_infinite("y of the Spearman correlation", y)?;
    let (mut xs, mut ys) = paired_clean(x, y)?;
    spearman_in_place(&mut xs, &mut ys, alternative, method)
}

/// [`spearman`] on the caller's buffers, which it overwrites: the `n` complete
/// pairs are moved to the front (what follows them is unspecified) and end up
/// holding the average ranks of their x and y values. Ten million pairs need no second
/// copy of the data: the only large allocation is one 32-bit index a value
/// (half the input's size) plus a few megabytes of scratch. Large inputs rank
/// x and y on two threads.
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
    // Rank each column in place (x[i], y[i] become the ranks of pair i), on
    // two threads when the data are large enough to pay for one.
    let (tie_x, tie_y) = if n >= PARALLEL_MIN {
        let (xr, yr) = (&mut *x, &mut *y);
        std::thread::scope(|s| {
            let h = s.spawn(move || rank_column(xr));
            let ty = rank_column(yr);
            (h.join().expect("ranking thread panicked"), ty)
        })
    } else {
        let tx = rank_column(x);
        (tx, if tx.is_some() { rank_column(y) } else { None })
    };
    let tie_x = tie_x.ok_or_else(|| constant_error("x", x))?;
    let tie_y = tie_y.ok_or_else(|| constant_error("y", y))?;
    // Doubled centred ranks are integers, so the cross-product sum is exact.
    let cross = if n >= PARALLEL_MIN {
        let mid = n / 2;
        std::thread::scope(|s| {
            let h = s.spawn(|| centred_cross(&x[..mid], &y[..mid], n));
            let b = centred_cross(&x[mid..], &y[mid..], n);
            h.join().expect("cross-product thread panicked") + b
        })
    } else {
        centred_cross(x, y, n)
    };
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
    crate::error::ensure_finite("the Spearman correlation", &[("rho", rho), ("p", p_value)])?;
    Ok(Spearman {
        rho,
        p_value,
        n,
        method,
        ties,
    })
}

/// Pairs from which [`spearman_in_place`] ranks x and y on two threads.
const PARALLEL_MIN: usize = 1 << 16;

/// Ranks a column in place; Σ(t³ - t) over its tie groups, or `None` (column
/// untouched) when it is constant.
fn rank_column(v: &mut [f64]) -> Option<f64> {
    let mut idx = vec![0u32; v.len()];
    rank_in_place(v, &mut idx, &mut RankScratch::default())
}

/// Σ (2 rx - n - 1)(2 ry - n - 1) over pairs of average ranks out of `n`.
fn centred_cross(rx: &[f64], ry: &[f64], n: usize) -> i128 {
    let n1 = n as i64 + 1;
    rx.iter()
        .zip(ry)
        .map(|(&a, &b)| {
            // |2r - n - 1| < n < 2³¹, so each product fits in an i64.
            let (ca, cb) = ((2.0 * a) as i64 - n1, (2.0 * b) as i64 - n1);
            i128::from(ca * cb)
        })
        .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Spearman's rho, its tie flag and n from ranks by a comparison sort.
    fn naive(x: &[f64], y: &[f64]) -> (f64, bool, usize) {
        let pairs: Vec<(f64, f64)> = x
            .iter()
            .zip(y)
            .filter(|(a, b)| !a.is_nan() && !b.is_nan())
            .map(|(&a, &b)| (a, b))
            .collect();
        let n = pairs.len();
        let ranks = |v: Vec<f64>| {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&i, &j| v[i].partial_cmp(&v[j]).unwrap());
            let (mut r, mut tie, mut i) = (vec![0i128; n], 0.0, 0);
            while i < n {
                let mut j = i + 1;
                while j < n && v[order[j]] == v[order[i]] {
                    j += 1;
                }
                let t = (j - i) as f64;
                tie += t * t * t - t;
                for &k in &order[i..j] {
                    r[k] = (i + j + 1) as i128 - (n as i128 + 1);
                }
                i = j;
            }
            (r, tie)
        };
        let (rx, tx) = ranks(pairs.iter().map(|p| p.0).collect());
        let (ry, ty) = ranks(pairs.iter().map(|p| p.1).collect());
        let cross: i128 = rx.iter().zip(&ry).map(|(a, b)| a * b).sum();
        let nf = n as f64;
        let base = nf * (nf * nf - 1.0) / 12.0;
        let (sxx, syy) = (base - tx / 12.0, base - ty / 12.0);
        let rho = ((cross as f64 / 4.0) / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
        (rho, tx > 0.0 || ty > 0.0, n)
    }

    #[test]
    fn spearman_matches_naive_ranking_on_both_paths() {
        let mut state = 777u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for n in [50, 5_000, 150_000] {
            let mut x = Vec::with_capacity(n);
            let mut y = Vec::with_capacity(n);
            for i in 0..n {
                let a = (next() * 300.0).round() / 10.0;
                let b = ((0.4 * a + next() * 20.0) * 100.0).round() / 100.0;
                x.push(if i % 97 == 5 { f64::NAN } else { a });
                y.push(if i % 89 == 7 { f64::NAN } else { b });
            }
            let (rho, ties, m) = naive(&x, &y);
            let got = spearman(&x, &y, Alternative::TwoSided, SpearmanMethod::Asymptotic).unwrap();
            assert_eq!(got.n, m);
            assert_eq!(got.ties, ties);
            assert_eq!(
                got.rho.to_bits(),
                rho.to_bits(),
                "n = {n}: {} vs {rho}",
                got.rho
            );
            assert_eq!(got.p_value, t_p_value(rho, m as f64, Alternative::TwoSided));
        }
    }

    #[test]
    fn constant_column_is_reported_with_its_value() {
        let x = vec![2.5; 100_000];
        let y: Vec<f64> = (0..100_000).map(f64::from).collect();
        for (a, b, what) in [(&x, &y, "x"), (&y, &x, "y")] {
            match spearman(a, b, Alternative::TwoSided, SpearmanMethod::Auto) {
                Err(StatsError::ZeroVariance { what: w, value }) => {
                    assert_eq!((w.as_str(), value), (what, 2.5));
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
