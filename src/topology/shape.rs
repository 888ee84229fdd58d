//! Reading YAML nodes as the shapes a format expects, reporting every mismatch where it is.
//!
//! A mismatch is reported and its node skipped, never fatal, so that one run shows every
//! unknown key, repeated key, wrong type and missing key of a file.

use crate::diagnostic::{Diagnostic, Location};
use crate::suggest::closest;
use crate::yaml::{Node, Value, describe, location_of, typed_text, written};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;

/// Collects the problems met while reading one file.
pub struct Shapes<'a> {
    source: &'a str,
    file: &'a str,
    problems: Vec<Diagnostic>,
}

/// Names a value in messages ("`internal` of network `backend`"); the text is only built when
/// a message needs it, since most values are fine.
#[derive(Debug, Clone, Copy)]
pub struct Place<'p> {
    key: &'p str,
    owner: &'p str,
}

impl<'p> Place<'p> {
    pub fn new(key: &'p str, owner: &'p str) -> Self {
        Self { key, owner }
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` of {}", self.key, self.owner)
    }
}

/// A mapping's allowed keys with their values; the other keys were reported when it was read.
pub struct Fields<'n> {
    /// What the mapping is, for messages: "network `backend`".
    pub owner: String,
    /// Where a missing key is reported: the last key, after which it would be added.
    end: Option<Location>,
    entries: Vec<(String, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// The value of `key`; `None` when it is absent or has no value, which YAML authors write
    /// to mean the same thing.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.node(key)
            .filter(|node| !matches!(node.value, Value::Null))
    }

    pub fn place<'p>(&'p self, key: &'p str) -> Place<'p> {
        Place::new(key, &self.owner)
    }

    fn node(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, node)| *node)
    }
}

/// `value` at the place `node` was read from.
pub fn respan<T>(node: &Node, value: T) -> Spanned<T> {
    Spanned::new(value, node.referenced, node.defined)
}

impl<'a> Shapes<'a> {
    pub fn new(source: &'a str, file: &'a str) -> Self {
        Self {
            source,
            file,
            problems: Vec::new(),
        }
    }

    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems
    }

    fn report(&mut self, location: Option<Location>, message: String, help: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(self.file, location, message).with_help(help));
    }

    fn mismatch(&mut self, node: &Node, place: Place, expected: &str) {
        let found = describe(node, self.source);
        self.report(
            location_of(node),
            format!("invalid {place}: expected {expected}, found {found}"),
            format!("write {expected} here; `netctl schema` describes every key"),
        );
    }

    /// A mapping with a fixed set of keys, such as a network's settings.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        owner: String,
        allowed: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            let found = describe(node, self.source);
            self.report(
                location_of(node),
                format!("{owner} must be a mapping, not {found}"),
                format!(
                    "write its settings as `key: value` lines; allowed keys: {}",
                    allowed.join(", ")
                ),
            );
            return None;
        };
        let end = entries
            .last()
            .map_or_else(|| location_of(node), |(key, _)| location_of(key));
        let mut known = Vec::with_capacity(entries.len());
        for (key, value) in self.keyed(entries, &owner) {
            if allowed.contains(&key.value.as_str()) {
                known.push((key.value, value));
            } else {
                self.unknown(&key, &owner, allowed);
            }
        }
        Some(Fields {
            owner,
            end,
            entries: known,
        })
    }

    fn unknown(&mut self, key: &Spanned<String>, owner: &str, allowed: &[&str]) {
        let hint = match closest(&key.value, allowed.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? "),
            None => format!("remove `{}`; ", key.value),
        };
        self.report(
            location_of(key),
            format!("unknown field `{}` in {owner}", key.value),
            format!("{hint}allowed here: {}", allowed.join(", ")),
        );
    }

    /// The value of a key the format requires; its absence is reported.
    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let node = fields.node(key);
        if node.is_none() {
            self.report(
                fields.end,
                format!("missing field `{key}` in {}", fields.owner),
                format!("add `{key}:`; `netctl schema` describes every key"),
            );
        }
        node
    }

    /// A mapping with keys of the author's choosing, such as the networks or the labels.
    pub fn entries<'n>(
        &mut self,
        node: &'n Node,
        place: Place,
        expected: &str,
    ) -> Vec<(Spanned<String>, &'n Node)> {
        match &node.value {
            Value::Map(entries) => self.keyed(entries, &place.to_string()),
            _ => {
                self.mismatch(node, place, expected);
                Vec::new()
            }
        }
    }

    /// Entries with text keys; other keys and repeats are reported and skipped, so the first
    /// of a repeated key counts, as for a reader going down the file.
    fn keyed<'n>(
        &mut self,
        entries: &'n [(Node, Node)],
        owner: &str,
    ) -> Vec<(Spanned<String>, &'n Node)> {
        let mut first_at: HashMap<String, Option<Location>> = HashMap::with_capacity(entries.len());
        let mut keyed = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let Some(name) = written(key, self.source) else {
                let found = describe(key, self.source);
                self.report(
                    location_of(key),
                    format!("invalid key in {owner}: expected a name, found {found}"),
                    "write a plain name as the key",
                );
                continue;
            };
            if let Some(first) = first_at.get(&name) {
                let help = self.duplicate_help(*first);
                self.report(
                    location_of(key),
                    format!("duplicate key `{name}` in {owner}"),
                    help,
                );
                continue;
            }
            first_at.insert(name.clone(), location_of(key));
            keyed.push((respan(key, name), value));
        }
        keyed
    }

    fn duplicate_help(&self, first: Option<Location>) -> String {
        let merge = "a key may appear once in a mapping: merge the two entries";
        match first {
            Some(at) => format!(
                "{merge}; the first is at {}:{}:{}",
                self.file, at.line, at.column
            ),
            None => merge.to_owned(),
        }
    }

    /// A list's items; anything but a list is reported and reads as an empty one.
    pub fn items<'n>(&mut self, node: &'n Node, place: Place, expected: &str) -> &'n [Node] {
        match &node.value {
            Value::List(items) => items,
            _ => {
                self.mismatch(node, place, expected);
                &[]
            }
        }
    }

    /// Any scalar as written: names and labels are text to Docker, whatever YAML makes of them.
    pub fn text(&mut self, node: &Node, place: Place) -> Option<Spanned<String>> {
        let text = written(node, self.source);
        if text.is_none() {
            self.mismatch(node, place, "text");
        }
        text.map(|text| respan(node, text))
    }

    /// A scalar as YAML types it (`yes` is `true`): option and label values have always gone
    /// to Docker this way, and another spelling would make `plan` see a change to recreate.
    pub fn typed_text(&mut self, node: &Node, place: Place) -> Option<Spanned<String>> {
        let text = typed_text(&node.value);
        if text.is_none() {
            self.mismatch(node, place, "text, a number or true/false");
        }
        text.map(|text| respan(node, text))
    }

    pub fn boolean(&mut self, node: &Node, place: Place) -> Option<Spanned<bool>> {
        let value = match node.value {
            Value::Bool(value) => Some(value),
            _ => quoted(node),
        };
        if value.is_none() {
            self.mismatch(node, place, "true or false");
        }
        value.map(|value| respan(node, value))
    }

    /// A whole number that fits `T`; `expected` says which, e.g. "a port number (1 to 65535)".
    pub fn number<T: TryFrom<i128>>(
        &mut self,
        node: &Node,
        place: Place,
        expected: &str,
    ) -> Option<Spanned<T>> {
        let number = match node.value {
            Value::Int(value) => Some(value),
            _ => quoted(node),
        };
        let number = number.and_then(|number| T::try_from(number).ok());
        if number.is_none() {
            self.mismatch(node, place, expected);
        }
        number.map(|number| respan(node, number))
    }
}

/// A quoted `"true"` or `"8000"` read as the parser reads a plain value of that type: netctl
/// has always accepted these, so files written that way stay valid.
fn quoted<T: serde::de::DeserializeOwned>(node: &Node) -> Option<T> {
    match &node.value {
        Value::Text(text) => serde_saphyr::from_str(text).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 3] = ["internal", "subnet", "ports"];

    /// As `load` parses: repeated keys reach the tree.
    fn parse(text: &str) -> Node {
        let mut options = serde_saphyr::Options::default();
        options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
        serde_saphyr::from_str_with_options(text, options).expect("YAML")
    }

    fn reported(shapes: Shapes) -> Vec<(u64, u64, String, String)> {
        shapes
            .into_problems()
            .into_iter()
            .map(|d| {
                let at = d.location.unwrap_or(Location::new(0, 0, 0));
                (at.line, at.column, d.message, d.help.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion_and_known_keys_are_kept() {
        let text = "internl: true\nsubnet: 10.0.0.0/8\nzzz: 1\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let fields = shapes.fields(&root, "network `a`".to_owned(), &KEYS);
        let subnet = fields.as_ref().and_then(|f| f.get("subnet"));
        assert!(subnet.is_some());
        assert!(fields.as_ref().and_then(|f| f.get("internl")).is_none());
        let problems = reported(shapes);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            (problems[0].0, problems[0].1, problems[0].2.as_str()),
            (1, 1, "unknown field `internl` in network `a`")
        );
        assert!(problems[0].3.starts_with("did you mean `internal`?"));
        assert_eq!((problems[1].0, problems[1].1), (3, 1));
        assert!(
            problems[1]
                .3
                .starts_with("remove `zzz`; allowed here: internal, subnet, ports")
        );
    }

    #[test]
    fn a_repeated_key_is_reported_at_the_repeat_and_the_first_counts() {
        let text = "subnet: 10.0.0.0/8\nsubnet: 10.1.0.0/16\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let fields = shapes.fields(&root, "network `a`".to_owned(), &KEYS);
        let subnet = fields
            .as_ref()
            .and_then(|f| f.get("subnet"))
            .and_then(|node| written(node, text));
        assert_eq!(subnet.as_deref(), Some("10.0.0.0/8"));
        let problems = reported(shapes);
        assert_eq!(
            problems,
            [(
                2,
                1,
                "duplicate key `subnet` in network `a`".to_owned(),
                "a key may appear once in a mapping: merge the two entries; the first is at t.yaml:1:1"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn wrong_types_name_the_key_what_was_expected_and_what_was_found() {
        let text = "internal: maybe\nports: [80, http, 70000]\nsubnet: {a: 1}\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let Some(fields) = shapes.fields(&root, "network `a`".to_owned(), &KEYS) else {
            panic!("a mapping");
        };
        let internal = fields
            .get("internal")
            .and_then(|n| shapes.boolean(n, fields.place("internal")));
        let ports: Vec<u16> = fields
            .get("ports")
            .map(|n| shapes.items(n, fields.place("ports"), "a list"))
            .unwrap_or_default()
            .iter()
            .filter_map(|n| shapes.number::<u16>(n, fields.place("ports"), "a port"))
            .map(|port| port.value)
            .collect();
        let subnet = fields
            .get("subnet")
            .and_then(|n| shapes.text(n, fields.place("subnet")));
        assert!(internal.is_none() && subnet.is_none());
        assert_eq!(ports, [80]);
        let messages: Vec<(u64, u64, String)> = reported(shapes)
            .into_iter()
            .map(|(line, column, message, _)| (line, column, message))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    1,
                    11,
                    "invalid `internal` of network `a`: expected true or false, found `maybe`"
                        .to_owned()
                ),
                (
                    2,
                    13,
                    "invalid `ports` of network `a`: expected a port, found `http`".to_owned()
                ),
                (
                    2,
                    19,
                    "invalid `ports` of network `a`: expected a port, found `70000`".to_owned()
                ),
                (
                    3,
                    9,
                    "invalid `subnet` of network `a`: expected text, found a mapping".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn quoted_booleans_and_numbers_are_read_as_their_type() {
        let text = "internal: \"true\"\nports: [\"8000\", \"80x\"]\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let Some(fields) = shapes.fields(&root, "network `a`".to_owned(), &KEYS) else {
            panic!("a mapping");
        };
        let internal = fields
            .get("internal")
            .and_then(|n| shapes.boolean(n, fields.place("internal")));
        assert_eq!(internal.map(|b| b.value), Some(true));
        let ports: Vec<Option<u16>> = fields
            .get("ports")
            .map(|n| shapes.items(n, fields.place("ports"), "a list"))
            .unwrap_or_default()
            .iter()
            .map(|n| {
                shapes
                    .number(n, fields.place("ports"), "a port")
                    .map(|p| p.value)
            })
            .collect();
        assert_eq!(ports, [Some(8000), None]);
        assert_eq!(reported(shapes).len(), 1);
    }

    #[test]
    fn a_missing_key_is_reported_after_the_last_key_or_at_an_empty_mapping() {
        let text = "a:\n  internal: true\n  subnet: x\nb: {}\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let place = Place::new("root", "the test");
        for (key, body) in shapes.entries(&root, place, "a mapping") {
            let fields = shapes.fields(body, format!("`{}`", key.value), &KEYS);
            if let Some(fields) = fields {
                assert!(shapes.required(&fields, "ports").is_none());
            }
        }
        let missing: Vec<(u64, u64, String)> = reported(shapes)
            .into_iter()
            .map(|(line, column, message, _)| (line, column, message))
            .collect();
        assert_eq!(
            missing,
            [
                (3, 3, "missing field `ports` in `a`".to_owned()),
                (4, 4, "missing field `ports` in `b`".to_owned()),
            ]
        );
    }

    #[test]
    fn a_mapping_of_the_wrong_shape_and_keys_that_are_not_names_are_reported() {
        let text = "[a]: 1\nlist: [1]\n";
        let root = parse(text);
        let mut shapes = Shapes::new(text, "t.yaml");
        let place = Place::new("root", "the test");
        let entries = shapes.entries(&root, place, "a mapping");
        assert_eq!(entries.len(), 1);
        assert!(
            shapes
                .fields(entries[0].1, "`list`".to_owned(), &KEYS)
                .is_none()
        );
        let messages: Vec<String> = reported(shapes).into_iter().map(|p| p.2).collect();
        assert_eq!(
            messages,
            [
                "invalid key in `root` of the test: expected a name, found a list",
                "`list` must be a mapping, not a list",
            ]
        );
    }
}
