//! What the fake daemon holds and the Engine's rules for changing it: names that repeat,
//! lookups by id, name or id prefix that fail as the Engine's do, pools that may not overlap,
//! static addresses inside the subnet and free, and networks with active endpoints kept.
//! Every refusal carries the status and message the Engine answers with (measured on Docker
//! 20.10, API 1.41).

use super::ipam;
use crate::live::{
    Container, DaemonEvent, Endpoint, EndpointSpec, Ipam, Network, NetworkMode, NetworkSettings,
    labels,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

/// A refusal as the Engine words it; the daemon side adds the call's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// A network with the facts the Engine keeps beside its settings.
#[derive(Debug, Clone)]
struct FakeNetwork {
    network: Network,
    /// Pools the creator named (static addresses need them) rather than the daemon picked.
    user_pools: bool,
    /// `bridge`, `host`, `none`: never removed.
    builtin: bool,
}

/// A container as the fake holds it (it publishes no ports).
#[derive(Debug, Clone)]
pub struct FakeContainer {
    pub id: String,
    pub name: String,
    pub image: String,
    pub running: bool,
    pub labels: BTreeMap<String, String>,
    pub network_mode: NetworkMode,
    attachments: Vec<Attachment>,
}

/// One network a container is configured for.
#[derive(Debug, Clone)]
struct Attachment {
    network_id: String,
    network_name: String,
    spec: EndpointSpec,
    /// The address it holds while the container runs.
    address: Option<IpAddr>,
    /// The Engine reports the network's id only once the container has run on it.
    joined: bool,
}

/// An image: its id, its tags and labels.
#[derive(Debug, Clone)]
pub struct FakeImage {
    pub id: String,
    pub tags: Vec<String>,
    pub labels: BTreeMap<String, String>,
}

/// Everything the fake daemon holds. Changes return the events the Engine would emit.
#[derive(Debug)]
pub struct World {
    networks: Vec<FakeNetwork>,
    containers: Vec<FakeContainer>,
    pub images: Vec<FakeImage>,
    next_id: u64,
}

impl Default for World {
    /// A fresh daemon: its default bridge on 172.17.0.0/16, `host` and `none`.
    fn default() -> World {
        let mut world = World {
            networks: Vec::new(),
            containers: Vec::new(),
            images: Vec::new(),
            next_id: 0,
        };
        for (name, driver) in [
            (labels::DEFAULT_BRIDGE, "bridge"),
            ("host", "host"),
            ("none", "null"),
        ] {
            let pools = if driver == "bridge" {
                ipam::free_pool(&[]).into_iter().collect()
            } else {
                Vec::new()
            };
            let id = world.fresh_id(name);
            world.networks.push(FakeNetwork {
                network: Network {
                    id,
                    settings: settings(name, driver, pools),
                },
                user_pools: false,
                builtin: true,
            });
        }
        world
    }
}

fn settings(name: &str, driver: &str, pools: Vec<crate::live::Pool>) -> NetworkSettings {
    NetworkSettings {
        name: name.to_owned(),
        driver: driver.to_owned(),
        ipam: Ipam {
            driver: Some("default".to_owned()),
            options: BTreeMap::new(),
            pools,
        },
        ..NetworkSettings::default()
    }
}

/// An event as the Engine reports it: the kind, the action, and the name of the container
/// or network it concerns.
fn event(kind: &str, action: &str, name: &str) -> DaemonEvent {
    DaemonEvent {
        kind: kind.to_owned(),
        action: action.to_owned(),
        name: name.to_owned(),
    }
}

impl World {
    /// A 64-hex id, unique in this daemon, as the Engine's are.
    fn fresh_id(&mut self, seed: &str) -> String {
        self.next_id += 1;
        let digest = Sha256::digest(format!("{seed}/{}", self.next_id));
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn networks(&self) -> Vec<Network> {
        self.networks.iter().map(|n| n.network.clone()).collect()
    }

    /// Every container as the list reports it on API 1.41: no process, no aliases.
    pub fn listed_containers(&self) -> Vec<Container> {
        self.containers
            .iter()
            .map(|c| {
                let mut listed = self.view(c);
                listed.pid = None;
                for endpoint in &mut listed.endpoints {
                    endpoint.aliases.clear();
                }
                listed
            })
            .collect()
    }

    /// One container, whole; `None` when there is none by that name, id or id prefix. It is
    /// named as it was asked for, as the adapter names what it inspected.
    pub fn inspect(&self, term: &str) -> Option<Container> {
        self.find_container(term).ok().map(|c| Container {
            name: term.to_owned(),
            ..self.view(c)
        })
    }

    fn view(&self, container: &FakeContainer) -> Container {
        let mut endpoints: Vec<Endpoint> = container
            .attachments
            .iter()
            .map(|a| Endpoint {
                network_id: if a.joined {
                    a.network_id.clone()
                } else {
                    String::new()
                },
                network_name: a.network_name.clone(),
                aliases: a.spec.aliases.clone(),
                ipv4_address: a.spec.ipv4_address,
                ipv6_address: a.spec.ipv6_address,
                mac_address: a
                    .spec
                    .mac_address
                    .clone()
                    .or_else(|| a.address.and_then(mac_for)),
                addresses: a.address.into_iter().collect(),
            })
            .collect();
        endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
        Container {
            id: container.id.clone(),
            name: container.name.clone(),
            running: container.running,
            pid: container.running.then(|| pid_of(&container.id)),
            labels: container.labels.clone(),
            network_mode: container.network_mode.clone(),
            endpoints,
            published: Vec::new(),
        }
    }

    /// By exact id, then exact name, then id prefix; several by name or prefix is ambiguous.
    fn find_network(&self, term: &str) -> Result<usize, Refusal> {
        if let Some(index) = self.networks.iter().position(|n| n.network.id == term) {
            return Ok(index);
        }
        let named: Vec<usize> = positions(&self.networks, |n| n.network.name() == term);
        let prefixed: Vec<usize> = positions(&self.networks, |n| n.network.id.starts_with(term));
        match (named.as_slice(), prefixed.as_slice()) {
            ([one], _) => Ok(*one),
            ([_, _, ..], _) => Err(refuse(
                400,
                format!(
                    "network {term} is ambiguous ({} matches found on name)",
                    named.len()
                ),
            )),
            ([], [one]) if !term.is_empty() => Ok(*one),
            ([], [_, _, ..]) if !term.is_empty() => Err(refuse(
                400,
                format!(
                    "network {term} is ambiguous ({} matches found based on ID prefix)",
                    prefixed.len()
                ),
            )),
            _ => Err(refuse(404, format!("network {term} not found"))),
        }
    }

    fn find_container(&self, term: &str) -> Result<&FakeContainer, Refusal> {
        self.container_index(term)
            .map(|index| &self.containers[index])
    }

    fn container_index(&self, term: &str) -> Result<usize, Refusal> {
        let name = term.trim_start_matches('/');
        self.containers
            .iter()
            .position(|c| c.id == term || c.name == name)
            .or_else(
                || match positions(&self.containers, |c| c.id.starts_with(term)) {
                    prefixed if prefixed.len() == 1 && !term.is_empty() => Some(prefixed[0]),
                    _ => None,
                },
            )
            .ok_or_else(|| refuse(404, format!("No such container: {term}")))
    }

    /// Creates a network; a name may repeat (the Engine only warns), a pool may not overlap.
    pub fn create_network(
        &mut self,
        spec: &NetworkSettings,
    ) -> Result<(String, DaemonEvent), Refusal> {
        let taken: Vec<ipnet::IpNet> = self
            .networks
            .iter()
            .flat_map(|n| n.network.settings.ipam.pools.iter().map(|p| p.subnet))
            .collect();
        let mut settings = spec.clone();
        if settings.driver.is_empty() {
            "bridge".clone_into(&mut settings.driver);
        }
        settings
            .ipam
            .driver
            .get_or_insert_with(|| "default".to_owned());
        let user_pools = !settings.ipam.pools.is_empty();
        check_pools(&settings.ipam.pools, &taken)?;
        if !user_pools {
            let pool = ipam::free_pool(&taken).ok_or_else(|| refuse(400, NO_FREE_POOL))?;
            settings.ipam.pools.push(pool);
        }
        let id = self.fresh_id(&settings.name);
        let created = event("network", "create", &settings.name);
        self.networks.push(FakeNetwork {
            network: Network {
                id: id.clone(),
                settings,
            },
            user_pools,
            builtin: false,
        });
        Ok((id, created))
    }

    /// Removes a network that no running container is on; configured stopped members keep
    /// their stale entry, as on the Engine.
    pub fn remove_network(&mut self, term: &str) -> Result<DaemonEvent, Refusal> {
        let index = self.find_network(term)?;
        let network = &self.networks[index];
        if network.builtin {
            return Err(refuse(
                403,
                format!(
                    "{} is a pre-defined network and cannot be removed",
                    network.network.name()
                ),
            ));
        }
        let id = network.network.id.clone();
        if self.containers.iter().any(|c| c.running && c.on(&id)) {
            return Err(refuse(
                403,
                format!(
                    "error while removing network: network {} id {id} has active endpoints",
                    network.network.name()
                ),
            ));
        }
        let removed = self.networks.remove(index);
        Ok(event("network", "destroy", removed.network.name()))
    }

    /// Attaches a container with `spec`: a running one gets its address now (static or the
    /// next free), a stopped one only records the configuration (again, if asked twice) and
    /// joins, with its event, when it starts.
    pub fn connect(
        &mut self,
        network: &str,
        container: &str,
        spec: &EndpointSpec,
    ) -> Result<Vec<DaemonEvent>, Refusal> {
        let net = self.networks[self.find_network(network)?].clone();
        let index = self.container_index(container)?;
        let member = &self.containers[index];
        if let Some(refusal) = mode_refusal(&member.network_mode, &net.network.settings.driver) {
            return Err(refusal);
        }
        if member.running && member.on(&net.network.id) {
            return Err(refuse(
                403,
                format!(
                    "endpoint with name {} already exists in network {}",
                    member.name,
                    net.network.name()
                ),
            ));
        }
        check_static(&net, spec)?;
        let address = if member.running {
            Some(self.address_for(&net, spec)?)
        } else {
            None
        };
        let running = member.running;
        let member = &mut self.containers[index];
        // A stopped container's configuration is keyed by the network's name: a stale entry
        // of a network removed and created again under that name is replaced.
        member
            .attachments
            .retain(|a| a.network_id != net.network.id && a.network_name != net.network.name());
        member.attachments.push(Attachment {
            network_id: net.network.id.clone(),
            network_name: net.network.name().to_owned(),
            spec: spec.clone(),
            address,
            joined: running,
        });
        Ok(if running {
            vec![event("network", "connect", net.network.name())]
        } else {
            Vec::new()
        })
    }

    /// The static address when it is free, else the next free one.
    fn address_for(&self, network: &FakeNetwork, spec: &EndpointSpec) -> Result<IpAddr, Refusal> {
        let used = self.used_addresses(&network.network.id);
        let pools = &network.network.settings.ipam.pools;
        match spec.ipv4_address.map(IpAddr::V4) {
            Some(wanted) if used.contains(&wanted) || ipam::reserved(pools).contains(&wanted) => {
                Err(refuse(403, "Address already in use"))
            }
            Some(wanted) => Ok(wanted),
            None => ipam::next_free(pools, &used).ok_or_else(|| {
                refuse(
                    403,
                    "no available IPv4 addresses on this network's address pools",
                )
            }),
        }
    }

    fn used_addresses(&self, network_id: &str) -> BTreeSet<IpAddr> {
        self.containers
            .iter()
            .flat_map(|c| c.attachments.iter())
            .filter(|a| a.network_id == network_id)
            .filter_map(|a| a.address)
            .collect()
    }

    /// Detaches a container; one that is not on the network is the Engine's 500. A running
    /// container needs the network to exist and leaves it with two events (the Engine
    /// reports it twice); a stopped one only loses its configuration, found by the network's
    /// id or name, even when the network is gone.
    pub fn disconnect(
        &mut self,
        network: &str,
        container: &str,
    ) -> Result<Vec<DaemonEvent>, Refusal> {
        let index = self.container_index(container)?;
        let found = self
            .find_network(network)
            .map(|n| self.networks[n].network.clone());
        let member = &mut self.containers[index];
        if member.running {
            let net = found?;
            if !member.on(&net.id) {
                return Err(refuse(
                    500,
                    format!(
                        "container {} is not connected to network {}",
                        member.id,
                        net.name()
                    ),
                ));
            }
            member.attachments.retain(|a| a.network_id != net.id);
            return Ok(vec![event("network", "disconnect", net.name()); 2]);
        }
        let (id, shown) = match &found {
            Ok(net) => (net.id.as_str(), net.name()),
            Err(_) => ("", network),
        };
        let before = member.attachments.len();
        member
            .attachments
            .retain(|a| a.network_id != id && a.network_name != shown);
        if member.attachments.len() == before {
            return Err(refuse(
                500,
                format!(
                    "container {} is not connected to the network {shown}",
                    member.id
                ),
            ));
        }
        Ok(Vec::new())
    }

    /// Adds a container; a name in use is the Engine's 409.
    pub fn add_container(
        &mut self,
        mut container: FakeContainer,
    ) -> Result<(String, DaemonEvent), Refusal> {
        if self.container_index(&container.name).is_ok() {
            return Err(refuse(
                409,
                format!(
                    "Conflict. The container name \"/{}\" is already in use",
                    container.name
                ),
            ));
        }
        container.id = self.fresh_id(&container.name);
        let id = container.id.clone();
        let created = event("container", "create", &container.name);
        self.containers.push(container);
        Ok((id, created))
    }

    /// Starts a container: it joins every configured network, which gives it an address.
    pub fn start(&mut self, term: &str) -> Result<Vec<DaemonEvent>, Refusal> {
        let index = self.container_index(term)?;
        let attachments = self.containers[index].attachments.clone();
        let mut started = Vec::new();
        for attachment in attachments {
            let net = &self.networks[self.find_network(attachment.lookup())?];
            let address = self.address_for(net, &attachment.spec)?;
            started.push(Attachment {
                network_id: net.network.id.clone(),
                network_name: net.network.name().to_owned(),
                address: Some(address),
                joined: true,
                ..attachment
            });
        }
        let mut events: Vec<DaemonEvent> = started
            .iter()
            .map(|a| event("network", "connect", &a.network_name))
            .collect();
        let container = &mut self.containers[index];
        events.push(event("container", "start", &container.name));
        container.attachments = started;
        container.running = true;
        Ok(events)
    }

    /// Stops a container: its addresses go back to the pools, its configuration stays.
    pub fn stop(&mut self, term: &str) -> Result<Vec<DaemonEvent>, Refusal> {
        let index = self.container_index(term)?;
        let container = &mut self.containers[index];
        container.running = false;
        for attachment in &mut container.attachments {
            attachment.address = None;
        }
        Ok(vec![event("container", "die", &container.name)])
    }

    /// Removes a container (force): its endpoints go first, each with its event.
    pub fn remove_container(&mut self, term: &str) -> Vec<DaemonEvent> {
        let Ok(index) = self.container_index(term) else {
            return Vec::new();
        };
        let removed = self.containers.remove(index);
        let mut events = Vec::new();
        if removed.running {
            let name = &removed.name;
            events.extend([
                event("container", "kill", name),
                event("container", "die", name),
            ]);
            events.extend(
                removed
                    .attachments
                    .iter()
                    .map(|a| event("network", "disconnect", &a.network_name)),
            );
        }
        events.push(event("container", "destroy", &removed.name));
        events
    }

    pub fn container(&self, term: &str) -> Result<&FakeContainer, Refusal> {
        self.find_container(term)
    }

    /// Whether a container still uses the image (the Engine keeps it without force).
    pub fn image_in_use(&self, image: &FakeImage) -> bool {
        self.containers
            .iter()
            .any(|c| c.image == image.id || image.tags.contains(&c.image))
    }
}

/// The Engine's words when its default pools are all taken.
const NO_FREE_POOL: &str = "could not find an available, non-overlapping IPv4 address pool \
                            among the defaults to assign to the network";

/// Named pools may not overlap any network's, and a gateway must lie in its subnet.
fn check_pools(pools: &[crate::live::Pool], taken: &[ipnet::IpNet]) -> Result<(), Refusal> {
    for pool in pools {
        if taken.iter().any(|used| ipam::overlaps(used, &pool.subnet)) {
            return Err(refuse(
                403,
                "Pool overlaps with other one on this address space",
            ));
        }
        if let Some(gateway) = pool.gateway.filter(|g| !pool.subnet.contains(g)) {
            return Err(refuse(
                500,
                format!(
                    "failed to allocate gateway ({gateway}): Requested address is out of range"
                ),
            ));
        }
    }
    Ok(())
}

/// Why a container cannot join a network for how its namespace is made, in the Engine's words.
fn mode_refusal(mode: &NetworkMode, driver: &str) -> Option<Refusal> {
    let message = match (mode, driver) {
        (NetworkMode::Host | NetworkMode::Container(_), _) => {
            "container sharing network namespace with another container or host cannot be \
             connected to any other network"
        }
        (NetworkMode::None, _) | (_, "null") => {
            "container cannot be connected to multiple networks with one of the networks in \
             private (none) mode"
        }
        (_, "host") => {
            "container cannot be disconnected from host network or connected to host network"
        }
        (NetworkMode::Own, _) => return None,
    };
    Some(refuse(400, message))
}

/// A static address must lie in a subnet the creator named.
fn check_static(network: &FakeNetwork, spec: &EndpointSpec) -> Result<(), Refusal> {
    let wanted: Vec<IpAddr> = spec
        .ipv4_address
        .map(IpAddr::V4)
        .into_iter()
        .chain(spec.ipv6_address.map(IpAddr::V6))
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    if !network.user_pools {
        return Err(refuse(
            400,
            "user specified IP address is supported only when connecting to networks with user configured subnets",
        ));
    }
    let pools = &network.network.settings.ipam.pools;
    match wanted
        .iter()
        .find(|address| !pools.iter().any(|p| p.subnet.contains(*address)))
    {
        Some(outside) => Err(refuse(
            500,
            format!(
                "Invalid address {outside}: It does not belong to any of this network's subnets"
            ),
        )),
        None => Ok(()),
    }
}

impl FakeContainer {
    /// A container not yet on any network, stopped, in a namespace of its own.
    pub fn new(name: &str) -> FakeContainer {
        FakeContainer {
            id: String::new(),
            name: name.to_owned(),
            image: String::new(),
            running: false,
            labels: BTreeMap::new(),
            network_mode: NetworkMode::Own,
            attachments: Vec::new(),
        }
    }

    fn on(&self, network_id: &str) -> bool {
        self.attachments.iter().any(|a| a.network_id == network_id)
    }
}

impl Attachment {
    /// How a start finds the network: by the id once the container has run on it (a network
    /// removed and created again under the name is "not found" then), before that by the name
    /// it was configured with (so an ambiguous name fails the start).
    fn lookup(&self) -> &str {
        if self.joined {
            &self.network_id
        } else {
            &self.network_name
        }
    }
}

/// The MAC the bridge driver derives from an IPv4 address: `02:42` and the address's bytes.
fn mac_for(address: IpAddr) -> Option<String> {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            Some(format!("02:42:{a:02x}:{b:02x}:{c:02x}:{d:02x}"))
        }
        IpAddr::V6(_) => None,
    }
}

/// A process id for a running container: stable, and never this host's init.
fn pid_of(id: &str) -> u32 {
    id.bytes().fold(1_000, |pid, byte| {
        (pid * 31 + u32::from(byte)) % 4_000_000 + 1_000
    })
}

fn positions<T>(items: &[T], wanted: impl Fn(&T) -> bool) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| wanted(item))
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bridge(name: &str) -> NetworkSettings {
        settings(name, "", Vec::new())
    }

    /// Measured: a container that ran keeps the network's id and cannot start once that
    /// network was removed and created again ("network ID not found"); one that never ran
    /// finds the new network by its name.
    #[test]
    fn a_start_finds_the_network_by_id_once_joined_by_name_before() {
        let mut world = World::default();
        world.create_network(&bridge("n")).unwrap();
        let (ran, _) = world.add_container(FakeContainer::new("ran")).unwrap();
        let (never, _) = world.add_container(FakeContainer::new("never")).unwrap();
        for id in [&ran, &never] {
            world.connect("n", id, &EndpointSpec::default()).unwrap();
        }
        world.start(&ran).unwrap();
        world.stop(&ran).unwrap();
        world.remove_network("n").unwrap();
        let (again, _) = world.create_network(&bridge("n")).unwrap();
        assert_eq!(world.start(&ran).unwrap_err().status, 404);
        world.start(&never).unwrap();
        let joined = world.inspect(&never).unwrap();
        assert_eq!(joined.endpoints[0].network_id, again);
        assert_eq!(joined.endpoints[0].addresses.len(), 1);
    }
}
