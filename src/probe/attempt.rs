//! The raw probes a strategy runs inside a namespace, and what each try observed, unjudged.

use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::time::Duration;

/// One network action from inside the source's namespace. Addresses always come from a
/// [`super::Target`], never from a DNS answer. Serializable: a sidecar gets them as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Probe {
    /// An A query to the namespace's resolver (Docker's 127.0.0.11).
    Dns {
        name: String,
    },
    Icmp {
        address: IpAddr,
    },
    Tcp {
        address: IpAddr,
        port: u16,
    },
    Http {
        address: IpAddr,
        port: u16,
        path: String,
        host: String,
    },
}

/// One try of a probe and how long it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub outcome: Outcome,
    pub elapsed: Duration,
}

/// What the network said, before any judgement about whether that was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A DNS answer (possibly empty: the name exists without an A record, or the host's
    /// resolver answered for a name Docker does not know).
    Resolved(Vec<IpAddr>),
    NxDomain,
    /// Any other DNS response code (SERVFAIL, REFUSED...).
    DnsCode(u8),
    /// An ICMP echo reply, or a TCP handshake that completed.
    Answered,
    HttpStatus(u16),
    /// A TCP reset: the address was reached, and nothing listens on the port.
    Refused,
    /// Nothing came back within the timeout.
    TimedOut,
    /// The kernel refused to send: no route from this namespace.
    Unreachable,
    /// Anything else the socket reported, with the system's words.
    Error(String),
}

impl Outcome {
    /// The address was reached at all (whatever it answered).
    pub fn reached(&self) -> bool {
        matches!(
            self,
            Outcome::Answered | Outcome::HttpStatus(_) | Outcome::Refused
        )
    }

    /// Sorts a socket error into what it means for reachability.
    pub fn from_io(error: &std::io::Error) -> Outcome {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::ConnectionRefused => Outcome::Refused,
            ErrorKind::TimedOut => Outcome::TimedOut,
            ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => Outcome::Unreachable,
            _ => Outcome::Error(error.to_string()),
        }
    }
}
