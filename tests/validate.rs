//! `netctl validate` on every example and every broken fixture, through the real binary.

pub mod harness;

use harness::Test;
use harness::files::{expected_of, root, yaml_files};
use harness::test::stdout_of;
use serde_json::Value;

#[test]
fn every_example_topology_is_valid() {
    let examples = yaml_files(&root().join("topologies"));
    assert!(examples.len() >= 4, "one example per system in design.md");
    for example in examples {
        let stdout = Test::in_repo().arg("validate").arg(&example).run().stdout;
        assert!(stdout.starts_with("valid:"), "{stdout}");
    }
}

#[test]
fn every_broken_fixture_reports_its_error_at_its_line_and_column() {
    let fixtures = yaml_files(&root().join("tests/fixtures/invalid"));
    assert!(fixtures.len() >= 25);
    for fixture in fixtures {
        let expected = expected_of(&fixture);
        let output = Test::in_repo()
            .args(["validate", "-o", "json"])
            .arg(&fixture)
            .any_status()
            .run();
        assert_eq!(output.code(), Some(1), "{}", fixture.display());
        let report: Value = serde_json::from_str(&output.stdout).expect("JSON report");
        assert_eq!(report["valid"], false);
        let problems = report["problems"].as_array().expect("problems");
        let found = problems.iter().any(|p| {
            p["line"] == expected.line
                && p["column"] == expected.column
                && p["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with(&expected.message))
                && p["help"].as_str().is_some_and(|h| !h.is_empty())
        });
        assert!(
            found,
            "{}: wanted {}:{} {:?}, got {problems:#?}",
            fixture.display(),
            expected.line,
            expected.column,
            expected.message
        );
    }
}

#[test]
fn text_errors_name_file_line_column_with_a_snippet_and_a_fix() {
    Test::in_repo()
        .args(["validate", "tests/fixtures/invalid/unknown-key.yaml"])
        .status(1)
        .stdout("")
        .stderr_has("--> tests/fixtures/invalid/unknown-key.yaml:7:5")
        .stderr_has("7 |     subnte: 10.20.0.0/16")
        .stderr_has("did you mean `subnet`?")
        .run();
}

#[test]
fn all_problems_are_reported_at_once() {
    let text = "version: 1\nproject: demo\nnetworks:\n  a:\n    subnet: 10.0.0.0/33\n  b:\n    subnet: 10.1.0.0/16\n    gateway: 10.2.0.1\nservices:\n  api:\n    networks: [c]\n";
    let output = Test::new()
        .write("topology.yaml", text)
        .args(["validate", "-o", "json"])
        .any_status()
        .run();
    let report: Value = serde_json::from_str(&output.stdout).expect("JSON");
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(3));
}

/// Structural and semantic problems of one file, as `line`, `column` and message: every one
/// must come out of a single run, in file order.
const EVERY_KIND: &str = "tests/fixtures/invalid/every-kind-of-problem.yaml";
const EVERY_KIND_PROBLEMS: [(u64, u64, &str); 8] = [
    (8, 5, "unknown field `internl` in network `backend`"),
    (
        10,
        13,
        "subnet 10.20.5.0/24 of network `cache` overlaps subnet 10.20.0.0/16 of network `backend`",
    ),
    (
        11,
        17,
        "invalid `attachable` of network `cache`: expected true or false, found `sometimes`",
    ),
    (14, 16, "invalid Docker container name `-api`"),
    (
        17,
        23,
        "static IP 10.99.0.5 of service `api` is outside the subnet 10.20.0.0/16 of network `backend`",
    ),
    (
        18,
        7,
        "service `api` is on network `frontend`, which is not declared",
    ),
    (
        21,
        19,
        "invalid `ports` of service `worker`: expected a port number from 1 to 65535, found `http`",
    ),
    (
        23,
        21,
        "`expect` names `wroker`, which is not a declared service",
    ),
];

#[test]
fn structural_and_semantic_problems_are_all_reported_in_one_json_run() {
    let output = Test::in_repo()
        .args(["validate", "-o", "json", EVERY_KIND])
        .status(1)
        .run();
    let report: Value = serde_json::from_str(&output.stdout).expect("JSON report");
    assert_eq!(report["valid"], false);
    let problems = report["problems"].as_array().expect("problems");
    let found: Vec<(u64, u64, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or_default(),
                p["column"].as_u64().unwrap_or_default(),
                p["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(found, EVERY_KIND_PROBLEMS);
    assert!(
        problems
            .iter()
            .all(|p| p["file"] == EVERY_KIND && p["help"].as_str().is_some_and(|h| !h.is_empty()))
    );
    assert!(
        problems[0]["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("did you mean `internal`?")),
        "{problems:#?}"
    );
}

#[test]
fn structural_and_semantic_problems_are_all_reported_in_one_text_run() {
    let mut test = Test::in_repo()
        .args(["validate", EVERY_KIND])
        .status(1)
        .stdout("")
        .stderr_has("did you mean `internal`?");
    for (line, column, message) in EVERY_KIND_PROBLEMS {
        test = test
            .stderr_has(format!("error: {message}\n"))
            .stderr_has(format!("--> {EVERY_KIND}:{line}:{column}\n"));
    }
    let stderr = test.run().stderr;
    assert!(
        stderr.ends_with(&format!("{EVERY_KIND}: 8 problems\n")),
        "{stderr}"
    );
}

#[test]
fn bad_inputs_exit_1_with_a_location_and_never_panic() {
    let deep = format!(
        "version: 1\nproject: demo\nnetworks: {}{}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let cases: [(&str, Vec<u8>); 6] = [
        ("binary.yaml", b"version: 1\nproject: \xff\xfe\n".to_vec()),
        ("tabs.yaml", b"version: 1\n\tproject: demo\n".to_vec()),
        ("deep.yaml", deep.into_bytes()),
        ("bomb.yaml", alias_bomb().into_bytes()),
        ("merge-bomb.yaml", merge_bomb().into_bytes()),
        ("list.yaml", b"- version: 1\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let test = Test::new().write(name, bytes);
        let file = test.dir().join(name);
        test.arg("validate")
            .arg(&file)
            .timeout(std::time::Duration::from_secs(10))
            .status(1)
            .stderr_has(format!("{name}:"))
            .stderr_lacks("panicked")
            .run();
    }
}

/// Merge keys that double at every level: well-typed, so only the parser's budget stops it.
fn merge_bomb() -> String {
    let mut text = String::from("version: 1\nproject: demo\nservices:\n  s0: &s0 {tags: [a]}\n");
    for level in 1..30 {
        let previous = level - 1;
        text.push_str(&format!(
            "  s{level}: &s{level} {{<<: [*s{previous}, *s{previous}], tags: [b]}}\n"
        ));
    }
    text
}

/// A billion laughs: each level repeats the one before ten times.
fn alias_bomb() -> String {
    let mut text = String::from(
        "version: 1\nproject: demo\nnetworks:\n  n:\n    labels:\n      a0: &a0 \"lol\"\n",
    );
    for level in 1..12 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        text.push_str(&format!("      a{level}: &a{level} [{refs}]\n"));
    }
    text
}

#[test]
fn a_directory_given_as_file_is_an_error() {
    Test::in_repo()
        .args(["validate", "topologies"])
        .status(1)
        .stderr_has("topologies is a directory")
        .run();
}

#[test]
fn a_missing_file_is_an_error() {
    Test::in_repo()
        .args(["validate", "no/such/topology.yaml"])
        .status(1)
        .stderr_has("cannot read no/such/topology.yaml")
        .run();
}

#[test]
fn discovery_finds_topology_yaml_then_netctl_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    Test::in_dir(dir.path())
        .arg("matrix")
        .status(1)
        .stderr_has(format!(
            "no topology file found in {}",
            dir.path().display()
        ))
        .run();
    let example =
        std::fs::read_to_string(root().join("topologies/versatile-hub.yaml")).expect("example");
    std::fs::write(dir.path().join("netctl.yaml"), &example).expect("write");
    Test::in_dir(dir.path()).arg("validate").run();
    std::fs::write(
        dir.path().join("topology.yaml"),
        "version: 1\nproject: other\n",
    )
    .expect("write");
    Test::in_dir(dir.path())
        .arg("validate")
        .stdout_has("project `other`")
        .run();
    Test::in_dir(dir.path())
        .args(["validate", "-f", "netctl.yaml"])
        .stdout_has("project `versatile`")
        .run();
}

#[test]
fn validate_json_counts_what_it_read() {
    let report: Value = serde_json::from_str(&stdout_of(&[
        "validate",
        "-o",
        "json",
        "topologies/versatile-hub.yaml",
    ]))
    .expect("JSON");
    assert_eq!(report["valid"], true);
    assert_eq!(report["networks"], 4);
    assert_eq!(report["services"], 14);
}

#[test]
fn a_compose_file_given_to_validate_is_named_as_one_with_the_command_that_reads_it() {
    let compose =
        "services:\n  web:\n    image: nginx\n    networks: [front]\nnetworks:\n  front: {}\n";
    Test::new()
        .write("docker-compose.yml", compose)
        .args(["validate", "docker-compose.yml"])
        .status(1)
        .stderr_has("docker-compose.yml:3:5")
        .stderr_has("this is a Docker Compose file (service `web` has `image`)")
        .stderr_has("netctl lint docker-compose.yml")
        .stderr_lacks("unknown field")
        .run();
}
