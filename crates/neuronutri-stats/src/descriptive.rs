//! Descriptive statistics (mean, SD, median, R type-7 quantiles) with missing
//! values (NaN) dropped and the number of values used reported.

use crate::error::{Result, StatsError};
use serde::Serialize;

/// Values of `x` that are not NaN.
pub(crate) fn finite_values(x: &[f64]) -> Vec<f64> {
    x.iter().copied().filter(|v| !v.is_nan()).collect()
}

/// An exact power-of-two rescaling that brings the largest magnitude of a sample near 1
/// when it lies outside 2^-400..2^400, so that sums of squares neither overflow (values
/// near 1e308) nor underflow (values near 5e-324). Inside that range it is the identity,
/// so ordinary data give bit-for-bit the numbers they gave before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scale {
    /// The sample is multiplied by 2^-k.
    pub k: i32,
}

impl Scale {
    /// The identity.
    pub const ONE: Scale = Scale { k: 0 };

    /// The scale of the values of `x` (NaN and infinities ignored).
    pub fn of(x: impl IntoIterator<Item = f64>) -> Self {
        let m = x
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(0.0f64, |m, v| m.max(v.abs()));
        if m == 0.0 || (2f64.powi(-400)..2f64.powi(400)).contains(&m) {
            return Self::ONE;
        }
        Self {
            k: m.log2().floor() as i32 + 1,
        }
    }

    /// `v` times 2^-k.
    pub fn down(self, v: f64) -> f64 {
        times_pow2(v, -self.k)
    }

    /// `v` times 2^k (may overflow to infinity, which callers check).
    pub fn up(self, v: f64) -> f64 {
        times_pow2(v, self.k)
    }

    /// The sample times 2^-k (a copy only when k ≠ 0).
    pub fn apply<'a>(self, x: &'a [f64]) -> std::borrow::Cow<'a, [f64]> {
        if self.k == 0 {
            std::borrow::Cow::Borrowed(x)
        } else {
            std::borrow::Cow::Owned(x.iter().map(|&v| self.down(v)).collect())
        }
    }
}

/// `v` times 2^k, in steps whose factors are representable.
fn times_pow2(mut v: f64, mut k: i32) -> f64 {
    while k > 1000 {
        v *= 2f64.powi(1000);
        k -= 1000;
    }
    while k < -1000 {
        v *= 2f64.powi(-1000);
        k += 1000;
    }
    v * 2f64.powi(k)
}

/// Mean of values already free of NaN, with a second-pass correction, computed on the
/// rescaled sample so that the sum cannot overflow.
pub(crate) fn mean_clean(x: &[f64]) -> f64 {
    let s = Scale::of(x.iter().copied());
    let x = s.apply(x);
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let corr = x.iter().map(|v| v - m).sum::<f64>() / n;
    s.up(m + corr)
}

/// Sample variance (denominator n - 1) of NaN-free values, given their mean. The caller
/// rescales values near the ends of the floating-point range (see [`Scale`]); a constant
/// sample gives exactly 0.
pub(crate) fn var_clean(x: &[f64], mean: f64) -> f64 {
    if x.iter().all(|&v| v == x[0]) {
        return 0.0;
    }
    let n = x.len() as f64;
    let (ss, s) = x.iter().fold((0.0, 0.0), |(ss, s), v| {
        let d = v - mean;
        (ss + d * d, s + d)
    });
    ((ss - s * s / n) / (n - 1.0)).max(0.0)
}

/// Sample standard deviation of NaN-free values, computed on the rescaled sample (may be
/// infinite only when it truly exceeds the double range; callers check).
pub(crate) fn sd_clean(x: &[f64]) -> f64 {
    let s = Scale::of(x.iter().copied());
    let x = s.apply(x);
    let m = mean_clean(&x);
    s.up(var_clean(&x, m).sqrt())
}

fn need(what: &'static str, needed: usize, got: usize) -> Result<()> {
    if got < needed {
        Err(StatsError::TooFewValues { what, needed, got })
    } else {
        Ok(())
    }
}

/// Arithmetic mean, ignoring NaN.
pub fn mean(x: &[f64]) -> Result<f64> {
    crate::error::reject_infinite("mean", x)?;
    let v = finite_values(x);
    need("mean", 1, v.len())?;
    Ok(mean_clean(&v))
}

/// Sample standard deviation (denominator n - 1), ignoring NaN.
pub fn sd(x: &[f64]) -> Result<f64> {
    crate::error::reject_infinite("standard deviation", x)?;
    let v = finite_values(x);
    need("standard deviation", 2, v.len())?;
    let sd = sd_clean(&v);
    crate::error::ensure_finite("standard deviation", &[("the standard deviation", sd)])?;
    Ok(sd)
}

/// Quantile of sorted NaN-free values by R's default (type 7) definition.
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let frac = h - lo as f64;
    let gap = sorted[hi] - sorted[lo];
    if frac == 0.0 {
        sorted[lo]
    } else if gap.is_finite() {
        sorted[lo] + frac * gap
    } else {
        // the two values are more than 1.8e308 apart: interpolate without the difference
        sorted[lo] * (1.0 - frac) + sorted[hi] * frac
    }
}

fn sorted_values(x: &[f64]) -> Vec<f64> {
    let mut v = finite_values(x);
    sort_total(&mut v);
    v
}

/// Inputs from this size are sorted by the radix sort of [`sort_total`].
const RADIX_MIN: usize = 1 << 14;
/// Inputs from this size have their buckets sorted on two threads.
const PARALLEL_MIN: usize = 1 << 18;
/// Bits of the radix pass of [`sort_total`] (2048 buckets: the counts stay in cache).
const RADIX_BITS: u32 = 11;

/// Order-preserving unsigned key of a float in the order of `f64::total_cmp`.
fn total_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// The float of a [`total_key`].
fn from_total_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Sorts NaN-free values ascending in the order of `f64::total_cmp` (so -0.0 before 0.0).
/// Small inputs are sorted by comparison. Large ones by their order-preserving bit patterns:
/// one counting pass distributes them by the highest 11 bits in which they differ into
/// buckets that hold consecutive ranges of values, and each bucket (small enough to sort in
/// cache for any spread-out data) is then sorted by comparison, the buckets split between
/// two threads for large inputs. The result is the same sequence of values either way: the
/// order is total.
pub(crate) fn sort_total(v: &mut [f64]) {
    let n = v.len();
    if n < RADIX_MIN {
        v.sort_unstable_by(f64::total_cmp);
        return;
    }
    // the keys are computed where they are needed, not kept: one buffer of n fewer
    let keys = || v.iter().map(|&x| total_key(x));
    let (or, and) = keys().fold((0u64, u64::MAX), |(or, and), k| (or | k, and & k));
    let varying = or ^ and;
    if varying == 0 {
        return; // all the same value
    }
    let span = u64::BITS - varying.leading_zeros();
    let shift = span.saturating_sub(RADIX_BITS);
    let mask = (1u64 << (span - shift)) - 1;
    let digit = |k: u64| ((k >> shift) & mask) as usize;
    let mut starts = vec![0usize; 1 << (span - shift)];
    for k in keys() {
        starts[digit(k)] += 1;
    }
    let mut sum = 0;
    for c in starts.iter_mut() {
        (*c, sum) = (sum, sum + *c);
    }
    let bounds: Vec<usize> = starts.iter().copied().chain([n]).collect();
    let mut sorted = vec![0u64; n];
    for k in keys() {
        let d = digit(k);
        sorted[starts[d]] = k;
        starts[d] += 1;
    }
    let sort_buckets = |part: &mut [u64], offset: usize, bounds: &[usize]| {
        for pair in bounds.windows(2) {
            let (from, to) = (pair[0] - offset, pair[1] - offset);
            if to - from > 1 {
                part[from..to].sort_unstable();
            }
        }
    };
    if n >= PARALLEL_MIN {
        // the bucket boundary nearest the middle
        let at = bounds.partition_point(|&b| b < n / 2).min(bounds.len() - 1);
        let split = bounds[at];
        let (left, right) = sorted.split_at_mut(split);
        std::thread::scope(|scope| {
            scope.spawn(|| sort_buckets(left, 0, &bounds[..=at]));
            sort_buckets(right, split, &bounds[at..]);
        });
    } else {
        sort_buckets(&mut sorted, 0, &bounds);
    }
    for (x, &k) in v.iter_mut().zip(&sorted) {
        *x = from_total_key(k);
    }
}

/// Quantiles at the probabilities `ps` (R type 7), ignoring NaN: one sort for them all.
pub fn quantiles(x: &[f64], ps: &[f64]) -> Result<Vec<f64>> {
    if let Some(&p) = ps.iter().find(|p| !(0.0..=1.0).contains(*p)) {
        return Err(crate::error::invalid("quantile probability", p));
    }
    crate::error::reject_infinite("quantile", x)?;
    let v = sorted_values(x);
    need("quantile", 1, v.len())?;
    Ok(ps.iter().map(|&p| quantile_sorted(&v, p)).collect())
}

/// Quantile at probability `p` (R type 7, NumPy's default `linear`), ignoring NaN.
pub fn quantile(x: &[f64], p: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(crate::error::invalid("quantile probability", p));
    }
    crate::error::reject_infinite("quantile", x)?;
    let v = sorted_values(x);
    need("quantile", 1, v.len())?;
    Ok(quantile_sorted(&v, p))
}

/// Median, ignoring NaN.
pub fn median(x: &[f64]) -> Result<f64> {
    quantile(x, 0.5)
}

/// Summary of one variable: n, mean ± SD, median [Q1, Q3], range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Descriptives {
    /// Number of non-missing values used.
    pub n: usize,
    /// Number of missing (NaN) values dropped.
    pub n_missing: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n - 1); `None` when n < 2.
    pub sd: Option<f64>,
    /// Median.
    pub median: f64,
    /// First quartile (R type 7).
    pub q1: f64,
    /// Third quartile (R type 7).
    pub q3: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

/// `mean_clean` and `sd_clean` (when there are two values) of sorted finite values, with the
/// same bits and fewer passes: the largest magnitude, which decides the rescaling, is at an
/// end, and without a rescaling the SD's mean is the mean.
fn mean_sd_sorted(v: &[f64]) -> (f64, Option<f64>) {
    let (first, last) = (v[0], v[v.len() - 1]);
    let s = Scale::of([first, last]);
    if s != Scale::ONE {
        return (mean_clean(v), (v.len() >= 2).then(|| sd_clean(v)));
    }
    let n = v.len() as f64;
    let m0 = v.iter().sum::<f64>() / n;
    let corr = v.iter().map(|x| x - m0).sum::<f64>() / n;
    let m = m0 + corr;
    // (`var_clean`'s test of a constant sample: sorted, it is constant when its ends are equal)
    let sd = (v.len() >= 2).then(|| {
        if first == last {
            0.0
        } else {
            var_clean(v, m).sqrt()
        }
    });
    (m, sd)
}

/// Computes [`Descriptives`] for `x`, ignoring NaN.
pub fn describe(x: &[f64]) -> Result<Descriptives> {
    describe_sorted(x).map(|(d, _)| d)
}

/// [`describe`], also handing back the values it sorted: those of `x` that are not NaN,
/// ascending (in the order of `f64::total_cmp`), for the quantiles, ranks or box of the
/// same sample without sorting it again.
pub fn describe_sorted(x: &[f64]) -> Result<(Descriptives, Vec<f64>)> {
    let v = sorted_values(x);
    // sorted, an infinite value is at an end; the message names it as the unsorted scan does
    if v.first().is_some_and(|v| v.is_infinite()) || v.last().is_some_and(|v| v.is_infinite()) {
        crate::error::reject_infinite("descriptives", x)?;
    }
    need("descriptives", 1, v.len())?;
    let (m, sd) = mean_sd_sorted(&v);
    crate::error::ensure_finite(
        "descriptives",
        &[
            ("the mean", m),
            ("the standard deviation", sd.unwrap_or(0.0)),
        ],
    )?;
    let d = Descriptives {
        n: v.len(),
        n_missing: x.len() - v.len(),
        mean: m,
        sd,
        median: quantile_sorted(&v, 0.5),
        q1: quantile_sorted(&v, 0.25),
        q3: quantile_sorted(&v, 0.75),
        min: v[0],
        max: v[v.len() - 1],
    };
    Ok((d, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass-fewer mean and SD of sorted values are the bits of `mean_clean` and
    /// `sd_clean`: ordinary, rescaled (near the ends of the range), constant and tiny samples.
    #[test]
    fn mean_and_sd_of_sorted_values_keep_their_bits() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut samples: Vec<Vec<f64>> = vec![vec![3.5], vec![2.0, 2.0, 2.0], vec![-0.0, 0.0]];
        for (n, scale) in [
            (2, 1.0),
            (17, 1e-3),
            (1000, 250.0),
            (50_000, 1e300),
            (999, 1e-310),
        ] {
            samples.push((0..n).map(|_| (next() - 0.3) * scale).collect());
        }
        samples.push((0..5000).map(|i| ((i % 7) as f64).round() + 0.1).collect());
        for mut v in samples {
            v.sort_unstable_by(f64::total_cmp);
            let (m, sd) = mean_sd_sorted(&v);
            assert_eq!(m.to_bits(), mean_clean(&v).to_bits(), "n = {}", v.len());
            let want = (v.len() >= 2).then(|| sd_clean(&v).to_bits());
            assert_eq!(sd.map(f64::to_bits), want, "n = {}", v.len());
        }
    }

    #[test]
    fn radix_sort_gives_the_comparison_order() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let special = [0.0, -0.0, 5e-324, -5e-324, f64::MAX, f64::MIN, 1.0, -1.0];
        for n in [RADIX_MIN - 1, RADIX_MIN, 100_000, PARALLEL_MIN + 7] {
            let v: Vec<f64> = (0..n)
                .map(|i| match i % 7 {
                    0 => special[(next() % 8) as usize],
                    1 => (next() % 1000) as f64 / 10.0,
                    _ => f64::from_bits(next() >> 2) * if next() % 2 == 0 { 1.0 } else { -1.0 },
                })
                .collect();
            let mut radix = v.clone();
            sort_total(&mut radix);
            let mut compared = v;
            compared.sort_unstable_by(f64::total_cmp);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&radix), bits(&compared), "n = {n}");
        }
        // a constant input takes no pass
        let mut v = vec![2.5; RADIX_MIN];
        sort_total(&mut v);
        assert!(v.iter().all(|&x| x == 2.5));
        assert_eq!(
            quantiles(&[3.0, 1.0, f64::NAN, 2.0, 4.0], &[0.25, 0.5, 0.75]).unwrap(),
            [1.75, 2.5, 3.25]
        );
        assert!(quantiles(&[1.0], &[1.5]).is_err());
    }
}
