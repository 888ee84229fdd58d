//! A probe that always failed would pass every isolation check, so these tests change the
//! networks under the probes: an isolated pair that gets connected must become reachable, a
//! membership broken by hand must fail verify with the right words, a stopped one is skipped.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use netctl::probe::{self, Netns, Options, Report, Status};
use netctl::render::{Renderer, Table};
use netctl::topology::{Topology, load_str};
use std::time::Duration;

const SERVICES: [&str; 3] = ["alpha", "beta", "gamma"];

fn options() -> Options {
    Options {
        timeout: Duration::from_millis(400),
        ..Options::default()
    }
}

/// alpha on `a`, beta on `b`, gamma on both: alpha and beta must stay apart.
fn triangle(lab: &mut Sandbox) -> Topology {
    lab.lab_network("a");
    lab.lab_network("b");
    lab.service("alpha", &[("a", &[])], &[7000], None);
    lab.service("beta", &[("b", &["bee"])], &[7000], None);
    lab.service("gamma", &[("a", &[]), ("b", &[])], &[7000], None);
    let run = &lab.id;
    let yaml = format!(
        "version: 1
project: {run}
networks:
  a: {{name: {run}-a, internal: true}}
  b: {{name: {run}-b, internal: true}}
services:
  alpha: {{container: {run}-alpha, networks: [a], ports: [7000]}}
  beta:
    container: {run}-beta
    networks:
      b: {{aliases: [bee]}}
    ports: [7000]
  gamma: {{container: {run}-gamma, networks: [a, b], ports: [7000]}}
"
    );
    load_str(&yaml, "lab.yaml").unwrap()
}

fn verify(lab: &Sandbox, topology: &Topology) -> Report {
    let checks = probe::plan::verify(topology);
    probe::run(&checks, &lab.targets(&SERVICES), &Netns, &options()).unwrap()
}

fn between<'a>(report: &'a Report, from: &str, to: &str) -> Vec<&'a probe::CheckResult> {
    report
        .checks
        .iter()
        .filter(|c| c.from == from && c.to == to)
        .collect()
}

#[test]
fn an_isolated_pair_becomes_reachable_once_connected() {
    let mut lab = Sandbox::with_agent(false);
    let topology = triangle(&mut lab);
    let before = verify(&lab, &topology);
    assert!(before.holds(), "{}", Table.render(&before));
    assert!(
        between(&before, "alpha", "beta")
            .iter()
            .all(|c| c.expected == probe::Expected::Isolated)
    );

    lab.connect("alpha", "b", &[]);
    let (alpha, beta) = (
        topology.service("alpha").unwrap(),
        topology.service("beta").unwrap(),
    );
    let reachable = probe::plan::probe(
        &topology,
        alpha,
        beta,
        &probe::Extras::default(),
        Some(probe::Expected::Reachable),
    );
    let after = probe::run(&reachable, &lab.targets(&SERVICES), &Netns, &options()).unwrap();
    assert!(after.holds(), "{}", Table.render(&after));
    assert_eq!(
        after.passed, 4,
        "dns of the name and the alias, icmp, tcp 7000"
    );

    let broken = verify(&lab, &topology);
    let isolation = between(&broken, "alpha", "beta");
    assert!(
        isolation.iter().all(|c| c.status == Status::Failed),
        "{}",
        Table.render(&broken)
    );
    let explanation = isolation[0].detail.as_str();
    assert!(
        explanation.contains("through `b` (")
            && explanation.ends_with("they share it now, which the topology does not say"),
        "{explanation}"
    );
}

#[test]
fn a_membership_broken_by_hand_fails_verify_and_says_why() {
    let mut lab = Sandbox::with_agent(false);
    let topology = triangle(&mut lab);
    lab.disconnect("gamma", "a");
    let report = verify(&lab, &topology);
    assert!(!report.holds());
    let gamma_to_alpha = between(&report, "gamma", "alpha");
    assert!(gamma_to_alpha.iter().all(|c| c.status == Status::Failed));
    assert_eq!(
        Some(gamma_to_alpha[0].detail.as_str()),
        Some("gamma and alpha share no network (gamma: b; alpha: a)")
    );
    assert!(
        between(&report, "gamma", "beta")
            .iter()
            .all(|c| c.status == Status::Passed),
        "{}",
        Table.render(&report)
    );
}

#[test]
fn a_container_that_does_not_run_is_skipped_and_the_run_does_not_hold() {
    let mut lab = Sandbox::with_agent(false);
    let topology = triangle(&mut lab);
    lab.stop("beta");
    let report = verify(&lab, &topology);
    let skipped: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status == Status::Skipped)
        .collect();
    let involving_beta = report
        .checks
        .iter()
        .filter(|c| c.from == "beta" || c.to == "beta");
    assert_eq!(skipped.len(), involving_beta.count());
    let stopped = format!("{} does not run", lab.name("beta"));
    assert!(skipped.iter().all(|c| c.detail == stopped.as_str()));
    assert!(report.passed > 0 && report.failed == 0 && report.skipped > 0);
    assert!(!report.holds());
}
