//! Magnesium rules: the serum level against its reference interval and the seed's
//! thresholds, the prior for deficiency, repletion (with the routes safety rules allow),
//! diet, and the freshness of the result used.

use crate::context::{
    age_input, capitalize, condition_input, join_names, medication_input, observation_input,
    Context,
};
use crate::safety::{IV_CONTRA, RENAL};
use crate::Input;
use neuronutri_knowledge::Arg;
use neuronutri_model::{Analyte, ConditionClass, DrugClass, Observation, Sex};

pub(crate) fn evaluate(ctx: &mut Context) {
    let magnesium = ctx.record.latest(Analyte::SerumMagnesium);
    if let Some(observation) = magnesium {
        level(ctx, observation);
    }
    risk(ctx);
    let fresh = not_measured_or_stale(ctx, magnesium);
    if let Some(observation) = magnesium {
        atherosclerosis(ctx, observation);
        replete(ctx, observation, fresh);
    }
    diet(ctx, magnesium);
}

/// The reference interval in force for a result: the lab's own, else the defaults.
fn reference(ctx: &Context, o: &Observation) -> (f64, f64) {
    (
        o.reference_low.unwrap_or(ctx.thresholds.mg_lower_ref.value),
        o.reference_high
            .unwrap_or(ctx.thresholds.mg_upper_ref.value),
    )
}

fn level(ctx: &mut Context, o: &Observation) {
    let t = ctx.thresholds;
    let (lower, upper) = reference(ctx, o);
    let cuts = [
        lower,
        upper,
        t.mg_optimal.value,
        t.mg_seed_risk.value,
        t.mg_severe.value,
        t.mg_toxic.value,
    ];
    let (value_text, date_text) = (ctx.value(o, &cuts), ctx.date(o.effective));
    let (lower_text, upper_text) = (ctx.num(lower), ctx.num(upper));
    let base = [
        ("value", Arg::text(value_text.as_str())),
        ("date", Arg::text(date_text.as_str())),
        ("lower", Arg::text(lower_text.as_str())),
        ("upper", Arg::text(upper_text.as_str())),
    ];
    let with = |name: &'static str, extra: String| {
        let mut args = base.to_vec();
        args.push((name, Arg::text(extra)));
        args
    };
    let mut items = Vec::new();
    let input = || vec![observation_input(o)];
    if o.is_below(lower) {
        items.push(ctx.build("MG.LOW", &base, input()));
    } else if o.is_below(t.mg_optimal.value) {
        items.push(ctx.build(
            "MG.BELOW_OPTIMAL",
            &with("optimal", ctx.num(t.mg_optimal.value)),
            input(),
        ));
    }
    if o.is_below(t.mg_seed_risk.value) {
        items.push(ctx.build(
            "MG.SEED_RISK_THRESHOLD",
            &with("threshold", ctx.num(t.mg_seed_risk.value)),
            input(),
        ));
    }
    if o.is_below(t.mg_severe.value) {
        items.push(ctx.build(
            "MG.SEVERE",
            &with("threshold", ctx.num(t.mg_severe.value)),
            input(),
        ));
    }
    if let Some(stroke) = &ctx.acute_stroke {
        let limit = lower * t.mg_acute_stroke_fraction_of_lower_ref.value;
        if o.is_below(limit) {
            let mut inputs = input();
            inputs.push(condition_input(stroke.condition));
            let mut args = base.to_vec();
            args.push(("hours", Arg::Number(stroke.hours_since_onset.floor())));
            args.push(("limit", Arg::text(ctx.num(limit))));
            items.push(ctx.build("MG.ACUTE_STROKE_CRITICAL", &args, inputs));
        }
    }
    if o.is_above(upper) {
        items.push(ctx.build("MG.HIGH", &base, input()));
    }
    if o.is_at_or_above(t.mg_toxic.value) {
        items.push(ctx.build(
            "MG.TOXIC",
            &with("threshold", ctx.num(t.mg_toxic.value)),
            input(),
        ));
    }
    for item in items {
        ctx.emit(item);
    }
}

/// Conditions and age that raise the prior for magnesium deficiency (CVD.MG_RISK).
fn risk(ctx: &mut Context) {
    let (names, inputs) = risk_factors(ctx);
    if names.is_empty() {
        return;
    }
    let factors = capitalize(&join_names(ctx, &names));
    let item = ctx.build("CVD.MG_RISK", &[("factors", Arg::text(factors))], inputs);
    ctx.emit(item);
}

/// The CVD.MG_RISK factors present, as names for a text and the inputs they came from.
fn risk_factors(ctx: &Context) -> (Vec<String>, Vec<Input>) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    for (class, message) in [
        (ConditionClass::Hypertension, "factor-hypertension"),
        (
            ConditionClass::ChronicCerebralIschaemia,
            "factor-chronic-cerebral-ischaemia",
        ),
        (
            ConditionClass::PeripheralAtherosclerosis,
            "factor-peripheral-atherosclerosis",
        ),
        (ConditionClass::Type2Diabetes, "factor-type2-diabetes"),
    ] {
        let conditions: Vec<_> = ctx.record.active_conditions(class).collect();
        if !conditions.is_empty() {
            names.push(ctx.text(message, &[]));
            inputs.extend(conditions.into_iter().map(condition_input));
        }
    }
    if let Some(age) = ctx
        .age
        .filter(|a| f64::from(*a) >= ctx.thresholds.cvd_risk_age.value)
    {
        names.push(ctx.text("factor-age", &[("age", Arg::Number(f64::from(age)))]));
        inputs.push(age_input(age));
    }
    (names, inputs)
}

fn atherosclerosis(ctx: &mut Context, o: &Observation) {
    let (lower, _) = reference(ctx, o);
    let Some(condition) = ctx
        .record
        .active_conditions(ConditionClass::PeripheralAtherosclerosis)
        .next()
    else {
        return;
    };
    if o.is_below(lower) {
        let item = ctx.build(
            "ATHERO.MG_LOW",
            &[
                ("value", Arg::text(ctx.num(o.value))),
                ("lower", Arg::text(ctx.num(lower))),
            ],
            vec![observation_input(o), condition_input(condition)],
        );
        ctx.emit(item);
    }
}

/// MG.REPLETE: severe deficiency by the IV route, otherwise oral; a route a safety rule
/// blocks is suppressed, and with it the recommendation when no route is left. On a result
/// past its freshness limit the recommendation is withheld (suppressed by DATA.STALE): the
/// level is to be measured again first.
fn replete(ctx: &mut Context, o: &Observation, fresh: bool) {
    let (lower, _) = reference(ctx, o);
    if !o.is_below(lower) {
        return;
    }
    let severe = o.is_below(ctx.thresholds.mg_severe.value);
    let iv_blocked = ctx.has(IV_CONTRA);
    let oral_blocked = ctx.has(RENAL);
    let build = |ctx: &Context, route: &str| {
        let mut item = ctx.build(
            "MG.REPLETE",
            &[
                ("value", Arg::text(ctx.num(o.value))),
                ("route", route.into()),
                ("severe", Arg::text(ctx.num(ctx.thresholds.mg_severe.value))),
            ],
            vec![observation_input(o)],
        );
        item.route = Some(if route == "iv" { "iv" } else { "oral" }.to_string());
        item
    };
    if !fresh {
        let blocked = build(ctx, if severe { "iv" } else { "oral" });
        ctx.suppress(blocked, &["DATA.STALE"]);
    } else if severe {
        if iv_blocked {
            let blocked = build(ctx, "iv");
            ctx.suppress(blocked, &[IV_CONTRA]);
            if oral_blocked {
                let blocked = build(ctx, "oral-iv-blocked");
                ctx.suppress(blocked, &[RENAL]);
            } else {
                let item = build(ctx, "oral-iv-blocked");
                ctx.emit(item);
                ctx.oral_magnesium_recommended = true;
            }
        } else {
            let item = build(ctx, "iv");
            ctx.emit(item);
        }
    } else if oral_blocked {
        let blocked = build(ctx, "oral");
        ctx.suppress(blocked, &[RENAL]);
    } else {
        let item = build(ctx, "oral");
        ctx.emit(item);
        ctx.oral_magnesium_recommended = true;
    }
}

/// Why magnesium should have been measured: ischemic stroke, CVD.MG_RISK factors, PPI or
/// diuretic use.
fn prior_reasons(ctx: &Context) -> (Vec<String>, Vec<Input>) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    let strokes: Vec<_> = ctx
        .record
        .conditions
        .iter()
        .filter(|c| {
            (c.is(ConditionClass::IschemicStroke) && (c.active || c.onset.is_some()))
                || (c.active && c.is(ConditionClass::StrokeSequelae))
        })
        .collect();
    if !strokes.is_empty() {
        names.push(ctx.text("factor-ischemic-stroke", &[]));
        inputs.extend(strokes.into_iter().map(condition_input));
    }
    let (risk_names, risk_inputs) = risk_factors(ctx);
    names.extend(risk_names);
    inputs.extend(risk_inputs);
    let ppis: Vec<_> = ctx.record.taking(DrugClass::ProtonPumpInhibitor).collect();
    if !ppis.is_empty() {
        names.push(ctx.text("factor-ppi", &[]));
        inputs.extend(ppis.into_iter().map(medication_input));
    }
    let diuretics: Vec<_> = ctx
        .record
        .medications
        .iter()
        .filter(|m| m.active && (m.is(DrugClass::LoopDiuretic) || m.is(DrugClass::Thiazide)))
        .collect();
    if !diuretics.is_empty() {
        names.push(ctx.text("factor-diuretic", &[]));
        inputs.extend(diuretics.into_iter().map(medication_input));
    }
    (names, inputs)
}

/// Emits DATA.STALE and MG.NOT_MEASURED as they apply; returns whether the magnesium result
/// is within its freshness limit.
fn not_measured_or_stale(ctx: &mut Context, magnesium: Option<&Observation>) -> bool {
    let t = ctx.thresholds;
    let acute = ctx.acute_stroke.is_some();
    let limit_hours = if acute {
        t.mg_freshness_acute_stroke.value
    } else {
        t.mg_freshness.value * 24.0
    };
    let age_hours = magnesium.map(|o| (ctx.at - o.effective).num_seconds() as f64 / 3600.0);
    let fresh = age_hours.is_some_and(|h| h <= limit_hours);
    let limit_shown = if acute {
        t.mg_freshness_acute_stroke.value
    } else {
        t.mg_freshness.value
    };

    if let (Some(o), Some(hours)) = (magnesium, age_hours) {
        if !fresh {
            let age = if acute {
                hours.floor()
            } else {
                (hours / 24.0).floor()
            };
            let item = ctx.build(
                "DATA.STALE",
                &[
                    ("acute", if acute { "yes" } else { "no" }.into()),
                    ("date", Arg::text(ctx.date(o.effective))),
                    ("age", Arg::Number(age)),
                    ("limit", Arg::Number(limit_shown)),
                ],
                vec![observation_input(o)],
            );
            ctx.emit(item);
        }
    }
    if fresh {
        return true;
    }
    let (names, mut inputs) = prior_reasons(ctx);
    if names.is_empty() {
        return false;
    }
    inputs.extend(magnesium.map(observation_input));
    let reasons = capitalize(&join_names(ctx, &names));
    let item = ctx.build(
        "MG.NOT_MEASURED",
        &[
            ("reasons", Arg::text(reasons)),
            ("acute", if acute { "yes" } else { "no" }.into()),
            ("limit", Arg::Number(limit_shown)),
        ],
        inputs,
    );
    ctx.emit(item);
    false
}

/// DIET.MG_INTAKE when magnesium is below the proposed optimum or the prior is raised, and
/// not when it is above the reference interval.
fn diet(ctx: &mut Context, magnesium: Option<&Observation>) {
    let t = ctx.thresholds;
    let low = magnesium.is_some_and(|o| o.is_below(t.mg_optimal.value.max(reference(ctx, o).0)));
    let high = magnesium.is_some_and(|o| o.is_above(reference(ctx, o).1));
    if high || !(low || ctx.has("CVD.MG_RISK")) {
        return;
    }
    let (group, rda) = match (ctx.record.sex, ctx.age) {
        (Sex::Male, Some(19..=30)) => ("men-19-30", t.rda_men_19_30.value),
        (Sex::Male, Some(31..)) => ("men-31", t.rda_men_31_plus.value),
        (Sex::Female, Some(19..=30)) => ("women-19-30", t.rda_women_19_30.value),
        (Sex::Female, Some(31..)) => ("women-31", t.rda_women_31_plus.value),
        _ => ("adults", 0.0),
    };
    let mut inputs: Vec<_> = magnesium.map(observation_input).into_iter().collect();
    inputs.extend(ctx.age.map(age_input));
    let item = ctx.build(
        "DIET.MG_INTAKE",
        &[("group", group.into()), ("rda", Arg::text(ctx.num(rda)))],
        inputs,
    );
    if ctx.has(RENAL) {
        ctx.suppress(item, &[RENAL]);
    } else {
        ctx.emit(item);
    }
}
