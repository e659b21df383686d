//! Dose regimens shown as dated schedules (`data/schedules.toml`).

use crate::KnowledgeError;
use serde::{Deserialize, Serialize};

/// One regimen: a source's phases of magnesium orotate.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Regimen {
    /// `seed` or `label`.
    pub id: String,
    /// The catalogue source.
    pub source: String,
    /// The seed claim it encodes, if any.
    #[serde(default)]
    pub claim: Option<String>,
    /// The phases in order.
    pub phase: Vec<Phase>,
}

/// One phase of a regimen, in days from the start.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// First day (earliest).
    pub start_day: u32,
    /// Latest first day, when the start is a range.
    #[serde(default)]
    pub start_day_latest: Option<u32>,
    /// Last day (earliest), absent when open-ended.
    #[serde(default)]
    pub end_day: Option<u32>,
    /// Latest last day, when the end is a range.
    #[serde(default)]
    pub end_day_latest: Option<u32>,
    /// For an open-ended phase, its minimum length in days.
    #[serde(default)]
    pub minimum_days: Option<u32>,
    /// Tablets per dose.
    pub tablets_per_dose: u32,
    /// Doses per day (the lower bound when a range).
    pub doses_per_day: u32,
    /// Upper bound of doses per day, when a range.
    #[serde(default)]
    pub doses_per_day_max: Option<u32>,
    /// A condition for entering the phase (message id suffix), if any.
    #[serde(default)]
    pub condition: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleFile {
    regimen: Vec<Regimen>,
}

pub(crate) fn parse_regimens(
    file: &str,
    text: &str,
    known: &[&str],
) -> Result<Vec<Regimen>, KnowledgeError> {
    let parsed: ScheduleFile =
        toml::from_str(text).map_err(|e| KnowledgeError::from_toml(file, text, &e))?;
    for regimen in &parsed.regimen {
        let offset = text.find(&format!("id = \"{}\"", regimen.id)).unwrap_or(0);
        if !known.contains(&regimen.source.as_str()) {
            return Err(KnowledgeError::at(
                file,
                text,
                offset,
                format!(
                    "regimen {} cites unknown source '{}'",
                    regimen.id, regimen.source
                ),
            ));
        }
        for phase in &regimen.phase {
            let bad_end = phase.end_day.is_some_and(|end| end < phase.start_day);
            let open_without_length = phase.end_day.is_none() && phase.minimum_days.is_none();
            if bad_end
                || open_without_length
                || phase.tablets_per_dose == 0
                || phase.doses_per_day == 0
            {
                return Err(KnowledgeError::at(
                    file,
                    text,
                    offset,
                    format!("regimen {} has a phase that is not a schedule", regimen.id),
                ));
            }
        }
    }
    Ok(parsed.regimen)
}
