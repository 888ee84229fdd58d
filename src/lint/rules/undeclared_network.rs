//! NL004: a service joins a network that the file does not declare.

use super::{Hit, Rule};
use crate::compose::DEFAULT_NETWORK;
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;
use crate::suggest::did_you_mean;

pub const RULE: Rule = Rule {
    id: "NL004",
    name: "undeclared-network",
    severity: Severity::Error,
    summary: "A service is on a network that is not declared",
    explain: "\
What: a service lists a network under `networks:` that has no entry in the top-level
`networks:` (only `default` is implicit).

Why: `docker compose up` refuses the file (\"service refers to undefined network\"); a typo
here usually means the service is not where it was meant to be.

Fix: declare the network at the top level (with `external: true` if another project owns
it), or correct the name.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    let declared: Vec<&str> = facts
        .project
        .networks
        .iter()
        .map(|n| n.key.value.as_str())
        .collect();
    for service in &facts.project.services {
        for network in service.attached() {
            if network.value == DEFAULT_NETWORK || declared.contains(&network.value.as_str()) {
                continue;
            }
            let suggestion = did_you_mean(&network.value, declared.iter().copied());
            hits.push(Hit {
                at: network.at,
                service: Some(service.key.value.clone()),
                network: Some(network.value.clone()),
                message: format!(
                    "`{}` is on network `{}`, which is not declared{suggestion}",
                    service.key.value, network.value
                ),
                remediation: format!(
                    "declare `{}` under the top-level `networks:` (add `external: true` if \
                     another project creates it), or fix the name",
                    network.value
                ),
            });
        }
    }
}
