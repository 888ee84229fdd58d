//! NL009: a static IP outside its network's subnets, or on a network without ipam.

use super::{Hit, Rule};
use crate::compose::{Attachment, Located, Network, Service};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;
use ipnet::IpNet;
use std::net::IpAddr;

pub const RULE: Rule = Rule {
    id: "NL009",
    name: "static-ip-outside-subnet",
    severity: Severity::Error,
    summary: "A static IP is outside its subnet, or its network has no ipam subnet",
    explain: "\
What: an `ipv4_address` / `ipv6_address` that is not an address, lies outside every subnet of
its network, or sits on a network that declares no `ipam.config` subnet (external networks
are exempt from the last two: their subnets are set where they are created).

Why: the daemon refuses the container (\"user specified IP address is supported only when
connecting to networks with user configured subnets\", or \"does not belong to any of this
network's subnets\").

Fix: declare the subnet under the network's `ipam.config`, and pick an address inside it.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        for attachment in service.networks.iter().flatten() {
            let network = facts.project.network(&attachment.network.value);
            for address in [&attachment.ipv4_address, &attachment.ipv6_address]
                .into_iter()
                .flatten()
            {
                if let Some(problem) = problem(address, network) {
                    hits.push(hit(service, attachment, address, problem));
                }
            }
        }
    }
}

/// What is wrong with `address` on `network`, if anything. An undeclared network is NL004's;
/// an external network's subnets were configured where it was created, so only the address
/// itself is checked there.
fn problem(address: &Located<String>, network: Option<&Network>) -> Option<String> {
    let network = network?;
    let external = network.external.as_ref().is_some_and(|e| e.value);
    let Ok(ip) = address.value.trim().parse::<IpAddr>() else {
        return Some(format!("`{}` is not an IP address", address.value));
    };
    let subnets: Vec<IpNet> = network
        .ipam
        .iter()
        .flatten()
        .filter_map(|s| s.subnet.value.trim().parse().ok())
        .collect();
    if external {
        return None;
    }
    if subnets.is_empty() {
        return Some(format!(
            "static IP {ip} on network `{}`, which declares no ipam subnet",
            network.key.value
        ));
    }
    if subnets.iter().any(|subnet| subnet.contains(&ip)) {
        return None;
    }
    let listed: Vec<String> = subnets.iter().map(ToString::to_string).collect();
    Some(format!(
        "static IP {ip} is outside the subnets of `{}` ({})",
        network.key.value,
        listed.join(", ")
    ))
}

fn hit(
    service: &Service,
    attachment: &Attachment,
    address: &Located<String>,
    problem: String,
) -> Hit {
    Hit {
        at: address.at,
        service: Some(service.key.value.clone()),
        network: Some(attachment.network.value.clone()),
        message: format!("`{}`: {problem}", service.key.value),
        remediation: format!(
            "declare a subnet under `networks.{}.ipam.config` and choose an address inside it",
            attachment.network.value
        ),
    }
}
