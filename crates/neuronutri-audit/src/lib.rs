//! The summary-statistics audit: recompute a paper's tests from what it reports.
//!
//! Group comparisons are recomputed as Welch and Student t tests from M ± SD and n (a paper
//! that used Mann–Whitney cannot be recomputed exactly from M ± SD; the t tests are the
//! standard check, and the report says so). Correlations are recomputed from r and n with
//! the t distribution on n − 2 degrees of freedom. Integer-scale means go through GRIM and
//! GRIMMER; values of known analytes are checked for plausibility in their reported unit.
//!
//! Every check is rounding-aware (see [`crate::rounding`]): a reported p that the printed
//! values do not give, but that some unrounded values printing the same do, is "consistent
//! only if" those values (or the other t test) were the paper's, never "inconsistent".
#![deny(missing_docs)]

pub mod grim;
pub mod reported_p;
pub mod rounding;

use crate::grim::{grim, grimmer, GrimResult};
use crate::reported_p::ReportedP;
use crate::rounding::{comparison_ranges, correlation_range, holds_within, printed_decimals};
use neuronutri_knowledge::Thresholds;
use neuronutri_model::Analyte;
use neuronutri_stats::dist::t_sf;
use neuronutri_table::limits::line_of;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A reported-statistics file that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct AuditError {
    /// The file as named to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportedFile {
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    comparison: Vec<Spanned<RawComparison>>,
    #[serde(default)]
    correlation: Vec<Spanned<RawCorrelation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    name: String,
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    analyte: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    groups: [String; 2],
    mean: [f64; 2],
    sd: [f64; 2],
    n: [u32; 2],
    p: String,
    #[serde(default)]
    integer_scale: bool,
    #[serde(default = "one")]
    items: u32,
    #[serde(default)]
    decimals: Option<u32>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrelation {
    name: String,
    #[serde(default)]
    table: Option<String>,
    r: f64,
    n: u32,
    p: String,
    #[serde(default)]
    decimals: Option<u32>,
}

/// A recomputed two-sample t test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TTestResult {
    /// t statistic (first group minus second).
    pub t: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Whether the reported p holds for this p.
    pub reported_p_holds: bool,
    /// The lowest and highest p-value over every unrounded mean and SD that prints as the
    /// reported ones (absent when it cannot be computed in double precision).
    pub p_range: Option<[f64; 2]>,
    /// Whether some p-value in that range agrees with the reported p.
    pub holds_within_rounding: bool,
}

/// Plausibility of a reported value for its analyte and unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plausibility {
    /// Which group.
    pub group: String,
    /// The value as reported.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// The value in the analyte's canonical unit.
    pub canonical_value: f64,
    /// The canonical unit.
    pub canonical_unit: String,
    /// Whether it can be a real measurement.
    pub plausible: bool,
    /// Why not, when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The audit of one group comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonAudit {
    /// What was compared.
    pub name: String,
    /// Where in the paper.
    pub table: Option<String>,
    /// The two groups.
    pub groups: [String; 2],
    /// Means, SDs, ns as reported.
    pub mean: [f64; 2],
    /// SDs as reported.
    pub sd: [f64; 2],
    /// Group sizes as reported.
    pub n: [u32; 2],
    /// The reported p.
    pub reported_p: ReportedP,
    /// Welch's t test from the summary statistics.
    pub welch: TTestResult,
    /// Student's pooled t test from the summary statistics.
    pub student: TTestResult,
    /// `consistent` (both tests agree with the report at the printed values),
    /// `consistent_only_if` (one test does, or a test does with unrounded values that print
    /// the same; `condition` says which) or `inconsistent` (no test, no such values).
    pub verdict: &'static str,
    /// For `consistent_only_if`: on what condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// GRIM per group, for integer scales.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grim: Vec<GrimResult>,
    /// GRIMMER per group, for single-item integer scales.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grimmer: Vec<GrimResult>,
    /// Plausibility of the means for a known analyte.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub plausibility: Vec<Plausibility>,
}

/// The audit of one correlation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorrelationAudit {
    /// What was correlated.
    pub name: String,
    /// Where in the paper.
    pub table: Option<String>,
    /// r as reported.
    pub r: f64,
    /// n as reported.
    pub n: u32,
    /// t = r √((n − 2) / (1 − r²)).
    pub t: f64,
    /// n − 2.
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// The reported p.
    pub reported_p: ReportedP,
    /// Whether it holds at the printed r.
    pub reported_p_holds: bool,
    /// The lowest and highest p-value over every unrounded r that prints as the reported one.
    pub p_range: Option<[f64; 2]>,
    /// Whether some p-value in that range agrees with the reported p.
    pub holds_within_rounding: bool,
    /// `consistent` (the printed r gives the reported p), `consistent_only_if` (only an
    /// unrounded r that prints the same does; `condition` says which p-values) or
    /// `inconsistent`.
    pub verdict: &'static str,
    /// For `consistent_only_if`: on what condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// The whole audit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditReport {
    /// The paper.
    pub title: String,
    /// Its catalogue source id, if any.
    pub source: Option<String>,
    /// How the comparisons were recomputed.
    pub method: &'static str,
    /// Group comparisons.
    pub comparisons: Vec<ComparisonAudit>,
    /// Correlations.
    pub correlations: Vec<CorrelationAudit>,
    /// Counts: reported p-values that no recomputation supports, and implausible values.
    pub summary: AuditSummary,
}

/// Counts of problems found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AuditSummary {
    /// Comparisons whose reported p neither t test supports, whatever the rounding.
    pub inconsistent_comparisons: usize,
    /// Correlations whose reported p no r printing as the reported one gives.
    pub inconsistent_correlations: usize,
    /// Comparisons and correlations consistent only on a condition (the other t test, or
    /// unrounded values that print the same).
    pub conditional: usize,
    /// Means that fail GRIM or GRIMMER.
    pub grim_failures: usize,
    /// Values implausible for their analyte and unit.
    pub implausible_values: usize,
}

/// The power of two that brings the largest of the reported means and SDs near 1 (the t
/// statistics, df and p do not change when every mean and SD is multiplied by it), so that
/// SDs near 1e308 do not overflow their squares.
fn common_scale(mean: [f64; 2], sd: [f64; 2]) -> f64 {
    let m = mean.iter().chain(&sd).fold(0.0f64, |m, v| m.max(v.abs()));
    if m == 0.0 || !m.is_finite() || (1e-100..1e100).contains(&m) {
        1.0
    } else {
        // 2^-k with k = floor(log2 m) + 1, applied in two steps for the extremes
        let k = m.log2().floor() as i32 + 1;
        2f64.powi(-k / 2) * 2f64.powi(-(k - k / 2))
    }
}

/// Welch's t test from summary statistics.
pub fn welch_from_summary(mean: [f64; 2], sd: [f64; 2], n: [u32; 2]) -> (f64, f64, f64) {
    let s = common_scale(mean, sd);
    let (mean, sd) = (mean.map(|v| v * s), sd.map(|v| v * s));
    let (v1, v2) = (
        sd[0] * sd[0] / f64::from(n[0]),
        sd[1] * sd[1] / f64::from(n[1]),
    );
    let t = (mean[0] - mean[1]) / (v1 + v2).sqrt();
    let df = (v1 + v2).powi(2) / (v1 * v1 / f64::from(n[0] - 1) + v2 * v2 / f64::from(n[1] - 1));
    (t, df, 2.0 * t_sf(t.abs(), df))
}

/// Student's pooled t test from summary statistics.
pub fn student_from_summary(mean: [f64; 2], sd: [f64; 2], n: [u32; 2]) -> (f64, f64, f64) {
    let s = common_scale(mean, sd);
    let (mean, sd) = (mean.map(|v| v * s), sd.map(|v| v * s));
    let (n1, n2) = (f64::from(n[0]), f64::from(n[1]));
    let df = n1 + n2 - 2.0;
    let pooled = ((n1 - 1.0) * sd[0] * sd[0] + (n2 - 1.0) * sd[1] * sd[1]) / df;
    let t = (mean[0] - mean[1]) / (pooled * (1.0 / n1 + 1.0 / n2)).sqrt();
    (t, df, 2.0 * t_sf(t.abs(), df))
}

/// The p-value of a correlation r from n pairs (t on n − 2 df).
pub fn correlation_p(r: f64, n: u32) -> (f64, f64, f64) {
    let df = f64::from(n) - 2.0;
    let t = r * (df / (1.0 - r * r)).sqrt();
    (t, df, 2.0 * t_sf(t.abs(), df))
}

/// The three numbers of a recomputed test, or why they cannot be shown.
fn finite_test(test: &str, (t, df, p): (f64, f64, f64)) -> Result<(f64, f64, f64), String> {
    for (name, v) in [("t", t), ("df", df), ("p", p)] {
        if !v.is_finite() {
            return Err(format!(
                "the {test} cannot be computed: {name} {} in double precision (the reported \
                 values are too far apart or too close to the limits of the floating-point \
                 range)",
                if v.is_nan() {
                    "is undefined"
                } else {
                    "overflows"
                }
            ));
        }
    }
    Ok((t, df, p))
}

/// Most comparisons plus correlations one audit file may hold.
pub const MAX_ENTRIES: usize = 10_000;

fn short(v: f64) -> String {
    neuronutri_stats::short_number(v)
}

/// A p-value in a condition's text: four significant digits.
fn short_p(p: f64) -> String {
    if p == 0.0 || p >= 1e-4 {
        format!("{}", (p * 1e4).round() / 1e4)
    } else {
        format!("{p:.3e}")
    }
}

/// The verdict of a comparison from its two tests, and the condition of a conditional one.
fn comparison_verdict(
    welch: &TTestResult,
    student: &TTestResult,
) -> (&'static str, Option<String>) {
    if welch.reported_p_holds && student.reported_p_holds {
        return ("consistent", None);
    }
    let mut ways = Vec::new();
    for (name, t) in [("Welch's", welch), ("Student's", student)] {
        if t.reported_p_holds {
            ways.push(format!("the paper used {name} t test"));
        } else if t.holds_within_rounding {
            if let Some([low, high]) = t.p_range {
                ways.push(format!(
                    "the paper used {name} t test on unrounded means and SDs (those printing as \
                     reported give p from {} to {})",
                    short_p(low),
                    short_p(high)
                ));
            }
        }
    }
    if ways.is_empty() {
        ("inconsistent", None)
    } else {
        ("consistent_only_if", Some(ways.join(", or ")))
    }
}

/// Reads and audits a reported-statistics TOML file (see `examples/hfs-study/audit.toml`).
pub fn audit(file: &str, text: &str, thresholds: &Thresholds) -> Result<AuditReport, AuditError> {
    let err = |offset: usize, message: String| AuditError {
        file: file.to_string(),
        line: line_of(text, offset),
        message,
    };
    let parsed: ReportedFile = toml::from_str(text)
        .map_err(|e| err(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let mut report = AuditReport {
        title: parsed.title,
        source: parsed.source,
        method: "Welch and Student t tests from M ± SD and n; correlation p from r and n (t on n − 2 df); each also over every unrounded value that prints as the reported one (half a unit of its last decimal either way)",
        comparisons: Vec::new(),
        correlations: Vec::new(),
        summary: AuditSummary::default(),
    };
    let limit = |at: usize, what: &str, text: &str| {
        neuronutri_table::limits::check_length(what, text).map_err(|m| err(at, m))
    };
    limit(0, "title", &report.title)?;
    if parsed.comparison.len() + parsed.correlation.len() > MAX_ENTRIES {
        return Err(err(
            0,
            format!(
                "{} comparisons and correlations: at most {MAX_ENTRIES} are audited per file",
                parsed.comparison.len() + parsed.correlation.len()
            ),
        ));
    }
    for spanned in parsed.comparison {
        let at = spanned.span().start;
        let c = spanned.into_inner();
        limit(at, "comparison name", &c.name)?;
        for text in c
            .groups
            .iter()
            .chain(&c.table)
            .chain(&c.unit)
            .chain(&c.analyte)
        {
            limit(
                at,
                &format!(
                    "comparison {}: text",
                    neuronutri_table::limits::quote_short(&c.name)
                ),
                text,
            )?;
        }
        let name = &c.name;
        if c.n.iter().any(|&n| n < 2) {
            return Err(err(
                at,
                format!(
                    "comparison '{name}': n {:?} must be at least 2 per group",
                    c.n
                ),
            ));
        }
        if c.sd
            .iter()
            .any(|&s| s.is_nan() || s <= 0.0 || !s.is_finite())
            || c.mean.iter().any(|m| !m.is_finite())
        {
            return Err(err(
                at,
                format!(
                    "comparison '{name}': SD [{}, {}] must be positive and means finite",
                    short(c.sd[0]),
                    short(c.sd[1])
                ),
            ));
        }
        let reported_p = ReportedP::parse(&c.p).ok_or_else(|| {
            err(
                at,
                format!(
                    "comparison '{name}': p '{}' is not a p-value such as '<0.05' or '0.031'",
                    c.p
                ),
            )
        })?;
        let printed = |v: f64| printed_decimals(v).max(c.decimals.unwrap_or(0));
        let (welch_range, student_range) =
            comparison_ranges(c.mean, c.sd, c.n, c.mean.map(printed), c.sd.map(printed));
        let test = |what: &str, tdp: (f64, f64, f64), range: Option<[f64; 2]>| {
            let (t, df, p) =
                finite_test(what, tdp).map_err(|m| err(at, format!("comparison '{name}': {m}")))?;
            let holds = reported_p.holds_for(p);
            Ok::<_, AuditError>(TTestResult {
                t,
                df,
                p_value: p,
                reported_p_holds: holds,
                p_range: range,
                holds_within_rounding: holds || range.is_some_and(|r| holds_within(reported_p, r)),
            })
        };
        let welch = test(
            "Welch t test",
            welch_from_summary(c.mean, c.sd, c.n),
            welch_range,
        )?;
        let student = test(
            "Student t test",
            student_from_summary(c.mean, c.sd, c.n),
            student_range,
        )?;
        let (verdict, condition) = comparison_verdict(&welch, &student);
        match verdict {
            "inconsistent" => report.summary.inconsistent_comparisons += 1,
            "consistent_only_if" => report.summary.conditional += 1,
            _ => {}
        }
        let (mut grims, mut grimmers) = (Vec::new(), Vec::new());
        if c.integer_scale {
            let decimals = c.decimals.ok_or_else(|| err(at, format!("comparison '{name}': an integer scale needs `decimals`, the decimals its means are printed with")))?;
            let grim_err = |i: usize| {
                let group = neuronutri_table::limits::quote_short(&c.groups[i]);
                move |e: crate::grim::GrimError| {
                    err(at, format!("comparison '{name}', group {group}: {e}"))
                }
            };
            for i in 0..2 {
                let g = grim(c.mean[i], c.n[i], decimals, c.items).map_err(grim_err(i))?;
                report.summary.grim_failures += usize::from(!g.consistent);
                grims.push(g);
                if c.items == 1 {
                    let g = grimmer(c.mean[i], c.sd[i], c.n[i], decimals).map_err(grim_err(i))?;
                    report.summary.grim_failures += usize::from(!g.consistent);
                    grimmers.push(g);
                }
            }
        }
        let mut plausibility = Vec::new();
        if let Some(id) = &c.analyte {
            let analyte = Analyte::ALL
                .into_iter()
                .find(|a| a.id() == id)
                .ok_or_else(|| {
                    let known: Vec<_> = Analyte::ALL.iter().map(|a| a.id()).collect();
                    err(
                        at,
                        format!(
                            "comparison '{name}': unknown analyte '{id}' (known: {})",
                            known.join(", ")
                        ),
                    )
                })?;
            let unit = c.unit.clone().ok_or_else(|| {
                err(
                    at,
                    format!("comparison '{name}': an analyte needs its `unit`"),
                )
            })?;
            for i in 0..2 {
                let canonical = analyte
                    .to_canonical(c.mean[i], &unit)
                    .map_err(|e| err(at, format!("comparison '{name}': {e}")))?;
                if !canonical.is_finite() {
                    return Err(err(
                        at,
                        format!(
                            "comparison '{name}': mean {} {unit} is beyond the floating-point \
                             range in {}",
                            short(c.mean[i]),
                            analyte.canonical_unit()
                        ),
                    ));
                }
                let limit = if analyte == Analyte::Dopamine {
                    thresholds.dopamine_implausible_above.value
                } else {
                    analyte.plausible_max()
                };
                let plausible = canonical <= limit && canonical >= 0.0;
                let reason = (!plausible).then(|| {
                    format!(
                        "{} {} {} is {} {}, {} {} {}",
                        analyte.name(),
                        short(c.mean[i]),
                        unit,
                        short(canonical),
                        analyte.canonical_unit(),
                        if canonical < 0.0 {
                            "below zero; the plausible maximum is"
                        } else {
                            "above the plausible"
                        },
                        limit,
                        analyte.canonical_unit()
                    )
                });
                report.summary.implausible_values += usize::from(!plausible);
                plausibility.push(Plausibility {
                    group: c.groups[i].clone(),
                    value: c.mean[i],
                    unit: unit.clone(),
                    canonical_value: canonical,
                    canonical_unit: analyte.canonical_unit().to_string(),
                    plausible,
                    reason,
                });
            }
        }
        report.comparisons.push(ComparisonAudit {
            name: c.name,
            table: c.table,
            groups: c.groups,
            mean: c.mean,
            sd: c.sd,
            n: c.n,
            reported_p,
            welch,
            student,
            verdict,
            condition,
            grim: grims,
            grimmer: grimmers,
            plausibility,
        });
    }
    for spanned in parsed.correlation {
        let at = spanned.span().start;
        let c = spanned.into_inner();
        limit(at, "correlation name", &c.name)?;
        if let Some(text) = &c.table {
            limit(
                at,
                &format!(
                    "correlation {}: table",
                    neuronutri_table::limits::quote_short(&c.name)
                ),
                text,
            )?;
        }
        if !(c.r > -1.0 && c.r < 1.0) || c.n < 3 {
            return Err(err(at, format!("correlation '{}': r {} must lie strictly between -1 and 1 and n {} be at least 3", c.name, c.r, c.n)));
        }
        let reported_p = ReportedP::parse(&c.p).ok_or_else(|| {
            err(
                at,
                format!(
                    "correlation '{}': p '{}' is not a p-value such as '<0.05' or '0.031'",
                    c.name, c.p
                ),
            )
        })?;
        let (t, df, p) = finite_test("t test of r", correlation_p(c.r, c.n))
            .map_err(|m| err(at, format!("correlation '{}': {m}", c.name)))?;
        let holds = reported_p.holds_for(p);
        let decimals = printed_decimals(c.r).max(c.decimals.unwrap_or(0));
        let range = correlation_range(c.r, c.n, decimals);
        let within = holds || range.is_some_and(|r| holds_within(reported_p, r));
        let (verdict, condition) = match (holds, within, range) {
            (true, _, _) => ("consistent", None),
            (false, true, Some([low, high])) => (
                "consistent_only_if",
                Some(format!(
                    "the unrounded r was not exactly {} (every r that prints as {} gives p from {} \
                     to {})",
                    c.r,
                    c.r,
                    short_p(low),
                    short_p(high)
                )),
            ),
            _ => ("inconsistent", None),
        };
        match verdict {
            "inconsistent" => report.summary.inconsistent_correlations += 1,
            "consistent_only_if" => report.summary.conditional += 1,
            _ => {}
        }
        report.correlations.push(CorrelationAudit {
            name: c.name,
            table: c.table,
            r: c.r,
            n: c.n,
            t,
            df,
            p_value: p,
            reported_p,
            reported_p_holds: holds,
            p_range: range,
            holds_within_rounding: within,
            verdict,
            condition,
        });
    }
    Ok(report)
}
