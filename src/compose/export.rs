//! Topology → a compose fragment (networks and memberships), or → Kubernetes NetworkPolicies
//! that allow what the topology allows: ingress from the services sharing a network, on the
//! declared ports.

use crate::live::labels::COMPOSE_LABEL_PREFIX;
use crate::topology::{Membership, Network, Service, Topology};
use crate::yaml::{OrderedMap, to_yaml};
use serde::Serialize;
use std::collections::BTreeMap;

/// The pod label that NetworkPolicies select services by.
pub const SERVICE_LABEL: &str = "netctl.io/service";

#[derive(Serialize)]
struct ComposeOut {
    name: String,
    networks: OrderedMap<ComposeNetwork, String>,
    services: OrderedMap<ComposeService, String>,
}

#[derive(Serialize, Default)]
struct ComposeNetwork {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    driver: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    driver_opts: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attachable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_ipv6: Option<bool>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipam: Option<ComposeIpam>,
}

#[derive(Serialize)]
struct ComposeIpam {
    #[serde(skip_serializing_if = "Option::is_none")]
    driver: Option<String>,
    config: Vec<ComposePool>,
}

#[derive(Serialize)]
struct ComposePool {
    subnet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_range: Option<String>,
}

#[derive(Serialize)]
struct ComposeService {
    #[serde(skip_serializing_if = "Option::is_none")]
    container_name: Option<String>,
    /// `none` for a service on no network: Compose would otherwise put it on `default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    network_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    networks: Option<ComposeAttachments>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expose: Vec<u16>,
}

/// The list form when no membership has settings, the map form otherwise.
#[derive(Serialize)]
#[serde(untagged)]
enum ComposeAttachments {
    List(Vec<String>),
    Map(OrderedMap<ComposeAttachment, String>),
}

#[derive(Serialize, Default)]
struct ComposeAttachment {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv4_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_address: Option<String>,
}

/// The topology's networks and memberships as compose YAML, to merge into a compose file.
pub fn compose_fragment(topology: &Topology) -> String {
    let out = ComposeOut {
        name: topology.project.clone(),
        networks: OrderedMap(
            topology
                .networks
                .iter()
                .map(|n| (n.key.clone(), compose_network(&topology.project, n)))
                .collect(),
        ),
        services: OrderedMap(
            topology
                .services
                .iter()
                .map(|s| (s.key.clone(), compose_service(&topology.project, s)))
                .collect(),
        ),
    };
    to_yaml(&out)
}

fn compose_network(project: &str, network: &Network) -> ComposeNetwork {
    let default_name = if network.external {
        network.key.clone()
    } else {
        format!("{project}_{}", network.key)
    };
    let pools: Vec<ComposePool> = network
        .settings
        .ipam
        .pools
        .iter()
        .map(|pool| ComposePool {
            subnet: pool.subnet.to_string(),
            gateway: pool.gateway.map(|g| g.to_string()),
            ip_range: pool.ip_range.map(|r| r.to_string()),
        })
        .collect();
    ComposeNetwork {
        name: (network.settings.name != default_name).then(|| network.settings.name.clone()),
        driver: (network.settings.driver != "bridge" && !network.external)
            .then(|| network.settings.driver.clone()),
        driver_opts: network.settings.options.clone(),
        external: network.external.then_some(true),
        internal: network.settings.internal.then_some(true),
        attachable: network.settings.attachable.then_some(true),
        enable_ipv6: network.settings.enable_ipv6.then_some(true),
        // Compose sets its own labels (`com.docker.compose.*`) over the file's: written into
        // a compose file they would only be noise.
        labels: network
            .settings
            .labels
            .iter()
            .filter(|(key, _)| !key.starts_with(COMPOSE_LABEL_PREFIX))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect(),
        ipam: (!pools.is_empty() || network.settings.ipam.driver.is_some()).then(|| ComposeIpam {
            driver: network.settings.ipam.driver.clone(),
            config: pools,
        }),
    }
}

fn compose_service(project: &str, service: &Service) -> ComposeService {
    let compose_default = format!("{project}-{}-1", service.key);
    // Compose gives every container its service's name as an alias by itself.
    let explicit = |m: &Membership| m.aliases.iter().any(|a| *a != service.key);
    let plain = service
        .networks
        .iter()
        .all(|m| !explicit(m) && m.ipv4_address.is_none() && m.ipv6_address.is_none());
    let networks = if plain {
        ComposeAttachments::List(service.networks.iter().map(|m| m.network.clone()).collect())
    } else {
        ComposeAttachments::Map(OrderedMap(
            service
                .networks
                .iter()
                .map(|m| (m.network.clone(), compose_attachment(m, &service.key)))
                .collect(),
        ))
    };
    let isolated = service.networks.is_empty();
    ComposeService {
        container_name: (service.compose.is_none() && service.container != compose_default)
            .then(|| service.container.clone()),
        network_mode: isolated.then_some("none"),
        networks: (!isolated).then_some(networks),
        expose: service.ports.clone(),
    }
}

fn compose_attachment(membership: &Membership, service: &str) -> ComposeAttachment {
    ComposeAttachment {
        aliases: membership
            .aliases
            .iter()
            .filter(|alias| *alias != service)
            .cloned()
            .collect(),
        ipv4_address: membership.ipv4_address.map(|a| a.to_string()),
        ipv6_address: membership.ipv6_address.map(|a| a.to_string()),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Policy {
    api_version: &'static str,
    kind: &'static str,
    metadata: Metadata,
    spec: PolicySpec,
}

#[derive(Serialize)]
struct Metadata {
    name: String,
    labels: BTreeMap<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PolicySpec {
    pod_selector: Selector,
    policy_types: Vec<&'static str>,
    ingress: Vec<PolicyRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    egress: Option<Vec<PolicyRule>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Selector {
    match_labels: BTreeMap<String, String>,
}

#[derive(Serialize, Default)]
struct PolicyRule {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    from: Vec<Peer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    to: Vec<Peer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ports: Vec<PolicyPort>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Peer {
    pod_selector: Selector,
}

#[derive(Serialize)]
struct PolicyPort {
    protocol: &'static str,
    port: u16,
}

/// One NetworkPolicy per service, as a multi-document YAML stream.
///
/// A selected pod accepts ingress only from pods of the services that share one of its
/// networks, on its declared ports (any port when it declares none). A service whose networks
/// are all internal also gets an egress policy: only to those peers, plus DNS.
pub fn network_policies(topology: &Topology) -> String {
    topology
        .services
        .iter()
        .map(|service| to_yaml(&policy(topology, service)))
        .collect::<Vec<_>>()
        .join("---\n")
}

fn policy(topology: &Topology, service: &Service) -> Policy {
    let peers: Vec<Peer> = peers(topology, service)
        .into_iter()
        .map(|peer| Peer {
            pod_selector: select(&peer.key),
        })
        .collect();
    let ingress = if peers.is_empty() {
        Vec::new()
    } else {
        vec![PolicyRule {
            from: peers,
            ports: tcp_ports(&service.ports),
            ..PolicyRule::default()
        }]
    };
    let egress = only_internal(topology, service).then(|| egress(topology, service));
    let mut policy_types = vec!["Ingress"];
    if egress.is_some() {
        policy_types.push("Egress");
    }
    Policy {
        api_version: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: Metadata {
            name: dns_label(&format!("{}-{}", topology.project, service.key)),
            labels: BTreeMap::from([
                (
                    "app.kubernetes.io/managed-by".to_owned(),
                    "netctl".to_owned(),
                ),
                (
                    "netctl.io/project".to_owned(),
                    label_value(&topology.project),
                ),
            ]),
        },
        spec: PolicySpec {
            pod_selector: select(&service.key),
            policy_types,
            ingress,
            egress,
        },
    }
}

fn egress(topology: &Topology, service: &Service) -> Vec<PolicyRule> {
    let mut rules: Vec<PolicyRule> = peers(topology, service)
        .into_iter()
        .map(|peer| PolicyRule {
            to: vec![Peer {
                pod_selector: select(&peer.key),
            }],
            ports: tcp_ports(&peer.ports),
            ..PolicyRule::default()
        })
        .collect();
    rules.push(PolicyRule {
        ports: vec![
            PolicyPort {
                protocol: "UDP",
                port: 53,
            },
            PolicyPort {
                protocol: "TCP",
                port: 53,
            },
        ],
        ..PolicyRule::default()
    });
    rules
}

/// The other services that share at least one network with `service`.
fn peers<'t>(topology: &'t Topology, service: &Service) -> Vec<&'t Service> {
    topology
        .services
        .iter()
        .filter(|other| other.key != service.key)
        .filter(|other| {
            service
                .networks
                .iter()
                .any(|m| other.is_member_of(&m.network))
        })
        .collect()
}

fn only_internal(topology: &Topology, service: &Service) -> bool {
    !service.networks.is_empty()
        && service.networks.iter().all(|m| {
            topology
                .network(&m.network)
                .is_some_and(|n| n.settings.internal)
        })
}

fn tcp_ports(ports: &[u16]) -> Vec<PolicyPort> {
    ports
        .iter()
        .map(|port| PolicyPort {
            protocol: "TCP",
            port: *port,
        })
        .collect()
}

fn select(service_key: &str) -> Selector {
    Selector {
        match_labels: BTreeMap::from([(SERVICE_LABEL.to_owned(), label_value(service_key))]),
    }
}

/// A DNS-1123 label: lowercase alphanumerics and `-`, at most 63, alphanumeric at both ends.
fn dns_label(raw: &str) -> String {
    let mapped: String = raw
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(63)
        .collect();
    let trimmed = mapped.trim_matches('-');
    if trimmed.is_empty() {
        "netctl".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A label value: alphanumerics, `-`, `_`, `.`, at most 63, alphanumeric at both ends.
fn label_value(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(63)
        .collect();
    mapped
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_owned()
}
