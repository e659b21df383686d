//! Crash test: `neuronutri serve` is killed with SIGKILL at random moments while clients
//! import bundles concurrently, then restarted; every import the server acknowledged (201)
//! must be complete and no import may be partial, on SQLite and on PostgreSQL.

use neuronutri_storage::{NewUser, Role, Store};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RESOURCES_PER_BUNDLE: usize = 5;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn bundle(id: &str) -> String {
    let mut entries = vec![format!(
        r#"{{"resource":{{"resourceType":"Patient","id":"{id}","gender":"female","birthDate":"1960-01-01"}}}}"#
    )];
    for (i, value) in [0.61, 0.72, 0.83].iter().enumerate() {
        entries.push(format!(
            r#"{{"resource":{{"resourceType":"Observation","id":"{id}-mg{i}","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"2601-3"}}]}},"effectiveDateTime":"2026-0{}-01T08:00:00Z","valueQuantity":{{"value":{value},"unit":"mmol/L"}}}}}}"#,
            i + 1
        ));
    }
    entries.push(format!(
        r#"{{"resource":{{"resourceType":"Condition","id":"{id}-c","code":{{"coding":[{{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10"}}]}}}}}}"#
    ));
    format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#,
        entries.join(",")
    )
}

/// POSTs a bundle; Some(status) when a whole response came back.
fn post(port: u16, token: &str, body: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    let request = format!(
        "POST /api/bundles?source=urn:crash HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    if !response.contains("\r\n\r\n{") {
        return None;
    }
    response.get(9..12)?.parse().ok()
}

fn start(url: &str, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args([
            "serve",
            "--database",
            url,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// A small deterministic generator for the kill moments (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn crash_rounds(url: &str, engine: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let token = neuronutri_server::auth::new_secret("nn_").unwrap();
    runtime.block_on(async {
        let store = Store::connect(url).await.unwrap();
        let user = store
            .create_user(
                &NewUser {
                    username: "crash",
                    password_hash: "unused",
                    role: Role::Clinician,
                },
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        store
            .create_token(
                user.id,
                &neuronutri_server::auth::secret_hash(&token),
                Role::Clinician,
                "crash",
                chrono::Utc::now(),
                chrono::Utc::now() + chrono::Duration::days(1),
            )
            .await
            .unwrap();
        store.close().await;
    });
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ std::process::id() as u64);
    let rounds = 6;
    let mut sent_total = 0usize;
    for round in 0..rounds {
        let port = free_port();
        let mut child = start(url, port);
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let workers: Vec<_> = (0..4)
            .map(|worker| {
                let (stop, acknowledged, token, sent) = (
                    stop.clone(),
                    acknowledged.clone(),
                    token.clone(),
                    sent.clone(),
                );
                std::thread::spawn(move || {
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let id = format!("r{round}-w{worker}-n{n}");
                        n += 1;
                        sent.fetch_add(1, Ordering::Relaxed);
                        match post(port, &token, &bundle(&id)) {
                            Some(201) => acknowledged.lock().unwrap().push(id),
                            Some(other) => panic!("import {id}: status {other}"),
                            None => {
                                if stop.load(Ordering::Relaxed) {
                                    break;
                                }
                                std::thread::sleep(Duration::from_millis(5));
                            }
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300 + rng.next(1200)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            worker.join().unwrap();
        }
        sent_total += sent.load(Ordering::Relaxed);
    }
    // Restart once more, then check through the storage layer.
    let port = free_port();
    let mut child = start(url, port);
    child.kill().unwrap();
    child.wait().unwrap();
    let acknowledged = acknowledged.lock().unwrap().clone();
    runtime.block_on(async {
        let store = Store::connect(url).await.unwrap();
        let page = store
            .search_patients(&neuronutri_storage::PatientQuery { limit: 100_000, ..Default::default() })
            .await
            .unwrap();
        let stored: std::collections::HashMap<String, i64> =
            page.items.iter().map(|p| (p.source_id.clone(), p.id)).collect();
        for id in &acknowledged {
            assert!(stored.contains_key(id), "{engine}: acknowledged import {id} is missing");
        }
        for (id, patient) in &stored {
            let resources = store.patient_resources(*patient).await.unwrap();
            assert_eq!(resources.len(), RESOURCES_PER_BUNDLE, "{engine}: import {id} is partial");
        }
        let (_, resources, imports) = store.counts().await.unwrap();
        assert_eq!(resources as usize, stored.len() * RESOURCES_PER_BUNDLE);
        assert_eq!(imports as usize, stored.len());
        eprintln!(
            "crash test on {engine}: {rounds} SIGKILLs, {sent_total} imports sent, {} acknowledged, \
             {} stored (all complete)",
            acknowledged.len(),
            stored.len()
        );
        assert!(acknowledged.len() >= rounds, "{engine}: too few imports to mean anything");
        store.close().await;
    });
}

#[test]
fn sigkill_during_imports_loses_no_acknowledged_import_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("neuronutri-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    crash_rounds(&format!("sqlite://{}/crash.db", dir.display()), "sqlite");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigkill_during_imports_loses_no_acknowledged_import_on_postgres() {
    let cluster = match neuronutri_storage::testing::TempPostgres::start() {
        Ok(Some(cluster)) => cluster,
        Ok(None) => {
            eprintln!("SKIPPED: PostgreSQL is not installed");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = runtime.block_on(cluster.create_database("crash")).unwrap();
    drop(runtime);
    crash_rounds(&url, "postgresql");
}
