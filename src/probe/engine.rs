//! Runs a batch of probes concurrently on the calling thread, in whatever network namespace
//! that thread is in: the sockets are created here, so they belong to that namespace.

use super::attempt::{Attempt, Outcome, Probe};
use super::{dns, icmp, tcp};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

/// How each probe runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Bounds every try; isolation checks usually wait all of it, so keep it short.
    pub timeout: Duration,
    /// Tries per probe, for latency statistics; at least one.
    pub count: u32,
    /// The DNS server the namespace's containers use.
    pub resolver: SocketAddr,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_millis(1000),
            count: 1,
            resolver: dns::DOCKER_RESOLVER,
        }
    }
}

/// Ids for DNS questions and ICMP echoes, distinct across concurrent probes of one process.
static NEXT_ID: AtomicU16 = AtomicU16::new(0x6e63);

/// One list of attempts per probe, in the probes' order. A current-thread runtime keeps every
/// socket on this thread, which is what makes entering a namespace with `setns` hold for them.
pub fn run_here(probes: &[Probe], options: &Options) -> std::io::Result<Vec<Vec<Attempt>>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    Ok(runtime.block_on(run_all(probes, options)))
}

async fn run_all(probes: &[Probe], options: &Options) -> Vec<Vec<Attempt>> {
    let tasks: Vec<_> = probes
        .iter()
        .map(|probe| tokio::spawn(repeat(probe.clone(), options.clone())))
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.unwrap_or_else(|error| {
            vec![Attempt {
                outcome: Outcome::Error(format!("the probe task failed: {error}")),
                elapsed: Duration::ZERO,
            }]
        }));
    }
    results
}

/// Tries in sequence, so that each latency is measured alone.
async fn repeat(probe: Probe, options: Options) -> Vec<Attempt> {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut attempts = Vec::new();
    for sequence in 0..options.count.max(1) {
        let sequence = u16::try_from(sequence).unwrap_or(u16::MAX);
        attempts.push(attempt(&probe, &options, id, sequence).await);
    }
    attempts
}

async fn attempt(probe: &Probe, options: &Options, id: u16, sequence: u16) -> Attempt {
    let started = Instant::now();
    let outcome = tokio::time::timeout(options.timeout, dispatch(probe, options, id, sequence))
        .await
        .unwrap_or(Outcome::TimedOut);
    Attempt {
        outcome,
        elapsed: started.elapsed(),
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

    #[test]
    fn probes_run_together_and_keep_their_order() {
        let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let options = Options {
            timeout: Duration::from_millis(300),
            count: 2,
            resolver: silent.local_addr().unwrap(),
        };
        let probes = [
            Probe::Dns {
                name: "nobody-answers".to_owned(),
            },
            Probe::Icmp {
                address: "127.0.0.1".parse().unwrap(),
            },
        ];
        let started = Instant::now();
        let results = run_here(&probes, &options).unwrap();
        assert!(
            started.elapsed() < Duration::from_millis(1000),
            "ran one after another"
        );
        assert_eq!(results.len(), 2);
        assert!(results[0].iter().all(|a| a.outcome == Outcome::TimedOut));
        assert_eq!(results[1].len(), 2);
        assert!(results[1].iter().all(|a| a.outcome == Outcome::Answered));
    }
}
