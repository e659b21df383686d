//! `neuronutri serve` with CDS Hooks as an integrator runs it: a site config file with a
//! `[cds]` table (public URL and one trusted issuer with its JWK Set) turns on discovery
//! and the services; a patient-view call signed with the issuer's ES384 key is answered
//! with cards, an unsigned one with a bare 401; `--cds-insecure-dev` is refused on a
//! non-loopback address.
//!
//! The signing key is the server crate's test-only key
//! (`crates/neuronutri-server/tests/data/cds/test-es384.pem`).

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const ISS: &str = "https://ehr.example.test";
const KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../neuronutri-server/tests/data/cds/test-es384.pem"
);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 exchange over a plain socket: (status, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    // The server answers with a Content-Length (no chunking) for these JSON bodies.
    (status, body)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

struct Server {
    child: Child,
    printed: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `neuronutri serve ARGS` and waits for its "Stop with Ctrl-C." line.
fn start(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let started = Instant::now();
    while !printed.contains("Stop with Ctrl-C") {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no start: {printed}"
        );
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        printed.push_str(&line);
    }
    Server { child, printed }
}

#[test]
fn serve_with_a_cds_table_answers_discovery_and_a_signed_patient_view() {
    let dir = std::env::temp_dir().join(format!("neuronutri-serve-cds-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let key = EncodingKey::from_ec_pem(&std::fs::read(KEY).unwrap()).unwrap();
    let mut jwk = Jwk::from_encoding_key(&key, Algorithm::ES384).unwrap();
    jwk.common.key_id = Some("ehr-key-1".into());
    let jwks = serde_json::to_string(&JwkSet { keys: vec![jwk] }).unwrap();
    std::fs::write(dir.join("ehr-jwks.json"), jwks).unwrap();
    let site = dir.join("site.toml");
    std::fs::write(
        &site,
        format!(
            "[site]\ntime_zone = \"Europe/Rome\"\n\n[cds]\npublic_base_url = \"{base}/\"\n\n\
             [[cds.issuer]]\niss = \"{ISS}\"\njwks_file = \"ehr-jwks.json\"\n"
        ),
    )
    .unwrap();
    let database = format!("sqlite://{}", dir.join("db.sqlite").display());
    let server = start(&[
        "serve",
        "--database",
        &database,
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--config",
        site.to_str().unwrap(),
    ]);
    assert!(
        server
            .printed
            .contains(&format!("CDS Hooks discovery: {base}/cds-services")),
        "{}",
        server.printed
    );

    let (status, body) = http(port, "GET", "/cds-services", &[], "");
    assert_eq!(status, 200, "{body}");
    let discovery: Value = serde_json::from_str(&body).unwrap();
    let ids: Vec<&str> = discovery["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["neuronutri-patient-view", "neuronutri-order-sign"]);

    // Serum magnesium 0.55 mmol/L yesterday: below the default lower reference limit.
    let effective = (chrono::Utc::now() - chrono::Duration::days(1)).to_rfc3339();
    let call = json!({
        "hook": "patient-view",
        "hookInstance": "3f0c3a2e-8a8e-4f7a-9b59-2d4f1b0c7a11",
        "context": {"userId": "Practitioner/example", "patientId": "p1"},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1960-04-01"},
            "observations": {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {
                "resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "19123-9"}]},
                "subject": {"reference": "Patient/p1"},
                "effectiveDateTime": effective,
                "valueQuantity": {"value": 0.55, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}}]},
            "conditions": null,
            "medicationStatements": null,
            "medicationRequests": null
        }
    })
    .to_string();
    let path = "/cds-services/neuronutri-patient-view";
    // Unsigned: a bare 401.
    let (status, body) = http(
        port,
        "POST",
        path,
        &[("Content-Type", "application/json")],
        &call,
    );
    assert_eq!(status, 401, "{body}");
    assert!(body.is_empty(), "{body}");

    let mut header = Header::new(Algorithm::ES384);
    header.kid = Some("ehr-key-1".into());
    header.typ = Some("JWT".into());
    let claims = json!({"iss": ISS, "aud": format!("{base}{path}"), "exp": now() + 120,
        "iat": now(), "jti": format!("serve-cds-{}", std::process::id())});
    let token = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    let bearer = format!("Bearer {token}");
    let headers = [
        ("Content-Type", "application/json"),
        ("Authorization", bearer.as_str()),
    ];
    let (status, body) = http(port, "POST", path, &headers, &call);
    assert_eq!(status, 200, "{body}");
    let response: Value = serde_json::from_str(&body).unwrap();
    let cards = response["cards"].as_array().unwrap();
    let low = cards
        .iter()
        .find(|c| c["source"]["topic"]["code"] == "MG.LOW")
        .unwrap_or_else(|| panic!("no MG.LOW card: {response:#}"));
    assert!(
        low["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{base}/cds-evidence/")),
        "{low}"
    );
    // The same token again: its jti was seen, so it is refused.
    let (status, _) = http(port, "POST", path, &headers, &call);
    assert_eq!(status, 401);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cds_insecure_dev_is_refused_off_loopback_and_warns_on_loopback() {
    let dir = std::env::temp_dir().join(format!("neuronutri-serve-cds-dev-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let database = format!("sqlite://{}", dir.join("db.sqlite").display());
    let port = free_port();
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args([
            "serve",
            "--database",
            &database,
            "--cds-insecure-dev",
            "--listen",
            &format!("0.0.0.0:{port}"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--cds-insecure-dev") && stderr.contains("loopback"),
        "{stderr}"
    );

    let port = free_port();
    let server = start(&[
        "serve",
        "--database",
        &database,
        "--cds-insecure-dev",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ]);
    assert!(
        server.printed.contains("WARNING: --cds-insecure-dev"),
        "{}",
        server.printed
    );
    // No token at all, yet the call is assessed (the request has no data: a 412, not a 401).
    let call = json!({"hook": "patient-view", "hookInstance": "x",
        "context": {"userId": "Practitioner/1", "patientId": "p1"}})
    .to_string();
    let (status, body) = http(
        port,
        "POST",
        "/cds-services/neuronutri-patient-view",
        &[("Content-Type", "application/json")],
        &call,
    );
    assert_eq!(status, 412, "{body}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
