//! What every rule needs: the knowledge, the record, facts derived once (age, eGFR, acute
//! stroke), and the builder that turns a code and its arguments into an output item.

use crate::output::{Assessment, ClaimRef, Input, Item, PatientSummary};
use chrono::{DateTime, Utc};
use neuronutri_knowledge::{Arg, Kind, Knowledge, Lang, Locale, Thresholds};
use neuronutri_model::egfr::ckd_epi_2021;
use neuronutri_model::{
    Analyte, Condition, ConditionClass, Medication, Observation, PatientRecord, Sex,
};

/// An eGFR value and where it came from.
pub(crate) struct Egfr<'a> {
    pub value: f64,
    /// The eGFR observation, or the creatinine it was computed from.
    pub observation: &'a Observation,
    pub computed: bool,
}

/// An ischemic stroke whose onset lies within the acute window.
pub(crate) struct AcuteStroke<'a> {
    pub condition: &'a Condition,
    /// Hours since onset; `None` for a date-only onset (a date is a date: no hours).
    pub hours_since_onset: Option<f64>,
}

/// What the rules know about pregnancy.
pub(crate) struct Pregnancy<'a> {
    /// The inputs that say so: conditions and pregnancy status observations.
    pub inputs: Vec<Input>,
    /// Active pre-eclampsia or eclampsia (O11, O14, O15).
    pub pre_eclampsia: Vec<&'a Condition>,
    /// Active intravenous magnesium (obstetric MgSO4).
    pub iv_magnesium: Vec<&'a Medication>,
}

impl Pregnancy<'_> {
    /// Pregnancy with pre-eclampsia or eclampsia and active IV magnesium sulfate: the
    /// obstetric protocol governs magnesium (OBSTETRIC.MG_THERAPY).
    pub fn obstetric_magnesium(&self) -> bool {
        !self.pre_eclampsia.is_empty() && !self.iv_magnesium.is_empty()
    }
}

/// Whether oral products may be suggested after an ischemic stroke (KNOWLEDGE.md: not
/// before a swallow screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Swallow {
    /// No stroke context that restricts oral products.
    Free,
    /// Before a documented swallow screen: no oral product is suggested now; the code that
    /// says why (`STROKE.TIME_SINCE_ONSET` or `STROKE.ONSET_UNKNOWN`).
    BeforeScreen(&'static str),
}

pub(crate) struct Context<'a> {
    pub knowledge: &'a Knowledge,
    pub thresholds: &'a Thresholds,
    pub record: &'a PatientRecord,
    pub at: DateTime<Utc>,
    pub lang: Lang,
    /// The language and the zone in which times are shown.
    pub locale: Locale,
    pub age: Option<u32>,
    pub egfr: Option<Egfr<'a>>,
    pub acute_stroke: Option<AcuteStroke<'a>>,
    /// An active ischemic stroke without an onset (STROKE.ONSET_UNKNOWN).
    pub stroke_onset_unknown: Option<&'a Condition>,
    /// Whether oral products may be suggested now.
    pub swallow: Swallow,
    /// Pregnancy, when the record says so.
    pub pregnancy: Option<Pregnancy<'a>>,
    /// Whether a recommendation to take oral magnesium was emitted.
    pub oral_magnesium_recommended: bool,
    /// Whether magnesium orotate would be recommended (emitted or suppressed).
    pub orotate_considered: bool,
    items: Vec<Item>,
    suppressed: Vec<Item>,
}

impl<'a> Context<'a> {
    pub fn new(
        knowledge: &'a Knowledge,
        record: &'a PatientRecord,
        at: DateTime<Utc>,
        locale: Locale,
    ) -> Self {
        let lang = locale.lang;
        let thresholds = &knowledge.thresholds;
        let age = record.age_at(at);
        let egfr = kidney_function(record);
        let window_days = thresholds.acute_stroke_window.value;
        // The most recent ischemic stroke within the acute window. A date-only onset counts
        // by calendar days; a timed onset by hours.
        let acute_stroke = record
            .conditions
            .iter()
            .filter(|c| c.is(ConditionClass::IschemicStroke))
            .filter_map(|c| {
                let onset = c.onset?;
                let acute = if c.onset_date_only {
                    ((at.date_naive() - onset.date_naive()).num_days() as f64) <= window_days
                } else {
                    hours_between(onset, at) <= window_days * 24.0
                };
                acute.then_some((c, onset))
            })
            .max_by_key(|(_, onset)| *onset)
            .map(|(c, onset)| AcuteStroke {
                condition: c,
                hours_since_onset: (!c.onset_date_only).then(|| hours_between(onset, at)),
            });
        let stroke_onset_unknown = if acute_stroke.is_none() {
            record
                .active_conditions(ConditionClass::IschemicStroke)
                .find(|c| c.onset.is_none())
        } else {
            None
        };
        let swallow = swallow_state(
            record,
            at,
            acute_stroke.as_ref(),
            stroke_onset_unknown,
            thresholds.swallow_screen_default.value,
        );
        let pregnancy = pregnancy(record);
        Context {
            knowledge,
            thresholds,
            record,
            at,
            lang,
            locale,
            age,
            egfr,
            acute_stroke,
            stroke_onset_unknown,
            swallow,
            pregnancy,
            oral_magnesium_recommended: false,
            orotate_considered: false,
            items: Vec::new(),
            suppressed: Vec::new(),
        }
    }

    /// A number in the user's language: decimal comma in Russian, Uzbek and Italian.
    pub fn num(&self, value: f64) -> String {
        self.lang.number(value)
    }

    /// An observation's value for display: rounded to the laboratory's precision, or to more
    /// decimals where rounding would put it on the other side of one of `thresholds` than
    /// the unrounded value the rules compared (KNOWLEDGE.md, principle 9); a comparator is
    /// kept (`<0.7`).
    pub fn value(&self, o: &Observation, thresholds: &[f64]) -> String {
        let shown = neuronutri_model::units::display_value(
            o.value,
            o.analyte.reporting_decimals(),
            thresholds,
        );
        let prefix = o.comparator.map(|c| c.symbol()).unwrap_or_default();
        format!("{prefix}{}", self.num(shown))
    }

    /// A derived number for display with `decimals` places, or more where rounding would
    /// cross one of `thresholds` (principle 9).
    pub fn shown(&self, value: f64, decimals: i32, thresholds: &[f64]) -> String {
        self.num(neuronutri_model::units::display_value(
            value, decimals, thresholds,
        ))
    }

    /// A date (and time in the assessment's zone, when not midnight UTC, which is how the
    /// model reads a date-only value) as clinicians in the user's language write it: ISO in
    /// English, DD.MM.YYYY in Russian and Uzbek, DD/MM/YYYY in Italian.
    pub fn date(&self, instant: DateTime<Utc>) -> String {
        let date_only = instant.time() == chrono::NaiveTime::MIN;
        self.locale.instant(instant, date_only)
    }

    /// A date alone, for a date-only value (no time of day is shown or computed).
    pub fn day(&self, instant: DateTime<Utc>) -> String {
        let midnight = instant
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        self.date(midnight)
    }

    /// A UCUM unit as the user's language writes it (`pg/mL` is `пг/мл` in Russian).
    pub fn unit(&self, ucum: &str) -> String {
        self.knowledge.texts.unit(self.lang, ucum)
    }

    /// Renders a message of the catalogue.
    pub fn text(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.knowledge.texts.render(self.lang, id, args)
    }

    /// Builds the item for `code`: metadata from the rule catalogue, texts from the messages.
    pub fn build(&self, code: &str, args: &[(&str, Arg)], inputs: Vec<Input>) -> Item {
        let rule = self
            .knowledge
            .rule(code)
            .unwrap_or_else(|| panic!("rule {code} is not in data/rules.toml"));
        let claim = rule
            .claim
            .as_deref()
            .and_then(|c| self.knowledge.claim(c))
            .map(|claim| ClaimRef {
                id: claim.id.clone(),
                verdict: claim.verdict,
                text: self.text(&claim.message_id, &[]),
                why: self.text(&claim.why_id, &[]),
            });
        Item {
            code: rule.code.clone(),
            kind: rule.kind,
            severity: rule.severity,
            certainty: rule.certainty,
            sources: rule.sources.clone(),
            inputs,
            title: self.text(rule.title_id(), args),
            text: self.text(rule.message_id(), args),
            claim,
            lines: Vec::new(),
            details: None,
            route: None,
            suppressed_by: Vec::new(),
        }
    }

    /// Emits an item.
    pub fn emit(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Records an item that safety rules blocked.
    pub fn suppress(&mut self, mut item: Item, by: &[&str]) {
        item.suppressed_by = by.iter().map(|s| s.to_string()).collect();
        self.suppressed.push(item);
    }

    /// Whether an item with `code` has been emitted so far.
    pub fn has(&self, code: &str) -> bool {
        self.items.iter().any(|i| &*i.code == code)
    }

    /// Splits the items into the output arrays, most severe first.
    pub fn finish(self) -> Assessment {
        let mut assessment = Assessment {
            patient: PatientSummary {
                id: self.record.patient_id.clone(),
                age: self.age,
                sex: self.record.sex,
            },
            assessed_at: self.locale.zone.at(self.at).to_rfc3339(),
            time_zone: self.locale.zone.to_string(),
            lang: self.lang.tag().to_string(),
            findings: Vec::new(),
            recommendations: Vec::new(),
            alerts: Vec::new(),
            suppressed: self.suppressed,
        };
        for item in self.items {
            match item.kind {
                Kind::Finding | Kind::Note | Kind::Evidence => assessment.findings.push(item),
                Kind::Recommendation => assessment.recommendations.push(item),
                Kind::Alert => assessment.alerts.push(item),
            }
        }
        for list in [
            &mut assessment.findings,
            &mut assessment.recommendations,
            &mut assessment.alerts,
        ] {
            list.sort_by_key(|item| std::cmp::Reverse(item.severity));
        }
        assessment
    }
}

/// Hours from `from` to `to`.
pub(crate) fn hours_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

/// Whether oral products may be suggested: not in the first hours after an acute ischemic
/// stroke (the default window, PRODUCT-DEFAULT 72 h) unless a passed swallow screen is
/// recorded after the onset; not while the latest screen after the onset failed; not for an
/// active stroke of unknown onset without a passed screen.
fn swallow_state(
    record: &PatientRecord,
    at: DateTime<Utc>,
    acute: Option<&AcuteStroke>,
    onset_unknown: Option<&Condition>,
    default_hours: f64,
) -> Swallow {
    use neuronutri_model::CodedValue;
    let screen_after = |onset: Option<DateTime<Utc>>| {
        record
            .coded
            .iter()
            .filter(|o| o.value.is_swallow_screen())
            .filter(|o| {
                onset.is_none_or(|onset| {
                    o.effective
                        >= onset
                            .date_naive()
                            .and_hms_opt(0, 0, 0)
                            .expect("midnight")
                            .and_utc()
                })
            })
            .max_by(|a, b| a.effective.cmp(&b.effective).then(a.entry.cmp(&b.entry)))
            .map(|o| o.value)
    };
    if let Some(stroke) = acute {
        let onset = stroke.condition.onset;
        match screen_after(onset) {
            Some(CodedValue::SwallowPassed) => Swallow::Free,
            Some(_) => Swallow::BeforeScreen("STROKE.TIME_SINCE_ONSET"),
            None => {
                // A date-only onset: the earliest the stroke can have begun is that date's
                // midnight, the latest the next midnight; count from the latest.
                let hours = match (stroke.hours_since_onset, onset) {
                    (Some(hours), _) => hours,
                    (None, Some(onset)) => hours_between(onset, at) - 24.0,
                    (None, None) => 0.0,
                };
                if hours < default_hours {
                    Swallow::BeforeScreen("STROKE.TIME_SINCE_ONSET")
                } else {
                    Swallow::Free
                }
            }
        }
    } else if onset_unknown.is_some() {
        match screen_after(None) {
            Some(CodedValue::SwallowPassed) => Swallow::Free,
            _ => Swallow::BeforeScreen("STROKE.ONSET_UNKNOWN"),
        }
    } else {
        Swallow::Free
    }
}

/// Pregnancy from active conditions (O00–O99, Z33, Z34, Z3A) or the latest pregnancy status
/// observation (82810-3) saying pregnant.
fn pregnancy(record: &PatientRecord) -> Option<Pregnancy<'_>> {
    use neuronutri_model::CodedValue;
    let conditions: Vec<_> = record
        .active_conditions(ConditionClass::Pregnancy)
        .collect();
    let status = record.latest_coded(false);
    let pregnant_status = status.filter(|o| o.value == CodedValue::Pregnant);
    if conditions.is_empty() && pregnant_status.is_none() {
        return None;
    }
    let mut inputs: Vec<Input> = conditions.iter().map(|c| condition_input(c)).collect();
    if let Some(o) = pregnant_status {
        inputs.push(Input {
            name: "pregnancy_status",
            code: Some(o.code.clone()),
            date: Some(o.effective),
            entry: Some(o.entry),
            ..Input::default()
        });
    }
    Some(Pregnancy {
        inputs,
        pre_eclampsia: record
            .active_conditions(ConditionClass::PreEclampsia)
            .collect(),
        iv_magnesium: record
            .medications
            .iter()
            .filter(|m| m.active && m.contains_magnesium() && m.is_intravenous())
            .collect(),
    })
}

/// The most recent kidney function: a reported eGFR, or one computed (CKD-EPI 2021) from a
/// creatinine that is newer. Without a recorded sex, both equations are computed and the
/// lower eGFR is used: the conservative reading for contraindications.
fn kidney_function(record: &PatientRecord) -> Option<Egfr<'_>> {
    let reported = record.latest(Analyte::Egfr).map(|o| Egfr {
        value: o.value,
        observation: o,
        computed: false,
    });
    let computed = record.latest(Analyte::Creatinine).and_then(|creatinine| {
        let age_then = record.age_at(creatinine.effective)?;
        let value = match record.sex {
            Sex::Male | Sex::Female => ckd_epi_2021(creatinine.value, age_then, record.sex)?,
            Sex::Other | Sex::Unknown => ckd_epi_2021(creatinine.value, age_then, Sex::Male)?
                .min(ckd_epi_2021(creatinine.value, age_then, Sex::Female)?),
        };
        Some(Egfr {
            value,
            observation: creatinine,
            computed: true,
        })
    });
    match (reported, computed) {
        (Some(r), Some(c)) => Some(if c.observation.effective > r.observation.effective {
            c
        } else {
            r
        }),
        (r, c) => r.or(c),
    }
}

/// Joins names as a sentence list: `a`, `a and b`, `a, b and c`.
pub(crate) fn join_names(ctx: &Context, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => ctx.text(
            "list-and",
            &[
                ("first", Arg::text(init.join(", "))),
                ("last", Arg::text(last.clone())),
            ],
        ),
    }
}

/// Upper-cases the first letter (for a list that opens a sentence).
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn observation_input(o: &Observation) -> Input {
    let converted = o.original_unit != o.analyte.canonical_unit() || o.original_value != o.value;
    Input {
        name: o.analyte.id(),
        value: Some(o.value),
        unit: Some(o.analyte.canonical_unit()),
        original_value: converted.then_some(o.original_value),
        original_unit: converted.then(|| o.original_unit.clone()),
        code: Some(o.code.clone()),
        date: Some(o.effective),
        date_only: o.effective_date_only,
        entry: Some(o.entry),
        ..Input::default()
    }
}

pub(crate) fn condition_input(c: &Condition) -> Input {
    Input {
        name: "condition",
        code: Some(c.code.clone()),
        date: c.onset,
        date_only: c.onset_date_only,
        entry: Some(c.entry),
        ..Input::default()
    }
}

pub(crate) fn medication_input(m: &Medication) -> Input {
    Input {
        name: "medication",
        code: m.atc.clone(),
        display: m.name.clone(),
        value: m
            .elemental_magnesium_mg_per_day()
            .map(|v| (v * 10.0).round() / 10.0),
        unit: m.elemental_magnesium_mg_per_day().map(|_| "mg/d"),
        date: m.start,
        date_only: m.start_date_only,
        entry: Some(m.entry),
        derived: m
            .elemental_magnesium_mg_per_day()
            .map(|_| "elemental magnesium per day from the dosage"),
        ..Input::default()
    }
}

pub(crate) fn age_input(age: u32) -> Input {
    Input {
        name: "age",
        value: Some(age as f64),
        unit: Some("a"),
        ..Input::default()
    }
}

pub(crate) fn egfr_input(egfr: &Egfr) -> Vec<Input> {
    if egfr.computed {
        vec![
            Input {
                name: "egfr",
                value: Some((egfr.value * 10.0).round() / 10.0),
                unit: Some("mL/min/{1.73_m2}"),
                date: Some(egfr.observation.effective),
                date_only: egfr.observation.effective_date_only,
                derived: Some("CKD-EPI 2021 (race-free) from creatinine, age and sex; without a recorded sex, the lower of the two equations"),
                ..Input::default()
            },
            observation_input(egfr.observation),
        ]
    } else {
        vec![observation_input(egfr.observation)]
    }
}
