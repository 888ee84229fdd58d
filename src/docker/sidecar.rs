//! Probe sidecars: a short-lived agent container in a source container's network namespace,
//! locked down (every capability dropped but NET_RAW, read-only, auto-removed), whose stdout
//! is read back, and the removal of a container netctl started.

use super::engine::describe;
use super::{DaemonError, Engine};
use crate::probe::daemon::SidecarSpec;
use crate::probe::sidecar::{SidecarGate, SidecarOutput};
use bollard::container::LogOutput;
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{AttachContainerOptionsBuilder, RemoveContainerOptionsBuilder};
use futures_util::StreamExt;

impl Engine {
    /// Creates, attaches to and starts the sidecar, then reads its output until it exits (the
    /// daemon removes it then). Attaching before the start loses nothing of a quick probe.
    pub(super) async fn sidecar(
        &self,
        gate: &SidecarGate,
        sidecar: &SidecarSpec,
    ) -> Result<SidecarOutput, DaemonError> {
        let (image, source_container, args, labels) = (
            &sidecar.image,
            &sidecar.source,
            &sidecar.args,
            &sidecar.labels,
        );
        let Some(starting) = gate.enter() else {
            return Err(DaemonError::Transport {
                call: format!("starting a probe sidecar for {source_container}"),
                detail: "interrupted".to_owned(),
            });
        };
        let body = ContainerCreateBody {
            image: Some(image.to_owned()),
            cmd: Some(args.to_vec()),
            labels: Some(labels.iter().cloned().collect()),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            network_disabled: Some(false),
            host_config: Some(HostConfig {
                network_mode: Some(format!("container:{source_container}")),
                cap_drop: Some(vec!["ALL".to_owned()]),
                cap_add: Some(vec!["NET_RAW".to_owned()]),
                readonly_rootfs: Some(true),
                auto_remove: Some(true),
                ..HostConfig::default()
            }),
            ..ContainerCreateBody::default()
        };
        let created = self
            .call(
                || format!("creating a probe sidecar for {source_container}"),
                self.client.create_container(None, body),
            )
            .await?;
        let id = created.id;
        let attach = AttachContainerOptionsBuilder::default()
            .stream(true)
            .stdout(true)
            .stderr(true)
            .logs(true)
            .build();
        let attached = self
            .call(
                || format!("attaching to the probe sidecar {id}"),
                self.client.attach_container(&id, Some(attach)),
            )
            .await?;
        self.call(
            || format!("starting the probe sidecar {id}"),
            self.client.start_container(&id, None),
        )
        .await?;
        drop(starting);
        collect(attached.output, &id, usize::MAX).await
    }

    /// Force-removes a container netctl started itself (callers check its role label).
    pub(super) async fn force_remove(&self, id: &str) -> Result<(), DaemonError> {
        let options = RemoveContainerOptionsBuilder::default()
            .force(true)
            .v(true)
            .build();
        match self
            .call(
                || format!("removing container {id}"),
                self.client.remove_container(id, Some(options)),
            )
            .await
        {
            Err(error) if matches!(error.status(), Some(404 | 409)) => Ok(()),
            other => other,
        }
    }
}

/// Reads a multiplexed stdout/stderr stream to its end, keeping at most `kept` bytes of each.
pub(super) async fn collect(
    mut output: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<LogOutput, bollard::errors::Error>> + Send>,
    >,
    what: &str,
    kept: usize,
) -> Result<SidecarOutput, DaemonError> {
    let mut collected = SidecarOutput::default();
    while let Some(chunk) = output.next().await {
        match chunk.map_err(|error| DaemonError::Transport {
            call: format!("reading the output of {what}"),
            detail: describe(&error),
        })? {
            LogOutput::StdOut { message } | LogOutput::Console { message } => {
                keep(&mut collected.stdout, &message, kept);
            }
            LogOutput::StdErr { message } => keep(&mut collected.stderr, &message, kept),
            LogOutput::StdIn { .. } => {}
        }
    }
    Ok(collected)
}

/// Appends what fits under `kept` bytes.
fn keep(buffer: &mut Vec<u8>, message: &[u8], kept: usize) {
    let room = kept.saturating_sub(buffer.len());
    buffer.extend_from_slice(&message[..message.len().min(room)]);
}
