//! `neuronutri study PROTOCOL.toml [--data FILE] --out DIR`: runs a study protocol on a
//! cohort table and writes the report (JSON, Markdown, HTML, one CSV per table, SVG and PNG
//! figures). Nothing is written until every analysis has run, so bad input leaves the output
//! folder as it was.

use crate::BadInput;
use anyhow::{Context, Result};
use neuronutri_study::protocol;
use neuronutri_study::render;
use neuronutri_study::report::{self, Report};
use neuronutri_table::read_table_file;
use std::path::{Path, PathBuf};

const STUDY_HELP: &str = r#"Example (the seed hemifacial spasm study, on its synthetic cohort):
  neuronutri study examples/hfs-study/protocol.toml --out hfs-report

The protocol (TOML; see examples/hfs-study/protocol.toml):
  title = "B12 in hemifacial spasm"
  data = "cohort.csv"                 # relative to the protocol; --data overrides it
  group = "group"                     # the column that holds each row's group
  groups = ["hfs", "control"]         # the two groups compared, in this order
  group_labels = { hfs = "HFS", control = "Controls" }
  # optional: delimiter = ";", decimal = "comma", encoding = "windows-1251", alpha = 0.05,
  # source = "where the data comes from" (shown in the report)
  # conf_level = 0.95: the level of every interval of the tests and effect sizes (mean
  # difference, Hodges–Lehmann shift, Hedges' g, d_z, rank-biserial r, odds ratio,
  # Cramér's V, η²), the paired mean change, Pearson's r, Tukey's and Games–Howell's
  # comparisons, the b and β of a linear regression, the Wald and profile odds-ratio intervals of a logistic one, and
  # the Kaplan–Meier (curves, medians, risk tables) and Cox hazard-ratio intervals; between 0
  # and 1 (exclusive)
  # lang = "ru": the report's language, en (default), ru, it or uz (Uzbek, Latin script);
  # --lang overrides it. Every
  # header, note, methods sentence and figure text, and the decimal separator (ru: comma,
  # "46,8 ± 8,2"); labels and titles are printed as given. With a decimal comma the
  # tables/*.csv are for that locale's Excel: UTF-8 with a BOM, ';'-delimited
  # p_style = "default" | "apa" | "exact": p-values as "<0.001" / "0.023" (default), APA's
  # "<.001" / ".023" (no leading zero), or exact below 0.001 ("2.1e−4")
  # [format] (a table, after the top-level keys): printed decimals per kind of estimate, each
  # optional (whole numbers 0 to 10; p 1 to 10), defaults shown:
  #   decimals = { mean = <by magnitude: 0 from 100, 1 from 10, else 2>, percent = 1,
  #                statistic = 2 (U: 1), p = 3, r = 2, effect = 2, b = 4, or = 3, hr = 3 }
  #   mean: M ± SD, median [IQR], differences (a variable's own decimals win); percent: n (%)
  #   and survival %; statistic: t, U, F, H, χ², z, q; p: p and q (p = 4: "<0.0001");
  #   r: ρ and r; effect: Hedges' g, rank-biserial r, η², d_z, β; b: b, SE and CI of
  #   regressions and Cox models; or: odds ratios; hr: hazard ratios
  #   figure = { width = 16, height = 10, dpi = 300 }: every figure 16 × 10 cm (3 to 60;
  #   height 0.3 to 2 times the width; without height the default proportions 8:5), the PNG
  #   at dpi dots per inch (72 to 1200, recorded in the file; at most 4e7 pixels), the SVG
  #   sized in cm. Default: 800 × 500 pixels (21.2 × 13.2 cm at 96 dpi)

  [[variable]]
  name = "b12"                        # a column of the data
  label = "Vitamin B12"
  unit = "pg/mL"
  decimals = 0                        # printed decimals of means, SDs, medians

  [[variable]]
  name = "sex"
  levels = ["male", "female"]         # a categorical variable

  [[variable]]
  name = "spasms"

  [[variable]]
  name = "cortisol"

  [[table]]
  id = "table1"                       # names tables/table1.csv and the plots
  title = "Table 1. Characteristics"
  kind = "characteristics"            # M ± SD or median [IQR], n (%), group test
  variables = ["sex", "b12"]
  # summary = "auto" | "mean_sd" | "median_iqr"
  # test = "auto" | "mann-whitney" | "welch" | "student"
  # by = "sex", groups = ["male", "female"], within = "hfs": other groups, in a subset
  # three or more groups: test = "auto" | "anova" | "welch-anova" | "kruskal-wallis" and
  # posthoc = "auto" | "tukey" | "games-howell" | "dunn" | "none" (table ID-posthoc)
  # A variable with missing values gets a row "Missing": n (% of the group's rows) per group
  # (only then, as gtsummary's missing = "ifany")

  [[table]]
  id = "table2"
  title = "Table 2. Group comparison"
  kind = "comparison"                 # Mann-Whitney unless test is given; box plots
  variables = ["b12"]

  [[table]]
  id = "table3"
  title = "Table 3. Correlations"
  kind = "correlations"               # scatter plots with the least-squares line
  within = "hfs"
  pairs = [["b12", "spasms"]]         # or variables = [...] for every pair
  # method = "spearman" | "pearson"; p_method = "auto" (R) | "exact" | "asymptotic" (SciPy)
  # Rows of correlations and regressions: without within, the whole cohort (every row of the
  # data, whatever its group; rows = "all", the default) or rows = "groups" (only the rows of
  # the protocol's groups); within = "hfs" keeps one group (not with rows). The notes say
  # which rows, and n of them per pair or model with the rows left out for a missing value
  # log_x = true, log_y = true: log axes of the scatter plots (the least-squares line drawn
  # as the curve it is there); a value of 0 or less is an error naming its row

  [[table]]
  id = "table4"
  title = "Table 4. Regression"
  kind = "regression"                 # OLS: b, SE, CI, β, t, p, sr², LMG, VIF
  within = "hfs"
  outcome = "spasms"
  predictors = ["b12", "cortisol"]
  # predictors as R writes terms: a categorical variable enters in dummy coding (one row per
  # level vs the reference), "age:sex" an interaction, "age*sex" = age + sex + age:sex;
  # reference = { stage = "I" } (default: the first of its levels)
  # se = "classical" | "hc3" (robust, as sandwich's HC3); diagnostics = true: residual and
  # normal Q-Q plots
  # model = "logistic": binary outcome (0/1 numbers, or two levels with event = "yes", default
  # the second level): b, SE, z, p, odds ratios with Wald and profile-likelihood CIs,
  # deviance, AIC (as R's glm + confint); separation is reported, not estimated; log_x = true
  # plots the odds ratios on a log axis (reference line at 1) instead of the log odds

  # kind = "paired": long data, one row per subject and occasion; subject = "patient_id",
  # time = "visit", times = ["baseline", "month3"] (change = month3 - baseline),
  # test = "auto" | "paired-t" | "wilcoxon"; two-level categorical variables: McNemar

  # kind = "survival" (see examples/veteran-survival-study): time = "days" (a numeric
  # variable), status = "died": numbers 0/1 (1 = event), or event = "2" naming the number that
  # codes the event (the one other value is censored), or a categorical variable of two levels
  # with event = "dead" (default: its second level). Per group (the protocol's groups, or
  # by/groups, within): n, events, median survival with its CI (R's survfit: Greenwood,
  # conf.type "log"), the log-rank test (survdiff), a Kaplan-Meier plot with the number at risk
  # under it, and table ID-risk (number at risk and survival at risk_times = [0, 90, 180],
  # default: round times up to the longest follow-up). predictors = ["age", "stage"] adds a
  # Cox model (coxph, Efron ties; reference = { stage = "I" }): table ID-cox (b, SE, z, p, HR
  # with its CI; likelihood-ratio, Wald and score tests) and table ID-ph (the proportional-
  # hazards test of cox.zph, per term and global)

A minimal protocol needs only data, group, groups and tables (id, kind, what they analyse):
titles default to "Study report" and "Table N. <kind>", a variable a table names without a
[[variable]] entry is declared with its name as label, and a variable without levels is typed
from the data: a column of numbers is numeric (a malformed cell among numbers is an error
naming it), a column of words (no value a number) with 2 to 100 distinct values categorical, its levels sorted as R's factor() sorts them (here by code point).

Limits (larger input is an error naming the file and entry, exit code 2):
  table: at most 10 000 000 data rows and 1 000 columns; column names at most 200 characters
  protocol: names, labels, units, levels and titles at most 200 characters; table ids at
    most 64; at most 500 variables, 100 tables, 100 variables or predictors per table,
    100 levels per variable and 300 pairs per correlations table
A number that cannot be computed in double precision (values near 1e308, an overflowing
difference) is not printed: the report says why, next to the table."#;

/// Arguments of `neuronutri study`.
#[derive(clap::Args)]
#[command(
    long_about = "Run a study protocol on a cohort table and write the tables and figures of a \
clinical paper: a characteristics table (M ± SD or median [IQR] by normality, n (%), the group \
test), group comparisons (Mann-Whitney U or t tests, effect sizes, box plots with points), \
correlations (Spearman or Pearson, Benjamini-Hochberg q, scatter plots with the least-squares \
line) and regressions (OLS with b, β, p, sr², LMG and VIF, a coefficient plot; categorical \
predictors, interactions, HC3 errors, residual plots; logistic models with odds ratios) and \
survival analyses (Kaplan-Meier medians and plots with the number at risk, log-rank, Cox hazard \
ratios and the proportional-hazards test).\n\n\
The table may be CSV (',', ';' or tab; decimal point or decimal comma; UTF-8 with or without BOM, \
or Windows-1251, as Russian-locale spreadsheets save it; quoted fields) or Parquet. Missing \
cells (empty, NA, NaN, -) are allowed and counted; a malformed cell is an error naming its row, \
column and value.\n\n\
Writes to --out: report.json (every number shown anywhere), report.md, report.html \
(self-contained, printable), tables/ID.csv, plots/ID.svg + plots/ID.png, analysis.R (the same \
analyses as R code: base R, survival, MASS, sandwich; also shown under the methods, so a reviewer \
can rerun every test), and with --docx report.docx (Word: the tables as Word tables, the figures, \
the methods). Nothing is written \
when the protocol or the data is bad (exit code 2).\n\n\
The report speaks English, Russian, Italian or Uzbek (--lang, or the protocol's lang): every fixed text and the \
decimal separator; report.json keeps its numbers as numbers. A decimal-comma language writes \
tables/ID.csv as that locale's Excel opens them: UTF-8 with a BOM, ';'-delimited, decimal comma.",
    after_help = STUDY_HELP
)]
pub struct StudyArgs {
    /// The study protocol (TOML).
    protocol: PathBuf,
    /// The cohort table (CSV or Parquet); default: the protocol's `data`, relative to it.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// The folder to write the report into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The language of the report (its labels, notes, methods, figure texts and decimal
    /// separator): en (default), ru, it or uz (Uzbek, Latin script); overrides the protocol's
    /// `lang`. With a decimal-comma
    /// language the tables/*.csv are written for that locale's Excel: UTF-8 with a BOM,
    /// `;`-delimited, decimal comma.
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<neuronutri_study::i18n::Lang>,
    /// Also write report.docx (Word): the title and data lines, every table as a Word
    /// table with its notes, the figures (the PNGs), the methods; in the report's language.
    #[arg(long)]
    docx: bool,
    /// Print on standard error how long reading the table, the analyses and writing the
    /// report took (seconds), as one line `timings: read …, analyses …, write …, total …`.
    #[arg(long)]
    timings: bool,
}

/// `--lang`: a language reports are written in.
fn parse_lang(tag: &str) -> Result<neuronutri_study::i18n::Lang, String> {
    neuronutri_study::i18n::report_lang(tag)
}

/// Reads the protocol and the table, runs the analyses, writes the report.
pub fn run(args: &StudyArgs) -> Result<()> {
    let protocol_name = args.protocol.display().to_string();
    let text = std::fs::read_to_string(&args.protocol)
        .map_err(|e| BadInput(format!("{protocol_name}: cannot read: {e}")))?;
    let protocol = protocol::parse(&protocol_name, &text).map_err(|e| BadInput(e.to_string()))?;
    let data_path = match (&args.data, &protocol.data) {
        (Some(path), _) => path.clone(),
        (None, Some(rel)) => args.protocol.parent().unwrap_or(Path::new(".")).join(rel),
        (None, None) => {
            return Err(BadInput(format!(
                "{protocol_name}: the protocol names no data file; give --data FILE"
            ))
            .into())
        }
    };
    let data_name = data_path.display().to_string();
    let started = std::time::Instant::now();
    // Read in blocks straight into typed columns: a large CSV is never held whole as text
    // beside its table (issue 12).
    let table = read_table_file(
        &data_name,
        &data_path,
        &protocol.read_options,
        Some(&protocol.columns()),
    )
    .map_err(|e| BadInput(e.to_string()))?;
    // Variables without `levels` typed from the data: a column of words is categorical.
    let mut protocol = protocol::parse_with_data(&protocol_name, &text, &table)
        .map_err(|e| BadInput(e.to_string()))?;
    if let Some(lang) = args.lang {
        protocol.lang = lang;
    }
    let read = started.elapsed();

    let bar = indicatif::ProgressBar::new(report::steps(&protocol) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let result = report::run(&protocol, &table, &mut |step: &str| {
        bar.set_message(step.to_owned());
        bar.inc(1);
    });
    bar.finish_and_clear();
    let report = result.map_err(|e| BadInput(e.to_string()))?;
    let analysed = started.elapsed();
    if !report.untranslated.is_empty() {
        eprintln!(
            "note: {} texts have no {} translation and are printed in English:",
            report.untranslated.len(),
            report.lang
        );
        for text in report.untranslated.iter().take(20) {
            eprintln!("  {text}");
        }
    }
    write_report(&report, &args.out, args.docx)?;
    if args.timings {
        let total = started.elapsed();
        eprintln!(
            "timings: read {:.3} s, analyses {:.3} s, write {:.3} s, total {:.3} s",
            read.as_secs_f64(),
            (analysed - read).as_secs_f64(),
            (total - analysed).as_secs_f64(),
            total.as_secs_f64()
        );
    }
    eprintln!(
        "wrote {} tables and {} figures to {}",
        report.tables.len(),
        report.figures.len(),
        args.out.display()
    );
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))
}

/// Writes every output of the report into `out` (and report.docx with `docx`).
fn write_report(report: &Report, out: &Path, docx: bool) -> Result<()> {
    let html = render::html(report).map_err(|e| anyhow::anyhow!(e))?;
    let docx = match docx {
        true => Some(render::docx(report).map_err(|e| anyhow::anyhow!(e))?),
        false => None,
    };
    for dir in [out.to_path_buf(), out.join("tables"), out.join("plots")] {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    }
    let mut json = serde_json::to_string_pretty(report)?;
    json.push('\n');
    write(&out.join("report.json"), json.as_bytes())?;
    write(&out.join("report.md"), render::markdown(report).as_bytes())?;
    write(&out.join("analysis.R"), report.r_code.as_bytes())?;
    write(&out.join("report.html"), html.as_bytes())?;
    if let Some(docx) = &docx {
        write(&out.join("report.docx"), docx)?;
    }
    for table in &report.tables {
        write(
            &out.join("tables").join(format!("{}.csv", table.id)),
            &render::table_csv_for(report, table),
        )?;
    }
    for figure in &report.figures {
        write(
            &out.join("plots").join(format!("{}.svg", figure.id)),
            figure.svg.as_bytes(),
        )?;
        write(
            &out.join("plots").join(format!("{}.png", figure.id)),
            &figure.png,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every key a protocol accepts is named in `--help`: the keys are the ones the parser
    /// lists when it meets an unknown one (top level, [[variable]] and [[table]]).
    #[test]
    fn every_protocol_key_is_in_the_help() {
        let base = "data = \"d.csv\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\n";
        let table = "[[table]]\nid = \"t\"\nkind = \"comparison\"\nvariables = [\"x\"]\n";
        let probes = [
            format!("{base}no_such_key = 1\n{table}"),
            format!("{base}[[variable]]\nname = \"x\"\nno_such_key = 1\n{table}"),
            format!("{base}{table}no_such_key = 1\n"),
        ];
        let mut checked = 0;
        for probe in probes {
            let message = neuronutri_study::protocol::parse("p.toml", &probe)
                .unwrap_err()
                .to_string();
            let expected = message
                .split("expected one of")
                .nth(1)
                .unwrap_or_else(|| panic!("no list of keys in {message:?}"));
            for key in expected.split('`').skip(1).step_by(2) {
                let documented = super::STUDY_HELP.contains(&format!("{key} ="))
                    || super::STUDY_HELP.contains(&format!("{key}: "))
                    || super::STUDY_HELP.contains(&format!("[[{key}]]"))
                    || super::STUDY_HELP.contains(&format!("[{key}]"));
                assert!(documented, "protocol key `{key}` is not in study --help");
                checked += 1;
            }
        }
        assert!(checked > 30, "only {checked} keys found");
    }

    /// The protocol in `--help` is a valid protocol.
    #[test]
    fn the_help_protocol_parses() {
        let start = super::STUDY_HELP.find("  title =").unwrap();
        let end = super::STUDY_HELP.find("\nA minimal protocol").unwrap();
        let text: String = super::STUDY_HELP[start..end]
            .lines()
            .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
            .collect();
        let p = neuronutri_study::protocol::parse("help", &text).unwrap();
        assert_eq!(p.tables.len(), 4);
        assert_eq!(p.variables.len(), 4);
        // only these columns are read from the data
        assert_eq!(p.columns(), ["group", "b12", "sex", "spasms", "cortisol"]);
    }
}
