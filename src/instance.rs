//! Instances: one topology applied as another project beside the original (staging next to
//! production, a test run next to anything else). Names and ownership labels take the
//! project's prefix, host-global bridge names stay unique and short, and `--subnet-remap` or
//! `--subnet-offset` move fixed subnets and the static addresses inside them.

use crate::live::Pool;
use crate::topology::{Membership, Network, Topology};
use ipnet::IpNet;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::str::FromStr;

/// The driver option that names the Linux bridge: a host-wide name of at most 15 bytes.
pub const BRIDGE_NAME_OPTION: &str = "com.docker.network.bridge.name";
const MAX_INTERFACE_NAME: usize = 15;

/// How this run differs from the file: another project name, moved subnets.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    pub project: Option<String>,
    pub remaps: Vec<SubnetRemap>,
}

/// `FROM=TO`: every subnet and address inside FROM moves to the same offset inside TO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubnetRemap {
    pub from: IpNet,
    pub to: IpNet,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InstanceError {
    #[error("error: --project {0:?}: use lowercase letters, digits, '-' and '_'")]
    BadProject(String),
    #[error(
        "error: --subnet-remap {0:?}: expected FROM=TO, two subnets such as 172.31.0.0/16=10.77.0.0/24"
    )]
    BadRemap(String),
    #[error(
        "error: --subnet-offset {blocks}: {subnet} moved {blocks} blocks leaves the address space"
    )]
    OffsetOutOfRange { subnet: IpNet, blocks: u32 },
    #[error("error: --subnet-remap {remap}: {what} does not fit in {to}")]
    DoesNotFit {
        remap: String,
        what: String,
        to: IpNet,
    },
}

impl FromStr for SubnetRemap {
    type Err = InstanceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || InstanceError::BadRemap(text.to_owned());
        let (from, to) = text.split_once('=').ok_or_else(bad)?;
        let from: IpNet = from.trim().parse().map_err(|_| bad())?;
        let to: IpNet = to.trim().parse().map_err(|_| bad())?;
        if from.addr().is_ipv4() != to.addr().is_ipv4() {
            return Err(bad());
        }
        Ok(SubnetRemap {
            from: from.trunc(),
            to: to.trunc(),
        })
    }
}

impl std::fmt::Display for SubnetRemap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.from, self.to)
    }
}

/// The topology as this instance sees it; the identity when nothing is overridden.
pub fn instantiate(mut topology: Topology, instance: &Instance) -> Result<Topology, InstanceError> {
    for remap in &instance.remaps {
        remap_topology(&mut topology, remap)?;
    }
    if let Some(project) = &instance.project {
        if !crate::topology::names::is_project_name(project) {
            return Err(InstanceError::BadProject(project.clone()));
        }
        rename(&mut topology, project);
    }
    Ok(topology)
}

fn rename(topology: &mut Topology, project: &str) {
    let original = std::mem::replace(&mut topology.project, project.to_owned());
    for network in topology.networks.iter_mut().filter(|n| !n.external) {
        network.settings.name = prefixed(&network.settings.name, &original, project);
        if let Some(bridge) = network.settings.options.get_mut(BRIDGE_NAME_OPTION) {
            *bridge = bridge_name(bridge, project);
        }
    }
    for service in &mut topology.services {
        service.container = prefixed(&service.container, &original, project);
    }
}

/// `versatile-shared` becomes `staging-shared`; a name without the file's prefix gets one.
fn prefixed(name: &str, original: &str, project: &str) -> String {
    match name.strip_prefix(original) {
        Some("") => project.to_owned(),
        Some(rest) if rest.starts_with(['-', '_']) => format!("{project}{rest}"),
        _ => format!("{project}-{name}"),
    }
}

/// `project-bridge` when that fits in an interface name, else a short stable hash of both.
fn bridge_name(bridge: &str, project: &str) -> String {
    let candidate = format!("{project}-{bridge}");
    if candidate.len() <= MAX_INTERFACE_NAME {
        return candidate;
    }
    format!("br-{:08x}", fnv1a(&candidate))
}

/// FNV-1a: stable across Rust releases, unlike the std hasher, so names survive upgrades.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// `--subnet-offset N`: every fixed subnet moves N blocks of its own size (172.31.0.0/16 with
/// N = 1 becomes 172.32.0.0/16), together with the gateways and static addresses in it. Each
/// pool moves exactly once, so a subnet that lands on another's old place is not moved again.
pub fn offset_subnets(mut topology: Topology, blocks: u32) -> Result<Topology, InstanceError> {
    let mut moves_by_network: BTreeMap<String, Vec<SubnetRemap>> = BTreeMap::new();
    for network in topology.networks.iter_mut().filter(|n| !n.external) {
        let mut moves = Vec::with_capacity(network.settings.ipam.pools.len());
        for pool in &mut network.settings.ipam.pools {
            let remap = shifted(pool.subnet, blocks)?;
            remap_pool(pool, &remap)?;
            moves.push(remap);
        }
        moves_by_network.insert(network.key.clone(), moves);
    }
    for service in &mut topology.services {
        for membership in &mut service.networks {
            if let Some(moves) = moves_by_network.get(&membership.network) {
                move_static_addresses(membership, moves)?;
            }
        }
    }
    Ok(topology)
}

fn shifted(subnet: IpNet, blocks: u32) -> Result<SubnetRemap, InstanceError> {
    let out_of_range = || InstanceError::OffsetOutOfRange { subnet, blocks };
    let host_bits = u32::from(subnet.max_prefix_len() - subnet.prefix_len());
    let family_end = if subnet.addr().is_ipv4() {
        u128::from(u32::MAX)
    } else {
        u128::MAX
    };
    let start = 1u128
        .checked_shl(host_bits)
        .and_then(|size| size.checked_mul(u128::from(blocks)))
        .and_then(|distance| as_number(subnet.network()).checked_add(distance))
        .filter(|start| *start <= family_end)
        .ok_or_else(out_of_range)?;
    let to = IpNet::new(
        from_number(start, subnet.addr().is_ipv4()),
        subnet.prefix_len(),
    )
    .map_err(|_| out_of_range())?;
    Ok(SubnetRemap { from: subnet, to })
}

/// Each static address moves with the one pool that held it.
fn move_static_addresses(
    membership: &mut Membership,
    moves: &[SubnetRemap],
) -> Result<(), InstanceError> {
    let holder = |address: IpAddr| moves.iter().find(|m| m.from.contains(&address));
    if let Some(address) = membership.ipv4_address
        && let Some(remap) = holder(IpAddr::V4(address))
        && let IpAddr::V4(moved) = remap_addr(IpAddr::V4(address), remap)?
    {
        membership.ipv4_address = Some(moved);
    }
    if let Some(address) = membership.ipv6_address
        && let Some(remap) = holder(IpAddr::V6(address))
        && let IpAddr::V6(moved) = remap_addr(IpAddr::V6(address), remap)?
    {
        membership.ipv6_address = Some(moved);
    }
    Ok(())
}

fn remap_topology(topology: &mut Topology, remap: &SubnetRemap) -> Result<(), InstanceError> {
    for network in &mut topology.networks {
        remap_network(network, remap)?;
    }
    for service in &mut topology.services {
        for membership in &mut service.networks {
            remap_membership(membership, remap)?;
        }
    }
    Ok(())
}

fn remap_network(network: &mut Network, remap: &SubnetRemap) -> Result<(), InstanceError> {
    for pool in &mut network.settings.ipam.pools {
        remap_pool(pool, remap)?;
    }
    Ok(())
}

fn remap_pool(pool: &mut Pool, remap: &SubnetRemap) -> Result<(), InstanceError> {
    pool.subnet = remap_net(pool.subnet, remap)?;
    if let Some(range) = pool.ip_range {
        pool.ip_range = Some(remap_net(range, remap)?);
    }
    if let Some(gateway) = pool.gateway {
        pool.gateway = Some(remap_addr(gateway, remap)?);
    }
    for address in pool.aux_addresses.values_mut() {
        *address = remap_addr(*address, remap)?;
    }
    Ok(())
}

fn remap_membership(membership: &mut Membership, remap: &SubnetRemap) -> Result<(), InstanceError> {
    if let Some(address) = membership.ipv4_address
        && let IpAddr::V4(moved) = remap_addr(IpAddr::V4(address), remap)?
    {
        membership.ipv4_address = Some(moved);
    }
    if let Some(address) = membership.ipv6_address
        && let IpAddr::V6(moved) = remap_addr(IpAddr::V6(address), remap)?
    {
        membership.ipv6_address = Some(moved);
    }
    Ok(())
}

/// A subnet inside FROM keeps its offset and its size relative to FROM.
fn remap_net(net: IpNet, remap: &SubnetRemap) -> Result<IpNet, InstanceError> {
    if !remap.from.contains(&net) {
        return Ok(net);
    }
    let prefix = net.prefix_len() - remap.from.prefix_len() + remap.to.prefix_len();
    let address = remap_addr(net.network(), remap)?;
    IpNet::new(address, prefix)
        .ok()
        .filter(|moved| remap.to.contains(moved))
        .ok_or_else(|| does_not_fit(remap, net.to_string()))
}

fn remap_addr(address: IpAddr, remap: &SubnetRemap) -> Result<IpAddr, InstanceError> {
    if !remap.from.contains(&address) {
        return Ok(address);
    }
    let offset = as_number(address) - as_number(remap.from.network());
    let moved = from_number(as_number(remap.to.network()) + offset, address.is_ipv4());
    if remap.to.contains(&moved) {
        Ok(moved)
    } else {
        Err(does_not_fit(remap, address.to_string()))
    }
}

fn does_not_fit(remap: &SubnetRemap, what: String) -> InstanceError {
    InstanceError::DoesNotFit {
        remap: remap.to_string(),
        what,
        to: remap.to,
    }
}

fn as_number(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// Only called with sums inside a subnet of the same family, so the v4 narrowing holds.
fn from_number(number: u128, v4: bool) -> IpAddr {
    if v4 {
        IpAddr::from(u32::try_from(number).unwrap_or(u32::MAX).to_be_bytes())
    } else {
        IpAddr::from(number.to_be_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub() -> Topology {
        crate::topology::load_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/topologies/versatile-hub.yaml"
        )))
        .unwrap()
    }

    fn instance(project: &str, remap: &str) -> Instance {
        Instance {
            project: Some(project.to_owned()),
            remaps: vec![remap.parse().unwrap()],
        }
    }

    #[test]
    fn names_take_the_project_and_external_networks_keep_theirs() {
        let topology = instantiate(hub(), &instance("t-1", "172.31.0.0/16=10.77.1.0/24")).unwrap();
        assert_eq!(topology.project, "t-1");
        assert_eq!(
            topology.network("shared").unwrap().settings.name,
            "t-1-shared"
        );
        assert_eq!(topology.network("web").unwrap().settings.name, "web");
        assert_eq!(topology.service("agent").unwrap().container, "t-1-agent");
    }

    #[test]
    fn remap_moves_subnets_and_static_addresses() {
        let topology = instantiate(hub(), &instance("t-1", "172.31.0.0/16=10.77.1.0/24")).unwrap();
        let pool = &topology
            .network("hub-internal")
            .unwrap()
            .settings
            .ipam
            .pools[0];
        assert_eq!(pool.subnet.to_string(), "10.77.1.0/24");
        let backend = topology.service("hub-backend").unwrap();
        assert_eq!(
            backend.membership("hub-internal").unwrap().ipv4_address,
            Some("10.77.1.10".parse().unwrap())
        );
    }

    #[test]
    fn an_address_that_does_not_fit_is_an_error() {
        let error = instantiate(hub(), &instance("t-1", "172.31.0.0/16=10.77.1.0/29")).unwrap_err();
        assert!(matches!(error, InstanceError::DoesNotFit { .. }), "{error}");
    }

    #[test]
    fn bridge_names_stay_within_fifteen_bytes() {
        let short = instantiate(hub(), &instance("t1", "10.0.0.0/8=10.0.0.0/8")).unwrap();
        let bridge = &short.network("hub-internal").unwrap().settings.options[BRIDGE_NAME_OPTION];
        assert_eq!(bridge, "t1-br-hub");
        let long =
            instantiate(hub(), &instance("staging-eu-west", "10.0.0.0/8=10.0.0.0/8")).unwrap();
        let bridge = &long.network("hub-internal").unwrap().settings.options[BRIDGE_NAME_OPTION];
        assert!(bridge.len() <= 15 && bridge.starts_with("br-"), "{bridge}");
    }

    #[test]
    fn an_offset_moves_each_subnet_by_its_own_size_once() {
        let moved = offset_subnets(hub(), 3).unwrap();
        let hub_internal = moved.network("hub-internal").unwrap();
        assert_eq!(
            hub_internal.settings.ipam.pools[0].subnet.to_string(),
            "172.34.0.0/16"
        );
        let backend = moved.service("hub-backend").unwrap();
        let address = backend.membership("hub-internal").unwrap().ipv4_address;
        assert_eq!(
            address.map(|a| a.to_string()).as_deref(),
            Some("172.34.0.10")
        );
        assert_eq!(moved.network("web"), hub().network("web"));
    }

    #[test]
    fn an_offset_past_the_address_space_is_an_error() {
        let error = offset_subnets(hub(), 30000).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("172.31.0.0/16 moved 30000 blocks"),
            "{error}"
        );
    }

    #[test]
    fn a_remap_needs_two_subnets() {
        assert!("10.0.0.0/8".parse::<SubnetRemap>().is_err());
        assert!("10.0.0.0/8=fd00::/64".parse::<SubnetRemap>().is_err());
    }
}
