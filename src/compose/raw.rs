//! A compose file as written: lenient serde types whose values keep their line and column.
//!
//! Only the keys that matter to networks are read; every other key (`x-*`, `build`,
//! `environment`, `version`, ...) is skipped, so any file the Compose spec allows parses. Each
//! key that takes several forms (short and long syntax) gets its own visitor rather than an
//! untagged enum, because untagged enums buffer their input and lose the spans.

use super::model::Replace;
use crate::yaml::OrderedMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Spanned, Tagged};
use std::fmt;
use std::marker::PhantomData;

#[derive(Debug, Default, Deserialize)]
pub struct RawCompose {
    pub name: Option<Spanned<Text>>,
    pub include: Option<Vec<Spanned<RawInclude>>>,
    #[serde(default)]
    pub services: Option<OrderedMap<Option<RawService>>>,
    #[serde(default)]
    pub networks: Combined<OrderedMap<Tagged<Option<RawNetwork>>>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawService {
    pub image: Option<Spanned<Text>>,
    pub container_name: Option<Spanned<Text>>,
    pub extends: Option<Spanned<RawExtends>>,
    #[serde(default)]
    pub networks: Combined<Spanned<RawAttachments>>,
    pub network_mode: Option<Spanned<Text>>,
    #[serde(default)]
    pub ports: Combined<Vec<Spanned<RawPort>>>,
    #[serde(default)]
    pub expose: Combined<Vec<Spanned<Text>>>,
    #[serde(default)]
    pub volumes: Combined<Vec<Spanned<RawVolume>>>,
    #[serde(default)]
    pub labels: Combined<RawLabels>,
    pub privileged: Option<Spanned<Text>>,
    pub profiles: Option<Vec<Spanned<Text>>>,
    pub deploy: Option<RawDeploy>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawDeploy {
    pub labels: Option<RawLabels>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawNetwork {
    pub name: Option<Spanned<Text>>,
    pub driver: Option<Spanned<Text>>,
    pub external: Option<Spanned<RawExternal>>,
    pub internal: Option<Spanned<Text>>,
    pub enable_ipv6: Option<Spanned<Text>>,
    pub ipam: Option<RawIpam>,
    pub labels: Option<RawLabels>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawIpam {
    pub config: Option<Vec<Option<RawIpamConfig>>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawIpamConfig {
    pub subnet: Option<Spanned<Text>>,
    pub gateway: Option<Spanned<Text>>,
    pub ip_range: Option<Spanned<Text>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawAttachment {
    pub aliases: Option<Vec<Spanned<Text>>>,
    pub ipv4_address: Option<Spanned<Text>>,
    pub ipv6_address: Option<Spanned<Text>>,
}

/// A value that override files merge into the base, unless tagged `!reset` (Compose 2.24),
/// which removes the base's value and ignores its own, or `!override`, which replaces the
/// base's value with its own.
#[derive(Debug)]
pub struct Combined<T> {
    pub value: Option<T>,
    pub replaces: Option<Replace>,
}

impl<T> Default for Combined<T> {
    fn default() -> Self {
        Self {
            value: None,
            replaces: None,
        }
    }
}

impl<T> Combined<T> {
    /// The value that takes part in the merge: none for `!reset`, whose value Compose ignores.
    pub fn merged_value(self) -> Option<T> {
        match self.replaces {
            Some(Replace::Reset) => None,
            _ => self.value,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Combined<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Tagged(value, tag) = Tagged::<Option<T>>::deserialize(deserializer)?;
        Ok(Combined {
            value,
            replaces: replace_tag(tag.as_deref()),
        })
    }
}

/// `!reset` and `!override`, the two tags Compose gives a meaning to; any other tag is ignored.
pub fn replace_tag(tag: Option<&str>) -> Option<Replace> {
    match tag {
        Some("!reset") => Some(Replace::Reset),
        Some("!override") => Some(Replace::Override),
        _ => None,
    }
}

/// Any scalar taken as the text Compose would interpolate (`8080`, `true`, `"a:b"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A service's `networks:`: a list of keys, or a map of key to settings (or `null`). In the
/// map, an entry tagged `!reset` removes that network from the base's list instead.
#[derive(Debug, Default)]
pub struct RawAttachments {
    pub entries: Vec<(Spanned<String>, RawAttachment)>,
    pub reset: Vec<String>,
}

impl<'de> Deserialize<'de> for RawAttachments {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AttachmentsVisitor;
        impl<'de> Visitor<'de> for AttachmentsVisitor {
            type Value = RawAttachments;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of network names or a map of network name to settings")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawAttachments::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut attachments = RawAttachments::default();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    attachments.entries.push((key, RawAttachment::default()));
                }
                Ok(attachments)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut attachments = RawAttachments::default();
                while let Some((key, Tagged(settings, tag))) =
                    map.next_entry::<Spanned<String>, Tagged<Option<RawAttachment>>>()?
                {
                    if replace_tag(tag.as_deref()) == Some(Replace::Reset) {
                        attachments.reset.push(key.value);
                    } else {
                        attachments
                            .entries
                            .push((key, settings.unwrap_or_default()));
                    }
                }
                Ok(attachments)
            }
        }
        deserializer.deserialize_any(AttachmentsVisitor)
    }
}

/// Labels: a list of `key=value` strings, or a map (values may be `null`).
#[derive(Debug, Default)]
pub struct RawLabels(pub Vec<RawLabel>);

#[derive(Debug)]
pub enum RawLabel {
    /// `- "traefik.enable=true"`, split later (after interpolation).
    Joined(Spanned<Text>),
    Pair(Spanned<String>, Option<Spanned<Text>>),
}

impl<'de> Deserialize<'de> for RawLabels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LabelsVisitor;
        impl<'de> Visitor<'de> for LabelsVisitor {
            type Value = RawLabels;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of key=value strings or a map of labels")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawLabels::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut labels = Vec::new();
                while let Some(joined) = seq.next_element::<Spanned<Text>>()? {
                    labels.push(RawLabel::Joined(joined));
                }
                Ok(RawLabels(labels))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut labels = Vec::new();
                while let Some((key, value)) = map.next_entry()? {
                    labels.push(RawLabel::Pair(key, value));
                }
                Ok(RawLabels(labels))
            }
        }
        deserializer.deserialize_any(LabelsVisitor)
    }
}

/// `external: true`, or the legacy `external: {name: x}` (which also means external).
#[derive(Debug, Default)]
pub struct RawExternal {
    pub flag: Text,
    pub legacy_name: Option<Spanned<Text>>,
}

impl<'de> Deserialize<'de> for RawExternal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExternalVisitor;
        impl<'de> Visitor<'de> for ExternalVisitor {
            type Value = RawExternal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean or a mapping with `name`")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(flag(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(flag(v.to_owned()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(flag("false".to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut legacy_name = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "name" {
                        legacy_name = map.next_value()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(RawExternal {
                    flag: Text("true".to_owned()),
                    legacy_name,
                })
            }
        }
        deserializer.deserialize_any(ExternalVisitor)
    }
}

fn flag(text: String) -> RawExternal {
    RawExternal {
        flag: Text(text),
        legacy_name: None,
    }
}

/// A `ports:` entry: `"127.0.0.1:8080:80/tcp"`, `8080`, or the long syntax.
#[derive(Debug)]
pub enum RawPort {
    Short(Text),
    Long(Box<RawLongPort>),
}

#[derive(Debug, Default, Deserialize)]
pub struct RawLongPort {
    pub target: Option<Spanned<Text>>,
    pub published: Option<Spanned<Text>>,
    pub host_ip: Option<Spanned<Text>>,
    pub protocol: Option<Spanned<Text>>,
}

impl<'de> Deserialize<'de> for RawPort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        short_or_long(
            deserializer,
            "a port such as \"8080:80\" or a mapping with `target`",
        )
        .map(|either| match either {
            ShortOrLong::Short(text) => RawPort::Short(text),
            ShortOrLong::Long(long) => RawPort::Long(Box::new(long)),
        })
    }
}

/// A `volumes:` entry: `"/var/run/docker.sock:/var/run/docker.sock:ro"` or the long syntax.
#[derive(Debug)]
pub enum RawVolume {
    Short(Text),
    Long(RawLongVolume),
}

#[derive(Debug, Default, Deserialize)]
pub struct RawLongVolume {
    pub source: Option<Spanned<Text>>,
    pub target: Option<Spanned<Text>>,
}

impl<'de> Deserialize<'de> for RawVolume {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        short_or_long(
            deserializer,
            "a volume such as \"./data:/data\" or a mapping",
        )
        .map(|either| match either {
            ShortOrLong::Short(text) => RawVolume::Short(text),
            ShortOrLong::Long(long) => RawVolume::Long(long),
        })
    }
}

enum ShortOrLong<L> {
    Short(Text),
    Long(L),
}

/// Reads a scalar as the short syntax, or a mapping as the long syntax `L`.
fn short_or_long<'de, D, L>(
    deserializer: D,
    expected: &'static str,
) -> Result<ShortOrLong<L>, D::Error>
where
    D: Deserializer<'de>,
    L: Deserialize<'de>,
{
    struct EitherVisitor<L>(&'static str, PhantomData<L>);
    impl<'de, L: Deserialize<'de>> Visitor<'de> for EitherVisitor<L> {
        type Value = ShortOrLong<L>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(ShortOrLong::Short(Text(v.to_owned())))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(ShortOrLong::Short(Text(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(ShortOrLong::Short(Text(v.to_string())))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            L::deserialize(de::value::MapAccessDeserializer::new(map)).map(ShortOrLong::Long)
        }
    }
    deserializer.deserialize_any(EitherVisitor(expected, PhantomData))
}

/// An `include:` entry: `- other.yaml`, or `{path: a.yaml | [a.yaml, b.yaml],
/// project_directory: .., env_file: .env | [a.env, b.env]}`.
#[derive(Debug)]
pub enum RawInclude {
    Short(Text),
    Long(RawLongInclude),
}

#[derive(Debug, Default, Deserialize)]
pub struct RawLongInclude {
    pub path: Option<Paths>,
    pub project_directory: Option<Text>,
    pub env_file: Option<Paths>,
}

impl<'de> Deserialize<'de> for RawInclude {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        short_or_long(deserializer, "a compose file path or a mapping with `path`").map(|either| {
            match either {
                ShortOrLong::Short(text) => RawInclude::Short(text),
                ShortOrLong::Long(long) => RawInclude::Long(long),
            }
        })
    }
}

/// One path, or a list of paths merged in order.
#[derive(Debug, Default)]
pub struct Paths(pub Vec<Text>);

impl<'de> Deserialize<'de> for Paths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PathsVisitor;
        impl<'de> Visitor<'de> for PathsVisitor {
            type Value = Paths;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path or a list of paths")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Paths, E> {
                Ok(Paths(vec![Text(v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Paths, A::Error> {
                let mut paths = Vec::new();
                while let Some(path) = seq.next_element::<Text>()? {
                    paths.push(path);
                }
                Ok(Paths(paths))
            }
        }
        deserializer.deserialize_any(PathsVisitor)
    }
}

/// `extends: base`, or `extends: {service: base, file: common.yml}`.
#[derive(Debug)]
pub enum RawExtends {
    Short(Text),
    Long(RawLongExtends),
}

#[derive(Debug, Default, Deserialize)]
pub struct RawLongExtends {
    pub service: Option<Text>,
    pub file: Option<Text>,
}

impl<'de> Deserialize<'de> for RawExtends {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        short_or_long(deserializer, "a service name or a mapping with `service`").map(|either| {
            match either {
                ShortOrLong::Short(text) => RawExtends::Short(text),
                ShortOrLong::Long(long) => RawExtends::Long(long),
            }
        })
    }
}
