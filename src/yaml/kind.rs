//! Which kind of file a YAML tree is, told by the keys only one kind has: a netctl topology
//! (`project:` with `version: 1`) or a Docker Compose file (`image:` on a service, top-level
//! `volumes:`, `x-` extensions, a `version: "3.8"` string...). A file given to the wrong
//! command is then named for what it is, with the command that reads it, instead of a wall of
//! unknown keys.

use super::parse::location;
use super::tree::{Node, Value};
use crate::diagnostic::Location;

/// What gave a file away, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Telltale {
    /// As a person reads it: "service `web` has `image`".
    pub reason: String,
    pub at: Option<Location>,
}

/// Keys of a Compose service that a netctl service never has.
const COMPOSE_SERVICE_KEYS: [&str; 16] = [
    "image",
    "build",
    "command",
    "entrypoint",
    "environment",
    "env_file",
    "depends_on",
    "volumes",
    "restart",
    "expose",
    "labels",
    "deploy",
    "healthcheck",
    "working_dir",
    "user",
    "container_name",
];

/// Top-level keys of a Compose file that a topology never has.
const COMPOSE_TOP_KEYS: [&str; 5] = ["volumes", "configs", "secrets", "include", "name"];

/// The sign that `root` is a Compose file, if it shows one.
pub fn compose_telltale(root: &Node) -> Option<Telltale> {
    let top = entries(root)?;
    if let Some((key, _)) = top.iter().find(|(key, _)| {
        text(key).is_some_and(|k| COMPOSE_TOP_KEYS.contains(&k) || k.starts_with("x-"))
    }) {
        let name = text(key).unwrap_or_default();
        return Some(found(format!("it has a top-level `{name}:`"), key));
    }
    if let Some((key, value)) = lookup(top, "version")
        && matches!(value.value, Value::Text(_))
    {
        return Some(found(
            "its `version:` is a Compose version string".to_owned(),
            key,
        ));
    }
    let (_, services) = lookup(top, "services")?;
    entries(services)?.iter().find_map(|(service, body)| {
        let (key, _) = entries(body)?
            .iter()
            .find(|(key, _)| text(key).is_some_and(|k| COMPOSE_SERVICE_KEYS.contains(&k)))?;
        let reason = format!(
            "service `{}` has `{}`",
            text(service).unwrap_or_default(),
            text(key).unwrap_or_default()
        );
        Some(found(reason, key))
    })
}

/// The sign that `root` is a netctl topology: `project:` beside `version: 1`.
pub fn topology_telltale(root: &Node) -> Option<Telltale> {
    let top = entries(root)?;
    let (_, version) = lookup(top, "version")?;
    let (project, _) = lookup(top, "project")?;
    matches!(version.value, Value::Int(1))
        .then(|| found("it has `project:` and `version: 1`".to_owned(), project))
}

fn found(reason: String, key: &Node) -> Telltale {
    Telltale {
        reason,
        at: location(key.referenced),
    }
}

fn entries(node: &Node) -> Option<&[(Node, Node)]> {
    match &node.value {
        Value::Map(entries) => Some(entries),
        _ => None,
    }
}

fn lookup<'n>(entries: &'n [(Node, Node)], wanted: &str) -> Option<&'n (Node, Node)> {
    entries.iter().find(|(key, _)| text(key) == Some(wanted))
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
    use crate::yaml::{Budget, parse};

    fn tree(text: &str) -> Node {
        let budget = Budget {
            max_bytes: 1 << 20,
            max_depth: 16,
            max_nodes: 10_000,
            max_events: 10_000,
            max_aliases: 10,
            max_merge_keys: None,
            max_recorded_anchor_events: None,
            max_replayed_events: None,
            lenient: true,
        };
        parse(text, &budget).unwrap()
    }

    #[test]
    fn a_compose_file_is_told_by_its_own_keys() {
        let compose = tree("services:\n  web:\n    image: nginx\n    networks: [front]\n");
        let told = compose_telltale(&compose).unwrap();
        assert_eq!(told.reason, "service `web` has `image`");
        assert_eq!(told.at.map(|at| (at.line, at.column)), Some((3, 5)));
        assert!(compose_telltale(&tree("version: \"3.8\"\nservices: {}\n")).is_some());
        assert!(compose_telltale(&tree("x-common: &c {}\nservices: {}\n")).is_some());
        assert_eq!(topology_telltale(&compose), None);
    }

    #[test]
    fn a_topology_is_told_by_project_and_version_1() {
        let topology = tree("version: 1\nproject: hub\nservices:\n  api: {networks: [back]}\n");
        assert!(topology_telltale(&topology).is_some());
        assert_eq!(compose_telltale(&topology), None);
    }
}
