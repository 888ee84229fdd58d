//! `import --live`: a topology file written from the daemon. Networks the project owns keep
//! their settings; every other network becomes `external: true`, so importing and then
//! planning shows no changes and can never touch a network netctl does not own. The file is
//! written by the one topology writer, [`crate::topology::write`]; network modes (`host`,
//! `none`) are not networks, so nothing imports them.

use crate::live::labels::{self, COMPOSE_SERVICE, DEFAULT_BRIDGE, NETWORK_MODES};
use crate::live::{Container, Endpoint, Network as LiveNetwork, Observed};
use crate::topology::write::{Document, IpamDoc, MembershipDoc, NetworkDoc, PoolDoc, ServiceDoc};
use crate::yaml::OrderedMap;
use std::collections::BTreeMap;

/// The project of an import that names none: it owns nothing, so every network is external.
pub const DEFAULT_PROJECT: &str = "imported";

/// With a project: its owned networks, their members, and those members' other networks (as
/// external). Without: every user-defined network, all external. The default `bridge` comes
/// along (as external, without aliases or addresses) when an imported container is on it, so
/// planning the import shows no drift.
pub fn import(observed: &Observed, project: Option<&str>) -> Document {
    let project_name = project.unwrap_or(DEFAULT_PROJECT);
    let owned = |n: &LiveNetwork| project.is_some() && n.owner() == project;
    let joinable = || {
        observed
            .networks
            .iter()
            .filter(|n| !NETWORK_MODES.contains(&n.settings.name.as_str()))
    };
    let user_defined = || joinable().filter(|n| n.settings.name != DEFAULT_BRIDGE);
    let anchors: Vec<&LiveNetwork> = if project.is_some() {
        user_defined().filter(|n| owned(n)).collect()
    } else {
        user_defined().collect()
    };
    let containers: Vec<&Container> = observed
        .containers
        .iter()
        .filter(|c| anchors.iter().any(|n| c.endpoint_on(&n.id).is_some()))
        .collect();
    let networks: Vec<&LiveNetwork> = joinable()
        .filter(|n| {
            anchors.iter().any(|a| a.id == n.id)
                || containers.iter().any(|c| c.endpoint_on(&n.id).is_some())
        })
        .collect();
    let mut services = BTreeMap::new();
    for container in containers {
        let memberships: BTreeMap<String, MembershipDoc> = container
            .endpoints
            .iter()
            .filter_map(|e| {
                let live = networks.iter().find(|n| n.id == e.network_id)?;
                Some((network_key(live, owned(live)), membership(e, live)))
            })
            .collect();
        let key = service_key(container, &services);
        services.insert(
            key,
            ServiceDoc {
                container: Some(container.name.clone()),
                networks: OrderedMap(memberships.into_iter().collect()),
                ..ServiceDoc::default()
            },
        );
    }
    let networks: BTreeMap<String, NetworkDoc> = networks
        .into_iter()
        .map(|n| (network_key(n, owned(n)), network(n, owned(n))))
        .collect();
    Document {
        networks: OrderedMap(networks.into_iter().collect()),
        services: OrderedMap(services.into_iter().collect()),
        ..Document::new(project_name.to_owned())
    }
}

/// The compose service name when it is free, else the container name (always unique).
fn service_key(container: &Container, taken: &BTreeMap<String, ServiceDoc>) -> String {
    container
        .labels
        .get(COMPOSE_SERVICE)
        .filter(|service| !taken.contains_key(*service))
        .cloned()
        .unwrap_or_else(|| container.name.clone())
}

/// An owned network keeps the key it was created for; any other is keyed by its name.
fn network_key(live: &LiveNetwork, owned: bool) -> String {
    live.settings
        .labels
        .get(labels::NETWORK)
        .filter(|_| owned)
        .cloned()
        .unwrap_or_else(|| live.settings.name.clone())
}

fn network(live: &LiveNetwork, owned: bool) -> NetworkDoc {
    if !owned {
        return NetworkDoc {
            name: Some(live.settings.name.clone()),
            external: true,
            ..NetworkDoc::default()
        };
    }
    let labels = live
        .settings
        .labels
        .iter()
        .filter(|(key, _)| *key != labels::PROJECT && *key != labels::NETWORK)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let ipam = (!live.settings.ipam.pools.is_empty()).then(|| IpamDoc {
        driver: live.settings.ipam.driver.clone().filter(|d| d != "default"),
        config: live
            .settings
            .ipam
            .pools
            .iter()
            .map(|pool| PoolDoc {
                subnet: pool.subnet.to_string(),
                gateway: pool.gateway.map(|g| g.to_string()),
                ip_range: pool.ip_range.map(|r| r.to_string()),
                ..PoolDoc::default()
            })
            .collect(),
        ..IpamDoc::default()
    });
    NetworkDoc {
        name: Some(live.settings.name.clone()),
        external: false,
        driver: (live.settings.driver != "bridge").then(|| live.settings.driver.clone()),
        internal: live.settings.internal,
        attachable: live.settings.attachable,
        enable_ipv6: live.settings.enable_ipv6,
        driver_opts: live.settings.options.clone(),
        labels,
        ipam,
        tags: Vec::new(),
    }
}

/// The default bridge has neither aliases nor static addresses to import.
fn membership(endpoint: &Endpoint, network: &LiveNetwork) -> MembershipDoc {
    if network.settings.name == DEFAULT_BRIDGE {
        return MembershipDoc::default();
    }
    MembershipDoc {
        aliases: endpoint.aliases.clone(),
        ipv4_address: endpoint.ipv4_address.map(|a| a.to_string()),
        ipv6_address: endpoint.ipv6_address.map(|a| a.to_string()),
    }
}
