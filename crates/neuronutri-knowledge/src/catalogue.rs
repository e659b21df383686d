//! Sources, seed claims and the rule catalogue, parsed from TOML and cross-checked.

use crate::KnowledgeError;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use toml::Spanned;

/// What kind of output a rule produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A statement about the patient.
    Finding,
    /// Something to consider doing.
    Recommendation,
    /// A safety or interaction warning.
    Alert,
    /// A remark about the data or a side effect.
    Note,
    /// A seed claim shown with its verdict and the stronger evidence.
    Evidence,
}

/// How urgent an output is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Needs attention.
    Warning,
    /// Needs action now.
    Critical,
}

/// GRADE certainty of the evidence behind an output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// High.
    High,
    /// Moderate.
    Moderate,
    /// Low.
    Low,
    /// Very low.
    VeryLow,
}

/// What stronger evidence says about a seed claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Stronger evidence supports it.
    Supported,
    /// Stronger evidence is mixed.
    Conflicting,
    /// No source was found either way.
    Unverified,
    /// Stronger evidence contradicts it.
    Contradicted,
    /// One part supported, another unverified.
    SupportedUnverified,
}

impl Verdict {
    /// The snake_case name, as in JSON and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Conflicting => "conflicting",
            Verdict::Unverified => "unverified",
            Verdict::Contradicted => "contradicted",
            Verdict::SupportedUnverified => "supported_unverified",
        }
    }
}

/// A cited source.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id, e.g. `COSTELLO-2016`.
    pub id: String,
    /// The citation.
    pub citation: String,
    /// The study type.
    #[serde(rename = "type")]
    pub kind: String,
}

/// A seed claim and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// `K1` ... `K12`.
    pub id: String,
    /// The seed it comes from.
    pub seed: String,
    /// What stronger evidence says.
    pub verdict: Verdict,
    /// The sources the verdict rests on.
    pub evidence: Vec<String>,
    /// The message id of the claim's text (`claim-k1`); `-why` is appended for the verdict's.
    #[serde(skip)]
    pub message_id: String,
    /// The message id of the verdict's reasoning.
    #[serde(skip)]
    pub why_id: String,
}

/// One entry of the rule catalogue.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rule {
    /// The stable output code.
    pub code: Arc<str>,
    /// What kind of output it is.
    pub kind: Kind,
    /// Default severity.
    pub severity: Severity,
    /// GRADE certainty.
    pub certainty: Certainty,
    /// Source ids.
    pub sources: Arc<[String]>,
    /// The seed claim shown with it, if any.
    pub claim: Option<String>,
    /// What the rule does, for the catalogue.
    pub summary: String,
    #[serde(skip)]
    message_id: String,
    #[serde(skip)]
    title_id: String,
}

impl Rule {
    /// The message id of the rule's text: the code in lower case, `.` and `_` as `-`.
    pub fn message_id(&self) -> &str {
        &self.message_id
    }

    /// The message id of the rule's title.
    pub fn title_id(&self) -> &str {
        &self.title_id
    }
}

/// The message id of an output code.
pub fn message_id(code: &str) -> String {
    code.to_ascii_lowercase().replace(['.', '_'], "-")
}

#[derive(Deserialize)]
struct SourceFile {
    source: Vec<Spanned<Source>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: String,
    seed: Spanned<String>,
    verdict: Verdict,
    evidence: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct ClaimFile {
    claim: Vec<Spanned<RawClaim>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    code: Spanned<String>,
    kind: Kind,
    severity: Severity,
    certainty: Certainty,
    sources: Vec<Spanned<String>>,
    claim: Option<Spanned<String>>,
    summary: String,
}

#[derive(Deserialize)]
struct RuleFile {
    rule: Vec<RawRule>,
}

pub(crate) fn parse_sources(file: &str, text: &str) -> Result<Vec<Source>, KnowledgeError> {
    let parsed: SourceFile =
        toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
    let mut out: Vec<Source> = Vec::new();
    for spanned in parsed.source {
        let start = spanned.span().start;
        let source = spanned.into_inner();
        if out.iter().any(|s| s.id == source.id) {
            return Err(KnowledgeError::at(
                file,
                text,
                start,
                format!("source '{}' is defined twice", source.id),
            ));
        }
        out.push(source);
    }
    Ok(out)
}

fn check_source(
    file: &str,
    text: &str,
    id: &Spanned<String>,
    known: &[&str],
    what: &str,
) -> Result<(), KnowledgeError> {
    if known.contains(&id.get_ref().as_str()) {
        Ok(())
    } else {
        Err(KnowledgeError::at(
            file,
            text,
            id.span().start,
            format!("{what} cites unknown source '{}'", id.get_ref()),
        ))
    }
}

pub(crate) fn parse_claims(
    file: &str,
    text: &str,
    known: &[&str],
) -> Result<Vec<Claim>, KnowledgeError> {
    let parsed: ClaimFile =
        toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
    let mut out: Vec<Claim> = Vec::new();
    for spanned in parsed.claim {
        let start = spanned.span().start;
        let raw = spanned.into_inner();
        if out.iter().any(|c| c.id == raw.id) {
            return Err(KnowledgeError::at(
                file,
                text,
                start,
                format!("claim '{}' is defined twice", raw.id),
            ));
        }
        let what = format!("claim {}", raw.id);
        check_source(file, text, &raw.seed, known, &what)?;
        for source in &raw.evidence {
            check_source(file, text, source, known, &what)?;
        }
        let message_id = format!("claim-{}", raw.id.to_ascii_lowercase());
        out.push(Claim {
            why_id: format!("{message_id}-why"),
            message_id,
            id: raw.id,
            seed: raw.seed.into_inner(),
            verdict: raw.verdict,
            evidence: raw.evidence.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    Ok(out)
}

pub(crate) fn parse_rules(
    file: &str,
    text: &str,
    known: &[&str],
    claims: &[&str],
) -> Result<Vec<Rule>, KnowledgeError> {
    let parsed: RuleFile =
        toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
    let mut out: Vec<Rule> = Vec::new();
    for raw in parsed.rule {
        let code = raw.code.get_ref();
        let valid = code.split('.').count() == 2
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '_');
        if !valid {
            return Err(KnowledgeError::at(
                file,
                text,
                raw.code.span().start,
                format!("code '{code}' is not of the form AREA.NAME in upper case"),
            ));
        }
        if out.iter().any(|r| &*r.code == code.as_str()) {
            return Err(KnowledgeError::at(
                file,
                text,
                raw.code.span().start,
                format!("code '{code}' is defined twice"),
            ));
        }
        if raw.sources.is_empty() {
            return Err(KnowledgeError::at(
                file,
                text,
                raw.code.span().start,
                format!("rule {code} cites no source"),
            ));
        }
        let what = format!("rule {code}");
        for source in &raw.sources {
            check_source(file, text, source, known, &what)?;
        }
        if let Some(claim) = &raw.claim {
            if !claims.contains(&claim.get_ref().as_str()) {
                return Err(KnowledgeError::at(
                    file,
                    text,
                    claim.span().start,
                    format!("rule {code} names unknown claim '{}'", claim.get_ref()),
                ));
            }
        }
        let (message, title) = (message_id(code), format!("{}-title", message_id(code)));
        out.push(Rule {
            code: raw.code.into_inner().into(),
            kind: raw.kind,
            severity: raw.severity,
            certainty: raw.certainty,
            sources: raw
                .sources
                .into_iter()
                .map(Spanned::into_inner)
                .collect::<Vec<_>>()
                .into(),
            claim: raw.claim.map(Spanned::into_inner),
            summary: raw.summary,
            title_id: title,
            message_id: message,
        });
    }
    Ok(out)
}
