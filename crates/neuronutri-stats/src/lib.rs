//! Statistics for neuronutri: the tests of the HFS study and what a reviewer
//! expects beside them, with numbers that agree with R and SciPy.
//!
//! Two groups: [`ttest`], [`mann_whitney`]; more than two: [`groups`] (ANOVA, Welch's ANOVA,
//! Kruskal–Wallis) and [`posthoc`] (Tukey HSD, Games–Howell, Dunn–Holm); paired designs:
//! [`paired`] (paired t, Wilcoxon signed-rank, McNemar); tables of counts: [`contingency`]
//! (chi-square with R's small-expected-count warning, Fisher 2×2 and r×c); regression:
//! [`ols`] (with HC3 standard errors and residual diagnostics), [`logistic`] (odds ratios
//! with Wald and profile-likelihood intervals) and [`design`] (R's dummy coding of factors and
//! interaction columns); survival: [`survival`] (Kaplan–Meier with Greenwood intervals, median
//! survival, risk tables, log-rank) and [`survival::cox`] (Cox regression with Efron ties and
//! the `cox.zph` test of proportional hazards).
//!
//! The crate is pure: it does no I/O and depends on no other crate of the
//! workspace. Missing values are NaN and are dropped pairwise; every result
//! reports the number of observations it used. Degenerate input (too few
//! values, zero variance, a singular design) is a [`StatsError`], never a NaN
//! presented as a result.
//!
//! Inputs near the ends of the floating-point range (1e308, 5e-324) are handled by
//! rescaling each sample by a power of two (exact) before sums of squares are formed, so a
//! constant column of 1e308 is still seen as constant; an infinite input value, or a result
//! that does not fit in a double (a mean difference of 3e308), is
//! [`StatsError::NotComputable`]. Every entry point checks its numbers after computing them:
//! a result is finite or it is an error.
#![deny(missing_docs)]

pub mod contingency;
pub mod correlation;
pub mod descriptive;
pub mod design;
pub mod dist;
pub mod effect_size;
mod error;
pub mod groups;
pub mod logistic;
pub mod mann_whitney;
pub mod multiple;
pub mod ols;
pub mod paired;
pub mod posthoc;
mod quadrature;
mod rank;
mod root;
pub mod shapiro;
pub mod special;
pub mod survival;
pub mod ttest;

pub use error::{Result, StatsError};

/// Serializes a number that may be infinite by definition (an end of a one-sided interval,
/// an odds ratio at the edge of its support) as a JSON number, or as the string
/// `"Infinity"` / `"-Infinity"` (JSON has no infinity, and serde's `null` would look like a
/// missing number). NaN never reaches here: results are checked finite first.
pub(crate) fn serialize_unbounded<S: serde::Serializer>(
    v: &f64,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    if v.is_infinite() {
        s.serialize_str(if *v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        s.serialize_f64(*v)
    }
}

/// [`serialize_unbounded`] for an optional pair of interval ends.
pub(crate) fn serialize_unbounded_pair<S: serde::Serializer>(
    v: &Option<(f64, f64)>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeTuple;
    match v {
        None => s.serialize_none(),
        Some((lo, hi)) => {
            struct U(f64);
            impl Serialize for U {
                fn serialize<S: serde::Serializer>(
                    &self,
                    s: S,
                ) -> std::result::Result<S::Ok, S::Error> {
                    serialize_unbounded(&self.0, s)
                }
            }
            let mut t = s.serialize_tuple(2)?;
            t.serialize_element(&U(*lo))?;
            t.serialize_element(&U(*hi))?;
            t.end()
        }
    }
}

/// A number as messages quote it: plain when moderate (`0.25`, `317`), in scientific notation
/// when very large or small (`1e308`, `5e-324`), so that no message prints 300 digits.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || !v.is_finite() || (1e-4..1e9).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

use serde::Serialize;

/// The alternative hypothesis of a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alternative {
    /// The effect differs from the null in either direction.
    #[default]
    TwoSided,
    /// The first sample (or the correlation) is smaller than under the null.
    Less,
    /// The first sample (or the correlation) is larger than under the null.
    Greater,
}

impl std::str::FromStr for Alternative {
    type Err = StatsError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "two-sided" | "two.sided" | "two_sided" => Ok(Self::TwoSided),
            "less" => Ok(Self::Less),
            "greater" => Ok(Self::Greater),
            other => Err(error::invalid("alternative", format!("`{other}`"))),
        }
    }
}
