//! NL002: a datastore publishes a port on the host.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL002",
    name: "published-datastore-port",
    severity: Severity::Error,
    summary: "A datastore publishes a port on the host",
    explain: "\
What: a datastore service has a `ports:` entry, whatever the host interface (even
127.0.0.1: every local process and every container with host networking then reaches it).

Why: datastores answer to anyone who can connect; published ports also bypass the network
isolation that compose networks give, and Docker's iptables rules open them ahead of ufw or
firewalld.

Fix: remove the `ports:` entry; services on the same network reach the datastore by its
service name. For a one-off local connection use `docker compose exec` or a temporary
override file that is not committed.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(kind) = facts.datastore(service) else {
            continue;
        };
        for port in &service.ports {
            hits.push(Hit {
                at: port.at,
                service: Some(service.key.value.clone()),
                network: None,
                message: format!(
                    "datastore `{}` ({kind}) publishes port `{}` on the host",
                    service.key.value, port.written
                ),
                remediation: "remove the port; services on a shared network reach the \
                              datastore by its service name"
                    .to_owned(),
            });
        }
    }
}
