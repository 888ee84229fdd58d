//! The raw probes a strategy runs inside a namespace, and what each try observed, unjudged.

use super::limits::Resource;
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
    /// The probe could not get a local resource (a file, a buffer, a port): it says nothing
    /// about the network. The scheduler retries it; one that persists fails the run.
    LocalError(Resource),
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

    /// Sorts a socket error into what it means for reachability; a shortage on this side
    /// comes first, as it means nothing about the other.
    pub fn from_io(error: &std::io::Error) -> Outcome {
        use std::io::ErrorKind;
        if let Some(resource) = Resource::of(error) {
            return Outcome::LocalError(resource);
        }
        match error.kind() {
            ErrorKind::ConnectionRefused => Outcome::Refused,
            ErrorKind::TimedOut => Outcome::TimedOut,
            ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => Outcome::Unreachable,
            _ => Outcome::Error(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Error;

    #[test]
    fn a_local_shortage_is_not_taken_for_the_network() {
        let os = |errno: rustix::io::Errno| Error::from_raw_os_error(errno.raw_os_error());
        assert_eq!(
            Outcome::from_io(&os(rustix::io::Errno::MFILE)),
            Outcome::LocalError(Resource::OpenFiles)
        );
        assert_eq!(
            Outcome::from_io(&os(rustix::io::Errno::NOBUFS)),
            Outcome::LocalError(Resource::Buffers)
        );
        assert_eq!(
            Outcome::from_io(&os(rustix::io::Errno::CONNREFUSED)),
            Outcome::Refused
        );
        assert_eq!(
            Outcome::from_io(&os(rustix::io::Errno::NETUNREACH)),
            Outcome::Unreachable
        );
        assert!(!Outcome::LocalError(Resource::Buffers).reached());
    }

    #[test]
    fn a_local_error_crosses_from_a_sidecar_as_json() {
        let outcome = Outcome::LocalError(Resource::OpenFiles);
        let json = serde_json::to_string(&outcome).unwrap();
        assert_eq!(json, r#"{"local_error":"open_files"}"#);
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), outcome);
    }
}
