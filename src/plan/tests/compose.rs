//! Unit tests of `diff` on Compose's own networks and containers: compared as Compose compares
//! them, never recreated or removed, drift with the Compose command where they differ.

use super::*;
use crate::live::EndpointSpec;
use crate::plan::Change;

/// The topology `import compose` writes for project `shop` (a `back` network on a subnet, a
/// service `web` with an alias there, and `db`), with Compose v1's container names.
const IMPORTED: &str = r"
version: 1
project: shop
networks:
  back:
    name: shop_back
    internal: true
    attachable: true
    labels:
      com.docker.compose.network: back
      com.docker.compose.project: shop
    ipam:
      config:
      - subnet: 10.77.5.0/24
services:
  web:
    container: shop_web_1
    networks:
      back:
        aliases: [api]
  db:
    container: shop_db_1
    networks:
      back:
        ipv4_address: 10.77.5.20
";

fn imported(text: &str) -> Topology {
    load_str(text, "shop.yaml").unwrap()
}

/// Compose 1.29's network for `back`: attachable, its three labels, IPAM driver `default`.
fn compose_network(subnet: &str) -> LiveNetwork {
    let mut live = network("shop_back", subnet, None);
    live.settings.internal = true;
    live.settings.attachable = true;
    for (key, value) in [
        ("com.docker.compose.project", "shop"),
        ("com.docker.compose.network", "back"),
        ("com.docker.compose.version", "1.29.2"),
    ] {
        live.settings
            .labels
            .insert(key.to_owned(), value.to_owned());
    }
    live
}

/// A container Compose started for `service`: its labels, and the service's name as an alias
/// on every network it joined.
fn compose_container(
    service: &str,
    on: &LiveNetwork,
    aliases: &[&str],
    ip: Option<&str>,
) -> Container {
    let mut all = vec![service];
    all.extend_from_slice(aliases);
    let mut made = container(&format!("shop_{service}_1"), vec![endpoint(on, &all, ip)]);
    for (key, value) in [
        ("com.docker.compose.project", "shop"),
        ("com.docker.compose.service", service),
        ("com.docker.compose.container-number", "1"),
        ("com.docker.compose.oneoff", "False"),
        ("com.docker.compose.project.working_dir", "/srv/shop"),
        (
            "com.docker.compose.project.config_files",
            "docker-compose.yml",
        ),
    ] {
        made.labels.insert(key.to_owned(), value.to_owned());
    }
    made
}

/// The running project as Compose made it from the file the topology was imported from.
fn running(subnet: &str) -> Observed {
    let back = compose_network(subnet);
    let web = compose_container("web", &back, &["api"], None);
    let db = compose_container("db", &back, &[], Some("10.77.5.20"));
    Observed {
        networks: vec![back],
        containers: vec![web, db],
    }
}

#[test]
fn an_imported_project_on_its_running_compose_project_plans_nothing() {
    let plan = diff(
        &imported(IMPORTED),
        &running("10.77.5.0/24"),
        &Options::default(),
    );
    assert_eq!(plan.actions, vec![]);
    assert!(!plan.differs());
    assert_eq!(
        plan.compose_networks,
        vec![ComposeOwned {
            network: "shop_back".to_owned(),
            project: "shop".to_owned(),
            differs: false,
        }],
        "the plan says whose network it is even when nothing differs"
    );
    let json = serde_json::to_value(plan.view()).unwrap();
    assert_eq!(json["compose_networks"][0]["project"], "shop");
}

#[test]
fn compose_v2_networks_are_not_attachable_and_carry_another_version_label() {
    let mut observed = running("10.77.5.0/24");
    let settings = &mut observed.networks[0].settings;
    settings.attachable = false;
    settings
        .labels
        .insert("com.docker.compose.version".to_owned(), "2.24.0".to_owned());
    let plan = diff(&imported(IMPORTED), &observed, &Options::default());
    assert_eq!(plan.actions, vec![]);
}

#[test]
fn a_changed_subnet_is_drift_with_the_compose_command_never_a_recreate() {
    let topology = imported(&IMPORTED.replace("10.77.5.", "10.77.6."));
    let plan = diff(&topology, &running("10.77.5.0/24"), &Options::default());
    assert!(!plan.needs_recreate() && !plan.is_blocked() && !plan.removes_anything());
    assert_eq!(plan.changes(), 0);
    assert!(plan.differs(), "--detailed-exitcode reports it");
    let network_drift = plan
        .drift()
        .find(|a| a.container().is_none())
        .expect("the network's own drift item");
    let reason = network_drift.reason();
    assert!(
        reason.contains("belongs to Compose project shop"),
        "{reason}"
    );
    assert!(
        reason.contains("subnets: 10.77.5.0/24 → 10.77.6.0/24"),
        "{reason}"
    );
    assert!(
        reason.contains(
            "cd /srv/shop && docker-compose -p shop down && docker-compose -p shop up -d"
        ),
        "{reason}"
    );
    assert!(reason.contains("never recreates or removes"), "{reason}");
    assert!(plan.compose_networks[0].differs);
}

#[test]
fn a_static_address_the_stale_network_cannot_hold_waits_for_compose() {
    let topology = imported(&IMPORTED.replace("10.77.5.", "10.77.6."));
    let plan = diff(&topology, &running("10.77.5.0/24"), &Options::default());
    assert_eq!(
        kinds(&plan),
        vec![
            ("drift", Some("shop_back"), None),
            ("drift", Some("shop_back"), Some("shop_db_1")),
        ],
        "no reconnect that would take db off the network it is on"
    );
    assert!(plan.actions[1].reason().contains("until Compose recreates"));
}

#[test]
fn compose_labels_and_attachable_are_compose_s_but_declared_settings_count() {
    let live = compose_network("10.77.5.0/24");
    let topology = imported(IMPORTED);
    let mut wanted = network_spec(topology.network("back").unwrap(), "shop", false);
    wanted.attachable = false;
    wanted.labels.insert(
        "com.docker.compose.network".to_owned(),
        "shop_back".to_owned(),
    );
    assert_eq!(
        super::super::compose::compose_differences(&wanted, &live),
        vec![]
    );
    wanted.internal = false;
    wanted.labels.insert("team".to_owned(), "erp".to_owned());
    assert_eq!(
        super::super::compose::compose_differences(&wanted, &live),
        vec![
            Change {
                field: "internal".to_owned(),
                old: "true".to_owned(),
                new: "false".to_owned(),
            },
            Change {
                field: "labels.team".to_owned(),
                old: "(unset)".to_owned(),
                new: "erp".to_owned(),
            },
        ]
    );
}

#[test]
fn the_service_alias_compose_gives_is_no_difference_and_a_connect_keeps_it() {
    let topology = imported(IMPORTED);
    let mut observed = running("10.77.5.0/24");
    // web lost its membership: netctl connects it as the file asks, with Compose's alias too.
    observed.containers[0].endpoints.clear();
    let plan = diff(&topology, &observed, &Options::default());
    assert_eq!(
        plan.actions,
        vec![Action::Connect {
            network: "shop_back".to_owned(),
            container: "shop_web_1".to_owned(),
            endpoint: EndpointSpec {
                aliases: vec!["api".to_owned(), "web".to_owned()],
                ..EndpointSpec::default()
            },
        }]
    );
    // Without the service alias (a hand-made connect), nothing is reconnected for it.
    let mut observed = running("10.77.5.0/24");
    observed.containers[0].endpoints[0].aliases = vec!["api".to_owned()];
    assert_eq!(
        diff(&topology, &observed, &Options::default()).actions,
        vec![]
    );
}

#[test]
fn prune_never_removes_compose_networks_nor_disconnects_compose_s_own_containers() {
    let topology = imported(IMPORTED);
    let mut observed = running("10.77.5.0/24");
    // A Compose network the file does not declare, and a service the file does not declare
    // on the declared one.
    let mut front = compose_network("10.77.7.0/24");
    front.id = "id-shop_front".to_owned();
    front.settings.name = "shop_front".to_owned();
    let worker = compose_container("worker", &observed.networks[0], &[], None);
    observed.containers.push(worker);
    observed.networks.push(front);
    let options = Options {
        prune: true,
        ..Options::default()
    };
    let plan = diff(&topology, &observed, &options);
    assert_eq!(plan.actions, vec![]);
}

#[test]
fn a_network_netctl_created_with_compose_labels_stays_netctl_s() {
    // `apply` of an imported topology before the project ever ran: netctl made the network
    // (its ownership label and Compose's), so a changed subnet is netctl's recreate.
    let topology = imported(&IMPORTED.replace("10.77.5.", "10.77.6."));
    let mut observed = running("10.77.5.0/24");
    observed.networks[0]
        .settings
        .labels
        .insert(labels::PROJECT.to_owned(), "shop".to_owned());
    observed.networks[0]
        .settings
        .labels
        .remove("com.docker.compose.version");
    let plan = diff(&topology, &observed, &Options::default());
    assert!(plan.needs_recreate(), "{:?}", plan.actions);
    assert_eq!(plan.compose_networks, vec![]);
}

#[test]
fn a_missing_compose_network_is_created_with_compose_s_labels() {
    let topology = imported(IMPORTED);
    let mut observed = running("10.77.5.0/24");
    observed.networks.clear();
    for container in &mut observed.containers {
        container.endpoints.clear();
    }
    let plan = diff(&topology, &observed, &Options::default());
    let Action::CreateNetwork { spec, owned: true } = &plan.actions[0] else {
        panic!("{:?}", plan.actions);
    };
    assert!(spec.attachable);
    assert_eq!(spec.labels["com.docker.compose.project"], "shop");
    assert_eq!(spec.labels[labels::PROJECT], "shop");
}
