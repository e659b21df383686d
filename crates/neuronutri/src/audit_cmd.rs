//! `neuronutri audit REPORTED.toml`: recompute a paper's tests from its reported numbers.

use crate::BadInput;
use anyhow::Result;
use neuronutri_knowledge::Knowledge;
use neuronutri_study::audit::{audit, AuditReport};
use std::io::Write;
use std::path::Path;

/// Output format of the audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// JSON: every recomputed number.
    Json,
    /// Plain text.
    Text,
}

/// Runs the audit of a reported-statistics file and writes it.
pub fn run(
    knowledge: &Knowledge,
    path: &Path,
    format: AuditFormat,
    out: &mut impl Write,
) -> Result<()> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| BadInput(format!("{name}: cannot read: {e}")))?;
    let report = audit(&name, &text, &knowledge.thresholds).map_err(|e| BadInput(e.to_string()))?;
    match format {
        AuditFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        AuditFormat::Text => text_report(&report, out)?,
    }
    Ok(())
}

fn p(p: f64) -> String {
    if p < 1e-4 {
        format!("{p:.2e}")
    } else {
        format!("{p:.4}")
    }
}

fn text_report(report: &AuditReport, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "Audit of: {}", report.title)?;
    writeln!(out, "Method: {}", report.method)?;
    writeln!(out, "\nGROUP COMPARISONS")?;
    for c in &report.comparisons {
        writeln!(
            out,
            "  {} ({}): {} {}±{} (n={}) vs {} {}±{} (n={}), reported {}",
            c.name,
            c.table.as_deref().unwrap_or("-"),
            c.groups[0],
            c.mean[0],
            c.sd[0],
            c.n[0],
            c.groups[1],
            c.mean[1],
            c.sd[1],
            c.n[1],
            c.reported_p
        )?;
        writeln!(
            out,
            "      Welch t = {:.3}, df = {:.1}, p = {} [{}]; Student t = {:.3}, df = {}, p = {} [{}] -> {}",
            c.welch.t,
            c.welch.df,
            p(c.welch.p_value),
            if c.welch.reported_p_holds { "holds" } else { "does not hold" },
            c.student.t,
            c.student.df,
            p(c.student.p_value),
            if c.student.reported_p_holds { "holds" } else { "does not hold" },
            c.verdict
        )?;
        for (i, g) in c.grim.iter().enumerate() {
            let informative = if g.informative {
                ""
            } else {
                " (uninformative at this n and precision)"
            };
            writeln!(
                out,
                "      GRIM {}: {}{}",
                c.groups[i],
                if g.consistent {
                    "possible"
                } else {
                    "IMPOSSIBLE"
                },
                informative
            )?;
        }
        for (i, g) in c.grimmer.iter().enumerate() {
            writeln!(
                out,
                "      GRIMMER {}: {}",
                c.groups[i],
                if g.consistent {
                    "possible"
                } else {
                    "IMPOSSIBLE"
                }
            )?;
        }
        for pl in &c.plausibility {
            match &pl.reason {
                Some(reason) => writeln!(out, "      IMPLAUSIBLE {}: {reason}", pl.group)?,
                None => writeln!(
                    out,
                    "      plausible {}: {} {} = {} {}",
                    pl.group, pl.value, pl.unit, pl.canonical_value, pl.canonical_unit
                )?,
            }
        }
    }
    writeln!(out, "\nCORRELATIONS")?;
    for c in &report.correlations {
        writeln!(
            out,
            "  {} ({}): r = {}, n = {}: t = {:.3}, df = {}, p = {}; reported {} {}",
            c.name,
            c.table.as_deref().unwrap_or("-"),
            c.r,
            c.n,
            c.t,
            c.df,
            p(c.p_value),
            c.reported_p,
            if c.reported_p_holds {
                "holds"
            } else {
                "DOES NOT HOLD"
            }
        )?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "\nSUMMARY: {} comparisons and {} correlations inconsistent with their reported p; {} GRIM/GRIMMER failures; {} implausible values",
        s.inconsistent_comparisons, s.inconsistent_correlations, s.grim_failures, s.implausible_values
    )?;
    Ok(())
}
