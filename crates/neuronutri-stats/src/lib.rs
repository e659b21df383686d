//! Statistics for neuronutri: the tests of the HFS study and what a reviewer
//! expects beside them, with numbers that agree with R and SciPy.
//!
//! The crate is pure: it does no I/O and depends on no other crate of the
//! workspace. Missing values are NaN and are dropped pairwise; every result
//! reports the number of observations it used. Degenerate input (too few
//! values, zero variance, a singular design) is a [`StatsError`], never a NaN
//! presented as a result.
#![deny(missing_docs)]

pub mod contingency;
pub mod correlation;
pub mod descriptive;
pub mod dist;
mod error;
pub mod mann_whitney;
pub mod multiple;
pub mod ols;
mod rank;
pub mod shapiro;
pub mod special;
pub mod ttest;

pub use error::{Result, StatsError};

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
