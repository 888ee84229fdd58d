//! The agent: netctl's own binary inside its image, serving as the placeholder service of demo
//! and test containers and running probes inside sidecars (the image is `probe::image`'s).

pub mod probe;
pub mod serve;

pub use serve::{ServeConfig, serve};

#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the agent: {0}")]
    Runtime(std::io::Error),
    #[error("the probes are not valid JSON: {0}")]
    Probes(serde_json::Error),
}
