//! `neuronutri audit REPORTED.toml`: recompute a paper's tests from its reported numbers.

use crate::BadInput;
use anyhow::Result;
use neuronutri_audit::{audit, AuditReport};
use neuronutri_knowledge::Knowledge;
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

/// A number as the text report prints it: plain when moderate, scientific when huge or tiny.
fn short(v: f64) -> String {
    neuronutri_stats::short_number(v)
}

/// `v` with `d` decimals, or in scientific notation when it is 1e9 or more in magnitude.
fn decimals(v: f64, d: usize) -> String {
    if v.abs() >= 1e9 {
        format!("{v:.d$e}")
    } else {
        format!("{v:.d$}")
    }
}

fn p(p: f64) -> String {
    if p < 1e-4 {
        format!("{p:.2e}")
    } else {
        format!("{p:.4}")
    }
}

/// A verdict as the text report prints it.
fn verdict_text(verdict: &str, condition: Option<&str>) -> String {
    match (verdict, condition) {
        ("consistent_only_if", Some(c)) => format!("consistent only if {c}"),
        ("inconsistent", _) => "INCONSISTENT".to_string(),
        (v, _) => v.to_string(),
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
            short(c.mean[0]),
            short(c.sd[0]),
            c.n[0],
            c.groups[1],
            short(c.mean[1]),
            short(c.sd[1]),
            c.n[1],
            c.reported_p
        )?;
        writeln!(
            out,
            "      Welch t = {}, df = {}, p = {} [{}]; Student t = {}, df = {}, p = {} [{}] -> {}",
            decimals(c.welch.t, 3),
            decimals(c.welch.df, 1),
            p(c.welch.p_value),
            if c.welch.reported_p_holds {
                "holds"
            } else {
                "does not hold"
            },
            decimals(c.student.t, 3),
            c.student.df,
            p(c.student.p_value),
            if c.student.reported_p_holds {
                "holds"
            } else {
                "does not hold"
            },
            verdict_text(c.verdict, c.condition.as_deref())
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
                    pl.group,
                    short(pl.value),
                    pl.unit,
                    short(pl.canonical_value),
                    pl.canonical_unit
                )?,
            }
        }
    }
    writeln!(out, "\nCORRELATIONS")?;
    for c in &report.correlations {
        writeln!(
            out,
            "  {} ({}): r = {}, n = {}: t = {}, df = {}, p = {}; reported {} {} -> {}",
            c.name,
            c.table.as_deref().unwrap_or("-"),
            c.r,
            c.n,
            decimals(c.t, 3),
            c.df,
            p(c.p_value),
            c.reported_p,
            if c.reported_p_holds {
                "holds"
            } else {
                "does not hold at the printed r"
            },
            verdict_text(c.verdict, c.condition.as_deref())
        )?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "\nSUMMARY: {} comparisons and {} correlations inconsistent with their reported p (whatever the rounding); {} consistent only on a condition; {} GRIM/GRIMMER failures; {} implausible values",
        s.inconsistent_comparisons, s.inconsistent_correlations, s.conditional, s.grim_failures, s.implausible_values
    )?;
    Ok(())
}
