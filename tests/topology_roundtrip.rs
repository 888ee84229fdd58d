//! The one topology writer against the reader and the JSON Schema: every valid topology in
//! the repository reads, writes and reads back to the same model, and what `import compose`
//! and `import live` write passes the schema and the reader.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use netctl::compose::{self, Input};
use netctl::live::labels::{COMPOSE_SERVICE, DEFAULT_BRIDGE, NETWORK, PROJECT};
use netctl::live::{
    Container, Endpoint, Ipam, Network, NetworkMode, NetworkSettings, Observed, Pool,
};
use netctl::topology::{self, Document, Topology};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every YAML file under `dir`, at any depth, in a stable order.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The schema `netctl schema` prints, compiled once.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| jsonschema::validator_for(&topology::json_schema()).unwrap())
}

/// Problems the schema finds in `yaml`; empty when it passes.
fn schema_errors(yaml: &str) -> Vec<String> {
    let validator = validator();
    let document: Value = serde_saphyr::from_str(yaml).unwrap();
    validator
        .iter_errors(&document)
        .map(|e| e.to_string())
        .collect()
}

fn reread(yaml: &str, what: &str) -> Topology {
    topology::load_str(yaml, what).unwrap_or_else(|e| panic!("{what} does not read:\n{yaml}\n{e}"))
}

/// Every key of the format with a value other than its default, so that the writer is held
/// to all of them and not only to those the examples happen to use.
const EVERY_KEY: &str = r#"
version: 1
project: shop
networks:
  web:
    name: traefik
    external: true
    tags: [public]
  backend:
    name: shop-backend
    internal: true
    attachable: true
    enable_ipv6: true
    driver_opts:
      com.docker.network.bridge.name: br-shop
      com.docker.network.driver.mtu: 1450
    labels:
      team: payments
    ipam:
      driver: default
      config:
        - subnet: 10.92.0.0/24
          gateway: 10.92.0.1
          ip_range: 10.92.0.128/25
          aux_addresses:
            router: 10.92.0.2
        - subnet: fd00:92::/64
      options:
        com.example.option: "on"
  cache:
    subnet: 10.93.0.0/24
    gateway: 10.93.0.1
  mesh:
    driver: overlay
    attachable: true
services:
  api:
    container: shop-api
    networks:
      web:
      backend:
        aliases: [api, api.internal]
        ipv4_address: 10.92.0.10
        ipv6_address: fd00:92::10
    ports: [8080, 9090]
    tags: [public]
    health:
      port: 8080
      path: /ready
  db:
    networks: [backend, cache, mesh]
    tags: [database]
    health:
      port: 5432
expect:
  - from: api
    to: db
    port: 5432
    reachable: true
  - from: db
    to: api
    reachable: false
"#;

/// The valid topologies of the repository (the examples and any fixture that loads) and one
/// that sets every key.
fn valid_topologies() -> Vec<(PathBuf, Topology)> {
    let mut files = yaml_files(&root().join("topologies"));
    files.extend(yaml_files(&root().join("tests/fixtures")));
    let every_key = (PathBuf::from("EVERY_KEY"), reread(EVERY_KEY, "EVERY_KEY"));
    files
        .into_iter()
        .filter_map(|path| topology::load_file(&path).ok().map(|t| (path, t)))
        .chain([every_key])
        .collect()
}

#[test]
fn every_valid_topology_reads_back_the_same_after_writing() {
    let topologies = valid_topologies();
    assert!(topologies.len() >= 4, "the four examples at least");
    eprintln!("{} valid topologies", topologies.len());
    for (path, topology) in topologies {
        let yaml = Document::from(&topology).to_yaml();
        let what = format!("{} rewritten", path.display());
        assert_eq!(reread(&yaml, &what), topology, "{what}:\n{yaml}");
    }
}

#[test]
fn every_written_topology_passes_the_schema() {
    for (path, topology) in valid_topologies() {
        let yaml = Document::from(&topology).to_yaml();
        let errors = schema_errors(&yaml);
        assert!(errors.is_empty(), "{}:\n{yaml}\n{errors:?}", path.display());
    }
}

#[test]
fn writing_is_stable() {
    for (path, topology) in valid_topologies() {
        let once = Document::from(&topology).to_yaml();
        let twice = Document::from(&reread(&once, "once")).to_yaml();
        assert_eq!(once, twice, "{}", path.display());
    }
}

#[test]
fn every_compose_import_passes_the_schema_and_the_reader() {
    let mut imported = 0;
    for path in yaml_files(&root().join("tests/fixtures/compose")) {
        let Ok(project) = compose::load_project(&[Input::File(path.clone())]) else {
            continue;
        };
        let result = compose::import::to_topology(&project, "demo");
        assert!(
            result.problems.is_empty(),
            "{}: {:?}",
            path.display(),
            result.problems
        );
        let errors = schema_errors(&result.yaml);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        reread(&result.yaml, &path.display().to_string());
        imported += 1;
    }
    eprintln!("{imported} compose fixtures imported");
    assert!(imported >= 10, "only {imported} compose fixtures imported");
}

fn live_network(id: &str, name: &str, labels: &[(&str, &str)], ipam: Ipam) -> Network {
    Network {
        id: id.to_owned(),
        settings: NetworkSettings {
            name: name.to_owned(),
            driver: "bridge".to_owned(),
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ipam,
            ..NetworkSettings::default()
        },
    }
}

fn endpoint(network: &Network, aliases: &[&str], ipv4: Option<&str>) -> Endpoint {
    Endpoint {
        network_id: network.id.clone(),
        network_name: network.name().to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ipv4_address: ipv4.map(|a| a.parse().unwrap()),
        ipv6_address: None,
        mac_address: None,
        addresses: Vec::new(),
    }
}

fn container(name: &str, service: Option<&str>, endpoints: Vec<Endpoint>) -> Container {
    Container {
        id: format!("id-{name}"),
        name: name.to_owned(),
        running: true,
        pid: None,
        labels: service
            .map(|s| BTreeMap::from([(COMPOSE_SERVICE.to_owned(), s.to_owned())]))
            .unwrap_or_default(),
        network_mode: NetworkMode::Own,
        endpoints,
        published: Vec::new(),
    }
}

/// A project's own network with a pool and a label of its own, another project's network and
/// the default bridge, with containers across them.
fn observed() -> Observed {
    let pool = Pool {
        subnet: "10.91.0.0/24".parse().unwrap(),
        gateway: Some("10.91.0.1".parse().unwrap()),
        ip_range: None,
        aux_addresses: BTreeMap::new(),
    };
    let owned = live_network(
        "n1",
        "shop_backend",
        &[
            (PROJECT, "shop"),
            (NETWORK, "backend"),
            ("team", "payments"),
        ],
        Ipam {
            driver: Some("default".to_owned()),
            options: BTreeMap::new(),
            pools: vec![pool],
        },
    );
    let other = live_network("n2", "proxy", &[], Ipam::default());
    let bridge = live_network("n3", DEFAULT_BRIDGE, &[], Ipam::default());
    let containers = vec![
        container(
            "shop-api-1",
            Some("api"),
            vec![
                endpoint(&owned, &["api"], Some("10.91.0.10")),
                endpoint(&other, &[], None),
            ],
        ),
        container(
            "shop-db-1",
            Some("db"),
            vec![
                endpoint(&owned, &[], None),
                endpoint(&bridge, &["ignored"], None),
            ],
        ),
    ];
    Observed {
        networks: vec![owned, other, bridge],
        containers,
    }
}

#[test]
fn a_live_import_passes_the_schema_and_the_reader() {
    for project in [Some("shop"), None] {
        let yaml = netctl::import_live::import(&observed(), project).to_yaml();
        let errors = schema_errors(&yaml);
        assert!(errors.is_empty(), "{project:?}:\n{yaml}\n{errors:?}");
        let topology = reread(&yaml, "live import");
        let rewritten = Document::from(&topology).to_yaml();
        assert_eq!(reread(&rewritten, "rewritten live import"), topology);
    }
}

#[test]
fn a_live_import_keeps_what_the_project_owns() {
    let yaml = netctl::import_live::import(&observed(), Some("shop")).to_yaml();
    let topology = reread(&yaml, "live import");
    let backend = topology.network("backend").unwrap();
    assert!(!backend.external);
    assert_eq!(backend.name(), "shop_backend");
    assert_eq!(
        backend.settings.labels.get("team").map(String::as_str),
        Some("payments")
    );
    assert!(topology.network("proxy").unwrap().external);
    let api = topology.service("api").unwrap();
    let on_backend = api.membership("backend").unwrap();
    assert_eq!(on_backend.aliases, ["api"]);
    assert_eq!(on_backend.ipv4_address, Some("10.91.0.10".parse().unwrap()));
}
