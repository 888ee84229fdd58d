//! The recreate journal, kept on the daemon: before a network is removed to be recreated, a
//! journal marker records what to create and every endpoint to reconnect, so that a crash
//! between remove and reconnect is repaired by the next apply, whichever netctl runs it. The
//! marker's labels cannot change, so what is still owed after a partial restore goes into a
//! new marker before the old one is removed: there is always one.

use super::markers::{MarkerSpec, Markers, is_marker, marker_name};
use super::{Ledger, StateError};
use crate::live::{Container, EndpointSpec, NetworkSettings, labels};
use serde::{Deserialize, Serialize};

/// One network being recreated: the old id, what to create, and whom to reconnect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub old_id: String,
    pub spec: NetworkSettings,
    pub endpoints: Vec<JournalEndpoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEndpoint {
    pub container: String,
    pub endpoint: EndpointSpec,
}

/// The journal of one project on one daemon.
#[derive(Debug, Clone)]
pub struct Journal<'l> {
    ledger: &'l Ledger,
    project: String,
}

impl Ledger {
    pub fn journal(&self, project: &str) -> Journal<'_> {
        Journal {
            ledger: self,
            project: project.to_owned(),
        }
    }
}

impl Journal<'_> {
    /// Records the entry on the daemon before anything is removed; replaces what an earlier
    /// record of the same network said.
    pub async fn record(
        &self,
        daemon: &impl Markers,
        entry: &JournalEntry,
    ) -> Result<(), StateError> {
        let text = serde_json::to_string(entry).map_err(|e| StateError::BadJournal {
            marker: entry.spec.name.clone(),
            detail: e.to_string(),
        })?;
        let name = marker_name(&[
            "journal",
            &entry.spec.name,
            &format!("{:08x}", fnv1a32(text.as_bytes())),
        ]);
        let spec = MarkerSpec::new(
            name,
            &self.ledger.image,
            labels::JOURNAL_ROLE,
            &self.project,
            [
                (labels::NETWORK, entry.spec.name.clone()),
                (labels::HOLDER, self.ledger.holder.label()),
                (labels::JOURNAL, text),
            ],
        );
        // `None`: this very entry is already recorded under its name.
        let kept = daemon.create_marker(&spec).await?;
        let stale = self.markers_of(daemon, &entry.spec.name).await?;
        for marker in stale
            .iter()
            .filter(|m| Some(&m.id) != kept.as_ref() && m.name != spec.name)
        {
            daemon.remove_marker(&marker.id).await?;
        }
        Ok(())
    }

    /// Forgets the network's entry: its recreate is complete, or abandoned.
    pub async fn finish(&self, daemon: &impl Markers, network: &str) -> Result<(), StateError> {
        for marker in self.markers_of(daemon, network).await? {
            daemon.remove_marker(&marker.id).await?;
        }
        Ok(())
    }

    /// Entries left by an apply that did not finish, by network name.
    pub async fn unfinished(&self, daemon: &impl Markers) -> Result<Vec<JournalEntry>, StateError> {
        let containers = daemon.containers().await?;
        let mut entries = containers
            .iter()
            .filter(|c| is_marker(c, labels::JOURNAL_ROLE, &self.project))
            .map(read)
            .collect::<Result<Vec<_>, _>>()?;
        // Two records of one network: a crash came between writing what is still owed and
        // removing the older record. The older owes more, and replaying it is safe (endpoints
        // already back are skipped), so it is the one kept.
        entries.sort_by(|a, b| {
            (&a.spec.name, std::cmp::Reverse(a.endpoints.len()))
                .cmp(&(&b.spec.name, std::cmp::Reverse(b.endpoints.len())))
        });
        entries.dedup_by(|later, kept| later.spec.name == kept.spec.name);
        Ok(entries)
    }

    async fn markers_of(
        &self,
        daemon: &impl Markers,
        network: &str,
    ) -> Result<Vec<Container>, StateError> {
        Ok(daemon
            .containers()
            .await?
            .into_iter()
            .filter(|c| is_marker(c, labels::JOURNAL_ROLE, &self.project))
            .filter(|c| c.labels.get(labels::NETWORK).map(String::as_str) == Some(network))
            .collect())
    }
}

fn read(marker: &Container) -> Result<JournalEntry, StateError> {
    let bad = |detail: String| StateError::BadJournal {
        marker: marker.name.clone(),
        detail,
    };
    let text = marker
        .labels
        .get(labels::JOURNAL)
        .ok_or_else(|| bad("it has no journal label".to_owned()))?;
    serde_json::from_str(text).map_err(|e| bad(e.to_string()))
}

/// FNV-1a: tells two records of one network apart in their names, nothing more.
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}
