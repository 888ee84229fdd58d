//! ICMP echo (ping) over IPv4: an unprivileged datagram socket where the namespace allows it,
//! a raw socket otherwise (netns probes run as root, which may open raw sockets).

use super::attempt::Outcome;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use std::io;
use std::net::{IpAddr, SocketAddr};
use tokio::net::UdpSocket;

const ECHO_REQUEST: u8 = 8;
const ECHO_REPLY: u8 = 0;
const PAYLOAD: &[u8; 8] = b"netctl\0\0";

/// Sends one echo request to `address` and waits for its reply; the caller bounds the wait.
pub async fn ping(address: IpAddr, id: u16, sequence: u16) -> Outcome {
    let IpAddr::V4(_) = address else {
        return Outcome::Error("ICMP probes cover IPv4 addresses only".to_owned());
    };
    match echo(address, id, sequence).await {
        Ok(()) => Outcome::Answered,
        Err(error) => Outcome::from_io(&error),
    }
}

async fn echo(address: IpAddr, id: u16, sequence: u16) -> io::Result<()> {
    let (socket, kind) = open_socket(address)?;
    socket.send(&echo_request(id, sequence)).await?;
    let mut buffer = [0u8; 1500];
    loop {
        let length = socket.recv(&mut buffer).await?;
        if is_reply(&buffer[..length], kind, id, sequence) {
            return Ok(());
        }
    }
}

/// How replies arrive: a raw socket hands over the IP header and every ICMP packet; a
/// datagram ("ping") socket only the ICMP message, with the id chosen by the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SocketKind {
    Datagram,
    Raw,
}

/// Connected to `address`, so the kernel drops replies from anyone else.
fn open_socket(address: IpAddr) -> io::Result<(UdpSocket, SocketKind)> {
    let (socket, kind) = match Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::ICMPV4)) {
        Ok(socket) => (socket, SocketKind::Datagram),
        Err(_) => (
            Socket::new(Domain::IPV4, Type::RAW, Some(Protocol::ICMPV4))?,
            SocketKind::Raw,
        ),
    };
    socket.set_nonblocking(true)?;
    socket.connect(&SockAddr::from(SocketAddr::new(address, 0)))?;
    Ok((UdpSocket::from_std(socket.into())?, kind))
}

pub fn echo_request(id: u16, sequence: u16) -> Vec<u8> {
    let mut packet = vec![ECHO_REQUEST, 0, 0, 0];
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&sequence.to_be_bytes());
    packet.extend_from_slice(PAYLOAD);
    let sum = checksum(&packet);
    packet[2..4].copy_from_slice(&sum.to_be_bytes());
    packet
}

/// The Internet checksum (RFC 1071).
pub fn checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = data
        .chunks(2)
        .map(|pair| {
            u32::from(u16::from_be_bytes([
                pair[0],
                pair.get(1).copied().unwrap_or(0),
            ]))
        })
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

fn is_reply(packet: &[u8], kind: SocketKind, id: u16, sequence: u16) -> bool {
    let message = match kind {
        SocketKind::Datagram => packet,
        SocketKind::Raw => {
            let header_length = packet
                .first()
                .map_or(0, |byte| usize::from(byte & 0x0f) * 4);
            packet.get(header_length..).unwrap_or_default()
        }
    };
    let Some(header) = message.get(..8) else {
        return false;
    };
    let id_matches = kind == SocketKind::Datagram || header[4..6] == id.to_be_bytes();
    header[0] == ECHO_REPLY && id_matches && header[6..8] == sequence.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply_to(request: &[u8]) -> Vec<u8> {
        let mut reply = request.to_vec();
        reply[0] = ECHO_REPLY;
        reply
    }

    #[test]
    fn a_request_checksums_to_zero() {
        let request = echo_request(0xbeef, 3);
        assert_eq!(request[0], ECHO_REQUEST);
        assert_eq!(checksum(&request), 0);
    }

    #[test]
    fn replies_match_on_sequence_and_on_id_for_raw_sockets() {
        let request = echo_request(9, 4);
        let reply = reply_to(&request);
        assert!(is_reply(&reply, SocketKind::Datagram, 1234, 4));
        assert!(!is_reply(&reply, SocketKind::Datagram, 9, 5));
        let mut with_ip_header = vec![0x45];
        with_ip_header.extend_from_slice(&[0; 19]);
        with_ip_header.extend_from_slice(&reply);
        assert!(is_reply(&with_ip_header, SocketKind::Raw, 9, 4));
        assert!(!is_reply(&with_ip_header, SocketKind::Raw, 10, 4));
        assert!(!is_reply(&request, SocketKind::Datagram, 9, 4));
    }

    #[test]
    fn loopback_answers_a_ping() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let outcome = runtime.block_on(ping("127.0.0.1".parse().unwrap(), 77, 1));
        assert_eq!(outcome, Outcome::Answered);
    }
}
