//! The agent: the placeholder service netctl runs in demo and test containers, and the image
//! it ships in, built from netctl's own binary with no registry and no base image.

pub mod image;
pub mod probe;
pub mod rootfs;
pub mod serve;

pub use rootfs::{IMPORT_CHANGES, RootfsFile, image_tag, rootfs_files, rootfs_tar};
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
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a 64-bit little-endian ELF executable, so it cannot run in the agent image"
    )]
    NotElf { path: std::path::PathBuf },
    #[error(
        "cannot list the libraries of {path} with ldd: {reason}; build a static netctl instead \
         (RUSTFLAGS='-C target-feature=+crt-static' cargo build --release --target x86_64-unknown-linux-gnu)"
    )]
    Ldd {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("the probes are not valid JSON: {0}")]
    Probes(serde_json::Error),
    #[error("cannot write the image's root filesystem: {0}")]
    Tar(std::io::Error),
}
