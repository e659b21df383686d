//! The clinical knowledge of neuronutri as reviewed data: the source catalogue, the seed
//! claims with their verdicts, the rule catalogue (stable codes with severity, certainty and
//! sources), the thresholds, and the message catalogues users read.
//!
//! Everything is embedded at build time from `data/` and `locales/` and validated when
//! [`Knowledge::builtin`] loads it: a broken file is an error that names the file and line.
//! This crate knows nothing of patients, FHIR or storage.
#![deny(missing_docs)]

mod catalogue;
mod locale;
mod schedules;
mod texts;
mod thresholds;

pub use catalogue::{Certainty, Claim, Kind, Rule, Severity, Source, Verdict};
pub use locale::{Locale, Zone};
pub use schedules::{Phase, Regimen};
pub use texts::{unit_message_id, Arg, Lang, Texts};
pub use thresholds::{Threshold, Thresholds};

use std::collections::HashMap;

/// A knowledge or configuration file that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct KnowledgeError {
    /// The file, as named to the user.
    pub file: String,
    /// The 1-based line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl KnowledgeError {
    pub(crate) fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        KnowledgeError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    pub(crate) fn from_toml(file: &str, text: &str, error: &toml::de::Error) -> Self {
        let offset = error.span().map(|s| s.start).unwrap_or(0);
        let message = error.message().to_string();
        Self::at(file, text, offset, message)
    }
}

/// The loaded, validated knowledge base.
#[derive(Debug)]
pub struct Knowledge {
    sources: Vec<Source>,
    claims: Vec<Claim>,
    rules: Vec<Rule>,
    rule_index: HashMap<String, usize>,
    /// Thresholds in force (defaults, then the deployment's overrides).
    pub thresholds: Thresholds,
    /// The message catalogues.
    pub texts: Texts,
    /// Dose regimens shown as dated schedules.
    pub regimens: Vec<Regimen>,
    /// The site's time zone (`[site] time_zone` of the configuration file), if set.
    pub time_zone: Option<Zone>,
}

const SOURCES: (&str, &str) = ("data/sources.toml", include_str!("../data/sources.toml"));
const CLAIMS: (&str, &str) = ("data/claims.toml", include_str!("../data/claims.toml"));
const RULES: (&str, &str) = ("data/rules.toml", include_str!("../data/rules.toml"));
const THRESHOLDS: (&str, &str) = (
    "data/thresholds.toml",
    include_str!("../data/thresholds.toml"),
);
const SCHEDULES: (&str, &str) = (
    "data/schedules.toml",
    include_str!("../data/schedules.toml"),
);

impl Knowledge {
    /// Loads and validates the knowledge embedded in this build.
    pub fn builtin() -> Result<Knowledge, KnowledgeError> {
        Self::load(SOURCES, CLAIMS, RULES, THRESHOLDS)
    }

    /// Loads knowledge from (file name, text) pairs; used by [`Knowledge::builtin`] and by
    /// tests that check a broken file is reported.
    pub fn load(
        sources: (&str, &str),
        claims: (&str, &str),
        rules: (&str, &str),
        thresholds: (&str, &str),
    ) -> Result<Knowledge, KnowledgeError> {
        let sources = catalogue::parse_sources(sources.0, sources.1)?;
        let known: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        let claims = catalogue::parse_claims(claims.0, claims.1, &known)?;
        let claim_ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        let rules = catalogue::parse_rules(rules.0, rules.1, &known, &claim_ids)?;
        let thresholds = Thresholds::parse(thresholds.0, thresholds.1, &known)?;
        let regimens = schedules::parse_regimens(SCHEDULES.0, SCHEDULES.1, &known)?;
        let texts = Texts::builtin()?;
        texts.check_complete(
            rules.iter().map(|r| &*r.code),
            claims.iter().map(|c| c.id.as_str()),
        )?;
        let rule_index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.to_string(), i))
            .collect();
        Ok(Knowledge {
            sources,
            claims,
            rules,
            rule_index,
            thresholds,
            texts,
            regimens,
            time_zone: None,
        })
    }

    /// Applies a deployment configuration file: a `[thresholds]` table whose keys are those
    /// of `data/thresholds.toml` and whose values are numbers, and a `[site]` table whose
    /// `time_zone` (an IANA name such as `Asia/Tashkent`) is where times are shown.
    pub fn apply_config(&mut self, file: &str, text: &str) -> Result<(), KnowledgeError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Site {
            time_zone: Option<toml::Spanned<String>>,
        }
        #[derive(serde::Deserialize)]
        struct Config {
            site: Option<Site>,
        }
        let config: Config =
            toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
        let time_zone = match config.site.and_then(|s| s.time_zone) {
            Some(name) => Some(Zone::named(name.get_ref()).map_err(|e| {
                KnowledgeError::at(
                    file,
                    text,
                    name.span().start,
                    format!("site.time_zone: {e}"),
                )
            })?),
            None => None,
        };
        self.thresholds.apply_overrides(file, text)?;
        if time_zone.is_some() {
            self.time_zone = time_zone;
        }
        Ok(())
    }

    /// The source catalogue.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The seed claims.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// A claim by id (`K1` ...).
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id.eq_ignore_ascii_case(id))
    }

    /// The rule catalogue.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by its stable code, if it is in the catalogue.
    pub fn rule(&self, code: &str) -> Option<&Rule> {
        self.rule_index.get(code).map(|&i| &self.rules[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_knowledge_loads() {
        let k = Knowledge::builtin().unwrap();
        assert!(k.rule("MG.LOW").is_some());
        assert_eq!(k.claims().len(), 12);
        assert_eq!(k.thresholds.mg_lower_ref.value, 0.75);
    }

    #[test]
    fn unknown_source_is_reported_with_line() {
        let rules = "[[rule]]\ncode = \"X.Y\"\nkind = \"finding\"\nseverity = \"info\"\ncertainty = \"low\"\nsources = [\"NOPE\"]\nsummary = \"s\"\n";
        let err = Knowledge::load(SOURCES, CLAIMS, ("rules.toml", rules), THRESHOLDS).unwrap_err();
        assert_eq!(err.file, "rules.toml");
        assert_eq!(err.line, 6);
        assert!(err.message.contains("NOPE"), "{err}");
    }

    #[test]
    fn syntax_error_is_reported_with_line() {
        let claims = "[[claim]]\nid = \"K1\"\nseed = \"SEED-MG-REVIEW\"\nverdict = \"maybe\"\nevidence = []\n";
        let err = Knowledge::load(SOURCES, ("claims.toml", claims), RULES, THRESHOLDS).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("claims.toml", 4), "{err}");
    }

    #[test]
    fn config_overrides_thresholds() {
        let mut k = Knowledge::builtin().unwrap();
        k.apply_config("site.toml", "[thresholds]\nmg_lower_ref = 0.70\n")
            .unwrap();
        assert_eq!(k.thresholds.mg_lower_ref.value, 0.70);
        let err = k
            .apply_config("site.toml", "[thresholds]\nmg_lowr_ref = 0.70\n")
            .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("mg_lowr_ref"), "{err}");
        let err = k
            .apply_config("site.toml", "[thresholds]\nmg_lower_ref = \"low\"\n")
            .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }

    #[test]
    fn config_sets_the_site_time_zone() {
        let mut k = Knowledge::builtin().unwrap();
        assert_eq!(k.time_zone, None);
        k.apply_config(
            "site.toml",
            "[site]\ntime_zone = \"Asia/Tashkent\"\n\n[thresholds]\nmg_lower_ref = 0.70\n",
        )
        .unwrap();
        assert_eq!(k.time_zone, Some(Zone::named("Asia/Tashkent").unwrap()));
        assert_eq!(k.thresholds.mg_lower_ref.value, 0.70);
        let err = k
            .apply_config("site.toml", "[site]\ntime_zone = \"Asia/Tashkient\"\n")
            .unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("site.toml", 2), "{err}");
        assert!(err.message.contains("Asia/Tashkient"), "{err}");
        let err = k
            .apply_config("site.toml", "[site]\ntimezone = \"Asia/Tashkent\"\n")
            .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }
}
