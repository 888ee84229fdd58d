//! A daemon address netctl can dial, parsed from a host in the docker CLI's syntax.

use super::DaemonError;
use std::path::{Path, PathBuf};

pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// A daemon address netctl can dial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    /// `host:port`, plain HTTP.
    Tcp(String),
    /// `host:port` over TLS, verified with `ca.pem` and `cert.pem`/`key.pem` in `certs`.
    Tls {
        address: String,
        certs: PathBuf,
    },
}

impl Endpoint {
    /// Reads a host in the docker CLI's syntax; `None` means the default socket. `tls` is the
    /// certificate folder when TLS is asked for (`DOCKER_TLS_VERIFY`, a TLS context).
    pub fn parse(host: Option<&str>, tls: Option<&Path>) -> Result<Endpoint, DaemonError> {
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
            return Ok(tcp(address, tls));
        }
        Err(unsupported(host))
    }

    pub fn display(&self) -> String {
        match self {
            Endpoint::Unix(path) => format!("unix://{}", path.display()),
            Endpoint::Tcp(address) => format!("tcp://{address}"),
            Endpoint::Tls { address, .. } => format!("tcp://{address} (TLS)"),
        }
    }
}

fn tcp(address: &str, tls: Option<&Path>) -> Endpoint {
    let address = address.trim_end_matches('/');
    let has_port = address
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    let default_port = if tls.is_some() { 2376 } else { 2375 };
    let address = if has_port {
        address.to_owned()
    } else {
        format!("{address}:{default_port}")
    };
    match tls {
        Some(certs) => Endpoint::Tls {
            address,
            certs: certs.to_path_buf(),
        },
        None => Endpoint::Tcp(address),
    }
}

fn unsupported(host: &str) -> DaemonError {
    let why = if host.starts_with("ssh://") {
        "ssh:// hosts are not supported; forward the remote socket instead \
         (ssh -NL /tmp/docker.sock:/var/run/docker.sock HOST) and use -H unix:///tmp/docker.sock"
    } else {
        "use unix:///PATH or tcp://HOST:PORT"
    };
    DaemonError::UnsupportedHost {
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
            Endpoint::parse(None, None).unwrap(),
            Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET))
        );
        assert_eq!(
            Endpoint::parse(Some(""), None).unwrap(),
            Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET))
        );
    }

    #[test]
    fn tcp_hosts_get_the_default_port() {
        assert_eq!(
            Endpoint::parse(Some("tcp://127.0.0.1"), None).unwrap(),
            Endpoint::Tcp("127.0.0.1:2375".to_owned())
        );
        assert_eq!(
            Endpoint::parse(Some("tcp://127.0.0.1:1/"), None).unwrap(),
            Endpoint::Tcp("127.0.0.1:1".to_owned())
        );
    }

    #[test]
    fn tls_uses_the_tls_port_and_the_certificate_folder() {
        assert_eq!(
            Endpoint::parse(Some("tcp://127.0.0.1"), Some(Path::new("/certs"))).unwrap(),
            Endpoint::Tls {
                address: "127.0.0.1:2376".to_owned(),
                certs: PathBuf::from("/certs"),
            }
        );
    }

    #[test]
    fn ssh_is_refused_with_a_way_out() {
        let error = Endpoint::parse(Some("ssh://me@host"), None).unwrap_err();
        assert!(error.to_string().contains("forward the remote socket"));
    }
}
