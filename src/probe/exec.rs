//! The exec strategy's core: each probe as a command of the source container's own tools
//! (busybox or distribution `nslookup`, `ping`, `nc`, `wget`, bounded by `timeout`), and the
//! reading of what they print. The docker layer runs the commands ([`Executor`]).

use super::attempt::{Attempt, Outcome, Probe};
use super::engine::Options;
use super::limits::{Budget, Limits, Resource};
use super::strategy::{SourceFailure, Strategy, StrategyError};
use super::target::Target;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// `docker exec` without a shell, a TTY or stdin: the command's exit status and output.
pub trait Executor: Sync {
    fn exec(&self, container: &str, argv: &[String]) -> Result<ExecOutput, SourceFailure>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecOutput {
    pub status: i64,
    pub stdout: String,
    pub stderr: String,
}

pub struct Exec<E> {
    pub executor: E,
}

/// Commands at once in one container: enough to overlap isolation timeouts without
/// flooding the daemon with exec sessions.
const PARALLEL_EXECS: usize = 8;
/// Exec sessions at once across every container: each is a process the daemon starts and
/// several API calls, so this bounds the daemon's load whatever the topology's size (the
/// 14-service hub still runs every source at once).
const EXECS_AT_ONCE: usize = 128;

impl<E: Executor> Strategy for Exec<E> {
    fn name(&self) -> &'static str {
        "exec"
    }

    fn run(
        &self,
        source: &Target,
        probes: &[Probe],
        options: &Options,
        _: &Budget,
    ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
        let mut results = Vec::with_capacity(probes.len());
        for chunk in probes.chunks(PARALLEL_EXECS) {
            let attempts: Vec<Result<Vec<Attempt>, SourceFailure>> = std::thread::scope(|scope| {
                let running: Vec<_> = chunk
                    .iter()
                    .map(|probe| scope.spawn(|| self.tries(&source.container.name, probe, options)))
                    .collect();
                running
                    .into_iter()
                    .map(|handle| {
                        handle
                            .join()
                            .unwrap_or_else(|_| Err("the exec thread stopped".to_owned().into()))
                    })
                    .collect()
            });
            for attempt in attempts {
                results.push(attempt.map_err(|failure| {
                    failure.for_source(&source.container.name, |reason| StrategyError::Exec {
                        container: source.container.name.clone(),
                        reason,
                    })
                })?);
            }
        }
        Ok(results)
    }

    /// The tools run in the containers: here, only the number of exec sessions is bounded.
    fn at_once(&self, limits: &Limits) -> usize {
        limits.namespaces.min(EXECS_AT_ONCE / PARALLEL_EXECS)
    }
}

impl<E: Executor> Exec<E> {
    fn tries(
        &self,
        container: &str,
        probe: &Probe,
        options: &Options,
    ) -> Result<Vec<Attempt>, SourceFailure> {
        let argv = command_for(probe, options.timeout);
        (0..options.count.max(1))
            .map(|_| {
                let started = Instant::now();
                let output = self.executor.exec(container, &argv)?;
                Ok(Attempt {
                    outcome: outcome_of(probe, &output),
                    elapsed: started.elapsed(),
                })
            })
            .collect()
    }
}

/// The command for one try; `timeout` bounds it, as busybox's own timeouts are whole seconds
/// (and its `wget -T` crashes).
pub fn command_for(probe: &Probe, timeout: Duration) -> Vec<String> {
    let seconds = timeout.as_secs_f64().ceil().max(1.0).to_string();
    let mut argv = vec!["timeout".to_owned(), seconds.clone()];
    let tool: Vec<String> = match probe {
        Probe::Dns { name } => vec!["nslookup".into(), name.clone(), "127.0.0.11".into()],
        Probe::Icmp { address } => {
            vec![
                "ping".into(),
                "-c".into(),
                "1".into(),
                "-W".into(),
                seconds,
                address.to_string(),
            ]
        }
        Probe::Tcp { address, port } => {
            vec![
                "nc".into(),
                "-w".into(),
                seconds,
                address.to_string(),
                port.to_string(),
            ]
        }
        Probe::Http {
            address,
            port,
            path,
            ..
        } => vec![
            "wget".into(),
            "-S".into(),
            "-q".into(),
            "-O".into(),
            "/dev/null".into(),
            format!("http://{}{path}", SocketAddr::new(*address, *port)),
        ],
    };
    argv.extend(tool);
    argv
}

/// Reads a tool's exit status and words; a missing tool is said to be missing, never taken
/// for an unreachable peer.
pub fn outcome_of(probe: &Probe, output: &ExecOutput) -> Outcome {
    let text = format!("{}\n{}", output.stdout, output.stderr);
    if let Some(tool) = missing_tool(probe, output, &text) {
        return Outcome::Error(format!(
            "the container has no `{tool}`: the exec strategy uses the container's own tools \
             (try --strategy netns or sidecar)"
        ));
    }
    if matches!(output.status, 124 | 143) {
        return Outcome::TimedOut;
    }
    if output.status != 0
        && let Some(resource) = Resource::named_in(&text)
    {
        return Outcome::LocalError(resource);
    }
    match probe {
        Probe::Dns { .. } => dns_outcome(output.status, &text),
        Probe::Icmp { .. } => ping_outcome(output.status, &text),
        Probe::Tcp { .. } => {
            connect_outcome(output.status, &text).unwrap_or_else(|| failure(&text))
        }
        Probe::Http { .. } => http_status(&text)
            .map(Outcome::HttpStatus)
            .or_else(|| connect_outcome(output.status, &text).filter(|o| *o != Outcome::Answered))
            .unwrap_or_else(|| failure(&text)),
    }
}

fn missing_tool(probe: &Probe, output: &ExecOutput, text: &str) -> Option<&'static str> {
    let tool = match probe {
        Probe::Dns { .. } => "nslookup",
        Probe::Icmp { .. } => "ping",
        Probe::Tcp { .. } => "nc",
        Probe::Http { .. } => "wget",
    };
    let lower = text.to_lowercase();
    let not_found = matches!(output.status, 126 | 127)
        || lower.contains("executable file not found")
        || lower.contains("no such file or directory");
    if !not_found {
        return None;
    }
    Some(
        if lower.contains("\"timeout\"") || lower.contains("timeout: not found") {
            "timeout"
        } else {
            tool
        },
    )
}

/// Exit 0 means through; otherwise the tool's words say how it failed, if they say.
fn connect_outcome(status: i64, text: &str) -> Option<Outcome> {
    let lower = text.to_lowercase();
    if status == 0 {
        Some(Outcome::Answered)
    } else if lower.contains("connection refused") {
        Some(Outcome::Refused)
    } else if lower.contains("unreachable") {
        Some(Outcome::Unreachable)
    } else if lower.contains("timed out") {
        Some(Outcome::TimedOut)
    } else {
        None
    }
}

/// Only a ping that ran and counted its lost packets is silence; "permission denied" is not.
fn ping_outcome(status: i64, text: &str) -> Outcome {
    match connect_outcome(status, text) {
        Some(outcome) => outcome,
        None if text.contains("packets transmitted") => Outcome::TimedOut,
        None => failure(text),
    }
}

fn failure(text: &str) -> Outcome {
    Outcome::Error(
        text.trim()
            .lines()
            .last()
            .unwrap_or("the command failed")
            .to_owned(),
    )
}

/// The last status line `wget -S` printed (after any redirects).
fn http_status(text: &str) -> Option<u16> {
    text.lines()
        .filter_map(|line| super::tcp::status(line.trim().as_bytes()))
        .next_back()
        .or_else(|| {
            let after = text.split("server returned error: ").nth(1)?;
            super::tcp::status(after.as_bytes())
        })
}

/// Busybox and bind `nslookup` both print the answer as `Name:` followed by `Address` lines;
/// the server's own `Address` comes before any `Name:` and is not an answer.
fn dns_outcome(status: i64, text: &str) -> Outcome {
    let addresses = answered_addresses(text);
    let upper = text.to_uppercase();
    if !addresses.is_empty() {
        Outcome::Resolved(addresses)
    } else if upper.contains("NXDOMAIN") {
        Outcome::NxDomain
    } else if upper.contains("SERVFAIL") {
        Outcome::DnsCode(2)
    } else if upper.contains("REFUSED") {
        Outcome::DnsCode(5)
    } else if upper.contains("TIMED OUT") || upper.contains("NO SERVERS COULD BE REACHED") {
        Outcome::TimedOut
    } else if status == 0 || upper.contains("NO ANSWER") {
        Outcome::Resolved(Vec::new())
    } else {
        failure(text)
    }
}

fn answered_addresses(text: &str) -> Vec<IpAddr> {
    let mut in_answer = false;
    let mut addresses = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("Name:") {
            in_answer = true;
        } else if in_answer && line.starts_with("Address") {
            let value = line.split_once(':').map_or("", |(_, value)| value);
            let address = value
                .split_whitespace()
                .find_map(|word| word.parse::<IpAddr>().ok());
            addresses.extend(address.filter(IpAddr::is_ipv4));
        }
    }
    addresses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(status: i64, stdout: &str, stderr: &str) -> ExecOutput {
        ExecOutput {
            status,
            stdout: stdout.to_owned(),
            stderr: stderr.to_owned(),
        }
    }

    fn dns() -> Probe {
        Probe::Dns {
            name: "hub-api".to_owned(),
        }
    }

    fn tcp() -> Probe {
        Probe::Tcp {
            address: "10.214.1.3".parse().unwrap(),
            port: 8000,
        }
    }

    #[test]
    fn commands_are_bounded_by_timeout_in_whole_seconds() {
        let argv = command_for(&tcp(), Duration::from_millis(300));
        assert_eq!(
            argv,
            ["timeout", "1", "nc", "-w", "1", "10.214.1.3", "8000"]
        );
        let http = Probe::Http {
            address: "10.214.1.3".parse().unwrap(),
            port: 8080,
            path: "/health".to_owned(),
            host: "hub".to_owned(),
        };
        assert_eq!(
            command_for(&http, Duration::from_millis(1500))[..2],
            ["timeout", "2"]
        );
        assert_eq!(
            command_for(&http, Duration::from_secs(1)).last().unwrap(),
            "http://10.214.1.3:8080/health"
        );
    }

    #[test]
    fn busybox_nslookup_answers_read_as_addresses_and_the_server_line_does_not() {
        let answer = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\thub-api\nAddress: 10.214.1.3\n\n*** Can't find hub-api: No answer\n";
        assert_eq!(
            outcome_of(&dns(), &output(0, answer, "")),
            Outcome::Resolved(vec!["10.214.1.3".parse().unwrap()])
        );
        let old_style = "Server: 127.0.0.11\nAddress 1: 127.0.0.11\n\nName: hub-api\nAddress 1: 10.214.1.3 hub-api.net\n";
        assert_eq!(
            outcome_of(&dns(), &output(0, old_style, "")),
            Outcome::Resolved(vec!["10.214.1.3".parse().unwrap()])
        );
    }

    #[test]
    fn nslookup_failures_are_told_apart() {
        let nx = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find hub-db: NXDOMAIN\n";
        assert_eq!(outcome_of(&dns(), &output(1, nx, "")), Outcome::NxDomain);
        let silent = ";; connection timed out; no servers could be reached\n";
        assert_eq!(
            outcome_of(&dns(), &output(1, silent, "")),
            Outcome::TimedOut
        );
        assert_eq!(outcome_of(&dns(), &output(143, "", "")), Outcome::TimedOut);
    }

    #[test]
    fn nc_words_map_to_outcomes() {
        assert_eq!(outcome_of(&tcp(), &output(0, "", "")), Outcome::Answered);
        let refused = "nc: can't connect to remote host (10.214.1.3): Connection refused\n";
        assert_eq!(
            outcome_of(&tcp(), &output(1, "", refused)),
            Outcome::Refused
        );
        let no_route = "nc: can't connect to remote host (10.214.2.3): Network unreachable\n";
        assert_eq!(
            outcome_of(&tcp(), &output(1, "", no_route)),
            Outcome::Unreachable
        );
    }

    #[test]
    fn a_missing_tool_is_an_error_not_unreachable() {
        let missing = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"timeout\": executable file not found in $PATH: unknown";
        let outcome = outcome_of(&tcp(), &output(126, "", missing));
        assert!(
            matches!(&outcome, Outcome::Error(text) if text.contains("no `timeout`")),
            "{outcome:?}"
        );
        let outcome = outcome_of(
            &dns(),
            &output(
                127,
                "",
                "timeout: can't execute 'nslookup': No such file or directory",
            ),
        );
        assert!(
            matches!(&outcome, Outcome::Error(text) if text.contains("no `nslookup`")),
            "{outcome:?}"
        );
    }

    #[test]
    fn a_tool_short_of_files_or_buffers_is_a_local_error_not_unreachable() {
        let icmp = Probe::Icmp {
            address: "10.214.1.3".parse().unwrap(),
        };
        let enobufs = "PING 10.214.1.3 (10.214.1.3): 56 data bytes\nping: sendto: No buffer space available\n";
        assert_eq!(
            outcome_of(&icmp, &output(1, enobufs, "")),
            Outcome::LocalError(Resource::Buffers)
        );
        let emfile = "nc: socket: Too many open files\n";
        assert_eq!(
            outcome_of(&tcp(), &output(1, "", emfile)),
            Outcome::LocalError(Resource::OpenFiles)
        );
    }

    #[test]
    fn a_ping_that_could_not_run_is_not_silence() {
        let icmp = Probe::Icmp {
            address: "10.214.1.3".parse().unwrap(),
        };
        let lost = "PING 10.214.1.3 (10.214.1.3): 56 data bytes\n\n--- 10.214.1.3 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n";
        assert_eq!(outcome_of(&icmp, &output(1, lost, "")), Outcome::TimedOut);
        let denied = "ping: permission denied (are you root?)";
        assert_eq!(
            outcome_of(&icmp, &output(1, "", denied)),
            Outcome::Error(denied.to_owned())
        );
    }

    #[test]
    fn wget_status_lines_give_the_http_status() {
        let http = Probe::Http {
            address: "10.214.1.3".parse().unwrap(),
            port: 8080,
            path: "/health".to_owned(),
            host: "hub".to_owned(),
        };
        assert_eq!(
            outcome_of(
                &http,
                &output(0, "", "  HTTP/1.0 200 OK\n  Content-Length: 3\n")
            ),
            Outcome::HttpStatus(200)
        );
        let missing =
            "  HTTP/1.0 404 Not Found\nwget: server returned error: HTTP/1.0 404 Not Found\n";
        assert_eq!(
            outcome_of(&http, &output(1, "", missing)),
            Outcome::HttpStatus(404)
        );
        let refused = "wget: can't connect to remote host (10.214.1.3): Connection refused\n";
        assert_eq!(outcome_of(&http, &output(1, "", refused)), Outcome::Refused);
    }
}
