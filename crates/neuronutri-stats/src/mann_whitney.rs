//! Mann–Whitney U (Wilcoxon rank-sum) test with exact and asymptotic p-values,
//! the rank-biserial correlation and the Hodges–Lehmann shift estimate.
//!
//! Exact p-values without ties come from the generating function of U, built
//! one factor (1 - q^(n+i)) / (1 - q^i) at a time: O(min(n1,n2) · n1 · n2)
//! time, no enumeration. With ties, the exact conditional (permutation)
//! distribution of the sum of mid-ranks is built by the shift algorithm over
//! tie groups. The asymptotic p-value is the tie-corrected normal
//! approximation with an optional continuity correction, as R and SciPy do.

use crate::dist::{normal_cdf, normal_sf};
use crate::error::{invalid, Result, StatsError};
use crate::Alternative;
use serde::Serialize;

/// How the p-value of a rank test is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Exact when both samples have fewer than 50 values and there are no ties
    /// (R's `wilcox.test` rule), asymptotic otherwise.
    #[default]
    Auto,
    /// The exact (conditional, when tied) permutation distribution.
    Exact,
    /// The tie-corrected normal approximation.
    Asymptotic,
}

impl std::str::FromStr for Method {
    type Err = StatsError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "auto" => Ok(Self::Auto),
            "exact" => Ok(Self::Exact),
            "asymptotic" => Ok(Self::Asymptotic),
            other => Err(invalid("method", format!("`{other}`"))),
        }
    }
}

/// Options of [`mann_whitney`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitneyOptions {
    /// Alternative hypothesis, about the first sample relative to the second.
    pub alternative: Alternative,
    /// Exact, asymptotic, or R's automatic choice.
    pub method: Method,
    /// Continuity correction of the normal approximation (R and SciPy default: on).
    pub correct: bool,
    /// Confidence level of the Hodges–Lehmann interval.
    pub conf_level: f64,
}

impl Default for MannWhitneyOptions {
    fn default() -> Self {
        Self {
            alternative: Alternative::TwoSided,
            method: Method::Auto,
            correct: true,
            conf_level: 0.95,
        }
    }
}

/// Result of [`mann_whitney`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MannWhitney {
    /// U statistic of the first sample (R's W, SciPy's U1).
    pub u: f64,
    /// p-value under the chosen alternative.
    pub p_value: f64,
    /// `"exact"`, `"exact-conditional"` (exact with ties) or `"asymptotic"`.
    pub method: &'static str,
    /// Non-missing values in the first sample.
    pub n1: usize,
    /// Non-missing values in the second sample.
    pub n2: usize,
    /// Whether the pooled sample has ties.
    pub ties: bool,
    /// Rank-biserial correlation 2U/(n1 n2) - 1: positive when the first sample
    /// tends to be larger.
    pub rank_biserial: f64,
    /// Hodges–Lehmann estimate: the median of all differences x_i - y_j.
    /// Present only when computed (see [`mann_whitney`]).
    pub hodges_lehmann: Option<f64>,
    /// Confidence interval for the shift as R's `wilcox.test(conf.int = TRUE)` gives it: from
    /// the exact distribution's order statistics (exact method), or where the
    /// normal-approximation statistic of the shifted sample crosses the quantiles (R's
    /// uniroot stops within 1e-4 of that jump; here it is the pairwise difference itself).
    /// An unbounded end (one-sided) is JSON `"Infinity"`.
    #[serde(serialize_with = "crate::serialize_unbounded_pair")]
    pub hl_ci: Option<(f64, f64)>,
}

/// Pooled ranking of two sorted samples: (rank sum of x, Σ(t³ - t), ties?).
/// Exact: doubled rank sums are integers accumulated in u128.
fn rank_sum_sorted(x: &[f64], y: &[f64]) -> (f64, f64, bool) {
    let (mut i, mut j) = (0usize, 0usize);
    let mut twice_r1: u128 = 0;
    let mut tie: u128 = 0;
    let mut pos: u128 = 0;
    while i < x.len() || j < y.len() {
        let v = match (x.get(i), y.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => unreachable!(),
        };
        let i0 = i;
        while i < x.len() && x[i] == v {
            i += 1;
        }
        let j0 = j;
        while j < y.len() && y[j] == v {
            j += 1;
        }
        let c1 = (i - i0) as u128;
        let t = c1 + (j - j0) as u128;
        // Average rank of the group (1-based) is pos + (t + 1) / 2.
        twice_r1 += c1 * (2 * pos + t + 1);
        tie += t * t * t - t;
        pos += t;
    }
    (twice_r1 as f64 / 2.0, tie as f64, tie > 0)
}

fn sorted_clean(x: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    v.sort_unstable_by(f64::total_cmp);
    v
}

/// Mann–Whitney U test of `x` against `y`; NaN values are dropped.
///
/// The Hodges–Lehmann estimate is computed when n1 · n2 ≤ 10^8 (it needs every
/// pairwise difference in the worst case of the selection); use
/// [`hodges_lehmann`] directly for larger samples.
pub fn mann_whitney(x: &[f64], y: &[f64], opts: &MannWhitneyOptions) -> Result<MannWhitney> {
    crate::error::reject_infinite("first sample of the Mann-Whitney test", x)?;
    crate::error::reject_infinite("second sample of the Mann-Whitney test", y)?;
    let count = |v: &[f64]| v.iter().filter(|v| !v.is_nan()).count();
    if (count(x) as f64) * (count(y) as f64) > 1e8 && opts.method != Method::Exact {
        return mann_whitney_ranked(x, y, opts);
    }
    let xs = sorted_clean(x);
    let ys = sorted_clean(y);
    with_shift(&xs, &ys, opts)
}

/// [`mann_whitney`] of samples already sorted ascending and free of NaN and infinities, such
/// as [`crate::descriptive::describe_sorted`] hands them back, without sorting or ranking them
/// again: the same results (for large samples the rank sum and the tie term Σ(t³ - t) come
/// from one merge of the two samples, summed as the pooled ranking sums them), except that an
/// error may name another value than [`mann_whitney`]'s would.
pub fn mann_whitney_presorted(
    xs: &[f64],
    ys: &[f64],
    opts: &MannWhitneyOptions,
) -> Result<MannWhitney> {
    // sorted by `f64::total_cmp`, NaN and infinities can only sit at the ends
    for (what, v) in [
        (
            "value of the first sample (it must be sorted and finite)",
            xs,
        ),
        (
            "value of the second sample (it must be sorted and finite)",
            ys,
        ),
    ] {
        if let Some(bad) = [v.first(), v.last()]
            .into_iter()
            .flatten()
            .find(|v| !v.is_finite())
        {
            return Err(invalid(what, bad));
        }
        debug_assert!(v.windows(2).all(|w| w[0] <= w[1]), "{what}: not sorted");
    }
    if (xs.len() as f64) * (ys.len() as f64) > 1e8 && opts.method != Method::Exact {
        return mann_whitney_merged(xs, ys, opts);
    }
    with_shift(xs, ys, opts)
}

/// The large-sample path of [`mann_whitney_presorted`], the twin of [`mann_whitney_ranked`]:
/// the first sample's rank sum is exact either way (doubled ranks are integers below 2^53),
/// and Σ(t³ - t) is added up in double precision over the tie groups in ascending order of
/// value, as the pooled ranking does, so the two give the same bits.
fn mann_whitney_merged(xs: &[f64], ys: &[f64], opts: &MannWhitneyOptions) -> Result<MannWhitney> {
    let (n1, n2) = (xs.len(), ys.len());
    if n1 + n2 >= 1 << 32 {
        return Err(StatsError::TooManyValues {
            what: "Mann-Whitney test",
            max: (1 << 32) - 1,
            got: n1 + n2,
        });
    }
    let (mut i, mut j) = (0usize, 0usize);
    let mut twice_r1: u128 = 0;
    let mut tie = 0.0f64;
    let mut pos: u128 = 0;
    while i < n1 || j < n2 {
        let v = match (xs.get(i), ys.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => unreachable!(),
        };
        let i0 = i;
        while i < n1 && xs[i] == v {
            i += 1;
        }
        let j0 = j;
        while j < n2 && ys[j] == v {
            j += 1;
        }
        let c1 = (i - i0) as u128;
        let t = c1 + (j - j0) as u128;
        if t == (n1 + n2) as u128 {
            // every value is the same: no ranking to test
            return Err(StatsError::ZeroVariance {
                what: "pooled sample".into(),
                value: xs[0],
            });
        }
        twice_r1 += c1 * (2 * pos + t + 1);
        if t > 1 {
            let t = t as f64;
            tie += t * t * t - t;
        }
        pos += t;
    }
    let r1 = twice_r1 as f64 / 2.0;
    from_rank_sum(r1, tie, tie > 0.0, n1, n2, xs[0], opts, |_| {
        Err(StatsError::MethodUnavailable {
            method: "exact",
            reason: "the samples are too large".into(),
        })
    })
}

/// The test of two sorted NaN-free samples, with the Hodges–Lehmann shift and its interval
/// when n1 · n2 ≤ 10^8.
fn with_shift(xs: &[f64], ys: &[f64], opts: &MannWhitneyOptions) -> Result<MannWhitney> {
    let mut res = mann_whitney_sorted(xs, ys, opts)?;
    if (xs.len() as f64) * (ys.len() as f64) <= 1e8 {
        // differences of values near ±1e308 overflow: take them on the rescaled samples
        // (an exact power of two, so the order statistics are the same) and scale back
        let scale = crate::descriptive::Scale::of(xs.iter().chain(ys).copied());
        let (xs, ys) = (scale.apply(xs), scale.apply(ys));
        let hl = scale.up(hl_sorted(&xs, &ys));
        res.hodges_lehmann = Some(hl);
        let mut fields = vec![("the Hodges-Lehmann estimate", hl)];
        let interval = if res.method == "exact" {
            Some(exact_shift_ci(&xs, &ys, opts)?)
        } else {
            asymptotic_shift_ci(&xs, &ys, opts)
        };
        if let Some((lo, hi)) = interval {
            let (lo, hi) = (scale.up(lo), scale.up(hi));
            res.hl_ci = Some((lo, hi));
            if opts.alternative != Alternative::Less {
                fields.push(("the lower confidence limit of the shift", lo));
            }
            if opts.alternative != Alternative::Greater {
                fields.push(("the upper confidence limit of the shift", hi));
            }
        }
        crate::error::ensure_finite("the Mann-Whitney test", &fields)?;
    }
    Ok(res)
}

/// [`mann_whitney`] without the Hodges–Lehmann estimate, sorting the caller's
/// buffers in place instead of copying them (NaN must already be removed). For
/// very large samples: no memory beyond the input is allocated on the
/// asymptotic path. Both slices are left sorted.
pub fn mann_whitney_in_place(
    x: &mut [f64],
    y: &mut [f64],
    opts: &MannWhitneyOptions,
) -> Result<MannWhitney> {
    if let Some(v) = x.iter().chain(y.iter()).find(|v| v.is_nan()) {
        return Err(invalid(
            "value (NaN must be removed before the in-place test)",
            v,
        ));
    }
    std::thread::scope(|s| {
        let h = s.spawn(|| x.sort_unstable_by(f64::total_cmp));
        y.sort_unstable_by(f64::total_cmp);
        h.join().expect("sort thread panicked");
    });
    mann_whitney_sorted(x, y, opts)
}

fn mann_whitney_sorted(xs: &[f64], ys: &[f64], opts: &MannWhitneyOptions) -> Result<MannWhitney> {
    let (n1, n2) = (xs.len(), ys.len());
    for (what, n) in [("first sample", n1), ("second sample", n2)] {
        if n == 0 {
            return Err(StatsError::TooFewValues {
                what,
                needed: 1,
                got: 0,
            });
        }
    }
    if let Some(v) = xs.iter().chain(ys).find(|v| v.is_infinite()) {
        return Err(StatsError::NotComputable {
            what: "the Mann-Whitney test".into(),
            why: format!(
                "a value is {}infinite",
                if *v < 0.0 { "minus " } else { "" }
            ),
        });
    }
    let (r1, tie, ties) = rank_sum_sorted(xs, ys);
    from_rank_sum(r1, tie, ties, n1, n2, xs[0], opts, |u1| {
        exact_p_ties(xs, ys, u1, opts.alternative)
    })
}

/// [`mann_whitney`] of large samples (n1 · n2 above 10^8, not the exact method): the
/// pooled values ranked by the radix scheme of Spearman's correlation instead of two
/// comparison sorts. Same results: doubled rank sums and the tie term are integers, exact
/// in double precision below 2^53.
fn mann_whitney_ranked(x: &[f64], y: &[f64], opts: &MannWhitneyOptions) -> Result<MannWhitney> {
    let mut pooled: Vec<f64> = x.iter().chain(y).copied().filter(|v| !v.is_nan()).collect();
    let n1 = x.iter().filter(|v| !v.is_nan()).count();
    let n2 = pooled.len() - n1;
    if pooled.len() >= 1 << 32 {
        return Err(StatsError::TooManyValues {
            what: "Mann-Whitney test",
            max: (1 << 32) - 1,
            got: pooled.len(),
        });
    }
    let first = pooled[0];
    let mut idx = vec![0u32; pooled.len()];
    let mut scratch = crate::rank::RankScratch::default();
    let Some(tie) = crate::rank::rank_in_place(&mut pooled, &mut idx, &mut scratch) else {
        return Err(StatsError::ZeroVariance {
            what: "pooled sample".into(),
            value: first,
        });
    };
    let r1: f64 = pooled[..n1].iter().sum();
    from_rank_sum(r1, tie, tie > 0.0, n1, n2, first, opts, |_| {
        Err(StatsError::MethodUnavailable {
            method: "exact",
            reason: "the samples are too large".into(),
        })
    })
}

/// The test from the first sample's rank sum `r1` and the tie term Σ(t³ - t).
#[allow(clippy::too_many_arguments)]
fn from_rank_sum(
    r1: f64,
    tie: f64,
    ties: bool,
    n1: usize,
    n2: usize,
    first: f64,
    opts: &MannWhitneyOptions,
    exact_ties: impl FnOnce(f64) -> Result<f64>,
) -> Result<MannWhitney> {
    let n1f = n1 as f64;
    let n2f = n2 as f64;
    let u1 = r1 - n1f * (n1f + 1.0) / 2.0;
    let method = match opts.method {
        Method::Auto if n1 < 50 && n2 < 50 && !ties => Method::Exact,
        Method::Auto => Method::Asymptotic,
        m => m,
    };
    let (p_value, method_name) = match method {
        Method::Exact if !ties => (exact_p_no_ties(u1, n1, n2, opts.alternative)?, "exact"),
        Method::Exact => (exact_ties(u1)?, "exact-conditional"),
        _ => {
            let nf = n1f + n2f;
            let var = n1f * n2f / 12.0 * ((nf + 1.0) - tie / (nf * (nf - 1.0)));
            if var.is_nan() || var <= 0.0 {
                return Err(StatsError::ZeroVariance {
                    what: "pooled sample".into(),
                    value: first,
                });
            }
            let sigma = var.sqrt();
            let d = u1 - n1f * n2f / 2.0;
            let cc = if opts.correct { 0.5 } else { 0.0 };
            let p = match opts.alternative {
                Alternative::Greater => normal_sf((d - cc) / sigma),
                Alternative::Less => normal_cdf((d + cc) / sigma),
                Alternative::TwoSided => {
                    let z = (d.abs() - cc) / sigma;
                    (2.0 * normal_sf(z)).min(1.0)
                }
            };
            (p, "asymptotic")
        }
    };
    let rank_biserial = 2.0 * u1 / (n1f * n2f) - 1.0;
    crate::error::ensure_finite(
        "the Mann-Whitney test",
        &[
            ("U", u1),
            ("p", p_value),
            ("the rank-biserial r", rank_biserial),
        ],
    )?;
    Ok(MannWhitney {
        u: u1,
        p_value,
        method: method_name,
        n1,
        n2,
        ties,
        rank_biserial,
        hodges_lehmann: None,
        hl_ci: None,
    })
}

const EXACT_WORK_LIMIT: f64 = 2e10;

/// Probability mass of U for samples of sizes m and n without ties.
fn u_pmf(m: usize, n: usize) -> Result<Vec<f64>> {
    let (m, n) = (m.min(n), m.max(n));
    if (m as f64) * (m as f64) * (n as f64) > EXACT_WORK_LIMIT {
        return Err(StatsError::MethodUnavailable {
            method: "exact",
            reason: format!("samples of {m} and {n} are too large; use the asymptotic method"),
        });
    }
    let top = m * n;
    let mut c = vec![0.0f64; top + 1];
    c[0] = 1.0;
    for i in 1..=m {
        let deg = i * n;
        // Divide by (1 - q^i): running sums with stride i.
        for j in i..=deg {
            c[j] += c[j - i];
        }
        // Multiply by (1 - q^(n+i)), highest degree first.
        for j in (n + i..=deg).rev() {
            c[j] -= c[j - n - i];
        }
        // Keep total mass 1: the factor's value at q = 1 is (n+i)/i.
        let scale = i as f64 / (n + i) as f64;
        for v in &mut c[..=deg] {
            *v *= scale;
        }
    }
    Ok(c)
}

/// P(U <= k) summed from the short side, using the symmetry of U.
fn u_cdf(pmf: &[f64], k: f64) -> f64 {
    let top = pmf.len() - 1;
    if k < 0.0 {
        return 0.0;
    }
    let k = k.floor() as usize;
    if k >= top {
        return 1.0;
    }
    if 2 * k <= top {
        pmf[..=k].iter().sum()
    } else {
        // P(U <= k) = 1 - P(U >= k+1) = 1 - P(U <= top-k-1).
        1.0 - pmf[..top - k].iter().sum::<f64>()
    }
}

fn exact_p_no_ties(u1: f64, n1: usize, n2: usize, alt: Alternative) -> Result<f64> {
    let pmf = u_pmf(n1, n2)?;
    let top = (n1 * n2) as f64;
    let lower = |u: f64| u_cdf(&pmf, u);
    let upper = |u: f64| u_cdf(&pmf, top - u); // P(U >= u) = P(U <= top - u)
    Ok(match alt {
        Alternative::Less => lower(u1),
        Alternative::Greater => upper(u1),
        Alternative::TwoSided => {
            let p = if u1 > top / 2.0 { upper(u1) } else { lower(u1) };
            (2.0 * p).min(1.0)
        }
    })
}

/// Exact conditional p-value with ties: the permutation distribution of the
/// doubled mid-rank sum of x, built group by group (shift algorithm).
fn exact_p_ties(xs: &[f64], ys: &[f64], u1: f64, alt: Alternative) -> Result<f64> {
    let (n1, n2) = (xs.len(), ys.len());
    let n = n1 + n2;
    let mut pooled: Vec<f64> = xs.iter().chain(ys.iter()).copied().collect();
    pooled.sort_unstable_by(f64::total_cmp);
    // Tie groups: (size, doubled mid-rank).
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && pooled[j] == pooled[i] {
            j += 1;
        }
        groups.push((j - i, i + j + 1));
        i = j;
    }
    let max_sum = 2 * n * n1 + 1;
    if (n as f64) * (n1 as f64) * (max_sum as f64) > 5.0 * EXACT_WORK_LIMIT {
        return Err(StatsError::MethodUnavailable {
            method: "exact",
            reason: format!(
                "samples of {n1} and {n2} with ties are too large; use the asymptotic method"
            ),
        });
    }
    // f[j * width + s]: weight of choosing j values with doubled rank sum s.
    let width = max_sum + 1;
    let mut f = vec![0.0f64; (n1 + 1) * width];
    f[0] = 1.0;
    let mut taken_max = 0usize; // how many could have been chosen so far
    let mut sum_max = 0usize;
    for &(t, score) in &groups {
        let new_taken = (taken_max + t).min(n1);
        let new_sum = sum_max + score * t.min(n1);
        // Process j descending so each group is used once.
        for j in (0..=taken_max).rev() {
            for s in (0..=sum_max.min(max_sum)).rev() {
                let w = f[j * width + s];
                if w == 0.0 {
                    continue;
                }
                let mut binom = 1.0;
                for k in 1..=t.min(n1 - j) {
                    binom = binom * (t - k + 1) as f64 / k as f64;
                    let ss = s + k * score;
                    f[(j + k) * width + ss] += w * binom;
                }
            }
        }
        taken_max = new_taken;
        sum_max = new_sum.min(max_sum);
        // Rescale to keep weights in range; only ratios matter.
        let big = f.iter().fold(0.0f64, |a, &b| a.max(b));
        if big > 1e250 {
            for v in &mut f {
                *v /= big;
            }
        }
    }
    let row = &f[n1 * width..(n1 + 1) * width];
    let total: f64 = row.iter().sum();
    let n1f = n1 as f64;
    let twice_r1 = (2.0 * (u1 + n1f * (n1f + 1.0) / 2.0)).round() as usize;
    let le: f64 = row[..=twice_r1.min(max_sum)].iter().sum::<f64>() / total;
    let ge: f64 = row[twice_r1.min(max_sum + 1)..].iter().sum::<f64>() / total;
    Ok(match alt {
        Alternative::Less => le,
        Alternative::Greater => ge,
        Alternative::TwoSided => (2.0 * le.min(ge)).min(1.0),
    })
}

/// k-th smallest (0-based) of the pairwise differences x_i - y_j of sorted
/// samples, in O((n1 + n2) · 64) time by bisection on the value.
fn kth_difference(xs: &[f64], ys: &[f64], k: usize) -> f64 {
    // Number of pairs with fl(x_i - y_j) <= d; monotone in d.
    let count_le = |d: f64| -> usize {
        let mut total = 0usize;
        let mut start = 0usize; // first j with x_i - y_j <= d; nondecreasing in i
        for &xi in xs {
            while start < ys.len() && xi - ys[start] > d {
                start += 1;
            }
            total += ys.len() - start;
        }
        total
    };
    let mut lo = super::rank::key(xs[0] - ys[ys.len() - 1]);
    let mut hi = super::rank::key(xs[xs.len() - 1] - ys[0]);
    let from_key = |k: u64| {
        let b = if k >> 63 == 1 { k & !(1 << 63) } else { !k };
        f64::from_bits(b)
    };
    // Invariant: count_le(from_key(hi)) > k; the answer is the smallest such value.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if count_le(from_key(mid)) > k {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    from_key(hi)
}

fn hl_sorted(xs: &[f64], ys: &[f64]) -> f64 {
    let total = xs.len() * ys.len();
    if total % 2 == 1 {
        kth_difference(xs, ys, total / 2)
    } else {
        0.5 * (kth_difference(xs, ys, total / 2 - 1) + kth_difference(xs, ys, total / 2))
    }
}

/// Hodges–Lehmann estimate of the shift between `x` and `y`: the median of all
/// differences x_i - y_j, NaN dropped. Runs in O((n1 + n2) log) time and memory
/// of one copy of the input, so it works for millions of values.
pub fn hodges_lehmann(x: &[f64], y: &[f64]) -> Result<f64> {
    crate::error::reject_infinite("first sample of the Hodges-Lehmann estimate", x)?;
    crate::error::reject_infinite("second sample of the Hodges-Lehmann estimate", y)?;
    let xs = sorted_clean(x);
    let ys = sorted_clean(y);
    for (what, n) in [("first sample", xs.len()), ("second sample", ys.len())] {
        if n == 0 {
            return Err(StatsError::TooFewValues {
                what,
                needed: 1,
                got: 0,
            });
        }
    }
    let scale = crate::descriptive::Scale::of(xs.iter().chain(&ys).copied());
    let hl = scale.up(hl_sorted(&scale.apply(&xs), &scale.apply(&ys)));
    crate::error::ensure_finite("the Hodges-Lehmann estimate", &[("the estimate", hl)])?;
    Ok(hl)
}

/// R's normal-approximation statistic of the shift `d` (`wilcox.test`'s `wdiff` without
/// the quantile): the rank sum of x − d against y, centred, continuity-corrected as the
/// test is, over its tie-corrected SD. `None` when the pooled values are all equal.
fn shift_z(xs: &[f64], ys: &[f64], d: f64, opts: &MannWhitneyOptions) -> Option<f64> {
    let (n1, n2) = (xs.len() as f64, ys.len() as f64);
    let mut pooled: Vec<(f64, bool)> = xs
        .iter()
        .map(|&x| (x - d, true))
        .chain(ys.iter().map(|&y| (y, false)))
        .collect();
    pooled.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let (mut r1, mut tie, mut i) = (0.0, 0.0, 0usize);
    while i < pooled.len() {
        let mut j = i;
        while j < pooled.len() && pooled[j].0 == pooled[i].0 {
            j += 1;
        }
        let t = (j - i) as f64;
        let rank = (i + j + 1) as f64 / 2.0;
        r1 += rank * pooled[i..j].iter().filter(|p| p.1).count() as f64;
        tie += t * t * t - t;
        i = j;
    }
    let n = n1 + n2;
    let dz = r1 - n1 * (n1 + 1.0) / 2.0 - n1 * n2 / 2.0;
    let correction = match (opts.correct, opts.alternative) {
        (false, _) => 0.0,
        (true, Alternative::TwoSided) if dz == 0.0 => 0.0,
        (true, Alternative::TwoSided) => 0.5f64.copysign(dz),
        (true, Alternative::Greater) => 0.5,
        (true, Alternative::Less) => -0.5,
    };
    let sigma = (n1 * n2 / 12.0 * ((n + 1.0) - tie / (n * (n - 1.0)))).sqrt();
    (sigma > 0.0).then(|| (dz - correction) / sigma)
}

/// R's asymptotic confidence interval for the shift (`wilcox.test(conf.int = TRUE)` with
/// ties or 50 values and more): the shifts where the normal-approximation statistic crosses
/// the normal quantiles. The statistic is a step function of the shift that jumps at the
/// pairwise differences x_i − y_j; R's `uniroot` (tolerance 1e-4) stops within 1e-4 of the
/// jump, and here the jump itself is found by bisection over the sorted differences. An end
/// outside the range of the differences is that range's end, as in R. `None` when the
/// statistic is undefined (all values equal).
fn asymptotic_shift_ci(xs: &[f64], ys: &[f64], opts: &MannWhitneyOptions) -> Option<(f64, f64)> {
    let total = xs.len() * ys.len();
    let (d_min, d_max) = (xs[0] - ys[ys.len() - 1], xs[xs.len() - 1] - ys[0]);
    let diff = |k: usize| kth_difference(xs, ys, k);
    // the shift where z(d) − zq changes sign (z decreases with d)
    let root = |zq: f64| -> Option<f64> {
        let f = |d: f64| shift_z(xs, ys, d, opts).map(|z| z - zq);
        if f(d_min)? <= 0.0 {
            return Some(d_min);
        }
        if f(d_max)? >= 0.0 {
            return Some(d_max);
        }
        // the value of f just after the k-th difference: at the midpoint to the next one
        let after = |k: usize| -> Option<f64> {
            let a = diff(k);
            let b = if k + 1 < total { diff(k + 1) } else { d_max };
            f(a + (b - a) / 2.0)
        };
        let (mut lo, mut hi) = (0usize, total - 1);
        if after(hi)? > 0.0 {
            return Some(d_max);
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if after(mid)? <= 0.0 {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // the jump at the lo-th difference; R's uniroot may stop just before it, where f
        // is still positive: the tie at the difference itself decides nothing beyond 1e-4
        Some(diff(lo))
    };
    let alpha = 1.0 - opts.conf_level;
    let z = |p: f64| crate::dist::normal_quantile(p);
    Some(match opts.alternative {
        Alternative::TwoSided => (root(z(1.0 - alpha / 2.0))?, root(z(alpha / 2.0))?),
        Alternative::Greater => (root(z(1.0 - alpha))?, f64::INFINITY),
        Alternative::Less => (f64::NEG_INFINITY, root(z(alpha))?),
    })
}

/// R's exact confidence interval for the shift (no ties).
fn exact_shift_ci(xs: &[f64], ys: &[f64], opts: &MannWhitneyOptions) -> Result<(f64, f64)> {
    let (n1, n2) = (xs.len(), ys.len());
    let pmf = u_pmf(n1, n2)?;
    let alpha = 1.0 - opts.conf_level;
    // qwilcox(p): smallest q with P(U <= q) >= p.
    let qwilcox = |p: f64| -> usize {
        let mut acc = 0.0;
        for (q, &m) in pmf.iter().enumerate() {
            acc += m;
            if acc >= p - 10.0 * f64::EPSILON {
                return q;
            }
        }
        pmf.len() - 1
    };
    let nm = n1 * n2;
    let diff = |k1: usize| kth_difference(xs, ys, k1 - 1); // 1-based like R
    Ok(match opts.alternative {
        Alternative::TwoSided => {
            let mut qu = qwilcox(alpha / 2.0);
            if qu == 0 {
                qu = 1;
            }
            let ql = nm - qu;
            (diff(qu), diff(ql + 1))
        }
        Alternative::Greater => {
            let mut qu = qwilcox(alpha);
            if qu == 0 {
                qu = 1;
            }
            (diff(qu), f64::INFINITY)
        }
        Alternative::Less => {
            let mut qu = qwilcox(alpha);
            if qu == 0 {
                qu = 1;
            }
            let ql = nm - qu;
            (f64::NEG_INFINITY, diff(ql + 1))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Large samples take the radix ranking path; the sorted path of
    /// `mann_whitney_in_place` must give the same U, p and tie flag.
    #[test]
    fn radix_ranks_agree_with_the_sorted_merge() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // values on a grid of 0.01, so ties are many; a few NaN and negative zeros
        let mut sample = |n: usize, shift: f64| -> Vec<f64> {
            (0..n)
                .map(|i| match i % 997 {
                    0 => f64::NAN,
                    1 => -0.0,
                    _ => (next() % 4000) as f64 / 100.0 + shift - 20.0,
                })
                .collect()
        };
        for (n1, n2, shift) in [(12_000, 11_000, 0.0), (30_000, 4_000, 0.3)] {
            let x = sample(n1, shift);
            let y = sample(n2, 0.0);
            let opts = MannWhitneyOptions::default();
            let ranked = mann_whitney(&x, &y, &opts).unwrap();
            let mut xs: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
            let mut ys: Vec<f64> = y.iter().copied().filter(|v| !v.is_nan()).collect();
            let sorted = mann_whitney_in_place(&mut xs, &mut ys, &opts).unwrap();
            assert_eq!(ranked.u, sorted.u);
            assert_eq!(ranked.p_value, sorted.p_value);
            assert_eq!(ranked.rank_biserial, sorted.rank_biserial);
            assert_eq!(
                (ranked.n1, ranked.n2, ranked.ties),
                (sorted.n1, sorted.n2, true)
            );
            assert_eq!(ranked.method, "asymptotic");
            assert_eq!(ranked.hodges_lehmann, None);
        }
        // all values equal: zero variance, as on the sorted path
        let error = mann_whitney(&vec![1.0; 20_000], &vec![1.0; 20_000], &Default::default());
        assert!(
            matches!(error, Err(StatsError::ZeroVariance { .. })),
            "{error:?}"
        );
    }

    /// The presorted entry point gives the bits of `mann_whitney`: small samples (exact
    /// and with the Hodges–Lehmann shift), large ones on a grid, and tie groups so large
    /// that t³ is rounded in double precision (the tie term must be summed the same way).
    #[test]
    fn presorted_samples_give_the_same_bits() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut sample = |n: usize, levels: u64, shift: f64| -> Vec<f64> {
            (0..n)
                .map(|i| match i % 997 {
                    0 => f64::NAN,
                    1 => -0.0,
                    _ => (next() % levels) as f64 / 100.0 + shift,
                })
                .collect()
        };
        let sorted = |x: &[f64]| {
            let mut v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
            v.sort_unstable_by(f64::total_cmp);
            v
        };
        for (n1, n2, levels, shift) in [
            (12, 9, 1_000_000, 0.5),
            (40, 70, 30, 0.0),
            (900, 800, 4000, 0.2),
            (12_000, 11_000, 4000, 0.0),
            (30_000, 4_000, 4000, 0.3),
            (400_000, 300_000, 3, 0.0),
        ] {
            let x = sample(n1, levels, shift);
            let y = sample(n2, levels, 0.0);
            for method in [Method::Auto, Method::Asymptotic] {
                let opts = MannWhitneyOptions {
                    method,
                    ..Default::default()
                };
                let want = mann_whitney(&x, &y, &opts).unwrap();
                let got = mann_whitney_presorted(&sorted(&x), &sorted(&y), &opts).unwrap();
                assert_eq!(want, got, "n1 = {n1}, n2 = {n2}");
                assert_eq!(want.p_value.to_bits(), got.p_value.to_bits());
            }
        }
        let error = mann_whitney_presorted(&[1.0; 20_000], &[1.0; 20_000], &Default::default());
        assert!(
            matches!(error, Err(StatsError::ZeroVariance { .. })),
            "{error:?}"
        );
        let error = mann_whitney_presorted(&[1.0, f64::INFINITY], &[2.0], &Default::default());
        assert!(
            matches!(error, Err(StatsError::InvalidParameter { .. })),
            "{error:?}"
        );
    }
}
