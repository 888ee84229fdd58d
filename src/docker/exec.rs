//! `docker exec` through the API, for the exec strategy: an argv (never a shell), no TTY, and
//! stdin only when the caller gives bytes for it; stdout, stderr and the exit status come back.

use super::sidecar::collect;
use super::{DaemonError, Engine};
use crate::probe::ExecOutput;
use bollard::exec::{CreateExecOptions, StartExecResults};
use std::pin::Pin;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// What is kept of each of an exec's streams: a probe reads a status line or a tool's few
/// words, and a peer that streams without end must not fill netctl's memory until `timeout`
/// ends the command (the rest is read and dropped).
const OUTPUT_KEPT: usize = 64 * 1024;

impl Engine {
    /// Three calls: create, start (attached: `stdin` written and closed, output read to the
    /// end), inspect for the exit status.
    pub(super) async fn run_exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, DaemonError> {
        let config = CreateExecOptions {
            cmd: Some(argv.to_vec()),
            attach_stdin: Some(stdin.is_some()),
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
            StartExecResults::Attached { output, input } => {
                if let Some(bytes) = stdin {
                    feed(input, bytes).await;
                }
                collect(output, &format!("an exec in {container}"), OUTPUT_KEPT).await?
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

/// Writes `bytes` to the exec's input and shuts the write side, which the daemon passes on as
/// end of input (`nc` reads the request to its end, then waits for the answer). A failed
/// write is not an error of its own: the command may have ended before reading (a refused
/// connection), and what it printed and its exit status say what happened.
async fn feed(mut input: Pin<Box<dyn AsyncWrite + Send>>, bytes: &[u8]) {
    if input.write_all(bytes).await.is_ok() {
        let _ = input.shutdown().await;
    }
}
