//! The study report: runs a protocol's analyses on a cohort table and keeps every number it
//! shows, typed (for `report.json`) and as printed (for the Markdown, HTML and CSV tables).
//!
//! Methods, as the report's own methods note states them:
//! - numeric variables: n, mean ± SD (n − 1), median [Q1; Q3] (R type 7), Shapiro–Wilk
//!   (AS R94) per group; "auto" summaries and tests read normality at the protocol's alpha;
//! - two groups: Mann–Whitney U (R's `wilcox.test` method choice, continuity-corrected normal
//!   approximation with ties) with the rank-biserial correlation and the Hodges–Lehmann
//!   shift, or Welch / Student t with the 95 % CI of the difference and Hedges' g;
//! - categorical variables: Pearson chi-square (Yates for 2×2), Fisher's exact test for a 2×2
//!   table with an expected count below 5;
//! - correlations: Spearman (R's p-value method by default) or Pearson, Benjamini–Hochberg
//!   q-values within the table, scatter with the least-squares line;
//! - regression: OLS with b, SE, 95 % CI, standardized β (and its CI), t, p, sr², LMG and VIF;
//!   categorical predictors in R's treatment coding and interactions, HC3 standard errors,
//!   residual and Q–Q plots; logistic regression with odds ratios and Wald and
//!   profile-likelihood intervals (`regression`);
//! - survival: Kaplan–Meier with Greenwood log-scale intervals, median survival and risk
//!   tables, the log-rank test, Cox regression with Efron ties and the cox.zph test
//!   (`survival`).
//!
//! Missing values are dropped per analysis (pairwise for correlations, listwise for a
//! regression) and every analysis reports the n it used. A statistic that cannot be computed
//! (too few values, zero variance) is shown as "—" with the reason, not as an error of the
//! whole report. No I/O: the caller reads the table and writes the outputs.

use crate::plot::{self, Figure};
use crate::protocol::{
    Analysis, CorrelationMethod, GroupTest, Grouping, PStyle, PairedTest, PostHoc, Protocol, Rows,
    StudyError, Summary, Variable,
};
use crate::table::{Categories, Table, MISSING};
use neuronutri_stats::contingency::{chi_square, fisher_exact};
use neuronutri_stats::correlation::{pearson, spearman, spearman_in_place};
use neuronutri_stats::descriptive::describe_sorted;
use neuronutri_stats::dist::t_quantile;
use neuronutri_stats::effect_size as es;
use neuronutri_stats::mann_whitney::{mann_whitney, mann_whitney_presorted, MannWhitneyOptions};
use neuronutri_stats::multiple::benjamini_hochberg;
use neuronutri_stats::shapiro::shapiro_wilk;
use neuronutri_stats::ttest::{student_t, welch_t};
use neuronutri_stats::Alternative;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

mod regression;
mod survival;
pub use regression::{LogisticFit, LogisticRow};
pub use survival::{CoxFit, RiskGroup, SurvivalGroup};

/// What the report needs of a cohort table: typed columns and a way to name a row.
pub trait Columns: Sync {
    /// The file as named to the user.
    fn file(&self) -> &str;
    /// A description of the format as read (delimiter, decimal mark, encoding).
    fn format(&self) -> String;
    /// Number of data rows.
    fn n_rows(&self) -> usize;
    /// Numbers of a column (missing → `None`); a malformed cell is an error naming it.
    fn numeric(&self, column: &str) -> Result<Vec<Option<f64>>, String>;
    /// Text of a column (missing → `None`).
    fn text(&self, column: &str) -> Result<Vec<Option<String>>, String>;
    /// How a message names data row `i` (0-based), e.g. "row 12 (line 13)".
    fn row_name(&self, i: usize) -> String;
    /// Numbers of a column, NaN for a missing value; a malformed cell is an error naming
    /// it. The default copies [`Columns::numeric`]; a typed table lends its column.
    fn numbers(&self, column: &str) -> Result<Cow<'_, [f64]>, String> {
        let values = self.numeric(column)?;
        Ok(Cow::Owned(
            values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
        ))
    }
    /// Text of a column as categories (each distinct text once, a code per row). The
    /// default builds them from [`Columns::text`]; a typed table has them already.
    fn categories(&self, column: &str) -> Result<Categories, String> {
        let mut index = HashMap::new();
        let mut names = Vec::new();
        let codes = self
            .text(column)?
            .into_iter()
            .map(|cell| match cell {
                None => MISSING,
                Some(text) => *index.entry(text).or_insert_with_key(|k: &String| {
                    names.push(k.clone());
                    (names.len() - 1) as u32
                }),
            })
            .collect();
        Ok(Categories { names, codes })
    }
}

/// The cohort table as read from a file: numbers and categories straight from its typed
/// columns.
impl Columns for Table {
    fn file(&self) -> &str {
        Table::file(self)
    }
    fn format(&self) -> String {
        Table::format(self).to_owned()
    }
    fn n_rows(&self) -> usize {
        Table::n_rows(self)
    }
    fn numeric(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
        Table::numeric(self, column).map_err(|e| e.to_string())
    }
    fn text(&self, column: &str) -> Result<Vec<Option<String>>, String> {
        Table::text(self, column).map_err(|e| e.to_string())
    }
    fn row_name(&self, i: usize) -> String {
        match self.line_of_row(i) {
            Some(line) => format!("row {} (line {line})", i + 1),
            None => format!("row {}", i + 1),
        }
    }
    fn numbers(&self, column: &str) -> Result<Cow<'_, [f64]>, String> {
        Table::numbers(self, column).map_err(|e| e.to_string())
    }
    fn categories(&self, column: &str) -> Result<Categories, String> {
        Table::categories(self, column).map_err(|e| e.to_string())
    }
}

/// Where the data came from.
#[derive(Debug, Clone, Serialize)]
pub struct DataInfo {
    /// The file as named to the user.
    pub file: String,
    /// The format as read.
    pub format: String,
    /// Data rows in the file.
    pub rows: usize,
}

/// A group of the protocol and its size.
#[derive(Debug, Clone, Serialize)]
pub struct GroupInfo {
    /// Level in the group column.
    pub name: String,
    /// Label for people.
    pub label: String,
    /// Rows of this group.
    pub n: usize,
}

/// A figure of the report; its files are `plots/{id}.svg` and `plots/{id}.png`.
#[derive(Debug, Clone, Serialize)]
pub struct FigureInfo {
    /// File stem.
    pub id: String,
    /// Caption.
    pub title: String,
    /// The SVG, for the caller to write; not part of `report.json`.
    #[serde(skip)]
    pub svg: String,
    /// The PNG, for the caller to write; not part of `report.json`.
    #[serde(skip)]
    pub png: Vec<u8>,
}

/// One group's summary of a numeric variable.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSummary {
    /// Group level.
    pub group: String,
    /// Values used.
    pub n: usize,
    /// Rows of the group with no value.
    pub missing: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD (n − 1).
    pub sd: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// First quartile (R type 7).
    pub q1: Option<f64>,
    /// Third quartile (R type 7).
    pub q3: Option<f64>,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// Shapiro–Wilk W.
    pub shapiro_w: Option<f64>,
    /// Shapiro–Wilk p.
    pub shapiro_p: Option<f64>,
}

/// The test of one row.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// "Mann–Whitney U", "Welch t", "Student t", "chi-square", "Fisher exact".
    pub test: String,
    /// The statistic (U of the first group, t, X²); `None` for Fisher.
    pub statistic: Option<f64>,
    /// Degrees of freedom where the test has them.
    pub df: Option<f64>,
    /// Two-sided p-value.
    pub p_value: f64,
    /// How p was computed ("exact", "asymptotic", "exact-conditional", "t", ...).
    pub method: String,
    /// The effect size and its confidence interval.
    pub effect: Option<Effect>,
    /// Mean difference (t tests) or Hodges–Lehmann shift (Mann–Whitney), first minus second;
    /// in a paired table the mean change (paired t) or the pseudo-median of the changes
    /// (Wilcoxon signed-rank, R's `wilcox.test(paired = TRUE, conf.int = TRUE)` estimate).
    pub shift: Option<f64>,
    /// CI of the shift at the protocol's `conf_level`, when the method gives one (not for a
    /// pseudo-median when R cannot reach that level with so few pairs and lowers it).
    pub shift_ci: Option<(f64, f64)>,
    /// Denominator degrees of freedom of an F test (the ANOVAs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df2: Option<f64>,
}

/// The effect size of a test, with its confidence interval when one could be computed. In
/// `report.json`: `{"name": "Hedges' g", "value": 0.53, "ci": [0.12, 0.94], "ci_level": 0.95,
/// "ci_method": "noncentral t"}`; an infinite end of `ci` (an odds ratio's) is `"Infinity"`.
#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    /// "Hedges' g", "d_z", "rank-biserial r", "odds ratio (conditional MLE)", "Cramér's V",
    /// "η²", "Cohen's g" (McNemar) or "rank ε²" (Kruskal–Wallis).
    pub name: String,
    /// The estimate.
    pub value: f64,
    /// The confidence interval at `ci_level`; a one-sided one (V, η²) ends at 1.
    #[serde(serialize_with = "unbounded_pair")]
    pub ci: Option<(f64, f64)>,
    /// The confidence level of `ci` (the protocol's `conf_level`).
    pub ci_level: Option<f64>,
    /// How `ci` is computed, e.g. "noncentral t" or "noncentral F, one-sided".
    pub ci_method: Option<String>,
}

impl Effect {
    /// An effect whose interval is `ci` (from `neuronutri_stats::effect_size`); the value is
    /// `value`, as the test computed it.
    fn new(
        name: &str,
        value: f64,
        ci: neuronutri_stats::Result<neuronutri_stats::effect_size::EffectCi>,
    ) -> Effect {
        let ci = ci.ok();
        Effect {
            name: name.to_owned(),
            value,
            ci: ci.as_ref().map(|c| (c.ci_low, c.ci_high)),
            ci_level: ci.as_ref().map(|c| c.conf_level),
            ci_method: ci.map(|c| match c.alternative {
                Alternative::TwoSided => c.method.to_owned(),
                _ => format!("{}, one-sided", c.method),
            }),
        }
    }

    /// The table cell: "Hedges' g = 0.53 [0.12; 0.94]" (the level is in the column header);
    /// an infinite odds ratio (an empty cell) is "∞".
    fn text(&self) -> String {
        // the protocol's `[format] decimals.effect` (2 by default)
        let d = effect_decimals();
        let value = if self.value == f64::INFINITY {
            "∞".to_owned()
        } else {
            fixed(self.value, d)
        };
        match self.ci {
            Some((lo, hi)) if hi == f64::INFINITY => {
                format!("{} = {value} [{}; ∞]", self.name, fixed(lo, d))
            }
            Some((lo, hi)) => format!(
                "{} = {value} [{}; {}]",
                self.name,
                fixed(lo, d),
                fixed(hi, d)
            ),
            None => format!("{} = {value}", self.name),
        }
    }
}

/// An optional interval whose ends may be infinite: `"Infinity"` / `"-Infinity"` in JSON
/// (which has no infinity; `null` would read as a missing number).
fn unbounded_pair<S: serde::Serializer>(v: &Option<(f64, f64)>, s: S) -> Result<S::Ok, S::Error> {
    let end = |x: f64| -> serde_json::Value {
        if x.is_infinite() {
            serde_json::Value::from(if x > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            serde_json::Value::from(x)
        }
    };
    match v {
        None => s.serialize_none(),
        Some((lo, hi)) => [end(*lo), end(*hi)].serialize(s),
    }
}

/// The header of the effect-size column: "Effect size (95 % CI)".
fn effect_header(conf_level: f64) -> String {
    format!("Effect size ({} % CI)", level_percent(conf_level))
}

/// A confidence level as a percentage: 0.95 → "95", 0.975 → "97.5".
pub(crate) fn level_percent(conf_level: f64) -> String {
    let p = (conf_level * 1e6).round() / 1e4;
    format!("{p}")
}

/// The normal quantile z₍₁₊level₎/₂ of a Wald interval b ± z·SE as the notes print it: "1.96"
/// at 0.95, else three decimals ("1.645" at 0.9).
pub(crate) fn z_text(conf_level: f64) -> String {
    if conf_level == 0.95 {
        "1.96".to_owned()
    } else {
        let z = neuronutri_stats::dist::normal_quantile((1.0 + conf_level) / 2.0);
        format!("{z:.3}")
    }
}

/// One category of a categorical variable: counts and percentages per group.
#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    /// Level.
    pub level: String,
    /// Count per group, in group order.
    pub counts: Vec<usize>,
    /// Percent of the group's non-missing values, in group order.
    pub percents: Vec<Option<f64>>,
}

/// A row of a characteristics or comparison table.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum VariableRow {
    /// A numeric variable.
    Numeric {
        /// Variable name.
        variable: String,
        /// Per group, in group order.
        groups: Vec<GroupSummary>,
        /// "mean_sd" or "median_iqr": what the printed table shows.
        shown: &'static str,
        /// The test, when it could be computed.
        test: Option<TestResult>,
        /// Why the test is missing.
        test_error: Option<String>,
        /// Standardized mean difference as R's tableone prints it (characteristics tables).
        #[serde(skip_serializing_if = "Option::is_none")]
        smd: Option<f64>,
    },
    /// A categorical variable.
    Categorical {
        /// Variable name.
        variable: String,
        /// Non-missing values per group.
        n: Vec<usize>,
        /// Missing values per group.
        missing: Vec<usize>,
        /// Counts per level.
        levels: Vec<LevelCount>,
        /// The test, when it could be computed.
        test: Option<TestResult>,
        /// Why the test is missing.
        test_error: Option<String>,
        /// Yang & Dalton's standardized mean difference as R's tableone prints it.
        #[serde(skip_serializing_if = "Option::is_none")]
        smd: Option<f64>,
    },
}

/// The pairwise comparisons of one variable after its several-group test.
#[derive(Debug, Clone, Serialize)]
pub struct PostHocRow {
    /// Variable name.
    pub variable: String,
    /// The comparisons, when they could be computed.
    pub result: Option<neuronutri_stats::posthoc::PostHoc>,
    /// Why they could not.
    pub error: Option<String>,
}

/// A row of a paired table.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PairedRow {
    /// A numeric variable: summaries at both occasions over the complete pairs.
    Numeric {
        /// Variable name.
        variable: String,
        /// Complete pairs.
        n: usize,
        /// Summary at each occasion (complete pairs only).
        times: Vec<GroupSummary>,
        /// Mean change (second minus first) and its CI at `conf_level` (from the paired t).
        change: Option<(f64, (f64, f64))>,
        /// Shapiro–Wilk p of the differences.
        shapiro_p: Option<f64>,
        /// The test, when it could be computed.
        test: Option<TestResult>,
        /// Why the test is missing.
        test_error: Option<String>,
    },
    /// A categorical variable of two levels: the paired 2×2 table and McNemar's test.
    Categorical {
        /// Variable name.
        variable: String,
        /// Complete pairs.
        n: usize,
        /// Counts [[first level at both, first then second], [second then first, second at
        /// both]].
        table: [[usize; 2]; 2],
        /// The test, when it could be computed.
        test: Option<TestResult>,
        /// Why the test is missing.
        test_error: Option<String>,
    },
}

/// A row of a correlations table.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelationRow {
    /// First variable.
    pub x: String,
    /// Second variable.
    pub y: String,
    /// Complete pairs used.
    pub n: usize,
    /// Rows of the table left out for a missing value of x or y.
    pub dropped: usize,
    /// ρ or r.
    pub coefficient: Option<f64>,
    /// p-value.
    pub p_value: Option<f64>,
    /// Benjamini–Hochberg q over the table's p-values.
    pub q_value: Option<f64>,
    /// How p was computed.
    pub method: Option<String>,
    /// CI at the protocol's `conf_level` (Pearson, Fisher z).
    pub ci: Option<(f64, f64)>,
    /// Least-squares line of y on x: (intercept, slope), as drawn.
    pub fit: Option<(f64, f64)>,
    /// Why the correlation is missing.
    pub error: Option<String>,
}

/// A coefficient of a regression table.
#[derive(Debug, Clone, Serialize)]
pub struct CoefficientRow {
    /// "(Intercept)" or the predictor.
    pub name: String,
    /// b.
    pub estimate: f64,
    /// SE of b.
    pub std_error: f64,
    /// CI of b at the protocol's `conf_level`.
    pub ci: (f64, f64),
    /// Standardized β.
    pub beta: Option<f64>,
    /// CI of β at the protocol's `conf_level` (the CI of b rescaled by SD(x)/SD(y)).
    pub beta_ci: Option<(f64, f64)>,
    /// t.
    pub t: f64,
    /// p.
    pub p_value: f64,
    /// Squared semi-partial correlation.
    pub sr2: Option<f64>,
    /// LMG share of R².
    pub lmg: Option<f64>,
    /// Variance inflation factor.
    pub vif: Option<f64>,
}

/// A regression's fit.
#[derive(Debug, Clone, Serialize)]
pub struct RegressionFit {
    /// Outcome.
    pub outcome: String,
    /// Complete rows used.
    pub n: usize,
    /// Rows dropped for a missing value.
    pub dropped: usize,
    /// R².
    pub r_squared: f64,
    /// Adjusted R².
    pub adj_r_squared: f64,
    /// F.
    pub f: f64,
    /// Numerator degrees of freedom.
    pub df_model: usize,
    /// Residual degrees of freedom.
    pub df_resid: usize,
    /// p of F.
    pub f_p_value: f64,
    /// Intercept, then predictors.
    pub coefficients: Vec<CoefficientRow>,
    /// `"HC3"` when the standard errors (and so CIs, t and p) are HC3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covariance: Option<&'static str>,
}

/// The numbers of one table.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Results {
    /// Characteristics table.
    Characteristics {
        /// Grouping used.
        groups: Vec<GroupInfo>,
        /// Rows.
        rows: Vec<VariableRow>,
    },
    /// Group comparisons.
    Comparison {
        /// Grouping used.
        groups: Vec<GroupInfo>,
        /// Rows.
        rows: Vec<VariableRow>,
    },
    /// Correlations.
    Correlations {
        /// Group the rows were restricted to.
        within: Option<String>,
        /// "spearman" or "pearson".
        method: &'static str,
        /// Rows.
        rows: Vec<CorrelationRow>,
    },
    /// Pairwise comparisons after the several-group tests of the table `of`.
    PostHoc {
        /// Id of the table whose tests these follow.
        of: String,
        /// One entry per numeric variable of that table.
        rows: Vec<PostHocRow>,
    },
    /// Paired (before/after) comparisons.
    Paired {
        /// The two occasions, in order.
        times: [String; 2],
        /// Subjects with a row at both occasions.
        subjects: usize,
        /// Rows.
        rows: Vec<PairedRow>,
    },
    /// Regression.
    Regression {
        /// Group the rows were restricted to.
        within: Option<String>,
        /// The fit, when it could be computed.
        fit: Option<RegressionFit>,
        /// Why it could not.
        error: Option<String>,
        /// A logistic model's fit (then `fit` is empty).
        #[serde(skip_serializing_if = "Option::is_none")]
        logistic: Option<Box<LogisticFit>>,
    },
    /// Kaplan–Meier estimates per group and the log-rank test.
    Survival {
        /// Group the rows were restricted to.
        within: Option<String>,
        /// The time column.
        time: String,
        /// The status column.
        status: String,
        /// The stated event value or level (`None`: 1, or the second level).
        event: Option<String>,
        /// Rows of the groups without a time or a status.
        dropped: usize,
        /// One estimate per group, in group order.
        groups: Vec<SurvivalGroup>,
        /// The log-rank test, when it could be computed.
        log_rank: Option<neuronutri_stats::survival::LogRank>,
        /// Why it could not.
        log_rank_error: Option<String>,
    },
    /// Number at risk and survival at chosen times, after the survival table `of`.
    RiskTable {
        /// Id of the survival table.
        of: String,
        /// The times.
        times: Vec<f64>,
        /// Per group with an estimate.
        groups: Vec<RiskGroup>,
    },
    /// The Cox model of the survival table `of`.
    Cox {
        /// Id of the survival table.
        of: String,
        /// The fit, when it could be computed.
        fit: Option<Box<CoxFit>>,
        /// Why it could not.
        error: Option<String>,
    },
    /// The proportional-hazards test (R's cox.zph) of the Cox model of the table `of`.
    ProportionalHazards {
        /// Id of the survival table.
        of: String,
        /// The test, when it could be computed.
        zph: Option<neuronutri_stats::survival::cox::Zph>,
        /// Why it could not.
        error: Option<String>,
    },
}

/// One table of the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTable {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Header of the printed table.
    pub header: Vec<String>,
    /// Printed rows (the same strings in Markdown, HTML and CSV).
    pub rows: Vec<Vec<String>>,
    /// Notes under the table.
    pub notes: Vec<String>,
    /// The numbers behind the printed rows.
    pub results: Results,
    /// Ids of the table's figures.
    pub figures: Vec<String>,
}

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Title.
    pub title: String,
    /// Source of the protocol's numbers or design.
    pub source: Option<String>,
    /// The protocol file.
    pub protocol: String,
    /// The data.
    pub data: DataInfo,
    /// The protocol's groups and their sizes.
    pub groups: Vec<GroupInfo>,
    /// Rows in no group of the protocol (other level, or the group cell empty).
    pub rows_outside_groups: usize,
    /// Significance level of the normality rule.
    pub alpha: f64,
    /// How the numbers were computed.
    pub methods: Vec<String>,
    /// Tables, in protocol order.
    pub tables: Vec<ReportTable>,
    /// Figures, in table order.
    pub figures: Vec<FigureInfo>,
    /// The language of the printed texts (`en` is left out of `report.json`).
    #[serde(skip_serializing_if = "is_english")]
    pub lang: String,
    /// Printed texts with no translation into `lang`, kept in English (where: text).
    #[serde(skip)]
    pub untranslated: Vec<String>,
    /// The same analyses as an R script ([`crate::rcode`]); written as `analysis.R` and shown
    /// under the methods, not part of `report.json`.
    #[serde(skip)]
    pub r_code: String,
}

fn is_english(lang: &str) -> bool {
    lang == "en"
}

/// How many progress steps [`run`] reports for this protocol (one per table, one per figure).
pub fn steps(protocol: &Protocol) -> usize {
    protocol
        .tables
        .iter()
        .map(|t| {
            1 + match &t.analysis {
                Analysis::Characteristics { .. } => 0,
                Analysis::Comparison { variables, .. } => variables.len(),
                Analysis::Correlations { pairs, .. } => pairs.len(),
                Analysis::Regression {
                    model: crate::protocol::RegressionModel::Linear,
                    diagnostics: true,
                    ..
                } => 2,
                Analysis::Regression { .. } => 1,
                Analysis::Paired { .. } => 0,
                Analysis::Survival { .. } => 1,
            }
        })
        .sum()
}

/// Printed decimals of a variable: the protocol's, else by the magnitude of its values.
fn decimals_for(v: &Variable, values: &[f64]) -> usize {
    if let Some(d) = v.decimals {
        return d as usize;
    }
    if let Some(d) = crate::format::decimals().mean {
        return d;
    }
    let m = values
        .iter()
        .filter(|x| x.is_finite())
        .fold(0.0f64, |a, &x| a.max(x.abs()));
    if m >= 100.0 {
        0
    } else if m >= 10.0 {
        1
    } else {
        2
    }
}

/// A number with fixed decimals, "-0" printed as "0"; magnitudes of 10^15 and above (where
/// fixed notation would print hundreds of digits) in scientific notation with as many
/// significant decimals, and a non-finite number as "—" (never "NaN" or "inf" in a table).
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return DASH.to_owned();
    }
    if x.abs() >= 1e15 {
        return format!("{x:.decimals$e}");
    }
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_owned()
    } else {
        s
    }
}

thread_local! {
    /// The p style of the report being built on this thread (set by [`run`]).
    static P_STYLE: std::cell::Cell<PStyle> = const { std::cell::Cell::new(PStyle::Default) };
}

/// Restores the p style of this thread when dropped.
struct PStyleScope(PStyle);

impl PStyleScope {
    fn enter(style: PStyle) -> PStyleScope {
        PStyleScope(P_STYLE.with(|s| s.replace(style)))
    }
}

impl Drop for PStyleScope {
    fn drop(&mut self) {
        P_STYLE.with(|s| s.set(self.0));
    }
}

/// A p-value as papers print it, in the protocol's `p_style`: "<0.001" or three decimals
/// (default); APA's "<.001", ".023" without the leading zero (and ">.999"); or "exact",
/// two significant digits below 0.001 ("2.1e−4").
pub fn p_text(p: f64) -> String {
    // `[format] decimals.p`: 3 by default, so the smallest printed p is 0.001
    let d = crate::format::decimals().p;
    let smallest = 10f64.powi(-(d as i32));
    match P_STYLE.with(std::cell::Cell::get) {
        PStyle::Default if p < smallest => format!("<{}", fixed(smallest, d)),
        PStyle::Apa if p < smallest => format!("<{}", &fixed(smallest, d)[1..]),
        PStyle::Apa if p > 1.0 - smallest => format!(">{}", &fixed(1.0 - smallest, d)[1..]),
        PStyle::Apa => {
            let t = fixed(p, d);
            t.strip_prefix('0').map(str::to_owned).unwrap_or(t)
        }
        PStyle::Exact if p < 1e-300 => "<1e\u{2212}300".into(),
        PStyle::Exact if p < smallest => format!("{p:.1e}").replace("e-", "e\u{2212}"),
        _ => fixed(p, d),
    }
}

/// A p-value as a sentence prints it: "= 0.012" or "< 0.001" (in the p style).
pub(crate) fn p_phrase(p: f64) -> String {
    let t = p_text(p);
    if let Some(rest) = t.strip_prefix('<') {
        format!("< {rest}")
    } else if let Some(rest) = t.strip_prefix('>') {
        format!("> {rest}")
    } else {
        format!("= {t}")
    }
}

const DASH: &str = "—";

/// Decimals of a test statistic: the protocol's `[format] decimals.statistic`, else `default`.
fn stat(default: usize) -> usize {
    crate::format::decimals().statistic.unwrap_or(default)
}

/// Decimals of a percentage (`[format] decimals.percent`).
fn pct_decimals() -> usize {
    crate::format::decimals().percent
}

/// Decimals of an effect size or a standardized β (`[format] decimals.effect`).
fn effect_decimals() -> usize {
    crate::format::decimals().effect
}

struct Cohort<'a> {
    protocol: &'a Protocol,
    data: &'a dyn Columns,
    /// The protocol's group column.
    group: Categories,
    /// The protocol's own grouping and its rows, split once for every table that uses it.
    main: Option<(Grouping, Vec<Vec<u32>>)>,
}

impl<'a> Cohort<'a> {
    fn err(&self, message: String) -> StudyError {
        StudyError::new(self.data.file(), None, message)
    }

    /// A message of the table reader, which names the file itself.
    fn data_err(message: String) -> StudyError {
        StudyError::new("", None, message)
    }

    /// The numbers of a column, NaN for missing (lent by a typed table, not copied).
    fn numbers(&self, column: &str) -> Result<Cow<'a, [f64]>, StudyError> {
        self.data.numbers(column).map_err(Self::data_err)
    }

    fn categories(&self, column: &str) -> Result<Categories, StudyError> {
        self.data.categories(column).map_err(Self::data_err)
    }

    /// Rows kept by `within`; without it, the rows of the protocol's groups (a row of no
    /// group, such as a pilot case, is in no analysis). Row indices, ascending.
    fn keep(&self, within: Option<&str>) -> Vec<u32> {
        let kept = self.kept_groups(within);
        rows_where(&self.group.codes, |code| kept[code as usize])
    }

    /// For each name of the group column, whether `keep` keeps its rows.
    fn kept_groups(&self, within: Option<&str>) -> Vec<bool> {
        self.group
            .names
            .iter()
            .map(|name| match within {
                Some(w) => name == w,
                None => self.protocol.groups.iter().any(|l| l == name),
            })
            .collect()
    }

    /// The rows of a correlations or regression table: those of the group `within`, else
    /// every row (`Rows::All`) or the rows of the protocol's groups (`Rows::Groups`).
    fn table_rows(&self, within: Option<&str>, rows: Rows) -> Vec<u32> {
        match (within, rows) {
            (None, Rows::All) => (0..self.group.codes.len() as u32).collect(),
            (w, _) => self.keep(w),
        }
    }

    /// The rows of each of `grouping.levels` (ascending); a row in neither is in no list.
    fn split(&self, grouping: &Grouping) -> Result<Cow<'_, [Vec<u32>]>, StudyError> {
        if let Some((main, rows)) = &self.main {
            if main == grouping {
                return Ok(Cow::Borrowed(rows));
            }
        }
        let other;
        let column = if grouping.column == self.protocol.group {
            &self.group
        } else {
            other = self.categories(&grouping.column)?;
            &other
        };
        let level: Vec<Option<usize>> = column
            .names
            .iter()
            .map(|name| grouping.levels.iter().position(|l| l == name))
            .collect();
        let mut out = vec![Vec::new(); grouping.levels.len()];
        // the rows `keep` gives, without listing them first
        let kept = self.kept_groups(grouping.within.as_deref());
        for (row, (&g, &code)) in (0u32..).zip(self.group.codes.iter().zip(&column.codes)) {
            if g == MISSING || !kept[g as usize] {
                continue;
            }
            if let Some(l) = level.get(code as usize).copied().flatten() {
                out[l].push(row);
            }
        }
        Ok(Cow::Owned(out))
    }

    fn group_infos(&self, grouping: &Grouping, split: &[Vec<u32>]) -> Vec<GroupInfo> {
        grouping
            .levels
            .iter()
            .zip(split)
            .map(|(l, rows)| GroupInfo {
                name: l.clone(),
                label: self.protocol.level_label(l).to_owned(),
                n: rows.len(),
            })
            .collect()
    }
}

/// The rows whose code (not [`MISSING`]) passes `keep`.
fn rows_where(codes: &[u32], keep: impl Fn(u32) -> bool) -> Vec<u32> {
    codes
        .iter()
        .enumerate()
        .filter(|&(_, &code)| code != MISSING && keep(code))
        .map(|(row, _)| row as u32)
        .collect()
}

/// The values of the given rows.
fn gather(values: &[f64], rows: &[u32]) -> Vec<f64> {
    rows.iter().map(|&row| values[row as usize]).collect()
}

fn by_group(values: &[f64], split: &[Vec<u32>]) -> Vec<Vec<f64>> {
    split.iter().map(|rows| gather(values, rows)).collect()
}

/// The summary of one group's values, and those values without NaN sorted ascending (when
/// they could be described: finite), for the rank test and the box of the same group.
fn summarise(group: &str, values: &[f64]) -> (GroupSummary, Option<Vec<f64>>) {
    let (d, sorted) = match describe_sorted(values) {
        Ok((d, sorted)) => (Some(d), Some(sorted)),
        Err(_) => (None, None),
    };
    let sw = shapiro_wilk(values).ok();
    let n = match &sorted {
        Some(v) => v.len(),
        None => values.iter().filter(|v| !v.is_nan()).count(),
    };
    let summary = GroupSummary {
        group: group.to_owned(),
        n,
        missing: values.len() - n,
        mean: d.as_ref().map(|d| d.mean),
        sd: d.as_ref().and_then(|d| d.sd),
        median: d.as_ref().map(|d| d.median),
        q1: d.as_ref().map(|d| d.q1),
        q3: d.as_ref().map(|d| d.q3),
        min: d.as_ref().map(|d| d.min),
        max: d.as_ref().map(|d| d.max),
        shapiro_w: sw.as_ref().map(|s| s.w),
        shapiro_p: sw.as_ref().map(|s| s.p_value),
    };
    (summary, sorted)
}

fn looks_normal(groups: &[GroupSummary], alpha: f64) -> bool {
    groups
        .iter()
        .all(|g| g.shapiro_p.is_some_and(|p| p >= alpha))
}

/// `sorted`: the values of `a` and `b` without NaN, sorted, when [`summarise`] has them (the
/// rank test then merges them instead of ranking the pooled sample again: same numbers).
fn two_group_test(
    test: GroupTest,
    a: &[f64],
    b: &[f64],
    sorted: Option<(&[f64], &[f64])>,
    normal: bool,
    conf_level: f64,
) -> Result<TestResult, String> {
    let test = match test {
        GroupTest::Auto if normal => GroupTest::Welch,
        GroupTest::Auto => GroupTest::MannWhitney,
        t => t,
    };
    // (the several-group tests never come here: `is_k_group` sends them to their own path)
    match test {
        GroupTest::MannWhitney | GroupTest::KruskalWallis => {
            let opts = MannWhitneyOptions {
                conf_level,
                ..Default::default()
            };
            // an error is reported as the unsorted samples give it
            let r = sorted
                .and_then(|(xs, ys)| mann_whitney_presorted(xs, ys, &opts).ok())
                .map_or_else(|| mann_whitney(a, b, &opts), Ok)
                .map_err(|e| e.to_string())?;
            Ok(TestResult {
                test: "Mann–Whitney U".into(),
                statistic: Some(r.u),
                df: None,
                p_value: r.p_value,
                method: r.method.into(),
                effect: Some(Effect::new(
                    "rank-biserial r",
                    r.rank_biserial,
                    es::rank_biserial_ci(
                        r.rank_biserial,
                        r.n1,
                        r.n2,
                        conf_level,
                        Alternative::TwoSided,
                    ),
                )),
                shift: r.hodges_lehmann,
                shift_ci: r.hl_ci,
                df2: None,
            })
        }
        GroupTest::Welch
        | GroupTest::Student
        | GroupTest::Auto
        | GroupTest::Anova
        | GroupTest::WelchAnova => {
            let (name, r) = if matches!(test, GroupTest::Student | GroupTest::Anova) {
                (
                    "Student t",
                    student_t(a, b, Alternative::TwoSided, conf_level),
                )
            } else {
                ("Welch t", welch_t(a, b, Alternative::TwoSided, conf_level))
            };
            let r = r.map_err(|e| e.to_string())?;
            Ok(TestResult {
                test: name.into(),
                statistic: Some(r.t),
                df: Some(r.df),
                p_value: r.p_value,
                method: "t".into(),
                effect: Some(Effect::new(
                    "Hedges' g",
                    r.hedges_g,
                    es::hedges_g(a, b, conf_level, Alternative::TwoSided),
                )),
                shift: Some(r.mean_diff),
                shift_ci: Some((r.ci_low, r.ci_high)),
                df2: None,
            })
        }
    }
}

/// One numeric variable split into the groups of a table: summaries, normality and the test.
struct NumericByGroup<'a> {
    /// The column, every row (NaN for missing).
    values: Cow<'a, [f64]>,
    /// The values of each group, in group order.
    per_group: Vec<Vec<f64>>,
    summaries: Vec<GroupSummary>,
    /// The values of each group without NaN, sorted (`None` where they are not finite).
    sorted: Vec<Option<Vec<f64>>>,
    /// Shapiro–Wilk does not reject normality in any group.
    normal: bool,
    test: Option<TestResult>,
    test_error: Option<String>,
    /// Pairwise comparisons (more than two groups).
    posthoc: Option<PostHocRow>,
}

fn numeric_by_group<'a>(
    cohort: &Cohort<'a>,
    name: &str,
    split: &[Vec<u32>],
    groups: &[GroupInfo],
    test: GroupTest,
    posthoc: PostHoc,
) -> Result<NumericByGroup<'a>, StudyError> {
    let values = cohort.numbers(name)?;
    let per_group = by_group(&values, split);
    let (summaries, sorted): (Vec<GroupSummary>, Vec<Option<Vec<f64>>>) = groups
        .iter()
        .zip(&per_group)
        .map(|(g, x)| summarise(&g.name, x))
        .unzip();
    let normal = looks_normal(&summaries, cohort.protocol.alpha);
    let (test, test_error, posthoc) = if is_k_group(test, groups.len()) {
        k_group_or_reason(
            name,
            test,
            posthoc,
            groups,
            &summaries,
            &per_group,
            normal,
            cohort.protocol.conf_level,
        )
    } else {
        let (t, e) = test_or_reason(
            test,
            groups,
            &summaries,
            &per_group,
            &sorted,
            normal,
            cohort.protocol.conf_level,
        );
        (t, e, None)
    };
    Ok(NumericByGroup {
        values,
        per_group,
        summaries,
        sorted,
        normal,
        test,
        test_error,
        posthoc,
    })
}

/// Adds the row "  Missing" (n and % of each group's rows) under a variable of a
/// characteristics table when a group misses a value; returns whether it did.
fn missing_row(rows: &mut Vec<Vec<String>>, missing: &[usize], split: &[Vec<u32>]) -> bool {
    if missing.iter().all(|&m| m == 0) {
        return false;
    }
    let mut row = vec!["  Missing".to_string()];
    for (&m, group) in missing.iter().zip(split) {
        row.push(if group.is_empty() {
            DASH.into()
        } else {
            format!(
                "{m} ({}%)",
                fixed(100.0 * m as f64 / group.len() as f64, pct_decimals())
            )
        });
    }
    // blank test, statistic, p, effect size and SMD cells: as wide as the table's other rows
    let width = rows.first().map_or(row.len(), Vec::len);
    row.resize(width.max(row.len()), String::new());
    rows.push(row);
    true
}

/// "label: values missing per group [..]" when any group has a missing value.
fn missing_note(label: &str, summaries: &[GroupSummary]) -> Option<String> {
    summaries.iter().any(|g| g.missing > 0).then(|| {
        format!(
            "{label}: values missing per group {:?}",
            summaries.iter().map(|g| g.missing).collect::<Vec<_>>()
        )
    })
}

/// Puts which rows a correlations or regression table used first among its notes: those of
/// one group, of the protocol's groups, or the whole cohort.
fn rows_note(
    protocol: &Protocol,
    within: Option<&str>,
    rows: Rows,
    n: usize,
    notes: &mut Vec<String>,
) {
    match (within, rows) {
        (Some(_), _) => within_note(protocol, within, notes),
        (None, Rows::All) => notes.insert(0, format!("Rows: the whole cohort ({n} rows).")),
        (None, Rows::Groups) => {
            let labels: Vec<&str> = protocol
                .groups
                .iter()
                .map(|g| protocol.level_label(g))
                .collect();
            notes.insert(
                0,
                format!("Rows of the groups {} ({n} rows).", labels.join(", ")),
            );
        }
    }
}

/// Puts "Rows of the group X." first among a table's notes when it is restricted to a group.
fn within_note(protocol: &Protocol, within: Option<&str>, notes: &mut Vec<String>) {
    if let Some(w) = within {
        notes.insert(0, format!("Rows of the group {}.", protocol.level_label(w)));
    }
}

/// The two-group test, or why there is none (a group without values says so by name).
fn test_or_reason(
    test: GroupTest,
    groups: &[GroupInfo],
    summaries: &[GroupSummary],
    values: &[Vec<f64>],
    sorted: &[Option<Vec<f64>>],
    normal: bool,
    conf_level: f64,
) -> (Option<TestResult>, Option<String>) {
    if let Some((g, _)) = groups.iter().zip(summaries).find(|(_, s)| s.n == 0) {
        return (None, Some(format!("the group {} has no values", g.label)));
    }
    let sorted = match sorted {
        [Some(a), Some(b)] => Some((a.as_slice(), b.as_slice())),
        _ => None,
    };
    match two_group_test(test, &values[0], &values[1], sorted, normal, conf_level) {
        Ok(t) => (Some(t), None),
        Err(e) => (None, Some(e)),
    }
}

/// Whether a table's numeric variables get a several-group test: more than two groups, or
/// one of the several-group tests named.
fn is_k_group(test: GroupTest, groups: usize) -> bool {
    groups > 2
        || matches!(
            test,
            GroupTest::Anova | GroupTest::WelchAnova | GroupTest::KruskalWallis
        )
}

/// The several-group test of one variable and its pairwise comparisons, or why there are
/// none. Groups are named by their labels in the kernels' messages and the comparisons.
#[allow(clippy::too_many_arguments)]
fn k_group_or_reason(
    variable: &str,
    test: GroupTest,
    posthoc: PostHoc,
    groups: &[GroupInfo],
    summaries: &[GroupSummary],
    values: &[Vec<f64>],
    normal: bool,
    conf_level: f64,
) -> (Option<TestResult>, Option<String>, Option<PostHocRow>) {
    let test = match test {
        GroupTest::Auto if normal => GroupTest::WelchAnova,
        GroupTest::Auto | GroupTest::MannWhitney => GroupTest::KruskalWallis,
        GroupTest::Welch => GroupTest::WelchAnova,
        GroupTest::Student => GroupTest::Anova,
        t => t,
    };
    let posthoc = match posthoc {
        // two groups: the test is their only comparison
        _ if groups.len() < 3 => PostHoc::None,
        PostHoc::Auto => match test {
            GroupTest::Anova => PostHoc::Tukey,
            GroupTest::WelchAnova => PostHoc::GamesHowell,
            _ => PostHoc::Dunn,
        },
        p => p,
    };
    if let Some((g, _)) = groups.iter().zip(summaries).find(|(_, s)| s.n == 0) {
        let why = format!("the group {} has no values", g.label);
        let row = (posthoc != PostHoc::None).then(|| PostHocRow {
            variable: variable.to_owned(),
            result: None,
            error: Some(why.clone()),
        });
        return (None, Some(why), row);
    }
    let named: Vec<(&str, &[f64])> = groups
        .iter()
        .zip(values)
        .map(|(g, v)| (g.label.as_str(), v.as_slice()))
        .collect();
    use neuronutri_stats::groups as kg;
    let result = match test {
        GroupTest::Anova => kg::one_way_anova(&named).map(|r| TestResult {
            test: "one-way ANOVA".into(),
            statistic: Some(r.f),
            df: Some(r.df1),
            p_value: r.p_value,
            method: "F, equal variances".into(),
            effect: Some(Effect::new(
                "η²",
                r.eta_squared,
                es::eta_squared_ci(r.f, r.df1, r.df2, conf_level, Alternative::Greater),
            )),
            shift: None,
            shift_ci: None,
            df2: Some(r.df2),
        }),
        GroupTest::WelchAnova => kg::welch_anova(&named).map(|r| TestResult {
            test: "Welch's ANOVA".into(),
            statistic: Some(r.f),
            df: Some(r.df1),
            p_value: r.p_value,
            method: "F, Welch's unequal variances".into(),
            effect: Some(Effect::new(
                "η² (Welch)",
                r.f * r.df1 / (r.f * r.df1 + r.df2),
                es::eta_squared_ci(r.f, r.df1, r.df2, conf_level, Alternative::Greater),
            )),
            shift: None,
            shift_ci: None,
            df2: Some(r.df2),
        }),
        _ => kg::kruskal_wallis(&named).map(|r| TestResult {
            test: "Kruskal–Wallis".into(),
            statistic: Some(r.h),
            df: Some(r.df),
            p_value: r.p_value,
            method: "chi-square approximation, tie-corrected".into(),
            effect: Some(Effect::new(
                "rank ε²",
                r.h / (r.n as f64 - 1.0),
                es::rank_epsilon_squared(
                    &named,
                    conf_level,
                    Alternative::Greater,
                    es::RANK_EPSILON_RESAMPLES,
                    es::RANK_EPSILON_SEED,
                ),
            )),
            shift: None,
            shift_ci: None,
            df2: None,
        }),
    };
    use neuronutri_stats::posthoc as ph;
    let pairwise = match posthoc {
        PostHoc::None => None,
        PostHoc::Tukey => Some(ph::tukey_hsd(&named, conf_level)),
        PostHoc::GamesHowell => Some(ph::games_howell(&named, conf_level)),
        _ => Some(ph::dunn(&named)),
    };
    let row = pairwise.map(|r| match r {
        Ok(r) => PostHocRow {
            variable: variable.to_owned(),
            result: Some(r),
            error: None,
        },
        Err(e) => PostHocRow {
            variable: variable.to_owned(),
            result: None,
            error: Some(e.to_string()),
        },
    });
    match result {
        Ok(t) => (Some(t), None, row),
        Err(e) => (None, Some(e.to_string()), row),
    }
}

/// The test of a categorical variable over more than two groups: Pearson's chi-square, or
/// the Fisher–Freeman–Halton test (exact, or Monte Carlo with a fixed seed for large tables)
/// when an expected count is below 5, where R's chisq.test warns "Chi-squared approximation
/// may be incorrect". Empty levels and groups are left out of the table.
fn categorical_test_k(counts: &[Vec<usize>], conf_level: f64) -> Result<TestResult, String> {
    let rows: Vec<&Vec<usize>> = counts.iter().filter(|r| r.iter().any(|&c| c > 0)).collect();
    if rows.len() < 2 {
        return Err("only one category occurs, there is nothing to test".into());
    }
    let cols: Vec<usize> = (0..rows[0].len())
        .filter(|&j| rows.iter().any(|r| r[j] > 0))
        .collect();
    if cols.len() < 2 {
        return Err("only one group has values, there is nothing to test".into());
    }
    let table: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| cols.iter().map(|&j| r[j] as f64).collect())
        .collect();
    let chi = chi_square(&table, true).map_err(|e| e.to_string())?;
    let v = cramers_v_effect(&table, conf_level);
    if chi.warning.is_some() {
        use neuronutri_stats::contingency::{fisher_rxc, RxcOptions};
        let opts = RxcOptions::default();
        if let Ok(r) = fisher_rxc(&table, &opts) {
            return Ok(TestResult {
                test: "Fisher–Freeman–Halton".into(),
                statistic: None,
                df: None,
                p_value: r.p_value,
                method: match r.replicates {
                    None => "exact (an expected count is below 5)".into(),
                    Some(b) => format!(
                        "Monte Carlo, {b} tables, seed {} (an expected count is below 5)",
                        opts.seed
                    ),
                },
                effect: v,
                shift: None,
                shift_ci: None,
                df2: None,
            });
        }
    }
    Ok(TestResult {
        test: "chi-square".into(),
        statistic: Some(chi.chi2),
        df: Some(chi.df),
        p_value: chi.p_value,
        method: match chi.warning {
            Some(w) => format!("Pearson ({w}: an expected count is below 5)"),
            None if chi.yates => "Pearson, Yates' correction".into(),
            None => "Pearson".into(),
        },
        effect: v,
        shift: None,
        shift_ci: None,
        df2: None,
    })
}

/// Cramér's V (bias-corrected) with its one-sided interval, as `effectsize::cramers_v`.
fn cramers_v_effect(table: &[Vec<f64>], conf_level: f64) -> Option<Effect> {
    let v = es::cramers_v(table, true, conf_level, Alternative::Greater);
    let value = v.as_ref().ok()?.estimate;
    Some(Effect::new("Cramér's V", value, v))
}

fn categorical_test(counts: &[Vec<usize>], conf_level: f64) -> Result<TestResult, String> {
    // counts[level][group]
    let table: Vec<Vec<f64>> = counts
        .iter()
        .filter(|row| row.iter().any(|&c| c > 0))
        .map(|row| row.iter().map(|&c| c as f64).collect())
        .collect();
    if table.len() < 2 {
        return Err("only one category occurs, there is nothing to test".into());
    }
    let total: f64 = table.iter().flatten().sum();
    let col: Vec<f64> = (0..table[0].len())
        .map(|j| table.iter().map(|r| r[j]).sum())
        .collect();
    let small = table.iter().any(|r| {
        let row: f64 = r.iter().sum();
        col.iter().any(|c| row * c / total < 5.0)
    });
    if small && table.len() == 2 && table[0].len() == 2 {
        let cells = [[table[0][0], table[0][1]], [table[1][0], table[1][1]]];
        let r = fisher_exact(cells, Alternative::TwoSided).map_err(|e| e.to_string())?;
        let ci = es::fisher_odds_ratio_ci(cells, conf_level, Alternative::TwoSided).ok();
        return Ok(TestResult {
            test: "Fisher exact".into(),
            statistic: None,
            df: None,
            p_value: r.p_value,
            method: "exact (an expected count is below 5)".into(),
            effect: Some(Effect {
                name: "odds ratio (conditional MLE)".into(),
                value: r.odds_ratio,
                ci,
                ci_level: ci.map(|_| conf_level),
                ci_method: ci.map(|_| "conditional exact (Fisher)".into()),
            }),
            shift: None,
            shift_ci: None,
            df2: None,
        });
    }
    let r = chi_square(&table, true).map_err(|e| e.to_string())?;
    Ok(TestResult {
        test: "chi-square".into(),
        statistic: Some(r.chi2),
        df: Some(r.df),
        p_value: r.p_value,
        method: if r.yates {
            "Pearson, Yates' correction".into()
        } else {
            "Pearson".into()
        },
        effect: cramers_v_effect(&table, conf_level),
        shift: None,
        shift_ci: None,
        df2: None,
    })
}

/// The effect-size cell of a row: the effect and its interval, or "—".
fn effect_cell(test: &Option<TestResult>) -> String {
    match test.as_ref().and_then(|t| t.effect.as_ref()) {
        Some(e) => e.text(),
        None => DASH.into(),
    }
}

/// The SMD cell of a characteristics row (two decimals, as tableone prints it).
fn smd_cell(smd: Option<f64>) -> String {
    smd.map_or_else(|| DASH.into(), |v| fixed(v, 2))
}

fn test_cells(
    test: &Option<TestResult>,
    error: &Option<String>,
    notes: &mut Vec<String>,
    variable: &str,
) -> [String; 3] {
    match test {
        Some(t) => [
            t.test.clone(),
            match (t.statistic, t.df) {
                (Some(s), Some(df)) if t.df2.is_some() => {
                    let df2 = t.df2.unwrap_or_default();
                    let d2 = if df2.fract() == 0.0 { 0 } else { 1 };
                    format!(
                        "{} (df {}, {})",
                        fixed(s, stat(2)),
                        fixed(df, 0),
                        fixed(df2, d2)
                    )
                }
                (Some(s), Some(df))
                    if t.test.contains("chi")
                        || t.test.starts_with("Kruskal")
                        || t.test.starts_with("McNemar") =>
                {
                    format!("{} (df {})", fixed(s, stat(2)), fixed(df, 0))
                }
                (Some(s), Some(df)) => format!("{} (df {})", fixed(s, stat(2)), fixed(df, 1)),
                (Some(s), None) => fixed(s, stat(1)),
                _ => DASH.into(),
            },
            p_text(t.p_value),
        ],
        None => {
            if let Some(e) = error {
                notes.push(format!("{variable}: no test: {e}"));
            }
            [DASH.into(), DASH.into(), DASH.into()]
        }
    }
}

fn mean_sd_text(g: &GroupSummary, d: usize) -> String {
    match (g.mean, g.sd) {
        (Some(m), Some(s)) => format!("{} ± {}", fixed(m, d), fixed(s, d)),
        (Some(m), None) => fixed(m, d),
        _ => DASH.into(),
    }
}

fn median_iqr_text(g: &GroupSummary, d: usize) -> String {
    match (g.median, g.q1, g.q3) {
        (Some(m), Some(a), Some(b)) => {
            format!("{} [{}; {}]", fixed(m, d), fixed(a, d), fixed(b, d))
        }
        _ => DASH.into(),
    }
}

fn group_header(g: &GroupInfo) -> String {
    format!("{} (n = {})", g.label, g.n)
}

/// Runs every analysis of the protocol on the data. `progress` is called once per step
/// ([`steps`] in all) with what was just done. The report speaks the protocol's `lang`
/// (see [`crate::i18n`]).
pub fn run(
    protocol: &Protocol,
    data: &dyn Columns,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, StudyError> {
    let _p_style = PStyleScope::enter(protocol.p_style);
    let _format = crate::format::Scope::enter(protocol.format);
    let localizer = crate::i18n::Localizer::for_protocol(protocol).map(std::rc::Rc::new);
    let _figures_speak = crate::i18n::Scope::enter(localizer.clone());
    let mut report = run_english(protocol, data, progress)?;
    if let Some(l) = &localizer {
        l.localize(&mut report);
    }
    Ok(report)
}

/// The report in English, the reference language.
fn run_english(
    protocol: &Protocol,
    data: &dyn Columns,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, StudyError> {
    let group = data.categories(&protocol.group).map_err(Cohort::data_err)?;
    let mut cohort = Cohort {
        protocol,
        data,
        group,
        main: None,
    };
    // Check every column the protocol names before any work, so a typo fails at once.
    for v in &protocol.variables {
        if let Some(levels) = &v.levels {
            let values = cohort.categories(&v.name)?;
            let bad: Vec<bool> = values.names.iter().map(|n| !levels.contains(n)).collect();
            if let Some(i) = values
                .codes
                .iter()
                .position(|&code| code != MISSING && bad[code as usize])
            {
                let value = &values.names[values.codes[i] as usize];
                return Err(cohort.err(format!(
                    "{}, column {:?}: value {value:?} is not one of the protocol's levels {levels:?}",
                    data.row_name(i),
                    v.name
                )));
            }
        } else {
            cohort.numbers(&v.name)?;
        }
    }
    let main = Grouping {
        within: None,
        column: protocol.group.clone(),
        levels: protocol.groups.clone(),
    };
    let main_split = cohort.split(&main)?.into_owned();
    let groups = cohort.group_infos(&main, &main_split);
    for g in &groups {
        if g.n == 0 {
            return Err(cohort.err(format!(
                "column {:?}: no row has the group {:?}",
                protocol.group, g.name
            )));
        }
    }
    let rows_outside_groups = data.n_rows() - main_split.iter().map(Vec::len).sum::<usize>();
    cohort.main = Some((main, main_split));

    let (tables, figures) = run_tables(&cohort, progress)?;
    let mut report = Report {
        title: protocol.title.clone(),
        source: protocol.source.clone(),
        protocol: protocol.file.clone(),
        data: DataInfo {
            file: data.file().to_owned(),
            format: data.format(),
            rows: data.n_rows(),
        },
        groups,
        rows_outside_groups,
        alpha: protocol.alpha,
        methods: {
            let mut m = methods_note(protocol.alpha, protocol.conf_level);
            m.extend(design_methods(protocol));
            m.extend(regression::regression_methods(protocol));
            m.extend(survival::survival_methods(protocol));
            m
        },
        tables,
        figures,
        lang: "en".to_owned(),
        untranslated: Vec::new(),
        r_code: String::new(),
    };
    report.r_code = crate::rcode::r_script(protocol, &report);
    Ok(report)
}

/// The tables of the protocol and their figures, in protocol order. Two or more cores run
/// the tables on as many threads, each taking the next table not yet taken, when the figure
/// ids do not depend on the order in which figures are made (every name in them is plain);
/// the results, and the progress steps (on the calling thread), come in protocol order
/// either way, and an error is that of the first table that fails, as one thread meets it.
fn run_tables(
    cohort: &Cohort,
    progress: &mut dyn FnMut(&str),
) -> Result<(Vec<ReportTable>, Vec<FigureInfo>), StudyError> {
    let protocol = cohort.protocol;
    let specs = &protocol.tables;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(specs.len());
    let mut tables = Vec::new();
    let mut figures = Vec::new();
    if workers < 2 || !figure_ids_are_plain(protocol) {
        for spec in specs {
            tables.extend(run_table(cohort, spec, &mut figures, progress)?);
        }
        return Ok((tables, figures));
    }
    /// One table's output, and the progress steps it made.
    struct Done {
        tables: Result<Vec<ReportTable>, StudyError>,
        figures: Vec<FigureInfo>,
        steps: Vec<String>,
    }
    let slots: Vec<std::sync::Mutex<Option<Done>>> =
        specs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    fn take(slot: &std::sync::Mutex<Option<Done>>) -> std::sync::MutexGuard<'_, Option<Done>> {
        slot.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
    // Takes the next table and runs it; `false` when none is left (or one failed: the
    // later ones are not run).
    let run_next = || {
        use std::sync::atomic::Ordering;
        if failed.load(Ordering::Relaxed) {
            return false;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(spec) = specs.get(i) else {
            return false;
        };
        let mut steps = Vec::new();
        let mut figures = Vec::new();
        let tables = run_table(cohort, spec, &mut figures, &mut |s: &str| {
            steps.push(s.to_owned())
        });
        failed.fetch_or(tables.is_err(), Ordering::Relaxed);
        *take(&slots[i]) = Some(Done {
            tables,
            figures,
            steps,
        });
        true
    };
    // The steps of the tables done, in order, as far as they are done (and none after a
    // table that failed).
    let mut reported = 0;
    let mut report_done = |progress: &mut dyn FnMut(&str)| {
        while let Some(slot) = slots.get(reported) {
            let mut slot = take(slot);
            let Some(done) = slot.as_mut() else { break };
            for step in done.steps.drain(..) {
                progress(&step);
            }
            if done.tables.is_err() {
                break;
            }
            reported += 1;
        }
    };
    std::thread::scope(|scope| {
        // each table a worker finishes is announced, so that the calling thread reports
        // progress while the workers run, not only at the end
        let (finished, announced) = std::sync::mpsc::channel::<()>();
        for _ in 1..workers {
            let finished = finished.clone();
            let run_next = &run_next;
            scope.spawn(move || {
                // what `run` sets on its thread
                let _p_style = PStyleScope::enter(protocol.p_style);
                let _format = crate::format::Scope::enter(protocol.format);
                let localizer = crate::i18n::Localizer::for_protocol(protocol);
                let _figures_speak = crate::i18n::Scope::enter(localizer.map(std::rc::Rc::new));
                while run_next() {
                    let _ = finished.send(());
                }
            });
        }
        drop(finished);
        while run_next() {
            report_done(&mut *progress);
        }
        // until every worker is done (each drops its sender as it ends)
        for () in announced {
            report_done(&mut *progress);
        }
    });
    report_done(&mut *progress);
    for slot in slots {
        let Some(done) = slot
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        else {
            break; // after a failed table
        };
        tables.extend(done.tables?);
        figures.extend(done.figures);
    }
    Ok((tables, figures))
}

/// Whether every figure id of the protocol is made of names alone, not of its position
/// among the report's figures (see [`figure_id`]), so tables can make their figures apart.
fn figure_ids_are_plain(protocol: &Protocol) -> bool {
    protocol.tables.iter().all(|t| match &t.analysis {
        Analysis::Comparison { variables, .. } => variables.iter().all(|v| plain_id_part(v)),
        Analysis::Correlations { pairs, .. } => pairs
            .iter()
            .all(|(x, y)| plain_id_part(x) && plain_id_part(y)),
        _ => true,
    })
}

/// One table of the protocol: the table, then its pairwise comparisons and any further
/// tables it makes; its figures are added to `figures`.
fn run_table(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    figures: &mut Vec<FigureInfo>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ReportTable>, StudyError> {
    let mut pairwise = None;
    let mut extra: Vec<ReportTable> = Vec::new();
    let table = match &spec.analysis {
        Analysis::Characteristics {
            variables,
            summary,
            test,
            grouping,
            posthoc,
        } => {
            let (table, after) =
                characteristics(cohort, spec, variables, *summary, *test, *posthoc, grouping)?;
            pairwise = after;
            table
        }
        Analysis::Comparison {
            variables,
            test,
            grouping,
            posthoc,
        } => {
            let (table, after) = comparison(
                cohort, spec, variables, *test, *posthoc, grouping, figures, progress,
            )?;
            pairwise = after;
            table
        }
        Analysis::Paired {
            variables,
            subject,
            time,
            times,
            test,
            within,
        } => paired(
            cohort,
            spec,
            variables,
            subject,
            time,
            times,
            *test,
            within.as_deref(),
        )?,
        Analysis::Correlations {
            pairs,
            method,
            spearman_method,
            within,
            rows,
            log_axes,
        } => correlations(
            cohort,
            spec,
            pairs,
            *method,
            *spearman_method,
            within.as_deref(),
            *rows,
            *log_axes,
            figures,
            progress,
        )?,
        Analysis::Regression {
            outcome,
            predictors,
            within,
            rows,
            model,
            reference,
            se,
            diagnostics,
            event,
            log_x,
        } => regression::regression(
            cohort,
            spec,
            outcome,
            predictors,
            within.as_deref(),
            *rows,
            *model,
            reference,
            *se,
            *diagnostics,
            event.as_deref(),
            *log_x,
            figures,
            progress,
        )?,
        Analysis::Survival {
            time,
            status,
            event,
            grouping,
            predictors,
            reference,
            risk_times,
        } => {
            let mut all = survival::survival(
                cohort,
                spec,
                &survival::SurvivalSpec {
                    time,
                    status,
                    event: event.as_deref(),
                    grouping,
                    predictors,
                    reference,
                    risk_times: risk_times.as_deref(),
                },
                figures,
                progress,
            )?;
            extra = all.split_off(1);
            all.remove(0)
        }
    };
    progress(&format!("{}: {}", spec.id, spec.title));
    let mut tables = vec![table];
    tables.extend(pairwise);
    tables.extend(extra);
    Ok(tables)
}

/// The methods of the designs beyond two groups, only when the protocol uses them (so the
/// methods of a two-group report read as before).
fn design_methods(protocol: &Protocol) -> Vec<String> {
    let alpha = protocol.alpha;
    let level = level_percent(protocol.conf_level);
    let characteristics = protocol
        .tables
        .iter()
        .any(|t| matches!(t.analysis, Analysis::Characteristics { .. }));
    let mut k_numeric = false;
    let mut k_categorical = false;
    let mut paired = false;
    for t in &protocol.tables {
        match &t.analysis {
            Analysis::Characteristics {
                grouping,
                test,
                variables,
                ..
            }
            | Analysis::Comparison {
                grouping,
                test,
                variables,
                ..
            } => {
                let categorical =
                    |v: &String| protocol.variable(v).is_some_and(|v| v.levels.is_some());
                k_numeric |= is_k_group(*test, grouping.levels.len())
                    && variables.iter().any(|v| !categorical(v));
                k_categorical |= grouping.levels.len() > 2 && variables.iter().any(categorical);
            }
            Analysis::Paired { .. } => paired = true,
            _ => {}
        }
    }
    let mut out = Vec::new();
    if characteristics {
        out.push(
            "SMD: the standardized mean difference as R's tableone prints it: |m1 − m2| / \
             √((s1² + s2²)/2) for a numeric variable, Yang and Dalton's (2012) multinomial \
             form over the levels but the first for a categorical one; with more than two \
             groups, the mean of the pairwise values. It describes the balance of the groups \
             and is not a test."
                .into(),
        );
    }
    if k_numeric {
        out.push(format!(
            "More than two groups: one-way ANOVA (equal variances, η² = between-group share of \
             the sum of squares), Welch's ANOVA (R's oneway.test default) or Kruskal–Wallis \
             (tie-corrected H with its chi-square p, as R's kruskal.test; effect size the \
             rank ε² = H/(n − 1) with a one-sided percentile bootstrap interval from 2000 \
             resamples within the groups, seed 20261203, as R's \
             effectsize::rank_epsilon_squared computes it from 200 unseeded ones); the automatic \
             choice is Welch's ANOVA when Shapiro–Wilk p ≥ {alpha} in every group, otherwise \
             Kruskal–Wallis. Pairwise comparisons: Tukey HSD after ANOVA, Games–Howell after \
             Welch's ANOVA, Dunn's test with Holm's adjustment after Kruskal–Wallis."
        ));
    }
    if k_categorical {
        out.push(
            "Categorical variables over more than two groups: Pearson chi-square; when an \
             expected count is below 5 (where R's chisq.test warns \"Chi-squared \
             approximation may be incorrect\"), the Fisher–Freeman–Halton exact test, or its \
             Monte Carlo p-value ((1 + hits) / (B + 1) over 100000 tables with the observed \
             margins, seed 20261202) when the table is too large to enumerate."
                .into(),
        );
    }
    if paired {
        out.push(format!(
            "Paired tables: the rows of each subject at the two occasions are matched by the \
             subject column; the change is the second occasion minus the first, over the \
             complete pairs. Paired t test with the {level} % CI of the mean change and d_z when \
             Shapiro–Wilk p ≥ {alpha} for the differences, otherwise the Wilcoxon \
             signed-rank test (zero differences dropped; exact below 50 pairs without ties or \
             zeros, else the normal approximation with tie and continuity corrections, as R's \
             wilcox.test) with the matched-pairs rank-biserial r and the pseudo-median of \
             the changes with its CI at that level (as R's wilcox.test with conf.int = TRUE, \
             in report.json); categorical variables of two levels: McNemar's test with \
             continuity correction (as R's mcnemar.test) with Cohen's g = max(b, c)/(b + c) − \
             0.5 over the discordant pairs b and c and the Wilson score interval of that \
             share (as R's effectsize::cohens_g)."
        ));
    }
    out
}

/// A paired (before/after) table: long data, one row per subject and occasion, matched by
/// the subject column.
#[allow(clippy::too_many_arguments)]
fn paired(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    variables: &[String],
    subject: &str,
    time: &str,
    times: &[String; 2],
    test: PairedTest,
    within: Option<&str>,
) -> Result<ReportTable, StudyError> {
    let protocol = cohort.protocol;
    let data = cohort.data;
    let subjects = cohort.categories(subject)?;
    let occasions = cohort.categories(time)?;
    let code_of = |t: &String| occasions.names.iter().position(|n| n == t);
    let codes = [code_of(&times[0]), code_of(&times[1])];
    // subject code -> the row at each occasion
    let mut at: Vec<[Option<u32>; 2]> = vec![[None, None]; subjects.names.len()];
    let mut order: Vec<u32> = Vec::new();
    let mut no_id = 0usize;
    let mut seen = [false, false];
    for row in cohort.keep(within) {
        let occasion = occasions.codes[row as usize];
        let Some(k) = (0..2).find(|&k| codes[k] == Some(occasion as usize)) else {
            continue;
        };
        seen[k] = true;
        let s = subjects.codes[row as usize];
        if s == MISSING {
            no_id += 1;
            continue;
        }
        let slot = &mut at[s as usize];
        if let Some(first) = slot[k] {
            return Err(cohort.err(format!(
                "{}: subject {:?} (column {subject:?}) has a second row at {time} {:?} (the \
                 first is {}); a paired table needs one row per subject and occasion",
                data.row_name(row as usize),
                subjects.names[s as usize],
                times[k],
                data.row_name(first as usize)
            )));
        }
        if slot[0].is_none() && slot[1].is_none() {
            order.push(s);
        }
        slot[k] = Some(row);
    }
    for k in 0..2 {
        if !seen[k] {
            return Err(cohort.err(format!(
                "column {time:?}: no row{} has the occasion {:?}",
                match within {
                    Some(w) => format!(" of the group {w:?}"),
                    None => String::new(),
                },
                times[k]
            )));
        }
    }
    let pairs: Vec<(u32, u32)> = order
        .iter()
        .filter_map(|&s| match at[s as usize] {
            [Some(a), Some(b)] => Some((a, b)),
            _ => None,
        })
        .collect();
    let single = order.len() - pairs.len();
    let label = |t: &String| protocol.level_label(t).to_owned();
    let mut header = vec!["Variable".to_string(), "Pairs".to_string()];
    header.extend(times.iter().map(label));
    header.extend([
        format!(
            "Change, {} − {} ({} % CI)",
            label(&times[1]),
            label(&times[0]),
            level_percent(protocol.conf_level)
        ),
        "Test".into(),
        "Statistic".into(),
        "p".into(),
        effect_header(protocol.conf_level),
    ]);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut results = Vec::new();
    for name in variables {
        let v = protocol.variable(name).expect("validated");
        if let Some(levels) = &v.levels {
            let values = cohort.categories(name)?;
            let level: Vec<Option<usize>> = values
                .names
                .iter()
                .map(|n| levels.iter().position(|l| l == n))
                .collect();
            let mut table = [[0usize; 2]; 2];
            for &(a, b) in &pairs {
                let (ca, cb) = (values.codes[a as usize], values.codes[b as usize]);
                if ca == MISSING || cb == MISSING {
                    continue;
                }
                if let (Some(la), Some(lb)) = (level[ca as usize], level[cb as usize]) {
                    table[la][lb] += 1;
                }
            }
            let n: usize = table.iter().flatten().sum();
            let tested =
                neuronutri_stats::paired::mcnemar(table.map(|r| r.map(|c| c as f64)), true)
                    .map(|r| TestResult {
                        test: "McNemar".into(),
                        statistic: Some(r.chi2),
                        df: Some(r.df),
                        p_value: r.p_value,
                        method: "chi-square, continuity correction".into(),
                        effect: Some(Effect::new(
                            "Cohen's g",
                            (table[0][1].max(table[1][0]) as f64) / r.discordant - 0.5,
                            es::cohens_g(
                                table[0][1] as f64,
                                table[1][0] as f64,
                                protocol.conf_level,
                                Alternative::TwoSided,
                            ),
                        )),
                        shift: None,
                        shift_ci: None,
                        df2: None,
                    })
                    .map_err(|e| e.to_string());
            let (test, test_error) = match tested {
                Ok(t) => (Some(t), None),
                Err(e) => (None, Some(e)),
            };
            let mut row = vec![format!("{}, n (%)", v.heading()), n.to_string()];
            row.extend([String::new(), String::new(), DASH.into()]);
            row.extend(test_cells(&test, &test_error, &mut notes, &v.label));
            row.push(effect_cell(&test));
            rows.push(row);
            for (l, name) in levels.iter().enumerate() {
                let first = table[l][0] + table[l][1];
                let second = table[0][l] + table[1][l];
                let pct = |c: usize| {
                    if n == 0 {
                        DASH.to_owned()
                    } else {
                        format!(
                            "{c} ({}%)",
                            fixed(100.0 * c as f64 / n as f64, pct_decimals())
                        )
                    }
                };
                let mut row = vec![format!("  {}", protocol.level_label(name)), String::new()];
                row.extend([pct(first), pct(second)]);
                row.extend(std::iter::repeat_n(String::new(), 5));
                rows.push(row);
            }
            results.push(PairedRow::Categorical {
                variable: name.clone(),
                n,
                table,
                test,
                test_error,
            });
            continue;
        }
        let values = cohort.numbers(name)?;
        let (mut first, mut second) = (Vec::new(), Vec::new());
        for &(a, b) in &pairs {
            let (x, y) = (values[a as usize], values[b as usize]);
            if !x.is_nan() && !y.is_nan() {
                first.push(x);
                second.push(y);
            }
        }
        let n = first.len();
        let summaries = [
            summarise(&times[0], &first).0,
            summarise(&times[1], &second).0,
        ];
        let diffs: Vec<f64> = second.iter().zip(&first).map(|(b, a)| b - a).collect();
        let shapiro_p = shapiro_wilk(&diffs).ok().map(|s| s.p_value);
        let normal = shapiro_p.is_some_and(|p| p >= protocol.alpha);
        let use_t = match test {
            PairedTest::PairedT => true,
            PairedTest::Wilcoxon => false,
            PairedTest::Auto => normal,
        };
        use neuronutri_stats::paired::{
            paired_t, signed_rank_pseudo_median, wilcoxon_signed_rank, SignedRankOptions,
        };
        let conf_level = protocol.conf_level;
        let t = paired_t(&second, &first, Alternative::TwoSided, conf_level);
        let change = t
            .as_ref()
            .ok()
            .map(|r| (r.mean_diff, (r.ci_low, r.ci_high)));
        let tested = if use_t {
            t.map(|r| TestResult {
                test: "paired t".into(),
                statistic: Some(r.t),
                df: Some(r.df),
                p_value: r.p_value,
                method: "t".into(),
                effect: Some(Effect::new(
                    "d_z",
                    r.cohens_dz,
                    es::cohens_dz(&second, &first, conf_level, Alternative::TwoSided),
                )),
                shift: Some(r.mean_diff),
                shift_ci: Some((r.ci_low, r.ci_high)),
                df2: None,
            })
        } else {
            let opts = SignedRankOptions::default();
            // the pseudo-median and its interval, where R reaches the asked level
            let shift = signed_rank_pseudo_median(&second, &first, &opts, conf_level).ok();
            wilcoxon_signed_rank(&second, &first, &opts).map(|r| {
                if r.n_zero > 0 {
                    notes.push(format!(
                        "{}: {} pairs without change left out of the signed-rank test",
                        v.label, r.n_zero
                    ));
                }
                TestResult {
                    test: "Wilcoxon signed-rank".into(),
                    statistic: Some(r.v),
                    df: None,
                    p_value: r.p_value,
                    method: r.method.into(),
                    effect: Some(Effect::new(
                        "rank-biserial r",
                        r.rank_biserial,
                        es::rank_biserial_paired_ci(
                            r.rank_biserial,
                            r.n_pairs,
                            conf_level,
                            Alternative::TwoSided,
                        ),
                    )),
                    shift: shift.as_ref().map(|m| m.estimate),
                    shift_ci: shift
                        .as_ref()
                        .filter(|m| m.conf_level == conf_level)
                        .map(|m| (m.ci_low, m.ci_high)),
                    df2: None,
                }
            })
        }
        .map_err(|e| e.to_string());
        let (test_result, test_error) = match tested {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(e)),
        };
        let d = decimals_for(v, &values);
        let mut row = vec![
            format!(
                "{}, {}",
                v.heading(),
                if use_t { "M ± SD" } else { "median [IQR]" }
            ),
            n.to_string(),
        ];
        for g in &summaries {
            row.push(if use_t {
                mean_sd_text(g, d)
            } else {
                median_iqr_text(g, d)
            });
        }
        row.push(match change {
            Some((m, (lo, hi))) => format!("{} ({}; {})", fixed(m, d), fixed(lo, d), fixed(hi, d)),
            None => DASH.into(),
        });
        row.extend(test_cells(&test_result, &test_error, &mut notes, &v.label));
        row.push(match test_result.as_ref().and_then(|t| t.effect.as_ref()) {
            Some(e) => e.text(),
            None => DASH.into(),
        });
        rows.push(row);
        let incomplete = pairs.len() - n;
        if incomplete > 0 {
            notes.push(format!(
                "{}: {incomplete} of the {} pairs miss a value and are left out",
                v.label,
                pairs.len()
            ));
        }
        results.push(PairedRow::Numeric {
            variable: name.clone(),
            n,
            times: summaries.to_vec(),
            change,
            shapiro_p,
            test: test_result,
            test_error,
        });
    }
    if single > 0 {
        notes.insert(
            0,
            format!("{single} subjects with a row at only one of the two occasions are left out."),
        );
    }
    if no_id > 0 {
        notes.insert(
            0,
            format!("{no_id} rows without a subject id (column {subject:?}) are left out."),
        );
    }
    within_note(protocol, within, &mut notes);
    Ok(ReportTable {
        id: spec.id.clone(),
        title: spec.title.clone(),
        header,
        rows,
        notes,
        results: Results::Paired {
            times: times.clone(),
            subjects: pairs.len(),
            rows: results,
        },
        figures: Vec::new(),
    })
}

fn methods_note(alpha: f64, conf_level: f64) -> Vec<String> {
    let level = level_percent(conf_level);
    vec![
        "Numeric variables: mean ± SD (n − 1) and median [Q1; Q3] (R type 7 quantiles). \
         Normality by Shapiro–Wilk (Royston AS R94) in each group; the test is defined for \
         3 to 5000 values, and a group outside that range counts as not shown normal."
            .into(),
        format!(
            "Automatic choices: M ± SD and Welch's t test when Shapiro–Wilk p ≥ {alpha} in both \
             groups, otherwise median [IQR] and the Mann–Whitney U test."
        ),
        "Mann–Whitney U: exact below 50 values per group without ties, otherwise the normal \
         approximation with tie correction and continuity correction (as R's wilcox.test); \
         U is the first group's; effect size rank-biserial r = 2U/(n1·n2) − 1; shift by \
         Hodges–Lehmann."
            .into(),
        "Categorical variables: n (%) of the non-missing values; Pearson chi-square (Yates' \
         correction for 2×2 tables), Fisher's exact test for a 2×2 table with an expected \
         count below 5."
            .into(),
        format!(
            "Effect sizes with {level} % confidence intervals, as R's effectsize package \
             computes them: Hedges' g (pooled SD, exact small-sample correction) and d_z with \
             intervals from the noncentral t distribution; the rank-biserial r with a normal \
             interval of atanh(r); η² (one-way ANOVA) and Cramér's V (Pearson's X² without \
             continuity correction, Bergsma's bias correction) with one-sided intervals from \
             the noncentral F and chi-square distributions, whose upper end is 1 \
             (effectsize's default); η² (Welch) from Welch's F and its degrees of freedom, an \
             approximation, as effectsize gives it for Welch's ANOVA; the conditional \
             maximum-likelihood odds ratio with the exact conditional interval of R's \
             fisher.test."
        ),
        format!(
            "Correlations: Spearman's ρ (p by AS 89 without ties and n ≤ 1290, else the t \
             approximation, as R's cor.test) or Pearson's r with the Fisher-z {level} % CI; \
             Benjamini–Hochberg q within each table; pairwise deletion."
        ),
        format!(
            "Regression: ordinary least squares (QR), listwise deletion; β is the standardized \
             coefficient; sr² the squared semi-partial correlation; LMG the predictor's \
             average share of R² over all orderings; {level} % CIs from the t distribution."
        ),
        "All p-values are two-sided.".into(),
        format!(
            "Figures draw every value up to {} points per group (box plots) or per plot \
             (scatter); beyond, a systematic sample of every k-th row, and every value beyond \
             the whiskers of a box plot. Boxes, whiskers and fitted lines use all values.",
            plot::MAX_POINTS
        ),
    ]
}

/// A table and the table of pairwise comparisons that follows it (more than two groups).
type WithPostHoc = (ReportTable, Option<ReportTable>);

fn characteristics(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    variables: &[String],
    summary: Summary,
    test: GroupTest,
    posthoc: PostHoc,
    grouping: &Grouping,
) -> Result<WithPostHoc, StudyError> {
    let protocol = cohort.protocol;
    let split = cohort.split(grouping)?;
    let groups = cohort.group_infos(grouping, &split);
    let mut header = vec!["Variable".to_string()];
    header.extend(groups.iter().map(group_header));
    header.extend([
        "Test".into(),
        "Statistic".into(),
        "p".into(),
        effect_header(protocol.conf_level),
        "SMD".into(),
    ]);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut results = Vec::new();
    let mut pairwise = Vec::new();
    let mut any_missing = false;
    for name in variables {
        let v = protocol.variable(name).expect("validated");
        if let Some(levels) = &v.levels {
            let values = cohort.categories(name)?;
            let level: Vec<Option<usize>> = values
                .names
                .iter()
                .map(|v| levels.iter().position(|l| l == v))
                .collect();
            let mut counts = vec![vec![0usize; groups.len()]; levels.len()];
            let mut n = vec![0usize; groups.len()];
            let mut missing = vec![0usize; groups.len()];
            for (g, rows) in split.iter().enumerate() {
                for &row in rows {
                    match values.codes[row as usize] {
                        MISSING => missing[g] += 1,
                        code => {
                            // every value was checked against the levels
                            if let Some(l) = level[code as usize] {
                                counts[l][g] += 1;
                                n[g] += 1;
                            }
                        }
                    }
                }
            }
            let tested = if groups.len() > 2 {
                categorical_test_k(&counts, protocol.conf_level)
            } else {
                categorical_test(&counts, protocol.conf_level)
            };
            // tableone's SMD over the levels in protocol order: counts[group][level]
            let by_group: Vec<Vec<f64>> = (0..groups.len())
                .map(|g| counts.iter().map(|l| l[g] as f64).collect())
                .collect();
            let smd = es::smd_categorical(&by_group).ok();
            let (test, test_error) = match tested {
                Ok(t) => (Some(t), None),
                Err(e) => (None, Some(e)),
            };
            let cells = test_cells(&test, &test_error, &mut notes, &v.label);
            let level_counts: Vec<LevelCount> = levels
                .iter()
                .zip(&counts)
                .map(|(l, c)| LevelCount {
                    level: l.clone(),
                    counts: c.clone(),
                    percents: c
                        .iter()
                        .zip(&n)
                        .map(|(&c, &n)| (n > 0).then(|| 100.0 * c as f64 / n as f64))
                        .collect(),
                })
                .collect();
            rows.push(
                std::iter::once(format!("{}, n (%)", v.heading()))
                    .chain(groups.iter().map(|_| String::new()))
                    .chain(cells)
                    .chain([effect_cell(&test), smd_cell(smd)])
                    .collect(),
            );
            for lc in &level_counts {
                let mut row = vec![format!("  {}", protocol.level_label(&lc.level))];
                for (c, p) in lc.counts.iter().zip(&lc.percents) {
                    row.push(match p {
                        Some(p) => format!("{c} ({}%)", fixed(*p, pct_decimals())),
                        None => DASH.into(),
                    });
                }
                row.extend(std::iter::repeat_n(String::new(), 5));
                rows.push(row);
            }
            any_missing |= missing_row(&mut rows, &missing, &split);
            results.push(VariableRow::Categorical {
                variable: name.clone(),
                n,
                missing,
                levels: level_counts,
                test,
                test_error,
                smd,
            });
        } else {
            let NumericByGroup {
                values,
                summaries,
                normal,
                test,
                test_error,
                posthoc,
                ..
            } = numeric_by_group(cohort, name, &split, &groups, test, posthoc)?;
            // the means and SDs of the summaries: those `es::smd_numeric` computes
            let smd = summaries
                .iter()
                .map(|g| g.mean.zip(g.sd))
                .collect::<Option<Vec<_>>>()
                .and_then(|m| es::smd_numeric_moments(&m).ok());
            pairwise.extend(posthoc.map(|p| (p, decimals_for(v, &values))));
            let shown = match summary {
                Summary::MeanSd => "mean_sd",
                Summary::MedianIqr => "median_iqr",
                Summary::Auto if normal => "mean_sd",
                Summary::Auto => "median_iqr",
            };
            let d = decimals_for(v, &values);
            let mut row = vec![format!(
                "{}, {}",
                v.heading(),
                if shown == "mean_sd" {
                    "M ± SD"
                } else {
                    "median [IQR]"
                }
            )];
            for g in &summaries {
                row.push(if shown == "mean_sd" {
                    mean_sd_text(g, d)
                } else {
                    median_iqr_text(g, d)
                });
            }
            row.extend(test_cells(&test, &test_error, &mut notes, &v.label));
            row.extend([effect_cell(&test), smd_cell(smd)]);
            rows.push(row);
            let missing: Vec<usize> = summaries.iter().map(|g| g.missing).collect();
            any_missing |= missing_row(&mut rows, &missing, &split);
            results.push(VariableRow::Numeric {
                variable: name.clone(),
                groups: summaries,
                shown,
                test,
                test_error,
                smd,
            });
        }
    }
    if any_missing {
        notes.push(
            "Missing: rows of the group without a value, n (% of the group's rows); shown under \
             a variable only when it has missing values (as gtsummary's missing = \"ifany\")."
                .into(),
        );
    }
    within_note(protocol, grouping.within.as_deref(), &mut notes);
    let after = posthoc_table(cohort, spec, pairwise);
    Ok((
        ReportTable {
            id: spec.id.clone(),
            title: spec.title.clone(),
            header,
            rows,
            notes,
            results: Results::Characteristics {
                groups,
                rows: results,
            },
            figures: Vec::new(),
        },
        after,
    ))
}

#[allow(clippy::too_many_arguments)]
fn comparison(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    variables: &[String],
    test: GroupTest,
    posthoc: PostHoc,
    grouping: &Grouping,
    figures: &mut Vec<FigureInfo>,
    progress: &mut dyn FnMut(&str),
) -> Result<WithPostHoc, StudyError> {
    let protocol = cohort.protocol;
    let split = cohort.split(grouping)?;
    let groups = cohort.group_infos(grouping, &split);
    let mut header = vec!["Variable".to_string()];
    header.extend(
        groups
            .iter()
            .map(|g| format!("{}, M ± SD", group_header(g))),
    );
    header.extend(groups.iter().map(|g| format!("{}, median [IQR]", g.label)));
    header.extend([
        "Test".into(),
        "Statistic".into(),
        "p".into(),
        effect_header(protocol.conf_level),
    ]);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut results = Vec::new();
    let mut figure_ids = Vec::new();
    let mut pairwise = Vec::new();
    for name in variables {
        let v = protocol.variable(name).expect("validated");
        let NumericByGroup {
            values,
            per_group,
            summaries,
            sorted,
            normal: _,
            test,
            test_error,
            posthoc,
        } = numeric_by_group(cohort, name, &split, &groups, test, posthoc)?;
        let d = decimals_for(v, &values);
        pairwise.extend(posthoc.map(|p| (p, d)));
        let mut row = vec![v.heading()];
        row.extend(summaries.iter().map(|g| mean_sd_text(g, d)));
        row.extend(summaries.iter().map(|g| median_iqr_text(g, d)));
        row.extend(test_cells(&test, &test_error, &mut notes, &v.label));
        row.push(effect_cell(&test));
        rows.push(row);
        notes.extend(missing_note(&v.label, &summaries));
        // The box plot: the values of each group.
        let id = figure_id(&spec.id, &[name], figures.len());
        // (the group's values are not needed any more: filtered where they are)
        let clean: Vec<Vec<f64>> = per_group
            .into_iter()
            .map(|mut x| {
                x.retain(|v| v.is_finite());
                x
            })
            .collect();
        for (g, x) in groups.iter().zip(&clean) {
            if x.len() > plot::MAX_POINTS {
                notes.push(format!(
                    "Box plot of {}, {}: 1 in {} of the {} values drawn as points (the box uses all)",
                    v.label,
                    g.label,
                    plot::point_stride(x.len()),
                    x.len()
                ));
            }
        }
        let labels: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();
        let title = format!("{}: {}", spec.title, v.label);
        let plot = plot::BoxPlot {
            title: &title,
            y_label: &v.heading(),
            groups: labels
                .iter()
                .zip(&clean)
                .map(|(l, x)| (l.as_str(), x.as_slice()))
                .collect(),
        };
        // described (so finite), the quartiles of the summaries are those of the box
        let quartiles: Option<Vec<(f64, f64, f64)>> = summaries
            .iter()
            .zip(&sorted)
            .map(|(g, s)| s.as_ref().and(Some((g.q1?, g.median?, g.q3?))))
            .collect();
        let figure = match quartiles {
            Some(q) => plot::box_plot_with_quartiles(&plot, &q),
            None => plot::box_plot(&plot),
        };
        push_figure(figures, &mut figure_ids, &mut notes, id, title, figure);
        progress(&format!("{}: box plot of {}", spec.id, name));
        results.push(VariableRow::Numeric {
            variable: name.clone(),
            groups: summaries,
            shown: "mean_sd",
            test,
            test_error,
            smd: None,
        });
    }
    within_note(protocol, grouping.within.as_deref(), &mut notes);
    let after = posthoc_table(cohort, spec, pairwise);
    Ok((
        ReportTable {
            id: spec.id.clone(),
            title: spec.title.clone(),
            header,
            rows,
            notes,
            results: Results::Comparison {
                groups,
                rows: results,
            },
            figures: figure_ids,
        },
        after,
    ))
}

/// The table of pairwise comparisons after a table's several-group tests (`None` when there
/// are none): one row per pair of groups and variable, with the decimals of each variable.
fn posthoc_table(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    pairwise: Vec<(PostHocRow, usize)>,
) -> Option<ReportTable> {
    if pairwise.is_empty() {
        return None;
    }
    let level = level_percent(cohort.protocol.conf_level);
    let header = [
        "Variable",
        "Comparison",
        "Difference",
        &format!("{level} % CI"),
        "Statistic",
        "p (adjusted)",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut methods: Vec<&'static str> = Vec::new();
    for (row, d) in &pairwise {
        let v = cohort.protocol.variable(&row.variable).expect("validated");
        let Some(result) = &row.result else {
            notes.push(format!(
                "{}: no pairwise comparisons: {}",
                v.label,
                row.error.as_deref().unwrap_or("")
            ));
            continue;
        };
        if !methods.contains(&result.method) {
            methods.push(result.method);
        }
        for (i, c) in result.comparisons.iter().enumerate() {
            let dunn = c.df.is_none();
            rows.push(vec![
                if i == 0 { v.heading() } else { String::new() },
                format!("{} vs {}", c.group1, c.group2),
                fixed(c.estimate, if dunn { 1 } else { *d }),
                match c.ci {
                    Some((lo, hi)) => format!("[{}; {}]", fixed(lo, *d), fixed(hi, *d)),
                    None => DASH.into(),
                },
                match (result.method, c.df) {
                    ("Tukey HSD", _) => format!("q = {}", fixed(c.statistic, stat(2))),
                    (_, Some(df)) => {
                        format!("t = {} (df {})", fixed(c.statistic, stat(2)), fixed(df, 1))
                    }
                    (_, None) => format!("z = {}", fixed(c.statistic, stat(2))),
                },
                p_text(c.p_adjusted),
            ]);
        }
    }
    for m in methods {
        notes.push(match m {
            "Tukey HSD" => format!(
                "Tukey HSD (Tukey–Kramer for unequal groups): difference of means with its \
                 simultaneous {level} % CI; q is the studentized range statistic and p is \
                 adjusted through its distribution."
            ),
            "Games-Howell" => format!(
                "Games–Howell: difference of means with its {level} % CI (± the studentized \
                 range quantile / √2 × SE, Welch's df of the pair), Welch's t and df for each \
                 pair; p from the studentized range with the table's number of groups \
                 (unequal variances)."
            ),
            _ => "Dunn: difference of mean ranks (pooled ranks, as Kruskal–Wallis), z with the \
                  tie correction; p adjusted by Holm over all pairs."
                .to_owned(),
        });
    }
    Some(ReportTable {
        id: format!("{}-posthoc", spec.id),
        title: format!("{}: pairwise comparisons", spec.title),
        header,
        rows,
        notes,
        results: Results::PostHoc {
            of: spec.id.clone(),
            rows: pairwise.into_iter().map(|(r, _)| r).collect(),
        },
        figures: Vec::new(),
    })
}

/// A figure's file stem: the table id and the variable names when they are safe in a file
/// name (ASCII letters, digits, `_`, `-`), else the table id and the figure's number.
fn figure_id(table: &str, names: &[&String], index: usize) -> String {
    if names.iter().all(|n| plain_id_part(n)) {
        let mut id = table.to_owned();
        for n in names {
            id.push('-');
            id.push_str(n);
        }
        id
    } else {
        format!("{table}-figure{}", index + 1)
    }
}

/// Whether a name goes into a figure id as it is (else the id is numbered).
fn plain_id_part(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 40
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn push_figure(
    figures: &mut Vec<FigureInfo>,
    ids: &mut Vec<String>,
    notes: &mut Vec<String>,
    id: String,
    title: String,
    figure: Result<Figure, plot::PlotError>,
) {
    match figure {
        Ok(f) => {
            ids.push(id.clone());
            figures.push(FigureInfo {
                id,
                title,
                svg: f.svg,
                png: f.png,
            });
        }
        Err(e) => notes.push(format!("No figure {id}: {e}")),
    }
}

/// Least-squares line of y on x over pairs of finite values (`x[i]`, `y[i]`): (intercept,
/// slope). Computed on x and y divided by powers of two near their largest magnitudes (when
/// those are far from 1), so values near 1e308 do not overflow the sums; `None` when x is
/// constant or the line does not fit in double precision.
fn least_squares_finite(x: &[f64], y: &[f64]) -> Option<(f64, f64)> {
    let n = x.len() as f64;
    if x.len() < 2 {
        return None;
    }
    // a power of two, and only for values far from 1: ordinary data give the same bits
    let scale = |m: f64| {
        if m == 0.0 || (1e-100..1e100).contains(&m) {
            1.0
        } else {
            2f64.powi(m.log2().floor() as i32)
        }
    };
    let sx = scale(x.iter().fold(0.0f64, |m, a| m.max(a.abs())));
    let sy = scale(y.iter().fold(0.0f64, |m, b| m.max(b.abs())));
    // the rescaled values, divided again where they are used (no copy)
    let x0 = x[0] / sx;
    if x.iter().all(|a| a / sx == x0) {
        return None;
    }
    let mx = x.iter().map(|a| a / sx).sum::<f64>() / n;
    let my = y.iter().map(|b| b / sy).sum::<f64>() / n;
    let sxx: f64 = x.iter().map(|a| (a / sx - mx) * (a / sx - mx)).sum();
    let sxy: f64 = x
        .iter()
        .zip(y)
        .map(|(a, b)| (a / sx - mx) * (b / sy - my))
        .sum();
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let (intercept, slope) = ((my - slope * mx) * sy, slope * (sy / sx));
    (intercept.is_finite() && slope.is_finite()).then_some((intercept, slope))
}

#[allow(clippy::too_many_arguments)]
fn correlations(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    pairs: &[(String, String)],
    method: CorrelationMethod,
    spearman_method: neuronutri_stats::correlation::SpearmanMethod,
    within: Option<&str>,
    rows: Rows,
    (log_x, log_y): (bool, bool),
    figures: &mut Vec<FigureInfo>,
    progress: &mut dyn FnMut(&str),
) -> Result<ReportTable, StudyError> {
    let protocol = cohort.protocol;
    let keep = cohort.table_rows(within, rows);
    // A log axis takes positive values only: the first other one of a pair is an error.
    for (xn, yn) in pairs {
        let (x, y) = (cohort.numbers(xn)?, cohort.numbers(yn)?);
        for (key, asked, name, values) in [("log_x", log_x, xn, &x), ("log_y", log_y, yn, &y)] {
            let bad = keep
                .iter()
                .map(|&r| r as usize)
                .find(|&r| values[r] <= 0.0 && !x[r].is_nan() && !y[r].is_nan());
            if let (true, Some(r)) = (asked, bad) {
                return Err(StudyError::new(
                    &protocol.file,
                    Some(spec.line),
                    format!(
                        "table {:?}: {key} = true, but {name:?} has the value {} ({}); a log \
                         axis needs positive values",
                        spec.id,
                        values[r],
                        cohort.data.row_name(r)
                    ),
                ));
            }
        }
    }
    let symbol = match method {
        CorrelationMethod::Spearman => "ρ",
        CorrelationMethod::Pearson => "r",
    };
    let mut out = Vec::new();
    let mut figure_ids = Vec::new();
    let mut notes = Vec::new();
    for (xn, yn) in pairs {
        let (vx, vy) = (
            protocol.variable(xn).expect("validated"),
            protocol.variable(yn).expect("validated"),
        );
        let (x, y) = (cohort.numbers(xn)?, cohort.numbers(yn)?);
        // The pairs of finite values of the table's rows, in row order: the pairs of the
        // coefficient, the line and the scatter when neither column has an infinite value
        // there (else the kernels name it, from the table's rows).
        let (mut cx, mut cy) = (Vec::new(), Vec::new());
        let mut infinite = false;
        for &r in &keep {
            let (a, b) = (x[r as usize], y[r as usize]);
            if a.is_finite() && b.is_finite() {
                cx.push(a);
                cy.push(b);
            } else {
                infinite |= a.is_infinite() || b.is_infinite();
            }
        }
        let rows_of = |values: &[f64]| infinite.then(|| gather(values, &keep));
        let (x, y) = (rows_of(&x), rows_of(&y));
        let (x, y) = match (&x, &y) {
            (Some(x), Some(y)) => (x.as_slice(), y.as_slice()),
            _ => (cx.as_slice(), cy.as_slice()),
        };
        let n = if infinite {
            x.iter()
                .zip(y)
                .filter(|(a, b)| !a.is_nan() && !b.is_nan())
                .count()
        } else {
            cx.len()
        };
        let fit = least_squares_finite(&cx, &cy);
        let mut row = CorrelationRow {
            x: xn.clone(),
            y: yn.clone(),
            n,
            dropped: keep.len() - n,
            coefficient: None,
            p_value: None,
            q_value: None,
            method: None,
            ci: None,
            fit,
            error: None,
        };
        match method {
            CorrelationMethod::Spearman => {
                let r = if infinite {
                    spearman(x, y, Alternative::TwoSided, spearman_method)
                } else {
                    // `spearman` of the finite pairs without copying them once more
                    let (mut rx, mut ry) = (cx.clone(), cy.clone());
                    spearman_in_place(&mut rx, &mut ry, Alternative::TwoSided, spearman_method)
                };
                match r {
                    Ok(r) => {
                        row.coefficient = Some(r.rho);
                        row.p_value = Some(r.p_value);
                        row.method = Some(r.method.into());
                    }
                    Err(e) => row.error = Some(e.to_string()),
                }
            }
            CorrelationMethod::Pearson => {
                match pearson(x, y, Alternative::TwoSided, cohort.protocol.conf_level) {
                    Ok(r) => {
                        row.coefficient = Some(r.r);
                        row.p_value = Some(r.p_value);
                        row.method = Some("t".into());
                        row.ci = Some((r.ci_low, r.ci_high));
                    }
                    Err(e) => row.error = Some(e.to_string()),
                }
            }
        }
        let id = figure_id(&spec.id, &[xn, yn], figures.len());
        let title = format!("{} and {}", vx.label, vy.label);
        let annotation = match (row.coefficient, row.p_value) {
            (Some(c), Some(p)) => format!(
                "{symbol} = {}, p {}, n = {n}",
                fixed(c, crate::format::decimals().r),
                p_phrase(p)
            ),
            _ => format!("n = {n}"),
        };
        if cx.len() > plot::MAX_POINTS {
            notes.push(format!(
                "Scatter of {} and {}: 1 in {} of the {} pairs drawn (the line uses all)",
                vx.label,
                vy.label,
                plot::point_stride(cx.len()),
                cx.len()
            ));
        }
        let figure = plot::scatter_axes(
            &plot::Scatter {
                title: &title,
                x_label: &vx.heading(),
                y_label: &vy.heading(),
                x: &cx,
                y: &cy,
                fit,
                annotation: Some(&annotation),
            },
            log_x,
            log_y,
        );
        push_figure(figures, &mut figure_ids, &mut notes, id, title, figure);
        progress(&format!("{}: scatter of {} and {}", spec.id, xn, yn));
        out.push(row);
    }
    let ps: Vec<f64> = out.iter().filter_map(|r| r.p_value).collect();
    if let Ok(qs) = benjamini_hochberg(&ps) {
        let mut q = qs.into_iter();
        for r in out.iter_mut().filter(|r| r.p_value.is_some()) {
            r.q_value = q.next();
        }
    }
    let header = vec![
        "Variables".to_string(),
        "n".into(),
        symbol.into(),
        "p".into(),
        "q (BH)".into(),
        "p method".into(),
    ];
    let printed = out
        .iter()
        .map(|r| {
            let label = |n: &str| protocol.variable(n).expect("validated").label.clone();
            vec![
                format!("{} ↔ {}", label(&r.x), label(&r.y)),
                r.n.to_string(),
                r.coefficient
                    .map_or(DASH.into(), |c| fixed(c, crate::format::decimals().r)),
                r.p_value.map_or(DASH.into(), p_text),
                r.q_value.map_or(DASH.into(), p_text),
                r.method.clone().unwrap_or_else(|| DASH.into()),
            ]
        })
        .collect();
    let label = |n: &str| protocol.variable(n).expect("validated").label.clone();
    for r in &out {
        if r.dropped > 0 {
            notes.push(format!(
                "{} ↔ {}: n = {} of {} rows; {} with a missing value left out.",
                label(&r.x),
                label(&r.y),
                r.n,
                keep.len(),
                r.dropped
            ));
        }
    }
    for r in &out {
        if let Some(e) = &r.error {
            notes.push(format!("{} ↔ {}: {e}", r.x, r.y));
        }
    }
    rows_note(protocol, within, rows, keep.len(), &mut notes);
    Ok(ReportTable {
        id: spec.id.clone(),
        title: spec.title.clone(),
        header,
        rows: printed,
        notes,
        results: Results::Correlations {
            within: within.map(str::to_owned),
            method: match method {
                CorrelationMethod::Spearman => "spearman",
                CorrelationMethod::Pearson => "pearson",
            },
            rows: out,
        },
        figures: figure_ids,
    })
}
