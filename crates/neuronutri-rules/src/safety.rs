//! Safety and interaction rules. Contraindications are evaluated before anything that
//! could recommend magnesium, so that they can suppress it; interactions and side-effect
//! notes are evaluated after, because they depend on what was recommended.

use crate::context::{
    age_input, capitalize, condition_input, egfr_input, join_names, medication_input, Context,
};
use neuronutri_knowledge::Arg;
use neuronutri_model::{ConditionClass, DrugClass};

/// Codes of the contraindications that block a route of magnesium.
pub(crate) const RENAL: &str = "SAFETY.MG_RENAL";
pub(crate) const IV_CONTRA: &str = "SAFETY.MG_IV_CONTRA";
pub(crate) const OROTATE_CONTRA: &str = "SAFETY.MG_OROTATE_CONTRA";

/// Contraindications that do not depend on other outputs.
pub(crate) fn evaluate(ctx: &mut Context) {
    renal(ctx);
    iv_contraindication(ctx);
    above_upper_limit(ctx);
}

/// Rules that read what the other rules recommended.
pub(crate) fn evaluate_dependent(ctx: &mut Context) {
    orotate_contraindication(ctx);
    spacing(ctx);
    gastrointestinal(ctx);
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

fn iv_contraindication(ctx: &mut Context) {
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    for (class, message) in [
        (ConditionClass::AvBlock, "condition-av-block"),
        (ConditionClass::MyastheniaGravis, "condition-myasthenia"),
        (
            ConditionClass::MyocardialInfarction,
            "condition-myocardial-infarction",
        ),
    ] {
        for condition in ctx.record.active_conditions(class) {
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

fn above_upper_limit(ctx: &mut Context) {
    let taking: Vec<_> = oral_magnesium(ctx)
        .into_iter()
        .filter(|m| m.elemental_magnesium_mg_per_day().is_some())
        .collect();
    let total: f64 = taking
        .iter()
        .filter_map(|m| m.elemental_magnesium_mg_per_day())
        .sum();
    let limit = ctx.thresholds.mg_supplement_upper_limit.value;
    if total <= limit {
        return;
    }
    let drugs = join_names(ctx, &taking.iter().map(|m| m.label()).collect::<Vec<_>>());
    let item = ctx.build(
        "SAFETY.MG_ABOVE_UL",
        &[
            ("total", Arg::text(ctx.num(total.round()))),
            ("ul", Arg::text(ctx.num(limit))),
            ("drugs", Arg::text(drugs)),
        ],
        taking.into_iter().map(medication_input).collect(),
    );
    ctx.emit(item);
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

/// The active medication statements of oral magnesium.
fn oral_magnesium<'a>(ctx: &Context<'a>) -> Vec<&'a neuronutri_model::Medication> {
    ctx.record
        .medications
        .iter()
        .filter(|m| m.active && m.is_oral_magnesium())
        .collect()
}
