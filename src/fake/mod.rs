//! An in-memory Docker daemon for tests: it implements the daemon seams (`live::Daemon`,
//! `apply::Networks`, `probe::Containers`) and enforces the Engine facts of design.md, so
//! that apply, journal replay at every crash point, watch and strategy choice can be tested
//! in milliseconds. `tests/daemon_contract.rs` runs one suite against it and the real daemon,
//! so it cannot drift from the Engine; it adds coverage and replaces no live test.
//!
//! Writes are serialized by one mutex (the Engine serializes network changes too), every
//! call is counted (one per seam call, where the adapter may need several API calls), and
//! [`Fault`]s make the k-th write fail or crash. A sidecar runs, and is gone, within its call.

mod daemon;
mod events;
mod faults;
mod ipam;
mod seed;
mod world;

pub use faults::Fault;
pub use seed::Seed;

use crate::live::{DaemonError, DaemonEvent};
use crate::probe::ExecOutput;
use crate::probe::daemon::SidecarSpec;
use crate::probe::sidecar::SidecarOutput;
use crate::state::{Holder, Ledger};
use events::Feed;
use faults::{Admitted, Faults};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use world::{Refusal, World};

/// The image markers are made from on the fake daemon.
pub const LEDGER_IMAGE: &str = "netctl-agent:fake";
/// Above Linux's largest pid (2^22): no process has it.
const GONE_PID: u32 = 5_000_000;

/// What `exec` answers, given the container, the argv and what was written to its stdin.
pub type ExecScript = Box<dyn Fn(&str, &[String], Option<&[u8]>) -> ExecOutput + Send + Sync>;
/// What a sidecar prints, given what it was asked to run.
pub type SidecarScript = Box<dyn Fn(&SidecarSpec) -> SidecarOutput + Send + Sync>;

/// The fake daemon. Build it, seed it with containers, plan faults, then hand it to the code
/// under test as any daemon.
pub struct FakeDaemon {
    state: Mutex<State>,
    calls: AtomicUsize,
    feed: Feed,
    exec: Option<ExecScript>,
    sidecar: Option<SidecarScript>,
}

/// What the mutex guards: the daemon's objects and the fault plan, changed together.
#[derive(Default)]
struct State {
    world: World,
    faults: Faults,
}

impl Default for FakeDaemon {
    fn default() -> FakeDaemon {
        FakeDaemon::new()
    }
}

impl FakeDaemon {
    /// A fresh daemon with its built-in networks (`bridge` on 172.17.0.0/16, `host`, `none`).
    pub fn new() -> FakeDaemon {
        FakeDaemon {
            state: Mutex::default(),
            calls: AtomicUsize::new(0),
            feed: Feed::new(),
            exec: None,
            sidecar: None,
        }
    }

    /// Answers every `exec` with `script` (without one: exit 127, "not found").
    pub fn with_exec(mut self, script: ExecScript) -> FakeDaemon {
        self.exec = Some(script);
        self
    }

    /// Answers every sidecar with `script` (without one: it prints nothing).
    pub fn with_sidecar(mut self, script: SidecarScript) -> FakeDaemon {
        self.sidecar = Some(script);
        self
    }

    /// Adds a container as `docker create` (and `start`, when it runs) would, on its networks:
    /// not counted as a call, never faulted. Returns its id.
    pub fn seed(&self, seed: Seed) -> Result<String, DaemonError> {
        let mut state = self.lock();
        let events = seed
            .plant(&mut state.world)
            .map_err(|r| api("seeding", r))?;
        self.feed.send_all(events.1);
        Ok(events.0)
    }

    /// Starts a stopped container, as someone else would (a restart, `docker start`).
    pub fn start(&self, container: &str) -> Result<(), DaemonError> {
        self.admin(container, World::start)
    }

    /// Stops a running container, as someone else would.
    pub fn stop(&self, container: &str) -> Result<(), DaemonError> {
        self.admin(container, World::stop)
    }

    fn admin(
        &self,
        container: &str,
        change: fn(&mut World, &str) -> Result<Vec<DaemonEvent>, Refusal>,
    ) -> Result<(), DaemonError> {
        let events = change(&mut self.lock().world, container).map_err(|r| api(container, r))?;
        self.feed.send_all(events);
        Ok(())
    }

    /// Where a netctl using this daemon keeps its lock and journal: markers from an agent
    /// image planted here. Its holder is a process of this machine that is already gone, as a
    /// crashed netctl is: the next run takes over the lock a "crash" left, as it would after a
    /// real one. (A test of a live holder uses `Ledger::new`, this very process.)
    pub fn ledger(&self) -> Ledger {
        let mut state = self.lock();
        if !state
            .world
            .images
            .iter()
            .any(|i| i.tags.iter().any(|t| t == LEDGER_IMAGE))
        {
            state.world.images.push(world::FakeImage {
                id: "sha256:fa4e0a9e17".to_owned(),
                tags: vec![LEDGER_IMAGE.to_owned()],
                labels: BTreeMap::new(),
            });
        }
        Ledger::held_by(
            LEDGER_IMAGE,
            Holder {
                pid: GONE_PID,
                host: crate::machine::name(),
                since: 0,
            },
        )
    }

    /// From now on, `fault` applies (writes are counted from 0 since the daemon was made).
    pub fn fault(&self, fault: Fault) {
        self.lock().faults.plan(fault);
    }

    /// No more faults, and a crashed netctl is "restarted".
    pub fn heal(&self) {
        self.lock().faults.heal();
    }

    /// Writes received so far, faulted ones included.
    pub fn writes(&self) -> usize {
        self.lock().faults.writes()
    }

    /// Sends `event` to every event stream, as if the daemon had done something.
    pub fn emit(&self, event: DaemonEvent) {
        self.feed.send(event);
    }

    /// Ends every event stream, as a daemon that closes the connection.
    pub fn end_events(&self) {
        self.feed.end();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A read: counted, refused after a crash.
    fn read<T>(&self, call: &str, look: impl FnOnce(&World) -> T) -> Result<T, DaemonError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let state = self.lock();
        state.faults.admit_read(call)?;
        Ok(look(&state.world))
    }

    /// A marker write: counted, refused after a crash, never faulted.
    fn mark<T>(
        &self,
        call: &str,
        change: impl FnOnce(&mut World) -> Result<(T, Vec<DaemonEvent>), Refusal>,
    ) -> Result<T, DaemonError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut state = self.lock();
        state.faults.admit_read(call)?;
        let (value, events) = change(&mut state.world).map_err(|refusal| api(call, refusal))?;
        self.feed.send_all(events);
        Ok(value)
    }

    /// A write: counted, faulted as planned, done under the lock, its events sent.
    fn write<T>(
        &self,
        call: &str,
        change: impl FnOnce(&mut World) -> Result<(T, Vec<DaemonEvent>), Refusal>,
    ) -> Result<T, DaemonError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut state = self.lock();
        let admitted = state.faults.admit_write(call)?;
        let result = change(&mut state.world);
        if admitted == Admitted::ThenCrash {
            if let Ok((_, events)) = result {
                self.feed.send_all(events);
            }
            return Err(state.faults.crash_after(call));
        }
        let (value, events) = result.map_err(|refusal| api(call, refusal))?;
        self.feed.send_all(events);
        Ok(value)
    }
}

/// A refusal as the adapter reports an Engine refusal.
fn api(call: &str, refusal: Refusal) -> DaemonError {
    DaemonError::Api {
        call: call.to_owned(),
        status: refusal.status,
        message: refusal.message,
    }
}
