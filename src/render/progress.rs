//! What long work shows while it runs: for apply an indicatif bar on a terminal, one line per
//! action when output goes to a file or CI, nothing with `--quiet` or JSON output; for probes a
//! spinner or one line. Plain characters only, so NO_COLOR holds.

use crate::apply;
use crate::plan::Action;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    Bar,
    Lines,
    Quiet,
}

impl ProgressMode {
    /// A bar only for a person at a terminal: not in CI, not when either output goes to a
    /// pipe or a file, not with `--quiet`.
    pub fn detect(quiet: bool, lines_allowed: bool) -> ProgressMode {
        let at_terminal = std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
        if quiet {
            ProgressMode::Quiet
        } else if at_terminal && std::env::var_os("CI").is_none() {
            ProgressMode::Bar
        } else if lines_allowed {
            ProgressMode::Lines
        } else {
            ProgressMode::Quiet
        }
    }
}

/// Apply's progress, as `mode` allows.
pub struct ApplyProgress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
}

impl ApplyProgress {
    pub fn new(mode: ProgressMode) -> ApplyProgress {
        ApplyProgress { mode, bar: None }
    }
}

impl apply::Progress for ApplyProgress {
    fn begin(&mut self, writes: usize) {
        self.bar = (self.mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::new(u64::try_from(writes).unwrap_or(u64::MAX));
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar
        });
    }

    fn start(&mut self, action: &Action) {
        if let Some(bar) = &self.bar {
            let target = [action.container(), action.network()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" → ");
            bar.set_message(format!("{} {target}", action.kind()));
        }
    }

    fn finish(&mut self, action: &Action) {
        match (&self.bar, self.mode) {
            (Some(bar), _) => bar.inc(1),
            (None, ProgressMode::Lines) => println!("{}", describe(action)),
            (None, _) => {}
        }
    }

    fn end(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A plain spinner saying what runs, for probes: shown only in `Bar` mode; `Lines` prints the
/// message once.
pub fn spinner(mode: ProgressMode, message: String) -> Option<ProgressBar> {
    match mode {
        ProgressMode::Bar => {
            let spinner = ProgressBar::new_spinner();
            spinner.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            spinner.set_message(message);
            spinner.enable_steady_tick(Duration::from_millis(100));
            Some(spinner)
        }
        ProgressMode::Lines => {
            eprintln!("{message}");
            None
        }
        ProgressMode::Quiet => None,
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
