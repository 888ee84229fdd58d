//! A declared container as probes need it: its process (whose network namespace they enter)
//! and its addresses and aliases on each network, from one inspect per container.

use super::engine::user_aliases;
use super::{DockerError, Engine};
use std::net::IpAddr;

/// A container as the daemon reports it now; `pid` is `None` when it does not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningContainer {
    pub id: String,
    pub name: String,
    pub pid: Option<u32>,
    pub endpoints: Vec<Attachment>,
}

/// One network the container is attached to, by the network's Docker name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub network_name: String,
    pub addresses: Vec<IpAddr>,
    pub aliases: Vec<String>,
}

impl Engine {
    /// One call; a container that does not exist is `None`, not an error.
    pub async fn inspect_running(
        &self,
        name: &str,
    ) -> Result<Option<RunningContainer>, DockerError> {
        let inspected = match self
            .call(
                || format!("inspecting container {name}"),
                self.client.inspect_container(name, None),
            )
            .await
        {
            Err(error) if error.status() == Some(404) => return Ok(None),
            other => other?,
        };
        let id = inspected.id.unwrap_or_default();
        let short_id: String = id.chars().take(12).collect();
        let state = inspected.state.unwrap_or_default();
        let pid = state
            .pid
            .filter(|pid| *pid > 0 && state.running == Some(true))
            .and_then(|pid| u32::try_from(pid).ok());
        let mut endpoints: Vec<Attachment> = inspected
            .network_settings
            .and_then(|s| s.networks)
            .unwrap_or_default()
            .into_iter()
            .map(|(network_name, settings)| Attachment {
                network_name,
                addresses: [settings.ip_address, settings.global_ipv6_address]
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.parse().ok())
                    .collect(),
                aliases: user_aliases(settings.aliases, &short_id),
            })
            .collect();
        endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
        Ok(Some(RunningContainer {
            id,
            name: name.to_owned(),
            pid,
            endpoints,
        }))
    }
}
