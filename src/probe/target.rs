//! What a probe needs to know about a live container: the seam the docker layer fills.
//!
//! A target holds every network the container is on, not only the ones the topology names: an
//! isolation verdict is only true if it tried every address the target has (the default
//! `bridge` of a plain `docker run`, a network made by hand, another project's).

use crate::docker::{NetworkMode, PublishedPort};
use serde::Serialize;
use std::net::IpAddr;

/// One declared service as it runs now; the docker layer builds these from `inspect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The service's key in the topology (what explanations name).
    pub service: String,
    pub container: String,
    /// The process whose network namespace probes enter; `None` when the container does not run.
    pub pid: Option<u32>,
    /// Every network the container is attached to now: the topology's, in topology order,
    /// then the others by name.
    pub networks: Vec<Endpoint>,
    /// Without a namespace of its own (`host`, `none`, `container:`) a container has no
    /// address to probe, so nothing about reaching it can be proven.
    pub network_mode: NetworkMode,
    /// Ports it publishes on the host.
    pub published: Vec<PublishedPort>,
}

/// The container's attachment to one network, as the daemon reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The network's key in the topology, or its Docker name when the topology lacks it.
    pub network: String,
    /// The daemon's id: two containers share a network when the ids match.
    pub network_id: String,
    /// Whether the topology declares this network at all.
    pub in_topology: bool,
    /// The network forbids traffic between its containers (`enable_icc=false`): sharing it
    /// gives a peer the name, not a path.
    pub isolates_peers: bool,
    pub addresses: Vec<IpAddr>,
    pub aliases: Vec<String>,
}

impl Target {
    pub fn is_running(&self) -> bool {
        self.pid.is_some()
    }

    /// The topology's networks the container is on, by key.
    pub fn network_keys(&self) -> Vec<&str> {
        self.topology_endpoints()
            .map(|e| e.network.as_str())
            .collect()
    }

    fn topology_endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.networks.iter().filter(|e| e.in_topology)
    }

    fn on(&self, network_id: &str) -> bool {
        self.networks.iter().any(|e| e.network_id == network_id)
    }

    /// Every address of the container, on every network: the only addresses a probe towards
    /// it may use, and all of them must stay silent for an isolated pair.
    pub fn addresses(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.networks
            .iter()
            .flat_map(|e| e.addresses.iter().copied())
    }

    pub fn owns(&self, address: IpAddr) -> bool {
        self.addresses().any(|own| own == address)
    }

    /// The endpoint an address belongs to, to say which network a probe went through.
    pub fn endpoint_of(&self, address: IpAddr) -> Option<&Endpoint> {
        self.networks
            .iter()
            .find(|e| e.addresses.contains(&address))
    }

    /// The networks both containers are attached to now, in this target's order.
    pub fn shared_with<'a>(&'a self, other: &'a Target) -> impl Iterator<Item = &'a Endpoint> {
        self.networks
            .iter()
            .filter(|mine| other.on(&mine.network_id))
    }

    /// Where a reachable check aims from `source`: `self`'s addresses on the topology's networks
    /// they share. A path through a network the topology does not name proves nothing it claims.
    pub fn addresses_seen_from(&self, source: &Target) -> Vec<IpAddr> {
        self.shared_with(source)
            .filter(|e| e.in_topology)
            .flat_map(|e| e.addresses.iter().copied())
            .collect()
    }
}

/// Targets for unit tests elsewhere in the probe module.
#[cfg(test)]
pub(crate) mod fixture {
    use super::{Endpoint, NetworkMode, Target};

    /// A running target on topology networks, each `(key, address)`; the network id is the key.
    pub(crate) fn target(service: &str, networks: &[(&str, &str)]) -> Target {
        Target {
            service: service.to_owned(),
            container: format!("c-{service}"),
            pid: Some(1),
            networks: networks
                .iter()
                .map(|(network, address)| endpoint(network, address, true))
                .collect(),
            network_mode: NetworkMode::Own,
            published: Vec::new(),
        }
    }

    pub(crate) fn endpoint(network: &str, address: &str, in_topology: bool) -> Endpoint {
        Endpoint {
            network: network.to_owned(),
            network_id: format!("id-{network}"),
            in_topology,
            isolates_peers: false,
            addresses: vec![address.parse().unwrap()],
            aliases: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{endpoint, target};
    use super::*;

    #[test]
    fn reachable_checks_aim_at_the_shared_topology_networks_only() {
        let mut backend = target("backend", &[("shared", "10.0.1.2"), ("hub", "10.0.2.2")]);
        let mut agent = target("agent", &[("web", "10.0.0.3"), ("shared", "10.0.1.3")]);
        backend
            .networks
            .push(endpoint("bridge", "172.17.0.2", false));
        agent.networks.push(endpoint("bridge", "172.17.0.3", false));
        assert_eq!(
            backend.addresses_seen_from(&agent),
            vec!["10.0.1.2".parse::<IpAddr>().unwrap()]
        );
        let shared: Vec<&str> = backend
            .shared_with(&agent)
            .map(|e| e.network.as_str())
            .collect();
        assert_eq!(shared, ["shared", "bridge"]);
        assert!(backend.owns("10.0.2.2".parse().unwrap()));
        assert!(backend.owns("172.17.0.2".parse().unwrap()));
        assert!(!backend.owns("10.0.1.3".parse().unwrap()));
        assert_eq!(backend.network_keys(), ["shared", "hub"]);
        assert_eq!(
            backend
                .endpoint_of("172.17.0.2".parse().unwrap())
                .map(|e| e.network.as_str()),
            Some("bridge")
        );
    }
}
