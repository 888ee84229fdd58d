//! The sidecar strategy against the real daemon: an agent container sharing each source's
//! network namespace runs the probes; it proves the small hub, leaves nothing behind, and ends
//! itself at its deadline even when nobody is left to stop it.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::docker::docker_ok;
use harness::lab::{SMALL_HUB, small_hub};
use netctl::probe::{self, Check, CheckKind, Expected, Options, Sidecar, Status};
use netctl::render::{Renderer, Table};
use std::time::{Duration, Instant};

#[test]
fn the_sidecar_strategy_proves_the_small_hub_and_leaves_nothing_behind() {
    let mut lab = Sandbox::with_agent(false);
    let topology = small_hub(&mut lab);
    let mut checks = probe::plan::verify(&topology);
    let closed = Check::new(
        "agent",
        "hub-backend",
        CheckKind::Tcp { port: 9999 },
        Expected::Reachable,
    );
    checks.push(closed);
    let strategy = Sidecar {
        runner: lab.sidecar(),
    };
    let options = Options {
        timeout: Duration::from_millis(500),
        ..Options::default()
    };
    let report = probe::run(&checks, &lab.targets(&SMALL_HUB), &strategy, &options).unwrap();

    let (last, verified) = report.checks.split_last().unwrap();
    assert!(
        verified.iter().all(|c| c.status == Status::Passed),
        "{}",
        Table.render(&report)
    );
    assert!(verified.iter().any(|c| c.expected == Expected::Isolated));
    assert!(
        verified
            .iter()
            .any(|c| c.name.as_deref() == Some("hub-api") && c.from == "agent")
    );
    assert_eq!(
        Some(last.detail.as_str()),
        Some("nothing listens on hub-backend:9999")
    );
    assert_eq!(
        lab.labelled_containers().len(),
        SMALL_HUB.len(),
        "a sidecar was left behind"
    );
}

#[test]
fn a_sidecar_left_alone_ends_itself_at_its_deadline() {
    let mut lab = Sandbox::with_agent(false);
    lab.lab_network("net");
    lab.service("source", &[("net", &[])], &[], None);
    // A name nobody answers on an internal network: the probe would wait its whole minute.
    let probes = r#"[{"kind":"dns","name":"nobody-answers-this"}]"#;
    let network = format!("container:{}", lab.name("source"));
    let label = format!("io.netctl.test={}", lab.id);
    let started = Instant::now();
    let image = lab.agent_image().to_owned();
    docker_ok(&[
        "run",
        "-d",
        "--rm",
        "--network",
        &network,
        "--label",
        &label,
        "--label",
        "io.netctl.role=sidecar",
        &image,
        "agent",
        "probe",
        "--timeout",
        "60s",
        "--deadline",
        "2",
        "--probes",
        probes,
    ]);
    assert_eq!(lab.labelled_containers().len(), 2, "the sidecar runs");
    while lab.labelled_containers().len() > 1 {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the sidecar outlived its deadline"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "the sidecar ended before its deadline"
    );
}
