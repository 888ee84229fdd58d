//! Compose files as Docker Compose reads them, with the position of every value kept.
//!
//! `load` reads and merges files; `normalize` applies interpolation and the short/long
//! syntaxes; the result is the [`Project`] that lint rules and `import compose` read.
//! `import` turns a project into a topology file; `export` turns a topology back into a
//! compose fragment, or into Kubernetes NetworkPolicies.

mod consistency;
pub mod datastore;
mod document;
pub mod export;
pub mod import;
mod interpolate;
mod load;
mod merge;
pub mod model;
mod normalize;
mod ports;
mod raw;
mod refusal;

pub use interpolate::Variables;
pub use load::{
    COMPOSE_FILE_NAMES, Input, LoadError, discover, load_project, load_project_with, load_str,
};
pub use model::{
    Attachment, DEFAULT_NETWORK, Extends, Include, Label, Located, Mount, Network, NetworkReplaces,
    Place, Port, Project, Replace, Replaces, Service, SourceFile, Subnet,
};
