//! What the end-to-end report tests share: checking a report against the numbers a reference
//! script wrote (each with the JSON pointer of the same number in the report), and comparing
//! a whole report with its blessed file.

#![allow(dead_code)] // each test file uses some of these

use serde_json::Value;
use std::path::Path;

/// Checks every entry of a reference file (`{"entries": [{"pointer", "expected", "reference",
/// "tol": {"rel"}}]}`) against `report`, the report the entry's `protocol` names (`pick`
/// chooses it; `None` for a single report). Numbers agree within the entry's relative
/// tolerance, anything else exactly. Returns the number of entries and the largest relative
/// difference; panics with every disagreement.
pub fn check_reference(reference: &str, pick: &dyn Fn(Option<&str>) -> Value) -> (usize, f64) {
    let doc: Value = serde_json::from_str(reference).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    let mut failures = Vec::new();
    let mut worst: f64 = 0.0;
    let mut reports: std::collections::HashMap<Option<String>, Value> = Default::default();
    for e in entries {
        let name = e["protocol"].as_str().map(str::to_owned);
        let report = reports
            .entry(name.clone())
            .or_insert_with(|| pick(name.as_deref()));
        let pointer = e["pointer"].as_str().unwrap();
        let Some(got) = report.pointer(pointer) else {
            failures.push(format!("{name:?} {pointer}: not in the report"));
            continue;
        };
        let want = &e["expected"];
        match (got.as_f64(), want.as_f64()) {
            (Some(g), Some(w)) => {
                let rel = e["tol"]["rel"].as_f64().unwrap();
                let diff = (g - w).abs();
                if w != 0.0 {
                    worst = worst.max(diff / w.abs());
                }
                if diff > rel * w.abs() {
                    failures.push(format!(
                        "{name:?} {pointer}: got {g:e}, want {w:e} [{}]",
                        e["reference"]
                    ));
                }
            }
            _ if got != want => {
                failures.push(format!("{name:?} {pointer}: got {got}, want {want}"))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    (entries.len(), worst)
}

/// Compares a report's JSON with the blessed file `golden` (relative to the crate), figures by
/// their presence only (their bytes depend on the font rasterizer). With `NEURONUTRI_BLESS`
/// set, writes the file first.
pub fn check_golden(json: Value, golden: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join(golden);
    let mut json = json;
    if let Some(figures) = json["figures"].as_array_mut() {
        for f in figures {
            if let Some(o) = f.as_object_mut() {
                o.remove("svg");
                o.remove("png");
            }
        }
    }
    if std::env::var_os("NEURONUTRI_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, serde_json::to_string_pretty(&json).unwrap() + "\n").unwrap();
    }
    let blessed: Value = serde_json::from_str(&std::fs::read_to_string(&golden).unwrap()).unwrap();
    if json != blessed {
        let got = serde_json::to_string_pretty(&json).unwrap();
        let want = serde_json::to_string_pretty(&blessed).unwrap();
        let first = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}: got {a:?}, blessed {b:?}", i + 1))
            .unwrap_or_else(|| "lengths differ".into());
        panic!("the report differs from {}: {first}", golden.display());
    }
}

/// The part of a Markdown report that shows results: everything before the R code under the
/// methods (the code names "NaN" among the missing-value markers it gives `read.csv`).
pub fn results_part(md: &str) -> &str {
    md.find("### R code").map_or(md, |i| &md[..i])
}
