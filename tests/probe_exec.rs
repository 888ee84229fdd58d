//! The exec strategy against the real daemon: `docker exec` of the containers' own busybox
//! tools proves the small hub; in a container without the tools, checks say what is missing
//! instead of claiming the peer is unreachable (or, worse, isolated); an HTTP check reports a
//! redirect as the service's answer and never follows it.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::lab::{CliExec, SMALL_HUB, small_hub};
use netctl::docker::{Endpoint, Engine};
use netctl::probe::live::DaemonExec;
use netctl::probe::{
    self, Budget, Check, CheckKind, Exec, Expected, Limits, Netns, Options, Outcome, Probe, Status,
    Strategy, Target,
};
use netctl::render::{Renderer, Table};
use std::sync::Arc;
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
        Some(last.detail.as_str()),
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
    // Nothing could be judged: unknown, never failed (nor passed).
    assert_eq!(
        (report.unknown, report.failed, report.passed),
        (2, 0, 0),
        "{}",
        Table.render(&report)
    );
    for check in &report.checks {
        assert_eq!(check.status, Status::Unknown);
        let explanation = check.detail.as_str();
        assert!(
            explanation.contains("the container has no `timeout`"),
            "{explanation}"
        );
    }
    assert!(
        report.checks[1]
            .detail
            .as_str()
            .contains("isolation is unproven")
    );
}

/// `redirector` answers 302 with a Location at `landing`, a container the source reaches too.
/// Through the docker layer (bollard, the request on the exec's stdin), the exec strategy
/// reports that 302, as the netns strategy does, and judges it alike (a 3xx holds); `landing`
/// never hears a request.
#[test]
fn the_exec_strategy_reports_a_redirect_and_never_follows_it() {
    let mut lab = Sandbox::with_agent(true);
    lab.lab_network("a");
    lab.service("client", &[("a", &[])], &[], None);
    lab.http_stub("landing", "a", 8081, "HTTP/1.0 200 OK\\r\\n\\r\\n");
    let landing = address(&lab.target("landing"));
    let moved =
        format!("HTTP/1.0 302 Found\\r\\nLocation: http://{landing}:8081/landed\\r\\n\\r\\n");
    lab.http_stub("redirector", "a", 8080, &moved);
    let targets = lab.targets(&["client", "redirector"]);
    let probe = Probe::Http {
        address: address(&targets[1]),
        port: 8080,
        path: "/health".to_owned(),
        host: targets[1].container.name.clone(),
    };
    let options = Options {
        timeout: Duration::from_millis(2000),
        ..Options::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let endpoint = Endpoint::parse(std::env::var("DOCKER_HOST").ok().as_deref(), None).unwrap();
    let strategy = Exec {
        executor: DaemonExec {
            daemon: Arc::new(runtime.block_on(Engine::connect(&endpoint)).unwrap()),
            runtime: runtime.handle().clone(),
        },
    };
    let budget = Budget::new(Limits::for_this_process(None));
    let outcome = |strategy: &dyn Strategy| {
        let attempts = strategy.run(&targets[0], std::slice::from_ref(&probe), &options, &budget);
        attempts.unwrap()[0][0].outcome.clone()
    };
    assert_eq!(outcome(&strategy), Outcome::HttpStatus(302));
    assert_eq!(outcome(&Netns), Outcome::HttpStatus(302));

    let check = Check::new(
        "client",
        "redirector",
        CheckKind::Http {
            port: 8080,
            path: "/health".to_owned(),
        },
        Expected::Reachable,
    );
    let report = probe::run(&[check], &targets, &strategy, &options).unwrap();
    assert_eq!(report.passed, 1, "{}", Table.render(&report));

    let heard = lab.logs("redirector");
    assert_eq!(
        heard.matches("request: GET /health HTTP/1.0").count(),
        3,
        "{heard}"
    );
    let landed = lab.logs("landing");
    assert!(
        !landed.contains("request:"),
        "the redirect was followed: {landed}"
    );
}

fn address(target: &Target) -> std::net::IpAddr {
    target.container.endpoints[0].addresses[0]
}
