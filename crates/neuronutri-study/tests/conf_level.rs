//! Issue 13 item 5: `conf_level` in the protocol sets the level of the intervals the report
//! prints (tests, effect sizes, paired change, Pearson, Tukey, linear and logistic regression,
//! Kaplan–Meier and Cox), in every language, and the R code passes it on; the estimates and
//! p-values do not move.
//!
//! The logistic, Kaplan–Meier and Cox intervals at conf_level = 0.9 are checked against
//! `test_data/conf_level/reference.json`, written by `scripts/stats/make_conf_level_fixture.R`
//! from R itself: Wald and exact profile-likelihood ends (uniroot at 1e-13) and Kaplan–Meier
//! at 1e-9 relative, Cox at 1e-8 (R's coxph eps = 1e-12), and MASS's spline-interpolated
//! `confint(glm, level = 0.9)` within [`CONFINT_SE_TOL`] standard errors (its own accuracy, as
//! in the stats crate's tests/reference_regression.rs).

mod common;

use neuronutri_study::i18n::Lang;
use neuronutri_study::report::{PairedRow, Report, Results, TestResult, VariableRow};
use neuronutri_study::{protocol, rcode, report, table};

const STUDIES: [(&str, &str, &str); 4] = [
    (
        "heart",
        include_str!("../../../examples/heart-disease-study/protocol.toml"),
        include_str!("../../../examples/heart-disease-study/cohort.csv"),
    ),
    (
        "hfs",
        include_str!("../../../examples/hfs-study/protocol.toml"),
        include_str!("../../../examples/hfs-study/cohort.csv"),
    ),
    (
        "groups",
        include_str!("../test_data/designs/groups.toml"),
        include_str!("../test_data/designs/groups.csv"),
    ),
    (
        "paired",
        include_str!("../test_data/designs/paired.toml"),
        include_str!("../test_data/designs/paired.csv"),
    ),
];

const CONF_REFERENCE: &str = include_str!("../test_data/conf_level/reference.json");
const VETERAN: (&str, &str) = (
    include_str!("../../../examples/veteran-survival-study/protocol.toml"),
    include_str!("../../../examples/veteran-survival-study/cohort.csv"),
);
/// MASS's `confint()` interpolates the profile with a spline: its ends are checked against
/// ours to this many standard errors of the coefficient.
const CONFINT_SE_TOL: f64 = 5e-3;

fn run(toml: &str, csv: &str, lang: Lang) -> (protocol::Protocol, Report) {
    let data = table::read_table("cohort.csv", csv.as_bytes(), &Default::default()).unwrap();
    let mut p = protocol::parse_with_data("protocol.toml", toml, &data).unwrap();
    p.lang = lang;
    let r = report::run(&p, &data, &mut |_| {}).unwrap();
    (p, r)
}

fn tests(r: &Report) -> Vec<(String, TestResult)> {
    let mut out = Vec::new();
    for t in &r.tables {
        match &t.results {
            Results::Characteristics { rows, .. } | Results::Comparison { rows, .. } => {
                for row in rows {
                    match row {
                        VariableRow::Numeric { variable, test, .. }
                        | VariableRow::Categorical { variable, test, .. } => {
                            if let Some(test) = test {
                                out.push((format!("{} {variable}", t.id), test.clone()));
                            }
                        }
                    }
                }
            }
            Results::Paired { rows, .. } => {
                for row in rows {
                    match row {
                        PairedRow::Numeric { variable, test, .. }
                        | PairedRow::Categorical { variable, test, .. } => {
                            if let Some(test) = test {
                                out.push((format!("{} {variable}", t.id), test.clone()));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn conf_level_sets_the_intervals_and_nothing_else() {
    let mut effects_checked = 0;
    let mut shifts_checked = 0;
    for (name, toml, csv) in STUDIES {
        let (_, at95) = run(toml, csv, Lang::En);
        let toml90 = format!("conf_level = 0.9\n{toml}");
        let (p90, at90) = run(&toml90, csv, Lang::En);
        assert_eq!(p90.conf_level, 0.9);
        let (a, b) = (tests(&at95), tests(&at90));
        assert_eq!(a.len(), b.len(), "{name}");
        assert!(!a.is_empty(), "{name}");
        for ((what, t95), (_, t90)) in a.iter().zip(&b) {
            // estimates and p-values are those of the default level, bit for bit
            assert_eq!(
                t95.p_value.to_bits(),
                t90.p_value.to_bits(),
                "{name} {what}"
            );
            assert_eq!(t95.shift.map(f64::to_bits), t90.shift.map(f64::to_bits));
            if let (Some((l95, h95)), Some((l90, h90))) = (t95.shift_ci, t90.shift_ci) {
                if t95.test.starts_with("Mann") || t95.test.starts_with("Wilcoxon") {
                    // rank-based ends are pairwise differences or Walsh averages: they may
                    // coincide
                    assert!(l95 <= l90 && h90 <= h95, "{name} {what}: shift CI");
                } else {
                    assert!(l95 < l90 && h90 < h95, "{name} {what}: shift CI");
                }
                shifts_checked += 1;
            }
            let (Some(e95), Some(e90)) = (&t95.effect, &t90.effect) else {
                assert!(t95.effect.is_none() && t90.effect.is_none());
                continue;
            };
            assert_eq!(e95.value.to_bits(), e90.value.to_bits(), "{name} {what}");
            assert_eq!(e95.ci_level, Some(0.95), "{name} {what}");
            assert_eq!(e90.ci_level, Some(0.9), "{name} {what}");
            let ((l95, h95), (l90, h90)) = (e95.ci.unwrap(), e90.ci.unwrap());
            // a narrower interval inside the wider one (a one-sided end at its bound, or a
            // lower end at 0, stays where it is)
            assert!(
                l95 <= l90 && h90 <= h95,
                "{name} {what}: {:?} {:?}",
                e95,
                e90
            );
            assert!(
                l90 <= e90.value && e90.value <= h90,
                "{name} {what}: {e90:?}"
            );
            effects_checked += 1;
        }
        // linear regression: b and β intervals at the level, estimates unchanged
        for (t95, t90) in at95.tables.iter().zip(&at90.tables) {
            if let (
                Results::Regression { fit: Some(f95), .. },
                Results::Regression { fit: Some(f90), .. },
            ) = (&t95.results, &t90.results)
            {
                assert!(t90.header.iter().any(|h| h == "90% CI"), "{:?}", t90.header);
                assert!(
                    t90.header.iter().any(|h| h == "β 90% CI"),
                    "{:?}",
                    t90.header
                );
                for (c95, c90) in f95.coefficients.iter().zip(&f90.coefficients) {
                    assert_eq!(c95.estimate.to_bits(), c90.estimate.to_bits());
                    assert!(c95.ci.0 < c90.ci.0 && c90.ci.1 < c95.ci.1, "{}", c90.name);
                    shifts_checked += 1;
                }
            }
        }
        let headers: Vec<&String> = at90.tables.iter().flat_map(|t| &t.header).collect();
        assert!(
            headers.iter().any(|h| *h == "Effect size (90 % CI)"),
            "{name}: {headers:?}"
        );
        assert!(
            !headers.iter().any(|h| h.contains("95 % CI")),
            "{name}: {headers:?}"
        );
        assert!(at90
            .methods
            .iter()
            .any(|m| m.contains("90 % confidence intervals")));
        // the Russian report says 90 % too, with nothing left in English
        let (_, ru) = run(&toml90, csv, Lang::Ru);
        assert!(ru.untranslated.is_empty(), "{name}: {:?}", ru.untranslated);
        let ru_headers: Vec<&String> = ru.tables.iter().flat_map(|t| &t.header).collect();
        assert!(
            ru_headers.iter().any(|h| *h == "Размер эффекта (90% ДИ)"),
            "{name}: {ru_headers:?}"
        );
        // the R code asks R for the same level where a call has one
        let code = rcode::r_script(&p90, &at90);
        let default_code = rcode::r_script(&protocol::parse("protocol.toml", toml).unwrap(), &at95);
        assert!(!default_code.contains("conf.level"), "{name}");
        if code.contains("t.test(") || code.contains("TukeyHSD(") {
            assert!(code.contains(", conf.level = 0.9)"), "{name}:\n{code}");
        }
        if code.contains("lm(") {
            assert!(code.contains(", level = 0.9))"), "{name}:\n{code}");
        }
    }
    assert!(effects_checked >= 10, "{effects_checked}");
    assert!(shifts_checked >= 3, "{shifts_checked}");
}

/// An odds ratio's interval may end at +inf (a zero cell): report.json says "Infinity", not
/// null (which would read as a missing number).
#[test]
fn an_infinite_interval_end_is_infinity_in_json() {
    let e = report::Effect {
        name: "odds ratio (conditional MLE)".into(),
        value: 12.5,
        ci: Some((1.25, f64::INFINITY)),
        ci_level: Some(0.95),
        ci_method: Some("conditional exact (Fisher)".into()),
    };
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["ci"], serde_json::json!([1.25, "Infinity"]));
    assert_eq!(json["value"], 12.5);
    let none = report::Effect { ci: None, ..e };
    assert!(serde_json::to_value(&none).unwrap()["ci"].is_null());
}

/// A 2×2 table with an empty cell: Fisher's odds ratio is infinite, its interval ends at
/// ∞, and the cell reads in every language.
#[test]
fn an_infinite_odds_ratio_prints_and_translates() {
    let csv = "g,x\nA,yes\nA,yes\nA,yes\nA,yes\nA,yes\nB,yes\nB,no\nB,no\nB,no\nB,no\n";
    let toml = "group = \"g\"\ngroups = [\"A\", \"B\"]\n[[variable]]\nname = \"x\"\n\
                levels = [\"yes\", \"no\"]\n[[table]]\nid = \"t1\"\nkind = \"characteristics\"\n\
                variables = [\"x\"]\n";
    for lang in neuronutri_study::i18n::REPORT_LANGS {
        let (_, r) = run(toml, csv, lang);
        assert!(r.untranslated.is_empty(), "{lang:?}: {:?}", r.untranslated);
        let row = &r.tables[0].rows[0];
        let cell = &row[row.len() - 2];
        assert!(cell.ends_with("; ∞]"), "{lang:?}: {row:?}");
        if lang == Lang::En {
            let t = &tests(&r)[0].1;
            let e = t.effect.as_ref().unwrap();
            assert_eq!(t.test, "Fisher exact");
            assert!(e.value.is_infinite());
            let (lo, hi) = e.ci.unwrap();
            assert!(lo > 0.0 && lo.is_finite() && hi.is_infinite(), "{e:?}");
            assert_eq!(
                cell,
                &format!("odds ratio (conditional MLE) = ∞ [{lo:.2}; ∞]")
            );
        }
    }
}

/// A study with `conf_level = 0.9` put first, read with its own read options (as the CLI does).
fn run90(toml: &str, csv: &str, lang: Lang) -> (protocol::Protocol, Report) {
    let toml90 = format!("conf_level = 0.9\n{toml}");
    let mut p = protocol::parse("protocol.toml", &toml90).unwrap();
    p.lang = lang;
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let r = report::run(&p, &data, &mut |_| {}).unwrap();
    (p, r)
}

/// Logistic regression (Wald and profile odds-ratio intervals), Kaplan–Meier (every step's
/// bounds, the median's CI, the risk table) and Cox (hazard-ratio intervals) at
/// conf_level = 0.9 against R, their texts at 90 % in English and Russian, and the R code
/// asking R for the same level.
#[test]
fn logistic_km_and_cox_intervals_follow_conf_level_as_r_computes_them() {
    let heart = STUDIES[0];
    assert_eq!(heart.0, "heart");
    let (hp, hr) = run90(heart.1, heart.2, Lang::En);
    let (vp, vr) = run90(VETERAN.0, VETERAN.1, Lang::En);
    assert_eq!((hp.conf_level, vp.conf_level), (0.9, 0.9));
    let hj = serde_json::to_value(&hr).unwrap();
    let vj = serde_json::to_value(&vr).unwrap();
    let (n, worst) = common::check_reference(CONF_REFERENCE, &|name| match name {
        Some("heart") => hj.clone(),
        Some("veteran") => vj.clone(),
        other => panic!("no study {other:?}"),
    });
    eprintln!("{n} entries, largest relative difference {worst:.2e}");
    assert!(n >= 800, "only {n} entries");
    // MASS's confint(level = 0.9): b = ln(OR) within its spline's accuracy
    let doc: serde_json::Value = serde_json::from_str(CONF_REFERENCE).unwrap();
    let ends = doc["confint"].as_array().unwrap();
    assert_eq!(ends.len(), 18);
    for e in ends {
        let pointer = e["pointer"].as_str().unwrap();
        let got = hj.pointer(pointer).and_then(|v| v.as_f64()).unwrap().ln();
        let want = e["b"].as_f64().unwrap();
        let se = e["se"].as_f64().unwrap();
        assert!(
            (got - want).abs() <= CONFINT_SE_TOL * se,
            "{pointer}: ln OR {got}, MASS confint {want} (SE {se})"
        );
    }

    // Estimates and p-values do not move; the 90 % intervals lie inside the 95 % ones.
    let (_, h95) = run(heart.1, heart.2, Lang::En);
    let mut nested = 0;
    for (t95, t90) in h95.tables.iter().zip(&hr.tables) {
        if let (
            Results::Regression {
                logistic: Some(l95),
                ..
            },
            Results::Regression {
                logistic: Some(l90),
                ..
            },
        ) = (&t95.results, &t90.results)
        {
            for (a, b) in l95.coefficients.iter().zip(&l90.coefficients) {
                assert_eq!(a.estimate.to_bits(), b.estimate.to_bits());
                assert_eq!(a.p_value.to_bits(), b.p_value.to_bits());
                assert!(a.or_wald_ci.0 < b.or_wald_ci.0 && b.or_wald_ci.1 < a.or_wald_ci.1);
                let (Some(lo95), Some(hi95)) = a.or_profile_ci else {
                    panic!()
                };
                let (Some(lo90), Some(hi90)) = b.or_profile_ci else {
                    panic!()
                };
                assert!(lo95 < lo90 && hi90 < hi95, "{}", b.name);
                nested += 1;
            }
        }
    }
    assert_eq!(nested, 9);

    // Texts: headers, notes, figure titles and methods at 90 %, none left at 95 %.
    let texts = |r: &Report| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &r.tables {
            out.extend(t.header.iter().cloned());
            out.extend(t.notes.iter().cloned());
            out.extend(t.rows.iter().flat_map(|row| row.iter().take(2).cloned()));
        }
        out.extend(r.figures.iter().map(|f| f.title.clone()));
        out.extend(r.methods.iter().cloned());
        out
    };
    let all: Vec<String> = texts(&hr).into_iter().chain(texts(&vr)).collect();
    for want in [
        "OR 90% CI (Wald)",
        "OR 90% CI (profile)",
        "HR 90% CI",
        "Median survival, days (90% CI)",
        "Survival, % (90% CI)",
    ] {
        assert!(all.iter().any(|t| t == want), "{want}: {all:?}");
    }
    for want in [
        "Wald CI exp(b ± 1.645·SE)",
        "rises by 1.645²",
        "90 % CI exp(b ± 1.645·SE)",
        "median survival and its 90 % CI",
        "pointwise 90 % CI (log scale)",
        "pointwise 90 % CIs from Greenwood",
        "Wald z tests; 90 % CIs of the odds ratios",
        "Wald z tests and 90 % CIs of the hazard ratios",
        "(b, 90% profile CI)",
    ] {
        assert!(all.iter().any(|t| t.contains(want)), "{want}: {all:?}");
    }
    let stale: Vec<&String> = all
        .iter()
        .filter(|t| t.contains("95%") || t.contains("95 %") || t.contains("1.96"))
        .collect();
    assert!(stale.is_empty(), "{stale:?}");

    // Every language translates them, at 90 %.
    for lang in &neuronutri_study::i18n::REPORT_LANGS[1..] {
        let mut all = Vec::new();
        for (toml, csv) in [(heart.1, heart.2), VETERAN] {
            let (_, r) = run90(toml, csv, *lang);
            assert!(r.untranslated.is_empty(), "{lang:?}: {:?}", r.untranslated);
            all.extend(texts(&r));
        }
        assert!(all.iter().any(|t| t.contains("90")), "{lang:?}");
        let stale: Vec<&String> = all
            .iter()
            .filter(|t| t.contains("95%") || t.contains("95 %") || t.contains("1,96"))
            .collect();
        assert!(stale.is_empty(), "{lang:?}: {stale:?}");
        if *lang == Lang::Ru {
            assert!(all.iter().any(|t| t == "90% ДИ ОР"), "{all:?}");
            assert!(
                all.iter().any(|t| t.contains("exp(b ± 1,645·SE)")),
                "{all:?}"
            );
        }
    }

    // The R code: level = / conf.int = 0.9 where the report computed at 0.9.
    let code = rcode::r_script(&hp, &hr);
    assert!(
        code.contains("confint.default(res[[\"table2\"]], level = 0.9)")
            && code.contains("print(exp(confint(res[[\"table2\"]], level = 0.9)))"),
        "{code}"
    );
    let code = rcode::r_script(&vp, &vr);
    assert!(code.contains(", conf.int = 0.9)"), "{code}");
    assert!(
        code.contains("print(summary(res[[\"table2|cox\"]], conf.int = 0.9))"),
        "{code}"
    );
    // and none at the default level
    let (p95, r95) = run(VETERAN.0, VETERAN.1, Lang::En);
    let code = rcode::r_script(&p95, &r95);
    assert!(
        !code.contains("conf.int") && !code.contains("level ="),
        "{code}"
    );
}
