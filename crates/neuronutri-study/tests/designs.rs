//! The study report's several-group and paired designs against SciPy, statsmodels, pingouin,
//! scikit-posthocs and exact enumeration: `test_data/designs/` holds the data, the protocols
//! and the reference numbers that `scripts/study/make_designs_fixture.py` wrote. Each entry
//! is a JSON pointer into the report of its protocol.

mod common;

use neuronutri_study::{protocol, render, report, table};
use serde_json::Value;

const GROUPS_TOML: &str = include_str!("../test_data/designs/groups.toml");
const GROUPS_CSV: &str = include_str!("../test_data/designs/groups.csv");
const PAIRED_TOML: &str = include_str!("../test_data/designs/paired.toml");
const PAIRED_CSV: &str = include_str!("../test_data/designs/paired.csv");
const REFERENCE: &str = include_str!("../test_data/designs/reference.json");

fn run(toml: &str, csv: &str) -> (report::Report, Value) {
    let p = protocol::parse("protocol.toml", toml).unwrap();
    let data = table::read_table("data.csv", csv.as_bytes(), &p.read_options).unwrap();
    let r = report::run(&p, &data, &mut |_| {}).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    (r, json)
}

#[test]
fn several_groups_and_paired_tables_agree_with_the_references() {
    let (groups, groups_json) = run(GROUPS_TOML, GROUPS_CSV);
    let (paired, paired_json) = run(PAIRED_TOML, PAIRED_CSV);
    let doc: Value = serde_json::from_str(REFERENCE).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    assert!(entries.len() >= 60, "only {} entries", entries.len());
    let mut failures = Vec::new();
    let mut worst: f64 = 0.0;
    for e in entries {
        let report = match e["protocol"].as_str().unwrap() {
            "groups" => &groups_json,
            _ => &paired_json,
        };
        let pointer = e["pointer"].as_str().unwrap();
        let Some(got) = report.pointer(pointer) else {
            failures.push(format!("{pointer}: not in the report"));
            continue;
        };
        let want = &e["expected"];
        match (got.as_f64(), want.as_f64()) {
            (Some(g), Some(w)) if !want.is_u64() => {
                let rel = e["tol"]["rel"].as_f64().unwrap();
                let abs = e["tol"]["abs"].as_f64().unwrap_or(0.0);
                let diff = (g - w).abs();
                if w != 0.0 {
                    worst = worst.max(diff / w.abs());
                }
                if !(diff <= rel * w.abs() || diff <= abs) {
                    failures.push(format!(
                        "{pointer}: got {g:e}, want {w:e} [{}]",
                        e["reference"]
                    ));
                }
            }
            _ => {
                if got != want {
                    failures.push(format!("{pointer}: got {got}, want {want}"));
                }
            }
        }
    }
    eprintln!(
        "{} entries, largest relative difference {worst:.2e}",
        entries.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // every design renders, and the post-hoc tables follow their tables
    let ids: Vec<&str> = groups.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["t1", "t1-posthoc", "t2", "t2-posthoc", "t3", "t3-posthoc"]
    );
    for r in [&groups, &paired] {
        let md = render::markdown(r);
        let md = common::results_part(&md);
        assert!(!md.contains("NaN") && !md.contains("inf"), "{md}");
        render::html(r).unwrap();
        for t in &r.tables {
            assert!(
                t.rows.iter().all(|row| row.len() == t.header.len()),
                "{}",
                t.id
            );
        }
    }
    let md = render::markdown(&groups);
    assert!(md.contains("Stage I vs Stage II"), "{md}");
    assert!(md.contains("More than two groups"), "{md}");
    assert!(md.contains("| rank ε² = "), "{md}");
    let md = render::markdown(&paired);
    assert!(md.contains("subjects with a row at only one"), "{md}");
    assert!(md.contains("rows without a subject id"), "{md}");
    assert!(md.contains("Paired tables"), "{md}");
    assert!(md.contains("| Cohen's g = "), "{md}");
}

#[test]
fn a_subject_twice_at_one_occasion_is_an_error_naming_both_rows() {
    let csv = "patient,arm,visit,b12,score,neuropathy\n\
               A,treated,baseline,200,3,no\nA,treated,month3,250,2,no\n\
               B,treated,baseline,210,4,yes\nB,treated,baseline,220,4,yes\n\
               C,control,baseline,230,5,no\n";
    let p = protocol::parse("protocol.toml", PAIRED_TOML).unwrap();
    let data = table::read_table("data.csv", csv.as_bytes(), &p.read_options).unwrap();
    let e = report::run(&p, &data, &mut |_| {}).unwrap_err().to_string();
    assert!(
        e.contains("subject \"B\"") && e.contains("row 4") && e.contains("row 3"),
        "{e}"
    );
}

#[test]
fn protocol_mistakes_of_the_new_designs_name_the_table() {
    let head = "title = \"t\"\ndata = \"d.csv\"\ngroup = \"g\"\ngroups = [\"a\", \"b\", \"c\"]\n\
                [[variable]]\nname = \"x\"\n[[variable]]\nname = \"k\"\nlevels = [\"u\", \"v\", \"w\"]\n\
                [[table]]\nid = \"t\"\ntitle = \"T\"\n";
    let cases = [
        ("kind = \"comparison\"\nvariables = [\"x\"]\nposthoc = \"scheffe\"\n", "posthoc \"scheffe\""),
        ("kind = \"paired\"\nvariables = [\"x\"]\ntime = \"v\"\ntimes = [\"a\", \"b\"]\n", "subject is missing"),
        ("kind = \"paired\"\nvariables = [\"x\"]\nsubject = \"s\"\ntime = \"v\"\ntimes = [\"a\"]\n", "times: name the two"),
        ("kind = \"paired\"\nvariables = [\"k\"]\nsubject = \"s\"\ntime = \"v\"\ntimes = [\"a\", \"b\"]\n", "has 3 levels"),
        ("kind = \"comparison\"\nvariables = [\"x\"]\nsubject = \"s\"\n", "belong to paired tables"),
        ("kind = \"paired\"\nvariables = [\"x\"]\nsubject = \"s\"\ntime = \"v\"\ntimes = [\"a\", \"b\"]\ntest = \"anova\"\n", "test \"anova\""),
    ];
    for (tail, want) in cases {
        let e = protocol::parse("p.toml", &format!("{head}{tail}")).unwrap_err();
        assert!(e.message.contains(want), "{tail}: {e}");
        assert_eq!(e.line, Some(10), "{tail}: {e}");
    }
    let two = "title = \"t\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\n[[variable]]\nname = \"x\"\n\
               [[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"x\"]\nposthoc = \"tukey\"\n";
    let e = protocol::parse("p.toml", two).unwrap_err();
    assert!(e.message.contains("more than two groups"), "{e}");
    let many: Vec<String> = (0..21).map(|i| format!("\"g{i}\"")).collect();
    let e = protocol::parse(
        "p.toml",
        &format!(
            "title = \"t\"\ngroup = \"g\"\ngroups = [{}]\n",
            many.join(", ")
        ),
    )
    .unwrap_err();
    assert!(e.message.contains("at most 20"), "{e}");
}
