//! The one subnet allocator: before a test takes a subnet, pinned in its expectations or
//! picked from a range of its own, it checks every IPv4 subnet the daemon's networks hold and
//! every route of the host (`ip -4 route`), by overlap, not by spelling.

use ipnet::Ipv4Net;

/// What holds address space on this machine, read once.
pub struct Taken {
    /// `(subnet, who holds it)`.
    held: Vec<(Ipv4Net, String)>,
}

impl Taken {
    /// The daemon's networks' subnets and the host's routes, as they are now.
    pub fn observe() -> Taken {
        let mut held = docker_subnets();
        held.extend(host_routes());
        Taken { held }
    }

    /// Who holds address space that overlaps `subnet`, if anyone.
    pub fn holder(&self, subnet: &Ipv4Net) -> Option<&str> {
        self.held
            .iter()
            .find(|(held, _)| overlaps(held, subnet))
            .map(|(_, who)| who.as_str())
    }
}

/// Whether two networks share an address.
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

pub fn parse(subnet: &str) -> Ipv4Net {
    subnet
        .parse()
        .unwrap_or_else(|e| panic!("{subnet} is no IPv4 subnet: {e}"))
}

/// The /24s of `range` in the order to try them, starting at `start` (so that runs spread out).
pub fn candidates(range: &str, start: usize) -> Vec<Ipv4Net> {
    let subnets: Vec<Ipv4Net> = parse(range)
        .subnets(24)
        .expect("a range of /24 or wider")
        .collect();
    let count = subnets.len();
    (0..count)
        .map(|step| subnets[(start + step * 7) % count])
        .collect()
}

/// Every IPv4 subnet of every network the daemon has, named by the network.
fn docker_subnets() -> Vec<(Ipv4Net, String)> {
    let ids = super::docker::lines(&["network", "ls", "-q"]);
    let mut args = vec![
        "network",
        "inspect",
        "-f",
        "{{.Name}}{{range .IPAM.Config}} {{.Subnet}}{{end}}",
    ];
    args.extend(ids.iter().map(String::as_str));
    let text = super::docker::docker(&args);
    super::docker::stdout(&text)
        .lines()
        .flat_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or_default().to_owned();
            words
                .filter_map(|w| w.parse::<Ipv4Net>().ok())
                .map(move |net| (net, format!("docker network {name}")))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every IPv4 route of the host but the default one, as a subnet (a host route is a /32).
fn host_routes() -> Vec<(Ipv4Net, String)> {
    let output = std::process::Command::new("ip")
        .args(["-4", "route"])
        .output()
        .expect("the ip command runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let destination = line.split_whitespace().next()?;
            let net = destination.parse::<Ipv4Net>().ok().or_else(|| {
                destination
                    .parse::<std::net::Ipv4Addr>()
                    .ok()
                    .map(Ipv4Net::from)
            })?;
            Some((net, format!("host route `{line}`")))
        })
        .collect()
}
