//! Placeholder containers: the agent image serving a service's ports, started by netctl on
//! the service's first network (its aliases and static address there) and labelled as
//! netctl's, so that it is the only kind of container netctl removes besides its sidecars.

use super::{DockerError, Engine};
use crate::live::EndpointSpec;
use crate::live::labels;
use bollard::models::{
    ContainerCreateBody, EndpointIpamConfig, EndpointSettings, HostConfig, NetworkingConfig,
};
use bollard::query_parameters::CreateContainerOptionsBuilder;
use std::collections::{BTreeMap, HashMap};

/// A placeholder to start: its name, what the agent runs, its first network and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderSpec {
    pub name: String,
    pub image: String,
    pub args: Vec<String>,
    pub network: String,
    pub endpoint: EndpointSpec,
    pub labels: BTreeMap<String, String>,
}

impl Engine {
    /// Creates and starts it; returns its id. The role label is always added.
    pub async fn start_placeholder(&self, spec: &PlaceholderSpec) -> Result<String, DockerError> {
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
