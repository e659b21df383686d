//! Notes about the record itself rather than the patient's state: a deceased patient (no
//! recommendations), an implausible birth date (age unknown), and what the engine read but
//! did not use (`DATA.IGNORED`), so that "nothing found" can be told from "nothing
//! understood".

use crate::context::{join_names, Context};
use crate::Input;
use neuronutri_knowledge::Arg;
use neuronutri_model::IgnoredReason;
use serde_json::json;

/// PATIENT.DECEASED: the only output for a deceased patient.
pub(crate) fn deceased(ctx: &mut Context) {
    let record = ctx.record;
    let item = ctx.build(
        "PATIENT.DECEASED",
        &[
            (
                "known",
                if record.deceased_at.is_some() {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ),
            (
                "date",
                Arg::text(record.deceased_at.map(|d| ctx.date(d)).unwrap_or_default()),
            ),
        ],
        vec![Input {
            name: "deceased",
            date: record.deceased_at,
            entry: record.patient_entry,
            ..Input::default()
        }],
    );
    ctx.emit(item);
}

/// DATA.IMPLAUSIBLE: a birth date before 1900 or an age over 120.
pub(crate) fn implausible(ctx: &mut Context) {
    let Some(birth) = ctx.record.implausible_birth_date else {
        return;
    };
    let item = ctx.build(
        "DATA.IMPLAUSIBLE",
        &[("birth", Arg::text(ctx.locale.date(birth)))],
        vec![Input {
            name: "birth_date",
            entry: ctx.record.patient_entry,
            date: birth.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            date_only: true,
            ..Input::default()
        }],
    );
    ctx.emit(item);
}

/// DATA.IGNORED: one compact line of counts by reason in the text, every item in `details`.
pub(crate) fn ignored(ctx: &mut Context) {
    let ignored = &ctx.record.ignored;
    if ignored.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    for reason in IgnoredReason::ALL {
        let items: Vec<_> = ignored.iter().filter(|i| i.reason == reason).collect();
        if items.is_empty() {
            continue;
        }
        let mut kinds: Vec<&str> = items.iter().map(|i| i.resource_type.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        parts.push(ctx.text(
            "ignored-part",
            &[
                ("reason", reason.id().into()),
                ("count", Arg::Number(items.len() as f64)),
                ("types", Arg::text(kinds.join(", "))),
            ],
        ));
    }
    let mut item = ctx.build(
        "DATA.IGNORED",
        &[
            ("count", Arg::Number(ignored.len() as f64)),
            ("parts", Arg::text(join_names(ctx, &parts))),
        ],
        Vec::new(),
    );
    item.details = Some(json!({ "ignored": ignored }));
    ctx.emit(item);
}
