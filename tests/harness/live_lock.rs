//! The machine-wide lock every live test takes, so that live tests run one at a time across
//! test binaries and processes: a swarm init or leave resets the embedded DNS of every running
//! container, and a scale run would skew every other test's timeouts.

use std::fs::File;

/// Waits for the lock; it is held until the returned file is dropped.
pub fn acquire() -> File {
    let path = std::env::temp_dir().join("netctl-live-tests.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .expect("the live-test lock file");
    file.lock().expect("the live-test lock");
    file
}
