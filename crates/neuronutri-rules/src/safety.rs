//! Safety and interaction rules. Contraindications are evaluated before anything that
//! could recommend magnesium, so that they can suppress it; interactions and side-effect
//! notes are evaluated after, because they depend on what was recommended.

use crate::context::{
    age_input, capitalize, condition_input, egfr_input, hours_between, join_names,
    medication_input, observation_input, Context,
};
use crate::magnesium::{is_low, reference, shown};
use neuronutri_knowledge::Arg;
use neuronutri_model::{Analyte, ConditionClass, DrugClass};

/// Codes of the contraindications that block a route of magnesium.
pub(crate) const RENAL: &str = "SAFETY.MG_RENAL";
pub(crate) const IV_CONTRA: &str = "SAFETY.MG_IV_CONTRA";
pub(crate) const IV_CAUTION: &str = "SAFETY.MG_IV_CAUTION";
pub(crate) const OROTATE_CONTRA: &str = "SAFETY.MG_OROTATE_CONTRA";
pub(crate) const PREGNANCY: &str = "SAFETY.PREGNANCY";

/// Contraindications that do not depend on other outputs.
pub(crate) fn evaluate(ctx: &mut Context) {
    renal(ctx);
    iv_contraindication(ctx);
    iv_caution(ctx);
    pregnancy(ctx);
    above_upper_limit(ctx);
}

/// Rules that read what the other rules recommended.
pub(crate) fn evaluate_dependent(ctx: &mut Context) {
    orotate_contraindication(ctx);
    spacing(ctx);
    gastrointestinal(ctx);
    low_magnesium_interactions(ctx);
}

fn renal(ctx: &mut Context) {
    let limit = ctx.thresholds.egfr_oral_mg_contraindicated_below.value;
    let low_egfr = ctx
        .egfr
        .as_ref()
        .filter(|e| neuronutri_model::units::compare(e.value, limit) == std::cmp::Ordering::Less);
    let ckd = ctx.record.active_conditions(ConditionClass::Ckd4To5).next();
    let item = match (low_egfr, ckd) {
        (Some(egfr), _) => {
            let mut args = vec![
                ("egfr", Arg::text(ctx.shown(egfr.value, 0, &[limit]))),
                ("date", Arg::text(ctx.date(egfr.observation.effective))),
                ("limit", Arg::text(ctx.num(limit))),
            ];
            if egfr.computed {
                args.push(("basis", "egfr-computed".into()));
                args.push(("creatinine", Arg::text(ctx.num(egfr.observation.value))));
            } else {
                args.push(("basis", "egfr".into()));
            }
            let mut inputs = egfr_input(egfr);
            inputs.extend(ckd.map(condition_input));
            ctx.build(RENAL, &args, inputs)
        }
        (None, Some(condition)) => ctx.build(
            RENAL,
            &[
                ("basis", "ckd".into()),
                ("code", Arg::text(condition.code.clone())),
                ("limit", Arg::text(ctx.num(limit))),
            ],
            vec![condition_input(condition)],
        ),
        (None, None) => return,
    };
    ctx.emit(item);
}

/// SAFETY.MG_IV_CONTRA: second or third degree AV block, or myocardial damage (an acute MI,
/// I21/I22, with an onset within 28 days or without an onset: I21 is by definition within 4
/// weeks of onset).
fn iv_contraindication(ctx: &mut Context) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    let recent_days = ctx.thresholds.mi_recent.value;
    for (class, message) in [
        (ConditionClass::AvBlock, "condition-av-block"),
        (
            ConditionClass::MyocardialInfarction,
            "condition-myocardial-infarction",
        ),
    ] {
        for condition in ctx.record.active_conditions(class) {
            let recent = class != ConditionClass::MyocardialInfarction
                || condition
                    .onset
                    .is_none_or(|onset| hours_between(onset, ctx.at) <= recent_days * 24.0);
            if !recent {
                continue;
            }
            names.push(ctx.text(message, &[("code", Arg::text(condition.code.clone()))]));
            inputs.push(condition_input(condition));
        }
    }
    if names.is_empty() {
        return;
    }
    let conditions = capitalize(&join_names(ctx, &names));
    let item = ctx.build(IV_CONTRA, &[("conditions", Arg::text(conditions))], inputs);
    ctx.emit(item);
}

/// SAFETY.MG_IV_CAUTION: myasthenia gravis; blocks nothing by itself.
fn iv_caution(ctx: &mut Context) {
    let conditions: Vec<_> = ctx
        .record
        .active_conditions(ConditionClass::MyastheniaGravis)
        .collect();
    if conditions.is_empty() {
        return;
    }
    let codes = join_names(
        ctx,
        &conditions
            .iter()
            .map(|c| c.code.clone())
            .collect::<Vec<_>>(),
    );
    let item = ctx.build(
        IV_CAUTION,
        &[("code", Arg::text(codes))],
        conditions.into_iter().map(condition_input).collect(),
    );
    ctx.emit(item);
}

/// SAFETY.PREGNANCY: what pregnancy changes.
fn pregnancy(ctx: &mut Context) {
    let Some(pregnancy) = &ctx.pregnancy else {
        return;
    };
    let item = ctx.build(
        PREGNANCY,
        &[(
            "obstetric",
            if pregnancy.obstetric_magnesium() {
                "yes"
            } else {
                "no"
            }
            .into(),
        )],
        pregnancy.inputs.clone(),
    );
    ctx.emit(item);
}

/// The supplemental upper limit for the patient's age (IOM-1997-TABLES): 1–3 y, 4–8 y, 9 y and
/// over (also when the age is unknown); `None` under 1 year (not established).
pub(crate) fn upper_limit(ctx: &Context) -> Option<f64> {
    let t = ctx.thresholds;
    match ctx.age {
        Some(0) => None,
        Some(1..=3) => Some(t.mg_supplement_ul_1_3.value),
        Some(4..=8) => Some(t.mg_supplement_ul_4_8.value),
        _ => Some(t.mg_supplement_upper_limit.value),
    }
}

/// SAFETY.MG_ABOVE_UL: elemental magnesium from active non-intravenous magnesium-containing
/// medications above the UL for age.
fn above_upper_limit(ctx: &mut Context) {
    let taking: Vec<_> = oral_magnesium(ctx)
        .into_iter()
        .filter(|m| m.elemental_magnesium_mg_per_day().is_some())
        .collect();
    let total: f64 = taking
        .iter()
        .filter_map(|m| m.elemental_magnesium_mg_per_day())
        .sum();
    let Some(limit) = upper_limit(ctx) else {
        return;
    };
    if neuronutri_model::units::compare(total, limit) != std::cmp::Ordering::Greater {
        return;
    }
    let drugs = join_names(
        ctx,
        &taking
            .iter()
            .map(|m| {
                ctx.text(
                    "mg-dose-line",
                    &[
                        ("drug", Arg::text(m.label())),
                        (
                            "mg",
                            Arg::text(ctx.num(
                                (m.elemental_magnesium_mg_per_day().unwrap_or(0.0) * 10.0).round()
                                    / 10.0,
                            )),
                        ),
                        ("reading", reading_id(m).into()),
                    ],
                )
            })
            .collect::<Vec<_>>(),
    );
    let mut inputs: Vec<_> = taking.into_iter().map(medication_input).collect();
    inputs.extend(ctx.age.map(age_input));
    let item = ctx.build(
        "SAFETY.MG_ABOVE_UL",
        &[
            ("total", Arg::text(ctx.shown(total, 0, &[limit]))),
            ("ul", Arg::text(ctx.num(limit))),
            ("drugs", Arg::text(drugs)),
            ("age", Arg::Number(ctx.age.map(f64::from).unwrap_or(0.0))),
            ("known", if ctx.age.is_some() { "yes" } else { "no" }.into()),
        ],
        inputs,
    );
    ctx.emit(item);
}

/// How a medication's elemental magnesium was read, as a message selector.
pub(crate) fn reading_id(m: &neuronutri_model::Medication) -> &'static str {
    use neuronutri_model::MagnesiumReading;
    match m.magnesium.map(|d| d.reading) {
        Some(MagnesiumReading::Salt { .. }) => "salt",
        Some(MagnesiumReading::OrotateTablet) => "orotate",
        Some(MagnesiumReading::IngredientStrength) => "ingredient",
        Some(MagnesiumReading::Millimoles) => "mmol",
        Some(MagnesiumReading::NamedElemental) => "elemental",
        None => "none",
    }
}

/// SAFETY.MG_OROTATE_CONTRA when magnesium orotate is taken or would be recommended (the
/// post-stroke schedule).
fn orotate_contraindication(ctx: &mut Context) {
    let taking: Vec<_> = ctx.record.taking(DrugClass::MagnesiumOrotate).collect();
    if taking.is_empty() && !ctx.orotate_considered {
        return;
    }
    let (names, mut inputs) = orotate_contraindications(ctx);
    if names.is_empty() {
        return;
    }
    inputs.extend(taking.into_iter().map(medication_input));
    let conditions = capitalize(&join_names(ctx, &names));
    let item = ctx.build(
        OROTATE_CONTRA,
        &[("conditions", Arg::text(conditions))],
        inputs,
    );
    ctx.emit(item);
}

/// The label contraindications of magnesium orotate present in the record (renal
/// dysfunction is `SAFETY.MG_RENAL`'s).
pub(crate) fn orotate_contraindications(ctx: &Context) -> (Vec<String>, Vec<crate::Input>) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    for condition in ctx.record.active_conditions(ConditionClass::Urolithiasis) {
        names.push(ctx.text(
            "condition-urolithiasis",
            &[("code", Arg::text(condition.code.clone()))],
        ));
        inputs.push(condition_input(condition));
    }
    let cirrhosis = ctx
        .record
        .active_conditions(ConditionClass::Cirrhosis)
        .next();
    let ascites = ctx.record.active_conditions(ConditionClass::Ascites).next();
    if let (Some(cirrhosis), Some(ascites)) = (cirrhosis, ascites) {
        let code = format!("{} + {}", cirrhosis.code, ascites.code);
        names.push(ctx.text("condition-cirrhosis-ascites", &[("code", Arg::text(code))]));
        inputs.push(condition_input(cirrhosis));
        inputs.push(condition_input(ascites));
    }
    if let Some(age) = ctx.age.filter(|a| *a < 18) {
        names.push(ctx.text(
            "condition-under-18",
            &[("age", Arg::Number(f64::from(age)))],
        ));
        inputs.push(age_input(age));
    }
    (names, inputs)
}

const SPACED: [(DrugClass, &str); 7] = [
    (DrugClass::Tetracycline, "tetracycline"),
    (DrugClass::Fluoroquinolone, "fluoroquinolone"),
    (DrugClass::Bisphosphonate, "bisphosphonate"),
    (DrugClass::Iron, "iron"),
    (DrugClass::Penicillamine, "penicillamine"),
    (DrugClass::Levothyroxine, "levothyroxine"),
    (DrugClass::Gabapentin, "gabapentin"),
];

fn spacing(ctx: &mut Context) {
    let magnesium = oral_magnesium(ctx);
    if magnesium.is_empty() && !ctx.oral_magnesium_recommended {
        return;
    }
    let magnesium_names = join_names(
        ctx,
        &magnesium.iter().map(|m| m.label()).collect::<Vec<_>>(),
    );
    let context = if magnesium.is_empty() {
        "recommended"
    } else {
        "taking"
    };
    let mut items = Vec::new();
    for (class, key) in SPACED {
        for drug in ctx.record.taking(class) {
            let mut inputs: Vec<_> = magnesium.iter().map(|m| medication_input(m)).collect();
            inputs.push(medication_input(drug));
            items.push(ctx.build(
                "INTERACTION.MG_SPACING",
                &[
                    ("context", context.into()),
                    ("class", key.into()),
                    ("drug", Arg::text(drug.label())),
                    ("magnesium", Arg::text(magnesium_names.clone())),
                ],
                inputs,
            ));
        }
    }
    for item in items {
        ctx.emit(item);
    }
}

fn gastrointestinal(ctx: &mut Context) {
    let magnesium = oral_magnesium(ctx);
    let item = if !magnesium.is_empty() {
        let names = join_names(
            ctx,
            &magnesium.iter().map(|m| m.label()).collect::<Vec<_>>(),
        );
        ctx.build(
            "MG.GI_EFFECTS",
            &[("context", "taking".into()), ("drug", Arg::text(names))],
            magnesium.into_iter().map(medication_input).collect(),
        )
    } else if ctx.oral_magnesium_recommended {
        ctx.build(
            "MG.GI_EFFECTS",
            &[("context", "recommended".into()), ("drug", "".into())],
            Vec::new(),
        )
    } else {
        return;
    };
    ctx.emit(item);
}

/// The active medication statements of magnesium taken by mouth: supplements, laxatives and
/// antacids that contain magnesium, not given intravenously.
pub(crate) fn oral_magnesium<'a>(ctx: &Context<'a>) -> Vec<&'a neuronutri_model::Medication> {
    ctx.record
        .medications
        .iter()
        .filter(|m| m.active && m.contains_magnesium() && !m.is_intravenous())
        .collect()
}

/// INTERACTION.QT_FLUOROQUINOLONE and INTERACTION.DIGOXIN_MG: an active fluoroquinolone or
/// digoxin with magnesium below the lower reference limit.
fn low_magnesium_interactions(ctx: &mut Context) {
    let Some(o) = ctx.record.latest(Analyte::SerumMagnesium) else {
        return;
    };
    if !is_low(ctx, o) {
        return;
    }
    let (lower, _) = reference(ctx, o);
    let mut items = Vec::new();
    for (class, code) in [
        (DrugClass::Fluoroquinolone, "INTERACTION.QT_FLUOROQUINOLONE"),
        (DrugClass::Digoxin, "INTERACTION.DIGOXIN_MG"),
    ] {
        for drug in ctx.record.taking(class) {
            items.push(ctx.build(
                code,
                &[
                    ("drug", Arg::text(drug.label())),
                    ("value", Arg::text(shown(ctx, o))),
                    ("lower", Arg::text(ctx.num(lower))),
                ],
                vec![medication_input(drug), observation_input(o)],
            ));
        }
    }
    for item in items {
        ctx.emit(item);
    }
}
