//! What the screen in front of the person can show: how wide it is, whether it takes color,
//! and whether it draws Unicode symbols; read once from the flags and the environment, so
//! every renderer below it stays pure.

use std::io::IsTerminal;

/// The width assumed when nothing says otherwise (output to a file or a pipe, no `COLUMNS`).
pub const DEFAULT_WIDTH: usize = 80;

/// `--color`: `auto` colors a terminal unless `NO_COLOR` is set; `CLICOLOR_FORCE` colors any
/// output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Display columns a line may take.
    pub width: usize,
    pub color: bool,
    /// Symbols such as ✓ and ✗; ASCII stand-ins otherwise.
    pub unicode: bool,
}

impl Default for Terminal {
    /// A plain 80-column ASCII screen without color: what tests and pipes get.
    fn default() -> Terminal {
        Terminal {
            width: DEFAULT_WIDTH,
            color: false,
            unicode: false,
        }
    }
}

impl Terminal {
    /// Standard output as it is now, read through `env` (the process environment outside
    /// tests).
    pub fn detect(choice: ColorChoice, env: &dyn Fn(&str) -> Option<String>) -> Terminal {
        let stdout = std::io::stdout();
        let is_terminal = stdout.is_terminal();
        Terminal {
            width: width(env, is_terminal.then(|| terminal_width(&stdout)).flatten()),
            color: color(choice, env, is_terminal),
            unicode: unicode(env),
        }
    }
}

/// `COLUMNS` first (a person's explicit word, also for a pipe), then the terminal's own.
fn width(env: &dyn Fn(&str) -> Option<String>, terminal: Option<usize>) -> usize {
    env("COLUMNS")
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0)
        .or(terminal)
        .unwrap_or(DEFAULT_WIDTH)
}

fn terminal_width(stdout: &std::io::Stdout) -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(stdout).ok()?;
    (size.ws_col > 0).then_some(usize::from(size.ws_col))
}

/// <https://no-color.org> and <https://bixense.com/clicolors>: `NO_COLOR` (non-empty) turns
/// color off unless forced; `CLICOLOR_FORCE` (not `0`) turns it on even into a pipe.
fn color(choice: ColorChoice, env: &dyn Fn(&str) -> Option<String>, is_terminal: bool) -> bool {
    let set = |name: &str| env(name).is_some_and(|value| !value.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto
            if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0") =>
        {
            true
        }
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto => is_terminal && env("TERM").as_deref() != Some("dumb"),
    }
}

/// The locale's character set, as C programs read it: `LC_ALL`, then `LC_CTYPE`, then `LANG`;
/// without any, the C locale, which is ASCII.
fn unicode(env: &dyn Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| env(name).filter(|value| !value.is_empty()))
        .is_some_and(|locale| {
            let locale = locale.to_ascii_lowercase();
            locale.contains("utf-8") || locale.contains("utf8")
        })
}

/// The process environment, for [`Terminal::detect`].
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A piece of text in one of the few colors netctl uses; plain when color is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Green,
    Red,
    Yellow,
    Dim,
    Bold,
}

impl Terminal {
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        let code = match paint {
            Paint::Green => "32",
            Paint::Red => "31",
            Paint::Yellow => "33",
            Paint::Dim => "2",
            Paint::Bold => "1",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    /// The Unicode symbol, or its ASCII stand-in.
    pub fn symbol(&self, unicode: &'static str, ascii: &'static str) -> &'static str {
        if self.unicode { unicode } else { ascii }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn columns_wins_over_the_terminal_and_nonsense_is_ignored() {
        assert_eq!(width(&env(&[("COLUMNS", "200")]), Some(100)), 200);
        assert_eq!(width(&env(&[("COLUMNS", "wide")]), Some(100)), 100);
        assert_eq!(width(&env(&[("COLUMNS", "0")]), None), DEFAULT_WIDTH);
        assert_eq!(width(&env(&[]), None), DEFAULT_WIDTH);
    }

    #[test]
    fn no_color_and_clicolor_force_are_heard_under_auto_only() {
        let auto = ColorChoice::Auto;
        assert!(color(auto, &env(&[]), true));
        assert!(!color(auto, &env(&[]), false));
        assert!(!color(auto, &env(&[("NO_COLOR", "1")]), true));
        assert!(
            color(auto, &env(&[("NO_COLOR", "")]), true),
            "empty is unset"
        );
        assert!(color(auto, &env(&[("CLICOLOR_FORCE", "1")]), false));
        assert!(!color(auto, &env(&[("CLICOLOR_FORCE", "0")]), false));
        assert!(!color(auto, &env(&[("TERM", "dumb")]), true));
        assert!(color(
            ColorChoice::Always,
            &env(&[("NO_COLOR", "1")]),
            false
        ));
        assert!(!color(
            ColorChoice::Never,
            &env(&[("CLICOLOR_FORCE", "1")]),
            true
        ));
    }

    #[test]
    fn the_locale_decides_unicode_in_the_c_order() {
        assert!(unicode(&env(&[("LANG", "en_US.UTF-8")])));
        assert!(unicode(&env(&[("LC_ALL", "C.utf8"), ("LANG", "C")])));
        assert!(!unicode(&env(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")])));
        assert!(!unicode(&env(&[])));
    }
}
