//! What a daemon holds, as plain types that every part reads and only `docker/` fills: its
//! networks (an id and the same settings type a topology declares), its containers with their
//! endpoints, process and addresses, and every label and built-in name netctl relies on.
//!
//! Nothing here talks to a daemon or knows a client library: the planner, the probes, the
//! journal and the fake daemon of the tests all speak this vocabulary.

pub mod container;
pub mod daemon;
pub mod error;
pub mod event;
pub mod labels;
pub mod network;
pub mod observe;
pub mod observed;

pub use container::{Container, Endpoint, EndpointSpec, NetworkMode, PublishedPort};
pub use daemon::Daemon;
pub use error::DaemonError;
pub use event::DaemonEvent;
pub use network::{ComposeNetwork, Ipam, Network, NetworkSettings, Pool};
pub use observe::{AliasScope, observe};
pub use observed::Observed;
