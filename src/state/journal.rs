//! The recreate journal: every endpoint of a network written to disk before the network is
//! removed, so that a crash between remove and reconnect is repaired by the next apply.

use super::{StateError, files, io};
use crate::live::{EndpointSpec, NetworkSettings};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const PREFIX: &str = "recreate-";
const SUFFIX: &str = ".json";

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

/// The journal folder of one project on one daemon.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    pub fn new(dir: &Path) -> Journal {
        Journal {
            dir: dir.to_path_buf(),
        }
    }

    /// Writes the entry durably and privately (temp file, fsync, rename) before anything is
    /// removed.
    pub fn record(&self, entry: &JournalEntry) -> Result<PathBuf, StateError> {
        let path = self.path_for(&entry.spec.name);
        let text = serde_json::to_vec_pretty(entry).map_err(|e| StateError::BadJournal {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        files::write_atomically(&path, &text, 0o600)
            .map_err(|source| io("cannot write the journal", &path, source))?;
        Ok(path)
    }

    pub fn finish(&self, network: &str) -> Result<(), StateError> {
        let path = self.path_for(network);
        std::fs::remove_file(&path).map_err(|source| io("cannot delete the journal", &path, source))
    }

    /// Entries left by an apply that did not finish, oldest name first.
    pub fn unfinished(&self) -> Result<Vec<JournalEntry>, StateError> {
        let entries =
            std::fs::read_dir(&self.dir).map_err(|source| io("cannot read", &self.dir, source))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
            })
            .collect();
        paths.sort();
        paths.iter().map(|path| read(path)).collect()
    }

    fn path_for(&self, network: &str) -> PathBuf {
        self.dir.join(format!("{PREFIX}{network}{SUFFIX}"))
    }
}

fn read(path: &Path) -> Result<JournalEntry, StateError> {
    let text = files::read_own(path).map_err(|source| io("cannot read", path, source))?;
    serde_json::from_slice(&text).map_err(|e| StateError::BadJournal {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::Ipam;

    #[test]
    fn an_entry_survives_the_round_trip_until_finished() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let entry = JournalEntry {
            old_id: "abc".to_owned(),
            spec: NetworkSettings {
                name: "p-back".to_owned(),
                driver: "bridge".to_owned(),
                internal: true,
                attachable: false,
                enable_ipv6: false,
                options: Default::default(),
                labels: Default::default(),
                ipam: Ipam::default(),
            },
            endpoints: vec![JournalEndpoint {
                container: "c".to_owned(),
                endpoint: EndpointSpec {
                    aliases: vec!["a".to_owned()],
                    ipv4_address: Some("10.77.0.5".parse().unwrap()),
                    ..EndpointSpec::default()
                },
            }],
        };
        journal.record(&entry).unwrap();
        assert_eq!(journal.unfinished().unwrap(), vec![entry]);
        journal.finish("p-back").unwrap();
        assert_eq!(journal.unfinished().unwrap(), vec![]);
    }
}
