//! The study protocol: which data file, which groups, which variables, which analyses.
//!
//! A protocol is TOML (see `examples/hfs-study/protocol.toml`):
//!
//! ```toml
//! title = "B12, cortisol and dopamine in hemifacial spasm"
//! data = "cohort.csv"                 # relative to the protocol; --data overrides it
//! group = "group"                     # the column that holds each row's group
//! groups = ["hfs", "control"]         # the two groups compared, in this order
//! group_labels = { hfs = "HFS", control = "Controls" }
//!
//! [[variable]]
//! name = "b12_pg_ml"                  # a column of the data
//! label = "Vitamin B12"
//! unit = "pg/mL"
//! decimals = 0                        # how means are printed (SDs too)
//!
//! [[variable]]
//! name = "sex"
//! levels = ["male", "female"]         # a categorical variable
//!
//! [[table]]
//! id = "table2"
//! title = "Biochemical findings"
//! kind = "comparison"                 # characteristics | comparison | correlations | regression | paired | survival
//! variables = ["b12_pg_ml"]
//! ```
//!
//! With more than two `groups` (or `by`/`groups` naming more than two levels) the
//! characteristics and comparison tables use the several-group tests (`test = "anova" |
//! "welch-anova" | "kruskal-wallis"`, or `auto`) and `posthoc = "auto" | "tukey" |
//! "games-howell" | "dunn" | "none"` picks the pairwise comparisons. A `paired` table reads long
//! data: `subject` names the column identifying each subject, `time` the column of the
//! occasion, `times = ["before", "after"]` the two occasions compared, `test = "auto" |
//! "paired-t" | "wilcoxon"`.
//!
//! A `regression` table names an `outcome` and `predictors` written as R writes terms:
//! `"age"`, a categorical variable (`"stage"`, entered in treatment (dummy) coding, one row
//! per level against the reference), an interaction `"age:sex"` or `"age*sex"` (which stands
//! for `age + sex + age:sex`). `reference = { stage = "I" }` picks a categorical predictor's
//! reference level
//! (default: the first of its `levels`). `model = "linear"` (default; `se = "classical" |
//! "hc3"`, `diagnostics = true` for residual-vs-fitted and normal Q–Q plots) or
//! `model = "logistic"` (a binary outcome: numbers 0/1, or a categorical variable of two
//! levels whose `event` level counts as 1, default the second level).
//!
//! A `survival` table names the `time` column (numeric) and the `status` column: numbers 0/1
//! (1 = event), a number stated with `event = "2"` (the one other value is censored), or a
//! categorical variable of two levels whose `event` level is the event (default the second).
//! Its groups are the protocol's (or `by`/`groups`, `within`); `risk_times = [0, 100, 200]`
//! sets the risk table's times; `predictors` (with `reference`) adds a Cox model.
//!
//! `[format] decimals = { p = 4, b = 2, ... }` sets the printed decimals per kind of estimate,
//! `[format] figure = { width = 16, height = 10, dpi = 300 }` the figures' size in cm and
//! resolution (see [`crate::format`]).
//!
//! A `correlations` or `regression` table uses every row of the data (the whole cohort,
//! whatever the group) unless it says `rows = "groups"` (the rows of the protocol's groups) or
//! `within = "<group>"` (one group; not with `rows`).
//!
//! Every name is checked here, against the protocol itself: an unknown variable, kind, test or
//! group is an error naming the file and the line. Whether the columns exist is checked when the
//! data is read.

use crate::line_of;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A protocol file or a data file that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{message}", place(file, *line))]
pub struct StudyError {
    /// The file as named to the user; empty when the message names it itself.
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

fn place(file: &str, line: Option<usize>) -> String {
    match (file.is_empty(), line) {
        (true, _) => String::new(),
        (false, Some(l)) => format!("{file}:{l}: "),
        (false, None) => format!("{file}: "),
    }
}

impl StudyError {
    /// An error about a file as a whole or about a place given in the message.
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProtocol {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    decimal: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
    group: String,
    groups: Vec<String>,
    #[serde(default)]
    group_labels: BTreeMap<String, String>,
    #[serde(default)]
    alpha: Option<f64>,
    #[serde(default)]
    conf_level: Option<Spanned<f64>>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    p_style: Option<String>,
    #[serde(default)]
    format: Option<crate::format::RawFormat>,
    #[serde(default)]
    variable: Vec<Spanned<RawVariable>>,
    #[serde(default)]
    table: Vec<Spanned<RawTable>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariable {
    name: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    decimals: Option<u32>,
    #[serde(default)]
    levels: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    id: String,
    #[serde(default)]
    title: Option<String>,
    kind: String,
    #[serde(default)]
    variables: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    test: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    groups: Option<Vec<String>>,
    #[serde(default)]
    within: Option<String>,
    #[serde(default)]
    rows: Option<String>,
    #[serde(default)]
    log_x: Option<bool>,
    #[serde(default)]
    log_y: Option<bool>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    p_method: Option<String>,
    #[serde(default)]
    pairs: Vec<[String; 2]>,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    predictors: Vec<String>,
    #[serde(default)]
    posthoc: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    times: Option<Vec<String>>,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    reference: BTreeMap<String, String>,
    #[serde(default)]
    se: Option<String>,
    #[serde(default)]
    diagnostics: Option<bool>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    risk_times: Option<Vec<f64>>,
}

/// A variable of the protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// Column name in the data.
    pub name: String,
    /// Label for people (defaults to the name).
    pub label: String,
    /// Unit, printed after the label.
    pub unit: Option<String>,
    /// Decimals of printed means and SDs; `None`: chosen from the data's magnitude.
    pub decimals: Option<u32>,
    /// Levels of a categorical variable, in display order; `None` for a numeric one.
    pub levels: Option<Vec<String>>,
}

impl Variable {
    /// "Label, unit" as a table row names the variable.
    pub fn heading(&self) -> String {
        match &self.unit {
            Some(u) => format!("{}, {u}", self.label),
            None => self.label.clone(),
        }
    }
}

/// How p-values are printed (the protocol's `p_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PStyle {
    /// "<0.001", else three decimals ("0.023").
    #[default]
    Default,
    /// APA: no leading zero ("<.001", ".023", ">.999").
    Apa,
    /// Three decimals, and two significant digits below 0.001 ("2.1e−4").
    Exact,
}

/// How a characteristics table summarises a numeric variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// M ± SD when Shapiro–Wilk does not reject normality in any group, else median \[IQR\].
    Auto,
    /// Always M ± SD.
    MeanSd,
    /// Always median \[IQR\].
    MedianIqr,
}

/// The test of a group comparison. With more than two groups the two-group names stand for
/// their several-group versions: `Auto` is Welch's ANOVA when every group looks normal, else
/// Kruskal–Wallis; `MannWhitney` is Kruskal–Wallis, `Welch` Welch's ANOVA, `Student` the
/// classic one-way ANOVA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupTest {
    /// Welch's t when both groups look normal (Shapiro–Wilk), else Mann–Whitney.
    Auto,
    /// Mann–Whitney U (R's method choice: exact below 50 per group without ties).
    MannWhitney,
    /// Welch's t test.
    Welch,
    /// Student's t test.
    Student,
    /// Classic one-way ANOVA (equal variances), post-hoc Tukey HSD.
    Anova,
    /// Welch's one-way ANOVA (unequal variances), post-hoc Games–Howell.
    WelchAnova,
    /// Kruskal–Wallis rank test, post-hoc Dunn with Holm's adjustment.
    KruskalWallis,
}

/// The pairwise comparisons after a test of more than two groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostHoc {
    /// The one that belongs to the test: Tukey after ANOVA, Games–Howell after Welch's
    /// ANOVA, Dunn (Holm) after Kruskal–Wallis.
    Auto,
    /// Tukey's HSD.
    Tukey,
    /// Games–Howell.
    GamesHowell,
    /// Dunn's test with Holm's adjustment.
    Dunn,
    /// No pairwise comparisons.
    None,
}

/// The test of a paired (before/after) comparison of a numeric variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairedTest {
    /// The paired t test when Shapiro–Wilk does not reject normality of the differences,
    /// else the Wilcoxon signed-rank test.
    Auto,
    /// The paired t test.
    PairedT,
    /// The Wilcoxon signed-rank test (R's zero handling, exact rule and continuity correction).
    Wilcoxon,
}

/// Which correlation coefficient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrelationMethod {
    /// Spearman's rank correlation.
    Spearman,
    /// Pearson's product-moment correlation.
    Pearson,
}

/// The rows of a correlations or regression table without `within` (the protocol's `rows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rows {
    /// Every row of the data, whatever its group (`rows = "all"`, the default).
    #[default]
    All,
    /// Only the rows of the protocol's `groups` (`rows = "groups"`).
    Groups,
}

/// Which rows and which grouping an analysis uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// Keep only the rows of this level of the protocol's group column.
    pub within: Option<String>,
    /// The column that splits the rows (the protocol's group column unless `by` is given).
    pub column: String,
    /// The levels compared, in order (two, or more for the several-group tests).
    pub levels: Vec<String>,
}

/// One analysis of the protocol: it becomes one table of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysis {
    /// Characteristics of the groups: numeric (M ± SD or median \[IQR\]) and categorical (n, %).
    Characteristics {
        /// Variables, in row order.
        variables: Vec<String>,
        /// How numeric variables are summarised.
        summary: Summary,
        /// The test of numeric variables (categorical ones get chi-square or Fisher).
        test: GroupTest,
        /// Rows and groups.
        grouping: Grouping,
        /// Pairwise comparisons when there are more than two groups.
        posthoc: PostHoc,
    },
    /// Group comparisons of numeric variables, with effect sizes and a box plot each.
    Comparison {
        /// Variables, in row order.
        variables: Vec<String>,
        /// The test.
        test: GroupTest,
        /// Rows and groups.
        grouping: Grouping,
        /// Pairwise comparisons when there are more than two groups.
        posthoc: PostHoc,
    },
    /// Correlations between pairs of numeric variables, with a scatter plot each.
    Correlations {
        /// The pairs (x, y).
        pairs: Vec<(String, String)>,
        /// Spearman or Pearson.
        method: CorrelationMethod,
        /// Spearman's p-value method: `auto` (R), `exact` or `asymptotic` (SciPy).
        spearman_method: neuronutri_stats::correlation::SpearmanMethod,
        /// Keep only the rows of this group.
        within: Option<String>,
        /// Without `within`: every row, or the rows of the protocol's groups.
        rows: Rows,
        /// Log x and y axes of the scatter plots (`log_x`, `log_y`; positive values only).
        log_axes: (bool, bool),
    },
    /// Paired comparison of two occasions (before/after) of the same subjects, from long data:
    /// one row per subject and occasion.
    Paired {
        /// Variables, in row order: numeric ones get the paired t or Wilcoxon signed-rank
        /// test, categorical ones with two levels McNemar's test.
        variables: Vec<String>,
        /// The column naming each subject (patient id).
        subject: String,
        /// The column naming the occasion of each row.
        time: String,
        /// The two occasions compared, in order (first minus second is reported as second
        /// minus first: the change).
        times: [String; 2],
        /// The test of numeric variables.
        test: PairedTest,
        /// Keep only the rows of this group.
        within: Option<String>,
    },
    /// Multiple linear regression (OLS) with β, p, sr² and LMG, and a coefficient plot; or
    /// logistic regression of a binary outcome with odds ratios.
    Regression {
        /// The outcome.
        outcome: String,
        /// The predictors, in order, as R writes terms: a variable (`age`; a categorical one
        /// enters in dummy coding), an interaction `a:b`, or `a*b` (= `a + b + a:b`).
        predictors: Vec<String>,
        /// Keep only the rows of this group.
        within: Option<String>,
        /// Without `within`: every row, or the rows of the protocol's groups.
        rows: Rows,
        /// Linear (OLS) or logistic.
        model: RegressionModel,
        /// The reference level of each categorical predictor named here (the others use the
        /// first of their `levels`).
        reference: BTreeMap<String, String>,
        /// Standard errors of a linear model: classical or HC3.
        se: neuronutri_stats::ols::Covariance,
        /// Residual-vs-fitted and normal Q–Q plots of a linear model.
        diagnostics: bool,
        /// Logistic model with a categorical outcome: the level counted as the event (1).
        event: Option<String>,
        /// A logistic model's plot: odds ratios on a log axis (`log_x`), not log odds.
        log_x: bool,
    },
    /// Kaplan–Meier curves, the log-rank test and a risk table per group, and with predictors
    /// a Cox model and its test of proportional hazards.
    Survival {
        /// The numeric column of follow-up times.
        time: String,
        /// The column that says whether the event was seen (0/1, a stated value or level).
        status: String,
        /// The value (numeric status) or level (categorical status) that is the event;
        /// `None`: 1, or the second level.
        event: Option<String>,
        /// Rows and groups (the protocol's groups unless `by`/`groups` say otherwise).
        grouping: Grouping,
        /// Cox model terms as R writes them; empty: no model.
        predictors: Vec<String>,
        /// The reference level of each categorical predictor named here.
        reference: BTreeMap<String, String>,
        /// Times of the risk table; `None`: round times up to the longest follow-up.
        risk_times: Option<Vec<f64>>,
    },
}

/// Which regression model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegressionModel {
    /// Ordinary least squares.
    Linear,
    /// Logistic regression of a binary outcome (R's `glm(family = binomial)`).
    Logistic,
}

/// One table of the protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    /// Stable id: the file names of its CSV and figures start with it.
    pub id: String,
    /// Title printed above the table.
    pub title: String,
    /// What it computes.
    pub analysis: Analysis,
    /// Line of its `[[table]]` in the protocol.
    pub line: usize,
}

/// A validated protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct Protocol {
    /// The file as named to the user.
    pub file: String,
    /// Report title.
    pub title: String,
    /// Where the numbers come from (free text or a source id).
    pub source: Option<String>,
    /// The data file, relative to the protocol.
    pub data: Option<String>,
    /// How to read a CSV file: what the protocol states of delimiter, decimal mark and
    /// encoding (the rest is detected).
    pub read_options: crate::table::ReadOptions,
    /// The group column.
    pub group: String,
    /// The groups compared, in order.
    pub groups: Vec<String>,
    /// Labels of the groups (and of any other level named in the tables).
    pub group_labels: BTreeMap<String, String>,
    /// Significance level of the normality rule.
    pub alpha: f64,
    /// Confidence level of the intervals the report prints (`conf_level`, default 0.95):
    /// of the mean difference, the Hodges–Lehmann shift, the effect sizes, the paired mean
    /// change, Pearson's r, Tukey's comparisons and a linear regression's b and β.
    pub conf_level: f64,
    /// The language of the report's texts and numbers (`lang`; `--lang` of the CLI sets it).
    pub lang: crate::i18n::Lang,
    /// How p-values are printed (`p_style`).
    pub p_style: PStyle,
    /// Printed decimals per kind of estimate (`[format]`).
    pub format: crate::format::Format,
    /// Variables by name, in protocol order.
    pub variables: Vec<Variable>,
    /// Tables, in report order.
    pub tables: Vec<TableSpec>,
}

impl Protocol {
    /// The variable of this name.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.iter().find(|v| v.name == name)
    }

    /// Every column of the data the protocol reads: the group column, the variables and
    /// the columns tables split by (each once, in that order).
    pub fn columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![self.group.as_str()];
        let by = self.tables.iter().flat_map(|t| match &t.analysis {
            Analysis::Characteristics { grouping, .. }
            | Analysis::Comparison { grouping, .. }
            | Analysis::Survival { grouping, .. } => vec![grouping.column.as_str()],
            Analysis::Paired { subject, time, .. } => vec![subject.as_str(), time.as_str()],
            _ => Vec::new(),
        });
        for name in self.variables.iter().map(|v| v.name.as_str()).chain(by) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The label of a group level.
    pub fn level_label<'a>(&'a self, level: &'a str) -> &'a str {
        self.group_labels
            .get(level)
            .map(String::as_str)
            .unwrap_or(level)
    }
}

/// Whether no two entries are equal.
fn distinct(levels: &[String]) -> bool {
    levels
        .iter()
        .enumerate()
        .all(|(i, a)| levels[i + 1..].iter().all(|b| a != b))
}

/// Longest table id: it names files (`tables/ID.csv`, `plots/ID-….png`).
pub const MAX_ID_CHARS: usize = 64;
/// Most variables a protocol may define.
pub const MAX_VARIABLES: usize = 500;
/// Most tables a protocol may ask for.
pub const MAX_TABLES: usize = 100;
/// Most variables (or predictors) one table may list, and most levels of a variable.
pub const MAX_PER_TABLE: usize = 100;
/// Most groups compared at once (a post-hoc table has a row for each of their pairs).
pub const MAX_GROUPS: usize = 20;
/// Most pairs of one correlation table (given, or every pair of its variables).
pub const MAX_PAIRS: usize = 300;

/// The stated limits on sizes: counts of variables, tables, pairs, and the length of every
/// name, label and id (see [`crate::MAX_LABEL_CHARS`]). The error carries the byte offset
/// of the entry, when there is one.
fn check_limits(raw: &RawProtocol) -> Result<(), (Option<usize>, String)> {
    let len = |what: &str, text: &str, at: Option<usize>| {
        crate::check_length(what, text).map_err(|m| (at, m))
    };
    if let Some(title) = &raw.title {
        len("title", title, None)?;
    }
    for text in raw.source.iter().chain(&raw.data).chain(&raw.groups) {
        len("a top-level value", text, None)?;
    }
    len("group", &raw.group, None)?;
    for (k, v) in &raw.group_labels {
        len("a group_labels key", k, None)?;
        len(&format!("the label of {}", crate::quote_short(k)), v, None)?;
    }
    let count = |what: &str, n: usize, max: usize, at: Option<usize>| {
        if n > max {
            Err((at, format!("{n} {what}: at most {max} are allowed")))
        } else {
            Ok(())
        }
    };
    count(
        "[[variable]] entries",
        raw.variable.len(),
        MAX_VARIABLES,
        None,
    )?;
    count("[[table]] entries", raw.table.len(), MAX_TABLES, None)?;
    count("groups", raw.groups.len(), MAX_GROUPS, None)?;
    for spanned in &raw.variable {
        let at = Some(spanned.span().start);
        let v = spanned.get_ref();
        len("variable name", &v.name, at)?;
        let what = format!("variable {}:", crate::quote_short(&v.name));
        for text in v.label.iter().chain(&v.unit) {
            len(&format!("{what} label or unit"), text, at)?;
        }
        if let Some(levels) = &v.levels {
            count("levels", levels.len(), MAX_PER_TABLE, at)?;
            for l in levels {
                len(&format!("{what} level"), l, at)?;
            }
        }
    }
    for spanned in &raw.table {
        let at = Some(spanned.span().start);
        let t = spanned.get_ref();
        if t.id.chars().count() > MAX_ID_CHARS {
            return Err((
                at,
                format!(
                    "table id {} is longer than the {MAX_ID_CHARS} characters allowed (it names files)",
                    crate::quote_short(&t.id)
                ),
            ));
        }
        let what = format!("table {}:", crate::quote_short(&t.id));
        if let Some(title) = &t.title {
            len(&format!("{what} title"), title, at)?;
        }
        count(
            "variables in one table",
            t.variables.len(),
            MAX_PER_TABLE,
            at,
        )?;
        count("predictors", t.predictors.len(), MAX_PER_TABLE, at)?;
        count("reference levels", t.reference.len(), MAX_PER_TABLE, at)?;
        count("pairs", t.pairs.len(), MAX_PAIRS, at)?;
        count(
            "risk_times",
            t.risk_times.as_ref().map_or(0, Vec::len),
            MAX_PER_TABLE,
            at,
        )?;
        let n = t.variables.len();
        if t.pairs.is_empty() && t.kind == "correlations" {
            count(
                "pairs of the variables",
                n * n.saturating_sub(1) / 2,
                MAX_PAIRS,
                at,
            )?;
        }
        let names = t
            .variables
            .iter()
            .chain(&t.predictors)
            .chain(t.pairs.iter().flatten())
            .chain(&t.by)
            .chain(t.groups.iter().flatten())
            .chain(&t.within)
            .chain(&t.rows)
            .chain(&t.outcome)
            .chain(std::iter::once(&t.kind))
            .chain(&t.summary)
            .chain(&t.test)
            .chain(&t.method)
            .chain(&t.p_method)
            .chain(&t.posthoc)
            .chain(&t.subject)
            .chain(&t.time)
            .chain(t.times.iter().flatten())
            .chain(&t.model)
            .chain(&t.se)
            .chain(&t.event)
            .chain(&t.status)
            .chain(t.reference.iter().flat_map(|(k, v)| [k, v]));
        count(
            "groups in one table",
            t.groups.as_ref().map_or(0, Vec::len),
            MAX_GROUPS,
            at,
        )?;
        for text in names {
            len(&format!("{what} a name"), text, at)?;
        }
    }
    Ok(())
}

/// The title of a table the protocol gives none: "Table N. <what its kind shows>".
fn default_title(number: usize, kind: &str) -> String {
    let what = match kind {
        "characteristics" => "Characteristics",
        "comparison" => "Group comparison",
        "correlations" => "Correlations",
        "regression" => "Regression",
        "paired" => "Paired comparison",
        "survival" => "Survival",
        other => other,
    };
    format!("Table {number}. {what}")
}

/// The variables a table names (its `variables`, `pairs`, `outcome` and the variables of its
/// `predictors`' terms), in order.
fn named_variables(t: &RawTable) -> Vec<String> {
    let mut names: Vec<String> = t.variables.clone();
    for [a, b] in &t.pairs {
        names.push(a.clone());
        names.push(b.clone());
    }
    names.extend(t.outcome.iter().cloned());
    if t.kind == "survival" {
        names.extend(t.time.iter().chain(&t.status).cloned());
    }
    for term in &t.predictors {
        names.extend(
            term.split([':', '*'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        );
    }
    names
}

/// How the type of a variable without `levels` is found from the data: a column whose
/// every value is a number (or missing) is numeric; a column where no value is a number, with 2 to
/// [`MAX_PER_TABLE`] distinct values is categorical, its levels sorted by code point (R's
/// `factor` sorts them too, by the locale's collation). Anything else (a missing column, a
/// single value, too many values) stays numeric, so that the analysis reports the exact
/// cell that is not a number.
fn detected_levels(data: &dyn crate::report::Columns, column: &str) -> Option<Vec<String>> {
    if data.numbers(column).is_ok() {
        return None;
    }
    let mut levels = data.categories(column).ok()?.names;
    // A column of words, not a column of numbers with a malformed cell (that stays numeric,
    // so that the error names the cell).
    let number = |text: &str| text.trim().replace(',', ".").parse::<f64>().is_ok();
    if levels.iter().any(|l| number(l)) {
        return None;
    }
    levels.sort();
    levels.dedup();
    (levels.len() >= 2 && levels.len() <= MAX_PER_TABLE).then_some(levels)
}

/// Parses and validates a protocol; `file` is the name used in messages. Variables that a
/// table names without a `[[variable]]` entry are declared with their name as label; those
/// without `levels` count as numeric until [`parse_with_data`] looks at the data.
pub fn parse(file: &str, text: &str) -> Result<Protocol, StudyError> {
    parse_inner(file, text, None)
}

/// Parses and validates a protocol as [`parse`] does, then types every variable without
/// `levels` from the cohort table `data` (see `detected_levels`): a column of words is
/// categorical. Run it on the table read with [`Protocol::columns`] of [`parse`]'s result.
pub fn parse_with_data(
    file: &str,
    text: &str,
    data: &dyn crate::report::Columns,
) -> Result<Protocol, StudyError> {
    parse_inner(file, text, Some(data))
}

fn parse_inner(
    file: &str,
    text: &str,
    data: Option<&dyn crate::report::Columns>,
) -> Result<Protocol, StudyError> {
    let mut raw: RawProtocol = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        StudyError::new(file, line, e.message().trim_end_matches('.').to_owned())
    })?;
    let err = |offset: usize, msg: String| StudyError::new(file, Some(line_of(text, offset)), msg);
    let top = |msg: String| StudyError::new(file, None, msg);
    check_limits(&raw).map_err(|(offset, msg)| match offset {
        Some(offset) => err(offset, msg),
        None => top(msg),
    })?;
    // Variables named by a table only: declared here, at the table's place in the file.
    let mut undeclared: Vec<Spanned<RawVariable>> = Vec::new();
    for t in &raw.table {
        for name in named_variables(t.get_ref()) {
            let known = raw
                .variable
                .iter()
                .chain(&undeclared)
                .any(|v| v.get_ref().name == name);
            if !known && !name.trim().is_empty() {
                undeclared.push(Spanned::new(
                    t.span(),
                    RawVariable {
                        name,
                        label: None,
                        unit: None,
                        decimals: None,
                        levels: None,
                    },
                ));
            }
        }
    }
    if raw.variable.len() + undeclared.len() > MAX_VARIABLES {
        return Err(top(format!(
            "the tables name {} variables; at most {MAX_VARIABLES} are allowed",
            raw.variable.len() + undeclared.len()
        )));
    }
    let auto_declared: Vec<String> = undeclared
        .iter()
        .map(|v| v.get_ref().name.clone())
        .collect();
    raw.variable.extend(undeclared);
    if let Some(data) = data {
        for v in &mut raw.variable {
            let v = v.get_mut();
            if v.levels.is_none() {
                v.levels = detected_levels(data, &v.name);
            }
        }
    }

    if raw.groups.len() < 2 || !distinct(&raw.groups) {
        return Err(top(format!(
            "groups: name two different groups to compare (or more, for the several-group \
             tests), got {:?}",
            raw.groups
        )));
    }
    let alpha = raw.alpha.unwrap_or(0.05);
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(top(format!("alpha: {alpha} is not between 0 and 1")));
    }
    let conf_level = match &raw.conf_level {
        None => 0.95,
        Some(c) => {
            let v = *c.get_ref();
            if !(v > 0.0 && v < 1.0) {
                return Err(err(
                    c.span().start,
                    format!(
                        "conf_level: {v} is not between 0 and 1 (a confidence level such as \
                         0.95 or 0.90)"
                    ),
                ));
            }
            v
        }
    };
    let p_style = match raw.p_style.as_deref() {
        None | Some("default") => PStyle::Default,
        Some("apa") => PStyle::Apa,
        Some("exact") => PStyle::Exact,
        Some(s) => {
            return Err(top(format!(
                "p_style: {s:?} is not \"default\", \"apa\" or \"exact\""
            )))
        }
    };
    let format = crate::format::parse(raw.format.take(), err)?;
    let lang = match raw.lang.as_deref() {
        None => crate::i18n::Lang::En,
        Some(tag) => crate::i18n::report_lang(tag).map_err(|e| top(format!("lang: {e}")))?,
    };
    let delimiter = match raw.delimiter.as_deref() {
        None => None,
        Some("\\t" | "\t" | "tab") => Some(b'\t'),
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(top(format!(
                "delimiter: {d:?} is not one character (use \",\", \";\" or \"tab\")"
            )))
        }
    };
    let decimal_comma = match raw.decimal.as_deref() {
        None => None,
        Some("comma" | ",") => Some(true),
        Some("point" | ".") => Some(false),
        Some(d) => return Err(top(format!("decimal: {d:?} is not \"point\" or \"comma\""))),
    };

    let mut variables: Vec<Variable> = Vec::new();
    for spanned in &raw.variable {
        let at = spanned.span().start;
        let v = spanned.get_ref();
        if v.name.trim().is_empty() {
            return Err(err(at, "variable: the name is empty".into()));
        }
        if variables.iter().any(|w| w.name == v.name) {
            return Err(err(at, format!("variable {:?} is defined twice", v.name)));
        }
        if let Some(levels) = &v.levels {
            if levels.len() < 2 {
                return Err(err(
                    at,
                    format!(
                        "variable {:?}: a categorical variable needs at least two levels",
                        v.name
                    ),
                ));
            }
        }
        if v.decimals.is_some_and(|d| d > 10) {
            return Err(err(
                at,
                format!("variable {:?}: decimals must be 0 to 10", v.name),
            ));
        }
        variables.push(Variable {
            name: v.name.clone(),
            label: v.label.clone().unwrap_or_else(|| v.name.clone()),
            unit: v.unit.clone(),
            decimals: v.decimals,
            levels: v.levels.clone(),
        });
    }

    let mut tables: Vec<TableSpec> = Vec::new();
    for spanned in &raw.table {
        let at = spanned.span().start;
        let t = spanned.get_ref();
        let here = |msg: String| err(at, format!("table {:?}: {msg}", t.id));
        if t.id.is_empty()
            || !t
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(err(
                at,
                format!(
                    "table id {:?} must be letters, digits, '-' or '_' (it names files)",
                    t.id
                ),
            ));
        }
        if tables.iter().any(|o| o.id == t.id) {
            return Err(here("the id is used twice".into()));
        }
        let numeric = |name: &str| -> Result<(), StudyError> {
            match variables.iter().find(|v| v.name == name) {
                None => Err(here(format!(
                    "{name:?} is not a [[variable]] of the protocol"
                ))),
                Some(v) if v.levels.is_some() => Err(here(format!(
                    "{name:?} is categorical; this analysis needs a numeric variable"
                ))),
                Some(_) => Ok(()),
            }
        };
        let known = |name: &str| -> Result<(), StudyError> {
            if variables.iter().any(|v| v.name == name) {
                Ok(())
            } else {
                Err(here(format!(
                    "{name:?} is not a [[variable]] of the protocol"
                )))
            }
        };
        let within = match &t.within {
            Some(w) if !raw.groups.contains(w) => {
                return Err(here(format!(
                    "within = {w:?} is not one of the groups {:?}",
                    raw.groups
                )))
            }
            w => w.clone(),
        };
        let grouping = || -> Result<Grouping, StudyError> {
            match (&t.by, &t.groups) {
                (None, None) => Ok(Grouping {
                    within: within.clone(),
                    column: raw.group.clone(),
                    levels: raw.groups.clone(),
                }),
                (Some(by), Some(levels)) => {
                    if levels.len() < 2 || !distinct(levels) {
                        return Err(here(format!(
                            "groups: name two (or more) different levels of {by:?}, got \
                             {levels:?}"
                        )));
                    }
                    if let Some(v) = variables.iter().find(|v| &v.name == by) {
                        if let Some(known_levels) = &v.levels {
                            if let Some(bad) = levels.iter().find(|l| !known_levels.contains(l)) {
                                return Err(here(format!(
                                    "{bad:?} is not a level of {by:?} ({known_levels:?})"
                                )));
                            }
                        }
                    }
                    Ok(Grouping {
                        within: within.clone(),
                        column: by.clone(),
                        levels: levels.clone(),
                    })
                }
                (Some(_), None) => Err(here("by needs groups = [two or more levels]".into())),
                (None, Some(_)) => Err(here(
                    "groups needs by = \"column\" (the protocol's own groups are the default)"
                        .into(),
                )),
            }
        };
        let rows = match t.rows.as_deref() {
            _ if !matches!(t.kind.as_str(), "correlations" | "regression") && t.rows.is_some() => {
                return Err(here(
                    "rows belongs to correlations and regression tables (the other kinds use \
                     the rows of the groups they compare)"
                        .into(),
                ))
            }
            Some(r) if within.is_some() => {
                return Err(here(format!(
                    "rows = {r:?} and within = {:?} exclude each other: within keeps the rows \
                     of one group",
                    within.as_deref().unwrap_or_default()
                )))
            }
            None | Some("all") => Rows::All,
            Some("groups") => Rows::Groups,
            Some(other) => {
                return Err(here(format!(
                    "rows = {other:?} is not \"all\" (every row of the data) or \"groups\" \
                     (the rows of the protocol's groups)"
                )))
            }
        };
        let logistic = t.kind == "regression" && t.model.as_deref() == Some("logistic");
        let log_ok = t.kind == "correlations" || (logistic && t.log_y.is_none());
        if !log_ok && (t.log_x.is_some() || t.log_y.is_some()) {
            return Err(here(
                "log_x and log_y belong to correlations tables (the axes of their scatter \
                 plots); log_x also to a logistic regression (odds ratios on a log axis)"
                    .into(),
            ));
        }
        let paired_kind = t.kind == "paired";
        let test = match t.test.as_deref() {
            _ if paired_kind => GroupTest::Auto,
            None | Some("auto") => GroupTest::Auto,
            Some("mann-whitney") => GroupTest::MannWhitney,
            Some("welch") => GroupTest::Welch,
            Some("student") => GroupTest::Student,
            Some("anova") => GroupTest::Anova,
            Some("welch-anova") => GroupTest::WelchAnova,
            Some("kruskal-wallis") => GroupTest::KruskalWallis,
            Some(other) => {
                return Err(here(format!(
                    "test {other:?} is not one of auto, mann-whitney, welch, student, anova, \
                     welch-anova, kruskal-wallis"
                )))
            }
        };
        let posthoc = |grouping: &Grouping| -> Result<PostHoc, StudyError> {
            let choice = match t.posthoc.as_deref() {
                None | Some("auto") => PostHoc::Auto,
                Some("tukey") => PostHoc::Tukey,
                Some("games-howell") => PostHoc::GamesHowell,
                Some("dunn") => PostHoc::Dunn,
                Some("none") => PostHoc::None,
                Some(other) => {
                    return Err(here(format!(
                        "posthoc {other:?} is not one of auto, tukey, games-howell, dunn, none"
                    )))
                }
            };
            if t.posthoc.is_some() && grouping.levels.len() < 3 {
                return Err(here(
                    "posthoc: pairwise comparisons need more than two groups".into(),
                ));
            }
            Ok(choice)
        };
        let survival_kind = t.kind == "survival";
        if !paired_kind
            && (t.subject.is_some() || (t.time.is_some() && !survival_kind) || t.times.is_some())
        {
            return Err(here(
                "subject, time and times belong to paired tables (kind = \"paired\")".into(),
            ));
        }
        if !survival_kind && (t.status.is_some() || t.risk_times.is_some()) {
            return Err(here(
                "status and risk_times belong to survival tables (kind = \"survival\")".into(),
            ));
        }
        let needs_variables = || -> Result<(), StudyError> {
            if t.variables.is_empty() {
                Err(here("variables: list at least one".into()))
            } else {
                Ok(())
            }
        };
        let analysis = match t.kind.as_str() {
            "characteristics" => {
                needs_variables()?;
                for v in &t.variables {
                    known(v)?;
                }
                let summary = match t.summary.as_deref() {
                    None | Some("auto") => Summary::Auto,
                    Some("mean_sd") => Summary::MeanSd,
                    Some("median_iqr") => Summary::MedianIqr,
                    Some(other) => {
                        return Err(here(format!(
                            "summary {other:?} is not one of auto, mean_sd, median_iqr"
                        )))
                    }
                };
                let grouping = grouping()?;
                Analysis::Characteristics {
                    variables: t.variables.clone(),
                    summary,
                    test,
                    posthoc: posthoc(&grouping)?,
                    grouping,
                }
            }
            "comparison" => {
                needs_variables()?;
                for v in &t.variables {
                    numeric(v)?;
                }
                if t.summary.is_some() {
                    return Err(here(
                        "summary belongs to characteristics tables (a comparison shows both)"
                            .into(),
                    ));
                }
                let grouping = grouping()?;
                Analysis::Comparison {
                    variables: t.variables.clone(),
                    test: if t.test.is_none() {
                        GroupTest::MannWhitney
                    } else {
                        test
                    },
                    posthoc: posthoc(&grouping)?,
                    grouping,
                }
            }
            "correlations" => {
                let method = match t.method.as_deref() {
                    None | Some("spearman") => CorrelationMethod::Spearman,
                    Some("pearson") => CorrelationMethod::Pearson,
                    Some(other) => {
                        return Err(here(format!("method {other:?} is not spearman or pearson")))
                    }
                };
                use neuronutri_stats::correlation::SpearmanMethod;
                let spearman_method = match t.p_method.as_deref() {
                    None | Some("auto") => SpearmanMethod::Auto,
                    Some("exact") => SpearmanMethod::Exact,
                    Some("asymptotic") => SpearmanMethod::Asymptotic,
                    Some(m) => {
                        return Err(here(format!(
                            "p_method {m:?} is not one of auto, exact, asymptotic"
                        )))
                    }
                };
                let mut pairs: Vec<(String, String)> = t
                    .pairs
                    .iter()
                    .map(|[a, b]| (a.clone(), b.clone()))
                    .collect();
                if pairs.is_empty() {
                    for (i, a) in t.variables.iter().enumerate() {
                        for b in &t.variables[i + 1..] {
                            pairs.push((a.clone(), b.clone()));
                        }
                    }
                }
                if pairs.is_empty() {
                    return Err(here(
                        "give pairs = [[\"x\", \"y\"], ...] or at least two variables".into(),
                    ));
                }
                for (a, b) in &pairs {
                    numeric(a)?;
                    numeric(b)?;
                    if a == b {
                        return Err(here(format!("the pair [{a:?}, {b:?}] is one variable")));
                    }
                }
                Analysis::Correlations {
                    pairs,
                    method,
                    spearman_method,
                    within,
                    rows,
                    log_axes: (t.log_x.unwrap_or(false), t.log_y.unwrap_or(false)),
                }
            }
            "regression" => {
                let outcome = t
                    .outcome
                    .clone()
                    .ok_or_else(|| here("outcome is missing".into()))?;
                let model = match t.model.as_deref() {
                    None | Some("linear") => RegressionModel::Linear,
                    Some("logistic") => RegressionModel::Logistic,
                    Some(m) => {
                        return Err(here(format!("model {m:?} is not one of linear, logistic")))
                    }
                };
                let outcome_var = variables.iter().find(|v| v.name == outcome);
                let event = match (model, outcome_var.and_then(|v| v.levels.as_ref())) {
                    (RegressionModel::Linear, _) => {
                        numeric(&outcome)?;
                        if t.event.is_some() {
                            return Err(here(
                                "event belongs to a logistic model (model = \"logistic\")".into(),
                            ));
                        }
                        None
                    }
                    (RegressionModel::Logistic, None) => {
                        known(&outcome)?;
                        if t.event.is_some() {
                            return Err(here(format!(
                                "event names a level of a categorical outcome; {outcome:?} is \
                                 numeric (its values must be 0 and 1, 1 = event)"
                            )));
                        }
                        None
                    }
                    (RegressionModel::Logistic, Some(levels)) => {
                        if levels.len() != 2 {
                            return Err(here(format!(
                                "the outcome {outcome:?} has {} levels; a logistic model needs \
                                 two",
                                levels.len()
                            )));
                        }
                        match &t.event {
                            None => Some(levels[1].clone()),
                            Some(e) if levels.contains(e) => Some(e.clone()),
                            Some(e) => {
                                return Err(here(format!(
                                    "event {e:?} is not a level of {outcome:?} ({levels:?})"
                                )))
                            }
                        }
                    }
                };
                if t.predictors.is_empty() {
                    return Err(here("predictors: list at least one".into()));
                }
                let written: Vec<&str> = t.predictors.iter().map(String::as_str).collect();
                let terms = neuronutri_stats::design::parse_terms(&written)
                    .map_err(|e| here(format!("predictors: {e}")))?;
                for term in &terms {
                    for p in term {
                        known(p)?;
                        if p == &outcome {
                            return Err(here(format!("{p:?} is both outcome and predictor")));
                        }
                        let categorical =
                            variables.iter().any(|v| &v.name == p && v.levels.is_some());
                        if categorical && term.len() > 1 && !terms.contains(&vec![p.clone()]) {
                            return Err(here(format!(
                                "{:?}: the categorical {p:?} interacts without its main \
                                 effect; write {:?}",
                                term.join(":"),
                                term.join("*")
                            )));
                        }
                    }
                }
                for (name, level) in &t.reference {
                    let in_model = terms.iter().any(|term| term.contains(name));
                    match variables.iter().find(|v| &v.name == name) {
                        Some(Variable {
                            levels: Some(levels),
                            ..
                        }) if in_model => {
                            if !levels.contains(level) {
                                return Err(here(format!(
                                    "reference: {level:?} is not a level of {name:?} \
                                     ({levels:?})"
                                )));
                            }
                        }
                        // Declared by the table only: its type comes from the data
                        // (`parse_with_data`).
                        Some(Variable { levels: None, .. })
                            if in_model && data.is_none() && auto_declared.contains(name) => {}
                        _ => {
                            return Err(here(format!(
                                "reference: {name:?} is not a categorical predictor of this \
                                 table"
                            )))
                        }
                    }
                }
                let se = match t.se.as_deref() {
                    None | Some("classical") => neuronutri_stats::ols::Covariance::Classical,
                    Some("hc3") => neuronutri_stats::ols::Covariance::Hc3,
                    Some(other) => {
                        return Err(here(format!("se {other:?} is not one of classical, hc3")))
                    }
                };
                if model == RegressionModel::Logistic && (t.se.is_some() || t.diagnostics.is_some())
                {
                    return Err(here(
                        "se and diagnostics belong to a linear model; a logistic table shows \
                         Wald and profile-likelihood intervals"
                            .into(),
                    ));
                }
                Analysis::Regression {
                    outcome,
                    predictors: t.predictors.clone(),
                    within,
                    rows,
                    model,
                    reference: t.reference.clone(),
                    se,
                    diagnostics: t.diagnostics.unwrap_or(false),
                    event,
                    log_x: t.log_x.unwrap_or(false),
                }
            }
            "survival" => {
                let time = t
                    .time
                    .clone()
                    .ok_or_else(|| here("time is missing: the column of follow-up times".into()))?;
                numeric(&time)?;
                let status = t.status.clone().ok_or_else(|| {
                    here(
                        "status is missing: the column that says whether the event was seen".into(),
                    )
                })?;
                known(&status)?;
                if status == time {
                    return Err(here("time and status are the same column".into()));
                }
                let levels = variables
                    .iter()
                    .find(|v| v.name == status)
                    .and_then(|v| v.levels.clone());
                let event = match (&levels, &t.event) {
                    (Some(l), _) if l.len() != 2 => {
                        return Err(here(format!(
                            "the status {status:?} has {} levels; it needs two (event and \
                             censored)",
                            l.len()
                        )))
                    }
                    (Some(l), Some(e)) if !l.contains(e) => {
                        return Err(here(format!(
                            "event {e:?} is not a level of {status:?} ({l:?})"
                        )))
                    }
                    // Declared by the table only: typed from the data (`parse_with_data`).
                    (None, Some(_)) if data.is_none() && auto_declared.contains(&status) => None,
                    (None, Some(e)) if !e.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                        return Err(here(format!(
                            "event {e:?} is not a number; {status:?} is numeric, so event \
                             names the value that codes the event (e.g. \"2\")"
                        )))
                    }
                    (None, Some(e)) => Some(e.trim().to_owned()),
                    (_, e) => e.clone(),
                };
                if let Some(times) = &t.risk_times {
                    if times.is_empty()
                        || times.iter().any(|x| !x.is_finite() || *x < 0.0)
                        || times.windows(2).any(|w| w[0] >= w[1])
                    {
                        return Err(here(format!(
                            "risk_times: give increasing times of 0 or more, got {times:?}"
                        )));
                    }
                }
                let written: Vec<&str> = t.predictors.iter().map(String::as_str).collect();
                let terms = if written.is_empty() {
                    Vec::new()
                } else {
                    neuronutri_stats::design::parse_terms(&written)
                        .map_err(|e| here(format!("predictors: {e}")))?
                };
                for term in &terms {
                    for p in term {
                        known(p)?;
                        if p == &time || p == &status {
                            return Err(here(format!(
                                "{p:?} is the time or the status; it cannot be a predictor"
                            )));
                        }
                        let categorical =
                            variables.iter().any(|v| &v.name == p && v.levels.is_some());
                        if categorical && term.len() > 1 && !terms.contains(&vec![p.clone()]) {
                            return Err(here(format!(
                                "{:?}: the categorical {p:?} interacts without its main \
                                 effect; write {:?}",
                                term.join(":"),
                                term.join("*")
                            )));
                        }
                    }
                }
                for (name, level) in &t.reference {
                    let in_model = terms.iter().any(|term| term.contains(name));
                    match variables.iter().find(|v| &v.name == name) {
                        Some(Variable {
                            levels: Some(levels),
                            ..
                        }) if in_model => {
                            if !levels.contains(level) {
                                return Err(here(format!(
                                    "reference: {level:?} is not a level of {name:?} \
                                     ({levels:?})"
                                )));
                            }
                        }
                        _ => {
                            return Err(here(format!(
                                "reference: {name:?} is not a categorical predictor of this \
                                 table"
                            )))
                        }
                    }
                }
                if t.model.is_some() || t.se.is_some() || t.diagnostics.is_some() {
                    return Err(here(
                        "model, se and diagnostics belong to regression tables; a survival \
                         table fits a Cox model when it names predictors"
                            .into(),
                    ));
                }
                if !t.variables.is_empty()
                    || t.outcome.is_some()
                    || t.test.is_some()
                    || t.summary.is_some()
                    || t.posthoc.is_some()
                    || t.method.is_some()
                    || t.p_method.is_some()
                    || !t.pairs.is_empty()
                {
                    return Err(here(
                        "variables, outcome, test, summary, posthoc, method, p_method and pairs \
                         belong to other kinds of table; a survival table takes time, status, \
                         event, by, groups, within, risk_times, predictors and reference"
                            .into(),
                    ));
                }
                Analysis::Survival {
                    time,
                    status,
                    event,
                    grouping: grouping()?,
                    predictors: t.predictors.clone(),
                    reference: t.reference.clone(),
                    risk_times: t.risk_times.clone(),
                }
            }
            "paired" => {
                needs_variables()?;
                for name in &t.variables {
                    match variables.iter().find(|v| &v.name == name) {
                        None => {
                            return Err(here(format!(
                                "{name:?} is not a [[variable]] of the protocol"
                            )))
                        }
                        Some(v) if v.levels.as_ref().is_some_and(|l| l.len() != 2) => {
                            return Err(here(format!(
                                "{name:?} has {} levels; a paired table tests categorical \
                                 variables of two levels (McNemar)",
                                v.levels.as_ref().map_or(0, Vec::len)
                            )))
                        }
                        Some(_) => {}
                    }
                }
                let subject = t.subject.clone().ok_or_else(|| {
                    here("subject is missing: the column that names each subject".into())
                })?;
                let time = t.time.clone().ok_or_else(|| {
                    here("time is missing: the column that names each row's occasion".into())
                })?;
                let times = match t.times.as_deref() {
                    Some([a, b]) if a != b => [a.clone(), b.clone()],
                    _ => {
                        return Err(here(format!(
                            "times: name the two different occasions compared, in order, got \
                             {:?}",
                            t.times.clone().unwrap_or_default()
                        )))
                    }
                };
                if subject == time {
                    return Err(here("subject and time are the same column".into()));
                }
                if t.by.is_some() || t.groups.is_some() || t.posthoc.is_some() {
                    return Err(here(
                        "by, groups and posthoc belong to group comparisons, not paired tables"
                            .into(),
                    ));
                }
                let test = match t.test.as_deref() {
                    None | Some("auto") => PairedTest::Auto,
                    Some("paired-t") => PairedTest::PairedT,
                    Some("wilcoxon") => PairedTest::Wilcoxon,
                    Some(other) => {
                        return Err(here(format!(
                            "test {other:?} is not one of auto, paired-t, wilcoxon"
                        )))
                    }
                };
                Analysis::Paired {
                    variables: t.variables.clone(),
                    subject,
                    time,
                    times,
                    test,
                    within,
                }
            }
            other => {
                return Err(here(format!(
                    "kind {other:?} is not one of characteristics, comparison, correlations, \
                     regression, paired, survival"
                )))
            }
        };
        let title = match &t.title {
            Some(title) => title.clone(),
            None => default_title(tables.len() + 1, &t.kind),
        };
        tables.push(TableSpec {
            id: t.id.clone(),
            title,
            analysis,
            line: line_of(text, at),
        });
    }
    if tables.is_empty() {
        return Err(top("no [[table]]: the protocol asks for nothing".into()));
    }
    Ok(Protocol {
        file: file.to_owned(),
        title: raw.title.unwrap_or_else(|| "Study report".to_owned()),
        source: raw.source,
        data: raw.data,
        read_options: crate::table::ReadOptions {
            delimiter,
            decimal_comma,
            encoding: raw.encoding,
        },
        group: raw.group,
        groups: raw.groups,
        group_labels: raw.group_labels,
        alpha,
        conf_level,
        lang,
        p_style,
        format,
        variables,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\n\
        [[variable]]\nname = \"x\"\n[[variable]]\nname = \"y\"\n\
        [[variable]]\nname = \"sex\"\nlevels = [\"m\", \"f\"]\n";

    fn check_err(tail: &str, expect: &str, line: Option<usize>) {
        let text = format!("{HEAD}{tail}");
        let e = parse("p.toml", &text).unwrap_err();
        assert!(
            e.message.contains(expect),
            "{tail}: got {:?}, want {expect:?}",
            e.message
        );
        assert_eq!(e.line, line, "{tail}: {e}");
        assert!(e.to_string().starts_with("p.toml"));
    }

    #[test]
    fn accepts_every_kind() {
        let text = format!(
            "{HEAD}[[table]]\nid = \"t1\"\ntitle = \"T\"\nkind = \"characteristics\"\nvariables = [\"x\", \"sex\"]\n\
             [[table]]\nid = \"t2\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"x\"]\nby = \"sex\"\ngroups = [\"m\", \"f\"]\nwithin = \"a\"\n\
             [[table]]\nid = \"t3\"\ntitle = \"T\"\nkind = \"correlations\"\nvariables = [\"x\", \"y\"]\n\
             [[table]]\nid = \"t4\"\ntitle = \"T\"\nkind = \"regression\"\noutcome = \"y\"\npredictors = [\"x\"]\n"
        );
        let p = parse("p.toml", &text).unwrap();
        assert_eq!(p.tables.len(), 4);
        assert_eq!(p.tables[1].line, 16);
        match &p.tables[1].analysis {
            Analysis::Comparison { test, grouping, .. } => {
                assert_eq!(*test, GroupTest::MannWhitney);
                assert_eq!(grouping.column, "sex");
                assert_eq!(grouping.within.as_deref(), Some("a"));
            }
            other => panic!("{other:?}"),
        }
        match &p.tables[2].analysis {
            Analysis::Correlations { pairs, .. } => {
                assert_eq!(pairs, &[("x".to_string(), "y".to_string())])
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_the_line_of_each_mistake() {
        let t = "[[table]]\nid = \"t\"\ntitle = \"T\"\n";
        check_err(&format!("{t}kind = \"pie\"\n"), "kind \"pie\"", Some(11));
        // A variable a table names without a [[variable]] entry is declared from the table
        // (issue 13 item 9; tests/minimal_protocol.rs), so "z" is no mistake here.
        check_err(
            &format!("{t}kind = \"comparison\"\nvariables = [\"sex\"]\n"),
            "categorical",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"regression\"\npredictors = [\"x\"]\n"),
            "outcome is missing",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"regression\"\noutcome = \"x\"\npredictors = [\"x\"]\n"),
            "both outcome and predictor",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"comparison\"\nvariables = [\"x\"]\ntest = \"z-test\"\n"),
            "test \"z-test\"",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"comparison\"\nvariables = [\"x\"]\nwithin = \"c\"\n"),
            "within = \"c\"",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"comparison\"\nvariables = [\"x\"]\nby = \"sex\"\ngroups = [\"m\", \"x\"]\n"),
            "\"x\" is not a level of \"sex\"",
            Some(11),
        );
        check_err(
            &format!("{t}kind = \"correlations\"\nvariables = [\"x\"]\n"),
            "at least two variables",
            Some(11),
        );
        check_err(&format!("{t}kind = 3\n"), "invalid type", Some(14));
        check_err("", "no [[table]]", None);
        check_err(
            &format!("{t}kind = \"comparison\"\nvariables = [\"x\"]\ncolour = 1\n"),
            "unknown field `colour`",
            Some(16),
        );
    }

    #[test]
    fn checks_the_header() {
        let e = parse("p.toml", "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\"]\n").unwrap_err();
        assert!(e.message.contains("two different groups"), "{e}");
        let e = parse(
            "p.toml",
            "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\nalpha = 2\n",
        )
        .unwrap_err();
        assert!(e.message.contains("alpha"), "{e}");
        let e = parse(
            "p.toml",
            "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\nconf_level = 95\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(
            e.to_string()
                .starts_with("p.toml:4: conf_level: 95 is not between 0 and 1"),
            "{e}"
        );
        for bad in ["0", "1", "-0.5", "nan"] {
            let text = format!(
                "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\nconf_level = {bad}\n"
            );
            let e = parse("p.toml", &text).unwrap_err();
            assert!(e.message.contains("conf_level"), "{bad}: {e}");
        }
        let e = parse("p.toml", "title = \"t\"\ngroups = [\"a\", \"b\"]\n").unwrap_err();
        assert!(e.message.contains("missing field `group`"), "{e}");
        let e = parse(
            "p.toml",
            "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\ndelimiter = \";;\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("delimiter"), "{e}");
        let text = "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\ndelimiter = \"tab\"\n\
            decimal = \"comma\"\nencoding = \"cp1251\"\n[[variable]]\nname = \"x\"\n\
            [[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"x\"]\n";
        let options = parse("p.toml", text).unwrap().read_options;
        assert_eq!(options.delimiter, Some(b'\t'));
        assert_eq!(options.decimal_comma, Some(true));
        assert_eq!(options.encoding.as_deref(), Some("cp1251"));
    }
}
