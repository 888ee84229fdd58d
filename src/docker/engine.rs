//! The bollard adapter: the one file that turns netctl's requests into Engine API calls and the
//! answers back into plain structs. Every call is counted.

use super::convert::{self, create_request, endpoint_settings};
use super::{DaemonError, DaemonEvent, Endpoint};
use crate::apply::Networks;
use crate::live::event::{WATCHED_ACTIONS, WATCHED_KINDS};
use crate::live::{Container, Daemon, EndpointSpec, Network, NetworkSettings};
use bollard::errors::Error as BollardError;
use bollard::models::{NetworkConnectRequest, NetworkDisconnectRequest};
use bollard::query_parameters::{EventsOptionsBuilder, ListContainersOptionsBuilder};
use futures_util::{Stream, StreamExt};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the first exchange with the daemon may take before netctl gives up on it.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one call may take unless the person says otherwise (`--api-timeout`): a write
/// may wait on the daemon's locks for a while, but a call that takes longer is stuck.
pub const DEFAULT_API_TIMEOUT: Duration = Duration::from_secs(30);
/// API 1.44 is the first that accepts a MAC address on connect.
const MAC_ON_CONNECT: (u32, u32) = (1, 44);

/// A connected daemon, its negotiated API version known.
pub struct Engine {
    pub(super) client: bollard::Docker,
    endpoint: String,
    api: (u32, u32),
    pub(super) calls: AtomicUsize,
    api_timeout: Duration,
}

impl Engine {
    /// Dials the daemon and negotiates the API version, within `CONNECT_TIMEOUT`; every later
    /// call may take `DEFAULT_API_TIMEOUT`.
    pub async fn connect(endpoint: &Endpoint) -> Result<Engine, DaemonError> {
        Self::connect_within(endpoint, DEFAULT_API_TIMEOUT).await
    }

    /// As `connect`, each later call given up after `api_timeout` with an error naming it.
    pub async fn connect_within(
        endpoint: &Endpoint,
        api_timeout: Duration,
    ) -> Result<Engine, DaemonError> {
        // The client's own limit sits behind ours, so that ours, which names the call, fires.
        let client_timeout = api_timeout.as_secs() + 5;
        let shown = endpoint.display();
        let unreachable = |error: BollardError| DaemonError::Unreachable {
            endpoint: shown.clone(),
            detail: describe(&error),
        };
        let client = match endpoint {
            Endpoint::Unix(path) => bollard::Docker::connect_with_unix(
                &path.to_string_lossy(),
                client_timeout,
                bollard::API_DEFAULT_VERSION,
            ),
            Endpoint::Tcp(address) => bollard::Docker::connect_with_http(
                &format!("http://{address}"),
                client_timeout,
                bollard::API_DEFAULT_VERSION,
            ),
            Endpoint::Tls { address, certs } => {
                super::tls::check_folder(certs)?;
                bollard::Docker::connect_with_ssl(
                    &format!("https://{address}"),
                    &certs.join("key.pem"),
                    &certs.join("cert.pem"),
                    &certs.join("ca.pem"),
                    client_timeout,
                    bollard::API_DEFAULT_VERSION,
                )
            }
        }
        .map_err(unreachable)?;
        let negotiated = tokio::time::timeout(CONNECT_TIMEOUT, client.negotiate_version())
            .await
            .map_err(|_| DaemonError::Timeout {
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
            return Err(DaemonError::TooOld {
                endpoint: shown,
                found: format!("{}.{}", api.0, api.1),
            });
        }
        Ok(Engine {
            client: negotiated,
            endpoint: shown,
            api,
            calls: AtomicUsize::new(1),
            api_timeout,
        })
    }

    /// Counts the call, then maps the client's error into one that names it.
    pub(super) async fn call<T>(
        &self,
        name: impl Fn() -> String,
        request: impl Future<Output = Result<T, BollardError>>,
    ) -> Result<T, DaemonError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let answer = tokio::time::timeout(self.api_timeout, request)
            .await
            .map_err(|_| DaemonError::CallTimeout {
                call: name(),
                seconds: self.api_timeout.as_secs_f64(),
            })?;
        answer.map_err(|error| match error {
            BollardError::DockerResponseServerError {
                status_code,
                message,
            } => DaemonError::Api {
                call: name(),
                status: status_code,
                message,
            },
            BollardError::JsonDataError { .. } | BollardError::JsonSerdeError { .. } => {
                DaemonError::Unreadable {
                    call: name(),
                    detail: error.to_string(),
                }
            }
            other => DaemonError::Transport {
                call: name(),
                detail: describe(&other),
            },
        })
    }
}

impl Daemon for Engine {
    fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::Relaxed)
    }

    async fn daemon_id(&self) -> Result<String, DaemonError> {
        let info = self
            .call(
                || "reading the daemon's info".to_owned(),
                self.client.info(),
            )
            .await?;
        Ok(info.id.unwrap_or_default())
    }

    async fn networks(&self) -> Result<Vec<Network>, DaemonError> {
        let call = || "listing networks".to_owned();
        let networks = self.call(call, self.client.list_networks(None)).await?;
        networks
            .into_iter()
            .map(|n| {
                convert::network(n).map_err(|detail| DaemonError::Unreadable {
                    call: call(),
                    detail,
                })
            })
            .collect()
    }

    async fn containers(&self) -> Result<Vec<Container>, DaemonError> {
        let options = ListContainersOptionsBuilder::default().all(true).build();
        let containers = self
            .call(
                || "listing containers".to_owned(),
                self.client.list_containers(Some(options)),
            )
            .await?;
        Ok(containers
            .into_iter()
            .map(convert::listed_container)
            .collect())
    }

    async fn inspect_container(&self, name: &str) -> Result<Option<Container>, DaemonError> {
        match self
            .call(
                || format!("inspecting container {name}"),
                self.client.inspect_container(name, None),
            )
            .await
        {
            Err(error) if error.status() == Some(404) => Ok(None),
            other => Ok(Some(convert::inspected_container(name, other?))),
        }
    }
}

impl Networks for Engine {
    async fn create_network(&self, spec: &NetworkSettings) -> Result<String, DaemonError> {
        let created = self
            .call(
                || format!("creating network {}", spec.name),
                self.client.create_network(create_request(spec)),
            )
            .await?;
        Ok(created.id)
    }

    async fn remove_network(&self, network: &str) -> Result<(), DaemonError> {
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
    ) -> Result<(), DaemonError> {
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

    async fn disconnect(&self, network: &str, container: &str) -> Result<(), DaemonError> {
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

    fn events(&self) -> impl Stream<Item = Result<DaemonEvent, DaemonError>> + '_ {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let filters = HashMap::from([
            ("type", WATCHED_KINDS.to_vec()),
            ("event", WATCHED_ACTIONS.to_vec()),
        ]);
        let options = EventsOptionsBuilder::default().filters(&filters).build();
        self.client.events(Some(options)).map(|event| {
            event
                .map(|message| DaemonEvent {
                    kind: message.typ.map(|t| t.to_string()).unwrap_or_default(),
                    action: message.action.unwrap_or_default(),
                    name: message
                        .actor
                        .and_then(|actor| actor.attributes?.remove("name"))
                        .unwrap_or_default(),
                })
                .map_err(|error| DaemonError::Transport {
                    call: "following the daemon's events".to_owned(),
                    detail: describe(&error),
                })
        })
    }
}

/// The innermost cause is the useful part ("No such file or directory", "Connection refused").
pub(super) fn describe(error: &BollardError) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(inner) = source.source() {
        source = inner;
    }
    source.to_string()
}
