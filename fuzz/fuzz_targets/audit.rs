//! Fuzz target: a reported-statistics file, as `neuronutri audit` reads it. Invariant: no
//! panic and no hang (GRIM and GRIMMER are bounded whatever the SD); errors name the file;
//! every recomputed t, df and p is finite.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri_knowledge::Knowledge;
use std::sync::OnceLock;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("the built-in knowledge loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match neuronutri_study::audit::audit("fuzz.toml", text, &knowledge().thresholds) {
        Ok(report) => {
            for c in &report.comparisons {
                for t in [&c.welch, &c.student] {
                    assert!(
                        t.t.is_finite() && t.df.is_finite() && t.p_value.is_finite(),
                        "{c:?}"
                    );
                }
                for p in &c.plausibility {
                    assert!(p.canonical_value.is_finite(), "{p:?}");
                }
            }
            for c in &report.correlations {
                assert!(
                    c.t.is_finite() && c.df.is_finite() && c.p_value.is_finite(),
                    "{c:?}"
                );
            }
        }
        Err(e) => assert_eq!(e.file, "fuzz.toml"),
    }
});
