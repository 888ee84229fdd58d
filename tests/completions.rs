//! The checked-in completions and man page must match what the binary generates.

pub mod harness;

use harness::Test;
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

/// `man --dir` writes a page for every command the main page names, and man/ holds exactly
/// those pages as they are generated now.
#[test]
fn checked_in_man_pages_are_fresh_and_every_reference_has_its_page() {
    let out = tempfile::tempdir().expect("a temporary folder");
    let dir = out.path().join("pages");
    Test::new().args(["man", "--dir"]).arg(&dir).status(0).run();
    let names = |folder: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let generated = names(&dir);
    assert_eq!(
        generated,
        names(&root().join("man")),
        "man/ is stale: run scripts/update-completions.sh and commit the result"
    );
    for name in &generated {
        let page = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        let kept = std::fs::read_to_string(root().join("man").join(name)).unwrap_or_default();
        assert!(
            page == kept,
            "man/{name} is stale: run scripts/update-completions.sh"
        );
        for line in page
            .lines()
            .filter(|l| l.starts_with("netctl\\-") && l.ends_with("(1)"))
        {
            let referenced = format!("{}.1", line.trim_end_matches("(1)").replace("\\-", "-"));
            assert!(
                generated.contains(&referenced),
                "{name} names {line}, which has no page"
            );
        }
    }
    assert!(
        generated.contains(&"netctl-import-compose.1".to_owned()),
        "{generated:?}"
    );
}
