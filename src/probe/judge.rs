//! Turns what the network said into a verdict on a check, with an explanation a person can act
//! on. Pure: the same outcomes always give the same words.

use super::attempt::{Attempt, Outcome, Probe};
use super::check::{Check, Expected};
use super::results::Verdict;
use super::target::Target;
use std::net::IpAddr;
use std::time::Duration;

/// The two sides of a check as they run now, and the timeout the tries had.
pub struct Pair<'a> {
    pub from: &'a Target,
    pub to: &'a Target,
    pub timeout: Duration,
}

/// Every try of every probe must hold: reachable checks must all get through, isolation checks
/// must never reach the target. A probe that could not run proves nothing either way.
pub fn judge(check: &Check, pair: &Pair, tries: &[(Probe, Vec<Attempt>)]) -> Verdict {
    let mut latencies = Vec::new();
    for (probe, attempts) in tries {
        for attempt in attempts {
            let failure = match check.expected {
                Expected::Reachable => reachable_failure(check, pair, probe, &attempt.outcome),
                Expected::Isolated => isolation_failure(pair, probe, &attempt.outcome),
            };
            if let Some(explanation) = failure {
                return Verdict::failed(explanation);
            }
            latencies.push(attempt.elapsed);
        }
    }
    match check.expected {
        Expected::Reachable => Verdict::passed(latencies),
        Expected::Isolated => Verdict::passed(Vec::new()),
    }
}

/// "agent and hub-db share no network (agent: web, shared; hub-db: hub-internal)".
pub fn share_no_network(from: &Target, to: &Target) -> String {
    let networks = |target: &Target| match target.network_keys().as_slice() {
        [] => "no network".to_owned(),
        keys => keys.join(", "),
    };
    format!(
        "{} and {} share no network ({}: {}; {}: {})",
        from.service,
        to.service,
        from.service,
        networks(from),
        to.service,
        networks(to)
    )
}

fn reachable_failure(
    check: &Check,
    pair: &Pair,
    probe: &Probe,
    outcome: &Outcome,
) -> Option<String> {
    let (from, to) = (&pair.from.service, &pair.to.service);
    let millis = pair.timeout.as_millis();
    match (probe, outcome) {
        (Probe::Dns { name }, outcome) => dns_failure(pair, name, outcome),
        (Probe::Icmp { .. } | Probe::Tcp { .. }, Outcome::Answered) => None,
        (Probe::Http { .. }, Outcome::HttpStatus(200..=399)) => None,
        (Probe::Http { port, path, .. }, Outcome::HttpStatus(code)) => Some(format!(
            "GET http://{to}:{port}{path} answered {code}, not a success (2xx or 3xx)"
        )),
        (_, Outcome::Refused) => Some(format!(
            "nothing listens on {to}:{}",
            check.kind.port().unwrap_or_default()
        )),
        (Probe::Icmp { address }, Outcome::TimedOut) => Some(format!(
            "{to} ({address}) did not answer ping from {from} within {millis} ms"
        )),
        (Probe::Tcp { address, port } | Probe::Http { address, port, .. }, Outcome::TimedOut) => {
            Some(format!(
                "{to}:{port} ({address}) did not accept a connection from {from} within {millis} ms"
            ))
        }
        (_, Outcome::Unreachable) => Some(format!(
            "no route from {from} to {to} ({})",
            address_of(probe).map(|a| a.to_string()).unwrap_or_default()
        )),
        (_, Outcome::Error(error)) => Some(format!(
            "the {} probe could not run: {error}",
            check.kind.word()
        )),
        (_, other) => Some(format!("unexpected answer {other:?}")),
    }
}

fn dns_failure(pair: &Pair, name: &str, outcome: &Outcome) -> Option<String> {
    let from = &pair.from.service;
    let to = &pair.to.service;
    match outcome {
        Outcome::Resolved(addresses) if addresses.is_empty() => {
            Some(format!("{name} resolved to no address from {from}"))
        }
        Outcome::Resolved(addresses) => {
            if let Some(foreign) = addresses.iter().find(|a| !pair.to.owns(**a)) {
                return Some(format!(
                    "name {name} resolved to {foreign}, which is not {to}'s"
                ));
            }
            let reachable = pair.to.addresses_seen_from(pair.from);
            (!addresses.iter().any(|a| reachable.contains(a))).then(|| {
                format!("name {name} resolved to {}, an address of {to} on no network it shares with {from}", list(addresses))
            })
        }
        Outcome::NxDomain => Some(format!("{name} does not resolve from {from} (NXDOMAIN)")),
        Outcome::DnsCode(code) => Some(format!(
            "the resolver of {from} answered {name} with {}",
            rcode(*code)
        )),
        Outcome::TimedOut => Some(format!(
            "no DNS answer for {name} from {from} within {} ms",
            pair.timeout.as_millis()
        )),
        Outcome::Refused => Some(format!(
            "no DNS server answers in {from} (127.0.0.11 refused): is it on a user-defined network?"
        )),
        Outcome::Error(error) => Some(format!("the dns probe could not run: {error}")),
        other => Some(format!("unexpected DNS outcome {other:?}")),
    }
}

fn isolation_failure(pair: &Pair, probe: &Probe, outcome: &Outcome) -> Option<String> {
    let (from, to) = (&pair.from.service, &pair.to.service);
    let why = shared_now(pair);
    match (probe, outcome) {
        (Probe::Dns { name }, Outcome::Resolved(addresses)) => {
            let own: Vec<IpAddr> = addresses
                .iter()
                .copied()
                .filter(|a| pair.to.owns(*a))
                .collect();
            (!own.is_empty()).then(|| {
                format!(
                    "{name} resolved from {from} to {}, which is {to}'s{why}",
                    list(&own)
                )
            })
        }
        (_, Outcome::Error(error)) => Some(format!(
            "the probe could not run, so isolation is unproven: {error}"
        )),
        (_, Outcome::NxDomain | Outcome::DnsCode(_) | Outcome::Resolved(_)) => None,
        // Without a resolver in the namespace, no name resolves at all.
        (Probe::Dns { .. }, Outcome::Refused) => None,
        (_, Outcome::TimedOut | Outcome::Unreachable) => None,
        (Probe::Icmp { address }, Outcome::Answered) => {
            Some(format!("{to} ({address}) answered ping from {from}{why}"))
        }
        (Probe::Tcp { address, port } | Probe::Http { address, port, .. }, Outcome::Refused) => {
            Some(format!(
                "{to} ({address}) answered port {port} with a reset: packets from {from} reach it{why}"
            ))
        }
        (Probe::Tcp { address, port } | Probe::Http { address, port, .. }, _) => {
            Some(format!("{from} connected to {to}:{port} ({address}){why}"))
        }
        (_, other) => Some(format!("{from} reached {to} ({other:?}){why}")),
    }
}

/// Why an isolated pair may connect: the networks they share now, against the file.
fn shared_now(pair: &Pair) -> String {
    let shared: Vec<&str> = pair
        .from
        .shared_with(pair.to)
        .map(|e| e.network.as_str())
        .collect();
    if shared.is_empty() {
        String::new()
    } else {
        format!(
            " (they share {} now, which the topology does not say)",
            shared.join(", ")
        )
    }
}

fn address_of(probe: &Probe) -> Option<IpAddr> {
    match probe {
        Probe::Dns { .. } => None,
        Probe::Icmp { address } | Probe::Tcp { address, .. } | Probe::Http { address, .. } => {
            Some(*address)
        }
    }
}

fn list(addresses: &[IpAddr]) -> String {
    addresses
        .iter()
        .map(IpAddr::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn rcode(code: u8) -> String {
    match code {
        1 => "FORMERR".to_owned(),
        2 => "SERVFAIL".to_owned(),
        4 => "NOTIMP".to_owned(),
        5 => "REFUSED".to_owned(),
        other => format!("response code {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::check::CheckKind;
    use crate::probe::target::fixture::target;

    fn attempt(outcome: Outcome) -> Vec<Attempt> {
        vec![Attempt {
            outcome,
            elapsed: Duration::from_millis(2),
        }]
    }

    fn verdict(check: &Check, probe: Probe, outcome: Outcome) -> Verdict {
        let agent = target("agent", &[("web", "10.0.0.2"), ("shared", "10.0.1.2")]);
        let backend = target(
            "hub-backend",
            &[("shared", "10.0.1.3"), ("hub", "10.0.2.3")],
        );
        let pair = Pair {
            from: &agent,
            to: &backend,
            timeout: Duration::from_millis(300),
        };
        judge(check, &pair, &[(probe, attempt(outcome))])
    }

    fn tcp(expected: Expected) -> (Check, Probe) {
        (
            Check::new(
                "agent",
                "hub-backend",
                CheckKind::Tcp { port: 8000 },
                expected,
            ),
            Probe::Tcp {
                address: "10.0.1.3".parse().unwrap(),
                port: 8000,
            },
        )
    }

    fn dns(expected: Expected) -> (Check, Probe) {
        let name = "hub-api".to_owned();
        (
            Check::new(
                "agent",
                "hub-backend",
                CheckKind::Dns { name: name.clone() },
                expected,
            ),
            Probe::Dns { name },
        )
    }

    fn explanation(verdict: Verdict) -> String {
        verdict.explanation.unwrap_or_default()
    }

    #[test]
    fn a_reset_means_nothing_listens() {
        let (check, probe) = tcp(Expected::Reachable);
        assert_eq!(
            explanation(verdict(&check, probe, Outcome::Refused)),
            "nothing listens on hub-backend:8000"
        );
    }

    #[test]
    fn a_handshake_passes_with_its_latency() {
        let (check, probe) = tcp(Expected::Reachable);
        let passed = verdict(&check, probe, Outcome::Answered);
        assert_eq!(passed.explanation, None);
        assert_eq!(passed.latencies, [Duration::from_millis(2)]);
    }

    #[test]
    fn a_name_resolving_to_someone_else_is_named() {
        let (check, probe) = dns(Expected::Reachable);
        let outcome = Outcome::Resolved(vec!["93.184.216.34".parse().unwrap()]);
        assert_eq!(
            explanation(verdict(&check, probe, outcome)),
            "name hub-api resolved to 93.184.216.34, which is not hub-backend's"
        );
    }

    #[test]
    fn a_name_resolving_to_the_target_on_a_shared_network_passes() {
        let (check, probe) = dns(Expected::Reachable);
        let outcome = Outcome::Resolved(vec!["10.0.1.3".parse().unwrap()]);
        assert_eq!(verdict(&check, probe, outcome).explanation, None);
    }

    #[test]
    fn isolation_holds_on_nxdomain_silence_no_route_and_foreign_answers() {
        let (check, probe) = dns(Expected::Isolated);
        for outcome in [
            Outcome::NxDomain,
            Outcome::TimedOut,
            Outcome::Resolved(Vec::new()),
            Outcome::Resolved(vec!["93.184.216.34".parse().unwrap()]),
        ] {
            assert_eq!(verdict(&check, probe.clone(), outcome).explanation, None);
        }
        let (check, probe) = dns(Expected::Isolated);
        assert_eq!(verdict(&check, probe, Outcome::Refused).explanation, None);
        let (check, probe) = tcp(Expected::Isolated);
        assert_eq!(
            verdict(&check, probe, Outcome::Unreachable).explanation,
            None
        );
    }

    #[test]
    fn isolation_breaks_when_the_target_answers_even_with_a_reset() {
        let (check, probe) = dns(Expected::Isolated);
        let outcome = Outcome::Resolved(vec!["10.0.1.3".parse().unwrap()]);
        assert_eq!(
            explanation(verdict(&check, probe, outcome)),
            "hub-api resolved from agent to 10.0.1.3, which is hub-backend's (they share shared now, which the topology does not say)"
        );
        let (check, probe) = tcp(Expected::Isolated);
        assert!(
            explanation(verdict(&check, probe, Outcome::Refused))
                .contains("answered port 8000 with a reset")
        );
    }

    #[test]
    fn a_probe_that_could_not_run_proves_no_isolation() {
        let (check, probe) = tcp(Expected::Isolated);
        let failed = verdict(
            &check,
            probe,
            Outcome::Error("Operation not permitted".to_owned()),
        );
        assert!(explanation(failed).contains("isolation is unproven"));
    }

    #[test]
    fn sharing_no_network_lists_both_sides_networks() {
        let agent = target("agent", &[("web", "10.0.0.2"), ("shared", "10.0.1.2")]);
        let db = target("hub-db", &[("hub-internal", "10.0.2.9")]);
        assert_eq!(
            share_no_network(&agent, &db),
            "agent and hub-db share no network (agent: web, shared; hub-db: hub-internal)"
        );
    }
}
