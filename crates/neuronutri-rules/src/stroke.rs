//! Stroke timeline and the seed's magnesium claims around it: time since onset and the
//! swallow screen, the neuroprotection evidence card, the post-stroke magnesium orotate
//! regimens as an evidence card (no "current phase"), and the evidence cards for traumatic
//! brain injury, aspirin and nerve pain.

use crate::context::{
    capitalize, condition_input, hours_between, join_names, medication_input, Context, Swallow,
};
use crate::safety::{orotate_contraindications, upper_limit, OROTATE_CONTRA, PREGNANCY, RENAL};
use chrono::{DateTime, Days, Utc};
use neuronutri_knowledge::{Arg, Phase};
use neuronutri_model::{CodedValue, ConditionClass, DrugClass, Medication};
use serde_json::json;

pub(crate) fn evaluate(ctx: &mut Context) {
    acute(ctx);
    onset_unknown(ctx);
    schedule(ctx);
    claims(ctx);
}

/// The latest swallow screen recorded (after the stroke's onset date, when known).
fn screen(ctx: &Context, onset: Option<DateTime<Utc>>) -> Option<CodedValue> {
    ctx.record
        .coded
        .iter()
        .filter(|o| o.value.is_swallow_screen())
        .filter(|o| onset.is_none_or(|onset| o.effective.date_naive() >= onset.date_naive()))
        .max_by(|a, b| a.effective.cmp(&b.effective).then(a.entry.cmp(&b.entry)))
        .map(|o| o.value)
}

fn screen_id(value: Option<CodedValue>) -> &'static str {
    match value {
        Some(CodedValue::SwallowPassed) => "passed",
        Some(CodedValue::SwallowFailed) => "failed",
        _ => "none",
    }
}

fn acute(ctx: &mut Context) {
    let Some(stroke) = &ctx.acute_stroke else {
        return;
    };
    let t = ctx.thresholds;
    let onset = stroke.condition.onset.expect("acute strokes have an onset");
    let hours = stroke.hours_since_onset;
    let screen = screen(ctx, Some(onset));
    let before = matches!(ctx.swallow, Swallow::BeforeScreen(_));
    let onset_text = if stroke.condition.onset_date_only {
        ctx.day(onset)
    } else {
        ctx.date(onset)
    };
    let days = (ctx.at.date_naive() - onset.date_naive()).num_days();
    let mut item = ctx.build(
        "STROKE.TIME_SINCE_ONSET",
        &[
            ("onset", Arg::text(onset_text)),
            (
                "dateonly",
                match hours {
                    None => "yes",
                    // Under an hour the minutes are said, not "0 hours".
                    Some(h) if h < 1.0 => "minutes",
                    Some(_) => "no",
                }
                .into(),
            ),
            ("hours", Arg::Number(hours.unwrap_or(0.0).floor())),
            (
                "minutes",
                Arg::text(ctx.num((hours.unwrap_or(0.0) * 60.0).floor())),
            ),
            ("days", Arg::Number(days as f64)),
            ("screen", screen_id(screen).into()),
            ("before", if before { "yes" } else { "no" }.into()),
            ("screenhours", Arg::Number(t.swallow_screen_default.value)),
            ("seedhours", Arg::Number(t.stroke_window_seed.value)),
        ],
        vec![condition_input(stroke.condition)],
    );
    item.details = Some(json!({
        "hours_since_onset": hours.map(|h| (h * 100.0).round() / 100.0),
        "onset_date_only": stroke.condition.onset_date_only,
        "swallow_screen": screen_id(screen),
        "oral_products_only_after_swallow_screen": before,
        "seed_claim_window_hours": t.stroke_window_seed.value,
    }));
    // The neuroprotection card needs the hours: a date-only onset cannot tell 12 h.
    let card = hours.filter(|h| *h <= t.stroke_window_seed.value).map(|h| {
        ctx.build(
            "STROKE.MG_NEUROPROTECTION",
            &[
                ("hours", Arg::Number(h.floor())),
                // Under an hour the minutes are said, not "0 hours".
                ("under", if h < 1.0 { "yes" } else { "no" }.into()),
                ("minutes", Arg::text(ctx.num((h * 60.0).floor()))),
            ],
            vec![condition_input(stroke.condition)],
        )
    });
    ctx.emit(item);
    if let Some(card) = card {
        if ctx.has(PREGNANCY) {
            ctx.suppress(card, &[PREGNANCY]);
        } else {
            ctx.emit(card);
        }
    }
}

/// STROKE.ONSET_UNKNOWN: an active ischemic stroke without an onset.
fn onset_unknown(ctx: &mut Context) {
    let Some(condition) = ctx.stroke_onset_unknown else {
        return;
    };
    let screen = screen(ctx, None);
    let item = ctx.build(
        "STROKE.ONSET_UNKNOWN",
        &[
            ("code", Arg::text(condition.code.as_str())),
            ("screen", screen_id(screen).into()),
        ],
        vec![condition_input(condition)],
    );
    ctx.emit(item);
}

/// The date `days` after `start`'s date.
fn day(start: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    start
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        + Days::new(u64::from(days))
}

/// Tablets a day of an active magnesium orotate, when its dose is in tablets.
fn tablets_per_day(m: &Medication, tablet_mg: f64) -> Option<f64> {
    use neuronutri_model::MagnesiumReading;
    m.magnesium
        .filter(|d| d.reading == MagnesiumReading::OrotateTablet)
        .map(|d| d.mg_per_day / tablet_mg)
}

/// POSTSTROKE.MG_OROTATE_SCHEDULE: the seed's and the label's regimens side by side as an
/// evidence card. Phases are given in days, not dated from the onset; when magnesium orotate
/// is active with a start date, the label regimen is dated from that start, and a loading
/// dose beyond the label's loading phase is said.
fn schedule(ctx: &mut Context) {
    let t = ctx.thresholds;
    let window_days = t.poststroke_schedule_window.value;
    let stroke = ctx
        .record
        .conditions
        .iter()
        .filter(|c| c.is(ConditionClass::IschemicStroke) && c.active)
        .filter_map(|c| c.onset.map(|onset| (c, onset)))
        .filter(|(_, onset)| hours_between(*onset, ctx.at) <= window_days * 24.0)
        .max_by_key(|(_, onset)| *onset);
    let Some((condition, _onset)) = stroke else {
        return;
    };
    let tablet_mg = t.orotate_tablet_elemental_mg.value;
    let orotate = ctx
        .record
        .taking(DrugClass::MagnesiumOrotate)
        .find(|m| m.start.is_some());
    let mut lines = Vec::new();
    let mut regimens = Vec::new();
    let mut max_daily: f64 = 0.0;
    let mut loading_days = 0;
    for regimen in &ctx.knowledge.regimens {
        let name = ctx.text(&format!("schedule-regimen-{}", regimen.id), &[]);
        let dated_from = orotate
            .filter(|_| regimen.id == "label")
            .and_then(|m| m.start);
        let mut phases = Vec::new();
        for (index, phase) in regimen.phase.iter().enumerate() {
            let (line, detail) = phase_line(ctx, &name, dated_from, phase, tablet_mg);
            lines.push(line);
            max_daily = max_daily.max(
                f64::from(
                    phase.tablets_per_dose * phase.doses_per_day_max.unwrap_or(phase.doses_per_day),
                ) * tablet_mg,
            );
            if regimen.id == "label" && index == 0 {
                loading_days = phase.end_day.unwrap_or(0);
            }
            phases.push(detail);
        }
        regimens.push(json!({"id": regimen.id, "source": regimen.source, "claim": regimen.claim, "dated_from": dated_from, "phases": phases}));
    }
    let ul = upper_limit(ctx).unwrap_or(t.mg_supplement_upper_limit.value);
    let renal_caution = ctx.egfr.as_ref().is_some_and(|e| {
        e.value >= t.egfr_oral_mg_contraindicated_below.value
            && e.value < t.egfr_renal_impairment_below.value
    });
    // A loading dose (2 tablets 3 times a day) taken beyond the label's loading phase.
    let beyond = orotate.filter(|m| {
        let loading_mg = f64::from(
            ctx.knowledge
                .regimens
                .iter()
                .find(|r| r.id == "label")
                .and_then(|r| r.phase.first())
                .map(|p| p.tablets_per_dose * p.doses_per_day)
                .unwrap_or(0),
        );
        m.days_taken(ctx.at)
            .is_some_and(|d| d > f64::from(loading_days))
            && tablets_per_day(m, tablet_mg).is_some_and(|n| n >= loading_mg && loading_mg > 0.0)
    });
    let mut inputs = vec![condition_input(condition)];
    inputs.extend(orotate.map(medication_input));
    let mut item = ctx.build(
        "POSTSTROKE.MG_OROTATE_SCHEDULE",
        &[
            ("ul", Arg::text(ctx.num(ul))),
            ("max", Arg::text(ctx.num((max_daily * 10.0).round() / 10.0))),
            ("above", if max_daily > ul { "yes" } else { "no" }.into()),
            ("renal", if renal_caution { "yes" } else { "no" }.into()),
            ("beyond", if beyond.is_some() { "yes" } else { "no" }.into()),
            (
                "start",
                Arg::text(
                    orotate
                        .and_then(|m| m.start)
                        .map(|s| ctx.day(s))
                        .unwrap_or_default(),
                ),
            ),
            ("loading", Arg::Number(f64::from(loading_days))),
        ],
        inputs,
    );
    item.lines = lines;
    item.details = Some(json!({"regimens": regimens}));
    ctx.orotate_considered = true;

    let mut blocked_by = Vec::new();
    if ctx.has(RENAL) {
        blocked_by.push(RENAL);
    }
    if !orotate_contraindications(ctx).0.is_empty() {
        blocked_by.push(OROTATE_CONTRA);
    }
    if ctx.has(PREGNANCY) {
        blocked_by.push(PREGNANCY);
    }
    for code in ["MG.TOXIC", "MG.HIGH"] {
        if ctx.has(code) {
            blocked_by.push(code);
            break;
        }
    }
    if blocked_by.is_empty() {
        ctx.emit(item);
    } else {
        ctx.suppress(item, &blocked_by);
    }
}

/// One phase as a line: in days, or dated from an active orotate's start.
fn phase_line(
    ctx: &Context,
    regimen: &str,
    dated_from: Option<DateTime<Utc>>,
    phase: &Phase,
    tablet_mg: f64,
) -> (String, serde_json::Value) {
    let range = |from: u32, to: Option<u32>| -> String {
        match (dated_from, to) {
            (Some(start), Some(to)) if to != from => ctx.text(
                "schedule-range",
                &[
                    ("from", Arg::text(ctx.day(day(start, from)))),
                    ("to", Arg::text(ctx.day(day(start, to)))),
                ],
            ),
            (Some(start), _) => ctx.day(day(start, from)),
            (None, Some(to)) if to != from => format!("{from}–{to}"),
            (None, _) => from.to_string(),
        }
    };
    let start_text = range(phase.start_day, phase.start_day_latest);
    let end_text = match phase.end_day {
        Some(end) => range(end, phase.end_day_latest.or(Some(end))),
        None => ctx.text(
            "schedule-open",
            &[(
                "days",
                Arg::Number(f64::from(phase.minimum_days.unwrap_or(0))),
            )],
        ),
    };
    let doses_max = phase.doses_per_day_max.unwrap_or(phase.doses_per_day);
    let doses = if doses_max == phase.doses_per_day {
        phase.doses_per_day.to_string()
    } else {
        format!("{}–{}", phase.doses_per_day, doses_max)
    };
    let mg_low = f64::from(phase.tablets_per_dose * phase.doses_per_day) * tablet_mg;
    let mg_high = f64::from(phase.tablets_per_dose * doses_max) * tablet_mg;
    let mg = if mg_low == mg_high {
        ctx.num((mg_low * 10.0).round() / 10.0)
    } else {
        format!(
            "{}–{}",
            ctx.num((mg_low * 10.0).round() / 10.0),
            ctx.num((mg_high * 10.0).round() / 10.0)
        )
    };
    let line = ctx.text(
        "schedule-phase",
        &[
            ("regimen", Arg::text(regimen)),
            (
                "dated",
                if dated_from.is_some() { "yes" } else { "no" }.into(),
            ),
            ("start", Arg::text(start_text)),
            ("end", Arg::text(end_text)),
            ("tablets", Arg::Number(f64::from(phase.tablets_per_dose))),
            ("doses", Arg::text(doses)),
            ("mg", Arg::text(mg)),
            (
                "condition",
                Arg::text(phase.condition.clone().unwrap_or_else(|| "none".into())),
            ),
        ],
    );
    let detail = json!({
        "start_day": phase.start_day, "start_day_latest": phase.start_day_latest,
        "end_day": phase.end_day, "end_day_latest": phase.end_day_latest,
        "minimum_days": phase.minimum_days,
        "tablets_per_dose": phase.tablets_per_dose,
        "doses_per_day": phase.doses_per_day, "doses_per_day_max": doses_max,
        "elemental_mg_per_day": [mg_low, mg_high],
        "condition": phase.condition,
    });
    (line, detail)
}

fn claims(ctx: &mut Context) {
    let mut items = Vec::new();
    let window = ctx.thresholds.tbi_claim_window.value;
    if let Some(tbi) = ctx
        .record
        .active_conditions(ConditionClass::TraumaticBrainInjury)
        .find(|c| {
            c.onset
                .is_none_or(|onset| hours_between(onset, ctx.at) <= window * 24.0)
        })
    {
        items.push(ctx.build(
            "TBI.MG_CLAIM",
            &[("code", Arg::text(tbi.code.as_str()))],
            vec![condition_input(tbi)],
        ));
    }
    if let Some(aspirin) = ctx.record.taking(DrugClass::Aspirin).next() {
        items.push(ctx.build(
            "ASPIRIN.MG_CLAIM",
            &[("drug", Arg::text(aspirin.label()))],
            vec![medication_input(aspirin)],
        ));
    }
    for item in items {
        ctx.emit(item);
    }
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    for (class, message) in [
        (ConditionClass::Fibromyalgia, "condition-fibromyalgia"),
        (ConditionClass::Sciatica, "condition-sciatica"),
        (
            ConditionClass::NeuropathicPain,
            "condition-neuropathic-pain",
        ),
    ] {
        for condition in ctx.record.active_conditions(class) {
            names.push(ctx.text(message, &[("code", Arg::text(condition.code.as_str()))]));
            inputs.push(condition_input(condition));
        }
    }
    if !names.is_empty() {
        let conditions = capitalize(&join_names(ctx, &names));
        let item = ctx.build(
            "PAIN.MG_ADJUNCT",
            &[("conditions", Arg::text(conditions))],
            inputs,
        );
        // The card quotes an oral dose: not in renal failure or pregnancy.
        let blocked: Vec<&str> = [RENAL, PREGNANCY]
            .into_iter()
            .filter(|code| ctx.has(code))
            .collect();
        if blocked.is_empty() {
            ctx.emit(item);
        } else {
            ctx.suppress(item, &blocked);
        }
    }
}
