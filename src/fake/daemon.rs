//! The fake daemon behind the three daemon seams, call for call as the bollard adapter
//! serves them: the same call names in errors, the same "not found" answers.

use super::world::{FakeContainer, FakeImage, Refusal, World};
use super::{FakeDaemon, api};
use crate::apply::Networks;
use crate::live::{
    Container, Daemon, DaemonError, DaemonEvent, EndpointSpec, Network, NetworkMode,
    NetworkSettings, labels,
};
use crate::probe::ExecOutput;
use crate::probe::daemon::{Containers, ImageInfo, PlaceholderSpec, SidecarSpec};
use crate::probe::sidecar::{SidecarGate, SidecarOutput};
use crate::state::{MarkerSpec, Markers};
use futures_util::Stream;
use sha2::{Digest, Sha256};
use std::sync::atomic::Ordering;

/// What `daemon_id` answers: shaped like the Engine's (`ABCD:EFGH:...`).
const DAEMON_ID: &str = "FAKE:DAEM:ON00:0000:0000:0000:0000:0000:0000:0000:0000:0001";

impl Daemon for FakeDaemon {
    fn endpoint(&self) -> &str {
        "fake://in-memory"
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }

    async fn daemon_id(&self) -> Result<String, DaemonError> {
        self.read("reading the daemon's info", |_| DAEMON_ID.to_owned())
    }

    async fn networks(&self) -> Result<Vec<Network>, DaemonError> {
        self.read("listing networks", World::networks)
    }

    async fn containers(&self) -> Result<Vec<Container>, DaemonError> {
        self.read("listing containers", World::listed_containers)
    }

    async fn inspect_container(&self, name: &str) -> Result<Option<Container>, DaemonError> {
        self.read(&format!("inspecting container {name}"), |world| {
            world.inspect(name)
        })
    }
}

/// Markers are netctl's bookkeeping, not the network writes a fault plan aims at: they are
/// counted as calls and refused after a crash, but never faulted, so that a fault's index
/// names the same network write with or without them.
impl Markers for FakeDaemon {
    async fn create_marker(&self, marker: &MarkerSpec) -> Result<Option<String>, DaemonError> {
        let created = self.mark(&format!("creating the marker {}", marker.name), |world| {
            find_image(world, &marker.image)?;
            let mut container = FakeContainer::new(&marker.name);
            container.image.clone_from(&marker.image);
            container.labels.clone_from(&marker.labels);
            container.network_mode = NetworkMode::None;
            world
                .add_container(container)
                .map(|(id, event)| (id, vec![event]))
        });
        match created {
            Ok(id) => Ok(Some(id)),
            Err(error) if error.status() == Some(409) => Ok(None),
            Err(error) => Err(error),
        }
    }

    async fn remove_marker(&self, id: &str) -> Result<(), DaemonError> {
        self.mark(&format!("removing the marker {id}"), |world| {
            Ok(((), world.remove_container(id)))
        })
    }
}

impl Networks for FakeDaemon {
    async fn create_network(&self, spec: &NetworkSettings) -> Result<String, DaemonError> {
        self.write(&format!("creating network {}", spec.name), |world| {
            world
                .create_network(spec)
                .map(|(id, event)| (id, vec![event]))
        })
    }

    async fn remove_network(&self, network: &str) -> Result<(), DaemonError> {
        self.write(&format!("removing network {network}"), |world| {
            world.remove_network(network).map(|event| ((), vec![event]))
        })
    }

    async fn connect(
        &self,
        network: &str,
        container: &str,
        endpoint: &EndpointSpec,
    ) -> Result<(), DaemonError> {
        self.write(&format!("connecting {container} to {network}"), |world| {
            world
                .connect(network, container, endpoint)
                .map(|events| ((), events))
        })
    }

    async fn disconnect(&self, network: &str, container: &str) -> Result<(), DaemonError> {
        self.write(
            &format!("disconnecting {container} from {network}"),
            |world| {
                world
                    .disconnect(network, container)
                    .map(|events| ((), events))
            },
        )
    }

    fn events(&self) -> impl Stream<Item = Result<DaemonEvent, DaemonError>> + '_ {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.feed.subscribe()
    }
}

impl Containers for FakeDaemon {
    async fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, DaemonError> {
        let call = format!("creating an exec in {container}");
        let target = self.read(&call, |world| world.container(container).cloned())?;
        let target = target.and_then(running).map_err(|r| api(&call, r))?;
        Ok(match &self.exec {
            Some(script) => script(&target.name, argv, stdin),
            None => ExecOutput {
                status: 127,
                stdout: String::new(),
                stderr: format!("{}: not found", argv.first().map_or("", String::as_str)),
            },
        })
    }

    async fn run_sidecar(
        &self,
        gate: &SidecarGate,
        sidecar: &SidecarSpec,
    ) -> Result<SidecarOutput, DaemonError> {
        let call = format!("creating a probe sidecar for {}", sidecar.source);
        let Some(_starting) = gate.enter() else {
            return Err(DaemonError::Transport {
                call,
                detail: "interrupted".to_owned(),
            });
        };
        self.write(&call, |world| {
            find_image(world, &sidecar.image)?;
            running(world.container(&sidecar.source)?.clone())?;
            let lifetime = ["create", "start", "destroy"].map(container_event);
            Ok(((), lifetime.to_vec()))
        })?;
        Ok(self
            .sidecar
            .as_ref()
            .map(|script| script(sidecar))
            .unwrap_or_default())
    }

    async fn start_placeholder(&self, spec: &PlaceholderSpec) -> Result<String, DaemonError> {
        self.write(
            &format!("creating the placeholder {}", spec.name),
            |world| {
                find_image(world, &spec.image)?;
                let mut container = FakeContainer::new(&spec.name);
                container.image.clone_from(&spec.image);
                container.labels.clone_from(&spec.labels);
                container
                    .labels
                    .insert(labels::ROLE.to_owned(), labels::PLACEHOLDER_ROLE.to_owned());
                let (id, created) = world.add_container(container)?;
                world.connect(&spec.network, &id, &spec.endpoint)?;
                let mut events = vec![created];
                events.extend(world.start(&id)?);
                Ok((id, events))
            },
        )
    }

    async fn remove_container(&self, id: &str) -> Result<(), DaemonError> {
        self.write(&format!("removing container {id}"), |world| {
            Ok(((), world.remove_container(id)))
        })
    }

    async fn image(&self, reference: &str) -> Result<Option<ImageInfo>, DaemonError> {
        self.read(&format!("inspecting image {reference}"), |world| {
            find_image(world, reference).ok().map(|image| ImageInfo {
                id: image.id.clone(),
                labels: image.labels.clone(),
            })
        })
    }

    async fn import_image(
        &self,
        rootfs: Vec<u8>,
        repo: &str,
        tag: &str,
        changes: &[String],
    ) -> Result<(), DaemonError> {
        let reference = format!("{repo}:{tag}");
        self.write(&format!("importing the image {reference}"), |world| {
            let id = format!("sha256:{:x}", Sha256::digest(&rootfs));
            for image in &mut world.images {
                image.tags.retain(|t| *t != reference);
            }
            world.images.retain(|i| i.id != id);
            world.images.push(FakeImage {
                id,
                tags: vec![reference.clone()],
                labels: changes
                    .iter()
                    .filter_map(|c| c.strip_prefix("LABEL "))
                    .filter_map(|c| c.split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            });
            Ok(((), Vec::new()))
        })
    }

    async fn remove_image(&self, reference: &str, force: bool) -> Result<(), DaemonError> {
        self.write(&format!("removing image {reference}"), |world| {
            let Ok(image) = find_image(world, reference).cloned() else {
                return Ok(((), Vec::new()));
            };
            if !force && world.image_in_use(&image) {
                return Err(Refusal {
                    status: 409,
                    message: format!(
                        "conflict: unable to remove repository reference \"{reference}\" \
                         (must force) - container is using its referenced image {}",
                        image.id
                    ),
                });
            }
            world.images.retain(|i| i.id != image.id);
            Ok(((), Vec::new()))
        })
    }
}

fn running(container: FakeContainer) -> Result<FakeContainer, Refusal> {
    if container.running {
        Ok(container)
    } else {
        Err(Refusal {
            status: 409,
            message: format!("Container {} is not running", container.id),
        })
    }
}

fn find_image<'w>(world: &'w World, reference: &str) -> Result<&'w FakeImage, Refusal> {
    world
        .images
        .iter()
        .find(|i| i.id == reference || i.tags.iter().any(|t| t == reference))
        .ok_or_else(|| Refusal {
            status: 404,
            message: format!("No such image: {reference}"),
        })
}

/// A sidecar's own event: it concerns no container of a topology.
fn container_event(action: &str) -> DaemonEvent {
    DaemonEvent {
        kind: "container".to_owned(),
        action: action.to_owned(),
        name: "netctl-sidecar".to_owned(),
    }
}
