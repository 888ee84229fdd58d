//! Every rule against its fixtures through the real binary: the trigger file must produce the
//! rule, the near miss must not.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod harness;

use harness::Test;
use harness::files::compose_fixtures as fixtures;
use serde_json::Value;
use std::path::Path;

/// The rule IDs found in `file`, linted from the fixtures directory as JSON.
fn rules_found(file: &Path, topology: Option<&Path>) -> Vec<String> {
    let mut test = Test::in_dir(fixtures())
        .args(["lint", "--fail-on", "never", "-o", "json"])
        .arg(file);
    if let Some(topology) = topology {
        test = test.arg("--topology").arg(topology);
    }
    let report: Value = serde_json::from_str(&test.run().stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_rule_fires_on_its_trigger_and_not_on_its_near_miss() {
    let rules_dir = fixtures().join("rules");
    let mut checked = 0;
    for entry in std::fs::read_dir(&rules_dir).unwrap() {
        let dir = entry.unwrap().path();
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        if dir.join("live-networks.txt").is_file() {
            continue; // Needs the daemon's networks: see `the_live_rule_uses_the_daemons_networks`.
        }
        let topology = dir.join("topology.yaml");
        let topology = topology.is_file().then_some(topology.as_path());
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name == "topology.yaml" {
                continue;
            }
            let found = rules_found(&file, topology);
            if name.starts_with("trigger") {
                assert!(
                    found.contains(&id),
                    "{id}/{name} should trigger {id}: {found:?}"
                );
            } else {
                assert!(
                    !found.contains(&id),
                    "{id}/{name} must not trigger {id}: {found:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} fixtures checked");
}

#[test]
fn every_rule_has_fixtures() {
    for rule in netctl::lint::ALL {
        let dir = fixtures().join("rules").join(rule.id);
        assert!(
            dir.join("trigger.yml").is_file(),
            "{} lacks a trigger",
            rule.id
        );
        assert!(
            dir.join("near-miss.yml").is_file(),
            "{} lacks a near miss",
            rule.id
        );
    }
}

#[test]
fn a_typical_web_app_is_clean_at_the_default_fail_on() {
    Test::in_dir(fixtures())
        .args(["lint", "typical-webapp.yml"])
        .run();
}

#[test]
fn findings_point_at_the_value() {
    let output = Test::in_dir(fixtures())
        .args(["lint", "rules/NL001/trigger.yml", "-o", "json"])
        .status(2)
        .run();
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "NL001");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["file"], "rules/NL001/trigger.yml");
    assert_eq!(finding["line"], 4);
    assert_eq!(finding["column"], 16);
    assert_eq!(finding["service"], "db");
    assert_eq!(finding["network"], "web");
    assert!(
        finding["remediation"]
            .as_str()
            .unwrap()
            .contains("remove `web`")
    );
}

#[test]
fn the_topology_rule_reports_both_directions() {
    let output = Test::in_dir(fixtures())
        .args([
            "lint",
            "rules/NL014/trigger.yml",
            "--topology",
            "rules/NL014/topology.yaml",
        ])
        .args(["-o", "json"])
        .any_status()
        .run();
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "NL014")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`stray` is not in the topology")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("topology puts `app` on `backend`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`db` is on `web` here")),
        "{messages:?}"
    );
}

#[test]
fn the_topology_marks_public_networks_and_datastores() {
    let found = rules_found(
        Path::new("rules/NL014/trigger.yml"),
        Some(Path::new("rules/NL014/topology.yaml")),
    );
    assert!(found.contains(&"NL001".to_owned()), "{found:?}");
}

#[test]
fn the_rule_reference_documents_every_rule() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lint.md"))
        .unwrap();
    for rule in netctl::lint::ALL {
        let heading = format!(
            "### {} `{}` ({})",
            rule.id,
            rule.name,
            rule.severity.as_str()
        );
        assert!(docs.contains(&heading), "docs/lint.md lacks `{heading}`");
        let explained = rule
            .explain
            .replace("What:", "**What:**")
            .replace("\nWhy:", "\n**Why:**")
            .replace("\nFix:", "\n**Fix:**");
        assert!(
            docs.contains(&explained),
            "docs/lint.md has an old text for {}: regenerate it from `netctl lint --explain {}`",
            rule.id,
            rule.id
        );
    }
}

#[test]
fn the_live_rule_uses_the_daemons_networks() {
    use netctl::compose::{Variables, load_str};
    use netctl::lint::{Config, Context, check};
    let dir = fixtures().join("rules/NL016");
    let live: std::collections::BTreeSet<String> =
        std::fs::read_to_string(dir.join("live-networks.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
    let config = Config::default();
    let context = Context {
        live_networks: Some(&live),
        ..Context::new(&config)
    };
    let rules = |file: &str| -> Vec<(String, u64)> {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let project = load_str(&text, file, &Variables::new(Default::default())).unwrap();
        check(&project, &context)
            .into_iter()
            .filter(|f| f.rule == "NL016")
            .map(|f| (f.network.unwrap_or_default(), f.line))
            .collect()
    };
    assert_eq!(
        rules("trigger.yml"),
        vec![("web".to_owned(), 7), ("legacy".to_owned(), 10)]
    );
    assert!(rules("near-miss.yml").is_empty());
    let without_daemon = Context::new(&config);
    let text = std::fs::read_to_string(dir.join("trigger.yml")).unwrap();
    let project = load_str(&text, "t.yml", &Variables::new(Default::default())).unwrap();
    assert!(
        check(&project, &without_daemon)
            .iter()
            .all(|f| f.rule != "NL016")
    );
}

#[test]
fn a_network_tagged_public_in_the_topology_is_public() {
    let compose = Path::new("topology-tags/compose.yaml");
    assert!(rules_found(compose, None).is_empty());
    let found = rules_found(compose, Some(Path::new("topology-tags/topology.yaml")));
    assert_eq!(found, vec!["NL001".to_owned()]);
}
