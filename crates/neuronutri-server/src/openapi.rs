//! The OpenAPI 3.1 document, generated from the handlers' annotations and types (utoipa),
//! served at `/openapi.json`. A test checks every route of the router is in it.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "neuronutri",
        description = "Clinical decision support for magnesium and vitamin B12 in neurology, \
                       and research statistics. Roles: clinician (patients, assessments, FHIR), \
                       researcher (studies, summary-statistics audit), admin (users, tokens, \
                       audit log). Every error is a FHIR OperationOutcome."
    ),
    paths(
        crate::api::health,
        crate::api::ready,
        crate::admin::sign_in,
        crate::admin::sign_out,
        crate::admin::me,
        crate::admin::list_users,
        crate::admin::create_user,
        crate::admin::list_tokens,
        crate::admin::create_token,
        crate::admin::revoke_token,
        crate::admin::audit_log,
        crate::api::import_bundle,
        crate::api::search_patients,
        crate::api::read_patient,
        crate::api::observation_series,
        crate::api::assess_patient,
        crate::api::list_assessments,
        crate::api::rule_catalogue,
        crate::api::evidence_map,
        crate::research::create_study,
        crate::research::list_studies,
        crate::research::read_study,
        crate::research::study_file,
        crate::research::summary_audit,
        crate::research::stats,
        crate::fhir::metadata,
        crate::fhir::search_patients,
        crate::fhir::read_patient,
        crate::fhir::search_resources,
        crate::fhir::read_resource,
        crate::cds::discovery,
        crate::cds::call,
        crate::cds::feedback,
        crate::cds::evidence::page,
        crate::cds::rates::feedback_rates,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "service", description = "Health and readiness"),
        (name = "accounts", description = "Sign-in, users, API tokens, audit log"),
        (name = "patients", description = "Bundle import, patients, observation series"),
        (name = "assessments", description = "Stored assessments with engine and knowledge versions"),
        (name = "knowledge", description = "Rule catalogue and evidence map"),
        (name = "research", description = "Studies and the summary-statistics audit"),
        (name = "fhir", description = "FHIR R4 read and search of stored data"),
        (name = "cds-hooks", description = "CDS Hooks 2.0: discovery, services, feedback, evidence pages, feedback rates"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        // CDS Hooks 2.0 "Trusting CDS Clients": a JWT signed by the client (ES384 or RS384),
        // `aud` the URL of the endpoint called.
        components.add_security_scheme(
            "cds_client_jwt",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "CDS Hooks client JWT (ES384 or RS384) from an issuer of the site's [cds] table",
                    ))
                    .build(),
            ),
        );
    }
}

/// `GET /openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
