//! The storage suite, run twice: on SQLite and on a real PostgreSQL cluster the test starts
//! itself (see `neuronutri_storage::testing`). Every check runs on a fresh, empty database of
//! each engine, so both engines are held to the same behaviour by the same code.

use chrono::{DateTime, Duration, Utc};
use neuronutri_storage::bundle::Facts;
use neuronutri_storage::testing::TempPostgres;
use neuronutri_storage::*;
use std::future::Future;
use std::pin::Pin;

fn t(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    t("2026-06-01T12:00:00Z")
}

/// A one-patient bundle with magnesium results at the given dates (mmol/L) and one
/// diagnosis and one medication statement.
fn bundle(patient: &str, family: &str, mg: &[(&str, f64)]) -> String {
    let mut entries = vec![format!(
        r#"{{"fullUrl":"urn:uuid:{patient}","resource":{{"resourceType":"Patient","id":"{patient}",
        "name":[{{"family":"{family}","given":["Anna","Maria"]}}],"gender":"female","birthDate":"1961-03-04"}}}}"#
    )];
    for (i, (date, value)) in mg.iter().enumerate() {
        entries.push(format!(
            r#"{{"resource":{{"resourceType":"Observation","id":"{patient}-mg-{i}","status":"final",
            "code":{{"coding":[{{"system":"http://loinc.org","code":"19123-9"}}]}},
            "subject":{{"reference":"Patient/{patient}"}},
            "effectiveDateTime":"{date}","valueQuantity":{{"value":{value},"unit":"mmol/L"}}}}}}"#
        ));
    }
    entries.push(format!(
        r#"{{"resource":{{"resourceType":"Condition","id":"{patient}-htn",
        "clinicalStatus":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}}]}},
        "code":{{"coding":[{{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10","display":"Essential hypertension"}}]}},
        "subject":{{"reference":"Patient/{patient}"}},"onsetDateTime":"2019-01-01"}}}}"#
    ));
    entries.push(format!(
        r#"{{"resource":{{"resourceType":"MedicationStatement","id":"{patient}-ppi","status":"active",
        "medicationCodeableConcept":{{"coding":[{{"system":"http://www.whocc.no/atc","code":"A02BC01","display":"omeprazole"}}]}},
        "subject":{{"reference":"Patient/{patient}"}},"effectivePeriod":{{"start":"2024-01-01"}}}}}}"#
    ));
    format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#,
        entries.join(",")
    )
}

fn prepared(json: &str) -> PreparedBundle {
    prepare_bundle(json, now()).unwrap_or_else(|e| panic!("{e}"))
}

type Check = for<'a> fn(&'a Store) -> Pin<Box<dyn Future<Output = ()> + 'a>>;

macro_rules! checks {
    ($($name:ident),* $(,)?) => {
        const CHECKS: &[(&str, Check)] = &[$((stringify!($name), |s| Box::pin($name(s)))),*];
    };
}

checks!(
    import_stores_everything,
    reimport_never_duplicates,
    reimport_with_changes_updates_in_place,
    failed_import_stores_nothing,
    concurrent_imports_all_land,
    concurrent_reimports_of_one_patient_do_not_duplicate,
    patient_search_and_paging,
    observation_series_and_fhir_search,
    patient_bundle_reads_back_as_the_same_record,
    assessments_keep_versions,
    per_request_writes_store_their_rows_with_their_audit_entry,
    users_and_lockout,
    tokens_expire_and_revoke,
    sessions_expire_and_revoke,
    audit_log_is_append_only,
    studies_keep_bytes,
);

async fn import_stores_everything(store: &Store) {
    let b = prepared(&bundle(
        "p1",
        "Ivanova",
        &[
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-03-10T08:00:00Z", 0.70),
        ],
    ));
    let outcome = store
        .import_bundle("urn:test:ehr", &b, "tester", now())
        .await
        .unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (5, 0, 0)
    );
    assert_eq!(store.counts().await.unwrap(), (1, 5, 1));
    let patient = store.patient(outcome.patient_id).await.unwrap().unwrap();
    assert_eq!(patient.source_system, "urn:test:ehr");
    assert_eq!(patient.source_id, "p1");
    assert_eq!(patient.family.as_deref(), Some("Ivanova"));
    assert_eq!(patient.given.as_deref(), Some("Anna Maria"));
    assert_eq!(patient.birth_date.as_deref(), Some("1961-03-04"));
    assert_eq!(patient.gender.as_deref(), Some("female"));
    let conditions = store.patient_conditions(patient.id).await.unwrap();
    assert_eq!(conditions.len(), 1);
    assert_eq!(conditions[0].code.as_deref(), Some("I10"));
    assert_eq!(conditions[0].clinical_status.as_deref(), Some("active"));
    let medications = store.patient_medications(patient.id).await.unwrap();
    assert_eq!(medications.len(), 1);
    assert_eq!(medications[0].kind, "statement");
    assert_eq!(medications[0].code.as_deref(), Some("A02BC01"));
    assert_eq!(medications[0].effective.as_deref(), Some("2024-01-01"));
    assert_eq!(store.import_size(outcome.import_id).await.unwrap(), Some(5));
    assert_eq!(
        store.import_size(outcome.import_id + 1).await.unwrap(),
        None
    );
}

async fn reimport_never_duplicates(store: &Store) {
    let json = bundle("p1", "Ivanova", &[("2026-01-10T08:00:00Z", 0.62)]);
    let first = store
        .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
        .await
        .unwrap();
    let second = store
        .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
        .await
        .unwrap();
    assert_eq!(first.patient_id, second.patient_id);
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, 4)
    );
    assert_eq!(store.counts().await.unwrap(), (1, 4, 2));
    // The same ids from another source system are other resources.
    let other = store
        .import_bundle("urn:test:other-ehr", &prepared(&json), "tester", now())
        .await
        .unwrap();
    assert_ne!(other.patient_id, first.patient_id);
    assert_eq!(store.counts().await.unwrap(), (2, 8, 3));
}

async fn reimport_with_changes_updates_in_place(store: &Store) {
    let before = bundle("p1", "Ivanova", &[("2026-01-10T08:00:00Z", 0.62)]);
    let after = bundle(
        "p1",
        "Ivanova-Petrova",
        &[
            ("2026-01-10T08:00:00Z", 0.64),
            ("2026-02-10T08:00:00Z", 0.81),
        ],
    );
    let first = store
        .import_bundle("urn:test:ehr", &prepared(&before), "tester", now())
        .await
        .unwrap();
    let later = now() + Duration::hours(1);
    let second = store
        .import_bundle("urn:test:ehr", &prepared(&after), "tester", later)
        .await
        .unwrap();
    // Patient and first result changed, one result is new, diagnosis and drug unchanged.
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (1, 2, 2)
    );
    let series = store
        .observation_series(first.patient_id, Some("serum_magnesium"), None)
        .await
        .unwrap();
    let values: Vec<f64> = series.iter().map(|p| p.value.unwrap()).collect();
    assert_eq!(values, vec![0.64, 0.81]);
    let patient = store.patient(first.patient_id).await.unwrap().unwrap();
    assert_eq!(patient.family.as_deref(), Some("Ivanova-Petrova"));
    assert_eq!(patient.updated_at, later);
    assert_eq!(
        store.patient_data_as_of(first.patient_id).await.unwrap(),
        Some(later)
    );
}

async fn failed_import_stores_nothing(store: &Store) {
    let mut b = prepared(&bundle(
        "p1",
        "Ivanova",
        &[
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-02-10T08:00:00Z", 0.7),
        ],
    ));
    // The last resource breaks a constraint after the others were written.
    let last = b.resources.last_mut().unwrap();
    last.facts = Facts::Medication {
        kind: "not-a-kind",
        code: None,
        display: None,
        status: None,
        effective: None,
    };
    let error = store
        .import_bundle("urn:test:ehr", &b, "tester", now())
        .await
        .unwrap_err();
    assert!(matches!(error, StorageError::Database(_)), "{error}");
    assert_eq!(store.counts().await.unwrap(), (0, 0, 0));
    // And a failed re-import leaves the earlier version whole.
    let good = prepared(&bundle("p1", "Ivanova", &[("2026-01-10T08:00:00Z", 0.62)]));
    let outcome = store
        .import_bundle("urn:test:ehr", &good, "tester", now())
        .await
        .unwrap();
    let mut bad = prepared(&bundle("p1", "Changed", &[("2026-01-10T08:00:00Z", 0.99)]));
    bad.resources.last_mut().unwrap().facts = Facts::Medication {
        kind: "not-a-kind",
        code: None,
        display: None,
        status: None,
        effective: None,
    };
    // Make the medication "changed" so the bad row is written.
    bad.resources.last_mut().unwrap().body.push(' ');
    assert!(store
        .import_bundle("urn:test:ehr", &bad, "tester", now())
        .await
        .is_err());
    let patient = store.patient(outcome.patient_id).await.unwrap().unwrap();
    assert_eq!(patient.family.as_deref(), Some("Ivanova"));
    let series = store
        .observation_series(outcome.patient_id, Some("serum_magnesium"), None)
        .await
        .unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].value, Some(0.62));
    assert_eq!(store.counts().await.unwrap(), (1, 4, 1));
}

async fn concurrent_imports_all_land(store: &Store) {
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let json = bundle(
                &format!("c{i}"),
                "Concurrent",
                &[("2026-01-10T08:00:00Z", 0.7), ("2026-02-10T08:00:00Z", 0.8)],
            );
            store
                .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
                .await
                .unwrap()
        }));
    }
    for task in tasks {
        let outcome = task.await.unwrap();
        assert_eq!(outcome.created, 5);
    }
    assert_eq!(store.counts().await.unwrap(), (24, 120, 24));
}

async fn concurrent_reimports_of_one_patient_do_not_duplicate(store: &Store) {
    let json = bundle("same", "Same", &[("2026-01-10T08:00:00Z", 0.7)]);
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let store = store.clone();
        let json = json.clone();
        tasks.push(tokio::spawn(async move {
            store
                .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
                .await
                .unwrap()
        }));
    }
    let mut created = 0;
    for task in tasks {
        created += task.await.unwrap().created;
    }
    assert_eq!(created, 4, "each resource created exactly once");
    assert_eq!(store.counts().await.unwrap(), (1, 4, 12));
}

async fn patient_search_and_paging(store: &Store) {
    for (id, family) in [
        ("a", "Ivanova"),
        ("b", "Petrov"),
        ("c", "IVANOV"),
        ("d", "50%_off"),
    ] {
        store
            .import_bundle(
                "urn:test:ehr",
                &prepared(&bundle(id, family, &[])),
                "tester",
                now(),
            )
            .await
            .unwrap();
    }
    let all = store
        .search_patients(&PatientQuery {
            limit: 2,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(all.items.len(), 2);
    let second_page = store
        .search_patients(&PatientQuery {
            limit: 2,
            offset: 2,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(second_page.items.len(), 2);
    assert!(second_page.items[0].id > all.items[1].id);
    let ivan = store
        .search_patients(&PatientQuery {
            name: Some("ivan".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut found: Vec<_> = ivan.items.iter().map(|p| p.source_id.as_str()).collect();
    found.sort();
    assert_eq!(found, vec!["a", "c"]);
    // LIKE wildcards in the query are literal characters.
    let literal = store
        .search_patients(&PatientQuery {
            name: Some("%_".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(literal.total, 1);
    assert_eq!(literal.items[0].source_id, "d");
    let by_given = store
        .search_patients(&PatientQuery {
            name: Some("MARIA".into()),
            birth_date: Some("1961-03-04".into()),
            gender: Some("female".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_given.total, 4);
    let none = store
        .search_patients(&PatientQuery {
            gender: Some("male".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((none.total, none.items.len()), (0, 0));
    let by_source = store
        .search_patients(&PatientQuery {
            source_id: Some("b".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_source.items[0].family.as_deref(), Some("Petrov"));
}

async fn observation_series_and_fhir_search(store: &Store) {
    let json = bundle(
        "p1",
        "Ivanova",
        &[
            ("2026-03-10T08:00:00Z", 0.70),
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-05-10T08:00:00Z", 0.81),
        ],
    );
    let outcome = store
        .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
        .await
        .unwrap();
    let other = store
        .import_bundle(
            "urn:test:ehr",
            &prepared(&bundle("p2", "Other", &[("2026-02-01T08:00:00Z", 0.9)])),
            "tester",
            now(),
        )
        .await
        .unwrap();
    let pid = outcome.patient_id;
    let series = store
        .observation_series(pid, Some("serum_magnesium"), None)
        .await
        .unwrap();
    let dates: Vec<String> = series
        .iter()
        .map(|p| p.effective_at.unwrap().format("%Y-%m").to_string())
        .collect();
    assert_eq!(dates, vec!["2026-01", "2026-03", "2026-05"]);
    assert_eq!(series[0].canonical_unit.as_deref(), Some("mmol/L"));
    assert_eq!(series[0].canonical_value, Some(0.62));
    let by_loinc = store
        .observation_series(pid, None, Some("19123-9"))
        .await
        .unwrap();
    assert_eq!(by_loinc, series);
    assert!(store
        .observation_series(pid, Some("vitamin_b12"), None)
        .await
        .unwrap()
        .is_empty());

    let search =
        |query: ResourceQuery| async move { store.search_resources(&query).await.unwrap() };
    let all_obs = search(ResourceQuery {
        resource_type: "Observation".into(),
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(all_obs.total, 4);
    let mine = search(ResourceQuery {
        resource_type: "Observation".into(),
        patient_id: Some(pid),
        codes: vec![vec![(Some("http://loinc.org".into()), "19123-9".into())]],
        limit: 2,
        ..Default::default()
    })
    .await;
    assert_eq!((mine.total, mine.items.len()), (3, 2));
    assert!(mine.items.iter().all(|r| r.patient_id == pid));
    let wrong_system = search(ResourceQuery {
        resource_type: "Observation".into(),
        codes: vec![vec![(
            Some("http://snomed.info/sct".into()),
            "19123-9".into(),
        )]],
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(wrong_system.total, 0);
    let spring = search(ResourceQuery {
        resource_type: "Observation".into(),
        patient_id: Some(pid),
        date_from: Some(t("2026-02-01T00:00:00Z")),
        date_to: Some(t("2026-05-01T00:00:00Z")),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(spring.total, 1);
    assert!(spring.items[0].body.contains("2026-03-10"));
    let conditions = search(ResourceQuery {
        resource_type: "Condition".into(),
        patient_id: Some(other.patient_id),
        codes: vec![vec![(None, "I10".into())]],
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(conditions.total, 1);
    let read = store
        .resource_by_source_id("Condition", "p2-htn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.patient_id, other.patient_id);
    let body: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(body["code"]["coding"][0]["code"], "I10");
    assert!(store
        .resource_by_source_id("Condition", "nope")
        .await
        .unwrap()
        .is_none());
}

async fn patient_bundle_reads_back_as_the_same_record(store: &Store) {
    let json = bundle(
        "p1",
        "Ivanova",
        &[
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-03-10T08:00:00Z", 0.70),
        ],
    );
    let outcome = store
        .import_bundle("urn:test:ehr", &prepared(&json), "tester", now())
        .await
        .unwrap();
    let stored = store.patient_bundle(outcome.patient_id).await.unwrap();
    let original = neuronutri_model::parse_bundle(&json, now()).unwrap();
    let again = neuronutri_model::parse_bundle(&stored, now()).unwrap();
    assert_eq!(again, original);
}

/// The writes each request makes (SQLite: group commit; PostgreSQL: one statement each, or
/// a transaction for a call with more cards than one statement takes) store their rows and
/// their audit entry together.
async fn per_request_writes_store_their_rows_with_their_audit_entry(store: &Store) {
    let outcome = store
        .import_bundle(
            "urn:test:ehr",
            &prepared(&bundle("p-writes", "Petrova", &[])),
            "tester",
            now(),
        )
        .await
        .unwrap();
    let patient = outcome.patient_id;
    let codes = vec!["MG.LOW".to_string()];
    let entry = |action: &'static str, target: &'static str| NewAuditEntry {
        at: now(),
        actor_user_id: None,
        actor: "writes-test",
        interface: "api",
        action,
        patient_id: Some(patient),
        target,
        outcome: "ok",
    };
    let id = store
        .insert_assessment_audited(
            &NewAssessment {
                patient_id: patient,
                at: now(),
                created_at: now(),
                engine_version: "0.1.0",
                knowledge_version: "sha256:cccc",
                lang: "en",
                codes: &codes,
                data_as_of: None,
                result: r#"{"items":[]}"#,
                actor: "writes-test",
            },
            &entry("assess", "/api/patients/x/assessments"),
        )
        .await
        .unwrap();
    let stored = store.assessment(id).await.unwrap().unwrap();
    assert_eq!(stored.knowledge_version, "sha256:cccc");
    assert_eq!(stored.codes, codes);
    // Cards: none, a few, and more than one INSERT takes (32).
    for (count, target) in [(0, "cds none"), (3, "cds three"), (40, "cds forty")] {
        let uuids: Vec<String> = (0..count).map(|n| format!("card-{count}-{n:02}")).collect();
        let cards: Vec<IssuedCard> = uuids
            .iter()
            .map(|uuid| IssuedCard {
                uuid: uuid.as_str(),
                code: if count == 3 { "MG.LOW" } else { "B12.LOW" },
            })
            .collect();
        let service = format!("svc-{count}");
        store
            .record_cds_call(
                &service,
                "https://ehr.test",
                now(),
                &cards,
                &entry("cds-call", target),
                None,
            )
            .await
            .unwrap();
        for card in &cards {
            assert_eq!(
                store
                    .cds_card_code(&service, card.uuid)
                    .await
                    .unwrap()
                    .as_deref(),
                Some(card.code)
            );
        }
    }
    let entries = store
        .audit_entries(&AuditQuery {
            patient_id: Some(patient),
            after_id: 0,
            limit: 100,
        })
        .await
        .unwrap();
    let targets: Vec<&str> = entries
        .iter()
        .filter(|e| e.actor == "writes-test")
        .map(|e| e.target.as_str())
        .collect();
    assert_eq!(
        targets,
        [
            "/api/patients/x/assessments",
            "cds none",
            "cds three",
            "cds forty"
        ]
    );
    // A call whose JWT id is remembered in the same write: the first is written; a second
    // with the same id writes no card, only the refusal, and answers false; the id is then
    // known to `remember_jti` too.
    let claim = JtiClaim {
        iss: "https://ehr.test",
        jti: "jti-in-the-call",
        expires_at: now() + Duration::minutes(5),
    };
    for (uuid, expected) in [("card-claimed-1", true), ("card-claimed-2", false)] {
        let cards = [IssuedCard {
            uuid,
            code: "MG.LOW",
        }];
        let written = store
            .record_cds_call(
                "svc-claimed",
                claim.iss,
                now(),
                &cards,
                &entry("cds-call", uuid),
                Some(claim),
            )
            .await
            .unwrap();
        assert_eq!(written, expected, "{uuid}");
        let stored = store.cds_card_code("svc-claimed", uuid).await.unwrap();
        assert_eq!(stored.is_some(), expected, "{uuid}");
    }
    assert!(!store
        .remember_jti(claim.iss, claim.jti, claim.expires_at, now())
        .await
        .unwrap());
    let entries = store
        .audit_entries(&AuditQuery {
            patient_id: Some(patient),
            after_id: 0,
            limit: 100,
        })
        .await
        .unwrap();
    let claimed: Vec<(&str, &str, &str)> = entries
        .iter()
        .filter(|e| e.target.starts_with("card-claimed"))
        .map(|e| (e.action.as_str(), e.target.as_str(), e.outcome.as_str()))
        .collect();
    assert_eq!(
        claimed,
        [
            ("cds-call", "card-claimed-1", "ok"),
            ("cds-auth", "card-claimed-2", "denied")
        ]
    );
}

async fn assessments_keep_versions(store: &Store) {
    let outcome = store
        .import_bundle(
            "urn:test:ehr",
            &prepared(&bundle("p1", "Ivanova", &[])),
            "tester",
            now(),
        )
        .await
        .unwrap();
    assert!(store
        .latest_assessment(outcome.patient_id)
        .await
        .unwrap()
        .is_none());
    let codes = vec!["MG.LOW".to_string(), "SAFETY.MG_RENAL".to_string()];
    let first = store
        .insert_assessment(&NewAssessment {
            patient_id: outcome.patient_id,
            at: t("2026-05-01T00:00:00Z"),
            created_at: now(),
            engine_version: "0.1.0",
            knowledge_version: "sha256:aaaa",
            lang: "en",
            codes: &codes,
            data_as_of: Some(now()),
            result: r#"{"items":[1,2]}"#,
            actor: "dr-house",
        })
        .await
        .unwrap();
    let second = store
        .insert_assessment(&NewAssessment {
            patient_id: outcome.patient_id,
            at: now(),
            created_at: now(),
            engine_version: "0.1.0",
            knowledge_version: "sha256:bbbb",
            lang: "ru",
            codes: &codes[..1],
            data_as_of: None,
            result: "{}",
            actor: "dr-house",
        })
        .await
        .unwrap();
    assert!(second > first);
    let latest = store
        .latest_assessment(outcome.patient_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.id, second);
    assert_eq!(latest.knowledge_version, "sha256:bbbb");
    assert_eq!(latest.codes, vec!["MG.LOW"]);
    assert_eq!(latest.data_as_of, None);
    let stored = store.assessment(first).await.unwrap().unwrap();
    assert_eq!(stored.at, t("2026-05-01T00:00:00Z"));
    assert_eq!(stored.engine_version, "0.1.0");
    assert_eq!(stored.codes, codes);
    assert_eq!(stored.result["items"][1], 2);
    assert_eq!(stored.lang, "en");
    assert_eq!(
        store
            .patient_assessments(outcome.patient_id)
            .await
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        vec![second, first]
    );
}

async fn users_and_lockout(store: &Store) {
    let user = store
        .create_user(
            &NewUser {
                username: "dr-house",
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                role: Role::Clinician,
            },
            now(),
        )
        .await
        .unwrap();
    let again = store
        .create_user(
            &NewUser {
                username: "dr-house",
                password_hash: "x",
                role: Role::Admin,
            },
            now(),
        )
        .await
        .unwrap_err();
    assert!(matches!(again, StorageError::Conflict(_)), "{again}");
    let read = store.user_by_name("dr-house").await.unwrap().unwrap();
    assert_eq!(read, user);
    assert_eq!(read.role, Role::Clinician);
    let until = now() + Duration::minutes(15);
    for failures in 1..=4 {
        let state = store
            .record_login_failure(user.id, 5, until)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(state.failed_logins, failures);
        assert_eq!(state.locked_until, None);
    }
    let locked = store
        .record_login_failure(user.id, 5, until)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(locked.locked_until, Some(until));
    store.record_login_success(user.id).await.unwrap();
    let cleared = store.user(user.id).await.unwrap().unwrap();
    assert_eq!((cleared.failed_logins, cleared.locked_until), (0, None));
    store.record_login_failure(user.id, 1, until).await.unwrap();
    assert!(store.set_password(user.id, "new-hash").await.unwrap());
    let reset = store.user(user.id).await.unwrap().unwrap();
    assert_eq!(reset.password_hash, "new-hash");
    assert_eq!((reset.failed_logins, reset.locked_until), (0, None));
    let cleared = store.user(user.id).await.unwrap().unwrap();
    assert_eq!((cleared.failed_logins, cleared.locked_until), (0, None));
    assert!(store.set_user_disabled(user.id, true).await.unwrap());
    assert!(store.user(user.id).await.unwrap().unwrap().disabled);
    assert!(!store.set_user_disabled(user.id + 100, true).await.unwrap());
    assert_eq!(store.users().await.unwrap().len(), 1);
}

async fn tokens_expire_and_revoke(store: &Store) {
    let user = store
        .create_user(
            &NewUser {
                username: "analyst",
                password_hash: "h",
                role: Role::Researcher,
            },
            now(),
        )
        .await
        .unwrap();
    let token = store
        .create_token(
            user.id,
            "hash-1",
            Role::Researcher,
            "notebook",
            now(),
            now() + Duration::days(30),
        )
        .await
        .unwrap();
    let principal = store
        .principal_for_token("hash-1", now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(principal.username, "analyst");
    assert_eq!(principal.role, Role::Researcher);
    assert!(store
        .principal_for_token("hash-2", now())
        .await
        .unwrap()
        .is_none());
    // Expired at the instant of expiry.
    assert!(store
        .principal_for_token("hash-1", now() + Duration::days(30))
        .await
        .unwrap()
        .is_none());
    assert!(store.revoke_token(token.id, now()).await.unwrap());
    assert!(!store.revoke_token(token.id, now()).await.unwrap());
    assert!(store
        .principal_for_token("hash-1", now())
        .await
        .unwrap()
        .is_none());
    let listed = store.tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].revoked_at, Some(now()));
    // A disabled user's tokens stop working.
    store
        .create_token(
            user.id,
            "hash-3",
            Role::Researcher,
            "x",
            now(),
            now() + Duration::days(1),
        )
        .await
        .unwrap();
    assert!(store
        .principal_for_token("hash-3", now())
        .await
        .unwrap()
        .is_some());
    store.set_user_disabled(user.id, true).await.unwrap();
    assert!(store
        .principal_for_token("hash-3", now())
        .await
        .unwrap()
        .is_none());
}

async fn sessions_expire_and_revoke(store: &Store) {
    let user = store
        .create_user(
            &NewUser {
                username: "admin",
                password_hash: "h",
                role: Role::Admin,
            },
            now(),
        )
        .await
        .unwrap();
    store
        .create_session("s-1", user.id, "csrf-1", now(), now() + Duration::hours(8))
        .await
        .unwrap();
    let (session, principal) = store.session("s-1", now()).await.unwrap().unwrap();
    assert_eq!(session.csrf_token, "csrf-1");
    assert_eq!(principal.role, Role::Admin);
    assert!(store
        .session("s-1", now() + Duration::hours(8))
        .await
        .unwrap()
        .is_none());
    assert!(store.revoke_session("s-1", now()).await.unwrap());
    assert!(store.session("s-1", now()).await.unwrap().is_none());
}

async fn audit_log_is_append_only(store: &Store) {
    let first = store
        .audit(&NewAuditEntry {
            at: now(),
            actor_user_id: Some(1),
            actor: "dr-house",
            interface: "api",
            action: "read",
            patient_id: Some(7),
            target: "/api/patients/7",
            outcome: "ok",
        })
        .await
        .unwrap();
    store
        .audit(&NewAuditEntry {
            at: now(),
            actor_user_id: None,
            actor: "anonymous",
            interface: "fhir",
            action: "search",
            patient_id: None,
            target: "/fhir/Patient",
            outcome: "denied",
        })
        .await
        .unwrap();
    let error = store.try_tamper_with_audit(first).await.unwrap_err();
    assert!(error.to_string().contains("append-only"), "{error}");
    let entries = store.audit_entries(&AuditQuery::default()).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].actor, "dr-house");
    assert_eq!(entries[0].at, now());
    let about_seven = store
        .audit_entries(&AuditQuery {
            patient_id: Some(7),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(about_seven.len(), 1);
    assert_eq!(about_seven[0].target, "/api/patients/7");
    let after = store
        .audit_entries(&AuditQuery {
            after_id: first,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].outcome, "denied");
}

async fn studies_keep_bytes(store: &Store) {
    let data: Vec<u8> = (0..=255).collect();
    let id = store
        .create_study(
            "HFS",
            "[study]\nname = \"HFS\"\n",
            "cohort.csv",
            &data,
            &[StudyFile {
                name: "report.json".into(),
                media_type: "application/json".into(),
                content: b"{}".to_vec(),
            }],
            "analyst",
            now(),
        )
        .await
        .unwrap();
    let study = store.study(id).await.unwrap().unwrap();
    assert_eq!(study.data, data);
    assert_eq!(study.summary.name, "HFS");
    assert_eq!(
        store.study_file_names(id).await.unwrap(),
        vec![("report.json".to_string(), "application/json".to_string())]
    );
    assert_eq!(
        store
            .study_file(id, "report.json")
            .await
            .unwrap()
            .unwrap()
            .content,
        b"{}"
    );
    assert!(store.study_file(id, "nope").await.unwrap().is_none());
    assert_eq!(store.studies().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suite_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("neuronutri-storage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (name, check)) in CHECKS.iter().enumerate() {
        let path = dir.join(format!("{i}.db"));
        let url = format!("sqlite://{}", path.display());
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(store.engine(), Engine::Sqlite);
        eprintln!("sqlite: {name}");
        check(&store).await;
        store.close().await;
        // Migrations are applied once: connecting again finds the schema in place.
        let again = Store::connect(&url).await.unwrap();
        again.ping().await.unwrap();
        again.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suite_on_postgres() {
    let cluster = match TempPostgres::start() {
        Ok(Some(cluster)) => cluster,
        Ok(None) => {
            eprintln!(
                "SKIPPED suite_on_postgres: PostgreSQL is not installed (install the Debian \
                 package `postgresql`; under CI=true this is a failure)"
            );
            return;
        }
        Err(e) => panic!("{e}"),
    };
    for (i, (name, check)) in CHECKS.iter().enumerate() {
        let url = cluster.create_database(&format!("check{i}")).await.unwrap();
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(store.engine(), Engine::Postgres);
        eprintln!("postgres: {name}");
        check(&store).await;
        store.close().await;
        let again = Store::connect(&url).await.unwrap();
        again.ping().await.unwrap();
        again.close().await;
    }
}

#[tokio::test]
async fn unsupported_url_is_a_clear_error() {
    let error = Store::connect("mysql://localhost/x").await.unwrap_err();
    assert!(error.to_string().contains("sqlite://"), "{error}");
}
