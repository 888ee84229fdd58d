//! One parsed file to the project model: interpolation, short/long syntax, labels, flags.

use super::interpolate::Variables;
use super::model::{
    Attachment, Extends, Label, Located, Mount, Network, Place, Port, Project, Replaces, Service,
    Subnet,
};
use super::ports::{port_range, short_port, short_volume};
use super::raw::{
    RawAttachments, RawCompose, RawExtends, RawInclude, RawIpam, RawLabel, RawLabels, RawNetwork,
    RawPort, RawService, RawVolume, Text,
};
use crate::yaml::{self, OrderedMap};
use serde_saphyr::Spanned;

/// Turns file number `file` into a project of its own; [`super::merge`] combines them.
pub fn normalize(raw: RawCompose, file: usize, variables: &Variables) -> Project {
    let mut normalizer = Normalizer {
        file,
        variables,
        unset: Vec::new(),
    };
    let name = raw.name.map(|n| normalizer.text(&n).value);
    let includes = normalizer.includes(raw.include.unwrap_or_default());
    let services = normalizer.services(raw.services.unwrap_or_default());
    let networks = normalizer.networks(raw.networks.unwrap_or_default());
    Project {
        name,
        files: Vec::new(),
        services,
        networks,
        unset_variables: normalizer.unset,
        includes,
    }
}

struct Normalizer<'a> {
    file: usize,
    variables: &'a Variables,
    unset: Vec<Located<String>>,
}

impl Normalizer<'_> {
    fn place<T>(&self, spanned: &Spanned<T>) -> Place {
        Place {
            file: self.file,
            location: yaml::position(spanned.referenced),
        }
    }

    /// A key as written: Compose does not interpolate mapping keys.
    fn key(&self, key: &Spanned<String>) -> Located<String> {
        Located {
            value: key.value.clone(),
            at: self.place(key),
        }
    }

    /// An interpolated value; every unset variable is noted where it was written.
    fn text(&mut self, value: &Spanned<Text>) -> Located<String> {
        let at = self.place(value);
        let expanded = self.variables.expand(&value.value.0);
        for name in expanded.unset {
            self.unset.push(Located { value: name, at });
        }
        Located {
            value: expanded.text,
            at,
        }
    }

    fn optional_text(&mut self, value: Option<&Spanned<Text>>) -> Option<Located<String>> {
        value.map(|v| self.text(v))
    }

    fn flag(&mut self, value: Option<&Spanned<Text>>) -> Option<Located<bool>> {
        self.optional_text(value).map(|text| Located {
            value: is_true(&text.value),
            at: text.at,
        })
    }

    fn includes(&mut self, raw: Vec<Spanned<RawInclude>>) -> Vec<Located<String>> {
        let mut paths = Vec::new();
        for entry in raw {
            let written: Vec<Text> = match entry.value {
                RawInclude::Short(path) => vec![path],
                RawInclude::Long(long) => long.path.map(|p| p.0).unwrap_or_default(),
            };
            for path in written {
                paths.push(self.text(&Spanned::new(path, entry.referenced, entry.defined)));
            }
        }
        paths
    }

    fn extends(&mut self, raw: Option<Spanned<RawExtends>>) -> Option<Extends> {
        let raw = raw?;
        let at = self.place(&raw);
        let (service, file) = match raw.value {
            RawExtends::Short(service) => (service, None),
            RawExtends::Long(long) => (long.service?, long.file),
        };
        let expand = |text: Text, this: &mut Self| {
            this.text(&Spanned::new(text, raw.referenced, raw.defined))
                .value
        };
        Some(Extends {
            service: expand(service, self),
            file: file.map(|f| expand(f, self)),
            at,
        })
    }

    fn services(&mut self, raw: OrderedMap<Option<RawService>>) -> Vec<Service> {
        raw.0
            .into_iter()
            .map(|(key, body)| self.service(&key, body.unwrap_or_default()))
            .collect()
    }

    fn service(&mut self, key: &Spanned<String>, raw: RawService) -> Service {
        let replaces = Replaces {
            networks: raw.networks.replaces,
            ports: raw.ports.replaces,
            expose: raw.expose.replaces,
            volumes: raw.volumes.replaces,
            labels: raw.labels.replaces,
        };
        let mut labels = self.labels(raw.labels.value);
        labels.extend(self.labels(raw.deploy.and_then(|d| d.labels)));
        Service {
            key: self.key(key),
            extends: self.extends(raw.extends),
            image: self.optional_text(raw.image.as_ref()),
            container_name: self
                .optional_text(raw.container_name.as_ref())
                .map(|c| c.value),
            networks: raw.networks.value.map(|n| self.attachments(n.value)),
            network_mode: self.optional_text(raw.network_mode.as_ref()),
            ports: raw
                .ports
                .value
                .unwrap_or_default()
                .iter()
                .map(|p| self.port(p))
                .collect(),
            expose: raw
                .expose
                .value
                .unwrap_or_default()
                .iter()
                .map(|e| self.text(e))
                .collect(),
            volumes: raw
                .volumes
                .value
                .unwrap_or_default()
                .iter()
                .filter_map(|v| self.volume(v))
                .collect(),
            labels,
            privileged: self.flag(raw.privileged.as_ref()),
            profiles: raw
                .profiles
                .unwrap_or_default()
                .iter()
                .map(|p| self.text(p).value)
                .collect(),
            replaces,
        }
    }

    fn attachments(&mut self, raw: RawAttachments) -> Vec<Attachment> {
        raw.0
            .into_iter()
            .map(|(key, settings)| Attachment {
                network: self.key(&key),
                aliases: settings
                    .aliases
                    .unwrap_or_default()
                    .iter()
                    .map(|a| self.text(a).value)
                    .collect(),
                ipv4_address: self.optional_text(settings.ipv4_address.as_ref()),
                ipv6_address: self.optional_text(settings.ipv6_address.as_ref()),
            })
            .collect()
    }

    fn port(&mut self, raw: &Spanned<RawPort>) -> Port {
        let at = self.place(raw);
        match &raw.value {
            RawPort::Short(text) => {
                let written = self.text(&Spanned::new(text.clone(), raw.referenced, raw.defined));
                let short = short_port(&written.value);
                Port {
                    at,
                    written: written.value,
                    host_ip: short.host_ip,
                    published: short.published,
                    target: short.target,
                    protocol: short.protocol,
                }
            }
            RawPort::Long(long) => {
                let target = self.optional_text(long.target.as_ref());
                let published = self.optional_text(long.published.as_ref());
                let host_ip = self.optional_text(long.host_ip.as_ref());
                let protocol = self.optional_text(long.protocol.as_ref());
                let target_text = target.as_ref().map_or("", |t| t.value.as_str());
                Port {
                    at,
                    written: format!("target: {target_text}"),
                    host_ip: host_ip.map(|h| h.value).filter(|h| !h.is_empty()),
                    published: published.map(|p| p.value).filter(|p| !p.is_empty()),
                    target: port_range(target_text),
                    protocol: protocol.map_or_else(|| "tcp".to_owned(), |p| p.value),
                }
            }
        }
    }

    fn volume(&mut self, raw: &Spanned<RawVolume>) -> Option<Mount> {
        let at = self.place(raw);
        match &raw.value {
            RawVolume::Short(text) => {
                let written = self.text(&Spanned::new(text.clone(), raw.referenced, raw.defined));
                let (source, target) = short_volume(&written.value);
                Some(Mount { at, source, target })
            }
            RawVolume::Long(long) => {
                let source = self.optional_text(long.source.as_ref()).map(|s| s.value);
                let target = self.optional_text(long.target.as_ref())?.value;
                Some(Mount { at, source, target })
            }
        }
    }

    fn labels(&mut self, raw: Option<RawLabels>) -> Vec<Label> {
        let Some(raw) = raw else {
            return Vec::new();
        };
        raw.0
            .iter()
            .map(|label| match label {
                RawLabel::Joined(joined) => {
                    let text = self.text(joined);
                    let (key, value) = text.value.split_once('=').unwrap_or((&text.value, ""));
                    Label {
                        key: key.trim().to_owned(),
                        value: value.trim().to_owned(),
                        at: text.at,
                    }
                }
                RawLabel::Pair(key, value) => Label {
                    key: key.value.clone(),
                    value: self
                        .optional_text(value.as_ref())
                        .map(|v| v.value)
                        .unwrap_or_default(),
                    at: self.place(key),
                },
            })
            .collect()
    }

    fn networks(&mut self, raw: OrderedMap<Option<RawNetwork>>) -> Vec<Network> {
        raw.0
            .into_iter()
            .map(|(key, body)| self.network(&key, body.unwrap_or_default()))
            .collect()
    }

    fn network(&mut self, key: &Spanned<String>, raw: RawNetwork) -> Network {
        let external = raw.external.as_ref().map(|e| {
            let flag = self.text(&Spanned::new(e.value.flag.clone(), e.referenced, e.defined));
            Located {
                value: is_true(&flag.value),
                at: flag.at,
            }
        });
        let legacy_name = raw
            .external
            .as_ref()
            .and_then(|e| e.value.legacy_name.as_ref())
            .map(|n| self.text(n).value);
        let name = self.optional_text(raw.name.as_ref()).map(|n| n.value);
        Network {
            key: self.key(key),
            name: name.or(legacy_name),
            driver: self.optional_text(raw.driver.as_ref()).map(|d| d.value),
            external,
            internal: self.flag(raw.internal.as_ref()),
            enable_ipv6: self.flag(raw.enable_ipv6.as_ref()).map(|f| f.value),
            ipam: raw.ipam.map(|ipam| self.ipam(ipam)),
            labels: self.labels(raw.labels),
        }
    }

    fn ipam(&mut self, raw: RawIpam) -> Vec<Subnet> {
        raw.config
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .filter_map(|config| {
                let subnet = self.optional_text(config.subnet.as_ref())?;
                Some(Subnet {
                    subnet,
                    gateway: self.optional_text(config.gateway.as_ref()).map(|g| g.value),
                    ip_range: self
                        .optional_text(config.ip_range.as_ref())
                        .map(|r| r.value),
                })
            })
            .collect()
    }
}

/// Compose booleans: YAML's `true`, and the strings Docker accepts for it.
fn is_true(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "true" | "yes" | "on" | "1" | "y"
    )
}
