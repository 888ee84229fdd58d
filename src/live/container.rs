//! A container as the daemon reports it: its process, how its network namespace is made, its
//! endpoint on every network it is on (the default `bridge` included) and the ports it
//! publishes on the host. The network list gives all but the process and (before API 1.45)
//! the aliases; an inspect gives everything.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Container {
    pub id: String,
    pub name: String,
    pub running: bool,
    /// The process whose network namespace probes enter; known from an inspect of a running
    /// container only.
    pub pid: Option<u32>,
    pub labels: BTreeMap<String, String>,
    pub network_mode: NetworkMode,
    pub endpoints: Vec<Endpoint>,
    pub published: Vec<PublishedPort>,
}

/// A container's attachment to one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// Names can repeat across networks; ids cannot.
    pub network_id: String,
    pub network_name: String,
    /// The user's aliases only: the daemon's own short-id alias is filtered out.
    pub aliases: Vec<String>,
    /// Static addresses (IPAMConfig), not the ones the daemon picked.
    pub ipv4_address: Option<Ipv4Addr>,
    pub ipv6_address: Option<Ipv6Addr>,
    pub mac_address: Option<String>,
    /// The addresses it has now, picked by the daemon or static: what probes aim at.
    pub addresses: Vec<IpAddr>,
}

/// How a container is attached to a network: what connect sends and what a journal restores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointSpec {
    pub aliases: Vec<String>,
    pub ipv4_address: Option<Ipv4Addr>,
    pub ipv6_address: Option<Ipv6Addr>,
    /// Restored on recreate only; the daemon accepts a MAC on connect from API 1.44.
    pub mac_address: Option<String>,
}

/// Where a container's network namespace comes from. Only a container with a namespace of its
/// own can join or leave networks, and only it has addresses of its own to probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkMode {
    /// `default`, `bridge` or a network's name: the container's own namespace.
    Own,
    Host,
    None,
    /// `container:<id>`: another container's namespace, shared.
    Container(String),
}

/// A container port bound to a port of the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedPort {
    pub container_port: u16,
    /// `tcp`, `udp` or `sctp`.
    pub protocol: String,
    /// `0.0.0.0` or `::` when bound on every interface of the host.
    pub host_ip: IpAddr,
    pub host_port: u16,
}

impl Container {
    pub fn endpoint_on(&self, network_id: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.network_id == network_id)
    }

    /// The Compose service it runs, when Compose started it. Compose gives such a container
    /// the service's name as an alias on every network it joins, so that name is Compose's,
    /// not a difference from the file.
    pub fn compose_service(&self) -> Option<&str> {
        self.labels
            .get(super::labels::COMPOSE_SERVICE)
            .map(String::as_str)
    }

    /// One of netctl's markers (its lock and journal, kept as never-started containers):
    /// bookkeeping, not part of anyone's topology, so views of the daemon leave it out.
    pub fn is_netctl_marker(&self) -> bool {
        let role = self.labels.get(super::labels::ROLE).map(String::as_str);
        matches!(
            role,
            Some(
                super::labels::LOCK_ROLE | super::labels::WATCH_ROLE | super::labels::JOURNAL_ROLE
            )
        )
    }
}

impl Endpoint {
    /// The endpoint's own configuration, as a journal records it for a recreate.
    pub fn spec(&self) -> EndpointSpec {
        EndpointSpec {
            aliases: self.aliases.clone(),
            ipv4_address: self.ipv4_address,
            ipv6_address: self.ipv6_address,
            mac_address: self.mac_address.clone(),
        }
    }
}

impl NetworkMode {
    /// Reads `HostConfig.NetworkMode` as the daemon reports it.
    pub fn from_docker(mode: &str) -> NetworkMode {
        match mode {
            "host" => NetworkMode::Host,
            "none" => NetworkMode::None,
            other => match other.strip_prefix("container:") {
                Some(id) => NetworkMode::Container(id.to_owned()),
                None => NetworkMode::Own,
            },
        }
    }

    /// Why the container has no namespace of its own, in words; `None` when it has one.
    pub fn shared_namespace(&self) -> Option<String> {
        match self {
            NetworkMode::Own => None,
            NetworkMode::Host => Some("network mode `host` (the host's own network)".to_owned()),
            NetworkMode::None => Some("network mode `none` (no network at all)".to_owned()),
            NetworkMode::Container(id) => Some(format!(
                "network mode `container:{}` (another container's network)",
                id.get(..12).unwrap_or(id)
            )),
        }
    }
}

impl PublishedPort {
    /// Bound on every interface: reachable from outside the host.
    pub fn on_all_interfaces(&self) -> bool {
        self.host_ip.is_unspecified()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_modes_tell_a_namespace_of_its_own_from_a_shared_one() {
        for own in ["default", "bridge", "my-net"] {
            assert_eq!(NetworkMode::from_docker(own), NetworkMode::Own);
        }
        assert_eq!(NetworkMode::from_docker("host"), NetworkMode::Host);
        assert_eq!(NetworkMode::from_docker("none"), NetworkMode::None);
        let shared = NetworkMode::from_docker("container:0123456789abcdef");
        assert_eq!(
            shared,
            NetworkMode::Container("0123456789abcdef".to_owned())
        );
        assert!(
            shared
                .shared_namespace()
                .unwrap()
                .contains("container:0123456789ab`")
        );
    }
}
