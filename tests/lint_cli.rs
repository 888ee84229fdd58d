//! `netctl lint` as CI runs it: exit codes, inputs (files, directories, stdin, --merge),
//! config, inline ignores, hostile files, and each output format.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod harness;

use harness::Test;
use harness::files::compose_fixtures as fixtures;
use serde_json::Value;

fn lint() -> Test {
    Test::in_dir(fixtures()).arg("lint")
}

fn json_rules(args: &[&str]) -> Vec<String> {
    let output = lint().args(args).args(["-o", "json"]).any_status().run();
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}@{}", f["rule"].as_str().unwrap(), f["line"]))
        .collect()
}

#[test]
fn fail_on_sets_the_threshold() {
    lint().args(["rules/NL003/trigger.yml"]).status(0).run();
    lint()
        .args(["rules/NL003/trigger.yml", "--fail-on", "info"])
        .status(2)
        .run();
    lint()
        .args(["rules/NL005/trigger.yml", "--fail-on", "error"])
        .status(0)
        .run();
    lint().args(["rules/NL005/trigger.yml"]).status(2).run();
    lint()
        .args(["rules/NL001/trigger.yml", "--fail-on", "never"])
        .status(0)
        .run();
}

#[test]
fn an_unreadable_file_exits_1_with_its_location() {
    lint()
        .args(["hostile/tabs-and-garbage.yml"])
        .status(1)
        .stderr_has("hostile/tabs-and-garbage.yml:2:")
        .stdout("no findings\n1 file could not be read (see the errors on standard error)\n")
        .run();
    lint()
        .args(["no-such-file.yml"])
        .status(1)
        .stderr_has("cannot read no-such-file.yml")
        .run();
}

#[test]
fn hostile_files_give_located_errors_not_panics() {
    for file in [
        "alias-bomb.yml",
        "deep-nesting.yml",
        "binary.yml",
        "extends-cycle.yml",
    ] {
        let output = lint()
            .arg(format!("hostile/{file}"))
            .timeout(std::time::Duration::from_secs(60))
            .any_status()
            .run();
        assert_eq!(output.code(), Some(1), "{file}");
        let stderr = output.stderr;
        assert!(
            stderr.contains(&format!("hostile/{file}:")),
            "{file}: {stderr}"
        );
    }
}

#[test]
fn a_huge_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yml");
    let mut text = String::from("services:\n");
    while text.len() < 17 * 1024 * 1024 {
        text.push_str("  # padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&path, text).unwrap();
    lint().arg(&path).status(1).stderr_has("too large").run();
}

#[test]
fn a_large_valid_file_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compose.yml");
    let mut text = String::from("services:\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "  s{i}:\n    image: acme/s{i}\n    networks: [n{}]\n",
            i % 50
        ));
    }
    text.push_str("networks:\n");
    for n in 0..50 {
        text.push_str(&format!("  n{n}: {{}}\n"));
    }
    std::fs::write(&path, text).unwrap();
    // How fast is scripts/bench-lint.sh's to measure; here only that it is read whole.
    lint().arg(&path).status(0).run();
}

#[test]
fn stdin_is_a_file_named_dash() {
    lint()
        .args(["-", "-o", "json"])
        .stdin("services:\n  db:\n    image: mysql\n    ports: [\"3306:3306\"]\n")
        .status(2)
        .stdout_has("\"file\": \"<stdin>\"")
        .stdout_has("NL002")
        .run();
}

#[test]
fn a_directory_merges_its_override_and_reads_dotenv() {
    let found = json_rules(&["project"]);
    assert_eq!(found, vec!["NL002@4", "NL003@4"]);
    let output = lint().args(["project", "-o", "json"]).any_status().run();
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let files: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        vec!["project/compose.override.yaml", "project/compose.yaml"]
    );
    assert!(output.stdout.contains("`8080:80`"));
}

#[test]
fn merge_lints_files_as_one_project() {
    // Named alone, as a pre-commit hook names the file that changed, the override still goes
    // over its base beside it: the same project as the directory.
    let alone = json_rules(&["project/compose.override.yaml"]);
    assert_eq!(alone, vec!["NL002@4", "NL003@4"]);
    let merged = json_rules(&[
        "--merge",
        "project/compose.yaml",
        "project/compose.override.yaml",
    ]);
    assert!(merged.contains(&"NL002@4".to_owned()), "{merged:?}");
    assert!(merged.iter().any(|f| f.starts_with("NL003")), "{merged:?}");
}

#[test]
fn config_disables_regrades_and_declares() {
    let output = Test::in_dir(fixtures().join("config"))
        .args(["lint", ".", "ignored", "-o", "json"])
        .any_status()
        .run();
    assert_eq!(output.code(), Some(2));
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("NL001".to_owned(), "error".to_owned()),
            ("NL007".to_owned(), "error".to_owned())
        ]
    );
}

#[test]
fn config_can_be_named_and_is_checked() {
    lint()
        .args([
            "typical-webapp.yml",
            "--config",
            "config/.netctl-lint.yaml",
            "--fail-on",
            "info",
        ])
        .status(0)
        .run();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("lint.yaml");
    std::fs::write(&config, "rules:\n  NL999: off\n").unwrap();
    lint()
        .arg("typical-webapp.yml")
        .arg("--config")
        .arg(&config)
        .status(1)
        .stderr_has("NL999")
        .run();
    std::fs::write(&config, "rulez: {}\n").unwrap();
    lint()
        .arg("typical-webapp.yml")
        .arg("--config")
        .arg(&config)
        .status(1)
        .stderr_has("lint.yaml:1:1")
        .run();
}

#[test]
fn inline_comments_ignore_a_rule() {
    assert_eq!(json_rules(&["inline-ignore.yml"]), vec!["NL002@11"]);
}

#[test]
fn unset_variables_are_info_not_errors() {
    let found = json_rules(&["rules/NL015/trigger.yml"]);
    assert!(found.contains(&"NL015@3".to_owned()), "{found:?}");
    assert!(found.contains(&"NL015@5".to_owned()), "{found:?}");
    lint().arg("rules/NL015/trigger.yml").status(0).run();
}

#[test]
fn every_syntax_form_loads() {
    for file in [
        "syntax/every-form.yml",
        "syntax/null-and-empty.yml",
        "syntax/anchors-merge.yml",
    ] {
        lint().args([file, "--fail-on", "never"]).status(0).run();
    }
}

#[test]
fn explain_and_list_rules() {
    Test::new()
        .args(["lint", "--explain", "NL001"])
        .status(0)
        .stdout_has("NL001 datastore-on-public-network (default: error)")
        .stdout_has("Fix:")
        .run();
    Test::new()
        .args(["lint", "--explain", "host-network-mode"])
        .status(0)
        .stdout_has("NL007")
        .run();
    Test::new()
        .args(["lint", "--explain", "NL0O1"])
        .status(1)
        .stderr_has("did you mean `NL001`")
        .run();
    Test::new()
        .args(["lint", "--list-rules"])
        .status(0)
        .stdout_has("NL015  unset-variable")
        .run();
}

#[test]
fn text_output_is_rustc_like() {
    lint()
        .args(["rules/NL002/trigger.yml"])
        .status(2)
        .stdout(
            "error[NL002]: datastore `cache` (redis) publishes port `127.0.0.1:6379:6379` on the host\n  --> rules/NL002/trigger.yml:5:9\n  |\n5 |       - \"127.0.0.1:6379:6379\"\n  |         ^^^^^^^^^^^^^^^^^^^^^\n   = help: remove the port; services on a shared network reach the datastore by its service name\n\n1 finding: 1 error, 0 warning, 0 info\n",
        )
        .run();
    lint()
        .args(["rules/NL002/near-miss.yml"])
        .status(0)
        .stdout("no findings\n")
        .run();
}

#[test]
fn github_output_is_workflow_commands() {
    lint()
        .args(["rules/NL007/trigger.yml", "-o", "github"])
        .status(2)
        .stdout(
            "::warning file=rules/NL007/trigger.yml,line=4,col=19,title=NL007 host-network-mode::`agent` uses the host's network namespace (fix: put the service on a user-defined network and publish only the ports it needs)\n",
        ).run();
}

#[test]
fn sarif_output_has_what_code_scanning_needs() {
    let output = lint()
        .args(["rules/NL001/trigger.yml", "-o", "sarif"])
        .any_status()
        .run();
    assert_eq!(output.code(), Some(2));
    let log: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "netctl");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), netctl::lint::ALL.len());
    assert!(
        rules
            .iter()
            .all(|r| r["id"].is_string() && r["shortDescription"]["text"].is_string())
    );
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "NL001");
    assert_eq!(result["ruleIndex"], 0);
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "rules/NL001/trigger.yml"
    );
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 16);
}

#[test]
fn json_output_shape() {
    let output = lint()
        .args(["rules/NL007/trigger.yml", "-o", "json"])
        .any_status()
        .run();
    let text = String::from_utf8(output.stdout_bytes).unwrap();
    assert_eq!(
        text,
        r#"{
  "findings": [
    {
      "rule": "NL007",
      "name": "host-network-mode",
      "severity": "warning",
      "file": "rules/NL007/trigger.yml",
      "line": 4,
      "column": 19,
      "service": "agent",
      "network": "host",
      "message": "`agent` uses the host's network namespace",
      "remediation": "put the service on a user-defined network and publish only the ports it needs"
    }
  ]
}
"#
    );
}

#[test]
fn no_path_lints_the_current_directory() {
    Test::in_dir(fixtures().join("project"))
        .args(["lint", "-o", "json"])
        .status(2)
        .stdout_has("compose.override.yaml")
        .run();
    let empty = tempfile::tempdir().unwrap();
    Test::in_dir(empty.path())
        .arg("lint")
        .status(1)
        .stderr_has("no compose file")
        .run();
}

#[test]
fn unreadable_files_are_reported_in_every_machine_format() {
    let output = lint()
        .args([
            "rules/NL007/trigger.yml",
            "hostile/tabs-and-garbage.yml",
            "-o",
            "json",
        ])
        .any_status()
        .run();
    assert_eq!(output.code(), Some(1));
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    assert_eq!(report["findings"][0]["rule"], "NL007");
    let error = &report["errors"][0];
    assert_eq!(error["file"], "hostile/tabs-and-garbage.yml");
    assert_eq!(error["line"], 2);
    assert_eq!(error["severity"], "error");

    let output = lint()
        .args(["hostile/tabs-and-garbage.yml", "-o", "github"])
        .any_status()
        .run();
    let text = String::from_utf8(output.stdout_bytes).unwrap();
    assert!(
        text.starts_with(
            "::error file=hostile/tabs-and-garbage.yml,line=2,col=2,title=netctl lint: unreadable file::"
        ),
        "{text}"
    );

    let output = lint()
        .args(["hostile/binary.yml", "-o", "sarif"])
        .any_status()
        .run();
    let log: Value = serde_json::from_str(&output.stdout).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "hostile/binary.yml"
    );
}

#[test]
fn include_and_extends_are_followed() {
    let output = lint()
        .args(["include-extends", "-o", "json", "--fail-on", "never"])
        .any_status()
        .run();
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f["rule"].as_str().unwrap(),
                f["service"].as_str().unwrap_or("-"),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            "NL011 api include-extends/compose.yaml:13",
            "NL002 db include-extends/shared/db.yaml:5",
            "NL011 db include-extends/shared/db.yaml:5",
        ]
    );
}

#[test]
fn include_loops_and_devices_are_refused_with_a_location() {
    lint()
        .args(["hostile/include-loop/a.yaml"])
        .timeout(std::time::Duration::from_secs(20))
        .status(1)
        .stderr_has("include cycle: a.yaml → b.yaml → a.yaml")
        .run();
    lint()
        .args(["hostile/include-device.yml"])
        .timeout(std::time::Duration::from_secs(20))
        .status(1)
        .stderr_has("hostile/include-device.yml:1:11")
        .run();
}

#[test]
fn reset_and_override_tags_replace_the_base() {
    let alone = json_rules(&["reset-override/compose.yaml"]);
    assert_eq!(alone, vec!["NL002@4", "NL001@5"]);
    lint()
        .args(["reset-override"])
        .status(0)
        .stdout("no findings\n")
        .run();
}

#[test]
fn the_implicit_default_network_can_be_declared_public() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("lint.yaml");
    std::fs::write(&config, "public_networks: [default]\n").unwrap();
    let output = lint()
        .arg("typical-webapp.yml")
        .arg("--config")
        .arg(&config)
        .args(["-o", "json"])
        .any_status()
        .run();
    assert_eq!(output.code(), Some(2));
    let report: Value = serde_json::from_str(&output.stdout).unwrap();
    let db = &report["findings"][1];
    assert_eq!(db["rule"], "NL001");
    assert_eq!(db["network"], "default");
    assert_eq!(db["line"], 10, "the finding points at the service key");
}

#[test]
fn sarif_output_matches_its_snapshot() {
    let output = lint()
        .args(["rules/NL001/trigger.yml", "-o", "sarif"])
        .status(2)
        .run();
    harness::snapshot::redacted(env!("CARGO_PKG_VERSION")).bind(|| {
        insta::assert_snapshot!("lint_sarif", output.stdout);
    });
}

#[test]
fn a_topology_given_to_lint_is_named_as_one_with_the_command_that_reads_it() {
    Test::new()
        .write(
            "topology.yaml",
            "version: 1\nproject: hub\nnetworks:\n  back: {}\nservices:\n  api: {networks: [back]}\n",
        )
        .args(["lint", "topology.yaml"])
        .status(1)
        .stderr_has("topology.yaml:2:1")
        .stderr_has("this is a netctl topology")
        .stderr_has("netctl validate topology.yaml")
        .run();
}

/// A repository as people keep one: compose files two levels down, a base with an override
/// that uses a network only the base defines, and files no project means to lint. Each file
/// that counts has a finding of its own, so the findings show which files were read.
fn nested_repository() -> Test {
    let base = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n    networks: [front]\nnetworks:\n  front: {}\n";
    let overriding = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n    networks: [front]\n";
    let deep = "services:\n  cache:\n    image: redis:7\n    ports: [\"6379:6379\"]\n";
    Test::new()
        .write("apps/web/docker-compose.yml", base)
        .write("apps/web/docker-compose.override.yml", overriding)
        .write("services/data/kv/compose.yaml", deep)
        .write("node_modules/dep/docker-compose.yml", deep)
        .write("build/compose.yaml", deep)
        .write(".gitignore", "build/\n")
}

/// The files a lint report's findings are in, and its rules, from `-o json`.
fn files_and_rules(report: &Value) -> (Vec<String>, Vec<String>) {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let field = |name: &str| {
        let mut values: Vec<String> = findings
            .iter()
            .filter_map(|f| f[name].as_str().map(str::to_owned))
            .collect();
        values.sort();
        values.dedup();
        values
    };
    (field("file"), field("rule"))
}

#[test]
fn the_readme_ci_and_pre_commit_lines_find_nested_files_and_pair_overrides() {
    // The GitHub Actions line: `netctl lint -o sarif .`.
    let sarif = nested_repository()
        .args(["lint", "-o", "sarif", "."])
        .status(2)
        .run()
        .json();
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let rules: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert!(rules.contains(&"NL002"), "{rules:?}");
    assert!(
        !rules.contains(&"NL004"),
        "the override's network is the base's: {rules:?}"
    );

    // The same tree as JSON: every compose file that counts, and nothing else, is read.
    let json = nested_repository()
        .args(["lint", "-o", "json", "."])
        .status(2)
        .run()
        .json();
    let (files, rules) = files_and_rules(&json);
    assert_eq!(
        files,
        [
            "./apps/web/docker-compose.override.yml",
            "./apps/web/docker-compose.yml",
            "./services/data/kv/compose.yaml"
        ],
        "{json}"
    );
    assert!(!rules.contains(&"NL004".to_owned()), "{json}");

    // The pre-commit hook passes only the file that changed: the override.
    let changed = nested_repository()
        .args(["lint", "-o", "json", "apps/web/docker-compose.override.yml"])
        .status(2)
        .run()
        .json();
    let (files, rules) = files_and_rules(&changed);
    assert!(!rules.contains(&"NL004".to_owned()), "{changed}");
    assert!(
        files.contains(&"apps/web/docker-compose.override.yml".to_owned()),
        "{changed}"
    );
}

/// A repository whose stacks are not named as Compose names them: `--glob` finds them, at any
/// depth by name or from the folder by path, and an override a glob finds still goes over its
/// base.
fn stacks_repository() -> Test {
    let web = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n    networks: [front]\nnetworks:\n  front: {}\n";
    let over = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n    networks: [front]\n";
    let cache = "services:\n  cache:\n    image: redis:7\n    ports: [\"6379:6379\"]\n";
    nested_repository()
        .write("deploy/prod/app.stack.yaml", cache)
        .write("stacks/web.yml", web)
        .write("stacks/web.override.yml", over)
        .write("stacks/old/web.yml", cache)
        .write("deploy/notes.yml", cache)
        .write("build/ignored.stack.yaml", cache)
}

#[test]
fn glob_adds_files_to_the_walk_and_pairs_their_overrides() {
    let json = stacks_repository()
        .args(["lint", "-o", "json", "."])
        .args(["--glob", "*.stack.yaml", "--glob", "stacks/*.yml"])
        .status(2)
        .run()
        .json();
    let (files, rules) = files_and_rules(&json);
    assert_eq!(
        files,
        [
            "./apps/web/docker-compose.override.yml",
            "./apps/web/docker-compose.yml",
            "./deploy/prod/app.stack.yaml",
            "./services/data/kv/compose.yaml",
            "./stacks/web.override.yml",
            "./stacks/web.yml",
        ],
        "{json}"
    );
    assert!(
        !rules.contains(&"NL004".to_owned()),
        "the override's network is its base's: {json}"
    );

    // Without the globs the walk finds Compose's names alone.
    let json = stacks_repository()
        .args(["lint", "-o", "json", "."])
        .status(2)
        .run()
        .json();
    let (files, _) = files_and_rules(&json);
    assert!(
        !files
            .iter()
            .any(|f| f.contains("stack") || f.contains("stacks/")),
        "{files:?}"
    );
}

#[test]
fn a_bad_glob_is_a_usage_error_naming_it() {
    stacks_repository()
        .args(["lint", ".", "--glob", "stacks/[a.yml"])
        .status(1)
        .stdout("")
        .stderr_has("invalid value 'stacks/[a.yml' for '--glob <PATTERN>'")
        .run();
    stacks_repository()
        .args(["lint", ".", "--glob", "/stacks/*.yml"])
        .status(1)
        .stderr_has("drop the leading `/`")
        .run();
    // A pattern applies to the folders walked: with none named, it is a usage error too.
    stacks_repository()
        .args(["lint", "--glob", "*.stack.yaml"])
        .status(1)
        .stderr_has("the following required arguments were not provided")
        .run();
}
