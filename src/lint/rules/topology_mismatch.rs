//! NL014: with `--topology`, compose memberships that differ from the topology's.

use super::{Hit, Rule};
use crate::compose::{Located, Place, Service};
use crate::diagnostic::{Location, Severity};
use crate::lint::facts::Facts;
use crate::topology::{self, Topology};

pub const RULE: Rule = Rule {
    id: "NL014",
    name: "topology-mismatch",
    severity: Severity::Error,
    summary: "Compose memberships differ from the topology",
    explain: "\
What: only with `--topology FILE`. Every service of the compose project must be in the
topology (by key, or by container name), be on exactly the topology's networks (matched by
key, or by Docker name), and every service of the topology must be in the compose project.

Why: the topology is the reviewed description of who may talk to whom; a compose file that
drifts from it silently changes that.

Fix: change the compose file, or change the topology (and have it reviewed).",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    let Some(topology) = facts.topology else {
        return;
    };
    for service in &facts.project.services {
        match declared_service(topology, service) {
            Some(declared) => compare(facts, topology, service, declared, hits),
            None => hits.push(Hit {
                at: service.key.at,
                service: Some(service.key.value.clone()),
                network: None,
                message: format!("service `{}` is not in the topology", service.key.value),
                remediation: "add the service to the topology, or remove it from the compose file"
                    .to_owned(),
            }),
        }
    }
    let start = Place {
        file: 0,
        location: Location::new(1, 1, 0),
    };
    for declared in &topology.services {
        let present = facts
            .project
            .services
            .iter()
            .any(|s| declared_service(topology, s).is_some_and(|d| d.key == declared.key));
        if !present {
            hits.push(Hit {
                at: start,
                service: Some(declared.key.clone()),
                network: None,
                message: format!(
                    "the topology declares service `{}`, which the compose project lacks",
                    declared.key
                ),
                remediation: "add the service to the compose file, or remove it from the \
                              topology"
                    .to_owned(),
            });
        }
    }
}

fn declared_service<'t>(
    topology: &'t Topology,
    service: &Service,
) -> Option<&'t topology::Service> {
    topology.service(&service.key.value).or_else(|| {
        let container = service.container_name.as_deref()?;
        topology.services.iter().find(|s| s.container == container)
    })
}

/// The topology's key for a compose network: same key, else same Docker name.
fn topology_key(facts: &Facts, topology: &Topology, compose_key: &str) -> Option<String> {
    let docker_name = facts.docker_name(compose_key);
    topology
        .networks
        .iter()
        .find(|n| n.key == compose_key)
        .or_else(|| {
            topology
                .networks
                .iter()
                .find(|n| n.settings.name == docker_name)
        })
        .map(|n| n.key.clone())
}

fn compare(
    facts: &Facts,
    topology: &Topology,
    service: &Service,
    declared: &topology::Service,
    hits: &mut Vec<Hit>,
) {
    let attached: Vec<(Located<String>, Option<String>)> = service
        .attached()
        .into_iter()
        .map(|n| {
            let key = topology_key(facts, topology, &n.value);
            (n, key)
        })
        .collect();
    for (network, key) in &attached {
        if key.as_deref().is_some_and(|k| declared.is_member_of(k)) {
            continue;
        }
        hits.push(Hit {
            at: network.at,
            service: Some(service.key.value.clone()),
            network: Some(network.value.clone()),
            message: format!(
                "`{}` is on `{}` here, but the topology does not put it there",
                service.key.value, network.value
            ),
            remediation: format!(
                "remove `{}` from the service, or add the membership to the topology",
                network.value
            ),
        });
    }
    for membership in &declared.networks {
        if attached
            .iter()
            .any(|(_, key)| key.as_deref() == Some(membership.network.as_str()))
        {
            continue;
        }
        hits.push(Hit {
            at: service.key.at,
            service: Some(service.key.value.clone()),
            network: Some(membership.network.clone()),
            message: format!(
                "the topology puts `{}` on `{}`, but the compose file does not",
                service.key.value, membership.network
            ),
            remediation: format!(
                "add `{}` to the networks of `{}`, or remove the membership from the topology",
                membership.network, service.key.value
            ),
        });
    }
}
