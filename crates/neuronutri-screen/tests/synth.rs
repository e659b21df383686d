//! `neuronutri synth-labs` extracts have known answers: the screen of a generated extract (in
//! Parquet and in CSV) finds exactly the counts the generator wrote to truth.json, overall, by
//! sex and by year, with the excluded rows by reason.

use neuronutri_knowledge::Knowledge;
use neuronutri_screen::engine::Quiet;
use neuronutri_screen::mapping::Mapping;
use neuronutri_screen::synth::{generate, SynthFormat, SynthOptions, Truth};
use neuronutri_screen::{screen, Dimension, Group, Options, Period, Screen, DEFAULT_AGE_EDGES};
use std::collections::BTreeMap;
use std::path::Path;

fn run(dir: &Path, ext: &str, by: &str) -> Screen {
    run_within(
        dir,
        ext,
        by,
        neuronutri_screen::engine::DEFAULT_MEMORY_LIMIT,
    )
}

fn run_within(dir: &Path, ext: &str, by: &str, memory_limit: u64) -> Screen {
    let options = Options {
        labs: dir.join(format!("labs.{ext}")),
        patients: Some(dir.join(format!("patients.{ext}"))),
        medications: None,
        mapping: Mapping::default(),
        by: Dimension::parse_list(by).unwrap(),
        period: Some(Period::parse("2019-01-01..2024-12-31").unwrap()),
        age_edges: DEFAULT_AGE_EDGES.to_vec(),
        spark: None,
        memory_limit,
        emit_only: false,
    };
    screen(&Knowledge::builtin().unwrap(), &options, &Quiet).unwrap_or_else(|e| panic!("{e}"))
}

fn counts(g: &Group) -> (u64, BTreeMap<String, u64>) {
    (
        g.tested,
        g.classes
            .iter()
            .map(|c| (c.class.to_string(), c.count))
            .collect(),
    )
}

fn want(tested: u64, classes: &BTreeMap<&'static str, u64>) -> (u64, BTreeMap<String, u64>) {
    (
        tested,
        classes.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    )
}

fn check(dir: &Path, ext: &str, truth: &Truth) {
    let by_sex = run(dir, ext, "sex");
    assert_eq!(by_sex.lab_rows, truth.lab_rows);
    for a in &by_sex.analytes {
        let t = &truth.analytes[a.key];
        assert!(t.tested > 100, "{}: too few tested to tell", a.key);
        assert_eq!(
            counts(&a.total),
            want(t.tested, &t.classes),
            "{ext} {}",
            a.key
        );
        assert_eq!(a.groups.len(), t.by_sex.len(), "{ext} {} sexes", a.key);
        for g in &a.groups {
            let w = &t.by_sex[g.group["sex"].as_str()];
            assert_eq!(
                counts(g),
                want(w.tested, &w.classes),
                "{ext} {} {:?}",
                a.key,
                g.group
            );
        }
        assert_eq!(a.rows.valid, t.rows_valid, "{ext} {} valid rows", a.key);
        for (reason, n) in &t.rows_excluded {
            assert_eq!(a.rows.excluded[reason], *n, "{ext} {} {reason}", a.key);
        }
        let st = a.standardised.as_ref().expect("standardised");
        assert!(st.total.tested > 0 && st.total.weight_covered > 0.9);
    }
    let by_year = run(dir, ext, "year");
    for a in &by_year.analytes {
        let t = &truth.analytes[a.key];
        assert_eq!(a.groups.len(), t.by_year.len(), "{ext} {} years", a.key);
        for g in &a.groups {
            let w = &t.by_year[&g.group["year"]];
            assert_eq!(
                counts(g),
                want(w.tested, &w.classes),
                "{ext} {} {:?}",
                a.key,
                g.group
            );
        }
    }
}

#[test]
fn the_screen_finds_the_generated_truth() {
    let dir = tempfile::tempdir().unwrap();
    for (format, ext) in [(SynthFormat::Parquet, "parquet"), (SynthFormat::Csv, "csv")] {
        let out = dir.path().join(ext);
        let written = generate(&SynthOptions {
            rows: 40_000,
            patients: Some(1_500),
            seed: 7,
            format,
            out: out.clone(),
        })
        .unwrap();
        check(&out, ext, &written.truth);
    }
    // The same seed and sizes give the same files.
    let again = dir.path().join("again");
    generate(&SynthOptions {
        rows: 40_000,
        patients: Some(1_500),
        seed: 7,
        format: SynthFormat::Csv,
        out: again.clone(),
    })
    .unwrap();
    for f in ["labs.csv", "patients.csv", "truth.json"] {
        let a = std::fs::read(dir.path().join("csv").join(f)).unwrap();
        let b = std::fs::read(again.join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs with the same seed");
    }
}

/// With a working memory far smaller than the per-patient aggregation's state, the engine
/// spills to temporary files and the counts are still exactly the truth (the memory bound of
/// `--memory-limit`).
#[test]
fn the_screen_spills_within_its_memory_limit_and_finds_the_same_truth() {
    let dir = tempfile::tempdir().unwrap();
    let written = generate(&SynthOptions {
        rows: 600_000,
        patients: Some(150_000),
        seed: 3,
        format: SynthFormat::Parquet,
        out: dir.path().to_path_buf(),
    })
    .unwrap();
    let truth = &written.truth;
    let within = run_within(dir.path(), "parquet", "year", 64 << 20);
    assert!(
        within.spilled_bytes > 0,
        "nothing spilled: the test does not test spilling"
    );
    let unbounded = run_within(dir.path(), "parquet", "year", 16 << 30);
    assert_eq!(unbounded.spilled_bytes, 0);
    for (a, b) in within.analytes.iter().zip(&unbounded.analytes) {
        let t = &truth.analytes[a.key];
        assert_eq!(a.groups.len(), t.by_year.len(), "{} years", a.key);
        for g in &a.groups {
            let w = &t.by_year[&g.group["year"]];
            assert_eq!(
                counts(g),
                want(w.tested, &w.classes),
                "{} {:?}",
                a.key,
                g.group
            );
        }
        assert_eq!(a.rows.valid, t.rows_valid, "{} valid rows", a.key);
        assert_eq!(
            serde_json::to_string(a).unwrap(),
            serde_json::to_string(b).unwrap(),
            "{}: spilled and in-memory runs differ",
            a.key
        );
    }
}
