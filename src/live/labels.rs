//! Every label netctl writes or reads, and the names of Docker's own networks: one place, so
//! that what one part writes another part finds.

/// On networks and containers netctl creates: the project they belong to.
pub const PROJECT: &str = "io.netctl.project";
/// On networks netctl creates: the key of the file they were created for.
pub const NETWORK: &str = "io.netctl.network";
/// On containers netctl starts itself: what they are for (one of the roles below).
pub const ROLE: &str = "io.netctl.role";
/// The role of a probe sidecar.
pub const SIDECAR_ROLE: &str = "sidecar";
/// The role of a placeholder service (the demo's, the tests').
pub const PLACEHOLDER_ROLE: &str = "placeholder";
/// On a sidecar: the machine whose netctl started it; only that machine sweeps it.
pub const HOST: &str = "io.netctl.host";
/// On a sidecar: the run of netctl that started it; Ctrl-C removes that run's sidecars.
pub const RUN: &str = "io.netctl.run";
/// On a sidecar: the Unix time after which it is expired and may be swept.
pub const DEADLINE: &str = "io.netctl.deadline";
/// The role of a marker: a never-started container that holds a project's apply lock on the
/// daemon (see `state`).
pub const LOCK_ROLE: &str = "lock";
/// The role of a marker holding a project's watch lock.
pub const WATCH_ROLE: &str = "watch";
/// The role of a marker holding one interrupted recreate of the project's journal.
pub const JOURNAL_ROLE: &str = "journal";
/// On a marker: who holds it (`pid=… host=… since=…`).
pub const HOLDER: &str = "io.netctl.holder";
/// On a journal marker: the recreate it owes, as JSON.
pub const JOURNAL: &str = "io.netctl.journal";
/// On the agent image: the digest of the netctl binary it holds.
pub const AGENT_DIGEST: &str = "io.netctl.agent-digest";

/// Compose's label on the networks and containers of its projects.
pub const COMPOSE_PROJECT: &str = "com.docker.compose.project";
/// Compose's label on a service's containers: the service's name.
pub const COMPOSE_SERVICE: &str = "com.docker.compose.service";
/// Compose's label on a service's container: which replica it is (1, 2, …).
pub const COMPOSE_NUMBER: &str = "com.docker.compose.container-number";
/// Compose's label on a container: `True` for a `run` one-off, never a service's replica.
pub const COMPOSE_ONEOFF: &str = "com.docker.compose.oneoff";
/// Compose's label on the networks it creates: the network's key in the compose file (v2; v1
/// writes the `name:` there when the file sets one). With [`COMPOSE_PROJECT`], it marks a
/// network as the Compose project's own.
pub const COMPOSE_NETWORK: &str = "com.docker.compose.network";
/// Compose's label on what it creates: its own version (`1.29.2`, `2.24.0`): which command
/// (`docker-compose` or `docker compose`) manages the project.
pub const COMPOSE_VERSION: &str = "com.docker.compose.version";
/// Compose's label on a service's containers: the folder the project was started from.
pub const COMPOSE_WORKING_DIR: &str = "com.docker.compose.project.working_dir";
/// Compose's label on a service's containers: the compose files, comma-separated (relative to
/// the working folder for v1, absolute for v2).
pub const COMPOSE_CONFIG_FILES: &str = "com.docker.compose.project.config_files";
/// Every label Compose sets itself starts so; Compose ignores them when it checks whether a
/// network must be recreated, and so does netctl on a Compose network.
pub const COMPOSE_LABEL_PREFIX: &str = "com.docker.compose.";

/// The network a plain `docker run` joins: no names, no aliases, no static addresses.
pub const DEFAULT_BRIDGE: &str = "bridge";
/// Network modes that the daemon lists as networks; nothing can be connected to them.
pub const NETWORK_MODES: [&str; 2] = ["host", "none"];
/// The daemon's own networks: the default bridge and the network modes.
pub const BUILTIN_NETWORKS: [&str; 3] = [DEFAULT_BRIDGE, "host", "none"];
/// Networks swarm attaches containers to by itself: no file declares them.
pub const SWARM_SYSTEM_NETWORKS: [&str; 2] = ["docker_gwbridge", "ingress"];

/// A bridge driver option: the Linux name of the bridge interface.
pub const BRIDGE_NAME_OPTION: &str = "com.docker.network.bridge.name";
/// A bridge driver option: `false` forbids traffic between the network's containers.
pub const ICC_OPTION: &str = "com.docker.network.bridge.enable_icc";
