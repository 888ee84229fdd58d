//! NL001: a datastore attached to a public network.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL001",
    name: "datastore-on-public-network",
    severity: Severity::Error,
    summary: "A datastore is attached to a public network",
    explain: "\
What: a datastore (postgres, mysql, redis, mongo, kafka, ... recognised by image name, by the
`io.netctl.tags` label, by topology tags, or by `datastore_images` in the lint config) is
attached to a public network. A network is public when it is external (such as Traefik's
`web`), when a reverse proxy routes a service on it (`traefik.enable=true` and router labels,
narrowed by `traefik.docker.network`; caddy labels), or when the lint config
(`public_networks`) or the topology (`external: true`, `tags: [public]` or the label
`io.netctl.public: \"true\"`) says so. The implicit `default` network is not public by itself.

Why: everything on a public network shares it with the proxy and whatever else is exposed;
one compromised front service reaches the database directly.

Fix: put the datastore on an internal network shared only with the services that use it,
and take it off the public one.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for service in &facts.project.services {
        let Some(kind) = facts.datastore(service) else {
            continue;
        };
        for network in service.attached() {
            let Some(reason) = facts.public_reason(&network.value) else {
                continue;
            };
            hits.push(Hit {
                at: network.at,
                service: Some(service.key.value.clone()),
                network: Some(network.value.clone()),
                message: format!(
                    "datastore `{}` ({kind}) is on the public network `{}`: {reason}",
                    service.key.value, network.value
                ),
                remediation: format!(
                    "remove `{}` from the networks of `{}` and share an internal network with \
                     the services that need it",
                    network.value, service.key.value
                ),
            });
        }
    }
}
