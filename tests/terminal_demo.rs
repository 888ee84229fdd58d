//! `netctl demo` in a real terminal of 80 × 40 (tmux): the verdict grid is on the screen at
//! the end, and no line, joined back where the terminal wrapped it, is wider than 80 columns.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of this test's own (its own socket), killed however the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(socket: String, width: u16, height: u16, command: &str) -> Tmux {
        let tmux = Tmux { socket };
        let (width, height) = (width.to_string(), height.to_string());
        tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width,
            "-y",
            &height,
            "-e",
            "LANG=C.UTF-8",
            command,
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs (scripts/ci-deps.sh installs it)");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The visible screen, with lines the terminal wrapped joined back.
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-J"])
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
fn the_demo_fits_an_80_column_terminal_with_its_grid_on_screen() {
    let lab = Sandbox::new();
    let command = format!(
        // As a person runs it: not in CI, whatever this test runs under.
        "env -u CI -u NO_COLOR -u COLUMNS {} demo; echo \"netctl-exit=$?\"; sleep 600",
        env!("CARGO_BIN_EXE_netctl")
    );
    let tmux = Tmux::start(lab.name("tmux"), 80, 40, &command);
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut screen = tmux.screen();
    while !screen.contains("netctl-exit=") {
        assert!(Instant::now() < deadline, "the demo did not end:\n{screen}");
        std::thread::sleep(Duration::from_millis(500));
        screen = tmux.screen();
    }
    assert!(screen.contains("netctl-exit=0"), "{screen}");
    assert!(
        screen.lines().any(|l| l.starts_with("a agent ")),
        "no grid row on screen:\n{screen}"
    );
    assert!(
        screen.contains("✓ reachable  · isolated  ✗ failed"),
        "{screen}"
    );
    assert!(
        screen.contains("ok: 524 passed, 0 failed, 0 skipped"),
        "{screen}"
    );
    let widest = screen.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{screen}");
}
