//! Markers on a real daemon: containers created from the agent image and never started, on no
//! network, so that they hold a name and labels and nothing else.

use super::{DaemonError, Engine};
use crate::state::{MarkerSpec, Markers};
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::CreateContainerOptionsBuilder;

impl Markers for Engine {
    async fn create_marker(&self, marker: &MarkerSpec) -> Result<Option<String>, DaemonError> {
        let body = ContainerCreateBody {
            image: Some(marker.image.clone()),
            labels: Some(marker.labels.clone().into_iter().collect()),
            network_disabled: Some(true),
            host_config: Some(HostConfig {
                network_mode: Some("none".to_owned()),
                ..HostConfig::default()
            }),
            ..ContainerCreateBody::default()
        };
        let options = CreateContainerOptionsBuilder::default()
            .name(&marker.name)
            .build();
        match self
            .call(
                || format!("creating the marker {}", marker.name),
                self.client.create_container(Some(options), body),
            )
            .await
        {
            Ok(created) => Ok(Some(created.id)),
            Err(error) if error.status() == Some(409) => Ok(None),
            Err(error) => Err(error),
        }
    }

    async fn remove_marker(&self, id: &str) -> Result<(), DaemonError> {
        self.force_remove(id).await
    }
}
