//! A declared network's settings as the daemon would hold them, and what differs from a live
//! network: the fields that force a recreate (the API cannot update a network in place).

use super::Change;
use crate::live::{Network as LiveNetwork, NetworkSettings, Pool, labels};
use crate::topology::Network;
use std::collections::BTreeMap;

/// Options the overlay driver adds by itself; their presence is not a difference.
const DAEMON_OPTION_PREFIX: &str = "com.docker.network.driver.overlay.";

/// What to create for a declared network; `owned` adds the ownership labels.
pub fn network_spec(network: &Network, project: &str, owned: bool) -> NetworkSettings {
    let mut spec = network.settings.clone();
    if owned {
        spec.labels
            .insert(labels::PROJECT.to_owned(), project.to_owned());
        spec.labels
            .insert(labels::NETWORK.to_owned(), network.key.clone());
    }
    spec
}

/// Every setting of `live` that differs from `wanted`. On a network netctl owns, extra options
/// and labels count too (they were removed from the file); on anyone else's, only what the file
/// declares is compared, and a subnet the file leaves open is whatever the daemon chose.
pub fn differences(wanted: &NetworkSettings, live: &LiveNetwork, owned: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut field = |name: &str, old: String, new: String| {
        if old != new {
            changes.push(Change {
                field: name.to_owned(),
                old,
                new,
            });
        }
    };
    field(
        "driver",
        live.settings.driver.clone(),
        wanted.driver.clone(),
    );
    field(
        "internal",
        live.settings.internal.to_string(),
        wanted.internal.to_string(),
    );
    field(
        "attachable",
        live.settings.attachable.to_string(),
        wanted.attachable.to_string(),
    );
    field(
        "enable_ipv6",
        live.settings.enable_ipv6.to_string(),
        wanted.enable_ipv6.to_string(),
    );
    compare_maps(
        "driver_opts",
        &live.settings.options,
        &wanted.options,
        owned,
        &mut field,
    );
    compare_maps(
        "labels",
        &without_key_label(&live.settings.labels),
        &without_key_label(&wanted.labels),
        owned,
        &mut field,
    );
    if let Some(driver) = &wanted.ipam.driver {
        let live_driver = live
            .settings
            .ipam
            .driver
            .clone()
            .unwrap_or_else(|| "default".to_owned());
        field("ipam.driver", live_driver, driver.clone());
    }
    if !wanted.ipam.pools.is_empty() {
        field(
            "subnets",
            pools_text(&live.settings.ipam.pools, &wanted.ipam.pools),
            pools_text(&wanted.ipam.pools, &wanted.ipam.pools),
        );
    }
    changes
}

/// The key label only records which file key made the network: renaming the key in the file
/// is no reason to recreate it.
fn without_key_label(labels: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut kept = labels.clone();
    kept.remove(labels::NETWORK);
    kept
}

fn compare_maps(
    name: &str,
    live: &BTreeMap<String, String>,
    wanted: &BTreeMap<String, String>,
    owned: bool,
    field: &mut impl FnMut(&str, String, String),
) {
    let absent = || "(unset)".to_owned();
    for (key, value) in wanted {
        let old = live.get(key).cloned().unwrap_or_else(absent);
        field(&format!("{name}.{key}"), old, value.clone());
    }
    if owned {
        let extra = live
            .iter()
            .filter(|(key, _)| !wanted.contains_key(*key))
            .filter(|(key, _)| !key.starts_with(DAEMON_OPTION_PREFIX));
        for (key, value) in extra {
            field(&format!("{name}.{key}"), value.clone(), absent());
        }
    }
}

/// Pools as text, gateways shown only where the file fixes them (else the daemon picks).
fn pools_text(pools: &[Pool], wanted: &[Pool]) -> String {
    let mut parts: Vec<String> = pools
        .iter()
        .map(|pool| {
            let declared = wanted.iter().find(|w| w.subnet == pool.subnet);
            let mut text = pool.subnet.to_string();
            if let Some(gateway) = pool
                .gateway
                .filter(|_| declared.is_some_and(|w| w.gateway.is_some()))
            {
                text.push_str(&format!(" gw {gateway}"));
            }
            if let Some(range) = pool.ip_range {
                text.push_str(&format!(" range {range}"));
            }
            for (name, address) in &pool.aux_addresses {
                text.push_str(&format!(" aux {name}={address}"));
            }
            text
        })
        .collect();
    parts.sort();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::Ipam;

    fn live(spec: &NetworkSettings) -> LiveNetwork {
        let mut settings = spec.clone();
        settings.ipam.driver = Some("default".to_owned());
        LiveNetwork {
            id: "id1".to_owned(),
            settings,
        }
    }

    fn spec() -> NetworkSettings {
        NetworkSettings {
            name: "n".to_owned(),
            driver: "bridge".to_owned(),
            internal: true,
            attachable: false,
            enable_ipv6: false,
            options: BTreeMap::new(),
            labels: BTreeMap::from([(labels::PROJECT.to_owned(), "p".to_owned())]),
            ipam: Ipam {
                driver: None,
                options: BTreeMap::new(),
                pools: vec![Pool {
                    subnet: "10.77.0.0/24".parse().unwrap(),
                    gateway: None,
                    ip_range: None,
                    aux_addresses: BTreeMap::new(),
                }],
            },
        }
    }

    #[test]
    fn an_identical_network_has_no_differences() {
        let wanted = spec();
        let mut observed = live(&wanted);
        observed.settings.ipam.pools[0].gateway = Some("10.77.0.1".parse().unwrap());
        assert_eq!(differences(&wanted, &observed, true), vec![]);
    }

    #[test]
    fn each_differing_field_is_named_with_old_and_new() {
        let wanted = spec();
        let mut observed = live(&wanted);
        observed.settings.internal = false;
        observed.settings.ipam.pools[0].subnet = "10.77.9.0/24".parse().unwrap();
        let changes = differences(&wanted, &observed, true);
        assert_eq!(changes[0].field, "internal");
        assert_eq!(
            (changes[0].old.as_str(), changes[0].new.as_str()),
            ("false", "true")
        );
        assert_eq!(changes[1].field, "subnets");
        assert_eq!(changes[1].old, "10.77.9.0/24");
    }

    #[test]
    fn extra_labels_count_only_on_owned_networks() {
        let wanted = spec();
        let mut observed = live(&wanted);
        observed
            .settings
            .labels
            .insert("other".to_owned(), "x".to_owned());
        assert_eq!(differences(&wanted, &observed, false), vec![]);
        assert_eq!(
            differences(&wanted, &observed, true)[0].field,
            "labels.other"
        );
    }
}
