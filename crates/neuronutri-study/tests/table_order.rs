//! The tables of a protocol may run on several threads (`report::run_tables`); the report,
//! its figures and the progress steps still come in the protocol's order. A name that cannot
//! go into a figure id makes the id a figure's position among the report's figures, and the
//! tables then run one after another: the same order, the numbered id where it belongs.

use neuronutri_study::{protocol, report, table};

const HFS_TOML: &str = include_str!("../../../examples/hfs-study/protocol.toml");
const HFS_CSV: &str = include_str!("../../../examples/hfs-study/cohort.csv");

fn run(toml: &str, csv: &str) -> (protocol::Protocol, report::Report, Vec<String>) {
    let p = protocol::parse("protocol.toml", toml).unwrap();
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let mut steps = Vec::new();
    let r = report::run(&p, &data, &mut |s| steps.push(s.to_owned())).unwrap();
    (p, r, steps)
}

/// Every step once, a table's figures before its own step and after the table before it.
fn check_order(p: &protocol::Protocol, r: &report::Report, steps: &[String]) {
    assert_eq!(steps.len(), report::steps(p), "{steps:#?}");
    let mut at = 0;
    for spec in &p.tables {
        let done = format!("{}: {}", spec.id, spec.title);
        let end = at + steps[at..].iter().position(|s| *s == done).expect(&done);
        for s in &steps[at..end] {
            assert!(
                s.starts_with(&format!("{}: ", spec.id)),
                "{s} among {}",
                spec.id
            );
        }
        at = end + 1;
    }
    assert_eq!(at, steps.len());
    let ids: Vec<&str> = r.tables.iter().map(|t| t.id.as_str()).collect();
    let want: Vec<&str> = p.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, want);
    // the figures in the order of the tables that list them
    let listed: Vec<&String> = r.tables.iter().flat_map(|t| &t.figures).collect();
    let made: Vec<&String> = r.figures.iter().map(|f| &f.id).collect();
    assert_eq!(listed, made);
}

#[test]
fn tables_figures_and_steps_come_in_protocol_order() {
    let (p, r, steps) = run(HFS_TOML, HFS_CSV);
    check_order(&p, &r, &steps);
    assert_eq!(r.figures[0].id, "table2-b12_pg_ml");
}

#[test]
fn a_numbered_figure_id_counts_the_figures_before_it() {
    // "dopamine ng/mL" cannot go into an id: its box plot is the report's third figure
    let rename = |s: &str| s.replace("dopamine_ng_ml", "dopamine ng/mL");
    let (p, r, steps) = run(&rename(HFS_TOML), &rename(HFS_CSV));
    check_order(&p, &r, &steps);
    assert_eq!(r.figures[2].id, "table2-figure3");
    let (_, plain, _) = run(HFS_TOML, HFS_CSV);
    assert_eq!(r.figures.len(), plain.figures.len());
    for (a, b) in r.figures.iter().zip(&plain.figures) {
        if !a.id.contains("figure") {
            assert_eq!(a.id, b.id);
            assert_eq!(a.svg, b.svg);
        }
    }
}

#[test]
fn the_error_is_the_first_failing_table_s_and_no_later_step_is_reported() {
    // two tables that fail (a log axis over a value 0), before the six that do not
    let failing = |id: &str, x: &str| {
        format!(
            "[[table]]\nid = \"{id}\"\ntitle = \"Log {x}\"\nkind = \"correlations\"\n\
             pairs = [[\"{x}\", \"age\"]]\nlog_x = true\n\n"
        )
    };
    let at = HFS_TOML.find("[[table]]").unwrap();
    let toml = format!(
        "{}{}{}{}",
        &HFS_TOML[..at],
        failing("log_bdi", "bdi"),
        failing("log_anxiety", "anxiety"),
        &HFS_TOML[at..]
    );
    let mut lines: Vec<String> = HFS_CSV.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (bdi, anxiety) = (column("bdi"), column("anxiety"));
    for (row, col) in [(5, bdi), (3, anxiety)] {
        let mut cells: Vec<String> = lines[row].split(',').map(str::to_owned).collect();
        cells[col] = "0".into();
        lines[row] = cells.join(",");
    }
    let csv = lines.join("\n") + "\n";
    let p = protocol::parse("protocol.toml", &toml).unwrap();
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let mut steps = Vec::new();
    let error = report::run(&p, &data, &mut |s| steps.push(s.to_owned()))
        .expect_err("a log axis over 0 fails")
        .to_string();
    assert!(error.contains("log_bdi"), "{error}");
    assert!(steps.is_empty(), "{steps:#?}");
}
