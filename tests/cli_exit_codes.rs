//! Exit codes as CI reads them, the same on every command: a usage error (a mistyped flag, a
//! bad value, a missing argument or subcommand, an unknown subcommand) exits 1 with clap's
//! message and nothing on stdout; `--help` and `--version` exit 0; a blocked plan exits 1 with
//! its JSON; Ctrl-C during a long command exits 130 and leaves nothing behind (live tests).
//! The usage table is built from clap's own command tree, so a new subcommand is covered.

#![allow(clippy::unwrap_used)]

pub mod harness;

use clap::CommandFactory;
use harness::docker::{docker, inspect_container, inspect_network, members};
use harness::process::eventually;
use harness::{Sandbox, Test};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The subnets this file pins in its expectations, checked free before every live test.
const SUBNETS: [&str; 5] = [
    "10.77.40.0/24",
    "10.77.41.0/24",
    "10.77.42.0/24",
    "10.77.43.0/24",
    "10.77.44.0/24",
];

/// A sandbox that has checked this file's subnets.
fn sandbox() -> Sandbox {
    Sandbox::claiming(&SUBNETS)
}

/// One invocation and what it must give.
struct Case {
    args: Vec<String>,
    code: i32,
    /// Found on stderr for an error, on stdout for help and version.
    says: String,
}

fn case(args: &[&str], code: i32, says: &str) -> Case {
    Case {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code,
        says: says.to_owned(),
    }
}

/// Every command of the tree with the words that reach it (the root's are none).
fn commands(command: &clap::Command, path: Vec<String>) -> Vec<(Vec<String>, clap::Command)> {
    let mut all = vec![(path.clone(), command.clone())];
    for sub in command.get_subcommands() {
        let mut longer = path.clone();
        longer.push(sub.get_name().to_owned());
        all.extend(commands(sub, longer));
    }
    all
}

/// What clap's tree says this command must refuse (exit 1) or answer (exit 0).
fn cases_for(path: &[String], command: &clap::Command) -> Vec<Case> {
    let with = |extra: &[String]| [path, extra].concat();
    let words = |words: &[&str]| -> Vec<String> { words.iter().map(|w| (*w).to_owned()).collect() };
    let usage_error = |args: Vec<String>, says: &str| Case {
        args,
        code: 1,
        says: says.to_owned(),
    };
    let mut cases = vec![
        usage_error(
            with(&words(&["--no-such-flag"])),
            "unexpected argument '--no-such-flag'",
        ),
        Case {
            args: with(&words(&["--help"])),
            code: 0,
            says: "Usage: netctl".to_owned(),
        },
        Case {
            args: with(&words(&["--version"])),
            code: 0,
            says: env!("CARGO_PKG_VERSION").to_owned(),
        },
    ];
    for arg in command
        .get_arguments()
        .filter(|a| a.get_action().takes_values() && !a.get_possible_values().is_empty())
    {
        cases.push(usage_error(
            with(&bad_value(command, arg)),
            "invalid value 'not-a-value'",
        ));
    }
    if command.get_arguments().any(clap::Arg::is_required_set) {
        cases.push(usage_error(
            path.to_vec(),
            "the following required arguments were not provided",
        ));
    }
    if command.is_subcommand_required_set() {
        cases.push(usage_error(path.to_vec(), "Usage: netctl"));
    }
    if command.has_subcommands() {
        cases.push(usage_error(
            with(&words(&["no-such-command"])),
            "unrecognized subcommand 'no-such-command'",
        ));
    }
    cases
}

/// The words that give `arg` a value outside its possible values (a positional one after
/// placeholders for the positionals before it).
fn bad_value(command: &clap::Command, arg: &clap::Arg) -> Vec<String> {
    let mut words = match (arg.get_long(), arg.get_short()) {
        (Some(long), _) => vec![format!("--{long}")],
        (None, Some(short)) => vec![format!("-{short}")],
        (None, None) => command
            .get_positionals()
            .take_while(|p| p.get_id() != arg.get_id())
            .map(|_| "x".to_owned())
            .collect(),
    };
    words.push("not-a-value".to_owned());
    words
}

/// Runs one case; returns what went wrong, if anything.
fn check(case: &Case) -> Option<String> {
    let output = netctl().args(&case.args).any_status().run();
    let (stdout, stderr) = (&output.stdout, &output.stderr);
    let (shown, quiet) = if case.code == 0 {
        (stdout, stderr)
    } else {
        (stderr, stdout)
    };
    let right = output.code() == Some(case.code) && shown.contains(&case.says) && quiet.is_empty();
    (!right).then(|| {
        format!(
            "netctl {}: expected exit {} saying {:?}; got {:?}\nstdout: {stdout}\nstderr: {stderr}",
            case.args.join(" "),
            case.code,
            case.says,
            output.code()
        )
    })
}

/// The binary with no colour forced from outside (the harness's default), so that messages
/// compare as plain text.
fn netctl() -> Test {
    Test::new()
}

#[test]
fn every_command_exits_1_on_a_usage_error_and_0_on_help_and_version() {
    let tree = commands(&netctl::cli::Cli::command(), Vec::new());
    let names: Vec<String> = tree.iter().map(|(path, _)| path.join(" ")).collect();
    for expected in [
        "validate",
        "matrix",
        "graph",
        "plan",
        "apply",
        "destroy",
        "import live",
        "import compose",
        "schema",
        "completions",
        "man",
        "agent serve",
        "agent image",
        "lint",
        "export",
        "probe",
        "verify",
        "demo",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:?}"
        );
    }
    let mut cases: Vec<Case> = tree
        .iter()
        .flat_map(|(path, command)| cases_for(path, command))
        .collect();
    cases.extend([
        // The typos that CI used to read as drift (clap's own exit 2), suggestions kept.
        case(
            &["plan", "--detailed-exitcode", "--prnue"],
            1,
            "tip: a similar argument exists: '--prune'",
        ),
        case(
            &["lint", "--fail-on", "eror"],
            1,
            "tip: a similar value exists: 'error'",
        ),
        case(
            &["verify", "--timeout", "1x"],
            1,
            "invalid value '1x' for '--timeout <DURATION>'",
        ),
        case(
            &["validat"],
            1,
            "tip: a similar subcommand exists: 'validate'",
        ),
        case(&["-h"], 0, "Usage: netctl"),
        case(&["-V"], 0, env!("CARGO_PKG_VERSION")),
        case(&["help"], 0, "Usage: netctl"),
        case(&["help", "plan"], 0, "--detailed-exitcode"),
    ]);
    let failures: Vec<String> = cases.iter().filter_map(check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn usage_errors_keep_clap_colouring_rules() {
    let run = |env: &[(&str, &str)]| {
        let mut test = netctl().args(["plan", "--prnue"]).env_remove("NO_COLOR");
        for (key, value) in env {
            test = test.env(key, value);
        }
        test.status(1).run().stderr
    };
    assert!(
        run(&[]).starts_with("error: unexpected argument"),
        "a pipe gets plain text"
    );
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}["));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains("\u{1b}["));
}

#[test]
fn a_blocked_plan_exits_1_with_each_blocked_action_and_a_typo_prints_no_plan() {
    let sandbox = sandbox();
    let id = &sandbox.id;
    let file = sandbox.write(
        "blocked.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  web: {{external: true, name: {id}-web}}
  edge: {{external: true, name: {id}-edge}}
  back: {{name: {id}-back, subnet: 10.77.40.0/24}}
services:
  api: {{container: {id}-api, networks: [web, edge, back]}}
"
        ),
    );
    sandbox.container(&sandbox.name("api"), &[]);
    for flags in [&["-o", "json"][..], &["--detailed-exitcode", "-o", "json"]] {
        let output = sandbox
            .netctl()
            .arg("plan")
            .args(flags)
            .arg(&file)
            .any_status()
            .run();
        assert_eq!(output.code(), Some(1), "plan {flags:?} is not drift");
        let plan = output.json();
        let mut blocked: Vec<&str> = plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["action"] == "blocked")
            .map(|a| a["network"].as_str().unwrap())
            .collect();
        assert_eq!(plan["blocked"], blocked.len(), "{plan:#}");
        blocked.sort_unstable();
        blocked.dedup();
        assert_eq!(blocked, [sandbox.name("edge"), sandbox.name("web")]);
        assert!(plan["changes"].as_u64().unwrap() > 0, "{plan:#}");
        assert!(output.stderr.contains("the plan is blocked"));
    }
    sandbox.netctl().arg("apply").arg(&file).status(1).run();
    assert!(
        !docker(&["network", "inspect", &sandbox.name("back")])
            .status
            .success(),
        "a blocked apply wrote"
    );
    // A typo exits 1 too, but its JSON is an error with no plan in it: CI tells the two apart.
    let typo = sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode", "--prnue", "-o", "json"])
        .arg(&file)
        .status(1)
        .run()
        .json();
    assert!(
        typo["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("'--prnue'")),
        "{typo}"
    );
    assert!(
        typo.get("actions").is_none() && typo.get("blocked").is_none(),
        "{typo}"
    );
}

/// Two networks, both recreated when `internal` flips; `back` has five declared endpoints
/// (api with a static IP and an alias) so that its recreate is under way for a while.
fn recreate_file(sandbox: &Sandbox, internal: bool) -> PathBuf {
    let id = &sandbox.id;
    let mut text = format!(
        "version: 1
project: {id}
networks:
  front: {{name: {id}-front, subnet: 10.77.41.0/24, internal: {internal}}}
  back: {{name: {id}-back, subnet: 10.77.42.0/24, internal: {internal}}}
services:
  api:
    container: {id}-api
    networks:
      front: {{}}
      back: {{aliases: [backend], ipv4_address: 10.77.42.10}}
"
    );
    for worker in WORKERS {
        text.push_str(&format!(
            "  {worker}: {{container: {id}-{worker}, networks: [back]}}\n"
        ));
    }
    sandbox.write(&format!("recreate-{internal}.yaml"), &text)
}

const WORKERS: [&str; 4] = ["w1", "w2", "w3", "w4"];

/// The project lock is free: nobody, the interrupted netctl included, holds it.
fn assert_lock_free(sandbox: &Sandbox) {
    assert_eq!(
        sandbox.markers("lock"),
        Vec::<String>::new(),
        "the project lock is still held"
    );
}

fn journals(sandbox: &Sandbox) -> Vec<String> {
    sandbox.markers("journal")
}

fn apply_ok(sandbox: &Sandbox, file: &Path, extra: &[&str]) -> Value {
    let output = sandbox
        .netctl()
        .arg("apply")
        .arg(file)
        .args(extra)
        .args(["-o", "json"])
        .any_status()
        .run();
    assert!(output.status.success(), "apply failed: {}", output.stderr);
    output.json()
}

#[test]
fn ctrl_c_in_the_middle_of_an_apply_exits_130_and_the_next_apply_converges() {
    let sandbox = sandbox();
    for service in std::iter::once("api").chain(WORKERS) {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply_ok(&sandbox, &recreate_file(&sandbox, false), &[]);
    let back = sandbox.name("back");
    let stranger = sandbox.container(
        &sandbox.name("stranger"),
        &[
            "--network",
            &back,
            "--network-alias",
            "keep-me",
            "--ip",
            "10.77.42.99",
        ],
    );
    let internal = recreate_file(&sandbox, true);

    // Interrupted once `front` is recreated: `back`'s recreate is under way.
    let mut apply = sandbox
        .netctl()
        .arg("apply")
        .arg(&internal)
        .args(["--allow-recreate", "--yes"])
        .spawn();
    apply.wait_for_stdout(&format!("recreated network {}", sandbox.name("front")));
    let (status, stderr) = apply.interrupt(Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{status:?}: {stderr}");
    assert!(stderr.contains("interrupted: apply stopped"), "{stderr}");
    assert_lock_free(&sandbox);
    eprintln!("journals left by the interrupt: {:?}", journals(&sandbox));

    let report = apply_ok(&sandbox, &internal, &["--allow-recreate", "--yes"]);
    eprintln!("replayed by the next apply: {}", report["replayed"]);
    // The stranger is on `back` without the file saying so: drift, and the only thing left.
    let planned = sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode", "-o", "json"])
        .arg(&internal)
        .any_status()
        .run();
    assert_eq!(planned.code(), Some(2));
    let plan: Value = serde_json::from_str(&planned.stdout).unwrap();
    assert_eq!(
        (plan["changes"].as_u64(), plan["drift"].as_u64()),
        (Some(0), Some(1)),
        "{plan}"
    );
    assert!(journals(&sandbox).is_empty(), "{:?}", journals(&sandbox));
    assert_eq!(inspect_network(&back)["Internal"], true);
    assert_eq!(inspect_network(&sandbox.name("front"))["Internal"], true);
    let mut expected: Vec<String> = std::iter::once("api")
        .chain(WORKERS)
        .chain(["stranger"])
        .map(|s| sandbox.name(s))
        .collect();
    expected.sort();
    assert_eq!(members(&back), expected, "an endpoint was lost");
    let endpoint = |container: &str| {
        inspect_container(container)["NetworkSettings"]["Networks"][&back].clone()
    };
    assert_eq!(
        endpoint(&stranger)["IPAMConfig"]["IPv4Address"],
        "10.77.42.99"
    );
    assert!(
        endpoint(&stranger)["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"keep-me".into())
    );
    assert_eq!(endpoint(&sandbox.name("api"))["IPAddress"], "10.77.42.10");
}

#[test]
fn ctrl_c_at_the_confirmation_prompt_exits_130_and_changes_nothing() {
    let sandbox = sandbox();
    sandbox.container(&sandbox.name("api"), &[]);
    apply_ok(&sandbox, &recreate_file(&sandbox, false), &[]);
    let back = inspect_network(&sandbox.name("back"));
    let internal = recreate_file(&sandbox, true);
    // `script` gives netctl a terminal, so that it asks; ^C typed there is Ctrl-C.
    let mut apply = sandbox
        .netctl()
        .arg("apply")
        .arg(&internal)
        .arg("--allow-recreate")
        .on_terminal()
        .spawn();
    apply.wait_for_stdout("Only 'yes' is accepted");
    let (status, rest) = apply.type_ctrl_c(Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{status:?}: {rest}");
    assert!(rest.contains("interrupted: apply stopped"), "{rest}");
    let after = inspect_network(&sandbox.name("back"));
    assert_eq!(
        (&after["Id"], &after["Internal"]),
        (&back["Id"], &false.into())
    );
    assert_lock_free(&sandbox);
}

#[test]
fn ctrl_c_stops_apply_watch_with_130() {
    let sandbox = sandbox();
    sandbox.container(&sandbox.name("api"), &[]);
    let file = recreate_file(&sandbox, false);
    let mut watch = sandbox
        .netctl()
        .arg("apply")
        .arg(&file)
        .arg("--watch")
        .spawn();
    watch.wait_for_stderr("watching", Duration::from_secs(30));
    let status = watch.interrupt(Duration::from_secs(10)).0;
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_lock_free(&sandbox);
}

#[test]
fn ctrl_c_while_destroy_waits_for_the_lock_exits_130_without_a_change() {
    let sandbox = sandbox();
    sandbox.container(&sandbox.name("api"), &[]);
    let file = recreate_file(&sandbox, false);
    apply_ok(&sandbox, &file, &[]);
    let holder = sandbox.hold_lock("pid=1 host=another-machine since=0");

    let mut destroy = sandbox
        .netctl()
        .arg("destroy")
        .arg(&file)
        .arg("--yes")
        .spawn();
    destroy.wait_for_stderr(
        "waiting for netctl (pid 1 on another-machine",
        Duration::from_secs(30),
    );
    let status = destroy.interrupt(Duration::from_secs(10)).0;
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(members(&sandbox.name("back")), [sandbox.name("api")]);

    sandbox.release_lock(&holder);
    sandbox
        .netctl()
        .args(["destroy", "--yes"])
        .arg(&file)
        .status(0)
        .run();
    assert!(
        !docker(&["network", "inspect", &sandbox.name("back")])
            .status
            .success()
    );
}

#[test]
fn ctrl_c_during_a_sidecar_verify_exits_130_and_no_sidecar_stays() {
    let sandbox = sandbox();
    let id = &sandbox.id;
    // Internal networks: a name the source cannot see gets no answer, so isolation checks
    // keep their sidecars busy for the whole timeout.
    let file = sandbox.write(
        "verify.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.43.0/24}}
  two: {{name: {id}-two, internal: true, subnet: 10.77.44.0/24}}
services:
  a: {{container: {id}-a, networks: [one]}}
  b: {{container: {id}-b, networks: [one]}}
  c: {{container: {id}-c, networks: [two]}}
"
        ),
    );
    for service in ["a", "b", "c"] {
        sandbox.container(&sandbox.name(service), &[]);
    }
    apply_ok(&sandbox, &file, &[]);

    let verify = sandbox
        .netctl()
        .arg("verify")
        .arg(&file)
        .arg("--strategy")
        .arg("sidecar")
        .arg("--timeout")
        .arg("2s")
        .arg("-q")
        .spawn();
    assert!(
        eventually(Duration::from_secs(60), || !sandbox.sidecars().is_empty()),
        "no sidecar started"
    );
    let status = verify.interrupt(Duration::from_secs(10)).0;
    assert_eq!(status.code(), Some(130), "{status:?}");
    // Each sidecar ends with its probes (2 s here) and the daemon removes it; the limit is
    // the sidecars' own deadline (timeout + 15 s), a guard against a hang.
    assert!(
        eventually(Duration::from_secs(30), || sandbox.sidecars().is_empty()),
        "sidecars left behind: {:?}",
        sandbox.sidecars()
    );
}
