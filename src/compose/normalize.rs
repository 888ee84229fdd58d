//! One parsed document to the project model: interpolation, short/long syntax, labels, flags,
//! `!reset`/`!override` tags; and the values Compose refuses (an `extends` without `service`,
//! a port's host IP that is not an IP, a network with both `name` and `external.name`).

use super::interpolate::Variables;
use super::model::{
    Attachment, Extends, Include, Label, Located, Mount, Network, NetworkReplaces, Place, Port,
    Project, Replace, Replaces, Service, Subnet,
};
use super::ports::{port_range, short_port, short_volume};
use super::raw::{
    Combined, RawAttachments, RawCompose, RawExtends, RawInclude, RawIpam, RawLabel, RawLabels,
    RawNetwork, RawPort, RawService, RawVolume, Text, replace_tag,
};
use super::refusal::Refusal;
use crate::yaml::{self, OrderedMap};
use serde_saphyr::{Spanned, Tagged};
use std::net::IpAddr;

/// Turns one document of file number `file` into a project of its own; [`super::merge`]
/// combines them.
pub fn normalize(raw: RawCompose, file: usize, variables: &Variables) -> Result<Project, Refusal> {
    let mut normalizer = Normalizer {
        file,
        variables,
        unset: Vec::new(),
    };
    let name = raw.name.map(|n| normalizer.text(&n).value);
    let includes = normalizer.includes(raw.include.unwrap_or_default());
    let services = normalizer.services(raw.services.unwrap_or_default())?;
    let (networks, network_replaces) = normalizer.networks(raw.networks)?;
    Ok(Project {
        name,
        files: Vec::new(),
        services,
        networks,
        unset_variables: normalizer.unset,
        includes,
        network_replaces,
    })
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

    fn includes(&mut self, raw: Vec<Spanned<RawInclude>>) -> Vec<Include> {
        raw.into_iter().map(|entry| self.include(entry)).collect()
    }

    fn include(&mut self, entry: Spanned<RawInclude>) -> Include {
        let at = self.place(&entry);
        let (paths, project_directory, env_files) = match entry.value {
            RawInclude::Short(path) => (vec![path], None, Vec::new()),
            RawInclude::Long(long) => (
                long.path.map(|p| p.0).unwrap_or_default(),
                long.project_directory,
                long.env_file.map(|p| p.0).unwrap_or_default(),
            ),
        };
        let mut expand =
            |text: Text| self.text(&Spanned::new(text, entry.referenced, entry.defined));
        Include {
            paths: paths.into_iter().map(&mut expand).collect(),
            project_directory: project_directory.map(|d| expand(d).value),
            env_files: env_files.into_iter().map(|f| expand(f).value).collect(),
            at,
        }
    }

    /// `extends: base` or `extends: {service: base, file: ...}`; Compose requires `service`.
    fn extends(
        &mut self,
        owner: &str,
        raw: Option<Spanned<RawExtends>>,
    ) -> Result<Option<Extends>, Refusal> {
        let Some(raw) = raw else {
            return Ok(None);
        };
        let at = self.place(&raw);
        let (service, file) = match raw.value {
            RawExtends::Short(service) => (service, None),
            RawExtends::Long(long) => match long.service {
                Some(service) => (service, long.file),
                None => return Err(extends_without_service(owner, at)),
            },
        };
        let expand = |text: Text, this: &mut Self| {
            this.text(&Spanned::new(text, raw.referenced, raw.defined))
                .value
        };
        Ok(Some(Extends {
            service: expand(service, self),
            file: file.map(|f| expand(f, self)),
            at,
        }))
    }

    fn services(&mut self, raw: OrderedMap<Option<RawService>>) -> Result<Vec<Service>, Refusal> {
        raw.0
            .into_iter()
            .map(|(key, body)| self.service(&key, body.unwrap_or_default()))
            .collect()
    }

    fn service(&mut self, key: &Spanned<String>, raw: RawService) -> Result<Service, Refusal> {
        let extends = self.extends(&key.value, raw.extends)?;
        let (networks, reset_networks) = self.service_networks(&raw.networks);
        let replaces = Replaces {
            networks: raw.networks.replaces,
            ports: raw.ports.replaces,
            expose: raw.expose.replaces,
            volumes: raw.volumes.replaces,
            labels: raw.labels.replaces,
            reset_networks,
        };
        let ports = raw
            .ports
            .merged_value()
            .unwrap_or_default()
            .iter()
            .map(|p| self.port(p))
            .collect::<Result<Vec<_>, _>>()?;
        let mut labels = self.labels(raw.labels.merged_value());
        labels.extend(self.labels(raw.deploy.and_then(|d| d.labels)));
        Ok(Service {
            key: self.key(key),
            extends,
            image: self.optional_text(raw.image.as_ref()),
            container_name: self
                .optional_text(raw.container_name.as_ref())
                .map(|c| c.value),
            networks,
            network_mode: self.optional_text(raw.network_mode.as_ref()),
            ports,
            expose: raw
                .expose
                .merged_value()
                .unwrap_or_default()
                .iter()
                .map(|e| self.text(e))
                .collect(),
            volumes: raw
                .volumes
                .merged_value()
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
        })
    }

    /// A service's `networks:` and the entries tagged `!reset` in it. A mapping left empty by
    /// its resets is no `networks:` at all, as Compose drops empty mappings: the service then
    /// joins `default`.
    fn service_networks(
        &mut self,
        raw: &Combined<Spanned<RawAttachments>>,
    ) -> (Option<Vec<Attachment>>, Vec<String>) {
        if raw.replaces == Some(Replace::Reset) {
            return (None, Vec::new());
        }
        let Some(written) = raw.value.as_ref() else {
            return (None, Vec::new());
        };
        let attachments = self.attachments(&written.value);
        let reset = written.value.reset.clone();
        if attachments.is_empty() && !reset.is_empty() {
            return (None, reset);
        }
        (Some(attachments), reset)
    }

    fn attachments(&mut self, raw: &RawAttachments) -> Vec<Attachment> {
        raw.entries
            .iter()
            .map(|(key, settings)| Attachment {
                network: self.key(key),
                aliases: settings
                    .aliases
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(|a| self.text(a).value)
                    .collect(),
                ipv4_address: self.optional_text(settings.ipv4_address.as_ref()),
                ipv6_address: self.optional_text(settings.ipv6_address.as_ref()),
            })
            .collect()
    }

    fn port(&mut self, raw: &Spanned<RawPort>) -> Result<Port, Refusal> {
        let at = self.place(raw);
        let port = match &raw.value {
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
                let host_at = host_ip.as_ref().map_or(at, |h| h.at);
                let port = Port {
                    at,
                    written: format!("target: {target_text}"),
                    host_ip: host_ip.map(|h| h.value).filter(|h| !h.is_empty()),
                    published: published.map(|p| p.value).filter(|p| !p.is_empty()),
                    target: port_range(target_text),
                    protocol: protocol.map_or_else(|| "tcp".to_owned(), |p| p.value),
                };
                return checked_host_ip(port, host_at);
            }
        };
        checked_host_ip(port, at)
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

    /// The top-level `networks:`, and what its `!reset`/`!override` tags (on the whole
    /// mapping or on one network) do to the networks of the files before it.
    fn networks(
        &mut self,
        raw: Combined<OrderedMap<Tagged<Option<RawNetwork>>>>,
    ) -> Result<(Vec<Network>, NetworkReplaces), Refusal> {
        let mut replaces = NetworkReplaces {
            all: raw.replaces,
            ..NetworkReplaces::default()
        };
        let mut networks = Vec::new();
        for (key, Tagged(body, tag)) in raw.merged_value().unwrap_or_default().0 {
            match replace_tag(tag.as_deref()) {
                Some(Replace::Reset) => {
                    replaces.reset.push(key.value);
                    continue;
                }
                Some(Replace::Override) => replaces.overridden.push(key.value.clone()),
                None => {}
            }
            networks.push(self.network(&key, body.unwrap_or_default())?);
        }
        Ok((networks, replaces))
    }

    fn network(&mut self, key: &Spanned<String>, raw: RawNetwork) -> Result<Network, Refusal> {
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
            .map(|n| self.text(n));
        let name = self.optional_text(raw.name.as_ref()).map(|n| n.value);
        if let (Some(_), Some(legacy)) = (&name, &legacy_name) {
            return Err(name_and_external_name(&key.value, legacy.at));
        }
        Ok(Network {
            key: self.key(key),
            name: name.or(legacy_name.map(|n| n.value)),
            driver: self.optional_text(raw.driver.as_ref()).map(|d| d.value),
            external,
            internal: self.flag(raw.internal.as_ref()),
            enable_ipv6: self.flag(raw.enable_ipv6.as_ref()).map(|f| f.value),
            ipam: raw.ipam.map(|ipam| self.ipam(ipam)),
            labels: self.labels(raw.labels),
        })
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

/// The port, unless its host IP is neither empty nor an IPv4 or IPv6 address (brackets
/// allowed), which Compose refuses rather than publish on a guess.
fn checked_host_ip(port: Port, at: Place) -> Result<Port, Refusal> {
    let Some(ip) = port.host_ip.as_deref() else {
        return Ok(port);
    };
    let bare = ip.trim().trim_start_matches('[').trim_end_matches(']');
    if bare.is_empty() || bare.parse::<IpAddr>().is_ok() {
        return Ok(port);
    }
    Err(Refusal::at(
        at,
        format!(
            "port `{}`: the host IP `{ip}` is not an IP address",
            port.written
        ),
        "write an IPv4 or IPv6 address (`127.0.0.1`, `[::1]`) before the published port, or \
         leave it out to publish on every interface",
    ))
}

fn extends_without_service(owner: &str, at: Place) -> Refusal {
    Refusal::at(
        at,
        format!("`extends` of service `{owner}` does not say which service to extend"),
        "add `service: NAME` (with `file:` when the service is in another compose file)",
    )
}

fn name_and_external_name(network: &str, at: Place) -> Refusal {
    Refusal::at(
        at,
        format!("network `{network}` has both `name` and `external.name`"),
        "keep `name:` and write `external: true`: `external.name` is the old spelling of `name`",
    )
}
