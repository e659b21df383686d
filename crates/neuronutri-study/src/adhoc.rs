//! One statistical test on the columns of a cohort table, as `neuronutri stats` and the
//! service's `POST /api/stats` both run it: the columns are picked and grouped here, the
//! numerics are `neuronutri-stats`'. Keeping this in one place means the command line and
//! the HTTP API give the same numbers and the same errors.

use crate::quote_short as q;
use crate::table::Table;
use neuronutri_stats as st;
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt;

/// Which test runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Test {
    /// Mann–Whitney U (value, group, groups A,B).
    MannWhitney,
    /// Welch's t test, R's t.test default (value, group, groups).
    Welch,
    /// Student's pooled t test, SciPy's ttest_ind default (value, group, groups).
    Student,
    /// Shapiro–Wilk normality test, as R's shapiro.test (value).
    Shapiro,
    /// Spearman rank correlation (x, y).
    Spearman,
    /// Pearson correlation with a Fisher-z interval (x, y).
    Pearson,
    /// Pearson chi-square of the 2×2 table of two categorical columns (x, y).
    Chisq,
    /// Fisher's exact test of the 2×2 table of two categorical columns (x, y).
    Fisher,
    /// OLS regression with β, sr², LMG and VIF (outcome, predictors).
    Ols,
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// How the p-value is computed, where a test offers a choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// R's rule (Mann–Whitney: exact when both groups < 50 and no ties; Spearman: AS 89
    /// when no ties and n ≤ 1290).
    #[default]
    Auto,
    /// Exact.
    Exact,
    /// Normal (Mann–Whitney) or t (Spearman) approximation: SciPy's results.
    Asymptotic,
}

/// What to run: the test and the columns it reads.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The test.
    pub test: Test,
    /// Numeric column compared between groups, or tested for normality.
    #[serde(default)]
    pub value: Option<String>,
    /// Column holding the group labels.
    #[serde(default)]
    pub group: Option<String>,
    /// The two group labels to compare, first A then B.
    #[serde(default)]
    pub groups: Vec<String>,
    /// First column of a correlation or of a 2×2 table.
    #[serde(default)]
    pub x: Option<String>,
    /// Second column of a correlation or of a 2×2 table.
    #[serde(default)]
    pub y: Option<String>,
    /// Outcome column of a regression.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Predictor columns of a regression.
    #[serde(default)]
    pub predictors: Vec<String>,
    /// p-value method.
    #[serde(default)]
    pub method: Method,
    /// Continuity correction (Mann–Whitney normal approximation; Yates for chisq).
    #[serde(default = "yes")]
    pub correct: bool,
    /// `two-sided`, `less` or `greater`.
    #[serde(default = "two_sided")]
    pub alternative: String,
}

fn yes() -> bool {
    true
}

fn two_sided() -> String {
    "two-sided".into()
}

/// Why a test did not run.
#[derive(Debug, PartialEq, Eq)]
pub enum AdhocError {
    /// The test needs this field of the request (`value`, `group`, `groups`, `x`, `y`,
    /// `outcome`, `predictors`); each interface names it its own way (`--value`, `value`).
    Missing {
        /// The test.
        test: Test,
        /// The field.
        field: &'static str,
        /// What the field must hold, when more than its presence is asked.
        what: &'static str,
    },
    /// Anything else, already naming the file and the columns.
    Bad(String),
}

impl AdhocError {
    /// The message, with missing fields named by `field_name` (e.g. `|f| format!("--{f}")`).
    pub fn message(&self, field_name: impl Fn(&str) -> String) -> String {
        match self {
            AdhocError::Missing { test, field, what } => {
                format!("{test} needs {}{what}", field_name(field))
            }
            AdhocError::Bad(message) => message.clone(),
        }
    }
}

fn need<'a>(test: Test, field: &'static str, v: &'a Option<String>) -> Result<&'a str, AdhocError> {
    v.as_deref().ok_or(AdhocError::Missing {
        test,
        field,
        what: "",
    })
}

fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).expect("results serialize")
}

/// A list quoted short, at most 20 items, then how many more.
fn shown(items: &[&str]) -> String {
    let mut s: Vec<String> = items.iter().take(20).map(|l| q(l)).collect();
    if items.len() > 20 {
        s.push(format!("and {} more", items.len() - 20));
    }
    s.join(", ")
}

/// Runs the test on the table and returns its JSON result, `test` naming the test.
pub fn run(table: &Table, req: &Request) -> Result<Value, AdhocError> {
    let file = table.file();
    let bad = |e: String| AdhocError::Bad(e);
    let text = |name: &str| -> Result<Vec<String>, AdhocError> {
        let column = table.text(name).map_err(|e| bad(e.to_string()))?;
        Ok(column.into_iter().map(Option::unwrap_or_default).collect())
    };
    // missing cells (empty, NA, NaN, -) are NaN
    let numbers = |name: &str| -> Result<Vec<f64>, AdhocError> {
        let column = table.numeric(name).map_err(|e| bad(e.to_string()))?;
        Ok(column.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    };
    let alt: st::Alternative = req
        .alternative
        .parse()
        .map_err(|e: st::StatsError| bad(e.to_string()))?;
    let t = req.test;
    // What a statistics error names: the file, the test and its columns.
    let place = {
        let cols =
            |label: &str, v: &Option<String>| v.as_deref().map(|c| format!("{label} {}", q(c)));
        let mut parts: Vec<String> = [
            cols("column", &req.value),
            cols("x", &req.x),
            cols("y", &req.y),
            cols("outcome", &req.outcome),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(g) = &req.group {
            let groups: Vec<String> = req.groups.iter().map(|g| q(g)).collect();
            parts.push(format!("by {} (groups {})", q(g), groups.join(" and ")));
        }
        if !req.predictors.is_empty() {
            let p: Vec<String> = req.predictors.iter().map(|p| q(p)).collect();
            parts.push(format!("predictors {}", p.join(", ")));
        }
        format!("{file}: {t} on {}", parts.join(", "))
    };
    let on_columns = |e: st::StatsError| bad(format!("{place}: {e}"));
    let two_groups = || -> Result<(Vec<f64>, Vec<f64>), AdhocError> {
        let value_col = need(t, "value", &req.value)?;
        let group_col = need(t, "group", &req.group)?;
        let value = numbers(value_col)?;
        let labels = text(group_col)?;
        let [a, b] = req.groups.as_slice() else {
            return Err(AdhocError::Missing {
                test: t,
                field: "groups",
                what: " A,B with two labels",
            });
        };
        for g in [a, b] {
            if !labels.iter().any(|l| l == g) {
                let mut seen: Vec<&str> = labels
                    .iter()
                    .map(String::as_str)
                    .filter(|l| !l.is_empty())
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                return Err(bad(format!(
                    "{file}: column {} has no row with group {}; its groups are {}",
                    q(group_col),
                    q(g),
                    if seen.is_empty() {
                        "none".to_owned()
                    } else {
                        shown(&seen)
                    },
                )));
            }
        }
        let pick = |g: &str| -> Vec<f64> {
            value
                .iter()
                .zip(&labels)
                .filter(|(_, l)| *l == g)
                .map(|(v, _)| *v)
                .collect()
        };
        Ok((pick(a), pick(b)))
    };
    let pair = || -> Result<(Vec<f64>, Vec<f64>), AdhocError> {
        Ok((
            numbers(need(t, "x", &req.x)?)?,
            numbers(need(t, "y", &req.y)?)?,
        ))
    };
    let mut out = match t {
        Test::MannWhitney => {
            let (a, b) = two_groups()?;
            let opts = st::mann_whitney::MannWhitneyOptions {
                alternative: alt,
                method: match req.method {
                    Method::Auto => st::mann_whitney::Method::Auto,
                    Method::Exact => st::mann_whitney::Method::Exact,
                    Method::Asymptotic => st::mann_whitney::Method::Asymptotic,
                },
                correct: req.correct,
                conf_level: 0.95,
            };
            to_json(st::mann_whitney::mann_whitney(&a, &b, &opts).map_err(on_columns)?)
        }
        Test::Welch | Test::Student => {
            let (a, b) = two_groups()?;
            let f = if t == Test::Welch {
                st::ttest::welch_t
            } else {
                st::ttest::student_t
            };
            to_json(f(&a, &b, alt, 0.95).map_err(on_columns)?)
        }
        Test::Shapiro => {
            let v = numbers(need(t, "value", &req.value)?)?;
            to_json(st::shapiro::shapiro_wilk(&v).map_err(on_columns)?)
        }
        Test::Spearman => {
            let (x, y) = pair()?;
            let m = match req.method {
                Method::Auto => st::correlation::SpearmanMethod::Auto,
                Method::Exact => st::correlation::SpearmanMethod::Exact,
                Method::Asymptotic => st::correlation::SpearmanMethod::Asymptotic,
            };
            to_json(st::correlation::spearman(&x, &y, alt, m).map_err(on_columns)?)
        }
        Test::Pearson => {
            let (x, y) = pair()?;
            to_json(st::correlation::pearson(&x, &y, alt, 0.95).map_err(on_columns)?)
        }
        Test::Chisq | Test::Fisher => {
            let xs = text(need(t, "x", &req.x)?)?;
            let ys = text(need(t, "y", &req.y)?)?;
            let levels = |v: &[String], field: &str| -> Result<Vec<String>, AdhocError> {
                let mut l: Vec<&str> = v
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                l.sort_unstable();
                l.dedup();
                if l.len() != 2 {
                    return Err(bad(format!(
                        "{file}: column given by {field} must have exactly 2 values for a 2×2 table, found {}: {}",
                        l.len(),
                        shown(&l)
                    )));
                }
                Ok(l.into_iter().map(str::to_owned).collect())
            };
            let (lx, ly) = (levels(&xs, "x")?, levels(&ys, "y")?);
            let mut counts = [[0.0f64; 2]; 2];
            for (a, b) in xs.iter().zip(&ys) {
                if let (Some(i), Some(j)) = (
                    lx.iter().position(|l| l == a),
                    ly.iter().position(|l| l == b),
                ) {
                    counts[i][j] += 1.0;
                }
            }
            let mut v = if t == Test::Chisq {
                let rows: Vec<Vec<f64>> = counts.iter().map(|r| r.to_vec()).collect();
                to_json(st::contingency::chi_square(&rows, req.correct).map_err(on_columns)?)
            } else {
                to_json(st::contingency::fisher_exact(counts, alt).map_err(on_columns)?)
            };
            v["table"] = json!({"rows": lx, "columns": ly, "counts": counts});
            v
        }
        Test::Ols => {
            let y = numbers(need(t, "outcome", &req.outcome)?)?;
            if req.predictors.is_empty() {
                return Err(AdhocError::Missing {
                    test: t,
                    field: "predictors",
                    what: " A,B,C",
                });
            }
            let cols: Vec<Vec<f64>> = req
                .predictors
                .iter()
                .map(|p| numbers(p))
                .collect::<Result<_, _>>()?;
            let preds: Vec<(&str, &[f64])> = req
                .predictors
                .iter()
                .map(String::as_str)
                .zip(cols.iter().map(Vec::as_slice))
                .collect();
            to_json(st::ols::ols(&y, &preds).map_err(on_columns)?)
        }
    };
    out["test"] = json!(t.to_string());
    Ok(out)
}
