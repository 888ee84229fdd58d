//! Probes and verify: prove reachability and isolation from inside the containers' own
//! network namespaces.
//!
//! ```text
//! Topology ──► plan::sources (one source's checks at a time) / plan::probe ──► [Check]
//! [Check] + [Target] (filled by the docker layer) ──► scheduler::wave(strategy), a few
//!   sources at a time (stream::verify) ──► folded into a bounded Report
//!   scheduler: Check ──► [Probe] (target addresses only) ──► Strategy::run per namespace
//!              ──► [Attempt] ──► judge ──► Verdict with an explanation
//! ```

pub mod adhoc;
pub mod args;
pub mod attempt;
pub mod causes;
pub mod check;
pub mod daemon;
pub mod daemon_dns;
pub mod dns;
pub mod engine;
pub mod exec;
pub mod exposure;
mod fast_hash;
pub mod icmp;
pub mod image;
pub mod judge;
pub mod limits;
pub mod live;
pub mod plan;
pub mod results;
pub mod rootfs;
pub mod scheduler;
pub mod sidecar;
pub mod stopped;
pub mod strategy;
pub mod stream;
pub mod target;
pub mod tcp;

pub use attempt::{Attempt, Outcome, Probe};
pub use check::{Check, CheckKind, Expected};
pub use engine::Options;
pub use exec::{Exec, ExecOutput, Executor};
pub use limits::{Budget, Exhausted, Limits, Resource};
pub use plan::Extras;
pub use results::{CheckResult, LatencyStats, Listing, Report, Status, Unlisted};
pub use scheduler::run;
pub use sidecar::{Sidecar, SidecarRunner};
pub use strategy::{Netns, SourceFailure, Strategy, StrategyError};
pub use target::Target;
