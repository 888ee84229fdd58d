//! A check: one claim about one ordered pair (what kind of traffic, and whether it must pass).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Check {
    /// Service key of the side the probe runs in.
    pub from: String,
    /// Service key of the side the probe aims at.
    pub to: String,
    pub kind: CheckKind,
    pub expected: Expected,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CheckKind {
    /// The name resolves (or, for isolation, does not resolve) to the target's addresses.
    Dns {
        name: String,
    },
    Icmp,
    Tcp {
        port: u16,
    },
    Http {
        port: u16,
        path: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    Reachable,
    Isolated,
}

impl CheckKind {
    pub fn word(&self) -> &'static str {
        match self {
            CheckKind::Dns { .. } => "dns",
            CheckKind::Icmp => "icmp",
            CheckKind::Tcp { .. } => "tcp",
            CheckKind::Http { .. } => "http",
        }
    }

    pub fn port(&self) -> Option<u16> {
        match self {
            CheckKind::Tcp { port } | CheckKind::Http { port, .. } => Some(*port),
            CheckKind::Dns { .. } | CheckKind::Icmp => None,
        }
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckKind::Dns { name } => write!(f, "dns {name}"),
            CheckKind::Icmp => f.write_str("icmp"),
            CheckKind::Tcp { port } => write!(f, "tcp {port}"),
            CheckKind::Http { port, path } => write!(f, "http {port}{path}"),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Reachable => "reachable",
            Expected::Isolated => "isolated",
        })
    }
}

impl Check {
    pub fn new(from: &str, to: &str, kind: CheckKind, expected: Expected) -> Self {
        Check {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
            expected,
        }
    }
}
