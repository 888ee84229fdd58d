//! `docker exec` through the API, for the exec strategy: an argv (never a shell), no TTY, no
//! stdin; stdout, stderr and the exit status come back.

use super::sidecar::collect;
use super::{DaemonError, Engine};
use crate::probe::ExecOutput;
use bollard::exec::{CreateExecOptions, StartExecResults};

impl Engine {
    /// Three calls: create, start (attached, read to the end), inspect for the exit status.
    pub(super) async fn run_exec(
        &self,
        container: &str,
        argv: &[String],
    ) -> Result<ExecOutput, DaemonError> {
        let config = CreateExecOptions {
            cmd: Some(argv.to_vec()),
            attach_stdin: Some(false),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            tty: Some(false),
            ..CreateExecOptions::default()
        };
        let created = self
            .call(
                || format!("creating an exec in {container}"),
                self.client.create_exec(container, config),
            )
            .await?;
        let started = self
            .call(
                || format!("starting an exec in {container}"),
                self.client.start_exec(&created.id, None),
            )
            .await?;
        let output = match started {
            StartExecResults::Attached { output, .. } => {
                collect(output, &format!("an exec in {container}")).await?
            }
            StartExecResults::Detached => crate::probe::sidecar::SidecarOutput::default(),
        };
        let inspected = self
            .call(
                || format!("reading the exit status of an exec in {container}"),
                self.client.inspect_exec(&created.id),
            )
            .await?;
        Ok(ExecOutput {
            status: inspected.exit_code.unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}
