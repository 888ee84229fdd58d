//! What the rules need to know about a project, worked out once: which networks are public
//! and why, which services are datastores, which are reachable from outside.

use super::Context;
use super::config::Config;
use crate::compose::datastore::{DATASTORE_TAGS, datastore_in_image};
use crate::compose::{DEFAULT_NETWORK, Project, Service};
use crate::topology::Topology;
use std::collections::{BTreeMap, BTreeSet};

/// The label that tags a compose service (`io.netctl.tags: database,internal`).
pub const TAGS_LABEL: &str = "io.netctl.tags";
/// The label of a topology network that declares it public.
pub const PUBLIC_LABEL: &str = "io.netctl.public";

pub struct Facts<'a> {
    pub project: &'a Project,
    pub config: &'a Config,
    pub topology: Option<&'a Topology>,
    pub live_networks: Option<&'a BTreeSet<String>>,
    /// Network key → why it is public.
    public: BTreeMap<String, String>,
    /// Service key → the datastore it is (`redis`, `tagged database`).
    datastores: BTreeMap<String, String>,
}

impl<'a> Facts<'a> {
    pub fn new(project: &'a Project, context: &Context<'a>) -> Self {
        let mut facts = Facts {
            project,
            config: context.config,
            topology: context.topology,
            live_networks: context.live_networks,
            public: BTreeMap::new(),
            datastores: BTreeMap::new(),
        };
        facts.public = facts.public_networks();
        facts.datastores = project
            .services
            .iter()
            .filter_map(|s| facts.datastore_kind(s).map(|k| (s.key.value.clone(), k)))
            .collect();
        facts
    }

    /// Why `network` is public, or `None` when it is not.
    pub fn public_reason(&self, network: &str) -> Option<&str> {
        self.public.get(network).map(String::as_str)
    }

    pub fn datastore(&self, service: &Service) -> Option<&str> {
        self.datastores.get(&service.key.value).map(String::as_str)
    }

    /// Why `service` can be reached from outside the host, or `None`.
    pub fn reachable_from_outside(&self, service: &Service) -> Option<String> {
        if service
            .network_mode
            .as_ref()
            .is_some_and(|m| m.value == "host")
        {
            return Some("it uses the host's network".to_owned());
        }
        if let Some(port) = service.ports.iter().find(|p| p.on_all_interfaces()) {
            return Some(format!("it publishes `{}` on all interfaces", port.written));
        }
        service
            .attached()
            .iter()
            .find(|n| self.public.contains_key(&n.value))
            .map(|n| format!("it is on the public network `{}`", n.value))
    }

    /// The Docker name a network key gets: its `name:`, else `<project>_<key>` (external
    /// networks keep their key).
    pub fn docker_name(&self, key: &str) -> String {
        match self.project.network(key) {
            Some(network) if network.name.is_some() => network.name.clone().unwrap_or_default(),
            Some(network) if network.external.as_ref().is_some_and(|e| e.value) => key.to_owned(),
            _ => match &self.project.name {
                Some(project) => format!("{project}_{key}"),
                None => key.to_owned(),
            },
        }
    }

    fn public_networks(&self) -> BTreeMap<String, String> {
        let mut public = BTreeMap::new();
        let mut keys: Vec<&str> = self
            .project
            .networks
            .iter()
            .map(|n| n.key.value.as_str())
            .collect();
        if self.project.network(DEFAULT_NETWORK).is_none() {
            keys.push(DEFAULT_NETWORK);
        }
        for key in keys {
            let key = &key.to_owned();
            if self.project.is_external(key) {
                public.insert(key.clone(), "it is an external network".to_owned());
            }
            let name = self.docker_name(key);
            if self
                .config
                .public_networks
                .iter()
                .any(|p| p == key || *p == name)
            {
                public.insert(key.clone(), "the lint config declares it public".to_owned());
            }
            if self.topology_says_public(key, &name) {
                public.insert(key.clone(), "the topology declares it public".to_owned());
            }
        }
        for service in &self.project.services {
            for network in self.proxied_networks(service) {
                public
                    .entry(network)
                    .or_insert_with(|| format!("a proxy routes to `{}` on it", service.key.value));
            }
        }
        public
    }

    fn topology_says_public(&self, key: &str, name: &str) -> bool {
        self.topology
            .and_then(|t| {
                t.networks
                    .iter()
                    .find(|n| n.key == key || n.settings.name == name)
            })
            .is_some_and(|n| {
                n.external
                    || n.is_tagged("public")
                    || n.settings
                        .labels
                        .get(PUBLIC_LABEL)
                        .is_some_and(|v| v == "true")
            })
    }

    /// The networks through which a reverse proxy reaches `service`: the one named by
    /// `traefik.docker.network`, else all of them when the service is routed at all.
    fn proxied_networks(&self, service: &Service) -> Vec<String> {
        if !is_proxied(service) {
            return Vec::new();
        }
        let attached: Vec<String> = service.attached().into_iter().map(|n| n.value).collect();
        match service.label("traefik.docker.network") {
            Some(chosen) => attached
                .into_iter()
                .filter(|key| self.names_network(&chosen.value, key))
                .collect(),
            None => attached,
        }
    }

    /// Whether a label value such as `traefik.docker.network=shop_public` means the network
    /// `key`: its key, its Docker name, or `<project>_<key>` when the project name comes from
    /// the directory and is unknown here.
    fn names_network(&self, value: &str, key: &str) -> bool {
        value == key
            || value == self.docker_name(key)
            || (self.project.name.is_none()
                && self.project.network(key).is_none_or(|n| n.name.is_none())
                && value.ends_with(&format!("_{key}")))
    }

    fn datastore_kind(&self, service: &Service) -> Option<String> {
        if let Some(tag) = self
            .tags(service)
            .find(|t| DATASTORE_TAGS.contains(&t.as_str()))
        {
            return Some(format!("tagged `{tag}`"));
        }
        let extra = &self.config.datastore_images;
        match &service.image {
            Some(image) => datastore_in_image(&image.value, extra),
            None => datastore_in_image(&service.key.value, extra),
        }
    }

    /// Tags from the `io.netctl.tags` label and from the topology's service of the same key.
    fn tags(&self, service: &Service) -> impl Iterator<Item = String> {
        let from_label: Vec<String> = service
            .label(TAGS_LABEL)
            .map(|l| l.value.split(',').map(|t| t.trim().to_owned()).collect())
            .unwrap_or_default();
        let from_topology: Vec<String> = self
            .topology
            .and_then(|t| t.service(&service.key.value))
            .map(|s| s.tags.clone())
            .unwrap_or_default();
        from_label.into_iter().chain(from_topology)
    }
}

/// Routed by Traefik (`traefik.enable=true` or a router label) or caddy-docker-proxy.
fn is_proxied(service: &Service) -> bool {
    if let Some(enable) = service.label("traefik.enable") {
        return enable.value.eq_ignore_ascii_case("true");
    }
    service.labels.iter().any(|label| {
        label.key.starts_with("traefik.http.routers.")
            || label.key.starts_with("traefik.tcp.routers.")
            || label.key == "caddy"
            || label.key.starts_with("caddy.")
            || label.key.starts_with("caddy_")
    })
}
