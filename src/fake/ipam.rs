//! Address management as the Engine's default IPAM does it: pools that may not overlap, a
//! free pool picked for a network that names none, the gateway and auxiliary addresses
//! reserved, and each address handed out at most once.

use crate::live::Pool;
use ipnet::{IpNet, Ipv4Net};
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};

/// The daemon's default address pools, in the order it tries them: 172.17-31.0.0/16, then
/// 192.168.0.0/16 in /20 pieces.
pub fn default_pools() -> impl Iterator<Item = IpNet> {
    let wide = (17..=31).map(|second| Ipv4Net::new(Ipv4Addr::new(172, second, 0, 0), 16));
    let narrow = (0..16).map(|piece| Ipv4Net::new(Ipv4Addr::new(192, 168, piece * 16, 0), 20));
    wide.chain(narrow).filter_map(Result::ok).map(IpNet::V4)
}

/// Whether two subnets share an address.
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The first default pool that overlaps none of `taken`, with its gateway.
pub fn free_pool(taken: &[IpNet]) -> Option<Pool> {
    default_pools()
        .find(|candidate| !taken.iter().any(|used| overlaps(candidate, used)))
        .map(|subnet| Pool {
            gateway: first_host(&subnet),
            subnet,
            ip_range: None,
            aux_addresses: Default::default(),
        })
}

/// The gateway the daemon picks when none is given: the first address after the network's.
pub fn first_host(subnet: &IpNet) -> Option<IpAddr> {
    subnet.hosts().next()
}

/// The addresses nobody may take on a network: every pool's gateway and auxiliary addresses.
pub fn reserved(pools: &[Pool]) -> BTreeSet<IpAddr> {
    pools
        .iter()
        .flat_map(|pool| {
            let gateway = pool.gateway.or_else(|| first_host(&pool.subnet));
            gateway
                .into_iter()
                .chain(pool.aux_addresses.values().copied())
        })
        .collect()
}

/// The first address of the pools (their `ip_range` where given) that is neither reserved
/// nor in `used`, IPv4 only as a bridge's dynamic addresses are.
pub fn next_free(pools: &[Pool], used: &BTreeSet<IpAddr>) -> Option<IpAddr> {
    let reserved = reserved(pools);
    pools
        .iter()
        .filter(|pool| pool.subnet.addr().is_ipv4())
        .flat_map(|pool| pool.ip_range.unwrap_or(pool.subnet).hosts())
        .find(|address| !reserved.contains(address) && !used.contains(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> IpNet {
        text.parse().unwrap()
    }

    #[test]
    fn a_free_pool_skips_the_taken_ones() {
        let pool = free_pool(&[net("172.17.0.0/16"), net("172.18.5.0/24")]).unwrap();
        assert_eq!(pool.subnet, net("172.19.0.0/16"));
        assert_eq!(pool.gateway, Some("172.19.0.1".parse().unwrap()));
    }

    #[test]
    fn addresses_skip_the_gateway_aux_addresses_and_the_used_ones() {
        let pool = Pool {
            subnet: net("10.216.0.0/29"),
            gateway: None,
            ip_range: None,
            aux_addresses: [("r".to_owned(), "10.216.0.2".parse().unwrap())].into(),
        };
        let used = BTreeSet::from(["10.216.0.3".parse().unwrap()]);
        assert_eq!(
            next_free(&[pool], &used),
            Some("10.216.0.4".parse().unwrap())
        );
    }
}
