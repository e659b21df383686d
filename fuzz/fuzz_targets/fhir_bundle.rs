//! Fuzz target: one FHIR bundle through the model's reader and the rules, as
//! `neuronutri assess` does. Invariant: no panic; a bad bundle is an error message that
//! names where it is (never empty), and a good one gives an assessment that serializes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri::assess::{assess_bytes, AssessOptions, Format};
use neuronutri_knowledge::{Knowledge, Lang};
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("the built-in knowledge loads"))
}

fuzz_target!(|data: &[u8]| {
    let options = AssessOptions {
        at: chrono::DateTime::parse_from_rfc3339("2025-03-10T11:00:00Z")
            .unwrap()
            .into(),
        lang: Lang::En,
        zone: neuronutri_knowledge::Zone::Utc,
        format: Format::Json,
    };
    match assess_bytes(knowledge(), &options, data) {
        Ok(assessment) => {
            serde_json::to_string(&assessment).expect("an assessment serializes");
        }
        Err(message) => assert!(!message.trim().is_empty(), "empty error message"),
    }
});
