//! Files that are not files: a device that never ends and a FIFO no one writes to are refused
//! at once, with a clear error, by both loaders (`validate` and `lint`), never waited on; a
//! FIFO where `.env` would be is passed over; `apply` sniffs for a saved plan within a bound.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use assert_cmd::Command;
use predicates::str::contains;
use std::path::Path;
use std::time::Duration;

fn netctl(args: &[&str], file: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("netctl")
        .unwrap()
        .args(args)
        .arg(file)
        .timeout(Duration::from_secs(20))
        .assert()
}

#[test]
fn dev_zero_is_too_large_for_both_loaders() {
    for command in [&["validate"][..], &["lint"][..]] {
        netctl(command, Path::new("/dev/zero"))
            .code(1)
            .stderr(contains("/dev/zero"))
            .stderr(contains("the file is too large"));
    }
}

#[test]
fn a_fifo_is_not_a_regular_file_for_both_loaders() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("topology.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    for command in [&["validate"][..], &["lint"][..]] {
        netctl(command, &fifo)
            .code(1)
            .stderr(contains("the file is not a regular file"));
    }
}

#[test]
fn a_fifo_as_dotenv_does_not_stop_lint() {
    let dir = tempfile::tempdir().unwrap();
    let compose = dir.path().join("compose.yml");
    std::fs::write(&compose, "services:\n  web:\n    image: nginx\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join(".env"))
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    netctl(&["lint"], &compose).code(0);
}

#[test]
fn apply_refuses_dev_zero_and_a_fifo_before_reading_them_as_a_saved_plan() {
    netctl(&["apply"], Path::new("/dev/zero"))
        .code(1)
        .stderr(contains("the file is too large"));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("today.plan");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    netctl(&["apply"], &fifo)
        .code(1)
        .stderr(contains("the file is not a regular file"));
}
