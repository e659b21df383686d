//! Special functions (log-gamma, Stirling error, binomial deviance, regularized
//! incomplete gamma and beta) written for relative accuracy in the tails at large
//! parameters, where the textbook `exp(a ln x - lgamma(..))` forms lose digits.
//!
//! The densities that prefix the series and continued fractions use Loader's
//! saddle-point form (`stirlerr` and `bd0`), which never subtracts two large
//! log-gamma values.

use std::f64::consts::PI;

/// ln(sqrt(2 pi)).
pub(crate) const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;
const EPS: f64 = 1e-16;
const TINY: f64 = 1e-300;

/// Stirling series tail for x >= 15: ln Γ(x+1) - ((x+0.5) ln x - x + ln sqrt(2π)).
fn stirlerr_series(x: f64) -> f64 {
    // Coefficients B_{2k} / (2k (2k-1)).
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    const S5: f64 = 691.0 / 360_360.0;
    let xx = x * x;
    (S0 - (S1 - (S2 - (S3 - (S4 - S5 / xx) / xx) / xx) / xx) / xx) / x
}

/// ln Γ(x) for x > 0, absolute error a few ulps of the result's magnitude.
pub fn ln_gamma(x: f64) -> f64 {
    if x >= 15.0 {
        (x - 0.5) * x.ln() - x + LN_SQRT_2PI + stirlerr_series(x)
    } else {
        // Shift upward: Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)).
        let mut y = x;
        let mut prod = 1.0;
        while y < 15.0 {
            prod *= y;
            y += 1.0;
        }
        ln_gamma(y) - prod.ln()
    }
}

/// Stirling error: ln Γ(x+1) - ((x+0.5) ln x - x + ln sqrt(2π)), for x > 0.
pub fn stirlerr(x: f64) -> f64 {
    if x >= 15.0 {
        stirlerr_series(x)
    } else {
        ln_gamma(x + 1.0) - (x + 0.5) * x.ln() + x - LN_SQRT_2PI
    }
}

/// Binomial deviance x ln(x/m) + m - x, accurate when x is close to m.
pub fn bd0(x: f64, m: f64) -> f64 {
    if x == 0.0 {
        return m;
    }
    if (x - m).abs() < 0.1 * (x + m) {
        let v = (x - m) / (x + m);
        let mut s = (x - m) * v;
        let mut ej = 2.0 * x * v;
        let v2 = v * v;
        let mut j = 1.0;
        loop {
            ej *= v2;
            let s1 = s + ej / (2.0 * j + 1.0);
            if s1 == s {
                return s1;
            }
            s = s1;
            j += 1.0;
        }
    }
    x * (x / m).ln() + m - x
}

/// x^a e^{-x} / Γ(a+1), the Poisson-type density that prefixes the incomplete gamma.
pub(crate) fn dpois_raw(a: f64, x: f64) -> f64 {
    if x == 0.0 {
        return if a == 0.0 { 1.0 } else { 0.0 };
    }
    (-stirlerr(a) - bd0(a, x)).exp() / (2.0 * PI * a).sqrt()
}

/// Regularized incomplete gamma: returns (P(a, x), Q(a, x)) with each accurate
/// relative to itself. `scale` multiplies the prefactor x^a e^{-x}/Γ(a+1); callers
/// pass it to correct for rounding in x (see [`crate::dist::normal_cdf`]).
pub(crate) fn gamma_pq_with(a: f64, x: f64, prefactor: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x < a + 1.0 {
        // Series for P.
        let mut ap = a;
        let mut del = 1.0;
        let mut sum = 1.0;
        let mut comp = 0.0;
        for _ in 0..10_000_000 {
            ap += 1.0;
            del *= x / ap;
            // Kahan summation: many terms when a is large.
            let yv = del - comp;
            let t = sum + yv;
            comp = (t - sum) - yv;
            sum = t;
            if del < sum * EPS * 0.5 {
                break;
            }
        }
        let p = (prefactor * sum).min(1.0);
        (p, 1.0 - p)
    } else {
        // Continued fraction for Q (modified Lentz).
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        let mut i = 1.0;
        loop {
            let an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < EPS || i > 1e7 {
                break;
            }
            i += 1.0;
        }
        // x^a e^-x / Γ(a) = a * prefactor.
        let q = (a * prefactor * h).min(1.0);
        (1.0 - q, q)
    }
}

/// Regularized incomplete gamma functions (P(a, x), Q(a, x)).
pub fn gamma_pq(a: f64, x: f64) -> (f64, f64) {
    gamma_pq_with(a, x, dpois_raw(a, x))
}

/// x^a y^b / (a B(a, b)) with y = 1 - x given separately, via Loader's binomial form.
fn beta_prefactor(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x == 0.0 || y == 0.0 {
        return 0.0;
    }
    let n = a + b;
    let lc = stirlerr(n) - stirlerr(a) - stirlerr(b) - bd0(a, n * x) - bd0(b, n * y);
    let dbinom = lc.exp() * (n / (2.0 * PI * a * b)).sqrt();
    dbinom * b / n
}

/// The continued fraction of I_x(a, b), contracted to its even part and written
/// in terms of lambda = a - (a + b) x = (a + b) y - b (DiDonato & Morris, TOMS 708).
/// Returns S with I_x(a, b) = x^a y^b / B(a, b) * S.
///
/// The textbook form starts from 1 - (a + b) x / (a + 1), which cancels to
/// about lambda / a when x is near its mean a / (a + b): with a = 5e6 the rounding
/// of x alone then costs 1e-10. Here lambda comes from whichever of x and y is
/// small (and so exact to a few ulps), and every later partial denominator is a
/// sum of positive terms.
fn beta_cf(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    let lambda_plus_1 = lambda + 1.0;
    let b_over_a = b / a;
    let one_plus_inv_a = 1.0 + 1.0 / a;
    let y_plus_1 = y + 1.0;
    // Convergents A_n / B_n, kept scaled so that B_n = 1.
    let (mut a_prev, mut b_prev) = (0.0, 1.0);
    let (mut a_cur, mut b_cur) = (1.0, lambda_plus_1 / one_plus_inv_a);
    let mut ratio = a_cur / b_cur;
    // (a + n - 1) / a and a + 2n - 1 for the n of the step.
    let mut growth = 1.0;
    let mut denom = a + 1.0;
    let mut n = 0.0;
    while n < 100_000.0 {
        n += 1.0;
        let n_over_a = n / a;
        let w = n * (b - n) * x;
        let e = a / denom;
        let alpha = growth * (growth + b_over_a) * e * e * (w * x);
        let e = (1.0 + n_over_a) / (one_plus_inv_a + 2.0 * n_over_a);
        let beta = n + w / denom + e * (lambda_plus_1 + n * y_plus_1);
        growth = 1.0 + n_over_a;
        denom += 2.0;
        let a_next = alpha * a_prev + beta * a_cur;
        let b_next = alpha * b_prev + beta * b_cur;
        let previous = ratio;
        ratio = a_next / b_next;
        if (ratio - previous).abs() <= 0.5 * f64::EPSILON * ratio {
            break;
        }
        a_prev = a_cur / b_next;
        b_prev = b_cur / b_next;
        a_cur = ratio;
        b_cur = 1.0;
    }
    ratio
}

/// Regularized incomplete beta: returns (I_x(a, b), 1 - I_x(a, b)), each accurate
/// relative to itself. `y` must equal `1 - x`; the smaller of the two must be
/// computed by the caller without cancellation (the larger may carry rounding).
pub fn beta_inc(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    // lambda = a - (a + b) x, from the accurate one of x and y.
    let lambda = if x <= y {
        a - (a + b) * x
    } else {
        (a + b) * y - b
    };
    if lambda >= 0.0 {
        let lower = (a * beta_prefactor(a, b, x, y) * beta_cf(a, b, x, y, lambda)).min(1.0);
        (lower, 1.0 - lower)
    } else {
        let upper = (b * beta_prefactor(b, a, y, x) * beta_cf(b, a, y, x, -lambda)).min(1.0);
        (1.0 - upper, upper)
    }
}
