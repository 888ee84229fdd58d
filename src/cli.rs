//! The command line, declared once: it feeds parsing, help, completions and the man page.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "netctl",
    version,
    about = "Keep Docker networks the way a declarative topology file says they should be",
    long_about = "netctl reads a topology file (networks, services, memberships, static IPs, \
                  expectations), checks it, shows it as a connectivity matrix or a graph, makes \
                  the Docker daemon match it (plan/apply), and proves it with probes from inside \
                  the containers.\n\n\
                  Exit codes, the same on every command: 0 ok; 1 error (bad input, a usage \
                  error such as a mistyped flag, an unreachable daemon, a blocked plan); 2 ran \
                  fine and found something (changes with --detailed-exitcode, failed or skipped \
                  probes, lint findings at --fail-on); 130 interrupted (Ctrl-C).",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub manners: MannersArgs,
}

/// How every command talks to the person, given before or after the subcommand.
#[derive(Debug, Args)]
pub struct MannersArgs {
    /// Print nothing but errors and what was found (failures, findings, changes): no progress,
    /// no notes, no summary of a run that went well. Output asked for with -o still prints.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print every check as a row (probe, verify, demo) besides the verdict.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// When to color the output: auto colors a terminal unless NO_COLOR is set (CLICOLOR_FORCE
    /// forces it).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a topology file and report every problem with its line and column.
    Validate(ValidateArgs),
    /// Show the service × network matrix (or service × service with --reach).
    Matrix(MatrixArgs),
    /// Draw networks and services as a Mermaid or Graphviz graph.
    Graph(GraphArgs),
    /// Show what apply would change on the daemon (exit 2 with --detailed-exitcode if anything).
    Plan(PlanArgs),
    /// Make the daemon's networks and memberships match the file.
    Apply(ApplyArgs),
    /// Disconnect the declared memberships and remove the networks this project owns.
    Destroy(DestroyArgs),
    /// Write a topology file from the daemon (`import live`) or from compose files.
    Import(ImportArgs),
    /// Print the JSON Schema of the topology format, for editors and CI.
    Schema,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --dir.
    Man(ManArgs),
    /// The probe agent: the placeholder service, and its image's root filesystem.
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Lint compose files for network-safety mistakes (exit 2 on findings at --fail-on).
    Lint(LintArgs),
    /// Write the topology as a compose fragment or as Kubernetes NetworkPolicies.
    Export(ExportArgs),
    /// Probe from one service to another: DNS, ICMP, TCP to its ports, HTTP health (exit 2 if one fails).
    Probe(ProbeArgs),
    /// Prove the whole topology: shared networks connect, the rest stays isolated (exit 2 if not).
    Verify(VerifyArgs),
    /// Apply the Versatile Hub as a throwaway instance with placeholder services, verify it, clean up.
    Demo(DemoArgs),
}

impl Command {
    /// Whether results go out as JSON (`-o json`): then a failure does too, on stdout.
    pub fn wants_json(&self) -> bool {
        match self {
            Command::Validate(args) => args.output == ValidateFormat::Json,
            Command::Matrix(args) => args.output == MatrixFormat::Json,
            Command::Graph(args) => args.output == GraphFormat::Json,
            Command::Plan(args) => args.output == ChangeFormat::Json,
            Command::Apply(args) => args.output == ChangeFormat::Json,
            Command::Destroy(args) => args.output == ChangeFormat::Json,
            Command::Lint(args) => args.output == LintFormat::Json,
            Command::Probe(args) => args.output == ProbeFormat::Json,
            Command::Verify(args) => args.output == ProbeFormat::Json,
            Command::Demo(args) => args.output == ProbeFormat::Json,
            _ => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Leave the demo's containers and networks running (it prints how to remove them).
    #[arg(long)]
    pub keep: bool,
    /// Also remove the agent image at the end.
    #[arg(long)]
    pub clean: bool,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub run: ProbeRunArgs,
    #[arg(short, long, value_enum, default_value_t = ProbeFormat::Table)]
    pub output: ProbeFormat,
}

/// Where the topology comes from: a positional FILE or -f/--file, else discovery.
#[derive(Debug, Args)]
pub struct TopologyFile {
    /// Topology file [default: topology.yaml or netctl.yaml in the current directory].
    #[arg(value_name = "FILE", conflicts_with = "file")]
    pub path: Option<PathBuf>,
    /// Topology file (same as FILE); for `verify` and `plan` also a compose file, repeated
    /// for its overrides as with `docker-compose -f base -f override`.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Vec<PathBuf>,
}

impl TopologyFile {
    /// The first file named: the topology (a compose project's base file).
    pub fn given(&self) -> Option<&std::path::Path> {
        self.path
            .as_deref()
            .or(self.file.first().map(PathBuf::as_path))
    }

    /// Every file named, in order.
    pub fn all(&self) -> Vec<&std::path::Path> {
        self.path
            .iter()
            .chain(&self.file)
            .map(PathBuf::as_path)
            .collect()
    }
}

/// A running Compose project as the topology, named as Compose names it.
#[derive(Debug, Args)]
pub struct ComposeSourceArgs {
    /// The Compose project: its containers are found by Compose's labels; without a file,
    /// its compose files are read from those labels [env: COMPOSE_PROJECT_NAME; default: the
    /// compose file's `name:`, else its directory's name].
    #[arg(
        short = 'p',
        long = "project-name",
        value_name = "NAME",
        env = "COMPOSE_PROJECT_NAME"
    )]
    pub project_name: Option<String>,
    /// Variables for the compose files' `${...}` instead of the `.env` beside them.
    #[arg(long = "env-file", value_name = "PATH")]
    pub env_file: Option<PathBuf>,
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
    /// From the daemon: its own table without FILE, drift (ok/missing/extra/none) with FILE.
    #[arg(long, conflicts_with = "reach")]
    pub live: bool,
    /// With --live and no FILE: show the bridge, host and none networks too.
    #[arg(long, requires = "live")]
    pub all: bool,
    #[command(flatten)]
    pub compose: ComposeSourceArgs,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
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
pub struct ManArgs {
    /// Write netctl.1 and a page per command (netctl-apply.1, netctl-import-compose.1, ...)
    /// into DIR instead of printing netctl.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Listen on TCP ports and answer HTTP health checks until SIGTERM or SIGINT.
    ///
    /// The placeholder service of `netctl demo` and of the tests: a container running it
    /// answers TCP probes on every --tcp port and `GET /` and `GET /health` on the --http port.
    Serve(AgentServeArgs),
    /// Write the agent image's root filesystem to stdout as a tar, for `docker import`.
    #[command(hide = true)]
    Rootfs,
    /// Run probes from this network namespace and print the attempts as JSON (in a sidecar).
    #[command(hide = true)]
    Probe(AgentProbeArgs),
    /// Build (or refresh) the agent image on the daemon from this binary, tagged with netctl's version.
    Image(AgentImageArgs),
}

#[derive(Debug, Args)]
pub struct AgentImageArgs {
    /// Import it again even when the image already holds this binary.
    #[arg(long)]
    pub refresh: bool,
    #[command(flatten)]
    pub daemon: DaemonArgs,
}

#[derive(Debug, Args)]
pub struct AgentProbeArgs {
    /// The probes, as the JSON array netctl sends.
    #[arg(long, value_name = "JSON")]
    pub probes: String,
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = crate::probe::args::parse_timeout)]
    pub timeout: std::time::Duration,
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,
    /// Exit after SECONDS whatever happens, so no sidecar outlives the netctl that started it.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub deadline: u64,
}

#[derive(Debug, Args)]
pub struct AgentServeArgs {
    /// Accept connections on PORT (repeatable).
    #[arg(long = "tcp", value_name = "PORT")]
    pub tcp: Vec<u16>,
    /// Answer HTTP 200 on / and /health on PORT.
    #[arg(long, value_name = "PORT")]
    pub http: Option<u16>,
    /// The address to listen on.
    #[arg(long, value_name = "ADDRESS", default_value = "0.0.0.0")]
    pub bind: IpAddr,
}

/// `netctl probe FROM TO`.
#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The service (or container) the probes run in.
    pub from: String,
    /// The service (or container) the probes aim at.
    pub to: String,
    /// Topology file [default: topology.yaml or netctl.yaml in the current directory; without
    /// one, FROM and TO are container names].
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also check a TCP connection to PORT (repeatable).
    #[arg(long = "port", value_name = "PORT")]
    pub ports: Vec<u16>,
    /// Also check that NAME resolves to TO (repeatable).
    #[arg(long = "dns", value_name = "NAME")]
    pub names: Vec<String>,
    /// Also check that GET PATH on PORT answers 2xx or 3xx (repeatable).
    #[arg(long = "http", value_name = "PORT/PATH", value_parser = crate::probe::args::parse_http)]
    pub http: Vec<(u16, String)>,
    /// What every check must show [default: what the topology says of the pair (reachable
    /// when they share a network, isolated when not); reachable without a topology].
    #[arg(long, value_enum, value_name = "EXPECTATION")]
    pub expect: Option<ExpectChoice>,
    #[command(flatten)]
    pub compose: ComposeSourceArgs,
    #[command(flatten)]
    pub run: ProbeRunArgs,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[arg(short, long, value_enum, default_value_t = ProbeFormat::Table)]
    pub output: ProbeFormat,
}

/// `netctl verify [FILE]`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[command(flatten)]
    pub compose: ComposeSourceArgs,
    #[command(flatten)]
    pub run: ProbeRunArgs,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[arg(short, long, value_enum, default_value_t = ProbeFormat::Table)]
    pub output: ProbeFormat,
}

/// How probes run, shared by `probe` and `verify`.
#[derive(Debug, Clone, Args)]
pub struct ProbeRunArgs {
    /// Tries per check; above one, latency is reported as min / p50 / p95 / p99.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,
    /// Bound on each try, e.g. 500ms or 2s; isolation checks often wait all of it.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = crate::probe::args::parse_timeout)]
    pub timeout: std::time::Duration,
    /// How to get into the source container's network.
    #[arg(long, value_enum, default_value_t = StrategyChoice::Auto)]
    pub strategy: StrategyChoice,
    /// Probes (sockets) in flight at most [default: what the open-file limit allows, up to 16384].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<std::num::NonZeroUsize>,
    /// Which replicas of a scaled Compose service probe and are probed: every one (up to 16
    /// per service, noted past it) or the first.
    #[arg(long, value_enum, default_value_t = ReplicaChoice::All)]
    pub replicas: ReplicaChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplicaChoice {
    All,
    One,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExpectChoice {
    /// Every check must get through.
    Reachable,
    /// No check may reach the target (no name resolves to it, no packet gets there).
    Isolated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StrategyChoice {
    /// netns when netctl may enter namespaces on the daemon's host, else sidecar, else exec.
    Auto,
    /// Enter /proc/PID/ns/net from the host: no container, milliseconds a check.
    Netns,
    /// A short-lived agent container sharing the source's network namespace.
    Sidecar,
    /// `docker exec` in the source with its own tools (ping, nc, nslookup).
    Exec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProbeFormat {
    Table,
    Json,
    Junit,
}

/// Which daemon, as the docker CLI chooses: `-H/--host`, `--context`, `DOCKER_HOST`,
/// `DOCKER_CONTEXT`, the current context of the docker CLI's config, the local unix socket.
#[derive(Debug, Args)]
pub struct DaemonArgs {
    /// Daemon address: unix:///path or tcp://host:port [env: DOCKER_HOST].
    #[arg(
        short = 'H',
        long = "host",
        value_name = "HOST",
        conflicts_with = "context"
    )]
    pub host: Option<String>,
    /// A docker CLI context (docker context ls) [env: DOCKER_CONTEXT].
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    /// How long one daemon call may take before netctl stops waiting and names the call
    /// (1s..10m).
    #[arg(long = "api-timeout", value_name = "DURATION", default_value = "30s", value_parser = crate::duration::parse_wait)]
    pub api_timeout: std::time::Duration,
}

/// Applying a topology as another instance of it (staging beside production, test runs).
#[derive(Debug, Args)]
pub struct InstanceArgs {
    /// Project name: prefixes network and container names and the ownership labels.
    #[arg(long, env = "NETCTL_PROJECT", value_name = "NAME")]
    pub project: Option<String>,
    /// Move fixed subnets and the static addresses in them: FROM=TO (repeatable).
    #[arg(long = "subnet-remap", value_name = "FROM=TO")]
    pub subnet_remap: Vec<String>,
    /// Move every fixed subnet N blocks of its own size (172.31.0.0/16 +1 → 172.32.0.0/16),
    /// with the static addresses in it.
    #[arg(
        long = "subnet-offset",
        value_name = "N",
        conflicts_with = "subnet_remap"
    )]
    pub subnet_offset: Option<u32>,
}

/// What a plan may include beyond creating and connecting.
#[derive(Debug, Args)]
pub struct PlanScopeArgs {
    /// Also disconnect undeclared containers from owned networks and remove owned networks the
    /// file no longer declares.
    #[arg(long)]
    pub prune: bool,
    /// Create a missing external network (without ownership label) instead of blocking.
    #[arg(long)]
    pub create_missing_external: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[command(flatten)]
    pub compose: ComposeSourceArgs,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub scope: PlanScopeArgs,
    /// Exit 0 when there is nothing to change, 2 when there is, 1 on error or a blocked plan.
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Save the plan; `netctl apply FILE` then reads it back and applies exactly it, or refuses
    /// if the daemon no longer offers what an action starts from.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[arg(short, long, value_enum, default_value_t = ChangeFormat::Text)]
    pub output: ChangeFormat,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[command(flatten)]
    pub scope: PlanScopeArgs,
    /// Allow recreating networks whose settings changed (every endpoint is restored).
    #[arg(long)]
    pub allow_recreate: bool,
    /// Do not ask before recreating or removing anything.
    #[arg(short, long)]
    pub yes: bool,
    /// Show the plan and stop (an interrupted recreate is shown, not finished).
    #[arg(long)]
    pub dry_run: bool,
    /// How long to wait for another netctl working on the project before giving up, naming it
    /// (1s..10m).
    #[arg(long = "lock-timeout", value_name = "DURATION", default_value = "60s", value_parser = crate::duration::parse_wait)]
    pub lock_timeout: std::time::Duration,
    /// Forget the journal of an interrupted recreate instead of finishing it (asks first
    /// unless --yes); the endpoints it still owes stay as they are.
    #[arg(long, conflicts_with = "dry_run")]
    pub abandon_journal: bool,
    /// Keep running: re-apply when containers are (re)started or memberships change.
    #[arg(long, conflicts_with = "dry_run")]
    pub watch: bool,
    #[arg(short, long, value_enum, default_value_t = ChangeFormat::Text)]
    pub output: ChangeFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangeFormat {
    Text,
    Json,
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
    /// Also lint the files this glob matches when walking a PATH folder (repeatable): on the
    /// file name at any depth without a `/` (`*.stack.yaml`), else on the path relative to
    /// the folder (`stacks/*.yml`; `**` crosses folders).
    #[arg(long = "glob", value_name = "PATTERN", requires = "paths")]
    pub globs: Vec<crate::lint::FilePattern>,
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
    /// Also check the daemon: external networks must exist there (rule NL016).
    #[arg(long)]
    pub live: bool,
    #[command(flatten)]
    pub daemon: DaemonArgs,
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

/// `import live` / `import compose`; `import --live` is kept as a spelling of `import live`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: Option<ImportSource>,
    /// Read the live daemon (same as `netctl import live`).
    #[arg(long)]
    pub live: bool,
    #[command(flatten)]
    pub live_options: ImportLiveArgs,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Compose files (or a directory), merged in order, to a topology on standard output.
    Compose(ImportComposeArgs),
    /// The live daemon's networks and memberships, to a topology on standard output.
    Live(ImportLiveArgs),
}

#[derive(Debug, Args)]
pub struct ImportLiveArgs {
    /// Import this project's networks (and its containers' other networks, as external);
    /// without it every user-defined network is imported as external.
    #[arg(long, env = "NETCTL_PROJECT", value_name = "NAME")]
    pub project: Option<String>,
    #[command(flatten)]
    pub daemon: DaemonArgs,
}

#[derive(Debug, Args)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub topology: TopologyFile,
    #[command(flatten)]
    pub daemon: DaemonArgs,
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Do not ask first.
    #[arg(short, long)]
    pub yes: bool,
    /// How long to wait for another netctl working on the project before giving up, naming it
    /// (1s..10m).
    #[arg(long = "lock-timeout", value_name = "DURATION", default_value = "60s", value_parser = crate::duration::parse_wait)]
    pub lock_timeout: std::time::Duration,
    #[arg(short, long, value_enum, default_value_t = ChangeFormat::Text)]
    pub output: ChangeFormat,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[derive(Debug, clap::Parser)]
    struct ProbeCommand {
        #[command(flatten)]
        args: ProbeArgs,
    }

    #[test]
    fn the_probe_flags_parse_into_their_types() {
        use clap::Parser;
        let parsed = ProbeCommand::try_parse_from([
            "probe",
            "agent",
            "hub-backend",
            "--port",
            "9000",
            "--dns",
            "hub-api",
            "--http",
            "8000/health",
            "--count",
            "20",
            "--timeout",
            "300ms",
            "--strategy",
            "netns",
            "-o",
            "junit",
        ])
        .unwrap()
        .args;
        assert_eq!(
            (parsed.from.as_str(), parsed.to.as_str()),
            ("agent", "hub-backend")
        );
        assert_eq!(parsed.http, [(8000, "/health".to_owned())]);
        assert_eq!(parsed.run.count, 20);
        assert_eq!(parsed.run.timeout, Duration::from_millis(300));
        assert_eq!(parsed.run.strategy, StrategyChoice::Netns);
        assert_eq!(parsed.output, ProbeFormat::Junit);
        assert!(ProbeCommand::try_parse_from(["probe", "a", "b", "--count", "0"]).is_err());
    }
}
