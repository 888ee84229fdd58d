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
    /// The container's name: as written, or (for a Compose service) as the daemon's labels
    /// resolved it.
    pub container: String,
    /// A Compose service: its containers are the ones Compose labelled, found on the daemon by
    /// those labels (Compose v1 and v2 name them differently; labels never change).
    pub compose: Option<ComposeSelector>,
    /// For one replica of a scaled Compose service (`web#2`), the service's own key (`web`).
    pub replica_of: Option<String>,
    /// The addresses of the service's replicas this run leaves out (`--replicas one`, past the
    /// bound): the service's name answers with them too, and that is no foreign answer.
    pub unprobed_replicas: Vec<std::net::IpAddr>,
    pub networks: Vec<Membership>,
    pub ports: Vec<u16>,
    pub tags: Vec<String>,
    pub health: Option<HealthCheck>,
}

/// `compose: {project, service}`: the labels `com.docker.compose.project` and
/// `com.docker.compose.service` of the service's containers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComposeSelector {
    pub project: String,
    pub service: String,
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

    /// Whether some service is found by Compose's labels rather than by its name.
    pub fn selects_by_compose(&self) -> bool {
        self.services.iter().any(|s| s.compose.is_some())
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

    /// The key a person knows the service by: the scaled service's for one of its replicas.
    pub fn shown_as(&self) -> &str {
        self.replica_of.as_deref().unwrap_or(&self.key)
    }
}
