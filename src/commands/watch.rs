//! `netctl apply --watch`: after the first apply, follow the daemon's events and apply again
//! whenever a container starts or a membership changes, until Ctrl-C, which `apply` hears
//! around the whole watch (exit 130, like every interrupted command).

use super::apply::{Round, Target, round};
use super::{Error, Outcome};
use crate::apply::Networks;
use crate::cli::ApplyArgs;
use crate::docker::Engine;
use crate::live::Daemon;
use crate::live::{DaemonError, DaemonEvent};
use futures_util::{Stream, StreamExt};
use std::path::Path;
use std::pin::pin;
use std::time::Duration;

/// Compose recreates containers in bursts of events; one apply after the burst is enough.
const QUIET_PERIOD: Duration = Duration::from_millis(250);

pub(super) async fn run(
    docker: &Engine,
    target: &Target,
    args: &ApplyArgs,
    dir: &Path,
) -> Result<Outcome, Error> {
    let mut events = pin!(docker.events());
    eprintln!(
        "netctl: watching {} for container starts and network changes; Ctrl-C stops",
        docker.endpoint()
    );
    loop {
        next_event(events.next().await)?;
        settle(&mut events).await?;
        // A blocked or refused round is reported and the watch goes on.
        if let Err(error) = round(docker, target, args, dir, Round::Watch).await {
            eprintln!("{error}");
        }
    }
}

fn next_event(event: Option<Result<DaemonEvent, DaemonError>>) -> Result<DaemonEvent, Error> {
    match event {
        Some(result) => Ok(result?),
        None => Err(Error::Reported(
            "error: the daemon closed its event stream".to_owned(),
        )),
    }
}

/// Waits until the daemon has been quiet for `QUIET_PERIOD`.
async fn settle(
    events: &mut (impl Stream<Item = Result<DaemonEvent, DaemonError>> + Unpin),
) -> Result<(), Error> {
    while let Ok(event) = tokio::time::timeout(QUIET_PERIOD, events.next()).await {
        next_event(event)?;
    }
    Ok(())
}
