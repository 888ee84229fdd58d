//! The compose loader on every syntax form the Compose spec allows, checked value by value.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use netctl::compose::{Project, Variables, load_str};
use std::collections::HashMap;
use std::path::Path;

fn load(name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compose/syntax")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    load_str(&text, name, &Variables::new(HashMap::new())).unwrap()
}

/// host_ip, published, target range, protocol, on all interfaces.
type PortView<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<(u16, u16)>,
    &'a str,
    bool,
);

#[test]
fn ports_in_every_form() {
    let project = load("every-form.yml");
    let web = project.service("web").unwrap();
    let ports: Vec<PortView> = web
        .ports
        .iter()
        .map(|p| {
            (
                p.host_ip.as_deref(),
                p.published.as_deref(),
                p.target,
                p.protocol.as_str(),
                p.on_all_interfaces(),
            )
        })
        .collect();
    assert_eq!(
        ports,
        vec![
            (None, None, Some((8080, 8080)), "tcp", true),
            (None, Some("8081"), Some((80, 80)), "tcp", true),
            (
                Some("127.0.0.1"),
                Some("8082"),
                Some((80, 80)),
                "tcp",
                false
            ),
            (Some("127.0.0.1"), None, Some((80, 80)), "tcp", false),
            (None, Some("8000-8010"), Some((8000, 8010)), "tcp", true),
            (Some("::1"), Some("8090"), Some((80, 80)), "tcp", false),
            (None, Some("53"), Some((53, 53)), "udp", true),
            (
                Some("127.0.0.1"),
                Some("8443"),
                Some((443, 443)),
                "tcp",
                false
            ),
        ]
    );
    let exposed: Vec<&str> = web.expose.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(exposed, vec!["9000", "9001"]);
}

#[test]
fn networks_list_map_null_and_settings() {
    let project = load("every-form.yml");
    let web = project.service("web").unwrap();
    let attached: Vec<String> = web.attached().into_iter().map(|n| n.value).collect();
    assert_eq!(attached, vec!["front", "back"]);
    let back = &web.networks.as_ref().unwrap()[1];
    assert_eq!(back.aliases, vec!["www", "web.internal"]);
    assert_eq!(back.ipv4_address.as_ref().unwrap().value, "172.30.1.10");
    let worker = project.service("worker").unwrap();
    assert_eq!(worker.attached()[0].value, "back");
    assert!(project.service("sidecar").unwrap().attached().is_empty());
    assert_eq!(
        project
            .service("none")
            .unwrap()
            .network_mode
            .as_ref()
            .unwrap()
            .value,
        "none"
    );

    let nulls = load("null-and-empty.yml");
    let a = nulls.service("a").unwrap();
    let keys: Vec<String> = a.attached().into_iter().map(|n| n.value).collect();
    assert_eq!(keys, vec!["n1", "n2"]);
    assert!(a.ports.is_empty() && a.labels.is_empty() && a.volumes.is_empty());
    assert_eq!(nulls.service("b").unwrap().attached()[0].value, "default");
}

#[test]
fn top_level_networks_external_name_ipam() {
    let project = load("every-form.yml");
    assert_eq!(project.name.as_deref(), Some("every-form"));
    let front = project.network("front").unwrap();
    assert_eq!(front.name.as_deref(), Some("every-front"));
    assert_eq!(front.driver.as_deref(), Some("bridge"));
    let back = project.network("back").unwrap();
    assert!(project.is_internal("back"));
    let pools = back.ipam.as_ref().unwrap();
    assert_eq!(pools[0].subnet.value, "172.30.1.0/24");
    assert_eq!(pools[0].gateway.as_deref(), Some("172.30.1.1"));
    assert_eq!(back.labels[0].key, "com.example.net");
    assert!(project.is_external("legacy"));
    assert_eq!(
        project.network("legacy").unwrap().name.as_deref(),
        Some("legacy-net")
    );
    assert!(project.is_external("modern"));
    assert_eq!(
        project.network("modern").unwrap().name.as_deref(),
        Some("modern-net")
    );
}

#[test]
fn volumes_labels_profiles_interpolation_and_merge_keys() {
    let project = load("every-form.yml");
    let web = project.service("web").unwrap();
    let sources: Vec<(Option<&str>, &str)> = web
        .volumes
        .iter()
        .map(|m| (m.source.as_deref(), m.target.as_str()))
        .collect();
    assert_eq!(
        sources,
        vec![
            (Some("./html"), "/usr/share/nginx/html"),
            (Some("cache"), "/var/cache/nginx"),
            (None, "/tmp"),
            (Some("./conf"), "/etc/nginx/conf.d"),
            (None, "/run"),
        ]
    );
    assert_eq!(web.label("com.example.team").unwrap().value, "web");
    assert_eq!(web.label("traefik.enable").unwrap().value, "false");
    assert_eq!(web.label("com.example.deploy").unwrap().value, "yes");
    assert_eq!(web.profiles, vec!["frontend"]);
    let worker = project.service("worker").unwrap();
    assert_eq!(
        worker.image.as_ref().unwrap().value,
        "docker.io/acme/worker:1.0"
    );
    assert_eq!(worker.label("com.example.flag").unwrap().value, "");
    assert_eq!(worker.privileged.as_ref().map(|p| p.value), Some(false));
    assert!(project.unset_variables.is_empty());

    let merged = load("anchors-merge.yml");
    let one = merged.service("one").unwrap();
    assert_eq!(one.image.as_ref().unwrap().value, "acme/svc");
    assert_eq!(one.attached()[0].value, "backend");
    let two = merged.service("two").unwrap();
    assert_eq!(two.image.as_ref().unwrap().value, "acme/two");
    assert_eq!(two.attached()[0].value, "backend");
}

#[test]
fn positions_are_those_of_the_values() {
    let project = load("every-form.yml");
    let web = project.service("web").unwrap();
    assert_eq!(
        (web.key.at.location.line, web.key.at.location.column),
        (13, 3)
    );
    let published = &web.ports[1];
    assert_eq!(
        (published.at.location.line, published.at.location.column),
        (19, 9)
    );
    let back = &web.networks.as_ref().unwrap()[1];
    assert_eq!(back.network.at.location.line, 36);
}
