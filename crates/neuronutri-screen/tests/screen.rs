//! The screen against an independent computation: tests/data/expected.json is written by
//! scripts/screen/make_fixture.py (pandas, statsmodels' Wilson interval) from the same
//! extract, with the rules re-implemented from KNOWLEDGE.md. CSV, Parquet and a mapped
//! extract must all give its numbers; bad inputs must name the file, line and column.

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::prelude::{CsvReadOptions, SessionContext};
use neuronutri_knowledge::Knowledge;
use neuronutri_screen::engine::Quiet;
use neuronutri_screen::mapping::Mapping;
use neuronutri_screen::{screen, Dimension, Group, Options, Period, Screen, DEFAULT_AGE_EDGES};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data("expected.json")).unwrap()).unwrap()
}

fn options(labs: PathBuf, patients: Option<PathBuf>, medications: Option<PathBuf>) -> Options {
    Options {
        labs,
        patients,
        medications,
        mapping: Mapping::default(),
        by: Dimension::parse_list("site,sex,age_band,year").unwrap(),
        period: Some(Period::parse("2023-01-01..2024-12-31").unwrap()),
        age_edges: DEFAULT_AGE_EDGES.to_vec(),
        spark: None,
        memory_limit: neuronutri_screen::engine::DEFAULT_MEMORY_LIMIT,
        emit_only: false,
    }
}

fn run(options: &Options) -> Screen {
    let knowledge = Knowledge::builtin().unwrap();
    screen(&knowledge, options, &Quiet).unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-12, "{what}: {a} vs {b}");
}

fn check_group(got: &Group, want: &Value, what: &str) {
    assert_eq!(
        got.tested,
        want["tested"].as_u64().unwrap(),
        "{what}: tested"
    );
    for c in &got.classes {
        let w = &want["classes"][c.class];
        assert_eq!(c.count, w["count"].as_u64().unwrap(), "{what}: {}", c.class);
        match (c.prevalence, c.ci95) {
            (Some(p), Some([lo, hi])) => {
                close(p, w["prevalence"].as_f64().unwrap(), what);
                close(lo, w["ci95"][0].as_f64().unwrap(), what);
                close(hi, w["ci95"][1].as_f64().unwrap(), what);
            }
            _ => assert!(w.get("prevalence").is_none(), "{what}: no prevalence"),
        }
    }
}

fn key(group: &BTreeMap<&'static str, String>) -> String {
    format!("{group:?}")
}

fn want_key(group: &Value) -> String {
    let map: BTreeMap<&str, String> = group
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap().to_string()))
        .collect();
    format!("{map:?}")
}

fn check_groups(got: &[Group], want: &Value, what: &str) {
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{what}: number of groups");
    let by_key: BTreeMap<String, &Value> =
        want.iter().map(|g| (want_key(&g["group"]), g)).collect();
    for g in got {
        let k = key(&g.group);
        let w = by_key
            .get(&k)
            .unwrap_or_else(|| panic!("{what}: unexpected group {k}"));
        check_group(g, w, &format!("{what} {k}"));
    }
}

/// `typed_values`: the extract's values were converted to numbers before (Parquet doubles), so
/// a value such as "<0.7" arrives empty: not-a-number and no-value are compared together.
fn check(screen: &Screen, with_medications: bool, typed_values: bool) {
    let want = expected();
    for a in &screen.analytes {
        let w = &want["analytes"][a.key];
        assert_eq!(
            a.rows.valid,
            w["rows"]["valid"].as_u64().unwrap(),
            "{} valid",
            a.key
        );
        let excluded = |reason: &str| w["rows"]["excluded"][reason].as_u64().unwrap();
        for (reason, n) in &a.rows.excluded {
            let (got, want) = match (*reason, typed_values) {
                ("no_value", true) => (
                    n + a.rows.excluded["not_a_number"],
                    excluded("no_value") + excluded("not_a_number"),
                ),
                ("not_a_number", true) => continue,
                _ => (*n, excluded(reason)),
            };
            assert_eq!(got, want, "{} {reason}", a.key);
        }
        check_group(&a.total, &w["total"], a.key);
        check_groups(&a.groups, &w["groups"], a.key);
        for (d, groups) in &a.margins {
            check_groups(groups, &w["margins"][*d], &format!("{} by {d}", a.key));
        }
        let st = a.standardised.as_ref().expect("standardised with patients");
        let check_std = |g: &neuronutri_screen::StandardisedGroup, w: &Value, what: &str| {
            assert_eq!(g.tested, w["tested"].as_u64().unwrap(), "{what} tested");
            assert_eq!(
                g.not_standardised,
                w["not_standardised"].as_u64().unwrap(),
                "{what} left out"
            );
            close(
                g.weight_covered,
                w["weight_covered"].as_f64().unwrap(),
                what,
            );
            for c in &g.classes {
                let wc = &w["classes"][c.class];
                match (c.rate, c.ci95) {
                    (Some(r), Some([lo, hi])) => {
                        close(
                            r,
                            wc["rate"].as_f64().unwrap(),
                            &format!("{what} {}", c.class),
                        );
                        close(lo, wc["ci95"][0].as_f64().unwrap(), what);
                        close(hi, wc["ci95"][1].as_f64().unwrap(), what);
                    }
                    _ => assert!(wc.get("rate").is_none(), "{what} {}: no rate", c.class),
                }
            }
        };
        let ws = &w["standardised"];
        check_std(&st.total, &ws["total"], &format!("{} standardised", a.key));
        for (d, groups) in &st.margins {
            let want = ws["margins"][*d].as_array().unwrap();
            assert_eq!(groups.len(), want.len(), "{} standardised by {d}", a.key);
            for g in groups {
                let k = key(&g.group);
                let w = want
                    .iter()
                    .find(|w| want_key(&w["group"]) == k)
                    .unwrap_or_else(|| panic!("standardised: unexpected group {k}"));
                check_std(g, w, &format!("{} standardised {k}", a.key));
            }
        }
    }
    if with_medications {
        let r = screen.at_risk.as_ref().expect("at risk");
        let w = &want["at_risk"];
        let check_risk = |g: &neuronutri_screen::RiskGroup, w: &Value, what: &str| {
            assert_eq!(
                g.population,
                w["population"].as_u64().unwrap(),
                "{what} population"
            );
            for c in &g.risks {
                assert_eq!(
                    c.at_risk,
                    w[c.risk]["at_risk"].as_u64().unwrap(),
                    "{what} {}",
                    c.risk
                );
                assert_eq!(
                    c.never_tested,
                    w[c.risk]["never_tested"].as_u64().unwrap(),
                    "{what} {} never tested",
                    c.risk
                );
            }
        };
        check_risk(&r.total, &w["total"], "total");
        let groups = w["groups"].as_array().unwrap();
        assert_eq!(r.groups.len(), groups.len());
        for g in &r.groups {
            let k = key(&g.group);
            let want = groups
                .iter()
                .find(|w| want_key(&w["group"]) == k)
                .unwrap_or_else(|| panic!("at risk: unexpected group {k}"));
            check_risk(g, want, &k);
        }
    }
}

#[test]
fn csv_extract_matches_pandas_and_statsmodels() {
    let screen = run(&options(
        data("labs.csv"),
        Some(data("patients.csv")),
        Some(data("medications.csv")),
    ));
    check(&screen, true, false);
    // what was not read is said: RBC magnesium with its reason, a local code without a mapping
    let rbc = screen
        .codes_not_read
        .iter()
        .find(|c| c.code.as_deref() == Some("2593-2"))
        .unwrap();
    assert!(rbc.reason.contains("red blood cells"), "{}", rbc.reason);
    assert!(screen
        .codes_not_read
        .iter()
        .any(|c| c.code.as_deref() == Some("MG-S")));
    let g_l = screen
        .units
        .iter()
        .find(|u| u.analyte == "mg" && u.unit.as_deref() == Some("g/L"))
        .unwrap();
    assert_eq!(g_l.factor, None);
}

/// Writes a CSV file as typed Parquet in `dir`, named after it (numbers as doubles, dates as dates, as `select` casts them), with
/// DataFusion itself.
fn to_parquet(dir: &Path, csv: &Path, columns: &[&str], select: &str) -> PathBuf {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let name = csv.file_name().unwrap().to_str().unwrap();
    let out = dir.join(name.replace(".csv", ".parquet"));
    runtime.block_on(async {
        let ctx = SessionContext::new();
        let schema = Schema::new(
            columns
                .iter()
                .map(|c| Field::new(*c, DataType::Utf8, true))
                .collect::<Vec<_>>(),
        );
        ctx.register_csv(
            "t",
            csv.to_str().unwrap(),
            CsvReadOptions::new().schema(&schema),
        )
        .await
        .unwrap();
        let sql = format!(
            "COPY (SELECT {select} FROM t) TO '{}' STORED AS PARQUET",
            out.display()
        );
        ctx.sql(&sql).await.unwrap().collect().await.unwrap();
    });
    out
}

/// The fixture's labs, patients and medications (CSV files in `from`) as typed Parquet in
/// `dir`, each patient identifier written as `id` (a SQL expression of `patient_id`).
fn fixture_to_parquet(dir: &Path, from: &Path, id: &str) -> (PathBuf, PathBuf, PathBuf) {
    let labs = to_parquet(
        dir,
        &from.join("labs.csv"),
        &[
            "patient_id",
            "code",
            "value",
            "unit",
            "date",
            "ref_low",
            "ref_high",
            "site",
        ],
        &format!(
            "{id}, code, TRY_CAST(value AS DOUBLE) AS value, unit, CAST(date AS DATE) AS date, \
             CAST(ref_low AS DOUBLE) AS ref_low, CAST(ref_high AS DOUBLE) AS ref_high, site"
        ),
    );
    let patients = to_parquet(
        dir,
        &from.join("patients.csv"),
        &["patient_id", "birth_date", "sex", "deceased_date"],
        &format!(
            "{id}, CAST(birth_date AS DATE) AS birth_date, sex, CAST(deceased_date AS DATE) AS \
             deceased_date"
        ),
    );
    let medications = to_parquet(
        dir,
        &from.join("medications.csv"),
        &["patient_id", "atc", "name", "start", "end"],
        &format!("{id}, atc, name, CAST(start AS DATE) AS start, CAST(\"end\" AS DATE) AS \"end\""),
    );
    (labs, patients, medications)
}

#[test]
fn parquet_extract_gives_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (labs, patients, medications) = fixture_to_parquet(dir.path(), &data(""), "patient_id");
    let screen = run(&options(labs, Some(patients), Some(medications.clone())));
    check(&screen, true, true);
    // Patients as CSV beside Parquet labs: the identifiers are compared as text.
    let screen = run(&options(
        dir.path().join("labs.parquet"),
        Some(data("patients.csv")),
        Some(medications),
    ));
    check(&screen, true, true);
}

/// Integer patient identifiers: packed with the analyte, status and year into the one BIGINT
/// group key of the per-patient aggregation when every identifier is from 0 to 2^44 - 1,
/// grouped on two columns otherwise; the numbers are the same either way. The fixture's
/// identifiers (H01, P0001, T10...) become distinct integers from `offset` up; with the first
/// offset the largest is within a hundred of the bound, so that a decoding off by one bit
/// would change identifiers and break the join with the patients file.
#[test]
fn integer_patient_identifiers_packed_or_not_give_the_same_numbers() {
    const BOUND: i64 = 1 << 44;
    let numbered = tempfile::tempdir().unwrap();
    // H01 -> 100001, P0001 -> 1, T10 -> 200010
    for name in ["labs.csv", "patients.csv", "medications.csv"] {
        let text = std::fs::read_to_string(data(name)).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines {
            let (id, rest) = line.split_once(',').unwrap();
            let base = match &id[..1] {
                "P" => 0,
                "H" => 100_000,
                "T" => 200_000,
                other => panic!("an identifier starting with {other}"),
            };
            let number: i64 = id[1..].parse().unwrap();
            out.push_str(&format!("{},{rest}\n", base + number));
        }
        std::fs::write(numbered.path().join(name), out).unwrap();
    }
    for (offset, packed) in [
        (BOUND - 200_100, true),
        (0, true),
        (BOUND, false),
        (-150_000, false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let id = format!("CAST(patient_id AS BIGINT) + ({offset}) AS patient_id");
        let (labs, patients, medications) = fixture_to_parquet(dir.path(), numbered.path(), &id);
        let screen = run(&options(labs, Some(patients), Some(medications)));
        check(&screen, true, true);
        let sql = &screen
            .sql
            .iter()
            .find(|(name, _)| *name == "prevalence")
            .expect("the prevalence statement")
            .1;
        assert_eq!(
            sql.contains("GROUP BY pk\n"),
            packed,
            "offset {offset}: {sql}"
        );
    }
}

#[test]
fn a_mapped_extract_gives_the_same_numbers() {
    let mut o = options(
        data("labs_mapped.csv"),
        Some(data("patients_mapped.csv")),
        None,
    );
    let text = std::fs::read_to_string(data("mapping.toml")).unwrap();
    o.mapping = Mapping::parse("mapping.toml", &text).unwrap();
    let screen = run(&o);
    check(&screen, false, false);
    assert!(screen
        .codes_not_read
        .iter()
        .all(|c| c.code.as_deref() != Some("MG-S")));
}

#[test]
fn without_patients_the_trend_by_year_holds() {
    let mut o = options(data("labs.csv"), None, None);
    o.by = vec![Dimension::Year];
    let screen = run(&o);
    let want = expected();
    for a in &screen.analytes {
        check_group(&a.total, &want["analytes"][a.key]["total"], a.key);
        check_groups(
            &a.groups,
            &want["analytes"][a.key]["margins"]["year"],
            a.key,
        );
    }
}

fn error(options: &Options) -> String {
    let knowledge = Knowledge::builtin().unwrap();
    let e = screen(&knowledge, options, &Quiet).unwrap_err();
    assert!(e.is_bad_input(), "{e}");
    e.to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_inputs_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = "patient_id,code,value,unit,date\n";
    let labs = write(
        dir.path(),
        "labs.csv",
        &format!("{header}P1,19123-9,0.8,mmol/L,2024-01-01\nP2,19123-9,0,82,mmol/L,2024-01-01\n"),
    );
    let mut o = options(labs, None, None);
    o.by = vec![];
    let e = error(&o);
    assert!(e.contains("labs.csv") && e.contains("line 3"), "{e}");
    let labs = write(
        dir.path(),
        "labs2.csv",
        "patient_id,code,value,unit,date,ref_low\nP1,19123-9,0.8,mmol/L,2024-01-01,0.7\n\
         P2,19123-9,0.8,mmol/L,2024-01-01,0,7\n",
    );
    o.labs = labs;
    let e = error(&o);
    assert!(e.contains("labs2.csv, line 3"), "{e}");
    let labs = write(
        dir.path(),
        "labs2b.csv",
        "patient_id,code,value,unit,date,ref_low\nP1,19123-9,0.8,mmol/L,2024-01-01,0.7\n\
         P2,19123-9,0.8,mmol/L,2024-01-01,low\n",
    );
    o.labs = labs;
    let e = error(&o);
    assert!(
        e.contains("labs2b.csv, line 3, column ref_low: \"low\" is not a number"),
        "{e}"
    );
    let labs = write(
        dir.path(),
        "labs3.csv",
        &format!("{header}P1,19123-9,0.8,mmol/L,01.02.2024\n"),
    );
    o.labs = labs;
    let e = error(&o);
    assert!(
        e.contains("labs3.csv, line 2, column date: \"01.02.2024\" is not a date"),
        "{e}"
    );
    let labs = write(
        dir.path(),
        "labs4.csv",
        "patient_id,code,result,unit,date\n",
    );
    o.labs = labs.clone();
    let e = error(&o);
    assert!(
        e.contains("labs4.csv: no column 'value'") && e.contains("[labs] value"),
        "{e}"
    );
    o.labs = data("labs.csv");
    let patients = write(
        dir.path(),
        "patients.csv",
        "patient_id,birth_date,sex\nP1,1950-01-01,F\nP1,1950-01-01,F\n",
    );
    o.patients = Some(patients);
    let e = error(&o);
    assert!(e.contains("patient \"P1\" appears 2 times"), "{e}");
    o.patients = None;
    o.by = vec![Dimension::Sex];
    let e = error(&o);
    assert!(e.contains("--patients"), "{e}");
    o.by = vec![];
    o.labs = dir.path().join("missing.csv");
    let e = error(&o);
    assert!(e.contains("missing.csv: cannot read"), "{e}");
}

#[test]
fn implausible_and_odd_values_are_counted_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let labs = write(
        dir.path(),
        "labs.csv",
        "patient_id,code,value,unit,date\nP1,19123-9,NaN,mmol/L,2024-01-01\n\
         P2,19123-9,inf,mmol/L,2024-01-01\nP3,19123-9,0.7,mmol/L,2024-01-01\n",
    );
    let mut o = options(labs, None, None);
    o.by = vec![];
    let screen = run(&o);
    let mg = &screen.analytes[0];
    assert_eq!(mg.total.tested, 1);
    // NaN is implausible; "inf" is implausible or, if not read as a number, not a number
    assert!(mg.rows.excluded["implausible"] >= 1);
    assert_eq!(
        mg.rows.excluded["implausible"] + mg.rows.excluded["not_a_number"],
        2
    );
    for c in &mg.total.classes {
        assert!(c.prevalence.is_some_and(f64::is_finite));
        assert!(c
            .ci95
            .is_some_and(|[lo, hi]| lo.is_finite() && hi.is_finite()));
    }
}

/// The latest result's site, with the sites numbered in the query (up to PACKED_SITES) and
/// with more sites than that (an ordered aggregate for the site): on the same day the lowest
/// value counts, on equal values the first site in byte order; the newest day before all.
#[test]
fn the_latest_results_site_with_few_and_with_many_sites() {
    let dir = tempfile::tempdir().unwrap();
    for sites in [3usize, neuronutri_screen::query::PACKED_SITES + 6] {
        let mut csv = String::from("patient_id,code,value,unit,date,site\n");
        // one patient alone at each site, low (0.70 mmol/L is below 0.75)
        for i in 0..sites {
            csv.push_str(&format!("P{i},19123-9,0.70,mmol/L,2024-03-01,S{i:03}\n"));
        }
        let last = format!("S{:03}", sites - 1);
        // the same value on the same day at two sites: the first in byte order
        csv.push_str(&format!("Q1,19123-9,0.80,mmol/L,2024-05-05,{last}\n"));
        csv.push_str("Q1,19123-9,0.80,mmol/L,2024-05-05,S001\n");
        // the same day: the lowest value (and its site), not the first site
        csv.push_str("Q2,19123-9,0.90,mmol/L,2024-05-05,S000\n");
        csv.push_str(&format!("Q2,19123-9,0.60,mmol/L,2024-05-05,{last}\n"));
        // the newest day, whatever its value and site
        csv.push_str("Q3,19123-9,0.50,mmol/L,2024-01-01,S000\n");
        csv.push_str(&format!("Q3,19123-9,0.90,mmol/L,2024-06-06,{last}\n"));
        let labs = write(dir.path(), &format!("labs-{sites}.csv"), &csv);
        let mut o = options(labs, None, None);
        o.by = vec![Dimension::Site];
        let screen = run(&o);
        let mg = screen.analytes.iter().find(|a| a.key == "mg").unwrap();
        let at = |site: &str| {
            mg.groups
                .iter()
                .find(|g| g.group["site"] == site)
                .unwrap_or_else(|| panic!("{sites} sites: no group {site}"))
        };
        let low = |g: &Group| g.classes.iter().find(|c| c.class == "low").unwrap().count;
        assert_eq!(mg.total.tested, sites as u64 + 3, "{sites} sites");
        // S001: P1 and Q1 (0.80, not low)
        assert_eq!(
            (at("S001").tested, low(at("S001"))),
            (2, 1),
            "{sites} sites"
        );
        // the last site: its own patient, Q2 (0.60, low) and Q3 (0.90, not low)
        assert_eq!((at(&last).tested, low(at(&last))), (3, 2), "{sites} sites");
        // S000: only P0 (Q2's 0.90 and Q3's older result do not count)
        assert_eq!(
            (at("S000").tested, low(at("S000"))),
            (1, 1),
            "{sites} sites"
        );
        let sql = &screen.sql[0].1;
        if sites <= neuronutri_screen::query::PACKED_SITES {
            assert!(sql.contains("CASE site WHEN 'S000' THEN 0"), "{sql}");
        } else {
            assert!(sql.contains("first_value(site ORDER BY lkey"), "{sql}");
        }
    }
}

/// The ends of the latest-result key: a value at the plausibility limit beside 0 on the same
/// day (0 counts), and without a period a result of 1750 beside one of 9999 (the newer
/// counts) and one of 1750 alone (it counts, in its own year).
#[test]
fn the_latest_result_at_the_ends_of_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "patient_id,code,value,unit,date\n\
               A,19123-9,10,mmol/L,2024-01-01\n\
               A,19123-9,0,mmol/L,2024-01-01\n\
               B,19123-9,0.60,mmol/L,1750-06-15\n\
               B,19123-9,2.0,mmol/L,9999-12-31\n\
               C,19123-9,0.60,mmol/L,1750-06-15\n";
    let labs = write(dir.path(), "labs-ends.csv", csv);
    let mut o = options(labs, None, None);
    o.period = None;
    o.by = vec![Dimension::Year];
    let screen = run(&o);
    let mg = screen.analytes.iter().find(|a| a.key == "mg").unwrap();
    let count = |g: &Group, class: &str| g.classes.iter().find(|c| c.class == class).unwrap().count;
    let year = |y: &str| {
        mg.groups
            .iter()
            .find(|g| g.group["year"] == y)
            .unwrap_or_else(|| panic!("no year {y}: {:?}", mg.groups))
    };
    assert_eq!(mg.rows.valid, 5);
    // 2024: A's 0 mmol/L (low and severe), not its 10
    let y2024 = year("2024");
    assert_eq!(
        (y2024.tested, count(y2024, "low"), count(y2024, "severe")),
        (1, 1, 1)
    );
    assert_eq!(count(y2024, "high"), 0);
    // 9999: B's 2.0 (high); 1750: B's and C's 0.60 (low), one patient each per year
    let y9999 = year("9999");
    assert_eq!((y9999.tested, count(y9999, "high")), (1, 1));
    let y1750 = year("1750");
    assert_eq!((y1750.tested, count(y1750, "low")), (2, 2));
}

/// `--by site` when no result has a site (the column empty or absent): one group without a
/// site, every patient in it.
#[test]
fn by_site_when_no_result_has_a_site() {
    let dir = tempfile::tempdir().unwrap();
    for (name, csv) in [
        (
            "labs-empty-site.csv",
            "patient_id,code,value,unit,date,site\n\
             A,19123-9,0.70,mmol/L,2024-01-01,\n\
             B,19123-9,0.90,mmol/L,2024-02-01,\n",
        ),
        (
            "labs-no-site.csv",
            "patient_id,code,value,unit,date\n\
             A,19123-9,0.70,mmol/L,2024-01-01\n\
             B,19123-9,0.90,mmol/L,2024-02-01\n",
        ),
    ] {
        let labs = write(dir.path(), name, csv);
        let mut o = options(labs, None, None);
        o.by = vec![Dimension::Site];
        let screen = run(&o);
        let mg = screen.analytes.iter().find(|a| a.key == "mg").unwrap();
        assert_eq!(mg.groups.len(), 1, "{name}: {:?}", mg.groups);
        let g = &mg.groups[0];
        let low = g.classes.iter().find(|c| c.class == "low").unwrap().count;
        assert_eq!((g.tested, low), (2, 1), "{name}: {:?}", g.group);
        assert_eq!(g.group["site"], "unknown", "{name}");
    }
}

/// A Parquet extract of 400 000 lab results of 300 000 patients (the last 100 000 results'
/// patients are not in the patients file), written in `dir`, and the options to screen it by
/// sex at the smallest memory limit.
fn many_patients(dir: &Path) -> Options {
    let patients = dir.join("patients-many.parquet");
    let labs = dir.join("labs-many.parquet");
    let id = "'patient-with-a-rather-long-identifier-' || CAST(v AS VARCHAR)";
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let ctx = SessionContext::new();
        for sql in [
            format!(
                "COPY (SELECT {id} AS patient_id, '1950-01-01' AS birth_date, 'F' AS sex \
                 FROM generate_series(1, 300000) AS t(v)) TO '{}' STORED AS PARQUET",
                patients.display()
            ),
            format!(
                "COPY (SELECT {id} AS patient_id, '19123-9' AS code, '0.70' AS value, \
                 'mmol/L' AS unit, '2024-01-01' AS date FROM generate_series(1, 400000) AS t(v)) \
                 TO '{}' STORED AS PARQUET",
                labs.display()
            ),
        ] {
            ctx.sql(&sql).await.unwrap().collect().await.unwrap();
        }
    });
    let mut o = options(labs, Some(patients), None);
    o.by = vec![Dimension::Sex];
    o.memory_limit = neuronutri_screen::engine::MIN_MEMORY_LIMIT;
    o
}

/// DataFusion 55's new hash aggregation could deadlock when the working memory ran out (5 of
/// 60 runs at 16 MiB on this extract never ended: every worker parked). Each run must end,
/// with the memory error, within a generous bound.
#[test]
fn a_small_memory_limit_never_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let o = many_patients(dir.path());
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..8 {
            let text = error(&o);
            done.send(text).unwrap();
        }
    });
    for run in 1..=8 {
        let text = wait
            .recv_timeout(std::time::Duration::from_secs(180))
            .unwrap_or_else(|_| panic!("run {run} at --memory-limit 16M has not ended in 180 s"));
        assert!(text.starts_with("--memory-limit: 16 MiB"), "{text}");
    }
}

/// A patients file whose table does not fit the working memory (the join cannot spill): exit
/// code 2 with the limit named and a larger one to try; with a large enough limit the same
/// extract runs. Parquet, so that the planner knows the patients are the smaller side of the
/// join and holds them (as on a real extract).
#[test]
fn a_patients_file_larger_than_the_memory_limit_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = many_patients(dir.path());
    let text = error(&o);
    // DataFusion's own words name the operator that ran out (the aggregation's spill here)
    assert!(
        text.starts_with(
            "--memory-limit: 16 MiB of working memory is too small for this extract ("
        ) && text.contains("Failed to allocate additional ")
            && text.contains(" for "),
        "{text}"
    );
    assert!(text.ends_with("--memory-limit 64M"), "{text}");
    o.memory_limit = 256 << 20;
    let screen = run(&o);
    let mg = screen.analytes.iter().find(|a| a.key == "mg").unwrap();
    // every lab row's patient is tested; those past the patients file's 300 000 are counted
    assert_eq!(mg.total.tested, 400_000);
    assert_eq!(mg.rows.tested_not_in_patients, Some(100_000));
}
