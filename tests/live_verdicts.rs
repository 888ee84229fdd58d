//! Verdicts you can trust, against the real daemon: verify and probe see every network a
//! container is on (the default `bridge`, a network made by hand), plan shows every
//! undeclared membership as drift, probe judges a pair the way the topology does, verify fails
//! a service that publishes ports it should not, and a container without a namespace of its
//! own blocks the plan. Subnets 10.77.60.0/24 to 10.77.69.0/24 are this file's.
//!
//! Containers that sit on a non-internal network (the default `bridge`) get `--dns 127.0.0.1`:
//! Docker's resolver then forwards names it does not know to the container's own loopback, so
//! no DNS question of an isolation check ever leaves the host.

pub mod harness;

use harness::Sandbox;
use harness::docker::{docker_ok, members};
use harness::test::Output;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The subnets this file pins in its expectations, checked free before every test.
const SUBNETS: [&str; 8] = [
    "10.77.60.0/24",
    "10.77.61.0/24",
    "10.77.62.0/24",
    "10.77.63.0/24",
    "10.77.64.0/24",
    "10.77.65.0/24",
    "10.77.66.0/24",
    "10.77.67.0/24",
];

/// A sandbox that has checked this file's subnets.
fn sandbox() -> Sandbox {
    Sandbox::claiming(&SUBNETS)
}

/// Two services on two internal networks of their own, nothing shared.
fn apart(sandbox: &Sandbox) -> PathBuf {
    let id = &sandbox.id;
    sandbox.write(
        "apart.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.60.0/24}}
  two: {{name: {id}-two, internal: true, subnet: 10.77.61.0/24}}
services:
  alpha: {{container: {id}-alpha, networks: [one]}}
  beta: {{container: {id}-beta, networks: [two]}}
  gamma: {{container: {id}-gamma, networks: [one]}}
"
        ),
    )
}

fn run(sandbox: &Sandbox, args: &[&str], file: Option<&Path>) -> Output {
    let mut test = sandbox.netctl().args(args).any_status();
    if let Some(file) = file {
        test = test.arg(file);
    }
    test.run()
}

fn apply(sandbox: &Sandbox, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["apply", "-o", "json"];
    args.extend_from_slice(extra);
    let output = run(sandbox, &args, Some(file));
    assert!(
        output.status.success(),
        "apply failed: {}{}",
        output.stdout,
        output.stderr
    );
    output.json()
}

/// `verify -o json`: the exit code and the report.
fn verify(sandbox: &Sandbox, file: &Path) -> (Option<i32>, Value) {
    let output = run(
        sandbox,
        &["verify", "--timeout", "300ms", "-q", "-o", "json"],
        Some(file),
    );
    (output.code(), output.json())
}

/// `plan --detailed-exitcode -o json`: the exit code and the plan.
fn plan(sandbox: &Sandbox, file: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["plan", "--detailed-exitcode", "-o", "json"];
    args.extend_from_slice(extra);
    let output = run(sandbox, &args, Some(file));
    (output.code(), output.json())
}

fn failures(report: &Value) -> Vec<&Value> {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|c| c["ok"] != true)
        .collect()
}

fn drift_of<'a>(plan: &'a Value, container: &str) -> Vec<&'a Value> {
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["action"] == "drift" && a["container"] == container)
        .collect()
}

#[test]
fn a_shared_default_bridge_breaks_isolation_until_pruned() {
    let sandbox = sandbox();
    let file = apart(&sandbox);
    for service in ["alpha", "beta", "gamma"] {
        // A plain `docker run`: on the default bridge.
        sandbox.run_container(&sandbox.name(service), &["--dns", "127.0.0.1"]);
    }
    apply(&sandbox, &file, &[]);

    let (code, planned) = plan(&sandbox, &file, &[]);
    assert_eq!(code, Some(2), "bridge memberships are drift: {planned}");
    assert_eq!(planned["changes"], 0);
    assert_eq!(planned["drift"], 3, "{planned}");
    let alpha_drift = drift_of(&planned, &sandbox.name("alpha"));
    assert_eq!(alpha_drift[0]["network"], "bridge");
    assert!(
        alpha_drift[0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("apply --prune disconnects it"),
        "{planned}"
    );

    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(2), "{report}");
    let broken: Vec<&Value> = failures(&report)
        .into_iter()
        .filter(|c| c["from"] == "alpha" && c["to"] == "beta")
        .collect();
    assert!(
        !broken.is_empty(),
        "alpha reaches beta over bridge: {report}"
    );
    let explanation = broken[0]["detail"].as_str().unwrap_or_default();
    assert!(
        explanation.contains("through `bridge` (172.")
            && explanation.contains("a network the topology does not give them"),
        "{explanation}"
    );
    assert!(
        failures(&report)
            .iter()
            .all(|c| c["expected"] == "isolated"),
        "only isolation breaks: {report}"
    );

    apply(&sandbox, &file, &["--prune", "--yes"]);
    assert!(!members("bridge").contains(&sandbox.name("alpha")));
    let (code, planned) = plan(&sandbox, &file, &[]);
    assert_eq!(code, Some(0), "{planned}");
    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(0), "{:#?}", failures(&report));
    assert_eq!(report["failed"], 0);
}

#[test]
fn a_network_made_by_hand_is_named_in_verify_and_plan_until_it_is_left() {
    let mut sandbox = sandbox();
    let file = apart(&sandbox);
    for service in ["alpha", "beta", "gamma"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply(&sandbox, &file, &[]);
    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(0), "{:#?}", failures(&report));

    let by_hand = sandbox.network(&sandbox.name("by-hand"), "10.77.62.0/24", &["--internal"]);
    for service in ["alpha", "beta"] {
        docker_ok(&["network", "connect", &by_hand, &sandbox.name(service)]);
    }
    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(2), "{report}");
    let explanations: Vec<&str> = failures(&report)
        .iter()
        .filter_map(|c| c["detail"].as_str())
        .collect();
    assert!(
        explanations
            .iter()
            .any(|e| e.contains(&format!("through `{by_hand}` (10.77.62."))),
        "{explanations:#?}"
    );
    let (code, planned) = plan(&sandbox, &file, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        drift_of(&planned, &sandbox.name("beta"))[0]["network"],
        by_hand.as_str()
    );

    for service in ["alpha", "beta"] {
        docker_ok(&["network", "disconnect", &by_hand, &sandbox.name(service)]);
    }
    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(0), "{:#?}", failures(&report));
    assert_eq!(plan(&sandbox, &file, &[]).0, Some(0));

    // A shared network that forbids traffic between its containers does not break isolation;
    // the membership is still drift.
    let no_icc = sandbox.network(
        &sandbox.name("no-icc"),
        "10.77.67.0/24",
        &[
            "--internal",
            "-o",
            "com.docker.network.bridge.enable_icc=false",
        ],
    );
    for service in ["alpha", "beta"] {
        docker_ok(&["network", "connect", &no_icc, &sandbox.name(service)]);
    }
    let (code, report) = verify(&sandbox, &file);
    assert_eq!(code, Some(0), "{:#?}", failures(&report));
    assert_eq!(plan(&sandbox, &file, &[]).0, Some(2));
}

#[test]
fn an_extra_membership_is_drift_until_pruned_and_the_drift_matrix_agrees() {
    let sandbox = sandbox();
    let file = apart(&sandbox);
    for service in ["alpha", "beta", "gamma"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply(&sandbox, &file, &[]);
    let one = sandbox.name("one");
    docker_ok(&["network", "connect", &one, &sandbox.name("beta")]);

    let (code, planned) = plan(&sandbox, &file, &[]);
    assert_eq!(code, Some(2), "{planned}");
    let drift = drift_of(&planned, &sandbox.name("beta"));
    assert_eq!(drift.len(), 1, "{planned}");
    assert_eq!(drift[0]["network"], one.as_str());
    let gone: Vec<&Value> = planned["blast_radius"]["lost"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert!(
        gone.is_empty(),
        "without --prune nothing changes: {planned}"
    );
    let (_, pruning) = plan(&sandbox, &file, &["--prune"]);
    let lost = &pruning["blast_radius"]["lost"];
    assert!(
        lost.as_array()
            .unwrap()
            .iter()
            .any(|pair| pair["a"] == "alpha"
                && pair["b"] == "beta"
                && pair["networks"][0] == one.as_str()),
        "{pruning}"
    );

    let matrix = run(&sandbox, &["matrix", "--live", "-o", "json"], Some(&file));
    let matrix = matrix.json();
    assert_eq!(matrix["rows"][1]["service"], "beta");
    assert_eq!(matrix["rows"][1]["networks"]["one"], "extra");

    apply(&sandbox, &file, &["--prune", "--yes"]);
    assert_eq!(
        members(&one),
        [sandbox.name("alpha"), sandbox.name("gamma")]
    );
    assert_eq!(plan(&sandbox, &file, &[]).0, Some(0));
}

#[test]
fn the_drift_matrix_says_differs_where_plan_reconnects_and_keeps_to_the_project() {
    let mut sandbox = sandbox();
    let id = &sandbox.id.clone();
    let file = sandbox.write(
        "alias.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.63.0/24}}
services:
  alpha:
    container: {id}-alpha
    networks:
      one: {{aliases: [api]}}
  beta: {{container: {id}-beta, networks: [one]}}
"
        ),
    );
    for service in ["alpha", "beta"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply(&sandbox, &file, &[]);
    let one = sandbox.name("one");
    docker_ok(&["network", "disconnect", &one, &sandbox.name("alpha")]);
    docker_ok(&["network", "connect", &one, &sandbox.name("alpha")]);

    let (code, planned) = plan(&sandbox, &file, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(planned["actions"][0]["action"], "reconnect", "{planned}");
    let matrix = run(&sandbox, &["matrix", "--live", "-o", "json"], Some(&file)).json();
    assert_eq!(matrix["rows"][0]["networks"]["one"], "differs", "{matrix}");
    assert_eq!(matrix["rows"][1]["networks"]["one"], "ok", "{matrix}");

    // Without a file, --project shows this project's networks and nothing else.
    let other = sandbox.network(&sandbox.name("other"), "10.77.64.0/24", &["--internal"]);
    let live = run(
        &sandbox,
        &["matrix", "--live", "--project", id, "-o", "json"],
        None,
    )
    .json();
    assert_eq!(live["networks"], serde_json::json!([one]), "{live}");
    assert!(!live.to_string().contains(&other));
}

#[test]
fn probe_judges_a_pair_as_the_topology_does_and_works_on_bare_container_names() {
    let sandbox = sandbox();
    let file = apart(&sandbox);
    for service in ["alpha", "beta", "gamma"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply(&sandbox, &file, &[]);
    let probe = |extra: &[&str]| {
        let mut args = vec![
            "probe",
            "alpha",
            "beta",
            "--timeout",
            "300ms",
            "-o",
            "json",
            "-f",
        ];
        let path = file.to_str().unwrap_or_default();
        args.push(path);
        args.extend_from_slice(extra);
        run(&sandbox, &args, None)
    };
    let isolated = probe(&[]);
    assert_eq!(isolated.code(), Some(0), "{}", isolated.json());
    assert!(
        isolated.json()["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["expected"] == "isolated")
    );
    assert_eq!(probe(&["--expect", "reachable"]).status.code(), Some(2));

    // No topology file in the working directory: container names, reachability expected.
    let (alpha, beta, gamma) = (
        sandbox.name("alpha"),
        sandbox.name("beta"),
        sandbox.name("gamma"),
    );
    let bare = |from: &str, to: &str, extra: &[&str]| {
        let mut args = vec!["probe", from, to, "--timeout", "300ms", "-o", "json"];
        args.extend_from_slice(extra);
        run(&sandbox, &args, None)
    };
    let together = bare(&alpha, &gamma, &[]);
    assert_eq!(together.code(), Some(0), "{}", together.json());
    let report = together.json();
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "dns" && c["name"] == gamma.as_str()),
        "{report}"
    );
    let apart = bare(&alpha, &beta, &[]);
    assert_eq!(apart.code(), Some(2));
    assert!(
        apart.json()["checks"][0]["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("share no network"),
        "{}",
        apart.json()
    );
    assert_eq!(
        bare(&alpha, &beta, &["--expect", "isolated"]).status.code(),
        Some(0)
    );
    let missing = bare(&alpha, "no-such-container-here", &[]);
    assert_eq!(missing.code(), Some(1));
}

/// Two services that share `one` and Docker's default bridge, declared as such; `alpha`
/// publishes port 80 on `host_ip`.
fn publishing(sandbox: &Sandbox, alpha_tags: &str) -> PathBuf {
    let id = &sandbox.id;
    sandbox.write(
        "published.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.65.0/24}}
  default: {{name: bridge, external: true}}
services:
  alpha: {{container: {id}-alpha, networks: [one, default], tags: [{alpha_tags}]}}
  beta: {{container: {id}-beta, networks: [one, default]}}
"
        ),
    )
}

#[test]
fn a_port_published_on_every_interface_fails_verify_unless_the_service_is_public() {
    let sandbox = sandbox();
    sandbox.run_container(
        &sandbox.name("alpha"),
        &["--dns", "127.0.0.1", "-p", "0.0.0.0::80"],
    );
    sandbox.run_container(
        &sandbox.name("beta"),
        &["--dns", "127.0.0.1", "-p", "127.0.0.1::80"],
    );
    let private = publishing(&sandbox, "");
    apply(&sandbox, &private, &[]);
    assert_eq!(
        plan(&sandbox, &private, &[]).0,
        Some(0),
        "bridge is declared"
    );

    let (code, report) = verify(&sandbox, &private);
    assert_eq!(code, Some(2), "{report}");
    assert!(failures(&report).is_empty(), "every pair holds: {report}");
    let exposure = report["exposure"].as_array().expect("exposure");
    let alpha = exposure.iter().find(|e| e["service"] == "alpha").unwrap();
    assert_eq!(alpha["ok"], false);
    assert_eq!(alpha["published"][0]["scope"], "all");
    assert!(
        alpha["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("does not tag it `public`")
    );
    let beta = exposure.iter().find(|e| e["service"] == "beta").unwrap();
    assert_eq!(
        (beta["ok"].as_bool(), beta["published"][0]["scope"].as_str()),
        (Some(true), Some("loopback"))
    );

    let text = run(
        &sandbox,
        &["verify", "--timeout", "300ms", "-q"],
        Some(&private),
    );
    // -q prints the causes alone: the service that publishes what it must not, and the fix.
    let text = text.stdout.clone();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("publishes") && words.contains("does not tag it `public`"),
        "{text}"
    );

    let public = publishing(&sandbox, "public");
    let (code, report) = verify(&sandbox, &public);
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn a_container_in_the_hosts_network_blocks_the_plan_and_is_unprovable() {
    let sandbox = sandbox();
    let id = &sandbox.id;
    let file = sandbox.write(
        "host.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.66.0/24}}
services:
  alpha: {{container: {id}-alpha, networks: [one]}}
  beta: {{container: {id}-beta, networks: [one]}}
"
        ),
    );
    sandbox.container(&sandbox.name("alpha"), &[]);
    sandbox.run_container(&sandbox.name("beta"), &["--network", "host"]);

    let planned = run(&sandbox, &["plan", "-o", "json"], Some(&file));
    assert_eq!(planned.code(), Some(1));
    let planned = planned.json();
    assert_eq!(planned["blocked"], 1, "{planned}");
    let blocked = planned["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "blocked")
        .unwrap();
    assert_eq!(blocked["container"], sandbox.name("beta").as_str());
    assert!(
        blocked["reason"]
            .as_str()
            .unwrap()
            .contains("network mode `host`")
    );

    let output = run(
        &sandbox,
        &[
            "probe",
            "alpha",
            "beta",
            "--timeout",
            "300ms",
            "-o",
            "json",
            "-f",
        ],
        Some(&file),
    );
    assert_eq!(output.code(), Some(2));
    let report = output.json();
    assert!(
        report["checks"].as_array().unwrap().iter().all(|c| {
            c["status"] == "unknown"
                && c["detail"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("unprovable: ")
        }),
        "{report}"
    );
}

#[test]
fn verify_junit_matches_its_snapshot() {
    let sandbox = sandbox();
    let file = apart(&sandbox);
    for service in ["alpha", "beta", "gamma"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply(&sandbox, &file, &[]);
    let junit = run(
        &sandbox,
        &["verify", "--timeout", "300ms", "-q", "-o", "junit"],
        Some(&file),
    );
    assert_eq!(junit.code(), Some(0), "{}", junit.stderr);
    harness::snapshot::redacted(&sandbox.id).bind(|| {
        insta::assert_snapshot!("verify_junit", junit.stdout);
    });
}
