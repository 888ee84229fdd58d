//! NL003: a port published on every interface of the host.

use super::{Hit, Rule};
use crate::compose::datastore::well_known_port;
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL003",
    name: "port-on-all-interfaces",
    severity: Severity::Info,
    summary: "A port is published on all interfaces of the host",
    explain: "\
What: a `ports:` entry without a host IP (or with 0.0.0.0 / ::) on a service that is not a
datastore, for a port that is not a datastore's well-known port (those are NL002).

Why: the port is reachable from every network the host is on. That is right for a web front,
and often an accident for an admin UI or a debug port.

Fix: bind to loopback when only the host needs it (`127.0.0.1:8080:80`), or accept it (this
rule is informational and does not fail the run at the default --fail-on).",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        if facts.datastore(service).is_some() {
            continue;
        }
        let others = service
            .ports
            .iter()
            .filter(|p| p.on_all_interfaces() && well_known_port(p).is_none());
        for port in others {
            hits.push(Hit {
                at: port.at,
                service: Some(service.key.value.clone()),
                network: None,
                message: format!(
                    "`{}` publishes `{}` on all interfaces of the host",
                    service.key.value, port.written
                ),
                remediation: "bind to 127.0.0.1 (e.g. `127.0.0.1:8080:80`) unless other \
                              machines must reach it"
                    .to_owned(),
            });
        }
    }
}
