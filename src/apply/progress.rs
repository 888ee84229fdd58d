//! What apply shows while it works: an indicatif bar on a terminal, one line per action when
//! output goes to a file or CI, nothing with `--quiet` or JSON output.

use crate::plan::Action;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    Bar,
    Lines,
    Quiet,
}

impl ProgressMode {
    /// A bar only for a person at a terminal: not in CI, not with `--quiet`.
    pub fn detect(quiet: bool, lines_allowed: bool) -> ProgressMode {
        if quiet {
            ProgressMode::Quiet
        } else if std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() {
            ProgressMode::Bar
        } else if lines_allowed {
            ProgressMode::Lines
        } else {
            ProgressMode::Quiet
        }
    }
}

pub struct Progress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(mode: ProgressMode, total: usize) -> Progress {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress { mode, bar }
    }

    pub fn start(&mut self, action: &Action) {
        if let Some(bar) = &self.bar {
            let target = [action.container(), action.network()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" → ");
            bar.set_message(format!("{} {target}", action.kind()));
        }
    }

    pub fn finish(&mut self, action: &Action) {
        match (&self.bar, self.mode) {
            (Some(bar), _) => bar.inc(1),
            (None, ProgressMode::Lines) => println!("{}", describe(action)),
            (None, _) => {}
        }
    }

    pub fn done(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

fn describe(action: &Action) -> String {
    let network = action.network().unwrap_or("-");
    let container = action.container().unwrap_or("-");
    match action {
        Action::CreateNetwork { .. } => format!("created network {network}"),
        Action::RecreateNetwork { .. } => format!("recreated network {network}"),
        Action::RemoveNetwork { .. } => format!("removed network {network}"),
        Action::Connect { .. } => format!("connected {container} to {network}"),
        Action::Reconnect { .. } => format!("reconnected {container} to {network}"),
        Action::Disconnect { .. } => format!("disconnected {container} from {network}"),
        Action::Blocked { .. } | Action::Pending { .. } | Action::Drift { .. } => String::new(),
    }
}
