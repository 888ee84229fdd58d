//! NL016: with `--live`, an external network that does not exist on the daemon.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL016",
    name: "missing-external-network",
    severity: Severity::Error,
    summary: "An external network does not exist on the daemon",
    explain: "\
What: only with `--live` (the daemon's networks are read). A network declared
`external: true` whose Docker name (its `name:`, else its key) is not on the daemon.

Why: `docker compose up` fails with \"network ... declared as external, but could not be
found\"; it is the first step of most troubleshooting guides (Traefik's `web` network).

Fix: create it once (`docker network create web`), or start the stack that owns it first.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    let Some(live) = facts.live_networks else {
        return;
    };
    for network in &facts.project.networks {
        let Some(external) = network.external.as_ref().filter(|e| e.value) else {
            continue;
        };
        let name = facts.docker_name(&network.key.value);
        if live.contains(&name) {
            continue;
        }
        hits.push(Hit {
            at: external.at,
            service: None,
            network: Some(network.key.value.clone()),
            message: format!(
                "external network `{}` (Docker name `{name}`) does not exist on the daemon",
                network.key.value
            ),
            remediation: format!(
                "create it (`docker network create {name}`) or start the stack that owns it"
            ),
        });
    }
}
