//! A YAML mapping kept in the order it is written, read and written alike.
//!
//! Order matters both ways: matrix columns and creation follow a file's order, and a file
//! netctl writes lists networks and services in the order a person would read them.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

/// Entries in file order; read keys keep their position (`Spanned<String>`), written keys
/// are plain text. A `null` reads as an empty mapping, as YAML authors mean it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V, K = Spanned<String>>(pub Vec<(K, V)>);

impl<V, K> Default for OrderedMap<V, K> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>, K: Deserialize<'de>> Deserialize<'de> for OrderedMap<V, K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

struct EntriesVisitor<V, K>(PhantomData<(V, K)>);

impl<'de, V: Deserialize<'de>, K: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V, K> {
    type Value = OrderedMap<V, K>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OrderedMap::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(OrderedMap(entries))
    }
}

impl<V: Serialize, K: Serialize> Serialize for OrderedMap<V, K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// YAML text of `value`; serialization of plain structs cannot fail in practice, and if it
/// ever does the error is written where the YAML would have been.
pub fn to_yaml<T: Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).unwrap_or_else(|error| format!("# cannot write YAML: {error}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_reads_null_as_empty() {
        let read: OrderedMap<u32> = serde_saphyr::from_str("b: 1\na: 2\n").expect("YAML");
        let keys: Vec<&str> = read.0.iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        let empty: Option<OrderedMap<u32>> = serde_saphyr::from_str("~").expect("YAML");
        assert!(empty.is_none_or(|map| map.0.is_empty()));
    }

    #[test]
    fn writes_in_the_order_given() {
        let map = OrderedMap(vec![("z".to_owned(), 1), ("a".to_owned(), 2)]);
        assert_eq!(to_yaml(&map), "z: 1\na: 2\n");
    }
}
