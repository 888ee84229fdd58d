//! Compose lint: rules over a [`Project`], findings with their level, file, line and column.
//!
//! ```text
//! Project + Config (+ Topology) ──► Facts ──► rules::ALL ──► Hit ──► level, inline ignores ──► Finding
//! ```

pub mod config;
mod discover;
mod facts;
mod ignore;
mod inputs;
pub mod rules;

pub use config::{CONFIG_FILE_NAME, Config, ConfigError};
pub use discover::{FilePattern, PatternError};
pub use facts::Facts;
pub use inputs::{Asked, lint_paths, projects};
pub use rules::{ALL, Hit, Rule};

use crate::compose::Project;
use crate::diagnostic::{Diagnostic, Severity};
use crate::topology::Topology;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One finding: the JSON shape (`{"findings": [...]}`) that scripts and CI consume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: u64,
    pub column: u64,
    /// How many characters the value spans, for the snippet's underline.
    #[serde(skip)]
    pub length: u64,
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    pub message: String,
    pub remediation: String,
}

/// The findings of a run, with the text of every file for snippets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Files that could not be read or parsed (the run exits 1); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Diagnostic>,
    #[serde(skip)]
    pub sources: BTreeMap<String, String>,
}

impl Report {
    /// Adds a project's findings and remembers its files' text.
    pub fn add(&mut self, project: &Project, findings: Vec<Finding>) {
        for file in &project.files {
            self.sources.insert(file.path.clone(), file.text.clone());
        }
        self.findings.extend(findings);
    }

    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// What the rules may consult besides the compose files.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config,
    /// `--topology`: enables NL014 and marks public networks and datastores.
    pub topology: Option<&'a Topology>,
    /// Names of the networks on the daemon (`--live`): enables NL016.
    pub live_networks: Option<&'a BTreeSet<String>>,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a Config) -> Self {
        Self {
            config,
            topology: None,
            live_networks: None,
        }
    }
}

/// Runs every enabled rule over `project` and returns its findings in file order.
pub fn check(project: &Project, context: &Context) -> Vec<Finding> {
    let config = context.config;
    let facts = Facts::new(project, context);
    let mut findings = Vec::new();
    for rule in ALL {
        let Some(severity) = config.level(rule.id, rule.name, rule.severity) else {
            continue;
        };
        let mut hits = Vec::new();
        (rule.check)(&facts, &mut hits);
        findings.extend(
            hits.into_iter()
                .filter(|hit| !suppressed(project, rule, hit))
                .map(|hit| finding(project, rule, severity, hit)),
        );
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
    findings.dedup();
    findings
}

/// Rule IDs or names in the config that match no rule, for a clear error.
pub fn unknown_rules(config: &Config) -> Vec<String> {
    config
        .levels
        .keys()
        .filter(|key| rules::find(key).is_none())
        .cloned()
        .collect()
}

fn suppressed(project: &Project, rule: &Rule, hit: &Hit) -> bool {
    project.files.get(hit.at.file).is_some_and(|file| {
        ignore::is_ignored(&file.text, hit.at.location.line, rule.id, rule.name)
    })
}

fn finding(project: &Project, rule: &Rule, severity: Severity, hit: Hit) -> Finding {
    Finding {
        rule: rule.id,
        name: rule.name,
        severity,
        file: project.file_path(hit.at).to_owned(),
        line: hit.at.location.line,
        column: hit.at.location.column,
        length: hit.at.location.length,
        service: hit.service,
        network: hit.network,
        message: hit.message,
        remediation: hit.remediation,
    }
}
