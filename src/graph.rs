//! Networks and services as nodes and edges, the input of the mermaid and dot renderers.

use crate::topology::Topology;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Graph {
    pub project: String,
    pub networks: Vec<NetworkNode>,
    pub services: Vec<ServiceNode>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkNode {
    pub key: String,
    pub name: String,
    pub driver: String,
    pub internal: bool,
    pub external: bool,
    pub subnets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceNode {
    pub key: String,
    pub container: String,
    pub ports: Vec<u16>,
}

/// A membership; the label carries what a reader needs to know about it (aliases, static IP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub service: String,
    pub network: String,
    pub label: String,
}

pub fn build(topology: &Topology) -> Graph {
    let networks = topology
        .networks
        .iter()
        .map(|n| NetworkNode {
            key: n.key.clone(),
            name: n.settings.name.clone(),
            driver: n.settings.driver.clone(),
            internal: n.settings.internal,
            external: n.external,
            subnets: n
                .settings
                .ipam
                .pools
                .iter()
                .map(|p| p.subnet.to_string())
                .collect(),
        })
        .collect();
    let services = topology
        .services
        .iter()
        .map(|s| ServiceNode {
            key: s.key.clone(),
            container: s.container.clone(),
            ports: s.ports.clone(),
        })
        .collect();
    let edges = topology
        .services
        .iter()
        .flat_map(|s| {
            s.networks.iter().map(|m| {
                let addresses = m
                    .ipv4_address
                    .map(|a| a.to_string())
                    .into_iter()
                    .chain(m.ipv6_address.map(|a| a.to_string()));
                let label: Vec<String> = m.aliases.iter().cloned().chain(addresses).collect();
                Edge {
                    service: s.key.clone(),
                    network: m.network.clone(),
                    label: label.join(", "),
                }
            })
        })
        .collect();
    Graph {
        project: topology.project.clone(),
        networks,
        services,
        edges,
    }
}

impl NetworkNode {
    /// How the network is drawn and named in legends.
    pub fn kind(&self) -> &'static str {
        match (self.external, self.internal) {
            (true, _) => "external",
            (false, true) => "internal",
            (false, false) => "managed",
        }
    }

    pub fn caption(&self) -> String {
        let mut parts = vec![self.kind().to_owned()];
        if self.driver != "bridge" {
            parts.push(self.driver.clone());
        }
        parts.extend(self.subnets.iter().cloned());
        parts.join(", ")
    }
}
