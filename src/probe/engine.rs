//! Runs a batch of probes concurrently on the calling thread, in whatever network namespace
//! that thread is in: the sockets are created here, so they belong to that namespace. How many
//! run at once is the [`Budget`]'s to say, which every namespace's thread shares.

use super::attempt::{Attempt, Outcome, Probe};
use super::daemon_dns::DaemonDns;
use super::limits::{Budget, Limits, TARGET_LEASE};
use super::{dns, icmp, tcp};
use futures_util::future::join_all;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How each probe runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Bounds every try; isolation checks usually wait all of it, so keep it short.
    pub timeout: Duration,
    /// Tries per probe, for latency statistics; at least one.
    pub count: u32,
    /// The DNS server the namespace's containers use.
    pub resolver: SocketAddr,
    /// Sockets at once at most (`--concurrency`); `None` takes what the open-file limit allows.
    pub concurrency: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_millis(1000),
            count: 1,
            resolver: dns::DOCKER_RESOLVER,
            concurrency: None,
        }
    }
}

/// Ids for DNS questions and ICMP echoes, distinct across concurrent probes of one process.
static NEXT_ID: AtomicU16 = AtomicU16::new(0x6e63);

/// As [`run_with`], on a budget of this process's own: a sidecar's agent probes one
/// namespace and shares its open-file limit with nobody.
pub fn run_here(probes: &[Probe], options: &Options) -> std::io::Result<Vec<Vec<Attempt>>> {
    let budget = Budget::new(Limits::for_this_process(options.concurrency));
    run_with(probes, options, &budget)
}

/// One list of attempts per probe, in the probes' order. A current-thread runtime keeps every
/// socket on this thread, which is what makes entering a namespace with `setns` hold for them.
pub fn run_with(
    probes: &[Probe],
    options: &Options,
    budget: &Budget,
) -> std::io::Result<Vec<Vec<Attempt>>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    Ok(runtime.block_on(run_all(probes, options, budget)))
}

async fn run_all(probes: &[Probe], options: &Options, budget: &Budget) -> Vec<Vec<Attempt>> {
    let resolver = budget.resolver();
    join_all(
        probes
            .iter()
            .map(|probe| repeat(probe, options, budget, &resolver)),
    )
    .await
}

/// Tries in sequence, so that each latency is measured alone.
async fn repeat(
    probe: &Probe,
    options: &Options,
    budget: &Budget,
    resolver: &Arc<Semaphore>,
) -> Vec<Attempt> {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut attempts = Vec::new();
    for sequence in 0..options.count.max(1) {
        let sequence = u16::try_from(sequence).unwrap_or(u16::MAX);
        attempts.push(try_once(probe, options, budget, resolver, id, sequence).await);
    }
    attempts
}

/// Waits for a place toward the target, a socket of the budget, and for a DNS question room
/// in the daemon's resolver or for an echo request its turn; then tries.
async fn try_once(
    probe: &Probe,
    options: &Options,
    budget: &Budget,
    resolver: &Arc<Semaphore>,
    id: u16,
    sequence: u16,
) -> Attempt {
    let target = match aimed_at(probe) {
        Some(address) => budget.target(address).await,
        None => Arc::clone(resolver).acquire_owned().await.ok(),
    };
    let question = match probe {
        Probe::Dns { .. } => Some(DaemonDns::shared().ask().await),
        _ => None,
    };
    let _socket = budget.socket().await;
    if let Probe::Icmp { .. } = probe {
        budget.icmp_turn().await;
    }
    let attempt = attempt(probe, options, target, id, sequence).await;
    if let Some(question) = question.filter(|_| attempt.outcome != Outcome::TimedOut) {
        question.answered();
    }
    attempt
}

/// The clock starts once the probe holds its place in the budget: waiting for one is not
/// the network's delay.
async fn attempt(
    probe: &Probe,
    options: &Options,
    target: Option<OwnedSemaphorePermit>,
    id: u16,
    sequence: u16,
) -> Attempt {
    let started = Instant::now();
    let outcome = tokio::time::timeout(
        options.timeout,
        leased(dispatch(probe, options, id, sequence), target),
    )
    .await
    .unwrap_or(Outcome::TimedOut);
    Attempt {
        outcome,
        elapsed: started.elapsed(),
    }
}

/// Holds the target's place until `probe` ends or [`TARGET_LEASE`] passes: an unanswered
/// probe to an isolated address costs that address nothing and must not hold its cap.
async fn leased<F: Future>(probe: F, place: Option<OwnedSemaphorePermit>) -> F::Output {
    tokio::pin!(probe);
    tokio::select! {
        outcome = &mut probe => outcome,
        () = tokio::time::sleep(TARGET_LEASE) => {
            drop(place);
            probe.await
        }
    }
}

/// The address a probe's packets go to; a DNS question goes to the namespace's resolver.
fn aimed_at(probe: &Probe) -> Option<IpAddr> {
    match probe {
        Probe::Dns { .. } => None,
        Probe::Icmp { address } | Probe::Tcp { address, .. } | Probe::Http { address, .. } => {
            Some(*address)
        }
    }
}

async fn dispatch(probe: &Probe, options: &Options, id: u16, sequence: u16) -> Outcome {
    match probe {
        Probe::Dns { name } => dns::query(options.resolver, name, id.wrapping_add(sequence)).await,
        Probe::Icmp { address } => icmp::ping(*address, id, sequence).await,
        Probe::Tcp { address, port } => tcp::connect(*address, *port).await,
        Probe::Http {
            address,
            port,
            path,
            host,
        } => tcp::get(*address, *port, host, path).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::UdpSocket;

    /// A resolver on loopback that answers nothing until it has heard `wanted` different
    /// questions, then answers them all (and every later one at once). Each name gets its own
    /// response code, so answers show which question they belong to.
    fn barrier_resolver(wanted: usize) -> SocketAddr {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let address = socket.local_addr().unwrap();
        std::thread::spawn(move || {
            let mut held: Vec<(Vec<u8>, SocketAddr)> = Vec::new();
            let mut buffer = [0u8; 512];
            while let Ok((length, peer)) = socket.recv_from(&mut buffer) {
                let question = buffer[..length].to_vec();
                if !held.iter().any(|(q, _)| q[..2] == question[..2]) {
                    held.push((question.clone(), peer));
                }
                if held.len() >= wanted {
                    for (question, peer) in &held {
                        socket.send_to(&answer(question), peer).unwrap();
                    }
                }
            }
        });
        address
    }

    fn answer(question: &[u8]) -> Vec<u8> {
        let code = match &question[13..question.len() - 5] {
            b"nx" => 3,
            b"servfail" => 2,
            _ => 5,
        };
        let mut response = question.to_vec();
        response[2] |= 0x80;
        response[3] = 0x80 | code;
        response
    }

    fn dns(name: &str) -> Probe {
        Probe::Dns {
            name: name.to_owned(),
        }
    }

    fn budget(sockets: usize) -> Budget {
        Budget::new(Limits {
            sockets,
            namespaces: 1,
            per_target: 64,
            open_files: 1024,
        })
    }

    /// Run one after another, the first question would wait out its timeout for the others.
    #[test]
    fn probes_run_together_and_keep_their_order() {
        let options = Options {
            timeout: Duration::from_secs(20),
            resolver: barrier_resolver(3),
            ..Options::default()
        };
        let probes = [
            dns("nx"),
            dns("servfail"),
            dns("refused"),
            Probe::Icmp {
                address: "127.0.0.1".parse().unwrap(),
            },
        ];
        let results = run_with(&probes, &options, &budget(8)).unwrap();
        let outcomes: Vec<&Outcome> = results.iter().map(|a| &a[0].outcome).collect();
        assert_eq!(
            outcomes,
            [
                &Outcome::NxDomain,
                &Outcome::DnsCode(2),
                &Outcome::DnsCode(5),
                &Outcome::Answered
            ]
        );
    }

    /// With one socket, the second question is only asked once the first gave up.
    #[test]
    fn no_more_probes_in_flight_than_the_budget_has_sockets() {
        let options = Options {
            timeout: Duration::from_millis(300),
            resolver: barrier_resolver(2),
            ..Options::default()
        };
        let results = run_with(&[dns("nx"), dns("servfail")], &options, &budget(1)).unwrap();
        assert_eq!(results[0][0].outcome, Outcome::TimedOut);
        assert_eq!(results[1][0].outcome, Outcome::DnsCode(2));
    }

    #[test]
    fn every_try_of_a_probe_is_kept() {
        let options = Options {
            count: 3,
            ..Options::default()
        };
        let loopback = Probe::Icmp {
            address: "127.0.0.1".parse().unwrap(),
        };
        let results = run_here(&[loopback], &options).unwrap();
        assert_eq!(results[0].len(), 3);
        assert!(results[0].iter().all(|a| a.outcome == Outcome::Answered));
    }
}
