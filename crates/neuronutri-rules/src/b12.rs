//! Vitamin B12 rules: total B12 against the BSH and NICE cut-offs, metabolic markers
//! (methylmalonic acid, homocysteine) with the renal caveat, holotranscobalamin, and the
//! treatment schedule when a deficiency meets a neurological condition.

use crate::context::{join_names, observation_input, Context};
use crate::Input;
use neuronutri_knowledge::{Arg, Severity};
use neuronutri_model::{Analyte, ConditionClass};

/// Conditions counted as neurological involvement that B12 deficiency causes (KNOWLEDGE.md,
/// B12.TREAT_NEURO): not stroke, chronic cerebral ischaemia or HFS.
const NEUROLOGICAL: [ConditionClass; 1] = [ConditionClass::B12NeurologicalInvolvement];

pub(crate) fn evaluate(ctx: &mut Context) {
    let t = ctx.thresholds;
    let mut items = Vec::new();
    let mut deficiency: Option<(String, Vec<Input>)> = None;
    let b12 = ctx.record.latest(Analyte::VitaminB12);
    if let Some(o) = b12 {
        let deficient_below = o.reference_low.unwrap_or(t.b12_deficient_below.value);
        let value = Arg::text(ctx.value(o, &[deficient_below, t.b12_indeterminate_max.value]));
        let date = Arg::text(ctx.date(o.effective));
        if o.is_below(deficient_below) {
            items.push(ctx.build(
                "B12.DEFICIENT",
                &[
                    ("value", value.clone()),
                    ("date", date),
                    ("threshold", Arg::text(ctx.num(deficient_below))),
                ],
                vec![observation_input(o)],
            ));
            let basis = ctx.text("b12-basis-total", &[("value", value)]);
            deficiency = Some((basis, vec![observation_input(o)]));
        } else if o.is_at_or_below(t.b12_indeterminate_max.value) {
            items.push(ctx.build(
                "B12.INDETERMINATE",
                &[
                    ("value", value),
                    ("date", date),
                    ("low", Arg::text(ctx.num(deficient_below))),
                    ("high", Arg::text(ctx.num(t.b12_indeterminate_max.value))),
                ],
                vec![observation_input(o)],
            ));
        }
        if o.is_at_or_below(t.b12_indeterminate_max.value) {
            if let Some(item) = metabolic(ctx, o) {
                if deficiency.is_none() {
                    deficiency = Some((ctx.text("b12-basis-metabolic", &[]), item.inputs.clone()));
                }
                items.push(item);
            }
        }
    }
    if let Some(o) = ctx.record.latest(Analyte::Holotranscobalamin) {
        let (deficient, indeterminate) = (
            t.holotc_deficient_below.value,
            t.holotc_indeterminate_max.value,
        );
        let band = if o.is_below(deficient) {
            Some("deficient")
        } else if o.is_at_or_below(indeterminate) {
            Some("indeterminate")
        } else {
            None
        };
        if let Some(band) = band {
            let mut item = ctx.build(
                "HOLOTC.LOW",
                &[
                    ("band", band.into()),
                    ("value", Arg::text(ctx.num(o.value))),
                    ("deficient", Arg::text(ctx.num(deficient))),
                    ("indeterminate", Arg::text(ctx.num(indeterminate))),
                ],
                vec![observation_input(o)],
            );
            if band == "indeterminate" {
                item.severity = Severity::Info;
            } else if deficiency.is_none() {
                let basis = ctx.text(
                    "b12-basis-holotc",
                    &[("value", Arg::text(ctx.num(o.value)))],
                );
                deficiency = Some((basis, vec![observation_input(o)]));
            }
            items.push(item);
        }
    }
    if let Some((basis, mut inputs)) = deficiency {
        let conditions: Vec<_> = ctx
            .record
            .conditions
            .iter()
            .filter(|c| c.active && NEUROLOGICAL.iter().any(|class| c.is(*class)))
            .collect();
        if !conditions.is_empty() {
            let codes: Vec<String> = conditions.iter().map(|c| c.code.clone()).collect();
            inputs.extend(
                conditions
                    .iter()
                    .map(|c| crate::context::condition_input(c)),
            );
            let codes = join_names(ctx, &codes);
            items.push(ctx.build(
                "B12.TREAT_NEURO",
                &[
                    ("basis", Arg::text(basis)),
                    ("conditions", Arg::text(codes)),
                ],
                inputs,
            ));
        }
    }
    for item in items {
        ctx.emit(item);
    }
}

/// B12.METABOLIC_DEFICIENCY: raised methylmalonic acid or homocysteine beside a low or
/// indeterminate B12, with the renal caveat.
fn metabolic(ctx: &Context, b12: &neuronutri_model::Observation) -> Option<crate::Item> {
    let t = ctx.thresholds;
    let mut markers = Vec::new();
    let mut inputs = vec![observation_input(b12)];
    for (analyte, limit, message) in [
        (
            Analyte::MethylmalonicAcid,
            t.mma_high_above.value,
            "marker-mma",
        ),
        (
            Analyte::Homocysteine,
            t.homocysteine_high_above.value,
            "marker-homocysteine",
        ),
    ] {
        if let Some(o) = ctx.record.latest(analyte).filter(|o| o.is_above(limit)) {
            markers.push(ctx.text(
                message,
                &[
                    ("value", Arg::text(ctx.num(o.value))),
                    ("limit", Arg::text(ctx.num(limit))),
                ],
            ));
            inputs.push(observation_input(o));
        }
    }
    if markers.is_empty() {
        return None;
    }
    let renal = ctx
        .egfr
        .as_ref()
        .filter(|e| e.value < t.egfr_renal_impairment_below.value);
    if let Some(egfr) = renal {
        inputs.extend(crate::context::egfr_input(egfr));
    }
    Some(ctx.build(
        "B12.METABOLIC_DEFICIENCY",
        &[
            ("value", Arg::text(ctx.num(b12.value))),
            ("markers", Arg::text(join_names(ctx, &markers))),
            ("renal", if renal.is_some() { "yes" } else { "no" }.into()),
            (
                "egfr",
                Arg::text(renal.map(|e| ctx.num(e.value.round())).unwrap_or_default()),
            ),
        ],
        inputs,
    ))
}
