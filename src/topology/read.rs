//! The topology format's keys and types: the YAML tree read into the `raw` types, with every
//! unknown key, wrong type and missing key reported in one pass.
//!
//! Each network, service and expectation is read on its own, so a bad entry neither hides the
//! problems of the others nor keeps them from semantic validation. The keys listed here are
//! the fields of the `raw` types that generate `netctl schema`; a test holds the two together.

use super::raw::{
    RawComposeSelector, RawExpectation, RawHealth, RawIpam, RawIpamConfig, RawMembership,
    RawNetwork, RawService, RawTopology, ScalarString, ServiceNetworks,
};
use super::shape::{Fields, Place, Shapes, respan};
use crate::diagnostic::Diagnostic;
use crate::yaml::{Node, OrderedMap, Value};
use serde_saphyr::Spanned;

const TOPOLOGY_KEYS: [&str; 5] = ["version", "project", "networks", "services", "expect"];
const NETWORK_KEYS: [&str; 12] = [
    "name",
    "driver",
    "driver_opts",
    "internal",
    "external",
    "attachable",
    "enable_ipv6",
    "labels",
    "ipam",
    "subnet",
    "gateway",
    "tags",
];
const IPAM_KEYS: [&str; 3] = ["driver", "config", "options"];
const IPAM_CONFIG_KEYS: [&str; 4] = ["subnet", "gateway", "ip_range", "aux_addresses"];
const SERVICE_KEYS: [&str; 6] = [
    "container",
    "compose",
    "networks",
    "ports",
    "tags",
    "health",
];
const COMPOSE_KEYS: [&str; 2] = ["project", "service"];
const HEALTH_KEYS: [&str; 2] = ["port", "path"];
const MEMBERSHIP_KEYS: [&str; 3] = ["aliases", "ipv4_address", "ipv6_address"];
const EXPECTATION_KEYS: [&str; 4] = ["from", "to", "port", "reachable"];

/// Port 0 passes here so that validation can say what is wrong with it.
const PORT: &str = "a port number from 1 to 65535";

/// The file as far as it could be read, and every structural problem met on the way.
pub fn read(root: &Node, source: &str, file: &str) -> (RawTopology, Vec<Diagnostic>) {
    let mut shapes = Shapes::new(source, file);
    let raw = topology(&mut shapes, root);
    (raw, shapes.into_problems())
}

fn topology(s: &mut Shapes, root: &Node) -> RawTopology {
    let Some(fields) = s.fields(root, "the topology".to_owned(), &TOPOLOGY_KEYS) else {
        return RawTopology::default();
    };
    let version = s
        .required(&fields, "version")
        .and_then(|node| s.number(node, fields.place("version"), "the number 1"));
    let project = s
        .required(&fields, "project")
        .and_then(|node| s.text(node, fields.place("project")));
    RawTopology {
        version,
        project,
        networks: fields
            .get("networks")
            .map(|node| networks(s, node, fields.place("networks")))
            .unwrap_or_default(),
        services: fields
            .get("services")
            .map(|node| services(s, node, fields.place("services")))
            .unwrap_or_default(),
        expect: fields
            .get("expect")
            .map(|node| expectations(s, node, fields.place("expect")))
            .unwrap_or_default(),
    }
}

fn networks(s: &mut Shapes, node: &Node, place: Place) -> OrderedMap<Option<RawNetwork>> {
    let entries = s.entries(node, place, "a mapping of network keys to their settings");
    OrderedMap(
        entries
            .into_iter()
            .map(|(key, body)| {
                let network = network(s, body, &key.value);
                (key, network)
            })
            .collect(),
    )
}

/// `None` for a network written without settings, or with settings that are not a mapping
/// (reported): either way it is declared, so services on it are not reported as well.
fn network(s: &mut Shapes, node: &Node, key: &str) -> Option<RawNetwork> {
    if matches!(node.value, Value::Null) {
        return None;
    }
    let fields = s.fields(node, format!("network `{key}`"), &NETWORK_KEYS)?;
    Some(RawNetwork {
        name: text(s, &fields, "name"),
        driver: text(s, &fields, "driver"),
        driver_opts: scalar_map(s, &fields, "driver_opts"),
        internal: boolean(s, &fields, "internal"),
        external: boolean(s, &fields, "external"),
        attachable: boolean(s, &fields, "attachable"),
        enable_ipv6: boolean(s, &fields, "enable_ipv6"),
        labels: scalar_map(s, &fields, "labels"),
        ipam: fields.get("ipam").and_then(|node| ipam(s, node, key)),
        subnet: text(s, &fields, "subnet"),
        gateway: text(s, &fields, "gateway"),
        tags: text_list(s, &fields, "tags"),
    })
}

fn ipam(s: &mut Shapes, node: &Node, network: &str) -> Option<RawIpam> {
    let fields = s.fields(node, format!("`ipam` of network `{network}`"), &IPAM_KEYS)?;
    let config = fields.get("config").map_or_else(Vec::new, |node| {
        s.items(node, fields.place("config"), "a list of pools")
            .iter()
            .filter_map(|entry| ipam_config(s, entry, network))
            .collect()
    });
    Some(RawIpam {
        driver: text(s, &fields, "driver"),
        config,
        options: scalar_map(s, &fields, "options"),
    })
}

fn ipam_config(s: &mut Shapes, node: &Node, network: &str) -> Option<Spanned<RawIpamConfig>> {
    let owner = format!("an `ipam.config` entry of network `{network}`");
    let fields = s.fields(node, owner, &IPAM_CONFIG_KEYS)?;
    let aux_addresses = fields.get("aux_addresses").map(|node| {
        let place = fields.place("aux_addresses");
        let entries = s.entries(node, place, "a mapping of names to addresses");
        let owner = place.to_string();
        let addresses = entries.into_iter().filter_map(|(name, address)| {
            let text = s.text(address, Place::new(&name.value, &owner))?;
            Some((name, text))
        });
        OrderedMap(addresses.collect())
    });
    let config = RawIpamConfig {
        subnet: text(s, &fields, "subnet"),
        gateway: text(s, &fields, "gateway"),
        ip_range: text(s, &fields, "ip_range"),
        aux_addresses,
    };
    Some(respan(node, config))
}

fn services(s: &mut Shapes, node: &Node, place: Place) -> OrderedMap<Option<RawService>> {
    let entries = s.entries(node, place, "a mapping of service keys to their settings");
    OrderedMap(
        entries
            .into_iter()
            .map(|(key, body)| {
                let service = service(s, body, &key.value);
                (key, service)
            })
            .collect(),
    )
}

/// `None` as for [`network`]: the service still exists for `expect` entries that name it.
fn service(s: &mut Shapes, node: &Node, key: &str) -> Option<RawService> {
    if matches!(node.value, Value::Null) {
        return None;
    }
    let fields = s.fields(node, format!("service `{key}`"), &SERVICE_KEYS)?;
    let ports = fields.get("ports").map_or_else(Vec::new, |node| {
        let place = fields.place("ports");
        s.items(node, place, "a list of port numbers")
            .iter()
            .filter_map(|port| s.number(port, place, PORT))
            .collect()
    });
    Some(RawService {
        container: text(s, &fields, "container"),
        compose: fields
            .get("compose")
            .and_then(|node| compose_selector(s, node, key)),
        networks: fields
            .get("networks")
            .map(|node| service_networks(s, node, fields.place("networks"), key))
            .unwrap_or_default(),
        ports,
        tags: text_list(s, &fields, "tags"),
        health: fields.get("health").and_then(|node| health(s, node, key)),
    })
}

/// The list form names the networks; the map form also gives each membership's settings.
fn service_networks(s: &mut Shapes, node: &Node, place: Place, service: &str) -> ServiceNetworks {
    if let Value::List(items) = &node.value {
        let keys = items.iter().filter_map(|item| s.text(item, place));
        return ServiceNetworks(keys.map(|key| (key, RawMembership::default())).collect());
    }
    let expected = "a list of network keys or a mapping of network keys to settings";
    let entries = s.entries(node, place, expected);
    ServiceNetworks(
        entries
            .into_iter()
            .map(|(key, settings)| {
                let membership = membership(s, settings, &key.value, service);
                (key, membership.unwrap_or_default())
            })
            .collect(),
    )
}

fn membership(s: &mut Shapes, node: &Node, network: &str, service: &str) -> Option<RawMembership> {
    if matches!(node.value, Value::Null) {
        return None;
    }
    let owner = format!("network `{network}` of service `{service}`");
    let fields = s.fields(node, owner, &MEMBERSHIP_KEYS)?;
    Some(RawMembership {
        aliases: text_list(s, &fields, "aliases"),
        ipv4_address: text(s, &fields, "ipv4_address"),
        ipv6_address: text(s, &fields, "ipv6_address"),
    })
}

fn compose_selector(s: &mut Shapes, node: &Node, service: &str) -> Option<RawComposeSelector> {
    let fields = s.fields(
        node,
        format!("`compose` of service `{service}`"),
        &COMPOSE_KEYS,
    )?;
    let mut required = |key: &str| {
        s.required(&fields, key)
            .and_then(|node| s.text(node, fields.place(key)))
    };
    let (project, compose_service) = (required("project"), required("service"));
    Some(RawComposeSelector {
        project: project?,
        service: compose_service?,
    })
}

fn health(s: &mut Shapes, node: &Node, service: &str) -> Option<RawHealth> {
    let fields = s.fields(
        node,
        format!("`health` of service `{service}`"),
        &HEALTH_KEYS,
    )?;
    let port = s
        .required(&fields, "port")
        .and_then(|node| s.number(node, fields.place("port"), PORT));
    let path = text(s, &fields, "path");
    Some(RawHealth { port: port?, path })
}

fn expectations(s: &mut Shapes, node: &Node, place: Place) -> Vec<RawExpectation> {
    s.items(node, place, "a list of expectations")
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| expectation(s, entry, index + 1))
        .collect()
}

/// An entry that lacks a required key is kept, so that the services it names are checked.
fn expectation(s: &mut Shapes, node: &Node, number: usize) -> Option<RawExpectation> {
    let fields = s.fields(node, format!("`expect` entry {number}"), &EXPECTATION_KEYS)?;
    let mut required_text = |key: &str| {
        s.required(&fields, key)
            .and_then(|node| s.text(node, fields.place(key)))
    };
    let from = required_text("from");
    let to = required_text("to");
    let port = fields
        .get("port")
        .and_then(|node| s.number(node, fields.place("port"), PORT));
    let reachable = s
        .required(&fields, "reachable")
        .and_then(|node| s.boolean(node, fields.place("reachable")));
    Some(RawExpectation {
        from,
        to,
        port,
        reachable,
    })
}

fn text(s: &mut Shapes, fields: &Fields, key: &str) -> Option<Spanned<String>> {
    fields
        .get(key)
        .and_then(|node| s.text(node, fields.place(key)))
}

fn boolean(s: &mut Shapes, fields: &Fields, key: &str) -> Option<Spanned<bool>> {
    fields
        .get(key)
        .and_then(|node| s.boolean(node, fields.place(key)))
}

fn text_list(s: &mut Shapes, fields: &Fields, key: &str) -> Vec<Spanned<String>> {
    let Some(node) = fields.get(key) else {
        return Vec::new();
    };
    let place = fields.place(key);
    s.items(node, place, "a list of names")
        .iter()
        .filter_map(|item| s.text(item, place))
        .collect()
}

/// Options and labels: Docker takes every value as text.
fn scalar_map(
    s: &mut Shapes,
    fields: &Fields,
    key: &str,
) -> Option<OrderedMap<Spanned<ScalarString>>> {
    let node = fields.get(key)?;
    let place = fields.place(key);
    let entries = s.entries(node, place, "a mapping of names to values");
    let owner = place.to_string();
    let values = entries.into_iter().filter_map(|(name, value)| {
        let text = s.typed_text(value, Place::new(&name.value, &owner))?;
        Some((name, respan(value, ScalarString(text.value))))
    });
    Some(OrderedMap(values.collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    fn sorted(keys: impl IntoIterator<Item = impl Into<String>>) -> Vec<String> {
        let mut keys: Vec<String> = keys.into_iter().map(Into::into).collect();
        keys.sort();
        keys
    }

    fn schema_list(pointer: &str) -> Vec<String> {
        let schema = crate::topology::json_schema();
        let found = schema.pointer(pointer);
        let names: Vec<String> = match found {
            Some(Json::Object(properties)) => properties.keys().cloned().collect(),
            Some(Json::Array(required)) => required
                .iter()
                .filter_map(|name| name.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        sorted(names)
    }

    fn missing_keys(text: &str) -> Vec<String> {
        let root: Node = serde_saphyr::from_str(text).expect("YAML");
        let (_, problems) = read(&root, text, "t.yaml");
        let missing = problems.into_iter().filter_map(|p| {
            let rest = p.message.strip_prefix("missing field `")?;
            Some(rest.split('`').next().unwrap_or_default().to_owned())
        });
        sorted(missing)
    }

    #[test]
    fn every_mapping_reads_exactly_the_keys_the_schema_lists() {
        let cases: [(&str, &[&str]); 8] = [
            ("", &TOPOLOGY_KEYS),
            ("/$defs/RawNetwork", &NETWORK_KEYS),
            ("/$defs/RawIpam", &IPAM_KEYS),
            ("/$defs/RawIpamConfig", &IPAM_CONFIG_KEYS),
            ("/$defs/RawService", &SERVICE_KEYS),
            ("/$defs/RawHealth", &HEALTH_KEYS),
            ("/$defs/RawMembership", &MEMBERSHIP_KEYS),
            ("/$defs/RawExpectation", &EXPECTATION_KEYS),
        ];
        for (at, keys) in cases {
            let listed = schema_list(&format!("{at}/properties"));
            assert_eq!(sorted(keys.iter().copied()), listed, "{at}");
        }
    }

    #[test]
    fn the_keys_reported_missing_are_the_keys_the_schema_requires() {
        let cases = [
            ("{}", ""),
            (
                "{version: 1, project: p, expect: [{}]}",
                "/$defs/RawExpectation",
            ),
            (
                "{version: 1, project: p, services: {a: {health: {}}}}",
                "/$defs/RawHealth",
            ),
        ];
        for (text, at) in cases {
            let required = schema_list(&format!("{at}/required"));
            assert!(!required.is_empty(), "{at}");
            assert_eq!(missing_keys(text), required, "{at}");
        }
    }

    #[test]
    fn a_bad_entry_hides_neither_its_other_problems_nor_its_neighbours() {
        let text = "version: 1\nproject: p\nnetworks:\n  a: [1]\n  b: {internal: 2, subnte: x}\n  c: {labels: {k: [1]}}\nservices:\n  s: {ports: [x], networks: [a, b, c]}\nexpect:\n  - {from: s, reachable: 1}\n";
        let root: Node = serde_saphyr::from_str(text).expect("YAML");
        let (raw, problems) = read(&root, text, "t.yaml");
        let lines: Vec<u64> = problems
            .iter()
            .filter_map(|p| p.location.map(|at| at.line))
            .collect();
        assert_eq!(lines, [4, 5, 5, 6, 8, 10, 10], "{problems:#?}");
        let networks: Vec<&str> = raw
            .networks
            .0
            .iter()
            .map(|(key, _)| key.value.as_str())
            .collect();
        assert_eq!(networks, ["a", "b", "c"]);
        let memberships = raw
            .services
            .0
            .first()
            .and_then(|(_, s)| s.as_ref())
            .map(|s| s.networks.0.len());
        assert_eq!(memberships, Some(3));
        assert_eq!(raw.expect.len(), 1);
    }
}
