//! Exposure: what each topology container publishes on the host, judged against the
//! topology's `public` tag. The Versatile Hub's rule is that the proxy is the only public
//! entry: a database publishing 5432 on every interface is reachable from outside the host
//! whatever the networks say, so verify fails it.

use super::results::Status;
use super::target::Target;
use crate::live::{NetworkMode, PublishedPort};
use crate::topology::Topology;
use serde::Serialize;

/// The tag that allows a service to publish ports beyond the host's loopback.
pub const PUBLIC_TAG: &str = "public";

/// One running service's published ports and the verdict on them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposure {
    pub service: String,
    pub container: String,
    /// Tagged `public` in the topology: it may publish on every interface.
    pub public: bool,
    pub published: Vec<Published>,
    pub status: Status,
    pub ok: bool,
    /// Why it fails, or what it publishes that is fine.
    pub detail: String,
}

/// A published port with where on the host it listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    #[serde(flatten)]
    pub port: PublishedPort,
    /// `all` (0.0.0.0 or ::), `loopback` (127.0.0.1, ::1) or `address` (one host address).
    pub scope: &'static str,
}

/// Every running service of the topology, in file order.
pub fn judge(topology: &Topology, targets: &[Target]) -> Vec<Exposure> {
    topology
        .services
        .iter()
        .filter_map(|service| {
            let target = targets
                .iter()
                .find(|t| t.service == service.key)
                .filter(|t| t.is_running())?;
            Some(exposure(
                target,
                service.tags.iter().any(|t| t == PUBLIC_TAG),
            ))
        })
        .collect()
}

fn exposure(target: &Target, public: bool) -> Exposure {
    let published: Vec<Published> = target
        .container
        .published
        .iter()
        .map(|port| Published {
            port: port.clone(),
            scope: scope(port),
        })
        .collect();
    let problem = if public {
        None
    } else {
        problem(target, &published)
    };
    Exposure {
        service: target.service.clone(),
        container: target.container.name.clone(),
        public,
        published,
        status: if problem.is_some() {
            Status::Failed
        } else {
            Status::Passed
        },
        ok: problem.is_none(),
        detail: problem.unwrap_or_else(|| fine(public)),
    }
}

fn fine(public: bool) -> String {
    if public {
        format!("tagged `{PUBLIC_TAG}`: it may publish on every interface")
    } else {
        "publishes nothing beyond the host's loopback".to_owned()
    }
}

fn scope(port: &PublishedPort) -> &'static str {
    if port.on_all_interfaces() {
        "all"
    } else if port.host_ip.is_loopback() {
        "loopback"
    } else {
        "address"
    }
}

/// Why a service that is not public is reachable from outside the host, if it is.
fn problem(target: &Target, published: &[Published]) -> Option<String> {
    let service = &target.service;
    if target.container.network_mode == NetworkMode::Host {
        return Some(format!(
            "{service} runs in the host's network: every port it listens on is open on the \
             host's interfaces, but the topology does not tag it `{PUBLIC_TAG}`; give it a \
             network of its own, or tag it `{PUBLIC_TAG}`"
        ));
    }
    let open: Vec<String> = published
        .iter()
        .filter(|p| p.scope != "loopback")
        .map(describe)
        .collect();
    let first = published.iter().find(|p| p.scope != "loopback")?;
    Some(format!(
        "{service} publishes {} beyond the host's loopback, but the topology does not tag it \
         `{PUBLIC_TAG}`: bind it to 127.0.0.1 (-p 127.0.0.1:{}:{}) or tag the service \
         `{PUBLIC_TAG}`",
        open.join(", "),
        first.port.host_port,
        first.port.container_port
    ))
}

/// `5432/tcp on 0.0.0.0:15432 (every interface)`.
pub fn describe(published: &Published) -> String {
    let port = &published.port;
    let host = match port.host_ip {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    let scope = match published.scope {
        "all" => " (every interface)",
        _ => "",
    };
    format!(
        "{}/{} on {host}:{}{scope}",
        port.container_port, port.protocol, port.host_port
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::target::fixture::target;

    fn topology() -> Topology {
        crate::topology::load_str(
            "version: 1\nproject: p\nnetworks: {a: {}}\nservices:\n  proxy: {networks: [a], tags: [public]}\n  db: {networks: [a]}\n",
            "t.yaml",
        )
        .unwrap()
    }

    fn publishing(service: &str, host_ip: &str) -> Target {
        let mut target = target(service, &[("a", "10.0.0.2")]);
        target.container.published = vec![PublishedPort {
            container_port: 5432,
            protocol: "tcp".to_owned(),
            host_ip: host_ip.parse().unwrap(),
            host_port: 15432,
        }];
        target
    }

    #[test]
    fn a_service_publishing_on_every_interface_fails_unless_public() {
        let targets = [publishing("proxy", "0.0.0.0"), publishing("db", "::")];
        let judged = judge(&topology(), &targets);
        assert_eq!(judged.len(), 2);
        assert!(judged[0].ok && judged[0].public);
        assert!(!judged[1].ok);
        assert_eq!(
            judged[1].detail,
            String::from(
                "db publishes 5432/tcp on [::]:15432 (every interface) beyond the host's \
                 loopback, but the topology does not tag it `public`: bind it to 127.0.0.1 \
                 (-p 127.0.0.1:15432:5432) or tag the service `public`"
            )
        );
        assert_eq!(judged[1].published[0].scope, "all");
    }

    #[test]
    fn loopback_only_passes_and_a_host_address_is_exposure_too() {
        let judged = judge(&topology(), &[publishing("db", "127.0.0.1")]);
        assert!(judged[0].ok);
        assert_eq!(judged[0].published[0].scope, "loopback");
        let judged = judge(&topology(), &[publishing("db", "192.0.2.7")]);
        assert!(!judged[0].ok);
        assert_eq!(judged[0].published[0].scope, "address");
    }

    #[test]
    fn a_service_in_the_hosts_network_is_exposed_and_stopped_ones_are_left_out() {
        let mut db = target("db", &[]);
        db.container.network_mode = NetworkMode::Host;
        let mut proxy = target("proxy", &[]);
        proxy.container.pid = None;
        let judged = judge(&topology(), &[proxy, db]);
        assert_eq!(judged.len(), 1);
        assert!(judged[0].detail.contains("host's network"));
    }
}
