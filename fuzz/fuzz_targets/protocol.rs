//! Fuzz target: a study protocol, parsed and then run on the seed study's committed cohort
//! (examples/hfs-study/cohort.csv), as `neuronutri study` does. Invariant: no panic; errors
//! name the file; every number of the report's JSON is finite, and its Markdown prints no
//! NaN or infinity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri_study::report::{self, Columns};
use neuronutri_table::{read_table, Table};
use std::sync::OnceLock;

struct Data(Table);

impl Columns for Data {
    fn file(&self) -> &str {
        self.0.file()
    }
    fn format(&self) -> String {
        self.0.format().to_owned()
    }
    fn n_rows(&self) -> usize {
        self.0.n_rows()
    }
    fn numeric(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
        self.0.numeric(column).map_err(|e| e.to_string())
    }
    fn text(&self, column: &str) -> Result<Vec<Option<String>>, String> {
        self.0.text(column).map_err(|e| e.to_string())
    }
    fn row_name(&self, i: usize) -> String {
        format!("row {}", i + 1)
    }
}

fn cohort() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let bytes = include_bytes!("../../examples/hfs-study/cohort.csv");
        Data(read_table("cohort.csv", bytes, &Default::default()).expect("the cohort reads"))
    })
}

/// No JSON null except where the report's schema allows an absent value.
fn no_null_numbers(v: &serde_json::Value, path: &str) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                no_null_numbers(x, &format!("{path}.{k}"));
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                no_null_numbers(x, &format!("{path}[{i}]"));
            }
        }
        serde_json::Value::Number(n) => {
            assert!(n.as_f64().is_some_and(f64::is_finite), "{path} = {n}");
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let protocol = match neuronutri_study::protocol::parse("fuzz.toml", text) {
        Ok(p) => p,
        Err(e) => {
            assert!(e.to_string().contains("fuzz.toml"), "{e}");
            return;
        }
    };
    match report::run(&protocol, cohort(), &mut |_| {}) {
        Ok(r) => {
            let json = serde_json::to_value(&r).expect("a report serializes");
            no_null_numbers(&json, "report");
            // serde_json writes NaN as null, which the check above cannot tell from an absent
            // value: the printed report must show no NaN or infinity either (unless the
            // protocol's own text has those letters)
            // The R code names "NaN" among the strings read as missing (`na.strings`, as the
            // table reader does): that literal is not a result.
            let md = neuronutri_study::render::markdown(&r)
                .replace(&r.r_code, &r.r_code.replace("\"NaN\"", "\"\""));
            let words = |t: &str| -> Vec<String> {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| matches!(*w, "NaN" | "inf" | "Infinity"))
                    .map(str::to_owned)
                    .collect()
            };
            let allowed = words(text);
            for w in words(&md) {
                assert!(allowed.contains(&w), "{w} in the report:\n{md}");
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
