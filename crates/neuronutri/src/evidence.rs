//! `neuronutri evidence`: the evidence map, every seed claim with its verdict and the
//! sources it rests on, and every source with its citation.

use crate::BadInput;
use anyhow::Result;
use neuronutri_knowledge::{Knowledge, Lang};
use serde::Serialize;
use std::io::Write;

/// Output format of the evidence map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvidenceFormat {
    /// JSON.
    Json,
    /// Markdown, for a report or a wiki.
    Md,
    /// Plain text.
    Text,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    citation: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    seed: SourceOut<'a>,
    claim: String,
    verdict: &'static str,
    verdict_text: String,
    why: String,
    evidence: Vec<SourceOut<'a>>,
    codes: Vec<&'a str>,
}

#[derive(Serialize)]
struct EvidenceMap<'a> {
    lang: &'static str,
    claims: Vec<ClaimOut<'a>>,
    sources: Vec<SourceOut<'a>>,
}

fn source<'a>(knowledge: &'a Knowledge, id: &'a str) -> SourceOut<'a> {
    let found = knowledge.sources().iter().find(|s| s.id == id);
    SourceOut {
        id,
        citation: found.map(|s| s.citation.as_str()).unwrap_or(""),
        kind: found.map(|s| s.kind.as_str()).unwrap_or(""),
    }
}

/// Writes the evidence map, or one claim of it.
pub fn run(
    knowledge: &Knowledge,
    lang: Lang,
    claim: Option<&str>,
    format: EvidenceFormat,
    out: &mut impl Write,
) -> Result<()> {
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    let claims: Vec<_> = knowledge
        .claims()
        .iter()
        .filter(|c| claim.is_none_or(|wanted| c.id.eq_ignore_ascii_case(wanted)))
        .collect();
    if let Some(wanted) = claim.filter(|_| claims.is_empty()) {
        let known: Vec<_> = knowledge.claims().iter().map(|c| c.id.as_str()).collect();
        return Err(BadInput(format!(
            "--claim: no claim '{wanted}' (the claims are {})",
            known.join(", ")
        ))
        .into());
    }
    let map = EvidenceMap {
        lang: lang.tag(),
        claims: claims
            .iter()
            .map(|c| ClaimOut {
                id: &c.id,
                seed: source(knowledge, &c.seed),
                claim: t(&c.message_id),
                verdict: c.verdict.as_str(),
                verdict_text: t(&format!("verdict-{}", c.verdict.as_str())),
                why: t(&c.why_id),
                evidence: c.evidence.iter().map(|id| source(knowledge, id)).collect(),
                codes: knowledge
                    .rules()
                    .iter()
                    .filter(|r| r.claim.as_deref() == Some(c.id.as_str()))
                    .map(|r| &*r.code)
                    .collect(),
            })
            .collect(),
        sources: if claim.is_some() {
            Vec::new()
        } else {
            knowledge
                .sources()
                .iter()
                .map(|s| source(knowledge, &s.id))
                .collect()
        },
    };
    match format {
        EvidenceFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &map)?;
            writeln!(out)?;
        }
        EvidenceFormat::Md => {
            writeln!(
                out,
                "# {}\n",
                knowledge.texts.render(lang, "evidence-heading", &[])
            )?;
            writeln!(
                out,
                "| # | {} | {} | {} |",
                t("evidence-claim"),
                t("evidence-verdict"),
                t("evidence-sources")
            )?;
            writeln!(out, "|---|---|---|---|")?;
            for c in &map.claims {
                let sources: Vec<_> = c.evidence.iter().map(|s| s.id).collect();
                let sources = if sources.is_empty() {
                    t("evidence-none")
                } else {
                    sources.join(", ")
                };
                writeln!(
                    out,
                    "| {} | {} | **{}** | {} |",
                    c.id, c.claim, c.verdict_text, sources
                )?;
            }
            for c in &map.claims {
                writeln!(
                    out,
                    "\n## {} — {}\n\n> {}\n\n**{}:** {}. {}\n",
                    c.id,
                    c.seed.id,
                    c.claim,
                    t("evidence-verdict"),
                    c.verdict_text,
                    c.why
                )?;
                for s in &c.evidence {
                    writeln!(out, "- `{}` {} ({})", s.id, s.citation, s.kind)?;
                }
                if !c.codes.is_empty() {
                    writeln!(
                        out,
                        "\n{}: {}",
                        t("evidence-codes"),
                        c.codes
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                }
            }
            if !map.sources.is_empty() {
                writeln!(out, "\n## {}\n", t("evidence-sources"))?;
                for s in &map.sources {
                    writeln!(out, "- `{}` ({}) {}", s.id, s.kind, s.citation)?;
                }
            }
        }
        EvidenceFormat::Text => {
            for c in &map.claims {
                writeln!(
                    out,
                    "{} [{}] {}",
                    c.id,
                    c.verdict_text.to_uppercase(),
                    c.claim
                )?;
                writeln!(out, "    {}", c.why)?;
                let sources: Vec<_> = c.evidence.iter().map(|s| s.id).collect();
                let sources = if sources.is_empty() {
                    t("evidence-none")
                } else {
                    sources.join(", ")
                };
                writeln!(
                    out,
                    "    {}: {} ({})",
                    t("evidence-sources"),
                    sources,
                    c.seed.id
                )?;
                if !c.codes.is_empty() {
                    writeln!(out, "    {}: {}", t("evidence-codes"), c.codes.join(", "))?;
                }
            }
            if !map.sources.is_empty() {
                writeln!(out, "\n{}", t("evidence-sources").to_uppercase())?;
                for s in &map.sources {
                    writeln!(out, "{:<22} {}", s.id, s.citation)?;
                }
            }
        }
    }
    Ok(())
}
