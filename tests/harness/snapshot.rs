//! Snapshots that hold from run to run: insta settings whose filters replace what changes
//! every time (the sandbox's id, container and network ids, times and addresses) by a tag.

/// Settings that redact `run` (a sandbox id), hex ids, durations, timestamps and addresses.
pub fn redacted(run: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    for (pattern, tag) in [
        (run, "[RUN]"),
        (r"\b[0-9a-f]{64}\b", "[ID]"),
        (r"\b[0-9a-f]{12}\b", "[ID]"),
        (
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
            "[TIMESTAMP]",
        ),
        (r#"time="[0-9.]+""#, r#"time="[TIME]""#),
        (r"\b\d+(\.\d+)?\s?(ns|µs|us|ms|s)\b", "[TIME]"),
        (r"\b\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?\b", "[ADDR]"),
    ] {
        settings.add_filter(pattern, tag);
    }
    settings
}
