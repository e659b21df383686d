//! Stroke timeline and the seed's magnesium claims around it: hours since onset and open
//! windows, the neuroprotection evidence card, the post-stroke magnesium orotate schedule as
//! dated phases, and the evidence cards for traumatic brain injury, aspirin and nerve pain.

use crate::context::{capitalize, condition_input, join_names, medication_input, Context};
use crate::safety::{orotate_contraindications, OROTATE_CONTRA, RENAL};
use chrono::{DateTime, Days, Utc};
use neuronutri_knowledge::{Arg, Phase};
use neuronutri_model::{ConditionClass, DrugClass};
use serde_json::json;

pub(crate) fn evaluate(ctx: &mut Context) {
    acute(ctx);
    schedule(ctx);
    claims(ctx);
}

fn acute(ctx: &mut Context) {
    let Some(stroke) = &ctx.acute_stroke else {
        return;
    };
    let t = ctx.thresholds;
    let hours = stroke.hours_since_onset;
    let onset = stroke.condition.onset.expect("acute strokes have an onset");
    let seed_open = hours <= t.stroke_window_seed.value;
    let fastmag_open = hours <= t.stroke_window_fastmag.value;
    let open = |b: bool| if b { "open" } else { "closed" };
    let mut item = ctx.build(
        "STROKE.TIME_SINCE_ONSET",
        &[
            ("onset", Arg::text(ctx.date(onset))),
            ("hours", Arg::Number(hours.floor())),
            ("seed", open(seed_open).into()),
            ("fastmag", open(fastmag_open).into()),
        ],
        vec![condition_input(stroke.condition)],
    );
    item.details = Some(json!({
        "hours_since_onset": (hours * 100.0).round() / 100.0,
        "windows": [
            {"name": "seed", "hours": t.stroke_window_seed.value, "open": seed_open, "source": "SEED-MG-REVIEW"},
            {"name": "fast-mag", "hours": t.stroke_window_fastmag.value, "open": fastmag_open, "source": "FASTMAG-2015"},
        ],
    }));
    let card = seed_open.then(|| {
        ctx.build(
            "STROKE.MG_NEUROPROTECTION",
            &[("hours", Arg::Number(hours.floor()))],
            vec![condition_input(stroke.condition)],
        )
    });
    ctx.emit(item);
    if let Some(card) = card {
        ctx.emit(card);
    }
}

/// The date a phase boundary falls on, `days` after the onset date.
fn day(onset: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    onset
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        + Days::new(u64::from(days))
}

fn schedule(ctx: &mut Context) {
    let t = ctx.thresholds;
    let window_days = t.poststroke_schedule_window.value;
    let stroke = ctx
        .record
        .conditions
        .iter()
        .filter(|c| c.is(ConditionClass::IschemicStroke))
        .filter_map(|c| c.onset.map(|onset| (c, onset)))
        .filter(|(_, onset)| (ctx.at - *onset).num_seconds() as f64 <= window_days * 86_400.0)
        .max_by_key(|(_, onset)| *onset);
    let Some((condition, onset)) = stroke else {
        return;
    };
    let days_since = (ctx.at - onset).num_days();
    let tablet_mg = t.orotate_tablet_elemental_mg.value;
    let mut lines = Vec::new();
    let mut regimens = Vec::new();
    let mut max_daily: f64 = 0.0;
    for regimen in &ctx.knowledge.regimens {
        let name = ctx.text(&format!("schedule-regimen-{}", regimen.id), &[]);
        let mut phases = Vec::new();
        for phase in &regimen.phase {
            let (line, detail) = phase_line(ctx, &name, onset, phase, tablet_mg);
            lines.push(line);
            max_daily = max_daily.max(
                f64::from(
                    phase.tablets_per_dose * phase.doses_per_day_max.unwrap_or(phase.doses_per_day),
                ) * tablet_mg,
            );
            phases.push(detail);
        }
        regimens.push(json!({"id": regimen.id, "source": regimen.source, "claim": regimen.claim, "phases": phases}));
    }
    let mut item = ctx.build(
        "POSTSTROKE.MG_OROTATE_SCHEDULE",
        &[
            ("onset", Arg::text(ctx.date(onset))),
            ("days", Arg::Number(days_since as f64)),
            ("ul", Arg::text(ctx.num(t.mg_supplement_upper_limit.value))),
            ("max", Arg::text(ctx.num(max_daily))),
            (
                "above",
                if max_daily > t.mg_supplement_upper_limit.value {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ),
        ],
        vec![condition_input(condition)],
    );
    item.lines = lines;
    item.details = Some(json!({"onset": onset, "regimens": regimens}));
    ctx.orotate_considered = true;

    let mut blocked_by = Vec::new();
    if ctx.has(RENAL) {
        blocked_by.push(RENAL);
    }
    if !orotate_contraindications(ctx).0.is_empty() {
        blocked_by.push(OROTATE_CONTRA);
    }
    for code in ["MG.TOXIC", "MG.HIGH"] {
        if ctx.has(code) {
            blocked_by.push(code);
            break;
        }
    }
    if blocked_by.is_empty() {
        ctx.emit(item);
        ctx.oral_magnesium_recommended = true;
    } else {
        ctx.suppress(item, &blocked_by);
    }
}

fn phase_line(
    ctx: &Context,
    regimen: &str,
    onset: DateTime<Utc>,
    phase: &Phase,
    tablet_mg: f64,
) -> (String, serde_json::Value) {
    let start = day(onset, phase.start_day);
    let start_latest = phase.start_day_latest.map(|d| day(onset, d));
    let end = phase.end_day.map(|d| day(onset, d));
    let end_latest = phase.end_day_latest.map(|d| day(onset, d)).or(end);
    let range = |from: DateTime<Utc>, to: Option<DateTime<Utc>>| match to {
        Some(to) if to != from => ctx.text(
            "schedule-range",
            &[
                ("from", Arg::text(ctx.date(from))),
                ("to", Arg::text(ctx.date(to))),
            ],
        ),
        _ => ctx.date(from),
    };
    let start_text = range(start, start_latest);
    let end_text = match end {
        Some(end) => range(end, end_latest),
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
        ctx.num(mg_low)
    } else {
        format!("{}–{}", ctx.num(mg_low), ctx.num(mg_high))
    };
    let status = if end_latest.is_some_and(|e| e <= ctx.at) {
        "past"
    } else if start <= ctx.at {
        "current"
    } else {
        "future"
    };
    let line = ctx.text(
        "schedule-phase",
        &[
            ("regimen", Arg::text(regimen)),
            ("start", Arg::text(start_text)),
            ("end", Arg::text(end_text)),
            ("tablets", Arg::Number(f64::from(phase.tablets_per_dose))),
            ("doses", Arg::text(doses)),
            ("mg", Arg::text(mg)),
            (
                "condition",
                Arg::text(phase.condition.clone().unwrap_or_else(|| "none".into())),
            ),
            ("status", status.into()),
        ],
    );
    let detail = json!({
        "start": start, "start_latest": start_latest, "end": end, "end_latest": end_latest,
        "minimum_days": phase.minimum_days,
        "tablets_per_dose": phase.tablets_per_dose,
        "doses_per_day": phase.doses_per_day, "doses_per_day_max": doses_max,
        "elemental_mg_per_day": [mg_low, mg_high],
        "condition": phase.condition, "status": status,
    });
    (line, detail)
}

fn claims(ctx: &mut Context) {
    let mut items = Vec::new();
    if let Some(tbi) = ctx
        .record
        .active_conditions(ConditionClass::TraumaticBrainInjury)
        .next()
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
        items.push(ctx.build(
            "PAIN.MG_ADJUNCT",
            &[("conditions", Arg::text(conditions))],
            inputs,
        ));
    }
    for item in items {
        ctx.emit(item);
    }
}
