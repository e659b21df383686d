//! Shapiro–Wilk test of normality by Royston's algorithm AS R94 (1995), the
//! method of R's `shapiro.test`, for 3 ≤ n ≤ 5000.

use crate::descriptive::finite_values;
use crate::dist::{normal_quantile, normal_sf};
use crate::error::{Result, StatsError};
use serde::Serialize;

/// Result of [`shapiro_wilk`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapiroWilk {
    /// The W statistic.
    pub w: f64,
    /// p-value (small W means evidence against normality).
    pub p_value: f64,
    /// Non-missing values used.
    pub n: usize,
}

/// Royston's polynomial: cc[0] + cc[1] x + ... (evaluated as AS 181.2 does).
fn poly(cc: &[f64], x: f64) -> f64 {
    let nord = cc.len();
    let mut ret = cc[0];
    if nord > 1 {
        let mut p = x * cc[nord - 1];
        for j in (1..nord - 1).rev() {
            p = (p + cc[j]) * x;
        }
        ret += p;
    }
    ret
}

/// Shapiro–Wilk W and its p-value; NaN values are dropped.
pub fn shapiro_wilk(x: &[f64]) -> Result<ShapiroWilk> {
    crate::error::reject_infinite("the Shapiro-Wilk test", x)?;
    // the size is checked before any copy: a large sample is refused at once
    let n = x.iter().filter(|v| !v.is_nan()).count();
    if n < 3 {
        return Err(StatsError::TooFewValues {
            what: "Shapiro-Wilk test",
            needed: 3,
            got: n,
        });
    }
    if n > 5000 {
        return Err(StatsError::TooManyValues {
            what: "Shapiro-Wilk test",
            max: 5000,
            got: n,
        });
    }
    // W does not change when the sample is multiplied by a power of two
    let v = finite_values(x);
    let scale = crate::descriptive::Scale::of(v.iter().copied());
    let mut v = scale.apply(&v).into_owned();
    v.sort_unstable_by(f64::total_cmp);
    let range = v[n - 1] - v[0];
    if range.is_nan() || range <= 0.0 {
        return Err(StatsError::ZeroVariance {
            what: "sample".into(),
            value: scale.up(v[0]),
        });
    }
    let an = n as f64;
    let nn2 = n / 2;
    // Half of the coefficient vector, 1-based as in the paper.
    let mut a = vec![0.0; nn2 + 1];
    if n == 3 {
        a[1] = std::f64::consts::FRAC_1_SQRT_2;
    } else {
        const C1: [f64; 6] = [0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
        const C2: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
        let an25 = an + 0.25;
        let mut summ2 = 0.0;
        for (i, ai) in a.iter_mut().enumerate().skip(1) {
            *ai = normal_quantile((i as f64 - 0.375) / an25);
            summ2 += *ai * *ai;
        }
        summ2 *= 2.0;
        let ssumm2 = summ2.sqrt();
        let rsn = 1.0 / an.sqrt();
        let a1 = poly(&C1, rsn) - a[1] / ssumm2;
        let (i1, fac) = if n > 5 {
            let a2 = -a[2] / ssumm2 + poly(&C2, rsn);
            let fac = ((summ2 - 2.0 * a[1] * a[1] - 2.0 * a[2] * a[2])
                / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2))
                .sqrt();
            a[2] = a2;
            (3, fac)
        } else {
            (
                2,
                ((summ2 - 2.0 * a[1] * a[1]) / (1.0 - 2.0 * a1 * a1)).sqrt(),
            )
        };
        a[1] = a1;
        for ai in a.iter_mut().skip(i1) {
            *ai /= -fac;
        }
    }
    // Full coefficient of sorted position i (0-based).
    let coef = |i: usize| {
        let j = n - 1 - i;
        match i.cmp(&j) {
            std::cmp::Ordering::Less => -a[i + 1],
            std::cmp::Ordering::Greater => a[j + 1],
            std::cmp::Ordering::Equal => 0.0,
        }
    };
    let sa = (0..n).map(coef).sum::<f64>() / an;
    let sx = v.iter().map(|xi| xi / range).sum::<f64>() / an;
    let (mut ssa, mut ssx, mut sax) = (0.0, 0.0, 0.0);
    for (i, xi) in v.iter().enumerate() {
        let asa = coef(i) - sa;
        let xsx = xi / range - sx;
        ssa += asa * asa;
        ssx += xsx * xsx;
        sax += asa * xsx;
    }
    // 1 - W, computed to avoid rounding when W is near 1.
    let ssassx = (ssa * ssx).sqrt();
    let w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
    let w = 1.0 - w1;
    let p_value = if n == 3 {
        // 6/pi (asin(sqrt(W)) - asin(sqrt(3/4))), the exact null distribution.
        (6.0 / std::f64::consts::PI * (w.sqrt().asin() - std::f64::consts::FRAC_PI_3)).max(0.0)
    } else {
        let mut y = w1.ln();
        let xx = an.ln();
        let (m, s) = if n <= 11 {
            let gamma = poly(&[-2.273, 0.459], an);
            if y >= gamma {
                return Ok(ShapiroWilk {
                    w,
                    p_value: 1e-99,
                    n,
                });
            }
            y = -(gamma - y).ln();
            (
                poly(&[0.544, -0.39978, 0.025054, -6.714e-4], an),
                poly(&[1.3822, -0.77857, 0.062767, -0.0020322], an).exp(),
            )
        } else {
            (
                poly(&[-1.5861, -0.31082, -0.083751, 0.0038915], xx),
                poly(&[-0.4803, -0.082676, 0.0030302], xx).exp(),
            )
        };
        normal_sf((y - m) / s)
    };
    crate::error::ensure_finite("the Shapiro-Wilk test", &[("W", w), ("p", p_value)])?;
    Ok(ShapiroWilk { w, p_value, n })
}
