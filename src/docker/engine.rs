//! The bollard adapter: the one file that turns netctl's requests into Engine API calls and the
//! answers back into plain structs. Every call is counted.

use super::model::{
    EndpointSpec, LiveContainer, LiveEndpoint, LiveNetwork, NetworkIpam, NetworkMode, Pool,
};
use super::{DaemonEvent, Docker, DockerError, Endpoint, NetworkSpec};
use bollard::errors::Error as BollardError;
use bollard::models::{
    ContainerSummary, ContainerSummaryStateEnum, EndpointIpamConfig, EndpointSettings, Ipam,
    IpamConfig, Network, NetworkConnectRequest, NetworkCreateRequest, NetworkDisconnectRequest,
};
use bollard::query_parameters::{EventsOptionsBuilder, ListContainersOptionsBuilder};
use futures_util::{Stream, StreamExt};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the first exchange with the daemon may take before netctl gives up on it.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// A single write may legitimately wait on the daemon's locks; this only stops a hang.
const REQUEST_TIMEOUT_SECS: u64 = 120;
/// API 1.44 is the first that accepts a MAC address on connect.
const MAC_ON_CONNECT: (u32, u32) = (1, 44);

/// A connected daemon, its negotiated API version known.
pub struct Engine {
    pub(super) client: bollard::Docker,
    endpoint: String,
    api: (u32, u32),
    pub(super) calls: AtomicUsize,
}

impl Engine {
    /// Dials the daemon and negotiates the API version, within `CONNECT_TIMEOUT`.
    pub async fn connect(endpoint: &Endpoint) -> Result<Engine, DockerError> {
        let shown = endpoint.display();
        let unreachable = |error: BollardError| DockerError::Unreachable {
            endpoint: shown.clone(),
            detail: describe(&error),
        };
        let client = match endpoint {
            Endpoint::Unix(path) => bollard::Docker::connect_with_unix(
                &path.to_string_lossy(),
                REQUEST_TIMEOUT_SECS,
                bollard::API_DEFAULT_VERSION,
            ),
            Endpoint::Tcp(address) => bollard::Docker::connect_with_http(
                &format!("http://{address}"),
                REQUEST_TIMEOUT_SECS,
                bollard::API_DEFAULT_VERSION,
            ),
            Endpoint::Tls { address, certs } => bollard::Docker::connect_with_ssl(
                &format!("https://{address}"),
                &certs.join("key.pem"),
                &certs.join("cert.pem"),
                &certs.join("ca.pem"),
                REQUEST_TIMEOUT_SECS,
                bollard::API_DEFAULT_VERSION,
            ),
        }
        .map_err(unreachable)?;
        let negotiated = tokio::time::timeout(CONNECT_TIMEOUT, client.negotiate_version())
            .await
            .map_err(|_| DockerError::Timeout {
                endpoint: shown.clone(),
                seconds: CONNECT_TIMEOUT.as_secs(),
            })?
            .map_err(unreachable)?;
        let version = negotiated.client_version();
        let api = (
            u32::try_from(version.major_version).unwrap_or(0),
            u32::try_from(version.minor_version).unwrap_or(0),
        );
        if api < (1, 41) {
            return Err(DockerError::TooOld {
                endpoint: shown,
                found: format!("{}.{}", api.0, api.1),
            });
        }
        Ok(Engine {
            client: negotiated,
            endpoint: shown,
            api,
            calls: AtomicUsize::new(1),
        })
    }

    /// Counts the call, then maps the client's error into one that names it.
    pub(super) async fn call<T>(
        &self,
        name: impl Fn() -> String,
        request: impl Future<Output = Result<T, BollardError>>,
    ) -> Result<T, DockerError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        request.await.map_err(|error| match error {
            BollardError::DockerResponseServerError {
                status_code,
                message,
            } => DockerError::Api {
                call: name(),
                status: status_code,
                message,
            },
            BollardError::JsonDataError { .. } | BollardError::JsonSerdeError { .. } => {
                DockerError::Unreadable {
                    call: name(),
                    detail: error.to_string(),
                }
            }
            other => DockerError::Transport {
                call: name(),
                detail: describe(&other),
            },
        })
    }
}

impl Docker for Engine {
    fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }

    async fn daemon_id(&self) -> Result<String, DockerError> {
        let info = self
            .call(
                || "reading the daemon's info".to_owned(),
                self.client.info(),
            )
            .await?;
        Ok(info.id.unwrap_or_default())
    }

    async fn networks(&self) -> Result<Vec<LiveNetwork>, DockerError> {
        let call = || "listing networks".to_owned();
        let networks = self.call(call, self.client.list_networks(None)).await?;
        networks
            .into_iter()
            .map(|n| live_network(n, &call))
            .collect()
    }

    async fn containers(&self) -> Result<Vec<LiveContainer>, DockerError> {
        let options = ListContainersOptionsBuilder::default().all(true).build();
        let containers = self
            .call(
                || "listing containers".to_owned(),
                self.client.list_containers(Some(options)),
            )
            .await?;
        Ok(containers.into_iter().map(live_container).collect())
    }

    async fn endpoint_aliases(
        &self,
        container_id: &str,
    ) -> Result<BTreeMap<String, Vec<String>>, DockerError> {
        let inspected = self
            .call(
                || format!("inspecting container {container_id}"),
                self.client.inspect_container(container_id, None),
            )
            .await?;
        let short_id: String = container_id.chars().take(12).collect();
        let networks = inspected
            .network_settings
            .and_then(|s| s.networks)
            .unwrap_or_default();
        Ok(networks
            .into_values()
            .filter_map(|settings| {
                let id = settings.network_id?;
                Some((id, user_aliases(settings.aliases, &short_id)))
            })
            .collect())
    }

    async fn create_network(&self, spec: &NetworkSpec) -> Result<String, DockerError> {
        let created = self
            .call(
                || format!("creating network {}", spec.name),
                self.client.create_network(create_request(spec)),
            )
            .await?;
        Ok(created.id)
    }

    async fn remove_network(&self, network: &str) -> Result<(), DockerError> {
        self.call(
            || format!("removing network {network}"),
            self.client.remove_network(network),
        )
        .await
    }

    async fn connect(
        &self,
        network: &str,
        container: &str,
        endpoint: &EndpointSpec,
    ) -> Result<(), DockerError> {
        let request = NetworkConnectRequest {
            container: container.to_owned(),
            endpoint_config: Some(endpoint_settings(endpoint, self.api >= MAC_ON_CONNECT)),
        };
        self.call(
            || format!("connecting {container} to {network}"),
            self.client.connect_network(network, request),
        )
        .await
    }

    async fn disconnect(&self, network: &str, container: &str) -> Result<(), DockerError> {
        let request = NetworkDisconnectRequest {
            container: container.to_owned(),
            force: Some(false),
        };
        self.call(
            || format!("disconnecting {container} from {network}"),
            self.client.disconnect_network(network, request),
        )
        .await
    }

    fn events(&self) -> impl Stream<Item = Result<DaemonEvent, DockerError>> + '_ {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let filters = HashMap::from([
            ("type", vec!["container", "network"]),
            ("event", WATCHED_EVENTS.to_vec()),
        ]);
        let options = EventsOptionsBuilder::default().filters(&filters).build();
        self.client.events(Some(options)).map(|event| {
            event
                .map(|message| DaemonEvent {
                    kind: message.typ.map(|t| t.to_string()).unwrap_or_default(),
                    action: message.action.unwrap_or_default(),
                })
                .map_err(|error| DockerError::Transport {
                    call: "following the daemon's events".to_owned(),
                    detail: describe(&error),
                })
        })
    }
}

/// The events that can cost a declared membership: a (re)started container, a network change.
const WATCHED_EVENTS: [&str; 5] = ["start", "connect", "disconnect", "create", "destroy"];

/// The innermost cause is the useful part ("No such file or directory", "Connection refused").
pub(super) fn describe(error: &BollardError) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(inner) = source.source() {
        source = inner;
    }
    source.to_string()
}

fn live_network(network: Network, call: &dyn Fn() -> String) -> Result<LiveNetwork, DockerError> {
    let ipam = network.ipam.unwrap_or_default();
    let pools = ipam
        .config
        .unwrap_or_default()
        .into_iter()
        .filter_map(|config| pool(config).transpose())
        .collect::<Result<Vec<_>, String>>()
        .map_err(|detail| DockerError::Unreadable {
            call: call(),
            detail,
        })?;
    Ok(LiveNetwork {
        id: network.id.unwrap_or_default(),
        name: network.name.unwrap_or_default(),
        driver: network.driver.unwrap_or_default(),
        internal: network.internal.unwrap_or(false),
        attachable: network.attachable.unwrap_or(false),
        enable_ipv6: network.enable_ipv6.unwrap_or(false),
        options: sorted(network.options),
        labels: sorted(network.labels),
        ipam: NetworkIpam {
            driver: ipam.driver.filter(|d| !d.is_empty()),
            options: sorted(ipam.options),
            pools,
        },
    })
}

/// A pool without a subnet (the daemon still choosing) is skipped, not an error.
fn pool(config: IpamConfig) -> Result<Option<Pool>, String> {
    let Some(subnet) = config.subnet.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let parse_net = |text: &str| text.parse().map_err(|_| format!("bad subnet {text:?}"));
    let parse_ip = |text: &str| text.parse().map_err(|_| format!("bad address {text:?}"));
    let aux_addresses = config
        .auxiliary_addresses
        .unwrap_or_default()
        .into_iter()
        .map(|(name, ip)| parse_ip(&ip).map(|ip| (name, ip)))
        .collect::<Result<_, String>>()?;
    Ok(Some(Pool {
        subnet: parse_net(&subnet)?,
        gateway: non_empty(config.gateway)
            .map(|g| parse_ip(&g))
            .transpose()?,
        ip_range: non_empty(config.ip_range)
            .map(|r| parse_net(&r))
            .transpose()?,
        aux_addresses,
    }))
}

fn live_container(summary: ContainerSummary) -> LiveContainer {
    let id = summary.id.unwrap_or_default();
    let short_id: String = id.chars().take(12).collect();
    let name = summary
        .names
        .unwrap_or_default()
        .into_iter()
        .next()
        .map(|n| n.trim_start_matches('/').to_owned())
        .unwrap_or_default();
    let endpoints = summary
        .network_settings
        .and_then(|s| s.networks)
        .unwrap_or_default()
        .into_iter()
        .map(|(network_name, settings)| live_endpoint(network_name, settings, &short_id))
        .collect();
    let network_mode = summary
        .host_config
        .and_then(|config| config.network_mode)
        .map_or(NetworkMode::Own, |mode| NetworkMode::from_docker(&mode));
    LiveContainer {
        running: summary.state == Some(ContainerSummaryStateEnum::RUNNING),
        network_mode,
        labels: sorted(summary.labels),
        endpoints,
        id,
        name,
    }
}

fn live_endpoint(network_name: String, settings: EndpointSettings, short_id: &str) -> LiveEndpoint {
    let ipam = settings.ipam_config.unwrap_or_default();
    LiveEndpoint {
        network_id: settings.network_id.unwrap_or_default(),
        network_name,
        aliases: user_aliases(settings.aliases, short_id),
        ipv4_address: non_empty(ipam.ipv4_address).and_then(|a| a.parse().ok()),
        ipv6_address: non_empty(ipam.ipv6_address).and_then(|a| a.parse().ok()),
        mac_address: non_empty(settings.mac_address),
    }
}

/// Before API 1.45 the daemon lists the short container id among the aliases; it is not the
/// user's, and keeping it would show drift on every plan.
pub(super) fn user_aliases(aliases: Option<Vec<String>>, short_id: &str) -> Vec<String> {
    let mut aliases: Vec<String> = aliases
        .unwrap_or_default()
        .into_iter()
        .filter(|alias| alias != short_id)
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}

fn create_request(spec: &NetworkSpec) -> NetworkCreateRequest {
    let config = spec
        .ipam
        .pools
        .iter()
        .map(|pool| IpamConfig {
            subnet: Some(pool.subnet.to_string()),
            gateway: pool.gateway.map(|g| g.to_string()),
            ip_range: pool.ip_range.map(|r| r.to_string()),
            auxiliary_addresses: (!pool.aux_addresses.is_empty()).then(|| {
                pool.aux_addresses
                    .iter()
                    .map(|(name, ip)| (name.clone(), ip.to_string()))
                    .collect()
            }),
        })
        .collect();
    NetworkCreateRequest {
        name: spec.name.clone(),
        driver: Some(spec.driver.clone()),
        internal: Some(spec.internal),
        attachable: Some(spec.attachable),
        enable_ipv6: Some(spec.enable_ipv6),
        options: Some(unsorted(&spec.options)),
        labels: Some(unsorted(&spec.labels)),
        ipam: Some(Ipam {
            driver: spec.ipam.driver.clone(),
            config: Some(config),
            options: Some(unsorted(&spec.ipam.options)),
        }),
        ..NetworkCreateRequest::default()
    }
}

fn endpoint_settings(endpoint: &EndpointSpec, with_mac: bool) -> EndpointSettings {
    let static_ips = endpoint.ipv4_address.is_some() || endpoint.ipv6_address.is_some();
    EndpointSettings {
        aliases: (!endpoint.aliases.is_empty()).then(|| endpoint.aliases.clone()),
        ipam_config: static_ips.then(|| EndpointIpamConfig {
            ipv4_address: endpoint.ipv4_address.map(|a| a.to_string()),
            ipv6_address: endpoint.ipv6_address.map(|a| a.to_string()),
            ..EndpointIpamConfig::default()
        }),
        mac_address: endpoint.mac_address.clone().filter(|_| with_mac),
        ..EndpointSettings::default()
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

fn sorted(map: Option<HashMap<String, String>>) -> BTreeMap<String, String> {
    map.unwrap_or_default().into_iter().collect()
}

fn unsorted(map: &BTreeMap<String, String>) -> HashMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}
