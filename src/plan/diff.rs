//! `diff`: the file and the observed state in, a plan out. Pure: no daemon, no clock, no disk.

use super::blast;
use super::compose::{self, ComposeOwned};
use super::drift;
use super::settings::{differences, network_spec};
use super::{Action, Plan, Restore};
use crate::live::{Container, Endpoint, EndpointSpec, Network as LiveNetwork, Observed, Pool};
use crate::topology::compose::{Replicas, resolve as resolve_replicas};
use crate::topology::{Membership, Network, Topology};
use std::collections::BTreeSet;
use std::net::IpAddr;

/// What the user allowed this plan to include.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Disconnect undeclared containers from owned networks, remove undeclared owned networks.
    pub prune: bool,
    /// Create a missing external network (without ownership label) instead of blocking.
    pub create_missing_external: bool,
}

pub fn diff(topology: &Topology, observed: &Observed, options: &Options) -> Plan {
    // A Compose service is every replica Compose labelled, each a container to keep right.
    let resolved;
    let topology = if topology.selects_by_compose() {
        resolved = resolve_replicas(topology, &observed.containers, Replicas::All(usize::MAX));
        &resolved.topology
    } else {
        topology
    };
    let mut plan = Ordered::default();
    let elsewhere = drift::shared_namespaces(topology, observed, &mut |a| plan.push(a));
    for network in &topology.networks {
        plan_network(topology, network, observed, options, &elsewhere, &mut plan);
    }
    drift::foreign_memberships(topology, observed, options.prune, &mut |a| plan.push(a));
    if options.prune {
        prune_undeclared_networks(topology, observed, &mut plan);
    } else {
        drift::owned_undeclared(topology, observed, &mut |a| plan.push(a));
    }
    let mut plan = plan.finish(&topology.project);
    plan.blast_radius = blast::radius(topology, observed, &plan.actions);
    plan
}

/// Actions gathered by kind, then laid out in the order apply must run them.
#[derive(Default)]
struct Ordered {
    blocked: Vec<Action>,
    disconnects: Vec<Action>,
    networks: Vec<Action>,
    connects: Vec<Action>,
    removals: Vec<Action>,
    pending: Vec<Action>,
    drift: Vec<Action>,
    compose: Vec<ComposeOwned>,
}

impl Ordered {
    fn push(&mut self, action: Action) {
        let bucket = match action {
            Action::Blocked { .. } => &mut self.blocked,
            Action::Disconnect { .. } => &mut self.disconnects,
            Action::CreateNetwork { .. } | Action::RecreateNetwork { .. } => &mut self.networks,
            Action::Connect { .. } | Action::Reconnect { .. } => &mut self.connects,
            Action::RemoveNetwork { .. } => &mut self.removals,
            Action::Pending { .. } => &mut self.pending,
            Action::Drift { .. } => &mut self.drift,
        };
        bucket.push(action);
    }

    fn finish(self, project: &str) -> Plan {
        let actions = [
            self.blocked,
            self.disconnects,
            self.networks,
            self.connects,
            self.removals,
            self.pending,
            self.drift,
        ]
        .concat();
        Plan {
            project: project.to_owned(),
            actions,
            compose_networks: self.compose,
            ..Plan::default()
        }
    }
}

/// Where a declared network stands, once its live counterpart has been judged.
enum Standing<'a> {
    /// It will exist after the network phase; connects go to it by name.
    Creating,
    Ready(&'a LiveNetwork),
    Recreating(&'a LiveNetwork),
    /// A Compose network whose settings differ from the file: netctl leaves it to Compose, so
    /// a membership the network cannot hold as it is (a static address outside its current
    /// subnets) waits for Compose's recreate.
    Stale(&'a LiveNetwork),
    Blocked,
}

fn plan_network(
    topology: &Topology,
    network: &Network,
    observed: &Observed,
    options: &Options,
    elsewhere: &BTreeSet<String>,
    plan: &mut Ordered,
) {
    let live = observed.networks_named(&network.settings.name);
    let standing = match live.as_slice() {
        [] => missing_network(topology, network, observed, options, plan),
        [one] => existing_network(topology, network, one, observed, options, plan),
        many => {
            let ids: Vec<&str> = many.iter().map(|n| short(&n.id)).collect();
            plan.push(blocked_network(
                network,
                format!(
                    "{} networks are named {} (ids {}); name lookups are ambiguous: remove the \
                     extra ones by id (docker network rm ID)",
                    many.len(),
                    network.settings.name,
                    ids.join(", ")
                ),
            ));
            Standing::Blocked
        }
    };
    plan_memberships(
        topology, network, &standing, observed, options, elsewhere, plan,
    );
}

fn missing_network<'a>(
    topology: &Topology,
    network: &Network,
    observed: &'a Observed,
    options: &Options,
    plan: &mut Ordered,
) -> Standing<'a> {
    if network.external && !options.create_missing_external {
        plan.push(blocked_network(
            network,
            format!(
                "external network {name} does not exist; create it (docker network create \
                 {name}) or run apply --create-missing-external",
                name = network.settings.name
            ),
        ));
        return Standing::Blocked;
    }
    let owned = !network.external;
    let spec = network_spec(network, &topology.project, owned);
    if let Some(reason) = overlap(&spec.ipam.pools, observed, None) {
        plan.push(blocked_network(network, reason));
        return Standing::Blocked;
    }
    plan.push(Action::CreateNetwork { spec, owned });
    Standing::Creating
}

fn existing_network<'a>(
    topology: &Topology,
    network: &Network,
    live: &'a LiveNetwork,
    observed: &'a Observed,
    options: &Options,
    plan: &mut Ordered,
) -> Standing<'a> {
    if network.external {
        return Standing::Ready(live);
    }
    let owned = live.owner() == Some(topology.project.as_str());
    if !owned && let Some(owner) = live.compose_network() {
        return compose_network(network, live, owner, &topology.project, observed, plan);
    }
    let spec = network_spec(network, &topology.project, owned);
    let changes = differences(&spec, live, owned);
    if changes.is_empty() {
        return Standing::Ready(live);
    }
    if !owned {
        let owner = live
            .owner()
            .map_or_else(|| "nobody".to_owned(), |p| format!("project {p}"));
        let listed: Vec<String> = changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field, c.old, c.new))
            .collect();
        plan.push(blocked_network(
            network,
            format!(
                "network {} exists but netctl does not own it (owner: {owner}) and its settings \
                 differ ({}); netctl leaves it untouched: rename the network in the file, or \
                 change or remove the existing one yourself",
                network.settings.name,
                listed.join("; ")
            ),
        ));
        return Standing::Blocked;
    }
    if let Some(reason) = overlap(&spec.ipam.pools, observed, Some(&live.id)) {
        plan.push(blocked_network(network, reason));
        return Standing::Blocked;
    }
    let endpoints = restores(topology, network, live, observed, options, plan);
    let stranded = stranded_addresses(&endpoints, &spec.ipam.pools);
    if !stranded.is_empty() {
        for (container, address, why) in stranded {
            plan.push(Action::Blocked {
                network: Some(network.settings.name.clone()),
                container: Some(container),
                reason: format!(
                    "recreating {} would strand the static address {address}: {why}; change \
                     the address (in the file, or by hand for a container the file does not \
                     declare) or the network's settings first",
                    network.settings.name
                ),
            });
        }
        return Standing::Blocked;
    }
    plan.push(Action::RecreateNetwork {
        id: live.id.clone(),
        spec,
        changes,
        endpoints,
    });
    Standing::Recreating(live)
}

/// A Compose project's network: compared as Compose compares it, never recreated (the plan
/// says so, and where it differs names the Compose command that rebuilds it).
fn compose_network<'a>(
    network: &Network,
    live: &'a LiveNetwork,
    owner: crate::live::ComposeNetwork<'_>,
    project: &str,
    observed: &Observed,
    plan: &mut Ordered,
) -> Standing<'a> {
    let spec = network_spec(network, project, false);
    let changes = compose::compose_differences(&spec, live);
    plan.compose.push(ComposeOwned {
        network: network.settings.name.clone(),
        project: owner.project.to_owned(),
        differs: !changes.is_empty(),
    });
    if changes.is_empty() {
        return Standing::Ready(live);
    }
    plan.push(compose::stale_network(
        &network.settings.name,
        owner,
        &changes,
        observed,
    ));
    Standing::Stale(live)
}

/// Every endpoint a recreate brings back: declared ones as the file says, the others as they
/// are (with `--prune` those are disconnected instead).
fn restores(
    topology: &Topology,
    network: &Network,
    live: &LiveNetwork,
    observed: &Observed,
    options: &Options,
    plan: &mut Ordered,
) -> Vec<Restore> {
    let mut endpoints = Vec::new();
    for (container, endpoint) in observed.members(live) {
        match declared_membership(topology, network, &container.name) {
            Some(membership) => endpoints.push(Restore {
                container: container.name.clone(),
                endpoint: wanted_for(membership, container),
                declared: true,
            }),
            None if options.prune => plan.push(prune_disconnect(network, container)),
            None => {
                endpoints.push(Restore {
                    container: container.name.clone(),
                    endpoint: endpoint.spec(),
                    declared: false,
                });
                plan.push(undeclared_member(topology, network, container));
            }
        }
    }
    endpoints
}

fn stranded_addresses(endpoints: &[Restore], pools: &[Pool]) -> Vec<(String, IpAddr, String)> {
    endpoints
        .iter()
        .flat_map(|restore| {
            let v4 = restore.endpoint.ipv4_address.map(IpAddr::V4);
            let v6 = restore.endpoint.ipv6_address.map(IpAddr::V6);
            v4.into_iter().chain(v6).filter_map(|address| {
                let why = unusable(address, pools)?;
                Some((restore.container.clone(), address, why))
            })
        })
        .collect()
}

/// Why the new network cannot give `address` back: outside its subnets, or reserved there as
/// the gateway or an auxiliary address (the daemon refuses such a reconnect, and the endpoint
/// would wait in the journal).
fn unusable(address: IpAddr, pools: &[Pool]) -> Option<String> {
    let Some(pool) = pools.iter().find(|pool| pool.subnet.contains(&address)) else {
        return Some("it is outside the new subnets".to_owned());
    };
    if pool.gateway == Some(address) {
        return Some("the new network reserves it as its gateway".to_owned());
    }
    pool.aux_addresses
        .iter()
        .find(|(_, reserved)| **reserved == address)
        .map(|(name, _)| format!("the new network reserves it as the auxiliary address {name}"))
}

/// The first live network whose subnet overlaps one of `pools`, named with both subnets.
pub(super) fn overlap(pools: &[Pool], observed: &Observed, except: Option<&str>) -> Option<String> {
    observed
        .networks
        .iter()
        .filter(|live| Some(live.id.as_str()) != except)
        .find_map(|live| {
            pools.iter().find_map(|wanted| {
                live.settings
                    .ipam
                    .pools
                    .iter()
                    .find(|other| {
                        other.subnet.contains(&wanted.subnet.network())
                            || wanted.subnet.contains(&other.subnet.network())
                    })
                    .map(|other| {
                        format!(
                            "subnet {} overlaps network {} ({}); the daemon would refuse it \
                             (\"Pool overlaps with other one on this address space\"): pick \
                             another subnet, or --subnet-remap it",
                            wanted.subnet, live.settings.name, other.subnet
                        )
                    })
            })
        })
}

fn plan_memberships(
    topology: &Topology,
    network: &Network,
    standing: &Standing<'_>,
    observed: &Observed,
    options: &Options,
    elsewhere: &BTreeSet<String>,
    plan: &mut Ordered,
) {
    let live = match standing {
        Standing::Blocked => return,
        Standing::Creating => None,
        Standing::Ready(live) | Standing::Recreating(live) | Standing::Stale(live) => Some(*live),
    };
    let restored = matches!(standing, Standing::Recreating(_));
    for service in &topology.services {
        let Some(membership) = service.membership(&network.key) else {
            continue;
        };
        if elsewhere.contains(&service.container) {
            continue;
        }
        let Some(container) = observed.container(&service.container).filter(|c| c.running) else {
            plan.push(pending(network, &service.container, observed));
            continue;
        };
        let current = live.and_then(|l| container.endpoint_on(&l.id));
        if restored && current.is_some() {
            continue;
        }
        let Some(action) = membership_action(network, container, current, membership) else {
            continue;
        };
        match (standing, &action) {
            (Standing::Stale(live), Action::Connect { endpoint, .. })
            | (Standing::Stale(live), Action::Reconnect { to: endpoint, .. }) => {
                plan.push(wait_for_compose(live, container, endpoint).unwrap_or(action));
            }
            _ => plan.push(action),
        }
    }
    if let Some(live) = live.filter(|_| !restored) {
        undeclared_members(topology, network, live, observed, options, plan);
    }
}

/// Members the file does not put on this network: the topology's own containers anywhere,
/// and any container on a network this project owns. A stranger on a network netctl does not
/// own (Traefik on `web`) is not this file's business.
fn undeclared_members(
    topology: &Topology,
    network: &Network,
    live: &LiveNetwork,
    observed: &Observed,
    options: &Options,
    plan: &mut Ordered,
) {
    for (container, _) in observed.members(live) {
        if declared_membership(topology, network, &container.name).is_some() {
            continue;
        }
        let ours = topology
            .services
            .iter()
            .any(|s| s.container == container.name);
        if !ours && !owns(topology, live) {
            continue;
        }
        plan.push(if options.prune {
            prune_disconnect(network, container)
        } else {
            undeclared_member(topology, network, container)
        });
    }
}

/// On a Compose network netctl leaves stale, a connect whose static address its current
/// subnets cannot hold would fail (or, as a reconnect, leave the container off the network):
/// it waits, as drift, for Compose to recreate the network.
fn wait_for_compose(
    live: &LiveNetwork,
    container: &Container,
    endpoint: &EndpointSpec,
) -> Option<Action> {
    let v4 = endpoint.ipv4_address.map(IpAddr::V4);
    let v6 = endpoint.ipv6_address.map(IpAddr::V6);
    let address = v4.into_iter().chain(v6).find(|address| {
        !live
            .settings
            .ipam
            .pools
            .iter()
            .any(|pool| pool.subnet.contains(address))
    })?;
    Some(Action::Drift {
        network: live.settings.name.clone(),
        container: Some(container.name.clone()),
        reason: format!(
            "{} is to have {address} on {}, outside the network's current subnets: left as it \
             is until Compose recreates the network",
            container.name, live.settings.name
        ),
    })
}

fn undeclared_member(topology: &Topology, network: &Network, container: &Container) -> Action {
    let who = match topology
        .services
        .iter()
        .find(|s| s.container == container.name)
    {
        Some(service) => format!("{} ({})", container.name, service.key),
        None => container.name.clone(),
    };
    Action::Drift {
        network: network.settings.name.clone(),
        container: Some(container.name.clone()),
        reason: format!(
            "{who} is on {}, which the file does not give it: apply --prune disconnects it",
            network.settings.name
        ),
    }
}

fn membership_action(
    network: &Network,
    container: &Container,
    current: Option<&Endpoint>,
    membership: &Membership,
) -> Option<Action> {
    let wanted = wanted_for(membership, container);
    match current {
        None => Some(Action::Connect {
            network: network.settings.name.clone(),
            container: container.name.clone(),
            endpoint: wanted,
        }),
        Some(endpoint) if same_endpoint(endpoint, &wanted, container) => None,
        Some(endpoint) => Some(Action::Reconnect {
            network: network.settings.name.clone(),
            container: container.name.clone(),
            from: EndpointSpec {
                mac_address: None,
                ..endpoint.spec()
            },
            to: wanted,
        }),
    }
}

/// Aliases compare as sets; the container's own name resolves anyway, so the daemon may list
/// it or not without that being drift, and so does a Compose container's service name, which
/// Compose gives it on every network.
fn same_endpoint(live: &Endpoint, wanted: &EndpointSpec, container: &Container) -> bool {
    let implicit = |alias: &&String| {
        alias.as_str() != container.name && Some(alias.as_str()) != container.compose_service()
    };
    let mut aliases: Vec<&String> = live.aliases.iter().filter(implicit).collect();
    aliases.sort();
    aliases.dedup();
    let mut declared: Vec<&String> = wanted.aliases.iter().filter(implicit).collect();
    declared.sort();
    declared.dedup();
    aliases == declared
        && live.ipv4_address == wanted.ipv4_address
        && live.ipv6_address == wanted.ipv6_address
}

/// Whether a live endpoint has the aliases and static addresses the file declares: what
/// decides a reconnect here and a `differs` cell in the drift matrix.
pub fn endpoint_matches(live: &Endpoint, membership: &Membership, container: &Container) -> bool {
    same_endpoint(live, &wanted_endpoint(membership), container)
}

/// The endpoint to give `container`: the declared one, plus, for a Compose container, its
/// service name as an alias, which Compose gives it on every network (a connect or reconnect
/// without it would cut the name its peers reach it by).
fn wanted_for(membership: &Membership, container: &Container) -> EndpointSpec {
    let mut wanted = wanted_endpoint(membership);
    if let Some(service) = container.compose_service()
        && !wanted.aliases.iter().any(|a| a == service)
    {
        wanted.aliases.push(service.to_owned());
        wanted.aliases.sort();
    }
    wanted
}

fn wanted_endpoint(membership: &Membership) -> EndpointSpec {
    let mut aliases = membership.aliases.clone();
    aliases.sort();
    aliases.dedup();
    EndpointSpec {
        aliases,
        ipv4_address: membership.ipv4_address,
        ipv6_address: membership.ipv6_address,
        mac_address: None,
    }
}

fn declared_membership<'a>(
    topology: &'a Topology,
    network: &Network,
    container: &str,
) -> Option<&'a Membership> {
    topology
        .services
        .iter()
        .find(|s| s.container == container)
        .and_then(|s| s.membership(&network.key))
}

fn pending(network: &Network, container: &str, observed: &Observed) -> Action {
    let reason = if observed.container(container).is_some() {
        format!(
            "container {container} is not running; apply connects it to {} once it runs",
            network.settings.name
        )
    } else {
        format!(
            "container {container} does not exist yet; apply connects it to {} once it runs",
            network.settings.name
        )
    };
    Action::Pending {
        network: network.settings.name.clone(),
        container: container.to_owned(),
        reason,
    }
}

fn prune_disconnect(network: &Network, container: &Container) -> Action {
    Action::Disconnect {
        network: network.settings.name.clone(),
        container: container.name.clone(),
        reason: "not declared on this network (--prune)".to_owned(),
    }
}

fn owns(topology: &Topology, live: &LiveNetwork) -> bool {
    live.owner() == Some(topology.project.as_str())
}

/// `--prune`: owned networks the file no longer declares go, after their members leave them.
fn prune_undeclared_networks(topology: &Topology, observed: &Observed, plan: &mut Ordered) {
    for live in drift::owned_but_undeclared(topology, observed) {
        for (container, _) in observed.members(live) {
            plan.push(Action::Disconnect {
                network: live.settings.name.clone(),
                container: container.name.clone(),
                reason: "its network is no longer declared (--prune)".to_owned(),
            });
        }
        plan.push(Action::RemoveNetwork {
            network: live.settings.name.clone(),
            id: live.id.clone(),
            reason: "owned by this project, no longer declared (--prune)".to_owned(),
        });
    }
}

fn blocked_network(network: &Network, reason: String) -> Action {
    Action::Blocked {
        network: Some(network.settings.name.clone()),
        container: None,
        reason,
    }
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}
