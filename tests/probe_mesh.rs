//! The full mesh of the 14-service Versatile Hub, the demo's topology, verified with the netns
//! strategy: every check holds. The file is the real one; only the names on the daemon are the
//! lab's own (and every network internal, so no probe or DNS query ever leaves the host). How
//! long it takes is measured by scripts/bench-probe.sh, never asserted here.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::lab::versatile_hub;
use netctl::probe::{self, Netns, Options};
use netctl::render::{Renderer, Table};
use std::time::Duration;

#[test]
fn the_full_mesh_of_the_versatile_hub_holds() {
    let mut lab = Sandbox::with_agent(false);
    let topology = versatile_hub(&mut lab);
    let services: Vec<&str> = topology.services.iter().map(|s| s.key.as_str()).collect();
    let checks = probe::plan::verify(&topology);
    let options = Options {
        timeout: Duration::from_millis(500),
        ..Options::default()
    };
    let targets = lab.targets(&services);
    let report = probe::run(&checks, &targets, &Netns, &options).unwrap();
    assert!(
        report.holds(),
        "{}{}",
        Table.render(&report),
        netctl::render::summary(&report)
    );
    assert_eq!(report.passed, checks.len());
    let isolated = report
        .checks
        .iter()
        .filter(|c| c.expected == probe::Expected::Isolated)
        .count();
    assert!(
        isolated > 0 && isolated < checks.len(),
        "reachability and isolation in one run"
    );
}
