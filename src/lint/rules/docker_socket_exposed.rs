//! NL012: the Docker socket mounted into a service reachable from outside.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL012",
    name: "docker-socket-exposed",
    severity: Severity::Warning,
    summary: "The Docker socket is mounted into a service reachable from outside",
    explain: "\
What: a bind mount of /var/run/docker.sock (or /run/docker.sock) into a service that
publishes a port on all interfaces, uses host networking, or is on a public network.

Why: the socket is root on the host; a flaw in an exposed service becomes a host takeover,
read-only mounts included (`:ro` does not restrict the API).

Fix: put a filtering socket proxy (e.g. tecnativa/docker-socket-proxy) on an internal network
and point the service at it, or keep the service off public networks and ports.",
    check,
};

const SOCKET_PATHS: [&str; 2] = ["/var/run/docker.sock", "/run/docker.sock"];

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(mount) = service.volumes.iter().find(|m| {
            m.source
                .as_deref()
                .is_some_and(|s| SOCKET_PATHS.contains(&s.trim_end_matches('/')))
        }) else {
            continue;
        };
        let Some(reason) = facts.reachable_from_outside(service) else {
            continue;
        };
        hits.push(Hit {
            at: mount.at,
            service: Some(service.key.value.clone()),
            network: None,
            message: format!(
                "`{}` mounts the Docker socket and is reachable from outside: {reason}",
                service.key.value
            ),
            remediation: "use a filtering socket proxy on an internal network, or stop \
                          exposing the service"
                .to_owned(),
        });
    }
}
