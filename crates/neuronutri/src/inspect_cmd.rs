//! `neuronutri inspect FILE|-`: what the engine understood of a bundle before any rule runs —
//! the patient, each lab with its original and canonical value, each condition and drug
//! with the class it mapped to and how, and everything read but not used, with the reason.
//! This is how an integrator debugs a feed.

use crate::BadInput;
use anyhow::Result;
use chrono::{DateTime, Utc};
use neuronutri_knowledge::{Knowledge, Lang};
pub use neuronutri_model::inspect::{
    inspect, json_name, CodedView, ConditionView, IgnoredView, Inspection, LabView, MedicationView,
    PatientView,
};
use neuronutri_model::IgnoredReason;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// Output format of `inspect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InspectFormat {
    /// JSON, every item.
    Json,
    /// Text for reading.
    Text,
}

/// Arguments of `inspect`.
#[derive(clap::Args)]
pub struct InspectArgs {
    /// The bundle file (JSON), or - for standard input.
    file: PathBuf,
    /// The assessment instant, RFC 3339 (e.g. 2025-03-10T11:00:00Z): ages, and what is
    /// current, are as of this instant. Default: now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Text)]
    format: InspectFormat,
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

/// Writes the inspection as text: one line per item; ignored items grouped by reason, each
/// distinct detail once with its count.
pub fn write_text(inspection: &Inspection, out: &mut impl Write) -> std::io::Result<()> {
    let p = &inspection.patient;
    writeln!(out, "At {}", inspection.at)?;
    writeln!(
        out,
        "Patient: entry {}, age {}, sex {}, pregnancy {}{}, deceased {}{}",
        p.entry.map_or("-".into(), |e| e.to_string()),
        p.age.map_or("unknown".into(), |a| a.to_string()),
        p.sex,
        opt(&p.pregnancy),
        p.pregnancy_from
            .as_ref()
            .map_or(String::new(), |f| format!(" (from {f})")),
        if p.deceased { "yes" } else { "no" },
        p.deceased_at
            .as_ref()
            .map_or(String::new(), |d| format!(" ({d})")),
    )?;
    if let Some(date) = &p.implausible_birth_date {
        writeln!(
            out,
            "  birth date {date} is implausible: age unknown (DATA.IMPLAUSIBLE)"
        )?;
    }
    writeln!(out, "Labs ({}):", inspection.labs.len())?;
    for l in &inspection.labs {
        writeln!(
            out,
            "  entry {}: {} {} = {} -> {} {} at {}{}",
            l.entry,
            l.analyte,
            l.code,
            l.original,
            l.canonical_value,
            l.canonical_unit,
            l.effective,
            if l.date_only { " (date only)" } else { "" }
        )?;
    }
    for c in &inspection.coded {
        writeln!(
            out,
            "  entry {}: {} = {} at {}",
            c.entry,
            c.code,
            json_name(c.value),
            c.effective
        )?;
    }
    writeln!(out, "Conditions ({}):", inspection.conditions.len())?;
    for c in &inspection.conditions {
        writeln!(
            out,
            "  entry {}: {}|{}{} -> {} by {}, {}{}",
            c.entry,
            c.system,
            c.code,
            c.term
                .as_ref()
                .map_or(String::new(), |t| format!(" \"{t}\"")),
            if c.classes.is_empty() {
                "no class".to_string()
            } else {
                c.classes.join(", ")
            },
            c.mapped_by.map_or("-".to_string(), json_name),
            if c.active { "active" } else { "not active" },
            c.clinical_status
                .as_ref()
                .map_or(String::new(), |s| format!(" ({s})")),
        )?;
    }
    writeln!(out, "Medications ({}):", inspection.medications.len())?;
    for m in &inspection.medications {
        writeln!(
            out,
            "  entry {} {}: {}|{} \"{}\" -> ATC {} {} by {}, {}",
            m.entry,
            m.resource_type,
            opt(&m.system),
            opt(&m.code),
            opt(&m.name),
            opt(&m.atc),
            if m.classes.is_empty() {
                "(no class)".to_string()
            } else {
                format!("({})", m.classes.join(", "))
            },
            m.mapped_by.map_or("-".to_string(), json_name),
            if m.active { "active" } else { "not active" },
        )?;
    }
    let total: usize = inspection.ignored_counts.values().sum();
    writeln!(
        out,
        "Ignored ({total}): {}",
        inspection
            .ignored_counts
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for reason in IgnoredReason::ALL {
        let mut details: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for item in inspection.ignored.iter().filter(|i| i.reason == reason) {
            *details
                .entry((item.resource_type.as_str(), item.detail.as_str()))
                .or_insert(0) += 1;
        }
        for ((resource, detail), n) in details {
            let times = if n > 1 {
                format!(" x{n}")
            } else {
                String::new()
            };
            writeln!(out, "  {}: {resource} {detail}{times}", reason.id())?;
        }
    }
    Ok(())
}

/// Runs `inspect`.
pub fn run(args: &InspectArgs, knowledge: &Knowledge) -> Result<()> {
    let at = match &args.at {
        None => Utc::now(),
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| BadInput(format!("--at '{text}': {e}")))?,
    };
    let name = if args.file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let bytes = if args.file.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buffer)
            .map_err(|e| BadInput(format!("{name}: cannot read: {e}")))?;
        buffer
    } else {
        std::fs::read(&args.file).map_err(|e| BadInput(format!("{name}: cannot read: {e}")))?
    };
    let record = crate::assess::parse_bytes(knowledge, Lang::En, at, &bytes)
        .map_err(|e| BadInput(format!("{name}: {e}")))?;
    let inspection = inspect(&record, at);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        InspectFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &inspection)?;
            writeln!(out)?;
        }
        InspectFormat::Text => write_text(&inspection, &mut out)?,
    }
    out.flush()?;
    Ok(())
}
