//! `neuronutri serve` as a user runs it: starts with the demo on a fresh data folder,
//! prints the demo accounts once and the address, answers over TCP, keeps patient data out
//! of its logs, stops cleanly on SIGTERM; bad --listen or --database exit 2.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 request over a plain socket (the test needs no HTTP client).
fn http(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_demo_answers_and_stops_on_sigterm() {
    let data = std::env::temp_dir().join(format!("neuronutri-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).unwrap();
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("XDG_DATA_HOME", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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
    assert!(
        printed.contains(&format!("listening on http://127.0.0.1:{port}/")),
        "{printed}"
    );
    let password = printed
        .lines()
        .find(|l| l.trim_start().starts_with("demo-clinician"))
        .and_then(|l| l.split_whitespace().nth(2))
        .unwrap_or_else(|| panic!("{printed}"))
        .to_string();
    assert!(printed.contains("demo-researcher") && printed.contains("demo-admin"));
    assert!(
        data.join("neuronutri/neuronutri.db").exists(),
        "default database in the data folder"
    );

    let health = http(
        port,
        "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let body = format!(r#"{{"username":"demo-clinician","password":"{password}"}}"#);
    let session = http(
        port,
        &format!(
            "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(session.starts_with("HTTP/1.1 200"), "{session}");
    let cookie = session
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let patients = http(
        port,
        &format!("GET /api/patients?name=Karimov HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    );
    assert!(patients.contains(r#""total":1"#), "{patients}");

    // SIGTERM: a clean stop with exit code 0.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "{exit:?}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    assert!(logs.contains(r#""message":"listening""#), "{logs}");
    assert!(logs.contains(r#""route":"/api/patients""#), "{logs}");
    assert!(logs.contains(r#""message":"stopped""#), "{logs}");
    // Names, queries and passwords stay out of the log.
    for secret in ["Karimov", "name=", &password] {
        assert!(!logs.contains(secret), "{secret} in the log");
    }
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn bad_listen_and_database_exit_2() {
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = blocker.local_addr().unwrap().to_string();
    let data = std::env::temp_dir().join(format!("neuronutri-serve-bad-{}", std::process::id()));
    for (args, expected) in [
        (vec!["serve", "--listen", &taken], "--listen"),
        (vec!["serve", "--listen", "not an address"], "--listen"),
        (
            vec![
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database",
                "mysql://x/y",
            ],
            "--database",
        ),
        (
            vec![
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database",
                "postgres://u:topsecret@127.0.0.1:1/db",
            ],
            "--database",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
            .args(&args)
            .env("XDG_DATA_HOME", &data)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("topsecret"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&data);
}
