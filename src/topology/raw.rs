//! The topology file exactly as written: serde types whose values keep their line and column.
//!
//! Nothing here is validated beyond YAML types; `validate` turns this into the model. The same
//! types feed `netctl schema`, so the schema and the parser cannot disagree.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "netctl topology",
    description = "A declarative Docker network topology (version 1)"
)]
pub struct RawTopology {
    /// Format version; only `1` exists.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub version: Spanned<u32>,
    /// Project name, written into the ownership labels of everything netctl creates.
    #[schemars(with = "String")]
    pub project: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Option<RawNetwork>>")]
    pub networks: OrderedMap<Option<RawNetwork>>,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Option<RawService>>")]
    pub services: OrderedMap<Option<RawService>>,
    /// Reachability assertions checked by `netctl verify`.
    #[serde(default)]
    pub expect: Vec<RawExpectation>,
}

/// A network, with the Compose specification's key names.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNetwork {
    /// The Docker network name; defaults to the key.
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// bridge (default), overlay, macvlan or ipvlan.
    #[schemars(with = "Option<String>")]
    pub driver: Option<Spanned<String>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, ScalarString>>")]
    pub driver_opts: Option<OrderedMap<Spanned<ScalarString>>>,
    /// Peers reach each other; egress leaves no host.
    #[schemars(with = "Option<bool>")]
    pub internal: Option<Spanned<bool>>,
    /// Managed outside netctl: never created, changed or removed by it.
    #[schemars(with = "Option<bool>")]
    pub external: Option<Spanned<bool>>,
    #[schemars(with = "Option<bool>")]
    pub attachable: Option<Spanned<bool>>,
    #[schemars(with = "Option<bool>")]
    pub enable_ipv6: Option<Spanned<bool>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, ScalarString>>")]
    pub labels: Option<OrderedMap<Spanned<ScalarString>>>,
    pub ipam: Option<RawIpam>,
    /// Shorthand for a single `ipam.config` entry.
    #[schemars(with = "Option<String>")]
    pub subnet: Option<Spanned<String>>,
    /// Shorthand for the gateway of the single `ipam.config` entry.
    #[schemars(with = "Option<String>")]
    pub gateway: Option<Spanned<String>>,
    /// Free-form tags; `public` marks a network reachable from outside (lint rules use it).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIpam {
    #[schemars(with = "Option<String>")]
    pub driver: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<RawIpamConfig>")]
    pub config: Vec<Spanned<RawIpamConfig>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, ScalarString>>")]
    pub options: Option<OrderedMap<Spanned<ScalarString>>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIpamConfig {
    #[schemars(with = "Option<String>")]
    pub subnet: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub gateway: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub ip_range: Option<Spanned<String>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aux_addresses: Option<OrderedMap<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// The container name; defaults to the key.
    #[schemars(with = "Option<String>")]
    pub container: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "ServiceNetworksSchema")]
    pub networks: ServiceNetworks,
    /// TCP ports the service listens on.
    #[serde(default)]
    #[schemars(with = "Vec<std::num::NonZeroU16>")]
    pub ports: Vec<Spanned<u16>>,
    /// Free-form tags such as `database` or `public`, used by rules.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// An HTTP health endpoint that probes check.
    pub health: Option<RawHealth>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHealth {
    #[schemars(with = "std::num::NonZeroU16")]
    pub port: Spanned<u16>,
    /// Defaults to `/health`.
    #[schemars(with = "Option<String>")]
    pub path: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMembership {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub ipv4_address: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub ipv6_address: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExpectation {
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    #[schemars(with = "Option<std::num::NonZeroU16>")]
    pub port: Option<Spanned<u16>>,
    #[schemars(with = "bool")]
    pub reachable: Spanned<bool>,
}

/// A YAML mapping kept in file order, because the matrix columns follow the file.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
            type Value = OrderedMap<V>;
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
        deserializer.deserialize_map(OrderedMapVisitor(PhantomData))
    }
}

/// A service's networks: a list of keys, or a map from key to membership settings.
#[derive(Debug, Default)]
pub struct ServiceNetworks(pub Vec<(Spanned<String>, RawMembership)>);

impl<'de> Deserialize<'de> for ServiceNetworks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ServiceNetworksVisitor;
        impl<'de> Visitor<'de> for ServiceNetworksVisitor {
            type Value = ServiceNetworks;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of network keys or a map of network key to settings")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ServiceNetworks::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    entries.push((key, RawMembership::default()));
                }
                Ok(ServiceNetworks(entries))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, settings)) =
                    map.next_entry::<Spanned<String>, Option<RawMembership>>()?
                {
                    entries.push((key, settings.unwrap_or_default()));
                }
                Ok(ServiceNetworks(entries))
            }
        }
        deserializer.deserialize_any(ServiceNetworksVisitor)
    }
}

/// The schema of [`ServiceNetworks`]: list form or map form. Only its schema is ever used.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ServiceNetworksSchema {
    List(Vec<String>),
    Map(std::collections::BTreeMap<String, Option<RawMembership>>),
}

/// A scalar taken as text, as Docker takes option and label values (`mtu: 1450` is `"1450"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScalarString(pub String);

impl JsonSchema for ScalarString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ScalarString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

impl<'de> Deserialize<'de> for ScalarString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = ScalarString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(ScalarString(v.to_string()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}
