//! The default output of `netctl verify` on the real Versatile Hub (14 placeholder services on
//! the lab's own networks), passing and with one membership broken, at 80 and 200 columns,
//! with and without color: snapshots of the whole screen, a passing run within 40 lines of 80
//! columns, the broken membership named once as the cause, `-q` printing only causes, `-v`
//! every check, and the ASCII stand-ins when the locale is not UTF-8.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::lab::versatile_hub;
use harness::snapshot::redacted;
use harness::test::Output;
use harness::{Sandbox, Test};
use netctl::topology::write::Document;
use std::path::Path;

/// `netctl verify FILE` as a person at a terminal of `columns` sees it.
fn verify(file: &Path, columns: usize, extra: &[&str]) -> Output {
    Test::new()
        .args(["verify", file.to_str().unwrap(), "--strategy", "netns"])
        .args(["--timeout", "500ms"])
        .args(extra)
        .env("COLUMNS", columns.to_string())
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .any_status()
        .run()
}

fn without_color(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        plain.push_str(&rest[..start]);
        rest = rest[start..].split_once('m').map_or("", |(_, after)| after);
    }
    plain.push_str(rest);
    plain
}

fn widest(text: &str) -> usize {
    without_color(text)
        .lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
}

/// The four screens of one state of the hub, snapshotted as `<state>_<columns>_<color>`.
fn snapshot_screens(file: &Path, lab: &Sandbox, state: &str, code: i32) -> String {
    let mut passing_80 = String::new();
    for columns in [80, 200] {
        for color in ["never", "always"] {
            let output = verify(file, columns, &["--color", color]);
            assert_eq!(
                output.code(),
                Some(code),
                "{}{}",
                output.stdout,
                output.stderr
            );
            assert!(
                widest(&output.stdout) <= columns,
                "a line is wider than {columns} columns:\n{}",
                output.stdout
            );
            assert_eq!(
                output.stdout.contains('\x1b'),
                color == "always",
                "--color {color}"
            );
            let mut settings = redacted(&lab.label());
            settings.add_filter(r"\d+ API calls", "[N] API calls");
            settings.bind(|| {
                insta::assert_snapshot!(format!("{state}_{columns}_{color}"), output.stdout);
            });
            if columns == 80 && color == "never" {
                passing_80 = output.stdout;
            }
        }
    }
    passing_80
}

#[test]
fn the_hub_verdict_fits_one_screen_and_names_a_broken_membership_once() {
    let mut lab = Sandbox::with_agent(false);
    let topology = versatile_hub(&mut lab);
    let file = lab.write("hub.yaml", &Document::from(&topology).to_yaml());

    let passing = snapshot_screens(&file, &lab, "passing", 0);
    assert!(
        passing.lines().count() <= 40,
        "{} lines:\n{passing}",
        passing.lines().count()
    );
    assert!(
        passing.starts_with("ok: 524 passed, 0 failed, 0 skipped"),
        "{passing}"
    );
    let quiet = verify(&file, 80, &["-q"]);
    assert_eq!(
        (quiet.code(), quiet.stdout.as_str()),
        (Some(0), ""),
        "{}",
        quiet.stderr
    );
    assert_eq!(quiet.stderr, "", "-q says nothing of a run that held");
    let ascii = Test::new()
        .args(["verify", file.to_str().unwrap(), "--strategy", "netns"])
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .run();
    assert!(ascii.stdout.is_ascii(), "{}", ascii.stdout);
    assert!(
        ascii.stdout.contains("+ reachable  . isolated  x failed"),
        "{}",
        ascii.stdout
    );

    lab.disconnect("hub-backend", "shared");
    let broken = snapshot_screens(&file, &lab, "broken", 2);
    let causes: Vec<&str> = broken.lines().filter(|l| l.starts_with("✗ ")).collect();
    assert_eq!(causes.len(), 1, "one cause:\n{broken}");
    assert!(
        causes[0].starts_with("✗ hub-backend is not on `shared` (2 services expect to reach it)"),
        "{broken}"
    );
    let words = broken.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("`netctl apply` reconnects it"), "{broken}");
    let quiet = verify(&file, 80, &["-q"]);
    assert_eq!(quiet.code(), Some(2));
    assert!(
        quiet.stdout.starts_with("✗ hub-backend is not on `shared`")
            && quiet.stdout.lines().count() <= 4,
        "{}",
        quiet.stdout
    );
    let verbose = verify(&file, 200, &["-v"]);
    let rows = verbose
        .stdout
        .lines()
        .filter(|l| l.contains(" failed "))
        .count();
    assert!(rows > 3, "-v lists every failed check:\n{}", verbose.stdout);
    assert!(verbose.stdout.contains("✗ hub-backend is not on `shared`"));
}
