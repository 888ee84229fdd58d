//! NL013: `privileged: true` on a service reachable from outside.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL013",
    name: "privileged-exposed",
    severity: Severity::Warning,
    summary: "A privileged service is reachable from outside",
    explain: "\
What: `privileged: true` on a service that publishes a port on all interfaces, uses host
networking, or is on a public network.

Why: a privileged container has every capability and the host's devices; a flaw in an
exposed one is a host compromise.

Fix: drop `privileged` for the few `cap_add:` entries the service needs, or keep it off
public networks and ports.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(flag) = service.privileged.as_ref().filter(|p| p.value) else {
            continue;
        };
        let Some(reason) = facts.reachable_from_outside(service) else {
            continue;
        };
        hits.push(Hit {
            at: flag.at,
            service: Some(service.key.value.clone()),
            network: None,
            message: format!(
                "`{}` is privileged and reachable from outside: {reason}",
                service.key.value
            ),
            remediation: "replace `privileged: true` with the `cap_add:` entries the service \
                          needs, or stop exposing it"
                .to_owned(),
        });
    }
}
