//! `neuronutri audit` on the seed study's published numbers, and on a broken file.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn audits_the_seed_study() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hfs-study/audit.toml"
    );
    let (code, stdout, stderr) = run(&["audit", file, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["implausible_values"], 2);
    assert_eq!(report["comparisons"].as_array().unwrap().len(), 8);
    assert_eq!(report["correlations"].as_array().unwrap().len(), 5);
    let (code, stdout, _) = run(&["audit", file]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("IMPLAUSIBLE HFS: plasma dopamine 82 ng/mL is 82000 pg/mL"),
        "{stdout}"
    );
    assert!(
        stdout.contains("GRIM HFS: possible (uninformative at this n and precision)"),
        "{stdout}"
    );
}

#[test]
fn a_broken_file_is_bad_input_naming_file_and_line() {
    let dir = std::env::temp_dir().join(format!("neuronutri-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("reported.toml");
    std::fs::write(
        &path,
        "title = \"t\"\n[[correlation]]\nname = \"x\"\nr = 1.5\nn = 10\np = \"<0.05\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["audit", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2: correlation 'x': r 1.5", path.display())),
        "{stderr}"
    );
}
