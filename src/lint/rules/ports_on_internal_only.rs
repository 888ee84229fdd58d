//! NL011: ports published by a service that is only on internal networks.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL011",
    name: "ports-on-internal-only-service",
    severity: Severity::Warning,
    summary: "A service publishes ports but is only on internal networks",
    explain: "\
What: a service with `ports:` whose networks are all `internal: true`.

Why: Docker does not publish ports of a container that has no external connectivity; the
port mapping silently does nothing, so the author's intent is not what runs.

Fix: remove the ports (peers on the internal network reach the service directly), or attach
the service to a non-internal network as well.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(first_port) = service.ports.first() else {
            continue;
        };
        let networks = service.attached();
        if networks.is_empty() || !networks.iter().all(|n| facts.project.is_internal(&n.value)) {
            continue;
        }
        let names: Vec<&str> = networks.iter().map(|n| n.value.as_str()).collect();
        hits.push(Hit {
            at: first_port.at,
            service: Some(service.key.value.clone()),
            network: names.first().map(|n| (*n).to_owned()),
            message: format!(
                "`{}` publishes `{}` but is only on internal networks ({}): the port is not \
                 reachable",
                service.key.value,
                first_port.written,
                names.join(", ")
            ),
            remediation: "remove the ports, or also attach the service to a non-internal network"
                .to_owned(),
        });
    }
}
