//! Which daemon to talk to: `-H/--host`, then `DOCKER_HOST`, then the local unix socket.

use super::DockerError;
use std::path::PathBuf;

pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// A daemon address netctl can dial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    /// `host:port`, plain HTTP.
    Tcp(String),
}

impl Endpoint {
    /// Reads a host in the docker CLI's syntax; `None` means the default socket.
    pub fn parse(host: Option<&str>) -> Result<Endpoint, DockerError> {
        let Some(host) = host.map(str::trim).filter(|h| !h.is_empty()) else {
            return Ok(Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET)));
        };
        if let Some(path) = host.strip_prefix("unix://") {
            return Ok(Endpoint::Unix(PathBuf::from(path)));
        }
        if let Some(address) = host
            .strip_prefix("tcp://")
            .or_else(|| host.strip_prefix("http://"))
        {
            return tcp(host, address);
        }
        Err(unsupported(host))
    }

    pub fn display(&self) -> String {
        match self {
            Endpoint::Unix(path) => format!("unix://{}", path.display()),
            Endpoint::Tcp(address) => format!("tcp://{address}"),
        }
    }
}

fn tcp(host: &str, address: &str) -> Result<Endpoint, DockerError> {
    let address = address.trim_end_matches('/');
    if std::env::var_os("DOCKER_TLS_VERIFY").is_some_and(|v| !v.is_empty()) {
        return Err(DockerError::UnsupportedHost {
            host: host.to_owned(),
            why: "DOCKER_TLS_VERIFY is set, and this netctl has no TLS support yet; \
                  reach the daemon through its unix socket or an SSH tunnel to it"
                .to_owned(),
        });
    }
    let with_port = if address
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        address.to_owned()
    } else {
        format!("{address}:2375")
    };
    Ok(Endpoint::Tcp(with_port))
}

fn unsupported(host: &str) -> DockerError {
    let why = if host.starts_with("ssh://") {
        "ssh:// hosts are not supported; forward the remote socket instead \
         (ssh -NL /tmp/docker.sock:/var/run/docker.sock HOST) and use -H unix:///tmp/docker.sock"
    } else {
        "use unix:///PATH or tcp://HOST:PORT"
    };
    DockerError::UnsupportedHost {
        host: host.to_owned(),
        why: why.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_host_means_the_default_socket() {
        assert_eq!(
            Endpoint::parse(None).unwrap(),
            Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET))
        );
        assert_eq!(
            Endpoint::parse(Some("")).unwrap(),
            Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET))
        );
    }

    #[test]
    fn tcp_hosts_get_the_default_port() {
        assert_eq!(
            Endpoint::parse(Some("tcp://127.0.0.1")).unwrap(),
            Endpoint::Tcp("127.0.0.1:2375".to_owned())
        );
        assert_eq!(
            Endpoint::parse(Some("tcp://127.0.0.1:1/")).unwrap(),
            Endpoint::Tcp("127.0.0.1:1".to_owned())
        );
    }

    #[test]
    fn ssh_is_refused_with_a_way_out() {
        let error = Endpoint::parse(Some("ssh://me@host")).unwrap_err();
        assert!(error.to_string().contains("forward the remote socket"));
    }
}
