//! The parallel NDJSON pipeline writes exactly what the sequential one writes, in order.

use neuronutri::assess::{assess_ndjson_with, AssessOptions, Format};
use neuronutri_knowledge::{Knowledge, Lang};

#[test]
fn parallel_output_is_the_sequential_output() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut bundles: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            serde_json::to_string(
                &serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(p).unwrap())
                    .unwrap(),
            )
            .unwrap()
        })
        .collect();
    bundles.sort();
    bundles.push(r#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","gender":"X"}}]}"#.into());
    bundles.push("not json".into());
    bundles.push(String::new());
    let mut input = String::new();
    for i in 0..2000 {
        input.push_str(&bundles[i % bundles.len()]);
        input.push('\n');
    }
    let knowledge = Knowledge::builtin().unwrap();
    let options = AssessOptions {
        at: "2025-07-01T00:00:00Z".parse().unwrap(),
        lang: Lang::En,
        zone: neuronutri_knowledge::Zone::Utc,
        format: Format::Json,
    };
    let run = |workers| {
        let mut out = Vec::new();
        let summary = assess_ndjson_with(
            &knowledge,
            &options,
            "in",
            input.as_bytes(),
            &mut out,
            workers,
        )
        .unwrap();
        (out, summary.assessed, summary.failed, summary.first_error)
    };
    let sequential = run(1);
    let parallel = run(3);
    assert_eq!(
        sequential.1 + sequential.2,
        2000 - 2000 / bundles.len() as u64,
        "blank lines are skipped"
    );
    assert!(sequential.2 > 0);
    assert_eq!(sequential, parallel);
    let lines: Vec<&str> = std::str::from_utf8(&parallel.0).unwrap().lines().collect();
    assert!(
        lines[bundles.len() - 2].contains("\"line\":"),
        "{}",
        lines[bundles.len() - 2]
    );
}
