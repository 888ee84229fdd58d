//! Drift the file does not describe: memberships of the topology's containers on networks the
//! file does not give them (the default `bridge` of a plain `docker run`, a network made by
//! hand, another project's), networks this project owns that the file no longer declares, and
//! containers that cannot join networks at all. An empty plan must mean the daemon matches
//! the file, so every plan shows them; `--prune` removes what netctl may touch.

use super::Action;
use crate::live::labels::{DEFAULT_BRIDGE, SWARM_SYSTEM_NETWORKS};
use crate::live::{Container, Endpoint, Network as LiveNetwork, Observed};
use crate::topology::{Service, Topology};
use std::collections::BTreeSet;

/// Declared containers that run in another namespace (`host`, `none`, `container:`) and that
/// the file puts on networks: Docker cannot connect or disconnect them, so the plan is
/// blocked, naming each. Returns their names, whose memberships the planner then skips.
pub fn shared_namespaces(
    topology: &Topology,
    observed: &Observed,
    push: &mut impl FnMut(Action),
) -> BTreeSet<String> {
    let mut blocked = BTreeSet::new();
    for service in topology.services.iter().filter(|s| !s.networks.is_empty()) {
        let Some(container) = observed.container(&service.container) else {
            continue;
        };
        let Some(mode) = container.network_mode.shared_namespace() else {
            continue;
        };
        push(Action::Blocked {
            network: None,
            container: Some(container.name.clone()),
            reason: format!(
                "{} runs with {mode}: Docker cannot connect it to networks or disconnect it; \
                 recreate it with a network of its own (netctl never recreates containers), \
                 or take its networks out of the file",
                container.name
            ),
        });
        blocked.insert(container.name.clone());
    }
    blocked
}

/// Every membership of a declared container on a network the topology does not declare.
/// With `prune`, the ones on `bridge` and on unlabelled networks become disconnects; those on
/// another project's or Compose's networks stay drift, with the command that fixes them.
/// Networks this project owns are left to [`owned_undeclared`].
pub fn foreign_memberships(
    topology: &Topology,
    observed: &Observed,
    prune: bool,
    push: &mut impl FnMut(Action),
) {
    for service in &topology.services {
        let Some(container) = observed
            .container(&service.container)
            .filter(|c| c.network_mode.shared_namespace().is_none())
        else {
            continue;
        };
        for endpoint in undeclared_endpoints(topology, container) {
            let live = observed.network(&endpoint.network_id);
            if live.is_some_and(|n| n.owner() == Some(topology.project.as_str())) {
                continue;
            }
            push(foreign_membership(
                service, container, endpoint, live, prune,
            ));
        }
    }
}

fn undeclared_endpoints<'a>(
    topology: &'a Topology,
    container: &'a Container,
) -> impl Iterator<Item = &'a Endpoint> + 'a {
    container.endpoints.iter().filter(|endpoint| {
        !SWARM_SYSTEM_NETWORKS.contains(&endpoint.network_name.as_str())
            && !topology
                .networks
                .iter()
                .any(|n| n.settings.name == endpoint.network_name)
    })
}

fn foreign_membership(
    service: &Service,
    container: &Container,
    endpoint: &Endpoint,
    live: Option<&LiveNetwork>,
    prune: bool,
) -> Action {
    let network = endpoint.network_name.clone();
    let what = format!(
        "{} ({}) is on {network}, which the file does not give it",
        container.name, service.key
    );
    match live.and_then(foreign_owner) {
        None if prune => Action::Disconnect {
            network,
            container: container.name.clone(),
            reason: "not declared in the file (--prune)".to_owned(),
        },
        None => Action::Drift {
            reason: format!("{what}: apply --prune disconnects it"),
            network,
            container: Some(container.name.clone()),
        },
        Some(owner) => Action::Drift {
            reason: format!(
                "{what}; {network} belongs to {owner}, so netctl leaves it: disconnect it \
                 yourself (docker network disconnect {network} {})",
                container.name
            ),
            network,
            container: Some(container.name.clone()),
        },
    }
}

/// Who a network belongs to when netctl must not disconnect from it: another netctl project or
/// a Compose project. `bridge` and unlabelled networks belong to nobody in particular.
fn foreign_owner(network: &LiveNetwork) -> Option<String> {
    if network.settings.name == DEFAULT_BRIDGE {
        return None;
    }
    network
        .owner()
        .map(|project| format!("netctl project {project}"))
        .or_else(|| {
            network
                .compose_project()
                .map(|project| format!("Compose project {project}"))
        })
}

/// Without `--prune`, a network this project owns that the file no longer declares is drift:
/// one line per network, naming its members.
pub fn owned_undeclared(topology: &Topology, observed: &Observed, push: &mut impl FnMut(Action)) {
    for live in owned_but_undeclared(topology, observed) {
        let members: Vec<&str> = observed
            .members(live)
            .map(|(container, _)| container.name.as_str())
            .collect();
        let holding = if members.is_empty() {
            String::new()
        } else {
            format!(" (members: {})", members.join(", "))
        };
        push(Action::Drift {
            network: live.settings.name.clone(),
            container: None,
            reason: format!(
                "network {} is owned by project {} but the file no longer declares it{holding}: \
                 apply --prune disconnects its members and removes it",
                live.settings.name, topology.project
            ),
        });
    }
}

/// Networks labelled as this project's that no declared network names.
pub fn owned_but_undeclared<'a>(
    topology: &'a Topology,
    observed: &'a Observed,
) -> impl Iterator<Item = &'a LiveNetwork> + 'a {
    observed.networks.iter().filter(|live| {
        live.owner() == Some(topology.project.as_str())
            && !topology
                .networks
                .iter()
                .any(|n| n.settings.name == live.settings.name)
    })
}
