//! Issue 13 item 5: `conf_level` in the protocol sets the level of the intervals the report
//! prints (tests, effect sizes, paired change, Pearson, Tukey, linear regression), in every
//! language, and the
//! R code passes it on; the estimates and p-values do not move.

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
