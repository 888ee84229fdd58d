//! Who holds a marker: a netctl process on a machine since a time, written into the marker's
//! label so that a waiter can name it, and a lock left by a process that died can be taken
//! over (only from the machine it ran on: another machine's processes cannot be seen).

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// Unix seconds.
    pub since: u64,
}

impl Holder {
    /// This process, now.
    pub fn this_process() -> Holder {
        Holder {
            pid: std::process::id(),
            host: crate::machine::name(),
            since: unix_now(),
        }
    }

    /// `pid=… host=… since=…`: the label's value.
    pub fn label(&self) -> String {
        format!("pid={} host={} since={}", self.pid, self.host, self.since)
    }

    pub fn parse(label: &str) -> Option<Holder> {
        let field = |key: &str| {
            label
                .split_whitespace()
                .find_map(|word| word.strip_prefix(key)?.strip_prefix('='))
        };
        Some(Holder {
            pid: field("pid")?.parse().ok()?,
            host: field("host")?.to_owned(),
            since: field("since")?.parse().ok()?,
        })
    }

    /// Known to be gone: on this machine, with no process of that pid that started before it
    /// took the marker (a later one got the pid reused). A holder on another machine is taken
    /// to be alive.
    pub fn is_gone(&self) -> bool {
        self.host == crate::machine::name()
            && started_at(self.pid).is_none_or(|start| start > self.since + CLOCK_SLACK)
    }

    /// As a person reads it: `netctl (pid 4242 on builder, for 12 s)`.
    pub fn describe(&self) -> String {
        format!(
            "netctl (pid {} on {}, for {} s)",
            self.pid,
            self.host,
            unix_now().saturating_sub(self.since)
        )
    }
}

/// Boot time and clock ticks round a process's start to the second.
const CLOCK_SLACK: u64 = 2;

/// When process `pid` started, in Unix seconds, from `/proc`; `None` when there is no such
/// process.
fn started_at(pid: u32) -> Option<u64> {
    let stat =
        std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count from the last `)`.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let ticks: u64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("btime ")?.trim().parse().ok())?;
    let per_second = rustix::param::clock_ticks_per_second().max(1);
    Some(boot + ticks / per_second)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_reads_back() {
        let holder = Holder {
            pid: 42,
            host: "builder".to_owned(),
            since: 7,
        };
        assert_eq!(Holder::parse(&holder.label()), Some(holder));
        assert_eq!(Holder::parse("pid=x host=a since=1"), None);
    }

    #[test]
    fn only_a_dead_holder_of_this_machine_is_gone() {
        let mut holder = Holder::this_process();
        holder.pid = 999_999_999;
        assert!(holder.is_gone());
        holder.host = "elsewhere".to_owned();
        assert!(
            !holder.is_gone(),
            "another machine's processes cannot be seen"
        );
        let alive = Holder::this_process();
        assert!(!alive.is_gone());
        let before_this_process_started = Holder { since: 0, ..alive };
        assert!(before_this_process_started.is_gone(), "a reused pid");
    }
}
