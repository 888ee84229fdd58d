//! One container as probes need it, from one inspect: its process (whose network namespace
//! they enter), its endpoints on every network, how its namespace is shared, and the ports it
//! publishes on the host.

use super::convert::inspected_container;
use super::{DockerError, Engine};
use crate::live::Container;

impl Engine {
    /// One call; a container that does not exist is `None`, not an error.
    pub async fn inspect_container(&self, name: &str) -> Result<Option<Container>, DockerError> {
        match self
            .call(
                || format!("inspecting container {name}"),
                self.client.inspect_container(name, None),
            )
            .await
        {
            Err(error) if error.status() == Some(404) => Ok(None),
            other => Ok(Some(inspected_container(name, other?))),
        }
    }
}
