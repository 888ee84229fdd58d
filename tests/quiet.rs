//! `-q` on every command: nothing but errors and what was found. A run that went well says
//! nothing on either stream; a plan with changes and a failed check are still shown; what a
//! command exists to print (a matrix, a schema) still prints; errors still reach stderr.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::{Sandbox, Test};
use std::path::Path;

const VALID: &str = "version: 1
project: quiet
networks:
  back: {internal: true}
services:
  api: {container: quiet-api, networks: [back]}
";

/// Runs `netctl -q ARGS` and returns (code, stdout, stderr).
fn quiet(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Test::new().arg("-q").args(args).any_status().run();
    (output.code(), output.stdout, output.stderr)
}

#[test]
fn offline_commands_say_nothing_when_all_is_well_and_still_print_what_they_exist_for() {
    let test = Test::new().topology(VALID);
    let file = test.dir().join("topology.yaml");
    let file = file.to_str().unwrap();
    assert_eq!(
        quiet(&["validate", file]),
        (Some(0), String::new(), String::new())
    );
    let (code, stdout, stderr) = quiet(&["matrix", file]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert!(
        stdout.contains("api"),
        "the matrix is what matrix is for: {stdout}"
    );
    let (code, stdout, _) = quiet(&["schema"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("\"$schema\""));

    let broken = test.dir().join("broken.yaml");
    std::fs::write(&broken, VALID.replace("internal: true", "internl: true")).unwrap();
    let (code, stdout, stderr) = quiet(&["validate", broken.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(
        stderr.contains("internl"),
        "errors still reach stderr: {stderr}"
    );

    let pages = test.dir().join("man");
    assert_eq!(
        quiet(&["man", "--dir", pages.to_str().unwrap()]),
        (Some(0), String::new(), String::new())
    );
    assert!(pages.join("netctl-verify.1").exists());
}

#[test]
fn lint_prints_its_findings_and_nothing_else() {
    let fixture = "tests/fixtures/compose/typical-webapp.yml";
    let full = Test::in_repo().args(["lint", fixture]).run();
    let quiet = Test::in_repo().args(["lint", fixture, "-q"]).run();
    assert!(
        full.stdout
            .ends_with("1 finding: 0 error, 0 warning, 1 info\n")
    );
    assert!(!quiet.stdout.contains("1 finding:"), "{}", quiet.stdout);
    assert!(full.stdout.starts_with(&quiet.stdout) && quiet.stdout.contains("info["));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  app:\n    image: app\n",
    )
    .unwrap();
    let clean = Test::new()
        .args(["lint", "-q", dir.path().to_str().unwrap()])
        .run();
    assert_eq!((clean.stdout.as_str(), clean.stderr.as_str()), ("", ""));
}

#[test]
fn the_flag_goes_before_or_after_the_subcommand_and_conflicts_with_verbose() {
    let test = Test::new().topology(VALID);
    let file = test.dir().join("topology.yaml");
    let after = Test::new()
        .args(["validate", file.to_str().unwrap(), "--quiet"])
        .run();
    assert_eq!((after.stdout.as_str(), after.stderr.as_str()), ("", ""));
    let both = Test::new()
        .args(["-q", "-v", "validate", file.to_str().unwrap()])
        .any_status()
        .run();
    assert_eq!(both.code(), Some(1), "-q and -v together are a usage error");
}

fn write_topology(lab: &Sandbox, dir: &Path) -> std::path::PathBuf {
    let id = &lab.id;
    let path = dir.join("topology.yaml");
    std::fs::write(
        &path,
        format!(
            "version: 1
project: {id}
networks:
  back: {{name: {id}-back, internal: true}}
services:
  api: {{container: {id}-api, networks: [back]}}
"
        ),
    )
    .unwrap();
    path
}

#[test]
fn plan_apply_and_destroy_speak_only_of_changes_and_errors() {
    let lab = Sandbox::new();
    lab.container(&lab.name("api"), &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = write_topology(&lab, dir.path());
    let file = file.to_str().unwrap();

    let (code, stdout, stderr) = quiet(&["plan", file]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert!(
        stdout.contains(&lab.name("back")),
        "a plan with changes is shown: {stdout}"
    );
    assert_eq!(
        quiet(&["apply", file, "--yes"]),
        (Some(0), String::new(), String::new())
    );
    assert_eq!(
        quiet(&["plan", file]),
        (Some(0), String::new(), String::new())
    );
    assert_eq!(
        quiet(&["plan", file, "--detailed-exitcode"]),
        (Some(0), String::new(), String::new())
    );
    assert_eq!(
        quiet(&["destroy", file, "--yes"]),
        (Some(0), String::new(), String::new())
    );
}
