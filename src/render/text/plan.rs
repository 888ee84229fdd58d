//! The human plan, Terraform-style: a symbol per action, details indented, the blast radius,
//! a summary line.

use super::Text;
use crate::plan::{Action, BlastRadius, Owed, Plan, describe};
use crate::render::Renderer;
use std::fmt::Write;

impl Renderer<Plan> for Text {
    fn render(&self, plan: &Plan) -> String {
        render(plan)
    }
}

fn render(plan: &Plan) -> String {
    let mut out = String::new();
    journal(&mut out, &plan.journal);
    if plan.actions.is_empty() {
        out.push_str("No changes: the daemon matches the file.\n");
        compose_networks(&mut out, plan);
        return out;
    }
    for action in &plan.actions {
        line(&mut out, action);
    }
    out.push('\n');
    if compose_networks(&mut out, plan) {
        out.push('\n');
    }
    if !plan.blast_radius.is_empty() {
        blast_radius(&mut out, &plan.blast_radius);
        out.push('\n');
    }
    out.push_str(&summary(plan));
    out
}

/// Interrupted recreates come first: apply finishes them before anything the plan lists.
fn journal(out: &mut String, owed: &[Owed]) {
    if owed.is_empty() {
        return;
    }
    out.push_str("Interrupted recreates (journal):\n");
    for entry in owed {
        let _ = writeln!(
            out,
            "  ! {} still owes {} endpoint(s): {}",
            entry.network,
            entry.containers.len(),
            entry.containers.join(", ")
        );
    }
    out.push_str(
        "  netctl apply finishes them first; netctl apply --abandon-journal forgets them.\n\n",
    );
}

/// The declared networks a Compose project owns, one line per project: compared, never
/// recreated or removed, which a plan without a line for them would leave unsaid. Returns
/// whether it wrote anything.
fn compose_networks(out: &mut String, plan: &Plan) -> bool {
    let mut projects: Vec<&str> = Vec::new();
    for network in &plan.compose_networks {
        if !projects.contains(&network.project.as_str()) {
            projects.push(&network.project);
        }
    }
    for project in &projects {
        let names: Vec<&str> = plan
            .compose_networks
            .iter()
            .filter(|n| n.project == *project)
            .map(|n| n.network.as_str())
            .collect();
        let _ = writeln!(
            out,
            "Compose project {project} owns {}: compared with the file; netctl never recreates \
             or removes {}.",
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" }
        );
    }
    !projects.is_empty()
}

/// Pair lines shown before the rest is left to `-o json`: a screen, not a wall.
const PAIR_LINES: usize = 20;

fn blast_radius(out: &mut String, radius: &BlastRadius) {
    out.push_str("Blast radius (pairs that gain or lose a shared network):\n");
    let pairs = radius
        .gained
        .iter()
        .map(|p| ('+', "gain", p))
        .chain(radius.lost.iter().map(|p| ('-', "lose", p)));
    let total = radius.gained.len() + radius.lost.len();
    for (mark, verb, pair) in pairs.take(PAIR_LINES) {
        let _ = writeln!(
            out,
            "  {mark} {} ↔ {} {verb} {}",
            pair.a,
            pair.b,
            pair.networks.join(", ")
        );
    }
    if total > PAIR_LINES {
        let _ = writeln!(
            out,
            "  … and {} more pairs (-o json lists them all)",
            total - PAIR_LINES
        );
    }
    for interruption in &radius.interrupted {
        let _ = write!(
            out,
            "  ~ recreating {} detaches {} until it is restored",
            interruption.network,
            interruption.containers.join(", ")
        );
        if !interruption.cut_off.is_empty() {
            let pairs: Vec<String> = interruption
                .cut_off
                .iter()
                .map(|[a, b]| format!("{a} ↔ {b}"))
                .collect();
            let _ = write!(out, "; no contact at all meanwhile: {}", pairs.join(", "));
        }
        out.push('\n');
    }
}

fn line(out: &mut String, action: &Action) {
    let network = action.network().unwrap_or("-");
    let container = action.container().unwrap_or("-");
    // Writing to a String cannot fail.
    let _ = match action {
        Action::CreateNetwork { spec, .. } => writeln!(
            out,
            "  + network {network}  ({}{}{})",
            spec.driver,
            if spec.internal { ", internal" } else { "" },
            spec.ipam
                .pools
                .iter()
                .map(|p| format!(", {}", p.subnet))
                .collect::<String>()
        ),
        Action::RecreateNetwork {
            changes, endpoints, ..
        } => {
            let _ = writeln!(
                out,
                "-/+ network {network}  (recreate: needs --allow-recreate)"
            );
            for change in changes {
                let _ = writeln!(
                    out,
                    "        {}: {} → {}",
                    change.field, change.old, change.new
                );
            }
            for restore in endpoints {
                let _ = writeln!(
                    out,
                    "        restores {}{}{}",
                    restore.container,
                    describe(&restore.endpoint),
                    if restore.declared {
                        ""
                    } else {
                        " [not in the file]"
                    }
                );
            }
            Ok(())
        }
        Action::RemoveNetwork { reason, .. } => writeln!(out, "  - network {network}  ({reason})"),
        Action::Connect { endpoint, .. } => {
            writeln!(
                out,
                "  + connect {container} → {network}{}",
                describe(endpoint)
            )
        }
        Action::Reconnect { .. } => writeln!(
            out,
            "  ~ reconnect {container} → {network}  ({})",
            action.reason()
        ),
        Action::Disconnect { reason, .. } => {
            writeln!(out, "  - disconnect {container} from {network}  ({reason})")
        }
        Action::Blocked { reason, .. } => writeln!(out, "  ! blocked: {reason}"),
        Action::Pending { reason, .. } => writeln!(out, "  … pending: {reason}"),
        Action::Drift { reason, .. } => writeln!(out, "  ≠ drift: {reason}"),
    };
}

fn summary(plan: &Plan) -> String {
    let count = |kind: &str| plan.actions.iter().filter(|a| a.kind() == kind).count();
    let mut text = format!(
        "Plan: {} to create, {} to recreate, {} to connect, {} to reconnect, {} to disconnect, \
         {} to remove.",
        count("create_network"),
        count("recreate_network"),
        count("connect"),
        count("reconnect"),
        count("disconnect"),
        count("remove_network"),
    );
    let blocked = count("blocked");
    let pending = count("pending");
    if blocked > 0 {
        let _ = write!(
            text,
            " {blocked} blocked: apply would stop before any change."
        );
    }
    if pending > 0 {
        let _ = write!(text, " {pending} pending (containers not running).");
    }
    let drift = count("drift");
    // Drift is mostly memberships; a network's (an owned network the file no longer declares,
    // a Compose network whose settings differ) is not, and the line must not say it is.
    let memberships_only = plan.drift().all(|a| a.container().is_some());
    if drift > 0 && memberships_only {
        let _ = write!(
            text,
            " {drift} drift: memberships the file does not declare, left as they are."
        );
    } else if drift > 0 {
        let _ = write!(
            text,
            " {drift} drift: differences from the file that this apply leaves as they are."
        );
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{EndpointSpec, NetworkSettings};
    use crate::plan::{Interruption, PairChange};

    fn plan() -> Plan {
        let mut plan = Plan {
            project: "p".to_owned(),
            actions: vec![
                Action::CreateNetwork {
                    spec: NetworkSettings {
                        name: "p-back".to_owned(),
                        driver: "bridge".to_owned(),
                        internal: true,
                        ..NetworkSettings::default()
                    },
                    owned: true,
                },
                Action::Connect {
                    network: "p-back".to_owned(),
                    container: "p-api".to_owned(),
                    endpoint: EndpointSpec {
                        aliases: vec!["backend".to_owned()],
                        ..EndpointSpec::default()
                    },
                },
                Action::Drift {
                    network: "bridge".to_owned(),
                    container: Some("p-db".to_owned()),
                    reason: "p-db (db) is on bridge, which the file does not give it: apply \
                             --prune disconnects it"
                        .to_owned(),
                },
            ],
            ..Plan::default()
        };
        plan.blast_radius.gained.push(PairChange {
            a: "api".to_owned(),
            b: "db".to_owned(),
            networks: vec!["p-back".to_owned()],
        });
        plan.blast_radius.interrupted.push(Interruption {
            network: "p-hub".to_owned(),
            containers: vec!["api".to_owned(), "db".to_owned()],
            cut_off: vec![["api".to_owned(), "db".to_owned()]],
        });
        plan
    }

    #[test]
    fn an_empty_plan_says_the_daemon_matches() {
        assert_eq!(
            Text.render(&Plan::default()),
            "No changes: the daemon matches the file.\n"
        );
    }

    #[test]
    fn each_action_has_its_symbol_then_the_blast_radius_then_the_summary() {
        let text = Text.render(&plan());
        assert!(
            text.contains("  + network p-back  (bridge, internal)\n"),
            "{text}"
        );
        assert!(
            text.contains("  + connect p-api → p-back (aliases backend)\n"),
            "{text}"
        );
        assert!(text.contains("  ≠ drift: p-db (db) is on bridge"), "{text}");
        assert!(text.contains("  + api ↔ db gain p-back\n"), "{text}");
        assert!(text.contains(
            "  ~ recreating p-hub detaches api, db until it is restored; no contact at all \
             meanwhile: api ↔ db\n"
        ));
        assert!(
            text.ends_with(
                "Plan: 1 to create, 0 to recreate, 1 to connect, 0 to reconnect, 0 to disconnect, \
                 0 to remove. 1 drift: memberships the file does not declare, left as they are.\n"
            ),
            "{text}"
        );
    }
}
