//! The report language of `neuronutri study` (issue 13 item 7), end to end: the Russian-locale
//! twin of the seed HFS study (`examples/hfs-study/ru/protocol.toml`, `lang = "ru"`) writes a
//! Russian report with decimal commas, and its CSV tables, read back with the rules of a
//! Russian-locale Excel (UTF-8 BOM, `;`, decimal comma), hold the numbers of the English
//! report of the same cohort. Expected texts are written here by hand; expected numbers come
//! from the English report.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("neuronutri-lang-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn study(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .arg("study")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn run(protocol: &str, extra: &[&str], name: &str) -> PathBuf {
    let out = scratch(name);
    let mut args = vec![protocol, "--out", out.to_str().unwrap()];
    args.extend(extra);
    let (code, stderr) = study(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("no ru translation"), "{stderr}");
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The numbers in a text, read with the given decimal separator ("0,57 (df 87,9)" with ','
/// gives [0.57, 87.9]); a minus sign before a digit belongs to the number.
fn numbers(text: &str, decimal: char) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut s = String::new();
            if i > 0 && (chars[i - 1] == '-' || chars[i - 1] == '\u{2212}') {
                s.push('-');
            }
            while i < chars.len() && chars[i].is_ascii_digit() {
                s.push(chars[i]);
                i += 1;
            }
            if i + 1 < chars.len() && chars[i] == decimal && chars[i + 1].is_ascii_digit() {
                s.push('.');
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    s.push(chars[i]);
                    i += 1;
                }
            }
            out.push(s.parse().unwrap());
        } else {
            i += 1;
        }
    }
    out
}

/// A CSV file as a Russian-locale Excel reads it: UTF-8 after a byte-order mark, `;` between
/// fields. Returns the header and the rows.
fn excel_ru(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or_else(|| panic!("{}: no UTF-8 byte-order mark", path.display()));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(std::str::from_utf8(body).unwrap().as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn csv_en(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = read(path);
    assert!(!text.starts_with('\u{feff}'), "English CSV has a BOM");
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

const TABLES: [&str; 6] = ["table1", "table2", "table3", "table4", "table5", "table6"];

/// The acceptance check of issue 13: the Russian-locale twin gives a Russian report with
/// decimal commas, and its CSV opens in the Russian Excel layout with the English numbers.
#[test]
fn the_russian_twin_writes_a_russian_report_and_excel_ru_tables() {
    let ru = run("examples/hfs-study/ru/protocol.toml", &[], "ru");
    let en = run("examples/hfs-study/protocol.toml", &[], "en");
    let md = read(&ru.join("report.md"));
    let html = read(&ru.join("report.html"));
    // Russian headers, tests and methods, as Russian papers write them.
    for text in [
        "# Витамин B12, кортизол и дофамин при гемифациальном спазме",
        "Источник: SEED-HFS-B12",
        "| Показатель | Основная группа (n = 62) | Контрольная группа (n = 40) | Критерий | Статистика | p |",
        "| Возраст, лет, M ± SD | 46,8 ± 8,2 | 45,9 ± 7,6 | t-критерий Уэлча |",
        "Основная группа, Me [Q1; Q3]",
        "критерий Манна–Уитни",
        "хи-квадрат",
        "рангово-бисериальный r = ",
        "| Показатели | n | ρ | p | q (Бенджамини–Хохберг) | Метод расчёта p |",
        "| Предиктор | b | SE | 95% ДИ | β | 95% ДИ β |",
        "Зависимая переменная: Частота спазмов, эпизодов/день. n = 62; R² = 0,480, скорректированный R² = 0,443",
        "Строки группы Основная группа.",
        "## Методы",
        "Все значения p двусторонние.",
        "коэффициент корреляции Спирмена",
    ] {
        assert!(md.contains(text), "report.md lacks {text:?}");
    }
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains("<h2>Методы</h2>"));
    // No English leftovers of the fixed texts.
    for english in [
        "Variable",
        "Statistic",
        "Effect size",
        "median [IQR]",
        "Mann–Whitney",
        "Welch",
        "chi-square",
        "rank-biserial",
        "Rows of the group",
        "Outcome:",
        "Methods",
        "Source:",
        "Made by",
        "two-sided",
        "p method",
    ] {
        assert!(!md.contains(english), "report.md still says {english:?}");
        assert!(
            !html.contains(english),
            "report.html still says {english:?}"
        );
    }
    // Figures speak Russian too: the axis of a scatter and its line of results.
    let svg = read(&ru.join("plots/table5-figure6.svg"));
    assert!(
        svg.contains("Частота спазмов, эпизодов/день"),
        "scatter axis"
    );
    assert!(
        svg.contains("ρ = -0,53; p &lt; 0,001; n = 62"),
        "scatter annotation"
    );
    let coef = read(&ru.join("plots/table6-coefficients.svg"));
    assert!(
        coef.contains("β (стандартизованный), 95% ДИ"),
        "coefficient axis"
    );

    // Every table: the Russian CSV read as a Russian Excel reads it has the English
    // report's numbers, cell by cell (the first column and the header are words).
    let mut compared = 0;
    for id in TABLES {
        let (ru_header, ru_rows) = excel_ru(&ru.join(format!("tables/{id}.csv")));
        let (en_header, en_rows) = csv_en(&en.join(format!("tables/{id}.csv")));
        assert_eq!(ru_header.len(), en_header.len(), "{id} header");
        assert_eq!(ru_rows.len(), en_rows.len(), "{id} rows");
        for (r, (a, b)) in ru_rows.iter().zip(&en_rows).enumerate() {
            assert_eq!(a.len(), b.len(), "{id} row {r}");
            for (c, (x, y)) in a.iter().zip(b).enumerate().skip(1) {
                assert!(
                    !x.chars()
                        .zip(x.chars().skip(1))
                        .any(|(p, q)| p == '.' && q.is_ascii_digit()),
                    "{id} row {r} column {c}: decimal point in {x:?}"
                );
                let (got, want) = (numbers(x, ','), numbers(y, '.'));
                assert_eq!(got, want, "{id} row {r} column {c}: {x:?} vs {y:?}");
                compared += want.len();
            }
        }
    }
    assert!(compared > 150, "only {compared} numbers compared");
    // A cell a Russian Excel takes as a number: the first p of table 5 and the B12 median.
    let (_, t5) = excel_ru(&ru.join("tables/table5.csv"));
    assert_eq!(t5[3][3], "0,004");
    let (_, t2) = excel_ru(&ru.join("tables/table2.csv"));
    assert_eq!(t2[0][3], "320 [279; 358]");
    // report.json keeps its numbers as numbers.
    let json: serde_json::Value = serde_json::from_str(&read(&ru.join("report.json"))).unwrap();
    let en_json: serde_json::Value = serde_json::from_str(&read(&en.join("report.json"))).unwrap();
    assert_eq!(json["lang"], "ru");
    assert_eq!(
        json["tables"][5]["results"]["fit"]["r_squared"],
        en_json["tables"][5]["results"]["fit"]["r_squared"]
    );
    assert_eq!(en_json.get("lang"), None, "English report.json unchanged");
}

/// `--lang` wins over the protocol's `lang`, both ways.
#[test]
fn the_flag_overrides_the_protocol() {
    let en = run(
        "examples/hfs-study/ru/protocol.toml",
        &["--lang", "en"],
        "flag-en",
    );
    let md = read(&en.join("report.md"));
    assert!(
        md.contains("| Variable | Основная группа (n = 62) |"),
        "{md}"
    );
    assert!(md.contains("| Возраст, лет, M ± SD | 46.8 ± 8.2 | 45.9 ± 7.6 | Welch t |"));
    let table = read(&en.join("tables/table1.csv"));
    assert!(table.starts_with("Variable,"), "{table}");

    let ru = run(
        "examples/hfs-study/protocol.toml",
        &["--lang", "ru"],
        "flag-ru",
    );
    let md = read(&ru.join("report.md"));
    assert!(md.contains("| Age, years, M ± SD | 46,8 ± 8,2 | 45,9 ± 7,6 | t-критерий Уэлча |"));

    // Italian and Uzbek (Latin script) too, with their decimal comma and Excel CSV.
    for (lang, row, header) in [
        (
            "it",
            "| Age, years, media ± DS | 46,8 ± 8,2 | 45,9 ± 7,6 | test t di Welch |",
            "Variabile;",
        ),
        (
            "uz",
            "| Age, years, M ± SD | 46,8 ± 8,2 | 45,9 ± 7,6 | Uelch t-mezoni |",
            "Koʻrsatkich;",
        ),
    ] {
        let out = run("examples/hfs-study/protocol.toml", &["--lang", lang], lang);
        let md = read(&out.join("report.md"));
        assert!(md.contains(row), "{lang}: {md}");
        let csv = read(&out.join("tables/table1.csv"));
        assert!(
            csv.starts_with(&format!("\u{feff}{header}")),
            "{lang}: {csv}"
        );
    }
}

/// An unknown language is a clear error naming the flag or the protocol key; exit 2, nothing
/// written.
#[test]
fn an_unknown_language_is_refused() {
    let out = scratch("bad-flag");
    let (code, stderr) = study(&[
        "examples/hfs-study/protocol.toml",
        "--lang",
        "xx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--lang") && stderr.contains("en, ru"),
        "{stderr}"
    );
    assert!(!out.exists());

    let dir = scratch("bad-key");
    std::fs::create_dir_all(&dir).unwrap();
    let text = read(&root().join("examples/hfs-study/protocol.toml")).replace(
        "data = \"cohort.csv\"",
        "data = \"cohort.csv\"\nlang = \"klingon\"",
    );
    std::fs::write(dir.join("protocol.toml"), text).unwrap();
    let out = dir.join("out");
    let (code, stderr) = study(&[
        dir.join("protocol.toml").to_str().unwrap(),
        "--data",
        "examples/hfs-study/cohort.csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("protocol.toml") && stderr.contains("lang:") && stderr.contains("klingon"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// The parts of a .docx (a zip archive): name → bytes.
fn docx_parts(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("report.docx is a zip archive");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.insert(entry.name().to_owned(), bytes);
    }
    parts
}

/// `--docx` writes a Word document: a valid zip whose word/document.xml holds every table's
/// title and the cells of its first row, and one PNG per figure.
#[test]
fn docx_holds_the_tables_and_figures() {
    for (protocol, name, expected) in [
        (
            "examples/hfs-study/protocol.toml",
            "docx-en",
            ["Welch t", "46.8 ± 8.2", "Variable"],
        ),
        (
            "examples/hfs-study/ru/protocol.toml",
            "docx-ru",
            ["t-критерий Уэлча", "46,8 ± 8,2", "Показатель"],
        ),
    ] {
        let out = run(protocol, &["--docx"], name);
        let parts = docx_parts(&out.join("report.docx"));
        assert!(
            parts.contains_key("[Content_Types].xml"),
            "{:?}",
            parts.keys()
        );
        let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
        for text in expected {
            assert!(xml.contains(text), "{name}: document.xml lacks {text:?}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&read(&out.join("report.json"))).unwrap();
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\'', "&apos;")
        };
        for table in json["tables"].as_array().unwrap() {
            let title = table["title"].as_str().unwrap();
            assert!(xml.contains(&escape(title)), "{name}: no title {title:?}");
            for cell in table["rows"][0].as_array().unwrap() {
                let cell = escape(cell.as_str().unwrap().trim());
                assert!(xml.contains(&cell), "{name}: no cell {cell:?}");
            }
        }
        let pngs: Vec<_> = parts
            .iter()
            .filter(|(k, _)| k.starts_with("word/media/") && k.ends_with(".png"))
            .collect();
        assert_eq!(
            pngs.len(),
            json["figures"].as_array().unwrap().len(),
            "{name}"
        );
        for (k, png) in pngs {
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{k}");
        }
    }
    // Without --docx there is none.
    let out = run("examples/hfs-study/protocol.toml", &[], "no-docx");
    assert!(!out.join("report.docx").exists());
}
