//! Blast radius: before anything is written, which pairs of containers gain or lose a shared
//! network through a plan, and which lose a network for the length of a recreate. Pure: the
//! observed memberships with the plan's connects and disconnects played over them.

use super::Action;
use crate::live::Observed;
use crate::topology::Topology;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlastRadius {
    /// Pairs that will share networks they do not share now.
    pub gained: Vec<PairChange>,
    /// Pairs that will stop sharing networks they share now.
    pub lost: Vec<PairChange>,
    /// Recreates: who is off the network while it is rebuilt.
    pub interrupted: Vec<Interruption>,
}

/// One unordered pair (service keys, or container names for undeclared containers), `a`
/// before `b`, and the networks the change concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairChange {
    pub a: String,
    pub b: String,
    pub networks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interruption {
    pub network: String,
    /// Every endpoint the recreate detaches and restores.
    pub containers: Vec<String>,
    /// Pairs whose only shared network this is: no contact at all until it is restored.
    pub cut_off: Vec<[String; 2]>,
}

impl BlastRadius {
    pub fn is_empty(&self) -> bool {
        self.gained.is_empty() && self.lost.is_empty() && self.interrupted.is_empty()
    }
}

/// Memberships by container name: the networks each running container is on.
type Memberships = BTreeMap<String, BTreeSet<String>>;

pub fn radius(topology: &Topology, observed: &Observed, actions: &[Action]) -> BlastRadius {
    let before: Memberships = observed
        .containers
        .iter()
        .filter(|c| c.running)
        .map(|c| {
            let networks = c.endpoints.iter().map(|e| e.network_name.clone());
            (c.name.clone(), networks.collect())
        })
        .collect();
    let after = played(&before, actions);
    let name = |container: &str| label(topology, container);
    let (gained, lost) = pair_changes(&before, &after, &name);
    let interrupted = actions
        .iter()
        .filter_map(|action| match action {
            Action::RecreateNetwork {
                spec, endpoints, ..
            } => Some(interruption(
                &spec.name,
                endpoints.iter().map(|r| r.container.as_str()),
                &before,
                &name,
            )),
            _ => None,
        })
        .collect();
    BlastRadius {
        gained,
        lost,
        interrupted,
    }
}

/// The memberships once the plan ran: connects add, disconnects and removals take away.
fn played(before: &Memberships, actions: &[Action]) -> Memberships {
    let mut after = before.clone();
    for action in actions {
        match action {
            Action::Connect {
                network, container, ..
            } => {
                if let Some(networks) = after.get_mut(container) {
                    networks.insert(network.clone());
                }
            }
            Action::Disconnect {
                network, container, ..
            } => {
                if let Some(networks) = after.get_mut(container) {
                    networks.remove(network);
                }
            }
            Action::RemoveNetwork { network, .. } => {
                for networks in after.values_mut() {
                    networks.remove(network);
                }
            }
            _ => {}
        }
    }
    after
}

fn pair_changes(
    before: &Memberships,
    after: &Memberships,
    name: &dyn Fn(&str) -> String,
) -> (Vec<PairChange>, Vec<PairChange>) {
    let changed: Vec<&String> = after
        .iter()
        .filter(|(container, networks)| before.get(*container) != Some(networks))
        .map(|(container, _)| container)
        .collect();
    let mut seen = BTreeSet::new();
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    for one in &changed {
        for other in after.keys().filter(|other| other != one) {
            let (a, b) = ordered(name(one), name(other));
            if !seen.insert((a.clone(), b.clone())) {
                continue;
            }
            let shared_before = shared(before, one, other);
            let shared_after = shared(after, one, other);
            let change = |networks: Vec<&String>| PairChange {
                a: a.clone(),
                b: b.clone(),
                networks: networks.into_iter().cloned().collect(),
            };
            let won: Vec<&String> = shared_after.difference(&shared_before).collect();
            let gone: Vec<&String> = shared_before.difference(&shared_after).collect();
            if !won.is_empty() {
                gained.push(change(won));
            }
            if !gone.is_empty() {
                lost.push(change(gone));
            }
        }
    }
    gained.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    lost.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    (gained, lost)
}

fn interruption<'a>(
    network: &str,
    containers: impl Iterator<Item = &'a str>,
    before: &Memberships,
    name: &dyn Fn(&str) -> String,
) -> Interruption {
    let members: Vec<&str> = containers.collect();
    let mut cut_off = Vec::new();
    for (index, one) in members.iter().enumerate() {
        for other in &members[index + 1..] {
            let only_this = shared(before, one, other)
                .iter()
                .all(|shared| shared == network);
            if only_this {
                let (a, b) = ordered(name(one), name(other));
                cut_off.push([a, b]);
            }
        }
    }
    cut_off.sort();
    Interruption {
        network: network.to_owned(),
        containers: members.iter().map(|c| name(c)).collect(),
        cut_off,
    }
}

fn shared(memberships: &Memberships, one: &str, other: &str) -> BTreeSet<String> {
    match (memberships.get(one), memberships.get(other)) {
        (Some(a), Some(b)) => a.intersection(b).cloned().collect(),
        _ => BTreeSet::new(),
    }
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

/// A declared container by its service key; any other by its container name.
fn label(topology: &Topology, container: &str) -> String {
    topology
        .services
        .iter()
        .find(|s| s.container == container)
        .map_or_else(|| container.to_owned(), |s| s.key.clone())
}
