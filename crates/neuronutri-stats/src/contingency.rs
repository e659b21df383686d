//! Tests of association in contingency tables: Pearson's chi-square (with
//! Yates' correction for 2×2 tables, as R and SciPy apply it) and Fisher's exact
//! test for 2×2 tables with R's two-sided p-value and the conditional maximum
//! likelihood odds ratio.

use crate::dist::chi2_sf;
use crate::error::{invalid, Result, StatsError};
use crate::special::ln_gamma;
use crate::Alternative;
use serde::Serialize;

/// Result of [`chi_square`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChiSquare {
    /// Pearson's X² statistic.
    pub chi2: f64,
    /// Degrees of freedom (r - 1)(c - 1).
    pub df: f64,
    /// Upper-tail p-value.
    pub p_value: f64,
    /// Total count in the table.
    pub n: f64,
    /// Whether Yates' continuity correction was applied (2×2 only).
    pub yates: bool,
    /// The smallest expected count, row total × column total / n.
    pub min_expected: f64,
    /// R's warning when an expected count is below 5: [`SMALL_EXPECTED_WARNING`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<&'static str>,
}

/// The warning R's `chisq.test` gives when an expected count is below 5.
pub const SMALL_EXPECTED_WARNING: &str = "Chi-squared approximation may be incorrect";

fn format_table(t: &[Vec<f64>]) -> String {
    let rows: Vec<String> = t
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| crate::short_number(*v))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    format!("[[{}]]", rows.join("], ["))
}

/// Pearson chi-square test of independence for an r×c table of counts. With
/// `yates`, 2×2 tables get the correction min(0.5, |O - E|) (R `correct = TRUE`,
/// SciPy `correction=True`); it is ignored for larger tables, as there.
pub fn chi_square(table: &[Vec<f64>], yates: bool) -> Result<ChiSquare> {
    let r = table.len();
    let c = table.first().map_or(0, |row| row.len());
    if r < 2 || c < 2 || table.iter().any(|row| row.len() != c) {
        return Err(invalid(
            "table shape (need a rectangular table of at least 2×2)",
            format_table(table),
        ));
    }
    if let Some(bad) = table
        .iter()
        .flatten()
        .find(|v| !(v.is_finite() && **v >= 0.0))
    {
        return Err(invalid("count", bad));
    }
    let rows: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    let cols: Vec<f64> = (0..c)
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    let n: f64 = rows.iter().sum();
    if rows.iter().chain(cols.iter()).any(|&m| m == 0.0) {
        return Err(StatsError::ZeroMargin {
            table: format_table(table),
        });
    }
    let yates = yates && r == 2 && c == 2;
    let mut chi2 = 0.0;
    let mut min_expected = f64::INFINITY;
    for i in 0..r {
        for j in 0..c {
            let e = rows[i] * cols[j] / n;
            min_expected = min_expected.min(e);
            let mut d = (table[i][j] - e).abs();
            if yates {
                d -= d.min(0.5);
            }
            chi2 += d * d / e;
        }
    }
    let df = ((r - 1) * (c - 1)) as f64;
    let p_value = chi2_sf(chi2, df);
    crate::error::ensure_finite(
        "the chi-square test",
        &[("the total count", n), ("chi-square", chi2), ("p", p_value)],
    )?;
    Ok(ChiSquare {
        chi2,
        df,
        p_value,
        n,
        yates,
        min_expected,
        warning: (min_expected < 5.0).then_some(SMALL_EXPECTED_WARNING),
    })
}

/// Result of [`fisher_exact`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FisherExact {
    /// p-value under the chosen alternative (two-sided as R: the sum of the
    /// probabilities of tables no more likely than the observed one, with a
    /// relative tolerance of 1e-7).
    pub p_value: f64,
    /// Conditional maximum likelihood estimate of the odds ratio (R's
    /// `fisher.test` estimate); 0 or +inf (JSON `"Infinity"`) at the edges of the support.
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub odds_ratio: f64,
    /// Sample odds ratio ad / bc (SciPy's `fisher_exact` statistic); +inf (JSON
    /// `"Infinity"`) when bc = 0.
    #[serde(serialize_with = "crate::serialize_unbounded")]
    pub sample_odds_ratio: f64,
}

/// Largest total count of a table for Fisher's exact test: its time grows with the count.
pub const FISHER_MAX_TOTAL: usize = 1_000_000;

/// The support `lo..=hi` of the first cell of a 2×2 table with column totals `m`, `n` and
/// first-row total `k`, and the log of C(m, x)·C(n, k − x) at each x: the unnormalised
/// central hypergeometric weights that Fisher's test and its odds-ratio interval tilt.
pub(crate) fn hypergeometric_log_weights(m: u64, n: u64, k: u64) -> (u64, Vec<f64>) {
    let lo = k.saturating_sub(n);
    let hi = k.min(m);
    let lchoose = |n: u64, r: u64| {
        ln_gamma(n as f64 + 1.0) - ln_gamma(r as f64 + 1.0) - ln_gamma((n - r) as f64 + 1.0)
    };
    (
        lo,
        (lo..=hi)
            .map(|x| lchoose(m, x) + lchoose(n, k - x))
            .collect(),
    )
}

/// Fisher's exact test of a 2×2 table [[a, b], [c, d]] of counts.
pub fn fisher_exact(table: [[f64; 2]; 2], alternative: Alternative) -> Result<FisherExact> {
    let flat = [table[0][0], table[0][1], table[1][0], table[1][1]];
    if let Some(bad) = flat
        .iter()
        .find(|v| !(v.is_finite() && **v >= 0.0 && v.fract() == 0.0))
    {
        return Err(invalid("count (need a non-negative integer)", bad));
    }
    let total: f64 = flat.iter().sum();
    if total > FISHER_MAX_TOTAL as f64 {
        return Err(StatsError::TooManyValues {
            what: "Fisher's exact test (the table's total count; use chi-square)",
            max: FISHER_MAX_TOTAL,
            got: if total < usize::MAX as f64 {
                total as usize
            } else {
                usize::MAX
            },
        });
    }
    let [a, b, c, d] = flat.map(|v| v as u64);
    let (m, n, k) = (a + c, b + d, a + b); // column 1, column 2, row 1 totals
    if a + b == 0 || c + d == 0 || m == 0 || n == 0 {
        let t: Vec<Vec<f64>> = table.iter().map(|r| r.to_vec()).collect();
        return Err(StatsError::ZeroMargin {
            table: format_table(&t),
        });
    }
    let (lo, logd) = hypergeometric_log_weights(m, n, k);
    let hi = lo + logd.len() as u64 - 1;
    // Probabilities under odds ratio exp(theta), normalized in log space.
    let dens = |theta: f64| -> Vec<f64> {
        let w: Vec<f64> = logd
            .iter()
            .enumerate()
            .map(|(i, l)| l + theta * (lo + i as u64) as f64)
            .collect();
        let mx = w.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = w.iter().map(|v| (v - mx).exp()).collect();
        let s: f64 = e.iter().sum();
        e.into_iter().map(|v| v / s).collect()
    };
    let d0 = dens(0.0);
    let obs = (a - lo) as usize;
    let p_value = match alternative {
        Alternative::Less => d0[..=obs].iter().sum::<f64>(),
        Alternative::Greater => d0[obs..].iter().sum::<f64>(),
        Alternative::TwoSided => {
            let cut = d0[obs] * (1.0 + 1e-7);
            d0.iter().filter(|&&p| p <= cut).sum::<f64>()
        }
    }
    .min(1.0);
    let odds_ratio = if a == lo {
        0.0
    } else if a == hi {
        f64::INFINITY
    } else {
        conditional_mle(&dens, lo, a as f64)
    };
    let sample_odds_ratio = if b * c == 0 {
        if a * d == 0 {
            f64::NAN
        } else {
            f64::INFINITY
        }
    } else {
        (a as f64 * d as f64) / (b as f64 * c as f64)
    };
    crate::error::ensure_finite("Fisher's exact test", &[("p", p_value)])?;
    Ok(FisherExact {
        p_value,
        odds_ratio,
        sample_odds_ratio,
    })
}

/// Solves E[X; psi] = x for the log odds ratio by safeguarded Newton steps.
fn conditional_mle(dens: &dyn Fn(f64) -> Vec<f64>, lo: u64, x: f64) -> f64 {
    let moments = |theta: f64| {
        let p = dens(theta);
        let mean: f64 = p
            .iter()
            .enumerate()
            .map(|(i, q)| q * (lo + i as u64) as f64)
            .sum();
        let var: f64 = p
            .iter()
            .enumerate()
            .map(|(i, q)| q * ((lo + i as u64) as f64 - mean).powi(2))
            .sum();
        (mean, var)
    };
    let (mut a, mut b) = (-1.0f64, 1.0f64);
    while moments(a).0 > x {
        a *= 2.0;
    }
    while moments(b).0 < x {
        b *= 2.0;
    }
    let mut theta = 0.5 * (a + b);
    for _ in 0..200 {
        let (mean, var) = moments(theta);
        let g = mean - x;
        if g == 0.0 {
            break;
        }
        if g > 0.0 {
            b = theta;
        } else {
            a = theta;
        }
        let mut next = theta - g / var;
        if !(next > a && next < b) {
            next = 0.5 * (a + b);
        }
        if (next - theta).abs() <= 1e-15 * (1.0 + theta.abs()) {
            theta = next;
            break;
        }
        theta = next;
    }
    theta.exp()
}

/// How [`fisher_rxc`] computes its p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RxcMethod {
    /// Exact when the enumeration stays within [`FISHER_RXC_MAX_NODES`], else Monte Carlo.
    #[default]
    Auto,
    /// Exact, or an error when the table is too large to enumerate.
    Exact,
    /// Monte Carlo with the options' replicates and seed.
    MonteCarlo,
}

/// Options of [`fisher_rxc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RxcOptions {
    /// Exact, Monte Carlo, or exact when small.
    pub method: RxcMethod,
    /// Simulated tables of the Monte Carlo p-value.
    pub replicates: usize,
    /// Seed of the Monte Carlo generator: the same seed gives the same p-value.
    pub seed: u64,
}

impl Default for RxcOptions {
    fn default() -> Self {
        Self {
            method: RxcMethod::Auto,
            replicates: 100_000,
            seed: 20_261_202,
        }
    }
}

/// Result of [`fisher_rxc`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FisherRxc {
    /// The probability, given the margins, of a table no more likely than the observed one
    /// (relative tolerance 1e-7, as R's `fisher.test`).
    pub p_value: f64,
    /// `"exact"` or `"monte-carlo"`.
    pub method: &'static str,
    /// Simulated tables (Monte Carlo only).
    pub replicates: Option<usize>,
    /// Seed of the simulation (Monte Carlo only).
    pub seed: Option<u64>,
    /// Total count of the table.
    pub n: u64,
}

/// Most nodes the exact enumeration of [`fisher_rxc`] visits before it gives up (and
/// `Auto` turns to Monte Carlo).
pub const FISHER_RXC_MAX_NODES: u64 = 3_000_000;
/// Largest total count of [`fisher_rxc`].
pub const FISHER_RXC_MAX_TOTAL: u64 = 1_000_000;
/// Most cells of a table for [`fisher_rxc`].
pub const FISHER_RXC_MAX_CELLS: usize = 400;
/// Most Monte Carlo replicates of [`fisher_rxc`].
pub const FISHER_RXC_MAX_REPLICATES: usize = 10_000_000;

/// ln(1 + 1e-7): a table counts as no more likely than the observed one when its
/// probability is at most the observed one times 1 + 1e-7 (R's relative tolerance).
const REL_TOL_LN: f64 = 9.999_999_500_000_003e-8;

/// Fisher's exact test of an r×c table (the Fisher–Freeman–Halton test, R's `fisher.test`
/// on a larger table): the p-value sums the probabilities, given both margins, of every
/// table at most as likely as the observed one. Exact by a depth-first enumeration column
/// by column that adds whole subtrees at once when bounds show all or none of their tables
/// count; Monte Carlo (R's `simulate.p.value`: (1 + hits) / (B + 1)) from tables drawn with
/// the observed margins by a seeded generator otherwise. Rows or columns that are all zero
/// are dropped first (they do not change the probabilities).
pub fn fisher_rxc(table: &[Vec<f64>], opts: &RxcOptions) -> Result<FisherRxc> {
    let c0 = table.first().map_or(0, |row| row.len());
    if table.len() < 2 || c0 < 2 || table.iter().any(|row| row.len() != c0) {
        return Err(invalid(
            "table shape (need a rectangular table of at least 2×2)",
            format_table(table),
        ));
    }
    if table.len() * c0 > FISHER_RXC_MAX_CELLS {
        return Err(StatsError::TooManyValues {
            what: "Fisher's exact test (cells of the table)",
            max: FISHER_RXC_MAX_CELLS,
            got: table.len() * c0,
        });
    }
    if let Some(bad) = table
        .iter()
        .flatten()
        .find(|v| !(v.is_finite() && **v >= 0.0 && v.fract() == 0.0))
    {
        return Err(invalid("count (need a non-negative integer)", bad));
    }
    let total: f64 = table.iter().flatten().sum();
    if total > FISHER_RXC_MAX_TOTAL as f64 {
        return Err(StatsError::TooManyValues {
            what: "Fisher's exact test (the table's total count; use chi-square)",
            max: FISHER_RXC_MAX_TOTAL as usize,
            got: total as usize,
        });
    }
    if opts.replicates == 0 || opts.replicates > FISHER_RXC_MAX_REPLICATES {
        return Err(invalid(
            "number of Monte Carlo replicates",
            format!(
                "{} (need 1 to {FISHER_RXC_MAX_REPLICATES})",
                opts.replicates
            ),
        ));
    }
    // drop empty rows and columns; rows are the shorter side
    let mut t: Vec<Vec<u64>> = table
        .iter()
        .filter(|row| row.iter().any(|&v| v > 0.0))
        .map(|row| row.iter().map(|&v| v as u64).collect())
        .collect();
    let keep: Vec<usize> = (0..c0).filter(|&j| t.iter().any(|r| r[j] > 0)).collect();
    for row in &mut t {
        *row = keep.iter().map(|&j| row[j]).collect();
    }
    if t.len() < 2 || keep.len() < 2 {
        return Err(StatsError::ZeroMargin {
            table: format_table(table),
        });
    }
    if t.len() > keep.len() {
        t = (0..keep.len())
            .map(|j| t.iter().map(|r| r[j]).collect())
            .collect();
    }
    let n = total as u64;
    let lf: Vec<f64> = (0..=n).map(|v| ln_gamma(v as f64 + 1.0)).collect();
    let rows: Vec<u64> = t.iter().map(|r| r.iter().sum()).collect();
    let mut cols: Vec<u64> = (0..t[0].len())
        .map(|j| t.iter().map(|r| r[j]).sum())
        .collect();
    let observed: f64 = -t.iter().flatten().map(|&v| lf[v as usize]).sum::<f64>();
    let crit = observed + REL_TOL_LN;
    // the constant of every table's log-probability
    let k = rows.iter().map(|&v| lf[v as usize]).sum::<f64>()
        + cols.iter().map(|&v| lf[v as usize]).sum::<f64>()
        - lf[n as usize];
    // larger columns first: the bounds prune more near the root
    cols.sort_unstable_by(|a, b| b.cmp(a));
    let exact = if opts.method == RxcMethod::MonteCarlo {
        None
    } else {
        let mut e = Enumeration {
            lf: &lf,
            cols: &cols,
            crit,
            k,
            p: 0.0,
            nodes: 0,
        };
        let mut rem = rows.clone();
        e.node(0, &mut rem, 0.0).then_some(e.p)
    };
    let (p_value, method, replicates, seed) = match exact {
        Some(p) => (p.min(1.0), "exact", None, None),
        None if opts.method == RxcMethod::Exact => {
            return Err(StatsError::MethodUnavailable {
                method: "exact",
                reason: format!(
                    "the table {} has too many tables with its margins to enumerate; use \
                     Monte Carlo",
                    format_table(table)
                ),
            })
        }
        None => {
            let hits = monte_carlo(&rows, &cols, &lf, crit, opts);
            (
                (1.0 + hits as f64) / (opts.replicates as f64 + 1.0),
                "monte-carlo",
                Some(opts.replicates),
                Some(opts.seed),
            )
        }
    };
    crate::error::ensure_finite("Fisher's exact test", &[("p", p_value)])?;
    Ok(FisherRxc {
        p_value,
        method,
        replicates,
        seed,
        n,
    })
}

/// The depth-first enumeration of the tables with given margins, column by column.
struct Enumeration<'a> {
    /// ln(v!) for v = 0..=n.
    lf: &'a [f64],
    cols: &'a [u64],
    /// The observed table's -Σ ln(n_ij!), with the tolerance added.
    crit: f64,
    /// Σ ln R_i! + Σ ln C_j! - ln N!.
    k: f64,
    /// The p-value so far.
    p: f64,
    nodes: u64,
}

impl Enumeration<'_> {
    /// Adds the tables below this node (columns `j..` still to fill, row totals `rem` left,
    /// `past` = -Σ ln(n_ij!) of the columns filled). False when the node budget runs out.
    fn node(&mut self, j: usize, rem: &mut [u64], past: f64) -> bool {
        self.nodes += 1;
        if self.nodes > FISHER_RXC_MAX_NODES {
            return false;
        }
        if j == self.cols.len() {
            if past <= self.crit {
                self.p += (self.k + past).exp();
            }
            return true;
        }
        let (hi, lo) = self.bounds(j, rem);
        if past + hi <= self.crit {
            // every completion counts: their summed weight is M! / (Π rem_i! Π C_j!)
            let m: u64 = rem.iter().sum();
            let all = self.lf[m as usize]
                - rem.iter().map(|&v| self.lf[v as usize]).sum::<f64>()
                - self.cols[j..]
                    .iter()
                    .map(|&v| self.lf[v as usize])
                    .sum::<f64>();
            self.p += (self.k + past + all).exp();
            return true;
        }
        if past + lo > self.crit {
            return true;
        }
        let mut cell = vec![0u64; rem.len()];
        self.fill(j, 0, self.cols[j], rem, &mut cell, past)
    }

    /// Enumerates the cells of column `j` from row `i` on, `left` of its total to place.
    fn fill(
        &mut self,
        j: usize,
        i: usize,
        left: u64,
        rem: &mut [u64],
        cell: &mut [u64],
        past: f64,
    ) -> bool {
        if i == rem.len() - 1 {
            if left > rem[i] {
                return true;
            }
            cell[i] = left;
            let here = past - cell.iter().map(|&v| self.lf[v as usize]).sum::<f64>();
            for (r, c) in rem.iter_mut().zip(cell.iter()) {
                *r -= c;
            }
            let ok = self.node(j + 1, rem, here);
            for (r, c) in rem.iter_mut().zip(cell.iter()) {
                *r += c;
            }
            return ok;
        }
        let after: u64 = rem[i + 1..].iter().sum();
        let from = left.saturating_sub(after);
        let to = left.min(rem[i]);
        for v in from..=to {
            cell[i] = v;
            if !self.fill(j, i + 1, left - v, rem, cell, past) {
                return false;
            }
        }
        true
    }

    /// Bounds (upper, lower) on -Σ ln(n_ij!) over the columns `j..` of any completion: each
    /// column on its own with cells capped by `rem` (the most even filling is the largest,
    /// the most concentrated the smallest); dropping the coupling between columns only
    /// widens the bounds.
    fn bounds(&self, j: usize, rem: &[u64]) -> (f64, f64) {
        let mut caps: Vec<u64> = rem.to_vec();
        caps.sort_unstable();
        let r = caps.len();
        let (mut hi, mut lo) = (0.0, 0.0);
        for &c in &self.cols[j..] {
            // most even: water-filling under the caps (ascending)
            let mut left = c;
            for (idx, &cap) in caps.iter().enumerate() {
                let share = left / (r - idx) as u64;
                if cap <= share {
                    hi -= self.lf[cap as usize];
                    left -= cap;
                } else {
                    let extra = left % (r - idx) as u64;
                    let plain = (r - idx) as u64 - extra;
                    hi -= plain as f64 * self.lf[share as usize]
                        + extra as f64 * self.lf[share as usize + 1];
                    left = 0;
                    break;
                }
            }
            debug_assert_eq!(left, 0);
            // most concentrated: the largest caps first
            let mut left = c;
            for &cap in caps.iter().rev() {
                let v = cap.min(left);
                lo -= self.lf[v as usize];
                left -= v;
                if left == 0 {
                    break;
                }
            }
        }
        (hi, lo)
    }
}

/// A small seeded generator (xoshiro256**, seeded by splitmix64), so a Monte Carlo p-value
/// is reproducible from its seed on every platform.
pub(crate) struct Rng([u64; 4]);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        let mut z = seed;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        Self([next(), next(), next(), next()])
    }
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }
    /// Uniform on [0, 1).
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// A draw from the hypergeometric distribution: successes among `draws` taken without
/// replacement from `pop` items of which `succ` are successes. Inversion that starts at the
/// mode and walks outwards, so its time grows with the standard deviation, not the range.
fn hypergeometric(rng: &mut Rng, draws: u64, succ: u64, pop: u64, lf: &[f64]) -> u64 {
    let lo = draws.saturating_sub(pop - succ);
    let hi = draws.min(succ);
    if lo == hi {
        return lo;
    }
    let ln_pmf = |x: u64| {
        lf[succ as usize] - lf[x as usize] - lf[(succ - x) as usize] + lf[(pop - succ) as usize]
            - lf[(draws - x) as usize]
            - lf[(pop - succ + x - draws) as usize]
            - (lf[pop as usize] - lf[draws as usize] - lf[(pop - draws) as usize])
    };
    let mode =
        (((draws + 1) as f64 * (succ + 1) as f64 / (pop + 2) as f64).floor() as u64).clamp(lo, hi);
    let mut u = rng.uniform();
    let p_mode = ln_pmf(mode).exp();
    u -= p_mode;
    if u < 0.0 {
        return mode;
    }
    // walk down and up alternately, updating each side's probability by its ratio
    let (mut down, mut up) = (mode, mode);
    let (mut p_down, mut p_up) = (p_mode, p_mode);
    loop {
        let mut moved = false;
        if down > lo {
            // P(x - 1) / P(x) = x (pop - succ - draws + x) / ((succ - x + 1)(draws - x + 1))
            let x = down as f64;
            p_down *= x * (pop - succ + down - draws) as f64
                / ((succ - down + 1) as f64 * (draws - down + 1) as f64);
            down -= 1;
            u -= p_down;
            if u < 0.0 {
                return down;
            }
            moved = true;
        }
        if up < hi {
            let x = up as f64;
            p_up *= (succ as f64 - x) * (draws as f64 - x)
                / ((x + 1.0) * (pop - succ + up + 1 - draws) as f64);
            up += 1;
            u -= p_up;
            if u < 0.0 {
                return up;
            }
            moved = true;
        }
        if !moved {
            // rounding left a sliver of probability unassigned: give it to the mode
            return mode;
        }
    }
}

/// Counts the simulated tables (margins `rows` × `cols`) whose -Σ ln(n_ij!) is at most
/// `crit`.
fn monte_carlo(rows: &[u64], cols: &[u64], lf: &[f64], crit: f64, opts: &RxcOptions) -> u64 {
    let mut rng = Rng::new(opts.seed);
    let mut hits = 0;
    let mut rem = vec![0u64; rows.len()];
    for _ in 0..opts.replicates {
        rem.copy_from_slice(rows);
        let mut pop: u64 = rows.iter().sum();
        let mut stat = 0.0;
        for (j, &c) in cols.iter().enumerate() {
            if j == cols.len() - 1 {
                // the last column takes what is left
                stat -= rem.iter().map(|&v| lf[v as usize]).sum::<f64>();
                break;
            }
            let mut draws = c;
            let mut pop_here = pop;
            for i in 0..rem.len() {
                let v = if i == rem.len() - 1 {
                    draws
                } else {
                    hypergeometric(&mut rng, draws, rem[i], pop_here, lf)
                };
                pop_here -= rem[i];
                rem[i] -= v;
                draws -= v;
                stat -= lf[v as usize];
            }
            pop -= c;
        }
        if stat <= crit {
            hits += 1;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a 2×2 table the r×c enumeration is Fisher's 2×2 test.
    #[test]
    fn rxc_agrees_with_the_two_by_two_test() {
        for t in [
            [[12.0, 5.0], [3.0, 9.0]],
            [[1.0, 9.0], [11.0, 3.0]],
            [[3.0, 1.0], [1.0, 3.0]],
            [[100.0, 3.0], [2.0, 95.0]],
        ] {
            let want = fisher_exact(t, Alternative::TwoSided).unwrap().p_value;
            let rows: Vec<Vec<f64>> = t.iter().map(|r| r.to_vec()).collect();
            let got = fisher_rxc(&rows, &RxcOptions::default()).unwrap();
            assert_eq!(got.method, "exact");
            assert!((got.p_value - want).abs() <= 1e-12 * want, "{t:?}");
        }
    }

    #[test]
    fn monte_carlo_is_reproducible_and_used_when_the_table_is_large() {
        let t = vec![
            // chi-square p = 0.1435 (SciPy): no hit count near 0 or B
            vec![36.0, 34.0, 22.0, 30.0, 30.0],
            vec![26.0, 27.0, 37.0, 30.0, 31.0],
            vec![33.0, 26.0, 30.0, 22.0, 40.0],
            vec![24.0, 33.0, 31.0, 38.0, 24.0],
        ];
        let opts = RxcOptions {
            replicates: 2000,
            ..Default::default()
        };
        let a = fisher_rxc(&t, &opts).unwrap();
        assert_eq!(a.method, "monte-carlo");
        assert_eq!(a.seed, Some(opts.seed));
        assert_eq!(fisher_rxc(&t, &opts).unwrap(), a);
        let other = fisher_rxc(&t, &RxcOptions { seed: 1, ..opts }).unwrap();
        assert_ne!(other.p_value, a.p_value);
        let exact = fisher_rxc(
            &t,
            &RxcOptions {
                method: RxcMethod::Exact,
                ..opts
            },
        );
        assert!(
            matches!(exact, Err(StatsError::MethodUnavailable { .. })),
            "{exact:?}"
        );
        // against the chi-square approximation, which is good at these counts
        let chi = chi_square(&t, false).unwrap().p_value;
        assert!((a.p_value - chi).abs() < 0.05, "{} vs {chi}", a.p_value);
    }
}
