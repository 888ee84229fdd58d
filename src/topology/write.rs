//! The one writer of the topology format: a [`Document`] to YAML, its keys in a fixed order.
//!
//! `import compose` and `import live` build a document from what they read, and any
//! validated [`Topology`] becomes one with [`Document::from`]; so every topology file netctl
//! writes has the same shape, and a test holds that shape to the reader and to the schema.
//! Empty and default values are left out, so a written file says only what it sets.

use super::model::{Expectation, HealthCheck, Membership, Network, Service, Topology};
use crate::live::{Ipam, Pool};
use crate::yaml::{OrderedMap, to_yaml};
use serde::Serialize;
use std::collections::BTreeMap;

/// A topology file as it is written: networks and services in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub version: u32,
    pub project: String,
    pub networks: OrderedMap<NetworkDoc, String>,
    pub services: OrderedMap<ServiceDoc, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<ExpectationDoc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `None` is a bridge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub external: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub internal: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub attachable: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub enable_ipv6: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub driver_opts: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipam: Option<IpamDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IpamDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    pub config: Vec<PoolDoc>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PoolDoc {
    pub subnet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_range: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aux_addresses: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ServiceDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compose: Option<ComposeDoc>,
    pub networks: OrderedMap<MembershipDoc, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<u16>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<HealthDoc>,
}

/// A Compose service's selector: found by the labels Compose gives its containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ComposeDoc {
    pub project: String,
    pub service: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MembershipDoc {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthDoc {
    pub port: u16,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectationDoc {
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    pub reachable: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl Document {
    /// A document of format version 1, the only one.
    pub fn new(project: String) -> Self {
        Self {
            version: 1,
            project,
            networks: OrderedMap::default(),
            services: OrderedMap::default(),
            expect: Vec::new(),
        }
    }

    /// The YAML text of the file.
    pub fn to_yaml(&self) -> String {
        to_yaml(self)
    }
}

impl From<&Topology> for Document {
    fn from(topology: &Topology) -> Self {
        Self {
            networks: OrderedMap(
                topology
                    .networks
                    .iter()
                    .map(|n| (n.key.clone(), NetworkDoc::from(n)))
                    .collect(),
            ),
            services: OrderedMap(
                topology
                    .services
                    .iter()
                    .map(|s| (s.key.clone(), ServiceDoc::from(s)))
                    .collect(),
            ),
            expect: topology.expect.iter().map(ExpectationDoc::from).collect(),
            ..Self::new(topology.project.clone())
        }
    }
}

/// An external network says only which Docker network it is: netctl enforces nothing else
/// on it, so the reader refuses anything else there.
impl From<&Network> for NetworkDoc {
    fn from(network: &Network) -> Self {
        let settings = &network.settings;
        // The key is the name when none is written, so saying it again says nothing.
        let name = (settings.name != network.key).then(|| settings.name.clone());
        let tags = network.tags.clone();
        if network.external {
            return Self {
                name,
                external: true,
                tags,
                ..Self::default()
            };
        }
        Self {
            name,
            driver: (settings.driver != "bridge").then(|| settings.driver.clone()),
            external: false,
            internal: settings.internal,
            attachable: settings.attachable,
            enable_ipv6: settings.enable_ipv6,
            driver_opts: settings.options.clone(),
            labels: settings.labels.clone(),
            ipam: IpamDoc::of(&settings.ipam),
            tags,
        }
    }
}

impl IpamDoc {
    /// `None` when the daemon's defaults are all there is.
    fn of(ipam: &Ipam) -> Option<Self> {
        let is_default = ipam.driver.is_none() && ipam.options.is_empty() && ipam.pools.is_empty();
        (!is_default).then(|| Self {
            driver: ipam.driver.clone(),
            config: ipam.pools.iter().map(PoolDoc::from).collect(),
            options: ipam.options.clone(),
        })
    }
}

impl From<&Pool> for PoolDoc {
    fn from(pool: &Pool) -> Self {
        Self {
            subnet: pool.subnet.to_string(),
            gateway: pool.gateway.map(|g| g.to_string()),
            ip_range: pool.ip_range.map(|r| r.to_string()),
            aux_addresses: pool
                .aux_addresses
                .iter()
                .map(|(name, address)| (name.clone(), address.to_string()))
                .collect(),
        }
    }
}

impl From<&Service> for ServiceDoc {
    fn from(service: &Service) -> Self {
        let compose = service.compose.as_ref().map(|selector| ComposeDoc {
            project: selector.project.clone(),
            service: selector.service.clone(),
        });
        Self {
            container: compose.is_none().then(|| service.container.clone()),
            compose,
            networks: OrderedMap(
                service
                    .networks
                    .iter()
                    .map(|m| (m.network.clone(), MembershipDoc::from(m)))
                    .collect(),
            ),
            ports: service.ports.clone(),
            tags: service.tags.clone(),
            health: service.health.as_ref().map(HealthDoc::from),
        }
    }
}

impl From<&Membership> for MembershipDoc {
    fn from(membership: &Membership) -> Self {
        Self {
            aliases: membership.aliases.clone(),
            ipv4_address: membership.ipv4_address.map(|a| a.to_string()),
            ipv6_address: membership.ipv6_address.map(|a| a.to_string()),
        }
    }
}

impl From<&HealthCheck> for HealthDoc {
    fn from(health: &HealthCheck) -> Self {
        Self {
            port: health.port,
            path: health.path.clone(),
        }
    }
}

impl From<&Expectation> for ExpectationDoc {
    fn from(expectation: &Expectation) -> Self {
        Self {
            from: expectation.from.clone(),
            to: expectation.to.clone(),
            port: expectation.port,
            reachable: expectation.reachable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_in_the_fixed_order_and_defaults_are_left_out() {
        let mut document = Document::new("demo".to_owned());
        document.networks.0.push((
            "web".to_owned(),
            NetworkDoc {
                name: Some("web".to_owned()),
                external: true,
                ..NetworkDoc::default()
            },
        ));
        document.services.0.push((
            "api".to_owned(),
            ServiceDoc {
                container: Some("demo-api".to_owned()),
                networks: OrderedMap(vec![("web".to_owned(), MembershipDoc::default())]),
                ports: vec![8080],
                ..ServiceDoc::default()
            },
        ));
        assert_eq!(
            document.to_yaml(),
            "version: 1\nproject: demo\nnetworks:\n  web:\n    name: web\n    external: true\n\
             services:\n  api:\n    container: demo-api\n    networks:\n      web: {}\n    ports:\n    - 8080\n"
        );
    }
}
