//! The demo data: it loads, reloads without duplicating, signs its accounts in, and its
//! patients between them raise codes from every section of KNOWLEDGE.md's output codes.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::Utc;
use http_body_util::BodyExt;
use neuronutri_knowledge::Knowledge;
use neuronutri_server::{app, demo, AppState};
use neuronutri_storage::Store;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use tower::ServiceExt;

async fn call(
    router: &axum::Router,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<String>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = request
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.unwrap_or_default()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_covers_every_section_and_reloads_in_place() {
    let dir = std::env::temp_dir().join(format!("neuronutri-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::connect(&format!("sqlite://{}/demo.db", dir.display()))
        .await
        .unwrap();
    let state = AppState::new(store.clone(), Knowledge::builtin().unwrap()).unwrap();
    let now = Utc::now();
    let first = demo::load(&state, now).await.unwrap();
    assert!(first.patients >= 10);
    assert_eq!(first.accounts.len(), 3);
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.0, first.patients as i64);
    // Reloading stores nothing new and gives fresh passwords.
    let second = demo::load(&state, now).await.unwrap();
    assert_eq!(second.created, 0);
    assert_eq!(store.counts().await.unwrap().1, counts.1);
    assert_eq!(second.study_id, first.study_id);
    assert_ne!(second.accounts[0].2, first.accounts[0].2);

    let router = app(state);
    let (status, session) = call(
        &router,
        Method::POST,
        "/api/session",
        None,
        Some(json!({"username": "demo-clinician", "password": second.accounts[0].2}).to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let (status, _) = call(
        &router,
        Method::POST,
        "/api/session",
        None,
        Some(json!({"username": "demo-clinician", "password": first.accounts[0].2}).to_string()),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the old password no longer works"
    );

    // Assess every demo patient through the API with a clinician token.
    let user = store.user_by_name("demo-clinician").await.unwrap().unwrap();
    let token = neuronutri_server::auth::new_secret("nn_").unwrap();
    store
        .create_token(
            user.id,
            &neuronutri_server::auth::secret_hash(&token),
            neuronutri_storage::Role::Clinician,
            "test",
            Utc::now(),
            Utc::now() + chrono::Duration::days(1),
        )
        .await
        .unwrap();
    let (_, patients) = call(
        &router,
        Method::GET,
        "/api/patients?count=100",
        Some(&token),
        None,
    )
    .await;
    let mut codes = BTreeSet::new();
    for patient in patients["items"].as_array().unwrap() {
        let id = patient["id"].as_i64().unwrap();
        for analyte in ["serum_magnesium", "vitamin_b12", "creatinine"] {
            let (status, series) = call(
                &router,
                Method::GET,
                &format!("/api/patients/{id}/observations?analyte={analyte}"),
                Some(&token),
                None,
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                series.as_array().unwrap().len() >= 3,
                "{} {analyte}: {series}",
                patient["source_id"]
            );
        }
        let (status, assessed) = call(
            &router,
            Method::POST,
            &format!("/api/patients/{id}/assessments"),
            Some(&token),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{assessed}");
        let these: Vec<String> =
            serde_json::from_value(assessed["assessment"]["codes"].clone()).unwrap();
        eprintln!("{}: {these:?}", patient["source_id"]);
        codes.extend(these);
    }
    // Each section of KNOWLEDGE.md's output codes (listed in full here) is shown by at
    // least two of its codes across the demo patients.
    let sections: &[(&str, &[&str])] = &[
        (
            "Magnesium",
            &[
                "MG.LOW",
                "MG.BELOW_OPTIMAL",
                "MG.SEED_RISK_THRESHOLD",
                "MG.SEVERE",
                "MG.SEVERE_ESCALATE",
                "MG.ACUTE_STROKE_CRITICAL",
                "MG.HIGH",
                "MG.TOXIC",
                "OBSTETRIC.MG_THERAPY",
                "MG.NOT_MEASURED",
            ],
        ),
        (
            "Vitamin B12",
            &[
                "B12.DEFICIENT",
                "B12.INDETERMINATE",
                "B12.METABOLIC_DEFICIENCY",
                "HOLOTC.LOW",
                "B12.TREAT_NEURO",
                "B12.TREAT",
                "B12.ON_TREATMENT",
            ],
        ),
        (
            "Hemifacial spasm",
            &[
                "HFS.B12_NOT_MEASURED",
                "HFS.B12_BELOW_STUDY_CONTROLS",
                "HFS.SEVERITY_MODEL",
                "HFS.COBALAMIN_OPTION",
                "CORTISOL.HIGH",
                "CORTISOL.NOT_MORNING",
                "BDI.SEVERITY",
                "BDI.REFER",
                "DATA.DOPAMINE_IMPLAUSIBLE",
            ],
        ),
        (
            "Stroke and cerebrovascular disease",
            &[
                "STROKE.TIME_SINCE_ONSET",
                "STROKE.ONSET_UNKNOWN",
                "STROKE.MG_NEUROPROTECTION",
                "MG.REPLETE",
                "POSTSTROKE.MG_OROTATE_SCHEDULE",
                "CVD.MG_RISK",
                "ATHERO.MG_LOW",
                "TBI.MG_CLAIM",
                "ASPIRIN.MG_CLAIM",
            ],
        ),
        (
            "Intake, pain, side effects",
            &["DIET.MG_INTAKE", "PAIN.MG_ADJUNCT", "MG.GI_EFFECTS"],
        ),
        (
            "Safety and interactions",
            &[
                "SAFETY.MG_RENAL",
                "SAFETY.MG_IV_CONTRA",
                "SAFETY.MG_IV_CAUTION",
                "SAFETY.PREGNANCY",
                "SAFETY.MG_OROTATE_CONTRA",
                "SAFETY.MG_ABOVE_UL",
                "INTERACTION.MG_SPACING",
                "INTERACTION.QT_FLUOROQUINOLONE",
                "INTERACTION.DIGOXIN_MG",
                "DRUG.PPI_MG",
                "DRUG.DIURETIC_MG",
                "DRUG.METFORMIN_B12",
                "DRUG.PPI_B12",
                "DATA.STALE",
                "DATA.IGNORED",
                "DATA.IMPLAUSIBLE",
                "PATIENT.DECEASED",
            ],
        ),
    ];
    for (section, listed) in sections {
        let shown: Vec<&&str> = listed.iter().filter(|c| codes.contains(**c)).collect();
        assert!(
            shown.len() >= 2,
            "{section}: only {shown:?} of {listed:?} raised\nall: {codes:?}"
        );
    }
    // The demo study is there for researchers.
    let study = store.study(first.study_id).await.unwrap().unwrap();
    assert!(study.summary.name.contains("hemifacial spasm"));
    let _ = std::fs::remove_dir_all(&dir);
}
