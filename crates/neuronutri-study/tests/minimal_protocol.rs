//! Issue 13 item 9: a minimal protocol (no titles, no `[[variable]]` entries) runs, and a
//! variable without `levels` is typed from the data: a column of words is categorical, with
//! its levels sorted.

use neuronutri_study::{protocol, report, table};

const CSV: &str = "\
group,sex,stage,mg
A,male,II,0.80
B,female,I,0.70
A,female,III,0.75
B,male,I,0.72
A,male,II,0.81
B,female,III,0.69
A,female,I,0.78
B,male,II,0.71
";

const MINIMAL: &str = r#"
group = "group"
groups = ["A", "B"]

[[table]]
id = "t1"
kind = "characteristics"
variables = ["sex", "stage", "mg"]
"#;

fn data(p: &protocol::Protocol) -> table::Table {
    table::read_table("cohort.csv", CSV.as_bytes(), &p.read_options).unwrap()
}

#[test]
fn a_minimal_protocol_runs_with_types_from_the_data() {
    let before = protocol::parse("p.toml", MINIMAL).unwrap();
    // Declared from the table, with their names as labels; untyped before the data.
    let names: Vec<&str> = before.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["sex", "stage", "mg"]);
    assert!(before.variables.iter().all(|v| v.levels.is_none()));
    assert_eq!(before.variable("sex").unwrap().label, "sex");

    let table = data(&before);
    let p = protocol::parse_with_data("p.toml", MINIMAL, &table).unwrap();
    assert_eq!(
        p.variable("sex").unwrap().levels.as_deref(),
        Some(&["female".to_string(), "male".to_string()][..])
    );
    assert_eq!(
        p.variable("stage").unwrap().levels.as_deref(),
        Some(&["I".to_string(), "II".to_string(), "III".to_string()][..])
    );
    assert_eq!(p.variable("mg").unwrap().levels, None);
    assert_eq!(p.title, "Study report");
    assert_eq!(p.tables[0].title, "Table 1. Characteristics");

    let r = report::run(&p, &table, &mut |_| {}).unwrap();
    let t1 = &r.tables[0];
    assert_eq!(t1.title, "Table 1. Characteristics");
    let text = serde_json::to_string(&t1.rows).unwrap();
    // The categorical rows count each level: 2 of 4 in each group are female.
    for level in ["female", "male", "I", "II", "III"] {
        assert!(
            text.contains(&format!("\"{level}")) || text.contains(&format!(" {level}")),
            "no row for level {level}: {text}"
        );
    }
    assert!(text.contains("2 (50"), "female 2 of 4 per group: {text}");
}

#[test]
fn a_column_of_words_cannot_enter_a_numeric_analysis() {
    let toml = MINIMAL.replace("characteristics", "comparison");
    let p = protocol::parse("p.toml", &toml).unwrap();
    let e = protocol::parse_with_data("p.toml", &toml, &data(&p))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("\"sex\" is categorical"),
        "the error must say why: {e}"
    );
}

#[test]
fn declared_levels_are_kept_and_a_typo_in_a_column_is_named() {
    let toml =
        format!("{MINIMAL}\n[[variable]]\nname = \"sex\"\nlevels = [\"male\", \"female\"]\n");
    let p = protocol::parse("p.toml", &toml).unwrap();
    let p = protocol::parse_with_data("p.toml", &toml, &data(&p)).unwrap();
    assert_eq!(
        p.variable("sex").unwrap().levels.as_deref(),
        Some(&["male".to_string(), "female".to_string()][..])
    );

    let typo = MINIMAL.replace("\"mg\"]", "\"mgg\"]");
    let p = protocol::parse("p.toml", &typo).unwrap();
    let table = data(&p);
    let e = protocol::parse_with_data("p.toml", &typo, &table)
        .and_then(|p| report::run(&p, &table, &mut |_| {}))
        .unwrap_err()
        .to_string();
    assert!(e.contains("mgg"), "the missing column must be named: {e}");
}

#[test]
fn a_malformed_cell_among_numbers_is_named_not_taken_for_a_category() {
    let csv = CSV.replace("0.75", "0.7x5");
    let p = protocol::parse("p.toml", MINIMAL).unwrap();
    let table = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let p = protocol::parse_with_data("p.toml", MINIMAL, &table).unwrap();
    assert_eq!(p.variable("mg").unwrap().levels, None);
    let e = report::run(&p, &table, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("0.7x5") && e.contains("mg"),
        "the cell must be named: {e}"
    );
}
