//! A declared container as probes need it: its process (whose network namespace they enter),
//! its addresses and aliases on every network it is on, how its namespace is shared, and the
//! ports it publishes on the host, from one inspect per container.

use super::engine::user_aliases;
use super::model::NetworkMode;
use super::{DockerError, Engine};
use bollard::models::{ContainerInspectResponse, PortMap};
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr};

/// A container as the daemon reports it now; `pid` is `None` when it does not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningContainer {
    pub id: String,
    pub name: String,
    pub pid: Option<u32>,
    /// Every network it is attached to, the default `bridge` included, sorted by name.
    pub endpoints: Vec<Attachment>,
    pub network_mode: NetworkMode,
    pub published: Vec<PublishedPort>,
}

/// One network the container is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The daemon's id of the network: names can repeat, ids cannot.
    pub network_id: String,
    pub network_name: String,
    pub addresses: Vec<IpAddr>,
    pub aliases: Vec<String>,
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

impl PublishedPort {
    /// Bound on every interface: reachable from outside the host.
    pub fn on_all_interfaces(&self) -> bool {
        self.host_ip.is_unspecified()
    }
}

impl Engine {
    /// One call; a container that does not exist is `None`, not an error.
    pub async fn inspect_running(
        &self,
        name: &str,
    ) -> Result<Option<RunningContainer>, DockerError> {
        match self
            .call(
                || format!("inspecting container {name}"),
                self.client.inspect_container(name, None),
            )
            .await
        {
            Err(error) if error.status() == Some(404) => Ok(None),
            other => Ok(Some(running_container(name, other?))),
        }
    }
}

fn running_container(name: &str, inspected: ContainerInspectResponse) -> RunningContainer {
    let id = inspected.id.unwrap_or_default();
    let short_id: String = id.chars().take(12).collect();
    let state = inspected.state.unwrap_or_default();
    let pid = state
        .pid
        .filter(|pid| *pid > 0 && state.running == Some(true))
        .and_then(|pid| u32::try_from(pid).ok());
    let network_mode = inspected
        .host_config
        .and_then(|config| config.network_mode)
        .map_or(NetworkMode::Own, |mode| NetworkMode::from_docker(&mode));
    let settings = inspected.network_settings.unwrap_or_default();
    let published = published_ports(settings.ports.unwrap_or_default());
    let mut endpoints: Vec<Attachment> = settings
        .networks
        .unwrap_or_default()
        .into_iter()
        .map(|(network_name, settings)| Attachment {
            network_id: settings.network_id.unwrap_or_default(),
            network_name,
            addresses: [settings.ip_address, settings.global_ipv6_address]
                .into_iter()
                .flatten()
                .filter_map(|a| a.parse().ok())
                .collect(),
            aliases: user_aliases(settings.aliases, &short_id),
        })
        .collect();
    endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
    RunningContainer {
        id,
        name: name.to_owned(),
        pid,
        endpoints,
        network_mode,
        published,
    }
}

/// `{"5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "15432"}]}` into one entry per binding;
/// exposed ports without a binding (`null`) publish nothing. An empty host IP is every
/// interface, as the daemon treats it.
fn published_ports(ports: PortMap) -> Vec<PublishedPort> {
    let mut published: Vec<PublishedPort> = ports
        .into_iter()
        .flat_map(|(key, bindings)| {
            let (port, protocol) = key.split_once('/').unwrap_or((key.as_str(), "tcp"));
            let container_port = port.parse::<u16>().ok();
            let protocol = protocol.to_owned();
            bindings
                .unwrap_or_default()
                .into_iter()
                .filter_map(move |binding| {
                    Some(PublishedPort {
                        container_port: container_port?,
                        protocol: protocol.clone(),
                        host_ip: match binding.host_ip.as_deref() {
                            None | Some("") => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                            Some(ip) => ip.parse().ok()?,
                        },
                        host_port: binding.host_port?.parse().ok()?,
                    })
                })
        })
        .collect();
    published.sort_by(|a, b| {
        (a.container_port, &a.protocol, a.host_ip, a.host_port).cmp(&(
            b.container_port,
            &b.protocol,
            b.host_ip,
            b.host_port,
        ))
    });
    published.dedup();
    published
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::PortBinding;

    fn binding(ip: &str, port: &str) -> PortBinding {
        PortBinding {
            host_ip: Some(ip.to_owned()),
            host_port: Some(port.to_owned()),
        }
    }

    #[test]
    fn published_ports_read_every_binding_and_skip_unpublished_ones() {
        let ports = PortMap::from([
            (
                "5432/tcp".to_owned(),
                Some(vec![binding("0.0.0.0", "15432"), binding("::", "15432")]),
            ),
            ("6379/tcp".to_owned(), None),
            (
                "53/udp".to_owned(),
                Some(vec![binding("127.0.0.1", "5353")]),
            ),
            ("80/tcp".to_owned(), Some(vec![binding("", "8080")])),
        ]);
        let published = published_ports(ports);
        let shown: Vec<String> = published
            .iter()
            .map(|p| {
                format!(
                    "{}/{} {}:{} {}",
                    p.container_port,
                    p.protocol,
                    p.host_ip,
                    p.host_port,
                    p.on_all_interfaces()
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "53/udp 127.0.0.1:5353 false",
                "80/tcp 0.0.0.0:8080 true",
                "5432/tcp 0.0.0.0:15432 true",
                "5432/tcp :::15432 true",
            ]
        );
    }

    #[test]
    fn network_modes_tell_a_namespace_of_its_own_from_a_shared_one() {
        for own in ["default", "bridge", "my-net"] {
            assert_eq!(NetworkMode::from_docker(own), NetworkMode::Own);
        }
        assert_eq!(NetworkMode::from_docker("host"), NetworkMode::Host);
        assert_eq!(NetworkMode::from_docker("none"), NetworkMode::None);
        assert_eq!(
            NetworkMode::from_docker("container:0123456789abcdef"),
            NetworkMode::Container("0123456789abcdef".to_owned())
        );
        assert!(
            NetworkMode::from_docker("container:0123456789abcdef")
                .shared_namespace()
                .unwrap()
                .contains("container:0123456789ab`")
        );
    }
}
