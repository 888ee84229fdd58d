//! Recreating a network without losing an endpoint: journal, disconnect, remove, create,
//! reconnect, forget the journal. `replay` finishes what a killed apply left half done.

use super::ApplyError;
use super::Networks;
use crate::live::DaemonError;
use crate::live::NetworkSettings;
use crate::plan::Restore;
use crate::state::{Journal, JournalEndpoint, JournalEntry};

/// Hidden fault injection for the crash test: `after-remove` kills netctl with SIGKILL right
/// after the old network is gone, the worst moment for a crash.
const FAULT_VARIABLE: &str = "NETCTL_FAULT_INJECT";

pub async fn run(
    old_id: &str,
    spec: &NetworkSettings,
    endpoints: &[Restore],
    docker: &impl Networks,
    journal: &Journal,
) -> Result<(), ApplyError> {
    let entry = JournalEntry {
        old_id: old_id.to_owned(),
        spec: spec.clone(),
        endpoints: endpoints
            .iter()
            .map(|restore| JournalEndpoint {
                container: restore.container.clone(),
                endpoint: restore.endpoint.clone(),
            })
            .collect(),
    };
    journal.record(&entry)?;
    complete(&entry, docker).await?;
    journal.finish(&spec.name)?;
    Ok(())
}

/// Finishes every recreate a previous apply journaled but did not complete; returns the
/// networks it repaired.
pub async fn replay(docker: &impl Networks, journal: &Journal) -> Result<Vec<String>, ApplyError> {
    let mut repaired = Vec::new();
    for entry in journal.unfinished()? {
        complete(&entry, docker).await?;
        journal.finish(&entry.spec.name)?;
        repaired.push(entry.spec.name);
    }
    Ok(repaired)
}

/// Every step checks what is already done, so running it again after a crash at any point
/// converges on the same result.
async fn complete(entry: &JournalEntry, docker: &impl Networks) -> Result<(), ApplyError> {
    let (networks, containers) = futures_util::try_join!(docker.networks(), docker.containers())?;
    if let Some(old) = networks.iter().find(|n| n.id == entry.old_id) {
        for container in containers
            .iter()
            .filter(|c| c.endpoint_on(&old.id).is_some())
        {
            ignore_missing(docker.disconnect(&old.id, &container.id).await)?;
        }
        ignore_missing(docker.remove_network(&old.id).await)?;
        inject_fault("after-remove");
    }
    let existing = networks
        .iter()
        .find(|n| n.settings.name == entry.spec.name && n.id != entry.old_id);
    let new_id = match existing {
        Some(network) => network.id.clone(),
        None => docker.create_network(&entry.spec).await?,
    };
    for restore in &entry.endpoints {
        let Some(container) = containers.iter().find(|c| c.name == restore.container) else {
            eprintln!(
                "netctl: {} no longer exists; its endpoint on {} is not restored",
                restore.container, entry.spec.name
            );
            continue;
        };
        if container.endpoint_on(&new_id).is_none() {
            docker
                .connect(&new_id, &container.name, &restore.endpoint)
                .await?;
        }
    }
    Ok(())
}

/// Something already gone is what this step wanted anyway.
fn ignore_missing(result: Result<(), DaemonError>) -> Result<(), DaemonError> {
    match result {
        Err(error) if error.status() == Some(404) => Ok(()),
        other => other,
    }
}

fn inject_fault(point: &str) {
    if std::env::var(FAULT_VARIABLE).is_ok_and(|v| v == point) {
        let _ =
            rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    }
}
