//! The topology file as written: types whose values keep their line and column.
//!
//! Nothing here is validated beyond YAML types; `read` fills these from the file and
//! `validate` turns them into the model. The same types generate `netctl schema`, and a test
//! holds `read` to their keys, so the schema and the reader cannot disagree.

use crate::yaml::OrderedMap;
use schemars::JsonSchema;
use serde::Serialize;
use serde_saphyr::Spanned;

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(
    title = "netctl topology",
    description = "A declarative Docker network topology (version 1)"
)]
pub struct RawTopology {
    /// Format version; only `1` exists.
    // `version` and `project` are required, as the schema says; `None` only lets a file that
    // lacks one still be checked further.
    #[schemars(with = "u32", range(min = 1, max = 1), required)]
    pub version: Option<Spanned<u32>>,
    /// Project name, written into the ownership labels of everything netctl creates.
    #[schemars(with = "String", required)]
    pub project: Option<Spanned<String>>,
    #[schemars(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Option<RawNetwork>>")]
    pub networks: OrderedMap<Option<RawNetwork>>,
    #[schemars(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Option<RawService>>")]
    pub services: OrderedMap<Option<RawService>>,
    /// Reachability assertions checked by `netctl verify`.
    #[schemars(default)]
    pub expect: Vec<RawExpectation>,
}

/// A network, with the Compose specification's key names.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
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
    #[schemars(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
}

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawIpam {
    #[schemars(with = "Option<String>")]
    pub driver: Option<Spanned<String>>,
    #[schemars(default)]
    #[schemars(with = "Vec<RawIpamConfig>")]
    pub config: Vec<Spanned<RawIpamConfig>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, ScalarString>>")]
    pub options: Option<OrderedMap<Spanned<ScalarString>>>,
}

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
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

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawService {
    /// The container name; defaults to the key.
    #[schemars(with = "Option<String>")]
    pub container: Option<Spanned<String>>,
    /// A Compose service's containers, found by Compose's labels (every replica of a scaled
    /// service); instead of `container`.
    pub compose: Option<RawComposeSelector>,
    #[schemars(default)]
    #[schemars(with = "ServiceNetworksSchema")]
    pub networks: ServiceNetworks,
    /// TCP ports the service listens on.
    #[schemars(default)]
    #[schemars(with = "Vec<std::num::NonZeroU16>")]
    pub ports: Vec<Spanned<u16>>,
    /// Free-form tags such as `database` or `public`, used by rules.
    #[schemars(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// An HTTP health endpoint that probes check.
    pub health: Option<RawHealth>,
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawComposeSelector {
    /// The Compose project name (`com.docker.compose.project`).
    #[schemars(with = "String")]
    pub project: Spanned<String>,
    /// The service's key in the compose file (`com.docker.compose.service`).
    #[schemars(with = "String")]
    pub service: Spanned<String>,
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawHealth {
    #[schemars(with = "std::num::NonZeroU16")]
    pub port: Spanned<u16>,
    /// Defaults to `/health`.
    #[schemars(with = "Option<String>")]
    pub path: Option<Spanned<String>>,
}

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawMembership {
    #[schemars(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub ipv4_address: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub ipv6_address: Option<Spanned<String>>,
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawExpectation {
    // `from`, `to` and `reachable` are required, as the schema says; `None` only lets the
    // rest of an entry that lacks one still be checked.
    #[schemars(with = "String", required)]
    pub from: Option<Spanned<String>>,
    #[schemars(with = "String", required)]
    pub to: Option<Spanned<String>>,
    #[schemars(with = "Option<std::num::NonZeroU16>")]
    pub port: Option<Spanned<u16>>,
    #[schemars(with = "bool", required)]
    pub reachable: Option<Spanned<bool>>,
}

/// A service's networks: a list of keys, or a map from key to membership settings.
#[derive(Debug, Default)]
pub struct ServiceNetworks(pub Vec<(Spanned<String>, RawMembership)>);

/// The schema of [`ServiceNetworks`]: list form or map form. Only its schema is ever used.
#[derive(JsonSchema)]
#[schemars(untagged)]
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
