//! Markers: never-started containers that record netctl's own state on the daemon itself, so
//! that every netctl using that daemon (another user, another CI job, another machine) sees
//! it. A container name is unique on a daemon (a second create gets 409, unlike network and
//! volume names), and its labels are fixed at creation: a marker is created or removed, never
//! changed.

use crate::live::{Container, Daemon, DaemonError, labels};
use std::collections::BTreeMap;

/// What the state needs of a daemon beyond reading it. Markers are listed by
/// `Daemon::containers`, like every other container.
#[allow(async_fn_in_trait)]
pub trait Markers: Daemon {
    /// Creates the marker, never started, on no network; returns its id, or `None` when the
    /// name is taken (409): someone else holds it.
    async fn create_marker(&self, marker: &MarkerSpec) -> Result<Option<String>, DaemonError>;
    /// Removes the marker by id; one already gone is fine.
    async fn remove_marker(&self, id: &str) -> Result<(), DaemonError>;
}

/// A marker to create: its unique name, the image it is made from (the agent image: any
/// image would do, since it never runs, but that one netctl can always make), and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerSpec {
    pub name: String,
    pub image: String,
    pub labels: BTreeMap<String, String>,
}

impl MarkerSpec {
    /// A marker of `role` for `project`, with `extra` labels.
    pub fn new(
        name: String,
        image: &str,
        role: &str,
        project: &str,
        extra: impl IntoIterator<Item = (&'static str, String)>,
    ) -> MarkerSpec {
        let mut labels = BTreeMap::from([
            (labels::ROLE.to_owned(), role.to_owned()),
            (labels::PROJECT.to_owned(), project.to_owned()),
        ]);
        labels.extend(extra.into_iter().map(|(k, v)| (k.to_owned(), v)));
        MarkerSpec {
            name,
            image: image.to_owned(),
            labels,
        }
    }
}

/// Whether `container` is a marker of `role` for `project`.
pub fn is_marker(container: &Container, role: &str, project: &str) -> bool {
    let label = |key: &str| container.labels.get(key).map(String::as_str);
    label(labels::ROLE) == Some(role) && label(labels::PROJECT) == Some(project)
}

/// A marker name from its parts: Docker allows `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, and project and
/// network names already keep to it; anything else becomes `_` so a name is always valid.
pub fn marker_name(parts: &[&str]) -> String {
    let joined = std::iter::once("netctl")
        .chain(parts.iter().copied())
        .collect::<Vec<_>>()
        .join("-");
    joined
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn marker_names_are_always_valid_container_names() {
        assert_eq!(super::marker_name(&["lock", "hub"]), "netctl-lock-hub");
        assert_eq!(super::marker_name(&["lock", "a b/c"]), "netctl-lock-a_b_c");
    }
}
