//! The probe strategies' seams ([`SidecarRunner`], [`Executor`]) served by the Engine. The
//! scheduler calls them from plain threads, one per source namespace, so each call blocks on
//! the runtime that owns the daemon connection: a multi-thread runtime, whose workers keep
//! the connection's IO going while those threads wait.

use super::{Engine, SidecarGate};
use crate::live::labels;
use crate::probe::{ExecOutput, Executor, SidecarRunner, Target};
use std::sync::Arc;
use tokio::runtime::Handle;

/// Sidecars from the agent image `image`, labelled with the project they probe.
pub struct EngineSidecar {
    pub engine: Arc<Engine>,
    pub runtime: Handle,
    pub image: String,
    pub project: String,
    pub gate: Arc<SidecarGate>,
}

impl SidecarRunner for EngineSidecar {
    fn run(
        &self,
        source: &Target,
        args: &[String],
        labels: &[(String, String)],
    ) -> Result<Vec<u8>, String> {
        let mut labels = labels.to_vec();
        labels.push((labels::PROJECT.to_owned(), self.project.clone()));
        let output = self
            .runtime
            .block_on(self.engine.run_sidecar(
                &self.gate,
                &self.image,
                &source.container.name,
                args,
                &labels,
            ))
            .map_err(|error| error.to_string())?;
        if output.stdout.is_empty() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!(
                "it printed nothing{}",
                if stderr.trim().is_empty() {
                    String::new()
                } else {
                    format!(" (stderr: {})", stderr.trim())
                }
            ));
        }
        Ok(output.stdout)
    }
}

/// `docker exec` through the API.
pub struct EngineExec {
    pub engine: Arc<Engine>,
    pub runtime: Handle,
}

impl Executor for EngineExec {
    fn exec(&self, container: &str, argv: &[String]) -> Result<ExecOutput, String> {
        let result = self
            .runtime
            .block_on(self.engine.exec(container, argv))
            .map_err(|error| error.to_string())?;
        Ok(ExecOutput {
            status: result.status,
            stdout: result.stdout,
            stderr: result.stderr,
        })
    }
}
