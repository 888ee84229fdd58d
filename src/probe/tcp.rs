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
    let request = match get_request(host, path) {
        Ok(request) => request,
        Err(refused) => return Outcome::Error(refused.to_string()),
    };
    match send(address, port, &request).await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::from_io(&error),
    }
}

/// A word of the request that would not stay one word: it could end the request line or a
/// header and smuggle in another.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refused to send GET: the {part} {value:?} holds a space, a control character (such as a \
     line break) or a non-ASCII character"
)]
pub struct UnsafeRequest {
    pub part: &'static str,
    pub value: String,
}

/// The bytes of the one GET every strategy sends (the netns engine here, the exec strategy
/// through `nc`): HTTP/1.0 and `Connection: close`, so the server answers once and closes.
/// Topology validation already keeps such paths out; this refuses them again where they
/// would go on the wire.
pub fn get_request(host: &str, path: &str) -> Result<Vec<u8>, UnsafeRequest> {
    for (part, value) in [("host", host), ("path", path)] {
        if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(UnsafeRequest {
                part,
                value: value.to_owned(),
            });
        }
    }
    Ok(format!(
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: netctl\r\nConnection: close\r\n\r\n"
    )
    .into_bytes())
}

async fn send(address: IpAddr, port: u16, request: &[u8]) -> std::io::Result<Outcome> {
    let mut stream = TcpStream::connect(SocketAddr::new(address, port)).await?;
    stream.write_all(request).await?;
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
        || Outcome::Error(NO_STATUS_LINE.to_owned()),
        Outcome::HttpStatus,
    ))
}

/// What a connection that closed without a status line means, on every strategy.
pub const NO_STATUS_LINE: &str = "the server did not answer with an HTTP status line";

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
    fn the_request_is_one_http_1_0_get_that_asks_the_server_to_close() {
        assert_eq!(
            get_request("hub-api", "/health?x=1").unwrap(),
            b"GET /health?x=1 HTTP/1.0\r\nHost: hub-api\r\nUser-Agent: netctl\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn a_path_or_host_that_could_break_out_of_its_word_is_refused() {
        for path in [
            "/a b",
            "/a\r\nX-Evil: 1",
            "/\u{7f}",
            "/caf\u{e9}",
            "/a\tb",
            "",
        ] {
            let refused = get_request("hub", path).unwrap_err();
            assert_eq!((refused.part, refused.value.as_str()), ("path", path));
        }
        assert_eq!(get_request("hub\r\n", "/").unwrap_err().part, "host");
        assert_eq!(
            block_on(get("127.0.0.1".parse().unwrap(), 1, "hub", "/a b")),
            Outcome::Error(get_request("hub", "/a b").unwrap_err().to_string())
        );
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
