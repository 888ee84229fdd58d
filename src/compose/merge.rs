//! Several files as one project, the way `docker compose -f a.yml -f b.yml` merges them.
//!
//! Later files win for single values (`image`, `network_mode`, `privileged`); `networks`,
//! `labels` and `volumes` merge by key (network, label key, mount target); `ports` and
//! `expose` add up without duplicates; a list tagged `!reset` or `!override` replaces the
//! base's.

use super::model::{Network, Project, Service};

/// Merges `overlay` into `base`; the files of `overlay` must already be in `base.files`.
pub fn merge(base: &mut Project, overlay: Project) {
    if overlay.name.is_some() {
        base.name = overlay.name;
    }
    for service in overlay.services {
        match base
            .services
            .iter_mut()
            .find(|s| s.key.value == service.key.value)
        {
            Some(existing) => merge_service(existing, service),
            None => base.services.push(service),
        }
    }
    for network in overlay.networks {
        match base
            .networks
            .iter_mut()
            .find(|n| n.key.value == network.key.value)
        {
            Some(existing) => merge_network(existing, network),
            None => base.networks.push(network),
        }
    }
    base.unset_variables.extend(overlay.unset_variables);
}

/// Also how `extends:` applies a service over its base.
pub fn merge_service(base: &mut Service, overlay: Service) {
    replace_if_some(&mut base.extends, overlay.extends);
    replace_if_some(&mut base.image, overlay.image);
    replace_if_some(&mut base.container_name, overlay.container_name);
    replace_if_some(&mut base.network_mode, overlay.network_mode);
    replace_if_some(&mut base.privileged, overlay.privileged);
    if overlay.replaces.networks {
        base.networks = overlay.networks;
    } else if let Some(attachments) = overlay.networks {
        let merged = base.networks.get_or_insert_with(Vec::new);
        for attachment in attachments {
            merged.retain(|a| a.network.value != attachment.network.value);
            merged.push(attachment);
        }
    }
    if overlay.replaces.ports {
        base.ports.clear();
    }
    for port in overlay.ports {
        if !base.ports.iter().any(|p| p.written == port.written) {
            base.ports.push(port);
        }
    }
    if overlay.replaces.expose {
        base.expose.clear();
    }
    for exposed in overlay.expose {
        if !base.expose.iter().any(|e| e.value == exposed.value) {
            base.expose.push(exposed);
        }
    }
    if overlay.replaces.volumes {
        base.volumes.clear();
    }
    for mount in overlay.volumes {
        base.volumes.retain(|m| m.target != mount.target);
        base.volumes.push(mount);
    }
    if overlay.replaces.labels {
        base.labels.clear();
    }
    base.labels.extend(overlay.labels);
    if !overlay.profiles.is_empty() {
        base.profiles = overlay.profiles;
    }
}

fn merge_network(base: &mut Network, overlay: Network) {
    replace_if_some(&mut base.name, overlay.name);
    replace_if_some(&mut base.driver, overlay.driver);
    replace_if_some(&mut base.external, overlay.external);
    replace_if_some(&mut base.internal, overlay.internal);
    replace_if_some(&mut base.enable_ipv6, overlay.enable_ipv6);
    replace_if_some(&mut base.ipam, overlay.ipam);
    base.labels.extend(overlay.labels);
}

fn replace_if_some<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}
