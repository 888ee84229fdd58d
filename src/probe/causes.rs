//! Failures grouped by root cause: one broken membership fails every check of every pair that
//! needed it, and a person needs the membership named once, with the pairs it costs and the
//! command that fixes it, not dozens of failed rows. Pure: the report, the topology and the
//! targets as probed in, the causes out, worst first.

use super::results::{CheckResult, Report, Status};
use super::target::Target;
use crate::topology::Topology;
use std::collections::BTreeMap;

/// One reason checks did not pass, and everything it explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The worst status among the checks it explains (failed before unknown before skipped).
    pub status: Status,
    /// What is wrong: "hub-backend is not on `shared`".
    pub what: String,
    /// Who it costs: "3 services expect to reach it".
    pub reach: String,
    /// What to do: "`netctl apply` reconnects it".
    pub fix: String,
    /// The ordered pairs it affects, in report order.
    pub pairs: Vec<(String, String)>,
    /// How many checks it explains.
    pub checks: usize,
}

/// What a check's failure comes down to; checks with the same key share one cause.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// The topology puts the service on the network; the container is not on it.
    Missing { service: String, network: String },
    /// The container is on a network the topology does not give it, joining it to services it
    /// must stay apart from.
    Extra { service: String, network: String },
    /// Both are on a network the topology does not declare at all (`bridge`, one by hand).
    Foreign { network: String },
    /// The service's container does not run (or does not exist).
    Down { service: String },
    /// The target runs in another namespace: nothing to aim at.
    Unprovable { service: String },
    /// A pair expected to connect that the topology puts on no common network.
    Apart { from: String, to: String },
    /// Anything else: the same kind of check toward the same service, as first explained.
    Check {
        status: Status,
        to: String,
        label: String,
    },
}

/// The causes of every listed check that did not pass, worst first, then by how many pairs
/// each costs; services that publish what they must not are causes too.
pub fn group(report: &Report, topology: &Topology, targets: &[Target]) -> Vec<Cause> {
    let find = |service: &str| targets.iter().find(|t| t.service == service);
    let mut grouped: BTreeMap<Key, Cause> = BTreeMap::new();
    for check in report.checks.iter().filter(|c| c.status != Status::Passed) {
        let (from, to) = (find(&check.from), find(&check.to));
        let key = key(check, topology, from, to);
        let cause = grouped
            .entry(key.clone())
            .or_insert_with(|| describe(&key, check, topology, targets));
        cause.checks += 1;
        cause.status = cause.status.min(check.status);
        let pair = (check.from.clone(), check.to.clone());
        if !cause.pairs.contains(&pair) {
            cause.pairs.push(pair);
        }
    }
    let mut causes: Vec<Cause> = grouped
        .into_iter()
        .map(|(key, cause)| with_reach(&key, cause))
        .collect();
    causes.extend(report.exposed().map(|exposure| Cause {
        status: Status::Failed,
        what: exposure.detail.clone(),
        reach: "reachable from outside the host".to_owned(),
        fix: format!(
            "publish on 127.0.0.1 only, or tag {} `public` if it is an entry point",
            exposure.service
        ),
        pairs: Vec::new(),
        checks: 1,
    }));
    causes.sort_by_key(|c| (c.status, std::cmp::Reverse(c.pairs.len())));
    causes
}

fn key(
    check: &CheckResult,
    topology: &Topology,
    from: Option<&Target>,
    to: Option<&Target>,
) -> Key {
    let fallback = || Key::Check {
        status: check.status,
        to: check.to.clone(),
        label: check.label(),
    };
    let (Some(from), Some(to)) = (from, to) else {
        let down = if from.is_none() {
            &check.from
        } else {
            &check.to
        };
        return Key::Down {
            service: down.clone(),
        };
    };
    match check.status {
        Status::Skipped => down(from, to).unwrap_or_else(fallback),
        Status::Unknown if to.container.network_mode.shared_namespace().is_some() => {
            Key::Unprovable {
                service: to.service.clone(),
            }
        }
        Status::Failed if check.expected == super::Expected::Reachable => {
            missing(topology, from, to)
                .or_else(|| apart(topology, from, to))
                .unwrap_or_else(fallback)
        }
        Status::Failed => leak(topology, from, to).unwrap_or_else(fallback),
        Status::Unknown | Status::Passed => fallback(),
    }
}

fn down(from: &Target, to: &Target) -> Option<Key> {
    [from, to]
        .into_iter()
        .find(|t| !t.is_running())
        .map(|t| Key::Down {
            service: t.service.clone(),
        })
}

/// A network the topology puts both on that one of them is not on now.
fn missing(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let declared = |service: &str| topology.service(service).map(|s| &s.networks);
    let (from_networks, to_networks) = (declared(&from.service)?, declared(&to.service)?);
    let shared = from_networks
        .iter()
        .filter(|m| to_networks.iter().any(|n| n.network == m.network));
    for membership in shared {
        for side in [to, from] {
            if !side.network_keys().contains(&membership.network.as_str()) {
                return Some(Key::Missing {
                    service: side.service.clone(),
                    network: membership.network.clone(),
                });
            }
        }
    }
    None
}

/// Both declared, on no network in common: the expectation (an `expect` entry, `--expect
/// reachable`) asks what the file does not give.
fn apart(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let (from_service, to_service) = (
        topology.service(&from.service)?,
        topology.service(&to.service)?,
    );
    let common = from_service
        .networks
        .iter()
        .any(|m| to_service.is_member_of(&m.network));
    // One cause for both directions of the pair.
    let (first, second) = if from.service <= to.service {
        (from, to)
    } else {
        (to, from)
    };
    (!common).then(|| Key::Apart {
        from: first.service.clone(),
        to: second.service.clone(),
    })
}

/// A network both are on now that the topology does not give to one of them (or that the
/// topology does not declare at all).
fn leak(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let given = |target: &Target, network: &str| {
        topology
            .service(&target.service)
            .is_some_and(|s| s.is_member_of(network))
    };
    from.shared_with(to).find_map(|endpoint| {
        if !from.declares(endpoint) {
            return Some(Key::Foreign {
                network: endpoint.network_name.clone(),
            });
        }
        let network = from.label(endpoint);
        let extra = |target: &Target| Key::Extra {
            service: target.service.clone(),
            network: network.to_owned(),
        };
        match (given(from, network), given(to, network)) {
            (true, true) => None,
            (true, false) | (false, false) => Some(extra(to)),
            (false, true) => Some(extra(from)),
        }
    })
}

fn container_of<'a>(targets: &'a [Target], service: &str) -> Option<&'a str> {
    targets
        .iter()
        .find(|t| t.service == service)
        .map(|t| t.container.name.as_str())
}

/// The words of a cause; `reach` is filled once its pairs are known.
fn describe(key: &Key, first: &CheckResult, topology: &Topology, targets: &[Target]) -> Cause {
    let (what, fix) = match key {
        Key::Missing { service, network } => (
            format!("{service} is not on `{network}`"),
            "`netctl apply` reconnects it".to_owned(),
        ),
        Key::Extra { service, network } => (
            format!("{service} is on `{network}`, which the topology does not give it"),
            format!(
                "`netctl apply --prune` disconnects it (by hand: `docker network disconnect {network} {}`)",
                container_of(targets, service).unwrap_or(service)
            ),
        ),
        Key::Foreign { network } => (
            format!("`{network}` joins services the topology keeps apart"),
            format!(
                "`netctl apply --prune` disconnects them from `{network}` (or `docker network disconnect`)"
            ),
        ),
        Key::Down { service } => {
            let container = topology
                .service(service)
                .map_or(service.as_str(), |s| s.container.as_str());
            match container_of(targets, service) {
                Some(name) => (
                    format!("{service} does not run"),
                    format!("start it (`docker start {name}`), then verify again"),
                ),
                None => (
                    format!("{service} has no container (`{container}`)"),
                    "start the service, then verify again".to_owned(),
                ),
            }
        }
        Key::Unprovable { service } => (
            format!("{service} has no network namespace of its own"),
            "give it networks of its own, or leave it out of the topology's pairs".to_owned(),
        ),
        Key::Apart { from, to } => (
            format!(
                "{from} ({}) and {to} ({}) share no network in the topology",
                declared_networks(topology, from),
                declared_networks(topology, to)
            ),
            "put them on a common network, or expect them isolated".to_owned(),
        ),
        Key::Check { to, label, .. } => (
            format!("{label} to {to}: {}", first.detail),
            fix_for(&first.detail).to_owned(),
        ),
    };
    Cause {
        status: first.status,
        what,
        reach: String::new(),
        fix,
        pairs: Vec::new(),
        checks: 0,
    }
}

/// What to do about a failure netctl knows only by its detail; nothing when it cannot say.
fn fix_for(detail: &str) -> &'static str {
    if detail.starts_with("nothing listens on") {
        "start what should listen there, or correct the service's `ports` in the topology"
    } else if detail.contains("did not answer") || detail.contains("did not accept") {
        "look for a firewall rule or a hung process in the target"
    } else if detail.contains("does not resolve") {
        "check the name and its aliases in the topology, then `netctl apply`"
    } else {
        ""
    }
}

/// "web, shared", or "no network".
fn declared_networks(topology: &Topology, service: &str) -> String {
    let keys: Vec<&str> = topology
        .service(service)
        .map(|s| s.networks.iter().map(|m| m.network.as_str()).collect())
        .unwrap_or_default();
    if keys.is_empty() {
        "no network".to_owned()
    } else {
        keys.join(", ")
    }
}

/// "2 pairs expected to reach across it", "12 checks skipped".
fn with_reach(key: &Key, mut cause: Cause) -> Cause {
    let pairs = plural(cause.pairs.len(), "pair");
    let checks = plural(cause.checks, "check");
    cause.reach = match key {
        Key::Missing { service, .. } => {
            let mut partners: Vec<&str> = cause
                .pairs
                .iter()
                .flat_map(|(from, to)| [from.as_str(), to.as_str()])
                .filter(|name| name != service)
                .collect();
            partners.sort_unstable();
            partners.dedup();
            format!("{} expect to reach it", plural(partners.len(), "service"))
        }
        Key::Extra { .. } | Key::Foreign { .. } => format!("{pairs} that must stay apart connect"),
        Key::Down { .. } => format!("{checks} skipped"),
        Key::Unprovable { .. } => format!("{checks} not judged"),
        Key::Apart { .. } | Key::Check { .. } => format!("{checks}, {pairs}"),
    };
    cause
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
