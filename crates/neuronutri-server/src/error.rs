//! The one error type of the HTTP layer. Every failure a handler can meet becomes an
//! [`AppError`], which answers the client with a FHIR `OperationOutcome` (on the JSON API and
//! the FHIR API alike) and the right status code. Internal failures are logged with their
//! cause and answered with a bare "internal error" and a reference, never the cause.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use neuronutri_model::InputError;
use neuronutri_storage::StorageError;
use serde::Serialize;
use utoipa::ToSchema;

/// A failed request.
#[derive(Debug)]
pub enum AppError {
    /// No credentials, or credentials that are unknown, expired or revoked (401).
    Unauthorized(String),
    /// Authenticated, but the role may not do this (403).
    Forbidden(String),
    /// Nothing there (404).
    NotFound(String),
    /// Bad input: a query parameter, a body, a protocol (400).
    BadRequest(String),
    /// A FHIR bundle that cannot be stored, naming the entry and the field (400).
    InvalidBundle(InputError),
    /// Taken already (409).
    Conflict(String),
    /// The database is not reachable (503).
    Unavailable(String),
    /// Anything else: logged in full, answered without details (500).
    Internal(String),
}

impl AppError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::InvalidBundle(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Conflict(message) => AppError::Conflict(message),
            StorageError::Invalid(message) => AppError::BadRequest(message),
            other if other.is_unavailable() => AppError::Unavailable(other.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// A FHIR R4 OperationOutcome: how every error is answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct OperationOutcome {
    /// Always `OperationOutcome`.
    #[serde(rename = "resourceType")]
    #[schema(example = "OperationOutcome")]
    pub resource_type: &'static str,
    /// What went wrong.
    pub issue: Vec<Issue>,
}

/// One issue of an OperationOutcome.
#[derive(Debug, Serialize, ToSchema)]
pub struct Issue {
    /// `error` or `fatal`.
    pub severity: &'static str,
    /// FHIR issue type: `invalid`, `security`, `forbidden`, `not-found`, `duplicate`,
    /// `transient`, `exception`.
    pub code: &'static str,
    /// The explanation, for people.
    pub diagnostics: String,
    /// Where in the input, as FHIRPath (e.g. `Bundle.entry[3].resource.valueQuantity.unit`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expression: Vec<String>,
}

impl OperationOutcome {
    fn new(code: &'static str, diagnostics: String, expression: Vec<String>) -> Self {
        let severity = if code == "exception" {
            "fatal"
        } else {
            "error"
        };
        OperationOutcome {
            resource_type: "OperationOutcome",
            issue: vec![Issue {
                severity,
                code,
                diagnostics,
                expression,
            }],
        }
    }
}

/// FHIRPath of a bundle input error.
fn expression(error: &InputError) -> String {
    let field = error.field.trim_start_matches('.');
    match error.entry {
        Some(i) => {
            let field = field
                .strip_prefix(&format!("entry[{i}]."))
                .or_else(|| field.strip_prefix(&format!("entry[{i}]")))
                .unwrap_or(field);
            let field = field.strip_prefix("resource.").unwrap_or(field);
            if field.is_empty() {
                format!("Bundle.entry[{i}]")
            } else if field == "resource" {
                format!("Bundle.entry[{i}].resource")
            } else {
                format!("Bundle.entry[{i}].resource.{field}")
            }
        }
        None if field.starts_with('(') => "Bundle".to_string(),
        None => format!("Bundle.{field}"),
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let outcome = match self {
            AppError::Unauthorized(message) => OperationOutcome::new("security", message, vec![]),
            AppError::Forbidden(message) => OperationOutcome::new("forbidden", message, vec![]),
            AppError::NotFound(message) => OperationOutcome::new("not-found", message, vec![]),
            AppError::BadRequest(message) => OperationOutcome::new("invalid", message, vec![]),
            AppError::InvalidBundle(error) => {
                let path = expression(&error);
                OperationOutcome::new("invalid", error.to_string(), vec![path])
            }
            AppError::Conflict(message) => OperationOutcome::new("duplicate", message, vec![]),
            AppError::Unavailable(cause) => {
                tracing::error!(error = %cause, "database unavailable");
                OperationOutcome::new(
                    "transient",
                    "the database is not reachable; try again shortly".into(),
                    vec![],
                )
            }
            AppError::Internal(cause) => {
                let reference = reference();
                tracing::error!(error = %cause, reference = %reference, "internal error");
                OperationOutcome::new(
                    "exception",
                    format!(
                        "internal error (reference {reference}); the cause is in the server log"
                    ),
                    vec![],
                )
            }
        };
        let mut response = (status, axum::Json(outcome)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/fhir+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"neuronutri\""),
            );
        }
        response
    }
}

/// A short random reference that ties a client's error to the log line.
fn reference() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        return "unavailable".into();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_are_fhirpath() {
        let e = |entry, field: &str| InputError {
            entry,
            resource: None,
            field: field.into(),
            message: String::new(),
        };
        assert_eq!(
            expression(&e(Some(3), "valueQuantity.unit")),
            "Bundle.entry[3].resource.valueQuantity.unit"
        );
        assert_eq!(
            expression(&e(Some(2), "entry[2].resource.code")),
            "Bundle.entry[2].resource.code"
        );
        assert_eq!(
            expression(&e(Some(1), "resource")),
            "Bundle.entry[1].resource"
        );
        assert_eq!(expression(&e(None, "type")), "Bundle.type");
        assert_eq!(expression(&e(None, "(document)")), "Bundle");
    }
}
