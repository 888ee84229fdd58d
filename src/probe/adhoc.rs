//! `netctl probe A B` without a topology file: a two-service topology read off the daemon, so
//! the same planner, scheduler and judge work on any two containers. Every network the two are
//! on becomes an external network of that topology (netctl changes nothing in a probe anyway).

use crate::live::{Container, NetworkSettings};
use crate::topology::{Membership, Network, Service, Topology};

/// The project a probe without a file labels its sidecars with.
pub const PROJECT: &str = "netctl-probe";

/// The two containers as services keyed by the names the user typed.
pub fn topology(containers: &[(&str, &Container)]) -> Topology {
    let mut networks: Vec<Network> = Vec::new();
    for (_, container) in containers {
        for endpoint in &container.endpoints {
            if !networks
                .iter()
                .any(|n| n.settings.name == endpoint.network_name)
            {
                networks.push(external(&endpoint.network_name));
            }
        }
    }
    let services = containers
        .iter()
        .map(|(key, container)| service(key, container))
        .collect();
    Topology {
        project: PROJECT.to_owned(),
        networks,
        services,
        expect: Vec::new(),
    }
}

fn external(name: &str) -> Network {
    Network {
        key: name.to_owned(),
        external: true,
        tags: Vec::new(),
        settings: NetworkSettings {
            name: name.to_owned(),
            driver: "bridge".to_owned(),
            ..NetworkSettings::default()
        },
    }
}

fn service(key: &str, container: &Container) -> Service {
    Service {
        key: key.to_owned(),
        container: container.name.clone(),
        compose: None,
        replica_of: None,
        unprobed_replicas: Vec::new(),
        networks: container
            .endpoints
            .iter()
            .map(|endpoint| Membership {
                network: endpoint.network_name.clone(),
                aliases: endpoint.aliases.clone(),
                ipv4_address: None,
                ipv6_address: None,
            })
            .collect(),
        ports: Vec::new(),
        tags: Vec::new(),
        health: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{Endpoint, NetworkMode};

    fn running(name: &str, networks: &[(&str, &[&str])]) -> Container {
        Container {
            id: format!("{name}-id"),
            name: name.to_owned(),
            running: true,
            pid: Some(7),
            labels: Default::default(),
            network_mode: NetworkMode::Own,
            endpoints: networks
                .iter()
                .map(|(network, aliases)| Endpoint {
                    network_id: format!("id-{network}"),
                    network_name: (*network).to_owned(),
                    aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
                    ipv4_address: None,
                    ipv6_address: None,
                    mac_address: None,
                    addresses: Vec::new(),
                })
                .collect(),
            published: Vec::new(),
        }
    }

    #[test]
    fn every_network_of_either_container_becomes_an_external_network_once() {
        let web = running("web-1", &[("app", &["web"]), ("bridge", &[])]);
        let db = running("db-1", &[("app", &["db"])]);
        let topology = topology(&[("web-1", &web), ("db-1", &db)]);
        let names: Vec<&str> = topology.networks.iter().map(|n| n.name()).collect();
        assert_eq!(names, ["app", "bridge"]);
        assert!(topology.networks.iter().all(|n| n.external));
        assert_eq!(topology.services[1].networks[0].aliases, ["db"]);
        assert!(topology.services[0].is_member_of("bridge"));
    }
}
