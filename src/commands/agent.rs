//! `netctl agent serve` and the hidden `netctl agent rootfs` and `netctl agent probe`.

use super::{Error, Outcome};
use crate::agent::{self, ServeConfig};
use crate::cli::{AgentCommand, AgentImageArgs};
use crate::probe::image::{ImageState, ensure_image};
use crate::probe::rootfs::{RootfsError, rootfs_files, rootfs_tar};
use std::io::{IsTerminal, Write};

pub fn run(command: AgentCommand) -> Result<Outcome, Error> {
    match command {
        AgentCommand::Serve(args) => {
            agent::serve(&ServeConfig {
                bind: args.bind,
                tcp: args.tcp,
                http: args.http,
            })?;
            Ok(Outcome::Clean)
        }
        AgentCommand::Rootfs => write_rootfs(),
        AgentCommand::Probe(args) => {
            let options = crate::probe::Options {
                timeout: args.timeout,
                count: args.count,
                ..crate::probe::Options::default()
            };
            let deadline = std::time::Duration::from_secs(args.deadline);
            let json = agent::probe::run_probes(&args.probes, &options, deadline)?;
            super::print(&format!("{json}\n"))
        }
        AgentCommand::Image(args) => build_image(&args),
    }
}

/// `netctl agent image`: imports this binary as the agent image unless it is there already.
fn build_image(args: &AgentImageArgs) -> Result<Outcome, Error> {
    let session = super::probing::session(&args.daemon)?;
    let (tag, state) = session
        .runtime
        .block_on(ensure_image(
            session.engine.as_ref(),
            &session.agent_binary,
            args.refresh,
        ))
        .map_err(crate::probe::live::LiveError::from)?;
    let what = match state {
        ImageState::Current => "already holds this netctl",
        ImageState::Imported => "imported from this netctl",
    };
    super::print(&format!("{tag}: {what}\n"))
}

/// A tar on a terminal is noise and a hazard: it must go to a pipe or a file.
fn write_rootfs() -> Result<Outcome, Error> {
    let mut stdout = std::io::stdout().lock();
    if stdout.is_terminal() {
        return Err(Error::Reported(
            "error: the root filesystem is a tar stream: pipe it, e.g. \
             `netctl agent rootfs | docker import - netctl-agent:dev`"
                .to_owned(),
        ));
    }
    let exe = std::env::current_exe().map_err(|source| RootfsError::Read {
        path: "/proc/self/exe".into(),
        source,
    })?;
    let tar = rootfs_tar(&rootfs_files(&exe)?)?;
    stdout
        .write_all(&tar)
        .and_then(|()| stdout.flush())
        .map_err(Error::Output)?;
    Ok(Outcome::Clean)
}
