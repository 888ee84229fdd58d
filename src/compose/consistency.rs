//! The merged project checked as Compose checks it once every file, include and `extends` is
//! read: references between services must hold. Only here can a reference that a service
//! inherits through `extends:` be told from one its own file gets wrong.

use super::model::{Project, Service};
use super::refusal::Refusal;

/// The prefix of a `network_mode` that shares another service's network stack.
const SERVICE_PREFIX: &str = "service:";

/// Refuses a project whose `network_mode: service:NAME` names no service of the project.
pub fn check(project: &Project) -> Result<(), Refusal> {
    project
        .services
        .iter()
        .try_for_each(|service| network_mode_target(project, service))
}

fn network_mode_target(project: &Project, service: &Service) -> Result<(), Refusal> {
    let Some(mode) = &service.network_mode else {
        return Ok(());
    };
    let Some(target) = mode.value.trim().strip_prefix(SERVICE_PREFIX) else {
        return Ok(());
    };
    if project.service(target).is_some() {
        return Ok(());
    }
    let who = match &service.extends {
        Some(extends) => format!(
            "service `{}` (which extends `{}`)",
            service.key.value, extends.service
        ),
        None => format!("service `{}`", service.key.value),
    };
    Err(Refusal::at(
        mode.at,
        format!(
            "{who} has `network_mode: {}`, but the project has no service `{target}`",
            mode.value.trim()
        ),
        format!(
            "define a service `{target}` in this project, or name one it has: `extends` does not \
             bring along the services its base refers to"
        ),
    ))
}
