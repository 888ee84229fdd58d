//! Files that are not files: a device that never ends and a FIFO no one writes to are refused
//! at once, with a clear error, by both loaders (`validate` and `lint`), never waited on; a
//! FIFO where `.env` would be is passed over; `apply` sniffs for a saved plan within a bound.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod harness;

use harness::Test;
use std::path::Path;
use std::time::Duration;

/// A run of netctl on `file`, killed (and the test failed) if it waits on it: the guard is
/// against a hang, not a measure of speed.
fn netctl(args: &[&str], file: &Path, status: i32) -> Test {
    Test::new()
        .args(args)
        .arg(file)
        .status(status)
        .timeout(Duration::from_secs(20))
}

#[test]
fn dev_zero_is_too_large_for_both_loaders() {
    for command in [&["validate"][..], &["lint"][..]] {
        netctl(command, Path::new("/dev/zero"), 1)
            .stderr_has("/dev/zero")
            .stderr_has("the file is too large")
            .run();
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
        netctl(command, &fifo, 1)
            .stderr_has("the file is not a regular file")
            .run();
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
    netctl(&["lint"], &compose, 0).run();
}

#[test]
fn apply_refuses_dev_zero_and_a_fifo_before_reading_them_as_a_saved_plan() {
    netctl(&["apply"], Path::new("/dev/zero"), 1)
        .stderr_has("the file is too large")
        .run();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("today.plan");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    netctl(&["apply"], &fifo, 1)
        .stderr_has("the file is not a regular file")
        .run();
}
