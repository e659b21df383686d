//! Hemifacial spasm rules (SEED-HFS-B12, research grade): B12 against the study's controls,
//! the published severity model, cobalamin as an option, cortisol, the BDI, and the
//! implausible dopamine values the study itself reports.

use crate::context::{observation_input, Context};
use neuronutri_knowledge::Arg;
use neuronutri_model::codes::BdiVersion;
use neuronutri_model::units::B12_PG_PER_ML_TO_PMOL_PER_L;
use neuronutri_model::{Analyte, ConditionClass, Observation};
use serde_json::json;

pub(crate) fn evaluate(ctx: &mut Context) {
    let mut items = Vec::new();
    let mut cobalamin = None;
    cortisol(ctx, &mut items);
    bdi(ctx, &mut items);
    dopamine(ctx, &mut items);
    if let Some(hfs) = ctx
        .record
        .active_conditions(ConditionClass::HemifacialSpasm)
        .next()
    {
        let t = ctx.thresholds;
        let hfs_input = crate::context::condition_input(hfs);
        let b12 = ctx.record.latest(Analyte::VitaminB12);
        // An old result counts as not measured (holotranscobalamin counts as a measurement).
        let fresh = [b12, ctx.record.latest(Analyte::Holotranscobalamin)]
            .into_iter()
            .flatten()
            .find(|o| !crate::b12::is_old(ctx, o));
        if fresh.is_none() {
            let mut inputs = vec![hfs_input.clone()];
            inputs.extend(b12.map(observation_input));
            items.push(ctx.build(
                "HFS.B12_NOT_MEASURED",
                &[
                    ("code", Arg::text(hfs.code.as_str())),
                    ("old", if b12.is_some() { "yes" } else { "no" }.into()),
                    (
                        "date",
                        Arg::text(b12.map(|o| ctx.date(o.effective)).unwrap_or_default()),
                    ),
                ],
                inputs,
            ));
        }
        if let Some(o) = b12.filter(|o| !crate::b12::is_old(ctx, o)) {
            let pg_per_ml = b12_pg_per_ml(o);
            if neuronutri_model::units::compare(pg_per_ml, t.hfs_b12_below_study_controls.value)
                == std::cmp::Ordering::Less
            {
                items.push(ctx.build(
                    "HFS.B12_BELOW_STUDY_CONTROLS",
                    &[
                        ("value", Arg::text(ctx.num(pg_per_ml.round()))),
                        (
                            "threshold",
                            Arg::text(ctx.num(t.hfs_b12_below_study_controls.value)),
                        ),
                    ],
                    vec![observation_input(o), hfs_input.clone()],
                ));
            }
            if o.is_at_or_below(t.b12_indeterminate_max.value) {
                let deficient_below = o.reference_low.unwrap_or(t.b12_deficient_below.value);
                let band = if o.is_below(deficient_below) {
                    "deficient"
                } else {
                    "indeterminate"
                };
                cobalamin = Some(ctx.build(
                    "HFS.COBALAMIN_OPTION",
                    &[
                        (
                            "value",
                            Arg::text(
                                ctx.value(o, &[deficient_below, t.b12_indeterminate_max.value]),
                            ),
                        ),
                        ("band", band.into()),
                    ],
                    vec![observation_input(o), hfs_input.clone()],
                ));
            }
        }
        if let Some(item) = severity_model(ctx, hfs_input) {
            items.push(item);
        }
    }
    for item in items {
        ctx.emit(item);
    }
    if let Some(item) = cobalamin {
        // Already on B12: no new start advice (B12.ON_TREATMENT).
        if ctx.has("B12.ON_TREATMENT") {
            ctx.suppress(item, &["B12.ON_TREATMENT"]);
        } else {
            ctx.emit(item);
        }
    }
}

/// B12 in pg/mL: the value as given when it was given in pg/mL or ng/L, else converted.
fn b12_pg_per_ml(o: &Observation) -> f64 {
    match o.original_unit.as_str() {
        "pg/mL" | "ng/L" => o.original_value,
        _ => o.value / B12_PG_PER_ML_TO_PMOL_PER_L,
    }
}

/// Means and SDs of the study's HFS group: B12, cortisol, dopamine (study unit), BDI.
fn study_group(t: &neuronutri_knowledge::Thresholds) -> ([f64; 4], [f64; 4]) {
    (
        [
            t.hfs_model_b12_mean.value,
            t.hfs_model_cortisol_mean.value,
            t.hfs_model_dopamine_mean.value,
            t.hfs_model_bdi_mean.value,
        ],
        [
            t.hfs_model_b12_sd.value,
            t.hfs_model_cortisol_sd.value,
            t.hfs_model_dopamine_sd.value,
            t.hfs_model_bdi_sd.value,
        ],
    )
}

/// The outcome of the published severity model.
#[derive(Debug, PartialEq)]
pub(crate) enum ModelResult {
    /// The index and predicted frequency.
    Computed {
        z: f64,
        predicted: f64,
        z_inputs: [f64; 4],
    },
    /// An input beyond the study group's mean ± the limit: index of the input.
    Outside(usize),
}

/// Standardises the four inputs against the study's HFS group and combines them.
/// `inputs` are B12 (pg/mL), cortisol (nmol/L), dopamine (the study's ng/mL), BDI.
pub(crate) fn hfs_model(t: &neuronutri_knowledge::Thresholds, inputs: [f64; 4]) -> ModelResult {
    let (means, sds) = study_group(t);
    let weights = [
        -t.hfs_model_weight_b12.value,
        t.hfs_model_weight_cortisol.value,
        -t.hfs_model_weight_dopamine.value,
        t.hfs_model_weight_bdi.value,
    ];
    let mut z_inputs = [0.0; 4];
    for i in 0..4 {
        z_inputs[i] = (inputs[i] - means[i]) / sds[i];
        if z_inputs[i].abs() > t.hfs_model_z_limit.value {
            return ModelResult::Outside(i);
        }
    }
    let z: f64 = (0..4).map(|i| weights[i] * z_inputs[i]).sum();
    ModelResult::Computed {
        z,
        predicted: t.hfs_model_intercept.value + t.hfs_model_slope.value * z,
        z_inputs,
    }
}

fn severity_model(ctx: &Context, hfs_input: crate::Input) -> Option<crate::Item> {
    let t = ctx.thresholds;
    let b12 = ctx.record.latest(Analyte::VitaminB12)?;
    let cortisol = ctx.record.latest(Analyte::Cortisol)?;
    let dopamine = ctx.record.latest(Analyte::Dopamine)?;
    let bdi = ctx.record.latest(Analyte::BdiTotal)?;
    let observed = ctx.record.latest(Analyte::SpasmFrequency);
    let values = [
        b12_pg_per_ml(b12),
        cortisol.value,
        dopamine.value / 1000.0,
        bdi.value,
    ];
    let names = [
        "hfs-input-b12",
        "hfs-input-cortisol",
        "hfs-input-dopamine",
        "hfs-input-bdi",
    ];
    let units = ["pg/mL", "nmol/L", "ng/mL", ""].map(|u| ctx.unit(u));
    let (means, sds) = study_group(t);
    let mut inputs: Vec<_> = [b12, cortisol, dopamine, bdi]
        .into_iter()
        .map(observation_input)
        .collect();
    inputs.extend(observed.map(observation_input));
    inputs.push(hfs_input);
    let limit = t.hfs_model_z_limit.value;
    let mut item = match hfs_model(t, values) {
        ModelResult::Computed {
            z,
            predicted,
            z_inputs,
        } => {
            let observed_text = observed
                .map(|o| ctx.num(o.value))
                .unwrap_or_else(|| "none".into());
            let mut item = ctx.build(
                "HFS.SEVERITY_MODEL",
                &[
                    ("computed", "yes".into()),
                    ("z", Arg::text(ctx.num((z * 100.0).round() / 100.0))),
                    (
                        "predicted",
                        Arg::text(ctx.num((predicted * 10.0).round() / 10.0)),
                    ),
                    ("observed", Arg::text(observed_text)),
                ],
                inputs,
            );
            item.lines = (0..4)
                .map(|i| {
                    ctx.text(
                        "hfs-model-line",
                        &[
                            ("input", Arg::text(ctx.text(names[i], &[]))),
                            ("value", Arg::text(ctx.num(values[i]))),
                            ("unit", Arg::text(units[i].clone())),
                            (
                                "z",
                                Arg::text(ctx.num((z_inputs[i] * 100.0).round() / 100.0)),
                            ),
                        ],
                    )
                })
                .collect();
            item.details = Some(json!({
                "computed": true, "z": z, "predicted_episodes_per_day": predicted,
                "observed_episodes_per_day": observed.map(|o| o.value),
                "inputs_in_study_units": values, "z_scores": z_inputs,
                "label": "published association, not validated for individual prediction",
            }));
            item
        }
        ModelResult::Outside(i) => {
            let reason = ctx.text(
                "hfs-model-outside",
                &[
                    ("input", Arg::text(ctx.text(names[i], &[]))),
                    ("value", Arg::text(ctx.num(values[i]))),
                    ("unit", Arg::text(units[i].clone())),
                    ("low", Arg::text(ctx.num(means[i] - limit * sds[i]))),
                    ("high", Arg::text(ctx.num(means[i] + limit * sds[i]))),
                ],
            );
            let mut item = ctx.build(
                "HFS.SEVERITY_MODEL",
                &[("computed", "no".into()), ("reason", Arg::text(reason))],
                inputs,
            );
            item.details = Some(json!({
                "computed": false, "outside_input": names[i].trim_start_matches("hfs-input-"),
                "inputs_in_study_units": values,
                "label": "published association, not validated for individual prediction",
            }));
            item
        }
    };
    item.route = None;
    Some(item)
}

/// The local time of day of a sample, in hours: the clock written in the result's own
/// dateTime (its offset), else UTC; `None` for a date-only result.
fn local_hour(o: &Observation) -> Option<f64> {
    use chrono::Timelike;
    if o.effective_date_only {
        return None;
    }
    let local =
        o.effective + chrono::Duration::seconds(i64::from(o.effective_utc_offset.unwrap_or(0)));
    Some(f64::from(local.hour()) + f64::from(local.minute()) / 60.0)
}

fn cortisol(ctx: &Context, items: &mut Vec<crate::Item>) {
    let Some(o) = ctx.record.latest(Analyte::Cortisol) else {
        return;
    };
    let t = ctx.thresholds;
    let hour = local_hour(o);
    let morning = hour
        .is_some_and(|h| h >= t.cortisol_morning_from.value && h <= t.cortisol_morning_until.value);
    if !morning {
        let time = hour
            .map(|h| {
                format!(
                    "{:02}:{:02}",
                    h.floor() as u32,
                    ((h.fract() * 60.0).round() as u32).min(59)
                )
            })
            .unwrap_or_default();
        items.push(ctx.build(
            "CORTISOL.NOT_MORNING",
            &[
                ("value", Arg::text(ctx.value(o, &[]))),
                ("date", Arg::text(ctx.day(o.effective))),
                ("time", Arg::text(time)),
                ("known", if hour.is_some() { "yes" } else { "no" }.into()),
                (
                    "from",
                    Arg::text(format!("{:02}:00", t.cortisol_morning_from.value as u32)),
                ),
                (
                    "until",
                    Arg::text(format!("{:02}:00", t.cortisol_morning_until.value as u32)),
                ),
            ],
            vec![observation_input(o)],
        ));
        return;
    }
    let upper = o
        .reference_high
        .unwrap_or(ctx.thresholds.cortisol_upper_ref.value);
    if o.is_above(upper) {
        items.push(ctx.build(
            "CORTISOL.HIGH",
            &[
                ("value", Arg::text(ctx.value(o, &[upper]))),
                ("date", Arg::text(ctx.date(o.effective))),
                ("upper", Arg::text(ctx.num(upper))),
            ],
            vec![observation_input(o)],
        ));
    }
}

fn bdi(ctx: &Context, items: &mut Vec<crate::Item>) {
    let Some(o) = ctx.record.latest(Analyte::BdiTotal) else {
        return;
    };
    let t = ctx.thresholds;
    let original = o.bdi_version == Some(BdiVersion::Original);
    let (minimal, mild, moderate) = if original {
        (
            t.bdi1_minimal_max.value,
            t.bdi1_mild_max.value,
            t.bdi1_moderate_max.value,
        )
    } else {
        (
            t.bdi2_minimal_max.value,
            t.bdi2_mild_max.value,
            t.bdi2_moderate_max.value,
        )
    };
    // BDI-II: minimal, mild, moderate, severe (Beck 1996); original BDI: minimal,
    // mild–moderate, moderate–severe, severe (Beck 1988).
    let band = match (original, o.value) {
        (_, v) if v <= minimal => "minimal",
        (false, v) if v <= mild => "mild",
        (true, v) if v <= mild => "mild-moderate",
        (false, v) if v <= moderate => "moderate",
        (true, v) if v <= moderate => "moderate-severe",
        _ => "severe",
    };
    let args = [
        ("version", if original { "original" } else { "bdi2" }.into()),
        ("score", Arg::text(ctx.num(o.value))),
        ("band", band.into()),
    ];
    let mut item = ctx.build("BDI.SEVERITY", &args, vec![observation_input(o)]);
    item.details = Some(json!({"band": band, "version": if original { "bdi" } else { "bdi-ii" }}));
    items.push(item);
    if matches!(band, "moderate" | "moderate-severe" | "severe") {
        items.push(ctx.build("BDI.REFER", &args, vec![observation_input(o)]));
    }
}

fn dopamine(ctx: &Context, items: &mut Vec<crate::Item>) {
    let Some(o) = ctx.record.latest(Analyte::Dopamine) else {
        return;
    };
    if o.is_above(ctx.thresholds.dopamine_implausible_above.value) {
        items.push(ctx.build(
            "DATA.DOPAMINE_IMPLAUSIBLE",
            &[
                ("value", Arg::text(ctx.num(o.value))),
                (
                    "original",
                    Arg::text(format!(
                        "{} {}",
                        ctx.num(o.original_value),
                        ctx.unit(&o.original_unit)
                    )),
                ),
            ],
            vec![observation_input(o)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neuronutri_knowledge::Knowledge;

    fn predicted(inputs: [f64; 4]) -> f64 {
        let k = Knowledge::builtin().unwrap();
        match hfs_model(&k.thresholds, inputs) {
            ModelResult::Computed { predicted, .. } => predicted,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn at_the_study_means_the_prediction_is_the_pooled_mean() {
        assert!((predicted([317.0, 568.0, 82.0, 18.7]) - 27.5).abs() < 1e-12);
    }

    #[test]
    fn one_sd_lower_b12_alone_adds_0_46_times_6_8() {
        let want = 27.5 + 0.46 * 6.8;
        assert!((predicted([317.0 - 54.0, 568.0, 82.0, 18.7]) - want).abs() < 1e-12);
    }

    #[test]
    fn each_input_moves_the_prediction_by_its_published_weight() {
        assert!((predicted([317.0, 568.0 + 85.0, 82.0, 18.7]) - (27.5 + 0.33 * 6.8)).abs() < 1e-12);
        assert!((predicted([317.0, 568.0, 82.0 + 14.0, 18.7]) - (27.5 - 0.27 * 6.8)).abs() < 1e-12);
        assert!((predicted([317.0, 568.0, 82.0, 18.7 + 6.2]) - (27.5 + 0.31 * 6.8)).abs() < 1e-12);
    }

    #[test]
    fn physiologic_dopamine_is_outside_the_study_range() {
        let k = Knowledge::builtin().unwrap();
        // 25 pg/mL is 0.025 ng/mL: (0.025 - 82) / 14 = -5.9 SD
        assert_eq!(
            hfs_model(&k.thresholds, [317.0, 568.0, 0.025, 18.7]),
            ModelResult::Outside(2)
        );
        assert_eq!(
            hfs_model(&k.thresholds, [317.0 + 4.01 * 54.0, 568.0, 82.0, 18.7]),
            ModelResult::Outside(0)
        );
    }
}
