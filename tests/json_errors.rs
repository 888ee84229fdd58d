//! With `-o json`, standard output is one JSON document also when the command fails: a missing
//! file, a bad topology, an unreachable daemon, a usage error clap refused, Ctrl-C.
//! `netctl … -o json | jq` never meets plain text, and the exit code is what it is without
//! `-o json`.

pub mod harness;

use harness::{Sandbox, Test};
use serde_json::Value;
use std::time::Duration;

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

/// Every spelling of `-o json` that clap accepts, as a usage error's JSON must recognise it.
const SPELLINGS: [&[&str]; 5] = [
    &["-o", "json"],
    &["-ojson"],
    &["-o=json"],
    &["--output", "json"],
    &["--output=json"],
];

/// Runs `netctl ARGS`, a usage error, and returns its stdout as JSON, insisting on exit 1 and
/// clap's own text on stderr.
fn usage_json(args: &[&str], stderr: &str) -> Value {
    let output = Test::new().args(args).status(1).stderr_has(stderr).run();
    let json = output.json();
    assert_error(args, &json, None);
    let error = &json["error"];
    for field in ["file", "line", "column"] {
        assert_eq!(error[field], Value::Null, "{args:?}: {json}");
    }
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(1), "{json}");
    json
}

#[test]
fn a_usage_error_with_json_asked_for_is_one_json_error_on_stdout() {
    for (args, spelling) in COMMANDS.iter().zip(SPELLINGS.iter().cycle()) {
        let mut words = vec![args[0], "--no-such-flag"];
        words.extend_from_slice(spelling);
        let json = usage_json(&words, "error: unexpected argument '--no-such-flag'");
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("unexpected argument '--no-such-flag'")),
            "{words:?}: {json}"
        );
        assert!(json["error"]["hint"].is_string(), "{words:?}: {json}");
    }
}

#[test]
fn a_bad_value_with_json_asked_for_keeps_claps_message_and_tip() {
    let json = usage_json(
        &["lint", "--fail-on", "eror", "-o", "json"],
        "invalid value 'eror'",
    );
    assert_eq!(
        json["error"]["hint"], "a similar value exists: 'error'",
        "{json}"
    );
    let json = usage_json(
        &["plan", "--detailed-exitcode", "--prnue", "-ojson"],
        "unexpected argument '--prnue'",
    );
    assert!(
        json["error"]["hint"]
            .as_str()
            .is_some_and(|h| h.contains("'--prune'")),
        "{json}"
    );
    let json = usage_json(
        &["verify", "--output=json", "--timeout", "1x"],
        "invalid value '1x' for '--timeout <DURATION>'",
    );
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("invalid value '1x'")),
        "{json}"
    );
    let json = usage_json(
        &["lint", ".", "--glob", "stacks/[a.yml", "-o", "json"],
        "invalid value 'stacks/[a.yml' for '--glob <PATTERN>'",
    );
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("stacks/[a.yml")),
        "{json}"
    );
}

#[test]
fn help_version_and_usage_errors_without_json_print_no_json() {
    for args in [
        &["plan", "-o", "json", "--help"][..],
        &["verify", "--output=json", "--version"],
    ] {
        let output = Test::new().args(args).status(0).run();
        assert!(
            serde_json::from_str::<Value>(&output.stdout).is_err(),
            "{args:?}: {}",
            output.stdout
        );
    }
    for args in [
        &["plan", "--prnue", "-o", "table"][..],
        // After `--` every word is a positional value, never the output flag.
        &["probe", "a", "b", "--", "-o", "json"],
        &["plan", "--project", "json", "--prnue"],
    ] {
        Test::new().args(args).status(1).stdout("").run();
    }
}

/// The subnets this file pins, checked free before each live test.
const SUBNETS: [&str; 2] = ["10.77.46.0/24", "10.77.47.0/24"];

/// Stdout of an interrupted `-o json` run: one JSON error saying it was interrupted.
fn assert_interrupted_json(stdout: &str) {
    let json: Value = serde_json::from_str(stdout)
        .unwrap_or_else(|error| panic!("stdout is not one JSON document ({error}): {stdout}"));
    assert_error(&["interrupted"], &json, None);
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("interrupted: ")),
        "{json}"
    );
}

#[test]
fn ctrl_c_while_apply_waits_for_the_lock_is_a_json_error_and_exit_130() {
    let sandbox = Sandbox::claiming(&SUBNETS);
    let id = &sandbox.id;
    let file = sandbox.write(
        "topology.yaml",
        &format!(
            "version: 1\nproject: {id}\nnetworks:\n  back: {{name: {id}-back, subnet: 10.77.46.0/24}}\nservices:\n  api: {{container: {id}-api, networks: [back]}}\n"
        ),
    );
    let _holder = sandbox.hold_lock("pid=1 host=another-machine since=0");
    let mut apply = sandbox
        .netctl()
        .arg("apply")
        .arg(&file)
        .args(["--yes", "-o", "json"])
        .spawn();
    apply.wait_for_stderr(
        "waiting for netctl (pid 1 on another-machine",
        Duration::from_secs(60),
    );
    // stderr was taken by the wait: what is left is stdout alone.
    let (status, stdout) = apply.interrupt(Duration::from_secs(10));
    assert_eq!(status.code(), Some(130), "{status:?}: {stdout}");
    assert_interrupted_json(&stdout);
}

#[test]
fn ctrl_c_during_a_json_verify_is_a_json_error_and_exit_130() {
    let sandbox = Sandbox::claiming(&SUBNETS);
    let id = &sandbox.id;
    // Internal networks: a name the source cannot see gets no answer, so isolation checks keep
    // their sidecars busy for the whole timeout, and the run is still probing at Ctrl-C.
    let file = sandbox.write(
        "topology.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.46.0/24}}
  two: {{name: {id}-two, internal: true, subnet: 10.77.47.0/24}}
services:
  a: {{container: {id}-a, networks: [one]}}
  b: {{container: {id}-b, networks: [one]}}
  c: {{container: {id}-c, networks: [two]}}
"
        ),
    );
    for service in ["a", "b", "c"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    sandbox.netctl().arg("apply").arg(&file).arg("--yes").run();
    let mut verify = sandbox
        .netctl()
        .arg("verify")
        .arg(&file)
        .args(["--strategy", "sidecar", "--timeout", "2s", "-o", "json"])
        .spawn();
    // Held, not dropped: a closed stderr would fail netctl's last words.
    let stderr = verify.stderr_lines();
    assert!(
        harness::process::eventually(Duration::from_secs(60), || !sandbox.sidecars().is_empty()),
        "no sidecar started"
    );
    let (status, stdout) = verify.interrupt(Duration::from_secs(30));
    let said: Vec<String> = stderr.map_while(Result::ok).collect();
    assert_eq!(status.code(), Some(130), "{status:?}: {said:?}");
    assert!(
        said.iter().any(|line| line.starts_with("interrupted: ")),
        "{said:?}"
    );
    assert_interrupted_json(&stdout);
}
