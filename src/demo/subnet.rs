//! Where the demo may put its fixed subnet: a /24 of 10.213.0.0/16 that no Docker network
//! uses and the host does not route, picked from a random start so concurrent demos differ.

use super::DemoError;
use crate::live::Daemon;
use ipnet::{IpNet, Ipv4Net};
use std::net::Ipv4Addr;

/// Where the demo looks for a free /24: 10.213.0.0/16.
const DEMO_RANGE: (u8, u8) = (10, 213);

/// A /24 in 10.213.0.0/16 that no Docker network uses and the host does not route.
pub async fn free_subnet(engine: &impl Daemon) -> Result<Ipv4Net, DemoError> {
    let mut taken: Vec<IpNet> = engine
        .networks()
        .await?
        .iter()
        .flat_map(|n| n.settings.ipam.pools.iter().map(|p| p.subnet))
        .collect();
    taken.extend(host_routes());
    let start = random24() % 256;
    (0..256)
        .map(|i| (start + i) % 256)
        .filter_map(|third| {
            let third = u8::try_from(third).ok()?;
            Ipv4Net::new(Ipv4Addr::new(DEMO_RANGE.0, DEMO_RANGE.1, third, 0), 24).ok()
        })
        .find(|candidate| {
            let candidate = IpNet::V4(*candidate);
            !taken
                .iter()
                .any(|t| t.contains(&candidate) || candidate.contains(t))
        })
        .ok_or(DemoError::NoFreeSubnet)
}

fn host_routes() -> Vec<IpNet> {
    parse_routes(&std::fs::read_to_string("/proc/net/route").unwrap_or_default())
}

/// The routes of a /proc/net/route table (little-endian hex destination and mask); the
/// default route is left out, as it would cover every candidate.
fn parse_routes(table: &str) -> Vec<IpNet> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let destination = u32::from_str_radix(fields.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(fields.get(7)?, 16).ok()?;
            let prefix = u8::try_from(mask.count_ones()).ok()?;
            let address = Ipv4Addr::from(destination.to_le_bytes());
            (prefix > 0)
                .then(|| Ipv4Net::new(address, prefix).ok().map(IpNet::V4))
                .flatten()
        })
        .collect()
}

/// Enough randomness for a name that does not collide with a concurrent demo.
pub fn random24() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    (nanos ^ std::process::id().rotate_left(16)) & 0xff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_routes_read_from_proc_net_route_without_the_default() {
        let table = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n\
                     eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n\
                     docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\n";
        assert_eq!(
            parse_routes(table),
            vec!["172.17.0.0/16".parse::<IpNet>().unwrap()]
        );
    }
}
