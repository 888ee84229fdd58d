//! A YAML file as a plain tree in which every node keeps its line and column.
//!
//! A format parsed into this tree rather than straight into its types can be read in full
//! even when it is wrong: an unknown key or a wrong type in one place does not stop the
//! reading of the rest (the topology reader walks it and reports every problem it meets).

use super::parse::location;
use crate::diagnostic::Location;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML node with where it is used (`referenced`, an alias or merge site) and where it is
/// written (`defined`).
pub type Node = Spanned<Value>;

/// What a node holds, as YAML's core schema types it; keys keep their order and repeats.
#[derive(Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// Where a spanned value sits in the file; `None` when the parser could not say.
pub fn location_of<T>(value: &Spanned<T>) -> Option<Location> {
    location(value.referenced)
}

/// A scalar as YAML types it, in text: `yes` is `true` and `1.10` is `1.1`. `None` for null,
/// lists and mappings.
pub fn typed_text(value: &Value) -> Option<String> {
    match value {
        Value::Text(text) => Some(text.clone()),
        Value::Bool(value) => Some(value.to_string()),
        Value::Int(value) => Some(value.to_string()),
        Value::Float(value) => Some(value.to_string()),
        Value::Null | Value::List(_) | Value::Map(_) => None,
    }
}

/// A scalar as written in the file: `1.10` stays `1.10` and `yes` stays `yes`, because a name
/// is text whatever YAML makes of it. `None` for null, lists and mappings.
pub fn written(node: &Node, source: &str) -> Option<String> {
    let typed = typed_text(&node.value)?;
    if matches!(node.value, Value::Text(_)) {
        return Some(typed);
    }
    let span = node.defined.span();
    let start = span.byte_offset().and_then(|at| usize::try_from(at).ok());
    let len = span.byte_len().and_then(|len| usize::try_from(len).ok());
    let slice = start
        .zip(len)
        .and_then(|(start, len)| source.get(start..start.checked_add(len)?))
        .filter(|slice| !slice.is_empty());
    Some(slice.map_or(typed, str::to_owned))
}

/// The node for a "found ..." message: the value itself when it is a scalar, cut short.
pub fn describe(node: &Node, source: &str) -> String {
    const SHOWN: usize = 40;
    match &node.value {
        Value::Null => "nothing".to_owned(),
        Value::List(_) => "a list".to_owned(),
        Value::Map(_) => "a mapping".to_owned(),
        _ => {
            let text = written(node, source).unwrap_or_default();
            match text.char_indices().nth(SHOWN) {
                Some((cut, _)) => format!("`{}…`", &text[..cut]),
                None => format!("`{text}`"),
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Int(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Int(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::Text(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        serde_saphyr::from_str(text).expect("YAML")
    }

    fn entries(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn scalars_keep_their_spelling_and_place() {
        let text = "name: 1.10\nflag: yes\nmtu: 0x10\nquoted: \"a\"\n";
        let root = parse(text);
        let shown: Vec<(String, Option<Location>)> = entries(&root)
            .iter()
            .map(|(_, value)| (written(value, text).unwrap_or_default(), location_of(value)))
            .collect();
        assert_eq!(
            shown,
            [
                ("1.10".to_owned(), Some(Location::new(1, 7, 4))),
                ("yes".to_owned(), Some(Location::new(2, 7, 3))),
                ("0x10".to_owned(), Some(Location::new(3, 6, 4))),
                ("a".to_owned(), Some(Location::new(4, 9, 3))),
            ]
        );
    }

    #[test]
    fn typed_text_is_the_value_yaml_read() {
        let root = parse("a: 1.10\nb: yes\nc: 0x10\nd: text\n");
        let typed: Vec<Option<String>> = entries(&root)
            .iter()
            .map(|(_, value)| typed_text(&value.value))
            .collect();
        let expected = ["1.1", "true", "16", "text"].map(|t| Some(t.to_owned()));
        assert_eq!(typed, expected);
    }

    #[test]
    fn describes_what_was_found() {
        let text = "a: ~\nb: [1]\nc: {x: 1}\nd: maybe\n";
        let root = parse(text);
        let found: Vec<String> = entries(&root)
            .iter()
            .map(|(_, value)| describe(value, text))
            .collect();
        assert_eq!(found, ["nothing", "a list", "a mapping", "`maybe`"]);
    }
}
