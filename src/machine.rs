//! The machine this netctl runs on, by name: sidecars and lock holders carry it, so that one
//! machine never sweeps or names as stale what another machine's netctl owns.

/// The kernel's node name (`uname -n`).
pub fn name() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}
