//! `import compose` and `export --to compose|k8s` through the real binary: imports validate,
//! and compose → topology → compose keeps the network layout.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod harness;

use harness::Test;
use harness::files::compose_fixtures as fixtures;
use netctl::compose::{Project, Variables, load_str};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn netctl() -> Test {
    Test::in_dir(fixtures())
}

/// Network settings by Docker name: (external, internal, subnets).
type Networks = BTreeMap<String, (bool, bool, Vec<String>)>;
/// Service → Docker network name → (aliases, ipv4, ipv6).
type Memberships =
    BTreeMap<String, BTreeMap<String, (Vec<String>, Option<String>, Option<String>)>>;

/// What "the layout" means: networks by Docker name, and who is on which with which settings.
fn layout(project: &Project, project_name: &str) -> (Networks, Memberships) {
    let docker_name = |key: &str| match project.network(key) {
        Some(n) if n.name.is_some() => n.name.clone().unwrap(),
        Some(n) if n.external.as_ref().is_some_and(|e| e.value) => key.to_owned(),
        _ => format!("{project_name}_{key}"),
    };
    let used: BTreeSet<String> = project
        .services
        .iter()
        .flat_map(|s| s.attached().into_iter().map(|n| n.value))
        .collect();
    let mut networks: Networks = project
        .networks
        .iter()
        .map(|n| {
            let subnets = n
                .ipam
                .iter()
                .flatten()
                .map(|s| s.subnet.value.clone())
                .collect();
            (
                docker_name(&n.key.value),
                (
                    project.is_external(&n.key.value),
                    project.is_internal(&n.key.value),
                    subnets,
                ),
            )
        })
        .collect();
    if used.contains("default") {
        networks
            .entry(docker_name("default"))
            .or_insert((false, false, Vec::new()));
    }
    let memberships = project
        .services
        .iter()
        .map(|service| {
            let settings = service
                .attached()
                .into_iter()
                .map(|network| {
                    let attachment = service
                        .networks
                        .iter()
                        .flatten()
                        .find(|a| a.network.value == network.value);
                    let settings = attachment.map_or((Vec::new(), None, None), |a| {
                        (
                            a.aliases.clone(),
                            a.ipv4_address.as_ref().map(|i| i.value.clone()),
                            a.ipv6_address.as_ref().map(|i| i.value.clone()),
                        )
                    });
                    (docker_name(&network.value), settings)
                })
                .collect();
            (service.key.value.clone(), settings)
        })
        .collect();
    (networks, memberships)
}

fn load(text: &str) -> Project {
    load_str(text, "x.yml", &Variables::new(HashMap::new())).unwrap()
}

fn round_trip(fixture: &str) {
    let original = load(&std::fs::read_to_string(fixtures().join(fixture)).unwrap());
    let topology = netctl()
        .args(["import", "compose", fixture, "--project", "rt"])
        .env_remove("TAG")
        .env_remove("REGISTRY")
        .run()
        .stdout;
    let dir = tempfile::tempdir().unwrap();
    let topology_path = dir.path().join("topology.yaml");
    std::fs::write(&topology_path, &topology).unwrap();
    netctl().arg("validate").arg(&topology_path).status(0).run();
    let exported = netctl()
        .args(["export", "--to", "compose"])
        .arg(&topology_path)
        .run()
        .stdout;
    let again = load(&exported);
    assert_eq!(again.name.as_deref(), Some("rt"));
    assert_eq!(
        layout(&original, "rt"),
        layout(&again, "rt"),
        "{fixture}\n--- topology\n{topology}\n--- compose\n{exported}"
    );
}

#[test]
fn compose_to_topology_to_compose_keeps_the_layout() {
    for fixture in [
        "syntax/every-form.yml",
        "syntax/anchors-merge.yml",
        "syntax/null-and-empty.yml",
        "typical-webapp.yml",
        "rules/NL001/trigger.yml",
        "rules/NL009/near-miss.yml",
        "rules/NL010/near-miss.yml",
        "rules/NL014/near-miss.yml",
    ] {
        round_trip(fixture);
    }
}

#[test]
fn every_fixture_imports_to_a_valid_topology() {
    let mut files = vec![
        fixtures().join("project"),
        fixtures().join("include-extends"),
    ];
    for entry in walk(&fixtures()) {
        let text = entry.to_string_lossy().into_owned();
        if text.ends_with(".yml") && !text.contains("hostile") && !text.contains("ignored") {
            files.push(entry);
        }
    }
    assert!(files.len() > 30);
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let topology = netctl().args(["import", "compose"]).arg(&file).run().stdout;
        let path = dir.path().join("t.yaml");
        std::fs::write(&path, topology).unwrap();
        netctl().arg("validate").arg(&path).status(0).run();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn import_writes_memberships_ports_and_notes_what_it_leaves_out() {
    let output = netctl()
        .args([
            "import",
            "compose",
            "rules/NL010/trigger.yml",
            "--project",
            "dup",
        ])
        .run();
    let topology = String::from_utf8(output.stdout_bytes).unwrap();
    assert_eq!(
        topology,
        "version: 1\nproject: dup\nnetworks:\n  lan:\n    name: dup_lan\n    attachable: true\n    labels:\n      com.docker.compose.network: lan\n      com.docker.compose.project: dup\n    ipam:\n      config:\n      - subnet: 10.8.0.0/24\nservices:\n  a:\n    compose:\n      project: dup\n      service: a\n    networks:\n      lan:\n        aliases:\n        - a\n        ipv4_address: \"10.8.0.5\"\n  b:\n    compose:\n      project: dup\n      service: b\n    networks:\n      lan:\n        aliases:\n        - b\n"
    );
    assert!(output.stderr.contains("10.8.0.5 on `lan` is taken"));
    let ports = netctl().args(["import", "compose", "project"]).run().stdout;
    assert!(ports.contains("project: project"), "{ports}");
    assert!(ports.contains("ports:\n    - 80\n"), "{ports}");
    assert!(ports.contains("tags:\n    - database\n"), "{ports}");
}

#[test]
fn import_has_room_for_other_sources() {
    netctl()
        .args(["import", "--help"])
        .status(0)
        .stdout_has("compose")
        .run();
}

#[test]
fn k8s_policies_allow_what_the_topology_allows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("topology.yaml");
    std::fs::write(
        &path,
        "version: 1\nproject: shop\nnetworks:\n  web:\n    external: true\n  backend:\n    internal: true\nservices:\n  app:\n    networks: [web, backend]\n    ports: [8000]\n  db:\n    networks: [backend]\n    ports: [5432]\n  lonely:\n    networks: []\n",
    )
    .unwrap();
    let policies = netctl()
        .args(["export", "--to", "k8s"])
        .arg(&path)
        .run()
        .stdout;
    let documents: Vec<&str> = policies.split("---\n").collect();
    assert_eq!(documents.len(), 3);
    assert_eq!(
        documents[1],
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: shop-db\n  labels:\n    app.kubernetes.io/managed-by: netctl\n    netctl.io/project: shop\nspec:\n  podSelector:\n    matchLabels:\n      netctl.io/service: db\n  policyTypes:\n  - Ingress\n  - Egress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          netctl.io/service: app\n    ports:\n    - protocol: TCP\n      port: 5432\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          netctl.io/service: app\n    ports:\n    - protocol: TCP\n      port: 8000\n  - ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n"
    );
    assert!(documents[0].contains("netctl.io/service: app") && !documents[0].contains("Egress"));
    assert!(documents[2].contains("ingress: []"), "{}", documents[2]);
}

#[test]
fn export_reads_the_versatile_hub_topology() {
    let hub = Path::new(env!("CARGO_MANIFEST_DIR")).join("topologies/versatile-hub.yaml");
    let compose = netctl()
        .args(["export", "--to", "compose"])
        .arg(&hub)
        .run()
        .stdout;
    let project = load(&compose);
    assert_eq!(project.services.len(), 14);
    assert!(project.is_external("web"));
    let policies = netctl()
        .args(["export", "--to", "k8s", "-f"])
        .arg(&hub)
        .run()
        .stdout;
    assert_eq!(policies.matches("kind: NetworkPolicy").count(), 14);
}
