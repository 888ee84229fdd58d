//! The one test harness, shared by every test crate in `tests/`: a [`Test`] builder that runs
//! the real binary (after casey/just's), one live [`Sandbox`] per test with the machine-wide
//! lock, a subnet allocator that checks the daemon and the host's routes, and the local images.
//!
//! Each test crate declares it as `pub mod harness;`. A test crate is a crate root, so its
//! public items count as its interface: rustc then does not flag a harness item that this one
//! crate leaves unused (each crate uses a different part), while private helpers inside the
//! harness are still checked. That replaces a blanket `#![allow(dead_code)]`.

pub mod docker;
pub mod fake_mesh;
pub mod files;
pub mod image;
pub mod lab;
pub mod live_lock;
pub mod process;
pub mod sandbox;
pub mod snapshot;
pub mod subnet;
pub mod test;

pub use sandbox::Sandbox;
pub use test::Test;
