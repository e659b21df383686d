//! Fuzz target: a stream of bundles, one per line, as `neuronutri assess --ndjson` reads
//! it. Invariant: no panic; every non-blank input line gives exactly one output line, an
//! assessment or an error object, each valid JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri::assess::{assess_ndjson_with, AssessOptions, Format};
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
    let mut out = Vec::new();
    // one worker: the target is single-threaded, so a failure reproduces
    let summary = match assess_ndjson_with(knowledge(), &options, "fuzz.ndjson", data, &mut out, 1)
    {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let text = String::from_utf8(out).expect("the output is UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len() as u64,
        summary.assessed + summary.failed,
        "one output line per bundle"
    );
    for line in lines {
        serde_json::from_str::<serde_json::Value>(line).expect("each output line is JSON");
    }
});
