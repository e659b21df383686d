//! Typed errors for every statistical routine, so that degenerate input is reported
//! as a clear message instead of a NaN that looks like a result.

use thiserror::Error;

/// Why a statistic could not be computed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// Fewer non-missing observations than the method needs.
    #[error("{what} needs at least {needed} non-missing values, got {got}")]
    TooFewValues {
        /// The method or sample that is too small.
        what: &'static str,
        /// Minimum number of values.
        needed: usize,
        /// Number of non-missing values supplied.
        got: usize,
    },
    /// More observations than the method supports.
    #[error("{what} supports at most {max} values, got {got}")]
    TooManyValues {
        /// The method whose limit was exceeded.
        what: &'static str,
        /// Maximum number of values.
        max: usize,
        /// Number of values supplied.
        got: usize,
    },
    /// Every value is the same, so a variance or a range is zero.
    #[error("{what} has zero variance: every value equals {}", crate::short_number(*value))]
    ZeroVariance {
        /// The sample or variable that is constant.
        what: String,
        /// The constant value.
        value: f64,
    },
    /// Two inputs that must be paired have different lengths.
    #[error("paired inputs differ in length: {left} and {right}")]
    LengthMismatch {
        /// Length of the first input.
        left: usize,
        /// Length of the second input.
        right: usize,
    },
    /// A parameter is outside its valid range.
    #[error("invalid {name}: {value}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// The offending value, formatted.
        value: String,
    },
    /// The regression design matrix is rank-deficient.
    #[error("singular design: predictor `{predictor}` is a linear combination of the intercept and the predictors before it")]
    SingularDesign {
        /// Name of the first predictor found to be collinear.
        predictor: String,
    },
    /// The predictors reproduce the outcome exactly, so the residual variance, the standard
    /// errors and every test are undefined.
    #[error("the predictors fit the outcome exactly (residual sum of squares {rss:e}); standard errors and p-values are undefined")]
    PerfectFit {
        /// The residual sum of squares.
        rss: f64,
    },
    /// A contingency table with a zero row or column total.
    #[error("contingency table has a zero margin: {table}")]
    ZeroMargin {
        /// The table, formatted row by row.
        table: String,
    },
    /// The statistic cannot be represented in double precision for this input (an infinite
    /// value, or a result beyond about 1.8e308): reported instead of an `inf` or `NaN` that
    /// would look like a number.
    #[error("{what} cannot be computed: {why}")]
    NotComputable {
        /// The statistic or input concerned.
        what: String,
        /// Why, in words.
        why: String,
    },
    /// One group of a several-group test has fewer values than the test needs.
    #[error("group {group:?} has {got} non-missing values; {test} needs at least {needed} in each group")]
    GroupTooSmall {
        /// The group, as the caller named it.
        group: String,
        /// The test.
        test: &'static str,
        /// Minimum number of values per group.
        needed: usize,
        /// Non-missing values in that group.
        got: usize,
    },
    /// The predictors separate a binary outcome, so the maximum-likelihood estimates do not
    /// exist (they run off to infinity).
    #[error("no maximum-likelihood estimate: {detail}; consider removing or merging the predictor (or level) that separates it, or a penalized (Firth) fit")]
    Separation {
        /// What was seen.
        detail: String,
    },
    /// An iterative fit did not settle.
    #[error("{what} did not converge in {iterations} steps")]
    NotConverged {
        /// The fit.
        what: String,
        /// Steps taken.
        iterations: usize,
    },
    /// The requested method cannot be used on this input.
    #[error("method `{method}` is not available here: {reason}")]
    MethodUnavailable {
        /// The method requested.
        method: &'static str,
        /// Why it is not available.
        reason: String,
    },
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, StatsError>;

pub(crate) fn invalid(name: &'static str, value: impl std::fmt::Display) -> StatsError {
    StatsError::InvalidParameter {
        name,
        value: value.to_string(),
    }
}

/// Fails with [`StatsError::NotComputable`] naming the first field of `fields` that is not a
/// finite number: the check every entry point makes on its results after computing them.
pub(crate) fn ensure_finite(what: &str, fields: &[(&str, f64)]) -> Result<()> {
    match fields.iter().find(|(_, v)| !v.is_finite()) {
        None => Ok(()),
        Some((name, v)) => Err(StatsError::NotComputable {
            what: what.to_owned(),
            why: format!(
                "{name} {} in double precision (the inputs are too far apart or too close to \
                 the limits of the floating-point range)",
                if v.is_nan() {
                    "is undefined"
                } else {
                    "overflows"
                }
            ),
        }),
    }
}

/// Fails with [`StatsError::NotComputable`] when `x` holds an infinite value (NaN is a missing
/// value and is allowed).
pub(crate) fn reject_infinite(what: &str, x: &[f64]) -> Result<()> {
    match x.iter().position(|v| v.is_infinite()) {
        None => Ok(()),
        Some(i) => Err(StatsError::NotComputable {
            what: what.to_owned(),
            why: format!(
                "value number {} is {}infinite",
                i + 1,
                if x[i] < 0.0 { "minus " } else { "" }
            ),
        }),
    }
}
