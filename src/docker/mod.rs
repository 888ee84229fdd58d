//! The bollard adapter: finding and dialing the daemon, and the Engine that serves the daemon
//! seams of its users (`live::Daemon`, `apply::Networks`, `probe::Containers`).
//!
//! This folder is the only place that names a bollard type; everything it hands out is a plain
//! struct from `live/`, so the planner, the probes and their tests never see the client
//! library.

mod connect;
mod containers;
mod context;
mod convert;
mod engine;
mod exec;
mod image;
mod marker;
mod placeholder;
mod sidecar;
mod tls;

pub use connect::{DEFAULT_SOCKET, Endpoint};
pub use context::{DaemonAddress, Environment, resolve_host};
pub use engine::Engine;

use crate::live::{DaemonError, DaemonEvent};
