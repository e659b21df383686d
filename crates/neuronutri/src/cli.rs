//! Command-line arguments (clap) and dispatch to the commands.

use crate::assess::{self, AssessOptions, Format};
use crate::BadInput;
use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use neuronutri_knowledge::{Arg, Knowledge, Lang, Zone};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "neuronutri",
    version,
    about = "Clinical decision support and research analytics for magnesium and vitamin B12 in neurology",
    long_about = "Clinical decision support and research analytics for magnesium and vitamin B12 in neurology: \
stroke and chronic cerebrovascular disease, hemifacial spasm, neuropathic pain.\n\n\
Decision support, not prescription: every output names its sources and the certainty of the evidence.\n\n\
Exit codes: 0 success, 2 bad input (the message names the file, entry and field), 1 internal error.",
    after_help = "Examples:\n  neuronutri assess examples/acute-stroke-3h-low-mg.json --at 2025-03-10T11:00:00Z --format text\n  neuronutri assess --ndjson bundles.ndjson > assessments.ndjson"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Assess a patient's FHIR R4 Bundle: findings, recommendations, alerts, suppressed items.
    #[command(
        long_about = "Assess a patient's FHIR R4 Bundle (Patient, Observation with LOINC and UCUM, \
Condition with ICD-10 or SNOMED CT, MedicationStatement, MedicationRequest or MedicationAdministration \
with ATC, RxNorm, NDC or a drug name) at an instant, and print findings, recommendations, safety \
alerts and what the safety rules suppressed. What the engine read and what it skipped: `neuronutri \
inspect`. Each item has a stable code (see KNOWLEDGE.md), a \
severity, a GRADE certainty, its sources and the input values it used after unit conversion.\n\n\
Results dated after the assessment instant are an error: an assessment cannot use what has not \
happened yet. Use --at to assess a bundle as of a past instant.",
        after_help = "Examples:\n  neuronutri assess examples/ckd4-on-ppi.json --at 2025-03-01T09:00:00Z\n  \
neuronutri assess - --format text < bundle.json\n  neuronutri assess --ndjson bundles.ndjson --at 2025-01-01T00:00:00Z"
    )]
    Assess(AssessArgs),
    /// What the engine understood of a bundle, before any rule: patient, labs, conditions and
    /// drugs with their classes, and everything ignored with the reason.
    #[command(
        long_about = "What the engine understood of a FHIR R4 Bundle, before any rule runs: the patient \
(age, sex, pregnancy, deceased), each lab with its original and canonical value and unit, each condition \
and medication with the class it mapped to and how (code: an ICD-10 or ATC code; map: a reviewed SNOMED CT \
or RxNorm map in crates/neuronutri-model/data; name: a drug name found in the text), and everything read \
but not used, with the reason (unknown resource type, unknown code system, unmapped code, pending or \
valueless result, unresolved reference). This is how an integrator debugs a feed.\n\n\
Bad input is refused as by assess (exit 2, naming the entry and field).",
        after_help = "Examples:\n  neuronutri inspect examples/ckd4-on-ppi.json --at 2025-03-01T09:00:00Z\n  \
neuronutri inspect bundle.json --format json | jq .ignored_counts\n  neuronutri inspect - < bundle.json"
    )]
    Inspect(crate::inspect_cmd::InspectArgs),
    /// The evidence map: every seed claim with its verdict and sources, every source cited.
    #[command(
        long_about = "The evidence map: each claim of the three source documents (K1-K12) with the verdict \
of stronger evidence (supported, conflicting, unverified, contradicted), why, the sources it rests on, and \
the output codes that show it; then every source with its citation.",
        after_help = "Examples:\n  neuronutri evidence\n  neuronutri evidence --claim K3 --format md\n  neuronutri evidence --format json > evidence.json"
    )]
    Evidence(EvidenceArgs),
    /// The rule catalogue: every output code, when it is emitted, and the thresholds in force.
    #[command(
        long_about = "The rule catalogue, generated from the knowledge data: every output code with its \
kind, severity, GRADE certainty, sources and seed claim, when it is emitted (in words), and the \
thresholds that trigger names with the values in force. With --config the site's overrides are \
shown and marked. A clinical reviewer can read the whole logic here without reading Rust; \
docs/rules.md is the --format md output.",
        after_help = "Examples:\n  neuronutri rules\n  neuronutri rules --format md > docs/rules.md\n  \
neuronutri rules --code MG.LOW --lang ru\n  neuronutri rules --config site.toml --format json"
    )]
    Rules(RulesArgs),
    /// One statistical test on columns of a CSV file, as JSON (agrees with R and SciPy).
    Stats(crate::stats_cmd::StatsArgs),
    /// Audit a paper's reported numbers: recompute its tests, check p, GRIM and plausibility.
    #[command(
        long_about = "Audit a paper's reported summary statistics. From each group's M ± SD and n, \
recompute Welch and Student t tests and say whether the reported p (or bound) holds; from r and n, \
recompute each correlation's p; run GRIM and GRIMMER on integer-scale means; and flag values \
implausible for a known analyte in the reported unit (e.g. plasma dopamine in ng/mL).\n\n\
Every check is rounding-aware: a paper prints rounded numbers, so a reported p is also tested \
against every unrounded mean, SD or r that prints the same (half a unit of its last decimal \
either way). Verdicts: consistent (the printed values give the reported p under both t tests, \
or the printed r does); consistent only if … (only one t test gives it, or only unrounded values \
that print the same do: the range of p over them is shown); inconsistent (no test and no such \
values give it).",
        after_help = "Example:\n  neuronutri audit examples/hfs-study/audit.toml --format text\n\n\
The input is TOML: title, then [[comparison]] (name, groups, mean, sd, n, p, and optionally \
analyte + unit, integer_scale + decimals + items) and [[correlation]] (name, r, n, p). \
`decimals` (optional) is how many decimals the means and SDs (or r) were printed with, when a \
number read from TOML lost trailing zeros (46.80 reads as 46.8, one decimal). \
See examples/hfs-study/audit.toml.\n\n\
Limits (exit code 2 beyond them): at most 10 000 comparisons and correlations; names at most \
200 characters; GRIM and GRIMMER need n × items at most 10 000 000, decimals at most 10 and \
sums of squares below 2^53 (about 9e15: an SD of 1e9 on an integer scale is refused, not \
looped over). A test whose t, df or p does not fit in double precision is an error naming \
the comparison."
    )]
    Audit(AuditArgs),
    /// Generate a synthetic cohort matching a paper's means, SDs, percentages and correlations.
    Synth(crate::synth_cmd::SynthArgs),
    /// Run a study protocol on a cohort table: the tables and figures of a paper.
    Study(crate::study_cmd::StudyArgs),
    /// Screen a lab extract: Mg and B12 deficiency prevalence by group, at risk never tested.
    #[cfg(feature = "screen")]
    #[command(long_about = crate::screen_cmd::ABOUT, after_help = crate::screen_cmd::HELP)]
    Screen(crate::screen_cmd::ScreenArgs),
    /// Write a synthetic lab extract with known prevalences (for screen tests and benchmarks).
    #[cfg(feature = "screen")]
    #[command(name = "synth-labs", long_about = crate::screen_cmd::SYNTH_ABOUT, after_help = crate::screen_cmd::SYNTH_HELP)]
    SynthLabs(crate::screen_cmd::SynthLabsArgs),
    /// Run the service: JSON API with OpenAPI, FHIR R4 API, accounts, audit log.
    #[cfg(feature = "serve")]
    #[command(long_about = crate::serve_cmd::SERVE_ABOUT, after_help = crate::serve_cmd::SERVE_HELP)]
    Serve(crate::serve_cmd::ServeArgs),
}

#[derive(clap::Args)]
struct AuditArgs {
    /// The reported-statistics file (TOML).
    file: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::audit_cmd::AuditFormat::Text)]
    format: crate::audit_cmd::AuditFormat,
}

#[derive(clap::Args)]
struct EvidenceArgs {
    /// Only this claim (K1 ... K12).
    #[arg(long, value_name = "ID")]
    claim: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::evidence::EvidenceFormat::Text)]
    format: crate::evidence::EvidenceFormat,
    /// Language of the texts.
    #[arg(long, default_value = "en", value_name = "LANG")]
    lang: String,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Only this code (e.g. MG.LOW).
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::rules_cmd::RulesFormat::Text)]
    format: crate::rules_cmd::RulesFormat,
    /// Language of the texts.
    #[arg(long, default_value = "en", value_name = "LANG")]
    lang: String,
    /// A deployment configuration file whose [thresholds] overrides are shown (and marked).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args)]
struct AssessArgs {
    /// The bundle file (JSON), or - for standard input. With --ndjson: one bundle per line.
    file: PathBuf,
    /// The assessment instant, RFC 3339 (e.g. 2025-03-10T11:00:00Z). Default: now. Its
    /// offset (e.g. +05:00) is the zone times are shown in, unless --tz is given.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Show times in this IANA time zone (e.g. Asia/Tashkent). Default: the offset of --at
    /// when it is not UTC, else the site's `[site] time_zone` of --config, else UTC. JSON
    /// instants stay RFC 3339 with their offset; date-only values are shown as dates.
    #[arg(long, value_name = "AREA/CITY")]
    tz: Option<String>,
    /// Language of the texts.
    #[arg(long, default_value = "en", value_name = "LANG")]
    lang: String,
    /// Output format: json (the contract of PRODUCT.md) or text (for reading).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Stream: one bundle per input line, one assessment (or error object) per output line.
    #[arg(long)]
    ndjson: bool,
    /// A deployment configuration file (TOML): its [thresholds] table overrides default
    /// thresholds, its [site] table's time_zone sets where times are shown.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Parses the arguments and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Assess(args) => run_assess(args),
        Command::Inspect(args) => {
            let knowledge = load_knowledge(None)?;
            crate::inspect_cmd::run(&args, &knowledge)?;
            Ok(crate::ok())
        }
        Command::Audit(args) => {
            let knowledge = load_knowledge(None)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            crate::audit_cmd::run(&knowledge, &args.file, args.format, &mut out)?;
            std::io::Write::flush(&mut out)?;
            Ok(crate::ok())
        }
        Command::Synth(args) => crate::synth_cmd::run(&args).map(|()| crate::ok()),
        Command::Study(args) => crate::study_cmd::run(&args).map(|()| crate::ok()),
        #[cfg(feature = "screen")]
        Command::Screen(args) => crate::screen_cmd::run(&args).map(|()| crate::ok()),
        #[cfg(feature = "screen")]
        Command::SynthLabs(args) => crate::screen_cmd::run_synth(&args).map(|()| crate::ok()),
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            let knowledge = load_knowledge(args.config.as_ref())?;
            crate::serve_cmd::run(args, knowledge).map(|()| crate::ok())
        }
        Command::Stats(args) => {
            let result = crate::stats_cmd::run(&args)?;
            println!("{}", serde_json::to_string_pretty(&result)?);
            Ok(crate::ok())
        }
        Command::Rules(args) => {
            let lang: Lang = args
                .lang
                .parse()
                .map_err(|e: String| BadInput(format!("--lang: {e}")))?;
            let knowledge = load_knowledge(args.config.as_ref())?;
            let defaults = load_knowledge(None)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            crate::rules_cmd::run(
                &knowledge,
                &defaults,
                lang,
                args.code.as_deref(),
                args.format,
                &mut out,
            )?;
            std::io::Write::flush(&mut out)?;
            Ok(crate::ok())
        }
        Command::Evidence(args) => {
            let lang: Lang = args
                .lang
                .parse()
                .map_err(|e: String| BadInput(format!("--lang: {e}")))?;
            let knowledge = load_knowledge(None)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            crate::evidence::run(
                &knowledge,
                lang,
                args.claim.as_deref(),
                args.format,
                &mut out,
            )?;
            std::io::Write::flush(&mut out)?;
            Ok(crate::ok())
        }
    }
}

/// The assessment instant, and its offset when `--at` gave one.
fn parse_at(
    knowledge: &Knowledge,
    lang: Lang,
    at: Option<&str>,
) -> Result<(DateTime<Utc>, Option<chrono::FixedOffset>)> {
    match at {
        None => Ok((Utc::now(), None)),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| (t.with_timezone(&Utc), Some(*t.offset())))
            .map_err(|e| {
                let message = knowledge.texts.render(
                    lang,
                    "cli-error-at",
                    &[
                        ("value", Arg::text(text)),
                        ("reason", Arg::text(e.to_string())),
                    ],
                );
                BadInput(message).into()
            }),
    }
}

/// Where times are shown: `--tz`, else the offset of `--at` when it is not UTC, else the
/// site's configured zone, else UTC.
fn display_zone(
    knowledge: &Knowledge,
    lang: Lang,
    tz: Option<&str>,
    at_offset: Option<chrono::FixedOffset>,
) -> Result<Zone> {
    if let Some(name) = tz {
        return Zone::named(name).map_err(|_| {
            let message =
                knowledge
                    .texts
                    .render(lang, "cli-error-tz", &[("value", Arg::text(name.trim()))]);
            BadInput(message).into()
        });
    }
    match at_offset.map(Zone::from_offset) {
        Some(zone @ Zone::Fixed(_)) => Ok(zone),
        _ => Ok(knowledge.time_zone.unwrap_or(Zone::Utc)),
    }
}

/// Loads the knowledge base and applies the deployment configuration, if any.
pub(crate) fn load_knowledge(config: Option<&PathBuf>) -> Result<Knowledge> {
    let mut knowledge = Knowledge::builtin()
        .map_err(|e| anyhow::anyhow!("the built-in knowledge base is broken: {e}"))?;
    if let Some(path) = config {
        let text = std::fs::read_to_string(path).map_err(|e| {
            BadInput(format!(
                "{}: cannot read the configuration file: {e}",
                path.display()
            ))
        })?;
        knowledge
            .apply_config(&path.display().to_string(), &text)
            .map_err(|e| BadInput(e.to_string()))?;
    }
    Ok(knowledge)
}

fn run_assess(args: AssessArgs) -> Result<ExitCode> {
    let lang: Lang = args
        .lang
        .parse()
        .map_err(|e: String| BadInput(format!("--lang: {e}")))?;
    let knowledge = load_knowledge(args.config.as_ref())?;
    let (at, offset) = parse_at(&knowledge, lang, args.at.as_deref())?;
    let zone = display_zone(&knowledge, lang, args.tz.as_deref(), offset)?;
    let t = |id: &str, args: &[(&str, Arg)]| knowledge.texts.render(lang, id, args);
    let options = AssessOptions {
        at,
        lang,
        zone,
        format: args.format,
    };
    let name = if args.file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.ndjson {
        let reader: Box<dyn std::io::BufRead + Send> = if args.file.as_os_str() == "-" {
            Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
        } else {
            let file = std::fs::File::open(&args.file).map_err(|e| {
                BadInput(t(
                    "cli-error-cannot-read",
                    &[
                        ("file", Arg::text(name.as_str())),
                        ("reason", Arg::text(e.to_string())),
                    ],
                ))
            })?;
            Box::new(std::io::BufReader::with_capacity(1 << 16, file))
        };
        let summary = assess::assess_ndjson(&knowledge, &options, &name, reader, &mut out)?;
        std::io::Write::flush(&mut out)?;
        if summary.failed > 0 {
            let message = t(
                "cli-error-ndjson",
                &[
                    ("file", Arg::text(name.as_str())),
                    ("failed", Arg::Number(summary.failed as f64)),
                    (
                        "total",
                        Arg::Number((summary.failed + summary.assessed) as f64),
                    ),
                    ("first", Arg::text(summary.first_error.unwrap_or_default())),
                ],
            );
            return Err(BadInput(message).into());
        }
        return Ok(crate::ok());
    }
    let bytes = if args.file.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buffer).map_err(|e| {
            BadInput(t(
                "cli-error-cannot-read",
                &[
                    ("file", Arg::text(name.as_str())),
                    ("reason", Arg::text(e.to_string())),
                ],
            ))
        })?;
        buffer
    } else {
        std::fs::read(&args.file).map_err(|e| {
            BadInput(t(
                "cli-error-cannot-read",
                &[
                    ("file", Arg::text(name.as_str())),
                    ("reason", Arg::text(e.to_string())),
                ],
            ))
        })?
    };
    let assessment = assess::assess_bytes(&knowledge, &options, &bytes)
        .map_err(|e| BadInput(format!("{name}: {e}")))?;
    assess::write(&knowledge, &options, &assessment, &mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(crate::ok())
}
