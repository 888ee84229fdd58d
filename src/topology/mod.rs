//! The topology file: format, validation with locations, the validated model and the one
//! writer of the format; and its Compose services resolved against the daemon's containers.

pub mod compose;
mod load;
pub mod model;
pub mod names;
pub mod raw;
mod read;
mod shape;
mod validate;
pub mod write;

pub use load::{
    DEFAULT_FILE_NAMES, LoadError, discover, is_compose_file, load_bytes, load_file, load_str,
};
pub use model::{
    ComposeSelector, Expectation, HealthCheck, Membership, Network, Service, Topology,
};
pub use validate::SUPPORTED_DRIVERS;
pub use write::Document;

/// The JSON Schema of the file format, generated from the same types the parser reads.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(raw::RawTopology)).unwrap_or_default()
}
