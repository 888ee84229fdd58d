//! What netctl knows about a daemon and asks of it, as plain structs: no bollard type leaves
//! `src/docker/`, so an upgrade of the client library touches only the adapter.

use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The label that marks a network (or a container) as created by netctl for a project.
pub const PROJECT_LABEL: &str = "io.netctl.project";
/// The label that records which key of the file a network was created for.
pub const NETWORK_LABEL: &str = "io.netctl.network";
/// The label Compose puts on the networks (and containers) of its projects.
pub const COMPOSE_PROJECT_LABEL: &str = "com.docker.compose.project";
/// Networks swarm attaches containers to by itself: no file declares them.
pub const SWARM_SYSTEM_NETWORKS: [&str; 2] = ["docker_gwbridge", "ingress"];

/// The daemon's state as far as networks go, read in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Observed {
    pub networks: Vec<LiveNetwork>,
    pub containers: Vec<LiveContainer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveNetwork {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub internal: bool,
    pub attachable: bool,
    pub enable_ipv6: bool,
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub ipam: NetworkIpam,
}

/// IPAM settings, the same shape for a live network and a network to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkIpam {
    pub driver: Option<String>,
    pub options: BTreeMap<String, String>,
    pub pools: Vec<Pool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub subnet: IpNet,
    pub gateway: Option<IpAddr>,
    pub ip_range: Option<IpNet>,
    pub aux_addresses: BTreeMap<String, IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveContainer {
    pub id: String,
    pub name: String,
    pub running: bool,
    pub labels: BTreeMap<String, String>,
    pub endpoints: Vec<LiveEndpoint>,
    pub network_mode: NetworkMode,
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

/// A container's attachment to one network, as the daemon reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveEndpoint {
    pub network_id: String,
    pub network_name: String,
    /// The user's aliases only: the daemon's own short-id alias is filtered out.
    pub aliases: Vec<String>,
    /// Static addresses (IPAMConfig), not the ones the daemon picked.
    pub ipv4_address: Option<Ipv4Addr>,
    pub ipv6_address: Option<Ipv6Addr>,
    pub mac_address: Option<String>,
}

/// A network to create: everything the daemon needs, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSpec {
    pub name: String,
    pub driver: String,
    pub internal: bool,
    pub attachable: bool,
    pub enable_ipv6: bool,
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub ipam: NetworkIpam,
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

impl Observed {
    /// Every network of that name: more than one means name lookups are ambiguous.
    pub fn networks_named(&self, name: &str) -> Vec<&LiveNetwork> {
        self.networks.iter().filter(|n| n.name == name).collect()
    }

    pub fn container(&self, name: &str) -> Option<&LiveContainer> {
        self.containers.iter().find(|c| c.name == name)
    }

    pub fn network(&self, id: &str) -> Option<&LiveNetwork> {
        self.networks.iter().find(|n| n.id == id)
    }

    /// The containers attached to a network, with their endpoint there.
    pub fn members<'a>(
        &'a self,
        network: &'a LiveNetwork,
    ) -> impl Iterator<Item = (&'a LiveContainer, &'a LiveEndpoint)> + 'a {
        self.containers.iter().filter_map(move |container| {
            container
                .endpoint_on(&network.id)
                .map(|endpoint| (container, endpoint))
        })
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

impl LiveContainer {
    pub fn endpoint_on(&self, network_id: &str) -> Option<&LiveEndpoint> {
        self.endpoints.iter().find(|e| e.network_id == network_id)
    }
}

impl LiveNetwork {
    /// The project that owns it, when netctl created it.
    pub fn owner(&self) -> Option<&str> {
        self.labels.get(PROJECT_LABEL).map(String::as_str)
    }

    /// A bridge created with `com.docker.network.bridge.enable_icc=false`: its containers
    /// cannot reach each other through it.
    pub fn forbids_peer_traffic(&self) -> bool {
        self.options
            .get("com.docker.network.bridge.enable_icc")
            .is_some_and(|value| value == "false")
    }

    /// The Compose project that made it, if Compose did.
    pub fn compose_project(&self) -> Option<&str> {
        self.labels.get(COMPOSE_PROJECT_LABEL).map(String::as_str)
    }
}

impl LiveEndpoint {
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

/// A daemon event that can change memberships: what `apply --watch` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonEvent {
    /// `container` or `network`.
    pub kind: String,
    /// `start`, `connect`, `disconnect`, `create`, `destroy`.
    pub action: String,
}
