//! Globally adaptive Gauss–Kronrod quadrature (the 7/15-point pair of QUADPACK's QAG), for
//! the integrals of the studentized range distribution: no crate of the workspace integrates,
//! and these integrands are smooth, so one well-tested rule is enough.

/// Nodes of the 15-point Kronrod rule on [-1, 1] (the positive half, 0 last).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
/// Weights of the 15-point Kronrod rule.
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
/// Weights of the embedded 7-point Gauss rule (at XGK[1], XGK[3], XGK[5], XGK[7]).
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// (Kronrod estimate, error estimate) of the integral of `f` over [a, b]. The error is
/// QUADPACK's: |Kronrod - Gauss| scaled by (200 |K - G| / resasc)^1.5 against the integral
/// of |f - mean| (resasc), never below 50 ulps of the integral of |f|. The plain |K - G|
/// measures the 7-point rule's error and would split smooth integrands far more than the
/// 15-point estimate needs.
fn gk15(f: &mut impl FnMut(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut k = WGK[7] * fc;
    let mut g = WG[3] * fc;
    let mut abs = WGK[7] * fc.abs();
    let mut values = [(0.0f64, 0.0f64); 7];
    for i in 0..7 {
        let dx = h * XGK[i];
        let (f1, f2) = (f(c - dx), f(c + dx));
        values[i] = (f1, f2);
        let s = f1 + f2;
        k += WGK[i] * s;
        abs += WGK[i] * (f1.abs() + f2.abs());
        if i % 2 == 1 {
            g += WG[i / 2] * s;
        }
    }
    let mean = 0.5 * k;
    let mut asc = WGK[7] * (fc - mean).abs();
    for i in 0..7 {
        asc += WGK[i] * ((values[i].0 - mean).abs() + (values[i].1 - mean).abs());
    }
    let (result, abs, asc) = (k * h, abs * h.abs(), asc * h.abs());
    let mut err = ((k - g) * h).abs();
    if asc != 0.0 && err != 0.0 {
        err = asc * (200.0 * err / asc).powf(1.5).min(1.0);
    }
    if abs > f64::MIN_POSITIVE / (50.0 * f64::EPSILON) {
        err = err.max(50.0 * f64::EPSILON * abs);
    }
    (result, err)
}

/// Most subintervals of one integral before it returns its best estimate.
const MAX_INTERVALS: usize = 400;

/// The integral of `f` over the intervals between consecutive `breaks` (increasing), split
/// where the error estimate is largest until the summed estimate is below
/// max(`abs_tol`, `rel_tol` · |integral|).
pub(crate) fn integrate(
    mut f: impl FnMut(f64) -> f64,
    breaks: &[f64],
    rel_tol: f64,
    abs_tol: f64,
) -> f64 {
    let mut parts: Vec<(f64, f64, f64, f64)> = breaks
        .windows(2)
        .filter(|w| w[1] > w[0])
        .map(|w| {
            let (v, e) = gk15(&mut f, w[0], w[1]);
            (w[0], w[1], v, e)
        })
        .collect();
    loop {
        let total: f64 = parts.iter().map(|p| p.2).sum();
        let error: f64 = parts.iter().map(|p| p.3).sum();
        if error <= abs_tol.max(rel_tol * total.abs()) || parts.len() >= MAX_INTERVALS {
            return total;
        }
        let worst = parts
            .iter()
            .enumerate()
            .max_by(|x, y| x.1 .3.total_cmp(&y.1 .3))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let (a, b, _, _) = parts[worst];
        let m = 0.5 * (a + b);
        if !(m > a && m < b) {
            return total; // cannot split further in double precision
        }
        let (v1, e1) = gk15(&mut f, a, m);
        let (v2, e2) = gk15(&mut f, m, b);
        parts[worst] = (a, m, v1, e1);
        parts.push((m, b, v2, e2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_known_functions() {
        let v = integrate(|x| x.exp(), &[0.0, 1.0], 1e-14, 0.0);
        assert!((v - (1f64.exp() - 1.0)).abs() < 1e-14, "{v}");
        let v = integrate(|x| (-x * x).exp(), &[-30.0, 0.0, 30.0], 1e-14, 0.0);
        assert!((v / std::f64::consts::PI.sqrt() - 1.0).abs() < 1e-13, "{v}");
        let v = integrate(|x| 1.0 / (1.0 + x * x), &[0.0, 1.0], 1e-14, 0.0);
        assert!((v / std::f64::consts::FRAC_PI_4 - 1.0).abs() < 1e-14, "{v}");
    }
}
