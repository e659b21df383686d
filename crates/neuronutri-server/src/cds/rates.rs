//! Feedback statistics of the CDS cards for admins: per rule code, how many cards were
//! issued and how many were accepted or overridden in a period, with the acceptance and
//! override rates, optionally split into days or weeks to show them over time. Served as
//! JSON at `GET /api/cds/feedback-rates`; [`feedback_report`] is the same report for other
//! pages of the server (the admin web page).

use crate::auth::Auth;
use crate::{AppError, AppState};
use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use neuronutri_storage::{Role, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Most periods one report may hold.
pub const MAX_PERIODS: i64 = 400;

/// The query of a report.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct RatesQuery {
    /// Start (RFC 3339, inclusive); default 30 days before `to`.
    pub from: Option<String>,
    /// End (RFC 3339, exclusive); default now.
    pub to: Option<String>,
    /// `day` or `week`: also split the period into these (at most 400 of them).
    pub interval: Option<String>,
}

/// One rule code's counts in a period.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CodeRate {
    /// The rule code (`MG.LOW`, …).
    pub code: String,
    /// Cards issued.
    pub issued: i64,
    /// Feedback entries `accepted`.
    pub accepted: i64,
    /// Feedback entries `overridden`.
    pub overridden: i64,
    /// accepted / (accepted + overridden); absent when there was no feedback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance_rate: Option<f64>,
    /// overridden / (accepted + overridden); absent when there was no feedback.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_rate: Option<f64>,
}

/// The counts of one period.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RatePeriod {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// Per rule code, codes with no card and no feedback left out.
    pub codes: Vec<CodeRate>,
}

/// The report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedbackRates {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// Per rule code over the whole period.
    pub codes: Vec<CodeRate>,
    /// `day` or `week` when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// The period split by `interval` (empty without one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<RatePeriod>,
}

fn parse_instant(name: &str, text: Option<&str>) -> Result<Option<DateTime<Utc>>, AppError> {
    text.map(|t| {
        DateTime::parse_from_rfc3339(t)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| AppError::BadRequest(format!("{name}: '{t}' is not an RFC 3339 instant")))
    })
    .transpose()
}

async fn period(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CodeRate>, AppError> {
    Ok(store
        .cds_feedback_rates(from, to)
        .await?
        .into_iter()
        .map(|r| {
            let answered = r.accepted + r.overridden;
            let rate = |n: i64| (answered > 0).then(|| n as f64 / answered as f64);
            CodeRate {
                acceptance_rate: rate(r.accepted),
                override_rate: rate(r.overridden),
                code: r.code,
                issued: r.issued,
                accepted: r.accepted,
                overridden: r.overridden,
            }
        })
        .collect())
}

/// The report for `query` at `now`; 400 naming the parameter when it is invalid.
pub async fn feedback_report(
    store: &Store,
    query: &RatesQuery,
    now: DateTime<Utc>,
) -> Result<FeedbackRates, AppError> {
    let to = parse_instant("to", query.to.as_deref())?.unwrap_or(now);
    let from = parse_instant("from", query.from.as_deref())?.unwrap_or(to - Duration::days(30));
    if from >= to {
        return Err(AppError::BadRequest(format!(
            "from: {} is not before to: {}",
            from.to_rfc3339(),
            to.to_rfc3339()
        )));
    }
    let step = match query.interval.as_deref() {
        None => None,
        Some("day") => Some(Duration::days(1)),
        Some("week") => Some(Duration::weeks(1)),
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "interval: '{other}' is neither day nor week"
            )))
        }
    };
    let mut periods = Vec::new();
    if let Some(step) = step {
        let (span, width) = ((to - from).num_seconds(), step.num_seconds());
        let count = (span + width - 1) / width;
        if count > MAX_PERIODS {
            return Err(AppError::BadRequest(format!(
                "interval: {count} periods between from and to; at most {MAX_PERIODS}"
            )));
        }
        let mut start = from;
        while start < to {
            let end = (start + step).min(to);
            periods.push(RatePeriod {
                from: start,
                to: end,
                codes: period(store, start, end).await?,
            });
            start = end;
        }
    }
    Ok(FeedbackRates {
        from,
        to,
        codes: period(store, from, to).await?,
        interval: query.interval.clone(),
        periods,
    })
}

/// Cards issued, accepted and overridden per rule code, with the rates, over a period and
/// optionally per day or week (admins only).
#[utoipa::path(get, path = "/api/cds/feedback-rates", tag = "cds-hooks", params(RatesQuery),
    responses((status = 200, body = FeedbackRates),
              (status = 400, description = "A parameter is invalid (named)", body = crate::error::OperationOutcome),
              (status = 401, body = crate::error::OperationOutcome),
              (status = 403, description = "Not an admin", body = crate::error::OperationOutcome)),
    security(("bearer" = [])))]
pub async fn feedback_rates(
    State(state): State<AppState>,
    auth: Auth,
    Query(query): Query<RatesQuery>,
) -> Result<Json<FeedbackRates>, AppError> {
    auth.require(&[Role::Admin])?;
    Ok(Json(
        feedback_report(&state.store, &query, Utc::now()).await?,
    ))
}
