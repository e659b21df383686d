//! The report's languages (issue 13 item 7): every example study and design test protocol,
//! run in Russian, leaves no printed text in English (`Report::untranslated` is empty), and
//! its numbers are the English report's with a decimal comma.

use neuronutri_study::i18n::{self, Lang};
use neuronutri_study::{protocol, render, report, table};

/// (name, protocol, cohort) of every study the repository runs.
const STUDIES: [(&str, &str, &str); 7] = [
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
