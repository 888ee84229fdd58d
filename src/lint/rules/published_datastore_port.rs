//! NL002: a datastore publishes a port on the host.

use super::{Hit, Rule};
use crate::compose::datastore::well_known_port;
use crate::compose::{Port, Service};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL002",
    name: "published-datastore-port",
    severity: Severity::Error,
    summary: "A datastore publishes a port on the host",
    explain: "\
What: a datastore service has a `ports:` entry, whatever the host interface (even
127.0.0.1: every local process and every container with host networking then reaches it),
or uses `network_mode: host` (every port it listens on is then open on the host).
A port whose container side is a datastore's well-known port (5432, 3306, 6379, 27017,
11211, 9200, 5672, 9092, 9042, 5984, 7687, 26257, 2379) counts too, whatever the image:
locally built databases are caught.

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
        let kind = facts.datastore(service).map(str::to_owned);
        if let Some(kind) = &kind
            && let Some(mode) = service.network_mode.as_ref().filter(|m| m.value == "host")
        {
            hits.push(Hit {
                at: mode.at,
                service: Some(service.key.value.clone()),
                network: Some("host".to_owned()),
                message: format!(
                    "datastore `{}` ({kind}) uses the host's network: every port it listens on \
                     is open on the host",
                    service.key.value
                ),
                remediation: "drop `network_mode: host` and share a network with the services \
                              that use the datastore"
                    .to_owned(),
            });
        }
        for port in &service.ports {
            let Some(kind) = kind.clone().or_else(|| well_known_port(port)) else {
                continue;
            };
            hits.push(hit(service, port, &kind));
        }
    }
}

fn hit(service: &Service, port: &Port, kind: &str) -> Hit {
    Hit {
        at: port.at,
        service: Some(service.key.value.clone()),
        network: None,
        message: format!(
            "datastore `{}` ({kind}) publishes port `{}` on the host",
            service.key.value, port.written
        ),
        remediation: "remove the port; services on a shared network reach the datastore by its \
                      service name"
            .to_owned(),
    }
}
