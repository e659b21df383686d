//! `neuronutri screen LABS --out DIR`: deficiency prevalence over a lab extract (issue 14),
//! on the embedded query engine of the `neuronutri-screen` crate, with a progress bar.

use crate::BadInput;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use neuronutri_screen::engine::Progress;
use neuronutri_screen::mapping::Mapping;
use neuronutri_screen::{Dimension, Options, Period};
use std::path::PathBuf;
use std::sync::Mutex;

/// The long help of `neuronutri screen`.
pub(crate) const ABOUT: &str = "Screen a population's lab extract for magnesium and vitamin B12 \
deficiency: per patient the latest valid result in the period, then per group the patients \
tested, the count and prevalence of each class with its Wilson 95 % confidence interval, and \
(with --medications) the patients at risk who were never tested.\n\n\
The classes are those of the assessment engine, with the thresholds of the knowledge base \
(`neuronutri rules` lists them; --config overrides them as for assess): magnesium low (below \
the lower reference limit, the result's own or 0.75 mmol/L), severe (below 0.50 mmol/L), below \
optimal (lower limit to 0.85 mmol/L) and high; vitamin B12 deficient (below 180 ng/L = 132.84 \
pmol/L, or the result's own lower limit) and indeterminate (up to 350 ng/L); \
holotranscobalamin deficient (below 25 pmol/L) and indeterminate (25 to 70 pmol/L). Units are \
converted as the engine converts them (mg/dL, meq/L, mg/L for magnesium; pg/mL and ng/L for \
B12), unrounded. Results without a value or date, in a unit not accepted for the analyte, or \
implausible (negative, above 10 mmol/L magnesium or 50 000 pmol/L B12) are counted in the \
output and not used.\n\n\
Inputs are CSV (a header line; the delimiter is set in the mapping) or Parquet (a file or a \
folder of .parquet files), told apart by their content.\n\
  LABS: patient_id, code (LOINC: serum Mg 19123-9 or 2601-3, B12 2132-9 or 14685-2, \
holotranscobalamin 72160-5; or a local code mapped in the mapping file), value, unit, date; \
optional ref_low, ref_high (in the result's unit) and site.\n\
  --patients: patient_id, birth_date, sex (female, male, other, unknown, or F/M), optional \
deceased_date. Needed for --by sex or age_band and for --medications.\n\
  --medications: patient_id, atc and/or name, start, optional end. Proton pump inhibitors \
(A02BC), loop and thiazide diuretics (C03C, C03A) and metformin (A10BA02), by ATC code or by \
drug name in the languages of the drug name map.\n\n\
Output in --out: screen.json (every number, the thresholds used with their sources, the \
units found, the codes not read), prevalence.csv, at_risk.csv, screen.md, query.sql (the \
generated SQL, runnable on another SQL engine) and query.spark.sql (the same statements in \
Spark SQL, for a Spark cluster: register the files as the views labs, patients and \
medications). With --patients, prevalences are also directly standardised to the European \
Standard Population 2013 (Eurostat, KS-RA-13-028; 5-year bands 0-4 to 90+): by age band within \
a sex, by age band x sex otherwise; the standard is named in the output.\n\n\
Engines: the embedded Apache DataFusion (default: streams the files on all cores) or \
--engine spark://HOST:PORT, a Spark Connect server that reads the files at the paths given as \
the cluster sees them. --emit-sql [ansi|spark] prints the statements and stops.\n\n\
Exit codes: 0 success, 2 bad input (the message names the file, the line and the column), \
1 internal error. Nothing is written when the input is bad.";

/// Examples and the mapping file's format, after the options in `neuronutri screen --help`.
pub(crate) const HELP: &str = "Examples:\n  \
neuronutri screen labs.csv --out screen/\n  \
neuronutri screen labs.parquet --patients patients.csv --by site,sex,age_band,year \
--period 2022-01-01..2024-12-31 --out screen/\n  \
neuronutri screen extract/ --patients patients.parquet --medications meds.parquet \
--period 2024-01-01..2024-12-31 --by sex,age_band --mapping map.toml --out screen/\n  \
neuronutri screen /data/labs.parquet --by site,year --engine spark://spark-host:15002 --out screen/\n  \
neuronutri screen labs.csv --emit-sql spark > screen.spark.sql\n  \
neuronutri synth-labs --rows 1000000 --out extract/     # a synthetic extract to try it on\n\n\
The mapping file (TOML) names the columns of a real extract and maps its local codes:\n  \
delimiter = \";\"              # CSV only; default \",\"\n  \
[labs]\n  patient_id = \"PAT_ID\"       # field = \"column in the file\"\n  \
code = \"TEST\"\n  value = \"RESULT\"\n  date = \"SAMPLED_AT\"\n  \
[labs.codes]\n  \"MG-S\" = \"19123-9\"         # local code = the LOINC it means\n  \
[patients]\n  sex = \"GENDER\"\n  \
[patients.sex_values]\n  \"1\" = \"male\"\n  \"2\" = \"female\"\n  \
[medications]\n  atc = \"ATC_CODE\"\n\n\
A small extract with its mapping: crates/neuronutri-screen/tests/data (README, \"Population screening\").";

/// Arguments of `neuronutri screen`.
#[derive(clap::Args)]
pub struct ScreenArgs {
    /// The lab results: a CSV file, a Parquet file or a folder of Parquet files.
    labs: PathBuf,
    /// Patients: birth date, sex, deceased date (CSV or Parquet).
    #[arg(long, value_name = "FILE")]
    patients: Option<PathBuf>,
    /// Medications: ATC code or name, start, end (CSV or Parquet). Needs --patients and
    /// --period.
    #[arg(long, value_name = "FILE")]
    medications: Option<PathBuf>,
    /// The column mapping and local codes of the extract (TOML; see below).
    #[arg(long, value_name = "MAP.toml")]
    mapping: Option<PathBuf>,
    /// Group by these, comma separated: site, sex, age_band, year. With year, each patient
    /// counts once per year (the latest result of that year).
    #[arg(long, value_name = "DIMS", default_value = "")]
    by: String,
    /// Only results dated in this period, both days included, e.g. 2024-01-01..2024-12-31.
    #[arg(long, value_name = "FROM..TO")]
    period: Option<String>,
    /// Lower edges of the age bands after 0, in years.
    #[arg(long, value_name = "EDGES", default_value = "18,45,65,75,85")]
    age_bands: String,
    /// A deployment configuration file whose [thresholds] override the defaults, as for assess.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where to write the results (created if needed); not needed with --emit-sql.
    #[arg(long, value_name = "DIR", required_unless_present = "emit_sql")]
    out: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Where the statements run: datafusion (embedded, the default) or spark://HOST:PORT (a
    /// Spark Connect server: Apache Spark 3.5+/4, Databricks, Sail), which reads the files at
    /// the paths given as the cluster sees them.
    #[arg(long, value_name = "ENGINE", default_value = "datafusion")]
    engine: String,
    /// The embedded engine's working memory (hash tables, sort and merge buffers), e.g. 512M
    /// or 2G: past it the per-patient aggregation spills to temporary files (in TMPDIR) and
    /// the run goes on, so memory stays bounded whatever the lab file's size (measured at
    /// 10^8 rows with 512M: 480 to 620 MB resident in all). The join with --patients cannot
    /// spill: it holds the patients file's table whole, about 21 bytes per patient (5 million
    /// patients: 105 MB), and a
    /// limit too small for it stops the run with exit code 2, naming a larger one. At least
    /// 16M.
    #[arg(long, value_name = "SIZE", default_value = "512M")]
    memory_limit: String,
    /// Print the statements for another SQL engine and stop (no counts, nothing written):
    /// ansi (the embedded engine's text, which DuckDB and PostgreSQL-like engines read) or
    /// spark. The codes, units and drug names in the files are read first: the statements
    /// list them.
    #[arg(long, value_name = "DIALECT", num_args = 0..=1, default_missing_value = "ansi")]
    emit_sql: Option<String>,
}

/// A progress bar on standard error (hidden when it is not a terminal).
struct Bar {
    bar: Mutex<Option<ProgressBar>>,
    quiet: bool,
}

impl Progress for Bar {
    fn start(&self, phase: &str, total_rows: Option<u64>) {
        if self.quiet {
            return;
        }
        let bar = match total_rows {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg:<24} [{bar:30}] {human_pos}/{human_len} rows ({per_sec}, {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
            None => ProgressBar::no_length().with_style(
                ProgressStyle::with_template("{msg:<24} {human_pos} rows ({per_sec})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_message(phase.to_string());
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn rows(&self, rows: u64) {
        if let Ok(slot) = self.bar.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.set_position(rows);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(bar) = slot.take() {
                if let Some(total) = bar.length() {
                    bar.set_position(total);
                }
                bar.finish();
            }
        }
    }
}

/// Runs the screen and writes the output files.
pub fn run(args: &ScreenArgs) -> Result<()> {
    let knowledge = crate::cli::load_knowledge(args.config.as_ref())?;
    let bad = |e: neuronutri_screen::ScreenError| -> anyhow::Error {
        if e.is_bad_input() {
            BadInput(e.to_string()).into()
        } else {
            anyhow::anyhow!("{e}")
        }
    };
    let mapping = match &args.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                BadInput(format!(
                    "{}: cannot read the mapping file: {e}",
                    path.display()
                ))
            })?;
            Mapping::parse(&path.display().to_string(), &text).map_err(bad)?
        }
        None => Mapping::default(),
    };
    let options = Options {
        labs: args.labs.clone(),
        patients: args.patients.clone(),
        medications: args.medications.clone(),
        mapping,
        by: Dimension::parse_list(&args.by).map_err(bad)?,
        period: args
            .period
            .as_deref()
            .map(Period::parse)
            .transpose()
            .map_err(bad)?,
        age_edges: neuronutri_screen::parse_age_edges(&args.age_bands).map_err(bad)?,
        spark: match args.engine.as_str() {
            "datafusion" | "embedded" => None,
            url => Some(neuronutri_screen::spark::parse_url(url).map_err(BadInput)?),
        },
        memory_limit: neuronutri_screen::engine::parse_memory_limit(&args.memory_limit)
            .map_err(BadInput)?,
        emit_only: args.emit_sql.is_some(),
    };
    let emit = match args.emit_sql.as_deref() {
        None => None,
        Some("ansi" | "datafusion" | "duckdb") => Some(false),
        Some("spark") => Some(true),
        Some(other) => {
            return Err(BadInput(format!(
                "--emit-sql {other:?}: write ansi (the embedded engine's SQL, also read by DuckDB) or spark"
            ))
            .into())
        }
    };
    let bar = Bar {
        bar: Mutex::new(None),
        quiet: args.quiet,
    };
    let screen = neuronutri_screen::screen(&knowledge, &options, &bar).map_err(bad)?;
    if let Some(spark) = emit {
        let statements = if spark {
            &screen.spark_sql
        } else {
            &screen.sql
        };
        print!("{}", neuronutri_screen::output::statements(statements));
        return Ok(());
    }
    let Some(out) = &args.out else {
        return Err(BadInput("--out DIR: where to write the results".into()).into());
    };
    let written = neuronutri_screen::output::write(&screen, out)
        .map_err(|e| BadInput(format!("{}: cannot write the results: {e}", out.display())))?;
    for a in &screen.analytes {
        let classes: Vec<String> = a
            .total
            .classes
            .iter()
            .map(|c| match c.prevalence {
                Some(p) => format!("{} {} ({:.1} %)", c.class, c.count, 100.0 * p),
                None => format!("{} {}", c.class, c.count),
            })
            .collect();
        println!(
            "{}: {} tested; {}",
            a.analyte,
            a.total.tested,
            classes.join(", ")
        );
    }
    println!("wrote {} to {}", written.join(", "), out.display());
    if screen.spilled_bytes > 0 && !args.quiet {
        eprintln!(
            "the aggregation spilled {:.0} MB to temporary files to stay within --memory-limit {}",
            screen.spilled_bytes as f64 / 1e6,
            args.memory_limit
        );
    }
    Ok(())
}

/// The long help of `neuronutri synth-labs`.
pub(crate) const SYNTH_ABOUT: &str = "Write a synthetic lab extract with known answers, for \
trying `neuronutri screen` and for benchmarks: labs (serum magnesium in mmol/L, mg/dL and meq/L; \
vitamin B12 in pmol/L and pg/mL; holotranscobalamin; sodium and creatinine as other codes; \
results from 2019-01-01 to 2024-12-31 at three sites), patients (birth date, sex) and \
truth.json.\n\n\
Each patient is given a class per analyte, more often low or deficient at 65 and over, and \
every valid result of the patient lies inside that class's band, well clear of the default \
thresholds; so the counts a screen must find are known exactly, and truth.json holds them: \
patients tested and in each class, overall, by sex and by year, and the rows excluded by \
reason (0.4 % without a value, 0.1 % without a date, 0.2 % in a unit not accepted, 0.2 % \
implausible). The same seed and sizes give the same files.";

/// Examples of `neuronutri synth-labs`.
pub(crate) const SYNTH_HELP: &str = "Examples:\n  \
neuronutri synth-labs --rows 1000000 --out extract/\n  \
neuronutri screen extract/labs.parquet --patients extract/patients.parquet \
--period 2019-01-01..2024-12-31 --by sex,year --out screen/\n  \
neuronutri synth-labs --rows 5000 --format csv --out small/";

/// Arguments of `neuronutri synth-labs`.
#[derive(clap::Args)]
pub struct SynthLabsArgs {
    /// Lab result rows to write.
    #[arg(long, value_name = "N")]
    rows: u64,
    /// Patients (default: rows / 20).
    #[arg(long, value_name = "N")]
    patients: Option<u64>,
    /// The random seed.
    #[arg(long, value_name = "N", default_value_t = 14)]
    seed: u64,
    /// parquet or csv.
    #[arg(long, value_name = "FORMAT", default_value = "parquet")]
    format: String,
    /// The folder to write labs.*, patients.* and truth.json to (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Writes the synthetic extract.
pub fn run_synth(args: &SynthLabsArgs) -> Result<()> {
    use neuronutri_screen::synth::{generate, SynthError, SynthFormat, SynthOptions};
    let format = match args.format.as_str() {
        "parquet" => SynthFormat::Parquet,
        "csv" => SynthFormat::Csv,
        other => return Err(BadInput(format!("--format {other:?}: write parquet or csv")).into()),
    };
    let options = SynthOptions {
        rows: args.rows,
        patients: args.patients,
        seed: args.seed,
        format,
        out: args.out.clone(),
    };
    let written = generate(&options).map_err(|e| -> anyhow::Error {
        match e {
            SynthError::Option(m) => BadInput(m).into(),
            other => anyhow::anyhow!("{other}"),
        }
    })?;
    let t = &written.truth;
    println!(
        "wrote {} lab rows of {} patients: {}",
        t.lab_rows,
        t.patients,
        written
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (key, a) in &t.analytes {
        let classes: Vec<String> = a.classes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        println!("{key}: {} tested; {}", a.tested, classes.join(", "));
    }
    Ok(())
}
