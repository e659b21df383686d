//! Checks every case of `test_data/reference.json` (written by
//! `scripts/stats/make_fixtures.py` from SciPy, statsmodels, R and mpmath) against
//! this crate, so CI verifies R/SciPy parity without Python or R installed.

use neuronutri_stats as st;
use serde_json::Value;

const FIXTURE: &str = include_str!("../test_data/reference.json");

fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) if s == "NaN" => f64::NAN,
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        Value::Null => f64::NAN,
        other => panic!("not a number: {other}"),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(num).collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// Relative agreement, or absolute below 1e-300 (and exact zeros).
fn close(got: f64, want: f64, rel: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if want.is_infinite() {
        return got == want;
    }
    let diff = (got - want).abs();
    diff <= rel * want.abs() || diff <= 1e-300
}

struct Checker {
    failures: Vec<String>,
    checked: usize,
    /// Worst relative error of the distribution functions per (function, df band).
    worst: std::collections::BTreeMap<(String, &'static str), f64>,
}

impl Checker {
    fn check(&mut self, case: &Value, key: &str, got: f64, rel: f64) {
        let want = num(&case["expected"][key]);
        self.checked += 1;
        if !close(got, want, rel) {
            self.failures.push(format!(
                "{} [{}] {key}: got {got:e}, want {want:e} (rel err {:e})",
                case["name"].as_str().unwrap(),
                case["reference"].as_str().unwrap(),
                ((got - want) / want).abs()
            ));
        }
    }
    /// Checks a distribution function and records its relative error.
    fn check_dist(&mut self, case: &Value, key: &str, got: f64) {
        let want = num(&case["expected"][key]);
        let rel = if got == want {
            0.0
        } else if want.abs() < 1e-300 {
            (got - want).abs() / 1e-300
        } else {
            ((got - want) / want).abs()
        };
        let function = case["function"].as_str().unwrap().to_owned();
        let worst = self.worst.entry((function, df_band(case))).or_insert(0.0);
        *worst = worst.max(rel);
        self.check(case, key, got, DIST_TOL);
    }
    fn error(&mut self, case: &Value, err: impl std::fmt::Display) {
        self.checked += 1;
        self.failures.push(format!(
            "{}: unexpected error {err}",
            case["name"].as_str().unwrap()
        ));
    }
}

fn param(case: &Value, key: &str) -> f64 {
    num(&case["params"][key])
}

fn alternative(case: &Value) -> st::Alternative {
    case["params"]["alternative"]
        .as_str()
        .unwrap_or("two-sided")
        .parse()
        .unwrap()
}

/// Relative tolerance of every distribution function, in both tails, for any
/// degrees of freedom in the fixture (up to 1e7).
const DIST_TOL: f64 = 1e-12;

/// The band of the largest degree of freedom of a distribution case, for the
/// worst-error summary.
fn df_band(case: &Value) -> &'static str {
    let params = case["params"].as_object().unwrap();
    let max_df = params
        .values()
        .filter_map(Value::as_f64)
        .fold(0.0, f64::max);
    if max_df <= 1e4 {
        "df <= 1e4"
    } else if max_df <= 1e5 {
        "1e4 < df <= 1e5"
    } else if max_df <= 1e6 {
        "1e5 < df <= 1e6"
    } else {
        "1e6 < df <= 1e7"
    }
}
const TEST_TOL: f64 = 1e-9;

fn run_case(c: &mut Checker, case: &Value) {
    let f = case["function"].as_str().unwrap();
    let inputs = &case["inputs"];
    match f {
        "normal" => {
            let x = num(&inputs["x"]);
            c.check_dist(case, "cdf", st::dist::normal_cdf(x));
            c.check_dist(case, "sf", st::dist::normal_sf(x));
        }
        "t" => {
            let (x, df) = (num(&inputs["x"]), param(case, "df"));
            c.check_dist(case, "cdf", st::dist::t_cdf(x, df));
            c.check_dist(case, "sf", st::dist::t_sf(x, df));
        }
        "chi2" => {
            let (x, df) = (num(&inputs["x"]), param(case, "df"));
            c.check_dist(case, "cdf", st::dist::chi2_cdf(x, df));
            c.check_dist(case, "sf", st::dist::chi2_sf(x, df));
        }
        "f" => {
            let (x, d1, d2) = (num(&inputs["x"]), param(case, "df1"), param(case, "df2"));
            c.check_dist(case, "cdf", st::dist::f_cdf(x, d1, d2));
            c.check_dist(case, "sf", st::dist::f_sf(x, d1, d2));
        }
        "normal_quantile" => {
            c.check_dist(case, "value", st::dist::normal_quantile(num(&inputs["p"])))
        }
        "t_quantile" => c.check_dist(
            case,
            "value",
            st::dist::t_quantile(num(&inputs["p"]), param(case, "df")),
        ),
        other => {
            if !run_test_case(c, case, other) {
                c.failures
                    .push(format!("unknown function `{other}` in fixture"));
            }
        }
    }
}

fn error_name(e: &st::StatsError) -> &'static str {
    match e {
        st::StatsError::TooFewValues { .. } => "TooFewValues",
        st::StatsError::TooManyValues { .. } => "TooManyValues",
        st::StatsError::ZeroVariance { .. } => "ZeroVariance",
        st::StatsError::LengthMismatch { .. } => "LengthMismatch",
        st::StatsError::InvalidParameter { .. } => "InvalidParameter",
        st::StatsError::SingularDesign { .. } => "SingularDesign",
        st::StatsError::PerfectFit { .. } => "PerfectFit",
        st::StatsError::ZeroMargin { .. } => "ZeroMargin",
        st::StatsError::GroupTooSmall { .. } => "GroupTooSmall",
        st::StatsError::MethodUnavailable { .. } => "MethodUnavailable",
        st::StatsError::Separation { .. } => "Separation",
        st::StatsError::NotConverged { .. } => "NotConverged",
        st::StatsError::NotComputable { .. } => "NotComputable",
    }
}

/// Compares a result (serialized to JSON) with the expected keys, or an
/// expected error with the error's kind.
fn compare<T: serde::Serialize>(
    c: &mut Checker,
    case: &Value,
    got: Result<T, st::StatsError>,
    tol: f64,
) {
    let expected = case["expected"].as_object().unwrap();
    if let Some(want) = expected.get("error") {
        c.checked += 1;
        match got {
            Err(e) if error_name(&e) == want.as_str().unwrap() => {
                assert!(
                    !e.to_string().ends_with('.'),
                    "message ends with a period: {e}"
                );
            }
            Err(e) => c
                .failures
                .push(format!("{}: error {e}, want {want}", case["name"])),
            Ok(_) => c
                .failures
                .push(format!("{}: no error, want {want}", case["name"])),
        }
        return;
    }
    let got = match got {
        Ok(v) => serde_json::to_value(v).unwrap(),
        Err(e) => return c.error(case, e),
    };
    for (k, want) in expected {
        match want {
            Value::Array(items) if k == "coefficients" => {
                for (i, item) in items.iter().enumerate() {
                    for (ck, cv) in item.as_object().unwrap() {
                        if ck == "name" {
                            continue;
                        }
                        let g = &got["coefficients"][i][ck];
                        let sub = serde_json::json!({"name": format!("{} coef {i} {ck}", case["name"].as_str().unwrap()),
                            "reference": case["reference"], "expected": {ck: cv}});
                        c.check(&sub, ck, if g.is_null() { f64::NAN } else { num(g) }, tol);
                    }
                }
            }
            Value::Array(items) => {
                let g = got.as_array().expect("array result");
                for (i, (gi, wi)) in g.iter().zip(items).enumerate() {
                    let sub = serde_json::json!({"name": format!("{} [{i}]", case["name"].as_str().unwrap()),
                        "reference": case["reference"], "expected": {"v": wi}});
                    c.check(
                        &sub,
                        "v",
                        if gi.is_null() { f64::NAN } else { num(gi) },
                        tol,
                    );
                }
            }
            _ => {
                let g = match k.as_str() {
                    "ci_low" if got.get("hl_ci").is_some() => got["hl_ci"][0].clone(),
                    "ci_high" if got.get("hl_ci").is_some() => got["hl_ci"][1].clone(),
                    _ => got[k.as_str()].clone(),
                };
                // JSON has no infinities: serde writes an unbounded interval end as null.
                let unbounded =
                    matches!(k.as_str(), "ci_low" | "ci_high") && num(want).is_infinite();
                let g = if g.is_null() && unbounded {
                    num(want)
                } else if g.is_null() {
                    f64::NAN
                } else {
                    num(&g)
                };
                c.check(case, k, g, tol);
            }
        }
    }
}

fn run_test_case(c: &mut Checker, case: &Value, f: &str) -> bool {
    let inputs = &case["inputs"];
    let alt = alternative(case);
    match f {
        "mann_whitney" => {
            let opts = st::mann_whitney::MannWhitneyOptions {
                alternative: alt,
                method: case["params"]["method"].as_str().unwrap().parse().unwrap(),
                correct: case["params"]["correct"].as_bool().unwrap_or(true),
                conf_level: 0.95,
            };
            let got =
                st::mann_whitney::mann_whitney(&nums(&inputs["x"]), &nums(&inputs["y"]), &opts);
            compare(c, case, got, TEST_TOL);
        }
        "welch_t" => compare(
            c,
            case,
            st::ttest::welch_t(&nums(&inputs["x"]), &nums(&inputs["y"]), alt, 0.95),
            TEST_TOL,
        ),
        "student_t" => compare(
            c,
            case,
            st::ttest::student_t(&nums(&inputs["x"]), &nums(&inputs["y"]), alt, 0.95),
            TEST_TOL,
        ),
        "pearson" => compare(
            c,
            case,
            st::correlation::pearson(&nums(&inputs["x"]), &nums(&inputs["y"]), alt, 0.95),
            TEST_TOL,
        ),
        "spearman" => {
            let method = match case["params"]["method"].as_str().unwrap() {
                "exact" => st::correlation::SpearmanMethod::Exact,
                "asymptotic" => st::correlation::SpearmanMethod::Asymptotic,
                _ => st::correlation::SpearmanMethod::Auto,
            };
            compare(
                c,
                case,
                st::correlation::spearman(&nums(&inputs["x"]), &nums(&inputs["y"]), alt, method),
                TEST_TOL,
            )
        }
        "chi_square" => {
            let t: Vec<Vec<f64>> = inputs["table"]
                .as_array()
                .unwrap()
                .iter()
                .map(nums)
                .collect();
            compare(
                c,
                case,
                st::contingency::chi_square(&t, case["params"]["yates"].as_bool().unwrap()),
                TEST_TOL,
            )
        }
        "fisher_exact" => {
            let t: Vec<Vec<f64>> = inputs["table"]
                .as_array()
                .unwrap()
                .iter()
                .map(nums)
                .collect();
            let table = [[t[0][0], t[0][1]], [t[1][0], t[1][1]]];
            compare(c, case, st::contingency::fisher_exact(table, alt), TEST_TOL)
        }
        "shapiro_wilk" => compare(
            c,
            case,
            st::shapiro::shapiro_wilk(&nums(&inputs["x"])),
            TEST_TOL,
        ),
        "ols" => {
            let xs: Vec<Vec<f64>> = inputs["x"].as_array().unwrap().iter().map(nums).collect();
            let names = strs(&inputs["names"]);
            let preds: Vec<(&str, &[f64])> = names
                .iter()
                .map(|s| s.as_str())
                .zip(xs.iter().map(|v| v.as_slice()))
                .collect();
            compare(c, case, st::ols::ols(&nums(&inputs["y"]), &preds), TEST_TOL)
        }
        "benjamini_hochberg" => compare(
            c,
            case,
            st::multiple::benjamini_hochberg(&nums(&inputs["p"])),
            TEST_TOL,
        ),
        "describe" => compare(
            c,
            case,
            st::descriptive::describe(&nums(&inputs["x"])),
            TEST_TOL,
        ),
        _ => return false,
    }
    true
}

#[test]
fn reference_fixtures_agree() {
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 300, "only {} fixture cases", cases.len());
    let mut c = Checker {
        failures: vec![],
        checked: 0,
        worst: Default::default(),
    };
    for case in cases {
        run_case(&mut c, case);
    }
    eprintln!("{} cases, {} values checked", cases.len(), c.checked);
    eprintln!("worst relative error of the distribution functions:");
    for ((function, band), rel) in &c.worst {
        eprintln!("  {function:<16} {band:<16} {rel:.2e}");
    }
    assert!(
        c.failures.is_empty(),
        "{} mismatches:\n{}",
        c.failures.len(),
        c.failures.join("\n")
    );
}
