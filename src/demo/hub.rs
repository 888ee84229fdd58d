//! The Versatile Hub as a demo instance: the file embedded in the binary, its names prefixed
//! with the instance's project, its fixed subnet moved to a free one and its external `web`
//! owned by the demo; a placeholder per service, and the checks that tell it listens.

use super::DemoError;
use crate::instance::{Instance, SubnetRemap, instantiate};
use crate::live::{EndpointSpec, labels};
use crate::probe::daemon::PlaceholderSpec;
use crate::probe::{Check, CheckKind, Expected};
use crate::topology::{Service, Topology, load_str};
use ipnet::{IpNet, Ipv4Net};
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

const HUB: &str = include_str!("../../topologies/versatile-hub.yaml");
/// The file's fixed subnet, moved to a free /24 for the demo.
const HUB_SUBNET: IpNet = IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::new(172, 31, 0, 0), 16));

/// The first reachable TCP check aimed at each (service, port): enough to know it listens.
pub fn one_tcp_check_per_port(checks: &[Check]) -> Vec<Check> {
    let mut seen = std::collections::BTreeSet::new();
    checks
        .iter()
        .filter(|check| check.expected == Expected::Reachable)
        .filter(|check| match &check.kind {
            CheckKind::Tcp { port } => seen.insert((check.to.clone(), *port)),
            _ => false,
        })
        .cloned()
        .collect()
}

/// The hub as this demo's instance: names prefixed, the fixed subnet moved, `web` owned.
pub fn demo_topology(project: &str, subnet: Ipv4Net) -> Result<Topology, DemoError> {
    let topology = load_str(HUB, "versatile-hub.yaml")?;
    let remap = SubnetRemap {
        from: HUB_SUBNET,
        to: IpNet::V4(subnet),
    };
    let instance = Instance {
        project: Some(project.to_owned()),
        remaps: vec![remap],
    };
    let mut topology = instantiate(topology, &instance)?;
    for network in topology.networks.iter_mut().filter(|n| n.external) {
        network.external = false;
        network.settings.name = format!("{project}-{}", network.key);
    }
    Ok(topology)
}

/// The service's placeholder, started on its first network with that membership's settings.
pub fn placeholder(
    topology: &Topology,
    service: &Service,
    image: &str,
    project: &str,
) -> PlaceholderSpec {
    let first = service.networks.first();
    let network = first
        .and_then(|m| topology.network(&m.network))
        .map_or_else(|| "none".to_owned(), |n| n.settings.name.clone());
    let health = service.health.as_ref().map(|h| h.port);
    let mut args = vec!["agent".to_owned(), "serve".to_owned()];
    for port in service.ports.iter().filter(|p| Some(**p) != health) {
        args.extend(["--tcp".to_owned(), port.to_string()]);
    }
    if let Some(port) = health {
        args.extend(["--http".to_owned(), port.to_string()]);
    }
    PlaceholderSpec {
        name: service.container.clone(),
        image: image.to_owned(),
        args,
        network,
        endpoint: EndpointSpec {
            aliases: first.map(|m| m.aliases.clone()).unwrap_or_default(),
            ipv4_address: first.and_then(|m| m.ipv4_address),
            ..EndpointSpec::default()
        },
        labels: BTreeMap::from([(labels::PROJECT.to_owned(), project.to_owned())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipnet::IpNet;
    #[test]
    fn readiness_takes_one_reachable_tcp_check_per_listening_port() {
        let topology =
            demo_topology("netctl-demo-abc123", "10.213.7.0/24".parse().unwrap()).unwrap();
        let readiness = one_tcp_check_per_port(&crate::probe::plan::verify(&topology));
        let declared: usize = topology.services.iter().map(|s| s.ports.len()).sum();
        assert_eq!(readiness.len(), declared);
        assert!(
            readiness
                .iter()
                .all(|c| c.expected == Expected::Reachable
                    && matches!(c.kind, CheckKind::Tcp { .. }))
        );
    }

    #[test]
    fn the_demo_instance_owns_every_network_and_moves_the_fixed_subnet() {
        let subnet: Ipv4Net = "10.213.7.0/24".parse().unwrap();
        let topology = demo_topology("netctl-demo-abc123", subnet).unwrap();
        assert!(topology.networks.iter().all(|n| !n.external));
        assert_eq!(
            topology.network("web").unwrap().settings.name,
            "netctl-demo-abc123-web"
        );
        let hub = topology.network("hub-internal").unwrap();
        assert_eq!(hub.settings.ipam.pools[0].subnet, IpNet::V4(subnet));
        let agent = topology.service("agent").unwrap();
        assert_eq!(agent.container, "netctl-demo-abc123-agent");
    }

    #[test]
    fn a_placeholder_serves_its_ports_on_its_first_network_with_that_membership() {
        let subnet: Ipv4Net = "10.213.7.0/24".parse().unwrap();
        let topology = demo_topology("netctl-demo-abc123", subnet).unwrap();
        let backend = topology.service("hub-backend").unwrap();
        let spec = placeholder(&topology, backend, "netctl-agent:0", "netctl-demo-abc123");
        assert_eq!(spec.args, ["agent", "serve", "--tcp", "8000"]);
        assert_eq!(spec.network, "netctl-demo-abc123-shared");
        assert_eq!(spec.endpoint.aliases, ["hub-api"]);
        assert_eq!(spec.labels[labels::PROJECT], "netctl-demo-abc123");
    }
}
