//! How much probing may happen at once, and the shared state that holds a run to it: a budget
//! of sockets derived from the open-file limit, a cap per target address, a bounded number of
//! source namespaces, and a pace for ICMP. Also the local resources a probe can run out of.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// Files kept free for everything that is not a probe: the daemon connection and its pool,
/// stdio, the agent image's tar, the progress bar, a DNS lookup of the daemon's host.
const RESERVED_FILES: u64 = 64;
/// Files each namespace thread holds besides its probes' sockets: the runtime's epoll and
/// waker, and `/proc/PID/ns/net` while entering.
const FILES_PER_NAMESPACE: u64 = 4;
/// Sockets worth one more namespace thread: fewer, and threads would only wait for sockets.
const SOCKETS_PER_NAMESPACE: u64 = 16;
/// Namespaces probed at once at most. Each costs a thread; past this, threads only queue for
/// the same sockets and the same two cores.
const MAX_NAMESPACES: u64 = 64;
/// Sockets at once at most, whatever the open-file limit (1,048,576 is common): each costs
/// kernel memory, and wider bursts have not been measured.
const MAX_SOCKETS: u64 = 16_384;
/// Probes in flight toward one address (or one namespace's resolver): a listener's accept
/// backlog is 128 on many systems, so stay well under it.
const PER_TARGET: usize = 64;
/// A probe unanswered this long stops counting against its target: an isolated address drops
/// the packet, which costs the target nothing, and must not hold the cap for a whole timeout.
pub const TARGET_LEASE: Duration = Duration::from_millis(200);
/// ICMP echo requests leave at most this many at once, then one per [`ICMP_SPACING`]: a
/// burst past the kernel's per-CPU backlog (net.core.netdev_max_backlog, 1000) is dropped on
/// the veth, which the sender sees as ENOBUFS (reported at scale; not reproduced here).
const ICMP_BURST: u32 = 128;
const ICMP_SPACING: Duration = Duration::from_micros(50);
/// Soft limit asked for when the hard one is unlimited: Linux's default `fs.nr_open`.
const UNLIMITED_FILES: u64 = 1 << 20;

/// How wide a run may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Sockets open at once across every namespace: probes in flight.
    pub sockets: usize,
    /// Source namespaces probed at once (netns threads, sidecars, exec sessions).
    pub namespaces: usize,
    /// Probes in flight toward one address, or to one namespace's resolver.
    pub per_target: usize,
    /// The soft open-file limit the budget came from, for the advice when it runs short.
    pub open_files: u64,
}

impl Limits {
    /// From the soft open-file limit, the files open now, and `--concurrency` (a ceiling on
    /// sockets at once; it never raises the budget past what the limit allows).
    pub fn derive(open_files: u64, open_now: u64, concurrency: Option<usize>) -> Limits {
        let room = open_files.saturating_sub(open_now + RESERVED_FILES);
        let namespaces = (room / SOCKETS_PER_NAMESPACE).clamp(1, MAX_NAMESPACES);
        let sockets = room
            .saturating_sub(namespaces * FILES_PER_NAMESPACE)
            .clamp(1, MAX_SOCKETS);
        let sockets = usize::try_from(sockets).unwrap_or(usize::MAX);
        let sockets = concurrency.map_or(sockets, |wanted| wanted.clamp(1, sockets));
        let namespaces = usize::try_from(namespaces).unwrap_or(1).min(sockets);
        Limits {
            sockets,
            namespaces,
            per_target: PER_TARGET.min(sockets),
            open_files,
        }
    }

    /// This process's limits, after raising its soft open-file limit to the hard one.
    pub fn for_this_process(concurrency: Option<usize>) -> Limits {
        Limits::derive(open_files(), files_open_now(), concurrency)
    }

    /// A quarter of the width, for retrying what failed in the burst once it has passed.
    pub fn calm(&self) -> Limits {
        Limits {
            sockets: (self.sockets / 4).max(1),
            namespaces: (self.namespaces / 4).max(1),
            per_target: (self.per_target / 4).max(1),
            open_files: self.open_files,
        }
    }
}

/// Raises the soft open-file limit to the hard one, once per process, and returns the soft
/// limit in effect: every probe is a socket, so take all the room the system grants.
pub fn open_files() -> u64 {
    static RAISED: OnceLock<u64> = OnceLock::new();
    *RAISED.get_or_init(raise_soft_to_hard)
}

fn raise_soft_to_hard() -> u64 {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let wanted = limit.maximum.unwrap_or(UNLIMITED_FILES);
    let raised = Rlimit {
        current: Some(wanted),
        maximum: limit.maximum,
    };
    match setrlimit(Resource::Nofile, raised) {
        Ok(()) => wanted,
        Err(_) => limit.current.unwrap_or(UNLIMITED_FILES),
    }
}

/// Descriptors this process holds now (the listing's own handle aside).
fn files_open_now() -> u64 {
    std::fs::read_dir("/proc/self/fd").map_or(RESERVED_FILES, |entries| {
        u64::try_from(entries.count().saturating_sub(1)).unwrap_or(u64::MAX)
    })
}

/// A local resource a probe could not get: the probe proves nothing about the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// EMFILE: this process's open-file limit.
    OpenFiles,
    /// ENFILE: the system's open-file table.
    SystemFiles,
    /// ENOBUFS or EAGAIN: the kernel's packet or socket buffers.
    Buffers,
    /// ENOMEM.
    Memory,
    /// EADDRNOTAVAIL on connect: no local port left.
    Ports,
}

impl Resource {
    /// The resource behind an OS error, if the error is about one.
    pub fn of(error: &std::io::Error) -> Option<Resource> {
        let code = error.raw_os_error()?;
        match rustix::io::Errno::from_raw_os_error(code) {
            rustix::io::Errno::MFILE => Some(Resource::OpenFiles),
            rustix::io::Errno::NFILE => Some(Resource::SystemFiles),
            rustix::io::Errno::NOBUFS | rustix::io::Errno::AGAIN => Some(Resource::Buffers),
            rustix::io::Errno::NOMEM => Some(Resource::Memory),
            rustix::io::Errno::ADDRNOTAVAIL => Some(Resource::Ports),
            _ => None,
        }
    }
}

impl Resource {
    /// The resource a tool's message names with the system's words (`strerror`), for probes
    /// that ran as commands in the container.
    pub fn named_in(text: &str) -> Option<Resource> {
        const WORDS: [(&str, Resource); 6] = [
            ("Too many open files in system", Resource::SystemFiles),
            ("Too many open files", Resource::OpenFiles),
            ("No buffer space available", Resource::Buffers),
            ("Resource temporarily unavailable", Resource::Buffers),
            ("Cannot allocate memory", Resource::Memory),
            ("Cannot assign requested address", Resource::Ports),
        ];
        WORDS
            .iter()
            .find(|(words, _)| text.contains(words))
            .map(|(_, resource)| *resource)
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Resource::OpenFiles => "open files (EMFILE)",
            Resource::SystemFiles => "the system's file table (ENFILE)",
            Resource::Buffers => "kernel buffer space (ENOBUFS)",
            Resource::Memory => "memory (ENOMEM)",
            Resource::Ports => "local ports (EADDRNOTAVAIL)",
        })
    }
}

/// Probes still short of a local resource after the calm retry: an error of the run, never a
/// verdict on the topology.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the probes ran out of {resource} with {} sockets at once, even when retried at {}: {}", limits.sockets, limits.calm().sockets, advice(*resource, limits))]
pub struct Exhausted {
    pub resource: Resource,
    pub limits: Limits,
}

fn advice(resource: Resource, limits: &Limits) -> String {
    let lower = (limits.sockets / 2).max(1);
    match resource {
        Resource::OpenFiles => format!(
            "raise the open-file limit (now {}; ulimit -n) or pass --concurrency {lower}",
            limits.open_files
        ),
        Resource::SystemFiles => format!(
            "other programs hold most of the system's files (fs.file-max); close some or pass \
             --concurrency {lower}"
        ),
        Resource::Ports => {
            format!("widen net.ipv4.ip_local_port_range or pass --concurrency {lower}")
        }
        Resource::Buffers | Resource::Memory => format!("pass --concurrency {lower}"),
    }
}

/// The shared state of one pass: every namespace thread draws from the same budget, so the
/// limits hold for the process, not per thread.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    sockets: Semaphore,
    targets: Mutex<HashMap<IpAddr, Arc<Semaphore>>>,
    icmp: Pacer,
}

impl Budget {
    pub fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            sockets: Semaphore::new(limits.sockets),
            targets: Mutex::new(HashMap::new()),
            icmp: Pacer::new(ICMP_BURST, ICMP_SPACING),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Waits for a socket of the budget; the socket may be opened while the permit lives.
    pub async fn socket(&self) -> Option<SemaphorePermit<'_>> {
        // Never closed, so this waits and never fails.
        self.sockets.acquire().await.ok()
    }

    /// Waits for a place among the probes in flight toward `address`.
    pub async fn target(&self, address: IpAddr) -> Option<OwnedSemaphorePermit> {
        let semaphore = {
            let mut targets = self.targets.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(
                targets
                    .entry(address)
                    .or_insert_with(|| Arc::new(Semaphore::new(self.limits.per_target))),
            )
        };
        semaphore.acquire_owned().await.ok()
    }

    /// A fresh cap for one namespace's resolver, which every DNS probe of it shares.
    pub fn resolver(&self) -> Arc<Semaphore> {
        Arc::new(Semaphore::new(self.limits.per_target))
    }

    /// Waits for this echo request's turn to leave.
    pub async fn icmp_turn(&self) {
        self.icmp.turn().await;
    }
}

/// A token bucket in virtual time: `burst` sends at once, then one per `spacing`.
#[derive(Debug)]
struct Pacer {
    burst: u32,
    spacing: Duration,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    fn new(burst: u32, spacing: Duration) -> Pacer {
        Pacer {
            burst,
            spacing,
            next: Mutex::new(None),
        }
    }

    async fn turn(&self) {
        let slot = self.reserve(Instant::now());
        tokio::time::sleep_until(slot).await;
    }

    /// The instant this send may leave: the bucket refills while nobody sends, up to `burst`.
    fn reserve(&self, now: Instant) -> Instant {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let full = self.spacing * self.burst.saturating_sub(1);
        let refilled = now.checked_sub(full).unwrap_or(now);
        let slot = next.map_or(refilled, |next| next.max(refilled));
        *next = Some(slot + self.spacing);
        slot.max(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_budget_leaves_room_for_what_is_not_a_probe_and_respects_concurrency() {
        let roomy = Limits::derive(20_000, 30, None);
        assert_eq!(roomy.namespaces, 64);
        assert_eq!(roomy.sockets, 16_384, "capped");
        let tight = Limits::derive(256, 10, None);
        assert_eq!(tight.namespaces, 11);
        assert_eq!(tight.sockets, 256 - 10 - 64 - 11 * 4);
        assert_eq!(tight.per_target, 64);
        let asked = Limits::derive(20_000, 30, Some(8));
        assert_eq!(
            (asked.sockets, asked.namespaces, asked.per_target),
            (8, 8, 8)
        );
        let starved = Limits::derive(40, 30, None);
        assert_eq!((starved.sockets, starved.namespaces), (1, 1));
        assert_eq!(Limits::derive(20_000, 30, Some(100_000)).sockets, 16_384);
    }

    #[test]
    fn the_calm_pass_is_a_quarter_as_wide() {
        let calm = Limits::derive(256, 10, None).calm();
        assert_eq!(
            (calm.sockets, calm.namespaces, calm.per_target),
            (34, 2, 16)
        );
        let one = Limits::derive(40, 30, None).calm();
        assert_eq!((one.sockets, one.namespaces, one.per_target), (1, 1, 1));
    }

    #[test]
    fn the_soft_limit_is_raised_to_the_hard_one() {
        let soft = open_files();
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        assert_eq!(limit.current, Some(soft));
        if let Some(hard) = limit.maximum {
            assert_eq!(soft, hard);
        }
    }

    #[test]
    fn os_errors_about_local_resources_are_recognised_and_others_are_not() {
        let os = std::io::Error::from_raw_os_error;
        let code = |errno: rustix::io::Errno| os(errno.raw_os_error());
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::MFILE)),
            Some(Resource::OpenFiles)
        );
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::NFILE)),
            Some(Resource::SystemFiles)
        );
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::NOBUFS)),
            Some(Resource::Buffers)
        );
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::AGAIN)),
            Some(Resource::Buffers)
        );
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::NOMEM)),
            Some(Resource::Memory)
        );
        assert_eq!(
            Resource::of(&code(rustix::io::Errno::ADDRNOTAVAIL)),
            Some(Resource::Ports)
        );
        for remote in [
            rustix::io::Errno::CONNREFUSED,
            rustix::io::Errno::HOSTUNREACH,
            rustix::io::Errno::TIMEDOUT,
            rustix::io::Errno::PERM,
        ] {
            assert_eq!(Resource::of(&code(remote)), None, "{remote:?}");
        }
        assert_eq!(Resource::of(&std::io::Error::other("no code")), None);
    }

    #[test]
    fn a_tools_words_name_the_resource() {
        let nc = "nc: socket: Too many open files";
        assert_eq!(Resource::named_in(nc), Some(Resource::OpenFiles));
        let system = "ping: socket: Too many open files in system";
        assert_eq!(Resource::named_in(system), Some(Resource::SystemFiles));
        let ping = "ping: sendto: No buffer space available";
        assert_eq!(Resource::named_in(ping), Some(Resource::Buffers));
        assert_eq!(Resource::named_in("Connection refused"), None);
    }

    #[test]
    fn running_short_says_which_resource_and_what_to_do() {
        let limits = Limits::derive(256, 10, None);
        let error = Exhausted {
            resource: Resource::OpenFiles,
            limits,
        };
        assert_eq!(
            error.to_string(),
            "the probes ran out of open files (EMFILE) with 138 sockets at once, even when \
             retried at 34: raise the open-file limit (now 256; ulimit -n) or pass \
             --concurrency 69"
        );
        let buffers = Exhausted {
            resource: Resource::Buffers,
            limits,
        };
        assert!(
            buffers.to_string().ends_with("pass --concurrency 69"),
            "{buffers}"
        );
    }

    /// Counts the holders at once and remembers the most ever seen.
    #[derive(Default)]
    struct Gauge {
        now: AtomicUsize,
        most: AtomicUsize,
    }

    impl Gauge {
        fn enter(&self) {
            let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
        }

        fn leave(&self) {
            self.now.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn never_more_sockets_in_flight_than_the_budget_across_threads() {
        let budget = Budget::new(Limits {
            sockets: 5,
            namespaces: 4,
            per_target: 64,
            open_files: 1024,
        });
        let gauge = Gauge::default();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_time()
                        .build()
                        .unwrap();
                    runtime.block_on(futures_util::future::join_all((0..50).map(|_| async {
                        let _socket = budget.socket().await;
                        gauge.enter();
                        tokio::time::sleep(Duration::from_millis(1)).await;
                        gauge.leave();
                    })));
                });
            }
        });
        assert_eq!(gauge.most.load(Ordering::SeqCst), 5);
        assert_eq!(gauge.now.load(Ordering::SeqCst), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn one_target_gets_at_most_its_cap_and_other_targets_are_not_held_up() {
        let budget = Budget::new(Limits {
            sockets: 100,
            namespaces: 1,
            per_target: 3,
            open_files: 1024,
        });
        let crowded: IpAddr = "10.0.0.1".parse().unwrap();
        let mut held = Vec::new();
        for _ in 0..3 {
            held.push(budget.target(crowded).await);
        }
        let fourth = tokio::time::timeout(Duration::from_secs(5), budget.target(crowded)).await;
        assert!(fourth.is_err(), "a fourth probe toward one address waits");
        let other = budget.target("10.0.0.2".parse().unwrap()).await;
        assert!(other.is_some());
        held.pop();
        assert!(budget.target(crowded).await.is_some());
    }

    #[test]
    fn icmp_leaves_in_a_burst_then_paced() {
        let pacer = Pacer::new(3, Duration::from_millis(10));
        let start = Instant::now();
        let slots: Vec<Duration> = (0..6).map(|_| pacer.reserve(start) - start).collect();
        let ms = Duration::from_millis;
        assert_eq!(slots, [ms(0), ms(0), ms(0), ms(10), ms(20), ms(30)]);
        let later = start + ms(1000);
        assert_eq!(
            pacer.reserve(later),
            later,
            "the bucket refilled while idle"
        );
    }
}
