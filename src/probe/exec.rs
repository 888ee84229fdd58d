//! The exec strategy's core: each probe as a command of the source container's own tools
//! (busybox or distribution `nslookup`, `ping`, `nc`, bounded by `timeout`; an HTTP check is
//! a GET that `nc` sends from its stdin), and the reading of what they print. The docker layer
//! runs the commands ([`Executor`]).

use super::attempt::{Attempt, Outcome, Probe};
use super::engine::Options;
use super::limits::{Budget, Limits, Resource};
use super::strategy::{SourceFailure, Strategy, StrategyError};
use super::target::Target;
use super::tcp::{NO_STATUS_LINE, UnsafeRequest, get_request};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// `docker exec` without a shell or a TTY: the command's exit status and output. `stdin`,
/// when given, is written to the command's input, which is then closed.
pub trait Executor: Sync {
    fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, SourceFailure>;
}

/// One try as the container runs it: the argv and what goes to its stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub argv: Vec<String>,
    /// The request `nc` sends for an HTTP check; nothing for the other probes.
    pub stdin: Option<Vec<u8>>,
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
        let tries = 0..options.count.max(1);
        let command = match command_for(probe, options.timeout) {
            Ok(command) => command,
            Err(refused) => {
                let attempt = Attempt {
                    outcome: Outcome::Error(refused.to_string()),
                    elapsed: Duration::ZERO,
                };
                return Ok(tries.map(|_| attempt.clone()).collect());
            }
        };
        tries
            .map(|_| {
                let started = Instant::now();
                let output =
                    self.executor
                        .exec(container, &command.argv, command.stdin.as_deref())?;
                Ok(Attempt {
                    outcome: outcome_of(probe, &output),
                    elapsed: started.elapsed(),
                })
            })
            .collect()
    }
}

/// The command for one try; `timeout` bounds it, as busybox's own timeouts are whole seconds.
/// An HTTP check is `nc` with the request on its stdin, never `wget`, which follows redirects
/// (busybox's cannot be told not to) and could send probe traffic out of the topology; no
/// shell sees the request. A path or host that could break out of the request is refused.
pub fn command_for(probe: &Probe, timeout: Duration) -> Result<Command, UnsafeRequest> {
    let seconds = timeout.as_secs_f64().ceil().max(1.0).to_string();
    let mut argv = vec!["timeout".to_owned(), seconds.clone()];
    let mut stdin = None;
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
        Probe::Tcp { address, port } => nc(&seconds, *address, *port),
        Probe::Http {
            address,
            port,
            path,
            host,
        } => {
            stdin = Some(get_request(host, path)?);
            nc(&seconds, *address, *port)
        }
    };
    argv.extend(tool);
    Ok(Command { argv, stdin })
}

/// `nc -w SECONDS ADDRESS PORT`: the one form busybox, netcat-openbsd and netcat-traditional
/// all read alike. Each keeps reading the answer after its stdin ends (busybox half-closes
/// the connection then), and exits when the server closes; `-q` (not in busybox) is not used.
fn nc(seconds: &str, address: IpAddr, port: u16) -> Vec<String> {
    vec![
        "nc".into(),
        "-w".into(),
        seconds.to_owned(),
        address.to_string(),
        port.to_string(),
    ]
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
    if let Probe::Http { .. } = probe
        && let Some(code) = super::tcp::status(output.stdout.as_bytes())
    {
        // The answer's own status, never followed (a 3xx is that service's answer), whatever
        // the exit: `timeout` ends an `nc` whose server keeps the connection open.
        return Outcome::HttpStatus(code);
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
        Probe::Http { .. } => match connect_outcome(output.status, &text) {
            Some(Outcome::Answered) => Outcome::Error(NO_STATUS_LINE.to_owned()),
            Some(outcome) => outcome,
            None => failure(&text),
        },
    }
}

fn missing_tool(probe: &Probe, output: &ExecOutput, text: &str) -> Option<&'static str> {
    let tool = match probe {
        Probe::Dns { .. } => "nslookup",
        Probe::Icmp { .. } => "ping",
        Probe::Tcp { .. } | Probe::Http { .. } => "nc",
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

    fn http(path: &str) -> Probe {
        Probe::Http {
            address: "10.214.1.3".parse().unwrap(),
            port: 8080,
            path: path.to_owned(),
            host: "hub".to_owned(),
        }
    }

    #[test]
    fn commands_are_bounded_by_timeout_in_whole_seconds() {
        let command = command_for(&tcp(), Duration::from_millis(300)).unwrap();
        assert_eq!(
            command.argv,
            ["timeout", "1", "nc", "-w", "1", "10.214.1.3", "8000"]
        );
        assert_eq!(command.stdin, None);
        assert_eq!(
            command_for(&http("/health"), Duration::from_millis(1500))
                .unwrap()
                .argv[..2],
            ["timeout", "2"]
        );
    }

    #[test]
    fn an_http_check_is_nc_with_the_get_on_its_stdin() {
        let command = command_for(&http("/health"), Duration::from_secs(1)).unwrap();
        assert_eq!(
            command.argv,
            ["timeout", "1", "nc", "-w", "1", "10.214.1.3", "8080"]
        );
        assert_eq!(
            String::from_utf8(command.stdin.unwrap()).unwrap(),
            "GET /health HTTP/1.0\r\nHost: hub\r\nUser-Agent: netctl\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn a_path_that_could_break_the_request_is_refused_without_an_exec() {
        assert!(command_for(&http("/health\r\nHost: elsewhere"), Duration::from_secs(1)).is_err());
        struct Never;
        impl Executor for Never {
            fn exec(
                &self,
                _: &str,
                _: &[String],
                _: Option<&[u8]>,
            ) -> Result<ExecOutput, SourceFailure> {
                panic!("no exec may run for a refused request")
            }
        }
        let options = Options {
            count: 2,
            ..Options::default()
        };
        let attempts = Exec { executor: Never }
            .tries("c", &http("/a b"), &options)
            .unwrap();
        assert_eq!(attempts.len(), 2);
        assert!(
            attempts.iter().all(|a| matches!(&a.outcome,
                Outcome::Error(text) if text.contains("path \"/a b\" holds a space"))),
            "{attempts:?}"
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
    fn the_answers_status_line_gives_the_http_status() {
        let http = http("/health");
        let ok = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n";
        assert_eq!(
            outcome_of(&http, &output(0, ok, "")),
            Outcome::HttpStatus(200)
        );
        let missing = "HTTP/1.1 404 Not Found\r\n\r\n";
        assert_eq!(
            outcome_of(&http, &output(0, missing, "")),
            Outcome::HttpStatus(404)
        );
        let refused = "nc: can't connect to remote host (10.214.1.3): Connection refused\n";
        assert_eq!(outcome_of(&http, &output(1, "", refused)), Outcome::Refused);
    }

    #[test]
    fn a_redirect_is_the_services_answer_and_its_location_is_not_followed() {
        let moved = "HTTP/1.0 301 Moved Permanently\r\nLocation: http://10.9.9.9/health\r\n\r\n";
        assert_eq!(
            outcome_of(&http("/health"), &output(0, moved, "")),
            Outcome::HttpStatus(301)
        );
    }

    #[test]
    fn a_status_line_counts_even_when_timeout_ended_nc() {
        let lingering = "HTTP/1.1 302 Found\r\nLocation: /login\r\n\r\n";
        assert_eq!(
            outcome_of(&http("/health"), &output(124, lingering, "")),
            Outcome::HttpStatus(302)
        );
        assert_eq!(
            outcome_of(&http("/health"), &output(124, "", "")),
            Outcome::TimedOut
        );
    }

    #[test]
    fn a_connection_without_a_status_line_is_no_answer_and_missing_nc_is_said() {
        assert_eq!(
            outcome_of(&http("/health"), &output(0, "SSH-2.0-OpenSSH_9.2\r\n", "")),
            Outcome::Error(NO_STATUS_LINE.to_owned())
        );
        assert_eq!(
            outcome_of(&http("/health"), &output(0, "", "")),
            Outcome::Error(NO_STATUS_LINE.to_owned())
        );
        let missing = "timeout: can't execute 'nc': No such file or directory";
        let outcome = outcome_of(&http("/health"), &output(127, "", missing));
        assert!(
            matches!(&outcome, Outcome::Error(text) if text.contains("no `nc`")),
            "{outcome:?}"
        );
    }
}
