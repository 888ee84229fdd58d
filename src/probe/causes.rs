//! Failures grouped by root cause: one broken membership fails every check of every pair that
//! needed it, and a person needs the membership named once, with the pairs it costs and the
//! command that fixes it, not dozens of failed rows. Pure: the report, the topology and the
//! targets as probed in, the causes out, worst first.

use super::results::{CheckResult, Report, Status};
use super::target::Target;
use crate::topology::Topology;
use std::collections::BTreeMap;

/// One reason checks did not pass, and everything it explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The worst status among the checks it explains (failed before unknown before skipped).
    pub status: Status,
    /// What is wrong: "hub-backend is not on `shared`".
    pub what: String,
    /// Who it costs: "3 services expect to reach it".
    pub reach: String,
    /// What to do: "`netctl apply` reconnects it".
    pub fix: String,
    /// The ordered pairs it affects, in report order.
    pub pairs: Vec<(String, String)>,
    /// How many checks it explains.
    pub checks: usize,
}

/// What a check's failure comes down to; checks with the same key share one cause.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// The topology puts the service on the network; the container is not on it.
    Missing { service: String, network: String },
    /// The container is on a network the topology does not give it, joining it to services it
    /// must stay apart from.
    Extra { service: String, network: String },
    /// Both are on a network the topology does not declare at all (`bridge`, one by hand).
    Foreign { network: String },
    /// The service's container does not run (or does not exist).
    Down { service: String },
    /// The target runs in another namespace: nothing to aim at.
    Unprovable { service: String },
    /// A pair expected to connect that the topology puts on no common network.
    Apart { from: String, to: String },
    /// Anything else: the same kind of check toward the same service, as first explained.
    Check {
        status: Status,
        to: String,
        label: String,
    },
}

/// The causes of every listed check that did not pass, worst first, then by how many pairs
/// each costs; services that publish what they must not are causes too.
pub fn group(report: &Report, topology: &Topology, targets: &[Target]) -> Vec<Cause> {
    let find = |service: &str| targets.iter().find(|t| t.service == service);
    let mut grouped: BTreeMap<Key, Cause> = BTreeMap::new();
    for check in report.checks.iter().filter(|c| c.status != Status::Passed) {
        let (from, to) = (find(&check.from), find(&check.to));
        let key = key(check, topology, from, to);
        let cause = grouped
            .entry(key.clone())
            .or_insert_with(|| describe(&key, check, topology, targets));
        cause.checks += 1;
        if severity(check.status) < severity(cause.status) {
            cause.status = check.status;
        }
        let pair = (check.from.clone(), check.to.clone());
        if !cause.pairs.contains(&pair) {
            cause.pairs.push(pair);
        }
    }
    let mut causes: Vec<Cause> = grouped
        .into_iter()
        .map(|(key, cause)| with_reach(&key, cause))
        .collect();
    causes.extend(report.exposed().map(|exposure| Cause {
        status: Status::Failed,
        what: exposure.detail.clone(),
        reach: "reachable from outside the host".to_owned(),
        fix: format!(
            "publish on 127.0.0.1 only, or tag {} `public` if it is an entry point",
            exposure.service
        ),
        pairs: Vec::new(),
        checks: 1,
    }));
    causes.sort_by_key(|c| (severity(c.status), std::cmp::Reverse(c.pairs.len())));
    causes
}

/// Worst first: a failure, then a check that could not be judged, then one not run. Not
/// [`Status`]'s own order, which follows its declaration (skipped before unknown).
fn severity(status: Status) -> u8 {
    match status {
        Status::Failed => 0,
        Status::Unknown => 1,
        Status::Skipped => 2,
        Status::Passed => 3,
    }
}

fn key(
    check: &CheckResult,
    topology: &Topology,
    from: Option<&Target>,
    to: Option<&Target>,
) -> Key {
    let fallback = || Key::Check {
        status: check.status,
        to: check.to.clone(),
        label: check.label(),
    };
    let (Some(from), Some(to)) = (from, to) else {
        let down = if from.is_none() {
            &check.from
        } else {
            &check.to
        };
        return Key::Down {
            service: down.clone(),
        };
    };
    match check.status {
        Status::Skipped => down(from, to).unwrap_or_else(fallback),
        Status::Unknown if to.container.network_mode.shared_namespace().is_some() => {
            Key::Unprovable {
                service: to.service.clone(),
            }
        }
        Status::Failed if check.expected == super::Expected::Reachable => {
            missing(topology, from, to)
                .or_else(|| apart(topology, from, to))
                .unwrap_or_else(fallback)
        }
        Status::Failed => leak(topology, from, to).unwrap_or_else(fallback),
        Status::Unknown | Status::Passed => fallback(),
    }
}

fn down(from: &Target, to: &Target) -> Option<Key> {
    [from, to]
        .into_iter()
        .find(|t| !t.is_running())
        .map(|t| Key::Down {
            service: t.service.clone(),
        })
}

/// A network the topology puts both on that one of them is not on now.
fn missing(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let declared = |service: &str| topology.service(service).map(|s| &s.networks);
    let (from_networks, to_networks) = (declared(&from.service)?, declared(&to.service)?);
    let shared = from_networks
        .iter()
        .filter(|m| to_networks.iter().any(|n| n.network == m.network));
    for membership in shared {
        for side in [to, from] {
            if !side.network_keys().contains(&membership.network.as_str()) {
                return Some(Key::Missing {
                    service: side.service.clone(),
                    network: membership.network.clone(),
                });
            }
        }
    }
    None
}

/// Both declared, on no network in common: the expectation (an `expect` entry, `--expect
/// reachable`) asks what the file does not give.
fn apart(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let (from_service, to_service) = (
        topology.service(&from.service)?,
        topology.service(&to.service)?,
    );
    let common = from_service
        .networks
        .iter()
        .any(|m| to_service.is_member_of(&m.network));
    // One cause for both directions of the pair.
    let (first, second) = if from.service <= to.service {
        (from, to)
    } else {
        (to, from)
    };
    (!common).then(|| Key::Apart {
        from: first.service.clone(),
        to: second.service.clone(),
    })
}

/// A network both are on now that the topology does not give to one of them (or that the
/// topology does not declare at all).
fn leak(topology: &Topology, from: &Target, to: &Target) -> Option<Key> {
    let given = |target: &Target, network: &str| {
        topology
            .service(&target.service)
            .is_some_and(|s| s.is_member_of(network))
    };
    from.shared_with(to).find_map(|endpoint| {
        if !from.declares(endpoint) {
            return Some(Key::Foreign {
                network: endpoint.network_name.clone(),
            });
        }
        let network = from.label(endpoint);
        let extra = |target: &Target| Key::Extra {
            service: target.service.clone(),
            network: network.to_owned(),
        };
        match (given(from, network), given(to, network)) {
            (true, true) => None,
            (true, false) | (false, false) => Some(extra(to)),
            (false, true) => Some(extra(from)),
        }
    })
}

fn container_of<'a>(targets: &'a [Target], service: &str) -> Option<&'a str> {
    targets
        .iter()
        .find(|t| t.service == service)
        .map(|t| t.container.name.as_str())
}

/// The words of a cause; `reach` is filled once its pairs are known.
fn describe(key: &Key, first: &CheckResult, topology: &Topology, targets: &[Target]) -> Cause {
    let (what, fix) = match key {
        Key::Missing { service, network } => (
            format!("{service} is not on `{network}`"),
            "`netctl apply` reconnects it".to_owned(),
        ),
        Key::Extra { service, network } => (
            format!("{service} is on `{network}`, which the topology does not give it"),
            format!(
                "`netctl apply --prune` disconnects it (by hand: `docker network disconnect {network} {}`)",
                container_of(targets, service).unwrap_or(service)
            ),
        ),
        Key::Foreign { network } => (
            format!("`{network}` joins services the topology keeps apart"),
            format!(
                "`netctl apply --prune` disconnects them from `{network}` (or `docker network disconnect`)"
            ),
        ),
        Key::Down { service } => {
            let container = topology
                .service(service)
                .map_or(service.as_str(), |s| s.container.as_str());
            match container_of(targets, service) {
                Some(name) => (
                    format!("{service} does not run"),
                    format!("start it (`docker start {name}`), then verify again"),
                ),
                None => (
                    format!("{service} has no container (`{container}`)"),
                    "start the service, then verify again".to_owned(),
                ),
            }
        }
        Key::Unprovable { service } => (
            format!("{service} has no network namespace of its own"),
            "give it networks of its own, or leave it out of the topology's pairs".to_owned(),
        ),
        Key::Apart { from, to } => (
            format!(
                "{from} ({}) and {to} ({}) share no network in the topology",
                declared_networks(topology, from),
                declared_networks(topology, to)
            ),
            "put them on a common network, or expect them isolated".to_owned(),
        ),
        Key::Check { to, label, .. } => (
            format!("{label} to {to}: {}", first.detail),
            fix_for(&first.detail).to_owned(),
        ),
    };
    Cause {
        status: first.status,
        what,
        reach: String::new(),
        fix,
        pairs: Vec::new(),
        checks: 0,
    }
}

/// What to do about a failure netctl knows only by its detail; nothing when it cannot say.
fn fix_for(detail: &str) -> &'static str {
    if detail.starts_with("nothing listens on") {
        "start what should listen there, or correct the service's `ports` in the topology"
    } else if detail.contains("did not answer") || detail.contains("did not accept") {
        "look for a firewall rule or a hung process in the target"
    } else if detail.contains("does not resolve") {
        "check the name and its aliases in the topology, then `netctl apply`"
    } else {
        ""
    }
}

/// "web, shared", or "no network".
fn declared_networks(topology: &Topology, service: &str) -> String {
    let keys: Vec<&str> = topology
        .service(service)
        .map(|s| s.networks.iter().map(|m| m.network.as_str()).collect())
        .unwrap_or_default();
    if keys.is_empty() {
        "no network".to_owned()
    } else {
        keys.join(", ")
    }
}

/// "2 pairs expected to reach across it", "12 checks skipped".
fn with_reach(key: &Key, mut cause: Cause) -> Cause {
    let pairs = plural(cause.pairs.len(), "pair");
    let checks = plural(cause.checks, "check");
    let verb = |count: usize, singular: &'static str, plural: &'static str| {
        if count == 1 { singular } else { plural }
    };
    cause.reach = match key {
        Key::Missing { service, .. } => {
            let mut partners: Vec<&str> = cause
                .pairs
                .iter()
                .flat_map(|(from, to)| [from.as_str(), to.as_str()])
                .filter(|name| name != service)
                .collect();
            partners.sort_unstable();
            partners.dedup();
            format!(
                "{} {} to reach it",
                plural(partners.len(), "service"),
                verb(partners.len(), "expects", "expect")
            )
        }
        Key::Extra { .. } | Key::Foreign { .. } => format!(
            "{pairs} that must stay apart {}",
            verb(cause.pairs.len(), "connects", "connect")
        ),
        Key::Down { .. } => format!("{checks} skipped"),
        Key::Unprovable { .. } => format!("{checks} not judged"),
        Key::Apart { .. } | Key::Check { .. } => format!("{checks}, {pairs}"),
    };
    cause
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::NetworkMode;
    use crate::probe::exposure::Exposure;
    use crate::probe::results::Verdict;
    use crate::probe::target::fixture::{join, target};
    use crate::probe::{Check, CheckKind, Expected};
    use crate::topology::load_str;
    use std::time::Duration;

    /// `web` sits on `front`, `db` and `cache` on `back`, `api` on both.
    const YAML: &str = "\
version: 1
project: p
networks:
  front: {}
  back: {}
services:
  web: {networks: [front]}
  api: {networks: [front, back]}
  db: {container: p-db, networks: [back]}
  cache: {networks: [back]}
";

    fn topology() -> Topology {
        load_str(YAML, "t.yaml").unwrap()
    }

    /// Every service running on exactly the networks the topology gives it.
    fn as_declared() -> Vec<Target> {
        vec![
            target("web", &[("front", "10.0.0.2")]),
            target("api", &[("front", "10.0.0.3"), ("back", "10.0.1.3")]),
            target("db", &[("back", "10.0.1.4")]),
            target("cache", &[("back", "10.0.1.5")]),
        ]
    }

    /// The same, with some services' live targets replaced.
    fn with(replaced: &[Target]) -> Vec<Target> {
        as_declared()
            .into_iter()
            .map(|t| {
                replaced
                    .iter()
                    .find(|r| r.service == t.service)
                    .cloned()
                    .unwrap_or(t)
            })
            .collect()
    }

    fn check(
        from: &str,
        to: &str,
        kind: CheckKind,
        expected: Expected,
        verdict: Verdict,
    ) -> CheckResult {
        CheckResult::new(&Check::new(from, to, kind, expected), verdict)
    }

    fn tcp(port: u16) -> CheckKind {
        CheckKind::Tcp { port }
    }

    fn failed(from: &str, to: &str, kind: CheckKind, expected: Expected) -> CheckResult {
        check(
            from,
            to,
            kind,
            expected,
            Verdict::failed(format!("{from} got nothing from {to}")),
        )
    }

    fn passed(from: &str, to: &str) -> CheckResult {
        check(
            from,
            to,
            CheckKind::Icmp,
            Expected::Reachable,
            Verdict::passed(vec![Duration::from_millis(1)]),
        )
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn a_report_that_passed_has_no_causes() {
        let report = Report::new(vec![passed("web", "api"), passed("api", "db")]);
        assert_eq!(group(&report, &topology(), &as_declared()), Vec::new());
        assert_eq!(
            group(&Report::new(Vec::new()), &topology(), &as_declared()),
            Vec::new()
        );
    }

    #[test]
    fn a_membership_missing_on_the_target_side_is_named_once() {
        // db lost `back`: everything on `back` that must reach it fails.
        let targets = with(&[target("db", &[])]);
        let report = Report::new(vec![
            passed("web", "api"),
            failed("api", "db", CheckKind::Icmp, Expected::Reachable),
            failed("api", "db", tcp(5432), Expected::Reachable),
            failed("cache", "db", tcp(5432), Expected::Reachable),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Failed,
                what: "db is not on `back`".to_owned(),
                reach: "2 services expect to reach it".to_owned(),
                fix: "`netctl apply` reconnects it".to_owned(),
                pairs: pairs(&[("api", "db"), ("cache", "db")]),
                checks: 3,
            }]
        );
    }

    #[test]
    fn a_membership_missing_on_the_source_side_merges_both_directions() {
        // api lost `back`: it cannot reach db or cache, nor they it; web is unharmed.
        let targets = with(&[target("api", &[("front", "10.0.0.3")])]);
        let report = Report::new(vec![
            passed("web", "api"),
            failed("api", "db", CheckKind::Icmp, Expected::Reachable),
            failed("db", "api", CheckKind::Icmp, Expected::Reachable),
            failed("api", "cache", tcp(6379), Expected::Reachable),
            failed("api", "db", tcp(5432), Expected::Reachable),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(causes.len(), 1, "{causes:#?}");
        let cause = &causes[0];
        assert_eq!(cause.what, "api is not on `back`");
        assert_eq!(cause.reach, "2 services expect to reach it");
        assert_eq!(
            cause.pairs,
            pairs(&[("api", "db"), ("db", "api"), ("api", "cache")])
        );
        assert_eq!(cause.checks, 4);
        assert_eq!(cause.status, Status::Failed);
    }

    #[test]
    fn one_partner_is_counted_in_the_singular() {
        let targets = with(&[target("cache", &[])]);
        let report = Report::new(vec![failed("db", "cache", tcp(6379), Expected::Reachable)]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(causes.len(), 1);
        assert_eq!(causes[0].what, "cache is not on `back`");
        assert_eq!(causes[0].reach, "1 service expects to reach it");
    }

    #[test]
    fn an_undeclared_network_between_isolated_services_is_foreign() {
        let (mut web, mut db) = (
            target("web", &[("front", "10.0.0.2")]),
            target("db", &[("back", "10.0.1.4")]),
        );
        join(&mut web, "bridge", "172.17.0.2", false);
        join(&mut db, "bridge", "172.17.0.4", false);
        let targets = with(&[web, db]);
        let report = Report::new(vec![
            failed("web", "db", CheckKind::Icmp, Expected::Isolated),
            failed("db", "web", CheckKind::Icmp, Expected::Isolated),
            failed("web", "db", tcp(5432), Expected::Isolated),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Failed,
                what: "`bridge` joins services the topology keeps apart".to_owned(),
                reach: "2 pairs that must stay apart connect".to_owned(),
                fix: "`netctl apply --prune` disconnects them from `bridge` (or `docker network disconnect`)"
                    .to_owned(),
                pairs: pairs(&[("web", "db"), ("db", "web")]),
                checks: 3,
            }]
        );
    }

    #[test]
    fn a_declared_network_the_topology_does_not_give_names_that_side_either_way() {
        // web is on `back` by hand: it now meets db, which it must stay apart from.
        let targets = with(&[target(
            "web",
            &[("front", "10.0.0.2"), ("back", "10.0.1.2")],
        )]);
        let report = Report::new(vec![
            failed("web", "db", CheckKind::Icmp, Expected::Isolated),
            failed("db", "web", tcp(80), Expected::Isolated),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Failed,
                what: "web is on `back`, which the topology does not give it".to_owned(),
                reach: "2 pairs that must stay apart connect".to_owned(),
                fix: "`netctl apply --prune` disconnects it (by hand: `docker network disconnect back c-web`)"
                    .to_owned(),
                pairs: pairs(&[("web", "db"), ("db", "web")]),
                checks: 2,
            }]
        );
    }

    #[test]
    fn one_pair_through_a_network_it_must_not_share_is_counted_in_the_singular() {
        let targets = with(&[target(
            "cache",
            &[("back", "10.0.1.5"), ("front", "10.0.0.5")],
        )]);
        let report = Report::new(vec![failed(
            "web",
            "cache",
            CheckKind::Icmp,
            Expected::Isolated,
        )]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(causes.len(), 1, "{causes:#?}");
        assert_eq!(
            causes[0].what,
            "cache is on `front`, which the topology does not give it"
        );
        assert_eq!(causes[0].reach, "1 pair that must stay apart connects");
    }

    #[test]
    fn a_skipped_check_toward_a_stopped_container_is_down() {
        let mut db = target("db", &[("back", "10.0.1.4")]);
        db.container.pid = None;
        db.container.running = false;
        let targets = with(&[db]);
        let skipped = |from: &str, kind| {
            check(
                from,
                "db",
                kind,
                Expected::Reachable,
                Verdict::skipped("db does not run".to_owned()),
            )
        };
        let report = Report::new(vec![
            skipped("api", CheckKind::Icmp),
            skipped("api", tcp(5432)),
            skipped("cache", tcp(5432)),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Skipped,
                what: "db does not run".to_owned(),
                reach: "3 checks skipped".to_owned(),
                fix: "start it (`docker start c-db`), then verify again".to_owned(),
                pairs: pairs(&[("api", "db"), ("cache", "db")]),
                checks: 3,
            }]
        );
    }

    #[test]
    fn a_stopped_source_is_down_too() {
        let mut api = target("api", &[("front", "10.0.0.3"), ("back", "10.0.1.3")]);
        api.container.pid = None;
        let report = Report::new(vec![check(
            "api",
            "db",
            CheckKind::Icmp,
            Expected::Reachable,
            Verdict::skipped("api does not run".to_owned()),
        )]);
        let causes = group(&report, &topology(), &with(&[api]));
        assert_eq!(causes.len(), 1);
        assert_eq!(causes[0].what, "api does not run");
        assert_eq!(
            causes[0].fix,
            "start it (`docker start c-api`), then verify again"
        );
        assert_eq!(causes[0].reach, "1 check skipped");
    }

    #[test]
    fn a_service_without_a_container_names_the_topologys_container() {
        let targets: Vec<Target> = as_declared()
            .into_iter()
            .filter(|t| t.service != "db")
            .collect();
        let report = Report::new(vec![
            check(
                "api",
                "db",
                CheckKind::Icmp,
                Expected::Reachable,
                Verdict::skipped("db has no container".to_owned()),
            ),
            check(
                "web",
                "db",
                CheckKind::Icmp,
                Expected::Isolated,
                Verdict::skipped("db has no container".to_owned()),
            ),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(causes.len(), 1, "{causes:#?}");
        assert_eq!(causes[0].what, "db has no container (`p-db`)");
        assert_eq!(causes[0].fix, "start the service, then verify again");
        assert_eq!(causes[0].reach, "2 checks skipped");
    }

    #[test]
    fn an_unknown_check_toward_a_shared_namespace_is_unprovable() {
        let mut cache = target("cache", &[]);
        cache.container.network_mode = NetworkMode::Container("0123456789abcdef".to_owned());
        let unknown = |from: &str| {
            check(
                from,
                "cache",
                tcp(6379),
                Expected::Reachable,
                Verdict::unknown("cache has no address of its own".to_owned()),
            )
        };
        let report = Report::new(vec![unknown("api"), unknown("db")]);
        let causes = group(&report, &topology(), &with(&[cache]));
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Unknown,
                what: "cache has no network namespace of its own".to_owned(),
                reach: "2 checks not judged".to_owned(),
                fix: "give it networks of its own, or leave it out of the topology's pairs"
                    .to_owned(),
                pairs: pairs(&[("api", "cache"), ("db", "cache")]),
                checks: 2,
            }]
        );
    }

    #[test]
    fn the_same_failure_toward_the_same_service_is_one_cause() {
        // Every membership holds: the failure is the service's own.
        let nothing = |from: &str| {
            check(
                from,
                "api",
                tcp(8000),
                Expected::Reachable,
                Verdict::failed("nothing listens on 8000 of api".to_owned()),
            )
        };
        let report = Report::new(vec![nothing("web"), passed("web", "api"), nothing("db")]);
        let causes = group(&report, &topology(), &as_declared());
        assert_eq!(
            causes,
            vec![Cause {
                status: Status::Failed,
                what: "tcp 8000 to api: nothing listens on 8000 of api".to_owned(),
                reach: "2 checks, 2 pairs".to_owned(),
                fix: "start what should listen there, or correct the service's `ports` in the topology".to_owned(),
                pairs: pairs(&[("web", "api"), ("db", "api")]),
                checks: 2,
            }]
        );
    }

    #[test]
    fn a_different_check_or_target_is_a_different_fallback_cause() {
        let failing = |from: &str, to: &str, port| {
            check(
                from,
                to,
                tcp(port),
                Expected::Reachable,
                Verdict::failed(format!("nothing listens on {port} of {to}")),
            )
        };
        let report = Report::new(vec![
            failing("web", "api", 8000),
            failing("web", "api", 8001),
            failing("api", "db", 5432),
        ]);
        let causes = group(&report, &topology(), &as_declared());
        let whats: Vec<&str> = causes.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "tcp 8000 to api: nothing listens on 8000 of api",
                "tcp 8001 to api: nothing listens on 8001 of api",
                "tcp 5432 to db: nothing listens on 5432 of db",
            ]
        );
        assert!(causes.iter().all(|c| c.reach == "1 check, 1 pair"));
    }

    #[test]
    fn failed_comes_before_unknown_before_skipped_then_the_most_pairs() {
        let mut db = target("db", &[("back", "10.0.1.4")]);
        db.container.pid = None;
        let mut cache = target("cache", &[]);
        cache.container.network_mode = NetworkMode::Host;
        let targets = with(&[db, cache]);
        let report = Report::new(vec![
            // Skipped, listed first: db does not run.
            check(
                "api",
                "db",
                CheckKind::Icmp,
                Expected::Reachable,
                Verdict::skipped("db does not run".to_owned()),
            ),
            // Unknown: cache runs in the host's network.
            check(
                "api",
                "cache",
                CheckKind::Icmp,
                Expected::Reachable,
                Verdict::unknown("cache has no address of its own".to_owned()),
            ),
            // Failed, one pair.
            check(
                "web",
                "api",
                tcp(8000),
                Expected::Reachable,
                Verdict::failed("nothing listens on 8000 of api".to_owned()),
            ),
            // Failed, two pairs.
            check(
                "web",
                "api",
                tcp(8001),
                Expected::Reachable,
                Verdict::failed("nothing listens on 8001 of api".to_owned()),
            ),
            check(
                "db",
                "api",
                tcp(8001),
                Expected::Reachable,
                Verdict::failed("nothing listens on 8001 of api".to_owned()),
            ),
        ]);
        let causes = group(&report, &topology(), &targets);
        let order: Vec<(Status, &str)> =
            causes.iter().map(|c| (c.status, c.what.as_str())).collect();
        assert_eq!(
            order,
            [
                (
                    Status::Failed,
                    "tcp 8001 to api: nothing listens on 8001 of api"
                ),
                (
                    Status::Failed,
                    "tcp 8000 to api: nothing listens on 8000 of api"
                ),
                (Status::Unknown, "cache has no network namespace of its own"),
                (Status::Skipped, "db does not run"),
            ]
        );
    }

    #[test]
    fn a_cause_takes_the_worst_status_of_its_checks() {
        // db has no container at all: whatever was said of checks toward it, it is down.
        let targets: Vec<Target> = as_declared()
            .into_iter()
            .filter(|t| t.service != "db")
            .collect();
        let toward_db =
            |from: &str, verdict| check(from, "db", CheckKind::Icmp, Expected::Reachable, verdict);
        let report = Report::new(vec![
            toward_db("api", Verdict::skipped("db has no container".to_owned())),
            toward_db(
                "cache",
                Verdict::unknown("the probe could not run".to_owned()),
            ),
            toward_db("web", Verdict::skipped("db has no container".to_owned())),
        ]);
        let causes = group(&report, &topology(), &targets);
        assert_eq!(causes.len(), 1, "{causes:#?}");
        assert_eq!(causes[0].status, Status::Unknown);
        assert_eq!(causes[0].checks, 3);
    }

    #[test]
    fn a_service_publishing_what_it_must_not_is_a_cause() {
        let mut report = Report::new(vec![
            passed("web", "api"),
            check(
                "api",
                "db",
                CheckKind::Icmp,
                Expected::Reachable,
                Verdict::unknown("the probe could not run".to_owned()),
            ),
        ]);
        let exposure = |service: &str, ok: bool| Exposure {
            service: service.to_owned(),
            container: format!("c-{service}"),
            public: false,
            published: Vec::new(),
            status: if ok { Status::Passed } else { Status::Failed },
            ok,
            detail: format!("{service} publishes 5432/tcp on 0.0.0.0:5432"),
        };
        report.exposure = vec![exposure("web", true), exposure("db", false)];
        let causes = group(&report, &topology(), &as_declared());
        assert_eq!(causes.len(), 2, "{causes:#?}");
        assert_eq!(
            causes[0],
            Cause {
                status: Status::Failed,
                what: "db publishes 5432/tcp on 0.0.0.0:5432".to_owned(),
                reach: "reachable from outside the host".to_owned(),
                fix: "publish on 127.0.0.1 only, or tag db `public` if it is an entry point"
                    .to_owned(),
                pairs: Vec::new(),
                checks: 1,
            }
        );
        assert_eq!(causes[1].status, Status::Unknown);
    }
}
