//! What a probe needs to know about a live container: the seam the docker layer fills.

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
    /// The networks the container is attached to now, by topology key, in topology order.
    pub networks: Vec<Endpoint>,
}

/// The container's attachment to one network, as the daemon reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The network's key in the topology.
    pub network: String,
    pub addresses: Vec<IpAddr>,
    pub aliases: Vec<String>,
}

impl Target {
    pub fn is_running(&self) -> bool {
        self.pid.is_some()
    }

    pub fn endpoint(&self, network: &str) -> Option<&Endpoint> {
        self.networks.iter().find(|e| e.network == network)
    }

    pub fn network_keys(&self) -> Vec<&str> {
        self.networks.iter().map(|e| e.network.as_str()).collect()
    }

    /// Every address of the container: the only addresses a probe towards it may use.
    pub fn addresses(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.networks
            .iter()
            .flat_map(|e| e.addresses.iter().copied())
    }

    pub fn owns(&self, address: IpAddr) -> bool {
        self.addresses().any(|own| own == address)
    }

    /// The networks both containers are attached to now, in this target's order.
    pub fn shared_with<'a>(&'a self, other: &'a Target) -> impl Iterator<Item = &'a Endpoint> {
        self.networks
            .iter()
            .filter(|mine| other.endpoint(&mine.network).is_some())
    }

    /// Where to reach `self` from `source`: its addresses on the networks they share.
    pub fn addresses_seen_from(&self, source: &Target) -> Vec<IpAddr> {
        self.shared_with(source)
            .flat_map(|e| e.addresses.iter().copied())
            .collect()
    }
}

/// Targets for unit tests elsewhere in the probe module.
#[cfg(test)]
pub(crate) mod fixture {
    use super::{Endpoint, Target};

    pub(crate) fn target(service: &str, networks: &[(&str, &str)]) -> Target {
        Target {
            service: service.to_owned(),
            container: format!("c-{service}"),
            pid: Some(1),
            networks: networks
                .iter()
                .map(|(network, address)| Endpoint {
                    network: (*network).to_owned(),
                    addresses: vec![address.parse().unwrap()],
                    aliases: Vec::new(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::target;
    use super::*;

    #[test]
    fn addresses_seen_from_a_peer_are_those_on_shared_networks_only() {
        let backend = target("backend", &[("shared", "10.0.1.2"), ("hub", "10.0.2.2")]);
        let agent = target("agent", &[("web", "10.0.0.3"), ("shared", "10.0.1.3")]);
        assert_eq!(
            backend.addresses_seen_from(&agent),
            vec!["10.0.1.2".parse::<IpAddr>().unwrap()]
        );
        assert!(backend.owns("10.0.2.2".parse().unwrap()));
        assert!(!backend.owns("10.0.1.3".parse().unwrap()));
    }
}
