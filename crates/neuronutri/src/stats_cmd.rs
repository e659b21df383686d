//! `neuronutri stats TEST --data FILE.csv`: one statistical test on columns of a
//! CSV file, printed as JSON, for ad-hoc use and for checking a paper's numbers.
//! The columns are picked by `neuronutri_study::adhoc` (shared with `POST /api/stats`), the
//! numerics live in `neuronutri-stats`; this module only reads the arguments and the file.

use crate::BadInput;
use anyhow::Result;
use neuronutri_study::adhoc;
use serde_json::Value;
use std::path::PathBuf;

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

impl From<StatsTest> for adhoc::Test {
    fn from(t: StatsTest) -> Self {
        match t {
            StatsTest::MannWhitney => adhoc::Test::MannWhitney,
            StatsTest::Welch => adhoc::Test::Welch,
            StatsTest::Student => adhoc::Test::Student,
            StatsTest::Shapiro => adhoc::Test::Shapiro,
            StatsTest::Spearman => adhoc::Test::Spearman,
            StatsTest::Pearson => adhoc::Test::Pearson,
            StatsTest::Chisq => adhoc::Test::Chisq,
            StatsTest::Fisher => adhoc::Test::Fisher,
            StatsTest::Ols => adhoc::Test::Ols,
        }
    }
}

/// Runs the test and returns its JSON result.
pub fn run(args: &StatsArgs) -> Result<Value> {
    let path = &args.data;
    let bytes = std::fs::read(path)
        .map_err(|e| BadInput(format!("{}: cannot read: {e}", path.display())))?;
    let table =
        neuronutri_table::read_table(&path.display().to_string(), &bytes, &Default::default())
            .map_err(|e| BadInput(e.to_string()))?;
    let request = adhoc::Request {
        test: args.test.into(),
        value: args.value.clone(),
        group: args.group.clone(),
        groups: args.groups.clone(),
        x: args.x.clone(),
        y: args.y.clone(),
        outcome: args.outcome.clone(),
        predictors: args.predictors.clone(),
        method: match args.method {
            MethodArg::Auto => adhoc::Method::Auto,
            MethodArg::Exact => adhoc::Method::Exact,
            MethodArg::Asymptotic => adhoc::Method::Asymptotic,
        },
        correct: args.correct,
        alternative: args.alternative.clone(),
    };
    adhoc::run(&table, &request).map_err(|e| BadInput(e.message(|f| format!("--{f}"))).into())
}
