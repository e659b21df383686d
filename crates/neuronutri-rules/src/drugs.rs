//! Drug findings: medications that lower magnesium or impair vitamin B12 absorption.

use crate::context::{medication_input, observation_input, Context};
use neuronutri_knowledge::Arg;
use neuronutri_model::{Analyte, DrugClass};

pub(crate) fn evaluate(ctx: &mut Context) {
    let mut items = Vec::new();
    for drug in ctx.record.taking(DrugClass::ProtonPumpInhibitor) {
        let days = drug.start.map(|s| (ctx.at - s).num_days().max(0) as f64);
        items.push(ctx.build(
            "DRUG.PPI_MG",
            &[
                ("drug", Arg::text(drug.label())),
                ("known", if days.is_some() { "yes" } else { "no" }.into()),
                ("days", Arg::Number(days.unwrap_or(0.0))),
            ],
            vec![medication_input(drug)],
        ));
    }
    for (class, key) in [
        (DrugClass::LoopDiuretic, "loop"),
        (DrugClass::Thiazide, "thiazide"),
    ] {
        for drug in ctx.record.taking(class) {
            items.push(ctx.build(
                "DRUG.DIURETIC_MG",
                &[("drug", Arg::text(drug.label())), ("class", key.into())],
                vec![medication_input(drug)],
            ));
        }
    }
    let recent_b12 = ctx
        .record
        .latest(Analyte::VitaminB12)
        .filter(|o| (ctx.at - o.effective).num_days() <= 365);
    for (class, code) in [
        (DrugClass::Metformin, "DRUG.METFORMIN_B12"),
        (DrugClass::ProtonPumpInhibitor, "DRUG.PPI_B12"),
    ] {
        for drug in ctx.record.taking(class) {
            let mut inputs = vec![medication_input(drug)];
            let mut args = vec![("drug", Arg::text(drug.label()))];
            match recent_b12 {
                Some(b12) => {
                    args.push(("measured", "yes".into()));
                    args.push(("b12", Arg::text(ctx.num(b12.value))));
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
