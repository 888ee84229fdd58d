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
/// must never reach the target. A probe that could not run proves nothing either way: its
/// check is `unknown`, not failed.
pub fn judge(check: &Check, pair: &Pair, tries: &[(&Probe, &[Attempt])]) -> Verdict {
    let mut latencies = Vec::new();
    for &(probe, attempts) in tries {
        for attempt in attempts {
            let failure = match check.expected {
                Expected::Reachable => reachable_failure(check, pair, probe, &attempt.outcome),
                Expected::Isolated => isolation_failure(pair, probe, &attempt.outcome),
            };
            if let Some(explanation) = failure {
                return match attempt.outcome {
                    Outcome::Error(_) | Outcome::LocalError(_) => Verdict::unknown(explanation),
                    _ => Verdict::failed(explanation),
                };
            }
            latencies.push(attempt.elapsed);
        }
    }
    match check.expected {
        Expected::Reachable => Verdict::passed(latencies),
        Expected::Isolated => Verdict::passed(Vec::new()),
    }
}

/// "agent and hub-db share no network (agent: web, shared; hub-db: hub-internal)", naming the
/// topology's networks; a network the topology does not name that they do share is said too,
/// because it is not a path the topology promises.
pub fn share_no_network(from: &Target, to: &Target) -> String {
    let networks = |target: &Target| match target.network_keys().as_slice() {
        [] => "no network".to_owned(),
        keys => keys.join(", "),
    };
    let foreign: Vec<&str> = from
        .shared_with(to)
        .filter(|e| !from.declares(e))
        .map(|e| from.label(e))
        .collect();
    let also = if foreign.is_empty() {
        String::new()
    } else {
        format!(
            "; they are both on {}, which the topology does not give them",
            foreign.join(", ")
        )
    };
    format!(
        "{} and {} share no network ({}: {}; {}: {}){also}",
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
        (_, Outcome::LocalError(resource)) => Some(format!(
            "the {} probe could not run: netctl ran out of {resource}",
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
            let own = |a: &IpAddr| pair.to.owns(*a) || pair.to.siblings.contains(a);
            if let Some(foreign) = addresses.iter().find(|a| !own(a)) {
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
    match (probe, outcome) {
        (Probe::Dns { name }, Outcome::Resolved(addresses)) => {
            let own: Vec<IpAddr> = addresses
                .iter()
                .copied()
                .filter(|a| pair.to.owns(*a) && !named_without_a_path(pair, *a))
                .collect();
            let first = *own.first()?;
            Some(format!(
                "{from} resolves {name} to {to}{}",
                through(pair, first)
            ))
        }
        (_, Outcome::Error(error)) => Some(format!(
            "the probe could not run, so isolation is unproven: {error}"
        )),
        (_, Outcome::LocalError(resource)) => Some(format!(
            "the probe could not run (netctl ran out of {resource}), so isolation is unproven"
        )),
        (_, Outcome::NxDomain | Outcome::DnsCode(_) | Outcome::Resolved(_)) => None,
        // Without a resolver in the namespace, no name resolves at all.
        (Probe::Dns { .. }, Outcome::Refused) => None,
        (_, Outcome::TimedOut | Outcome::Unreachable) => None,
        (Probe::Icmp { address }, Outcome::Answered) => Some(format!(
            "{from} reaches {to} by ping{}",
            through(pair, *address)
        )),
        (Probe::Tcp { address, port } | Probe::Http { address, port, .. }, Outcome::Refused) => {
            Some(format!(
                "{from} reaches {to}{}: port {port} answered with a reset, so packets get there",
                through(pair, *address)
            ))
        }
        (Probe::Tcp { address, port } | Probe::Http { address, port, .. }, _) => Some(format!(
            "{from} connected to {to}:{port}{}",
            through(pair, *address)
        )),
        (probe, other) => Some(format!(
            "{from} reached {to} ({other:?}){}",
            address_of(probe)
                .map(|a| through(pair, a))
                .unwrap_or_default()
        )),
    }
}

/// A shared network that forbids traffic between its containers gives the name away, not a
/// path: the ICMP and TCP checks decide whether packets get through.
fn named_without_a_path(pair: &Pair, address: IpAddr) -> bool {
    pair.to.endpoint_of(address).is_some_and(|endpoint| {
        pair.to.isolates_peers(endpoint)
            && pair
                .from
                .shared_with(pair.to)
                .any(|shared| shared.network_id == endpoint.network_id)
    })
}

/// " through `bridge` (172.17.0.12), a network the topology does not give them": which of the
/// target's networks the address is on, and why that breaks what the topology says.
fn through(pair: &Pair, address: IpAddr) -> String {
    let Some(endpoint) = pair.to.endpoint_of(address) else {
        return format!(" at {address}");
    };
    let network = pair.to.label(endpoint);
    let source_on_it = pair
        .from
        .shared_with(pair.to)
        .any(|shared| shared.network_id == endpoint.network_id);
    match (source_on_it, pair.to.declares(endpoint)) {
        (true, false) => {
            format!(" through `{network}` ({address}), a network the topology does not give them")
        }
        (true, true) => format!(
            " through `{network}` ({address}): they share it now, which the topology does not say"
        ),
        (false, _) => format!(
            " at {address} on `{network}`, a network {} is not on: traffic crosses networks \
             (routing or firewall rules let it through)",
            pair.from.service
        ),
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
    use crate::probe::target::fixture::{join, target};

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
        judge(check, &pair, &[(&probe, attempt(outcome).as_slice())])
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
            "agent resolves hub-api to hub-backend through `shared` (10.0.1.3): they share it now, which the topology does not say"
        );
        let (check, probe) = tcp(Expected::Isolated);
        assert!(
            explanation(verdict(&check, probe, Outcome::Refused))
                .contains("port 8000 answered with a reset")
        );
    }

    #[test]
    fn isolation_broken_through_a_network_the_topology_lacks_names_it_and_the_address() {
        let mut agent = target("agent", &[("shared", "10.0.1.2")]);
        let mut db = target("hub-db", &[("hub-internal", "10.0.2.9")]);
        join(&mut agent, "bridge", "172.17.0.11", false);
        join(&mut db, "bridge", "172.17.0.12", false);
        let pair = Pair {
            from: &agent,
            to: &db,
            timeout: Duration::from_millis(300),
        };
        let check = Check::new(
            "agent",
            "hub-db",
            CheckKind::Tcp { port: 5432 },
            Expected::Isolated,
        );
        let bridge = "172.17.0.12".parse().unwrap();
        let probe = Probe::Tcp {
            address: bridge,
            port: 5432,
        };
        let verdict = judge(
            &check,
            &pair,
            &[(&probe, attempt(Outcome::Answered).as_slice())],
        );
        assert_eq!(
            explanation(verdict),
            "agent connected to hub-db:5432 through `bridge` (172.17.0.12), a network the topology does not give them"
        );
        let ping = judge(
            &Check::new("agent", "hub-db", CheckKind::Icmp, Expected::Isolated),
            &pair,
            &[(
                &Probe::Icmp { address: bridge },
                attempt(Outcome::Answered).as_slice(),
            )],
        );
        assert_eq!(
            explanation(ping),
            "agent reaches hub-db by ping through `bridge` (172.17.0.12), a network the topology does not give them"
        );
        assert_eq!(
            share_no_network(&agent, &db),
            "agent and hub-db share no network (agent: shared; hub-db: hub-internal); they are both on bridge, which the topology does not give them"
        );
    }

    #[test]
    fn a_name_visible_on_a_network_without_peer_traffic_does_not_break_isolation() {
        let mut agent = target("agent", &[("shared", "10.0.1.2")]);
        let mut db = target("hub-db", &[("hub-internal", "10.0.2.9")]);
        join(&mut agent, "no-icc", "10.9.0.2", false);
        join(&mut db, "no-icc", "10.9.0.3", false);
        agent.quiet.insert("id-no-icc".to_owned());
        db.quiet.insert("id-no-icc".to_owned());
        let pair = Pair {
            from: &agent,
            to: &db,
            timeout: Duration::from_millis(300),
        };
        let name = "c-hub-db".to_owned();
        let check = Check::new(
            "agent",
            "hub-db",
            CheckKind::Dns { name: name.clone() },
            Expected::Isolated,
        );
        let answer = Outcome::Resolved(vec!["10.9.0.3".parse().unwrap()]);
        let verdict = judge(
            &check,
            &pair,
            &[(&Probe::Dns { name }, attempt(answer).as_slice())],
        );
        assert_eq!(verdict.explanation, None);
    }

    #[test]
    fn an_address_reached_on_a_network_the_source_is_not_on_says_traffic_crosses() {
        let agent = target("agent", &[("shared", "10.0.1.2")]);
        let db = target("hub-db", &[("hub-internal", "10.0.2.9")]);
        let pair = Pair {
            from: &agent,
            to: &db,
            timeout: Duration::from_millis(300),
        };
        let probe = Probe::Icmp {
            address: "10.0.2.9".parse().unwrap(),
        };
        let verdict = judge(
            &Check::new("agent", "hub-db", CheckKind::Icmp, Expected::Isolated),
            &pair,
            &[(&probe, attempt(Outcome::Answered).as_slice())],
        );
        assert!(
            explanation(verdict)
                .contains("at 10.0.2.9 on `hub-internal`, a network agent is not on"),
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
