//! TCP connect and a one-request HTTP GET: enough to tell "nothing listens" from "no route"
//! from "a server answered with this status".

use super::attempt::Outcome;
use std::net::{IpAddr, SocketAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Completes a handshake and closes; the caller bounds the wait.
pub async fn connect(address: IpAddr, port: u16) -> Outcome {
    match TcpStream::connect(SocketAddr::new(address, port)).await {
        Ok(_) => Outcome::Answered,
        Err(error) => Outcome::from_io(&error),
    }
}

/// `GET path` with HTTP/1.0 (no keep-alive, no chunking to read) and the status it answered.
pub async fn get(address: IpAddr, port: u16, host: &str, path: &str) -> Outcome {
    match request(address, port, host, path).await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::from_io(&error),
    }
}

async fn request(address: IpAddr, port: u16, host: &str, path: &str) -> std::io::Result<Outcome> {
    let mut stream = TcpStream::connect(SocketAddr::new(address, port)).await?;
    let request = format!("GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: netctl\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut head = Vec::with_capacity(256);
    let mut buffer = [0u8; 256];
    while !head.contains(&b'\n') && head.len() < 4096 {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    Ok(status(&head).map_or_else(
        || Outcome::Error("the server did not answer with an HTTP status line".to_owned()),
        Outcome::HttpStatus,
    ))
}

/// The code of a status line such as `HTTP/1.1 200 OK`.
pub fn status(head: &[u8]) -> Option<u16> {
    let line = head.split(|&byte| byte == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut words = line.split_whitespace();
    words
        .next()
        .filter(|version| version.starts_with("HTTP/"))?;
    words.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn status_lines_parse_and_other_text_does_not() {
        assert_eq!(status(b"HTTP/1.1 204 No Content\r\n"), Some(204));
        assert_eq!(status(b"HTTP/1.0 503\r\n"), Some(503));
        assert_eq!(status(b"SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(status(b""), None);
    }

    #[test]
    fn a_closed_port_on_loopback_is_refused() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert_eq!(
            block_on(connect("127.0.0.1".parse().unwrap(), port)),
            Outcome::Refused
        );
    }

    #[test]
    fn a_get_reads_the_status_of_a_server_on_loopback() {
        block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = listener.local_addr().unwrap().port();
            let server = tokio::spawn(async move {
                let (mut stream, _) = listener.accept().await.unwrap();
                let mut buffer = [0u8; 512];
                let read = stream.read(&mut buffer).await.unwrap();
                assert!(buffer[..read].starts_with(b"GET /health HTTP/1.0\r\nHost: hub\r\n"));
                stream
                    .write_all(b"HTTP/1.0 200 OK\r\n\r\nok")
                    .await
                    .unwrap();
            });
            let outcome = get("127.0.0.1".parse().unwrap(), port, "hub", "/health").await;
            server.await.unwrap();
            assert_eq!(outcome, Outcome::HttpStatus(200));
        });
    }
}
