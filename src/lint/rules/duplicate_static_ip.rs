//! NL010: two services with the same static IP on one network.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;
use std::collections::BTreeMap;
use std::net::IpAddr;

pub const RULE: Rule = Rule {
    id: "NL010",
    name: "duplicate-static-ip",
    severity: Severity::Error,
    summary: "Two services have the same static IP on one network",
    explain: "\
What: two services set the same `ipv4_address` or `ipv6_address` on the same network.

Why: the second container fails to start (\"Address already in use\").

Fix: give each service its own address.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    let mut owners: BTreeMap<(String, IpAddr), String> = BTreeMap::new();
    for service in &facts.project.services {
        for attachment in service.networks.iter().flatten() {
            for address in [&attachment.ipv4_address, &attachment.ipv6_address]
                .into_iter()
                .flatten()
            {
                let Ok(ip) = address.value.trim().parse::<IpAddr>() else {
                    continue;
                };
                let key = (attachment.network.value.clone(), ip);
                match owners.get(&key) {
                    Some(first) => hits.push(Hit {
                        at: address.at,
                        service: Some(service.key.value.clone()),
                        network: Some(attachment.network.value.clone()),
                        message: format!(
                            "`{}` and `{first}` both take {ip} on network `{}`",
                            service.key.value, attachment.network.value
                        ),
                        remediation: "give each service its own address".to_owned(),
                    }),
                    None => {
                        owners.insert(key, service.key.value.clone());
                    }
                }
            }
        }
    }
}
