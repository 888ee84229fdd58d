//! The boundary: bollard's types into `live/`'s and netctl's requests into bollard's. Nothing
//! else in the crate names a bollard model, so a client upgrade changes this file only.

use crate::live::{
    Container, Endpoint, EndpointSpec, Ipam as LiveIpam, Network as LiveNetwork, NetworkMode,
    NetworkSettings, Pool, PublishedPort,
};
use bollard::models::{
    ContainerInspectResponse, ContainerSummary, ContainerSummaryStateEnum, EndpointIpamConfig,
    EndpointSettings, Ipam, IpamConfig, Network, NetworkCreateRequest, PortMap, PortSummary,
    PortSummaryTypeEnum,
};
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr};

/// A listed network; a pool the daemon reports in a form netctl cannot read is an error that
/// names it, never a silently different subnet.
pub fn network(network: Network) -> Result<LiveNetwork, String> {
    let ipam = network.ipam.unwrap_or_default();
    let pools = ipam
        .config
        .unwrap_or_default()
        .into_iter()
        .filter_map(|config| pool(config).transpose())
        .collect::<Result<Vec<_>, String>>()?;
    Ok(LiveNetwork {
        id: network.id.unwrap_or_default(),
        settings: NetworkSettings {
            name: network.name.unwrap_or_default(),
            driver: network.driver.unwrap_or_default(),
            internal: network.internal.unwrap_or(false),
            attachable: network.attachable.unwrap_or(false),
            enable_ipv6: network.enable_ipv6.unwrap_or(false),
            options: sorted(network.options),
            labels: sorted(network.labels),
            ipam: LiveIpam {
                driver: ipam.driver.filter(|d| !d.is_empty()),
                options: sorted(ipam.options),
                pools,
            },
        },
    })
}

/// A pool without a subnet (the daemon still choosing) is skipped, not an error.
fn pool(config: IpamConfig) -> Result<Option<Pool>, String> {
    let Some(subnet) = config.subnet.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let parse_net = |text: &str| text.parse().map_err(|_| format!("bad subnet {text:?}"));
    let parse_ip = |text: &str| text.parse().map_err(|_| format!("bad address {text:?}"));
    let aux_addresses = config
        .auxiliary_addresses
        .unwrap_or_default()
        .into_iter()
        .map(|(name, ip)| parse_ip(&ip).map(|ip| (name, ip)))
        .collect::<Result<_, String>>()?;
    Ok(Some(Pool {
        subnet: parse_net(&subnet)?,
        gateway: non_empty(config.gateway)
            .map(|g| parse_ip(&g))
            .transpose()?,
        ip_range: non_empty(config.ip_range)
            .map(|r| parse_net(&r))
            .transpose()?,
        aux_addresses,
    }))
}

/// A listed container: everything but its process (an inspect reads that).
pub fn listed_container(summary: ContainerSummary) -> Container {
    let id = summary.id.unwrap_or_default();
    let short_id: String = id.chars().take(12).collect();
    let name = summary
        .names
        .unwrap_or_default()
        .into_iter()
        .next()
        .map(|n| n.trim_start_matches('/').to_owned())
        .unwrap_or_default();
    let endpoints = endpoints(
        summary
            .network_settings
            .and_then(|s| s.networks)
            .unwrap_or_default(),
        &short_id,
    );
    Container {
        running: summary.state == Some(ContainerSummaryStateEnum::RUNNING),
        pid: None,
        labels: sorted(summary.labels),
        network_mode: network_mode(summary.host_config.and_then(|c| c.network_mode)),
        endpoints,
        published: listed_ports(summary.ports.unwrap_or_default()),
        id,
        name,
    }
}

/// An inspected container, with its process when it runs.
pub fn inspected_container(name: &str, inspected: ContainerInspectResponse) -> Container {
    let id = inspected.id.unwrap_or_default();
    let short_id: String = id.chars().take(12).collect();
    let state = inspected.state.unwrap_or_default();
    let running = state.running == Some(true);
    let pid = state
        .pid
        .filter(|pid| *pid > 0 && running)
        .and_then(|pid| u32::try_from(pid).ok());
    let settings = inspected.network_settings.unwrap_or_default();
    Container {
        running,
        pid,
        labels: sorted(inspected.config.and_then(|c| c.labels)),
        network_mode: network_mode(inspected.host_config.and_then(|c| c.network_mode)),
        endpoints: endpoints(settings.networks.unwrap_or_default(), &short_id),
        published: published_ports(settings.ports.unwrap_or_default()),
        id,
        name: name.to_owned(),
    }
}

fn network_mode(mode: Option<String>) -> NetworkMode {
    mode.map_or(NetworkMode::Own, |mode| NetworkMode::from_docker(&mode))
}

/// Every endpoint, sorted by network name.
fn endpoints(networks: HashMap<String, EndpointSettings>, short_id: &str) -> Vec<Endpoint> {
    let mut endpoints: Vec<Endpoint> = networks
        .into_iter()
        .map(|(network_name, settings)| endpoint(network_name, settings, short_id))
        .collect();
    endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
    endpoints
}

fn endpoint(network_name: String, settings: EndpointSettings, short_id: &str) -> Endpoint {
    let ipam = settings.ipam_config.unwrap_or_default();
    Endpoint {
        network_id: settings.network_id.unwrap_or_default(),
        network_name,
        aliases: user_aliases(settings.aliases, short_id),
        ipv4_address: non_empty(ipam.ipv4_address).and_then(|a| a.parse().ok()),
        ipv6_address: non_empty(ipam.ipv6_address).and_then(|a| a.parse().ok()),
        mac_address: non_empty(settings.mac_address),
        addresses: [settings.ip_address, settings.global_ipv6_address]
            .into_iter()
            .flatten()
            .filter_map(|a| a.parse().ok())
            .collect(),
    }
}

/// Before API 1.45 the daemon lists the short container id among the aliases; it is not the
/// user's, and keeping it would show drift on every plan.
pub fn user_aliases(aliases: Option<Vec<String>>, short_id: &str) -> Vec<String> {
    let mut aliases: Vec<String> = aliases
        .unwrap_or_default()
        .into_iter()
        .filter(|alias| alias != short_id)
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}

/// The list's port summary: a published port has a public port.
fn listed_ports(ports: Vec<PortSummary>) -> Vec<PublishedPort> {
    let published = ports.into_iter().filter_map(|port| {
        Some(PublishedPort {
            container_port: port.private_port,
            protocol: match port.typ {
                Some(PortSummaryTypeEnum::UDP) => "udp".to_owned(),
                Some(PortSummaryTypeEnum::SCTP) => "sctp".to_owned(),
                _ => "tcp".to_owned(),
            },
            host_ip: host_ip(port.ip.as_deref())?,
            host_port: port.public_port?,
        })
    });
    tidy(published.collect())
}

/// `{"5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "15432"}]}` into one entry per binding;
/// exposed ports without a binding (`null`) publish nothing.
fn published_ports(ports: PortMap) -> Vec<PublishedPort> {
    let published = ports.into_iter().flat_map(|(key, bindings)| {
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
                    host_ip: host_ip(binding.host_ip.as_deref())?,
                    host_port: binding.host_port?.parse().ok()?,
                })
            })
    });
    tidy(published.collect())
}

/// An empty host IP is every interface, as the daemon treats it.
fn host_ip(text: Option<&str>) -> Option<IpAddr> {
    match text {
        None | Some("") => Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        Some(ip) => ip.parse().ok(),
    }
}

fn tidy(mut published: Vec<PublishedPort>) -> Vec<PublishedPort> {
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

pub fn create_request(spec: &NetworkSettings) -> NetworkCreateRequest {
    let config = spec
        .ipam
        .pools
        .iter()
        .map(|pool| IpamConfig {
            subnet: Some(pool.subnet.to_string()),
            gateway: pool.gateway.map(|g| g.to_string()),
            ip_range: pool.ip_range.map(|r| r.to_string()),
            auxiliary_addresses: (!pool.aux_addresses.is_empty()).then(|| {
                pool.aux_addresses
                    .iter()
                    .map(|(name, ip)| (name.clone(), ip.to_string()))
                    .collect()
            }),
        })
        .collect();
    NetworkCreateRequest {
        name: spec.name.clone(),
        driver: Some(spec.driver.clone()),
        internal: Some(spec.internal),
        attachable: Some(spec.attachable),
        enable_ipv6: Some(spec.enable_ipv6),
        options: Some(unsorted(&spec.options)),
        labels: Some(unsorted(&spec.labels)),
        ipam: Some(Ipam {
            driver: spec.ipam.driver.clone(),
            config: Some(config),
            options: Some(unsorted(&spec.ipam.options)),
        }),
        ..NetworkCreateRequest::default()
    }
}

pub fn endpoint_settings(endpoint: &EndpointSpec, with_mac: bool) -> EndpointSettings {
    let static_ips = endpoint.ipv4_address.is_some() || endpoint.ipv6_address.is_some();
    EndpointSettings {
        aliases: (!endpoint.aliases.is_empty()).then(|| endpoint.aliases.clone()),
        ipam_config: static_ips.then(|| EndpointIpamConfig {
            ipv4_address: endpoint.ipv4_address.map(|a| a.to_string()),
            ipv6_address: endpoint.ipv6_address.map(|a| a.to_string()),
            ..EndpointIpamConfig::default()
        }),
        mac_address: endpoint.mac_address.clone().filter(|_| with_mac),
        ..EndpointSettings::default()
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

fn sorted(map: Option<HashMap<String, String>>) -> BTreeMap<String, String> {
    map.unwrap_or_default().into_iter().collect()
}

fn unsorted(map: &BTreeMap<String, String>) -> HashMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
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

    fn shown(published: &[PublishedPort]) -> Vec<String> {
        published
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
            .collect()
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
        assert_eq!(
            shown(&published_ports(ports)),
            [
                "53/udp 127.0.0.1:5353 false",
                "80/tcp 0.0.0.0:8080 true",
                "5432/tcp 0.0.0.0:15432 true",
                "5432/tcp :::15432 true",
            ]
        );
    }

    #[test]
    fn the_lists_port_summary_reads_the_same_way() {
        let ports = vec![
            PortSummary {
                ip: Some("0.0.0.0".to_owned()),
                private_port: 5432,
                public_port: Some(15432),
                typ: Some(PortSummaryTypeEnum::TCP),
            },
            PortSummary {
                ip: None,
                private_port: 6379,
                public_port: None,
                typ: Some(PortSummaryTypeEnum::TCP),
            },
            PortSummary {
                ip: Some("127.0.0.1".to_owned()),
                private_port: 53,
                public_port: Some(5353),
                typ: Some(PortSummaryTypeEnum::UDP),
            },
        ];
        assert_eq!(
            shown(&listed_ports(ports)),
            ["53/udp 127.0.0.1:5353 false", "5432/tcp 0.0.0.0:15432 true"]
        );
    }
}
