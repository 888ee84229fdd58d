//! `netctl lint`: compose files in, findings out (text, json, sarif, github); exit 0 clean,
//! 2 findings at or above `--fail-on`, 1 when a file cannot be read or parsed.

use super::daemon::{connect, runtime};
use super::{Error, Manners, Outcome, print};
use crate::cli::{DaemonArgs, FailOn, LintArgs, LintFormat};
use crate::diagnostic::Severity;
use crate::lint::{self, ALL, Config, Report, rules};
use crate::live::Daemon;
use crate::render::{Github, Json, LintFindings, LintText, Renderer, RuleList, Sarif, Text};
use crate::suggest::did_you_mean;
use crate::topology;
use std::collections::BTreeSet;

pub fn run(args: &LintArgs, manners: &Manners) -> Result<Outcome, Error> {
    if let Some(rule) = &args.explain {
        return explain(rule);
    }
    if args.list_rules {
        return print(&Text.render(&RuleList(&ALL)));
    }
    let cwd = std::env::current_dir().map_err(Error::CurrentDir)?;
    let config = Config::discover(args.config.as_deref(), &cwd)
        .map_err(|error| Error::Reported(error.to_string()))?;
    check_rule_names(&config)?;
    let topology = args
        .topology
        .as_deref()
        .map(topology::load_file)
        .transpose()?;
    let live_networks = if args.live {
        Some(daemon_network_names(&args.daemon)?)
    } else {
        None
    };
    let context = lint::Context {
        topology: topology.as_ref(),
        live_networks: live_networks.as_ref(),
        ..lint::Context::new(&config)
    };
    let asked = lint::Asked {
        paths: &args.paths,
        merge: &args.merge,
        globs: &args.globs,
    };
    let (report, unreadable) = lint::lint_paths(asked, &context, &cwd);
    for error in &unreadable {
        eprintln!("{error}\n");
    }
    print(&render(args.output, &report, manners))?;
    if !report.errors.is_empty() {
        return Err(Error::Reported(format!(
            "error: {} project(s) could not be read; see above",
            report.errors.len()
        )));
    }
    Ok(outcome(&report, args.fail_on))
}

/// The names of the daemon's networks: one list call, for NL016.
fn daemon_network_names(daemon: &DaemonArgs) -> Result<BTreeSet<String>, Error> {
    runtime()?.block_on(async {
        let docker = connect(daemon).await?;
        let networks = docker.networks().await?;
        Ok(networks
            .into_iter()
            .map(|network| network.settings.name)
            .collect())
    })
}

fn explain(wanted: &str) -> Result<Outcome, Error> {
    match rules::find(wanted) {
        Some(rule) => print(&Text.render(rule)),
        None => Err(Error::Reported(format!(
            "error: no rule `{wanted}`{}\n   = help: `netctl lint --list-rules` lists them",
            did_you_mean(wanted, ALL.iter().flat_map(|r| [r.id, r.name]))
        ))),
    }
}

fn check_rule_names(config: &Config) -> Result<(), Error> {
    let unknown = lint::unknown_rules(config);
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::Reported(format!(
        "error: the lint config names unknown rules: {}\n   = help: `netctl lint --list-rules` lists them",
        unknown.join(", ")
    )))
}

/// With `-q` the text is the findings alone: nothing at all when the files are clean.
fn render(format: LintFormat, report: &Report, manners: &Manners) -> String {
    match format {
        LintFormat::Text if manners.quiet => LintFindings.render(report),
        LintFormat::Text => LintText.render(report),
        LintFormat::Json => Json.render(report),
        LintFormat::Sarif => Sarif.render(report),
        LintFormat::Github => Github.render(report),
    }
}

fn outcome(report: &Report, fail_on: FailOn) -> Outcome {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return Outcome::Clean,
    };
    if report.worst().is_some_and(|worst| worst >= threshold) {
        Outcome::Found
    } else {
        Outcome::Clean
    }
}
