//! The short syntax of `ports:` and `volumes:` entries, taken apart as Compose does.

/// The pieces of a short port: `[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortPort {
    pub host_ip: Option<String>,
    pub published: Option<String>,
    pub target: Option<(u16, u16)>,
    pub protocol: String,
}

/// Parses `"127.0.0.1:5432:5432"`, `"[::1]:80:80"`, `"8000-8010:8000-8010"`, `"53/udp"`...
pub fn short_port(written: &str) -> ShortPort {
    let written = written.trim();
    let (address, protocol) = match written.rsplit_once('/') {
        Some((address, protocol)) => (address, protocol.to_owned()),
        None => (written, "tcp".to_owned()),
    };
    let (host_ip, rest) = split_bracketed_ip(address);
    let mut parts: Vec<&str> = rest.rsplitn(3, ':').collect();
    parts.reverse();
    let (host_ip, published, target) = match (host_ip, parts.as_slice()) {
        (Some(ip), [published, target]) => (Some(ip), Some(*published), *target),
        (Some(ip), [target]) => (Some(ip), None, *target),
        (None, [ip, published, target]) => (Some(ip.to_string()), Some(*published), *target),
        (None, [published, target]) => (None, Some(*published), *target),
        (_, [target]) => (None, None, *target),
        _ => (None, None, rest),
    };
    ShortPort {
        host_ip,
        published: published.filter(|p| !p.is_empty()).map(str::to_owned),
        target: port_range(target),
        protocol,
    }
}

/// `[::1]:80:80` → (`::1`, `80:80`); anything else is returned whole.
fn split_bracketed_ip(address: &str) -> (Option<String>, &str) {
    if let Some(inner) = address.strip_prefix('[')
        && let Some((ip, rest)) = inner.split_once(']')
    {
        return (Some(ip.to_owned()), rest.strip_prefix(':').unwrap_or(rest));
    }
    (None, address)
}

/// `"80"` → (80, 80); `"8000-8010"` → (8000, 8010); anything else → `None`.
pub fn port_range(text: &str) -> Option<(u16, u16)> {
    let text = text.trim();
    match text.split_once('-') {
        Some((first, last)) => {
            let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
            (first <= last).then_some((first, last))
        }
        None => text.parse().ok().map(|port| (port, port)),
    }
}

/// The host side of a short volume, when it has one: `"/a:/b:ro"` → `/a`.
pub fn short_volume(written: &str) -> (Option<String>, String) {
    let mut parts = written.split(':');
    let first = parts.next().unwrap_or_default().to_owned();
    match parts.next() {
        Some(target) => (Some(first), target.to_owned()),
        None => (None, first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(
        host_ip: Option<&str>,
        published: Option<&str>,
        target: (u16, u16),
        protocol: &str,
    ) -> ShortPort {
        ShortPort {
            host_ip: host_ip.map(str::to_owned),
            published: published.map(str::to_owned),
            target: Some(target),
            protocol: protocol.to_owned(),
        }
    }

    #[test]
    fn every_short_form() {
        assert_eq!(short_port("5432"), port(None, None, (5432, 5432), "tcp"));
        assert_eq!(
            short_port("8080:80"),
            port(None, Some("8080"), (80, 80), "tcp")
        );
        assert_eq!(
            short_port("127.0.0.1:5432:5432"),
            port(Some("127.0.0.1"), Some("5432"), (5432, 5432), "tcp")
        );
        assert_eq!(
            short_port("127.0.0.1::80"),
            port(Some("127.0.0.1"), None, (80, 80), "tcp")
        );
        assert_eq!(
            short_port("8000-8010:8000-8010"),
            port(None, Some("8000-8010"), (8000, 8010), "tcp")
        );
        assert_eq!(
            short_port("[::1]:80:80"),
            port(Some("::1"), Some("80"), (80, 80), "tcp")
        );
        assert_eq!(
            short_port("53:53/udp"),
            port(None, Some("53"), (53, 53), "udp")
        );
        assert_eq!(short_port("garbage").target, None);
    }

    #[test]
    fn volume_sources() {
        assert_eq!(
            short_volume("/var/run/docker.sock:/var/run/docker.sock:ro"),
            (
                Some("/var/run/docker.sock".to_owned()),
                "/var/run/docker.sock".to_owned()
            )
        );
        assert_eq!(short_volume("/data"), (None, "/data".to_owned()));
    }
}
