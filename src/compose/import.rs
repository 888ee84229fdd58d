//! Compose project → topology file: networks, subnets, memberships, aliases, static IPs and
//! ports, so that applying the topology recreates the compose network layout.
//!
//! Networks are written as Compose creates them (Compose 1.29 and v2 alike: `<project>_<key>`
//! unless `name:` says otherwise, `attachable`, the file's labels plus Compose's project and
//! network labels), so `plan` on the running project finds nothing to change.
//!
//! What a topology cannot hold (network_mode, drivers netctl does not manage, addresses that
//! do not parse) is left out and said in a note, never guessed. The file is written by the
//! one topology writer, [`crate::topology::write`].

use super::datastore::datastore_in_image;
use super::model::{Attachment, DEFAULT_NETWORK, Label, Located, Network, Project, Service};
use super::ports::port_range;
use crate::live::labels::{COMPOSE_NETWORK, COMPOSE_PROJECT};
use crate::topology::write::{
    ComposeDoc, Document, IpamDoc, MembershipDoc, NetworkDoc, PoolDoc, ServiceDoc,
};
use crate::topology::{self, SUPPORTED_DRIVERS, names};
use crate::yaml::OrderedMap;
use ipnet::IpNet;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// Ranges wider than this are cut: a topology lists ports one by one.
const MAX_PORTS_PER_RANGE: u32 = 64;

pub struct Imported {
    pub yaml: String,
    /// What was left out, and why.
    pub notes: Vec<String>,
    /// Validation problems of the result (empty when `netctl validate` accepts it).
    pub problems: Vec<String>,
}

/// The compose `name:`, else the directory of the first file, as Compose names a project.
pub fn default_project_name(project: &Project, files: &[PathBuf]) -> String {
    let from_dir = || {
        let first = files.first()?;
        let dir = if first.is_dir() {
            first.clone()
        } else {
            first.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let absolute = std::fs::canonicalize(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        })
        .ok()?;
        absolute
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    };
    let raw = project
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(from_dir)
        .unwrap_or_default();
    project_name(&raw)
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Compose's normalisation: lowercase, and only letters, digits, `-` and `_`.
fn project_name(raw: &str) -> String {
    let cleaned: String = raw
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
        .collect();
    let trimmed = cleaned.trim_start_matches(['-', '_']);
    if trimmed.is_empty() {
        "project".to_owned()
    } else {
        trimmed.to_owned()
    }
}

pub fn to_topology(project: &Project, name: &str) -> Imported {
    let mut importer = Importer {
        project,
        name: project_name(name),
        notes: Vec::new(),
        subnets: Vec::new(),
        static_ips: Vec::new(),
    };
    let out = Document {
        networks: importer.networks(),
        services: importer.services(),
        ..Document::new(importer.name.clone())
    };
    let yaml = out.to_yaml();
    let problems = match topology::load_str(&yaml, "<imported topology>") {
        Ok(_) => Vec::new(),
        Err(error) => vec![error.to_string()],
    };
    Imported {
        yaml,
        notes: importer.notes,
        problems,
    }
}

/// Where a static IP is to go: what [`Importer::static_ip`] checks it against.
struct AddressTarget<'a> {
    service: &'a str,
    network: &'a str,
    external: bool,
    subnets: &'a [IpNet],
}

struct Importer<'a> {
    project: &'a Project,
    name: String,
    notes: Vec<String>,
    /// Subnets taken so far: the daemon (and `netctl validate`) refuse overlaps.
    subnets: Vec<IpNet>,
    /// (network, address) pairs taken so far: each address once per network.
    static_ips: Vec<(String, IpAddr)>,
}

impl Importer<'_> {
    fn uses_default(&self) -> bool {
        self.project
            .services
            .iter()
            .any(|s| s.attached().iter().any(|n| n.value == DEFAULT_NETWORK))
    }

    fn networks(&mut self) -> OrderedMap<NetworkDoc, String> {
        let mut out = OrderedMap::default();
        if self.uses_default() && self.project.network(DEFAULT_NETWORK).is_none() {
            out.0.push((
                DEFAULT_NETWORK.to_owned(),
                NetworkDoc {
                    name: Some(format!("{}_{DEFAULT_NETWORK}", self.name)),
                    attachable: true,
                    labels: self.compose_labels(DEFAULT_NETWORK, &[]),
                    ..NetworkDoc::default()
                },
            ));
        }
        for network in &self.project.networks {
            let converted = self.network(network);
            out.0.push((network.key.value.clone(), converted));
        }
        out
    }

    fn network(&mut self, network: &Network) -> NetworkDoc {
        let key = &network.key.value;
        if network.external.as_ref().is_some_and(|e| e.value) {
            return NetworkDoc {
                name: network.name.clone().filter(|n| n != key),
                external: true,
                ..NetworkDoc::default()
            };
        }
        let pools = self.pools(key, network);
        let has_v6 = pools.iter().any(|p| p.subnet.contains(':'));
        NetworkDoc {
            name: Some(
                network
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("{}_{key}", self.name)),
            ),
            driver: self.driver(key, network.driver.as_deref()),
            internal: network.internal.as_ref().is_some_and(|i| i.value),
            attachable: true,
            enable_ipv6: network.enable_ipv6 == Some(true) || has_v6,
            labels: self.compose_labels(key, &network.labels),
            ipam: (!pools.is_empty()).then_some(IpamDoc {
                config: pools,
                ..IpamDoc::default()
            }),
            ..NetworkDoc::default()
        }
    }

    /// The labels Compose puts on the network it creates for `key`: the file's own, then its
    /// project and network labels (Compose sets those over the file's). Written into the
    /// topology so that a network netctl creates before the project ever ran is one Compose
    /// adopts as its own. Its version label is left out: it differs with every Compose, which
    /// compares none of its own labels anyway.
    fn compose_labels(&self, key: &str, written: &[Label]) -> BTreeMap<String, String> {
        let mut labels: BTreeMap<String, String> = written
            .iter()
            .map(|label| (label.key.clone(), label.value.clone()))
            .collect();
        labels.insert(COMPOSE_PROJECT.to_owned(), self.name.clone());
        labels.insert(COMPOSE_NETWORK.to_owned(), key.to_owned());
        labels
    }

    fn driver(&mut self, key: &str, driver: Option<&str>) -> Option<String> {
        let driver = driver.filter(|d| !d.is_empty() && *d != "bridge")?;
        if SUPPORTED_DRIVERS.contains(&driver) {
            return Some(driver.to_owned());
        }
        self.notes.push(format!(
            "network `{key}` uses driver `{driver}`, which a topology cannot manage; it is imported as a bridge"
        ));
        None
    }

    fn pools(&mut self, key: &str, network: &Network) -> Vec<PoolDoc> {
        let mut pools = Vec::new();
        for pool in network.ipam.iter().flatten() {
            let Ok(subnet) = pool.subnet.value.trim().parse::<IpNet>() else {
                self.notes.push(format!(
                    "network `{key}`: subnet `{}` is not a CIDR; left out",
                    pool.subnet.value
                ));
                continue;
            };
            if let Some(taken) = self.subnets.iter().find(|t| overlaps(t, &subnet)) {
                self.notes.push(format!(
                    "network `{key}`: subnet {subnet} overlaps {taken}; left out"
                ));
                continue;
            }
            self.subnets.push(subnet);
            let gateway = pool
                .gateway
                .as_deref()
                .and_then(|g| g.trim().parse::<IpAddr>().ok())
                .filter(|g| subnet.contains(g));
            let ip_range = pool
                .ip_range
                .as_deref()
                .and_then(|r| r.trim().parse::<IpNet>().ok())
                .filter(|r| subnet.contains(r));
            pools.push(PoolDoc {
                subnet: subnet.trunc().to_string(),
                gateway: gateway.map(|g| g.to_string()),
                ip_range: ip_range.map(|r| r.trunc().to_string()),
                ..PoolDoc::default()
            });
        }
        pools
    }

    fn services(&mut self) -> OrderedMap<ServiceDoc, String> {
        let mut out = OrderedMap::default();
        for service in &self.project.services {
            let converted = self.service(service);
            out.0.push((service.key.value.clone(), converted));
        }
        out
    }

    fn service(&mut self, service: &Service) -> ServiceDoc {
        let key = &service.key.value;
        if let Some(mode) = &service.network_mode {
            self.notes.push(format!(
                "service `{key}` uses `network_mode: {}`, which a topology does not express; it has no networks",
                mode.value
            ));
        }
        let tags = service
            .image
            .as_ref()
            .and_then(|image| datastore_in_image(&image.value, &[]))
            .map(|_| vec!["database".to_owned()])
            .unwrap_or_default();
        // Found by Compose's labels, whatever Compose version named the containers and
        // however many replicas run.
        ServiceDoc {
            container: None,
            compose: Some(ComposeDoc {
                project: self.name.clone(),
                service: key.clone(),
            }),
            networks: self.memberships(service),
            ports: self.ports(service),
            tags,
            health: None,
        }
    }

    fn memberships(&mut self, service: &Service) -> OrderedMap<MembershipDoc, String> {
        let mut out = OrderedMap::default();
        let key = &service.key.value;
        let explicit = service.networks.clone();
        let attachments: Vec<Attachment> = match explicit {
            Some(list) => list,
            None if service.network_mode.is_none() => vec![Attachment {
                network: service.attached().remove(0),
                aliases: Vec::new(),
                ipv4_address: None,
                ipv6_address: None,
            }],
            None => Vec::new(),
        };
        for attachment in attachments {
            let network_key = attachment.network.value.clone();
            let declared = self.project.network(&network_key);
            if declared.is_none() && network_key != DEFAULT_NETWORK {
                self.notes.push(format!(
                    "service `{key}` is on undeclared network `{network_key}`; membership left out"
                ));
                continue;
            }
            let membership = self.membership(key, declared, &attachment);
            out.0.push((network_key, membership));
        }
        out
    }

    fn membership(
        &mut self,
        service: &str,
        network: Option<&Network>,
        attachment: &Attachment,
    ) -> MembershipDoc {
        let external = network.is_some_and(|n| n.external.as_ref().is_some_and(|e| e.value));
        let subnets: Vec<IpNet> = network
            .filter(|_| !external)
            .and_then(|n| n.ipam.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|s| s.subnet.value.trim().parse().ok())
            .collect();
        let target = AddressTarget {
            service,
            network: &attachment.network.value,
            external,
            subnets: &subnets,
        };
        let ipv4_address = self.static_ip(&target, attachment.ipv4_address.as_ref(), false);
        let ipv6_address = self.static_ip(&target, attachment.ipv6_address.as_ref(), true);
        // Compose gives every container its service's name on each of its networks.
        let aliases = std::iter::once(service)
            .chain(attachment.aliases.iter().map(String::as_str))
            .filter(|a| names::is_alias(a))
            .fold(Vec::new(), |mut kept: Vec<String>, alias| {
                if !kept.iter().any(|k| k == alias) {
                    kept.push(alias.to_owned());
                }
                kept
            });
        MembershipDoc {
            aliases,
            ipv4_address,
            ipv6_address,
        }
    }

    /// The address to keep, or `None` (with a note) when the topology could not hold it: not
    /// an address of this family, outside the network's subnets, or taken already. An
    /// external network's subnets are set where it is created, so IPv4 is trusted there (a
    /// topology cannot enable IPv6 on a network it does not manage).
    fn static_ip(
        &mut self,
        target: &AddressTarget,
        written: Option<&Located<String>>,
        v6: bool,
    ) -> Option<String> {
        let written = written?;
        let network = target.network;
        let service = target.service;
        let ip = written
            .value
            .trim()
            .parse::<IpAddr>()
            .ok()
            .filter(|ip| ip.is_ipv6() == v6);
        let fits =
            |ip: &IpAddr| (target.external && !v6) || target.subnets.iter().any(|s| s.contains(ip));
        match ip {
            Some(ip) if self.static_ips.contains(&(network.to_owned(), ip)) => {
                self.notes.push(format!(
                    "service `{service}`: static IP {ip} on `{network}` is taken by another service; left out"
                ));
                None
            }
            Some(ip) if fits(&ip) => {
                self.static_ips.push((network.to_owned(), ip));
                Some(ip.to_string())
            }
            _ => {
                self.notes.push(format!(
                    "service `{service}`: static IP `{}` is not inside a subnet of `{network}`; left out",
                    written.value
                ));
                None
            }
        }
    }

    /// Container ports from `ports:` (the target side) and `expose:`, each once.
    fn ports(&mut self, service: &Service) -> Vec<u16> {
        let ranges = service.ports.iter().filter_map(|p| p.target).chain(
            service
                .expose
                .iter()
                .filter_map(|e| port_range(e.value.split('/').next().unwrap_or_default())),
        );
        let mut ports = Vec::new();
        for (first, last) in ranges {
            if u32::from(last) - u32::from(first) >= MAX_PORTS_PER_RANGE {
                self.notes.push(format!(
                    "service `{}`: port range {first}-{last} cut to its first {MAX_PORTS_PER_RANGE} ports",
                    service.key.value
                ));
            }
            let last = last.min(first.saturating_add((MAX_PORTS_PER_RANGE - 1) as u16));
            for port in first..=last {
                if port != 0 && !ports.contains(&port) {
                    ports.push(port);
                }
            }
        }
        ports
    }
}
