//! The generated SQL: per patient the latest valid result of each screened analyte in the
//! period, its classes, and the counts per group; and the "at risk, never tested" counts.
//!
//! The text is plain SQL (CASE expressions, integer arithmetic, MIN/MAX, EXTRACT, no custom
//! functions) so that it can also be given to another SQL engine; `query.sql` in the
//! output folder is exactly what ran. The same plan is also written in Spark SQL ([`Dialect`]),
//! `query.spark.sql`, for a Spark cluster (`scripts/screen/spark_check.py` runs it through Spark
//! Connect and compares every count with the embedded engine's).

use crate::compile::{float, ident, string, Screened};
use crate::mapping::{Mapping, Sex};
use crate::{Dimension, Period};
use neuronutri_knowledge::Thresholds;
use neuronutri_model::units::Analyte;

/// Why a result in the period was not used. The numbers are the `status` column of the SQL.
pub const STATUSES: [(&str, &str); 5] = [
    ("no_value", "no value"),
    (
        "not_a_number",
        "a value that is not a number, e.g. with a comparator such as <0.7",
    ),
    ("no_date", "no date"),
    (
        "unit_not_accepted",
        "a unit not accepted for the analyte (or none)",
    ),
    (
        "implausible",
        "implausible: negative, not a number, or above the plausibility limit",
    ),
];

/// The sexes, in the order of their numbers in the prevalence statement's counting.
const SEXES: [Sex; 4] = [Sex::Female, Sex::Male, Sex::Other, Sex::Unknown];

/// The most sites that are numbered in the per-row work (a CASE over the site names); with
/// more, the latest result's site is an ordered aggregate (slower, any number of sites).
pub const PACKED_SITES: usize = 64;

/// The latest valid result of a patient, analyte (and year) is the one with the smallest
/// "latest key", a BIGINT that packs, from the most significant bits down:
/// - 22 bits: the day, newest first: `DAY_MAX` minus the day number `year * 416 + month * 32 +
///   day` (which orders dates, and from which the year and the day of the year are read back
///   with `%` and an exact division; years past 10 082 count as its last day, dates before
///   year 0 as its first);
/// - 25 bits: the canonical value as a fraction of the analyte's plausibility limit, in
///   `VALUE_STEPS` steps (results of the same day: the lowest value counts, to one step, about
///   3e-8 of the limit: 3e-7 mmol/L of magnesium, 1.5e-3 pmol/L of B12);
/// - 4 bits: the class flags (equal values: the fewest classes);
/// - 12 bits: the site's number (then the first site in byte order; no site last).
///
/// One MIN of a primitive column replaces an ordered aggregate (in DataFusion that keeps each
/// group's ORDER BY values as rows of scalars, about a third of the run time). The arithmetic is
/// plain SQL: every engine computes the same key, and decoding uses `%` and exact divisions
/// only, which are integer-valued whether `/` is integer (DataFusion) or real (DuckDB, Spark).
const DAY_UNIT: i64 = 1 << 41;
const DAY_MAX: i64 = (1 << 22) - 1;
/// Day numbers per year (12 months of 32): `year * YEAR_DAYS + month * 32 + day`. Each date
/// part is cast to BIGINT before the arithmetic: Polars' SQL gives the month and day as 8-bit
/// integers, whose products wrap.
const YEAR_DAYS: i64 = 416;

/// The day number of a date (see [`YEAR_DAYS`]), as the query computes it from a date column.
fn day_number(date: chrono_lite::Date) -> i64 {
    i64::from(date.year) * YEAR_DAYS + i64::from(date.month) * 32 + i64::from(date.day)
}
const VALUE_UNIT: i64 = 1 << 16;
const VALUE_STEPS: i64 = (1 << 25) - 1;
const FLAG_UNIT: i64 = 1 << 12;
/// Class flags an analyte can have in the key (4 bits).
pub const MAX_CLASSES: usize = 4;
/// The per-patient step groups on the patient and one "group key" that packs the analyte, the
/// status and (with `--by year`) the result's year: `analyte * ANALYTE_UNIT + status *
/// STATUS_UNIT + year`, the year `NO_YEAR` for an excluded result (it has no valid day).
const ANALYTE_UNIT: i64 = 1 << 17;
const STATUS_UNIT: i64 = 1 << 14;
const NO_YEAR: i64 = STATUS_UNIT - 1;
/// With integer patient identifiers from 0 to `PATIENT_MAX - 1` (and none missing), the
/// per-patient aggregation groups on one BIGINT, `patient * PATIENT_UNIT + gk` (the analyte,
/// status and year key above, below `PATIENT_UNIT` for up to four screened analytes), instead
/// of two columns: a single integer group key takes DataFusion's primitive hash table, and
/// its spilled runs are sorted and merged on that one column rather than through the row
/// comparator (at 10^8 rows: 15 % less CPU). The identifier is read back as `(pk - pk %
/// PATIENT_UNIT) / PATIENT_UNIT`, exact also where `/` is real division: below 2^44 it has at
/// most 44 significant bits, and a double holds 53.
pub const PATIENT_UNIT: i64 = 1 << 19;
/// Patient identifiers must be below this for the packed key (`PATIENT_MAX * PATIENT_UNIT`
/// is 2^63).
pub const PATIENT_MAX: i64 = 1 << 44;

/// What the counting needs of a patient, packed into one INT for the join's in-memory side:
/// `birth_year * BIRTH_UNIT + birth_md * SEX_UNIT + sex_number` (see [`patient_info`]). A birth year before 1900 or
/// unknown is 0 (the age is then unknown either way), one past the largest year a day number
/// holds is that year's bound (the age is then negative, so unknown, either way); an unknown
/// birth day is 0.
const SEX_UNIT: i64 = 4;
const BIRTH_UNIT: i64 = 2048;
const BIRTH_YEAR_MAX: i64 = 16383;
// The birth day (month * 32 + day) fits below the birth year, every year a day number holds
// is below the bound, and the largest info is an INT's.
const _: () = {
    assert!((12 * 32 + 31 + 1) * SEX_UNIT <= BIRTH_UNIT);
    assert!(DAY_MAX / YEAR_DAYS < BIRTH_YEAR_MAX);
    assert!((BIRTH_YEAR_MAX + 1) * BIRTH_UNIT <= i32::MAX as i64 + 1);
};
fn patient_info() -> String {
    format!(
        "CAST(CASE WHEN birth_year IS NULL OR birth_year < 1900 THEN 0 WHEN birth_year > \
         {BIRTH_YEAR_MAX} THEN {BIRTH_YEAR_MAX} ELSE birth_year END * {BIRTH_UNIT} + \
         COALESCE(birth_md, 0) * {SEX_UNIT} + COALESCE(sex_number, 3) AS INT)"
    )
}

/// One small integer of the counting step's packed key `ck`: its name in the query, its bits
/// in the key, and how a row's value becomes a number below `1 << bits` (`code`, in which
/// `{}` stands for the column) and is read back (`NULL` for the code `null`, when the value
/// can be missing).
#[derive(Clone, Copy)]
struct CountField {
    name: &'static str,
    bits: u32,
    code: &'static str,
    null: Option<i64>,
}

// The fields of `ck`, highest first: the analyte (up to four), the status (STATUSES and 0),
// the class flags (MAX_CLASSES bits; none for an excluded result), whether the patient is
// missing from the patients file, the sex (SEXES' order), the age in years (0 to 120, else
// unknown: the bands and strata treat an age outside 0 to 120 as unknown), the site's number
// (PACKED_SITES and one for "not listed"; none for an excluded result) and the result's year
// (NO_YEAR for none).
const fn field(name: &'static str, bits: u32, code: &'static str, null: Option<i64>) -> CountField {
    CountField {
        name,
        bits,
        code,
        null,
    }
}
const COUNT_ANALYTE: CountField = field("analyte_id", 2, "{}", None);
const COUNT_STATUS: CountField = field("status", 3, "{}", None);
const COUNT_FLAGS: CountField = field("flags", 5, "COALESCE({}, 31)", Some(31));
const COUNT_NO_PATIENT: CountField = field("no_patient", 1, "CASE WHEN {} THEN 1 ELSE 0 END", None);
const COUNT_SEX: CountField = field("sex", 2, "{}", None);
const COUNT_AGE: CountField = field(
    "age",
    7,
    "CASE WHEN {} IS NULL OR {} < 0 OR {} > 120 THEN 127 ELSE {} END",
    Some(127),
);
const COUNT_SITE: CountField = field("site", 7, "COALESCE({}, 127)", Some(127));
const COUNT_YEAR: CountField = field("result_year", 14, "COALESCE({}, 16383)", Some(NO_YEAR));

/// The packed counting key of `fields` (highest first): the expression that packs a row's
/// values into `ck`, and the columns that read them back. Every part is an integer below
/// 2^41, so the reading back, `(ck % high - ck % low) / low`, is exact also where `/` is real
/// division. `no_patient` is read back as a boolean.
fn count_key(fields: &[CountField]) -> (String, Vec<String>) {
    let total: u32 = fields.iter().map(|f| f.bits).sum();
    assert!(total <= 41, "the counting key has {total} bits");
    let mut low = 1i64 << total;
    let mut pack = Vec::new();
    let mut unpack = Vec::new();
    for f in fields {
        let high = low;
        low >>= f.bits;
        let code = f.code.replace("{}", f.name);
        pack.push(if low == 1 {
            code
        } else {
            format!("{code} * {low}")
        });
        let part = match (high == 1i64 << total, low == 1) {
            (true, true) => "ck".to_string(),
            (true, false) => format!("CAST((ck - ck % {low}) / {low} AS BIGINT)"),
            (false, true) => format!("ck % {high}"),
            (false, false) => format!("CAST((ck % {high} - ck % {low}) / {low} AS BIGINT)"),
        };
        unpack.push(match (f.name, f.null) {
            ("no_patient", _) => format!("{part} = 1 AS no_patient"),
            (name, Some(null)) => {
                format!("CASE WHEN {part} = {null} THEN NULL ELSE {part} END AS {name}")
            }
            (name, None) => format!("{part} AS {name}"),
        });
    }
    (pack.join(" + "), unpack)
}

/// How one column of an input file is read into the query.
#[derive(Clone, Debug)]
pub enum Source {
    /// A column, read as it is.
    Column(String),
    /// A column, cast to text (numeric identifiers beside textual ones, numeric codes).
    Text(String),
    /// Absent (an optional field): NULL.
    Absent,
}

/// The SQL dialect a statement is written in. The plan is the same; only spelling differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Apache DataFusion (the embedded engine): `"quoted"` identifiers, `VARCHAR`, and (with
    /// more than [`PACKED_SITES`] sites) the ordered aggregate `first_value(site ORDER BY ...)`.
    DataFusion,
    /// Spark SQL (Apache Spark 3.5+/4 through Spark Connect, Databricks, Sail): `` `quoted` ``
    /// identifiers, `STRING`, `date_add`, and (with more than [`PACKED_SITES`] sites)
    /// `ROW_NUMBER() OVER (...)` for the latest result's site.
    Spark,
}

impl Dialect {
    /// A quoted identifier.
    pub fn ident(self, s: &str) -> String {
        match self {
            Dialect::DataFusion => ident(s),
            Dialect::Spark => format!("`{}`", s.replace('`', "``")),
        }
    }

    /// The text type.
    pub fn text(self) -> &'static str {
        match self {
            Dialect::DataFusion => "VARCHAR",
            Dialect::Spark => "STRING",
        }
    }

    /// A column or text as a date. A date-time counts on its date; one with an offset on its
    /// UTC date (Spark: with the session time zone UTC, `spark.sql.session.timeZone`). Spark
    /// (and Sail) cast only `YYYY-MM-DD` text straight to DATE, so the Spark spelling goes
    /// through TIMESTAMP, which reads both forms.
    pub fn date(self, expr: &str) -> String {
        match self {
            Dialect::DataFusion => format!("CAST({expr} AS DATE)"),
            Dialect::Spark => format!("CAST(CAST({expr} AS TIMESTAMP) AS DATE)"),
        }
    }

    /// `day` plus a whole number of days.
    fn plus_days(self, day: &str, days: i64) -> String {
        match self {
            Dialect::DataFusion => format!("{day} + INTERVAL '{days} days'"),
            Dialect::Spark => format!("date_add({day}, {days})"),
        }
    }
}

impl Source {
    fn sql(&self, d: Dialect, null_type: &str) -> String {
        match self {
            Source::Column(c) => d.ident(c),
            Source::Text(c) => format!("CAST({} AS {})", d.ident(c), d.text()),
            Source::Absent => format!("CAST(NULL AS {null_type})"),
        }
    }
}

/// What the pre-scan found and the options decided: everything the SQL depends on.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The analytes and their classes.
    pub screened: Vec<Screened>,
    /// Lab codes as they appear in the file, with the analyte key they mean.
    pub codes: Vec<(String, &'static str)>,
    /// (analyte key, unit as it appears in the file, factor to the canonical unit).
    pub units: Vec<(&'static str, String, f64)>,
    /// Lab columns, by field name.
    pub labs: Vec<(&'static str, Source)>,
    /// Patient columns, when a patients file is given.
    pub patients: Option<Vec<(&'static str, Source)>>,
    /// Medication columns, when a medications file is given.
    pub medications: Option<Vec<(&'static str, Source)>>,
    /// ATC codes (as in the file) and names, by drug class key (`ppi`, `diuretic`, `metformin`).
    pub drugs: Vec<(&'static str, Vec<String>, Vec<String>)>,
    /// Grouping.
    pub by: Vec<Dimension>,
    /// With `--by site`: the sites of the screened results (without NULL), in ascending byte
    /// order, when there are at most [`PACKED_SITES`] of them; they are then numbered in the
    /// per-row work and carried in the latest-result key. `None`: the site is carried by an
    /// ordered aggregate instead (or not needed).
    pub sites: Option<Vec<String>>,
    /// The period, inclusive.
    pub period: Option<Period>,
    /// Lower edges of the age bands, ascending, the first 0.
    pub age_edges: Vec<u32>,
    /// The dialect the statements are written in.
    pub dialect: Dialect,
    /// The lab file's patient identifiers are integers from 0 to [`PATIENT_MAX`] - 1, none
    /// missing (as the pre-scan found): the per-patient aggregation groups on one packed
    /// BIGINT (see [`PATIENT_UNIT`]).
    pub packed_patients: bool,
}

fn column<'a>(columns: &'a [(&'static str, Source)], field: &str) -> &'a Source {
    columns
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, s)| s)
        .unwrap_or(&Source::Absent)
}

fn in_list(values: impl IntoIterator<Item = String>) -> String {
    values.into_iter().collect::<Vec<_>>().join(", ")
}

/// The label of each age band (`0-17`, ..., `85+`).
pub fn age_labels(edges: &[u32]) -> Vec<String> {
    edges
        .iter()
        .enumerate()
        .map(|(i, lo)| match edges.get(i + 1) {
            Some(next) => format!("{lo}-{}", next - 1),
            None => format!("{lo}+"),
        })
        .collect()
}

/// The flag values (bit masks of a row's classes) in which class `bit` is set.
fn with_bit(bit: usize, classes: usize) -> String {
    in_list(
        (0..1usize << classes)
            .filter(|k| k & (1 << bit) != 0)
            .map(|k| k.to_string()),
    )
}

impl Plan {
    /// The integer the statements use for an analyte (its position among the screened ones):
    /// the per-row work compares and groups small integers, not text; only the final rows
    /// carry the key.
    fn analyte_id(&self, key: &str) -> Option<usize> {
        self.screened.iter().position(|s| s.key == key)
    }

    /// The analyte key of an `analyte_id` column.
    fn analyte_key(&self, column: &str) -> String {
        let mut sql = format!("CASE {column}");
        for (i, s) in self.screened.iter().enumerate() {
            sql.push_str(&format!(" WHEN {i} THEN {}", string(s.key)));
        }
        sql.push_str(" END");
        sql
    }

    fn date(&self, date: chrono_lite::Date) -> String {
        format!("DATE {}", string(&date.to_string()))
    }

    /// `age` in completed years on the day numbered `dn` (see [`YEAR_DAYS`]) of a patient
    /// born in `birth_year` on the day `birth_md` (`month * 32 + day`) of that year; NULL when
    /// the birth date is unknown or before 1900 (KNOWLEDGE.md: such an age is unknown).
    /// Arithmetic on integers where the date parts are computed once per patient, not on each
    /// result.
    fn age_at_day_number(dn: &str, birth_year: &str, birth_md: &str) -> String {
        format!(
            "CASE WHEN {birth_year} IS NULL OR {dn} IS NULL OR {birth_year} < 1900 THEN NULL \
             ELSE CAST(({dn} - {dn} % {YEAR_DAYS}) / {YEAR_DAYS} - {birth_year} - CASE WHEN \
             {dn} % {YEAR_DAYS} < {birth_md} THEN 1 ELSE 0 END AS BIGINT) END"
        )
    }

    fn age_band(&self, age: &str) -> String {
        let labels = age_labels(&self.age_edges);
        let mut sql = format!("CASE WHEN {age} IS NULL OR {age} < 0 OR {age} > 120 THEN 'unknown'");
        for (i, label) in labels.iter().enumerate().rev() {
            sql.push_str(&format!(
                " WHEN {age} >= {} THEN {}",
                self.age_edges[i],
                string(label)
            ));
        }
        sql.push_str(" END");
        sql
    }

    fn sex(&self, mapping: &Mapping, column: &str) -> String {
        let mut sql = String::from("CASE");
        for sex in SEXES {
            let values: Vec<String> = mapping
                .sex_values
                .iter()
                .filter(|(_, s)| *s == sex)
                .map(|(v, _)| string(v))
                .collect();
            if !values.is_empty() {
                sql.push_str(&format!(
                    " WHEN {column} IN ({}) THEN {}",
                    in_list(values),
                    string(sex.as_str())
                ));
            }
        }
        sql.push_str(" ELSE 'unknown' END");
        sql
    }

    /// The common table expressions that read the lab results, up to `checked` (one row per
    /// result of a screened analyte in the period, with its canonical value, status and class
    /// flags).
    fn lab_ctes(&self) -> String {
        let l = &self.labs;
        // The analyte of a code and the factor of an analyte's unit are simple CASEs on
        // literals (`CASE code WHEN 'x' THEN 0 ...`), which engines evaluate as one lookup per
        // row (DataFusion: its literal lookup table) rather than one comparison per branch:
        // at 10^8 rows the searched CASEs took 3.9 s of CPU. With nothing to look up, a typed
        // NULL (a CASE needs one WHEN at least).
        let lookup = |on: &str, pairs: &[(String, String)], null_type: &str| {
            if pairs.is_empty() {
                return format!("CAST(NULL AS {null_type})");
            }
            let mut sql = format!("CASE {on}");
            for (when, then) in pairs {
                sql.push_str(&format!(" WHEN {when} THEN {then}"));
            }
            sql.push_str(" END");
            sql
        };
        let mut code_pairs = Vec::new();
        for (id, s) in self.screened.iter().enumerate() {
            for (c, _) in self.codes.iter().filter(|(_, k)| *k == s.key) {
                code_pairs.push((string(c), id.to_string()));
            }
        }
        let codes = lookup("code", &code_pairs, "BIGINT");
        let all_codes = if self.codes.is_empty() {
            "FALSE".to_string()
        } else {
            format!(
                "code IN ({})",
                in_list(self.codes.iter().map(|(c, _)| string(c)))
            )
        };
        // The unit's number among the units of the file (in any analyte), then the factor of
        // the pair (analyte, unit number); an unlisted unit gives NULL, so no factor.
        let mut unit_names: Vec<&str> = Vec::new();
        for (_, unit, _) in &self.units {
            if !unit_names.contains(&unit.as_str()) {
                unit_names.push(unit);
            }
        }
        let unit_pairs: Vec<(String, String)> = unit_names
            .iter()
            .enumerate()
            .map(|(i, u)| (string(u), i.to_string()))
            .collect();
        let unit_number = lookup("unit", &unit_pairs, "BIGINT");
        let mut factor_pairs = Vec::new();
        for (id, s) in self.screened.iter().enumerate() {
            for (_, unit, f) in self.units.iter().filter(|(k, _, _)| *k == s.key) {
                let u = unit_names
                    .iter()
                    .position(|n| n == unit)
                    .expect("every unit is numbered");
                factor_pairs.push(((id * unit_names.len() + u).to_string(), float(*f)));
            }
        }
        let factor = lookup(
            &format!("analyte_id * {} + {unit_number}", unit_names.len()),
            &factor_pairs,
            "DOUBLE",
        );
        let mut limit = String::from("CASE analyte_id");
        for (id, s) in self.screened.iter().enumerate() {
            limit.push_str(&format!(
                " WHEN {id} THEN {}",
                float(s.analyte.plausible_max())
            ));
        }
        limit.push_str(" END");
        let period = match &self.period {
            Some(p) => format!(
                " AND (day IS NULL OR (day >= {} AND day <= {}))",
                self.date(p.from),
                self.date(p.to)
            ),
            None => String::new(),
        };
        let mut flags = String::from("CASE WHEN FALSE THEN CAST(NULL AS BIGINT)");
        for (id, s) in self.screened.iter().enumerate() {
            // The key's flags field is MAX_CLASSES bits wide; more classes would run into the
            // value's bits and change which result is the latest.
            assert!(
                s.classes.len() <= MAX_CLASSES,
                "{} has {} classes; the latest key holds {MAX_CLASSES}",
                s.key,
                s.classes.len()
            );
            let sum: Vec<String> = s
                .classes
                .iter()
                .enumerate()
                .map(|(i, c)| format!("CASE WHEN {} THEN {} ELSE 0 END", c.sql, 1 << i))
                .collect();
            flags.push_str(&format!(" WHEN analyte_id = {id} THEN {}", sum.join(" + ")));
        }
        flags.push_str(" END");
        let mut scale = String::from("CASE analyte_id");
        for (id, s) in self.screened.iter().enumerate() {
            scale.push_str(&format!(
                " WHEN {id} THEN {}",
                float(VALUE_STEPS as f64 / s.analyte.plausible_max())
            ));
        }
        scale.push_str(" END");
        let site_number = match &self.sites {
            Some(sites) if self.has(Dimension::Site) && !sites.is_empty() => {
                let mut sql = String::from("CASE site");
                for (i, name) in sites.iter().enumerate() {
                    sql.push_str(&format!(" WHEN {} THEN {i}", string(name)));
                }
                sql.push_str(&format!(" ELSE {} END", sites.len()));
                sql
            }
            _ => "0".to_string(),
        };
        format!(
            "src AS (\n  SELECT {pid} AS patient_id, {code} AS code, TRY_CAST({value} AS DOUBLE) AS value, \
             {value} IS NOT NULL AS has_value, \
             {unit} AS unit, {day} AS day, CAST({lo} AS DOUBLE) AS lo_raw, \
             CAST({hi} AS DOUBLE) AS hi_raw, {site} AS site\n  FROM labs\n),\n\
             coded AS (\n  SELECT patient_id, day, site, value, has_value, lo_raw, hi_raw, {codes} AS analyte_id, unit\n  \
             FROM src\n  WHERE {all_codes}{period}\n),\n\
             converted AS (\n  SELECT patient_id, day, site, analyte_id, value, has_value, value * factor AS v, \
             lo_raw * factor AS lo, hi_raw * factor AS hi, factor\n  FROM (SELECT *, {factor} AS factor FROM coded) AS f\n),\n\
             checked AS (\n  SELECT patient_id, day, site, analyte_id, v, lo, hi,\n    \
             CASE WHEN NOT has_value THEN 1 WHEN value IS NULL THEN 2 WHEN day IS NULL THEN 3 \
             WHEN factor IS NULL THEN 4 WHEN NOT (v >= 0e0 AND v <= {limit}) THEN 5 ELSE 0 END AS status\n  FROM converted\n),\n\
             classified AS (\n  SELECT patient_id, site, analyte_id, status, vdn,\n    \
             CASE WHEN status = 0 THEN ({DAY_MAX} - vdn) * {DAY_UNIT} \
             + CAST(FLOOR(vv * {scale}) AS BIGINT) * {VALUE_UNIT} + flags * {FLAG_UNIT} + {site_number} END AS lkey\n  \
             FROM (\n    SELECT patient_id, site, analyte_id, status, vv, flags,\n      \
             CASE WHEN status <> 0 THEN NULL WHEN dnum < 0 THEN 0 WHEN dnum > {DAY_MAX} THEN {DAY_MAX} ELSE dnum END AS vdn\n    \
             FROM (\n      SELECT patient_id, site, analyte_id, status,\n        \
             CASE WHEN status = 0 THEN v END AS vv,\n        \
             CASE WHEN status = 0 THEN {flags} END AS flags,\n        \
             CAST(EXTRACT(YEAR FROM day) AS BIGINT) * {YEAR_DAYS} + CAST(EXTRACT(MONTH FROM day) AS BIGINT) * 32 + CAST(EXTRACT(DAY FROM day) AS BIGINT) AS dnum\n      \
             FROM checked\n    ) AS c\n  ) AS d\n)",
            pid = column(l, "patient_id").sql(self.dialect, self.dialect.text()),
            code = column(l, "code").sql(self.dialect, self.dialect.text()),
            value = column(l, "value").sql(self.dialect, "DOUBLE"),
            unit = column(l, "unit").sql(self.dialect, self.dialect.text()),
            day = self.dialect.date(&column(l, "date").sql(self.dialect, "DATE")),
            lo = column(l, "ref_low").sql(self.dialect, "DOUBLE"),
            hi = column(l, "ref_high").sql(self.dialect, "DOUBLE"),
            site = column(l, "site").sql(self.dialect, self.dialect.text()),
        )
    }

    fn patient_cte(&self, mapping: &Mapping) -> Option<String> {
        let p = self.patients.as_ref()?;
        let sex = match column(p, "sex") {
            Source::Absent => format!("CAST(NULL AS {})", self.dialect.text()),
            Source::Column(c) | Source::Text(c) => {
                format!("CAST({} AS {})", self.dialect.ident(c), self.dialect.text())
            }
        };
        Some(format!(
            "pat AS (\n  SELECT *, CAST(EXTRACT(YEAR FROM birth) AS BIGINT) AS birth_year, \
             CAST(EXTRACT(MONTH FROM birth) AS BIGINT) * 32 + CAST(EXTRACT(DAY FROM birth) AS BIGINT) AS birth_md, \
             {sex_number} AS sex_number\n  \
             FROM (SELECT {pid} AS patient_id, {birth} AS birth, {sex} AS sex, \
             {death} AS death FROM patients) AS p0\n)",
            pid = column(p, "patient_id").sql(self.dialect, self.dialect.text()),
            birth = self
                .dialect
                .date(&column(p, "birth_date").sql(self.dialect, "DATE")),
            sex = self.sex(mapping, &sex),
            sex_number = {
                let mut sql = String::from("CASE sex");
                for (i, sex) in SEXES.iter().enumerate() {
                    sql.push_str(&format!(" WHEN {} THEN {i}", string(sex.as_str())));
                }
                sql.push_str(" END");
                sql
            },
            death = self
                .dialect
                .date(&column(p, "deceased_date").sql(self.dialect, "DATE")),
        ))
    }

    fn has(&self, d: Dimension) -> bool {
        self.by.contains(&d)
    }

    /// The prevalence query: one row per analyte and group.
    pub fn prevalence_sql(&self, mapping: &Mapping) -> String {
        let q = |s: &str| self.dialect.ident(s);
        let year = self.has(Dimension::Year);
        let site = self.has(Dimension::Site);
        // Per patient, analyte, status (and year): the number of results and the smallest
        // latest key (the latest result's day, value, flags and site: see DAY_UNIT). The
        // analyte, status and year are one integer key (see ANALYTE_UNIT). Grouping on the
        // status too keeps the per-group state to two aggregates: the excluded results of a
        // patient form groups of their own (no valid result, so never counted as tested), and
        // only their totals are reported.
        let year_part = if year {
            format!(
                "CASE WHEN vdn IS NULL THEN {NO_YEAR} ELSE CAST((vdn - vdn % {YEAR_DAYS}) / {YEAR_DAYS} AS BIGINT) END"
            )
        } else {
            "0".to_string()
        };
        let mut per_cols = vec![
            "patient_id".to_string(),
            "gk".to_string(),
            "CAST(COUNT(*) AS BIGINT) AS n".to_string(),
            "MIN(lkey) AS lkey".to_string(),
        ];
        let mut from = format!(
            "(SELECT *, analyte_id * {ANALYTE_UNIT} + status * {STATUS_UNIT} + {year_part} AS gk FROM classified) AS k"
        );
        let mut group_key = "patient_id, gk";
        if self.packed_patients {
            assert!(
                self.screened.len() as i64 * ANALYTE_UNIT <= PATIENT_UNIT,
                "the packed patient key holds four analytes"
            );
            per_cols[0] = format!(
                "CAST((pk - pk % {PATIENT_UNIT}) / {PATIENT_UNIT} AS BIGINT) AS patient_id"
            );
            per_cols[1] = format!("pk % {PATIENT_UNIT} AS gk");
            from = format!(
                "(SELECT *, CAST(patient_id AS BIGINT) * {PATIENT_UNIT} + gk AS pk FROM {from}) AS kp"
            );
            group_key = "pk";
        }
        // The site: decoded from the key when the sites are numbered, else the site of the
        // row with the smallest key (the first in byte order among equal keys), by an ordered
        // aggregate where the engine has one, else the first row of a window in that order.
        let packed_sites = match &self.sites {
            Some(sites) if site => Some(sites.as_slice()),
            _ => None,
        };
        let mut unpacked = vec![
            "patient_id".to_string(),
            format!(
                "CAST((gk - gk % {ANALYTE_UNIT}) / {ANALYTE_UNIT} AS BIGINT) AS analyte_id"
            ),
            format!(
                "CAST((gk % {ANALYTE_UNIT} - gk % {STATUS_UNIT}) / {STATUS_UNIT} AS BIGINT) AS status"
            ),
            "n".to_string(),
            "lkey".to_string(),
        ];
        if site && packed_sites.is_none() {
            let order = "ORDER BY lkey ASC NULLS LAST, site ASC NULLS LAST";
            match self.dialect {
                Dialect::DataFusion => {
                    per_cols.push(format!("first_value(site {order}) AS site"));
                }
                Dialect::Spark => {
                    from = format!(
                        "(SELECT *, ROW_NUMBER() OVER (PARTITION BY patient_id, gk {order}) AS rn FROM {from}) AS r"
                    );
                    per_cols.push("MAX(CASE WHEN rn = 1 THEN site END) AS site".into());
                }
            }
            unpacked.push("site".into());
        }
        if year {
            unpacked.push(format!(
                "CASE WHEN gk % {STATUS_UNIT} = {NO_YEAR} THEN NULL ELSE gk % {STATUS_UNIT} END AS result_year"
            ));
        }
        // a patient's results of the analyte (and year) with this status (0: valid)
        let mut latest_cols = vec![
            "patient_id".to_string(),
            "analyte_id".to_string(),
            "status".to_string(),
            "n".to_string(),
        ];
        // the latest day's number (see YEAR_DAYS)
        latest_cols.push(format!(
            "{DAY_MAX} - CAST((lkey - lkey % {DAY_UNIT}) / {DAY_UNIT} AS BIGINT) AS dn"
        ));
        latest_cols.push(format!(
            "CAST((lkey % {VALUE_UNIT} - lkey % {FLAG_UNIT}) / {FLAG_UNIT} AS BIGINT) AS flags"
        ));
        match packed_sites {
            // no result has a site: a typed NULL column (a CASE needs one WHEN at least)
            Some([]) => latest_cols.push(format!("CAST(NULL AS {}) AS site", self.dialect.text())),
            // the site's number: named after the counting (see `counted`)
            Some(_) => latest_cols.push(format!("lkey % {FLAG_UNIT} AS site")),
            None if site => latest_cols.push("site".into()),
            None => {}
        }
        if year {
            latest_cols.push("result_year".into());
        }
        let mut ctes = vec![self.lab_ctes()];
        ctes.push(format!(
            "latest AS (\n  SELECT {}\n  FROM (\n    SELECT {}\n    FROM (\n      SELECT {}\n      FROM {from}\n      GROUP BY {group_key}\n    ) AS g\n  ) AS u\n)",
            latest_cols.join(", "),
            unpacked.join(", "),
            per_cols.join(",\n        "),
        ));
        // The site and the sex are counted as numbers and named after: the sites' names when
        // they are numbered (NULL past them, as for no site), the sexes' in `SEXES` order.
        let site_name = match packed_sites {
            Some(sites) if !sites.is_empty() => {
                let mut sql = String::from("CASE site");
                for (i, name) in sites.iter().enumerate() {
                    sql.push_str(&format!(" WHEN {i} THEN {}", string(name)));
                }
                sql.push_str(" END");
                sql
            }
            _ => "site".to_string(),
        };
        let mut sex_name = String::from("CASE sex");
        for (i, sex) in SEXES.iter().enumerate() {
            sex_name.push_str(&format!(" WHEN {i} THEN {}", string(sex.as_str())));
        }
        sex_name.push_str(" END");
        let unknown_sex = SEXES
            .iter()
            .position(|s| *s == Sex::Unknown)
            .expect("the unknown sex is listed");
        let mut dims: Vec<String> = Vec::new();
        let mut joined = "latest".to_string();
        if let Some(pat) = self.patient_cte(mapping) {
            ctes.push(pat);
            // The join keeps the patients' side in memory for the whole query (at 5 million
            // patients 219 MB of a 512 MiB limit as four BIGINTs, taken from what the spilling
            // aggregation can use): the birth year, the birth day and the sex are packed into
            // one INT, `info` (see patient_info), read back on the joined rows. A missing
            // patient has no info.
            let (by, bmd) = (
                format!("CAST((p.info - p.info % {BIRTH_UNIT}) / {BIRTH_UNIT} AS BIGINT)"),
                format!(
                    "CAST((p.info % {BIRTH_UNIT} - p.info % {SEX_UNIT}) / {SEX_UNIT} AS BIGINT)"
                ),
            );
            ctes.push(format!(
                "people AS (\n  SELECT l.*, CAST(COALESCE(p.info % {SEX_UNIT}, {unknown_sex}) AS BIGINT) AS sex, p.info IS NULL AS no_patient,\n    {} AS age\n  \
                 FROM latest AS l LEFT JOIN (SELECT patient_id, {} AS info FROM pat) AS p ON l.patient_id = p.patient_id\n)",
                Self::age_at_day_number("l.dn", &by, &bmd),
                patient_info()
            ));
            joined = "people".into();
        }
        for d in &self.by {
            dims.push(match d {
                Dimension::Site => format!("COALESCE({site_name}, 'unknown') AS {}", q(d.name())),
                Dimension::Sex => format!("{sex_name} AS {}", q(d.name())),
                Dimension::AgeBand => format!("{} AS {}", self.age_band("age"), q(d.name())),
                Dimension::Year => format!("result_year AS {}", q(d.name())),
            });
        }
        // The per-patient rows counted first by what the groups and the classes are made of,
        // all small integers (the sex's and site's numbers, the age in years, not yet its bands;
        // the status, not yet the rows by reason): a few thousand rows, on which the bands,
        // the strata and the class sums are then computed (at 10^8 rows the bands' and the
        // sums' CASEs on every patient row took 4 s of CPU, six sums per status 4 s more, and
        // grouping on the sex's and site's text 3 s more). The small integers are packed into
        // one BIGINT, `ck` (see COUNT_FIELDS), and read back after the counting: one integer
        // group key takes DataFusion's primitive hash table (at 10^8 rows, grouping on the
        // eight columns took 5.8 s of CPU). With more sites than are numbered, the site is
        // grouped on as text beside it.
        // A patient with a valid result is tested (status 0).
        let mut fields: Vec<CountField> = vec![COUNT_ANALYTE, COUNT_STATUS, COUNT_FLAGS];
        if self.patients.is_some() {
            fields.extend([COUNT_NO_PATIENT, COUNT_SEX, COUNT_AGE]);
        }
        let text_site = site && !matches!(packed_sites, Some(s) if !s.is_empty());
        if site && !text_site {
            fields.push(COUNT_SITE);
        }
        if year {
            fields.push(COUNT_YEAR);
        }
        assert!(
            self.screened.len() <= 4,
            "the counting key holds four analytes"
        );
        let (pack, unpack) = count_key(&fields);
        let mut group_key = "ck".to_string();
        let mut unpacked = unpack;
        if text_site {
            group_key.push_str(", site");
            unpacked.push("site".into());
        }
        let mut per_status = vec![
            "CASE WHEN status = 0 THEN 1 ELSE 0 END AS tested".to_string(),
            "CASE WHEN status = 0 THEN n ELSE 0 END AS n_valid".to_string(),
        ];
        for (i, (name, _)) in STATUSES.iter().enumerate() {
            per_status.push(format!(
                "CASE WHEN status = {} THEN n ELSE 0 END AS n_{name}",
                i + 1
            ));
        }
        ctes.push(format!(
            "counted AS (\n  SELECT {}, patients, n\n  FROM (\n    SELECT {group_key}, CAST(COUNT(*) AS BIGINT) AS patients, CAST(SUM(n) AS BIGINT) AS n\n    FROM (SELECT *, {pack} AS ck FROM {joined}) AS c\n    GROUP BY {group_key}\n  ) AS k\n),\n\
             by_status AS (\n  SELECT *, {}\n  FROM counted\n)",
            unpacked.join(", "),
            per_status.join(", ")
        ));
        let names: Vec<String> = self.by.iter().map(|d| q(d.name())).collect();
        let mut inner = vec![
            "analyte_id".to_string(),
            "tested".into(),
            "patients".into(),
            "n_valid".into(),
            "flags".into(),
        ];
        for (name, _) in STATUSES {
            inner.push(format!("n_{name}"));
        }
        if self.patients.is_some() {
            inner.push("no_patient".into());
        }
        inner.extend(dims);
        // The strata of the age standardisation (ESP 2013's 5-year bands, 90+ the last, and
        // sex), grouped on too and summed back in Rust.
        let mut names = names;
        if self.patients.is_some() {
            inner.push(
                "CASE WHEN age IS NULL OR age < 0 OR age > 120 THEN CAST(NULL AS BIGINT) \
                 WHEN age >= 90 THEN 18 ELSE CAST(FLOOR(age / 5e0) AS BIGINT) END AS esp_band"
                    .to_string(),
            );
            inner.push(format!("{sex_name} AS esp_sex"));
            names.push("esp_band".into());
            names.push("esp_sex".into());
        }
        let mut cols = vec![format!("{} AS analyte", self.analyte_key("analyte_id"))];
        cols.extend(names.iter().map(|n| n.to_string()));
        cols.push(
            "CAST(SUM(CASE WHEN tested = 1 THEN patients ELSE 0 END) AS BIGINT) AS tested"
                .to_string(),
        );
        for (id, s) in self.screened.iter().enumerate() {
            for (i, c) in s.classes.iter().enumerate() {
                cols.push(format!(
                    "CAST(SUM(CASE WHEN tested = 1 AND analyte_id = {id} AND flags IN ({}) THEN patients ELSE 0 END) AS BIGINT) AS {}",
                    with_bit(i, s.classes.len()),
                    q(&format!("{}.{}", s.key, c.id))
                ));
            }
        }
        cols.push("CAST(SUM(n_valid) AS BIGINT) AS rows_valid".into());
        for (name, _) in STATUSES {
            cols.push(format!("CAST(SUM(n_{name}) AS BIGINT) AS rows_{name}"));
        }
        if self.patients.is_some() {
            cols.push(
                "CAST(SUM(CASE WHEN tested = 1 AND no_patient THEN patients ELSE 0 END) AS BIGINT) AS tested_not_in_patients"
                    .into(),
            );
        }
        let mut group_by = vec!["analyte_id".to_string()];
        group_by.extend(names.iter().cloned());
        let mut order_by = vec!["analyte".to_string()];
        order_by.extend(names);
        format!(
            "WITH {},
grouped AS (
  SELECT {}
  FROM by_status
)
SELECT {}
FROM grouped
GROUP BY {}
ORDER BY {}",
            ctes.join(",\n"),
            inner.join(", "),
            cols.join(",\n  "),
            group_by.join(", "),
            order_by.join(", ")
        )
    }

    /// The "at risk, never tested" query: one row per group of the population (the patients
    /// file, less those who died before the period), with the count at risk and the count
    /// never tested in the period for each risk factor. `None` without medications.
    pub fn at_risk_sql(&self, mapping: &Mapping, t: &Thresholds) -> Option<String> {
        let q = |s: &str| self.dialect.ident(s);
        let m = self.medications.as_ref()?;
        let period = self.period.as_ref()?;
        let pat = self.patient_cte(mapping)?;
        let (from, to) = (self.date(period.from), self.date(period.to));
        let atc = column(m, "atc").sql(self.dialect, self.dialect.text());
        let name = column(m, "name").sql(self.dialect, self.dialect.text());
        let mut class = format!("CASE WHEN FALSE THEN CAST(NULL AS {})", self.dialect.text());
        for (key, atcs, _) in &self.drugs {
            if !atcs.is_empty() {
                class.push_str(&format!(
                    " WHEN atc IN ({}) THEN {}",
                    in_list(atcs.iter().map(|a| string(a))),
                    string(key)
                ));
            }
        }
        for (key, _, names) in &self.drugs {
            if !names.is_empty() {
                class.push_str(&format!(
                    " WHEN name IN ({}) THEN {}",
                    in_list(names.iter().map(|a| string(a))),
                    string(key)
                ));
            }
        }
        class.push_str(" END");
        let after = |d: f64| self.dialect.plus_days("s", d.round() as i64);
        // The analyte ids of the keys (-1, which no row has, when none is screened).
        let ids = |keys: &[&str]| {
            let ids: Vec<String> = keys
                .iter()
                .filter_map(|k| self.analyte_id(k))
                .map(|i| i.to_string())
                .collect();
            if ids.is_empty() {
                "-1".to_string()
            } else {
                ids.join(", ")
            }
        };
        let mut dims = Vec::new();
        let mut names = Vec::new();
        for d in &self.by {
            match d {
                Dimension::Sex => dims.push(format!("sex AS {}", q(d.name()))),
                Dimension::AgeBand => {
                    dims.push(format!("{} AS {}", self.age_band("age"), q(d.name())))
                }
                Dimension::Site | Dimension::Year => continue,
            }
            names.push(q(d.name()));
        }
        let mut cols: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        cols.push("CAST(COUNT(*) AS BIGINT) AS population".into());
        for (risk, flag, tested) in RISKS {
            cols.push(format!(
                "CAST(SUM({flag}) AS BIGINT) AS {}",
                q(&format!("{risk}.at_risk"))
            ));
            cols.push(format!(
                "CAST(SUM({flag} * (1 - {tested})) AS BIGINT) AS {}",
                q(&format!("{risk}.never_tested"))
            ));
        }
        let group = if names.is_empty() {
            String::new()
        } else {
            format!(
                "\nGROUP BY {}\nORDER BY {}",
                names.join(", "),
                names.join(", ")
            )
        };
        let mut inner: Vec<String> = [
            "ppi_mg",
            "ppi_b12",
            "diuretic",
            "metformin",
            "old",
            "mg_any",
            "b12_any",
            "t_mg",
            "t_b12",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        inner.extend(dims);
        Some(format!(
            "WITH {labs},\n{pat},\n\
             pop AS (\n  SELECT patient_id, sex, {age} AS age\n  FROM pat\n  WHERE death IS NULL OR death >= {from}\n),\n\
             med AS (\n  SELECT {pid} AS patient_id, {atc} AS atc, {name} AS name, {start} AS s, {end} AS e\n  FROM medications\n),\n\
             active AS (\n  SELECT patient_id, {class} AS class, s, CASE WHEN e IS NULL OR e > {to} THEN {to} ELSE e END AS e_eff\n  \
             FROM med\n  WHERE s IS NOT NULL AND s <= {to} AND (e IS NULL OR e >= {from})\n),\n\
             drugs AS (\n  SELECT patient_id,\n    \
             MAX(CASE WHEN class = 'ppi' AND {ppi_mg} <= e_eff THEN 1 ELSE 0 END) AS ppi_mg,\n    \
             MAX(CASE WHEN class = 'ppi' AND {ppi_b12} <= e_eff THEN 1 ELSE 0 END) AS ppi_b12,\n    \
             MAX(CASE WHEN class = 'diuretic' THEN 1 ELSE 0 END) AS diuretic,\n    \
             MAX(CASE WHEN class = 'metformin' THEN 1 ELSE 0 END) AS metformin\n  FROM active\n  GROUP BY patient_id\n),\n\
             tested AS (\n  SELECT patient_id, MAX(CASE WHEN analyte_id IN ({mg}) THEN 1 ELSE 0 END) AS t_mg,\n    \
             MAX(CASE WHEN analyte_id IN ({b12}) THEN 1 ELSE 0 END) AS t_b12\n  FROM checked\n  WHERE status = 0\n  GROUP BY patient_id\n),\n\
             risk_flags AS (\n  SELECT p.sex, p.age,\n    COALESCE(d.ppi_mg, 0) AS ppi_mg, COALESCE(d.ppi_b12, 0) AS ppi_b12,\n    \
             COALESCE(d.diuretic, 0) AS diuretic, COALESCE(d.metformin, 0) AS metformin,\n    \
             CASE WHEN p.age >= {old} AND p.age <= 120 THEN 1 ELSE 0 END AS old,\n    \
             COALESCE(t.t_mg, 0) AS t_mg, COALESCE(t.t_b12, 0) AS t_b12\n  \
             FROM pop AS p LEFT JOIN drugs AS d ON p.patient_id = d.patient_id LEFT JOIN tested AS t ON p.patient_id = t.patient_id\n),\n\
             risks AS (\n  SELECT *,\n    CASE WHEN ppi_mg + diuretic + old > 0 THEN 1 ELSE 0 END AS mg_any,\n    \
             CASE WHEN metformin + ppi_b12 > 0 THEN 1 ELSE 0 END AS b12_any\n  FROM risk_flags\n),\n\
             grouped AS (\n  SELECT {inner}\n  FROM risks\n)\n\
             SELECT {cols}\nFROM grouped{group}",
            labs = self.lab_ctes(),
            mg = ids(&["mg"]),
            b12 = ids(&["b12", "holotc"]),
            age = Self::age_at_day_number(&day_number(period.to).to_string(), "birth_year", "birth_md"),
            pid = column(m, "patient_id").sql(self.dialect, self.dialect.text()),
            start = self.dialect.date(&column(m, "start").sql(self.dialect, "DATE")),
            end = self.dialect.date(&column(m, "end").sql(self.dialect, "DATE")),
            ppi_mg = after(t.ppi_mg_min_duration.value),
            ppi_b12 = after(t.ppi_b12_min_duration.value),
            old = float(t.cvd_risk_age.value),
            cols = cols.join(",\n  "),
            inner = inner.join(", "),
        ))
    }
}

/// The risk factors of "at risk, never tested": (id, flag column, tested column).
pub const RISKS: [(&str, &str, &str); 6] = [
    ("mg.ppi_long_term", "ppi_mg", "t_mg"),
    ("mg.diuretic", "diuretic", "t_mg"),
    ("mg.age_65_plus", "old", "t_mg"),
    ("mg.any", "mg_any", "t_mg"),
    ("b12.metformin", "metformin", "t_b12"),
    ("b12.ppi_long_term", "ppi_b12", "t_b12"),
];

/// The analyte keys the screen reports on, in order, with the analyte.
pub fn keys(screened: &[Screened]) -> Vec<(&'static str, Analyte)> {
    screened.iter().map(|s| (s.key, s.analyte)).collect()
}

/// A tiny calendar date (year, month, day) for the period, printed as ISO 8601.
pub mod chrono_lite {
    use std::fmt;

    /// A valid Gregorian date.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub struct Date {
        /// Year.
        pub year: i32,
        /// Month, 1-12.
        pub month: u32,
        /// Day, 1-31.
        pub day: u32,
    }

    impl Date {
        /// Parses `YYYY-MM-DD`.
        pub fn parse(text: &str) -> Option<Date> {
            let b = text.as_bytes();
            if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
                return None;
            }
            if !text.is_char_boundary(10) {
                return None;
            }
            let year: i32 = digits(&text[0..4])?;
            let month: u32 = digits(&text[5..7])?;
            let day: u32 = digits(&text[8..10])?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return None,
            };
            (1..=days)
                .contains(&day)
                .then_some(Date { year, month, day })
        }
    }

    fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    }

    impl fmt::Display for Date {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::chrono_lite::Date;
    use super::*;

    #[test]
    fn every_screened_analyte_fits_the_keys_flags() {
        let k = neuronutri_knowledge::Knowledge::builtin().unwrap();
        let screened = crate::compile::screened(&k.thresholds).unwrap();
        assert!(!screened.is_empty());
        for s in &screened {
            assert!(
                (1..=MAX_CLASSES).contains(&s.classes.len()),
                "{}: {} classes",
                s.key,
                s.classes.len()
            );
        }
        // the flags field lies between the site's number and the value, and holds them all
        assert_eq!(FLAG_UNIT << MAX_CLASSES, VALUE_UNIT);
        assert!(PACKED_SITES as i64 <= FLAG_UNIT);
        // the counting key's fields hold their values and their codes for none
        let holds = |f: CountField, largest: i64| {
            assert!(largest < f.null.unwrap_or(1 << f.bits), "{}", f.name);
            assert!(f.null.unwrap_or(0) < 1 << f.bits, "{}", f.name);
        };
        holds(COUNT_ANALYTE, screened.len() as i64 - 1);
        holds(COUNT_STATUS, STATUSES.len() as i64);
        holds(COUNT_FLAGS, (1 << MAX_CLASSES) - 1);
        holds(COUNT_NO_PATIENT, 1);
        holds(COUNT_SEX, SEXES.len() as i64 - 1);
        holds(COUNT_AGE, 120);
        // the sites' numbers and the one for a site not listed
        holds(COUNT_SITE, PACKED_SITES as i64);
        holds(COUNT_YEAR, DAY_MAX / YEAR_DAYS);
        // the patient's info holds the sexes (its birth day and year: checked at compile time)
        assert!(SEXES.len() as i64 <= SEX_UNIT);
        // the unknown sex is the info's default
        assert_eq!(SEXES[3], Sex::Unknown);
        let (pack, unpack) = count_key(&[COUNT_ANALYTE, COUNT_STATUS, COUNT_YEAR]);
        assert_eq!(
            pack,
            "analyte_id * 131072 + status * 16384 + COALESCE(result_year, 16383)"
        );
        assert_eq!(
            unpack,
            [
                "CAST((ck - ck % 131072) / 131072 AS BIGINT) AS analyte_id",
                "CAST((ck % 131072 - ck % 16384) / 16384 AS BIGINT) AS status",
                "CASE WHEN ck % 16384 = 16383 THEN NULL ELSE ck % 16384 END AS result_year"
            ]
        );
    }

    #[test]
    fn the_day_number_orders_dates_and_gives_back_the_year() {
        let days = [
            "1899-12-31",
            "1900-01-01",
            "2024-01-31",
            "2024-02-01",
            "2024-12-31",
        ];
        let numbers: Vec<i64> = days
            .iter()
            .map(|d| day_number(Date::parse(d).unwrap()))
            .collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        for (d, n) in days.iter().zip(&numbers) {
            assert_eq!(n / YEAR_DAYS, d[..4].parse::<i64>().unwrap());
        }
    }

    #[test]
    fn dates_and_bands() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-2-1").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert_eq!(
            age_labels(&[0, 18, 45, 65, 75, 85]),
            vec!["0-17", "18-44", "45-64", "65-74", "75-84", "85+"]
        );
        assert_eq!(with_bit(0, 2), "1, 3");
        assert_eq!(with_bit(1, 2), "2, 3");
    }

    /// The Spark statements spell the same plan in Spark SQL: backquoted identifiers, STRING,
    /// date_add (and a window for the site when there are many). (That they give the same numbers is checked
    /// on a Spark Connect server by scripts/screen/spark_check.py.)
    #[test]
    fn spark_dialect() {
        let knowledge = neuronutri_knowledge::Knowledge::builtin().unwrap();
        let screened = crate::compile::screened(&knowledge.thresholds).unwrap();
        let col = |f: &'static str| (f, Source::Column(f.to_string()));
        let plan = Plan {
            screened,
            codes: vec![("19123-9".into(), "mg")],
            units: vec![("mg", "mg/dL".into(), 10.0 / 24.305)],
            labs: ["patient_id", "code", "value", "unit", "date", "site"]
                .map(col)
                .to_vec(),
            patients: Some(["patient_id", "birth_date", "sex"].map(col).to_vec()),
            medications: Some(vec![col("patient_id"), col("atc"), col("start")]),
            drugs: vec![("ppi", vec!["A02BC02".into()], vec![])],
            by: Dimension::parse_list("site,sex,age_band,year").unwrap(),
            period: Some(Period::parse("2024-01-01..2024-12-31").unwrap()),
            age_edges: vec![0, 18, 65],
            dialect: Dialect::DataFusion,
            sites: Some(vec!["north".into(), "south".into()]),
            packed_patients: false,
        };
        let spark = Plan {
            dialect: Dialect::Spark,
            ..plan.clone()
        };
        let m = Mapping::default();
        let (ours, theirs) = (plan.prevalence_sql(&m), spark.prevalence_sql(&m));
        // the same plan: the latest result by the smallest key, its sites numbered
        for text in [&ours, &theirs] {
            assert!(text.contains("MIN(lkey) AS lkey"), "{text}");
            assert!(text.contains("CASE site WHEN 'north' THEN 0 WHEN 'south' THEN 1 ELSE 2 END"));
            // the site's number is carried to the counting and named there
            assert!(text.contains("lkey % 4096 AS site"), "{text}");
            assert!(text.contains(
                "COALESCE(CASE site WHEN 0 THEN 'north' WHEN 1 THEN 'south' END, 'unknown')"
            ));
            assert!(
                text.contains("CAST(COALESCE(p.info % 4, 3) AS BIGINT) AS sex"),
                "{text}"
            );
        }
        assert!(ours.contains("AS \"mg.low\""), "{ours}");
        assert!(theirs.contains("AS `mg.low`"), "{theirs}");
        // more sites than are numbered: an ordered aggregate (a window in Spark) by the key
        let many = |dialect| Plan {
            sites: None,
            dialect,
            ..plan.clone()
        };
        let ours = many(Dialect::DataFusion).prevalence_sql(&m);
        assert!(ours.contains(
            "first_value(site ORDER BY lkey ASC NULLS LAST, site ASC NULLS LAST) AS site"
        ));
        let theirs = many(Dialect::Spark).prevalence_sql(&m);
        assert!(theirs.contains(
            "ROW_NUMBER() OVER (PARTITION BY patient_id, gk ORDER BY lkey ASC NULLS LAST, site ASC NULLS LAST)"
        ), "{theirs}");
        // integer patient identifiers: one packed group key, the window still by patient and
        // key, which the packed key's subquery keeps
        let packed = |dialect| Plan {
            packed_patients: true,
            ..many(dialect)
        };
        for dialect in [Dialect::DataFusion, Dialect::Spark] {
            let text = packed(dialect).prevalence_sql(&m);
            assert!(text.contains("GROUP BY pk\n"), "{text}");
            assert!(text.contains(
                "CAST((pk - pk % 524288) / 524288 AS BIGINT) AS patient_id,\n        pk % 524288 AS gk,"
            ), "{text}");
            assert!(
                text.contains("CAST(patient_id AS BIGINT) * 524288 + gk AS pk"),
                "{text}"
            );
        }
        assert!(packed(Dialect::Spark)
            .prevalence_sql(&m)
            .contains("ROW_NUMBER() OVER (PARTITION BY patient_id, gk ORDER BY"));
        let risk = spark.at_risk_sql(&m, &knowledge.thresholds).unwrap();
        assert!(risk.contains("date_add(s, "), "{risk}");
        for text in [&theirs, &risk] {
            for foreign in ["first_value", "VARCHAR", "\"", "INTERVAL"] {
                assert!(!text.contains(foreign), "{foreign} in {text}");
            }
        }
    }
}
