//! A minimal DNS client: one A question over UDP to the namespace's resolver, answer decoded.
//!
//! Hand-written rather than a resolver crate because a probe needs one question to one server
//! with a caller-chosen timeout and the raw answer (NXDOMAIN vs. empty vs. addresses) to judge;
//! a full resolver would retry, search domains and read resolv.conf, all of which blur that.

use super::attempt::Outcome;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use tokio::net::UdpSocket;

/// Docker's embedded resolver, the same address in every container on a user-defined network.
pub const DOCKER_RESOLVER: SocketAddr =
    SocketAddr::new(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 11)), 53);

const TYPE_A: u16 = 1;
const CLASS_IN: u16 = 1;
const HEADER_LEN: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("`{0}` is not a DNS name (labels of 1 to 63 bytes, 253 bytes in all)")]
    BadName(String),
    #[error("malformed DNS response")]
    Malformed,
}

/// Asks `server` for the A records of `name`; the caller bounds it with a timeout.
pub async fn query(server: SocketAddr, name: &str, id: u16) -> Outcome {
    let question = match encode_query(name, id) {
        Ok(question) => question,
        Err(error) => return Outcome::Error(error.to_string()),
    };
    match exchange(server, &question, id).await {
        Ok(outcome) => outcome,
        Err(error) => Outcome::from_io(&error),
    }
}

/// Asks once. Docker's resolver forwards every name it cannot answer to the host's resolver
/// and holds a socket for up to 4 s for each question, answered or not: resending would
/// multiply that, and thousands of isolation questions at once exhausted the daemon's own
/// open files (Docker 20.10: "[resolver] connect failed: too many open files"). A question
/// lost on the way is asked again by the scheduler's retry of silent reachable checks.
async fn exchange(server: SocketAddr, question: &[u8], id: u16) -> std::io::Result<Outcome> {
    let socket = UdpSocket::bind(SocketAddr::new(unspecified_like(server.ip()), 0)).await?;
    socket.connect(server).await?;
    socket.send(question).await?;
    let mut buffer = [0u8; 1500];
    loop {
        let length = socket.recv(&mut buffer).await?;
        match decode_response(&buffer[..length], id) {
            Ok(Some(outcome)) => return Ok(outcome),
            Ok(None) => continue,
            Err(error) => return Ok(Outcome::Error(error.to_string())),
        }
    }
}

fn unspecified_like(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED),
    }
}

/// A recursive query with one question: `name`, type A, class IN.
pub fn encode_query(name: &str, id: u16) -> Result<Vec<u8>, WireError> {
    let mut message = Vec::with_capacity(HEADER_LEN + name.len() + 6);
    message.extend_from_slice(&id.to_be_bytes());
    message.extend_from_slice(&[0x01, 0x00]); // standard query, recursion desired
    message.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]); // one question, nothing else
    encode_name(name, &mut message)?;
    message.extend_from_slice(&TYPE_A.to_be_bytes());
    message.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(message)
}

fn encode_name(name: &str, out: &mut Vec<u8>) -> Result<(), WireError> {
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    let bad = || WireError::BadName(name.to_owned());
    if trimmed.is_empty() || trimmed.len() > 253 {
        return Err(bad());
    }
    for label in trimmed.split('.') {
        let length = u8::try_from(label.len()).map_err(|_| bad())?;
        if length == 0 || length > 63 {
            return Err(bad());
        }
        out.push(length);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    Ok(())
}

/// `Ok(None)` for a datagram that answers another question (a stale or foreign reply).
pub fn decode_response(message: &[u8], id: u16) -> Result<Option<Outcome>, WireError> {
    let header = message.get(..HEADER_LEN).ok_or(WireError::Malformed)?;
    let is_response = header[2] & 0x80 != 0;
    if u16::from_be_bytes([header[0], header[1]]) != id || !is_response {
        return Ok(None);
    }
    match header[3] & 0x0f {
        0 => {}
        3 => return Ok(Some(Outcome::NxDomain)),
        code => return Ok(Some(Outcome::DnsCode(code))),
    }
    let questions = u16::from_be_bytes([header[4], header[5]]);
    let answers = u16::from_be_bytes([header[6], header[7]]);
    let mut at = HEADER_LEN;
    for _ in 0..questions {
        at = skip_name(message, at)? + 4;
    }
    let mut addresses = Vec::new();
    for _ in 0..answers {
        let (record, next) = read_record(message, at)?;
        addresses.extend(record);
        at = next;
    }
    Ok(Some(Outcome::Resolved(addresses)))
}

/// One answer record: its IPv4 address when it is an A record (a CNAME yields nothing).
fn read_record(message: &[u8], at: usize) -> Result<(Option<IpAddr>, usize), WireError> {
    let fixed = skip_name(message, at)?;
    let field = |offset: usize| -> Result<u16, WireError> {
        let bytes = message
            .get(fixed + offset..fixed + offset + 2)
            .ok_or(WireError::Malformed)?;
        Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
    };
    let (kind, class, length) = (field(0)?, field(2)?, usize::from(field(8)?));
    let data_start = fixed + 10;
    let data = message
        .get(data_start..data_start + length)
        .ok_or(WireError::Malformed)?;
    let address = match (kind, class, data) {
        (TYPE_A, CLASS_IN, [a, b, c, d]) => Some(IpAddr::V4(Ipv4Addr::new(*a, *b, *c, *d))),
        _ => None,
    };
    Ok((address, data_start + length))
}

/// The offset just past a (possibly compressed) name.
fn skip_name(message: &[u8], mut at: usize) -> Result<usize, WireError> {
    loop {
        let length = *message.get(at).ok_or(WireError::Malformed)?;
        match length {
            0 => return Ok(at + 1),
            pointer if pointer & 0xc0 == 0xc0 => {
                return message
                    .get(at + 1)
                    .map(|_| at + 2)
                    .ok_or(WireError::Malformed);
            }
            label if label & 0xc0 == 0 => at += 1 + usize::from(label),
            _ => return Err(WireError::Malformed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response to `query` with the given code and A records, names compressed to the question.
    fn response(query: &[u8], code: u8, addresses: &[[u8; 4]]) -> Vec<u8> {
        let mut message = query.to_vec();
        message[2] |= 0x80;
        message[3] = 0x80 | code;
        message[7] = u8::try_from(addresses.len()).unwrap();
        for address in addresses {
            message.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
            message.extend_from_slice(address);
        }
        message
    }

    #[test]
    fn a_query_carries_the_name_as_labels() {
        let query = encode_query("hub-api.shared", 0x1234).unwrap();
        assert_eq!(&query[..2], &[0x12, 0x34]);
        assert_eq!(&query[12..], b"\x07hub-api\x06shared\x00\x00\x01\x00\x01");
    }

    #[test]
    fn names_that_cannot_be_encoded_are_refused() {
        assert!(encode_query("", 1).is_err());
        assert!(encode_query("a..b", 1).is_err());
        assert!(encode_query(&"x".repeat(64), 1).is_err());
    }

    #[test]
    fn answers_decode_to_addresses() {
        let query = encode_query("hub-db", 7).unwrap();
        let answer = response(&query, 0, &[[10, 214, 1, 5], [10, 214, 2, 5]]);
        assert_eq!(
            decode_response(&answer, 7).unwrap(),
            Some(Outcome::Resolved(vec![
                "10.214.1.5".parse().unwrap(),
                "10.214.2.5".parse().unwrap()
            ]))
        );
    }

    #[test]
    fn nxdomain_and_other_codes_are_kept_apart() {
        let query = encode_query("hub-db", 7).unwrap();
        assert_eq!(
            decode_response(&response(&query, 3, &[]), 7).unwrap(),
            Some(Outcome::NxDomain)
        );
        assert_eq!(
            decode_response(&response(&query, 2, &[]), 7).unwrap(),
            Some(Outcome::DnsCode(2))
        );
    }

    #[test]
    fn a_reply_to_another_question_is_ignored_and_garbage_is_malformed() {
        let query = encode_query("hub-db", 7).unwrap();
        assert_eq!(decode_response(&response(&query, 0, &[]), 8).unwrap(), None);
        let mut truncated = response(&query, 0, &[[10, 0, 0, 1]]);
        truncated.truncate(truncated.len() - 2);
        assert_eq!(decode_response(&truncated, 7), Err(WireError::Malformed));
        assert_eq!(decode_response(&[1, 2, 3], 7), Err(WireError::Malformed));
    }

    #[test]
    fn a_question_is_asked_once_however_long_the_wait() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let server = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        server.set_nonblocking(true).unwrap();
        let address = server.local_addr().unwrap();
        runtime.block_on(async {
            let outcome = tokio::time::timeout(
                std::time::Duration::from_secs(30),
                query(address, "gone", 9),
            )
            .await;
            assert!(outcome.is_err(), "nobody answers");
        });
        let mut buffer = [0u8; 512];
        assert!(server.recv_from(&mut buffer).is_ok());
        assert!(server.recv_from(&mut buffer).is_err(), "asked again");
    }

    #[test]
    fn a_query_gets_its_answer_from_a_server_on_loopback() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = UdpSocket::bind("127.0.0.1:0").await.unwrap();
            let address = server.local_addr().unwrap();
            let serve = tokio::spawn(async move {
                let mut buffer = [0u8; 512];
                let (length, peer) = server.recv_from(&mut buffer).await.unwrap();
                let reply = response(&buffer[..length], 0, &[[10, 214, 0, 9]]);
                server.send_to(&reply, peer).await.unwrap();
            });
            let outcome = query(address, "agent", 42).await;
            serve.await.unwrap();
            assert_eq!(
                outcome,
                Outcome::Resolved(vec!["10.214.0.9".parse().unwrap()])
            );
        });
    }
}
