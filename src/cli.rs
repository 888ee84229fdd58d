//! The command line, declared once: it feeds parsing, help, completions and the man page.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "netctl",
    version,
    about = "Keep Docker networks the way a declarative topology file says they should be",
    long_about = "netctl reads a topology file (networks, services, memberships, static IPs, \
                  expectations), checks it, and shows it as a connectivity matrix or a graph.\n\n\
                  Exit codes: 0 ok; 1 error (bad input, unreadable file); 2 ran fine and found \
                  something.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a topology file and report every problem with its line and column.
    Validate(ValidateArgs),
    /// Show the service × network matrix (or service × service with --reach).
    Matrix(MatrixArgs),
    /// Draw networks and services as a Mermaid or Graphviz graph.
    Graph(GraphArgs),
    /// Print the JSON Schema of the topology format, for editors and CI.
    Schema,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
    /// Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on).
    Lint(LintArgs),
    /// Write a topology from another source (compose files).
    Import(ImportArgs),
    /// Write the topology as a compose fragment or as Kubernetes NetworkPolicies.
    Export(ExportArgs),
}

/// Where the topology comes from: a positional FILE or -f/--file, else discovery.
#[derive(Debug, Args)]
pub struct TopologyFile {
    /// Topology file [default: topology.yaml or netctl.yaml in the current directory].
    #[arg(value_name = "FILE", conflicts_with = "file")]
    pub path: Option<PathBuf>,
    /// Topology file (same as FILE).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl TopologyFile {
    pub fn given(&self) -> Option<&std::path::Path> {
        self.path.as_deref().or(self.file.as_deref())
    }
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[arg(short, long, value_enum, default_value_t = ValidateFormat::Text)]
    pub output: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    /// Service × service: the networks each pair shares (blank: they cannot talk).
    #[arg(long)]
    pub reach: bool,
    #[arg(short, long, value_enum, default_value_t = MatrixFormat::Table)]
    pub output: MatrixFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[arg(short, long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub output: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
    Json,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Compose files, or directories (their compose file merged with its override file);
    /// `-` reads standard input. Each is linted as its own project [default: .].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Lint these files as one project, merged in order like `docker compose -f a -f b`
    /// (it takes every file that follows it: put PATHs before it).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub merge: Vec<PathBuf>,
    /// Output format: rustc-like text, JSON, SARIF 2.1.0, or GitHub workflow annotations.
    #[arg(short, long, value_enum, default_value_t = LintFormat::Text)]
    pub output: LintFormat,
    /// Exit 2 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Lint config [default: .netctl-lint.yaml in the current directory, if present].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Check that compose memberships match this topology file (rule NL014).
    #[arg(long, value_name = "FILE")]
    pub topology: Option<PathBuf>,
    /// Print what a rule (ID or name) checks, why, and how to fix it.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
    /// List every rule with its ID, name and default severity.
    #[arg(long)]
    pub list_rules: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 when every file was read.
    Never,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Compose files (or a directory), merged in order, to a topology on standard output.
    Compose(ImportComposeArgs),
}

#[derive(Debug, Args)]
pub struct ImportComposeArgs {
    /// Compose files merged in order, or one directory (compose file plus override).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Project name [default: the compose `name:`, else the first file's directory name].
    #[arg(long)]
    pub project: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    /// What to write.
    #[arg(long, value_enum)]
    pub to: ExportTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// A compose fragment: top-level networks and each service's networks.
    Compose,
    /// Kubernetes NetworkPolicies, one per service.
    K8s,
}
