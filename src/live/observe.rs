//! Reading the live state in as few calls as the API allows: the network list and the
//! container list at once, then an inspect only for containers whose aliases matter.

use super::{Container, Daemon, DaemonError, Observed};
use futures_util::future::try_join_all;
use std::collections::BTreeSet;

/// Whose aliases to read: inspects cost a call per container, so only the ones a plan needs.
#[derive(Debug, Clone, Default)]
pub struct AliasScope {
    /// Every container attached to one of these networks (by name).
    pub networks: BTreeSet<String>,
    /// Every container on any network (import).
    pub all: bool,
}

/// The live state: 2 calls, plus one inspect per container attached to a network in `scope`.
pub async fn observe(docker: &impl Daemon, scope: &AliasScope) -> Result<Observed, DaemonError> {
    let (networks, mut containers) =
        futures_util::try_join!(docker.networks(), docker.containers())?;
    containers.retain(|c| !c.is_netctl_marker());
    let wanted: Vec<usize> = containers
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.endpoints.is_empty() && scope.covers(c))
        .filter(|(_, c)| c.endpoints.iter().all(|e| e.aliases.is_empty()))
        .map(|(index, _)| index)
        .collect();
    let inspected = try_join_all(
        wanted
            .iter()
            .map(|&index| docker.inspect_container(&containers[index].id)),
    )
    .await?;
    for (index, whole) in wanted.into_iter().zip(inspected) {
        let Some(whole) = whole else { continue };
        for endpoint in &mut containers[index].endpoints {
            if let Some(found) = whole.endpoint_on(&endpoint.network_id) {
                endpoint.aliases.clone_from(&found.aliases);
            }
        }
    }
    Ok(Observed {
        networks,
        containers,
    })
}

impl AliasScope {
    fn covers(&self, container: &Container) -> bool {
        self.all
            || container
                .endpoints
                .iter()
                .any(|e| self.networks.contains(&e.network_name))
    }
}
