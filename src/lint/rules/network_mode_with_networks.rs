//! NL006: `network_mode` and `networks` on the same service.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL006",
    name: "network-mode-with-networks",
    severity: Severity::Error,
    summary: "A service sets both network_mode and networks",
    explain: "\
What: a service has `network_mode:` (host, none, service:x, container:x) and `networks:`.

Why: the two exclude each other; `docker compose` refuses the service (\"network_mode and
networks cannot be combined\").

Fix: keep one: `networks:` for user-defined networks, or `network_mode` to share another
namespace.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let (Some(mode), Some(networks)) = (&service.network_mode, &service.networks) else {
            continue;
        };
        if mode.value.is_empty() || networks.is_empty() {
            continue;
        }
        hits.push(Hit {
            at: mode.at,
            service: Some(service.key.value.clone()),
            network: networks.first().map(|n| n.network.value.clone()),
            message: format!(
                "`{}` sets `network_mode: {}` and `networks:`; Compose refuses both",
                service.key.value, mode.value
            ),
            remediation: "remove `network_mode` or remove `networks`".to_owned(),
        });
    }
}
