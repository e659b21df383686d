//! Bracketed root finding (Brent's method: inverse quadratic interpolation and secant steps,
//! safeguarded by bisection), for inverting distribution functions in a parameter.

/// A root of `f` in [a, b], where f(a) and f(b) have opposite signs (or one is 0), to
/// within a few ulps of the root (or 1e-300 absolute near 0). `None` when the ends do not
/// bracket a root or a value is NaN.
pub(crate) fn brent(f: impl Fn(f64) -> f64, a: f64, b: f64) -> Option<f64> {
    let (mut a, mut b) = (a, b);
    let (mut fa, mut fb) = (f(a), f(b));
    if fa.is_nan() || fb.is_nan() {
        return None;
    }
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    if fa.signum() == fb.signum() {
        return None;
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..500 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 1e-300;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * m * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
        if fb.is_nan() {
            return None;
        }
    }
    Some(b)
}

/// A root of the decreasing function `f` (f(x) > 0 left of the root), searched from `start`
/// by steps that double until the sign changes, then by [`brent`]. `lower` is the smallest
/// admissible x (f there must be checked by the caller when it matters). `None` as soon as
/// f is NaN.
pub(crate) fn decreasing_root(f: impl Fn(f64) -> f64, start: f64, lower: f64) -> Option<f64> {
    let f0 = f(start);
    if f0.is_nan() {
        return None;
    }
    if f0 == 0.0 {
        return Some(start);
    }
    let mut step = 1.0f64.max(0.1 * start.abs());
    let (mut a, mut b) = (start, start);
    for _ in 0..2000 {
        if f0 > 0.0 {
            a = b;
            b += step;
            let fb = f(b);
            if fb.is_nan() {
                return None;
            }
            if fb <= 0.0 {
                return brent(&f, a, b);
            }
        } else {
            b = a;
            a = (a - step).max(lower);
            let fa = f(a);
            if fa.is_nan() {
                return None;
            }
            if fa >= 0.0 {
                return brent(&f, a, b);
            }
            if a <= lower {
                return None;
            }
        }
        step *= 2.0;
        if !step.is_finite() {
            return None;
        }
    }
    None
}
