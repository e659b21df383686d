//! Distribution functions (normal, Student t, chi-square, F) accurate in both
//! tails: lower and upper tails are computed separately, never as `1 - other`
//! when the result is small, and stay within about 1e-13 relative error for
//! degrees of freedom up to 1e7, where a naive log-gamma prefactor drifts.

use crate::special::{beta_inc, gamma_pq, gamma_pq_with, ln_gamma};
use std::f64::consts::PI;

/// Both tails of the standard normal at `z`: (P(Z <= z), P(Z > z)).
fn normal_tails(z: f64) -> (f64, f64) {
    if z.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if z.is_infinite() {
        return if z > 0.0 { (1.0, 0.0) } else { (0.0, 1.0) };
    }
    let az = z.abs();
    // z^2 = hi + lo exactly; the prefactor exp(-z^2/2) uses both parts so the
    // rounding of z^2 does not cost relative accuracy far in the tail.
    let hi = az * az;
    let lo = az.mul_add(az, -hi);
    let x = 0.5 * hi;
    // x^0.5 e^-x / Γ(1.5), with Γ(1.5) = sqrt(pi)/2.
    let pref = x.sqrt() * (-x).exp() * (-0.5 * lo).exp() * 2.0 / PI.sqrt();
    let (p, q) = gamma_pq_with(0.5, x, pref);
    let far = 0.5 * q;
    let near = 0.5 + 0.5 * p;
    if z >= 0.0 {
        (near, far)
    } else {
        (far, near)
    }
}

/// Standard normal distribution function P(Z <= z).
pub fn normal_cdf(z: f64) -> f64 {
    normal_tails(z).0
}

/// Standard normal survival function P(Z > z).
pub fn normal_sf(z: f64) -> f64 {
    normal_tails(z).1
}

/// Standard normal density.
pub fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * PI).sqrt()
}

/// Solves lower_tail(x) = p for x <= `x_max` by Newton steps on ln(lower_tail),
/// safeguarded by bisection. `lower_tail` must be increasing.
fn solve_lower(p: f64, x0: f64, lower_tail: impl Fn(f64) -> f64, pdf: impl Fn(f64) -> f64) -> f64 {
    let target = p.ln();
    let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
    let mut x = x0;
    for _ in 0..200 {
        let c = lower_tail(x);
        if c == p {
            return x;
        }
        if c < p {
            lo = lo.max(x);
        } else {
            hi = hi.min(x);
        }
        let g = c.ln() - target;
        let d = pdf(x) / c;
        let mut next = x - g / d;
        if !next.is_finite() || next <= lo || next >= hi {
            next = if lo.is_finite() && hi.is_finite() {
                0.5 * (lo + hi)
            } else if lo.is_finite() {
                lo + 2.0 * (1.0 + lo.abs())
            } else {
                hi - 2.0 * (1.0 + hi.abs())
            };
        }
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs().max(1e-300) {
            return next;
        }
        x = next;
    }
    x
}

/// Rough normal quantile (Abramowitz & Stegun 26.2.23), a start for refinement.
fn normal_quantile_rough(p: f64) -> f64 {
    let pp = p.min(1.0 - p);
    let t = (-2.0 * pp.ln()).sqrt();
    let x = t
        - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    if p < 0.5 {
        -x
    } else {
        x
    }
}

/// Quantile of the standard normal (inverse of [`normal_cdf`]); NaN outside [0, 1].
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || p.is_nan() {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        solve_lower(p, normal_quantile_rough(p), normal_cdf, normal_pdf)
    } else {
        -solve_lower(1.0 - p, -normal_quantile_rough(p), normal_cdf, normal_pdf)
    }
}

/// Both tails of Student's t with `df` degrees of freedom at `t`.
fn t_tails(t: f64, df: f64) -> (f64, f64) {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    // beyond 1e20 degrees of freedom t and the normal differ by less than 1e-20 (and the
    // incomplete beta loses its accuracy with a = df/2 that large)
    if df > 1e20 {
        return normal_tails(t);
    }
    if t.is_infinite() {
        return if t > 0.0 { (1.0, 0.0) } else { (0.0, 1.0) };
    }
    let t2 = t * t;
    let (x, y) = if t2.is_finite() {
        (df / (df + t2), t2 / (df + t2))
    } else {
        // |t| beyond 1.3e154: df / t² without forming t²
        ((df / t.abs()) / t.abs(), 1.0)
    };
    // I_x(df/2, 1/2) = P(|T| > |t|).
    let (both_tails, inner) = beta_inc(0.5 * df, 0.5, x, y);
    let far = 0.5 * both_tails;
    let near = 0.5 + 0.5 * inner;
    if t >= 0.0 {
        (near, far)
    } else {
        (far, near)
    }
}

/// Student t distribution function P(T <= t).
pub fn t_cdf(t: f64, df: f64) -> f64 {
    t_tails(t, df).0
}

/// Student t survival function P(T > t).
pub fn t_sf(t: f64, df: f64) -> f64 {
    t_tails(t, df).1
}

/// Student t density.
pub fn t_pdf(t: f64, df: f64) -> f64 {
    if df.is_infinite() {
        return normal_pdf(t);
    }
    (ln_gamma(0.5 * (df + 1.0))
        - ln_gamma(0.5 * df)
        - 0.5 * (df * PI).ln()
        - 0.5 * (df + 1.0) * (t * t / df).ln_1p())
    .exp()
}

/// Quantile of Student's t with `df` degrees of freedom; NaN for invalid input.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || p.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    let lower = p.min(1.0 - p);
    let start = if df == 1.0 {
        (PI * (lower - 0.5)).tan()
    } else if df == 2.0 {
        (2.0 * lower - 1.0) / (2.0 * lower * (1.0 - lower)).sqrt()
    } else {
        let z = normal_quantile(lower);
        let z3 = z * z * z;
        z + (z3 + z) / (4.0 * df) + (5.0 * z3 * z * z + 16.0 * z3 + 3.0 * z) / (96.0 * df * df)
    };
    let x = solve_lower(
        lower,
        start.min(-1e-300),
        |t| t_cdf(t, df),
        |t| t_pdf(t, df),
    );
    if p < 0.5 {
        x
    } else {
        -x
    }
}

/// Chi-square distribution function P(X <= x) with `df` degrees of freedom.
pub fn chi2_cdf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    gamma_pq(0.5 * df, 0.5 * x.max(0.0)).0
}

/// Chi-square survival function P(X > x) with `df` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() {
        return 0.0;
    }
    gamma_pq(0.5 * df, 0.5 * x.max(0.0)).1
}

fn f_tails(f: f64, df1: f64, df2: f64) -> (f64, f64) {
    if f.is_nan() || df1.is_nan() || df2.is_nan() || df1 <= 0.0 || df2 <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    if f <= 0.0 {
        return (0.0, 1.0);
    }
    if f.is_infinite() {
        return (1.0, 0.0);
    }
    let num = df1 * f;
    let x = num / (num + df2);
    let y = df2 / (num + df2);
    beta_inc(0.5 * df1, 0.5 * df2, x, y)
}

/// F distribution function P(F <= f) with (`df1`, `df2`) degrees of freedom.
pub fn f_cdf(f: f64, df1: f64, df2: f64) -> f64 {
    f_tails(f, df1, df2).0
}

/// F survival function P(F > f) with (`df1`, `df2`) degrees of freedom.
pub fn f_sf(f: f64, df1: f64, df2: f64) -> f64 {
    f_tails(f, df1, df2).1
}

/// One tail of the range of `k` independent standard normals: P(range <= w) when `upper` is
/// false, P(range > w) when it is true, each computed as its own integral over the largest
/// value z (never as 1 minus the other), so a small tail keeps its relative accuracy.
fn normal_range_tail(w: f64, k: f64, upper: bool) -> f64 {
    if w <= 0.0 {
        return if upper { 1.0 } else { 0.0 };
    }
    // P(range > w) <= k(k-1)·P(Z1 - Z2 > w) = k(k-1)·erfc(w/2)/2, which for w >= 60 is below
    // e^-900 times k², under the least positive double for any k a sample can have: the
    // answer is exact without integrating (and the work below, about w/4 pieces, stays
    // bounded however large w is).
    if w >= 60.0 {
        return if upper { 0.0 } else { 1.0 };
    }
    let m = k - 1.0;
    let m_int = m.fract() == 0.0 && m < 1e6;
    // both tails of the normal by erfc: a hundred thousand of them go into one p-value
    let tails = |z: f64| {
        let x = z * std::f64::consts::FRAC_1_SQRT_2;
        (0.5 * libm::erfc(-x), 0.5 * libm::erfc(x))
    };
    let integrand = |z: f64| {
        let (a_lo, a_hi) = tails(z);
        if a_lo == 0.0 {
            return 0.0;
        }
        let (b_lo, b_hi) = tails(z - w);
        // Φ(z) - Φ(z - w), from whichever tails do not cancel
        let d = if z - w > 0.0 {
            b_hi - a_hi
        } else {
            a_lo - b_lo
        };
        let pow = |x: f64| {
            if m_int {
                x.powi(m as i32)
            } else {
                x.powf(m)
            }
        };
        let term = if !upper {
            pow(d)
        } else {
            // Φ(z)^m - (Φ(z) - Φ(z - w))^m
            let r = b_lo / a_lo;
            if r < 0.5 {
                -pow(a_lo) * (m * (-r).ln_1p()).exp_m1()
            } else {
                pow(a_lo) * (1.0 - pow(d / a_lo))
            }
        };
        normal_pdf(z) * term
    };
    // The integrand lives where φ(z) does (|z| < 7.5: beyond, less than 1e-13 of the mass)
    // and, for the far upper tail, around z = w/2, where φ(z)·Φ(z - w) peaks with an SD
    // of 0.71.
    let lo = (-7.5f64).min(0.5 * w - 7.5);
    let hi = 7.5f64.max(0.5 * w + 7.5);
    // pieces of about 2 (a fifteen-point rule is then good to about 1e-11 on them)
    let pieces = ((hi - lo) / 2.0).ceil().max(1.0) as usize;
    let breaks: Vec<f64> = (0..=pieces)
        .map(|i| lo + (hi - lo) * i as f64 / pieces as f64)
        .collect();
    (k * crate::quadrature::integrate(integrand, &breaks, 1e-10, 0.0)).clamp(0.0, 1.0)
}

/// One tail of the studentized range distribution with `k` groups and `df` degrees of
/// freedom: the range tail at q·s integrated against the density of s = sqrt(χ²_df / df),
/// written in u = ln(df s² / 2) where that density is smooth and bell-shaped.
fn tukey_tail(q: f64, k: f64, df: f64, upper: bool) -> f64 {
    if q.is_nan() || k.is_nan() || df.is_nan() || k < 2.0 || df <= 0.0 {
        return f64::NAN;
    }
    if q <= 0.0 {
        return if upper { 1.0 } else { 0.0 };
    }
    if q.is_infinite() {
        return if upper { 0.0 } else { 1.0 };
    }
    if df.is_infinite() {
        return normal_range_tail(q, k, upper);
    }
    let a = 0.5 * df;
    let ln_gamma_a = ln_gamma(a);
    // density of u = ln X, X ~ Gamma(a, 1): X^a e^-X / Γ(a)
    let density = |u: f64| {
        if a < 10.0 {
            (a * u - u.exp() - ln_gamma_a).exp()
        } else {
            a * crate::special::dpois_raw(a, u.exp())
        }
    };
    let integrand = |u: f64| {
        let g = density(u);
        if g == 0.0 {
            return 0.0;
        }
        let s = (u.exp() / a).sqrt();
        g * normal_range_tail(q * s, k, upper)
    };
    let c = a.ln();
    let sigma = (1.0 / a + 1.0 / (a * a)).sqrt();
    // below u_min the density holds less than 1e-300 of mass, above u_max less still
    let u_min = (-690.8 + ln_gamma(a + 1.0)) / a;
    let u_max = (a + 40.0 * a.sqrt() + 750.0).ln();
    let mut breaks = vec![u_min, u_max];
    for j in [-16.0, -6.0, -2.0, 2.0, 6.0, 16.0] {
        let b = c + j * sigma;
        if b > u_min && b < u_max {
            breaks.push(b);
        }
    }
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    crate::quadrature::integrate(integrand, &breaks, 1e-10, 0.0).clamp(0.0, 1.0)
}

/// Studentized range distribution function P(Q <= q) for `k` means and `df` degrees of
/// freedom of the error variance (R's `ptukey`; `df` may be infinite).
pub fn tukey_cdf(q: f64, k: f64, df: f64) -> f64 {
    tukey_tail(q, k, df, false)
}

/// Studentized range survival function P(Q > q): the p-value of Tukey's HSD and of
/// Games–Howell, computed directly (not as 1 - cdf) so small p-values keep their digits.
pub fn tukey_sf(q: f64, k: f64, df: f64) -> f64 {
    tukey_tail(q, k, df, true)
}

/// Quantile of the studentized range distribution (R's `qtukey`): the q with
/// P(Q <= q) = p, found by bisection and secant steps on the tail that is smaller; NaN for
/// invalid input.
pub fn tukey_quantile(p: f64, k: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) || k.is_nan() || k < 2.0 || df.is_nan() || df <= 0.0 {
        return if p == 0.0 {
            0.0
        } else if p == 1.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
    }
    let upper = p > 0.5;
    let target = if upper { 1.0 - p } else { p };
    // g increases with q; its root is the quantile
    let g = |q: f64| {
        if upper {
            target.ln() - tukey_sf(q, k, df).ln()
        } else {
            tukey_cdf(q, k, df).ln() - target.ln()
        }
    };
    // bracket: g(lo) < 0 <= g(hi)
    let (mut lo, mut hi) = (2.0f64, 4.0f64);
    let mut g_hi = g(hi);
    let mut g_lo = f64::NAN;
    while g_hi < 0.0 && hi < 1e6 {
        (lo, g_lo) = (hi, g_hi);
        hi *= 2.0;
        g_hi = g(hi);
    }
    if g_lo.is_nan() {
        g_lo = g(lo);
    }
    while g_lo >= 0.0 && lo > 1e-8 {
        (hi, g_hi) = (lo, g_lo);
        lo *= 0.5;
        g_lo = g(lo);
    }
    if !(g_lo < 0.0 && g_hi >= 0.0) {
        return f64::NAN;
    }
    // Illinois (modified regula falsi): the end that stays twice has its value halved
    let mut side = 0;
    for _ in 0..100 {
        let c = if g_lo.is_finite() && g_hi.is_finite() {
            (lo * g_hi - hi * g_lo) / (g_hi - g_lo)
        } else {
            0.5 * (lo + hi)
        };
        let gc = g(c);
        // the tails are integrals good to about 1e-12: no closer root is meaningful
        if gc.abs() <= 1e-13 || hi - lo <= 1e-12 * hi {
            return c;
        }
        if gc < 0.0 {
            (lo, g_lo) = (c, gc);
            if side == -1 {
                g_hi *= 0.5;
            }
            side = -1;
        } else {
            (hi, g_hi) = (c, gc);
            if side == 1 {
                g_lo *= 0.5;
            }
            side = 1;
        }
    }
    0.5 * (lo + hi)
}

/// Σ_j w_j · term(j) over a mixture whose weights are ln w_j = `ln_weight(j)`, unimodal in j
/// with its largest weight near `mode`: summed from the mode outward in both directions and
/// stopped where the weights fall below 1e-18 of the largest one (every term lies in [0, 1]),
/// so a noncentrality far beyond exp(-745) underflow at j = 0 is summed without loss.
fn mixture_sum(mode: f64, ln_weight: impl Fn(f64) -> f64, term: impl Fn(f64) -> f64) -> f64 {
    if mode.is_nan() || mode > MAX_POISSON_MEAN {
        return f64::NAN;
    }
    let j0 = mode.max(0.0).floor();
    let peak = ln_weight(j0);
    if peak.is_nan() {
        // no cutoff could ever be reached (e.g. a Poisson mean that underflowed to 0)
        return f64::NAN;
    }
    let cutoff = peak + (1e-18f64).ln();
    let mut sum = 0.0;
    let mut j = j0;
    loop {
        let lw = ln_weight(j);
        if lw < cutoff && j > j0 {
            break;
        }
        sum += lw.exp() * term(j);
        j += 1.0;
    }
    let mut j = j0 - 1.0;
    while j >= 0.0 {
        let lw = ln_weight(j);
        if lw < cutoff {
            break;
        }
        sum += lw.exp() * term(j);
        j -= 1.0;
    }
    sum
}

/// Largest Poisson mean (half the noncentrality; δ²/2 for the t) the noncentral
/// distribution functions sum: about 6000 terms. Beyond, they return NaN rather than spend
/// seconds per value (a t statistic beyond about 447, a chi-square beyond about 2·10⁵).
pub const MAX_POISSON_MEAN: f64 = 1e5;

/// ln of the Poisson probability of j with mean `m` (m > 0).
fn ln_poisson(j: f64, m: f64) -> f64 {
    j * m.ln() - m - ln_gamma(j + 1.0)
}

/// Noncentral chi-square distribution function P(X <= x) with `df` degrees of freedom and
/// noncentrality `ncp` (R's `pchisq(x, df, ncp)`): the Poisson(ncp/2) mixture of central
/// chi-square distributions with df + 2j degrees of freedom. Absolute accuracy about 1e-15;
/// meant for confidence intervals, not for far tails; NaN when ncp/2 exceeds
/// [`MAX_POISSON_MEAN`].
pub fn nchi2_cdf(x: f64, df: f64, ncp: f64) -> f64 {
    if x.is_nan() || df.is_nan() || ncp.is_nan() || df <= 0.0 || ncp < 0.0 {
        return f64::NAN;
    }
    // a noncentrality whose half underflows is the central distribution to 1e-300
    if 0.5 * ncp == 0.0 {
        return chi2_cdf(x, df);
    }
    if x <= 0.0 {
        return 0.0;
    }
    if x.is_infinite() {
        return 1.0;
    }
    let m = 0.5 * ncp;
    let p = mixture_sum(
        m,
        |j| ln_poisson(j, m),
        |j| gamma_pq(0.5 * df + j, 0.5 * x).0,
    );
    if p.is_nan() {
        p
    } else {
        p.min(1.0)
    }
}

/// Noncentral F distribution function P(F <= f) with (`df1`, `df2`) degrees of freedom and
/// noncentrality `ncp` (R's `pf(f, df1, df2, ncp)`): the Poisson(ncp/2) mixture of
/// incomplete beta functions I_y(df1/2 + j, df2/2), y = df1 f / (df1 f + df2). Absolute
/// accuracy about 1e-15; meant for confidence intervals, not for far tails; NaN when ncp/2
/// exceeds [`MAX_POISSON_MEAN`].
pub fn nf_cdf(f: f64, df1: f64, df2: f64, ncp: f64) -> f64 {
    if f.is_nan() || ncp.is_nan() || ncp < 0.0 || !(df1 > 0.0 && df2 > 0.0) {
        return f64::NAN;
    }
    if 0.5 * ncp == 0.0 {
        return f_cdf(f, df1, df2);
    }
    if f <= 0.0 {
        return 0.0;
    }
    if f.is_infinite() {
        return 1.0;
    }
    let num = df1 * f;
    let (y, z) = (num / (num + df2), df2 / (num + df2));
    let m = 0.5 * ncp;
    let p = mixture_sum(
        m,
        |j| ln_poisson(j, m),
        |j| beta_inc(0.5 * df1 + j, 0.5 * df2, y, z).0,
    );
    if p.is_nan() {
        p
    } else {
        p.min(1.0)
    }
}

/// Noncentral t distribution function P(T <= t) with `df` degrees of freedom and
/// noncentrality `ncp` (R's `pt(t, df, ncp)`), by the series of Lenth (AS 243): for t >= 0,
/// Φ(−δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)], x = t²/(t² + ν), with
/// p_j = e^{−δ²/2} (δ²/2)^j / j! and q_j = δ e^{−δ²/2} (δ²/2)^j / (√2 Γ(j + 3/2)); for t < 0,
/// 1 − P(T <= −t) with −δ. Each sum runs outward from its largest weight. Absolute accuracy
/// about 1e-15; meant for confidence intervals, not for far tails; NaN when δ²/2 exceeds
/// [`MAX_POISSON_MEAN`].
pub fn nt_cdf(t: f64, df: f64, ncp: f64) -> f64 {
    if t.is_nan() || df.is_nan() || ncp.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    // δ²/2 underflowing to 0 (|δ| below about 1e-154) is the central t to 1e-300; the
    // series would have a Poisson mean of 0, whose weights are not defined by their logs
    if 0.5 * ncp * ncp == 0.0 {
        return t_cdf(t, df);
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    if t < 0.0 {
        return 1.0 - nt_cdf_nonneg(-t, df, -ncp);
    }
    nt_cdf_nonneg(t, df, ncp)
}

fn nt_cdf_nonneg(t: f64, df: f64, delta: f64) -> f64 {
    let base = normal_cdf(-delta);
    if t == 0.0 {
        return base;
    }
    let t2 = t * t;
    let (x, y) = (t2 / (t2 + df), df / (t2 + df));
    let m = 0.5 * delta * delta;
    let p = mixture_sum(
        m,
        |j| ln_poisson(j, m),
        |j| beta_inc(j + 0.5, 0.5 * df, x, y).0,
    );
    // q_j = sign(δ) exp(ln|δ| − m + j ln m − ln √2 − ln Γ(j + 3/2))
    let ln_d = delta.abs().ln();
    let q = mixture_sum(
        (m - 0.5).max(0.0),
        |j| ln_d - m + j * m.ln() - 0.5 * std::f64::consts::LN_2 - ln_gamma(j + 1.5),
        |j| beta_inc(j + 1.0, 0.5 * df, x, y).0,
    );
    let cdf = base + 0.5 * (p + delta.signum() * q);
    if cdf.is_nan() {
        cdf
    } else {
        cdf.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With two means the studentized range is |t|·√2: an identity the integrals must meet.
    #[test]
    fn studentized_range_of_two_means_is_a_t() {
        for df in [1.0, 3.0, 12.0, 250.0, 1e5] {
            for q in [0.3, 2.0, 5.0, 12.0] {
                let want = 2.0 * t_sf(q / std::f64::consts::SQRT_2, df);
                let got = tukey_sf(q, 2.0, df);
                assert!(
                    (got - want).abs() <= 1e-10 * want,
                    "df {df} q {q}: {got:e} vs {want:e}"
                );
                let lower = tukey_cdf(q, 2.0, df);
                assert!((lower - (1.0 - want)).abs() <= 1e-10, "cdf df {df} q {q}");
            }
        }
        let want = 2.0 * normal_sf(4.0 / std::f64::consts::SQRT_2);
        let got = tukey_sf(4.0, 2.0, f64::INFINITY);
        assert!((got - want).abs() <= 1e-12 * want, "{got} {want}");
        let q = tukey_quantile(0.95, 2.0, 10.0);
        let want = std::f64::consts::SQRT_2 * t_quantile(0.975, 10.0);
        assert!((q - want).abs() <= 1e-10 * want, "{q} {want}");
    }
}
