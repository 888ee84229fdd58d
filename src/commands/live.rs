//! What the commands that talk to a daemon share: the runtime, the connection, the instance
//! of the topology, and observe-then-diff.

use super::{Error, load_topology, off_thread};
use crate::apply::Networks;
use crate::cli::{DaemonArgs, InstanceArgs, PlanScopeArgs, TopologyFile};
use crate::docker::{Endpoint, Engine, Environment, resolve_host};
use crate::instance::{Instance, SubnetRemap, instantiate, offset_subnets};
use crate::live::Observed;
use crate::live::{AliasScope, observe};
use crate::plan::{self, Plan};
use crate::state::ProjectLock;
use crate::topology::Topology;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

/// One thread is enough: the daemon is the bottleneck, and reads overlap on one thread.
pub(super) fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)
}

pub(super) async fn connect(daemon: &DaemonArgs) -> Result<Engine, Error> {
    let daemon = resolve_host(
        daemon.host.as_deref(),
        daemon.context.as_deref(),
        &Environment::read(),
    )?;
    let endpoint = Endpoint::parse(daemon.host.as_deref(), daemon.tls.as_deref())?;
    Ok(Engine::connect(&endpoint).await?)
}

/// The file as this instance (`--project`, `--subnet-remap`, `--subnet-offset`) sees it.
pub(super) fn load_instance(file: &TopologyFile, args: &InstanceArgs) -> Result<Topology, Error> {
    let mut topology = load_topology(file.given())?;
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

/// Aliases matter only on declared networks: elsewhere netctl neither compares nor restores.
pub(super) fn alias_scope(topology: &Topology) -> AliasScope {
    AliasScope {
        networks: topology
            .networks
            .iter()
            .map(|n| n.settings.name.clone())
            .collect(),
        all: false,
    }
}

pub(super) async fn observe_and_plan(
    docker: &impl Networks,
    topology: &Topology,
    options: &plan::Options,
) -> Result<(Observed, Plan), Error> {
    let observed = observe(docker, &alias_scope(topology)).await?;
    let plan = plan::diff(topology, &observed, options);
    Ok((observed, plan))
}

/// Asks on a terminal; without one, refuses rather than waits (`--yes` skips this). The
/// answer is read off the runtime, so that Ctrl-C at the prompt is heard.
pub(super) async fn confirm(what: &str) -> Result<(), Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Reported(format!(
            "error: the plan {what} and there is no terminal to ask: rerun with --yes"
        )));
    }
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
    .await?;
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(Error::Reported("cancelled: nothing was changed".to_owned()))
    }
}

/// The project lock, waited for off the runtime, so that Ctrl-C while another netctl holds it
/// is heard.
pub(super) async fn lock_project(dir: &Path, project: &str) -> Result<ProjectLock, Error> {
    let (dir, project) = (dir.to_path_buf(), project.to_owned());
    off_thread(move || Ok(ProjectLock::acquire(&dir, &project)?)).await
}
