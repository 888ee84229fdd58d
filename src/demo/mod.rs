//! The demo as a library: the Versatile Hub applied as a throwaway instance named
//! `netctl-demo-<random>` on a free subnet, one placeholder agent per service, everything
//! verified, and later the removal of exactly what it created. The CLI runs it on a thread of
//! its own (so Ctrl-C is heard meanwhile) and shows its steps.

pub mod hub;
pub mod subnet;

use crate::apply::{
    Granted, Networks, Permission, ReconcileError, Round, Silent, Source, reconcile,
};
use crate::instance::InstanceError;
use crate::live::{DaemonError, labels};
use crate::probe::daemon::Containers;
use crate::probe::exposure;
use crate::probe::image::{ImageError, ensure_image};
use crate::probe::live::{Choice, LiveError, ProbeRun, Session};
use crate::probe::{Check, Options};
use crate::state::Ledger;
use crate::topology::{LoadError, Topology};
use hub::{demo_topology, one_tcp_check_per_port, placeholder};
use ipnet::Ipv4Net;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the demo waits for its placeholders to listen before it verifies.
const READY_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Topology(#[from] LoadError),
    #[error(transparent)]
    Instance(#[from] InstanceError),
    #[error(transparent)]
    Daemon(#[from] DaemonError),
    #[error(transparent)]
    Probe(#[from] LiveError),
    #[error("error: the agent image: {0}")]
    Image(#[from] ImageError),
    #[error(transparent)]
    Apply(#[from] ReconcileError),
    #[error("error: no free /24 in 10.213.0.0/16 for the demo")]
    NoFreeSubnet,
    #[error("the demo stopped")]
    Interrupted,
}

/// What the demo is doing, for whoever shows it.
#[derive(Debug)]
pub enum Step<'a> {
    Image,
    Networks {
        project: &'a str,
        subnet: Ipv4Net,
    },
    Placeholders,
    Memberships,
    /// Everything runs and listens: the topology about to be verified.
    Ready(&'a Topology),
}

/// One demo instance on one daemon.
pub struct Demo<C> {
    pub session: Arc<Session<C>>,
    pub project: String,
    /// Set on Ctrl-C: the demo stops at its next step.
    pub cancelled: Arc<AtomicBool>,
    pub options: Options,
    pub choice: Choice,
}

impl<C: Containers + Networks + 'static> Demo<C> {
    /// A demo under a fresh random project name.
    pub fn new(session: Arc<Session<C>>, options: Options, choice: Choice) -> Demo<C> {
        Demo {
            session,
            project: format!("netctl-demo-{:06x}", subnet::random24()),
            cancelled: Arc::default(),
            options,
            choice,
        }
    }

    /// Builds the instance and verifies it; `hear` learns each step, `announce` the strategy
    /// and the number of checks just before the probes run.
    pub fn run(
        &self,
        hear: &mut dyn FnMut(Step<'_>),
        announce: &mut dyn FnMut(&str, usize),
    ) -> Result<ProbeRun, DemoError> {
        let daemon = self.session.engine.as_ref();
        let runtime = &self.session.runtime;
        hear(Step::Image);
        let (image, _) =
            runtime.block_on(ensure_image(daemon, &self.session.agent_binary, false))?;
        let subnet = runtime.block_on(subnet::free_subnet(daemon))?;
        let topology = demo_topology(&self.project, subnet)?;
        hear(Step::Networks {
            project: &self.project,
            subnet,
        });
        let ledger = Ledger::new(image.clone());
        self.apply(&ledger, &topology)?;
        hear(Step::Placeholders);
        for service in &topology.services {
            self.check_cancelled()?;
            let spec = placeholder(&topology, service, &image, &self.project);
            runtime.block_on(daemon.start_placeholder(&spec))?;
        }
        hear(Step::Memberships);
        self.apply(&ledger, &topology)?;
        self.wait_until_listening(&topology)?;
        hear(Step::Ready(&topology));
        self.check_cancelled()?;
        let checks: Vec<Check> = crate::probe::plan::verify(&topology);
        let live = self.session.targets(&topology)?;
        let mut run = self.session.probe_targets(
            &topology,
            live,
            &checks,
            self.choice,
            &self.options,
            announce,
        )?;
        run.report.exposure = exposure::judge(&topology, &run.targets);
        Ok(run)
    }

    /// A placeholder listens a moment after its container starts. The demo proves the
    /// topology, not that race: it waits (at most `READY_WAIT`) until every declared port
    /// answers one peer, then verifies everything; whatever still fails then is reported.
    fn wait_until_listening(&self, topology: &Topology) -> Result<(), DemoError> {
        let readiness = one_tcp_check_per_port(&crate::probe::plan::verify(topology));
        let options = Options {
            count: 1,
            ..self.options.clone()
        };
        let deadline = Instant::now() + READY_WAIT;
        loop {
            self.check_cancelled()?;
            let report = self
                .session
                .probe(topology, &readiness, self.choice, &options, &mut |_, _| {})?
                .report;
            if report.failed == 0 && report.skipped == 0 || Instant::now() >= deadline {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn check_cancelled(&self) -> Result<(), DemoError> {
        if self.cancelled.load(Ordering::SeqCst) {
            return Err(DemoError::Interrupted);
        }
        Ok(())
    }

    /// The same reconcile as `netctl apply --yes`, its lock and journal on the daemon.
    fn apply(&self, ledger: &Ledger, topology: &Topology) -> Result<(), DemoError> {
        self.check_cancelled()?;
        let source = Source::Topology {
            topology: topology.clone(),
            options: crate::plan::Options::default(),
        };
        let permission = Permission {
            yes: true,
            ..Permission::default()
        };
        self.session.runtime.block_on(reconcile(
            self.session.engine.as_ref(),
            ledger,
            &source,
            permission,
            Round::First,
            &Granted,
            &mut Silent,
        ))?;
        Ok(())
    }

    /// Removes the demo's placeholders, then its networks: only what carries its project
    /// label (and, for containers, the placeholder role). Returns both counts.
    pub fn remove(&self) -> Result<(usize, usize), DemoError> {
        let daemon = self.session.engine.as_ref();
        let ours = |found: &BTreeMap<String, String>| {
            found.get(labels::PROJECT).map(String::as_str) == Some(self.project.as_str())
        };
        let removed = self.session.runtime.block_on(async {
            let containers: Vec<String> = daemon
                .containers()
                .await?
                .into_iter()
                .filter(|c| {
                    ours(&c.labels)
                        && c.labels.get(labels::ROLE).map(String::as_str)
                            == Some(labels::PLACEHOLDER_ROLE)
                })
                .map(|c| c.id)
                .collect();
            for id in &containers {
                daemon.remove_container(id).await?;
            }
            let networks: Vec<String> = daemon
                .networks()
                .await?
                .into_iter()
                .filter(|n| ours(&n.settings.labels))
                .map(|n| n.id)
                .collect();
            for id in &networks {
                daemon.remove_network(id).await?;
            }
            Ok::<_, DaemonError>((containers.len(), networks.len()))
        })?;
        Ok(removed)
    }

    /// Removes the agent image too (`--clean`).
    pub fn remove_image(&self) -> Result<(), DemoError> {
        let tag = crate::probe::rootfs::image_tag();
        let daemon = self.session.engine.as_ref();
        Ok(self
            .session
            .runtime
            .block_on(daemon.remove_image(&tag, true))?)
    }
}
