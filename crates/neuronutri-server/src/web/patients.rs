//! Patient pages (clinicians only): search and list; the patient page with demographics,
//! diagnoses, medications, the labs table, a trend plot per analyte with its reference range
//! and the thresholds in force (values from the knowledge, never from code), the assessment
//! as cards grouped by kind, "assess at" another instant, and the stored assessments with
//! what changed between them; the import of a FHIR bundle (upload or paste) with errors as
//! the API gives them. Every read and write is audited with interface `web`, and every
//! refusal too, exactly as the JSON API does.

use super::plot::{self, Line, Point, Trend};
use super::{i18n, url_encode, Web, WebError};
use crate::api::{audit, bundle_at, change_since, clinical_access};
use crate::error::AppError;
use crate::{AppState, ENGINE_VERSION};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use chrono::{DateTime, NaiveDateTime, Utc};
use fluent_bundle::FluentValue;
use neuronutri_knowledge::{Knowledge, Lang, Locale, Zone};
use neuronutri_model::{Analyte, PatientRecord};
use neuronutri_storage::{prepare_bundle, NewAssessment, PatientQuery};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Patients per page of the list.
pub const PAGE_SIZE: i64 = 25;

/// The thresholds drawn on an analyte's plot and listed under it, by name (their values,
/// units and sources come from the knowledge in force). The reference band of serum
/// magnesium when the lab gives none is the knowledge's `mg_lower_ref`–`mg_upper_ref`.
pub const PLOTTED_THRESHOLDS: &[(Analyte, &[&str])] = &[
    (
        Analyte::SerumMagnesium,
        &[
            "mg_severe",
            "mg_lower_ref",
            "mg_seed_risk",
            "mg_optimal",
            "mg_upper_ref",
            "mg_toxic",
        ],
    ),
    (
        Analyte::VitaminB12,
        &["b12_deficient_below", "b12_indeterminate_max"],
    ),
    (
        Analyte::Holotranscobalamin,
        &["holotc_deficient_below", "holotc_indeterminate_max"],
    ),
    (Analyte::MethylmalonicAcid, &["mma_high_above"]),
    (Analyte::Homocysteine, &["homocysteine_high_above"]),
    (
        Analyte::Egfr,
        &[
            "egfr_oral_mg_contraindicated_below",
            "egfr_renal_impairment_below",
        ],
    ),
    (Analyte::Cortisol, &["cortisol_upper_ref"]),
    (Analyte::Dopamine, &["dopamine_implausible_above"]),
];

fn locale(state: &AppState, lang: Lang) -> Locale {
    Locale {
        lang,
        zone: state.knowledge.time_zone.unwrap_or(Zone::Utc),
    }
}

/// The analyte's name in `lang` (the knowledge's input names).
fn analyte_name(knowledge: &Knowledge, lang: Lang, analyte: Analyte) -> String {
    let id = format!("input-{}", analyte.id().replace('_', "-"));
    if knowledge.texts.has(lang, &id) {
        knowledge.texts.render(lang, &id, &[])
    } else {
        analyte.name().to_string()
    }
}

fn with_unit(knowledge: &Knowledge, lang: Lang, value: f64, unit: &str) -> String {
    let unit = knowledge.texts.unit(lang, unit);
    let number = lang.number((value * 1e6).round() / 1e6);
    if unit == "1" || unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

fn word<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Search filters.
#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    name: String,
    #[serde(default)]
    birthdate: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    identifier: String,
    offset: Option<i64>,
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// `GET /patients`: search and list.
pub async fn list(
    web: Web,
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Response, WebError> {
    let session = web.user()?;
    clinical_access(&state, &session.auth, "web", "search", None, "/patients").await?;
    let offset = params.offset.unwrap_or(0).max(0);
    let gender = nonempty(&params.gender);
    if let Some(g) = &gender {
        if !["male", "female", "other", "unknown"].contains(&g.as_str()) {
            return Err(AppError::BadRequest(format!(
                "gender: '{g}' is not male, female, other or unknown"
            ))
            .into());
        }
    }
    let birthdate = nonempty(&params.birthdate);
    if let Some(d) = &birthdate {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            return Err(AppError::BadRequest(format!(
                "date of birth: '{d}' is not a date like 1958-02-03"
            ))
            .into());
        }
    }
    let page = state
        .store
        .search_patients(&PatientQuery {
            id: None,
            name: nonempty(&params.name),
            birth_date: birthdate,
            gender: gender.clone(),
            source_id: nonempty(&params.identifier),
            offset,
            limit: PAGE_SIZE,
        })
        .await?;
    audit(
        &state,
        &session.auth,
        "web",
        "search",
        None,
        &format!("/patients ({} returned)", page.items.len()),
        "ok",
    )
    .await?;
    let t = i18n::texts().all(web.lang);
    let loc = locale(&state, web.lang);
    let rows: Vec<Value> = page
        .items
        .iter()
        .map(|p| {
            let name = match (&p.family, &p.given) {
                (Some(f), Some(g)) => format!("{f}, {g}"),
                (Some(f), None) => f.clone(),
                (None, Some(g)) => g.clone(),
                (None, None) => format!("#{}", p.id),
            };
            json!({
                "id": p.id, "name": name, "birth_date": p.birth_date,
                "gender": p.gender.as_deref().map(|g| t.get(&format!("gender_{g}")).cloned().unwrap_or_else(|| g.to_string())),
                "source_id": p.source_id, "source_system": p.source_system,
                "updated": loc.date_time(p.updated_at),
            })
        })
        .collect();
    let query = |offset: i64| {
        format!(
            "/patients?name={}&birthdate={}&gender={}&identifier={}&offset={offset}",
            url_encode(&params.name),
            url_encode(&params.birthdate),
            url_encode(&params.gender),
            url_encode(&params.identifier)
        )
    };
    let shown_to = offset + page.items.len() as i64;
    let range = i18n::texts().render(
        web.lang,
        "page_range",
        &[
            ("from", FluentValue::from((offset + 1).min(page.total))),
            ("to", FluentValue::from(shown_to)),
            ("total", FluentValue::from(page.total)),
        ],
    );
    web.render(
        "patients.html",
        json!({
            "rows": rows, "range": range,
            "q": {"name": params.name, "birthdate": params.birthdate, "gender": params.gender, "identifier": params.identifier},
            "genders": ["male", "female", "other", "unknown"],
            "previous": (offset > 0).then(|| query((offset - PAGE_SIZE).max(0))),
            "next": (shown_to < page.total).then(|| query(shown_to)),
        }),
    )
}

/// `at` as typed in a form or a link: RFC 3339, or a date and time (taken as UTC) as a
/// `datetime-local` input sends it, or a date (its start, UTC).
pub fn parse_at(text: &str) -> Result<DateTime<Utc>, AppError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(t.and_utc());
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            return Ok(t.and_utc());
        }
    }
    Err(AppError::BadRequest(format!(
        "assess at: '{text}' is not a date and time such as 2026-05-01T09:00 (UTC) or \
         2026-05-01T09:00:00+05:00"
    )))
}

/// The page's query.
#[derive(Deserialize, Default)]
pub struct PageParams {
    at: Option<String>,
}

/// What the engine made of the stored record at one instant.
struct Assessed {
    record: PatientRecord,
    assessment: neuronutri_rules::Assessment,
    left_out: usize,
}

async fn assess_stored(
    state: &AppState,
    id: i64,
    at: DateTime<Utc>,
    lang: Lang,
) -> Result<Assessed, AppError> {
    let resources = state.store.patient_resources(id).await?;
    let (bundle, left_out) = bundle_at(&resources, at);
    let knowledge = state.knowledge.clone();
    tokio::task::spawn_blocking(move || {
        let record = neuronutri_model::parse_bundle(&bundle, at)?;
        let assessment = neuronutri_rules::assess(&knowledge, &record, at, lang);
        Ok::<_, neuronutri_model::InputError>(Assessed {
            record,
            assessment,
            left_out,
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| {
        AppError::BadRequest(format!(
            "the stored record cannot be assessed at {}: {e}",
            at.to_rfc3339()
        ))
    })
}

/// `GET /patients/{id}?at=…`: the patient page.
pub async fn page(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<Response, WebError> {
    let session = web.user()?;
    let target = format!("/patients/{id}");
    clinical_access(&state, &session.auth, "web", "read", Some(id), &target).await?;
    let Some(patient) = state.store.patient(id).await? else {
        audit(
            &state,
            &session.auth,
            "web",
            "read",
            Some(id),
            &target,
            "not-found",
        )
        .await?;
        return Err(AppError::NotFound(format!("no patient with id {id}")).into());
    };
    let now = Utc::now();
    let at = match params.at.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => parse_at(text)?,
        None => now,
    };
    let lang = web.lang;
    let knowledge = &state.knowledge;
    let loc = locale(&state, lang);
    let t = i18n::texts().all(lang);
    let conditions = state.store.patient_conditions(id).await?;
    let medications = state.store.patient_medications(id).await?;
    let data_as_of = state.store.patient_data_as_of(id).await?;
    let assessed = assess_stored(&state, id, at, lang).await?;
    let history = state.store.patient_assessments(id).await?;
    audit(
        &state,
        &session.auth,
        "web",
        "read",
        Some(id),
        &target,
        "ok",
    )
    .await?;

    let timeline = stroke_timeline(knowledge, &loc, &assessed.record, &assessed.assessment, at);
    let labs = labs_table(knowledge, &loc, &assessed.record);
    let plots = trend_plots(knowledge, &loc, &assessed.record);
    let cards = assessment_cards(knowledge, lang, &assessed.assessment);
    let history: Vec<Value> = history
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let change = history.get(i + 1).map(|previous| change_since(previous, a));
            json!({
                "id": a.id,
                "at": loc.date_time(a.at),
                "created": loc.date_time(a.created_at),
                "codes": a.codes,
                "actor": a.actor,
                "engine": a.engine_version,
                "knowledge": a.knowledge_version.chars().take(19).collect::<String>(),
                "appeared": change.as_ref().map(|c| c.appeared.clone()),
                "disappeared": change.as_ref().map(|c| c.disappeared.clone()),
                "reasons": change.as_ref().map(|c| c.reasons.clone()),
                "link": format!("/patients/{id}?at={}", url_encode(&a.at.to_rfc3339())),
            })
        })
        .collect();
    let ignored: Vec<Value> = assessed
        .record
        .ignored
        .iter()
        .map(|i| {
            json!({"entry": i.entry, "resource_type": i.resource_type,
                   "reason": word(i.reason), "detail": i.detail})
        })
        .collect();
    let gender = patient.gender.as_deref().map(|g| {
        t.get(&format!("gender_{g}"))
            .cloned()
            .unwrap_or_else(|| g.to_string())
    });
    let left_out = (assessed.left_out > 0).then(|| {
        i18n::texts().render(
            lang,
            "left_out",
            &[("count", FluentValue::from(assessed.left_out))],
        )
    });
    web.render(
        "patient.html",
        json!({
            "patient": {
                "id": patient.id, "family": patient.family, "given": patient.given,
                "birth_date": patient.birth_date, "gender": gender,
                "age": assessed.assessment.patient.age,
                "source_system": patient.source_system, "source_id": patient.source_id,
                "data_as_of": data_as_of.map(|d| loc.date_time(d)),
            },
            "conditions": conditions.iter().map(|c| json!({
                "code": c.code, "display": c.display, "clinical_status": c.clinical_status, "onset": c.onset,
            })).collect::<Vec<_>>(),
            "medications": medications.iter().map(|m| json!({
                "kind": m.kind, "code": m.code, "display": m.display, "status": m.status, "effective": m.effective,
            })).collect::<Vec<_>>(),
            "labs": labs,
            "plots": plots,
            "groups": cards.0,
            "suppressed": cards.1,
            "assessed_at": loc.date_time(at),
            "at_value": at.format("%Y-%m-%dT%H:%M").to_string(),
            "at_is_now": params.at.is_none(),
            "at_rfc3339": at.to_rfc3339(),
            "left_out": left_out,
            "history": history,
            "ignored": ignored,
            "knowledge_version": &*state.knowledge_version,
            "engine_version": ENGINE_VERSION,
            "timeline": timeline,
            "inspect_href": format!("/patients/{id}/inspect?at={}", url_encode(&at.to_rfc3339())),
        }),
    )
}

/// `GET /patients/{id}/inspect?at=…`: what the engine understood of the stored record at an
/// instant, before any rule runs: the view of `neuronutri inspect`, built by the same
/// [`neuronutri_model::inspect::inspect`] (the patient, each result with its original and
/// canonical value, each condition and drug with the class it mapped to and how, and
/// everything read but not used, with the reason). Audited as a read of the patient.
pub async fn inspect_page(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<Response, WebError> {
    let session = web.user()?;
    let target = format!("/patients/{id}/inspect");
    clinical_access(&state, &session.auth, "web", "read", Some(id), &target).await?;
    let Some(patient) = state.store.patient(id).await? else {
        audit(
            &state,
            &session.auth,
            "web",
            "read",
            Some(id),
            &target,
            "not-found",
        )
        .await?;
        return Err(AppError::NotFound(format!("no patient with id {id}")).into());
    };
    let at = match params.at.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => parse_at(text)?,
        None => Utc::now(),
    };
    let assessed = assess_stored(&state, id, at, web.lang).await?;
    let inspection = neuronutri_model::inspect::inspect(&assessed.record, at);
    audit(
        &state,
        &session.auth,
        "web",
        "read",
        Some(id),
        &target,
        "ok",
    )
    .await?;
    let loc = locale(&state, web.lang);
    let name = match (&patient.family, &patient.given) {
        (Some(f), Some(g)) => format!("{f}, {g}"),
        (Some(f), None) => f.clone(),
        (None, Some(g)) => g.clone(),
        (None, None) => format!("#{id}"),
    };
    let view = serde_json::to_value(&inspection)
        .map_err(|e| AppError::Internal(format!("inspection JSON: {e}")))?;
    web.render(
        "inspect.html",
        json!({
            "patient": {"id": id, "name": name},
            "at": loc.date_time(at),
            "back": format!("/patients/{id}?at={}", url_encode(&at.to_rfc3339())),
            "i": view,
            "ignored_total": inspection.ignored.len(),
        }),
    )
}

/// The stroke timeline of the page: the most recent ischemic stroke with an onset at or
/// before `at`, the windows that start at its onset (the knowledge's thresholds, with their
/// values and sources: the seed's 12-hour claim window, the product's "before the swallow
/// screen" default, the acute window, the seed's post-stroke schedule window), every swallow
/// screen recorded since the onset's day, and the assessment instant with the stroke cards
/// the assessment emitted, all in time order with their distance from the onset. `None`
/// without such a stroke.
fn stroke_timeline(
    knowledge: &Knowledge,
    loc: &Locale,
    record: &PatientRecord,
    assessment: &neuronutri_rules::Assessment,
    at: DateTime<Utc>,
) -> Option<Value> {
    use neuronutri_model::{CodedValue, ConditionClass};
    let (condition, onset) = record
        .conditions
        .iter()
        .filter(|c| c.is(ConditionClass::IschemicStroke))
        .filter_map(|c| c.onset.map(|onset| (c, onset)))
        .filter(|(_, onset)| *onset <= at)
        .max_by_key(|(_, onset)| *onset)?;
    let lang = loc.lang;
    let t = i18n::texts().all(lang);
    let text = |id: &str| t.get(id).cloned().unwrap_or_default();
    let th = &knowledge.thresholds;
    let after = |hours: f64| onset + chrono::Duration::seconds((hours * 3600.0).round() as i64);
    let mut events: Vec<(DateTime<Utc>, u8, Value)> = vec![(
        onset,
        0,
        json!({"kind": "onset", "label": text("timeline_onset"),
               "detail": format!("{} {}", condition.system.rsplit('/').next().unwrap_or(""), condition.code),
               "date_only": condition.onset_date_only}),
    )];
    let windows = [
        ("stroke_window_seed", &th.stroke_window_seed, 1.0),
        ("swallow_screen_default", &th.swallow_screen_default, 1.0),
        ("acute_stroke_window", &th.acute_stroke_window, 24.0),
        (
            "poststroke_schedule_window",
            &th.poststroke_schedule_window,
            24.0,
        ),
    ];
    for (name, threshold, hours_per_unit) in windows {
        events.push((
            after(threshold.value * hours_per_unit),
            1,
            json!({"kind": "window", "label": text(&format!("timeline_{name}")),
                   "value": with_unit(knowledge, lang, threshold.value, &threshold.unit),
                   "source": threshold.source}),
        ));
    }
    for screen in record
        .coded
        .iter()
        .filter(|o| o.value.is_swallow_screen())
        .filter(|o| o.effective.date_naive() >= onset.date_naive())
    {
        let passed = screen.value == CodedValue::SwallowPassed;
        events.push((
            screen.effective,
            2,
            json!({"kind": "screen",
                   "label": text(if passed { "timeline_screen_passed" } else { "timeline_screen_failed" }),
                   "detail": screen.code, "date_only": screen.effective_date_only}),
        ));
    }
    let cards: Vec<Value> = assessment
        .items()
        .filter(|i| i.code.starts_with("STROKE.") || i.code.starts_with("POSTSTROKE."))
        .map(|i| json!({"code": &*i.code, "title": i.title}))
        .collect();
    events.push((
        at,
        3,
        json!({"kind": "at", "label": text("assessed_at"), "cards": cards}),
    ));
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let since = |time: DateTime<Utc>| {
        let minutes = (time - onset).num_minutes();
        if minutes < 48 * 60 {
            format!(
                "+{} h",
                lang.number((minutes as f64 / 60.0 * 10.0).round() / 10.0)
            )
        } else {
            format!(
                "+{} d",
                lang.number((minutes as f64 / 1440.0 * 10.0).round() / 10.0)
            )
        }
    };
    let items: Vec<Value> = events
        .into_iter()
        .map(|(time, _, mut event)| {
            let date_only = event["date_only"].as_bool().unwrap_or(false);
            event["when"] = json!(if date_only {
                loc.date(time.date_naive())
            } else {
                loc.date_time(time)
            });
            event["since"] = json!(since(time));
            event["past"] = json!(time <= at);
            event
        })
        .collect();
    Some(json!({"onset": loc.date_time(onset), "events": items}))
}

fn labs_table(knowledge: &Knowledge, loc: &Locale, record: &PatientRecord) -> Vec<Value> {
    let lang = loc.lang;
    let mut observations: Vec<_> = record.observations.iter().collect();
    observations.sort_by(|a, b| b.effective.cmp(&a.effective).then(b.entry.cmp(&a.entry)));
    observations
        .iter()
        .map(|o| {
            let unit = o.analyte.canonical_unit();
            let comparator = o.comparator.map(word).unwrap_or_default();
            let reference = match (o.reference_low, o.reference_high) {
                (Some(lo), Some(hi)) => Some(format!(
                    "{} – {}",
                    lang.number(lo),
                    with_unit(knowledge, lang, hi, unit)
                )),
                (Some(lo), None) => Some(format!("≥ {}", with_unit(knowledge, lang, lo, unit))),
                (None, Some(hi)) => Some(format!("≤ {}", with_unit(knowledge, lang, hi, unit))),
                (None, None) => None,
            };
            json!({
                "analyte": analyte_name(knowledge, lang, o.analyte),
                "anchor": format!("trend-{}", o.analyte.id()),
                "date": loc.instant(o.effective, o.effective_date_only),
                "reported": format!("{comparator}{} {}", lang.number(o.original_value), o.original_unit),
                "canonical": format!("{comparator}{}", with_unit(knowledge, lang, o.value, unit)),
                "code": o.code,
                "reference": reference,
                "entry": o.entry,
            })
        })
        .collect()
}

fn trend_plots(knowledge: &Knowledge, loc: &Locale, record: &PatientRecord) -> Vec<Value> {
    let lang = loc.lang;
    let mut analytes: Vec<Analyte> = Vec::new();
    for o in &record.observations {
        if !analytes.contains(&o.analyte) {
            analytes.push(o.analyte);
        }
    }
    analytes.sort_by_key(|a| Analyte::ALL.iter().position(|b| b == a));
    let all_thresholds = knowledge.thresholds.all();
    let mut out = Vec::new();
    for analyte in analytes {
        let unit = analyte.canonical_unit();
        let mut observations: Vec<_> = record
            .observations
            .iter()
            .filter(|o| o.analyte == analyte)
            .collect();
        observations.sort_by_key(|o| o.effective);
        let points: Vec<Point> = observations
            .iter()
            .map(|o| Point {
                at: o.effective,
                value: o.value,
                label: format!(
                    "{}: {}",
                    loc.instant(o.effective, o.effective_date_only),
                    with_unit(knowledge, lang, o.value, unit)
                ),
            })
            .collect();
        let names: &[&str] = PLOTTED_THRESHOLDS
            .iter()
            .find(|(a, _)| *a == analyte)
            .map(|(_, n)| *n)
            .unwrap_or(&[]);
        let thresholds: Vec<(&str, &neuronutri_knowledge::Threshold)> = names
            .iter()
            .filter_map(|name| all_thresholds.iter().find(|(n, _)| n == name).copied())
            .filter(|(_, th)| th.unit == unit)
            .collect();
        let lines: Vec<Line> = thresholds
            .iter()
            .map(|(_, th)| Line {
                value: th.value,
                label: with_unit(knowledge, lang, th.value, unit),
            })
            .collect();
        // The band: the latest result's own reference range, else (magnesium) the
        // knowledge's reference limits.
        let latest = observations.last();
        let lab_band = latest.and_then(|o| o.reference_low.zip(o.reference_high));
        let (band, band_source) = match lab_band {
            Some(band) => (Some(band), Some("lab".to_string())),
            None if analyte == Analyte::SerumMagnesium => {
                let lo = &knowledge.thresholds.mg_lower_ref;
                let hi = &knowledge.thresholds.mg_upper_ref;
                (
                    Some((lo.value, hi.value)),
                    lo.source.clone().or_else(|| Some("knowledge".into())),
                )
            }
            None => (None, None),
        };
        let name = analyte_name(knowledge, lang, analyte);
        let unit_shown = knowledge.texts.unit(lang, unit);
        let caption = i18n::texts().render(
            lang,
            "trend_caption",
            &[
                ("analyte", FluentValue::from(name.clone())),
                ("unit", FluentValue::from(unit_shown)),
                ("count", FluentValue::from(points.len())),
            ],
        );
        let first = points
            .first()
            .map(|p| loc.date(p.at.date_naive()))
            .unwrap_or_default();
        let last = points
            .last()
            .map(|p| loc.date(p.at.date_naive()))
            .unwrap_or_default();
        let id = format!("trend-{}", analyte.id());
        let Some(svg) = plot::svg(
            &Trend {
                points: &points,
                band,
                lines: &lines,
                title: &caption,
                first_label: &first,
                last_label: &last,
            },
            &id,
            lang.decimal_comma(),
        ) else {
            continue;
        };
        let band_text = band.map(|(lo, hi)| {
            let range = format!(
                "{} – {}",
                lang.number(lo),
                with_unit(knowledge, lang, hi, unit)
            );
            let source = match band_source.as_deref() {
                Some("lab") => i18n::texts().all(lang)["lab_reference"].clone(),
                Some(s) => s.to_string(),
                None => String::new(),
            };
            json!({"range": range, "source": source,
                   "source_link": band_source.as_deref().filter(|s| *s != "lab" && *s != "knowledge")})
        });
        out.push(json!({
            "id": id,
            "name": name,
            "caption": caption,
            "svg": svg,
            "band": band_text,
            "thresholds": thresholds.iter().map(|(n, th)| json!({
                "name": n, "value": with_unit(knowledge, lang, th.value, unit),
                "source": th.source, "note": th.note, "overridden": th.overridden,
            })).collect::<Vec<_>>(),
        }));
    }
    out
}

/// The order kinds are shown in: what needs action first.
const KIND_ORDER: [&str; 5] = ["alert", "recommendation", "finding", "note", "evidence"];

fn card(knowledge: &Knowledge, lang: Lang, item: &neuronutri_rules::Item) -> Value {
    let value = serde_json::to_value(item).unwrap_or(Value::Null);
    let label = |prefix: &str, v: &Value| {
        let id = format!("{prefix}-{}", v.as_str().unwrap_or(""));
        if knowledge.texts.has(lang, &id) {
            knowledge.texts.render(lang, &id, &[])
        } else {
            v.as_str().unwrap_or("").to_string()
        }
    };
    let inputs: Vec<Value> = item
        .inputs
        .iter()
        .map(|i| {
            let name_id = format!("input-{}", i.name.replace('_', "-"));
            let name = if knowledge.texts.has(lang, &name_id) {
                knowledge.texts.render(lang, &name_id, &[])
            } else {
                i.name.replace('_', " ")
            };
            let value = i
                .value
                .map(|v| with_unit(knowledge, lang, v, i.unit.unwrap_or("")));
            let original = i
                .original_value
                .zip(i.original_unit.as_deref())
                .map(|(v, u)| format!("{} {u}", lang.number(v)));
            json!({"name": name, "value": value, "original": original,
                   "code": i.code, "display": i.display,
                   "date": i.date.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())})
        })
        .collect();
    json!({
        "code": &*item.code,
        "title": item.title,
        "text": item.text,
        "lines": item.lines,
        "severity": value["severity"],
        "severity_label": label("severity", &value["severity"]),
        "certainty_label": label("certainty", &value["certainty"]),
        "sources": item.sources,
        "claim": item.claim.as_ref().map(|c| json!({
            "id": c.id, "verdict": word(c.verdict),
            "verdict_label": label("verdict", &json!(word(c.verdict))),
            "text": c.text, "why": c.why,
        })),
        "inputs": inputs,
        "suppressed_by": item.suppressed_by,
    })
}

/// The cards grouped by kind (alerts first), and the suppressed ones.
fn assessment_cards(
    knowledge: &Knowledge,
    lang: Lang,
    assessment: &neuronutri_rules::Assessment,
) -> (Vec<Value>, Vec<Value>) {
    let mut groups = Vec::new();
    for kind in KIND_ORDER {
        let items: Vec<Value> = assessment
            .items()
            .filter(|i| word(i.kind) == kind)
            .map(|i| card(knowledge, lang, i))
            .collect();
        if !items.is_empty() {
            let id = format!("kind-{kind}");
            let heading = if knowledge.texts.has(lang, &id) {
                knowledge.texts.render(lang, &id, &[])
            } else {
                kind.to_string()
            };
            groups.push(json!({"kind": kind, "heading": heading, "cards": items}));
        }
    }
    let suppressed = assessment
        .suppressed
        .iter()
        .map(|i| card(knowledge, lang, i))
        .collect();
    (groups, suppressed)
}

/// The "store this assessment" form.
#[derive(Deserialize)]
pub struct StoreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    at: String,
}

/// `POST /patients/{id}/assessments`: assesses at the form's instant and stores the result
/// with the engine and knowledge versions, like `POST /api/patients/{id}/assessments`.
pub async fn store_assessment(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StoreForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    let target = format!("/patients/{id}/assessments");
    clinical_access(&state, &session.auth, "web", "assess", Some(id), &target).await?;
    if state.store.patient(id).await?.is_none() {
        return Err(AppError::NotFound(format!("no patient with id {id}")).into());
    }
    let now = Utc::now();
    let at = if form.at.trim().is_empty() {
        now
    } else {
        parse_at(&form.at)?
    };
    let assessed = assess_stored(&state, id, at, web.lang).await?;
    let codes: BTreeSet<String> = assessed
        .assessment
        .items()
        .map(|i| i.code.to_string())
        .collect();
    let codes: Vec<String> = codes.into_iter().collect();
    let result = serde_json::to_string(&assessed.assessment)
        .map_err(|e| AppError::Internal(format!("assessment JSON: {e}")))?;
    let data_as_of = state.store.patient_data_as_of(id).await?;
    state
        .store
        .insert_assessment(&NewAssessment {
            patient_id: id,
            at,
            created_at: now,
            engine_version: ENGINE_VERSION,
            knowledge_version: &state.knowledge_version,
            lang: web.lang.tag(),
            codes: &codes,
            data_as_of,
            result: &result,
            actor: session.auth.actor(),
        })
        .await?;
    audit(
        &state,
        &session.auth,
        "web",
        "assess",
        Some(id),
        &target,
        "ok",
    )
    .await?;
    Ok(super::redirect(&format!(
        "/patients/{id}?at={}#history",
        url_encode(&at.to_rfc3339())
    )))
}

/// `GET /patients/import`: the upload-or-paste form.
pub async fn import_form(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    let session = web.user()?;
    clinical_access(
        &state,
        &session.auth,
        "web",
        "import",
        None,
        "/patients/import",
    )
    .await?;
    web.render(
        "import.html",
        json!({"source": "urn:neuronutri:upload", "pasted": ""}),
    )
}

/// The fields of an import form, from `multipart/form-data` (upload) or
/// `application/x-www-form-urlencoded` (paste only).
#[derive(Default, Debug)]
struct ImportFields {
    csrf: String,
    source: String,
    pasted: String,
    file: Vec<u8>,
}

/// One field of a submitted form.
#[derive(Debug, PartialEq)]
pub(crate) struct FormPart {
    /// The field's name.
    pub name: String,
    /// The file's name as the browser sent it, for a file field.
    pub filename: Option<String>,
    /// The value.
    pub bytes: Vec<u8>,
}

/// The fields of a form body, `multipart/form-data` (with files) or
/// `application/x-www-form-urlencoded`, in the order sent; anything malformed is a 400.
pub(crate) fn form_parts(headers: &HeaderMap, body: &[u8]) -> Result<Vec<FormPart>, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        return multipart(content_type, body);
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| AppError::BadRequest(format!("the form is malformed: {e}")))?;
    Ok(pairs
        .into_iter()
        .map(|(name, value)| FormPart {
            name,
            filename: None,
            bytes: value.into_bytes(),
        })
        .collect())
}

/// Reads a `multipart/form-data` body: each part's name, file name and bytes. Only what our
/// own forms send is needed (text fields and files); anything malformed is a 400.
fn multipart(content_type: &str, body: &[u8]) -> Result<Vec<FormPart>, AppError> {
    let bad = |why: &str| AppError::BadRequest(format!("the form upload is malformed: {why}"));
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"'))
        .filter(|b| !b.is_empty() && b.len() <= 200)
        .ok_or_else(|| bad("no boundary"))?;
    let delimiter = format!("--{boundary}").into_bytes();
    let find = |haystack: &[u8], needle: &[u8], from: usize| -> Option<usize> {
        haystack
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let mut parts = Vec::new();
    let mut at =
        find(body, &delimiter, 0).ok_or_else(|| bad("no first boundary"))? + delimiter.len();
    loop {
        if body.get(at..at + 2) == Some(b"--") {
            break;
        }
        if body.get(at..at + 2) != Some(b"\r\n") {
            return Err(bad("a boundary is not followed by a line end"));
        }
        at += 2;
        let headers_end =
            find(body, b"\r\n\r\n", at).ok_or_else(|| bad("a part has no headers"))?;
        let headers = String::from_utf8_lossy(&body[at..headers_end]).to_string();
        let content_start = headers_end + 4;
        let mut end_marker = b"\r\n".to_vec();
        end_marker.extend_from_slice(&delimiter);
        let content_end =
            find(body, &end_marker, content_start).ok_or_else(|| bad("a part does not end"))?;
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))
            .unwrap_or("");
        let parameter = |key: &str| {
            disposition
                .split(';')
                .filter_map(|p| p.trim().strip_prefix(key))
                .next()
                .map(|n| n.trim_matches('"').to_string())
        };
        let name = parameter("name=").ok_or_else(|| bad("a part has no name"))?;
        parts.push(FormPart {
            name,
            filename: parameter("filename="),
            bytes: body[content_start..content_end].to_vec(),
        });
        at = content_end + end_marker.len();
    }
    Ok(parts)
}

fn import_fields(headers: &HeaderMap, body: &[u8]) -> Result<ImportFields, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut fields = ImportFields::default();
    if content_type.starts_with("multipart/form-data") {
        for FormPart { name, bytes, .. } in multipart(content_type, body)? {
            match name.as_str() {
                "csrf" => fields.csrf = String::from_utf8_lossy(&bytes).into_owned(),
                "source" => fields.source = String::from_utf8_lossy(&bytes).into_owned(),
                "pasted" => fields.pasted = String::from_utf8_lossy(&bytes).into_owned(),
                "file" => fields.file = bytes,
                _ => {}
            }
        }
    } else {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
            .map_err(|e| AppError::BadRequest(format!("the form is malformed: {e}")))?;
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => fields.csrf = value,
                "source" => fields.source = value,
                "pasted" => fields.pasted = value,
                _ => {}
            }
        }
    }
    Ok(fields)
}

/// `POST /patients/import`: imports the uploaded or pasted bundle in one transaction; a bad
/// bundle shows the API's OperationOutcome message and FHIRPath, and nothing is stored.
pub async fn import(
    web: Web,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    web.user()?;
    let fields = import_fields(&headers, &body)?;
    let session = web.form_session(&fields.csrf)?;
    clinical_access(
        &state,
        &session.auth,
        "web",
        "import",
        None,
        "/patients/import",
    )
    .await?;
    let source = if fields.source.trim().is_empty() {
        "urn:neuronutri:upload".to_string()
    } else {
        fields.source.trim().to_string()
    };
    let from_file = !fields.file.is_empty();
    let text = if from_file {
        String::from_utf8(fields.file)
            .map_err(|_| AppError::BadRequest("the uploaded file is not UTF-8 text".into()))?
    } else {
        fields.pasted.clone()
    };
    let form_again = |error: Value, status: StatusCode| {
        web.render_status(
            status,
            "import.html",
            json!({"source": source, "pasted": if from_file { "" } else { &fields.pasted }, "failure": error}),
        )
    };
    if source.len() > 512 || source.chars().any(char::is_whitespace) {
        return form_again(
            json!({"message": "source: give a URI without spaces naming the sending system"}),
            StatusCode::BAD_REQUEST,
        );
    }
    if text.trim().is_empty() {
        return form_again(
            json!({"message": "choose a bundle file or paste a bundle"}),
            StatusCode::BAD_REQUEST,
        );
    }
    let now = Utc::now();
    let prepared = match tokio::task::spawn_blocking(move || prepare_bundle(&text, now)).await {
        Ok(Ok(prepared)) => prepared,
        Ok(Err(input)) => {
            audit(
                &state,
                &session.auth,
                "web",
                "import",
                None,
                "/patients/import",
                "invalid",
            )
            .await?;
            // The same message and FHIRPath as the API's OperationOutcome.
            let response =
                axum::response::IntoResponse::into_response(AppError::InvalidBundle(input));
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let outcome: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let issue = &outcome["issue"][0];
            return form_again(
                json!({"message": issue["diagnostics"], "expression": issue["expression"]}),
                StatusCode::BAD_REQUEST,
            );
        }
        Err(join) => return Err(AppError::Internal(join.to_string()).into()),
    };
    let outcome = state
        .store
        .import_bundle(&source, &prepared, session.auth.actor(), now)
        .await?;
    audit(
        &state,
        &session.auth,
        "web",
        "import",
        Some(outcome.patient_id),
        &format!("/patients/import import {}", outcome.import_id),
        "ok",
    )
    .await?;
    let counts = i18n::texts().render(
        web.lang,
        "import_counts",
        &[
            ("created", FluentValue::from(outcome.created)),
            ("updated", FluentValue::from(outcome.updated)),
            ("unchanged", FluentValue::from(outcome.unchanged)),
        ],
    );
    web.render_status(
        StatusCode::CREATED,
        "import.html",
        json!({"source": source, "pasted": "", "done": {"patient_id": outcome.patient_id, "counts": counts}}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plotted_threshold_exists_in_the_analytes_unit() {
        let knowledge = Knowledge::builtin().unwrap();
        let all = knowledge.thresholds.all();
        for (analyte, names) in PLOTTED_THRESHOLDS {
            for name in *names {
                let (_, th) = all
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| panic!("{name} is not a threshold"));
                assert_eq!(th.unit, analyte.canonical_unit(), "{name}");
            }
        }
    }

    #[test]
    fn at_accepts_rfc3339_datetime_local_and_dates() {
        assert_eq!(
            parse_at("2026-05-01T09:00").unwrap().to_rfc3339(),
            "2026-05-01T09:00:00+00:00"
        );
        assert_eq!(
            parse_at("2026-05-01T09:00:00+05:00").unwrap().to_rfc3339(),
            "2026-05-01T04:00:00+00:00"
        );
        assert_eq!(
            parse_at("2026-05-01").unwrap().to_rfc3339(),
            "2026-05-01T00:00:00+00:00"
        );
        assert!(parse_at("yesterday").is_err());
    }

    #[test]
    fn multipart_reads_fields_and_a_file() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.json\"\r\n\
                    Content-Type: application/json\r\n\r\n{\"a\":\r\n1}\r\n--XyZ--\r\n";
        let parts = multipart("multipart/form-data; boundary=XyZ", body.as_bytes()).unwrap();
        assert_eq!(
            (parts[0].name.as_str(), &parts[0].bytes[..]),
            ("csrf", &b"abc"[..])
        );
        assert_eq!(parts[0].filename, None);
        assert_eq!(parts[1].name, "file");
        assert_eq!(parts[1].filename.as_deref(), Some("b.json"));
        assert_eq!(parts[1].bytes, b"{\"a\":\r\n1}".to_vec());
        assert!(multipart("multipart/form-data", body.as_bytes()).is_err());
        assert!(multipart("multipart/form-data; boundary=XyZ", b"--XyZ\r\nno end").is_err());
    }
}
