//! The validated topology: what every later stage (plan, matrix, probes, lint) reads.
//!
//! Everything here has been checked; names are Docker names, addresses are parsed, and every
//! membership points at a declared network.

use ipnet::IpNet;
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topology {
    pub project: String,
    /// In file order: the order of matrix columns and of creation.
    pub networks: Vec<Network>,
    /// In file order.
    pub services: Vec<Service>,
    pub expect: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Network {
    /// The key in the file, used in matrices and references.
    pub key: String,
    /// The name on the daemon.
    pub name: String,
    pub driver: String,
    pub driver_opts: BTreeMap<String, String>,
    pub internal: bool,
    pub external: bool,
    pub attachable: bool,
    pub enable_ipv6: bool,
    pub labels: BTreeMap<String, String>,
    pub ipam: Ipam,
    /// Not sent to the daemon: `public` tells lint rules the network is reachable from outside.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ipam {
    pub driver: Option<String>,
    pub options: BTreeMap<String, String>,
    pub pools: Vec<IpamPool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpamPool {
    pub subnet: IpNet,
    pub gateway: Option<IpAddr>,
    pub ip_range: Option<IpNet>,
    pub aux_addresses: BTreeMap<String, IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub key: String,
    pub container: String,
    pub networks: Vec<Membership>,
    pub ports: Vec<u16>,
    pub tags: Vec<String>,
    pub health: Option<HealthCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The network's key in the file.
    pub network: String,
    pub aliases: Vec<String>,
    pub ipv4_address: Option<Ipv4Addr>,
    pub ipv6_address: Option<Ipv6Addr>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthCheck {
    pub port: u16,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expectation {
    pub from: String,
    pub to: String,
    pub port: Option<u16>,
    pub reachable: bool,
}

impl Topology {
    pub fn network(&self, key: &str) -> Option<&Network> {
        self.networks.iter().find(|network| network.key == key)
    }

    pub fn service(&self, key: &str) -> Option<&Service> {
        self.services.iter().find(|service| service.key == key)
    }
}

/// The name of the daemon's default network, the one a plain `docker run` joins.
pub const DEFAULT_BRIDGE: &str = "bridge";

impl Network {
    pub fn is_tagged(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Docker's default `bridge`: no name resolution, no aliases, no static addresses.
    pub fn is_default_bridge(&self) -> bool {
        self.name == DEFAULT_BRIDGE
    }
}

impl Service {
    pub fn membership(&self, network_key: &str) -> Option<&Membership> {
        self.networks.iter().find(|m| m.network == network_key)
    }

    pub fn is_member_of(&self, network_key: &str) -> bool {
        self.membership(network_key).is_some()
    }
}
