//! Probe sidecars: a short-lived agent container in a source container's network namespace,
//! locked down (every capability dropped but NET_RAW, read-only, auto-removed), whose stdout
//! is read back; and the sweep that removes only netctl's own sidecars past their deadline.

use super::engine::describe;
use super::{Docker, DockerError, Engine};
use bollard::container::LogOutput;
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{AttachContainerOptionsBuilder, RemoveContainerOptionsBuilder};
use futures_util::StreamExt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// What a finished sidecar printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidecarOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Between create and start a sidecar is not yet auto-removed: a netctl that stops there
/// would leave a created container. On Ctrl-C the gate refuses new sidecars and lets the ones
/// being started finish starting; from then on each ends and removes itself by its deadline.
#[derive(Debug, Default)]
pub struct SidecarGate {
    stopping: AtomicBool,
    starting: AtomicUsize,
}

/// A sidecar between create and start; dropping it says the start is over.
struct Starting<'a>(&'a SidecarGate);

impl Drop for Starting<'_> {
    fn drop(&mut self) {
        self.0.starting.fetch_sub(1, Ordering::SeqCst);
    }
}

impl SidecarGate {
    fn enter(&self) -> Option<Starting<'_>> {
        self.starting.fetch_add(1, Ordering::SeqCst);
        let guard = Starting(self);
        (!self.stopping.load(Ordering::SeqCst)).then_some(guard)
    }

    /// Refuses new sidecars and waits (at most `limit`) for those being started.
    pub async fn close(&self, limit: Duration) {
        self.stopping.store(true, Ordering::SeqCst);
        let started = tokio::time::Instant::now();
        while self.starting.load(Ordering::SeqCst) > 0 && started.elapsed() < limit {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Engine {
    /// Creates, attaches to and starts the sidecar, then reads its output until it exits (the
    /// daemon removes it then). Attaching before the start loses nothing of a quick probe.
    pub async fn run_sidecar(
        &self,
        gate: &SidecarGate,
        image: &str,
        source_container: &str,
        args: &[String],
        labels: &[(String, String)],
    ) -> Result<SidecarOutput, DockerError> {
        let Some(starting) = gate.enter() else {
            return Err(DockerError::Transport {
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
        collect(attached.output, &id).await
    }

    /// Removes netctl's sidecars whose deadline passed (normally none: they end and are removed
    /// by themselves); a live one of a concurrent run is never touched. Returns the count.
    pub async fn sweep_expired_sidecars(&self) -> Result<usize, DockerError> {
        let now = SystemTime::now();
        let expired: Vec<String> = self
            .containers()
            .await?
            .into_iter()
            .filter(|c| {
                let labels: Vec<(String, String)> = c.labels.clone().into_iter().collect();
                crate::probe::sidecar::is_expired_sidecar(&labels, now)
            })
            .map(|c| c.id)
            .collect();
        for id in &expired {
            self.remove_container(id).await?;
        }
        Ok(expired.len())
    }

    /// Force-removes a container netctl started itself (callers check its role label).
    pub async fn remove_container(&self, id: &str) -> Result<(), DockerError> {
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

/// Reads a multiplexed stdout/stderr stream to its end.
pub(super) async fn collect(
    mut output: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<LogOutput, bollard::errors::Error>> + Send>,
    >,
    what: &str,
) -> Result<SidecarOutput, DockerError> {
    let mut collected = SidecarOutput::default();
    while let Some(chunk) = output.next().await {
        match chunk.map_err(|error| DockerError::Transport {
            call: format!("reading the output of {what}"),
            detail: describe(&error),
        })? {
            LogOutput::StdOut { message } | LogOutput::Console { message } => {
                collected.stdout.extend_from_slice(&message);
            }
            LogOutput::StdErr { message } => collected.stderr.extend_from_slice(&message),
            LogOutput::StdIn { .. } => {}
        }
    }
    Ok(collected)
}
