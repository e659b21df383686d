//! Demo data for `neuronutri serve --demo`: twelve invented patients that between them touch
//! every section of KNOWLEDGE.md's output codes (magnesium, vitamin B12, hemifacial spasm,
//! stroke and cerebrovascular disease, intake and pain, safety and interactions), each with
//! a history of magnesium, B12 and creatinine results over months; the demo hemifacial
//! spasm cohort with its protocol as a study; and one account per role with a fresh random
//! password.
//!
//! Every date is relative to the start instant, so the demo looks the same whenever it is
//! started (recent results are recent). Re-loading is idempotent: the bundles are imported
//! from the source `urn:neuronutri:demo`, so they update in place. No patient is real.

use crate::auth;
use crate::error::AppError;
use crate::research::run_study;
use crate::AppState;
use chrono::{DateTime, Duration, Utc};
use neuronutri_storage::{prepare_bundle, NewAuditEntry, NewUser, Role};
use serde_json::{json, Value};

/// The source system demo bundles are imported from.
pub const DEMO_SOURCE: &str = "urn:neuronutri:demo";
const ICD10: &str = "http://hl7.org/fhir/sid/icd-10";
const ATC: &str = "http://www.whocc.no/atc";
const LOINC: &str = "http://loinc.org";
const LOCAL: &str = "urn:neuronutri:local";

const HFS_PROTOCOL: &str = include_str!("../../../examples/hfs-study/protocol.toml");
const HFS_COHORT: &str = include_str!("../../../examples/hfs-study/cohort.csv");

/// One demo patient's bundle under construction.
struct Demo {
    id: &'static str,
    now: DateTime<Utc>,
    entries: Vec<Value>,
    next: usize,
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Demo {
    fn new(
        id: &'static str,
        now: DateTime<Utc>,
        family: &str,
        given: &str,
        gender: &str,
        birth: &str,
    ) -> Demo {
        let patient = json!({
            "fullUrl": format!("urn:uuid:demo-{id}"),
            "resource": {
                "resourceType": "Patient", "id": format!("demo-{id}"),
                "name": [{"family": family, "given": [given]}],
                "gender": gender, "birthDate": birth
            }
        });
        Demo {
            id,
            now,
            entries: vec![patient],
            next: 0,
        }
    }

    fn rid(&mut self, kind: &str) -> String {
        self.next += 1;
        format!("demo-{}-{kind}-{}", self.id, self.next)
    }

    fn subject(&self) -> Value {
        json!({"reference": format!("Patient/demo-{}", self.id)})
    }

    /// A result `days_ago` days before now (fractions allowed), as a lab reports it.
    fn lab(mut self, system: &str, code: &str, value: f64, unit: &str, days_ago: f64) -> Demo {
        let at = self.now - Duration::minutes((days_ago * 1440.0).round() as i64);
        let id = self.rid("obs");
        let subject = self.subject();
        self.entries.push(json!({"resource": {
            "resourceType": "Observation", "id": id, "status": "final",
            "code": {"coding": [{"system": system, "code": code}]},
            "subject": subject, "effectiveDateTime": iso(at),
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}
        }}));
        self
    }

    /// Serum magnesium (mmol/L) at each (days ago, value).
    fn mg(self, series: &[(f64, f64)]) -> Demo {
        series.iter().fold(self, |d, &(days, v)| {
            d.lab(LOINC, "2601-3", v, "mmol/L", days)
        })
    }

    /// Vitamin B12 (pg/mL) at each (days ago, value).
    fn b12(self, series: &[(f64, f64)]) -> Demo {
        series.iter().fold(self, |d, &(days, v)| {
            d.lab(LOINC, "2132-9", v, "pg/mL", days)
        })
    }

    /// Creatinine (umol/L) at each (days ago, value).
    fn creatinine(self, series: &[(f64, f64)]) -> Demo {
        series.iter().fold(self, |d, &(days, v)| {
            d.lab(LOINC, "2160-0", v, "umol/L", days)
        })
    }

    /// An active diagnosis, onset `days_ago` days before now (None: no onset).
    fn condition(mut self, icd10: &str, display: &str, days_ago: Option<f64>) -> Demo {
        let id = self.rid("cond");
        let mut resource = json!({
            "resourceType": "Condition", "id": id,
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
            "code": {"coding": [{"system": ICD10, "code": icd10, "display": display}]},
            "subject": self.subject()
        });
        if let Some(days) = days_ago {
            let at = self.now - Duration::minutes((days * 1440.0).round() as i64);
            resource["onsetDateTime"] = json!(iso(at));
        }
        self.entries.push(json!({"resource": resource}));
        self
    }

    /// An active medication statement started `days_ago` days before now, with an optional
    /// oral dose (mg per intake, intakes per day).
    fn drug(mut self, atc: &str, name: &str, days_ago: f64, dose: Option<(f64, u32)>) -> Demo {
        let id = self.rid("med");
        let start = (self.now - Duration::days(days_ago as i64)).date_naive();
        let mut resource = json!({
            "resourceType": "MedicationStatement", "id": id, "status": "active",
            "medicationCodeableConcept": {"coding": [{"system": ATC, "code": atc, "display": name}], "text": name},
            "subject": self.subject(),
            "effectivePeriod": {"start": start.to_string()}
        });
        if let Some((mg, per_day)) = dose {
            resource["dosage"] = json!([{
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006", "display": "Oral route"}]},
                "doseAndRate": [{"doseQuantity": {"value": mg, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}],
                "timing": {"repeat": {"frequency": per_day, "period": 1, "periodUnit": "d"}}
            }]);
        }
        self.entries.push(json!({"resource": resource}));
        self
    }

    /// An active order (MedicationRequest) authored `days_ago` days before now.
    fn order(mut self, atc: &str, name: &str, days_ago: f64) -> Demo {
        let id = self.rid("req");
        let authored = self.now - Duration::days(days_ago as i64);
        let subject = self.subject();
        self.entries.push(json!({"resource": {
            "resourceType": "MedicationRequest", "id": id, "status": "active", "intent": "order",
            "medicationCodeableConcept": {"coding": [{"system": ATC, "code": atc, "display": name}], "text": name},
            "subject": subject, "authoredOn": iso(authored)
        }}));
        self
    }

    /// An intravenous administration in progress, started `hours_ago` hours before now.
    fn infusion(mut self, atc: &str, name: &str, hours_ago: i64) -> Demo {
        let id = self.rid("adm");
        let start = self.now - Duration::hours(hours_ago);
        let subject = self.subject();
        self.entries.push(json!({"resource": {
            "resourceType": "MedicationAdministration", "id": id, "status": "in-progress",
            "medicationCodeableConcept": {"coding": [{"system": ATC, "code": atc, "display": name}], "text": name},
            "subject": subject, "effectivePeriod": {"start": iso(start)},
            "dosage": {"route": {"coding": [{"system": "http://snomed.info/sct", "code": "47625008", "display": "Intravenous route"}]}}
        }}));
        self
    }

    fn bundle(self) -> String {
        json!({"resourceType": "Bundle", "type": "collection", "entry": self.entries}).to_string()
    }
}

/// The demo patients' bundles at `now`: (short name, bundle JSON).
pub fn demo_bundles(now: DateTime<Utc>) -> Vec<(&'static str, String)> {
    let normal_b12 = [(300.0, 520.0), (160.0, 480.0), (20.0, 455.0)];
    let normal_creatinine = [(300.0, 78.0), (160.0, 81.0), (20.0, 80.0)];
    let patients = vec![
        // Stroke: acute ischaemic stroke 3 h ago, magnesium falling to low; on aspirin.
        Demo::new(
            "stroke-acute",
            now,
            "Karimov",
            "Rustam",
            "male",
            "1956-04-12",
        )
        .condition("I63.5", "Cerebral infarction", Some(0.125))
        .condition("I10", "Essential hypertension", Some(3000.0))
        .mg(&[(330.0, 0.84), (150.0, 0.77), (0.05, 0.66)])
        .b12(&normal_b12)
        .creatinine(&[(330.0, 84.0), (150.0, 88.0), (0.05, 91.0)])
        .drug("B01AC06", "Aspirin 100 mg", 2000.0, None),
        // Stroke aftercare: infarct 3 weeks ago, on magnesium orotate, chronic ischaemia.
        Demo::new(
            "stroke-week3",
            now,
            "Yusupova",
            "Dilnoza",
            "female",
            "1958-09-30",
        )
        .condition("I63.4", "Cerebral infarction due to embolism", Some(21.0))
        .condition("I67.8", "Chronic cerebral ischaemia", Some(2200.0))
        .mg(&[(200.0, 0.80), (22.0, 0.74), (1.0, 0.79)])
        .b12(&normal_b12)
        .creatinine(&normal_creatinine)
        .drug("A12CC09", "Magnesium orotate 500 mg (Magnerot)", 19.0, None)
        .drug("H03AA01", "Levothyroxine 75 ug", 3000.0, None),
        // Safety: CKD stage 4 on a PPI for years, magnesium low, creatinine rising.
        Demo::new("ckd4-ppi", now, "Petrov", "Nikolai", "male", "1950-11-02")
            .condition("N18.4", "Chronic kidney disease, stage 4", Some(1500.0))
            .condition("I10", "Essential hypertension", Some(5000.0))
            .mg(&[(270.0, 0.76), (120.0, 0.71), (3.0, 0.66)])
            .b12(&[(270.0, 380.0), (120.0, 350.0), (3.0, 330.0)])
            .creatinine(&[(270.0, 198.0), (120.0, 221.0), (3.0, 246.0)])
            .drug("A02BC01", "Omeprazole 20 mg", 1200.0, None),
        // Safety: myasthenia gravis with severe hypomagnesaemia (IV caution, escalation).
        Demo::new("myasthenia", now, "Rossi", "Giulia", "female", "1980-03-03")
            .condition("G70.0", "Myasthenia gravis", Some(3500.0))
            .mg(&[(240.0, 0.72), (90.0, 0.61), (0.5, 0.45)])
            .b12(&normal_b12)
            .creatinine(&[(240.0, 60.0), (90.0, 63.0), (0.5, 62.0)])
            .drug("A02BC02", "Pantoprazole 40 mg", 400.0, None),
        // Hemifacial spasm with the study's inputs: B12, morning cortisol, dopamine, BDI-II.
        Demo::new("hfs", now, "Tashkentova", "Malika", "female", "1975-03-01")
            .condition("G51.3", "Clonic hemifacial spasm", Some(1100.0))
            .mg(&[(250.0, 0.86), (130.0, 0.84), (2.0, 0.85)])
            .b12(&[(250.0, 360.0), (130.0, 330.0), (2.0, 300.0)])
            .creatinine(&normal_creatinine)
            .lab(LOINC, "2143-6", 568.0, "nmol/L", 2.0)
            .lab(LOCAL, "dopamine-plasma", 82.0, "ng/mL", 2.0)
            .lab(LOCAL, "bdi-ii-total", 24.0, "{score}", 2.0)
            .lab(LOCAL, "spasm-frequency", 27.0, "/d", 2.0),
        // B12: type 2 diabetes on metformin, B12 falling into deficiency, polyneuropathy.
        Demo::new(
            "metformin-neuropathy",
            now,
            "Ahmedov",
            "Bekzod",
            "male",
            "1961-07-19",
        )
        .condition(
            "E11.4",
            "Type 2 diabetes with neurological complications",
            Some(4000.0),
        )
        .condition("G63.2", "Diabetic polyneuropathy", Some(500.0))
        .mg(&[(280.0, 0.83), (140.0, 0.82), (5.0, 0.81)])
        .b12(&[(280.0, 260.0), (140.0, 190.0), (5.0, 140.0)])
        .creatinine(&[(280.0, 90.0), (140.0, 94.0), (5.0, 97.0)])
        .lab(LOINC, "4548-4", 7.4, "%", 5.0)
        .drug("A10BA02", "Metformin 1000 mg", 2500.0, None),
        // B12: indeterminate B12 with high methylmalonic acid, sciatica.
        Demo::new("b12-mma", now, "Bianchi", "Marco", "male", "1969-01-25")
            .condition("M54.4", "Lumbago with sciatica", Some(200.0))
            .mg(&[(210.0, 0.88), (100.0, 0.86), (7.0, 0.87)])
            .b12(&[(210.0, 330.0), (100.0, 300.0), (7.0, 280.0)])
            .creatinine(&normal_creatinine)
            .lab(LOINC, "13964-2", 0.62, "umol/L", 7.0),
        // Pain and interactions: fibromyalgia, loop diuretic, ciprofloxacin ordered, Mg low.
        Demo::new(
            "fibromyalgia-cipro",
            now,
            "Smirnova",
            "Elena",
            "female",
            "1972-05-14",
        )
        .condition("M79.7", "Fibromyalgia", Some(1800.0))
        .mg(&[(230.0, 0.80), (110.0, 0.76), (1.0, 0.70)])
        .b12(&normal_b12)
        .creatinine(&normal_creatinine)
        .drug("C03CA01", "Furosemide 40 mg", 700.0, None)
        .order("J01MA02", "Ciprofloxacin 500 mg", 2.0),
        // Intake and safety: magnesium oxide 400 mg twice daily above the UL, digoxin,
        // levothyroxine (spacing), magnesium drifting high.
        Demo::new(
            "mg-oxide-digoxin",
            now,
            "Usmonov",
            "Alisher",
            "male",
            "1948-12-08",
        )
        .condition("I48.9", "Atrial fibrillation", Some(2000.0))
        .mg(&[(260.0, 0.92), (120.0, 0.97), (4.0, 1.04)])
        .b12(&normal_b12)
        .creatinine(&[(260.0, 95.0), (120.0, 99.0), (4.0, 101.0)])
        .drug("A12CC10", "Magnesium oxide 400 mg", 150.0, Some((400.0, 2)))
        .drug("C01AA05", "Digoxin 0.125 mg", 900.0, None)
        .drug("H03AA01", "Levothyroxine 50 ug", 2500.0, None),
        // Obstetric: pre-eclampsia on IV magnesium sulfate, level in the therapeutic range.
        Demo::new(
            "preeclampsia",
            now,
            "Nazarova",
            "Kamola",
            "female",
            "1994-02-17",
        )
        .condition("O14.1", "Severe pre-eclampsia", Some(0.5))
        .condition("Z33", "Pregnant state, incidental", Some(230.0))
        .mg(&[(200.0, 0.82), (60.0, 0.79), (0.1, 2.1)])
        .b12(&normal_b12)
        .creatinine(&[(200.0, 55.0), (60.0, 58.0), (0.1, 71.0)])
        .infusion("B05XA05", "Magnesium sulfate 20 % IV", 6),
        // Stroke section: traumatic brain injury 10 days ago.
        Demo::new("tbi", now, "Esposito", "Luca", "male", "1990-08-30")
            .condition("S06.2", "Diffuse brain injury", Some(10.0))
            .mg(&[(300.0, 0.86), (10.0, 0.78), (2.0, 0.80)])
            .b12(&normal_b12)
            .creatinine(&normal_creatinine),
        // Cerebrovascular risk: elderly, hypertension and peripheral atherosclerosis, AV
        // block; magnesium last measured over a year ago; PPI and thiazide.
        Demo::new(
            "atherosclerosis-unmeasured",
            now,
            "Kuznetsov",
            "Ivan",
            "male",
            "1951-10-10",
        )
        .condition(
            "I70.2",
            "Atherosclerosis of arteries of extremities",
            Some(1500.0),
        )
        .condition("I10", "Essential hypertension", Some(6000.0))
        .condition("I44.2", "Complete atrioventricular block", Some(60.0))
        .mg(&[(700.0, 0.80), (560.0, 0.77), (420.0, 0.74)])
        .b12(&[(700.0, 410.0), (560.0, 390.0), (420.0, 370.0)])
        .creatinine(&[(700.0, 92.0), (560.0, 96.0), (30.0, 99.0)])
        .drug("C03AA03", "Hydrochlorothiazide 25 mg", 1500.0, None)
        .drug("A02BC05", "Esomeprazole 20 mg", 900.0, None),
    ];
    patients.into_iter().map(|d| (d.id, d.bundle())).collect()
}

/// What loading the demo did.
#[derive(Debug)]
pub struct DemoSummary {
    /// Patients loaded.
    pub patients: usize,
    /// Resources newly stored (0 on a reload with unchanged data).
    pub created: i64,
    /// The demo accounts: (user name, role, password).
    pub accounts: Vec<(String, Role, String)>,
    /// The demo study's id.
    pub study_id: i64,
}

/// Loads the demo into the store at `now`: patients, the HFS study, and demo accounts
/// whose passwords are set afresh (the caller prints them once).
pub async fn load(state: &AppState, now: DateTime<Utc>) -> Result<DemoSummary, AppError> {
    let mut created = 0;
    let bundles = demo_bundles(now);
    for (name, json) in &bundles {
        let prepared = prepare_bundle(json, now)
            .map_err(|e| AppError::Internal(format!("demo patient {name} does not read: {e}")))?;
        let outcome = state
            .store
            .import_bundle(DEMO_SOURCE, &prepared, "demo", now)
            .await?;
        created += outcome.created;
        state
            .store
            .audit(&NewAuditEntry {
                at: now,
                actor_user_id: None,
                actor: "demo",
                interface: "cli",
                action: "import",
                patient_id: Some(outcome.patient_id),
                target: "serve --demo",
                outcome: "ok",
            })
            .await?;
    }
    let mut accounts = Vec::new();
    for (username, role) in [
        ("demo-clinician", Role::Clinician),
        ("demo-researcher", Role::Researcher),
        ("demo-admin", Role::Admin),
    ] {
        let password = auth::new_secret("")?[..20].to_string();
        let hash = auth::hash_password(&password)?;
        match state.store.user_by_name(username).await? {
            Some(user) => {
                state.store.set_password(user.id, &hash).await?;
            }
            None => {
                state
                    .store
                    .create_user(
                        &NewUser {
                            username,
                            password_hash: &hash,
                            role,
                        },
                        now,
                    )
                    .await?;
            }
        }
        accounts.push((username.to_string(), role, password));
    }
    let existing = state.store.studies().await?;
    let study_id = match existing.iter().find(|s| s.created_by == "demo") {
        Some(study) => study.id,
        None => {
            let (title, files) = tokio::task::spawn_blocking(|| {
                run_study(HFS_PROTOCOL, "cohort.csv", HFS_COHORT.as_bytes())
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(format!("demo study: {e}")))?;
            state
                .store
                .create_study(
                    &title,
                    HFS_PROTOCOL,
                    "cohort.csv",
                    HFS_COHORT.as_bytes(),
                    &files,
                    "demo",
                    now,
                )
                .await?
        }
    };
    Ok(DemoSummary {
        patients: bundles.len(),
        created,
        accounts,
        study_id,
    })
}
