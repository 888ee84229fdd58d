//! One YAML document checked whole before its keys are read: what Compose refuses about a
//! document as a whole rather than about one key netctl reads.
//!
//! - a netctl topology given where a compose file belongs (named for what it is);
//! - a top-level key the Compose specification does not have, and in particular a Compose
//!   file format v1 (services at the top level, no `services:`), which Compose v2 refuses and
//!   which would otherwise read as a project with no services and "no findings";
//! - a `${...}` reference that Compose's template parser cannot read, in any value of the
//!   document (Compose interpolates every value, not only those netctl reads).

use super::interpolate::check_syntax;
use super::refusal::Refusal;
use crate::suggest::did_you_mean;
use crate::yaml::{self, Node, Value};

/// The top-level keys of the Compose specification; `x-` extensions are allowed besides.
const TOP_LEVEL_KEYS: [&str; 9] = [
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models",
];

/// Keys that only a service has: a top-level key holding one of them is a v1 service.
const SERVICE_KEYS: [&str; 6] = [
    "image",
    "build",
    "ports",
    "command",
    "environment",
    "network_mode",
];

/// Refuses `tree` (document of file number `file`, shown as `shown`) as Compose would.
pub fn check(tree: &Node, file: usize, shown: &str) -> Result<(), Refusal> {
    not_a_topology(tree, file, shown)?;
    top_level_keys(tree, file)?;
    interpolation(tree, file)
}

fn not_a_topology(tree: &Node, file: usize, shown: &str) -> Result<(), Refusal> {
    let Some(topology) = yaml::topology_telltale(tree) else {
        return Ok(());
    };
    Err(Refusal::new(
        file,
        topology.at,
        format!(
            "this is a netctl topology ({}), not a compose file",
            topology.reason
        ),
        format!("check it with `netctl validate {shown}`; `netctl lint` reads compose files"),
    ))
}

fn top_level_keys(tree: &Node, file: usize) -> Result<(), Refusal> {
    let Value::Map(entries) = &tree.value else {
        return Ok(());
    };
    let has_services = entries.iter().any(|(key, _)| text(key) == Some("services"));
    for (key, value) in entries {
        let name = text(key).unwrap_or_default();
        if name.starts_with("x-") || TOP_LEVEL_KEYS.contains(&name) {
            continue;
        }
        let at = yaml::location_of(key);
        if !has_services && looks_like_a_service(value) {
            return Err(Refusal::new(
                file,
                at,
                format!(
                    "this is a Compose file format v1: service `{name}` is at the top level, \
                     with no `services:`"
                ),
                "put the services under a top-level `services:` key (Compose v2 and the Compose \
                 specification no longer read the v1 format)",
            ));
        }
        return Err(Refusal::new(
            file,
            at,
            format!(
                "`{name}` is not a top-level key of a compose file{}",
                did_you_mean(name, TOP_LEVEL_KEYS)
            ),
            "the top-level keys are version, name, include, services, networks, volumes, \
             secrets, configs and `x-` extensions",
        ));
    }
    Ok(())
}

fn looks_like_a_service(value: &Node) -> bool {
    match &value.value {
        Value::Map(entries) => entries
            .iter()
            .any(|(key, _)| text(key).is_some_and(|k| SERVICE_KEYS.contains(&k))),
        _ => false,
    }
}

/// Every string value of the document (keys are not interpolated, so not checked).
fn interpolation(node: &Node, file: usize) -> Result<(), Refusal> {
    match &node.value {
        Value::Text(written) => check_syntax(written).map_err(|error| {
            let help = error.help();
            Refusal::new(
                file,
                yaml::location_of(node),
                format!("invalid interpolation: {error}"),
                help,
            )
        }),
        Value::List(items) => items.iter().try_for_each(|item| interpolation(item, file)),
        Value::Map(entries) => entries
            .iter()
            .try_for_each(|(_, value)| interpolation(value, file)),
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => Ok(()),
    }
}

fn text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Budget;

    const BUDGET: Budget = Budget {
        max_bytes: 1 << 20,
        max_depth: 32,
        max_nodes: 10_000,
        max_events: 10_000,
        max_aliases: 10,
        max_merge_keys: None,
        max_recorded_anchor_events: None,
        max_replayed_events: None,
        lenient: false,
    };

    fn checked(text: &str) -> Result<(), String> {
        let tree: Node = yaml::parse(text, &BUDGET).map_err(|e| e.message)?;
        check(&tree, 0, "t.yml").map_err(|refusal| {
            let at = refusal.location.map(|at| (at.line, at.column));
            format!("{at:?} {}", refusal.message)
        })
    }

    #[test]
    fn a_v1_file_and_an_unknown_top_level_key_are_refused_where_they_are() {
        let v1 = checked("web:\n  image: nginx\n").unwrap_err();
        assert!(
            v1.starts_with("Some((1, 1)) this is a Compose file format v1"),
            "{v1}"
        );
        let typo = checked("services: {}\nnetwork:\n  a: {}\n").unwrap_err();
        assert!(typo.contains("(did you mean `networks`?)"), "{typo}");
        assert_eq!(checked("version: '3'\nx-any: 1\nservices: {}\n"), Ok(()));
    }

    #[test]
    fn malformed_interpolation_is_found_in_any_value_but_not_in_keys() {
        let refused = checked("services:\n  web:\n    command: \"echo ${ foo}\"\n").unwrap_err();
        assert!(
            refused.starts_with("Some((3, 14)) invalid interpolation"),
            "{refused}"
        );
        assert_eq!(
            checked("services:\n  web:\n    labels: {\"${ x}\": a}\n"),
            Ok(())
        );
        assert_eq!(
            checked("services:\n  web:\n    command: echo $$HOME $5\n"),
            Ok(())
        );
    }
}
