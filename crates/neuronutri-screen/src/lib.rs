//! Population screening: how many patients of a lab extract are low in magnesium or vitamin
//! B12, by site, sex, age band and year, and who among those at risk was never tested.
//!
//! The knowledge compiles to SQL ([`compile`]): the model's unit conversions and plausibility
//! limits and the knowledge base's thresholds become CASE expressions, so the counts follow
//! exactly the rules the assessment engine applies. The query ([`query`]) runs on embedded
//! Apache DataFusion ([`engine`]), streaming CSV or Parquet on all cores; the small result is
//! finished here (Wilson confidence intervals, margins, totals) and written by [`output`].
#![deny(missing_docs)]

pub mod compile;
pub mod engine;
pub mod mapping;
pub mod output;
pub mod pool;
pub mod query;
pub mod spark;
pub mod synth;

use compile::Screened;
use datafusion::arrow::datatypes::DataType;
use engine::{
    count_column, diagnose_csv, id_column, text_column, Engine, Expect, Format, Input, Progress,
};
use mapping::{Field, Mapping, LAB_FIELDS, MEDICATION_FIELDS, PATIENT_FIELDS};
use neuronutri_knowledge::Knowledge;
use neuronutri_model::codes::{analyte_for_loinc, atc_for_name, drug_classes, loinc_not_read};
use neuronutri_model::DrugClass;
use query::chrono_lite::Date;
use query::{Dialect, Plan, Source, PACKED_SITES, RISKS, STATUSES};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Why a screen could not run.
#[derive(Debug)]
pub enum ScreenError {
    /// Bad input: a file, a row or line, a column (exit code 2).
    Input {
        /// The file as the user named it.
        file: String,
        /// Where in it (`line 7, column value`), or empty.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// A bad option (exit code 2).
    Option(String),
    /// The engine failed on input it accepted (exit code 1).
    Engine(String),
}

impl std::fmt::Display for ScreenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScreenError::Input {
                file,
                location,
                message,
            } if location.is_empty() => write!(f, "{file}: {message}"),
            ScreenError::Input {
                file,
                location,
                message,
            } => write!(f, "{file}, {location}: {message}"),
            ScreenError::Option(m) | ScreenError::Engine(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ScreenError {}

/// The error for a query that needed more working memory than `--memory-limit` gives it
/// (exit code 2, as a bad option), or `None` for any other error. The operators that spill
/// to disk keep within any limit; those that cannot (chiefly the join with the patients file,
/// whose table is held in memory whole) can outgrow a small one.
pub fn memory_error(e: &datafusion::error::DataFusionError, limit: u64) -> Option<ScreenError> {
    let datafusion::error::DataFusionError::ResourcesExhausted(detail) = e.find_root() else {
        return None;
    };
    // DataFusion's words up to the operator's name: "Failed to allocate additional 1.0 MB for
    // HashJoinInput[1]" (the rest: the operator's expressions, the sizes, the pool)
    let first = detail.lines().next().unwrap_or_default();
    let first = first.split(" with ").next().unwrap_or(first);
    let first = match first.find(" for ") {
        Some(at) => match first[at..].find(" (") {
            Some(open) => &first[..at + open],
            None => first,
        },
        None => first,
    };
    Some(ScreenError::Option(format!(
        "--memory-limit: {} MiB of working memory is too small for this extract ({first}). The \
         join with the patients file cannot spill: it holds that file's table in memory whole \
         (measured: about 21 bytes per patient, 105 MB for 5 million) and the other operators \
         work in what it leaves; give a larger limit, e.g. --memory-limit {}M",
        limit >> 20,
        (limit >> 20).saturating_mul(2).max(64)
    )))
}

impl ScreenError {
    /// Whether this is the user's input (exit code 2) rather than a failure of the program.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ScreenError::Engine(_))
    }
}

/// A grouping dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The site of the result.
    Site,
    /// The patient's sex.
    Sex,
    /// The patient's age band at the result.
    AgeBand,
    /// The year of the result.
    Year,
}

impl Dimension {
    /// The name in options and output.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Site => "site",
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
            Dimension::Year => "year",
        }
    }

    /// Parses `site,sex,age_band,year` (any subset, any order; the output keeps this order).
    pub fn parse_list(text: &str) -> Result<Vec<Dimension>, ScreenError> {
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let d = match part {
                "site" => Dimension::Site,
                "sex" => Dimension::Sex,
                "age_band" | "age" => Dimension::AgeBand,
                "year" => Dimension::Year,
                other => {
                    return Err(ScreenError::Option(format!(
                        "--by: '{other}' is not a dimension; use site, sex, age_band, year"
                    )))
                }
            };
            if out.contains(&d) {
                return Err(ScreenError::Option(format!(
                    "--by: '{part}' is given twice"
                )));
            }
            out.push(d);
        }
        out.sort();
        Ok(out)
    }
}

/// The period results are taken from, both days inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

impl Period {
    /// Parses `FROM..TO` (`2024-01-01..2024-12-31`).
    pub fn parse(text: &str) -> Result<Period, ScreenError> {
        let bad = |why: &str| {
            ScreenError::Option(format!(
                "--period {text:?}: {why}; write FROM..TO with ISO dates, e.g. 2024-01-01..2024-12-31"
            ))
        };
        let (from, to) = text.split_once("..").ok_or_else(|| bad("no '..'"))?;
        let from = Date::parse(from.trim()).ok_or_else(|| bad("FROM is not a date"))?;
        let to = Date::parse(to.trim()).ok_or_else(|| bad("TO is not a date"))?;
        if to < from {
            return Err(bad("TO is before FROM"));
        }
        Ok(Period { from, to })
    }
}

/// Parses `--age-bands 18,45,65,75,85`: the lower edges of the bands after the first (which
/// starts at 0).
pub fn parse_age_edges(text: &str) -> Result<Vec<u32>, ScreenError> {
    let mut edges = vec![0u32];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let edge: u32 = part.parse().map_err(|_| {
            ScreenError::Option(format!(
                "--age-bands: '{part}' is not a whole number of years"
            ))
        })?;
        if edge == 0 || edge > 120 || edge <= *edges.last().unwrap_or(&0) {
            return Err(ScreenError::Option(format!(
                "--age-bands: the edges must rise from 1 to 120; '{part}' does not"
            )));
        }
        edges.push(edge);
    }
    Ok(edges)
}

/// The default age bands: 0-17, 18-44, 45-64, 65-74, 75-84, 85+ (65 is the knowledge's
/// `cvd_risk_age`).
pub const DEFAULT_AGE_EDGES: [u32; 6] = [0, 18, 45, 65, 75, 85];

/// What to screen.
#[derive(Clone, Debug)]
pub struct Options {
    /// Lab results.
    pub labs: PathBuf,
    /// Patients (birth date, sex, deceased date).
    pub patients: Option<PathBuf>,
    /// Medications.
    pub medications: Option<PathBuf>,
    /// The column mapping.
    pub mapping: Mapping,
    /// Grouping.
    pub by: Vec<Dimension>,
    /// The period.
    pub period: Option<Period>,
    /// Lower edges of the age bands.
    pub age_edges: Vec<u32>,
    /// Where the statements run: `None` on the embedded engine, `Some("host:port")` on a
    /// Spark Connect server.
    pub spark: Option<String>,
    /// The embedded engine's working memory bound, in bytes ([`engine::DEFAULT_MEMORY_LIMIT`]
    /// unless told); the aggregation spills to temporary files past it. Not used on Spark.
    pub memory_limit: u64,
    /// Only generate the statements (after reading the codes, units and drug names the files
    /// hold) and return them in [`Screen::sql`] and [`Screen::spark_sql`]; no counts.
    pub emit_only: bool,
}

/// The count and prevalence of one class in one group.
#[derive(Clone, Debug, Serialize)]
pub struct ClassCount {
    /// The class id (`low`, `deficient`, ...).
    pub class: &'static str,
    /// Patients in the class.
    pub count: u64,
    /// count / tested, `null` when no one was tested.
    pub prevalence: Option<f64>,
    /// Wilson score 95 % interval, `null` when no one was tested.
    pub ci95: Option<[f64; 2]>,
}

/// One group's results for one analyte.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The group's values, by dimension (empty for the total).
    pub group: BTreeMap<&'static str, String>,
    /// Patients with a valid result (per year when grouped by year).
    pub tested: u64,
    /// Each class.
    pub classes: Vec<ClassCount>,
}

/// Why results were not used, for one analyte (rows in the period).
#[derive(Clone, Debug, Default, Serialize)]
pub struct RowCounts {
    /// Valid results.
    pub valid: u64,
    /// Counted and excluded, by reason (`no_value`, `no_date`, `unit_not_accepted`,
    /// `implausible`).
    pub excluded: BTreeMap<&'static str, u64>,
    /// Tested patients (in the total) who are not in the patients file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tested_not_in_patients: Option<u64>,
}

/// One analyte's results.
#[derive(Clone, Debug, Serialize)]
pub struct AnalyteResult {
    /// `mg`, `b12`, `holotc`.
    pub key: &'static str,
    /// The analyte's name.
    pub analyte: &'static str,
    /// The canonical unit.
    pub unit: &'static str,
    /// The classes.
    pub classes: Vec<compile::Class>,
    /// Results in the period and why some were not used.
    pub rows: RowCounts,
    /// All patients.
    pub total: Group,
    /// Each combination of the `--by` dimensions.
    pub groups: Vec<Group>,
    /// One dimension at a time (e.g. by year alone: the trend), when more than one is given.
    pub margins: BTreeMap<&'static str, Vec<Group>>,
    /// Age- (and sex-) standardised prevalences, when a patients file gives ages and sexes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standardised: Option<Standardised>,
}

/// A code of the lab file that the screen did not read.
#[derive(Clone, Debug, Serialize)]
pub struct CodeNotRead {
    /// The code as in the file.
    pub code: Option<String>,
    /// Rows with it.
    pub rows: u64,
    /// Why.
    pub reason: String,
}

/// A unit accepted for an analyte, as found in the file.
#[derive(Clone, Debug, Serialize)]
pub struct UnitUsed {
    /// The analyte key.
    pub analyte: &'static str,
    /// The unit as in the file (`None`: empty).
    pub unit: Option<String>,
    /// Rows with it (all dates).
    pub rows: u64,
    /// The factor to the canonical unit, `null` when the unit is not accepted.
    pub factor: Option<f64>,
}

/// One group of the population for "at risk, never tested".
#[derive(Clone, Debug, Serialize)]
pub struct RiskGroup {
    /// The group's values.
    pub group: BTreeMap<&'static str, String>,
    /// Patients in the population.
    pub population: u64,
    /// For each risk factor: at risk, and of those never tested in the period.
    pub risks: Vec<RiskCount>,
}

/// One risk factor's counts.
#[derive(Clone, Debug, Serialize)]
pub struct RiskCount {
    /// The risk factor (`mg.ppi_long_term`, ...).
    pub risk: &'static str,
    /// Patients with it.
    pub at_risk: u64,
    /// Of those, never tested in the period.
    pub never_tested: u64,
}

/// "At risk, never tested".
#[derive(Clone, Debug, Serialize)]
pub struct AtRisk {
    /// How each risk factor is defined, with the knowledge's values and sources.
    pub definitions: Vec<(&'static str, String)>,
    /// Medication rows by the class they were read as (`ppi`, `diuretic`, `metformin`,
    /// `other`).
    pub medication_rows: BTreeMap<&'static str, u64>,
    /// The whole population.
    pub total: RiskGroup,
    /// By sex and age band, when asked.
    pub groups: Vec<RiskGroup>,
}

/// Everything a screen computed.
#[derive(Clone, Debug, Serialize)]
pub struct Screen {
    /// The files read.
    pub inputs: Vec<InputSummary>,
    /// The period, inclusive.
    pub period: Option<[String; 2]>,
    /// The grouping.
    pub by: Vec<&'static str>,
    /// The age bands.
    pub age_bands: Vec<String>,
    /// How the numbers are computed, in words.
    pub method: Vec<(&'static str, String)>,
    /// Rows of the lab file.
    pub lab_rows: u64,
    /// The units found for each analyte, with the factor used.
    pub units: Vec<UnitUsed>,
    /// Codes of the lab file not read, most rows first.
    pub codes_not_read: Vec<CodeNotRead>,
    /// Per analyte.
    pub analytes: Vec<AnalyteResult>,
    /// Given medications: "at risk, never tested".
    pub at_risk: Option<AtRisk>,
    /// The thresholds used, with their values, units and sources.
    pub thresholds: Vec<ThresholdUsed>,
    /// The statements in DataFusion's dialect (query.sql; what ran on the embedded engine).
    #[serde(skip)]
    pub sql: Vec<(&'static str, String)>,
    /// The same statements in Spark SQL (query.spark.sql; what ran with `--engine spark://`).
    #[serde(skip)]
    pub spark_sql: Vec<(&'static str, String)>,
    /// Bytes the embedded engine spilled to temporary files to stay within
    /// [`Options::memory_limit`] (0 when it did not need to).
    #[serde(skip)]
    pub spilled_bytes: u64,
}

/// A threshold of the knowledge base the screen used.
#[derive(Clone, Debug, Serialize)]
pub struct ThresholdUsed {
    /// Its name in data/thresholds.toml.
    pub name: &'static str,
    /// The value in force.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// The catalogue source.
    pub source: Option<String>,
    /// Whether a site configuration changed it.
    pub overridden: bool,
}

/// One input file.
#[derive(Clone, Debug, Serialize)]
pub struct InputSummary {
    /// `labs`, `patients`, `medications`.
    pub table: &'static str,
    /// The path.
    pub file: String,
    /// CSV or Parquet.
    pub format: Format,
}

/// The z of a two-sided 95 % interval (the normal quantile at 0.975, as SciPy's
/// `norm.isf(0.025)` gives it).
pub const Z95: f64 = 1.9599639845400545;

/// The Wilson score interval of `x` successes in `n` trials at 95 % (statsmodels'
/// `proportion_confint(method="wilson")`); `None` when `n` is 0.
pub fn wilson(x: u64, n: u64) -> Option<[f64; 2]> {
    if n == 0 || x > n {
        return None;
    }
    let (n, p) = (n as f64, x as f64 / n as f64);
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let dist = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some([center - dist, center + dist])
}

/// The European Standard Population 2013 (Eurostat's 2013 revision, KS-RA-13-028): the
/// weights of the 5-year age bands 0-4, 5-9, ..., 85-89 and 90+, as tabulated in UKHSA's
/// PHEindicatormethods (R/data.R, `esp2013`); they sum to 100 000.
pub const ESP2013: [f64; 19] = [
    5000.0, 5500.0, 5500.0, 5500.0, 6000.0, 6000.0, 6500.0, 7000.0, 7000.0, 7000.0, 7000.0, 6500.0,
    6000.0, 5500.0, 5000.0, 4000.0, 2500.0, 1500.0, 1000.0,
];

/// The standard population's name in the output.
pub const ESP2013_NAME: &str = "European Standard Population 2013 (Eurostat, revision of the \
European Standard Population, KS-RA-13-028; 19 five-year age bands 0-4 to 90+, weights as \
tabulated in UKHSA's PHEindicatormethods)";

/// One class's directly standardised prevalence.
#[derive(Clone, Debug, Serialize)]
pub struct StandardisedClass {
    /// The class id.
    pub class: &'static str,
    /// The standardised prevalence, `null` when no stratum has a tested patient.
    pub rate: Option<f64>,
    /// 95 % interval by the normal approximation (clipped to 0..1), `null` with the rate.
    pub ci95: Option<[f64; 2]>,
}

/// The standardised prevalences of one group.
#[derive(Clone, Debug, Serialize)]
pub struct StandardisedGroup {
    /// The group's values (empty for the total).
    pub group: BTreeMap<&'static str, String>,
    /// `age` (within one sex) or `age_sex` (age band x female/male, each sex half the weight).
    pub strata: &'static str,
    /// Tested patients in the strata used.
    pub tested: u64,
    /// Tested patients left out: age unknown, or (for `age_sex`) sex other or unknown.
    pub not_standardised: u64,
    /// The share of the standard population's weight in strata with a tested patient (the
    /// others are left out and the weights rescaled): 1 when every stratum is present.
    pub weight_covered: f64,
    /// Each class.
    pub classes: Vec<StandardisedClass>,
}

/// Age- (and sex-) standardised prevalences of one analyte.
#[derive(Clone, Debug, Serialize)]
pub struct Standardised {
    /// The standard population.
    pub standard: &'static str,
    /// All patients (per year with `--by year`): age band x sex.
    pub total: StandardisedGroup,
    /// By each dimension other than the age band: within a sex by age band, otherwise by age
    /// band x sex.
    pub margins: BTreeMap<&'static str, Vec<StandardisedGroup>>,
}

/// One raw row of the prevalence query with its stratum: (visible group, ESP band index or
/// `None`, sex, tested, class counts).
type StratumRow = (
    BTreeMap<&'static str, String>,
    Option<usize>,
    String,
    u64,
    Vec<u64>,
);

/// Direct standardisation of `rows` to ESP 2013: within one sex (`one_sex`) over the age
/// bands, else over age band x sex (female and male, each half the band's weight).
fn standardise(
    group: BTreeMap<&'static str, String>,
    rows: &[&StratumRow],
    classes: &[compile::Class],
    one_sex: bool,
) -> StandardisedGroup {
    // Strata: (band, sex) -> (tested, counts).
    let mut strata: BTreeMap<(usize, &str), (u64, Vec<u64>)> = BTreeMap::new();
    let mut tested = 0u64;
    let mut left_out = 0u64;
    for (_, band, sex, n, counts) in rows {
        let usable = band.is_some() && (one_sex || sex == "female" || sex == "male");
        let Some(b) = band.filter(|_| usable) else {
            left_out += n;
            continue;
        };
        tested += n;
        let key = (b, if one_sex { "" } else { sex.as_str() });
        let entry = strata
            .entry(key)
            .or_insert_with(|| (0, vec![0; classes.len()]));
        entry.0 += n;
        for (e, c) in entry.1.iter_mut().zip(counts) {
            *e += c;
        }
    }
    let weight = |b: usize| {
        if one_sex {
            ESP2013[b]
        } else {
            ESP2013[b] / 2.0
        }
    };
    let present: Vec<(f64, &(u64, Vec<u64>))> = strata
        .iter()
        .filter(|(_, (n, _))| *n > 0)
        .map(|((b, _), s)| (weight(*b), s))
        .collect();
    let covered: f64 = present.iter().map(|(w, _)| w).sum();
    let total: f64 = ESP2013.iter().sum();
    let classes = classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if present.is_empty() {
                return StandardisedClass {
                    class: c.id,
                    rate: None,
                    ci95: None,
                };
            }
            let (mut rate, mut var) = (0.0, 0.0);
            for (w, (n, counts)) in &present {
                let n = *n as f64;
                let p = counts[i] as f64 / n;
                let share = w / covered;
                rate += share * p;
                var += share * share * p * (1.0 - p) / n;
            }
            let half = Z95 * var.sqrt();
            StandardisedClass {
                class: c.id,
                rate: Some(rate),
                ci95: Some([(rate - half).max(0.0), (rate + half).min(1.0)]),
            }
        })
        .collect();
    StandardisedGroup {
        group,
        strata: if one_sex { "age" } else { "age_sex" },
        tested,
        not_standardised: left_out,
        weight_covered: covered / total,
        classes,
    }
}

/// One group's raw counts from the prevalence query: its values, patients tested, and the count
/// of each class.
type RawGroup = (BTreeMap<&'static str, String>, u64, Vec<u64>);

fn class_counts(classes: &[compile::Class], counts: &[u64], tested: u64) -> Vec<ClassCount> {
    classes
        .iter()
        .zip(counts)
        .map(|(c, &count)| ClassCount {
            class: c.id,
            count,
            prevalence: (tested > 0).then(|| count as f64 / tested as f64),
            ci95: wilson(count, tested),
        })
        .collect()
}

fn is_text(t: &datafusion::arrow::datatypes::DataType) -> bool {
    use datafusion::arrow::datatypes::DataType::*;
    match t {
        Utf8 | LargeUtf8 | Utf8View => true,
        Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

fn is_numeric(t: &datafusion::arrow::datatypes::DataType) -> bool {
    use datafusion::arrow::datatypes::DataType::*;
    t.is_numeric() || matches!(t, Null) || is_text(t)
}

fn is_date(t: &datafusion::arrow::datatypes::DataType) -> bool {
    use datafusion::arrow::datatypes::DataType::*;
    matches!(t, Date32 | Date64 | Timestamp(_, _) | Null) || is_text(t)
}

/// The columns of `input` for its fields: present ones as they are (or cast to text), absent
/// optional ones as NULL; a missing required column, or a column of a type that cannot hold
/// the field, is an error naming the file and the column.
fn resolve(
    input: &Input,
    kind: &str,
    fields: &[Field],
    mapping: &Mapping,
) -> Result<Vec<(&'static str, Source)>, ScreenError> {
    let mut out = Vec::new();
    let available: Vec<String> = input
        .schema
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    for field in fields {
        let column = mapping.column(kind, field.name);
        let Some(t) = input.column_type(column) else {
            if field.required {
                return Err(ScreenError::Input {
                    file: input.name(),
                    location: String::new(),
                    message: format!(
                        "no column '{column}' ({}); the file's columns are {}; name the column \
                         in the mapping file: [{kind}] {} = \"...\"",
                        field.meaning,
                        available.join(", "),
                        field.name
                    ),
                });
            }
            out.push((field.name, Source::Absent));
            continue;
        };
        let ok = match field.name {
            "value" | "ref_low" | "ref_high" => is_numeric(t),
            "date" | "birth_date" | "deceased_date" | "start" | "end" => is_date(t),
            _ => !t.is_nested(),
        };
        if !ok {
            return Err(ScreenError::Input {
                file: input.name(),
                location: format!("column {column}"),
                message: format!("holds {t}, which cannot be {}", field.meaning),
            });
        }
        let source = match field.name {
            "code" | "unit" | "site" | "atc" | "name" | "sex" if !is_text(t) => {
                Source::Text(column.to_string())
            }
            _ => Source::Column(column.to_string()),
        };
        out.push((field.name, source));
    }
    Ok(out)
}

/// Makes the patient identifier columns comparable: when their types differ between the
/// files, all are read as text.
fn align_ids(tables: &mut [(&Input, &mut Vec<(&'static str, Source)>)]) {
    let types: Vec<Option<&datafusion::arrow::datatypes::DataType>> = tables
        .iter()
        .map(
            |(input, cols)| match cols.iter().find(|(f, _)| *f == "patient_id") {
                Some((_, Source::Column(c))) => input.column_type(c),
                _ => None,
            },
        )
        .collect();
    let same = types.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a == b || (is_text(a) && is_text(b)),
        _ => true,
    });
    if !same {
        for (_, cols) in tables.iter_mut() {
            for (f, s) in cols.iter_mut() {
                if *f == "patient_id" {
                    if let Source::Column(c) = s {
                        *s = Source::Text(c.clone());
                    }
                }
            }
        }
    }
}

fn source_sql(d: Dialect, cols: &[(&'static str, Source)], field: &str) -> String {
    match cols.iter().find(|(f, _)| *f == field).map(|(_, s)| s) {
        Some(Source::Column(c)) => d.ident(c),
        Some(Source::Text(c)) => format!("CAST({} AS {})", d.ident(c), d.text()),
        _ => format!("CAST(NULL AS {})", d.text()),
    }
}

/// Runs the screen.
pub fn screen(
    knowledge: &Knowledge,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Screen, ScreenError> {
    let by = &options.by;
    if options.patients.is_none() {
        if let Some(d) = by
            .iter()
            .find(|d| matches!(d, Dimension::Sex | Dimension::AgeBand))
        {
            return Err(ScreenError::Option(format!(
                "--by {}: sex and age come from the patients file; give it with --patients",
                d.name()
            )));
        }
    }
    if options.medications.is_some() {
        if options.patients.is_none() {
            return Err(ScreenError::Option(
                "--medications: the population at risk is the patients file; give it with --patients"
                    .into(),
            ));
        }
        if options.period.is_none() {
            return Err(ScreenError::Option(
                "--medications: who is at risk and who was tested is judged in a period; give \
                 --period FROM..TO"
                    .into(),
            ));
        }
    }
    let screened: Vec<Screened> = compile::screened(&knowledge.thresholds).map_err(|e| {
        ScreenError::Engine(format!("the knowledge base does not fit the screen: {e}"))
    })?;
    let m = &options.mapping;
    let engine = match &options.spark {
        Some(address) => Engine::spark(address)?,
        None => Engine::new(options.memory_limit)?,
    };
    let d = engine.dialect();
    let labs = engine.register("labs", &options.labs, m.delimiter)?;
    let patients = match &options.patients {
        Some(p) => Some(engine.register("patients", p, m.delimiter)?),
        None => None,
    };
    let medications = match &options.medications {
        Some(p) => Some(engine.register("medications", p, m.delimiter)?),
        None => None,
    };
    let mut lab_cols = resolve(&labs, "labs", &LAB_FIELDS, m)?;
    let mut patient_cols = match &patients {
        Some(p) => Some(resolve(p, "patients", &PATIENT_FIELDS, m)?),
        None => None,
    };
    let mut medication_cols = match &medications {
        Some(p) => {
            let cols = resolve(p, "medications", &MEDICATION_FIELDS, m)?;
            let has = |f: &str| {
                cols.iter()
                    .any(|(n, s)| *n == f && !matches!(s, Source::Absent))
            };
            if !has("atc") && !has("name") {
                return Err(ScreenError::Input {
                    file: p.name(),
                    location: String::new(),
                    message: format!(
                        "neither an ATC column '{}' nor a name column '{}': one of them is needed",
                        m.column("medications", "atc"),
                        m.column("medications", "name")
                    ),
                });
            }
            Some(cols)
        }
        None => None,
    };
    {
        let mut tables: Vec<(&Input, &mut Vec<(&'static str, Source)>)> =
            vec![(&labs, &mut lab_cols)];
        if let (Some(p), Some(c)) = (&patients, patient_cols.as_mut()) {
            tables.push((p, c));
        }
        if let (Some(p), Some(c)) = (&medications, medication_cols.as_mut()) {
            tables.push((p, c));
        }
        align_ids(&mut tables);
    }
    let inputs: Vec<&Input> = [Some(&labs), patients.as_ref(), medications.as_ref()]
        .into_iter()
        .flatten()
        .collect();
    // The fields a CSV cell must parse as, by file, for naming the first bad cell.
    let checked_fields: Vec<(&str, &Field, &str, Expect)> = [
        ("labs", &LAB_FIELDS[..]),
        ("patients", &PATIENT_FIELDS[..]),
        ("medications", &MEDICATION_FIELDS[..]),
    ]
    .into_iter()
    .flat_map(|(kind, fields)| fields.iter().map(move |f| (kind, f)))
    .filter_map(|(kind, f)| {
        let expect = match f.name {
            "ref_low" | "ref_high" => Expect::Number,
            "date" | "birth_date" | "deceased_date" | "start" | "end" => Expect::Date,
            _ => return None,
        };
        Some((kind, f, m.column(kind, f.name), expect))
    })
    .collect();
    let failed = |e: datafusion::error::DataFusionError| -> ScreenError {
        if options.spark.is_none() {
            if let Some(error) = memory_error(&e, options.memory_limit) {
                return error;
            }
        }
        for input in &inputs {
            let fields: Vec<(&Field, &str, Expect)> = checked_fields
                .iter()
                .filter(|(kind, _, _, _)| *kind == input.table)
                .map(|(_, f, column, expect)| (*f, *column, *expect))
                .collect();
            if let Some(error) = diagnose_csv(input, &fields) {
                return error;
            }
        }
        let files: Vec<String> = inputs.iter().map(|i| i.name()).collect();
        ScreenError::Input {
            file: files.join(", "),
            location: String::new(),
            message: format!("cannot be read: {e}"),
        }
    };

    // 1. The codes and units of the lab file.
    // With --by site, the sites too: up to PACKED_SITES of them are numbered in the query.
    let by_site = by.contains(&Dimension::Site);
    let (site_col, site_key) = if by_site {
        (
            format!(", {} AS site", source_sql(d, &lab_cols, "site")),
            ", site",
        )
    } else {
        (String::new(), "")
    };
    // With integer patient identifiers, their range and whether any is missing: the
    // per-patient key packs them when they fit (see query::PATIENT_UNIT).
    let integer_ids = match lab_cols.iter().find(|(f, _)| *f == "patient_id") {
        Some((_, Source::Column(c))) => labs.column_type(c).is_some_and(DataType::is_integer),
        _ => false,
    };
    let (pid_col, pid_aggregates) = if integer_ids {
        (
            format!(", {} AS pid", source_sql(d, &lab_cols, "patient_id")),
            ", MIN(pid) AS pid_min, MAX(pid) AS pid_max, CAST(COUNT(pid) AS BIGINT) AS pid_n",
        )
    } else {
        (String::new(), "")
    };
    let prescan = format!(
        "SELECT code, unit{site_key}, CAST(COUNT(*) AS BIGINT) AS n{pid_aggregates} FROM (SELECT {} AS code, {} AS unit{site_col}{pid_col} FROM labs) AS c GROUP BY code, unit{site_key} ORDER BY code, unit{site_key}",
        source_sql(d, &lab_cols, "code"),
        source_sql(d, &lab_cols, "unit")
    );
    let batches = engine
        .query(&prescan, "reading the lab codes", labs.rows, progress)
        .map_err(failed)?;
    let mut lab_rows = 0u64;
    let mut codes: Vec<(String, &'static str)> = Vec::new();
    let mut units: Vec<UnitUsed> = Vec::new();
    let mut not_read: BTreeMap<Option<String>, (u64, String)> = BTreeMap::new();
    let mut sites: std::collections::BTreeSet<String> = Default::default();
    let mut packed_patients = integer_ids;
    for batch in &batches {
        let n = count_column(batch, "n")?;
        if integer_ids {
            let present = count_column(batch, "pid_n")?;
            let low = id_column(batch, "pid_min")?;
            let high = id_column(batch, "pid_max")?;
            for i in 0..batch.num_rows() {
                let fits = |v: Option<i64>| v.is_some_and(|v| (0..query::PATIENT_MAX).contains(&v));
                if present[i] != n[i] || !fits(low[i]) || !fits(high[i]) {
                    packed_patients = false;
                }
            }
        }
        let code = text_column(batch, "code")?;
        let unit = text_column(batch, "unit")?;
        let site = if by_site {
            text_column(batch, "site")?
        } else {
            vec![None; batch.num_rows()]
        };
        for i in 0..batch.num_rows() {
            lab_rows += n[i];
            let analyte = code[i]
                .as_deref()
                .and_then(|c| analyte_for_loinc(m.loinc(c)));
            let Some(s) = analyte.and_then(|a| screened.iter().find(|s| s.analyte == a)) else {
                let reason = match code[i].as_deref() {
                    None => "no code".to_string(),
                    Some(c) => match (loinc_not_read(m.loinc(c)), analyte) {
                        (Some(why), _) => why.to_string(),
                        (None, Some(a)) => format!("{}: not screened", a.name()),
                        (None, None) => {
                            "not a code of a screened analyte (map local codes in [labs.codes])"
                                .to_string()
                        }
                    },
                };
                let entry = not_read.entry(code[i].clone()).or_insert((0, reason));
                entry.0 += n[i];
                continue;
            };
            if let Some(name) = &site[i] {
                if sites.len() <= PACKED_SITES {
                    sites.insert(name.clone());
                }
            }
            let c = code[i].clone().unwrap_or_default();
            if !codes.iter().any(|(k, _)| *k == c) {
                codes.push((c, s.key));
            }
            let factor = unit[i]
                .as_deref()
                .and_then(|u| compile::unit_factor(s.analyte, u));
            match units
                .iter_mut()
                .find(|u| u.analyte == s.key && u.unit == unit[i])
            {
                Some(u) => u.rows += n[i],
                None => units.push(UnitUsed {
                    analyte: s.key,
                    unit: unit[i].clone(),
                    rows: n[i],
                    factor,
                }),
            }
        }
    }
    let mut codes_not_read: Vec<CodeNotRead> = not_read
        .into_iter()
        .map(|(code, (rows, reason))| CodeNotRead { code, rows, reason })
        .collect();
    codes_not_read.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.code.cmp(&b.code)));

    // 2. The patients file: one row per patient.
    if let (Some(p), Some(cols)) = (&patients, &patient_cols) {
        let sql = format!(
            "SELECT pid, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT {} AS pid FROM patients) AS p GROUP BY pid HAVING COUNT(*) > 1 ORDER BY pid LIMIT 1",
            source_sql(d, cols, "patient_id")
        );
        let batches = engine
            .query(&sql, "reading the patients", p.rows, progress)
            .map_err(failed)?;
        if let Some(batch) = batches.iter().find(|b| b.num_rows() > 0) {
            let id = text_column(batch, "pid")?[0].clone();
            let n = count_column(batch, "n")?[0];
            return Err(ScreenError::Input {
                file: p.name(),
                location: format!("column {}", m.column("patients", "patient_id")),
                message: match id {
                    Some(id) => {
                        format!("patient {id:?} appears {n} times; one row per patient is needed")
                    }
                    None => format!("{n} rows have no patient identifier"),
                },
            });
        }
    }

    // 3. The medications: which codes and names are in the classes the screen uses.
    let mut drugs: Vec<(&'static str, Vec<String>, Vec<String>)> = vec![
        ("ppi", vec![], vec![]),
        ("diuretic", vec![], vec![]),
        ("metformin", vec![], vec![]),
    ];
    let mut medication_rows: BTreeMap<&'static str, u64> = BTreeMap::new();
    if let (Some(p), Some(cols)) = (&medications, &medication_cols) {
        let sql = format!(
            "SELECT atc, name, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT {} AS atc, {} AS name FROM medications) AS d GROUP BY atc, name ORDER BY atc, name",
            source_sql(d, cols, "atc"),
            source_sql(d, cols, "name")
        );
        let batches = engine
            .query(&sql, "reading the medications", p.rows, progress)
            .map_err(failed)?;
        let class_of = |classes: Vec<DrugClass>| {
            classes.into_iter().find_map(|c| match c {
                DrugClass::ProtonPumpInhibitor => Some("ppi"),
                DrugClass::LoopDiuretic | DrugClass::Thiazide => Some("diuretic"),
                DrugClass::Metformin => Some("metformin"),
                _ => None,
            })
        };
        for batch in &batches {
            let atc = text_column(batch, "atc")?;
            let name = text_column(batch, "name")?;
            let n = count_column(batch, "n")?;
            for i in 0..batch.num_rows() {
                let by_atc = atc[i].as_deref().and_then(|a| class_of(drug_classes(a)));
                let by_name = name[i]
                    .as_deref()
                    .and_then(atc_for_name)
                    .and_then(|a| class_of(drug_classes(a)));
                let class = by_atc.or(by_name);
                *medication_rows.entry(class.unwrap_or("other")).or_default() += n[i];
                let Some(class) = class else { continue };
                let entry = drugs
                    .iter_mut()
                    .find(|(k, _, _)| *k == class)
                    .expect("class");
                if by_atc.is_some() {
                    let a = atc[i].clone().unwrap_or_default();
                    if !entry.1.contains(&a) {
                        entry.1.push(a);
                    }
                } else {
                    let nm = name[i].clone().unwrap_or_default();
                    if !entry.2.contains(&nm) {
                        entry.2.push(nm);
                    }
                }
            }
        }
    }

    let plan = Plan {
        screened: screened.clone(),
        codes,
        units: units
            .iter()
            .filter_map(|u| Some((u.analyte, u.unit.clone()?, u.factor?)))
            .collect(),
        labs: lab_cols,
        patients: patient_cols,
        medications: medication_cols,
        drugs,
        by: by.clone(),
        period: options.period,
        age_edges: options.age_edges.clone(),
        dialect: Dialect::DataFusion,
        sites: (by_site && sites.len() <= PACKED_SITES).then(|| sites.into_iter().collect()),
        packed_patients,
    };
    // The statements in both dialects (query.sql, query.spark.sql); the engine runs its own.
    let statements = |dialect: Dialect| {
        let p = Plan {
            dialect,
            ..plan.clone()
        };
        let mut out = vec![("prevalence", p.prevalence_sql(m))];
        if let Some(text) = p.at_risk_sql(m, &knowledge.thresholds) {
            out.push(("at_risk", text));
        }
        out
    };
    let sql = statements(Dialect::DataFusion);
    let spark_sql = statements(Dialect::Spark);
    if options.emit_only {
        return Ok(Screen {
            inputs: vec![],
            period: None,
            by: by.iter().map(|d| d.name()).collect(),
            age_bands: query::age_labels(&options.age_edges),
            method: vec![],
            lab_rows,
            units,
            codes_not_read,
            analytes: vec![],
            at_risk: None,
            thresholds: vec![],
            sql,
            spark_sql,
            spilled_bytes: 0,
        });
    }
    let ran = match d {
        Dialect::DataFusion => &sql,
        Dialect::Spark => &spark_sql,
    };
    let statement = |name: &str| {
        ran.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.clone())
    };

    // 4. Prevalence.
    let prevalence_sql = statement("prevalence").expect("always generated");
    let batches = engine
        .query(&prevalence_sql, "screening", labs.rows, progress)
        .map_err(failed)?;
    let mut analytes: Vec<AnalyteResult> = screened
        .iter()
        .map(|s| AnalyteResult {
            key: s.key,
            analyte: s.analyte.name(),
            unit: s.analyte.canonical_unit(),
            classes: s.classes.clone(),
            rows: RowCounts::default(),
            total: Group {
                group: BTreeMap::new(),
                tested: 0,
                classes: vec![],
            },
            groups: vec![],
            margins: BTreeMap::new(),
            standardised: None,
        })
        .collect();
    // Raw counts per analyte: (group, tested, class counts).
    let mut raw: Vec<Vec<RawGroup>> = vec![Vec::new(); screened.len()];
    let mut strata: Vec<Vec<StratumRow>> = vec![Vec::new(); screened.len()];
    let mut seen: Vec<std::collections::HashMap<BTreeMap<&'static str, String>, usize>> =
        vec![Default::default(); screened.len()];
    for batch in &batches {
        let (esp_band, esp_sex) = if plan.patients.is_some() {
            (
                Some(text_column(batch, "esp_band")?),
                Some(text_column(batch, "esp_sex")?),
            )
        } else {
            (None, None)
        };
        let analyte = text_column(batch, "analyte")?;
        let dims: Vec<(Dimension, Vec<Option<String>>)> = by
            .iter()
            .map(|d| Ok((*d, text_column(batch, d.name())?)))
            .collect::<Result<_, ScreenError>>()?;
        let tested = count_column(batch, "tested")?;
        let valid = count_column(batch, "rows_valid")?;
        let mut excluded = Vec::new();
        for (name, _) in STATUSES {
            excluded.push((name, count_column(batch, &format!("rows_{name}"))?));
        }
        let not_in_patients = if plan.patients.is_some() {
            Some(count_column(batch, "tested_not_in_patients")?)
        } else {
            None
        };
        let mut class_columns: Vec<Vec<Vec<u64>>> = Vec::new();
        for s in &screened {
            let mut per = Vec::new();
            for c in &s.classes {
                per.push(count_column(batch, &format!("{}.{}", s.key, c.id))?);
            }
            class_columns.push(per);
        }
        for i in 0..batch.num_rows() {
            let Some(a) = screened
                .iter()
                .position(|s| Some(s.key) == analyte[i].as_deref())
            else {
                continue;
            };
            let result = &mut analytes[a];
            result.rows.valid += valid[i];
            for (name, counts) in &excluded {
                *result.rows.excluded.entry(*name).or_default() += counts[i];
            }
            if let Some(n) = &not_in_patients {
                *result.rows.tested_not_in_patients.get_or_insert(0) += n[i];
            }
            let group: BTreeMap<&'static str, String> = dims
                .iter()
                .map(|(d, values)| {
                    (
                        d.name(),
                        values[i].clone().unwrap_or_else(|| "unknown".into()),
                    )
                })
                .collect();
            let counts: Vec<u64> = class_columns[a].iter().map(|c| c[i]).collect();
            if tested[i] > 0 || counts.iter().any(|&c| c > 0) {
                if let (Some(bands), Some(sexes)) = (&esp_band, &esp_sex) {
                    strata[a].push((
                        group.clone(),
                        bands[i]
                            .as_deref()
                            .and_then(|b| b.parse().ok())
                            .filter(|b: &usize| *b < ESP2013.len()),
                        sexes[i].clone().unwrap_or_else(|| "unknown".into()),
                        tested[i],
                        counts.clone(),
                    ));
                }
                match seen[a].get(&group) {
                    Some(&k) => {
                        let row = &mut raw[a][k];
                        row.1 += tested[i];
                        for (r, c) in row.2.iter_mut().zip(&counts) {
                            *r += c;
                        }
                    }
                    None => {
                        seen[a].insert(group.clone(), raw[a].len());
                        raw[a].push((group, tested[i], counts));
                    }
                }
            }
        }
    }
    for (a, rows) in raw.into_iter().enumerate() {
        let classes = analytes[a].classes.clone();
        let sum = |rows: &[&RawGroup]| {
            let tested: u64 = rows.iter().map(|r| r.1).sum();
            let counts: Vec<u64> = (0..classes.len())
                .map(|c| rows.iter().map(|r| r.2[c]).sum())
                .collect();
            (tested, counts)
        };
        let all: Vec<&_> = rows.iter().collect();
        let (tested, counts) = sum(&all);
        analytes[a].total = Group {
            group: BTreeMap::new(),
            tested,
            classes: class_counts(&classes, &counts, tested),
        };
        if !by.is_empty() {
            analytes[a].groups = rows
                .iter()
                .map(|(group, tested, counts)| Group {
                    group: group.clone(),
                    tested: *tested,
                    classes: class_counts(&classes, counts, *tested),
                })
                .collect();
        }
        if by.len() > 1 {
            for d in by {
                let mut values: Vec<String> = rows.iter().map(|r| r.0[d.name()].clone()).collect();
                values.sort();
                values.dedup();
                let groups = values
                    .into_iter()
                    .map(|v| {
                        let members: Vec<&_> = rows.iter().filter(|r| r.0[d.name()] == v).collect();
                        let (tested, counts) = sum(&members);
                        Group {
                            group: BTreeMap::from([(d.name(), v)]),
                            tested,
                            classes: class_counts(&classes, &counts, tested),
                        }
                    })
                    .collect();
                analytes[a].margins.insert(d.name(), groups);
            }
        }
        if plan.patients.is_some() {
            let rows: Vec<&StratumRow> = strata[a].iter().collect();
            let mut margins = BTreeMap::new();
            for d in by.iter().filter(|d| **d != Dimension::AgeBand) {
                let mut values: Vec<&String> = rows.iter().map(|r| &r.0[d.name()]).collect();
                values.sort();
                values.dedup();
                let groups = values
                    .into_iter()
                    .map(|v| {
                        let members: Vec<&StratumRow> = rows
                            .iter()
                            .copied()
                            .filter(|r| &r.0[d.name()] == v)
                            .collect();
                        standardise(
                            BTreeMap::from([(d.name(), v.clone())]),
                            &members,
                            &classes,
                            *d == Dimension::Sex,
                        )
                    })
                    .collect();
                margins.insert(d.name(), groups);
            }
            analytes[a].standardised = Some(Standardised {
                standard: ESP2013_NAME,
                total: standardise(BTreeMap::new(), &rows, &classes, false),
                margins,
            });
        }
    }

    // 5. At risk, never tested.
    let t = &knowledge.thresholds;
    let at_risk = match statement("at_risk") {
        None => None,
        Some(risk_sql) => {
            let batches = engine
                .query(&risk_sql, "at risk, never tested", labs.rows, progress)
                .map_err(failed)?;
            let dims: Vec<Dimension> = by
                .iter()
                .copied()
                .filter(|d| matches!(d, Dimension::Sex | Dimension::AgeBand))
                .collect();
            let mut groups = Vec::new();
            for batch in &batches {
                let values: Vec<(Dimension, Vec<Option<String>>)> = dims
                    .iter()
                    .map(|d| Ok((*d, text_column(batch, d.name())?)))
                    .collect::<Result<_, ScreenError>>()?;
                let population = count_column(batch, "population")?;
                let mut columns = Vec::new();
                for (risk, _, _) in RISKS {
                    columns.push((
                        risk,
                        count_column(batch, &format!("{risk}.at_risk"))?,
                        count_column(batch, &format!("{risk}.never_tested"))?,
                    ));
                }
                for i in 0..batch.num_rows() {
                    groups.push(RiskGroup {
                        group: values
                            .iter()
                            .map(|(d, v)| {
                                (d.name(), v[i].clone().unwrap_or_else(|| "unknown".into()))
                            })
                            .collect(),
                        population: population[i],
                        risks: columns
                            .iter()
                            .map(|(risk, a, n)| RiskCount {
                                risk,
                                at_risk: a[i],
                                never_tested: n[i],
                            })
                            .collect(),
                    });
                }
            }
            let total = RiskGroup {
                group: BTreeMap::new(),
                population: groups.iter().map(|g| g.population).sum(),
                risks: RISKS
                    .iter()
                    .enumerate()
                    .map(|(i, (risk, _, _))| RiskCount {
                        risk,
                        at_risk: groups.iter().map(|g| g.risks[i].at_risk).sum(),
                        never_tested: groups.iter().map(|g| g.risks[i].never_tested).sum(),
                    })
                    .collect(),
            };
            let p = options.period.expect("checked above");
            Some(AtRisk {
                definitions: vec![
                    ("mg.ppi_long_term", format!("a proton pump inhibitor (ATC A02BC) active in the period whose course had lasted at least {} days by its end or the period's end, whichever is first (ppi_mg_min_duration, FDA-PPI-2011)", t.ppi_mg_min_duration.value)),
                    ("mg.diuretic", "a loop (C03C) or thiazide (C03A) diuretic active in the period (DIURETIC-LABELS)".into()),
                    ("mg.age_65_plus", format!("aged {} or over on {} (cvd_risk_age, as for MG.NOT_MEASURED)", t.cvd_risk_age.value, p.to)),
                    ("mg.any", "any of the three magnesium risk factors".into()),
                    ("b12.metformin", "metformin (A10BA02) active in the period (METFORMIN-B12)".into()),
                    ("b12.ppi_long_term", format!("a proton pump inhibitor course of at least {} days, as above (ppi_b12_min_duration, LAM-2013)", t.ppi_b12_min_duration.value)),
                    ("never_tested", "no valid result of the analyte in the period (for B12: total B12 or holotranscobalamin)".into()),
                    ("population", format!("the patients file, less patients who died before {}", p.from)),
                ],
                medication_rows,
                total,
                groups: if dims.is_empty() { vec![] } else { groups },
            })
        }
    };

    let mut thresholds = Vec::new();
    let mut names: Vec<&'static str> = screened
        .iter()
        .flat_map(|s| s.classes.iter().flat_map(|c| c.thresholds.iter().copied()))
        .collect();
    if at_risk.is_some() {
        names.extend([
            "ppi_mg_min_duration",
            "ppi_b12_min_duration",
            "cvd_risk_age",
        ]);
    }
    for (name, threshold) in t.all() {
        if names.contains(&name) && !thresholds.iter().any(|t: &ThresholdUsed| t.name == name) {
            thresholds.push(ThresholdUsed {
                name,
                value: threshold.value,
                unit: threshold.unit.clone(),
                source: threshold.source.clone(),
                overridden: threshold.overridden,
            });
        }
    }
    let method = vec![
        ("per_patient", format!(
            "per patient{} and analyte, the latest valid result{}; when several valid results share the latest date, the lowest value counts",
            if by.contains(&Dimension::Year) { ", year" } else { "" },
            match options.period { Some(p) => format!(" dated {}..{} (inclusive)", p.from, p.to), None => String::new() }
        )),
        ("units", "values are converted to the canonical unit with the factors of the model's analyte table (KNOWLEDGE.md, 'Inputs the engine understands') and compared unrounded, with the assessment engine's relative tolerance of 1e-9".into()),
        ("reference_limits", "a result's own reference limits (ref_low, ref_high, converted with the result's unit) replace the default magnesium interval and the B12 deficiency cut-off, as in the assessment engine".into()),
        ("excluded", "results without a value, with a value that is not a number (such as '<0.7'), without a date, in a unit not accepted for the analyte, or implausible (negative, NaN, above the model's plausibility limit) are counted under rows.excluded by reason and not used".into()),
        ("confidence_interval", "Wilson score interval, 95 % (z = 1.9599639845400545)".into()),
        ("dates", "a date is YYYY-MM-DD; a date-time counts on its date, one with an offset (e.g. +05:00) on its UTC date".into()),
        ("age", "completed years at the date of the result; a birth date before 1900, a negative age or one over 120 is 'unknown' (KNOWLEDGE.md)".into()),
        ("standardisation", format!("with a patients file: directly standardised to the {ESP2013_NAME}, by age band of the result (completed years) within a sex, and by age band x sex (female, male; each sex half the band's weight) for all patients and for groups of other dimensions; patients of unknown age (or, across sexes, of sex other or unknown) are left out and counted; strata without a tested patient are left out and the remaining weights rescaled (weight_covered); 95 % interval by the normal approximation, variance = sum of W^2 p (1 - p) / n over the strata")),
    ];
    Ok(Screen {
        inputs: inputs
            .iter()
            .map(|i| InputSummary {
                table: i.table,
                file: i.name(),
                format: i.format,
            })
            .collect(),
        period: options
            .period
            .map(|p| [p.from.to_string(), p.to.to_string()]),
        by: by.iter().map(|d| d.name()).collect(),
        age_bands: query::age_labels(&options.age_edges),
        method,
        lab_rows,
        units,
        codes_not_read,
        analytes,
        at_risk,
        thresholds,
        sql,
        spark_sql,
        spilled_bytes: engine.spilled_bytes(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn running_out_of_working_memory_names_the_limit_and_a_larger_one() {
        use datafusion::error::DataFusionError;
        let inner = DataFusionError::ResourcesExhausted(
            "Failed to reserve memory for sort during spill: Resources exhausted: Failed to allocate additional 955.5 KB for GroupedHashAggregateStream[0] (sum(n_valid), min(lkey)) with 32.1 KB already allocated for this reservation - 917.7 KB remain available for the total memory pool: fair(pool_size: 192.0 MB)".into(),
        );
        let wrapped = DataFusionError::Context("while joining".into(), Box::new(inner));
        let e = super::memory_error(&wrapped, 192 << 20).expect("a memory error");
        assert!(
            !matches!(e, super::ScreenError::Engine(_)),
            "exit code 2: {e}"
        );
        let text = e.to_string();
        assert!(text.starts_with("--memory-limit: 192 MiB"), "{text}");
        assert!(
            text.contains(
                "(Failed to reserve memory for sort during spill: Resources exhausted: Failed to \
                 allocate additional 955.5 KB for GroupedHashAggregateStream[0]). The join"
            ),
            "{text}"
        );
        assert!(!text.contains("sum(n_valid)"), "{text}");
        assert!(!text.contains("917.7 KB"), "{text}");
        assert!(text.ends_with("--memory-limit 384M"), "{text}");
        let other = DataFusionError::Plan("no such column".into());
        assert!(super::memory_error(&other, 192 << 20).is_none());
    }

    use super::*;

    #[test]
    fn wilson_known_values() {
        // statsmodels proportion_confint(3, 10, method="wilson")
        let [lo, hi] = wilson(3, 10).unwrap();
        assert!((lo - 0.10779126740630104).abs() < 1e-12, "{lo}");
        assert!((hi - 0.6032218525388546).abs() < 1e-12, "{hi}");
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn options_parse() {
        assert_eq!(
            Dimension::parse_list("year,site").unwrap(),
            vec![Dimension::Site, Dimension::Year]
        );
        assert!(Dimension::parse_list("site,ward").is_err());
        assert!(Period::parse("2024-01-01..2024-12-31").is_ok());
        assert!(Period::parse("2024-12-31..2024-01-01").is_err());
        assert!(Period::parse("2024").is_err());
        assert_eq!(parse_age_edges("18,65").unwrap(), vec![0, 18, 65]);
        assert!(parse_age_edges("65,18").is_err());
    }
}
