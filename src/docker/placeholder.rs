//! Placeholder containers: the agent image serving a service's ports, started by netctl on
//! the service's first network (its aliases and static address there) and labelled as
//! netctl's, so that it is the only kind of container netctl removes besides its sidecars.

use super::{DaemonError, Engine};
use crate::live::labels;
use crate::probe::daemon::PlaceholderSpec;
use bollard::models::{
    ContainerCreateBody, EndpointIpamConfig, EndpointSettings, HostConfig, NetworkingConfig,
};
use bollard::query_parameters::CreateContainerOptionsBuilder;
use std::collections::HashMap;

impl Engine {
    /// Creates and starts it; returns its id. The role label is always added.
    pub(super) async fn placeholder(&self, spec: &PlaceholderSpec) -> Result<String, DaemonError> {
        let mut labels: HashMap<String, String> = spec.labels.clone().into_iter().collect();
        labels.insert(labels::ROLE.to_owned(), labels::PLACEHOLDER_ROLE.to_owned());
        let endpoint = EndpointSettings {
            aliases: (!spec.endpoint.aliases.is_empty()).then(|| spec.endpoint.aliases.clone()),
            ipam_config: spec
                .endpoint
                .ipv4_address
                .map(|address| EndpointIpamConfig {
                    ipv4_address: Some(address.to_string()),
                    ..EndpointIpamConfig::default()
                }),
            ..EndpointSettings::default()
        };
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            cmd: Some(spec.args.clone()),
            labels: Some(labels),
            host_config: Some(HostConfig {
                network_mode: Some(spec.network.clone()),
                cap_drop: Some(vec!["ALL".to_owned()]),
                readonly_rootfs: Some(true),
                ..HostConfig::default()
            }),
            networking_config: Some(NetworkingConfig {
                endpoints_config: Some(HashMap::from([(spec.network.clone(), endpoint)])),
            }),
            ..ContainerCreateBody::default()
        };
        let options = CreateContainerOptionsBuilder::default()
            .name(&spec.name)
            .build();
        let created = self
            .call(
                || format!("creating the placeholder {}", spec.name),
                self.client.create_container(Some(options), body),
            )
            .await?;
        self.call(
            || format!("starting the placeholder {}", spec.name),
            self.client.start_container(&created.id, None),
        )
        .await?;
        Ok(created.id)
    }
}
