//! With `-o json`, standard output is one JSON document also when the command fails: a missing
//! file, a bad topology, an unreachable daemon. `netctl … -o json | jq` never meets plain
//! text, and the exit code is what it is without `-o json`.

pub mod harness;

use harness::Test;
use serde_json::Value;

/// A daemon address nothing answers at (a socket path that does not exist).
const NOWHERE: &str = "unix:///nonexistent/netctl-test.sock";

const BAD_TOPOLOGY: &str = "version: 1\nproject: p\nnetworks:\n  back: {internl: true}\nservices:\n  api: {networks: [back]}\n";
const GOOD_TOPOLOGY: &str = "version: 1\nproject: p\nnetworks:\n  back: {}\nservices:\n  api: {networks: [back]}\n  db: {networks: [back]}\n";

/// Every command that takes `-o json`, its arguments before the file.
const COMMANDS: [&[&str]; 9] = [
    &["matrix"],
    &["graph"],
    &["plan"],
    &["apply", "--yes"],
    &["destroy", "--yes"],
    &["verify"],
    &["probe", "api", "db", "-f"],
    &["validate"],
    &["lint"],
];

/// Runs `netctl ARGS FILE -o json` (FILE written from `text` unless missing) and returns its
/// stdout parsed, insisting on exit 1.
fn failed_json(args: &[&str], text: Option<&str>, extra: &[&str]) -> Value {
    let mut test = Test::new();
    if let Some(text) = text {
        test = test.write("topology.yaml", text);
    }
    let output = test
        .args(args)
        .arg(if text.is_some() {
            "topology.yaml"
        } else {
            "missing.yaml"
        })
        .args(extra)
        .args(["-o", "json"])
        .status(1)
        .run();
    serde_json::from_str(&output.stdout)
        .unwrap_or_else(|error| panic!("{args:?}: stdout is not JSON ({error}): {}", output.stdout))
}

/// The error object: a message, and where when it is in a file.
fn assert_error(args: &[&str], json: &Value, file: Option<&str>) {
    let error = &json["error"];
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{args:?}: {json}"
    );
    assert!(
        json["problems"].as_array().is_some_and(|p| !p.is_empty()),
        "{args:?}: {json}"
    );
    if let Some(file) = file {
        assert_eq!(error["file"], file, "{args:?}: {json}");
        assert!(error["line"].as_u64().is_some(), "{args:?}: {json}");
    }
}

#[test]
fn a_missing_file_fails_as_json_on_every_command() {
    for args in COMMANDS {
        let json = failed_json(args, None, &[]);
        if args[0] == "lint" {
            // lint's own document: its findings and the files it could not read.
            assert!(json["errors"][0]["message"].is_string(), "{json}");
        } else {
            assert_error(args, &json, None);
        }
    }
}

#[test]
fn a_bad_topology_fails_as_json_naming_file_line_and_column() {
    for args in COMMANDS.iter().filter(|args| args[0] != "lint") {
        let json = failed_json(args, Some(BAD_TOPOLOGY), &[]);
        if args[0] == "validate" {
            // validate's own document lists the problems.
            assert_eq!(json["valid"], false, "{json}");
            continue;
        }
        assert_error(args, &json, Some("topology.yaml"));
        assert!(
            json["error"]["hint"]
                .as_str()
                .is_some_and(|h| h.contains("internal")),
            "{json}"
        );
    }
}

#[test]
fn an_unreachable_daemon_fails_as_json() {
    for args in COMMANDS
        .iter()
        .filter(|args| !["validate", "lint", "graph", "matrix"].contains(&args[0]))
    {
        let json = failed_json(args, Some(GOOD_TOPOLOGY), &["-H", NOWHERE]);
        assert_error(args, &json, None);
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("cannot reach")),
            "{args:?}: {json}"
        );
    }
    let live = Test::new()
        .args(["matrix", "--live", "-H", NOWHERE, "-o", "json"])
        .status(1)
        .run();
    let json: Value = serde_json::from_str(&live.stdout).expect("JSON");
    assert_error(&["matrix", "--live"], &json, None);
}
