//! Research pages, for the roles the JSON API lets use studies ([`crate::research::RESEARCH`]):
//! upload a cohort (CSV in any dialect the study crate reads, or Parquet) and see its columns
//! with the types detected; build a protocol in a form (groups, variables with labels and
//! units, which tables); download it as TOML or run it, which keeps the study and its report
//! exactly as `POST /api/studies` does (the same [`crate::research::run_study`]); the study
//! page with the report's tables, figures and files; and the summary-statistics audit of a
//! paper as a form (the same `neuronutri_audit::audit` as `POST /api/summary-audit`).
//!
//! Between the upload and the run the cohort travels inside the form itself (base64 in a
//! hidden field) and is read again on every submission: nothing is stored before the study
//! is run, and no server state ties the steps together. Every action is audited with
//! interface `web`; nothing here reads patient data.

use super::patients::{form_parts, FormPart};
use super::{i18n, redirect, shown_time, Web, WebError, WebSession};
use crate::error::AppError;
use crate::research::{run_study, RESEARCH};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64ct::{Base64, Encoding};
use chrono::Utc;
use fluent_bundle::FluentValue;
use neuronutri_audit::AuditReport;
use neuronutri_knowledge::Lang;
use neuronutri_storage::NewAuditEntry;
use neuronutri_table::{self as table, ReadOptions, Table, MISSING};
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Levels of a text column listed on the columns page (the rest are counted).
const SHOWN_LEVELS: usize = 12;
/// A text column with more distinct values than this is not offered as a variable by
/// default (identifiers, free text).
const DEFAULT_MAX_LEVELS: usize = 20;
/// Largest cohort file the web form can carry from the upload to the run: its base64 (4/3 of
/// it) and the rest of the form must fit the request body limit.
pub const MAX_COHORT_BYTES: usize = crate::BODY_LIMIT / 4 * 3 - 256 * 1024;
/// Most rows of each kind the summary-audit form shows.
const MAX_AUDIT_ROWS: usize = 60;

/// Appends an audit entry for a research action done through the web app.
async fn research_audit(
    state: &AppState,
    session: &WebSession,
    action: &str,
    target: &str,
    outcome: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: Some(session.auth.principal.user_id),
            actor: session.auth.actor(),
            interface: "web",
            action,
            patient_id: None,
            target,
            outcome,
        })
        .await?;
    Ok(())
}

/// A submitted form's fields.
struct Fields(Vec<FormPart>);

impl Fields {
    fn read(headers: &HeaderMap, body: &[u8]) -> Result<Fields, AppError> {
        form_parts(headers, body).map(Fields)
    }

    /// The text of field `name` (empty when absent).
    fn text(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|p| p.name == name)
            .map(|p| String::from_utf8_lossy(&p.bytes).into_owned())
            .unwrap_or_default()
    }

    /// Whether a checkbox `name` was ticked.
    fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|p| p.name == name)
    }

    /// The non-empty file of field `name`.
    fn file(&self, name: &str) -> Option<&FormPart> {
        self.0
            .iter()
            .find(|p| p.name == name && !p.bytes.is_empty())
    }

    /// The session of a form: signed in, the right CSRF token, a research role.
    fn session<'a>(&self, web: &'a Web) -> Result<&'a WebSession, WebError> {
        let session = web.form_session(&self.text("csrf"))?;
        session.auth.require(RESEARCH)?;
        Ok(session)
    }
}

/// A file name as sent by a browser, made safe to show and to write into a protocol: its
/// last path component, without control characters, at most 100 characters.
fn file_name(sent: Option<&str>, fallback: &str) -> String {
    let name = sent
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(100)
        .collect::<String>();
    let name = name.trim();
    if name.is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

/// How to read a CSV file: each choice `auto` (detect) or a value, as the form sends it.
#[derive(Clone, Debug, Serialize, PartialEq)]
struct Dialect {
    delimiter: String,
    decimal: String,
    encoding: String,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: "auto".into(),
            decimal: "auto".into(),
            encoding: "auto".into(),
        }
    }
}

impl Dialect {
    fn from_fields(fields: &Fields) -> Dialect {
        let pick = |name: &str| {
            let value = fields.text(name);
            if value.trim().is_empty() {
                "auto".to_string()
            } else {
                value.trim().to_string()
            }
        };
        Dialect {
            delimiter: pick("delimiter"),
            decimal: pick("decimal"),
            encoding: pick("encoding"),
        }
    }

    fn options(&self) -> Result<ReadOptions, String> {
        let delimiter = match self.delimiter.as_str() {
            "auto" => None,
            "comma" => Some(b','),
            "semicolon" => Some(b';'),
            "tab" => Some(b'\t'),
            other => {
                return Err(format!(
                    "delimiter: {other:?} is not auto, comma, semicolon or tab"
                ))
            }
        };
        let decimal_comma = match self.decimal.as_str() {
            "auto" => None,
            "point" => Some(false),
            "comma" => Some(true),
            other => {
                return Err(format!(
                    "decimal separator: {other:?} is not auto, point or comma"
                ))
            }
        };
        let encoding = match self.encoding.as_str() {
            "auto" => None,
            "utf-8" | "windows-1251" => Some(self.encoding.clone()),
            other => {
                return Err(format!(
                    "encoding: {other:?} is not auto, utf-8 or windows-1251"
                ))
            }
        };
        Ok(ReadOptions {
            delimiter,
            decimal_comma,
            encoding,
        })
    }

    /// The protocol lines that fix what was chosen (none for what is detected).
    fn toml(&self) -> String {
        let mut out = String::new();
        match self.delimiter.as_str() {
            "comma" => out.push_str("delimiter = \",\"\n"),
            "semicolon" => out.push_str("delimiter = \";\"\n"),
            "tab" => out.push_str("delimiter = \"tab\"\n"),
            _ => {}
        }
        if self.decimal != "auto" {
            out.push_str(&format!("decimal = {}\n", toml_str(&self.decimal)));
        }
        if self.encoding != "auto" {
            out.push_str(&format!("encoding = {}\n", toml_str(&self.encoding)));
        }
        out
    }
}

/// A TOML basic string holding `text`.
fn toml_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One column of an uploaded cohort, as the columns page shows it.
#[derive(Clone, Debug, Serialize)]
struct ColumnInfo {
    index: usize,
    name: String,
    /// Every present cell is a number (as the report will read it).
    numeric: bool,
    missing: usize,
    /// Smallest – largest, for numbers.
    range: Option<String>,
    /// The distinct values in order of first appearance (every one for text, up to
    /// [`DEFAULT_MAX_LEVELS`] + 1 for numbers).
    levels: Vec<String>,
    /// How many distinct values are not in `shown`.
    more_levels: usize,
    /// The first [`SHOWN_LEVELS`] distinct values.
    shown: Vec<String>,
}

/// The distinct present values of a column, in order of first appearance.
fn distinct_values(table: &Table, name: &str) -> Vec<String> {
    let Ok(categories) = table.categories(name) else {
        return Vec::new();
    };
    let mut seen = vec![false; categories.names.len()];
    let mut out = Vec::new();
    for &code in &categories.codes {
        if code == MISSING {
            continue;
        }
        if let Some(flag) = seen.get_mut(code as usize) {
            if !*flag {
                *flag = true;
                out.push(categories.names[code as usize].clone());
            }
        }
    }
    out
}

fn profile(table: &Table, lang: Lang) -> Vec<ColumnInfo> {
    table
        .column_names()
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let missing = table.n_missing(name).unwrap_or(0);
            let (numeric, range) = match table.numeric(name) {
                Ok(values) => {
                    let present: Vec<f64> = values.iter().flatten().copied().collect();
                    let range = (!present.is_empty()).then(|| {
                        let min = present.iter().copied().fold(f64::INFINITY, f64::min);
                        let max = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        format!("{} – {}", lang.number(min), lang.number(max))
                    });
                    (true, range)
                }
                Err(_) => (false, None),
            };
            let mut levels = distinct_values(table, name);
            if numeric {
                levels.truncate(DEFAULT_MAX_LEVELS + 1);
            }
            let shown: Vec<String> = levels.iter().take(SHOWN_LEVELS).cloned().collect();
            ColumnInfo {
                index,
                name: name.to_string(),
                numeric,
                missing,
                range,
                more_levels: levels.len() - shown.len(),
                levels,
                shown,
            }
        })
        .collect()
}

/// An uploaded cohort: its bytes and what was read of them.
struct Cohort {
    data_name: String,
    data: Vec<u8>,
    dialect: Dialect,
    format: String,
    rows: usize,
    columns: Vec<ColumnInfo>,
}

/// Reads the cohort (off the async threads): the table, or the study crate's error naming
/// the file, line, row and column.
async fn read_cohort(
    data_name: String,
    data: Vec<u8>,
    dialect: Dialect,
    lang: Lang,
) -> Result<Result<Cohort, String>, AppError> {
    tokio::task::spawn_blocking(move || {
        let options = dialect.options()?;
        let table = table::read_table(&data_name, &data, &options).map_err(|e| e.to_string())?;
        let columns = profile(&table, lang);
        Ok(Cohort {
            format: table.format().to_string(),
            rows: table.n_rows(),
            columns,
            data_name,
            data,
            dialect,
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// One variable row of the protocol form.
#[derive(Clone, Debug, Default, Serialize)]
struct VariableField {
    index: usize,
    name: String,
    numeric: bool,
    used: bool,
    label: String,
    unit: String,
    decimals: String,
    /// `numeric` or `categorical`.
    kind: String,
    /// One level a line.
    levels: String,
}

/// The protocol form's values, as shown and as sent back.
#[derive(Clone, Debug, Default, Serialize)]
struct Builder {
    title: String,
    group: String,
    group_a: String,
    group_b: String,
    label_a: String,
    label_b: String,
    alpha: String,
    variables: Vec<VariableField>,
    char_on: bool,
    char_title: String,
    char_summary: String,
    char_test: String,
    cmp_on: bool,
    cmp_title: String,
    cmp_test: String,
    cor_on: bool,
    cor_title: String,
    cor_method: String,
    /// `` (both groups), `a` or `b`.
    cor_within: String,
    reg_on: bool,
    reg_title: String,
    reg_outcome: String,
    reg_within: String,
}

fn identifier_like(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower == "id" || lower.ends_with("_id") || lower == "№"
}

impl Builder {
    /// A first protocol for a cohort: the first text column with two values as the groups,
    /// every other column a variable (identifiers and many-valued text left out), the
    /// characteristics and comparison tables.
    fn defaults(columns: &[ColumnInfo], data_name: &str, lang: Lang) -> Builder {
        let t = i18n::texts().all(lang);
        let text = |id: &str| t.get(id).cloned().unwrap_or_default();
        let group = columns
            .iter()
            .find(|c| !c.numeric && c.levels.len() == 2)
            .or_else(|| columns.iter().find(|c| !c.numeric))
            .or_else(|| columns.first());
        let group_name = group.map(|c| c.name.clone()).unwrap_or_default();
        let level = |i: usize| {
            group
                .and_then(|c| c.levels.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let variables: Vec<VariableField> = columns
            .iter()
            .map(|c| VariableField {
                index: c.index,
                name: c.name.clone(),
                numeric: c.numeric,
                used: c.name != group_name
                    && !identifier_like(&c.name)
                    && (c.numeric || c.levels.len() <= DEFAULT_MAX_LEVELS),
                label: c.name.clone(),
                unit: String::new(),
                decimals: String::new(),
                kind: if c.numeric { "numeric" } else { "categorical" }.into(),
                levels: if c.numeric {
                    String::new()
                } else {
                    c.levels.join("\n")
                },
            })
            .collect();
        let any_numeric = variables.iter().any(|v| v.used && v.kind == "numeric");
        let outcome = variables
            .iter()
            .rev()
            .find(|v| v.used && v.kind == "numeric")
            .map(|v| v.name.clone())
            .unwrap_or_default();
        Builder {
            title: i18n::texts().render(
                lang,
                "study_default_title",
                &[("file", FluentValue::from(data_name))],
            ),
            group: group_name,
            group_a: level(0),
            group_b: level(1),
            label_a: level(0),
            label_b: level(1),
            alpha: "0.05".into(),
            variables,
            char_on: true,
            char_title: text("table1_default"),
            char_summary: "auto".into(),
            char_test: "auto".into(),
            cmp_on: any_numeric,
            cmp_title: text("table2_default"),
            cmp_test: "mann-whitney".into(),
            cor_on: false,
            cor_title: text("table3_default"),
            cor_method: "spearman".into(),
            cor_within: String::new(),
            reg_on: false,
            reg_title: text("table4_default"),
            reg_outcome: outcome,
            reg_within: String::new(),
        }
    }

    /// The values sent back by the form; variables are matched to the cohort's columns by
    /// position (the names come from the file, never from the form).
    fn from_fields(fields: &Fields, columns: &[ColumnInfo]) -> Builder {
        let f = |name: &str| fields.text(name);
        let variables = columns
            .iter()
            .map(|c| {
                let key = |what: &str| format!("v{}_{what}", c.index);
                VariableField {
                    index: c.index,
                    name: c.name.clone(),
                    numeric: c.numeric,
                    used: fields.checked(&key("used")),
                    label: f(&key("label")),
                    unit: f(&key("unit")),
                    decimals: f(&key("decimals")),
                    kind: if f(&key("kind")) == "categorical" {
                        "categorical".into()
                    } else {
                        "numeric".into()
                    },
                    levels: f(&key("levels")),
                }
            })
            .collect();
        Builder {
            title: f("title"),
            group: f("group"),
            group_a: f("group_a"),
            group_b: f("group_b"),
            label_a: f("label_a"),
            label_b: f("label_b"),
            alpha: f("alpha"),
            variables,
            char_on: fields.checked("char_on"),
            char_title: f("char_title"),
            char_summary: f("char_summary"),
            char_test: f("char_test"),
            cmp_on: fields.checked("cmp_on"),
            cmp_title: f("cmp_title"),
            cmp_test: f("cmp_test"),
            cor_on: fields.checked("cor_on"),
            cor_title: f("cor_title"),
            cor_method: f("cor_method"),
            cor_within: f("cor_within"),
            reg_on: fields.checked("reg_on"),
            reg_title: f("reg_title"),
            reg_outcome: f("reg_outcome"),
            reg_within: f("reg_within"),
        }
    }

    /// The protocol as TOML, or what to correct in the form (naming the field). The study
    /// crate checks the result again when it is parsed.
    fn toml(&self, cohort: &Cohort) -> Result<String, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("title: give the study a title".into());
        }
        if !cohort.columns.iter().any(|c| c.name == self.group) {
            return Err(format!(
                "group column: {:?} is not a column of {}",
                self.group, cohort.data_name
            ));
        }
        let (a, b) = (self.group_a.trim(), self.group_b.trim());
        if a.is_empty() || b.is_empty() || a == b {
            return Err(format!(
                "groups: give two different values of the column {:?} as group A and group B",
                self.group
            ));
        }
        let alpha = match self.alpha.trim() {
            "" => 0.05,
            text => match text.replace(',', ".").parse::<f64>() {
                Ok(v) if v > 0.0 && v < 1.0 => v,
                _ => {
                    return Err(format!(
                        "significance level: {text:?} is not a number between 0 and 1"
                    ))
                }
            },
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# A study protocol made in the neuronutri web app. Run it with\n#   neuronutri study protocol.toml --data {}\n",
            cohort.data_name
        );
        let _ = writeln!(out, "title = {}", toml_str(title));
        let _ = writeln!(out, "data = {}", toml_str(&cohort.data_name));
        out.push_str(&cohort.dialect.toml());
        let _ = writeln!(out, "group = {}", toml_str(&self.group));
        let _ = writeln!(
            out,
            "groups = {}",
            toml_list(&[a.to_string(), b.to_string()])
        );
        let label = |level: &str, label: &str| {
            let label = label.trim();
            format!(
                "{} = {}",
                toml_str(level),
                toml_str(if label.is_empty() { level } else { label })
            )
        };
        let _ = writeln!(
            out,
            "group_labels = {{ {}, {} }}",
            label(a, &self.label_a),
            label(b, &self.label_b)
        );
        if alpha != 0.05 {
            let _ = writeln!(out, "alpha = {alpha}");
        }
        let mut used = Vec::new();
        let mut numeric = Vec::new();
        for v in self
            .variables
            .iter()
            .filter(|v| v.used && v.name != self.group)
        {
            let _ = write!(out, "\n[[variable]]\nname = {}\n", toml_str(&v.name));
            if !v.label.trim().is_empty() {
                let _ = writeln!(out, "label = {}", toml_str(v.label.trim()));
            }
            if !v.unit.trim().is_empty() {
                let _ = writeln!(out, "unit = {}", toml_str(v.unit.trim()));
            }
            match v.decimals.trim() {
                "" => {}
                d => match d.parse::<u32>() {
                    Ok(n) if n <= 10 => {
                        let _ = writeln!(out, "decimals = {n}");
                    }
                    _ => {
                        return Err(format!(
                            "variable {:?}: decimals: {d:?} is not a whole number from 0 to 10",
                            v.name
                        ))
                    }
                },
            }
            if v.kind == "categorical" {
                let mut levels: Vec<String> = v
                    .levels
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                if levels.is_empty() {
                    levels = cohort
                        .columns
                        .iter()
                        .find(|c| c.name == v.name)
                        .map(|c| c.levels.clone())
                        .unwrap_or_default();
                }
                if levels.len() < 2 {
                    return Err(format!(
                        "variable {:?}: a categorical variable needs at least two levels, one a line",
                        v.name
                    ));
                }
                let _ = writeln!(out, "levels = {}", toml_list(&levels));
            } else {
                numeric.push(v.name.clone());
            }
            used.push(v.name.clone());
        }
        let within = |choice: &str| match choice {
            "a" => Some(a),
            "b" => Some(b),
            _ => None,
        };
        let mut n = 0;
        let mut table = |out: &mut String, title: &str, kind: &str| {
            n += 1;
            let _ = write!(
                out,
                "\n[[table]]\nid = \"table{n}\"\ntitle = {}\nkind = \"{kind}\"\n",
                toml_str(title.trim())
            );
        };
        let need_title = |title: &str, what: &str| {
            if title.trim().is_empty() {
                Err(format!("{what}: give the table a title"))
            } else {
                Ok(())
            }
        };
        if self.char_on {
            need_title(&self.char_title, "characteristics table")?;
            if used.is_empty() {
                return Err("characteristics table: tick at least one variable".into());
            }
            table(&mut out, &self.char_title, "characteristics");
            let _ = writeln!(out, "variables = {}", toml_list(&used));
            let _ = writeln!(out, "summary = {}", toml_str(or_auto(&self.char_summary)));
            let _ = writeln!(out, "test = {}", toml_str(or_auto(&self.char_test)));
        }
        if self.cmp_on {
            need_title(&self.cmp_title, "comparison table")?;
            if numeric.is_empty() {
                return Err("comparison table: tick at least one numeric variable".into());
            }
            table(&mut out, &self.cmp_title, "comparison");
            let _ = writeln!(out, "variables = {}", toml_list(&numeric));
            let _ = writeln!(out, "test = {}", toml_str(or_auto(&self.cmp_test)));
        }
        if self.cor_on {
            need_title(&self.cor_title, "correlations table")?;
            if numeric.len() < 2 {
                return Err("correlations table: tick at least two numeric variables".into());
            }
            table(&mut out, &self.cor_title, "correlations");
            let _ = writeln!(out, "variables = {}", toml_list(&numeric));
            let method = if self.cor_method == "pearson" {
                "pearson"
            } else {
                "spearman"
            };
            let _ = writeln!(out, "method = \"{method}\"");
            if let Some(w) = within(&self.cor_within) {
                let _ = writeln!(out, "within = {}", toml_str(w));
            }
        }
        if self.reg_on {
            need_title(&self.reg_title, "regression table")?;
            if !numeric.contains(&self.reg_outcome) {
                return Err(format!(
                    "regression table: the outcome {:?} must be a ticked numeric variable",
                    self.reg_outcome
                ));
            }
            let predictors: Vec<String> = numeric
                .iter()
                .filter(|p| **p != self.reg_outcome)
                .cloned()
                .collect();
            if predictors.is_empty() {
                return Err(
                    "regression table: tick at least one numeric variable besides the outcome"
                        .into(),
                );
            }
            table(&mut out, &self.reg_title, "regression");
            let _ = writeln!(out, "outcome = {}", toml_str(&self.reg_outcome));
            let _ = writeln!(out, "predictors = {}", toml_list(&predictors));
            if let Some(w) = within(&self.reg_within) {
                let _ = writeln!(out, "within = {}", toml_str(w));
            }
        }
        if n == 0 {
            return Err("tables: tick at least one table".into());
        }
        Ok(out)
    }
}

fn or_auto(choice: &str) -> &str {
    match choice.trim() {
        "" => "auto",
        c => c,
    }
}

/// A download: the bytes with their type, as an attachment named `name`.
fn attachment(name: &str, media_type: &str, content: Vec<u8>) -> Response {
    let mut response = content.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(media_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /research`: the studies, newest first.
pub async fn studies(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.require(RESEARCH)?;
    let rows: Vec<Value> = state
        .store
        .studies()
        .await?
        .iter()
        .map(|s| {
            json!({"id": s.id, "name": s.name, "data_name": s.data_name,
                   "created_by": s.created_by, "created": shown_time(web.lang, s.created_at)})
        })
        .collect();
    web.render("studies.html", json!({"studies": rows}))
}

/// `GET /research/new`: the cohort upload form.
pub async fn new_study(web: Web) -> Result<Response, WebError> {
    web.require(RESEARCH)?;
    web.render("study_new.html", json!({"dialect": Dialect::default()}))
}

fn builder_page(
    web: &Web,
    status: StatusCode,
    cohort: &Cohort,
    builder: &Builder,
    error: Option<String>,
) -> Result<Response, WebError> {
    let numeric: Vec<&str> = cohort
        .columns
        .iter()
        .filter(|c| c.numeric)
        .map(|c| c.name.as_str())
        .collect();
    let mut level_values: Vec<&str> = cohort
        .columns
        .iter()
        .filter(|c| !c.numeric)
        .flat_map(|c| c.levels.iter().map(String::as_str))
        .collect();
    level_values.sort_unstable();
    level_values.dedup();
    level_values.truncate(200);
    let rows = i18n::texts().render(
        web.lang,
        "cohort_rows",
        &[
            ("rows", FluentValue::from(cohort.rows)),
            ("columns", FluentValue::from(cohort.columns.len())),
        ],
    );
    web.render_status(
        status,
        "study_build.html",
        json!({
            "file": {"name": cohort.data_name, "format": cohort.format, "rows": rows},
            "columns": cohort.columns,
            "numeric_columns": numeric,
            "level_values": level_values,
            "b": builder,
            "data": Base64::encode_string(&cohort.data),
            "dialect": cohort.dialect,
            "error": error,
        }),
    )
}

/// `POST /research/new`: reads the uploaded cohort and shows its columns and the protocol
/// form; a file that cannot be read shows the study crate's error (file, line, row,
/// column), and nothing is stored.
pub async fn upload(
    web: Web,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    web.user()?;
    let fields = Fields::read(&headers, &body)?;
    let session = fields.session(&web)?;
    let dialect = Dialect::from_fields(&fields);
    let again = |message: String| {
        web.render_status(
            StatusCode::BAD_REQUEST,
            "study_new.html",
            json!({"dialect": &dialect, "failure": message}),
        )
    };
    let Some(file) = fields.file("file") else {
        return again("choose the cohort file (CSV or Parquet)".into());
    };
    let data_name = file_name(file.filename.as_deref(), "cohort.csv");
    if file.bytes.len() > MAX_COHORT_BYTES {
        return again(format!(
            "{data_name}: {} bytes is more than the {MAX_COHORT_BYTES} bytes a study run from \
             the web app can take; run it with `neuronutri study` instead",
            file.bytes.len()
        ));
    }
    let read = read_cohort(data_name, file.bytes.clone(), dialect.clone(), web.lang).await?;
    let cohort = match read {
        Ok(cohort) => cohort,
        Err(message) => {
            research_audit(&state, session, "read-cohort", "/research/new", "invalid").await?;
            return again(message);
        }
    };
    research_audit(&state, session, "read-cohort", "/research/new", "ok").await?;
    let builder = Builder::defaults(&cohort.columns, &cohort.data_name, web.lang);
    builder_page(&web, StatusCode::OK, &cohort, &builder, None)
}

/// `POST /research/protocol`: builds the protocol from the form; `action=toml` downloads
/// it, else it is run on the cohort and the study kept (as `POST /api/studies`), then the
/// study page opens. Any error shows the form again with the message; nothing is stored.
pub async fn protocol(
    web: Web,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    web.user()?;
    let fields = Fields::read(&headers, &body)?;
    let session = fields.session(&web)?;
    let data = Base64::decode_vec(fields.text("data").trim()).map_err(|_| {
        AppError::BadRequest(
            "the cohort did not come back with the form: upload the file again".into(),
        )
    })?;
    let data_name = file_name(Some(&fields.text("data_name")), "cohort.csv");
    let cohort = read_cohort(data_name, data, Dialect::from_fields(&fields), web.lang)
        .await?
        .map_err(AppError::BadRequest)?;
    let builder = Builder::from_fields(&fields, &cohort.columns);
    let checked = builder.toml(&cohort).and_then(|text| {
        neuronutri_study::protocol::parse("protocol.toml", &text)
            .map(|_| text)
            .map_err(|e| e.to_string())
    });
    let toml = match checked {
        Ok(toml) => toml,
        Err(message) => {
            return builder_page(
                &web,
                StatusCode::BAD_REQUEST,
                &cohort,
                &builder,
                Some(message),
            )
        }
    };
    if fields.text("action") == "toml" {
        research_audit(
            &state,
            session,
            "download-protocol",
            "/research/protocol",
            "ok",
        )
        .await?;
        return Ok(attachment(
            "protocol.toml",
            "application/toml; charset=utf-8",
            toml.into_bytes(),
        ));
    }
    let (text, name, data) = (toml.clone(), cohort.data_name.clone(), cohort.data.clone());
    let run = tokio::task::spawn_blocking(move || run_study(&text, &name, &data))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let (title, files) = match run {
        Ok(done) => done,
        Err(message) => {
            research_audit(
                &state,
                session,
                "create-study",
                "/research/protocol",
                "invalid",
            )
            .await?;
            return builder_page(
                &web,
                StatusCode::BAD_REQUEST,
                &cohort,
                &builder,
                Some(message),
            );
        }
    };
    let id = state
        .store
        .create_study(
            &title,
            &toml,
            &cohort.data_name,
            &cohort.data,
            &files,
            session.auth.actor(),
            Utc::now(),
        )
        .await?;
    let target = format!("/research/studies/{id}");
    research_audit(&state, session, "create-study", &target, "ok").await?;
    Ok(redirect(&target))
}

/// `GET /research/studies/{id}`: the study: its report's tables and figures, its files, its
/// protocol.
pub async fn study(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let session = web.require(RESEARCH)?;
    let study = state
        .store
        .study(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no study with id {id}")))?;
    let files = state.store.study_file_names(id).await?;
    let report: Value = match state.store.study_file(id, "report.json").await? {
        Some(file) => serde_json::from_slice(&file.content)
            .map_err(|e| AppError::Internal(format!("study {id}: report.json: {e}")))?,
        None => Value::Null,
    };
    let has = |name: &str| files.iter().any(|(n, _)| n == name);
    let file_href = |name: &str| format!("/research/studies/{id}/files/{name}");
    let figure_title = |fid: &str| {
        report["figures"]
            .as_array()
            .and_then(|all| all.iter().find(|f| f["id"] == fid))
            .and_then(|f| f["title"].as_str())
            .unwrap_or(fid)
            .to_string()
    };
    let tables: Vec<Value> = report["tables"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|t| {
            let tid = t["id"].as_str().unwrap_or("");
            let rows: Vec<Value> = t["rows"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|row| {
                    let cells: Vec<Value> = row
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let text = c.as_str().unwrap_or("");
                            match text.strip_prefix("  ") {
                                Some(level) if i == 0 => json!({"text": level, "level": true}),
                                _ => json!({"text": text, "level": false}),
                            }
                        })
                        .collect();
                    json!(cells)
                })
                .collect();
            let csv = format!("tables/{tid}.csv");
            let figures: Vec<Value> = t["figures"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|f| f.as_str())
                .filter(|fid| has(&format!("plots/{fid}.svg")))
                .map(|fid| {
                    json!({"src": file_href(&format!("plots/{fid}.svg")),
                           "png": file_href(&format!("plots/{fid}.png")),
                           "title": figure_title(fid)})
                })
                .collect();
            json!({
                "id": tid, "title": t["title"], "header": t["header"], "rows": rows,
                "notes": t["notes"], "figures": figures,
                "csv": has(&csv).then(|| file_href(&csv)),
            })
        })
        .collect();
    let groups: Vec<Value> = report["groups"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|g| json!({"label": g["label"], "n": g["n"]}))
        .collect();
    let downloads: Vec<Value> = files
        .iter()
        .map(
            |(name, media_type)| json!({"name": name, "href": file_href(name), "type": media_type}),
        )
        .collect();
    research_audit(
        &state,
        session,
        "read-study",
        &format!("/research/studies/{id}"),
        "ok",
    )
    .await?;
    let s = &study.summary;
    web.render(
        "study.html",
        json!({
            "study": {"id": id, "name": s.name, "data_name": s.data_name, "created_by": s.created_by,
                      "created": shown_time(web.lang, s.created_at)},
            "format": report["data"]["format"],
            "rows": report["data"]["rows"],
            "groups": groups,
            "outside": report["rows_outside_groups"],
            "methods": report["methods"],
            "tables": tables,
            "downloads": downloads,
            "report_href": has("report.html").then(|| file_href("report.html")),
            "protocol": study.protocol,
        }),
    )
}

/// `GET /research/studies/{id}/files/{name}`: a file of the report: the HTML report and the
/// figures open in the browser (the report with its own policy: inline styles, no scripts),
/// the rest download.
pub async fn study_file(
    web: Web,
    State(state): State<AppState>,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    web.require(RESEARCH)?;
    let file = state
        .store
        .study_file(id, &name)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("study {id} has no file {name:?}")))?;
    let inline = name.ends_with(".html") || name.ends_with(".svg") || name.ends_with(".png");
    if !inline {
        let base = name.rsplit('/').next().unwrap_or("file");
        return Ok(attachment(base, &file.media_type, file.content));
    }
    let mut response = file.content.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&file.media_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ),
    );
    Ok(response)
}

/// `GET /research/studies/{id}/protocol.toml`: the study's protocol, to run it again.
pub async fn study_protocol(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    web.require(RESEARCH)?;
    let study = state
        .store
        .study(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no study with id {id}")))?;
    Ok(attachment(
        "protocol.toml",
        "application/toml; charset=utf-8",
        study.protocol.into_bytes(),
    ))
}

/// One group comparison of the audit form, as typed.
#[derive(Clone, Debug, Default, Serialize)]
struct ComparisonRow {
    name: String,
    table: String,
    group_a: String,
    group_b: String,
    mean_a: String,
    mean_b: String,
    sd_a: String,
    sd_b: String,
    n_a: String,
    n_b: String,
    p: String,
    integer: bool,
    decimals: String,
}

/// One correlation of the audit form, as typed.
#[derive(Clone, Debug, Default, Serialize)]
struct CorrelationRow {
    name: String,
    table: String,
    r: String,
    n: String,
    p: String,
}

/// The summary-audit form.
#[derive(Clone, Debug, Serialize)]
struct AuditForm {
    title: String,
    source: String,
    comparisons: Vec<ComparisonRow>,
    correlations: Vec<CorrelationRow>,
    toml: String,
}

impl Default for AuditForm {
    fn default() -> Self {
        AuditForm {
            title: String::new(),
            source: String::new(),
            comparisons: vec![ComparisonRow::default(); 3],
            correlations: vec![CorrelationRow::default(); 2],
            toml: String::new(),
        }
    }
}

/// A number typed in a form: decimal point or comma.
fn form_number(what: &str, text: &str) -> Result<f64, String> {
    let cleaned = text.trim().replace(',', ".");
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{what}: {:?} is not a number", text.trim())),
    }
}

fn form_count(what: &str, text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| format!("{what}: {:?} is not a whole number", text.trim()))
}

impl AuditForm {
    fn from_fields(fields: &Fields) -> AuditForm {
        let f = |name: String| fields.text(&name);
        // The rows the form had (absent: the blank form's).
        let count = |name: &str, default: usize| {
            fields
                .text(name)
                .trim()
                .parse::<usize>()
                .unwrap_or(default)
                .min(MAX_AUDIT_ROWS)
        };
        let blank = AuditForm::default();
        let comparisons = (0..count("comparisons", blank.comparisons.len()))
            .map(|i| ComparisonRow {
                name: f(format!("c{i}_name")),
                table: f(format!("c{i}_table")),
                group_a: f(format!("c{i}_group_a")),
                group_b: f(format!("c{i}_group_b")),
                mean_a: f(format!("c{i}_mean_a")),
                mean_b: f(format!("c{i}_mean_b")),
                sd_a: f(format!("c{i}_sd_a")),
                sd_b: f(format!("c{i}_sd_b")),
                n_a: f(format!("c{i}_n_a")),
                n_b: f(format!("c{i}_n_b")),
                p: f(format!("c{i}_p")),
                integer: fields.checked(&format!("c{i}_integer")),
                decimals: f(format!("c{i}_decimals")),
            })
            .collect();
        let correlations = (0..count("correlations", blank.correlations.len()))
            .map(|i| CorrelationRow {
                name: f(format!("r{i}_name")),
                table: f(format!("r{i}_table")),
                r: f(format!("r{i}_r")),
                n: f(format!("r{i}_n")),
                p: f(format!("r{i}_p")),
            })
            .collect();
        AuditForm {
            title: fields.text("title"),
            source: fields.text("source"),
            comparisons,
            correlations,
            toml: fields.text("toml"),
        }
    }

    /// The reported-statistics file (`neuronutri audit`'s TOML) of the rows filled in, or
    /// what to correct (naming the row and the field). Empty rows are skipped.
    fn toml(&self) -> Result<String, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("title: name the paper".into());
        }
        let mut out = format!("title = {}\n", toml_str(title));
        if !self.source.trim().is_empty() {
            let _ = writeln!(out, "source = {}", toml_str(self.source.trim()));
        }
        let mut rows = 0;
        for (i, c) in self.comparisons.iter().enumerate() {
            let typed = [
                &c.name,
                &c.table,
                &c.group_a,
                &c.group_b,
                &c.mean_a,
                &c.mean_b,
                &c.sd_a,
                &c.sd_b,
                &c.n_a,
                &c.n_b,
                &c.p,
                &c.decimals,
            ];
            if typed.iter().all(|s| s.trim().is_empty()) {
                continue;
            }
            let what = |field: &str| format!("group comparison {}, {field}", i + 1);
            if c.name.trim().is_empty() {
                return Err(format!("{}: say what was compared", what("name")));
            }
            let groups = [c.group_a.trim(), c.group_b.trim()];
            if groups.iter().any(|g| g.is_empty()) {
                return Err(format!("{}: name both groups", what("groups")));
            }
            let mean = [
                form_number(&what("mean A"), &c.mean_a)?,
                form_number(&what("mean B"), &c.mean_b)?,
            ];
            let sd = [
                form_number(&what("SD A"), &c.sd_a)?,
                form_number(&what("SD B"), &c.sd_b)?,
            ];
            let n = [
                form_count(&what("n A"), &c.n_a)?,
                form_count(&what("n B"), &c.n_b)?,
            ];
            if c.p.trim().is_empty() {
                return Err(format!(
                    "{}: give the p the paper reports, e.g. <0.05",
                    what("p")
                ));
            }
            let _ = write!(
                out,
                "\n[[comparison]]\nname = {}\n",
                toml_str(c.name.trim())
            );
            if !c.table.trim().is_empty() {
                let _ = writeln!(out, "table = {}", toml_str(c.table.trim()));
            }
            let _ = writeln!(
                out,
                "groups = {}\nmean = [{:?}, {:?}]\nsd = [{:?}, {:?}]\nn = [{}, {}]\np = {}",
                toml_list(&groups.map(str::to_string)),
                mean[0],
                mean[1],
                sd[0],
                sd[1],
                n[0],
                n[1],
                toml_str(c.p.trim())
            );
            if c.integer {
                let decimals = form_count(&what("decimals"), &c.decimals)?;
                let _ = writeln!(out, "integer_scale = true\ndecimals = {decimals}");
            }
            rows += 1;
        }
        for (i, c) in self.correlations.iter().enumerate() {
            let typed = [&c.name, &c.table, &c.r, &c.n, &c.p];
            if typed.iter().all(|s| s.trim().is_empty()) {
                continue;
            }
            let what = |field: &str| format!("correlation {}, {field}", i + 1);
            if c.name.trim().is_empty() {
                return Err(format!("{}: say which two variables", what("name")));
            }
            let r = form_number(&what("r"), &c.r)?;
            let n = form_count(&what("n"), &c.n)?;
            if c.p.trim().is_empty() {
                return Err(format!(
                    "{}: give the p the paper reports, e.g. <0.05",
                    what("p")
                ));
            }
            let _ = write!(
                out,
                "\n[[correlation]]\nname = {}\n",
                toml_str(c.name.trim())
            );
            if !c.table.trim().is_empty() {
                let _ = writeln!(out, "table = {}", toml_str(c.table.trim()));
            }
            let _ = writeln!(out, "r = {r:?}\nn = {n}\np = {}", toml_str(c.p.trim()));
            rows += 1;
        }
        if rows == 0 {
            return Err("fill in at least one group comparison or correlation".into());
        }
        Ok(out)
    }
}

fn audit_page(
    web: &Web,
    status: StatusCode,
    form: &AuditForm,
    result: Option<Value>,
    error: Option<String>,
) -> Result<Response, WebError> {
    web.render_status(
        status,
        "summary_audit.html",
        json!({"f": form, "result": result, "error": error,
               "n_comparisons": form.comparisons.len(), "n_correlations": form.correlations.len()}),
    )
}

/// `GET /research/audit`: the summary-statistics audit form.
pub async fn audit_form(web: Web) -> Result<Response, WebError> {
    web.require(RESEARCH)?;
    audit_page(&web, StatusCode::OK, &AuditForm::default(), None, None)
}

/// A p-value as the audit shows it.
fn p_text(lang: Lang, p: f64) -> String {
    let text = if p < 1e-4 {
        format!("{p:.2e}")
    } else {
        format!("{p:.4}")
    };
    lang.decimal(&text)
}

fn audit_view(lang: Lang, report: &AuditReport) -> Value {
    let fixed = |v: f64, d: usize| lang.decimal(&format!("{v:.d$}"));
    // The p-values over the printed values' rounding, as "0.0412–0.0581".
    let range = |r: Option<[f64; 2]>| {
        r.map(|[lo, hi]| format!("{}–{}", p_text(lang, lo), p_text(lang, hi)))
    };
    let test = |t: &neuronutri_audit::TTestResult| {
        json!({"t": fixed(t.t, 3), "df": fixed(t.df, 1), "p": p_text(lang, t.p_value),
               "holds": t.reported_p_holds, "within": t.holds_within_rounding,
               "range": range(t.p_range)})
    };
    let grims = |list: &[neuronutri_audit::grim::GrimResult], groups: &[String; 2]| -> Vec<Value> {
        list.iter()
            .enumerate()
            .map(|(i, g)| {
                json!({"group": groups.get(i), "consistent": g.consistent,
                       "informative": g.informative})
            })
            .collect()
    };
    let comparisons: Vec<Value> = report
        .comparisons
        .iter()
        .map(|c| {
            let side = |i: usize| {
                format!(
                    "{}: {} ± {} (n = {})",
                    c.groups[i],
                    lang.number(c.mean[i]),
                    lang.number(c.sd[i]),
                    c.n[i]
                )
            };
            json!({
                "name": c.name, "table": c.table, "a": side(0), "b": side(1),
                "reported": c.reported_p.to_string(),
                "welch": test(&c.welch), "student": test(&c.student), "verdict": c.verdict,
                "grim": grims(&c.grim, &c.groups), "grimmer": grims(&c.grimmer, &c.groups),
                "plausibility": c.plausibility.iter().map(|p| json!({
                    "group": p.group, "value": format!("{} {}", lang.number(p.value), p.unit),
                    "plausible": p.plausible, "reason": p.reason,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let correlations: Vec<Value> = report
        .correlations
        .iter()
        .map(|c| {
            json!({
                "name": c.name, "table": c.table, "r": lang.number(c.r), "n": c.n,
                "reported": c.reported_p.to_string(), "t": fixed(c.t, 3), "df": fixed(c.df, 1),
                "p": p_text(lang, c.p_value), "holds": c.reported_p_holds,
                "within": c.holds_within_rounding, "range": range(c.p_range),
                "verdict": c.verdict,
            })
        })
        .collect();
    json!({
        "title": report.title, "source": report.source, "method": report.method,
        "comparisons": comparisons, "correlations": correlations, "summary": report.summary,
    })
}

/// `POST /research/audit`: audits the numbers of the form (or the TOML uploaded or pasted
/// instead) and shows the result under the form; `action=more-comparisons` or
/// `more-correlations` adds a row, `action=toml` downloads the rows as the TOML of
/// `neuronutri audit`. Nothing is stored.
pub async fn audit(
    web: Web,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    web.user()?;
    let fields = Fields::read(&headers, &body)?;
    let session = fields.session(&web)?;
    let mut form = AuditForm::from_fields(&fields);
    match fields.text("action").as_str() {
        "more-comparisons" if form.comparisons.len() < MAX_AUDIT_ROWS => {
            form.comparisons.push(ComparisonRow::default());
            return audit_page(&web, StatusCode::OK, &form, None, None);
        }
        "more-correlations" if form.correlations.len() < MAX_AUDIT_ROWS => {
            form.correlations.push(CorrelationRow::default());
            return audit_page(&web, StatusCode::OK, &form, None, None);
        }
        _ => {}
    }
    let (file, text) = match fields.file("file") {
        Some(part) => (
            file_name(part.filename.as_deref(), "reported.toml"),
            String::from_utf8(part.bytes.clone())
                .map_err(|_| "the file is not UTF-8 text".to_string()),
        ),
        None if !form.toml.trim().is_empty() => ("pasted TOML".to_string(), Ok(form.toml.clone())),
        None => ("the form".to_string(), form.toml()),
    };
    let text = match text {
        Ok(text) => text,
        Err(message) => {
            return audit_page(
                &web,
                StatusCode::BAD_REQUEST,
                &form,
                None,
                Some(format!("{file}: {message}")),
            )
        }
    };
    if fields.text("action") == "toml" {
        research_audit(
            &state,
            session,
            "download-reported",
            "/research/audit",
            "ok",
        )
        .await?;
        return Ok(attachment(
            "reported.toml",
            "application/toml; charset=utf-8",
            text.into_bytes(),
        ));
    }
    let knowledge = state.knowledge.clone();
    let name = file.clone();
    let result = tokio::task::spawn_blocking(move || {
        neuronutri_audit::audit(&name, &text, &knowledge.thresholds)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    match result {
        Ok(report) => {
            research_audit(&state, session, "summary-audit", "/research/audit", "ok").await?;
            let view = audit_view(web.lang, &report);
            audit_page(&web, StatusCode::OK, &form, Some(view), None)
        }
        Err(e) => {
            research_audit(
                &state,
                session,
                "summary-audit",
                "/research/audit",
                "invalid",
            )
            .await?;
            audit_page(
                &web,
                StatusCode::BAD_REQUEST,
                &form,
                None,
                Some(e.to_string()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(toml_str("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        let parsed: toml::Value =
            toml::from_str(&format!("x = {}", toml_str("Возраст, \"лет\"\\"))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("Возраст, \"лет\"\\"));
    }

    #[test]
    fn file_names_keep_only_the_last_component() {
        assert_eq!(file_name(Some("C:\\data\\cohort.csv"), "x"), "cohort.csv");
        assert_eq!(file_name(Some("../../etc/passwd"), "x"), "passwd");
        assert_eq!(file_name(Some("a\"b\n.csv"), "x"), "ab.csv");
        assert_eq!(file_name(None, "cohort.csv"), "cohort.csv");
    }
}
