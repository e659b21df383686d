//! Renders a [`Report`] for people: Markdown, a self-contained printable HTML page (figures
//! inline as SVG), and one CSV per table. Every printed string comes from the report's own
//! `rows`, so the three formats and `report.json` show the same numbers.

use crate::report::{Report, ReportTable};
use serde::Serialize;
use std::collections::BTreeMap;

/// Name and version of the generator, as the outputs credit it.
pub const GENERATOR: &str = concat!("neuronutri ", env!("CARGO_PKG_VERSION"));

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The report as Markdown (figures linked as `plots/{id}.png`).
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", report.title));
    if let Some(s) = &report.source {
        out.push_str(&format!("Source: {s}  \n"));
    }
    out.push_str(&format!(
        "Protocol: {}  \nData: {} ({}, {} rows)  \nGroups: {}\n",
        report.protocol,
        report.data.file,
        report.data.format,
        report.data.rows,
        report
            .groups
            .iter()
            .map(|g| format!("{} n = {}", g.label, g.n))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if report.rows_outside_groups > 0 {
        out.push_str(&format!(
            "Rows in neither group: {}\n",
            report.rows_outside_groups
        ));
    }
    let captions: BTreeMap<&str, &str> = report
        .figures
        .iter()
        .map(|f| (f.id.as_str(), f.title.as_str()))
        .collect();
    for table in &report.tables {
        out.push_str(&format!("\n## {}\n\n", table.title));
        if !table.rows.is_empty() {
            out.push_str(&format!(
                "| {} |\n",
                table
                    .header
                    .iter()
                    .map(|h| md_cell(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
            out.push_str(&format!(
                "|{}\n",
                table
                    .header
                    .iter()
                    .enumerate()
                    .map(|(i, _)| if i == 0 { " --- |" } else { " ---: |" })
                    .collect::<String>()
            ));
            for row in &table.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| {
                        if let Some(level) = c.strip_prefix("  ") {
                            format!("&nbsp;&nbsp;{}", md_cell(level))
                        } else {
                            md_cell(c)
                        }
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        if !table.notes.is_empty() {
            out.push('\n');
            for n in &table.notes {
                out.push_str(&format!("- {n}\n"));
            }
        }
        for id in &table.figures {
            out.push_str(&format!(
                "\n![{}](plots/{id}.png)\n",
                captions.get(id.as_str()).copied().unwrap_or(id)
            ));
        }
    }
    out.push_str("\n## Methods\n\n");
    for m in &report.methods {
        out.push_str(&format!("- {m}\n"));
    }
    out.push_str(&format!("\nMade by {GENERATOR}.\n"));
    out
}

#[derive(Serialize)]
struct Cell<'a> {
    text: &'a str,
    level: bool,
}

#[derive(Serialize)]
struct HtmlTable<'a> {
    id: &'a str,
    title: &'a str,
    header: &'a [String],
    rows: Vec<Vec<Cell<'a>>>,
    notes: &'a [String],
    figures: &'a [String],
}

#[derive(Serialize)]
struct HtmlFigure<'a> {
    title: &'a str,
    svg: &'a str,
}

/// The report as one self-contained HTML page: inline CSS, figures inline as SVG, no
/// scripts, no external resources; printable.
pub fn html(report: &Report) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", include_str!("../templates/report.html"))
        .map_err(|e| format!("report template: {e}"))?;
    let tables: Vec<HtmlTable> = report
        .tables
        .iter()
        .map(|t: &ReportTable| HtmlTable {
            id: &t.id,
            title: &t.title,
            header: &t.header,
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| match c.strip_prefix("  ") {
                            Some(level) if i == 0 => Cell {
                                text: level,
                                level: true,
                            },
                            _ => Cell {
                                text: c,
                                level: false,
                            },
                        })
                        .collect()
                })
                .collect(),
            notes: &t.notes,
            figures: &t.figures,
        })
        .collect();
    let figures: BTreeMap<&str, HtmlFigure> = report
        .figures
        .iter()
        .map(|f| {
            // The XML declaration may not stand inside HTML.
            let svg = match f.svg.find("<svg") {
                Some(i) => &f.svg[i..],
                None => f.svg.as_str(),
            };
            (
                f.id.as_str(),
                HtmlFigure {
                    title: &f.title,
                    svg,
                },
            )
        })
        .collect();
    let template = env
        .get_template("report.html")
        .map_err(|e| format!("report template: {e}"))?;
    template
        .render(minijinja::context! {
            report => minijinja::Value::from_serialize(report),
            tables => minijinja::Value::from_serialize(&tables),
            figures => minijinja::Value::from_serialize(&figures),
            generator => GENERATOR,
        })
        .map_err(|e| format!("report template: {e}"))
}

/// One table as CSV: the header and the printed rows (UTF-8, comma-separated, quoted as
/// needed).
pub fn table_csv(table: &ReportTable) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&table.header);
    for row in &table.rows {
        let _ = w.write_record(row.iter().map(|c| c.trim_start()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
