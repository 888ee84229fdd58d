//! A service's container as probes see it: the live container, and how the topology names
//! each network it is on.
//!
//! A target holds every network the container is on, not only the ones the topology names: an
//! isolation verdict is only true if it tried every address the target has (the default
//! `bridge` of a plain `docker run`, a network made by hand, another project's).

use crate::live::{Container, Endpoint};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The service's key in the topology (what explanations name).
    pub service: String,
    /// As the daemon reports it; its endpoints come in the topology's network order, then the
    /// networks the topology lacks by name.
    pub container: Container,
    /// The topology's key of each network it declares, by network id.
    pub keys: BTreeMap<String, String>,
    /// Networks that forbid traffic between their containers (`enable_icc=false`), by id:
    /// sharing one gives a peer the name, not a path.
    pub quiet: BTreeSet<String>,
    /// The addresses of the other replicas of the same scaled Compose service: the service's
    /// name resolves to all of them, and that is no foreign answer.
    pub siblings: Vec<IpAddr>,
}

impl Target {
    pub fn is_running(&self) -> bool {
        self.container.pid.is_some()
    }

    /// The network's key in the topology, or its Docker name when the topology lacks it.
    pub fn label<'a>(&'a self, endpoint: &'a Endpoint) -> &'a str {
        self.keys
            .get(&endpoint.network_id)
            .map_or(endpoint.network_name.as_str(), String::as_str)
    }

    /// Whether the topology declares the endpoint's network at all.
    pub fn declares(&self, endpoint: &Endpoint) -> bool {
        self.keys.contains_key(&endpoint.network_id)
    }

    pub fn isolates_peers(&self, endpoint: &Endpoint) -> bool {
        self.quiet.contains(&endpoint.network_id)
    }

    /// The topology's networks the container is on, by key.
    pub fn network_keys(&self) -> Vec<&str> {
        self.container
            .endpoints
            .iter()
            .filter(|e| self.declares(e))
            .map(|e| self.label(e))
            .collect()
    }

    fn on(&self, network_id: &str) -> bool {
        self.container.endpoint_on(network_id).is_some()
    }

    /// Every address of the container, on every network: the only addresses a probe towards
    /// it may use, and all of them must stay silent for an isolated pair.
    pub fn addresses(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.container
            .endpoints
            .iter()
            .flat_map(|e| e.addresses.iter().copied())
    }

    pub fn owns(&self, address: IpAddr) -> bool {
        self.addresses().any(|own| own == address)
    }

    /// The endpoint an address belongs to, to say which network a probe went through.
    pub fn endpoint_of(&self, address: IpAddr) -> Option<&Endpoint> {
        self.container
            .endpoints
            .iter()
            .find(|e| e.addresses.contains(&address))
    }

    /// The networks both containers are attached to now, in this target's order.
    pub fn shared_with<'a>(&'a self, other: &'a Target) -> impl Iterator<Item = &'a Endpoint> {
        self.container
            .endpoints
            .iter()
            .filter(|mine| other.on(&mine.network_id))
    }

    /// Where a reachable check aims from `source`: `self`'s addresses on the topology's networks
    /// they share. A path through a network the topology does not name proves nothing it claims.
    pub fn addresses_seen_from(&self, source: &Target) -> Vec<IpAddr> {
        self.shared_with(source)
            .filter(|e| self.declares(e))
            .flat_map(|e| e.addresses.iter().copied())
            .collect()
    }
}

/// Targets for unit tests elsewhere in the probe module.
#[cfg(test)]
pub(crate) mod fixture {
    use super::Target;
    use crate::live::{Container, Endpoint, NetworkMode};

    /// A running target on topology networks, each `(key, address)`; the network id is
    /// `id-<key>`.
    pub(crate) fn target(service: &str, networks: &[(&str, &str)]) -> Target {
        let mut target = Target {
            service: service.to_owned(),
            container: Container {
                id: format!("{service}-id"),
                name: format!("c-{service}"),
                running: true,
                pid: Some(1),
                labels: Default::default(),
                network_mode: NetworkMode::Own,
                endpoints: Vec::new(),
                published: Vec::new(),
            },
            keys: Default::default(),
            quiet: Default::default(),
            siblings: Vec::new(),
        };
        for (network, address) in networks {
            join(&mut target, network, address, true);
        }
        target
    }

    /// Attaches the target to one more network, declared by the topology or not.
    pub(crate) fn join(target: &mut Target, network: &str, address: &str, declared: bool) {
        let id = format!("id-{network}");
        if declared {
            target.keys.insert(id.clone(), network.to_owned());
        }
        target.container.endpoints.push(Endpoint {
            network_id: id,
            network_name: network.to_owned(),
            aliases: Vec::new(),
            ipv4_address: None,
            ipv6_address: None,
            mac_address: None,
            addresses: vec![address.parse().unwrap()],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{join, target};
    use super::*;

    #[test]
    fn reachable_checks_aim_at_the_shared_topology_networks_only() {
        let mut backend = target("backend", &[("shared", "10.0.1.2"), ("hub", "10.0.2.2")]);
        let mut agent = target("agent", &[("web", "10.0.0.3"), ("shared", "10.0.1.3")]);
        join(&mut backend, "bridge", "172.17.0.2", false);
        join(&mut agent, "bridge", "172.17.0.3", false);
        assert_eq!(
            backend.addresses_seen_from(&agent),
            vec!["10.0.1.2".parse::<IpAddr>().unwrap()]
        );
        let shared: Vec<&str> = backend
            .shared_with(&agent)
            .map(|e| backend.label(e))
            .collect();
        assert_eq!(shared, ["shared", "bridge"]);
        assert!(backend.owns("10.0.2.2".parse().unwrap()));
        assert!(backend.owns("172.17.0.2".parse().unwrap()));
        assert!(!backend.owns("10.0.1.3".parse().unwrap()));
        assert_eq!(backend.network_keys(), ["shared", "hub"]);
        let on_bridge = backend.endpoint_of("172.17.0.2".parse().unwrap()).unwrap();
        assert_eq!(backend.label(on_bridge), "bridge");
        assert!(!backend.declares(on_bridge));
    }
}
