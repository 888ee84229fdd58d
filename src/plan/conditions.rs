//! What must hold on the daemon before and after a plan read back from a file runs: each
//! action's starting point (a saved plan is applied only while the live state still offers
//! every one) and its result (what apply insists on afterwards). Pure, like `diff`.

use super::diff::overlap;
use super::settings::differences;
use super::{Action, Plan};
use crate::live::{Container, EndpointSpec, Observed};

/// Every precondition the observed state no longer meets, in words; empty when the plan may
/// run exactly as saved.
pub fn unmet(plan: &Plan, observed: &Observed) -> Vec<String> {
    plan.actions
        .iter()
        .enumerate()
        .filter_map(|(index, action)| unmet_by(action, &plan.actions[..index], observed))
        .collect()
}

fn unmet_by(action: &Action, earlier: &[Action], observed: &Observed) -> Option<String> {
    match action {
        Action::CreateNetwork { spec, .. } => {
            if !observed.networks_named(&spec.name).is_empty() {
                return Some(format!("network {} exists now", spec.name));
            }
            overlap(&spec.ipam.pools, observed, None)
        }
        Action::RecreateNetwork {
            id,
            spec,
            endpoints,
            ..
        } => {
            let Some(live) = observed.network(id) else {
                return Some(format!("network {} ({}) is gone", spec.name, short(id)));
            };
            let mut members: Vec<&str> = observed
                .members(live)
                .map(|(c, _)| c.name.as_str())
                .collect();
            let mut restored: Vec<&str> = endpoints.iter().map(|r| r.container.as_str()).collect();
            let pruned = earlier.iter().filter_map(|a| match a {
                Action::Disconnect {
                    network, container, ..
                } if *network == spec.name => Some(container.as_str()),
                _ => None,
            });
            restored.extend(pruned);
            members.sort_unstable();
            restored.sort_unstable();
            (members != restored).then(|| {
                format!(
                    "the members of {} changed (now: {}; planned: {})",
                    spec.name,
                    members.join(", "),
                    restored.join(", ")
                )
            })
        }
        Action::RemoveNetwork { network, id, .. } => observed
            .network(id)
            .is_none()
            .then(|| format!("network {network} ({}) is gone", short(id))),
        Action::Connect {
            network, container, ..
        } => not_running(observed, container)
            .or_else(|| connect_target(observed, earlier, network, container)),
        Action::Reconnect {
            network,
            container,
            from,
            ..
        } => match endpoint(observed, network, container) {
            Some(now) if same(&now, from) => None,
            Some(_) => Some(format!("{container}'s endpoint on {network} changed")),
            None => Some(format!("{container} is not on {network} any more")),
        },
        Action::Disconnect {
            network, container, ..
        } => endpoint(observed, network, container)
            .is_none()
            .then(|| format!("{container} is not on {network} any more")),
        Action::Blocked { reason, .. } => Some(format!("the plan was blocked: {reason}")),
        Action::Pending { .. } | Action::Drift { .. } => None,
    }
}

fn not_running(observed: &Observed, container: &str) -> Option<String> {
    match observed.container(container) {
        Some(c) if c.running => None,
        Some(_) => Some(format!("{container} does not run any more")),
        None => Some(format!("{container} is gone")),
    }
}

/// A connect needs its network (or an earlier create of it) and a container not on it yet.
fn connect_target(
    observed: &Observed,
    earlier: &[Action],
    network: &str,
    container: &str,
) -> Option<String> {
    let created = earlier.iter().any(|a| match a {
        Action::CreateNetwork { spec, .. } | Action::RecreateNetwork { spec, .. } => {
            spec.name == network
        }
        _ => false,
    });
    match observed.networks_named(network).as_slice() {
        [] if created => None,
        [] => Some(format!("network {network} is gone")),
        [live] => on(observed, container, &live.id)
            .map(|_| format!("{container} is on {network} already")),
        _ => Some(format!("{network} names more than one network now")),
    }
}

fn on<'a>(observed: &'a Observed, container: &str, network_id: &str) -> Option<&'a Container> {
    observed
        .container(container)
        .filter(|c| c.endpoint_on(network_id).is_some())
}

/// The container's endpoint on the network of that (unique) name, as its spec.
fn endpoint(observed: &Observed, network: &str, container: &str) -> Option<EndpointSpec> {
    let [live] = observed.networks_named(network)[..] else {
        return None;
    };
    observed
        .container(container)?
        .endpoint_on(&live.id)
        .map(|e| e.spec())
}

/// Aliases and static addresses, as a reconnect compares them (the MAC is the daemon's).
fn same(now: &EndpointSpec, planned: &EndpointSpec) -> bool {
    let sorted = |spec: &EndpointSpec| {
        let mut aliases = spec.aliases.clone();
        aliases.sort();
        aliases.dedup();
        (aliases, spec.ipv4_address, spec.ipv6_address)
    };
    sorted(now) == sorted(planned)
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// Every write of `plan` whose result the observed state does not show, in words: what is
/// left to do after applying it (empty when it all took).
pub fn unfinished(plan: &Plan, observed: &Observed) -> Vec<String> {
    plan.writes()
        .filter_map(|action| unfinished_by(action, observed))
        .collect()
}

fn unfinished_by(action: &Action, observed: &Observed) -> Option<String> {
    match action {
        Action::CreateNetwork { spec, .. } | Action::RecreateNetwork { spec, .. } => {
            match observed.networks_named(&spec.name).as_slice() {
                [live] if differences(spec, live, true).is_empty() => None,
                [_] => Some(format!("network {} has other settings", spec.name)),
                _ => Some(format!("network {} is not there once", spec.name)),
            }
        }
        Action::RemoveNetwork { network, id, .. } => observed
            .network(id)
            .map(|_| format!("network {network} is still there")),
        Action::Connect {
            network,
            container,
            endpoint: wanted,
        }
        | Action::Reconnect {
            network,
            container,
            to: wanted,
            ..
        } => match endpoint(observed, network, container) {
            Some(now) if same(&now, wanted) => None,
            Some(_) => Some(format!("{container}'s endpoint on {network} differs")),
            None => Some(format!("{container} is not on {network}")),
        },
        Action::Disconnect {
            network, container, ..
        } => endpoint(observed, network, container)
            .map(|_| format!("{container} is still on {network}")),
        Action::Blocked { .. } | Action::Pending { .. } | Action::Drift { .. } => None,
    }
}
