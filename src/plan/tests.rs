//! Unit tests of `diff` against plain structs: every kind of action, no daemon involved.

use super::*;
use crate::live::{
    Container, Endpoint, Ipam, Network as LiveNetwork, NetworkMode, NetworkSettings, Observed,
    Pool, labels,
};
use crate::topology::{Topology, load_str};
use std::collections::BTreeMap;

const FILE: &str = r"
version: 1
project: p
networks:
  front:
    name: p-front
  back:
    name: p-back
    internal: true
    subnet: 10.77.0.0/24
services:
  api:
    container: p-api
    networks:
      front: {}
      back:
        aliases: [backend]
        ipv4_address: 10.77.0.10
  db:
    container: p-db
    networks: [back]
";

fn topology() -> Topology {
    load_str(FILE, "test.yaml").unwrap()
}

fn edge_file() -> Topology {
    let text = FILE
        .replace("services:", "  edge:\n    external: true\nservices:")
        .replace("      front: {}\n", "      front: {}\n      edge: {}\n");
    load_str(&text, "test.yaml").unwrap()
}

fn network(name: &str, subnet: &str, owner: Option<&str>) -> LiveNetwork {
    let labels = owner
        .map(|p| BTreeMap::from([(labels::PROJECT.to_owned(), p.to_owned())]))
        .unwrap_or_default();
    LiveNetwork {
        id: format!("id-{name}"),
        settings: NetworkSettings {
            name: name.to_owned(),
            driver: "bridge".to_owned(),
            labels,
            ipam: Ipam {
                driver: Some("default".to_owned()),
                options: BTreeMap::new(),
                pools: vec![Pool {
                    subnet: subnet.parse().unwrap(),
                    gateway: None,
                    ip_range: None,
                    aux_addresses: BTreeMap::new(),
                }],
            },
            ..NetworkSettings::default()
        },
    }
}

/// The live twin of a declared network, as netctl would have created it.
fn created(topology: &Topology, key: &str, subnet: &str) -> LiveNetwork {
    let spec = network_spec(topology.network(key).unwrap(), "p", true);
    let mut live = network(&spec.name, subnet, None);
    live.settings.internal = spec.internal;
    live.settings.labels = spec.labels;
    live
}

fn container(name: &str, endpoints: Vec<Endpoint>) -> Container {
    Container {
        network_mode: NetworkMode::Own,
        id: format!("{name}-id"),
        name: name.to_owned(),
        running: true,
        pid: None,
        labels: BTreeMap::new(),
        endpoints,
        published: Vec::new(),
    }
}

fn endpoint(network: &LiveNetwork, aliases: &[&str], ipv4: Option<&str>) -> Endpoint {
    Endpoint {
        network_id: network.id.clone(),
        network_name: network.settings.name.clone(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ipv4_address: ipv4.map(|a| a.parse().unwrap()),
        ipv6_address: None,
        mac_address: None,
        addresses: Vec::new(),
    }
}

/// Everything the file declares, already in place.
fn converged(topology: &Topology) -> Observed {
    let front = created(topology, "front", "10.76.0.0/24");
    let back = created(topology, "back", "10.77.0.0/24");
    let api = container(
        "p-api",
        vec![
            endpoint(&front, &[], None),
            endpoint(&back, &["backend"], Some("10.77.0.10")),
        ],
    );
    let db = container("p-db", vec![endpoint(&back, &[], None)]);
    Observed {
        networks: vec![front, back],
        containers: vec![api, db],
    }
}

fn kinds(plan: &Plan) -> Vec<(&'static str, Option<&str>, Option<&str>)> {
    plan.actions
        .iter()
        .map(|a| (a.kind(), a.network(), a.container()))
        .collect()
}

fn only_running_containers() -> Observed {
    Observed {
        networks: vec![],
        containers: vec![container("p-api", vec![]), container("p-db", vec![])],
    }
}

#[test]
fn from_nothing_networks_are_created_then_containers_connected() {
    let plan = diff(&topology(), &only_running_containers(), &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![
            ("create_network", Some("p-front"), None),
            ("create_network", Some("p-back"), None),
            ("connect", Some("p-front"), Some("p-api")),
            ("connect", Some("p-back"), Some("p-api")),
            ("connect", Some("p-back"), Some("p-db")),
        ]
    );
    let Action::CreateNetwork { spec, owned: true } = &plan.actions[1] else {
        panic!("{:?}", plan.actions[1]);
    };
    assert_eq!(spec.labels[labels::PROJECT], "p");
    let Action::Connect { endpoint, .. } = &plan.actions[3] else {
        panic!("{:?}", plan.actions[3]);
    };
    assert_eq!(endpoint.aliases, vec!["backend"]);
    assert_eq!(endpoint.ipv4_address, Some("10.77.0.10".parse().unwrap()));
}

#[test]
fn a_converged_daemon_needs_nothing() {
    let topology = topology();
    let plan = diff(&topology, &converged(&topology), &Options::default());
    assert_eq!(plan.actions, vec![]);
    assert_eq!(plan.changes(), 0);
}

#[test]
fn missing_containers_are_pending_not_changes() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.containers.retain(|c| c.name != "p-db");
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![("pending", Some("p-back"), Some("p-db"))]
    );
    assert_eq!(plan.changes(), 0);
    assert!(!plan.unconverged());
}

#[test]
fn a_stopped_container_is_pending() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.containers[1].running = false;
    let plan = diff(&topology, &observed, &Options::default());
    assert!(plan.actions[0].reason().contains("not running"));
}

#[test]
fn a_missing_endpoint_is_connected() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.containers[1].endpoints.clear();
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![("connect", Some("p-back"), Some("p-db"))]
    );
}

#[test]
fn a_different_alias_or_address_is_a_reconnect() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.containers[0].endpoints[1].aliases = vec!["old".to_owned()];
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![("reconnect", Some("p-back"), Some("p-api"))]
    );
    assert!(plan.actions[0].reason().contains("aliases old"));
}

#[test]
fn undeclared_members_are_drift_and_disconnected_only_with_prune() {
    let topology = topology();
    let mut observed = converged(&topology);
    let back = observed.networks[1].clone();
    observed
        .containers
        .push(container("stranger", vec![endpoint(&back, &[], None)]));
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![("drift", Some("p-back"), Some("stranger"))]
    );
    assert_eq!(plan.changes(), 0);
    assert!(plan.differs() && !plan.unconverged());
    assert_eq!(
        plan.actions[0].reason(),
        "stranger is on p-back, which the file does not give it: apply --prune disconnects it"
    );
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let plan = diff(&topology, &observed, &prune);
    assert_eq!(
        kinds(&plan),
        vec![("disconnect", Some("p-back"), Some("stranger"))]
    );
}

#[test]
fn prune_removes_owned_undeclared_networks_and_nothing_foreign() {
    let topology = topology();
    let mut observed = converged(&topology);
    let old = network("p-old", "10.77.5.0/24", Some("p"));
    observed.networks.push(old.clone());
    observed
        .networks
        .push(network("foreign", "10.77.6.0/24", None));
    observed
        .networks
        .push(network("q-other", "10.77.7.0/24", Some("q")));
    observed
        .containers
        .push(container("x", vec![endpoint(&old, &[], None)]));
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let plan = diff(&topology, &observed, &prune);
    assert_eq!(
        kinds(&plan),
        vec![
            ("disconnect", Some("p-old"), Some("x")),
            ("remove_network", Some("p-old"), None),
        ]
    );
}

#[test]
fn a_missing_external_network_blocks_with_the_command_to_create_it() {
    let plan = diff(
        &edge_file(),
        &only_running_containers(),
        &Options::default(),
    );
    let blocked: Vec<_> = plan.blocked().collect();
    assert_eq!(blocked.len(), 1);
    assert!(blocked[0].reason().contains("docker network create edge"));
    assert!(plan.is_blocked());
}

#[test]
fn a_missing_external_network_can_be_created_without_ownership() {
    let options = Options {
        create_missing_external: true,
        ..Options::default()
    };
    let plan = diff(&edge_file(), &only_running_containers(), &options);
    let created = plan
        .actions
        .iter()
        .find(|a| a.network() == Some("edge"))
        .unwrap();
    let Action::CreateNetwork { spec, owned } = created else {
        panic!("{created:?}");
    };
    assert!(!owned);
    assert!(!spec.labels.contains_key(labels::PROJECT));
}

#[test]
fn an_existing_external_network_is_used_and_its_memberships_managed() {
    let topology = edge_file();
    let mut observed = converged(&topology);
    observed
        .networks
        .push(network("edge", "10.77.9.0/24", None));
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(kinds(&plan), vec![("connect", Some("edge"), Some("p-api"))]);
}

#[test]
fn a_foreign_network_with_matching_settings_is_used_as_it_is() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.networks[1].settings.labels.clear();
    assert_eq!(
        diff(&topology, &observed, &Options::default()).actions,
        vec![]
    );
}

#[test]
fn a_foreign_network_with_other_settings_blocks() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.networks[1].settings.labels.clear();
    observed.networks[1].settings.internal = false;
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(kinds(&plan), vec![("blocked", Some("p-back"), None)]);
    assert!(plan.actions[0].reason().contains("does not own it"));
    assert!(plan.actions[0].reason().contains("internal: false → true"));
}

#[test]
fn two_networks_of_one_name_block() {
    let topology = topology();
    let mut observed = converged(&topology);
    let mut twin = observed.networks[0].clone();
    twin.id = "id-twin".to_owned();
    observed.networks.push(twin);
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(kinds(&plan), vec![("blocked", Some("p-front"), None)]);
    assert!(
        plan.actions[0]
            .reason()
            .contains("2 networks are named p-front")
    );
}

#[test]
fn a_subnet_overlapping_a_live_network_blocks_naming_it() {
    let mut observed = only_running_containers();
    observed
        .networks
        .push(network("someone-else", "10.77.0.0/16", None));
    let plan = diff(&topology(), &observed, &Options::default());
    let reasons: Vec<String> = plan.blocked().map(Action::reason).collect();
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].contains("overlaps network someone-else (10.77.0.0/16)"));
}

#[test]
fn a_changed_setting_of_an_owned_network_recreates_it_with_every_endpoint() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.networks[1].settings.internal = false;
    let back = observed.networks[1].clone();
    observed.containers.push(container(
        "stranger",
        vec![endpoint(&back, &["keep-me"], Some("10.77.0.99"))],
    ));
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![
            ("recreate_network", Some("p-back"), None),
            ("drift", Some("p-back"), Some("stranger"))
        ]
    );
    let Action::RecreateNetwork {
        changes, endpoints, ..
    } = &plan.actions[0]
    else {
        panic!("{:?}", plan.actions[0]);
    };
    assert_eq!(changes[0].field, "internal");
    let restored: Vec<&str> = endpoints.iter().map(|r| r.container.as_str()).collect();
    assert_eq!(restored, vec!["p-api", "p-db", "stranger"]);
    let stranger = &endpoints[2];
    assert!(!stranger.declared);
    assert_eq!(stranger.endpoint.aliases, vec!["keep-me"]);
}

#[test]
fn a_recreate_that_would_strand_a_static_address_blocks() {
    let text = FILE
        .replace("subnet: 10.77.0.0/24", "subnet: 10.77.1.0/24")
        .replace("ipv4_address: 10.77.0.10", "ipv4_address: 10.77.1.10");
    let topology = load_str(&text, "test.yaml").unwrap();
    let mut observed = converged(&topology);
    let back = observed.networks[1].clone();
    observed.containers.push(container(
        "stranger",
        vec![endpoint(&back, &[], Some("10.77.0.99"))],
    ));
    let plan = diff(&topology, &observed, &Options::default());
    let blocked: Vec<_> = plan.blocked().collect();
    assert_eq!(blocked.len(), 1);
    assert_eq!(blocked[0].container(), Some("stranger"));
    assert!(blocked[0].reason().contains("10.77.0.99"));
}

#[test]
fn a_recreate_that_would_reserve_a_kept_static_address_blocks() {
    for (extra, said) in [
        (
            "aux_addresses: {held: 10.77.0.99}",
            "auxiliary address held",
        ),
        ("gateway: 10.77.0.99", "as its gateway"),
    ] {
        let text = FILE.replace(
            "    subnet: 10.77.0.0/24",
            &format!("    ipam:\n      config:\n        - subnet: 10.77.0.0/24\n          {extra}"),
        );
        let Ok(topology) = load_str(&text, "test.yaml") else {
            panic!("{extra}: the file must load: {text}");
        };
        let mut observed = converged(&load_str(FILE, "test.yaml").unwrap());
        let back = observed.networks[1].clone();
        observed.containers.push(container(
            "stranger",
            vec![endpoint(&back, &[], Some("10.77.0.99"))],
        ));
        let plan = diff(&topology, &observed, &Options::default());
        let blocked: Vec<_> = plan.blocked().collect();
        assert_eq!(blocked.len(), 1, "{extra}: {plan:?}");
        assert_eq!(blocked[0].container(), Some("stranger"));
        assert!(
            blocked[0].reason().contains(said),
            "{}",
            blocked[0].reason()
        );
    }
}

#[test]
fn json_view_has_the_documented_fields() {
    let plan = diff(&topology(), &only_running_containers(), &Options::default());
    let json = serde_json::to_value(plan.view()).unwrap();
    assert_eq!(json["changes"], 5);
    let first = &json["actions"][0];
    assert_eq!(first["action"], "create_network");
    assert_eq!(first["network"], "p-front");
    assert!(first["container"].is_null());
    assert!(first["reason"].is_string());
}

#[test]
fn destroy_disconnects_declared_members_and_removes_only_emptied_owned_networks() {
    let topology = topology();
    let mut observed = converged(&topology);
    let back = observed.networks[1].clone();
    observed
        .containers
        .push(container("stranger", vec![endpoint(&back, &[], None)]));
    let Teardown { plan, left } = teardown(&topology, &observed);
    assert_eq!(
        kinds(&plan),
        vec![
            ("disconnect", Some("p-front"), Some("p-api")),
            ("disconnect", Some("p-back"), Some("p-api")),
            ("disconnect", Some("p-back"), Some("p-db")),
            ("remove_network", Some("p-front"), None),
        ]
    );
    assert_eq!(
        left,
        vec![LeftNetwork {
            network: "p-back".to_owned(),
            containers: vec!["stranger".to_owned()],
        }]
    );
}

#[test]
fn destroy_never_removes_a_network_it_does_not_own() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.networks[0].settings.labels.clear();
    let plan = teardown(&topology, &observed).plan;
    assert!(
        !plan
            .actions
            .iter()
            .any(|a| a.kind() == "remove_network" && a.network() == Some("p-front"))
    );
}

/// A declared container that also sits on `bridge`, a network made by hand, another netctl
/// project's network and a Compose network.
fn with_foreign_memberships(topology: &Topology) -> Observed {
    let mut observed = converged(topology);
    let bridge = network("bridge", "172.17.0.0/16", None);
    let by_hand = network("by-hand", "10.9.0.0/24", None);
    let other = network("other-back", "10.9.1.0/24", Some("other"));
    let mut compose = network("shop_default", "10.9.2.0/24", None);
    compose
        .settings
        .labels
        .insert("com.docker.compose.project".to_owned(), "shop".to_owned());
    let gateway = network("docker_gwbridge", "10.9.3.0/24", None);
    for live in [&bridge, &by_hand, &other, &compose, &gateway] {
        observed.containers[1]
            .endpoints
            .push(endpoint(live, &[], None));
    }
    observed
        .networks
        .extend([bridge, by_hand, other, compose, gateway]);
    observed
}

#[test]
fn memberships_on_networks_the_file_lacks_are_drift_in_every_plan() {
    let topology = topology();
    let observed = with_foreign_memberships(&topology);
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![
            ("drift", Some("bridge"), Some("p-db")),
            ("drift", Some("by-hand"), Some("p-db")),
            ("drift", Some("other-back"), Some("p-db")),
            ("drift", Some("shop_default"), Some("p-db")),
        ],
        "swarm's own docker_gwbridge is not drift"
    );
    assert!(plan.differs());
    let reasons: Vec<String> = plan.drift().map(Action::reason).collect();
    assert_eq!(
        reasons[0],
        "p-db (db) is on bridge, which the file does not give it: apply --prune disconnects it"
    );
    assert!(reasons[2].contains("belongs to netctl project other"));
    assert!(reasons[2].contains("docker network disconnect other-back p-db"));
    assert!(reasons[3].contains("belongs to Compose project shop"));
    assert_eq!(serde_json::to_value(plan.view()).unwrap()["drift"], 4);
}

#[test]
fn prune_disconnects_from_bridge_and_unlabelled_networks_only() {
    let topology = topology();
    let observed = with_foreign_memberships(&topology);
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let plan = diff(&topology, &observed, &prune);
    assert_eq!(
        kinds(&plan),
        vec![
            ("disconnect", Some("bridge"), Some("p-db")),
            ("disconnect", Some("by-hand"), Some("p-db")),
            ("drift", Some("other-back"), Some("p-db")),
            ("drift", Some("shop_default"), Some("p-db")),
        ]
    );
}

#[test]
fn a_declared_container_on_a_declared_network_it_should_not_be_on_is_drift() {
    let topology = edge_file();
    let mut observed = converged(&topology);
    let edge = network("edge", "10.75.0.0/24", None);
    observed.containers[0]
        .endpoints
        .push(endpoint(&edge, &[], None));
    observed.containers[1]
        .endpoints
        .push(endpoint(&edge, &[], None));
    observed
        .containers
        .push(container("traefik", vec![endpoint(&edge, &[], None)]));
    observed.networks.push(edge);
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![("drift", Some("edge"), Some("p-db"))],
        "the stranger on the external network is not the file's business"
    );
}

#[test]
fn a_container_without_a_namespace_of_its_own_blocks_its_memberships() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.containers[1].network_mode = NetworkMode::Host;
    observed.containers[1].endpoints =
        vec![endpoint(&network("host", "0.0.0.0/32", None), &[], None)];
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(kinds(&plan), vec![("blocked", None, Some("p-db"))]);
    assert!(plan.actions[0].reason().contains("network mode `host`"));
    assert!(plan.is_blocked());
}

#[test]
fn an_owned_network_the_file_dropped_is_drift_until_pruned() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed
        .networks
        .push(network("p-old", "10.74.0.0/24", Some("p")));
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(kinds(&plan), vec![("drift", Some("p-old"), None)]);
    assert!(plan.actions[0].reason().contains("apply --prune"));
}

#[test]
fn the_blast_radius_names_pairs_that_gain_or_lose_a_shared_network() {
    let topology = topology();
    let mut observed = converged(&topology);
    // p-db left p-back by hand; a stranger sits on p-back; with --prune the stranger goes.
    observed.containers[1].endpoints.clear();
    let back = observed.networks[1].clone();
    observed
        .containers
        .push(container("stranger", vec![endpoint(&back, &[], None)]));
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let plan = diff(&topology, &observed, &prune);
    let radius = &plan.blast_radius;
    let gained: Vec<String> = radius
        .gained
        .iter()
        .map(|p| format!("{} {} {}", p.a, p.b, p.networks.join(",")))
        .collect();
    assert_eq!(gained, ["api db p-back"]);
    let lost: Vec<String> = radius
        .lost
        .iter()
        .map(|p| format!("{} {} {}", p.a, p.b, p.networks.join(",")))
        .collect();
    assert_eq!(lost, ["api stranger p-back"]);
    let json = serde_json::to_value(plan.view()).unwrap();
    assert_eq!(json["blast_radius"]["gained"][0]["networks"][0], "p-back");
}

#[test]
fn a_recreate_lists_who_it_detaches_and_who_loses_all_contact() {
    let topology = topology();
    let mut observed = converged(&topology);
    observed.networks[1].settings.internal = false;
    let plan = diff(&topology, &observed, &Options::default());
    let interrupted = &plan.blast_radius.interrupted;
    assert_eq!(interrupted.len(), 1);
    assert_eq!(interrupted[0].network, "p-back");
    assert_eq!(interrupted[0].containers, ["api", "db"]);
    assert_eq!(
        interrupted[0].cut_off,
        [["api".to_owned(), "db".to_owned()]],
        "p-db shares only p-back with p-api"
    );
    assert!(plan.blast_radius.gained.is_empty() && plan.blast_radius.lost.is_empty());
}

mod compose;
