//! Which services are datastores: by image name (vendor builds included), by tag, by config.
//!
//! Names are compared token by token (`bitnami/redis`, `redis/redis-stack-server`,
//! `docker.io/library/postgres:16-alpine`) so that a vendor's build is caught, while tools
//! *for* a datastore (`redis-commander`, `mongo-express`, `postgres-exporter`) are not: they
//! hold no data and are often meant to be reached.
//!
//! It lives with the compose model because both lint rules and `import compose` read it:
//! here neither has to reach into the other.

use super::model::Port;

/// Image names of datastores and message brokers. NATS is left out on purpose: its port is
/// usually published for remote agents, by design.
pub const DATASTORE_NAMES: [&str; 33] = [
    "postgres",
    "postgresql",
    "postgis",
    "timescaledb",
    "mysql",
    "mariadb",
    "percona",
    "mongo",
    "mongodb",
    "redis",
    "valkey",
    "keydb",
    "dragonfly",
    "memcached",
    "elasticsearch",
    "opensearch",
    "rabbitmq",
    "kafka",
    "zookeeper",
    "cassandra",
    "scylla",
    "couchdb",
    "couchbase",
    "neo4j",
    "influxdb",
    "clickhouse",
    "cockroach",
    "cockroachdb",
    "mssql",
    "etcd",
    "arangodb",
    "rethinkdb",
    "questdb",
];

/// Words that mark a tool around a datastore rather than the datastore itself.
const TOOL_WORDS: [&str; 22] = [
    "exporter",
    "commander",
    "express",
    "ui",
    "admin",
    "insight",
    "insights",
    "web",
    "dashboard",
    "manager",
    "gui",
    "backup",
    "operator",
    "browser",
    "console",
    "client",
    "cli",
    "connect",
    "rest",
    "registry",
    "proxy",
    "metrics",
];

/// Service tags (in a topology or the `io.netctl.tags` label) that mark a datastore.
pub const DATASTORE_TAGS: [&str; 4] = ["database", "datastore", "db", "cache"];

/// Container ports that only datastores and brokers listen on, by convention.
const WELL_KNOWN_PORTS: [(u16, &str); 13] = [
    (5432, "postgres"),
    (3306, "mysql"),
    (6379, "redis"),
    (27017, "mongo"),
    (11211, "memcached"),
    (9200, "elasticsearch"),
    (5672, "rabbitmq"),
    (9092, "kafka"),
    (9042, "cassandra"),
    (5984, "couchdb"),
    (7687, "neo4j"),
    (26257, "cockroachdb"),
    (2379, "etcd"),
];

/// `5432 is the usual port of postgres` when the container side of `port` is a datastore's
/// well-known port: locally built databases say nothing in their image. Ranges do not count:
/// `9000-9300` says nothing about Elasticsearch.
pub fn well_known_port(port: &Port) -> Option<String> {
    let (first, last) = port.target?;
    WELL_KNOWN_PORTS
        .iter()
        .find(|(known, _)| first == last && first == *known)
        .map(|(known, name)| format!("{known} is the usual port of {name}"))
}

/// The datastore `image` names, if any: `Some("redis")` for `bitnami/redis:7`.
pub fn datastore_in_image(image: &str, extra: &[String]) -> Option<String> {
    let repository = repository(image);
    if let Some(found) = extra
        .iter()
        .find(|name| repository == name.as_str() || repository.ends_with(&format!("/{name}")))
    {
        return Some(found.clone());
    }
    let tokens: Vec<&str> = repository
        .split(['/', '-', '_', '.'])
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.iter().any(|t| TOOL_WORDS.contains(t)) {
        return None;
    }
    tokens.iter().find_map(|token| {
        let bare = token.trim_end_matches(|c: char| c.is_ascii_digit());
        DATASTORE_NAMES
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
            .find(|name| *name == bare || name == token)
            .map(str::to_owned)
    })
}

/// `registry:5000/org/name:tag@sha256:...` → `registry:5000/org/name`, lowercased.
fn repository(image: &str) -> String {
    let without_digest = image.split('@').next().unwrap_or_default();
    let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    let name_end = without_digest[last_slash..]
        .find(':')
        .map_or(without_digest.len(), |colon| last_slash + colon);
    without_digest[..name_end].trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(image: &str) -> Option<String> {
        datastore_in_image(image, &[])
    }

    #[test]
    fn finds_official_and_vendor_builds() {
        assert_eq!(found("postgres:16-alpine").as_deref(), Some("postgres"));
        assert_eq!(found("docker.io/library/redis").as_deref(), Some("redis"));
        assert_eq!(found("bitnami/redis:7.2").as_deref(), Some("redis"));
        assert_eq!(found("redis/redis-stack-server").as_deref(), Some("redis"));
        assert_eq!(found("mongo@sha256:abc").as_deref(), Some("mongo"));
        assert_eq!(
            found("registry:5000/team/mysql:8").as_deref(),
            Some("mysql")
        );
        assert_eq!(
            found("mcr.microsoft.com/mssql/server:2022").as_deref(),
            Some("mssql")
        );
    }

    #[test]
    fn ignores_tools_and_apps() {
        assert_eq!(found("rediscommander/redis-commander"), None);
        assert_eq!(found("mongo-express"), None);
        assert_eq!(found("prometheuscommunity/postgres-exporter"), None);
        assert_eq!(found("nginx:alpine"), None);
        assert_eq!(found("dpage/pgadmin4"), None);
    }

    #[test]
    fn config_adds_names() {
        let extra = vec!["mycorp/kv".to_owned(), "dgraph".to_owned()];
        assert!(datastore_in_image("registry.local/mycorp/kv:1", &extra).is_some());
        assert!(datastore_in_image("dgraph/dgraph", &extra).is_some());
    }
}
