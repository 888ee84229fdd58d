//! Speed: the full mesh of the 14-service Versatile Hub, the demo's topology, verified with the
//! netns strategy in under 3 s. The file is the real one; only the names on the daemon are the
//! lab's own (and every network internal, so no probe or DNS query ever leaves the host).

#![allow(clippy::unwrap_used)]

mod support_probe;

use netctl::probe::{self, Netns, Options};
use netctl::render::{Renderer, Table};
use netctl::topology::{Topology, load_str};
use std::time::{Duration, Instant};
use support_probe::Lab;

const HUB: &str = include_str!("../topologies/versatile-hub.yaml");

/// Starts one agent per service, listening on its ports, with the file's memberships and
/// aliases; returns the topology renamed to the lab's containers.
fn build(lab: &mut Lab) -> Topology {
    let mut topology = load_str(HUB, "versatile-hub.yaml").unwrap();
    for network in &topology.networks {
        lab.network(&network.key);
    }
    for service in &mut topology.services {
        let memberships: Vec<(&str, Vec<&str>)> = service
            .networks
            .iter()
            .map(|m| {
                (
                    m.network.as_str(),
                    m.aliases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let with_aliases: Vec<(&str, &[&str])> = memberships
            .iter()
            .map(|(key, aliases)| (*key, aliases.as_slice()))
            .collect();
        lab.service(&service.key, &with_aliases, &service.ports, None);
        service.container = lab.container_name(&service.key);
    }
    topology
}

#[test]
fn the_full_mesh_of_the_versatile_hub_verifies_in_under_three_seconds() {
    let mut lab = Lab::new();
    let topology = build(&mut lab);
    let services: Vec<&str> = topology.services.iter().map(|s| s.key.as_str()).collect();
    let checks = probe::plan::verify(&topology);
    let options = Options {
        timeout: Duration::from_millis(500),
        ..Options::default()
    };
    let started = Instant::now();
    let targets = lab.targets(&services);
    let report = probe::run(&checks, &targets, &Netns, &options).unwrap();
    let elapsed = started.elapsed();
    assert!(
        report.holds(),
        "{}{}",
        Table.render(&report),
        report.summary()
    );
    assert_eq!(report.passed, checks.len());
    eprintln!(
        "{} checks in {elapsed:?}: {}",
        checks.len(),
        report.summary()
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "the mesh took {elapsed:?}"
    );
}
