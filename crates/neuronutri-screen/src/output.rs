//! The files a screen writes: `screen.json` (every number), `prevalence.csv` and
//! `at_risk.csv` (one row per group and class, for spreadsheets), `screen.md` (for reading)
//! `query.sql` (exactly what ran, for any SQL engine) and `query.spark.sql` (the same
//! statements in Spark SQL, for a Spark cluster).

use crate::{AnalyteResult, Group, Screen};
use std::fmt::Write as _;
use std::path::Path;

/// Writes the output files into `dir` (created if needed). Returns the files written.
pub fn write(screen: &Screen, dir: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut put = |name: &str, text: String| -> std::io::Result<()> {
        std::fs::write(dir.join(name), text)?;
        written.push(name.to_string());
        Ok(())
    };
    let json = serde_json::to_string_pretty(screen).map_err(std::io::Error::other)?;
    put("screen.json", json + "\n")?;
    put("prevalence.csv", prevalence_csv(screen))?;
    if screen.at_risk.is_some() {
        put("at_risk.csv", at_risk_csv(screen))?;
    }
    put("screen.md", markdown(screen))?;
    put("query.sql", statements(&screen.sql))?;
    put("query.spark.sql", statements(&screen.spark_sql))?;
    Ok(written)
}

/// Named statements as a script: `-- name`, the statement, `;`.
pub fn statements(statements: &[(&'static str, String)]) -> String {
    let mut sql = String::new();
    for (name, text) in statements {
        let _ = writeln!(sql, "-- {name}\n{text};\n");
    }
    sql
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|x| format!("{x}")).unwrap_or_default()
}

fn prevalence_csv(screen: &Screen) -> String {
    let mut out = String::from("analyte,level");
    for d in &screen.by {
        out.push(',');
        out.push_str(d);
    }
    out.push_str(",tested,class,count,prevalence,ci95_low,ci95_high\n");
    for a in &screen.analytes {
        let mut emit = |level: &str, g: &Group| {
            for c in &g.classes {
                let _ = write!(out, "{},{}", a.key, level);
                for d in &screen.by {
                    out.push(',');
                    out.push_str(&csv_field(g.group.get(d).map(String::as_str).unwrap_or("")));
                }
                let _ = writeln!(
                    out,
                    ",{},{},{},{},{},{}",
                    g.tested,
                    c.class,
                    c.count,
                    num(c.prevalence),
                    num(c.ci95.map(|c| c[0])),
                    num(c.ci95.map(|c| c[1]))
                );
            }
        };
        emit("total", &a.total);
        for (d, groups) in &a.margins {
            for g in groups {
                emit(&format!("by_{d}"), g);
            }
        }
        for g in &a.groups {
            emit("group", g);
        }
    }
    out
}

fn at_risk_csv(screen: &Screen) -> String {
    let Some(r) = &screen.at_risk else {
        return String::new();
    };
    let dims: Vec<&str> = screen
        .by
        .iter()
        .copied()
        .filter(|d| *d == "sex" || *d == "age_band")
        .collect();
    let mut out = String::from("level");
    for d in &dims {
        out.push(',');
        out.push_str(d);
    }
    out.push_str(",population,risk,at_risk,never_tested\n");
    for (level, g) in
        std::iter::once(("total", &r.total)).chain(r.groups.iter().map(|g| ("group", g)))
    {
        for c in &g.risks {
            out.push_str(level);
            for d in &dims {
                out.push(',');
                out.push_str(&csv_field(g.group.get(d).map(String::as_str).unwrap_or("")));
            }
            let _ = writeln!(
                out,
                ",{},{},{},{}",
                g.population, c.risk, c.at_risk, c.never_tested
            );
        }
    }
    out
}

fn pct(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{:.1}", 100.0 * x),
        None => "–".into(),
    }
}

fn cell(g: &Group, class: usize) -> String {
    let c = &g.classes[class];
    match (c.prevalence, c.ci95) {
        (Some(p), Some([lo, hi])) => format!(
            "{} ({} %, {}–{})",
            c.count,
            pct(Some(p)),
            pct(Some(lo)),
            pct(Some(hi))
        ),
        _ => c.count.to_string(),
    }
}

fn table(out: &mut String, a: &AnalyteResult, dims: &[&str], groups: &[&Group]) {
    let mut header: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    header.push("tested".into());
    for c in &a.classes {
        header.push(format!("{} (n, %, 95 % CI)", c.id));
    }
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for g in groups {
        let mut row: Vec<String> = dims
            .iter()
            .map(|d| g.group.get(d).cloned().unwrap_or_else(|| "all".into()))
            .collect();
        row.push(g.tested.to_string());
        for i in 0..a.classes.len() {
            row.push(cell(g, i));
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// The readable report.
pub fn markdown(screen: &Screen) -> String {
    let mut out = String::from("# Screening: magnesium and vitamin B12\n\n");
    for i in &screen.inputs {
        let _ = writeln!(out, "- {}: `{}` ({:?})", i.table, i.file, i.format);
    }
    if let Some([from, to]) = &screen.period {
        let _ = writeln!(out, "- period: {from} to {to}, inclusive");
    }
    let _ = writeln!(out, "- lab rows read: {}", screen.lab_rows);
    out.push('\n');
    for (name, text) in &screen.method {
        let _ = writeln!(out, "- **{name}**: {text}");
    }
    out.push('\n');
    for a in &screen.analytes {
        let _ = writeln!(out, "## {} ({})\n", a.analyte, a.unit);
        for c in &a.classes {
            let _ = writeln!(out, "- `{}` ({}): {}", c.id, c.code, c.definition);
        }
        let excluded: Vec<String> = a
            .rows
            .excluded
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(
            out,
            "\nResults in the period: {} valid; excluded: {}.\n",
            a.rows.valid,
            excluded.join(", ")
        );
        table(&mut out, a, &[], &[&a.total]);
        for (d, groups) in &a.margins {
            let _ = writeln!(out, "By {d}:\n");
            table(&mut out, a, &[d], &groups.iter().collect::<Vec<_>>());
        }
        if let Some(st) = &a.standardised {
            let _ = writeln!(
                out,
                "Standardised to the {} (direct method; strata `age` within a sex, else `age_sex`; 95 % CI by the normal approximation):\n",
                st.standard
            );
            let mut header: Vec<String> =
                ["group", "strata", "tested", "left out", "weight covered"]
                    .iter()
                    .map(|h| h.to_string())
                    .collect();
            for c in &a.classes {
                header.push(format!("{} (%, 95 % CI)", c.id));
            }
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
            let groups = std::iter::once(&st.total).chain(st.margins.values().flatten());
            for g in groups {
                let name: Vec<String> = g.group.iter().map(|(k, v)| format!("{k} {v}")).collect();
                let mut row = vec![
                    if name.is_empty() {
                        "all".to_string()
                    } else {
                        name.join(", ")
                    },
                    g.strata.to_string(),
                    g.tested.to_string(),
                    g.not_standardised.to_string(),
                    format!("{:.1} %", 100.0 * g.weight_covered),
                ];
                for c in &g.classes {
                    row.push(match (c.rate, c.ci95) {
                        (Some(r), Some([lo, hi])) => {
                            format!("{} ({}–{})", pct(Some(r)), pct(Some(lo)), pct(Some(hi)))
                        }
                        _ => "–".into(),
                    });
                }
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            out.push('\n');
        }
        if !a.groups.is_empty() {
            let _ = writeln!(out, "By {}:\n", screen.by.join(", "));
            table(
                &mut out,
                a,
                &screen.by,
                &a.groups.iter().collect::<Vec<_>>(),
            );
        }
    }
    if let Some(r) = &screen.at_risk {
        out.push_str("## At risk, never tested\n\n");
        for (id, text) in &r.definitions {
            let _ = writeln!(out, "- `{id}`: {text}");
        }
        let _ = writeln!(out, "\nPopulation: {}.\n", r.total.population);
        out.push_str("| risk | at risk | never tested |\n|---|---|---|\n");
        for c in &r.total.risks {
            let _ = writeln!(out, "| {} | {} | {} |", c.risk, c.at_risk, c.never_tested);
        }
        out.push('\n');
    }
    if !screen.codes_not_read.is_empty() {
        out.push_str("## Lab codes not read\n\n| code | rows | why |\n|---|---|---|\n");
        for c in screen.codes_not_read.iter().take(20) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                c.code.as_deref().unwrap_or("(none)"),
                c.rows,
                c.reason
            );
        }
        if screen.codes_not_read.len() > 20 {
            let _ = writeln!(
                out,
                "\n{} more codes in screen.json.",
                screen.codes_not_read.len() - 20
            );
        }
        out.push('\n');
    }
    out
}
