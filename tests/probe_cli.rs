//! `netctl verify` and `netctl probe` against the real daemon, each strategy through the CLI:
//! the small hub holds (isolation always beside reachability in the same run), a membership
//! broken by hand fails with its explanation and exit 2, and interrupted or killed runs leave
//! no sidecar behind once their deadline passed.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::docker::{docker, lines};
use harness::lab::small_hub_yaml;
use harness::test::Output;
use harness::{Sandbox, Test};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A run of netctl whose status the test judges itself.
fn netctl(args: &[&str]) -> Output {
    Test::new().args(args).any_status().run()
}

fn write_topology(lab: &mut Sandbox) -> PathBuf {
    let yaml = small_hub_yaml(lab);
    lab.write("topology.yaml", &yaml)
}

fn verify(file: &Path, strategy: &str) -> (Option<i32>, Value) {
    let output = netctl(&[
        "verify",
        file.to_str().unwrap(),
        "--strategy",
        strategy,
        "--timeout",
        "500ms",
        "-o",
        "json",
    ]);
    let json = serde_json::from_str(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "verify --strategy {strategy} printed no JSON: {}",
            output.stderr
        )
    });
    (output.status.code(), json)
}

/// The check `from -> to` of `kind` (and DNS name, when given) with its expectation.
fn check<'a>(report: &'a Value, from: &str, to: &str, kind: &str, name: Option<&str>) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["from"] == from
                && c["to"] == to
                && c["kind"] == kind
                && name.is_none_or(|n| c["name"] == n)
        })
        .unwrap_or_else(|| panic!("no {kind} check {from} -> {to}"))
}

fn assert_hub_holds(report: &Value, strategy: &str) {
    let failures: Vec<&Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] != true)
        .collect();
    assert!(failures.is_empty(), "{strategy}: {failures:#?}");
    assert_eq!(report["strategy"], strategy);
    for (from, to, kind, name, expected) in [
        ("chat-bridge", "agent", "tcp", None, "reachable"),
        ("chat-bridge", "chat-postgres", "tcp", None, "reachable"),
        ("chat-postgres", "hub-db", "icmp", None, "isolated"),
        ("chat-postgres", "hub-db", "tcp", None, "isolated"),
        ("agent", "hub-backend", "dns", Some("hub-api"), "reachable"),
    ] {
        let found = check(report, from, to, kind, name);
        assert_eq!(found["expected"], expected, "{strategy}: {found}");
        assert_eq!(found["ok"], true, "{strategy}: {found}");
    }
}

#[test]
fn each_strategy_proves_the_small_hub_through_the_cli() {
    let mut lab = Sandbox::with_agent(true);
    let file = write_topology(&mut lab);
    for strategy in ["netns", "sidecar", "exec"] {
        let started = Instant::now();
        let (code, report) = verify(&file, strategy);
        assert_hub_holds(&report, strategy);
        assert_eq!(code, Some(0), "{strategy}");
        eprintln!("verify --strategy {strategy}: {:?}", started.elapsed());
        let probe = netctl(&[
            "probe",
            "chat-bridge",
            &lab.name("agent"),
            "-f",
            file.to_str().unwrap(),
            "--strategy",
            strategy,
            "--port",
            "8090",
        ]);
        let table = &probe.stdout;
        assert_eq!(probe.status.code(), Some(2), "{strategy}: {table}");
        assert!(
            table.contains("nothing listens on agent:8090"),
            "{strategy}: {table}"
        );
    }
    assert!(lab.sidecars().is_empty(), "a sidecar was left behind");
}

#[test]
fn a_membership_broken_by_hand_fails_verify_with_its_explanation_and_exit_2() {
    let mut lab = Sandbox::with_agent(false);
    let file = write_topology(&mut lab);
    let (code, report) = verify(&file, "netns");
    assert_eq!(code, Some(0), "{report:#}");

    lab.disconnect("agent", "shared");
    let (code, report) = verify(&file, "netns");
    assert_eq!(code, Some(2));
    let broken = check(&report, "agent", "hub-backend", "icmp", None);
    assert_eq!(broken["ok"], false);
    let explanation = broken["detail"].as_str().unwrap();
    assert!(
        explanation.contains("agent and hub-backend share no network"),
        "{explanation}"
    );
    assert_eq!(
        check(&report, "chat-postgres", "hub-db", "icmp", None)["ok"],
        true,
        "isolation still holds beside the failure"
    );
}

#[test]
fn a_run_without_containers_skips_and_never_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topology.yaml");
    std::fs::write(
        &file,
        "version: 1\nproject: nobody-runs-here\nnetworks: {n: {internal: true}}\nservices:\n  a: {container: netctl-absent-a, networks: [n]}\n  b: {container: netctl-absent-b, networks: [n]}\n",
    )
    .unwrap();
    let (code, report) = verify(&file, "netns");
    assert_eq!(code, Some(2), "{report:#}");
    assert_eq!(report["passed"], 0);
    assert!(report["skipped"].as_u64().unwrap() > 0);
}

/// Starts a sidecar verify whose isolation checks keep sidecars busy, then signals netctl.
/// After SIGINT netctl lets the sidecars it is starting start, so all end by themselves; after
/// SIGKILL one may be left created but never started, which the next run's sweep removes.
fn interrupted_sidecars_end_by_their_deadline(signal: &str, sweep_allowed: bool) {
    let mut lab = Sandbox::with_agent(false);
    let file = write_topology(&mut lab);
    let child = Test::new()
        .args(["verify", file.to_str().unwrap(), "--strategy", "sidecar"])
        .args(["--timeout", "3s", "-q"])
        .discard_stdout()
        .spawn();
    let started = Instant::now();
    while lab.sidecars().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no sidecar started"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    child.signal(signal);
    let (status, _) = child.finish(Duration::from_secs(60));
    if !sweep_allowed {
        assert_eq!(status.code(), Some(130), "netctl handles SIGINT");
    }
    let signalled = Instant::now();
    // deadline: timeout 3 s x 1 try + 15 s. A started sidecar ends and removes itself by then;
    // one that netctl created but was killed before starting never runs, and the next run's
    // sweep removes it once its deadline passed.
    let mut swept = false;
    while !lab.sidecars().is_empty() {
        let waited = signalled.elapsed();
        if sweep_allowed && !swept && waited > Duration::from_secs(19) {
            let sweep = netctl(&[
                "verify",
                file.to_str().unwrap(),
                "--strategy",
                "netns",
                "-q",
            ]);
            assert_eq!(sweep.code(), Some(0));
            swept = true;
        }
        assert!(
            waited < Duration::from_secs(25),
            "sidecars outlived their deadline after {signal}: {:?}",
            lab.sidecars()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn sidecars_leave_nothing_behind_after_sigint() {
    interrupted_sidecars_end_by_their_deadline("-INT", false);
}

#[test]
fn sidecars_leave_nothing_behind_after_sigkill() {
    interrupted_sidecars_end_by_their_deadline("-KILL", true);
}

#[test]
fn agent_image_imports_this_netctl_once_and_then_finds_it_current() {
    // The live-test lock: the tag is shared, and another run's netctl would replace it.
    let _serial = Sandbox::new();
    let first = netctl(&["agent", "image"]);
    assert!(first.status.success(), "{}", first.stderr);
    let second = netctl(&["agent", "image"]);
    let said = &second.stdout;
    assert!(second.status.success());
    let tag = format!("netctl-agent:{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(said.trim(), format!("{tag}: already holds this netctl"));
    refresh_removes_the_image_it_replaces(&tag);
}

/// One test with the import above: concurrent imports would race each other.
fn refresh_removes_the_image_it_replaces(tag: &str) {
    let old = lines(&["image", "inspect", "--format", "{{.Id}}", tag]);
    let refreshed = netctl(&["agent", "image", "--refresh"]);
    assert!(refreshed.status.success(), "{}", refreshed.stderr);
    let new = lines(&["image", "inspect", "--format", "{{.Id}}", tag]);
    assert_ne!(old, new, "a refresh imports anew");
    // A concurrent test's sidecar may still run from the old image: then the daemon keeps it.
    let users = lines(&["ps", "-aq", "--filter", &format!("ancestor={}", old[0])]);
    if users.is_empty() {
        let left = docker(&["image", "inspect", &old[0]]);
        assert!(
            !left.status.success(),
            "the replaced image {} is still there",
            old[0]
        );
    }
}
