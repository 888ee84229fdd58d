//! Compose's services on the daemon: the containers Compose labelled for each `compose:`
//! selector of a topology, found by their labels (never by guessed names: Compose v1 names
//! them `proj_web_1`, v2 `proj-web-1`), one service of the topology per replica.

use super::{ComposeSelector, Expectation, Service, Topology};
use crate::live::Container;
use crate::live::labels::{
    COMPOSE_CONFIG_FILES, COMPOSE_NUMBER, COMPOSE_ONEOFF, COMPOSE_PROJECT, COMPOSE_SERVICE,
    COMPOSE_WORKING_DIR,
};
use std::path::{Path, PathBuf};

/// How many replicas of a scaled service become probe targets (`--replicas`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replicas {
    /// The first replica only.
    One,
    /// Every replica, up to this many per service.
    All(usize),
}

/// Replicas per service probed at most by default: a scaled service's checks grow with the
/// square of its replicas.
pub const REPLICA_BOUND: usize = 16;

impl Default for Replicas {
    fn default() -> Replicas {
        Replicas::All(REPLICA_BOUND)
    }
}

/// The topology with every Compose service resolved to its containers, and what a person
/// should know about it (a service without containers, replicas left out past the bound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub topology: Topology,
    pub notes: Vec<String>,
}

/// Each Compose service of `topology` becomes its running replicas as `containers` (the
/// daemon's list) show them: one replica keeps the service's key; several become `key#N` by
/// Compose's container number, each with the service's memberships, and the `expect` entries
/// that name the service apply to each of them.
pub fn resolve(topology: &Topology, containers: &[Container], replicas: Replicas) -> Resolved {
    let mut notes = Vec::new();
    let mut services = Vec::with_capacity(topology.services.len());
    let mut expanded: Vec<(String, Vec<String>)> = Vec::new();
    for service in &topology.services {
        let Some(selector) = &service.compose else {
            services.push(service.clone());
            continue;
        };
        let found = replicas_of(selector, containers);
        let kept = match replicas {
            Replicas::One => 1,
            Replicas::All(bound) => bound,
        };
        if found.is_empty() {
            notes.push(format!(
                "no container of Compose service `{}` of project `{}` on the daemon",
                selector.service, selector.project
            ));
            services.push(service.clone());
            continue;
        }
        if matches!(replicas, Replicas::All(_)) && found.len() > kept {
            notes.push(format!(
                "`{}` has {} replicas; the first {kept} are probed (--replicas bounds it)",
                service.key,
                found.len()
            ));
        }
        let unprobed: Vec<std::net::IpAddr> = found
            .iter()
            .skip(kept)
            .flat_map(|(_, c)| c.endpoints.iter().flat_map(|e| e.addresses.iter().copied()))
            .collect();
        let chosen: Vec<(u32, &Container)> = found.into_iter().take(kept).collect();
        if let [(_, only)] = chosen.as_slice() {
            services.push(Service {
                container: only.name.clone(),
                unprobed_replicas: unprobed,
                ..service.clone()
            });
            continue;
        }
        let keys: Vec<String> = chosen
            .iter()
            .map(|(number, _)| format!("{}#{number}", service.key))
            .collect();
        for ((_, container), key) in chosen.iter().zip(&keys) {
            services.push(Service {
                key: key.clone(),
                container: container.name.clone(),
                replica_of: Some(service.key.clone()),
                unprobed_replicas: unprobed.clone(),
                ..service.clone()
            });
        }
        expanded.push((service.key.clone(), keys));
    }
    Resolved {
        topology: Topology {
            services,
            expect: expectations(&topology.expect, &expanded),
            ..topology.clone()
        },
        notes,
    }
}

/// The service's containers by replica number; a `docker-compose run` one-off is not one.
fn replicas_of<'a>(
    selector: &ComposeSelector,
    containers: &'a [Container],
) -> Vec<(u32, &'a Container)> {
    let label = |container: &'a Container, key: &str| container.labels.get(key).map(String::as_str);
    let mut found: Vec<(u32, &Container)> = containers
        .iter()
        .filter(|c| label(c, COMPOSE_PROJECT) == Some(selector.project.as_str()))
        .filter(|c| label(c, COMPOSE_SERVICE) == Some(selector.service.as_str()))
        .filter(|c| {
            label(c, COMPOSE_ONEOFF).is_none_or(|oneoff| !oneoff.eq_ignore_ascii_case("true"))
        })
        .map(|c| {
            let number = label(c, COMPOSE_NUMBER)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            (number, c)
        })
        .collect();
    found.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
    found
}

/// Each entry naming a scaled service, once per replica on that side.
fn expectations(expect: &[Expectation], expanded: &[(String, Vec<String>)]) -> Vec<Expectation> {
    let sides = |key: &str| -> Vec<String> {
        expanded
            .iter()
            .find(|(service, _)| service == key)
            .map_or_else(|| vec![key.to_owned()], |(_, keys)| keys.clone())
    };
    expect
        .iter()
        .flat_map(|entry| {
            let targets = sides(&entry.to);
            sides(&entry.from).into_iter().flat_map(move |from| {
                targets.clone().into_iter().map(move |to| Expectation {
                    from: from.clone(),
                    to,
                    ..entry.clone()
                })
            })
        })
        .collect()
}

/// Where a running Compose project came from, read off its containers' labels: its compose
/// files (absolute, as Compose recorded them) and its directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub config_files: Vec<PathBuf>,
    pub working_dir: Option<PathBuf>,
}

/// The origin of project `name` as its first service container records it; `None` when no
/// container of the project is on the daemon.
pub fn origin(name: &str, containers: &[Container]) -> Option<Origin> {
    let container = containers.iter().find(|c| {
        c.labels.get(COMPOSE_PROJECT).map(String::as_str) == Some(name)
            && c.labels.contains_key(COMPOSE_CONFIG_FILES)
    })?;
    let files = container.labels.get(COMPOSE_CONFIG_FILES)?;
    let working_dir = container.labels.get(COMPOSE_WORKING_DIR).map(PathBuf::from);
    // Compose v1 records the files as given on its command line: relative to its directory.
    let placed = |file: &str| match &working_dir {
        Some(dir) if Path::new(file).is_relative() => dir.join(file),
        _ => PathBuf::from(file),
    };
    Some(Origin {
        config_files: files
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(placed)
            .collect(),
        working_dir: working_dir.clone(),
    })
}
