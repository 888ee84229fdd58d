//! `netctl agent serve`: listens on TCP ports and answers HTTP health checks, as PID 1 of a
//! scratch container, until SIGTERM or SIGINT.

use super::AgentError;
use std::future::poll_fn;
use std::net::{IpAddr, SocketAddr};
use std::task::Poll;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    pub bind: IpAddr,
    /// Ports that accept connections and close them: enough for a TCP probe.
    pub tcp: Vec<u16>,
    /// The port that answers `GET /` and `GET /health` with 200.
    pub http: Option<u16>,
}

/// How long a client may take to send its request line before it is dropped.
const REQUEST_DEADLINE: Duration = Duration::from_secs(5);

/// Binds every port first, so a taken port fails the start instead of half a service.
pub fn serve(config: &ServeConfig) -> Result<(), AgentError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(AgentError::Runtime)?;
    runtime.block_on(async {
        let stop = stop_signal().map_err(AgentError::Runtime)?;
        for port in tcp_only_ports(config) {
            let listener = bind(config.bind, port).await?;
            tokio::spawn(accept_and_close(listener));
        }
        if let Some(port) = config.http {
            let listener = bind(config.bind, port).await?;
            tokio::spawn(answer_http(listener));
        }
        eprintln!("netctl agent: {}", describe(config));
        stop.await;
        Ok(())
    })
}

/// A process that is PID 1 gets no default action for SIGTERM or SIGINT: without handlers,
/// `docker stop` would wait its full grace period and then kill the container.
fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        poll_fn(|context| {
            let term = terminate.poll_recv(context).is_ready();
            let int = interrupt.poll_recv(context).is_ready();
            if term || int {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
    })
}

fn tcp_only_ports(config: &ServeConfig) -> Vec<u16> {
    let mut ports: Vec<u16> = config
        .tcp
        .iter()
        .copied()
        .filter(|port| Some(*port) != config.http)
        .collect();
    ports.sort_unstable();
    ports.dedup();
    ports
}

async fn bind(address: IpAddr, port: u16) -> Result<TcpListener, AgentError> {
    let address = SocketAddr::new(address, port);
    TcpListener::bind(address)
        .await
        .map_err(|source| AgentError::Listen { address, source })
}

async fn accept_and_close(listener: TcpListener) {
    loop {
        if let Err(error) = listener.accept().await {
            eprintln!("netctl agent: accept failed: {error}");
        }
    }
}

async fn answer_http(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(answer_one(stream));
            }
            Err(error) => eprintln!("netctl agent: accept failed: {error}"),
        }
    }
}

async fn answer_one(mut stream: TcpStream) {
    let mut head = Vec::with_capacity(512);
    let mut buffer = [0u8; 512];
    let read_line = async {
        while !head.contains(&b'\n') && head.len() < 8192 {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => head.extend_from_slice(&buffer[..read]),
            }
        }
    };
    if tokio::time::timeout(REQUEST_DEADLINE, read_line)
        .await
        .is_ok()
    {
        let _ = stream.write_all(response(&head).as_bytes()).await;
        let _ = stream.shutdown().await;
    }
}

/// The whole reply to a request whose head starts with `head`: the service is a placeholder,
/// so `/` and `/health` are healthy and nothing else exists.
pub fn response(head: &[u8]) -> &'static str {
    let line = head.split(|&byte| byte == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut words = line.split_whitespace();
    let (method, target) = (words.next(), words.next());
    let path = target.map(|t| t.split('?').next().unwrap_or(t));
    match (method, path) {
        (Some("GET" | "HEAD"), Some("/" | "/health")) => {
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
        }
        (Some("GET" | "HEAD"), Some(_)) => {
            "HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nnot found\n"
        }
        _ => {
            "HTTP/1.0 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        }
    }
}

fn describe(config: &ServeConfig) -> String {
    let tcp: Vec<String> = tcp_only_ports(config).iter().map(u16::to_string).collect();
    let http = config
        .http
        .map_or_else(|| "none".to_owned(), |port| port.to_string());
    let tcp = if tcp.is_empty() {
        "none".to_owned()
    } else {
        tcp.join(", ")
    };
    format!("listening on {}: tcp {tcp}; http {http}", config.bind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_and_root_are_healthy_and_other_paths_do_not_exist() {
        assert!(response(b"GET /health HTTP/1.0\r\n").starts_with("HTTP/1.0 200"));
        assert!(response(b"GET /?probe=1 HTTP/1.1\r\n").starts_with("HTTP/1.0 200"));
        assert!(response(b"HEAD / HTTP/1.1\r\n").starts_with("HTTP/1.0 200"));
        assert!(response(b"GET /admin HTTP/1.1\r\n").starts_with("HTTP/1.0 404"));
        assert!(response(b"POST /health HTTP/1.1\r\n").starts_with("HTTP/1.0 405"));
        assert!(response(b"").starts_with("HTTP/1.0 405"));
    }

    #[test]
    fn the_http_port_is_not_also_served_as_plain_tcp() {
        let config = ServeConfig {
            bind: "127.0.0.1".parse().unwrap(),
            tcp: vec![8000, 8080, 8000],
            http: Some(8080),
        };
        assert_eq!(tcp_only_ports(&config), [8000]);
        assert_eq!(
            describe(&config),
            "listening on 127.0.0.1: tcp 8000; http 8080"
        );
    }
}
