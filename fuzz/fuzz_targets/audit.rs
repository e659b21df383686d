//! Fuzz target: a reported-statistics file, as `neuronutri audit` reads it. Invariant: no
//! panic and no hang (GRIM and GRIMMER are bounded whatever the SD); errors name the file;
//! every recomputed t, df and p is finite; a p-value range over the rounding is ordered, within
//! [0, 1] and holds the printed values' p; a verdict agrees with what holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri_knowledge::Knowledge;
use std::sync::OnceLock;

/// The rounding range of a test: ordered, in [0, 1], holding the p of the printed values, and
/// a reported p that holds at the printed values holds within the rounding.
fn check_range(p: f64, range: Option<[f64; 2]>, holds: bool, within: bool, what: &str) {
    if let Some([lo, hi]) = range {
        assert!((0.0..=1.0).contains(&lo) && lo <= hi && hi <= 1.0, "{what}");
        let slack = 1e-9 * p.max(1e-300);
        assert!(
            lo - slack <= p && p <= hi + slack,
            "{what}: {p} outside {lo}..{hi}"
        );
    }
    assert!(!holds || within, "{what}");
}

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("the built-in knowledge loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match neuronutri_audit::audit("fuzz.toml", text, &knowledge().thresholds) {
        Ok(report) => {
            for c in &report.comparisons {
                for t in [&c.welch, &c.student] {
                    assert!(
                        t.t.is_finite() && t.df.is_finite() && t.p_value.is_finite(),
                        "{c:?}"
                    );
                    let what = format!("{c:?}");
                    check_range(
                        t.p_value,
                        t.p_range,
                        t.reported_p_holds,
                        t.holds_within_rounding,
                        &what,
                    );
                }
                let any_holds = c.welch.reported_p_holds || c.student.reported_p_holds;
                let any_within = c.welch.holds_within_rounding || c.student.holds_within_rounding;
                match c.verdict {
                    "consistent" => assert!(c.welch.reported_p_holds && c.student.reported_p_holds),
                    "consistent_only_if" => assert!(any_within && c.condition.is_some(), "{c:?}"),
                    "inconsistent" => assert!(!any_holds && !any_within, "{c:?}"),
                    other => panic!("verdict {other}"),
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
                let what = format!("{c:?}");
                check_range(
                    c.p_value,
                    c.p_range,
                    c.reported_p_holds,
                    c.holds_within_rounding,
                    &what,
                );
                assert_eq!(
                    c.verdict == "inconsistent",
                    !c.holds_within_rounding,
                    "{c:?}"
                );
            }
        }
        Err(e) => assert_eq!(e.file, "fuzz.toml"),
    }
});
