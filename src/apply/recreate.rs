//! Recreating a network without losing an endpoint: journal, disconnect, remove, create,
//! reconnect, forget the journal. `replay` finishes what a killed apply left half done.

use super::Networks;
use super::{ApplyError, done_unless_gone};
use crate::live::{Container, Network, NetworkSettings, labels};
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
    journal: &Journal<'_>,
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
    journal.record(docker, &entry).await?;
    let (networks, containers) = futures_util::try_join!(docker.networks(), docker.containers())?;
    complete(&entry, docker, journal, &networks, &containers).await?;
    journal.finish(docker, &spec.name).await?;
    Ok(())
}

/// Finishes every recreate of `project` a previous apply journaled but did not complete;
/// returns the networks it repaired. Every entry is attempted; the first failure is returned
/// once all were tried.
pub async fn replay(
    docker: &impl Networks,
    journal: &Journal<'_>,
    project: &str,
) -> Result<Vec<String>, ApplyError> {
    let mut repaired = Vec::new();
    let mut failed = None;
    for entry in journal.unfinished(docker).await? {
        let finished = match complete_owned(&entry, docker, journal, project).await {
            Ok(()) => journal
                .finish(docker, &entry.spec.name)
                .await
                .map_err(ApplyError::from),
            Err(error) => Err(error),
        };
        match finished {
            Ok(()) => repaired.push(entry.spec.name),
            Err(error) => {
                failed.get_or_insert(error);
            }
        }
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(repaired),
    }
}

/// A journal entry is acted on only when everything it names is this project's: a journal
/// marker planted on the daemon cannot make netctl remove or rebuild someone else's network.
async fn complete_owned(
    entry: &JournalEntry,
    docker: &impl Networks,
    journal: &Journal<'_>,
    project: &str,
) -> Result<(), ApplyError> {
    let (networks, containers) = futures_util::try_join!(docker.networks(), docker.containers())?;
    let foreign = |why: String| ApplyError::ForeignJournal {
        network: entry.spec.name.clone(),
        why,
    };
    if entry.spec.labels.get(labels::PROJECT).map(String::as_str) != Some(project) {
        return Err(foreign(format!(
            "it would create {} without project {project}'s label",
            entry.spec.name
        )));
    }
    let named = networks
        .iter()
        .filter(|n| n.id == entry.old_id || n.settings.name == entry.spec.name);
    for network in named {
        if network.owner() != Some(project) {
            return Err(foreign(format!(
                "network {} ({}) is not project {project}'s",
                network.settings.name,
                short(&network.id)
            )));
        }
    }
    complete(entry, docker, journal, &networks, &containers).await
}

/// Every step checks what is already done, so running it again after a crash at any point
/// converges on the same result. Every endpoint is attempted; those that fail stay in the
/// journal, with why, and the rest is done. `networks` and `containers` are the daemon as
/// read just before.
async fn complete(
    entry: &JournalEntry,
    docker: &impl Networks,
    journal: &Journal<'_>,
    networks: &[Network],
    containers: &[Container],
) -> Result<(), ApplyError> {
    if let Some(old) = networks.iter().find(|n| n.id == entry.old_id) {
        for container in containers
            .iter()
            .filter(|c| c.endpoint_on(&old.id).is_some())
        {
            done_unless_gone(docker.disconnect(&old.id, &container.id).await)?;
        }
        done_unless_gone(docker.remove_network(&old.id).await)?;
        inject_fault("after-remove");
    }
    let existing = networks
        .iter()
        .find(|n| n.settings.name == entry.spec.name && n.id != entry.old_id);
    let new_id = match existing {
        Some(network) => network.id.clone(),
        None => docker.create_network(&entry.spec).await?,
    };
    let mut owed = Vec::new();
    let mut unrestored = Vec::new();
    for restore in &entry.endpoints {
        let Some(container) = containers.iter().find(|c| c.name == restore.container) else {
            eprintln!(
                "netctl: {} no longer exists; its endpoint on {} is not restored",
                restore.container, entry.spec.name
            );
            continue;
        };
        if container.endpoint_on(&new_id).is_some() {
            continue;
        }
        if let Err(error) = docker
            .connect(&new_id, &container.name, &restore.endpoint)
            .await
        {
            unrestored.push(Unrestored {
                container: restore.container.clone(),
                reason: error.to_string(),
            });
            owed.push(restore.clone());
        }
    }
    if unrestored.is_empty() {
        return Ok(());
    }
    journal
        .record(
            docker,
            &JournalEntry {
                endpoints: owed,
                ..entry.clone()
            },
        )
        .await?;
    Err(ApplyError::Unrestored {
        network: entry.spec.name.clone(),
        endpoints: unrestored,
    })
}

/// An endpoint a recreate could not bring back, and the daemon's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrestored {
    pub container: String,
    pub reason: String,
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

fn inject_fault(point: &str) {
    if std::env::var(FAULT_VARIABLE).is_ok_and(|v| v == point) {
        let _ =
            rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    }
}
