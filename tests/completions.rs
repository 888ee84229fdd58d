//! The checked-in completions and man page must match what the binary generates.

pub mod harness;

use harness::files::root;
use harness::test::stdout_of;

const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "netctl.bash"),
    ("zsh", "_netctl"),
    ("fish", "netctl.fish"),
    ("powershell", "_netctl.ps1"),
    ("elvish", "netctl.elv"),
];

#[test]
fn checked_in_completions_are_fresh() {
    for (shell, file) in SCRIPTS {
        let generated = stdout_of(&["completions", shell]);
        let checked_in =
            std::fs::read_to_string(root().join("completions").join(file)).unwrap_or_default();
        assert!(
            generated == checked_in,
            "completions/{file} is stale: run scripts/update-completions.sh and commit the result"
        );
    }
}

#[test]
fn checked_in_man_page_is_fresh() {
    let generated = stdout_of(&["man"]);
    let checked_in = std::fs::read_to_string(root().join("man/netctl.1")).unwrap_or_default();
    assert!(
        generated == checked_in,
        "man/netctl.1 is stale: run scripts/update-completions.sh and commit the result"
    );
    assert!(generated.contains(".TH netctl 1"));
}
