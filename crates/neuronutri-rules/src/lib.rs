//! The neuronutri assessment engine: clinical rules over a [`PatientRecord`] at an
//! assessment instant, producing findings, recommendations and alerts with stable codes,
//! each traced to its sources, its certainty and the input values it used.
//!
//! Rules never fail: odd data is a diagnostic in the output, not an error. Safety rules are
//! evaluated first; a recommendation they block is moved to `suppressed` with the code that
//! blocked it. Rules know nothing of storage, HTTP or FHIR syntax.
#![deny(missing_docs)]

mod b12;
mod context;
mod data;
mod drugs;
mod hfs;
mod magnesium;
mod output;
mod safety;
mod stroke;

pub use output::{Assessment, ClaimRef, Input, Item, PatientSummary};

use chrono::{DateTime, Utc};
use neuronutri_knowledge::{Knowledge, Locale};
use neuronutri_model::PatientRecord;

/// Assesses one patient at `at`, with texts in a language (a [`neuronutri_knowledge::Lang`],
/// times in UTC) or a [`Locale`] (language and the zone times are shown in).
pub fn assess(
    knowledge: &Knowledge,
    record: &PatientRecord,
    at: DateTime<Utc>,
    locale: impl Into<Locale>,
) -> Assessment {
    let mut ctx = context::Context::new(knowledge, record, at, locale.into());
    if record.deceased {
        // A deceased patient gets no recommendations, only this note.
        data::deceased(&mut ctx);
        return ctx.finish();
    }
    data::implausible(&mut ctx);
    safety::evaluate(&mut ctx);
    magnesium::evaluate(&mut ctx);
    stroke::evaluate(&mut ctx);
    b12::evaluate(&mut ctx);
    hfs::evaluate(&mut ctx);
    drugs::evaluate(&mut ctx);
    safety::evaluate_dependent(&mut ctx);
    data::ignored(&mut ctx);
    ctx.finish()
}
