//! NL007: `network_mode: host`.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL007",
    name: "host-network-mode",
    severity: Severity::Warning,
    summary: "A service uses the host's network namespace",
    explain: "\
What: `network_mode: host`.

Why: the container shares the host's interfaces: every port it listens on is open on the
host, no compose network isolates it, and `ports:` are ignored.

Fix: use a user-defined network and publish only the ports that must be reached. When host
networking is needed (some VPN, DHCP or discovery tools), keep it and add
`# netctl-lint ignore=NL007` on the line.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(mode) = service.network_mode.as_ref().filter(|m| m.value == "host") else {
            continue;
        };
        hits.push(Hit {
            at: mode.at,
            service: Some(service.key.value.clone()),
            network: Some("host".to_owned()),
            message: format!("`{}` uses the host's network namespace", service.key.value),
            remediation: "put the service on a user-defined network and publish only the \
                          ports it needs"
                .to_owned(),
        });
    }
}
