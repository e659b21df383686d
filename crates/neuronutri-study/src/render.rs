//! Renders a [`Report`] for people: Markdown, a self-contained printable HTML page (figures
//! inline as SVG), and one CSV per table. Every printed string comes from the report's own
//! `rows`, so the three formats and `report.json` show the same numbers.

use crate::i18n::{self, Lang};
use crate::report::{Report, ReportTable};
use serde::Serialize;
use std::collections::BTreeMap;

/// Name and version of the generator, as the outputs credit it.
pub const GENERATOR: &str = concat!("neuronutri ", env!("CARGO_PKG_VERSION"));

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The language of a report's printed texts.
fn lang_of(report: &Report) -> Lang {
    report.lang.parse().unwrap_or(Lang::En)
}

/// The report as Markdown (figures linked as `plots/{id}.png`).
pub fn markdown(report: &Report) -> String {
    let lang = lang_of(report);
    let w = |id: &str, args: &[(&str, String)]| i18n::frame(lang, id, args);
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", report.title));
    if let Some(s) = &report.source {
        out.push_str(&format!("{}  \n", w("frame-source", &[("x", s.clone())])));
    }
    out.push_str(&format!(
        "{}  \n{}  \n{}\n",
        w("frame-protocol", &[("x", report.protocol.clone())]),
        w(
            "frame-data",
            &[
                ("x1", report.data.file.clone()),
                ("x2", data_format(lang, report)),
                ("n", report.data.rows.to_string())
            ]
        ),
        w("frame-groups", &[("x", group_list(report))]),
    ));
    if report.rows_outside_groups > 0 {
        out.push_str(&format!(
            "{}\n",
            w(
                "frame-outside",
                &[("n", report.rows_outside_groups.to_string())]
            )
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
    out.push_str(&format!("\n## {}\n\n", w("frame-methods", &[])));
    for m in &report.methods {
        out.push_str(&format!("- {m}\n"));
    }
    if !report.r_code.is_empty() {
        // A fence longer than any run of backticks in the code (a column name may hold some).
        let longest = report
            .r_code
            .split(|c| c != '`')
            .map(str::len)
            .max()
            .unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        out.push_str(&format!(
            "\n### {}\n\n{}\n\n{fence}r\n{}{fence}\n",
            w("frame-r-code", &[]),
            w("frame-r-code-intro", &[]),
            report.r_code
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        w("frame-made-by", &[("x", GENERATOR.to_owned())])
    ));
    out
}

/// The data format in the report's language ("CSV, ','-delimited, decimal point, utf-8").
fn data_format(lang: Lang, report: &Report) -> String {
    if lang == Lang::En {
        return report.data.format.clone();
    }
    i18n::Localizer::for_lang(lang)
        .text(&report.data.format)
        .unwrap_or_else(|| report.data.format.clone())
}

/// "HFS n = 62, Controls n = 40".
fn group_list(report: &Report) -> String {
    report
        .groups
        .iter()
        .map(|g| format!("{} n = {}", g.label, g.n))
        .collect::<Vec<_>>()
        .join(", ")
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
    let lang = lang_of(report);
    let w = |id: &str, args: &[(&str, String)]| i18n::frame(lang, id, args);
    let words: BTreeMap<&str, String> = [
        ("lang", lang.tag().to_owned()),
        (
            "source",
            w(
                "frame-source",
                &[("x", report.source.clone().unwrap_or_default())],
            ),
        ),
        (
            "protocol",
            w("frame-protocol", &[("x", report.protocol.clone())]),
        ),
        (
            "data",
            w(
                "frame-data",
                &[
                    ("x1", report.data.file.clone()),
                    ("x2", data_format(lang, report)),
                    ("n", report.data.rows.to_string()),
                ],
            ),
        ),
        ("groups", w("frame-groups", &[("x", group_list(report))])),
        (
            "outside",
            w(
                "frame-outside-html",
                &[("n", report.rows_outside_groups.to_string())],
            ),
        ),
        ("methods", w("frame-methods", &[])),
        ("rcode", w("frame-r-code", &[])),
        ("rcode_intro", w("frame-r-code-intro", &[])),
        (
            "footer",
            w("frame-footer-html", &[("x", GENERATOR.to_owned())]),
        ),
    ]
    .into_iter()
    .collect();
    template
        .render(minijinja::context! {
            words => minijinja::Value::from_serialize(&words),
            report => minijinja::Value::from_serialize(report),
            tables => minijinja::Value::from_serialize(&tables),
            figures => minijinja::Value::from_serialize(&figures),
            generator => GENERATOR,
            r_code => &report.r_code,
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

/// One table as CSV for a spreadsheet of the report's locale. English: as [`table_csv`].
/// A language that writes a decimal comma (Russian, Italian, Uzbek): UTF-8 with a byte-order
/// mark, `;`-delimited, the numbers as printed (decimal comma), which is how Excel in those
/// locales opens and saves a CSV file.
pub fn table_csv_for(report: &Report, table: &ReportTable) -> Vec<u8> {
    if !i18n::decimal_comma(lang_of(report)) {
        return table_csv(table).into_bytes();
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&table.header);
    for row in &table.rows {
        let _ = w.write_record(row.iter().map(|c| c.trim_start()));
    }
    w.into_inner().unwrap_or_default()
}

/// Width of a figure in the Word document: 16 cm, in EMU (914 400 per inch).
const DOCX_FIGURE_WIDTH_EMU: u32 = 6_299_200;

/// The width and height of a PNG, from its IHDR chunk (right after the signature).
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?))
    };
    (png.get(12..16) == Some(b"IHDR")).then_some((word(16)?, word(20)?))
}

/// The report as a Word document (`report.docx`): the title and the data lines, each table
/// as a Word table (header row bold, the printed cells of the other formats) with its notes
/// and its figures (the PNGs, 16 cm wide), then the methods; A4 landscape, as the HTML page
/// prints. Every text is the report's own, so the document speaks the report's language.
pub fn docx(report: &Report) -> Result<Vec<u8>, String> {
    use docx_rs::{
        AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Pic, Run, RunFonts, Table,
        TableCell, TableRow,
    };
    let lang = lang_of(report);
    let w = |id: &str, args: &[(&str, String)]| i18n::frame(lang, id, args);
    let text = |s: &str, size: usize, bold: bool| {
        let run = Run::new().add_text(s).size(size);
        Paragraph::new().add_run(if bold { run.bold() } else { run })
    };
    // sizes in half-points
    let mut doc = Docx::new()
        .page_size(16_838, 11_906)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(1_000)
                .bottom(1_000)
                .left(1_000)
                .right(1_000),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(20)
        .add_paragraph(text(&report.title, 32, true));
    if let Some(s) = &report.source {
        doc = doc.add_paragraph(text(&w("frame-source", &[("x", s.clone())]), 18, false));
    }
    for line in [
        w("frame-protocol", &[("x", report.protocol.clone())]),
        w(
            "frame-data",
            &[
                ("x1", report.data.file.clone()),
                ("x2", data_format(lang, report)),
                ("n", report.data.rows.to_string()),
            ],
        ),
        w("frame-groups", &[("x", group_list(report))]),
    ] {
        doc = doc.add_paragraph(text(&line, 18, false));
    }
    let figures: BTreeMap<&str, &crate::report::FigureInfo> =
        report.figures.iter().map(|f| (f.id.as_str(), f)).collect();
    for table in &report.tables {
        doc = doc.add_paragraph(text(&table.title, 24, true));
        if !table.rows.is_empty() {
            let cell = |s: &str, bold: bool, first: bool| {
                let (indent, s) = match s.strip_prefix("  ") {
                    Some(level) if first => (true, level),
                    _ => (false, s),
                };
                let mut p = text(s, 18, bold);
                if indent {
                    p = p.indent(Some(280), None, None, None);
                }
                if !first {
                    p = p.align(AlignmentType::Right);
                }
                TableCell::new().add_paragraph(p)
            };
            let mut rows = vec![TableRow::new(
                table
                    .header
                    .iter()
                    .enumerate()
                    .map(|(i, h)| cell(h, true, i == 0))
                    .collect(),
            )];
            rows.extend(table.rows.iter().map(|r| {
                TableRow::new(
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| cell(c, false, i == 0))
                        .collect(),
                )
            }));
            doc = doc.add_table(Table::new(rows));
        }
        for n in &table.notes {
            doc = doc.add_paragraph(text(n, 16, false));
        }
        for id in &table.figures {
            let Some(f) = figures.get(id.as_str()) else {
                continue;
            };
            // the PNG's own size (the protocol's figure size and dpi may change it)
            let (w, h) = png_size(&f.png).unwrap_or((crate::plot::WIDTH, crate::plot::HEIGHT));
            let height = (DOCX_FIGURE_WIDTH_EMU as u64 * h as u64 / w.max(1) as u64) as u32;
            let pic =
                Pic::new_with_dimensions(f.png.clone(), w, h).size(DOCX_FIGURE_WIDTH_EMU, height);
            doc = doc
                .add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_image(pic))
                        .align(AlignmentType::Center),
                )
                .add_paragraph(text(&f.title, 16, false).align(AlignmentType::Center));
        }
    }
    doc = doc.add_paragraph(text(&w("frame-methods", &[]), 24, true));
    for m in &report.methods {
        doc = doc.add_paragraph(text(m, 18, false));
    }
    doc = doc.add_paragraph(text(
        &w("frame-made-by", &[("x", GENERATOR.to_owned())]),
        16,
        false,
    ));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| format!("report.docx: {e}"))?;
    Ok(out.into_inner())
}
