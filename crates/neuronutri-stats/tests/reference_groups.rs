//! Checks every case of `test_data/reference_groups.json` (written by
//! `scripts/stats/make_fixtures_groups.py` from SciPy, statsmodels, pingouin,
//! scikit-posthocs, mpmath and exact rational enumeration) against the several-group,
//! post-hoc, paired and r×c tests of this crate, each within the tolerance its case states.
//! Prints the largest differences to the references per function.

use neuronutri_stats as st;
use serde_json::Value;
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("../test_data/reference_groups.json");

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

fn table(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(nums).collect()
}

#[derive(Default)]
struct Checker {
    failures: Vec<String>,
    checked: usize,
    /// Largest (relative, absolute) difference per function.
    worst: BTreeMap<String, (f64, f64)>,
}

impl Checker {
    fn value(&mut self, case: &Value, what: &str, got: f64, want: f64) {
        self.checked += 1;
        let rel = num(&case["tol"]["rel"]);
        let abs = case["tol"].get("abs").map(num).unwrap_or(0.0).max(1e-300);
        let diff = (got - want).abs();
        let ok = if want.is_nan() {
            got.is_nan()
        } else if want.is_infinite() {
            got == want
        } else {
            diff <= rel * want.abs() || diff <= abs
        };
        if want.is_finite() {
            let w = self
                .worst
                .entry(case["function"].as_str().unwrap().to_owned())
                .or_default();
            // relative differences of values the absolute floor covers say nothing
            if want.abs() > 1e3 * abs.max(1e-300) && want.abs() > 1e-12 {
                w.0 = w.0.max(diff / want.abs());
            }
            w.1 = w.1.max(diff);
        }
        if !ok {
            self.failures.push(format!(
                "{} [{}] {what}: got {got:e}, want {want:e} (diff {diff:e})",
                case["name"].as_str().unwrap(),
                case["reference"].as_str().unwrap(),
            ));
        }
    }

    fn text(&mut self, case: &Value, what: &str, got: &Value, want: &Value) {
        self.checked += 1;
        if got != want {
            self.failures.push(format!(
                "{} {what}: got {got}, want {want}",
                case["name"].as_str().unwrap()
            ));
        }
    }

    /// Compares a result (serialized) key by key with the expected object, or an expected
    /// error with the error's kind.
    fn compare<T: serde::Serialize>(&mut self, case: &Value, got: st::Result<T>) {
        let expected = case["expected"].as_object().unwrap();
        if let Some(want) = expected.get("error") {
            self.checked += 1;
            match got {
                Err(e) if error_name(&e) == want.as_str().unwrap() => {
                    assert!(!e.to_string().ends_with('.'), "message ends with '.': {e}");
                }
                Err(e) => self
                    .failures
                    .push(format!("{}: error {e}, want {want}", case["name"])),
                Ok(_) => self
                    .failures
                    .push(format!("{}: no error, want {want}", case["name"])),
            }
            return;
        }
        let got = match got {
            Ok(v) => serde_json::to_value(v).unwrap(),
            Err(e) => {
                self.checked += 1;
                self.failures
                    .push(format!("{}: unexpected error {e}", case["name"]));
                return;
            }
        };
        self.object(case, &got, &case["expected"], "");
    }

    fn object(&mut self, case: &Value, got: &Value, want: &Value, prefix: &str) {
        for (k, w) in want.as_object().unwrap() {
            let label = format!("{prefix}{k}");
            let g = match k.as_str() {
                "ci_low" if got.get("ci").is_some() => got["ci"][0].clone(),
                "ci_high" if got.get("ci").is_some() => got["ci"][1].clone(),
                _ => got.get(k.as_str()).cloned().unwrap_or(Value::Null),
            };
            match w {
                Value::Array(items) if k == "comparisons" => {
                    let g = g.as_array().cloned().unwrap_or_default();
                    self.checked += 1;
                    if g.len() != items.len() {
                        self.failures.push(format!(
                            "{}: {} comparisons, want {}",
                            case["name"],
                            g.len(),
                            items.len()
                        ));
                        continue;
                    }
                    for (i, (gi, wi)) in g.iter().zip(items).enumerate() {
                        self.object(case, gi, wi, &format!("{label}[{i}]."));
                    }
                }
                Value::Array(items) => {
                    let g = g.as_array().cloned().unwrap_or_default();
                    self.checked += 1;
                    if g.len() != items.len() {
                        self.failures.push(format!(
                            "{}: {label} has {} values",
                            case["name"],
                            g.len()
                        ));
                        continue;
                    }
                    for (i, (gi, wi)) in g.iter().zip(items).enumerate() {
                        self.value(case, &format!("{label}[{i}]"), num(gi), num(wi));
                    }
                }
                Value::String(s) if !matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => {
                    self.text(case, &label, &g, w)
                }
                Value::Null => self.text(case, &label, &g, w),
                _ => self.value(case, &label, num(&g), num(w)),
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

fn alternative(case: &Value) -> st::Alternative {
    case["params"]["alternative"]
        .as_str()
        .unwrap_or("two-sided")
        .parse()
        .unwrap()
}

fn run(c: &mut Checker, case: &Value) {
    let f = case["function"].as_str().unwrap();
    let inputs = &case["inputs"];
    let params = &case["params"];
    let owned: Vec<(String, Vec<f64>)> = inputs
        .get("groups")
        .and_then(Value::as_array)
        .map(|gs| {
            gs.iter()
                .map(|g| (g["name"].as_str().unwrap().to_owned(), nums(&g["values"])))
                .collect()
        })
        .unwrap_or_default();
    let groups: Vec<(&str, &[f64])> = owned
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .collect();
    match f {
        "one_way_anova" => c.compare(case, st::groups::one_way_anova(&groups)),
        "welch_anova" => c.compare(case, st::groups::welch_anova(&groups)),
        "kruskal_wallis" => c.compare(case, st::groups::kruskal_wallis(&groups)),
        "tukey_hsd" => c.compare(
            case,
            st::posthoc::tukey_hsd(&groups, num(&params["conf_level"])),
        ),
        "games_howell" => c.compare(
            case,
            // the intervals are checked by reference_games_howell.rs
            st::posthoc::games_howell(&groups, 0.95),
        ),
        "dunn" => c.compare(case, st::posthoc::dunn(&groups)),
        "holm" => {
            let got = st::multiple::holm(&nums(&inputs["p"])).map(|v| {
                serde_json::json!({"adjusted": v.iter().map(|x| if x.is_nan() {
                    Value::from("NaN") } else { Value::from(*x) }).collect::<Vec<_>>()})
            });
            c.compare(case, got)
        }
        "tukey_dist" => {
            let (q, k, df) = (num(&inputs["q"]), num(&params["k"]), num(&params["df"]));
            let want = &case["expected"];
            if let Some(w) = want.get("cdf") {
                c.value(case, "cdf", st::dist::tukey_cdf(q, k, df), num(w));
            }
            if let Some(w) = want.get("sf") {
                c.value(case, "sf", st::dist::tukey_sf(q, k, df), num(w));
            }
        }
        "tukey_quantile" => c.value(
            case,
            "value",
            st::dist::tukey_quantile(num(&inputs["p"]), num(&params["k"]), num(&params["df"])),
            num(&case["expected"]["value"]),
        ),
        "chi_square" => c.compare(
            case,
            st::contingency::chi_square(
                &table(&inputs["table"]),
                params["yates"].as_bool().unwrap(),
            ),
        ),
        "fisher_rxc" => {
            let method = match params["method"].as_str().unwrap() {
                "exact" => st::contingency::RxcMethod::Exact,
                "monte-carlo" => st::contingency::RxcMethod::MonteCarlo,
                _ => st::contingency::RxcMethod::Auto,
            };
            let mut opts = st::contingency::RxcOptions {
                method,
                ..Default::default()
            };
            if let Some(r) = params.get("replicates") {
                opts.replicates = r.as_u64().unwrap() as usize;
            }
            if let Some(s) = params.get("seed") {
                opts.seed = s.as_u64().unwrap();
            }
            let got = st::contingency::fisher_rxc(&table(&inputs["table"]), &opts);
            if let Some(k) = case["tol"].get("monte_carlo_se").map(num) {
                // the exact p-value is known: the simulation lands within k standard errors
                c.checked += 1;
                let want = num(&case["expected"]["p_value"]);
                match got {
                    Ok(r) => {
                        let b = r.replicates.unwrap() as f64;
                        let se = (want * (1.0 - want) / b).sqrt();
                        eprintln!(
                            "  Monte Carlo {}: {} vs exact {want} ({:.2} standard errors)",
                            case["name"].as_str().unwrap(),
                            r.p_value,
                            (r.p_value - want).abs() / se
                        );
                        if (r.p_value - want).abs() > k * se + 1.0 / b || r.method != "monte-carlo"
                        {
                            c.failures.push(format!(
                                "{}: Monte Carlo p {} ({}), exact {want}",
                                case["name"], r.p_value, r.method
                            ));
                        }
                    }
                    Err(e) => c.failures.push(format!("{}: {e}", case["name"])),
                }
            } else {
                c.compare(case, got)
            }
        }
        "paired_t" => c.compare(
            case,
            st::paired::paired_t(
                &nums(&inputs["x"]),
                &nums(&inputs["y"]),
                alternative(case),
                0.95,
            ),
        ),
        "wilcoxon_signed_rank" => {
            let opts = st::paired::SignedRankOptions {
                alternative: alternative(case),
                method: params["method"].as_str().unwrap().parse().unwrap(),
                correct: params["correct"].as_bool().unwrap(),
            };
            c.compare(
                case,
                st::paired::wilcoxon_signed_rank(&nums(&inputs["x"]), &nums(&inputs["y"]), &opts),
            )
        }
        "mcnemar" => {
            let t = table(&inputs["table"]);
            c.compare(
                case,
                st::paired::mcnemar(
                    [[t[0][0], t[0][1]], [t[1][0], t[1][1]]],
                    params["correct"].as_bool().unwrap(),
                ),
            )
        }
        other => c
            .failures
            .push(format!("unknown function `{other}` in the fixture")),
    }
}

#[test]
fn group_and_paired_fixtures_agree() {
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 400, "only {} fixture cases", cases.len());
    // the studentized-range cases dominate the time: spread the cases over the cores
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let parts: Vec<Checker> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut c = Checker::default();
                    for case in cases.iter().skip(t).step_by(threads) {
                        run(&mut c, case);
                    }
                    c
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut c = Checker::default();
    for part in parts {
        c.failures.extend(part.failures);
        c.checked += part.checked;
        for (function, (rel, abs)) in part.worst {
            let w = c.worst.entry(function).or_default();
            w.0 = w.0.max(rel);
            w.1 = w.1.max(abs);
        }
    }
    eprintln!("{} cases, {} values checked", cases.len(), c.checked);
    eprintln!(
        "largest difference to the reference (relative, over values above 1e-12 and 1000 \
         times the case's absolute floor; absolute, over all):"
    );
    for (function, (rel, abs)) in &c.worst {
        eprintln!("  {function:<22} {rel:.2e}  {abs:.2e}");
    }
    assert!(
        c.failures.is_empty(),
        "{} mismatches:\n{}",
        c.failures.len(),
        c.failures.join("\n")
    );
}
