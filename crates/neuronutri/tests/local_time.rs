//! Times a person reads are local (`KNOWLEDGE.md`, "Time, numbers and language"): `--tz`,
//! else the offset of `--at`, else the site's `[site] time_zone`, else UTC. JSON keeps RFC 3339
//! with the offset; a date-only value stays the date it names; a bad zone is bad input.

use std::process::{Command, Output};

const STROKE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/acute-stroke-3h-low-mg.json"
);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .output()
        .unwrap()
}

fn text(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn site_config(zone: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "neuronutri-site-{}-{}.toml",
        std::process::id(),
        zone.replace('/', "-")
    ));
    std::fs::write(&path, format!("[site]\ntime_zone = \"{zone}\"\n")).unwrap();
    path
}

#[test]
fn the_offset_of_at_is_the_local_time() {
    // The example's stroke began at 08:00Z and magnesium was drawn at 10:30Z.
    let out = text(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T16:00:00+05:00",
        "--lang",
        "ru",
        "--format",
        "text",
    ]);
    assert!(
        out.starts_with("Оценка пациента stroke-3h на 10.03.2025 16:00 UTC+05:00\n"),
        "{out}"
    );
    assert!(
        out.contains("Начало ишемического инсульта: 10.03.2025 13:00 UTC+05:00;"),
        "{out}"
    );
    assert!(
        out.contains("0,52 ммоль/л (10.03.2025 15:30 UTC+05:00)"),
        "{out}"
    );
    // The patient's hypertension has a date-only onset: it stays that date.
    assert!(out.contains("диагноз I10, 01.05.2012, запись 2"), "{out}");

    let json: serde_json::Value = serde_json::from_str(&text(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T16:00:00+05:00",
    ]))
    .unwrap();
    assert_eq!(json["assessed_at"], "2025-03-10T16:00:00+05:00");
    assert_eq!(json["time_zone"], "UTC+05:00");
}

#[test]
fn tz_wins_over_the_offset_and_the_site() {
    let config = site_config("Asia/Tashkent");
    let out = text(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T11:00:00Z",
        "--tz",
        "America/New_York",
        "--config",
        config.to_str().unwrap(),
        "--format",
        "text",
    ]);
    assert!(
        out.starts_with(
            "Assessment of patient stroke-3h at 2025-03-10 07:00 UTC-04:00, America/New_York\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Ischemic stroke onset 2025-03-10 04:00 UTC-04:00:"),
        "{out}"
    );

    // Without --tz, a UTC instant is shown in the site's zone.
    let out = text(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T11:00:00Z",
        "--config",
        config.to_str().unwrap(),
        "--lang",
        "uz",
        "--format",
        "text",
    ]);
    assert!(
        out.contains("10.03.2025 16:00 UTC+05:00, Asia/Tashkent"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&text(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T11:00:00Z",
        "--config",
        config.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(json["assessed_at"], "2025-03-10T16:00:00+05:00");
    assert_eq!(json["time_zone"], "Asia/Tashkent");
    // Inputs keep their instants in RFC 3339.
    let first = &json["findings"][0]["inputs"][0]["date"];
    assert!(first.as_str().unwrap().ends_with('Z'), "{first}");
    std::fs::remove_file(config).unwrap();
}

#[test]
fn a_bad_zone_is_bad_input() {
    let output = run(&[
        "assess",
        STROKE,
        "--at",
        "2025-03-10T11:00:00Z",
        "--tz",
        "Asia/Tashkient",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--tz: 'Asia/Tashkient' is not an IANA time zone"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    let output = run(&["assess", STROKE, "--tz", "Asia/Tashkient", "--lang", "ru"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--tz: «Asia/Tashkient» не является названием часового пояса IANA"),
        "{stderr}"
    );

    let config = site_config("Mars/Olympus");
    let output = run(&["assess", STROKE, "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(":2: site.time_zone: 'Mars/Olympus'"),
        "{stderr}"
    );
    std::fs::remove_file(config).unwrap();
}
