//! Choosing the daemon the way the docker CLI does: `-H`, `--context`, `DOCKER_HOST`,
//! `DOCKER_CONTEXT`, the CLI config's `currentContext`, then the local socket. Contexts are
//! read from the CLI's store: `$DOCKER_CONFIG/contexts/meta/<sha256 of name>/meta.json`.

use super::DaemonError;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The context that means "no context": the default socket or `DOCKER_HOST`.
const DEFAULT_CONTEXT: &str = "default";

/// What the environment says, read once so resolution itself stays pure and testable.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub docker_host: Option<String>,
    pub docker_context: Option<String>,
    /// `DOCKER_CONFIG`, else `~/.docker`.
    pub config_dir: Option<PathBuf>,
    /// `DOCKER_TLS_VERIFY` is set (to anything).
    pub tls_verify: bool,
    /// `DOCKER_CERT_PATH`, else the config dir.
    pub cert_path: Option<PathBuf>,
}

/// The daemon to dial: a host (`None`: the default socket) and, for TLS, the certificates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaemonAddress {
    pub host: Option<String>,
    pub tls: Option<PathBuf>,
}

impl Environment {
    pub fn read() -> Environment {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let config_dir = var("DOCKER_CONFIG")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".docker")));
        Environment {
            docker_host: var("DOCKER_HOST"),
            docker_context: var("DOCKER_CONTEXT"),
            tls_verify: var("DOCKER_TLS_VERIFY").is_some(),
            cert_path: var("DOCKER_CERT_PATH")
                .map(PathBuf::from)
                .or_else(|| config_dir.clone()),
            config_dir,
        }
    }

    /// The certificates for a host given by flag or variable, when TLS is asked for.
    fn tls(&self) -> Option<PathBuf> {
        self.cert_path.clone().filter(|_| self.tls_verify)
    }
}

/// The daemon to dial, with the docker CLI's precedence.
pub fn resolve_host(
    host: Option<&str>,
    context: Option<&str>,
    env: &Environment,
) -> Result<DaemonAddress, DaemonError> {
    if let Some(host) = host {
        return Ok(from_env_tls(host, env));
    }
    if let Some(context) = context {
        return context_daemon(context, env);
    }
    if let Some(host) = &env.docker_host {
        return Ok(from_env_tls(host, env));
    }
    if let Some(context) = &env.docker_context {
        return context_daemon(context, env);
    }
    match current_context(env) {
        Some(context) => context_daemon(&context, env),
        None => Ok(DaemonAddress::default()),
    }
}

fn from_env_tls(host: &str, env: &Environment) -> DaemonAddress {
    DaemonAddress {
        host: Some(host.to_owned()),
        tls: env.tls(),
    }
}

fn current_context(env: &Environment) -> Option<String> {
    let text = std::fs::read_to_string(env.config_dir.as_ref()?.join("config.json")).ok()?;
    let config: serde_json::Value = serde_json::from_str(&text).ok()?;
    config
        .get("currentContext")?
        .as_str()
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
}

fn context_daemon(name: &str, env: &Environment) -> Result<DaemonAddress, DaemonError> {
    if name == DEFAULT_CONTEXT {
        return Ok(DaemonAddress {
            host: env.docker_host.clone(),
            tls: env.tls(),
        });
    }
    let not_found = |detail: String| DaemonError::UnsupportedHost {
        host: format!("context {name}"),
        why: detail,
    };
    let Some(config_dir) = &env.config_dir else {
        return Err(not_found(
            "no docker CLI config directory (set DOCKER_CONFIG or HOME)".to_owned(),
        ));
    };
    let meta = meta_path(config_dir, name);
    let text = std::fs::read_to_string(&meta).map_err(|_| {
        not_found(format!(
            "not found ({} is missing); `docker context ls` lists the contexts",
            meta.display()
        ))
    })?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| not_found(format!("{} is not valid JSON: {e}", meta.display())))?;
    let host = value
        .pointer("/Endpoints/docker/Host")
        .and_then(|h| h.as_str())
        .ok_or_else(|| not_found(format!("{} names no docker endpoint", meta.display())))?;
    Ok(DaemonAddress {
        host: Some(host.to_owned()),
        tls: tls_dir(config_dir, name),
    })
}

fn meta_path(config_dir: &Path, name: &str) -> PathBuf {
    config_dir
        .join("contexts/meta")
        .join(digest(name))
        .join("meta.json")
}

/// `docker context create --docker tls…` stores ca.pem, cert.pem and key.pem here.
fn tls_dir(config_dir: &Path, name: &str) -> Option<PathBuf> {
    let dir = config_dir
        .join("contexts/tls")
        .join(digest(name))
        .join("docker");
    dir.exists().then_some(dir)
}

fn digest(name: &str) -> String {
    Sha256::digest(name.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(name: &str, host: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let meta = meta_path(dir.path(), name);
        std::fs::create_dir_all(meta.parent().unwrap()).unwrap();
        let text = format!(
            r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":false}}}}}}"#
        );
        std::fs::write(meta, text).unwrap();
        dir
    }

    fn env(dir: &Path) -> Environment {
        Environment {
            config_dir: Some(dir.to_path_buf()),
            ..Environment::default()
        }
    }

    #[test]
    fn the_store_is_keyed_by_the_sha256_of_the_name() {
        assert_eq!(
            digest("default"),
            "37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f"
        );
    }

    #[test]
    fn precedence_follows_the_docker_cli() {
        let store = store_with("remote", "tcp://127.0.0.1:2375");
        let mut env = env(store.path());
        assert_eq!(resolve_host(None, None, &env).unwrap().host, None);
        assert_eq!(
            resolve_host(None, Some("remote"), &env)
                .unwrap()
                .host
                .as_deref(),
            Some("tcp://127.0.0.1:2375")
        );
        env.docker_host = Some("unix:///x.sock".to_owned());
        assert_eq!(
            resolve_host(None, None, &env).unwrap().host.as_deref(),
            Some("unix:///x.sock")
        );
        assert_eq!(
            resolve_host(Some("unix:///flag.sock"), None, &env)
                .unwrap()
                .host
                .as_deref(),
            Some("unix:///flag.sock")
        );
        env.docker_host = None;
        env.docker_context = Some("remote".to_owned());
        assert_eq!(
            resolve_host(None, None, &env).unwrap().host.as_deref(),
            Some("tcp://127.0.0.1:2375")
        );
    }

    #[test]
    fn the_current_context_comes_from_the_cli_config() {
        let store = store_with("remote", "unix:///remote.sock");
        std::fs::write(
            store.path().join("config.json"),
            r#"{"currentContext":"remote"}"#,
        )
        .unwrap();
        assert_eq!(
            resolve_host(None, None, &env(store.path()))
                .unwrap()
                .host
                .as_deref(),
            Some("unix:///remote.sock")
        );
    }

    #[test]
    fn tls_comes_from_the_environment_or_the_context_store() {
        let store = store_with("secure", "tcp://127.0.0.1:2376");
        let tls = store
            .path()
            .join("contexts/tls")
            .join(digest("secure"))
            .join("docker");
        std::fs::create_dir_all(&tls).unwrap();
        let mut env = env(store.path());
        assert_eq!(
            resolve_host(None, Some("secure"), &env).unwrap().tls,
            Some(tls)
        );
        env.tls_verify = true;
        env.cert_path = Some(PathBuf::from("/certs"));
        let daemon = resolve_host(Some("tcp://127.0.0.1"), None, &env).unwrap();
        assert_eq!(daemon.tls, Some(PathBuf::from("/certs")));
    }

    #[test]
    fn an_unknown_context_says_how_to_list_them() {
        let store = tempfile::tempdir().unwrap();
        let error = resolve_host(None, Some("nope"), &env(store.path())).unwrap_err();
        assert!(error.to_string().contains("docker context ls"), "{error}");
    }
}
