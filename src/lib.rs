//! netctl keeps Docker networks the way a declarative topology file says they should be.
//!
//! ```text
//! topology.yaml ──► topology::load ──► Topology (validated model, spans kept for errors)
//!                                         │
//! live daemon ──► docker (bollard, converted) ──► live::observe ──► Observed (plain types)
//!                                         │
//!                     plan::diff(&Topology, &Observed) ──► Plan (closed Action enum, pure)
//!                                         │
//!      apply::reconcile(&impl Networks, ...) ──► Report (lock, journal, execute, converge)
//! Topology | Observed ──► matrix / graph ──► render (table, markdown, json, csv, mermaid, dot)
//! Topology + Observed ──► probe (through &impl Containers) ──► Report ──► render (table, json, junit)
//! compose files ──► compose::load (spans) ──► lint::rules ──► findings ──► render (text, json, sarif, github)
//! ```
//!
//! The traits belong to their users (`live::Daemon`, `apply::Networks`, `probe::Containers`);
//! `docker::Engine` implements them for a real daemon. docs/architecture.md has the rest.

pub mod agent;
pub mod apply;
pub mod cli;
#[cfg(feature = "docker")]
pub mod commands;
pub mod compose;
pub mod demo;
pub mod diagnostic;
#[cfg(feature = "docker")]
pub mod docker;
pub mod duration;
pub mod fake;
pub mod graph;
pub mod import_live;
pub mod instance;
pub mod lint;
pub mod live;
pub mod machine;
pub mod matrix;
pub mod matrix_live;
pub mod plan;
pub mod probe;
pub mod render;
pub mod state;
pub mod suggest;
pub mod topology;
pub mod yaml;

#[cfg(feature = "docker")]
pub use commands::{Error, Outcome, run};
