//! Vitamin B12 rules: total B12 against the NICE NG239 cut-offs (unrounded), metabolic
//! markers (methylmalonic acid, homocysteine) with the renal caveat, holotranscobalamin, the
//! freshness of the result, and treatment: urgent IM hydroxocobalamin when the deficiency
//! meets neurological involvement that B12 deficiency causes, the usual schedule otherwise,
//! and no new start advice for a patient already on B12.

use crate::context::{condition_input, egfr_input, join_names, observation_input, Context};
use crate::{Input, Item};
use neuronutri_knowledge::{Arg, Severity};
use neuronutri_model::{Analyte, ConditionClass, DrugClass, Observation};

/// Whether a B12 result (total or holotranscobalamin) is older than its freshness limit.
pub(crate) fn is_old(ctx: &Context, o: &Observation) -> bool {
    (ctx.at - o.effective).num_seconds() as f64 / 86_400.0 > ctx.thresholds.b12_freshness.value
}

/// Appends "this result is old" to a B12 finding built on an old result.
fn mark_old(ctx: &Context, item: &mut Item, o: &Observation) {
    if is_old(ctx, o) {
        let note = ctx.text(
            "result-old",
            &[
                ("date", Arg::text(ctx.date(o.effective))),
                ("limit", Arg::Number(ctx.thresholds.b12_freshness.value)),
            ],
        );
        item.text = format!("{} {note}", item.text);
    }
}

/// What the deficiency rests on.
struct Deficiency {
    basis: String,
    inputs: Vec<Input>,
    /// Only MMA or homocysteine, with eGFR below 60: renal impairment may explain it.
    renal_caveat: bool,
}

pub(crate) fn evaluate(ctx: &mut Context) {
    let t = ctx.thresholds;
    let mut items = Vec::new();
    let mut deficiency: Option<Deficiency> = None;
    let mut below_normal = false;
    let b12 = ctx.record.latest(Analyte::VitaminB12);
    if let Some(o) = b12 {
        let deficient_below = o.reference_low.unwrap_or(t.b12_deficient_below.value);
        let max = t.b12_indeterminate_max.value;
        let value = Arg::text(ctx.value(o, &[deficient_below, max]));
        let date = Arg::text(ctx.date(o.effective));
        if o.is_below(deficient_below) {
            let mut item = ctx.build(
                "B12.DEFICIENT",
                &[
                    ("value", value.clone()),
                    ("date", date),
                    ("threshold", Arg::text(ctx.num(deficient_below))),
                ],
                vec![observation_input(o)],
            );
            mark_old(ctx, &mut item, o);
            items.push(item);
            let basis = ctx.text("b12-basis-total", &[("value", value)]);
            deficiency = Some(Deficiency {
                basis,
                inputs: vec![observation_input(o)],
                renal_caveat: false,
            });
            below_normal = true;
        } else if o.is_at_or_below(max) {
            let mut item = ctx.build(
                "B12.INDETERMINATE",
                &[
                    ("value", value),
                    ("date", date),
                    ("low", Arg::text(ctx.num(deficient_below))),
                    ("high", Arg::text(ctx.num(max))),
                ],
                vec![observation_input(o)],
            );
            mark_old(ctx, &mut item, o);
            items.push(item);
            below_normal = true;
        }
        if o.is_at_or_below(max) {
            if let Some((mut item, renal)) = metabolic(ctx, o) {
                mark_old(ctx, &mut item, o);
                if deficiency.is_none() {
                    deficiency = Some(Deficiency {
                        basis: ctx.text("b12-basis-metabolic", &[]),
                        inputs: item.inputs.clone(),
                        renal_caveat: renal,
                    });
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
            let shown = ctx.value(o, &[deficient, indeterminate]);
            let mut item = ctx.build(
                "HOLOTC.LOW",
                &[
                    ("band", band.into()),
                    ("value", Arg::text(shown.as_str())),
                    ("deficient", Arg::text(ctx.num(deficient))),
                    ("indeterminate", Arg::text(ctx.num(indeterminate))),
                ],
                vec![observation_input(o)],
            );
            mark_old(ctx, &mut item, o);
            below_normal = true;
            if band == "indeterminate" {
                item.severity = Severity::Info;
            } else if deficiency.as_ref().is_none_or(|d| d.renal_caveat) {
                let basis = ctx.text("b12-basis-holotc", &[("value", Arg::text(shown))]);
                deficiency = Some(Deficiency {
                    basis,
                    inputs: vec![observation_input(o)],
                    renal_caveat: false,
                });
            }
            items.push(item);
        }
    }
    stale(ctx, &mut items);
    let on_b12: Vec<_> = ctx.record.taking(DrugClass::VitaminB12).collect();
    if let Some(deficiency) = deficiency {
        let treatment = treatment(ctx, deficiency);
        if on_b12.is_empty() {
            items.push(treatment);
        } else {
            items.push(on_treatment(ctx, &on_b12));
            for item in items {
                ctx.emit(item);
            }
            ctx.suppress(treatment, &["B12.ON_TREATMENT"]);
            return;
        }
    } else if below_normal && !on_b12.is_empty() {
        items.push(on_treatment(ctx, &on_b12));
    }
    for item in items {
        ctx.emit(item);
    }
}

fn on_treatment(ctx: &Context, on_b12: &[&neuronutri_model::Medication]) -> Item {
    let names = join_names(ctx, &on_b12.iter().map(|m| m.label()).collect::<Vec<_>>());
    ctx.build(
        "B12.ON_TREATMENT",
        &[("drug", Arg::text(names))],
        on_b12
            .iter()
            .map(|m| crate::context::medication_input(m))
            .collect(),
    )
}

/// B12.TREAT_NEURO when the deficiency meets neurological involvement that B12 deficiency
/// causes, else B12.TREAT.
fn treatment(ctx: &Context, deficiency: Deficiency) -> Item {
    let Deficiency {
        basis,
        mut inputs,
        renal_caveat,
    } = deficiency;
    let conditions: Vec<_> = ctx
        .record
        .active_conditions(ConditionClass::B12NeurologicalInvolvement)
        .collect();
    let renal = if renal_caveat { "yes" } else { "no" };
    if conditions.is_empty() {
        ctx.build(
            "B12.TREAT",
            &[("basis", Arg::text(basis)), ("renal", renal.into())],
            inputs,
        )
    } else {
        let codes: Vec<String> = conditions.iter().map(|c| c.code.clone()).collect();
        inputs.extend(conditions.iter().map(|c| condition_input(c)));
        let codes = join_names(ctx, &codes);
        ctx.build(
            "B12.TREAT_NEURO",
            &[
                ("basis", Arg::text(basis)),
                ("conditions", Arg::text(codes)),
                ("renal", renal.into()),
            ],
            inputs,
        )
    }
}

/// DATA.STALE for a B12 result older than its freshness limit (a B12 finding was emitted
/// from it, or HFS needs it).
fn stale(ctx: &Context, items: &mut Vec<Item>) {
    let old: Vec<_> = [Analyte::VitaminB12, Analyte::Holotranscobalamin]
        .into_iter()
        .filter_map(|a| ctx.record.latest(a))
        .filter(|o| is_old(ctx, o))
        .collect();
    let Some(o) = old.first() else {
        return;
    };
    let relevant = !items.is_empty()
        || ctx.record.has(ConditionClass::HemifacialSpasm)
        || ctx.record.taking(DrugClass::Metformin).next().is_some()
        || crate::drugs::long_term_b12_ppis(ctx).next().is_some();
    if !relevant {
        return;
    }
    let age = ((ctx.at - o.effective).num_seconds() as f64 / 86_400.0).floor();
    items.push(ctx.build(
        "DATA.STALE",
        &[
            ("analyte", "b12".into()),
            ("acute", "no".into()),
            ("date", Arg::text(ctx.date(o.effective))),
            ("age", Arg::Number(age)),
            ("limit", Arg::Number(ctx.thresholds.b12_freshness.value)),
        ],
        old.into_iter().map(observation_input).collect(),
    ));
}

/// B12.METABOLIC_DEFICIENCY: raised methylmalonic acid or homocysteine beside a low or
/// indeterminate B12, with the renal caveat. Returns the item and whether the caveat applies.
fn metabolic(ctx: &Context, b12: &Observation) -> Option<(Item, bool)> {
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
                    ("value", Arg::text(ctx.value(o, &[limit]))),
                    ("limit", Arg::text(ctx.num(limit))),
                ],
            ));
            inputs.push(observation_input(o));
        }
    }
    if markers.is_empty() {
        return None;
    }
    let limit = t.egfr_renal_impairment_below.value;
    let renal = ctx.egfr.as_ref().filter(|e| e.value < limit);
    if let Some(egfr) = renal {
        inputs.extend(egfr_input(egfr));
    }
    let deficient_below = b12.reference_low.unwrap_or(t.b12_deficient_below.value);
    let item = ctx.build(
        "B12.METABOLIC_DEFICIENCY",
        &[
            (
                "value",
                Arg::text(ctx.value(b12, &[deficient_below, t.b12_indeterminate_max.value])),
            ),
            ("markers", Arg::text(join_names(ctx, &markers))),
            ("renal", if renal.is_some() { "yes" } else { "no" }.into()),
            (
                "egfr",
                Arg::text(
                    renal
                        .map(|e| ctx.shown(e.value, 0, &[limit]))
                        .unwrap_or_default(),
                ),
            ),
        ],
        inputs,
    );
    Some((item, renal.is_some()))
}
