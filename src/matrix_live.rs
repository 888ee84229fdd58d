//! The membership matrix from the daemon: the live view (who is on which network now) and
//! the drift view (the file against the daemon, cell by cell).

use crate::live::labels::SWARM_SYSTEM_NETWORKS;
use crate::live::{Container, Network as LiveNetwork, Observed};
use crate::matrix::{Cell, MembershipMatrix, MembershipRow};
use crate::plan::endpoint_matches;
use crate::topology::{Service, Topology};

/// The daemon's own networks, hidden from the live view unless `--all`.
const BUILTIN_NETWORKS: [&str; 3] = ["bridge", "host", "none"];
/// Compose names its containers `project-service-1`; the label holds the service.
const COMPOSE_SERVICE_LABEL: &str = "com.docker.compose.service";

/// `project`: only the networks that project owns (`--project`), and who is on them.
pub fn live(observed: &Observed, all: bool, project: Option<&str>) -> MembershipMatrix {
    let mut networks: Vec<&LiveNetwork> = observed
        .networks
        .iter()
        .filter(|n| all || !BUILTIN_NETWORKS.contains(&n.settings.name.as_str()))
        .filter(|n| project.is_none_or(|p| n.owner() == Some(p)))
        .collect();
    networks.sort_by(|a, b| a.settings.name.cmp(&b.settings.name));
    let mut containers: Vec<&Container> = observed
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
        networks: networks.iter().map(|n| n.settings.name.clone()).collect(),
        rows,
    }
}

/// A column of the drift view: a declared network by key, or a network the declared
/// containers are on that the file lacks, by its Docker name.
struct Column<'a> {
    title: String,
    live: Option<&'a LiveNetwork>,
    /// The declared network's key; `None` for a network the file lacks.
    key: Option<&'a str>,
}

/// Declared services first, in file order, then undeclared containers found on declared
/// networks; columns are the declared networks, then any other network a declared container
/// is on (the default `bridge` included). Each cell is `ok`, `differs` (aliases or static
/// addresses differ, as `plan` would reconnect), `missing`, `extra` or `none`.
pub fn drift(topology: &Topology, observed: &Observed) -> MembershipMatrix {
    let columns = drift_columns(topology, observed);
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
                    .map(|column| Cell::State(declared_state(service, container, column)))
                    .collect(),
            }
        })
        .collect();
    let declared_columns: Vec<&Column> = columns.iter().filter(|c| c.key.is_some()).collect();
    let undeclared = observed.containers.iter().filter(|c| {
        !topology.services.iter().any(|s| s.container == c.name)
            && declared_columns.iter().any(|column| on(c, column.live))
    });
    rows.extend(undeclared.map(|container| {
        MembershipRow {
            service: service_name(container).to_owned(),
            container: container.name.clone(),
            cells: columns
                .iter()
                .map(|column| Cell::State(state(false, on(container, column.live))))
                .collect(),
        }
    }));
    MembershipMatrix {
        view: "drift",
        networks: columns.into_iter().map(|column| column.title).collect(),
        rows,
    }
}

fn drift_columns<'a>(topology: &'a Topology, observed: &'a Observed) -> Vec<Column<'a>> {
    let mut columns: Vec<Column> = topology
        .networks
        .iter()
        .map(|n| {
            let live = observed.networks_named(&n.settings.name);
            Column {
                title: n.key.clone(),
                live: (live.len() == 1).then(|| live[0]),
                key: Some(n.key.as_str()),
            }
        })
        .collect();
    let mut others: Vec<&LiveNetwork> = observed
        .networks
        .iter()
        .filter(|live| {
            !SWARM_SYSTEM_NETWORKS.contains(&live.settings.name.as_str())
                && !topology
                    .networks
                    .iter()
                    .any(|n| n.settings.name == live.settings.name)
                && topology.services.iter().any(|s| {
                    observed
                        .container(&s.container)
                        .is_some_and(|c| c.endpoint_on(&live.id).is_some())
                })
        })
        .collect();
    others.sort_by(|a, b| a.settings.name.cmp(&b.settings.name));
    for live in others {
        let title = if columns.iter().any(|c| c.title == live.settings.name) {
            format!("{} (daemon)", live.settings.name)
        } else {
            live.settings.name.clone()
        };
        columns.push(Column {
            title,
            live: Some(live),
            key: None,
        });
    }
    columns
}

fn on(container: &Container, network: Option<&LiveNetwork>) -> bool {
    network.is_some_and(|n| container.endpoint_on(&n.id).is_some())
}

fn declared_state(
    service: &Service,
    container: Option<&Container>,
    column: &Column,
) -> &'static str {
    let membership = column.key.and_then(|key| service.membership(key));
    let endpoint = container
        .zip(column.live)
        .and_then(|(c, n)| c.endpoint_on(&n.id));
    match (membership, endpoint, container) {
        (Some(membership), Some(endpoint), Some(container))
            if !endpoint_matches(endpoint, membership, container) =>
        {
            "differs"
        }
        (membership, endpoint, _) => state(membership.is_some(), endpoint.is_some()),
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

fn service_name(container: &Container) -> &str {
    container
        .labels
        .get(COMPOSE_SERVICE_LABEL)
        .map_or(container.name.as_str(), String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{Endpoint, NetworkMode, NetworkSettings, labels};

    fn network(name: &str) -> LiveNetwork {
        LiveNetwork {
            id: format!("id-{name}"),
            settings: NetworkSettings {
                name: name.to_owned(),
                driver: "bridge".to_owned(),
                ..NetworkSettings::default()
            },
        }
    }

    fn container(name: &str, on: &[&LiveNetwork], labels: &[(&str, &str)]) -> Container {
        Container {
            network_mode: NetworkMode::Own,
            id: format!("{name}-id"),
            name: name.to_owned(),
            running: true,
            pid: None,
            published: Vec::new(),
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            endpoints: on
                .iter()
                .map(|n| Endpoint {
                    network_id: n.id.clone(),
                    network_name: n.settings.name.clone(),
                    aliases: vec![],
                    ipv4_address: None,
                    ipv6_address: None,
                    mac_address: None,
                    addresses: Vec::new(),
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
        let matrix = live(&observed, false, None);
        assert_eq!(matrix.networks, vec!["app"]);
        assert_eq!(matrix.rows.len(), 1);
        assert_eq!(matrix.rows[0].service, "web");
        assert_eq!(live(&observed, true, None).rows.len(), 2);
    }

    #[test]
    fn the_live_view_keeps_to_the_project() {
        let mut mine = network("p-app");
        mine.settings
            .labels
            .insert(labels::PROJECT.to_owned(), "p".to_owned());
        let theirs = network("q-app");
        let observed = Observed {
            networks: vec![mine.clone(), theirs.clone()],
            containers: vec![
                container("p-web", &[&mine], &[]),
                container("q-web", &[&theirs], &[]),
            ],
        };
        let matrix = live(&observed, false, Some("p"));
        assert_eq!(matrix.networks, vec!["p-app"]);
        assert_eq!(matrix.rows.len(), 1);
        assert_eq!(matrix.rows[0].container, "p-web");
    }

    #[test]
    fn drift_marks_a_differing_endpoint_and_networks_the_file_lacks() {
        let topology = crate::topology::load_str(
            "version: 1\nproject: p\nnetworks:\n  a: {}\nservices:\n  svc:\n    networks:\n      a: {aliases: [api]}\n",
            "t.yaml",
        )
        .unwrap();
        let (a, bridge) = (network("a"), network("bridge"));
        let observed = Observed {
            networks: vec![a.clone(), bridge.clone()],
            containers: vec![container("svc", &[&a, &bridge], &[])],
        };
        let json = serde_json::to_value(drift(&topology, &observed)).unwrap();
        assert_eq!(json["networks"], serde_json::json!(["a", "bridge"]));
        assert_eq!(json["rows"][0]["networks"]["a"], "differs", "no alias api");
        assert_eq!(json["rows"][0]["networks"]["bridge"], "extra");
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
