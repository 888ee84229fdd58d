//! The validated topology: what every later stage (plan, matrix, probes, lint) reads.
//!
//! Everything here has been checked; names are Docker names, addresses are parsed, and every
//! membership points at a declared network.

use crate::live::NetworkSettings;
use crate::live::labels::DEFAULT_BRIDGE;
use serde::Serialize;
use std::net::{Ipv4Addr, Ipv6Addr};

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
    /// Managed outside netctl: never created, changed or removed by it.
    pub external: bool,
    /// Not sent to the daemon: `public` tells lint rules the network is reachable from outside.
    pub tags: Vec<String>,
    /// What the daemon holds for it, as the file says (the Docker name among them); the
    /// ownership labels are added only when netctl creates it.
    pub settings: NetworkSettings,
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

impl Network {
    /// The Docker name.
    pub fn name(&self) -> &str {
        &self.settings.name
    }

    pub fn is_tagged(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Docker's default `bridge`: no name resolution, no aliases, no static addresses.
    pub fn is_default_bridge(&self) -> bool {
        self.settings.name == DEFAULT_BRIDGE
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
