//! Magnesium rules: the serum level against its reference interval and the seed's
//! thresholds, obstetric magnesium sulfate therapy, escalation of a severe level that cannot
//! be treated the usual way, the prior for deficiency, repletion (with the routes safety
//! rules allow), diet, and the freshness of the result used.

use crate::context::{
    age_input, capitalize, condition_input, hours_between, join_names, medication_input,
    observation_input, Context, Swallow,
};
use crate::safety::{IV_CAUTION, IV_CONTRA, RENAL};
use crate::Input;
use neuronutri_knowledge::{Arg, Severity};
use neuronutri_model::{Analyte, ConditionClass, DrugClass, Medication, Observation, Sex};

/// Codes that OBSTETRIC.MG_THERAPY replaces while it applies.
const OBSTETRIC: &str = "OBSTETRIC.MG_THERAPY";

pub(crate) fn evaluate(ctx: &mut Context) {
    let magnesium = ctx.record.latest(Analyte::SerumMagnesium);
    let freshness = freshness(ctx, magnesium);
    let obstetric = ctx
        .pregnancy
        .as_ref()
        .is_some_and(|p| p.obstetric_magnesium());
    if obstetric {
        obstetric_therapy(ctx, magnesium);
    }
    if let Some(observation) = magnesium {
        level(ctx, observation, obstetric);
    }
    let escalated = magnesium.is_some_and(|o| escalate(ctx, o, freshness.fresh));
    if !obstetric {
        risk(ctx, magnesium, freshness.fresh);
    }
    stale(ctx, magnesium, &freshness);
    if !freshness.fresh && !escalated {
        not_measured(ctx, magnesium, &freshness);
    }
    if let Some(observation) = magnesium {
        atherosclerosis(ctx, observation);
        if !obstetric {
            replete(ctx, observation, freshness.fresh);
        }
    }
    if !obstetric {
        diet(ctx, magnesium);
    }
}

/// The reference interval in force for a result: the lab's own, else the defaults.
pub(crate) fn reference(ctx: &Context, o: &Observation) -> (f64, f64) {
    (
        o.reference_low.unwrap_or(ctx.thresholds.mg_lower_ref.value),
        o.reference_high
            .unwrap_or(ctx.thresholds.mg_upper_ref.value),
    )
}

/// Whether the latest magnesium is below its lower reference limit.
pub(crate) fn is_low(ctx: &Context, o: &Observation) -> bool {
    o.is_below(reference(ctx, o).0)
}

/// Every magnesium threshold, for display rounding that never crosses one.
fn cuts(ctx: &Context, o: &Observation) -> Vec<f64> {
    let t = ctx.thresholds;
    let (lower, upper) = reference(ctx, o);
    vec![
        lower,
        upper,
        t.mg_optimal.value,
        t.mg_seed_risk.value,
        t.mg_severe.value,
        t.mg_toxic.value,
        t.mg_obstetric_range_low.value,
        t.mg_obstetric_range_high.value,
        t.mg_obstetric_critical.value,
        lower * t.mg_acute_stroke_fraction_of_lower_ref.value,
    ]
}

/// The magnesium value as displayed.
pub(crate) fn shown(ctx: &Context, o: &Observation) -> String {
    ctx.value(o, &cuts(ctx, o))
}

/// Active products that contain magnesium (supplements, infusions, laxatives, antacids).
pub(crate) fn magnesium_products<'a>(ctx: &Context<'a>) -> Vec<&'a Medication> {
    ctx.record
        .medications
        .iter()
        .filter(|m| m.active && m.contains_magnesium())
        .collect()
}

fn level(ctx: &mut Context, o: &Observation, obstetric: bool) {
    let t = ctx.thresholds;
    let (lower, upper) = reference(ctx, o);
    let (value_text, date_text) = (shown(ctx, o), ctx.date(o.effective));
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
    } else if o.is_at_or_above(lower) && o.is_below(t.mg_optimal.value) {
        // A band is only claimed when the whole range a comparator allows lies in it:
        // "<0.8" may be below the lower limit, so it is neither MG.LOW nor below-optimal.
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
            args.push(("limit", Arg::text(ctx.num(limit))));
            items.push(ctx.build("MG.ACUTE_STROKE_CRITICAL", &args, inputs));
        }
    }
    if !obstetric {
        if o.is_above(upper) {
            let products = magnesium_products(ctx);
            let mut inputs = input();
            inputs.extend(products.iter().map(|m| medication_input(m)));
            let names = join_names(ctx, &products.iter().map(|m| m.label()).collect::<Vec<_>>());
            let mut args = base.to_vec();
            args.push(("products", Arg::text(names)));
            args.push((
                "taking",
                if products.is_empty() { "no" } else { "yes" }.into(),
            ));
            items.push(ctx.build("MG.HIGH", &args, inputs));
        }
        if o.is_at_or_above(t.mg_toxic.value) {
            items.push(ctx.build(
                "MG.TOXIC",
                &with("threshold", ctx.num(t.mg_toxic.value)),
                input(),
            ));
        }
    }
    for item in items {
        ctx.emit(item);
    }
}

/// OBSTETRIC.MG_THERAPY: the level against the label's anticonvulsant range, the monitoring
/// the label lists, and that the obstetric protocol governs.
fn obstetric_therapy(ctx: &mut Context, magnesium: Option<&Observation>) {
    let t = ctx.thresholds;
    let Some(pregnancy) = &ctx.pregnancy else {
        return;
    };
    let mut inputs = pregnancy.inputs.clone();
    // Pre-eclampsia is also a pregnancy condition: each condition once.
    for condition in &pregnancy.pre_eclampsia {
        if !inputs.iter().any(|i| i.entry == Some(condition.entry)) {
            inputs.push(condition_input(condition));
        }
    }
    inputs.extend(pregnancy.iv_magnesium.iter().map(|m| medication_input(m)));
    let (low, high, critical) = (
        t.mg_obstetric_range_low.value,
        t.mg_obstetric_range_high.value,
        t.mg_obstetric_critical.value,
    );
    let (band, severity) = match magnesium {
        None => ("none", Severity::Info),
        Some(o) if o.is_at_or_above(critical) => ("critical", Severity::Critical),
        Some(o) if o.is_above(high) => ("above", Severity::Warning),
        Some(o) if o.is_below(low) => ("below", Severity::Info),
        Some(_) => ("within", Severity::Info),
    };
    let value = magnesium.map(|o| shown(ctx, o)).unwrap_or_default();
    let date = magnesium.map(|o| ctx.date(o.effective)).unwrap_or_default();
    inputs.extend(magnesium.map(observation_input));
    let mut item = ctx.build(
        OBSTETRIC,
        &[
            ("band", band.into()),
            ("value", Arg::text(value)),
            ("date", Arg::text(date)),
            ("low", Arg::text(ctx.num(low))),
            ("high", Arg::text(ctx.num(high))),
            ("critical", Arg::text(ctx.num(critical))),
            ("reflexes", Arg::text(ctx.num(t.mg_toxic.value))),
        ],
        inputs,
    );
    item.severity = severity;
    ctx.emit(item);
}

/// MG.SEVERE_ESCALATE: a severe level whose usual treatment is blocked or cautioned, or whose
/// result is stale, or in acute stroke before a swallow screen. Returns whether it fired.
fn escalate(ctx: &mut Context, o: &Observation, fresh: bool) -> bool {
    if !o.is_below(ctx.thresholds.mg_severe.value) {
        return false;
    }
    let mut reasons = Vec::new();
    if ctx.has(IV_CONTRA) {
        reasons.push(ctx.text("escalate-iv-contra", &[]));
    }
    if ctx.has(IV_CAUTION) {
        reasons.push(ctx.text("escalate-iv-caution", &[]));
    }
    if !fresh {
        reasons.push(ctx.text(
            "escalate-stale",
            &[("date", Arg::text(ctx.date(o.effective)))],
        ));
    }
    if ctx.acute_stroke.is_some() && matches!(ctx.swallow, Swallow::BeforeScreen(_)) {
        reasons.push(ctx.text("escalate-swallow", &[]));
    }
    if reasons.is_empty() {
        return false;
    }
    let item = ctx.build(
        "MG.SEVERE_ESCALATE",
        &[
            ("value", Arg::text(shown(ctx, o))),
            (
                "threshold",
                Arg::text(ctx.num(ctx.thresholds.mg_severe.value)),
            ),
            ("reasons", Arg::text(join_names(ctx, &reasons))),
        ],
        vec![observation_input(o)],
    );
    ctx.emit(item);
    true
}

/// Conditions and age that raise the prior for magnesium deficiency (CVD.MG_RISK); not shown
/// when a fresh result is at or above the lower reference limit.
fn risk(ctx: &mut Context, magnesium: Option<&Observation>, fresh: bool) {
    if fresh && magnesium.is_some_and(|o| !is_low(ctx, o)) {
        return;
    }
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
                ("value", Arg::text(shown(ctx, o))),
                ("lower", Arg::text(ctx.num(lower))),
            ],
            vec![observation_input(o), condition_input(condition)],
        );
        ctx.emit(item);
    }
}

/// MG.REPLETE: severe deficiency by the IV route, otherwise oral; a route a safety rule
/// blocks is suppressed, and with it the recommendation when no route is left. Before a
/// swallow screen after stroke the oral route is named only "after a passed swallow screen".
/// On a result past its freshness limit the recommendation is withheld (suppressed by
/// DATA.STALE): the level is to be measured again first.
fn replete(ctx: &mut Context, o: &Observation, fresh: bool) {
    if !is_low(ctx, o) {
        return;
    }
    let severe = o.is_below(ctx.thresholds.mg_severe.value);
    let iv_blocked = ctx.has(IV_CONTRA);
    let oral_blocked = ctx.has(RENAL);
    let screen = match ctx.swallow {
        Swallow::BeforeScreen(code) => Some(code),
        Swallow::Free => None,
    };
    let build = |ctx: &Context, route: &str| {
        let mut item = ctx.build(
            "MG.REPLETE",
            &[
                ("value", Arg::text(shown(ctx, o))),
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
    } else if severe && !iv_blocked {
        let item = build(ctx, "iv");
        ctx.emit(item);
    } else {
        // The oral route: severe with IV contraindicated, or not severe.
        let route = if severe { "oral-iv-blocked" } else { "oral" };
        if severe {
            let blocked = build(ctx, "iv");
            ctx.suppress(blocked, &[IV_CONTRA]);
        }
        if oral_blocked {
            let blocked = build(ctx, route);
            ctx.suppress(blocked, &[RENAL]);
        } else if let Some(code) = screen {
            if severe {
                let blocked = build(ctx, route);
                ctx.suppress(blocked, &[code]);
            } else {
                let item = build(ctx, "oral-after-screen");
                ctx.emit(item);
            }
        } else {
            let item = build(ctx, route);
            ctx.emit(item);
            ctx.oral_magnesium_recommended = true;
        }
    }
}

/// Whether the latest magnesium is within its freshness limit, and the numbers to say so.
pub(crate) struct Freshness {
    pub fresh: bool,
    acute: bool,
    /// Age of the result in hours, when there is one.
    age_hours: Option<f64>,
}

fn freshness(ctx: &Context, magnesium: Option<&Observation>) -> Freshness {
    let t = ctx.thresholds;
    let acute = ctx.acute_stroke.is_some();
    let limit_hours = if acute {
        t.mg_freshness_acute_stroke.value
    } else {
        t.mg_freshness.value * 24.0
    };
    let age_hours = magnesium.map(|o| hours_between(o.effective, ctx.at));
    Freshness {
        fresh: age_hours.is_some_and(|h| h <= limit_hours),
        acute,
        age_hours,
    }
}

fn limit_shown(ctx: &Context, acute: bool) -> f64 {
    let t = ctx.thresholds;
    if acute {
        t.mg_freshness_acute_stroke.value
    } else {
        t.mg_freshness.value
    }
}

/// DATA.STALE for a magnesium result past its freshness limit.
fn stale(ctx: &mut Context, magnesium: Option<&Observation>, freshness: &Freshness) {
    let (Some(o), Some(hours)) = (magnesium, freshness.age_hours) else {
        return;
    };
    if freshness.fresh {
        return;
    }
    let acute = freshness.acute;
    let age = if acute {
        hours.floor()
    } else {
        (hours / 24.0).floor()
    };
    let item = ctx.build(
        "DATA.STALE",
        &[
            ("analyte", "magnesium".into()),
            ("acute", if acute { "yes" } else { "no" }.into()),
            ("date", Arg::text(ctx.date(o.effective))),
            ("age", Arg::Number(age)),
            ("limit", Arg::Number(limit_shown(ctx, acute))),
        ],
        vec![observation_input(o)],
    );
    ctx.emit(item);
}

/// Why magnesium should have been measured: ischemic stroke at any time, CVD.MG_RISK factors,
/// a PPI for long enough, a diuretic, digoxin.
fn prior_reasons(ctx: &Context) -> (Vec<String>, Vec<Input>) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    let strokes: Vec<_> = ctx
        .record
        .conditions
        .iter()
        .filter(|c| {
            c.is(ConditionClass::IschemicStroke)
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
    let ppis: Vec<_> = crate::drugs::long_term_ppis(ctx).collect();
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
    let digoxin: Vec<_> = ctx.record.taking(DrugClass::Digoxin).collect();
    if !digoxin.is_empty() {
        names.push(ctx.text("factor-digoxin", &[]));
        inputs.extend(digoxin.into_iter().map(medication_input));
    }
    (names, inputs)
}

/// MG.NOT_MEASURED when the prior is raised and no fresh result exists.
fn not_measured(ctx: &mut Context, magnesium: Option<&Observation>, freshness: &Freshness) {
    let (names, mut inputs) = prior_reasons(ctx);
    if names.is_empty() {
        return;
    }
    inputs.extend(magnesium.map(observation_input));
    let reasons = capitalize(&join_names(ctx, &names));
    let acute = freshness.acute;
    let item = ctx.build(
        "MG.NOT_MEASURED",
        &[
            ("reasons", Arg::text(reasons)),
            ("acute", if acute { "yes" } else { "no" }.into()),
            ("limit", Arg::Number(limit_shown(ctx, acute))),
        ],
        inputs,
    );
    ctx.emit(item);
}

/// DIET.MG_INTAKE when magnesium is below the proposed optimum or the prior is raised; not
/// when it is above the reference interval, under 1 year of age, or before a swallow screen
/// after stroke (suppressed).
fn diet(ctx: &mut Context, magnesium: Option<&Observation>) {
    let t = ctx.thresholds;
    let low = magnesium.is_some_and(|o| o.is_below(t.mg_optimal.value.max(reference(ctx, o).0)));
    let high = magnesium.is_some_and(|o| o.is_above(reference(ctx, o).1));
    if high || !(low || ctx.has("CVD.MG_RISK")) || ctx.age == Some(0) {
        return;
    }
    let pregnant = ctx.pregnancy.is_some();
    let (group, rda) = match (pregnant, ctx.record.sex, ctx.age) {
        (true, _, Some(14..=18)) => ("pregnancy-14-18", t.rda_pregnancy_14_18.value),
        (true, _, Some(19..=30)) => ("pregnancy-19-30", t.rda_pregnancy_19_30.value),
        (true, _, Some(31..=50)) => ("pregnancy-31-50", t.rda_pregnancy_31_50.value),
        (true, _, _) => ("pregnancy", 0.0),
        (_, _, Some(1..=3)) => ("children-1-3", t.rda_1_3.value),
        (_, _, Some(4..=8)) => ("children-4-8", t.rda_4_8.value),
        (_, _, Some(9..=13)) => ("children-9-13", t.rda_9_13.value),
        (_, Sex::Male, Some(14..=18)) => ("boys-14-18", t.rda_boys_14_18.value),
        (_, Sex::Female, Some(14..=18)) => ("girls-14-18", t.rda_girls_14_18.value),
        (_, _, Some(14..=18)) => ("adolescents", 0.0),
        (_, Sex::Male, Some(19..=30)) => ("men-19-30", t.rda_men_19_30.value),
        (_, Sex::Male, Some(31..)) => ("men-31", t.rda_men_31_plus.value),
        (_, Sex::Female, Some(19..=30)) => ("women-19-30", t.rda_women_19_30.value),
        (_, Sex::Female, Some(31..)) => ("women-31", t.rda_women_31_plus.value),
        _ => ("adults", 0.0),
    };
    let mut inputs: Vec<_> = magnesium.map(observation_input).into_iter().collect();
    inputs.extend(ctx.age.map(age_input));
    if let Some(pregnancy) = &ctx.pregnancy {
        inputs.extend(pregnancy.inputs.iter().cloned());
    }
    let item = ctx.build(
        "DIET.MG_INTAKE",
        &[
            ("group", group.into()),
            ("rda", Arg::text(ctx.num(rda))),
            ("men_low", Arg::text(ctx.num(t.rda_men_19_30.value))),
            ("men_high", Arg::text(ctx.num(t.rda_men_31_plus.value))),
            ("women_low", Arg::text(ctx.num(t.rda_women_19_30.value))),
            ("women_high", Arg::text(ctx.num(t.rda_women_31_plus.value))),
        ],
        inputs,
    );
    if ctx.has(RENAL) {
        ctx.suppress(item, &[RENAL]);
    } else if let Swallow::BeforeScreen(code) = ctx.swallow {
        ctx.suppress(item, &[code]);
    } else {
        ctx.emit(item);
    }
}
