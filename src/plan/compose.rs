//! Compose's own networks in a plan. A network that carries Compose's project and network
//! labels belongs to that Compose project (unless this project's netctl created it, labels and
//! all): Compose removes it on `down` and refuses to `up` when it no longer matches the compose
//! file, so netctl compares it with the file as Compose compares it, never recreates or removes
//! it, and where it differs reports drift with the Compose command that rebuilds it.

use super::settings::differences;
use super::{Action, Change};
use crate::compose::COMPOSE_FILE_NAMES;
use crate::live::labels::{
    COMPOSE_CONFIG_FILES, COMPOSE_LABEL_PREFIX, COMPOSE_PROJECT, COMPOSE_WORKING_DIR,
};
use crate::live::{ComposeNetwork, Network as LiveNetwork, NetworkSettings, Observed};
use serde::{Deserialize, Serialize};

/// A network the plan found to belong to a Compose project: what `plan` says about it even
/// when it matches the file, so nobody takes the silence for netctl's ownership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeOwned {
    /// The Docker name.
    pub network: String,
    /// The Compose project it belongs to.
    pub project: String,
    /// Whether its settings differ from the file (the plan then holds a drift item for it).
    pub differs: bool,
}

/// What differs between the file and a Compose network, as Compose itself judges it (1.29's
/// `check_remote_network_config`): driver, options, IPAM, `internal`, `enable_ipv6` and the
/// labels the file declares. Compose's own labels (`com.docker.compose.*`, whose values differ
/// between Compose v1 and v2) and `attachable` (1.29 makes every network attachable, v2 only
/// on request, and neither compares it) are Compose's business: reporting them would be
/// drift that Compose's own recreate does not remove.
pub fn compose_differences(wanted: &NetworkSettings, live: &LiveNetwork) -> Vec<Change> {
    let compose_label = format!("labels.{COMPOSE_LABEL_PREFIX}");
    differences(wanted, live, false)
        .into_iter()
        .filter(|change| change.field != "attachable" && !change.field.starts_with(&compose_label))
        .collect()
}

/// The drift item of a Compose network whose settings differ from the file: what differs, that
/// netctl leaves it, and the command that has Compose rebuild it.
pub fn stale_network(
    name: &str,
    compose: ComposeNetwork<'_>,
    changes: &[Change],
    observed: &Observed,
) -> Action {
    let listed: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.field, c.old, c.new))
        .collect();
    Action::Drift {
        network: name.to_owned(),
        container: None,
        reason: format!(
            "network {name} belongs to Compose project {project} and differs from the file ({}); \
             netctl never recreates or removes a Compose network: make the compose file say the \
             same, then have Compose recreate it (down removes the project's containers and \
             networks, up makes them anew): {}",
            listed.join("; "),
            fix_command(compose, observed),
            project = compose.project,
        ),
    }
}

/// `[cd DIR && ]docker-compose -p P [-f F…] down && docker-compose -p P [-f F…] up -d`: the
/// Compose that made the network (its version label: 1.x is `docker-compose`, later ones the
/// `docker compose` plugin), and the folder and files the project's containers were started
/// from, as their labels record them (a network has no such labels).
pub fn fix_command(compose: ComposeNetwork<'_>, observed: &Observed) -> String {
    let tool = match compose.version {
        Some(version) if !version.starts_with("1.") => "docker compose",
        _ => "docker-compose",
    };
    let started = observed.containers.iter().find_map(|container| {
        (container.labels.get(COMPOSE_PROJECT).map(String::as_str) == Some(compose.project))
            .then(|| container.labels.get(COMPOSE_WORKING_DIR))
            .flatten()
            .map(|dir| (dir, container.labels.get(COMPOSE_CONFIG_FILES)))
    });
    let mut files = String::new();
    let mut folder = String::new();
    if let Some((dir, config_files)) = started {
        folder = format!("cd {} && ", quoted(dir));
        let written: Vec<&str> = config_files
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let relative: Vec<&str> = written
            .iter()
            .map(|file| {
                file.strip_prefix(dir.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    .unwrap_or(file)
            })
            .collect();
        if !relative.iter().all(|file| found_by_default(file)) {
            for file in relative {
                files.push_str(&format!(" -f {}", quoted(file)));
            }
        }
    }
    let project = quoted(compose.project);
    format!("{folder}{tool} -p {project}{files} down && {tool} -p {project}{files} up -d")
}

/// A file Compose reads by itself in its folder: a compose file name or its override.
fn found_by_default(file: &str) -> bool {
    COMPOSE_FILE_NAMES.iter().any(|name| {
        file == *name
            || name
                .rsplit_once('.')
                .is_some_and(|(stem, ext)| file == format!("{stem}.override.{ext}"))
    })
}

/// A word as a shell reads it back: as it is when it is plain, else in single quotes.
fn quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | '@'));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{Container, NetworkMode};
    use std::collections::BTreeMap;

    fn compose(version: Option<&'static str>) -> ComposeNetwork<'static> {
        ComposeNetwork {
            project: "shop",
            key: "back",
            version,
        }
    }

    fn container(labels: &[(&str, &str)]) -> Container {
        Container {
            id: "c1".to_owned(),
            name: "shop_web_1".to_owned(),
            running: true,
            pid: None,
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            network_mode: NetworkMode::Own,
            endpoints: Vec::new(),
            published: Vec::new(),
        }
    }

    #[test]
    fn the_command_names_the_project_and_the_compose_that_made_it() {
        let observed = Observed::default();
        assert_eq!(
            fix_command(compose(Some("1.29.2")), &observed),
            "docker-compose -p shop down && docker-compose -p shop up -d"
        );
        assert_eq!(
            fix_command(compose(Some("2.24.0")), &observed),
            "docker compose -p shop down && docker compose -p shop up -d"
        );
    }

    #[test]
    fn the_command_runs_where_the_project_was_started_with_its_files() {
        let mut observed = Observed::default();
        observed.containers.push(container(&[
            (COMPOSE_PROJECT, "shop"),
            (COMPOSE_WORKING_DIR, "/srv/shop"),
            (
                COMPOSE_CONFIG_FILES,
                "docker-compose.yml,docker-compose.override.yml",
            ),
        ]));
        assert_eq!(
            fix_command(compose(Some("1.29.2")), &observed),
            "cd /srv/shop && docker-compose -p shop down && docker-compose -p shop up -d"
        );
        observed.containers[0].labels.insert(
            COMPOSE_CONFIG_FILES.to_owned(),
            "/srv/shop/compose.yaml,/srv/shop/prod file.yaml".to_owned(),
        );
        assert_eq!(
            fix_command(compose(Some("2.24.0")), &observed),
            "cd /srv/shop && docker compose -p shop -f compose.yaml -f 'prod file.yaml' down \
             && docker compose -p shop -f compose.yaml -f 'prod file.yaml' up -d"
        );
    }

    #[test]
    fn another_projects_containers_do_not_say_where_this_one_runs() {
        let mut observed = Observed::default();
        observed.containers.push(container(&[
            (COMPOSE_PROJECT, "other"),
            (COMPOSE_WORKING_DIR, "/srv/other"),
        ]));
        assert!(fix_command(compose(None), &observed).starts_with("docker-compose -p shop down"));
    }
}
