//! The exec strategy against the real daemon: `docker exec` of the containers' own busybox
//! tools proves the small hub; in a container without the tools, checks say what is missing
//! instead of claiming the peer is unreachable (or, worse, isolated).

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::lab::{CliExec, SMALL_HUB, small_hub};
use netctl::probe::{self, Check, CheckKind, Exec, Expected, Options, Status};
use netctl::render::{Renderer, Table};
use std::time::Duration;

#[test]
fn the_exec_strategy_proves_the_small_hub_with_the_containers_tools() {
    let mut lab = Sandbox::with_agent(true);
    let topology = small_hub(&mut lab);
    let mut checks = probe::plan::verify(&topology);
    checks.push(Check::new(
        "agent",
        "hub-backend",
        CheckKind::Tcp { port: 9999 },
        Expected::Reachable,
    ));
    let options = Options {
        timeout: Duration::from_millis(1000),
        ..Options::default()
    };
    let strategy = Exec { executor: CliExec };
    let report = probe::run(&checks, &lab.targets(&SMALL_HUB), &strategy, &options).unwrap();

    let (last, verified) = report.checks.split_last().unwrap();
    assert!(
        verified.iter().all(|c| c.status == Status::Passed),
        "{}",
        Table.render(&report)
    );
    assert!(verified.iter().any(|c| c.expected == Expected::Isolated));
    assert!(verified.iter().any(|c| c.kind == "http" && c.ok));
    assert_eq!(
        last.explanation.as_deref(),
        Some("nothing listens on hub-backend:9999")
    );
}

#[test]
fn without_the_tools_the_exec_strategy_says_so_and_proves_nothing() {
    let mut lab = Sandbox::with_agent(false);
    lab.lab_network("a");
    lab.lab_network("b");
    lab.service("bare", &[("a", &[])], &[], None);
    lab.service("peer", &[("a", &[])], &[7000], None);
    lab.service("other", &[("b", &[])], &[7000], None);
    let checks = [
        Check::new(
            "bare",
            "peer",
            CheckKind::Tcp { port: 7000 },
            Expected::Reachable,
        ),
        Check::new(
            "bare",
            "other",
            CheckKind::Tcp { port: 7000 },
            Expected::Isolated,
        ),
    ];
    let strategy = Exec { executor: CliExec };
    let targets = lab.targets(&["bare", "peer", "other"]);
    let report = probe::run(&checks, &targets, &strategy, &Options::default()).unwrap();
    assert_eq!(report.failed, 2, "{}", Table.render(&report));
    for check in &report.checks {
        let explanation = check.explanation.as_deref().unwrap();
        assert!(
            explanation.contains("the container has no `timeout`"),
            "{explanation}"
        );
    }
    assert!(
        report.checks[1]
            .explanation
            .as_deref()
            .unwrap()
            .contains("isolation is unproven")
    );
}
