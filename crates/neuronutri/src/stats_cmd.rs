//! `neuronutri stats TEST --data FILE.csv`: one statistical test on columns of a
//! CSV file, printed as JSON, for ad-hoc use and for checking a paper's numbers.
//! The numerics live in `neuronutri-stats`; this module only reads the columns.

use crate::BadInput;
use anyhow::Result;
use neuronutri_stats as st;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const STATS_HELP: &str = "Examples:
  neuronutri stats mann-whitney --data examples/hfs-study/cohort.csv --value b12_pg_ml --group group --groups hfs,control
  neuronutri stats pearson --data examples/hfs-study/cohort.csv --x b12_pg_ml --y spasm_per_day

Every number of the JSON is finite. A one-sided interval's open end is \"-Infinity\" or
\"Infinity\". What cannot be computed is an error (exit code 2) naming the file, the test and
its columns: too few values, a constant column (zero variance), an infinite value, or a result
beyond double precision (values near 1e308 are rescaled exactly, so a constant column of 1e308
is still seen as constant).

Limits: the table as for `study` (10 000 000 rows, 1 000 columns); Shapiro-Wilk up to 5 000
values; Fisher's exact test up to a total count of 1 000 000; exact Mann-Whitney and Spearman
p-values where their work is bounded (else use --method asymptotic).";

/// Which test `neuronutri stats` runs.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum StatsTest {
    /// Mann–Whitney U (needs --value, --group, --groups A,B).
    MannWhitney,
    /// Welch's t test, R's t.test default (needs --value, --group, --groups).
    Welch,
    /// Student's pooled t test, SciPy's ttest_ind default (needs --value, --group, --groups).
    Student,
    /// Shapiro–Wilk normality test, as R's shapiro.test (needs --value).
    Shapiro,
    /// Spearman rank correlation (needs --x, --y).
    Spearman,
    /// Pearson correlation with a Fisher-z interval (needs --x, --y).
    Pearson,
    /// Pearson chi-square of the 2×2 table of two categorical columns (needs --x, --y).
    Chisq,
    /// Fisher's exact test of the 2×2 table of two categorical columns (needs --x, --y).
    Fisher,
    /// OLS regression with β, sr², LMG and VIF (needs --outcome, --predictors).
    Ols,
}

/// How the p-value is computed, where a test offers a choice.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum MethodArg {
    /// R's rule (Mann–Whitney: exact when both groups < 50 and no ties; Spearman: AS 89
    /// when no ties and n ≤ 1290).
    Auto,
    /// Exact (Mann–Whitney with ties: the exact conditional distribution).
    Exact,
    /// Normal (Mann–Whitney) or t (Spearman) approximation: SciPy's results.
    Asymptotic,
}

/// Arguments of `neuronutri stats`.
#[derive(clap::Args)]
#[command(after_help = STATS_HELP)]
pub struct StatsArgs {
    /// The test.
    #[arg(value_enum)]
    test: StatsTest,
    /// The data: CSV with a header row (`,` `;` or tab; decimal point or comma; UTF-8 or
    /// Windows-1251, all detected) or Parquet. Empty, NA, NaN and - cells are missing.
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Numeric column compared between groups, or tested for normality.
    #[arg(long, value_name = "COL")]
    value: Option<String>,
    /// Column holding the group labels.
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// The two group labels to compare, first A then B (U is reported for A).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    groups: Vec<String>,
    /// First column of a correlation or of a 2×2 table.
    #[arg(long, value_name = "COL")]
    x: Option<String>,
    /// Second column of a correlation or of a 2×2 table.
    #[arg(long, value_name = "COL")]
    y: Option<String>,
    /// Outcome column of a regression.
    #[arg(long, value_name = "COL")]
    outcome: Option<String>,
    /// Predictor columns of a regression.
    #[arg(long, value_name = "A,B,C", value_delimiter = ',')]
    predictors: Vec<String>,
    /// p-value method. auto follows R (wilcox.test, cor.test); asymptotic matches
    /// SciPy's mannwhitneyu(method='asymptotic') and spearmanr. SciPy's own auto is exact only
    /// when both groups have at most 8 values and no ties.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    method: MethodArg,
    /// Continuity correction (Mann–Whitney normal approximation; Yates for chisq). On by
    /// default, as in both R and SciPy; `--correct false` turns it off.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    correct: bool,
    /// Alternative hypothesis, about group A (or a positive correlation for greater).
    #[arg(
        long,
        default_value = "two-sided",
        value_name = "two-sided|less|greater"
    )]
    alternative: String,
}

/// The columns of the data file, read by the study crate's table reader (CSV in any
/// delimiter, decimal mark and encoding it detects, or Parquet).
struct Table {
    path: PathBuf,
    table: neuronutri_study::table::Table,
}

impl Table {
    fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path)
            .map_err(|e| BadInput(format!("{}: cannot read: {e}", path.display())))?;
        let table = neuronutri_study::table::read_table(
            &path.display().to_string(),
            &bytes,
            &Default::default(),
        )
        .map_err(|e| BadInput(e.to_string()))?;
        Ok(Self {
            path: path.to_owned(),
            table,
        })
    }

    /// A text column; missing cells are empty strings.
    fn text(&self, name: &str) -> Result<Vec<String>> {
        let column = self.table.text(name).map_err(|e| BadInput(e.to_string()))?;
        Ok(column.into_iter().map(Option::unwrap_or_default).collect())
    }

    /// A numeric column; missing cells (empty, NA, NaN, -) are NaN.
    fn numbers(&self, name: &str) -> Result<Vec<f64>> {
        let column = self
            .table
            .numeric(name)
            .map_err(|e| BadInput(e.to_string()))?;
        Ok(column.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }
}

fn need<'a>(flag: &str, v: &'a Option<String>, test: StatsTest) -> Result<&'a str> {
    v.as_deref()
        .ok_or_else(|| BadInput(format!("{test:?} needs --{flag}")).into())
}

fn stats_err(e: st::StatsError) -> anyhow::Error {
    BadInput(e.to_string()).into()
}

/// A statistics error as the user reads it: the file, the test and the columns it ran on,
/// then what went wrong.
fn on_columns(path: &Path, what: String) -> impl Fn(st::StatsError) -> anyhow::Error {
    let place = format!("{}: {what}", path.display());
    move |e| BadInput(format!("{place}: {e}")).into()
}

/// A column name as messages quote it (cut short when long).
fn q(name: &str) -> String {
    neuronutri_study::quote_short(name)
}

fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).expect("results serialize")
}

/// Runs the test and returns its JSON result.
pub fn run(args: &StatsArgs) -> Result<Value> {
    let table = Table::read(&args.data)?;
    let alt: st::Alternative = args.alternative.parse().map_err(stats_err)?;
    let t = args.test;
    let file = &table.path;
    // What a statistics error names: the test and its columns.
    let place = || -> String {
        let cols =
            |flag: &str, v: &Option<String>| v.as_deref().map(|c| format!("{flag} {}", q(c)));
        let mut parts: Vec<String> = [
            cols("column", &args.value),
            cols("x", &args.x),
            cols("y", &args.y),
            cols("outcome", &args.outcome),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(g) = &args.group {
            let groups: Vec<String> = args.groups.iter().map(|g| q(g)).collect();
            parts.push(format!("by {} (groups {})", q(g), groups.join(" and ")));
        }
        if !args.predictors.is_empty() {
            let p: Vec<String> = args.predictors.iter().map(|p| q(p)).collect();
            parts.push(format!("predictors {}", p.join(", ")));
        }
        format!("{t:?} on {}", parts.join(", "))
    };
    let two_groups = || -> Result<(Vec<f64>, Vec<f64>)> {
        let value_col = need("value", &args.value, t)?;
        let group_col = need("group", &args.group, t)?;
        let value = table.numbers(value_col)?;
        let labels = table.text(group_col)?;
        let [a, b] = args.groups.as_slice() else {
            return Err(BadInput(format!("{t:?} needs --groups A,B with two labels")).into());
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
                let shown: Vec<String> = seen.iter().take(20).map(|l| q(l)).collect();
                return Err(BadInput(format!(
                    "{}: column {} has no row with group {}; its groups are {}{}",
                    file.display(),
                    q(group_col),
                    q(g),
                    if shown.is_empty() {
                        "none".to_owned()
                    } else {
                        shown.join(", ")
                    },
                    if seen.len() > 20 {
                        format!(" and {} more", seen.len() - 20)
                    } else {
                        String::new()
                    }
                ))
                .into());
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
    let pair = || -> Result<(Vec<f64>, Vec<f64>)> {
        Ok((
            table.numbers(need("x", &args.x, t)?)?,
            table.numbers(need("y", &args.y, t)?)?,
        ))
    };
    let mut out = match t {
        StatsTest::MannWhitney => {
            let (a, b) = two_groups()?;
            let opts = st::mann_whitney::MannWhitneyOptions {
                alternative: alt,
                method: match args.method {
                    MethodArg::Auto => st::mann_whitney::Method::Auto,
                    MethodArg::Exact => st::mann_whitney::Method::Exact,
                    MethodArg::Asymptotic => st::mann_whitney::Method::Asymptotic,
                },
                correct: args.correct,
                conf_level: 0.95,
            };
            to_json(
                st::mann_whitney::mann_whitney(&a, &b, &opts).map_err(on_columns(file, place()))?,
            )
        }
        StatsTest::Welch | StatsTest::Student => {
            let (a, b) = two_groups()?;
            let f = if matches!(t, StatsTest::Welch) {
                st::ttest::welch_t
            } else {
                st::ttest::student_t
            };
            to_json(f(&a, &b, alt, 0.95).map_err(on_columns(file, place()))?)
        }
        StatsTest::Shapiro => {
            let v = table.numbers(need("value", &args.value, t)?)?;
            to_json(st::shapiro::shapiro_wilk(&v).map_err(on_columns(file, place()))?)
        }
        StatsTest::Spearman => {
            let (x, y) = pair()?;
            let m = match args.method {
                MethodArg::Auto => st::correlation::SpearmanMethod::Auto,
                MethodArg::Exact => st::correlation::SpearmanMethod::Exact,
                MethodArg::Asymptotic => st::correlation::SpearmanMethod::Asymptotic,
            };
            to_json(st::correlation::spearman(&x, &y, alt, m).map_err(on_columns(file, place()))?)
        }
        StatsTest::Pearson => {
            let (x, y) = pair()?;
            to_json(st::correlation::pearson(&x, &y, alt, 0.95).map_err(on_columns(file, place()))?)
        }
        StatsTest::Chisq | StatsTest::Fisher => {
            let xs = table.text(need("x", &args.x, t)?)?;
            let ys = table.text(need("y", &args.y, t)?)?;
            let levels = |v: &[String], flag: &str| -> Result<Vec<String>> {
                let mut l: Vec<String> = v.iter().filter(|s| !s.is_empty()).cloned().collect();
                l.sort();
                l.dedup();
                if l.len() != 2 {
                    return Err(BadInput(format!(
                        "{}: column given by --{flag} must have exactly 2 values for a 2×2 table, found {}: {}{}",
                        table.path.display(),
                        l.len(),
                        l.iter().take(20).map(|v| q(v)).collect::<Vec<_>>().join(", "),
                        if l.len() > 20 { format!(" and {} more", l.len() - 20) } else { String::new() }
                    ))
                    .into());
                }
                Ok(l)
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
            let mut v = if matches!(t, StatsTest::Chisq) {
                let rows: Vec<Vec<f64>> = counts.iter().map(|r| r.to_vec()).collect();
                to_json(
                    st::contingency::chi_square(&rows, args.correct)
                        .map_err(on_columns(file, place()))?,
                )
            } else {
                to_json(
                    st::contingency::fisher_exact(counts, alt)
                        .map_err(on_columns(file, place()))?,
                )
            };
            v["table"] = json!({"rows": lx, "columns": ly, "counts": counts});
            v
        }
        StatsTest::Ols => {
            let y = table.numbers(need("outcome", &args.outcome, t)?)?;
            if args.predictors.is_empty() {
                return Err(BadInput("Ols needs --predictors A,B,C".into()).into());
            }
            let cols: Vec<Vec<f64>> = args
                .predictors
                .iter()
                .map(|p| table.numbers(p))
                .collect::<Result<_>>()?;
            let preds: Vec<(&str, &[f64])> = args
                .predictors
                .iter()
                .map(String::as_str)
                .zip(cols.iter().map(Vec::as_slice))
                .collect();
            to_json(st::ols::ols(&y, &preds).map_err(on_columns(file, place()))?)
        }
    };
    out["test"] = json!(format!("{t:?}"));
    Ok(out)
}
