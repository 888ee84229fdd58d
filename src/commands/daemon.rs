//! What the commands that talk to a daemon share: the runtime, the connection, the instance
//! of the topology, the terminal that confirms, and showing a plan or a refusal.

use super::{Error, load_topology, off_thread, print, until_interrupted};
use crate::apply::{Ask, ReconcileError};
use crate::cli::{ChangeFormat, DaemonArgs, InstanceArgs, PlanScopeArgs, TopologyFile};
use crate::docker::{Endpoint, Engine, Environment, resolve_host};
use crate::instance::{Instance, SubnetRemap, instantiate, offset_subnets};
use crate::plan::{self, Plan};
use crate::probe::image::ensure_present;
use crate::render::{Json, Renderer, Text};
use crate::state::Ledger;
use crate::topology::Topology;
use std::io::{BufRead, IsTerminal, Write};

/// One thread is enough: the daemon is the bottleneck, and reads overlap on one thread.
pub(super) fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)
}

pub(super) async fn connect(daemon: &DaemonArgs) -> Result<Engine, Error> {
    Ok(Engine::connect_within(&endpoint(daemon)?, daemon.api_timeout).await?)
}

/// Every container on the daemon, on a connection of its own: for a Compose project named
/// without its files, before the command's own connection exists.
pub(super) fn list_containers(daemon: &DaemonArgs) -> Result<Vec<crate::live::Container>, Error> {
    runtime()?.block_on(async {
        let docker = connect(daemon).await?;
        Ok(crate::live::Daemon::containers(&docker).await?)
    })
}

/// Where apply and destroy keep the project's lock and journal on `docker`: markers made from
/// the agent image, imported first when the daemon has none.
pub(super) async fn ledger(docker: &Engine) -> Result<Ledger, Error> {
    let exe =
        std::env::current_exe().map_err(|source| crate::probe::rootfs::RootfsError::Read {
            path: "/proc/self/exe".into(),
            source,
        })?;
    Ok(Ledger::new(ensure_present(docker, &exe).await?))
}

/// The ledger to read the journal from, for `plan` and `apply --dry-run`: they write nothing,
/// so no image is imported and no lock taken.
pub(super) fn reading_ledger() -> Ledger {
    Ledger::new(crate::probe::rootfs::image_tag())
}

/// Runs `work` with Ctrl-C heard; when it is interrupted, the locks it held on the daemon are
/// given back before the command ends (a journal it wrote stays: the next apply needs it).
pub(super) async fn holding<T>(
    docker: &Engine,
    ledger: &Ledger,
    stopped: &'static str,
    work: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    let result = until_interrupted(stopped, work).await;
    if matches!(result, Err(Error::Interrupted(_))) {
        ledger.release_all(docker).await;
    }
    result
}

/// The daemon the flags, the environment and the docker CLI's contexts point at.
pub(super) fn endpoint(daemon: &DaemonArgs) -> Result<Endpoint, Error> {
    let daemon = resolve_host(
        daemon.host.as_deref(),
        daemon.context.as_deref(),
        &Environment::read(),
    )?;
    Ok(Endpoint::parse(
        daemon.host.as_deref(),
        daemon.tls.as_deref(),
    )?)
}

/// The file as this instance (`--project`, `--subnet-remap`, `--subnet-offset`) sees it.
pub(super) fn load_instance(file: &TopologyFile, args: &InstanceArgs) -> Result<Topology, Error> {
    instance(load_topology(file.given())?, args)
}

/// The topology as this run's instance of it (`--project`, moved subnets).
pub(super) fn instance(mut topology: Topology, args: &InstanceArgs) -> Result<Topology, Error> {
    if let Some(blocks) = args.subnet_offset {
        topology = offset_subnets(topology, blocks)?;
    }
    let remaps = args
        .subnet_remap
        .iter()
        .map(|text| text.parse::<SubnetRemap>())
        .collect::<Result<Vec<_>, _>>()?;
    let instance = Instance {
        project: args.project.clone(),
        remaps,
    };
    Ok(instantiate(topology, &instance)?)
}

pub(super) fn options(scope: &PlanScopeArgs) -> plan::Options {
    plan::Options {
        prune: scope.prune,
        create_missing_external: scope.create_missing_external,
    }
}

pub(super) fn render_plan(plan: &Plan, format: ChangeFormat) -> String {
    match format {
        ChangeFormat::Text => Text.render(plan),
        ChangeFormat::Json => Json.render(&plan.view()),
    }
}

/// Shows the plan a refusal is about, then hands the refusal on as the command's error.
/// Shows the plan a refusal is about before the error; with `-o json` the error's own JSON
/// carries it instead, so that stdout stays one document.
pub(super) fn refused(error: ReconcileError, format: ChangeFormat) -> Error {
    if format == ChangeFormat::Text
        && let Some(plan) = error.plan()
        && let Err(output) = print(&render_plan(plan, format))
    {
        return output;
    }
    Error::Reconcile(error)
}

/// Asks on a terminal; without one, refuses rather than waits (`--yes` skips this). The plan
/// is shown first; the answer is read off the runtime, so that Ctrl-C at the prompt is heard.
pub(super) struct Terminal {
    pub format: ChangeFormat,
}

impl Ask for Terminal {
    async fn confirm(&self, plan: &Plan, what: &'static str) -> Result<bool, ReconcileError> {
        if !std::io::stdin().is_terminal() {
            return Err(ReconcileError::NoOneToAsk {
                what,
                plan: Box::new(plan.clone()),
            });
        }
        let _ = print(&render_plan(plan, self.format));
        eprint!("Apply these changes? Only 'yes' is accepted: ");
        let _ = std::io::stderr().flush();
        let answer = off_thread(|| {
            let mut answer = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut answer)
                .map_err(Error::Output)?;
            Ok(answer)
        })
        .await
        .unwrap_or_default();
        Ok(answer.trim() == "yes")
    }
}
