//! What can go wrong talking to a daemon, worded for the person who has to fix it. The
//! adapter and the fake daemon of the tests answer with the same errors (a 404 is a 404).

/// A failed conversation with the daemon; every variant names the endpoint or the call.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error(
        "error: cannot reach the Docker daemon at {endpoint}: {detail}\n  \
         hint: is the daemon running? Point netctl at it with -H/--host, --context or \
         DOCKER_HOST (unix:///var/run/docker.sock, tcp://HOST:2375); for TLS set \
         DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a folder with ca.pem, cert.pem, key.pem"
    )]
    Unreachable { endpoint: String, detail: String },
    #[error(
        "error: the Docker daemon at {endpoint} did not answer within {seconds} s\n  \
         hint: something listens there but does not speak the Docker API, or the daemon is \
         stuck; check -H/--host or DOCKER_HOST"
    )]
    Timeout { endpoint: String, seconds: u64 },
    #[error(
        "error: {call}: the daemon did not answer within {seconds} s\n  \
         hint: the daemon is stuck or very busy; `docker info` shows whether it answers at \
         all; give a slow daemon longer with --api-timeout"
    )]
    CallTimeout { call: String, seconds: f64 },
    #[error(
        "error: cannot use the TLS file {file}: it {problem}\n  \
         hint: DOCKER_CERT_PATH (or the context's TLS folder) must hold ca.pem and cert.pem \
         (PEM certificates) and key.pem (a PEM private key)"
    )]
    Tls { file: String, problem: String },
    #[error("error: cannot use the Docker host {host:?}: {why}")]
    UnsupportedHost { host: String, why: String },
    #[error("error: the daemon at {endpoint} speaks API {found}; netctl needs 1.41 or later")]
    TooOld { endpoint: String, found: String },
    #[error("error: {call}: the daemon answered {status}: {message}")]
    Api {
        call: String,
        status: u16,
        message: String,
    },
    #[error("error: {call}: {detail}")]
    Transport { call: String, detail: String },
    #[error("error: {call}: the daemon sent something netctl cannot read: {detail}")]
    Unreadable { call: String, detail: String },
}

impl DaemonError {
    /// Whether a disconnect or a remove found its work already done: the object is gone
    /// (404), or the container has already left the network (the Engine answers 500 or 403
    /// "is not connected to network"). Teardown and prune treat that as success, so that a
    /// run after an interrupted one finishes instead of failing on what the first one did.
    pub fn already_gone(&self) -> bool {
        match self {
            DaemonError::Api { status: 404, .. } => true,
            DaemonError::Api { message, .. } => message.contains("is not connected to"),
            _ => false,
        }
    }

    /// The HTTP status of a daemon refusal, to tell "not found" from real failures.
    pub fn status(&self) -> Option<u16> {
        match self {
            DaemonError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, message: &str) -> DaemonError {
        DaemonError::Api {
            call: "disconnecting".to_owned(),
            status,
            message: message.to_owned(),
        }
    }

    #[test]
    fn gone_objects_and_finished_disconnects_count_as_done() {
        assert!(api(404, "network x not found").already_gone());
        assert!(
            api(
                500,
                "container 3f2a is not connected to network versatile-hub-shared"
            )
            .already_gone()
        );
        assert!(api(403, "container 3f2a is not connected to the network").already_gone());
        assert!(!api(500, "failed to remove network: has active endpoints").already_gone());
        assert!(!api(409, "endpoint with name x already exists").already_gone());
    }
}
