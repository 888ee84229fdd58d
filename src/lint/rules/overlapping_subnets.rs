//! NL008: two subnets of the project overlap.

use super::{Hit, Rule};
use crate::compose::Located;
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;
use ipnet::IpNet;

pub const RULE: Rule = Rule {
    id: "NL008",
    name: "overlapping-subnets",
    severity: Severity::Error,
    summary: "Two network subnets overlap",
    explain: "\
What: two `ipam.config` subnets of the project share addresses.

Why: the daemon refuses the second network (\"Pool overlaps with other one on this address
space\"), and the stack does not start.

Fix: give each network its own, disjoint subnet (e.g. 172.28.1.0/24 and 172.28.2.0/24).",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    let mut seen: Vec<(&str, &Located<String>, IpNet)> = Vec::new();
    for network in &facts.project.networks {
        for subnet in network.ipam.iter().flatten() {
            let Ok(parsed) = subnet.subnet.value.trim().parse::<IpNet>() else {
                continue;
            };
            if let Some((other_key, other, _)) = seen.iter().find(|(_, _, earlier)| {
                earlier.contains(&parsed.network()) || parsed.contains(&earlier.network())
            }) {
                hits.push(Hit {
                    at: subnet.subnet.at,
                    service: None,
                    network: Some(network.key.value.clone()),
                    message: format!(
                        "subnet {} of network `{}` overlaps subnet {} of network `{other_key}`",
                        subnet.subnet.value, network.key.value, other.value
                    ),
                    remediation: "choose disjoint subnets; the daemon refuses overlapping pools"
                        .to_owned(),
                });
            }
            seen.push((&network.key.value, &subnet.subnet, parsed));
        }
    }
}
