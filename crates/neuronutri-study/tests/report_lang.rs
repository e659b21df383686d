//! The report's languages (issue 13 item 7): every example study and design test protocol,
//! run in Russian, leaves no printed text in English (`Report::untranslated` is empty), and
//! its numbers are the English report's with a decimal comma.

use neuronutri_study::i18n::{self, Lang};
use neuronutri_study::{protocol, render, report, table};

/// (name, protocol, cohort) of every study the repository runs.
const STUDIES: [(&str, &str, &str); 8] = [
    (
        "hfs",
        include_str!("../../../examples/hfs-study/protocol.toml"),
        include_str!("../../../examples/hfs-study/cohort.csv"),
    ),
    (
        "heart",
        include_str!("../../../examples/heart-disease-study/protocol.toml"),
        include_str!("../../../examples/heart-disease-study/cohort.csv"),
    ),
    (
        "veteran",
        include_str!("../../../examples/veteran-survival-study/protocol.toml"),
        include_str!("../../../examples/veteran-survival-study/cohort.csv"),
    ),
    (
        "birthweight",
        include_str!("../../../examples/birthweight-study/protocol.toml"),
        include_str!("../../../examples/birthweight-study/cohort.csv"),
    ),
    (
        "anorexia",
        include_str!("../../../examples/anorexia-paired-study/protocol.toml"),
        include_str!("../../../examples/anorexia-paired-study/cohort.csv"),
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
    (
        "rows",
        include_str!("../test_data/rows/protocol.toml"),
        include_str!("../../../examples/heart-disease-study/cohort.csv"),
    ),
];

fn run(toml: &str, csv: &str, lang: Lang) -> report::Report {
    let data = table::read_table("cohort.csv", csv.as_bytes(), &Default::default()).unwrap();
    let mut p = protocol::parse_with_data("protocol.toml", toml, &data).unwrap();
    p.lang = lang;
    report::run(&p, &data, &mut |_| {}).unwrap()
}

#[test]
fn the_catalogues_agree() {
    let problems = i18n::catalogue_problems();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every printed text of every study has its translation in every report language.
#[test]
fn every_text_of_the_studies_is_translated() {
    let mut misses = Vec::new();
    for lang in &i18n::REPORT_LANGS[1..] {
        for (name, toml, csv) in STUDIES {
            let r = run(toml, csv, *lang);
            misses.extend(
                r.untranslated
                    .iter()
                    .map(|m| format!("{} {name}: {m}", lang.tag())),
            );
            // the frame and the tables render
            render::markdown(&r);
            render::html(&r).unwrap();
        }
    }
    assert!(
        misses.is_empty(),
        "{} texts untranslated:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// `p_style`: APA's p without the leading zero, or exact p below 0.001; the default is the
/// English golden reports' "<0.001" / "0.570".
#[test]
fn p_style_prints_p_values_as_asked() {
    let (_, toml, csv) = STUDIES[0];
    let with = |style: &str| {
        toml.replacen(
            "\ngroup = ",
            &format!("\np_style = \"{style}\"\ngroup = "),
            1,
        )
    };
    let default = run(toml, csv, Lang::En);
    let apa = run(&with("apa"), csv, Lang::En);
    let exact = run(&with("exact"), csv, Lang::En);
    // Table 1, age: Welch t, p = 0.570
    assert_eq!(default.tables[0].rows[0][5], "0.570");
    assert_eq!(apa.tables[0].rows[0][5], ".570");
    assert_eq!(exact.tables[0].rows[0][5], "0.570");
    // Table 2, B12: Mann–Whitney p far below 0.001
    assert_eq!(default.tables[1].rows[0][7], "<0.001");
    assert_eq!(apa.tables[1].rows[0][7], "<.001");
    let p = exact.tables[1].rows[0][7].clone();
    assert!(p.contains("e\u{2212}") && !p.starts_with('<'), "{p}");
    let typed = match &exact.tables[1].results {
        report::Results::Comparison { rows, .. } => match &rows[0] {
            report::VariableRow::Numeric { test, .. } => test.as_ref().unwrap().p_value,
            _ => unreachable!(),
        },
        _ => unreachable!(),
    };
    assert_eq!(p, format!("{typed:.1e}").replace("e-", "e\u{2212}"));
    // the regression note says it the same way
    let note = |r: &report::Report| {
        r.tables[5]
            .notes
            .iter()
            .find(|n| n.contains("R² ="))
            .cloned()
            .unwrap()
    };
    assert!(note(&default).ends_with("p < 0.001."), "{}", note(&default));
    assert!(note(&apa).ends_with("p < .001."), "{}", note(&apa));
    // a style that does not exist is an error naming the key
    let e = protocol::parse("p.toml", &with("fancy"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("p_style") && e.contains("fancy"), "{e}");
    // Russian with APA style: the decimal comma still applies
    let data = table::read_table("cohort.csv", csv.as_bytes(), &Default::default()).unwrap();
    let mut p = protocol::parse_with_data("protocol.toml", &with("apa"), &data).unwrap();
    p.lang = Lang::Ru;
    let ru = report::run(&p, &data, &mut |_| {}).unwrap();
    assert_eq!(ru.tables[0].rows[0][5], ",570");
    assert!(ru.untranslated.is_empty(), "{:?}", ru.untranslated);
}
