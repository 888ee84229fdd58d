//! The one topology writer against the reader on generated topologies: whatever text a label,
//! an option or a name holds (`yes`, `1.10`, `~`, `0x10`, `: `, `#`, quotes, unicode), what is
//! written reads back to the same model.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use netctl::topology::write::{
    Document, HealthDoc, IpamDoc, MembershipDoc, NetworkDoc, PoolDoc, ServiceDoc,
};
use netctl::topology::{self, Topology};
use netctl::yaml::OrderedMap;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Text that YAML would read as something else if written plainly, and text that is plain.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("yes".to_owned()),
        Just("No".to_owned()),
        Just("1.10".to_owned()),
        Just("0x10".to_owned()),
        Just("~".to_owned()),
        Just("null".to_owned()),
        Just(String::new()),
        Just(".inf".to_owned()),
        Just("a: b".to_owned()),
        Just("# not a comment".to_owned()),
        Just("'quoted'".to_owned()),
        Just("\"double\"".to_owned()),
        Just("- item".to_owned()),
        Just("*alias".to_owned()),
        Just("&anchor".to_owned()),
        Just("!tag".to_owned()),
        Just(" padded ".to_owned()),
        Just("two\nlines".to_owned()),
        Just("ünïcödé".to_owned()),
        "[a-z0-9 .:_/-]{0,12}",
    ]
}

/// A Docker-valid name, sometimes one YAML would type (`1.10`, `true`).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1.10".to_owned()),
        Just("true".to_owned()),
        Just("0x10".to_owned()),
        "[a-z][a-z0-9_-]{0,10}",
    ]
}

fn text_map() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map("[a-z][a-z0-9._-]{0,10}", tricky_text(), 0..4)
}

fn network(index: usize) -> impl Strategy<Value = NetworkDoc> {
    (
        any::<(bool, bool, bool)>(),
        text_map(),
        text_map(),
        prop::collection::vec("[a-z]{1,6}", 0..3),
        any::<bool>(),
    )
        .prop_map(
            move |((internal, attachable, with_pool), opts, labels, tags, gw)| {
                let ipam = with_pool.then(|| IpamDoc {
                    config: vec![PoolDoc {
                        subnet: format!("10.{}.0.0/24", 100 + index),
                        gateway: gw.then(|| format!("10.{}.0.1", 100 + index)),
                        ..PoolDoc::default()
                    }],
                    ..IpamDoc::default()
                });
                NetworkDoc {
                    name: Some(format!("net-{index}")),
                    internal,
                    attachable,
                    driver_opts: opts,
                    labels,
                    ipam,
                    tags,
                    ..NetworkDoc::default()
                }
            },
        )
}

fn service(networks: usize) -> impl Strategy<Value = ServiceDoc> {
    (
        name(),
        prop::collection::btree_map(
            0..networks,
            prop::collection::vec(name(), 0..3),
            0..=networks,
        ),
        prop::collection::vec(1u16..=65535, 0..4),
        prop::collection::vec(tricky_text().prop_filter("a tag", |t| !t.is_empty()), 0..3),
        prop::option::of((1u16..=65535, "/[a-z]{0,8}")),
    )
        .prop_map(|(container, memberships, mut ports, tags, health)| {
            ports.dedup();
            ServiceDoc {
                container: Some(format!("c-{container}")),
                compose: None,
                networks: OrderedMap(
                    memberships
                        .into_iter()
                        .map(|(n, aliases)| {
                            let membership = MembershipDoc {
                                aliases,
                                ..MembershipDoc::default()
                            };
                            (format!("n{n}"), membership)
                        })
                        .collect(),
                ),
                ports,
                tags,
                health: health.map(|(port, path)| HealthDoc { port, path }),
            }
        })
}

fn document() -> impl Strategy<Value = Document> {
    (1usize..4)
        .prop_flat_map(|count| {
            (
                (0..count).map(network).collect::<Vec<_>>(),
                prop::collection::vec(service(count), 0..4),
            )
        })
        .prop_map(|(networks, services)| {
            let mut document = Document::new("generated".to_owned());
            document.networks = OrderedMap(
                networks
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| (format!("n{i}"), n))
                    .collect(),
            );
            document.services = OrderedMap(
                services
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut s)| {
                        s.container = s.container.map(|c| format!("{c}-{i}"));
                        (format!("s{i}"), s)
                    })
                    .collect(),
            );
            document
        })
}

fn read(yaml: &str) -> Topology {
    topology::load_str(yaml, "generated").unwrap_or_else(|e| panic!("{yaml}\n{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn what_is_written_reads_back_the_same(document in document()) {
        let yaml = document.to_yaml();
        let topology = read(&yaml);
        let rewritten = Document::from(&topology).to_yaml();
        prop_assert_eq!(read(&rewritten), topology, "{}", yaml);
        let network = |key: &str| document.networks.0.iter().find(|(k, _)| k == key).map(|(_, n)| n);
        for read_back in &read(&yaml).networks {
            let written = network(&read_back.key).unwrap();
            prop_assert_eq!(&read_back.settings.labels, &written.labels, "{}", yaml);
            prop_assert_eq!(&read_back.settings.options, &written.driver_opts, "{}", yaml);
        }
    }
}
