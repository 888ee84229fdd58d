//! A compose project after loading, merging and interpolation: what the rules and `import` read.
//!
//! Every value that a finding can be about carries a [`Place`]: which file, which line and
//! column. Keys keep their file order.

use crate::diagnostic::Location;

/// One file of the project, kept for snippets and inline `# netctl-lint ignore=` comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Where a value was written: an index into [`Project::files`] and a position in that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: usize,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Place,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    /// The top-level `name:`, if any.
    pub name: Option<String>,
    pub files: Vec<SourceFile>,
    pub services: Vec<Service>,
    pub networks: Vec<Network>,
    /// `${VAR}` references that had no value: each became an empty string.
    pub unset_variables: Vec<Located<String>>,
    /// The `include:` entries of the file, as written; [`super::load`] reads them.
    pub includes: Vec<Include>,
    /// How this file's top-level `networks:` treats the networks of the files before it.
    pub network_replaces: NetworkReplaces,
}

/// One `include:` entry: files loaded as a project of their own, whose resources join this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The files, merged in order; relative to the including file's project directory.
    pub paths: Vec<Located<String>>,
    /// Where the included files' relative paths start; by default the first file's folder.
    pub project_directory: Option<String>,
    /// Files of variables for the included files; by default `.env` in the project directory.
    pub env_files: Vec<String>,
    pub at: Place,
}

/// `!reset` and `!override`: what a tagged value does to the base's value when files merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// The base's value is removed; the tagged value itself is ignored.
    Reset,
    /// The base's value is replaced by the tagged value, with no merging.
    Override,
}

/// The tags of a file's top-level `networks:`, applied to the networks of the files before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkReplaces {
    /// `networks: !reset` or `networks: !override`: the whole mapping.
    pub all: Option<Replace>,
    /// Networks tagged `!reset`: removed.
    pub reset: Vec<String>,
    /// Networks tagged `!override`: the base's definition is dropped before this one is added.
    pub overridden: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub key: Located<String>,
    /// `extends:`, resolved by [`super::load`] (the result keeps it, for the record).
    pub extends: Option<Extends>,
    pub image: Option<Located<String>>,
    pub container_name: Option<String>,
    /// `None` when the service has no `networks:` key (it joins `default`).
    pub networks: Option<Vec<Attachment>>,
    pub network_mode: Option<Located<String>>,
    pub ports: Vec<Port>,
    /// Container ports from `expose:`.
    pub expose: Vec<Located<String>>,
    pub volumes: Vec<Mount>,
    /// Service labels and `deploy.labels`, in order; later keys win when read.
    pub labels: Vec<Label>,
    pub privileged: Option<Located<bool>>,
    pub profiles: Vec<String>,
    /// Keys tagged `!reset` / `!override`: they remove or replace the base's value instead of
    /// merging with it.
    pub replaces: Replaces,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replaces {
    pub networks: Option<Replace>,
    pub ports: Option<Replace>,
    pub expose: Option<Replace>,
    pub volumes: Option<Replace>,
    pub labels: Option<Replace>,
    /// Entries of a `networks:` mapping tagged `!reset`: removed from the base's networks.
    pub reset_networks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extends {
    pub service: String,
    /// Another compose file, relative to the file that names it.
    pub file: Option<String>,
    pub at: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub network: Located<String>,
    pub aliases: Vec<String>,
    pub ipv4_address: Option<Located<String>>,
    pub ipv6_address: Option<Located<String>>,
}

/// A published or exposed port, normalized from the short or long syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    pub at: Place,
    /// As written in the file (after interpolation), for messages.
    pub written: String,
    /// `None` means every interface.
    pub host_ip: Option<String>,
    /// The host port or range; `None` lets the daemon pick one.
    pub published: Option<String>,
    /// The container port range (first, last).
    pub target: Option<(u16, u16)>,
    pub protocol: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub at: Place,
    /// The host path or volume name, if any.
    pub source: Option<String>,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub key: String,
    pub value: String,
    pub at: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub key: Located<String>,
    /// The `name:` (or legacy `external.name`), if written.
    pub name: Option<String>,
    pub driver: Option<String>,
    pub external: Option<Located<bool>>,
    pub internal: Option<Located<bool>>,
    pub enable_ipv6: Option<bool>,
    /// `None` when the network has no `ipam:`; the subnets of `ipam.config` otherwise.
    pub ipam: Option<Vec<Subnet>>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subnet {
    pub subnet: Located<String>,
    pub gateway: Option<String>,
    pub ip_range: Option<String>,
}

/// The network every service without `networks:` (and without `network_mode`) joins.
pub const DEFAULT_NETWORK: &str = "default";

impl Project {
    pub fn service(&self, key: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.key.value == key)
    }

    pub fn network(&self, key: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.key.value == key)
    }

    pub fn file_path(&self, place: Place) -> &str {
        self.files.get(place.file).map_or("-", |f| f.path.as_str())
    }

    pub fn is_external(&self, key: &str) -> bool {
        self.network(key)
            .and_then(|n| n.external.as_ref())
            .is_some_and(|e| e.value)
    }

    pub fn is_internal(&self, key: &str) -> bool {
        self.network(key)
            .and_then(|n| n.internal.as_ref())
            .is_some_and(|i| i.value)
    }
}

impl Service {
    /// The networks the container joins, with where each was written: its `networks:`, or
    /// `default` (placed at the service key) when it has neither `networks:` nor
    /// `network_mode`.
    pub fn attached(&self) -> Vec<Located<String>> {
        match (&self.networks, &self.network_mode) {
            (Some(list), _) => list.iter().map(|a| a.network.clone()).collect(),
            (None, Some(_)) => Vec::new(),
            (None, None) => vec![Located {
                value: DEFAULT_NETWORK.to_owned(),
                at: self.key.at,
            }],
        }
    }

    /// The last value of a label, from `labels` or `deploy.labels`.
    pub fn label(&self, key: &str) -> Option<&Label> {
        self.labels.iter().rev().find(|l| l.key == key)
    }
}

impl Port {
    /// Published on every interface of the host (no `host_ip`, or `0.0.0.0` / `::`).
    pub fn on_all_interfaces(&self) -> bool {
        match self.host_ip.as_deref() {
            None => true,
            Some(ip) => matches!(ip.trim_matches(['[', ']']), "" | "0.0.0.0" | "::"),
        }
    }
}
