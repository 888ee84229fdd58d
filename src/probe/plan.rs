//! The pure planners: which checks `verify` runs, one source container at a time, and `probe`
//! for one pair.

use super::check::{Check, CheckKind, Expected};
use crate::topology::{Expectation, Service, Topology};
use std::collections::{HashMap, HashSet};

/// What `netctl probe` adds on the command line to a pair's default checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub ports: Vec<u16>,
    pub names: Vec<String>,
    /// `(port, path)` pairs from `--http PORT/PATH`.
    pub http: Vec<(u16, String)>,
}

/// Every check of `verify`: each ordered pair must connect when it shares a network and stay
/// isolated when it does not, then the file's own `expect` entries; duplicates are dropped.
/// Holds them all at once: for a small topology (the demo); `verify` itself streams
/// [`sources`].
pub fn verify(topology: &Topology) -> Vec<Check> {
    let mut pairs = Vec::new();
    let mut expected = Vec::new();
    for plan in sources(topology) {
        let (own, theirs) = plan.split();
        pairs.extend(own);
        expected.extend(theirs);
    }
    expected.sort_by_key(|(order, _)| *order);
    pairs.extend(expected.into_iter().map(|(_, check)| check));
    pairs
}

/// The checks of one source container: its pairs, then the file's `expect` entries from it,
/// without duplicates. Duplicates never cross sources (a check names its source), so the
/// sources' plans together are [`verify`]'s checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePlan {
    pub checks: Vec<Check>,
    /// Where each `expect` check (the tail of `checks`, after the pairs) stands among all the
    /// file's expect checks: reports list them after every pair, in the file's order.
    pub expectations: Vec<usize>,
}

impl SourcePlan {
    /// The pairs' checks, and the `expect` checks with their place in the file's order.
    pub fn split(self) -> (Vec<Check>, Vec<(usize, Check)>) {
        let mut checks = self.checks;
        let tail = checks.split_off(checks.len() - self.expectations.len());
        (checks, self.expectations.into_iter().zip(tail).collect())
    }
}

/// One [`SourcePlan`] per service, in file order, each made only when asked for: the checks of
/// the whole topology are never held at once.
pub fn sources(topology: &Topology) -> impl Iterator<Item = SourcePlan> + '_ {
    let places = expectation_places(topology);
    let positions: HashMap<&str, usize> = topology
        .services
        .iter()
        .enumerate()
        .map(|(position, service)| (service.key.as_str(), position))
        .collect();
    topology
        .services
        .iter()
        .map(move |from| source(topology, from, &places, &positions))
}

/// Where each `expect` entry's checks start among all the file's expect checks.
fn expectation_places(topology: &Topology) -> Vec<usize> {
    let mut next = 0;
    topology
        .expect
        .iter()
        .map(|expectation| {
            let place = next;
            next += expectation_checks(topology, expectation).len();
            place
        })
        .collect()
}

/// A pair's checks are distinct, and no two pairs share a check; an `expect` check is kept
/// unless its pair (found by the target's position) or an earlier entry already has it.
fn source(
    topology: &Topology,
    from: &Service,
    places: &[usize],
    positions: &HashMap<&str, usize>,
) -> SourcePlan {
    let mut checks = Vec::new();
    let mut ranges = Vec::with_capacity(topology.services.len());
    for to in &topology.services {
        let start = checks.len();
        if to.key != from.key {
            checks.extend(dedup_in_order(pair(topology, from, to, None)));
        }
        ranges.push(start..checks.len());
    }
    let pairs = checks.len();
    let mut expectations = Vec::new();
    let own = topology
        .expect
        .iter()
        .zip(places)
        .filter(|(expectation, _)| expectation.from == from.key);
    for (expectation, place) in own {
        let of_pair = positions
            .get(expectation.to.as_str())
            .and_then(|&position| ranges.get(position))
            .map_or(&[][..], |range| &checks[range.clone()]);
        let fresh: Vec<(usize, Check)> = expectation_checks(topology, expectation)
            .into_iter()
            .enumerate()
            .filter(|(_, check)| !of_pair.contains(check))
            .map(|(offset, check)| (place + offset, check))
            .collect();
        for (place, check) in fresh {
            if !checks[pairs..].contains(&check) {
                checks.push(check);
                expectations.push(place);
            }
        }
    }
    SourcePlan {
        checks,
        expectations,
    }
}

/// The checks of `netctl probe FROM TO`: what the topology says of the pair (reachable when
/// they share a network, isolated when not, and the file's `expect` entries for it), or what
/// `expected` overrides it with, plus the checks asked for on the command line.
pub fn probe(
    topology: &Topology,
    from: &Service,
    to: &Service,
    extras: &Extras,
    expected: Option<Expected>,
) -> Vec<Check> {
    let mut checks = pair(topology, from, to, expected);
    let expected = checks.first().map_or(Expected::Reachable, |c| c.expected);
    let mut kinds: Vec<CheckKind> = extras
        .names
        .iter()
        .map(|name| CheckKind::Dns { name: name.clone() })
        .collect();
    kinds.extend(extras.ports.iter().map(|&port| CheckKind::Tcp { port }));
    kinds.extend(extras.http.iter().map(|(port, path)| CheckKind::Http {
        port: *port,
        path: path.clone(),
    }));
    checks.extend(
        kinds
            .into_iter()
            .map(|kind| Check::new(&from.key, &to.key, kind, expected)),
    );
    if expected_by_topology(expected, topology, from, to) {
        let own = topology
            .expect
            .iter()
            .filter(|e| e.from == from.key && e.to == to.key);
        checks.extend(own.flat_map(|e| expectation_checks(topology, e)));
    }
    dedup_in_order(checks)
}

/// The file's `expect` entries join a probe only when nobody overrode the expectation.
fn expected_by_topology(
    expected: Expected,
    topology: &Topology,
    from: &Service,
    to: &Service,
) -> bool {
    let shares = !shared_networks(topology, from, to).is_empty();
    (expected == Expected::Reachable) == shares
}

/// One ordered pair: reachable over what they share, or isolated on every count; `expected`
/// overrides what the networks say.
fn pair(
    topology: &Topology,
    from: &Service,
    to: &Service,
    expected: Option<Expected>,
) -> Vec<Check> {
    let shared = shared_networks(topology, from, to);
    let expected = expected.unwrap_or(if shared.is_empty() {
        Expected::Isolated
    } else {
        Expected::Reachable
    });
    let kinds = match expected {
        Expected::Isolated => isolated_kinds(topology, to),
        Expected::Reachable if shared.is_empty() => {
            reachable_kinds(topology, to, &network_keys(to))
        }
        Expected::Reachable => reachable_kinds(topology, to, &shared),
    };
    kinds
        .into_iter()
        .map(|kind| Check::new(&from.key, &to.key, kind, expected))
        .collect()
}

fn reachable_kinds(topology: &Topology, to: &Service, shared: &[String]) -> Vec<CheckKind> {
    let mut kinds: Vec<CheckKind> = dns_names(topology, to, shared)
        .into_iter()
        .map(|name| CheckKind::Dns { name })
        .collect();
    kinds.push(CheckKind::Icmp);
    kinds.extend(to.ports.iter().map(|&port| CheckKind::Tcp { port }));
    kinds.extend(health(to));
    kinds
}

/// Isolation is proven on every name and every port the target could be found by.
fn isolated_kinds(topology: &Topology, to: &Service) -> Vec<CheckKind> {
    let mut kinds: Vec<CheckKind> = dns_names(topology, to, &network_keys(to))
        .into_iter()
        .map(|name| CheckKind::Dns { name })
        .collect();
    kinds.push(CheckKind::Icmp);
    let mut ports = to.ports.clone();
    ports.extend(to.health.as_ref().map(|health| health.port));
    ports.sort_unstable();
    ports.dedup();
    kinds.extend(ports.into_iter().map(|port| CheckKind::Tcp { port }));
    kinds
}

/// An `expect` entry: with a port, a TCP check; without, DNS of the container name and ICMP.
fn expectation_checks(topology: &Topology, expectation: &Expectation) -> Vec<Check> {
    let expected = if expectation.reachable {
        Expected::Reachable
    } else {
        Expected::Isolated
    };
    let kinds = match (expectation.port, topology.service(&expectation.to)) {
        (Some(port), _) => vec![CheckKind::Tcp { port }],
        (None, Some(to)) => dns_names(topology, to, &network_keys(to))
            .into_iter()
            .take(1)
            .map(|name| CheckKind::Dns { name })
            .chain([CheckKind::Icmp])
            .collect(),
        (None, None) => vec![CheckKind::Icmp],
    };
    kinds
        .into_iter()
        .map(|kind| Check::new(&expectation.from, &expectation.to, kind, expected))
        .collect()
}

/// The names a peer on `networks` can resolve: the container name, then the aliases the
/// service has on them (aliases are per network). Docker's default `bridge` has no name
/// resolution, so a pair that meets only there has no name to check.
fn dns_names(topology: &Topology, service: &Service, networks: &[String]) -> Vec<String> {
    let resolving: Vec<&String> = networks
        .iter()
        .filter(|key| {
            topology
                .network(key)
                .is_none_or(|network| !network.is_default_bridge())
        })
        .collect();
    if resolving.is_empty() {
        return Vec::new();
    }
    let aliases = service
        .networks
        .iter()
        .filter(|m| resolving.contains(&&m.network))
        .flat_map(|m| m.aliases.iter().cloned());
    let mut names = vec![service.container.clone()];
    for alias in aliases {
        if !names.contains(&alias) {
            names.push(alias);
        }
    }
    names
}

/// The networks both services are on, in the file's network order.
fn shared_networks(topology: &Topology, a: &Service, b: &Service) -> Vec<String> {
    topology
        .networks
        .iter()
        .map(|network| &network.key)
        .filter(|key| a.is_member_of(key) && b.is_member_of(key))
        .cloned()
        .collect()
}

fn network_keys(service: &Service) -> Vec<String> {
    service.networks.iter().map(|m| m.network.clone()).collect()
}

fn health(service: &Service) -> Option<CheckKind> {
    service.health.as_ref().map(|health| CheckKind::Http {
        port: health.port,
        path: health.path.clone(),
    })
}

fn dedup_in_order(checks: Vec<Check>) -> Vec<Check> {
    let mut seen = HashSet::new();
    checks
        .into_iter()
        .filter(|check| seen.insert(check.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::load_str;

    const HUB: &str = include_str!("../../topologies/versatile-hub.yaml");

    fn hub() -> Topology {
        load_str(HUB, "versatile-hub.yaml").unwrap()
    }

    fn between<'a>(checks: &'a [Check], from: &str, to: &str) -> Vec<&'a Check> {
        checks
            .iter()
            .filter(|c| c.from == from && c.to == to)
            .collect()
    }

    #[test]
    fn a_pair_that_shares_a_network_must_resolve_ping_and_connect() {
        let checks = verify(&hub());
        let kinds: Vec<String> = between(&checks, "agent", "hub-backend")
            .iter()
            .map(|c| format!("{} {}", c.kind, c.expected))
            .collect();
        assert_eq!(
            kinds,
            [
                "dns versatile-hub-backend reachable",
                "dns hub-api reachable",
                "icmp reachable",
                "tcp 8000 reachable",
            ]
        );
    }

    #[test]
    fn aliases_on_networks_the_pair_does_not_share_are_not_expected_to_resolve() {
        let checks = verify(&hub());
        let names: Vec<String> = between(&checks, "hub-frontend", "hub-backend")
            .iter()
            .filter_map(|c| match &c.kind {
                CheckKind::Dns { name } => Some(name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["versatile-hub-backend", "backend"]);
    }

    #[test]
    fn a_pair_that_shares_nothing_must_stay_isolated_on_every_name_and_port() {
        let checks = verify(&hub());
        let pair = between(&checks, "agent", "hub-db");
        assert!(pair.iter().all(|c| c.expected == Expected::Isolated));
        let kinds: Vec<String> = pair.iter().map(|c| c.kind.to_string()).collect();
        assert_eq!(kinds, ["dns versatile-hub-db", "icmp", "tcp 5432"]);
    }

    #[test]
    fn expectations_already_covered_by_the_pairs_are_not_repeated() {
        let checks = verify(&hub());
        let agent_to_backend_8000 = checks
            .iter()
            .filter(|c| c.from == "agent" && c.to == "hub-backend")
            .filter(|c| c.kind == CheckKind::Tcp { port: 8000 })
            .count();
        assert_eq!(agent_to_backend_8000, 1);
    }

    /// What `verify` planned before it streamed: every pair, then every expect entry, with
    /// duplicates dropped across the whole list.
    fn all_at_once(topology: &Topology) -> Vec<Check> {
        let mut checks = Vec::new();
        for from in &topology.services {
            for to in topology.services.iter().filter(|to| to.key != from.key) {
                checks.extend(pair(topology, from, to, None));
            }
        }
        for expectation in &topology.expect {
            checks.extend(expectation_checks(topology, expectation));
        }
        dedup_in_order(checks)
    }

    #[test]
    fn planned_source_by_source_the_checks_and_their_order_are_unchanged() {
        let yaml = "version: 1\nproject: p\nnetworks:\n  a: {}\n  b: {}\nservices:\n  xx: {networks: [a]}\n  yy: {networks: [b], ports: [80]}\n  zz: {networks: [a, b], ports: [80, 90]}\nexpect:\n  - {from: zz, to: yy, port: 90, reachable: false}\n  - {from: xx, to: yy, port: 80, reachable: true}\n  - {from: zz, to: yy, port: 80, reachable: true}\n  - {from: xx, to: zz, reachable: false}\n  - {from: zz, to: yy, port: 90, reachable: false}\n";
        for topology in [hub(), load_str(yaml, "t.yaml").unwrap()] {
            let streamed = verify(&topology);
            assert_eq!(streamed, all_at_once(&topology));
            let per_source: usize = sources(&topology).map(|plan| plan.checks.len()).sum();
            assert_eq!(per_source, streamed.len());
        }
    }

    #[test]
    fn every_ordered_pair_gets_checks() {
        let topology = hub();
        let checks = verify(&topology);
        let services = topology.services.len();
        let pairs: std::collections::HashSet<(&str, &str)> = checks
            .iter()
            .map(|c| (c.from.as_str(), c.to.as_str()))
            .collect();
        assert_eq!(pairs.len(), services * (services - 1));
    }

    #[test]
    fn an_expectation_that_contradicts_the_networks_is_kept_so_it_can_fail() {
        let yaml = "version: 1\nproject: p\nnetworks:\n  a: {}\n  b: {}\nservices:\n  xx: {networks: [a]}\n  yy: {networks: [b], ports: [80]}\nexpect:\n  - {from: xx, to: yy, port: 80, reachable: true}\n";
        let checks = verify(&load_str(yaml, "t.yaml").unwrap());
        assert!(checks.contains(&Check::new(
            "xx",
            "yy",
            CheckKind::Tcp { port: 80 },
            Expected::Reachable
        )));
        assert!(checks.contains(&Check::new(
            "xx",
            "yy",
            CheckKind::Tcp { port: 80 },
            Expected::Isolated
        )));
    }

    #[test]
    fn probe_adds_the_command_line_extras_after_the_defaults() {
        let topology = hub();
        let from = topology.service("agent").unwrap();
        let to = topology.service("hub-backend").unwrap();
        let extras = Extras {
            ports: vec![9000],
            names: vec!["hub-backend.versatile-shared".to_owned()],
            http: vec![(8000, "/health".to_owned())],
        };
        let kinds: Vec<String> = probe(&topology, from, to, &extras, None)
            .iter()
            .map(|c| format!("{} {}", c.kind, c.expected))
            .collect();
        assert_eq!(
            kinds,
            [
                "dns versatile-hub-backend reachable",
                "dns hub-api reachable",
                "icmp reachable",
                "tcp 8000 reachable",
                "dns hub-backend.versatile-shared reachable",
                "tcp 9000 reachable",
                "http 8000/health reachable",
            ]
        );
    }

    #[test]
    fn probe_expects_what_the_topology_says_of_the_pair_unless_overridden() {
        let topology = hub();
        let agent = topology.service("agent").unwrap();
        let db = topology.service("chat-postgres").unwrap();
        let plain = Extras::default();
        let isolated = probe(&topology, agent, db, &plain, None);
        assert!(!isolated.is_empty());
        assert!(isolated.iter().all(|c| c.expected == Expected::Isolated));
        let kinds: Vec<String> = isolated.iter().map(|c| c.kind.to_string()).collect();
        assert_eq!(kinds, ["dns versatile-chat-postgres", "icmp", "tcp 5432"]);
        let forced = probe(&topology, agent, db, &plain, Some(Expected::Reachable));
        assert!(forced.iter().all(|c| c.expected == Expected::Reachable));
        assert!(forced.contains(&Check::new(
            "agent",
            "chat-postgres",
            CheckKind::Tcp { port: 5432 },
            Expected::Reachable
        )));
    }

    #[test]
    fn a_pair_that_meets_only_on_the_default_bridge_gets_no_dns_checks() {
        let yaml = "version: 1\nproject: p\nnetworks:\n  default: {external: true, name: bridge}\n  app: {}\nservices:\n  xx: {networks: [default]}\n  yy: {networks: [default, app], ports: [80]}\n";
        let topology = load_str(yaml, "t.yaml").unwrap();
        let checks = verify(&topology);
        let kinds: Vec<String> = between(&checks, "xx", "yy")
            .iter()
            .map(|c| format!("{} {}", c.kind, c.expected))
            .collect();
        assert_eq!(kinds, ["icmp reachable", "tcp 80 reachable"]);
        let back: Vec<String> = between(&checks, "yy", "xx")
            .iter()
            .map(|c| c.kind.to_string())
            .collect();
        assert_eq!(back, ["icmp"]);
    }
}
