//! Several files as one project, the way `docker compose -f a.yml -f b.yml` merges them (and
//! the documents of one file, which Compose merges the same way).
//!
//! Later files win for single values (`image`, `network_mode`, `privileged`); `networks`,
//! `labels` and `volumes` merge by key (network, label key, mount target); `ports` and
//! `expose` add up without duplicates. A value tagged `!reset` removes the base's (and is
//! itself ignored); one tagged `!override` replaces the base's without merging. Both work on a
//! service's keys, on a service's network entries, on the top-level `networks:` mapping and
//! on each network in it.

use super::model::{Attachment, Network, NetworkReplaces, Project, Replaces, Service};

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
    drop_replaced_networks(&mut base.networks, &overlay.network_replaces);
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

/// What `include:` brings: the included project's services and networks that the including
/// file does not define itself, ahead of the file's own. Compose never merges an included
/// resource into one of the file's own (it warns or refuses instead), and the file's
/// `!reset`/`!override` tags are about the files before it, not about what it includes.
pub fn import(file: &mut Project, included: Project) {
    let services: Vec<Service> = included
        .services
        .into_iter()
        .filter(|s| file.service(&s.key.value).is_none())
        .collect();
    file.services.splice(0..0, services);
    let networks: Vec<Network> = included
        .networks
        .into_iter()
        .filter(|n| file.network(&n.key.value).is_none())
        .collect();
    file.networks.splice(0..0, networks);
    file.unset_variables.splice(0..0, included.unset_variables);
}

/// The base's networks that the overlay's top-level tags remove before its own are added.
fn drop_replaced_networks(networks: &mut Vec<Network>, replaces: &NetworkReplaces) {
    if replaces.all.is_some() {
        networks.clear();
    }
    networks.retain(|n| {
        !replaces.reset.contains(&n.key.value) && !replaces.overridden.contains(&n.key.value)
    });
}

/// Also how `extends:` applies a service over its base.
pub fn merge_service(base: &mut Service, overlay: Service) {
    replace_if_some(&mut base.extends, overlay.extends);
    replace_if_some(&mut base.image, overlay.image);
    replace_if_some(&mut base.container_name, overlay.container_name);
    replace_if_some(&mut base.network_mode, overlay.network_mode);
    replace_if_some(&mut base.privileged, overlay.privileged);
    merge_attachments(base, overlay.networks, &overlay.replaces);
    if overlay.replaces.ports.is_some() {
        base.ports.clear();
    }
    for port in overlay.ports {
        if !base.ports.iter().any(|p| p.written == port.written) {
            base.ports.push(port);
        }
    }
    if overlay.replaces.expose.is_some() {
        base.expose.clear();
    }
    for exposed in overlay.expose {
        if !base.expose.iter().any(|e| e.value == exposed.value) {
            base.expose.push(exposed);
        }
    }
    if overlay.replaces.volumes.is_some() {
        base.volumes.clear();
    }
    for mount in overlay.volumes {
        base.volumes.retain(|m| m.target != mount.target);
        base.volumes.push(mount);
    }
    if overlay.replaces.labels.is_some() {
        base.labels.clear();
    }
    base.labels.extend(overlay.labels);
    if !overlay.profiles.is_empty() {
        base.profiles = overlay.profiles;
    }
}

/// A service's `networks:` over the base's: by network key, unless tagged. A list that its
/// resets leave empty is no list: the service joins `default`, as in Compose.
fn merge_attachments(base: &mut Service, networks: Option<Vec<Attachment>>, replaces: &Replaces) {
    // `!reset` comes with no list of its own (its value is ignored), `!override` with the
    // list that replaces the base's.
    if replaces.networks.is_some() {
        base.networks = networks;
        return;
    }
    if let Some(list) = base.networks.as_mut() {
        list.retain(|a| !replaces.reset_networks.contains(&a.network.value));
        if list.is_empty() && networks.is_none() && !replaces.reset_networks.is_empty() {
            base.networks = None;
        }
    }
    if let Some(attachments) = networks {
        let merged = base.networks.get_or_insert_with(Vec::new);
        for attachment in attachments {
            merged.retain(|a| a.network.value != attachment.network.value);
            merged.push(attachment);
        }
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
