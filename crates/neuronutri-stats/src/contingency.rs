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
}

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
    for i in 0..r {
        for j in 0..c {
            let e = rows[i] * cols[j] / n;
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
    let lo = k.saturating_sub(n);
    let hi = k.min(m);
    let lchoose = |n: u64, r: u64| {
        ln_gamma(n as f64 + 1.0) - ln_gamma(r as f64 + 1.0) - ln_gamma((n - r) as f64 + 1.0)
    };
    let logd: Vec<f64> = (lo..=hi)
        .map(|x| lchoose(m, x) + lchoose(n, k - x))
        .collect();
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
