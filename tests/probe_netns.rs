//! The netns strategy against the real daemon: a small Versatile Hub of agent containers is
//! verified from inside each container's namespace, isolation always beside reachability.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::lab::{SMALL_HUB as SERVICES, small_hub as hub};
use netctl::probe::{
    self, Check, CheckKind, CheckResult, Expected, Netns, Options, Report, Status,
};
use netctl::render::{Renderer, Table};
use std::time::Duration;

fn options() -> Options {
    Options {
        timeout: Duration::from_millis(500),
        ..Options::default()
    }
}

fn result<'a>(
    report: &'a Report,
    from: &str,
    to: &str,
    kind: &CheckKind,
    expected: Expected,
) -> &'a CheckResult {
    let wanted = CheckResult::new(
        &Check::new(from, to, kind.clone(), expected),
        probe::results::Verdict::passed(Vec::new()),
    );
    report
        .checks
        .iter()
        .find(|c| {
            c.from == from && c.to == to && c.label() == wanted.label() && c.expected == expected
        })
        .unwrap_or_else(|| panic!("no {} {from} -> {to} check", wanted.label()))
}

fn assert_passed(report: &Report, from: &str, to: &str, kind: CheckKind, expected: Expected) {
    let check = result(report, from, to, &kind, expected);
    assert_eq!(
        check.status,
        Status::Passed,
        "{from} -> {to} {kind} {expected}: {:?}",
        check.detail
    );
}

#[test]
fn verify_proves_reachability_and_isolation_of_a_small_hub() {
    let mut lab = Sandbox::with_agent(false);
    let topology = hub(&mut lab);
    let checks = probe::plan::verify(&topology);
    let targets = lab.targets(&SERVICES);
    let report = probe::run(&checks, &targets, &Netns, &options()).unwrap();
    assert!(
        report.holds(),
        "{}{}",
        Table.render(&report),
        netctl::render::summary(&report)
    );

    // Positive checks of the same run, beside the isolation ones below.
    assert_passed(
        &report,
        "chat-bridge",
        "agent",
        CheckKind::Tcp { port: 8080 },
        Expected::Reachable,
    );
    assert_passed(
        &report,
        "chat-bridge",
        "chat-postgres",
        CheckKind::Tcp { port: 5432 },
        Expected::Reachable,
    );
    assert_passed(
        &report,
        "chat-bridge",
        "chat-postgres",
        CheckKind::Icmp,
        Expected::Reachable,
    );
    let alias = CheckKind::Dns {
        name: "hub-api".to_owned(),
    };
    assert_passed(&report, "agent", "hub-backend", alias, Expected::Reachable);
    let health = CheckKind::Http {
        port: 8080,
        path: "/health".to_owned(),
    };
    assert_passed(&report, "hub-backend", "agent", health, Expected::Reachable);
    assert!(
        result(
            &report,
            "hub-backend",
            "agent",
            &CheckKind::Icmp,
            Expected::Reachable
        )
        .latency_ms
        .is_some()
    );

    let db_name = CheckKind::Dns {
        name: lab.name("hub-db"),
    };
    assert_passed(
        &report,
        "chat-postgres",
        "hub-db",
        db_name,
        Expected::Isolated,
    );
    assert_passed(
        &report,
        "chat-postgres",
        "hub-db",
        CheckKind::Icmp,
        Expected::Isolated,
    );
    assert_passed(
        &report,
        "chat-postgres",
        "hub-db",
        CheckKind::Tcp { port: 5432 },
        Expected::Isolated,
    );
}

#[test]
fn failures_explain_themselves_and_aliases_stay_on_their_network() {
    let mut lab = Sandbox::with_agent(false);
    hub(&mut lab);
    let checks = [
        Check::new(
            "agent",
            "hub-backend",
            CheckKind::Tcp { port: 9999 },
            Expected::Reachable,
        ),
        Check::new(
            "agent",
            "hub-db",
            CheckKind::Tcp { port: 5432 },
            Expected::Reachable,
        ),
        Check::new(
            "hub-db",
            "hub-backend",
            CheckKind::Dns {
                name: "backend".to_owned(),
            },
            Expected::Reachable,
        ),
        Check::new(
            "hub-db",
            "hub-backend",
            CheckKind::Dns {
                name: "hub-api".to_owned(),
            },
            Expected::Isolated,
        ),
        Check::new("agent", "hub-backend", CheckKind::Icmp, Expected::Reachable),
    ];
    let options = Options {
        count: 5,
        ..options()
    };
    let report = probe::run(&checks, &lab.targets(&SERVICES), &Netns, &options).unwrap();
    let table = Table.render(&report);
    let explanation = |index: usize| report.checks[index].detail.clone();
    assert_eq!(
        explanation(0),
        "nothing listens on hub-backend:9999",
        "{table}"
    );
    assert_eq!(
        explanation(1),
        "agent and hub-db share no network (agent: web, shared; hub-db: hub-internal)"
    );
    assert_eq!(report.checks[2].status, Status::Passed, "{table}");
    assert_eq!(report.checks[3].status, Status::Passed, "{table}");
    let stats = report.checks[4]
        .latency
        .expect("five tries give statistics");
    assert_eq!(stats.count, 5);
    assert!(stats.min_ms <= stats.p50_ms && stats.p50_ms <= stats.p99_ms);
    assert_eq!((report.passed, report.failed), (3, 2));
    assert!(!report.holds());
}
