//! Synthetic lab extracts with known answers (`neuronutri synth-labs`), for tests and
//! benchmarks of the screen at any size.
//!
//! Each patient is given a class per analyte (magnesium severe, low, below optimal, normal or
//! high; B12 and holotranscobalamin deficient, indeterminate or normal) with a probability that
//! rises with age, and every valid result of that patient is drawn inside the class's band,
//! well clear of the thresholds (so rounding in another unit cannot move it across one). The
//! latest result of any period or year is then in the patient's class, and the exact counts
//! the screen must find are known while generating: they are written to `truth.json` beside
//! the files. Noise rows are mixed in and counted: other analytes (sodium, creatinine), results
//! without a value or a date, in a unit not accepted, or implausible.
//!
//! The bands assume the default thresholds of the knowledge base (KNOWLEDGE.md: Mg 0.50, 0.75,
//! 0.85 and 0.95 mmol/L; B12 132.84 and 258.3 pmol/L; holotranscobalamin 25 and 70 pmol/L);
//! a site configuration that moves a threshold into a band makes `truth.json` wrong for it.

use datafusion::arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int64Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The format the extract is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthFormat {
    /// Parquet (snappy), one file per table.
    Parquet,
    /// CSV with a header line.
    Csv,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// Lab result rows.
    pub rows: u64,
    /// Patients (default: rows / 20, at least 1).
    pub patients: Option<u64>,
    /// The seed; the same seed and sizes give the same files.
    pub seed: u64,
    /// The format.
    pub format: SynthFormat,
    /// The folder to write `labs.*`, `patients.*` and `truth.json` to.
    pub out: PathBuf,
}

/// The first and last day of the generated results; a screen with
/// `--period 2019-01-01..2024-12-31` sees every row.
pub const PERIOD: (&str, &str) = ("2019-01-01", "2024-12-31");
/// Days from 1970-01-01 to 2019-01-01.
const FIRST_DAY: i32 = 17_897;
/// Days in 2019..=2024.
const DAYS: i32 = 2192;
/// Days from 1970-01-01 to 2024-12-31.
const LAST_DAY: i32 = FIRST_DAY + DAYS - 1;

/// The classes a patient can be given, per analyte: (class id, band low, band high in the
/// canonical unit, the screen's classes it falls in).
struct Band {
    id: &'static str,
    low: f64,
    high: f64,
    classes: &'static [&'static str],
}

const MG_BANDS: [Band; 5] = [
    Band {
        id: "severe",
        low: 0.30,
        high: 0.47,
        classes: &["low", "severe"],
    },
    Band {
        id: "low",
        low: 0.53,
        high: 0.72,
        classes: &["low"],
    },
    Band {
        id: "below_optimal",
        low: 0.78,
        high: 0.82,
        classes: &["below_optimal"],
    },
    Band {
        id: "normal",
        low: 0.88,
        high: 0.92,
        classes: &[],
    },
    Band {
        id: "high",
        low: 1.00,
        high: 1.40,
        classes: &["high"],
    },
];

const B12_BANDS: [Band; 3] = [
    Band {
        id: "deficient",
        low: 50.0,
        high: 125.0,
        classes: &["deficient"],
    },
    Band {
        id: "indeterminate",
        low: 140.0,
        high: 250.0,
        classes: &["indeterminate"],
    },
    Band {
        id: "normal",
        low: 270.0,
        high: 800.0,
        classes: &[],
    },
];

const HOLOTC_BANDS: [Band; 3] = [
    Band {
        id: "deficient",
        low: 8.0,
        high: 23.0,
        classes: &["deficient"],
    },
    Band {
        id: "indeterminate",
        low: 27.0,
        high: 68.0,
        classes: &["indeterminate"],
    },
    Band {
        id: "normal",
        low: 75.0,
        high: 150.0,
        classes: &[],
    },
];

/// The probability of each band (same order as the bands) for a patient under 65 and one of 65
/// or over at the end of the period.
const MG_P: [[f64; 5]; 2] = [
    [0.01, 0.05, 0.20, 0.72, 0.02],
    [0.02, 0.09, 0.25, 0.62, 0.02],
];
const B12_P: [[f64; 3]; 2] = [[0.04, 0.18, 0.78], [0.09, 0.25, 0.66]];
const HOLOTC_P: [[f64; 3]; 2] = [[0.05, 0.22, 0.73], [0.10, 0.28, 0.62]];

/// SplitMix64: a small, fast, seedable generator (Steele, Lea and Flood 2014); statistical
/// quality is ample for synthetic data and no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    fn pick(&mut self, p: &[f64]) -> usize {
        let mut u = self.unit();
        for (i, &q) in p.iter().enumerate() {
            if u < q {
                return i;
            }
            u -= q;
        }
        p.len() - 1
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// The counts a screen of the whole period must find, per analyte.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnalyteTruth {
    /// Patients with at least one valid result.
    pub tested: u64,
    /// Patients in each class of the screen.
    pub classes: BTreeMap<&'static str, u64>,
    /// The same by sex.
    pub by_sex: BTreeMap<&'static str, GroupTruth>,
    /// The same by year of the result (a patient counts in each year with a valid result).
    pub by_year: BTreeMap<String, GroupTruth>,
    /// Valid result rows.
    pub rows_valid: u64,
    /// Excluded rows by the screen's reason.
    pub rows_excluded: BTreeMap<&'static str, u64>,
}

/// Tested and class counts of one group.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GroupTruth {
    /// Patients tested.
    pub tested: u64,
    /// Patients in each class.
    pub classes: BTreeMap<&'static str, u64>,
}

/// What was generated and the counts a screen must find (`truth.json`).
#[derive(Clone, Debug, Serialize)]
pub struct Truth {
    /// How to reproduce the files.
    pub command: String,
    /// The period every result lies in.
    pub period: [&'static str; 2],
    /// Lab rows written.
    pub lab_rows: u64,
    /// Patients written.
    pub patients: u64,
    /// Rows of analytes the screen does not read (sodium, creatinine).
    pub rows_other_codes: u64,
    /// Per analyte key (`mg`, `b12`, `holotc`).
    pub analytes: BTreeMap<&'static str, AnalyteTruth>,
    /// The generator's probability of each band, under 65 and 65 and over.
    pub design: BTreeMap<&'static str, BTreeMap<&'static str, [f64; 2]>>,
}

/// The files written.
pub struct Written {
    /// Paths, in order.
    pub files: Vec<PathBuf>,
    /// The truth.
    pub truth: Truth,
}

const SEXES: [&str; 3] = ["female", "male", "other"];
const SITES: [&str; 3] = ["north", "south", "east"];

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A bad option.
    #[error("{0}")]
    Option(String),
    /// Writing failed.
    #[error("{path}: {message}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> SynthError {
    SynthError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

enum Sink {
    Parquet(Box<ArrowWriter<File>>),
    Csv(BufWriter<File>),
}

impl Sink {
    fn create(path: &Path, schema: &Arc<Schema>, format: SynthFormat) -> Result<Sink, SynthError> {
        let file = File::create(path).map_err(|e| write_error(path, e))?;
        Ok(match format {
            SynthFormat::Parquet => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(1 << 20))
                    .build();
                Sink::Parquet(Box::new(
                    ArrowWriter::try_new(file, schema.clone(), Some(props))
                        .map_err(|e| write_error(path, e))?,
                ))
            }
            SynthFormat::Csv => {
                let mut w = BufWriter::with_capacity(1 << 20, file);
                let header: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
                writeln!(w, "{}", header.join(",")).map_err(|e| write_error(path, e))?;
                Sink::Csv(w)
            }
        })
    }

    fn parquet(&mut self, path: &Path, batch: &RecordBatch) -> Result<(), SynthError> {
        if let Sink::Parquet(w) = self {
            w.write(batch).map_err(|e| write_error(path, e))?;
        }
        Ok(())
    }

    fn csv(&mut self) -> Option<&mut BufWriter<File>> {
        match self {
            Sink::Csv(w) => Some(w),
            Sink::Parquet(_) => None,
        }
    }

    fn close(self, path: &Path) -> Result<(), SynthError> {
        match self {
            Sink::Parquet(w) => w.close().map(|_| ()).map_err(|e| write_error(path, e)),
            Sink::Csv(mut w) => w.flush().map_err(|e| write_error(path, e)),
        }
    }
}

/// A day number (since 1970-01-01) as `YYYY-MM-DD` (Howard Hinnant's civil-from-days).
fn iso(days: i32) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The year of a day number.
fn year_of(days: i32) -> i32 {
    iso(days)[0..4].parse().unwrap_or(0)
}

struct AnalyteSpec {
    key: &'static str,
    bands: &'static [Band],
    /// (code, weight within the analyte).
    codes: &'static [(&'static str, f64)],
    /// (unit, weight, factor from the canonical unit to this unit, decimals).
    units: &'static [(&'static str, f64, f64, i32)],
    /// A unit the model does not accept for the analyte.
    wrong_unit: &'static str,
    /// An implausible value in the canonical unit.
    implausible: f64,
}

/// Magnesium: mmol/L, mg/dL (× 24.305 / 10) and meq/L (× 2), as laboratories report it.
const MG: AnalyteSpec = AnalyteSpec {
    key: "mg",
    bands: &MG_BANDS,
    codes: &[("19123-9", 0.8), ("2601-3", 0.2)],
    units: &[
        ("mmol/L", 0.70, 1.0, 2),
        ("mg/dL", 0.25, 24.305 / 10.0, 2),
        ("meq/L", 0.05, 2.0, 2),
    ],
    wrong_unit: "g/L",
    implausible: 12.0,
};
/// Vitamin B12: pmol/L and pg/mL (÷ 0.738).
const B12: AnalyteSpec = AnalyteSpec {
    key: "b12",
    bands: &B12_BANDS,
    codes: &[("2132-9", 0.7), ("14685-2", 0.3)],
    units: &[("pmol/L", 0.5, 1.0, 0), ("pg/mL", 0.5, 1.0 / 0.738, 0)],
    wrong_unit: "g/L",
    implausible: 60_000.0,
};
const HOLOTC: AnalyteSpec = AnalyteSpec {
    key: "holotc",
    bands: &HOLOTC_BANDS,
    codes: &[("72160-5", 1.0)],
    units: &[("pmol/L", 1.0, 1.0, 1)],
    wrong_unit: "pg/mL",
    implausible: 60_000.0,
};

/// Generates the extract and its truth.
pub fn generate(options: &SynthOptions) -> Result<Written, SynthError> {
    if options.rows == 0 {
        return Err(SynthError::Option("--rows must be at least 1".to_string()));
    }
    let n_patients = options.patients.unwrap_or((options.rows / 20).max(1));
    if n_patients == 0 || n_patients > 1 << 32 {
        return Err(SynthError::Option(
            "--patients must be from 1 to 4294967296".to_string(),
        ));
    }
    std::fs::create_dir_all(&options.out).map_err(|e| write_error(&options.out, e))?;
    let ext = match options.format {
        SynthFormat::Parquet => "parquet",
        SynthFormat::Csv => "csv",
    };
    let mut rng = Rng(options.seed ^ 0x6E65_7572_6F6E_7574);
    let specs = [&MG, &B12, &HOLOTC];

    // Patients: sex, birth day, and a band per analyte.
    let n = n_patients as usize;
    let mut sex = vec![0u8; n];
    let mut band = vec![[0u8; 3]; n];
    let patients_path = options.out.join(format!("patients.{ext}"));
    let patient_schema = Arc::new(Schema::new(vec![
        Field::new("patient_id", DataType::Int64, false),
        Field::new("birth_date", DataType::Date32, false),
        Field::new("sex", DataType::Utf8, false),
    ]));
    let mut sink = Sink::create(&patients_path, &patient_schema, options.format)?;
    let chunk = 1usize << 16;
    let mut start = 0usize;
    while start < n {
        let end = (start + chunk).min(n);
        let mut ids = Int64Builder::with_capacity(end - start);
        let mut births = Date32Builder::with_capacity(end - start);
        let mut sexes = StringBuilder::new();
        for i in start..end {
            let s = rng.pick(&[0.52, 0.47, 0.01]);
            // Age at the end of the period: 0-99, weighted towards adults.
            let age_years = match rng.pick(&[0.08, 0.52, 0.40]) {
                0 => rng.below(18),
                1 => 18 + rng.below(47),
                _ => 65 + rng.below(35),
            } as i32;
            let birth = LAST_DAY - age_years * 365 - (age_years / 4) - rng.below(365) as i32;
            // 65 or over at the end of the period (completed years).
            let old = usize::from(completed_years(birth, LAST_DAY) >= 65);
            sex[i] = s as u8;
            band[i] = [
                rng.pick(&MG_P[old]) as u8,
                rng.pick(&B12_P[old]) as u8,
                rng.pick(&HOLOTC_P[old]) as u8,
            ];
            let id = i as i64 + 1;
            match sink.csv() {
                Some(w) => writeln!(w, "{id},{},{}", iso(birth), SEXES[s])
                    .map_err(|e| write_error(&patients_path, e))?,
                None => {
                    ids.append_value(id);
                    births.append_value(birth);
                    sexes.append_value(SEXES[s]);
                }
            }
        }
        if options.format == SynthFormat::Parquet {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(ids.finish()),
                Arc::new(births.finish()),
                Arc::new(sexes.finish()),
            ];
            let batch = RecordBatch::try_new(patient_schema.clone(), columns)
                .map_err(|e| write_error(&patients_path, e))?;
            sink.parquet(&patients_path, &batch)?;
        }
        start = end;
    }
    sink.close(&patients_path)?;

    // Lab results.
    let labs_path = options.out.join(format!("labs.{ext}"));
    let lab_schema = Arc::new(Schema::new(vec![
        Field::new("patient_id", DataType::Int64, false),
        Field::new("code", DataType::Utf8, false),
        Field::new("value", DataType::Float64, true),
        Field::new("unit", DataType::Utf8, false),
        Field::new("date", DataType::Date32, true),
        Field::new("site", DataType::Utf8, false),
    ]));
    let mut sink = Sink::create(&labs_path, &lab_schema, options.format)?;
    // Per patient and analyte, the years (bit y - 2019) with a valid result.
    let mut years = vec![[0u8; 3]; n];
    let mut rows_valid = [0u64; 3];
    let mut excluded: [BTreeMap<&'static str, u64>; 3] = Default::default();
    let mut rows_other = 0u64;
    // Analytes by share of rows: Mg 30 %, B12 20 %, holoTC 5 %, sodium 25 %, creatinine 20 %.
    let mix = [0.30, 0.20, 0.05, 0.25, 0.20];
    let others = [
        ("2951-2", "mmol/L", 140.0, 4.0),
        ("2160-0", "umol/L", 80.0, 20.0),
    ];
    let mut written = 0u64;
    let lab_chunk = 1u64 << 16;
    let mut line = String::new();
    while written < options.rows {
        let m = lab_chunk.min(options.rows - written) as usize;
        let mut ids = Int64Builder::with_capacity(m);
        let mut codes = StringBuilder::with_capacity(m, m * 7);
        let mut values = Float64Builder::with_capacity(m);
        let mut units = StringBuilder::with_capacity(m, m * 6);
        let mut dates = Date32Builder::with_capacity(m);
        let mut sites = StringBuilder::with_capacity(m, m * 5);
        for _ in 0..m {
            let p = rng.below(n_patients) as usize;
            let day = FIRST_DAY + rng.below(DAYS as u64) as i32;
            let site = SITES[rng.below(3) as usize];
            let kind = rng.pick(&mix);
            let (code, value, unit, date): (&str, Option<f64>, &str, Option<i32>) = if kind < 3 {
                let spec = specs[kind];
                let code =
                    spec.codes[rng.pick(&spec.codes.iter().map(|c| c.1).collect::<Vec<_>>())].0;
                let (unit, _, factor, decimals) =
                    spec.units[rng.pick(&spec.units.iter().map(|u| u.1).collect::<Vec<_>>())];
                // Noise: 0.4 % no value, 0.1 % no date, 0.2 % a unit not accepted, 0.2 %
                // implausible; the rest valid.
                match rng.pick(&[0.004, 0.001, 0.002, 0.002, 0.991]) {
                    0 => {
                        *excluded[kind].entry("no_value").or_default() += 1;
                        (code, None, unit, Some(day))
                    }
                    1 => {
                        *excluded[kind].entry("no_date").or_default() += 1;
                        let b = &spec.bands[band[p][kind] as usize];
                        let v = b.low + (b.high - b.low) * rng.unit();
                        (code, Some(round(v * factor, decimals)), unit, None)
                    }
                    2 => {
                        *excluded[kind].entry("unit_not_accepted").or_default() += 1;
                        let b = &spec.bands[band[p][kind] as usize];
                        let v = b.low + (b.high - b.low) * rng.unit();
                        (code, Some(round(v, 2)), spec.wrong_unit, Some(day))
                    }
                    3 => {
                        *excluded[kind].entry("implausible").or_default() += 1;
                        let v = if rng.unit() < 0.5 {
                            -1.0
                        } else {
                            spec.implausible
                        };
                        (code, Some(round(v * factor, decimals)), unit, Some(day))
                    }
                    _ => {
                        rows_valid[kind] += 1;
                        years[p][kind] |= 1 << (year_of(day) - 2019);
                        let b = &spec.bands[band[p][kind] as usize];
                        let v = b.low + (b.high - b.low) * rng.unit();
                        (code, Some(round(v * factor, decimals)), unit, Some(day))
                    }
                }
            } else {
                rows_other += 1;
                let (code, unit, mean, sd) = others[kind - 3];
                let v = mean + sd * (rng.unit() + rng.unit() + rng.unit() - 1.5) * 2.0;
                (code, Some(round(v, 0)), unit, Some(day))
            };
            let id = p as i64 + 1;
            match sink.csv() {
                Some(w) => {
                    line.clear();
                    use std::fmt::Write as _;
                    let _ = write!(line, "{id},{code},");
                    if let Some(v) = value {
                        let _ = write!(line, "{v}");
                    }
                    let _ = write!(line, ",{unit},");
                    if let Some(d) = date {
                        line.push_str(&iso(d));
                    }
                    let _ = writeln!(line, ",{site}");
                    w.write_all(line.as_bytes())
                        .map_err(|e| write_error(&labs_path, e))?;
                }
                None => {
                    ids.append_value(id);
                    codes.append_value(code);
                    values.append_option(value);
                    units.append_value(unit);
                    dates.append_option(date);
                    sites.append_value(site);
                }
            }
        }
        if options.format == SynthFormat::Parquet {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(ids.finish()),
                Arc::new(codes.finish()),
                Arc::new(values.finish()),
                Arc::new(units.finish()),
                Arc::new(dates.finish()),
                Arc::new(sites.finish()),
            ];
            let batch = RecordBatch::try_new(lab_schema.clone(), columns)
                .map_err(|e| write_error(&labs_path, e))?;
            sink.parquet(&labs_path, &batch)?;
        }
        written += m as u64;
    }
    sink.close(&labs_path)?;

    // The truth.
    let mut analytes = BTreeMap::new();
    let mut design = BTreeMap::new();
    for (k, spec) in specs.iter().enumerate() {
        let mut t = AnalyteTruth {
            rows_valid: rows_valid[k],
            rows_excluded: excluded[k].clone(),
            ..Default::default()
        };
        let class_ids: Vec<&'static str> = match spec.key {
            "mg" => vec!["low", "severe", "below_optimal", "high"],
            _ => vec!["deficient", "indeterminate"],
        };
        for c in &class_ids {
            t.classes.insert(c, 0);
        }
        for i in 0..n {
            let mask = years[i][k];
            if mask == 0 {
                continue;
            }
            let b = &spec.bands[band[i][k] as usize];
            t.tested += 1;
            for c in b.classes {
                *t.classes.entry(c).or_default() += 1;
            }
            let by_sex = t.by_sex.entry(SEXES[sex[i] as usize]).or_default();
            add(by_sex, b, &class_ids);
            for y in 0..6 {
                if mask & (1 << y) != 0 {
                    let g = t.by_year.entry((2019 + y).to_string()).or_default();
                    add(g, b, &class_ids);
                }
            }
        }
        analytes.insert(spec.key, t);
        let mut d = BTreeMap::new();
        for (j, b) in spec.bands.iter().enumerate() {
            let (young, old) = match spec.key {
                "mg" => (MG_P[0][j], MG_P[1][j]),
                "b12" => (B12_P[0][j], B12_P[1][j]),
                _ => (HOLOTC_P[0][j], HOLOTC_P[1][j]),
            };
            d.insert(b.id, [young, old]);
        }
        design.insert(spec.key, d);
    }
    let truth = Truth {
        command: format!(
            "neuronutri synth-labs --rows {} --patients {} --seed {} --format {ext}",
            options.rows, n_patients, options.seed
        ),
        period: [PERIOD.0, PERIOD.1],
        lab_rows: options.rows,
        patients: n_patients,
        rows_other_codes: rows_other,
        analytes,
        design,
    };
    let truth_path = options.out.join("truth.json");
    let text = serde_json::to_string_pretty(&truth).map_err(|e| write_error(&truth_path, e))?;
    std::fs::write(&truth_path, text + "\n").map_err(|e| write_error(&truth_path, e))?;
    Ok(Written {
        files: vec![labs_path, patients_path, truth_path],
        truth,
    })
}

fn add(g: &mut GroupTruth, b: &Band, class_ids: &[&'static str]) {
    g.tested += 1;
    for c in class_ids {
        g.classes.entry(c).or_default();
    }
    for c in b.classes {
        *g.classes.entry(c).or_default() += 1;
    }
}

/// Completed years from `birth` to `day` (day numbers).
fn completed_years(birth: i32, day: i32) -> i32 {
    let (b, d) = (iso(birth), iso(day));
    let by: i32 = b[0..4].parse().unwrap_or(0);
    let dy: i32 = d[0..4].parse().unwrap_or(0);
    let before = d[5..] < b[5..];
    dy - by - i32::from(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_print_as_iso_dates() {
        assert_eq!(iso(0), "1970-01-01");
        assert_eq!(iso(FIRST_DAY), "2019-01-01");
        assert_eq!(iso(LAST_DAY), "2024-12-31");
        assert_eq!(iso(19_782), "2024-02-29");
        assert_eq!(iso(-1), "1969-12-31");
        assert_eq!(completed_years(iso_days(1959, 12, 31), LAST_DAY), 65);
        assert_eq!(completed_years(iso_days(1960, 1, 1), LAST_DAY), 64);
    }

    fn iso_days(y: i32, m: u32, d: u32) -> i32 {
        (FIRST_DAY - 30_000..LAST_DAY)
            .find(|&x| iso(x) == format!("{y:04}-{m:02}-{d:02}"))
            .unwrap()
    }
}
