//! The membership matrix from the daemon: the live view (who is on which network now) and
//! the drift view (the file against the daemon, cell by cell).

use crate::docker::{LiveContainer, LiveNetwork, Observed};
use crate::matrix::{Cell, MembershipMatrix, MembershipRow};
use crate::topology::Topology;

/// The daemon's own networks, hidden from the live view unless `--all`.
const BUILTIN_NETWORKS: [&str; 3] = ["bridge", "host", "none"];
/// Compose names its containers `project-service-1`; the label holds the service.
const COMPOSE_SERVICE_LABEL: &str = "com.docker.compose.service";

pub fn live(observed: &Observed, all: bool) -> MembershipMatrix {
    let mut networks: Vec<&LiveNetwork> = observed
        .networks
        .iter()
        .filter(|n| all || !BUILTIN_NETWORKS.contains(&n.name.as_str()))
        .collect();
    networks.sort_by(|a, b| a.name.cmp(&b.name));
    let mut containers: Vec<&LiveContainer> = observed
        .containers
        .iter()
        .filter(|c| networks.iter().any(|n| c.endpoint_on(&n.id).is_some()))
        .collect();
    containers.sort_by(|a, b| {
        service_name(a)
            .cmp(service_name(b))
            .then(a.name.cmp(&b.name))
    });
    let rows = containers
        .into_iter()
        .map(|container| MembershipRow {
            service: service_name(container).to_owned(),
            container: container.name.clone(),
            cells: networks
                .iter()
                .map(|n| Cell::Member(container.endpoint_on(&n.id).is_some()))
                .collect(),
        })
        .collect();
    MembershipMatrix {
        view: "live",
        networks: networks.iter().map(|n| n.name.clone()).collect(),
        rows,
    }
}

/// Declared services first, in file order, then undeclared containers found on declared
/// networks; each cell is `ok`, `missing`, `extra` or `none`.
pub fn drift(topology: &Topology, observed: &Observed) -> MembershipMatrix {
    let columns: Vec<(&str, Option<&LiveNetwork>)> = topology
        .networks
        .iter()
        .map(|n| {
            let live = observed.networks_named(&n.name);
            (n.key.as_str(), (live.len() == 1).then(|| live[0]))
        })
        .collect();
    let on = |container: Option<&LiveContainer>, live: Option<&LiveNetwork>| match (container, live)
    {
        (Some(c), Some(n)) => c.endpoint_on(&n.id).is_some(),
        _ => false,
    };
    let mut rows: Vec<MembershipRow> = topology
        .services
        .iter()
        .map(|service| {
            let container = observed.container(&service.container);
            MembershipRow {
                service: service.key.clone(),
                container: service.container.clone(),
                cells: columns
                    .iter()
                    .map(|(key, live)| {
                        Cell::State(state(service.is_member_of(key), on(container, *live)))
                    })
                    .collect(),
            }
        })
        .collect();
    let undeclared = observed.containers.iter().filter(|c| {
        !topology.services.iter().any(|s| s.container == c.name)
            && columns.iter().any(|(_, live)| on(Some(c), *live))
    });
    rows.extend(undeclared.map(|container| {
        MembershipRow {
            service: service_name(container).to_owned(),
            container: container.name.clone(),
            cells: columns
                .iter()
                .map(|(_, live)| Cell::State(state(false, on(Some(container), *live))))
                .collect(),
        }
    }));
    MembershipMatrix {
        view: "drift",
        networks: columns.iter().map(|(key, _)| (*key).to_owned()).collect(),
        rows,
    }
}

fn state(declared: bool, live: bool) -> &'static str {
    match (declared, live) {
        (true, true) => "ok",
        (true, false) => "missing",
        (false, true) => "extra",
        (false, false) => "none",
    }
}

fn service_name(container: &LiveContainer) -> &str {
    container
        .labels
        .get(COMPOSE_SERVICE_LABEL)
        .map_or(container.name.as_str(), String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docker::{LiveEndpoint, NetworkIpam};
    use std::collections::BTreeMap;

    fn network(name: &str) -> LiveNetwork {
        LiveNetwork {
            id: format!("id-{name}"),
            name: name.to_owned(),
            driver: "bridge".to_owned(),
            internal: false,
            attachable: false,
            enable_ipv6: false,
            options: BTreeMap::new(),
            labels: BTreeMap::new(),
            ipam: NetworkIpam::default(),
        }
    }

    fn container(name: &str, on: &[&LiveNetwork], labels: &[(&str, &str)]) -> LiveContainer {
        LiveContainer {
            id: format!("{name}-id"),
            name: name.to_owned(),
            running: true,
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            endpoints: on
                .iter()
                .map(|n| LiveEndpoint {
                    network_id: n.id.clone(),
                    network_name: n.name.clone(),
                    aliases: vec![],
                    ipv4_address: None,
                    ipv6_address: None,
                    mac_address: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_live_view_hides_builtin_networks_and_names_compose_services() {
        let (bridge, app) = (network("bridge"), network("app"));
        let observed = Observed {
            networks: vec![bridge.clone(), app.clone()],
            containers: vec![
                container("proj-web-1", &[&app], &[(COMPOSE_SERVICE_LABEL, "web")]),
                container("loner", &[&bridge], &[]),
            ],
        };
        let matrix = live(&observed, false);
        assert_eq!(matrix.networks, vec!["app"]);
        assert_eq!(matrix.rows.len(), 1);
        assert_eq!(matrix.rows[0].service, "web");
        assert_eq!(live(&observed, true).rows.len(), 2);
    }

    #[test]
    fn drift_cells_say_ok_missing_extra_or_none() {
        let topology = crate::topology::load_str(
            "version: 1\nproject: p\nnetworks:\n  a: {}\n  b: {}\nservices:\n  svc:\n    networks: [a]\n",
            "t.yaml",
        )
        .unwrap();
        let (a, b) = (network("a"), network("b"));
        let observed = Observed {
            networks: vec![a.clone(), b.clone()],
            containers: vec![container("svc", &[&b], &[]), container("other", &[&a], &[])],
        };
        let json = serde_json::to_value(drift(&topology, &observed)).unwrap();
        assert_eq!(json["view"], "drift");
        assert_eq!(json["rows"][0]["networks"]["a"], "missing");
        assert_eq!(json["rows"][0]["networks"]["b"], "extra");
        assert_eq!(json["rows"][1]["service"], "other");
        assert_eq!(json["rows"][1]["networks"]["a"], "extra");
        assert_eq!(json["rows"][1]["networks"]["b"], "none");
    }
}
