//! The researcher's API: studies (a cohort table and its protocol uploaded, the report run
//! at once and kept with them) and the summary-statistics audit of a published paper. No
//! endpoint here reads patient data.

use crate::auth::Auth;
use crate::error::{AppError, OperationOutcome};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use base64ct::{Base64, Encoding};
use chrono::{DateTime, Utc};
use neuronutri_storage::{NewAuditEntry, Role, StudyFile};
use neuronutri_study::report::{self, Columns};
use neuronutri_study::{adhoc, protocol, render};
use neuronutri_table as table;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The roles that may use studies and the summary audit (the web pages check the same).
pub const RESEARCH: &[Role] = &[Role::Researcher];

/// A study to run and keep.
#[derive(Deserialize, ToSchema)]
pub struct NewStudy {
    /// The protocol (TOML), as `neuronutri study` reads it.
    pub protocol: String,
    /// The data file's name (e.g. `cohort.csv`, `cohort.parquet`).
    pub data_name: String,
    /// The table as text (CSV), or …
    pub data: Option<String>,
    /// … its bytes in base64 (Parquet, Windows-1251 CSV).
    pub data_base64: Option<String>,
}

/// A stored study.
#[derive(Serialize, ToSchema)]
pub struct StudyView {
    /// Id.
    pub id: i64,
    /// The protocol's title.
    pub name: String,
    /// The data file's name.
    pub data_name: String,
    /// Who uploaded it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Its report files (`GET /api/studies/{id}/files/{name}`).
    pub files: Vec<String>,
}

struct TableColumns(table::Table);

impl Columns for TableColumns {
    fn file(&self) -> &str {
        self.0.file()
    }
    fn format(&self) -> String {
        self.0.format().to_owned()
    }
    fn n_rows(&self) -> usize {
        self.0.n_rows()
    }
    fn numeric(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
        self.0.numeric(column).map_err(|e| e.to_string())
    }
    fn text(&self, column: &str) -> Result<Vec<Option<String>>, String> {
        self.0.text(column).map_err(|e| e.to_string())
    }
    fn row_name(&self, i: usize) -> String {
        match self.0.line_of_row(i) {
            Some(line) => format!("row {} (line {line})", i + 1),
            None => format!("row {}", i + 1),
        }
    }
}

/// Runs a protocol on a table: the report's files, or the error naming file, line, row or
/// column.
pub fn run_study(
    protocol_text: &str,
    data_name: &str,
    data: &[u8],
) -> Result<(String, Vec<StudyFile>), String> {
    let protocol = protocol::parse("protocol.toml", protocol_text).map_err(|e| e.to_string())?;
    let table =
        table::read_table(data_name, data, &protocol.read_options).map_err(|e| e.to_string())?;
    let data = TableColumns(table);
    // Variables without `levels` typed from the data: a column of words is categorical.
    let protocol = protocol::parse_with_data("protocol.toml", protocol_text, &data)
        .map_err(|e| e.to_string())?;
    let report = report::run(&protocol, &data, &mut |_| {}).map_err(|e| e.to_string())?;
    let html = render::html(&report)?;
    let mut json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    json.push('\n');
    let file = |name: String, media_type: &str, content: Vec<u8>| StudyFile {
        name,
        media_type: media_type.to_string(),
        content,
    };
    let mut files = vec![
        file("report.json".into(), "application/json", json.into_bytes()),
        file(
            "report.md".into(),
            "text/markdown; charset=utf-8",
            render::markdown(&report).into_bytes(),
        ),
        file(
            "report.html".into(),
            "text/html; charset=utf-8",
            html.into_bytes(),
        ),
    ];
    for t in &report.tables {
        files.push(file(
            format!("tables/{}.csv", t.id),
            "text/csv; charset=utf-8",
            // the protocol's `lang`: a decimal-comma language gets its locale's Excel layout
            render::table_csv_for(&report, t),
        ));
    }
    for f in &report.figures {
        files.push(file(
            format!("plots/{}.svg", f.id),
            "image/svg+xml",
            f.svg.clone().into_bytes(),
        ));
        files.push(file(
            format!("plots/{}.png", f.id),
            "image/png",
            f.png.clone(),
        ));
    }
    Ok((report.title.clone(), files))
}

async fn research_audit(
    state: &AppState,
    auth: &Auth,
    action: &str,
    target: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: Some(auth.principal.user_id),
            actor: auth.actor(),
            interface: "api",
            action,
            patient_id: None,
            target,
            outcome: "ok",
        })
        .await?;
    Ok(())
}

/// A table sent as text or as base64 bytes, exactly one of them.
fn table_bytes(text: Option<String>, base64: Option<String>) -> Result<Vec<u8>, AppError> {
    match (text, base64) {
        (Some(text), None) => Ok(text.into_bytes()),
        (None, Some(encoded)) => Base64::decode_vec(encoded.trim())
            .map_err(|e| AppError::BadRequest(format!("data_base64: not base64: {e}"))),
        _ => Err(AppError::BadRequest(
            "give the table as either data (text) or data_base64, not both or neither".into(),
        )),
    }
}

/// Upload a cohort table and its protocol; the report is run at once and stored with them.
#[utoipa::path(post, path = "/api/studies", tag = "research", request_body = NewStudy,
    responses((status = 201, body = StudyView),
              (status = 400, description = "Bad protocol or data, naming line, row or column; nothing stored", body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn create_study(
    State(state): State<AppState>,
    auth: Auth,
    Json(study): Json<NewStudy>,
) -> Result<impl IntoResponse, AppError> {
    auth.require(RESEARCH)?;
    let data = table_bytes(study.data, study.data_base64)?;
    let protocol_text = study.protocol;
    let data_name = study.data_name;
    let (name, files, protocol_text, data_name, data) = tokio::task::spawn_blocking(move || {
        run_study(&protocol_text, &data_name, &data)
            .map(|(name, files)| (name, files, protocol_text, data_name, data))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::BadRequest)?;
    let id = state
        .store
        .create_study(
            &name,
            &protocol_text,
            &data_name,
            &data,
            &files,
            auth.actor(),
            Utc::now(),
        )
        .await?;
    research_audit(&state, &auth, "create-study", &format!("/api/studies/{id}")).await?;
    let summary = state
        .store
        .study(id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("study {id} vanished")))?
        .summary;
    Ok((
        StatusCode::CREATED,
        Json(StudyView {
            id,
            name: summary.name,
            data_name: summary.data_name,
            created_by: summary.created_by,
            created_at: summary.created_at,
            files: files.into_iter().map(|f| f.name).collect(),
        }),
    ))
}

/// Every study, newest first.
#[utoipa::path(get, path = "/api/studies", tag = "research",
    responses((status = 200, body = Vec<StudyView>), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn list_studies(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<StudyView>>, AppError> {
    auth.require(RESEARCH)?;
    let mut out = Vec::new();
    for s in state.store.studies().await? {
        let files = state.store.study_file_names(s.id).await?;
        out.push(StudyView {
            id: s.id,
            name: s.name,
            data_name: s.data_name,
            created_by: s.created_by,
            created_at: s.created_at,
            files: files.into_iter().map(|(n, _)| n).collect(),
        });
    }
    Ok(Json(out))
}

/// One study with its protocol.
#[derive(Serialize, ToSchema)]
pub struct StudyDetail {
    /// The study.
    pub study: StudyView,
    /// The protocol as uploaded.
    pub protocol: String,
}

/// Read one study.
#[utoipa::path(get, path = "/api/studies/{id}", tag = "research",
    params(("id" = i64, Path, description = "The study's id")),
    responses((status = 200, body = StudyDetail), (status = 404, body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn read_study(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<StudyDetail>, AppError> {
    auth.require(RESEARCH)?;
    let study = state
        .store
        .study(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no study with id {id}")))?;
    let files = state.store.study_file_names(id).await?;
    let s = study.summary;
    Ok(Json(StudyDetail {
        study: StudyView {
            id: s.id,
            name: s.name,
            data_name: s.data_name,
            created_by: s.created_by,
            created_at: s.created_at,
            files: files.into_iter().map(|(n, _)| n).collect(),
        },
        protocol: study.protocol,
    }))
}

/// One report file of a study (`report.html`, `report.json`, `tables/table1.csv`, …).
#[utoipa::path(get, path = "/api/studies/{id}/files/{name}", tag = "research",
    params(("id" = i64, Path, description = "The study's id"),
           ("name" = String, Path, description = "The file, e.g. report.html or plots/fig1.png")),
    responses((status = 200, description = "The file, with its media type"),
              (status = 404, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn study_file(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, name)): Path<(i64, String)>,
) -> Result<impl IntoResponse, AppError> {
    auth.require(RESEARCH)?;
    let file = state
        .store
        .study_file(id, &name)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("study {id} has no file {name:?}")))?;
    let mut headers = vec![(header::CONTENT_TYPE, file.media_type)];
    if file.name.ends_with(".html") {
        // The report is self-contained: inline styles and images, no scripts.
        headers.push((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
                .into(),
        ));
    }
    let mut response = file.content.into_response();
    for (name, value) in headers {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

/// Audit a published study's summary statistics (the TOML of `neuronutri audit`): t tests
/// and correlation p-values recomputed, GRIM and GRIMMER, implausible values.
#[utoipa::path(post, path = "/api/summary-audit", tag = "research",
    request_body(content = String, content_type = "application/toml", description = "The paper's reported statistics"),
    responses((status = 200, description = "The audit", body = Object),
              (status = 400, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn summary_audit(
    State(state): State<AppState>,
    auth: Auth,
    body: String,
) -> Result<Json<serde_json::Value>, AppError> {
    auth.require(RESEARCH)?;
    let report = neuronutri_audit::audit("upload.toml", &body, &state.knowledge.thresholds)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    research_audit(&state, &auth, "summary-audit", "/api/summary-audit").await?;
    serde_json::to_value(&report)
        .map(Json)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// One statistical test on columns of an uploaded table, as `neuronutri stats` runs it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatsRequest {
    /// `mann-whitney`, `welch`, `student`, `shapiro`, `spearman`, `pearson`, `chisq`,
    /// `fisher` or `ols`.
    pub test: String,
    /// The data file's name (e.g. `cohort.csv`); errors name it.
    pub data_name: String,
    /// The table as text (CSV: `,` `;` or tab; decimal point or comma), or …
    pub data: Option<String>,
    /// … its bytes in base64 (Parquet, Windows-1251 CSV).
    pub data_base64: Option<String>,
    /// Numeric column compared between groups (mann-whitney, welch, student) or tested for
    /// normality (shapiro).
    pub value: Option<String>,
    /// Column holding the group labels.
    pub group: Option<String>,
    /// The two group labels to compare, A then B (U is reported for A).
    #[serde(default)]
    pub groups: Vec<String>,
    /// First column of a correlation or a 2×2 table.
    pub x: Option<String>,
    /// Second column of a correlation or a 2×2 table.
    pub y: Option<String>,
    /// Outcome column of a regression (ols).
    pub outcome: Option<String>,
    /// Predictor columns of a regression (ols).
    #[serde(default)]
    pub predictors: Vec<String>,
    /// `auto` (R's rule, the default), `exact` or `asymptotic` (SciPy's).
    pub method: Option<String>,
    /// Continuity correction (Mann–Whitney normal approximation; Yates for chisq); default
    /// true, as in R and SciPy.
    pub correct: Option<bool>,
    /// `two-sided` (default), `less` or `greater`.
    pub alternative: Option<String>,
}

/// A request field naming one of a closed set of words, read as the CLI reads it.
fn word<T: serde::de::DeserializeOwned>(field: &str, value: &str) -> Result<T, AppError> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|e| AppError::BadRequest(format!("{field}: {e}")))
}

/// Run one statistical test on columns of an uploaded table (the numbers of `neuronutri
/// stats`: R/SciPy parity, every number finite; what cannot be computed is a 400 naming the
/// file, the test and its columns). Nothing is stored.
#[utoipa::path(post, path = "/api/stats", tag = "research", request_body = StatsRequest,
    responses((status = 200, description = "The test's result, as `neuronutri stats` prints it", body = Object),
              (status = 400, description = "Bad request, data or columns, named", body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn stats(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<StatsRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    auth.require(RESEARCH)?;
    let request = adhoc::Request {
        test: word("test", &body.test)?,
        value: body.value,
        group: body.group,
        groups: body.groups,
        x: body.x,
        y: body.y,
        outcome: body.outcome,
        predictors: body.predictors,
        method: match &body.method {
            Some(m) => word("method", m)?,
            None => adhoc::Method::default(),
        },
        correct: body.correct.unwrap_or(true),
        alternative: body.alternative.unwrap_or_else(|| "two-sided".into()),
    };
    let data = table_bytes(body.data, body.data_base64)?;
    let name = body.data_name;
    let result = tokio::task::spawn_blocking(move || {
        let table =
            table::read_table(&name, &data, &Default::default()).map_err(|e| e.to_string())?;
        adhoc::run(&table, &request).map_err(|e| e.message(|f| format!("the field `{f}`")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::BadRequest)?;
    research_audit(&state, &auth, "stats", "/api/stats").await?;
    Ok(Json(result))
}
