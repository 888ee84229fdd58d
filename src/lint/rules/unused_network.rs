//! NL005: a declared network that no service joins.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL005",
    name: "unused-network",
    severity: Severity::Warning,
    summary: "A declared network is not used by any service",
    explain: "\
What: a network under the top-level `networks:` that no service joins (services without
`networks:` join `default`).

Why: Compose does not create it, so whatever was meant to be isolated on it is not; often a
service was meant to list it and does not.

Fix: add the network to the services that should be on it, or delete the declaration.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for network in &facts.project.networks {
        let used = facts.project.services.iter().any(|service| {
            service
                .attached()
                .iter()
                .any(|attached| attached.value == network.key.value)
        });
        if used {
            continue;
        }
        hits.push(Hit {
            at: network.key.at,
            service: None,
            network: Some(network.key.value.clone()),
            message: format!(
                "network `{}` is declared but no service uses it",
                network.key.value
            ),
            remediation: format!(
                "add `{}` to the `networks:` of the services that need it, or remove it",
                network.key.value
            ),
        });
    }
}
