//! Drug findings: medications that lower magnesium or impair vitamin B12 absorption, each
//! with the duration of use that the source names.

use crate::context::{medication_input, observation_input, Context};
use crate::magnesium::{is_low, shown};
use neuronutri_knowledge::Arg;
use neuronutri_model::{Analyte, DrugClass, Medication};

/// Active PPIs taken for at least `days` (or for an unknown time).
fn ppis_for<'a>(ctx: &Context<'a>, days: f64) -> impl Iterator<Item = &'a Medication> + 'a {
    let at = ctx.at;
    ctx.record
        .taking(DrugClass::ProtonPumpInhibitor)
        .filter(move |m| m.days_taken(at).is_none_or(|d| d >= days))
}

/// PPIs long enough for DRUG.PPI_MG (FDA-PPI-2011: 90 days).
pub(crate) fn long_term_ppis<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a Medication> + 'a {
    ppis_for(ctx, ctx.thresholds.ppi_mg_min_duration.value)
}

/// PPIs known to have been taken long enough for DRUG.PPI_B12 (LAM-2013: 2 years). Unlike
/// DRUG.PPI_MG, an unknown start does not meet it: the finding states "≥ 2 years", which an
/// unknown duration cannot support (KNOWLEDGE.md gives "duration unknown" to DRUG.PPI_MG only).
pub(crate) fn long_term_b12_ppis<'a>(
    ctx: &Context<'a>,
) -> impl Iterator<Item = &'a Medication> + 'a {
    let (at, min) = (ctx.at, ctx.thresholds.ppi_b12_min_duration.value);
    ctx.record
        .taking(DrugClass::ProtonPumpInhibitor)
        .filter(move |m| m.days_taken(at).is_some_and(|d| d >= min))
}

pub(crate) fn evaluate(ctx: &mut Context) {
    let mut items = Vec::new();
    let magnesium = ctx.record.latest(Analyte::SerumMagnesium);
    let fresh_magnesium = magnesium.filter(|o| {
        (ctx.at - o.effective).num_seconds() as f64 / 86_400.0 <= ctx.thresholds.mg_freshness.value
    });
    for drug in long_term_ppis(ctx) {
        let days = drug.days_taken(ctx.at);
        let status = match fresh_magnesium {
            Some(o) if is_low(ctx, o) => "low",
            Some(_) => "measured",
            None => "absent",
        };
        let mut inputs = vec![medication_input(drug)];
        inputs.extend(fresh_magnesium.map(observation_input));
        items.push(ctx.build(
            "DRUG.PPI_MG",
            &[
                ("drug", Arg::text(drug.label())),
                ("known", if days.is_some() { "yes" } else { "no" }.into()),
                ("days", Arg::Number(days.unwrap_or(0.0).floor())),
                ("magnesium", status.into()),
                (
                    "value",
                    Arg::text(fresh_magnesium.map(|o| shown(ctx, o)).unwrap_or_default()),
                ),
            ],
            inputs,
        ));
    }
    for (class, key) in [
        (DrugClass::LoopDiuretic, "loop"),
        (DrugClass::Thiazide, "thiazide"),
    ] {
        for drug in ctx.record.taking(class) {
            items.push(
                ctx.build(
                    "DRUG.DIURETIC_MG",
                    &[
                        ("drug", Arg::text(drug.label())),
                        ("class", key.into()),
                        (
                            "measured",
                            if fresh_magnesium.is_some() {
                                "yes"
                            } else {
                                "no"
                            }
                            .into(),
                        ),
                    ],
                    vec![medication_input(drug)],
                ),
            );
        }
    }
    // HoloTC counts as a B12 measurement.
    let limit = ctx.thresholds.b12_freshness.value;
    let recent_b12 = [Analyte::VitaminB12, Analyte::Holotranscobalamin]
        .into_iter()
        .filter_map(|a| ctx.record.latest(a))
        .filter(|o| (ctx.at - o.effective).num_seconds() as f64 / 86_400.0 <= limit)
        .max_by_key(|o| o.effective);
    let metformin: Vec<_> = ctx.record.taking(DrugClass::Metformin).collect();
    let ppis: Vec<_> = long_term_b12_ppis(ctx).collect();
    for (drugs, code) in [(metformin, "DRUG.METFORMIN_B12"), (ppis, "DRUG.PPI_B12")] {
        for drug in drugs {
            let mut inputs = vec![medication_input(drug)];
            let days = drug.days_taken(ctx.at);
            let mut args = vec![
                ("drug", Arg::text(drug.label())),
                ("known", if days.is_some() { "yes" } else { "no" }.into()),
                ("days", Arg::Number(days.unwrap_or(0.0).floor())),
            ];
            match recent_b12 {
                Some(b12) => {
                    args.push(("measured", "yes".into()));
                    args.push((
                        "analyte",
                        if b12.analyte == Analyte::VitaminB12 {
                            "b12"
                        } else {
                            "holotc"
                        }
                        .into(),
                    ));
                    args.push(("b12", Arg::text(ctx.value(b12, &[]))));
                    args.push(("date", Arg::text(ctx.date(b12.effective))));
                    inputs.push(observation_input(b12));
                }
                None => args.push(("measured", "no".into())),
            }
            items.push(ctx.build(code, &args, inputs));
        }
    }
    for item in items {
        ctx.emit(item);
    }
}
