//! Fault injection: the k-th write fails, or netctl "crashes" there (before or after the
//! daemon did the write) and every call after it is refused until the test heals the daemon.
//! This is how a test reaches each crash point of a recreate without killing a process.

use crate::live::DaemonError;

/// Where and how the fake daemon fails. Writes are counted from 0 in the order they arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Write `k` is refused (500) without effect; later calls work.
    Fail(usize),
    /// Write `k` never reaches the daemon, and netctl is gone from then on.
    CrashBefore(usize),
    /// Write `k` is done by the daemon but netctl dies before hearing the answer.
    CrashAfter(usize),
}

/// The fault plan and what has happened to it so far.
#[derive(Debug, Default)]
pub struct Faults {
    planned: Option<Fault>,
    writes: usize,
    crashed: bool,
}

/// What a write admitted through the plan must do once the daemon has done it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admitted {
    Normally,
    ThenCrash,
}

impl Faults {
    pub fn plan(&mut self, fault: Fault) {
        self.planned = Some(fault);
    }

    /// No fault from now on, and the crash (if any) is over.
    pub fn heal(&mut self) {
        self.planned = None;
        self.crashed = false;
    }

    pub fn writes(&self) -> usize {
        self.writes
    }

    /// A read goes through unless netctl crashed.
    pub fn admit_read(&self, call: &str) -> Result<(), DaemonError> {
        if self.crashed {
            return Err(crashed(call));
        }
        Ok(())
    }

    /// Counts the write and says whether it may reach the daemon.
    pub fn admit_write(&mut self, call: &str) -> Result<Admitted, DaemonError> {
        self.admit_read(call)?;
        let index = self.writes;
        self.writes += 1;
        match self.planned {
            Some(Fault::Fail(k)) if k == index => Err(DaemonError::Api {
                call: call.to_owned(),
                status: 500,
                message: format!("injected fault at write {index}"),
            }),
            Some(Fault::CrashBefore(k)) if k == index => {
                self.crashed = true;
                Err(crashed(call))
            }
            Some(Fault::CrashAfter(k)) if k == index => Ok(Admitted::ThenCrash),
            _ => Ok(Admitted::Normally),
        }
    }

    /// The daemon did the write; netctl dies now.
    pub fn crash_after(&mut self, call: &str) -> DaemonError {
        self.crashed = true;
        crashed(call)
    }
}

fn crashed(call: &str) -> DaemonError {
    DaemonError::Transport {
        call: call.to_owned(),
        detail: "injected crash: netctl is gone".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_refuses_everything_until_healed() {
        let mut faults = Faults::default();
        faults.plan(Fault::CrashBefore(1));
        assert_eq!(faults.admit_write("w0").unwrap(), Admitted::Normally);
        assert!(faults.admit_write("w1").is_err());
        assert!(faults.admit_read("r").is_err());
        faults.heal();
        assert!(faults.admit_read("r").is_ok());
        assert_eq!(faults.writes(), 2);
    }

    #[test]
    fn a_failure_is_one_write_only() {
        let mut faults = Faults::default();
        faults.plan(Fault::Fail(0));
        assert_eq!(faults.admit_write("w0").unwrap_err().status(), Some(500));
        assert_eq!(faults.admit_write("w1").unwrap(), Admitted::Normally);
    }
}
