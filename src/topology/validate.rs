//! Turns the file as written into the validated model, reporting every problem at once.

use super::model::{
    ComposeSelector, Expectation, HealthCheck, Membership, Network, Service, Topology,
};
use super::names;
use super::raw::{
    RawExpectation, RawIpam, RawIpamConfig, RawMembership, RawNetwork, RawService, RawTopology,
    ScalarString,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::live::labels::DEFAULT_BRIDGE;
use crate::live::{Ipam, NetworkSettings, Pool};
use crate::suggest::did_you_mean;
use crate::yaml::{self, OrderedMap, location_of};
use ipnet::IpNet;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

pub const SUPPORTED_DRIVERS: [&str; 4] = ["bridge", "overlay", "macvlan", "ipvlan"];
const BRIDGE_NAME_OPTION: &str = "com.docker.network.bridge.name";
/// Linux keeps interface names to IFNAMSIZ - 1 bytes.
const MAX_INTERFACE_NAME: usize = 15;

/// The model, or every semantic problem of the parts that could be read (unsorted: the
/// caller merges them with the structural ones).
pub fn validate(raw: RawTopology, file: &str) -> Result<Topology, Vec<Diagnostic>> {
    let mut validator = Validator {
        file,
        problems: Vec::new(),
    };
    let topology = validator.topology(raw);
    if validator.problems.is_empty() {
        Ok(topology)
    } else {
        Err(validator.problems)
    }
}

struct Validator<'a> {
    file: &'a str,
    problems: Vec<Diagnostic>,
}

/// A subnet and where it was written, for overlap reports.
struct PlacedSubnet {
    subnet: IpNet,
    network_key: String,
    location: Option<Location>,
}

impl Validator<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, message: String, help: impl Into<String>) {
        self.report_at(location_of(at), message, help);
    }

    fn report_at(&mut self, location: Option<Location>, message: String, help: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(self.file, location, message).with_help(help));
    }

    /// A missing version or project was reported by `read`; the rest is still checked.
    fn topology(&mut self, raw: RawTopology) -> Topology {
        if let Some(version) = raw.version.as_ref().filter(|v| v.value != 1) {
            self.report(
                version,
                format!("unsupported topology version {}", version.value),
                "set `version: 1`; it is the only version netctl reads",
            );
        }
        if let Some(project) = raw
            .project
            .as_ref()
            .filter(|p| !names::is_project_name(&p.value))
        {
            self.report(
                project,
                format!("invalid project name `{}`", project.value),
                "use lowercase letters, digits, `-` and `_`, starting with a letter or digit",
            );
        }
        let networks = self.networks(raw.networks);
        let services = self.services(raw.services, &networks);
        let expect = self.expectations(raw.expect, &services);
        Topology {
            project: raw.project.map(|p| p.value).unwrap_or_default(),
            networks,
            services,
            expect,
        }
    }

    fn networks(&mut self, raw: OrderedMap<Option<RawNetwork>>) -> Vec<Network> {
        let mut networks = Vec::with_capacity(raw.0.len());
        let mut subnets = Vec::new();
        let mut docker_names: HashMap<String, String> = HashMap::new();
        for (key, body) in raw.0 {
            let body = body.unwrap_or_default();
            let name_at = body
                .name
                .as_ref()
                .map_or_else(|| location_of(&key), location_of);
            let network = self.network(&key, body, &mut subnets);
            if !names::is_network_name(&network.settings.name) {
                self.report_at(
                    name_at,
                    format!("invalid Docker network name `{}`", network.settings.name),
                    "use letters, digits, `_`, `.` and `-`, starting with a letter or digit",
                );
            }
            if let Some(first) =
                docker_names.insert(network.settings.name.clone(), network.key.clone())
            {
                self.report_at(
                    name_at,
                    format!(
                        "networks `{first}` and `{}` both have the Docker name `{}`",
                        network.key, network.settings.name
                    ),
                    "give each network its own `name:`",
                );
            }
            networks.push(network);
        }
        self.overlapping_subnets(subnets);
        networks
    }

    fn network(
        &mut self,
        key: &Spanned<String>,
        body: RawNetwork,
        subnets: &mut Vec<PlacedSubnet>,
    ) -> Network {
        let external = body.external.as_ref().is_some_and(|e| e.value);
        if external {
            self.external_settings(&key.value, &body);
        }
        let enable_ipv6 = body.enable_ipv6.as_ref().is_some_and(|v| v.value);
        let driver = body.driver.as_ref().map_or("bridge", |d| d.value.as_str());
        if let Some(written) = body.driver.as_ref()
            && !SUPPORTED_DRIVERS.contains(&driver)
        {
            self.report(
                written,
                format!("unsupported network driver `{driver}`"),
                format!(
                    "use one of {}{}",
                    SUPPORTED_DRIVERS.join(", "),
                    did_you_mean(driver, SUPPORTED_DRIVERS)
                ),
            );
        }
        let driver_opts = self.text_map(body.driver_opts);
        self.bridge_name(&key.value, &driver_opts);
        let (ipam, placed) = self.ipam(
            &key.value,
            body.ipam,
            body.subnet,
            body.gateway,
            enable_ipv6,
        );
        if !external {
            subnets.extend(placed);
        }
        self.system_network(key, body.name.as_ref(), external);
        Network {
            key: key.value.clone(),
            external,
            tags: body.tags.into_iter().map(|t| t.value).collect(),
            settings: NetworkSettings {
                name: body.name.map_or_else(|| key.value.clone(), |n| n.value),
                driver: driver.to_owned(),
                options: driver_opts.into_iter().map(|(k, (v, _))| (k, v)).collect(),
                internal: body.internal.is_some_and(|v| v.value),
                attachable: body.attachable.is_some_and(|v| v.value),
                enable_ipv6,
                labels: self
                    .text_map(body.labels)
                    .into_iter()
                    .map(|(k, (v, _))| (k, v))
                    .collect(),
                ipam,
            },
        }
    }

    /// Docker's own networks: the default `bridge` can be declared, but only as external
    /// (netctl can neither create nor change it); `host` and `none` are network modes a
    /// container is created with, not networks anything can be connected to.
    fn system_network(
        &mut self,
        key: &Spanned<String>,
        name: Option<&Spanned<String>>,
        external: bool,
    ) {
        let (written, name) = match name {
            Some(name) => (name.referenced, name.value.as_str()),
            None => (key.referenced, key.value.as_str()),
        };
        let location = yaml::location(written);
        match name {
            DEFAULT_BRIDGE if !external => self.report_at(
                location,
                format!("network `{}` is Docker's default `bridge`, which netctl cannot create or change", key.value),
                "declare it with `external: true` (and `name: bridge`) to put services on it",
            ),
            "host" | "none" => self.report_at(
                location,
                format!("network `{}` is Docker's `{name}` network mode, not a network containers can join", key.value),
                format!("a container gets `{name}` only when it is created (docker run --network {name}); remove it from the file"),
            ),
            _ => {}
        }
    }

    /// An external network is never changed by netctl, so settings on it would be promises
    /// that nothing keeps.
    fn external_settings(&mut self, key: &str, body: &RawNetwork) {
        let mut written: Vec<(&str, Option<Location>)> = Vec::new();
        let mut note = |field: &'static str, at: Option<Option<Location>>| {
            if let Some(at) = at {
                written.push((field, at));
            }
        };
        note("driver", body.driver.as_ref().map(location_of));
        note("internal", body.internal.as_ref().map(location_of));
        note("attachable", body.attachable.as_ref().map(location_of));
        note("enable_ipv6", body.enable_ipv6.as_ref().map(location_of));
        note("subnet", body.subnet.as_ref().map(location_of));
        note("gateway", body.gateway.as_ref().map(location_of));
        note(
            "driver_opts",
            body.driver_opts.as_ref().and_then(first_key_location),
        );
        note("labels", body.labels.as_ref().and_then(first_key_location));
        note(
            "ipam",
            body.ipam
                .as_ref()
                .map(|ipam| ipam.config.first().and_then(location_of)),
        );
        for (field, at) in written {
            self.report_at(
                at,
                format!("external network `{key}` sets `{field}`, which netctl cannot enforce"),
                format!(
                    "netctl never changes an external network: remove `{field}`, or drop `external: true` to let netctl manage it"
                ),
            );
        }
    }

    fn text_map(
        &mut self,
        map: Option<OrderedMap<Spanned<ScalarString>>>,
    ) -> BTreeMap<String, (String, Option<Location>)> {
        map.map(|m| m.0)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                let at = location_of(&v);
                (k.value, (v.value.0, at))
            })
            .collect()
    }

    fn bridge_name(
        &mut self,
        key: &str,
        driver_opts: &BTreeMap<String, (String, Option<Location>)>,
    ) {
        if let Some((bridge, at)) = driver_opts.get(BRIDGE_NAME_OPTION)
            && (bridge.len() > MAX_INTERFACE_NAME || bridge.is_empty())
        {
            self.report_at(
                *at,
                format!(
                    "bridge name `{bridge}` of network `{key}` is {} bytes; Linux allows 1 to {MAX_INTERFACE_NAME}",
                    bridge.len()
                ),
                "choose a shorter `com.docker.network.bridge.name`",
            );
        }
    }

    fn ipam(
        &mut self,
        key: &str,
        ipam: Option<RawIpam>,
        subnet: Option<Spanned<String>>,
        gateway: Option<Spanned<String>>,
        enable_ipv6: bool,
    ) -> (Ipam, Vec<PlacedSubnet>) {
        let ipam = ipam.unwrap_or_default();
        let mut configs = ipam.config;
        match (subnet, gateway) {
            (Some(subnet), gateway) => {
                if let Some(first) = configs.first() {
                    self.report(
                        first,
                        format!("network `{key}` sets both `subnet:` and `ipam.config`"),
                        "use the `subnet:`/`gateway:` shorthand or `ipam.config`, not both",
                    );
                }
                configs.insert(
                    0,
                    Spanned {
                        referenced: subnet.referenced,
                        defined: subnet.defined,
                        value: RawIpamConfig {
                            subnet: Some(subnet),
                            gateway,
                            ..RawIpamConfig::default()
                        },
                    },
                );
            }
            (None, Some(gateway)) => self.report(
                &gateway,
                format!("network `{key}` sets `gateway:` without `subnet:`"),
                "add the `subnet:` the gateway belongs to",
            ),
            (None, None) => {}
        }
        let mut pools = Vec::with_capacity(configs.len());
        let mut placed = Vec::with_capacity(configs.len());
        for config in configs {
            if let Some((pool, location)) = self.pool(key, config, enable_ipv6) {
                placed.push(PlacedSubnet {
                    subnet: pool.subnet,
                    network_key: key.to_owned(),
                    location,
                });
                pools.push(pool);
            }
        }
        let ipam = Ipam {
            driver: ipam.driver.map(|d| d.value),
            options: self
                .text_map(ipam.options)
                .into_iter()
                .map(|(k, (v, _))| (k, v))
                .collect(),
            pools,
        };
        (ipam, placed)
    }

    fn pool(
        &mut self,
        key: &str,
        config: Spanned<RawIpamConfig>,
        enable_ipv6: bool,
    ) -> Option<(Pool, Option<Location>)> {
        let Some(written) = config.value.subnet.as_ref() else {
            self.report(
                &config,
                format!("an `ipam.config` entry of network `{key}` has no `subnet`"),
                "add `subnet: <CIDR>` to the entry, or remove the entry",
            );
            return None;
        };
        let subnet = self.cidr(written, "subnet")?;
        if subnet.addr() != subnet.network() {
            self.report(
                written,
                format!("subnet `{}` has host bits set", written.value),
                format!("write the network address: `{}`", subnet.trunc()),
            );
        }
        if matches!(subnet, IpNet::V6(_)) && !enable_ipv6 {
            self.report(
                written,
                format!("network `{key}` has an IPv6 subnet but not `enable_ipv6: true`"),
                "add `enable_ipv6: true` to the network",
            );
        }
        let subnet = subnet.trunc();
        let RawIpamConfig {
            gateway,
            ip_range,
            aux_addresses,
            ..
        } = config.value;
        let gateway = gateway.and_then(|g| self.address_in(&g, "gateway", &subnet));
        let ip_range = ip_range.and_then(|r| self.range_in(&r, &subnet));
        let aux_addresses = aux_addresses
            .map(|m| m.0)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(name, address)| {
                let address = self.address_in(&address, "auxiliary address", &subnet)?;
                Some((name.value, address))
            })
            .collect();
        let pool = Pool {
            subnet,
            gateway,
            ip_range,
            aux_addresses,
        };
        Some((pool, location_of(written)))
    }

    fn cidr(&mut self, written: &Spanned<String>, what: &str) -> Option<IpNet> {
        match written.value.trim().parse::<IpNet>() {
            Ok(net) => Some(net),
            Err(_) => {
                self.report(
                    written,
                    format!("{what} `{}` is not a valid CIDR", written.value),
                    "write an address and prefix length, such as `172.31.0.0/16` or `fd00:1::/64`",
                );
                None
            }
        }
    }

    fn address_in(
        &mut self,
        written: &Spanned<String>,
        what: &str,
        subnet: &IpNet,
    ) -> Option<IpAddr> {
        let Ok(address) = written.value.trim().parse::<IpAddr>() else {
            self.report(
                written,
                format!("{what} `{}` is not an IP address", written.value),
                "write a plain address such as `172.31.0.1`",
            );
            return None;
        };
        if !subnet.contains(&address) {
            self.report(
                written,
                format!("{what} {address} is outside the subnet {subnet}"),
                format!("choose an address inside {subnet}, or widen the subnet"),
            );
        }
        Some(address)
    }

    fn range_in(&mut self, written: &Spanned<String>, subnet: &IpNet) -> Option<IpNet> {
        let range = self.cidr(written, "ip_range")?;
        if !subnet.contains(&range) {
            self.report(
                written,
                format!("ip_range {range} is outside the subnet {subnet}"),
                format!("choose a range inside {subnet}"),
            );
        }
        Some(range)
    }

    /// Subnets sorted by first address overlap exactly when one starts before the widest
    /// earlier one ends, so one pass finds every overlap without comparing all pairs.
    fn overlapping_subnets(&mut self, mut subnets: Vec<PlacedSubnet>) {
        subnets.sort_by_key(|s| (s.subnet.network(), std::cmp::Reverse(s.subnet.prefix_len())));
        let mut widest: Option<usize> = None;
        for index in 0..subnets.len() {
            let current = &subnets[index];
            if let Some(earlier) = widest.map(|w| &subnets[w])
                && same_family(&earlier.subnet, &current.subnet)
                && earlier.subnet.broadcast() >= current.subnet.network()
            {
                let message = if earlier.network_key == current.network_key {
                    format!(
                        "network `{}` has overlapping subnets {} and {}",
                        current.network_key, earlier.subnet, current.subnet
                    )
                } else {
                    format!(
                        "subnet {} of network `{}` overlaps subnet {} of network `{}`",
                        current.subnet, current.network_key, earlier.subnet, earlier.network_key
                    )
                };
                let help = match earlier.location {
                    Some(at) => format!(
                        "the daemon refuses overlapping pools (\"Pool overlaps with other one on this address space\"); the other subnet is at {}:{}:{}",
                        self.file, at.line, at.column
                    ),
                    None => "the daemon refuses overlapping pools".to_owned(),
                };
                let location = current.location;
                self.report_at(location, message, help);
            }
            let extends_further = widest.is_none_or(|w| {
                let earlier = &subnets[w];
                !same_family(&earlier.subnet, &subnets[index].subnet)
                    || subnets[index].subnet.broadcast() > earlier.subnet.broadcast()
            });
            if extends_further {
                widest = Some(index);
            }
        }
    }

    fn services(
        &mut self,
        raw: OrderedMap<Option<RawService>>,
        networks: &[Network],
    ) -> Vec<Service> {
        let by_key: HashMap<&str, &Network> =
            networks.iter().map(|n| (n.key.as_str(), n)).collect();
        let mut containers: HashMap<String, String> = HashMap::new();
        let mut static_ips: HashMap<(String, IpAddr), String> = HashMap::new();
        let mut services = Vec::with_capacity(raw.0.len());
        for (key, body) in raw.0 {
            let body = body.unwrap_or_default();
            let container_at = body
                .container
                .as_ref()
                .map_or_else(|| location_of(&key), location_of);
            if let (Some(written), Some(_)) = (&body.container, &body.compose) {
                self.report_at(
                    location_of(written),
                    format!("service `{}` has both `container` and `compose`", key.value),
                    "keep `compose:` for a Compose service (its containers are found by Compose's labels), or `container:` for one container by name",
                );
            }
            let compose = body.compose.map(|selector| ComposeSelector {
                project: selector.project.value,
                service: selector.service.value,
            });
            // A Compose service's real name comes from the daemon's labels; until then it
            // goes by Compose v2's name for its first replica.
            let container = body.container.map_or_else(
                || match &compose {
                    Some(selector) => format!("{}-{}-1", selector.project, selector.service),
                    None => key.value.clone(),
                },
                |c| c.value,
            );
            if !names::is_container_name(&container) {
                self.report_at(
                    container_at,
                    format!("invalid Docker container name `{container}`"),
                    "use at least two characters: letters, digits, `_`, `.` and `-`, starting with a letter or digit",
                );
            }
            if let Some(first) = containers.insert(container.clone(), key.value.clone()) {
                self.report_at(
                    container_at,
                    format!(
                        "services `{first}` and `{}` both use the container name `{container}`",
                        key.value
                    ),
                    "give each service its own `container:`",
                );
            }
            let memberships = body
                .networks
                .0
                .into_iter()
                .filter_map(|(network, settings)| {
                    self.membership(&key.value, network, settings, &by_key, &mut static_ips)
                })
                .collect::<Vec<_>>();
            self.duplicate_memberships(&key.value, &memberships);
            let ports = self.ports(&key.value, body.ports);
            let health = body.health.and_then(|h| self.health(&key.value, h));
            services.push(Service {
                key: key.value,
                container,
                compose,
                replica_of: None,
                unprobed_replicas: Vec::new(),
                networks: memberships.into_iter().map(|(m, _)| m).collect(),
                ports,
                tags: body.tags.into_iter().map(|t| t.value).collect(),
                health,
            });
        }
        services
    }

    fn duplicate_memberships(
        &mut self,
        service: &str,
        memberships: &[(Membership, Option<Location>)],
    ) {
        let mut seen = HashMap::new();
        for (membership, at) in memberships {
            if seen.insert(membership.network.as_str(), ()).is_some() {
                self.report_at(
                    *at,
                    format!(
                        "service `{service}` lists network `{}` twice",
                        membership.network
                    ),
                    "list each network once",
                );
            }
        }
    }

    fn membership(
        &mut self,
        service: &str,
        network_key: Spanned<String>,
        settings: RawMembership,
        networks: &HashMap<&str, &Network>,
        static_ips: &mut HashMap<(String, IpAddr), String>,
    ) -> Option<(Membership, Option<Location>)> {
        let Some(network) = networks.get(network_key.value.as_str()) else {
            self.report(
                &network_key,
                format!(
                    "service `{service}` is on network `{}`, which is not declared",
                    network_key.value
                ),
                format!(
                    "declare it under `networks:` or fix the name{}",
                    did_you_mean(&network_key.value, networks.keys().copied())
                ),
            );
            return None;
        };
        if network.is_default_bridge() {
            self.default_bridge_membership(service, &settings);
        }
        for alias in &settings.aliases {
            if !names::is_alias(&alias.value) {
                self.report(
                    alias,
                    format!("invalid alias `{}`", alias.value),
                    "an alias is a DNS name: letters, digits, `-`, `_` and `.`",
                );
            }
        }
        let ipv4_address = settings
            .ipv4_address
            .and_then(|a| self.static_ip(service, network, &a, false, static_ips))
            .and_then(|a| match a {
                IpAddr::V4(v4) => Some(v4),
                IpAddr::V6(_) => None,
            });
        let ipv6_address = settings
            .ipv6_address
            .and_then(|a| self.static_ip(service, network, &a, true, static_ips))
            .and_then(|a| match a {
                IpAddr::V6(v6) => Some(v6),
                IpAddr::V4(_) => None,
            });
        let membership = Membership {
            network: network_key.value.clone(),
            aliases: settings.aliases.into_iter().map(|a| a.value).collect(),
            ipv4_address,
            ipv6_address,
        };
        Some((membership, location_of(&network_key)))
    }

    /// The default bridge has no name resolution and no static addressing: Docker refuses
    /// aliases and fixed addresses there, so the file must not promise them.
    fn default_bridge_membership(&mut self, service: &str, settings: &RawMembership) {
        for alias in &settings.aliases {
            self.report(
                alias,
                format!("service `{service}` has alias `{}` on Docker's default bridge, which has no name resolution", alias.value),
                "remove the alias, or put the service on a user-defined network for names",
            );
        }
        for address in [&settings.ipv4_address, &settings.ipv6_address]
            .into_iter()
            .flatten()
        {
            self.report(
                address,
                format!("service `{service}` has a static address `{}` on Docker's default bridge", address.value),
                "Docker assigns static addresses only on user-defined networks: remove it, or use a network with a subnet",
            );
        }
    }

    fn static_ip(
        &mut self,
        service: &str,
        network: &Network,
        written: &Spanned<String>,
        want_v6: bool,
        taken: &mut HashMap<(String, IpAddr), String>,
    ) -> Option<IpAddr> {
        let field = if want_v6 {
            "ipv6_address"
        } else {
            "ipv4_address"
        };
        let address = match written.value.trim().parse::<IpAddr>() {
            Ok(address) if address.is_ipv6() == want_v6 => address,
            Ok(_) => {
                let other = if want_v6 {
                    "ipv4_address"
                } else {
                    "ipv6_address"
                };
                self.report(
                    written,
                    format!("`{field}` of service `{service}` is `{}`", written.value),
                    format!("put this address under `{other}`"),
                );
                return None;
            }
            Err(_) => {
                self.report(
                    written,
                    format!(
                        "`{field}` `{}` of service `{service}` is not an IP address",
                        written.value
                    ),
                    "write a plain address such as `172.31.0.10`",
                );
                return None;
            }
        };
        if want_v6 && !network.settings.enable_ipv6 {
            self.report(
                written,
                format!(
                    "service `{service}` has an IPv6 address on network `{}`, which does not enable IPv6",
                    network.key
                ),
                format!("add `enable_ipv6: true` to network `{}`", network.key),
            );
        }
        self.static_ip_in_subnet(service, network, written, address);
        if let Some(first) = taken.insert((network.key.clone(), address), service.to_owned()) {
            self.report(
                written,
                format!(
                    "services `{first}` and `{service}` both claim {address} on network `{}`",
                    network.key
                ),
                "give each container its own address (\"Address already in use\" otherwise)",
            );
        }
        Some(address)
    }

    fn static_ip_in_subnet(
        &mut self,
        service: &str,
        network: &Network,
        written: &Spanned<String>,
        address: IpAddr,
    ) {
        if network.external {
            return;
        }
        let family: Vec<&Pool> = network
            .settings
            .ipam
            .pools
            .iter()
            .filter(|p| p.subnet.addr().is_ipv6() == address.is_ipv6())
            .collect();
        if family.is_empty() {
            self.report(
                written,
                format!(
                    "service `{service}` has a static IP on network `{}`, which has no {} subnet",
                    network.key,
                    if address.is_ipv6() { "IPv6" } else { "IPv4" }
                ),
                format!(
                    "Docker assigns static IPs only from a subnet you configure: add `subnet:` to network `{}`",
                    network.key
                ),
            );
            return;
        }
        let Some(pool) = family.iter().find(|p| p.subnet.contains(&address)) else {
            let subnets: Vec<String> = family.iter().map(|p| p.subnet.to_string()).collect();
            self.report(
                written,
                format!(
                    "static IP {address} of service `{service}` is outside the subnet {} of network `{}`",
                    subnets.join(", "),
                    network.key
                ),
                "choose an address inside the network's subnet",
            );
            return;
        };
        let reserved = if address == pool.subnet.network()
            && pool.subnet.prefix_len() < pool.subnet.max_prefix_len()
        {
            Some("the subnet's network address")
        } else if address.is_ipv4()
            && address == pool.subnet.broadcast()
            && pool.subnet.prefix_len() < 31
        {
            Some("the subnet's broadcast address")
        } else if Some(address) == pool.gateway {
            Some("the network's gateway")
        } else if pool.gateway.is_none()
            && pool.ip_range.is_none()
            && Some(address) == first_address(&pool.subnet)
        {
            Some("the gateway Docker gives the network when none is set (its first address)")
        } else if let Some((name, _)) = pool.aux_addresses.iter().find(|(_, a)| **a == address) {
            return self.report(
                written,
                format!(
                    "static IP {address} of service `{service}` is the auxiliary address \
                     `{name}` that the network reserves"
                ),
                "choose another address in the subnet, or drop it from `aux_addresses`",
            );
        } else {
            None
        };
        if let Some(reserved) = reserved {
            self.report(
                written,
                format!("static IP {address} of service `{service}` is {reserved}"),
                "choose another address in the subnet",
            );
        }
    }

    fn ports(&mut self, service: &str, ports: Vec<Spanned<u16>>) -> Vec<u16> {
        let mut seen = Vec::with_capacity(ports.len());
        for port in ports {
            if port.value == 0 {
                self.report(
                    &port,
                    format!("service `{service}` lists port 0"),
                    "ports run from 1 to 65535",
                );
            } else if seen.contains(&port.value) {
                self.report(
                    &port,
                    format!("service `{service}` lists port {} twice", port.value),
                    "list each port once",
                );
            } else {
                seen.push(port.value);
            }
        }
        seen
    }

    fn health(&mut self, service: &str, health: super::raw::RawHealth) -> Option<HealthCheck> {
        if health.port.value == 0 {
            self.report(
                &health.port,
                format!("health check of `{service}` uses port 0"),
                "ports run from 1 to 65535",
            );
            return None;
        }
        let path = match health.path {
            Some(path) if path.value.bytes().any(|b| !b.is_ascii_graphic()) => {
                self.report(
                    &path,
                    format!(
                        "health path {:?} holds a space, a control character (such as a line \
                         break) or a non-ASCII character",
                        path.value
                    ),
                    "percent-encode it (%20 for a space, %0A for a line break): it goes into \
                     the probe's request line as written",
                );
                return None;
            }
            Some(path) if !path.value.starts_with('/') => {
                self.report(
                    &path,
                    format!("health path `{}` does not start with `/`", path.value),
                    format!("write `/{}`", path.value),
                );
                return None;
            }
            Some(path) => path.value,
            None => "/health".to_owned(),
        };
        Some(HealthCheck {
            port: health.port.value,
            path,
        })
    }

    fn expectations(&mut self, raw: Vec<RawExpectation>, services: &[Service]) -> Vec<Expectation> {
        let keys: Vec<&str> = services.iter().map(|s| s.key.as_str()).collect();
        let mut expectations = Vec::with_capacity(raw.len());
        for entry in raw {
            let mut known = true;
            for end in [&entry.from, &entry.to].into_iter().flatten() {
                if !keys.contains(&end.value.as_str()) {
                    known = false;
                    self.report(
                        end,
                        format!(
                            "`expect` names `{}`, which is not a declared service",
                            end.value
                        ),
                        format!(
                            "use a service key from `services:`{}",
                            did_you_mean(&end.value, keys.iter().copied())
                        ),
                    );
                }
            }
            if let Some(port) = entry.port.as_ref().filter(|p| p.value == 0) {
                known = false;
                self.report(
                    port,
                    "`expect` uses port 0".to_owned(),
                    "ports run from 1 to 65535",
                );
            }
            // An entry missing `from`, `to` or `reachable` was reported by `read`.
            if let (true, Some(from), Some(to), Some(reachable)) =
                (known, entry.from, entry.to, entry.reachable)
            {
                expectations.push(Expectation {
                    from: from.value,
                    to: to.value,
                    port: entry.port.map(|p| p.value),
                    reachable: reachable.value,
                });
            }
        }
        expectations
    }
}

/// The address Docker makes a network's gateway when the file sets none (and no `ip_range`
/// narrows where it allocates): the subnet's first.
fn first_address(subnet: &IpNet) -> Option<IpAddr> {
    let next = |bits: u128| bits.checked_add(1);
    match subnet.network() {
        IpAddr::V4(network) => next(u32::from(network).into())
            .and_then(|b| u32::try_from(b).ok())
            .map(|b| IpAddr::V4(b.into())),
        IpAddr::V6(network) => next(network.into()).map(|b| IpAddr::V6(b.into())),
    }
}

fn same_family(a: &IpNet, b: &IpNet) -> bool {
    a.addr().is_ipv6() == b.addr().is_ipv6()
}

fn first_key_location<V>(map: &OrderedMap<V>) -> Option<Option<Location>> {
    map.0.first().map(|(key, _)| location_of(key))
}
