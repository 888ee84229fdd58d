//! Parsers for the probe and verify flags whose values have a shape: `--http PORT/PATH` and
//! `--timeout 500ms`. Kept here, beside what they feed, so the CLI stays declarations only.

use std::time::Duration;

/// `8080/health` → `(8080, "/health")`; a bare port asks for `/`.
pub fn parse_http(text: &str) -> Result<(u16, String), String> {
    let (port, path) = match text.split_once('/') {
        Some((port, path)) => (port, format!("/{path}")),
        None => (text, "/".to_owned()),
    };
    let port = port
        .parse::<u16>()
        .ok()
        .filter(|port| *port > 0)
        .ok_or_else(|| format!("`{text}` is not PORT/PATH (e.g. 8080/health)"))?;
    Ok((port, path))
}

/// `500ms`, `2s` or `1.5s`, between 1 ms and 60 s: a probe waits no longer than that.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    crate::duration::parse_within(text, Duration::from_millis(1), Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_checks_take_a_port_and_an_optional_path() {
        assert_eq!(parse_http("8080/health"), Ok((8080, "/health".to_owned())));
        assert_eq!(parse_http("80"), Ok((80, "/".to_owned())));
        assert_eq!(parse_http("80/a/b?c=1"), Ok((80, "/a/b?c=1".to_owned())));
        assert!(parse_http("/health").is_err());
        assert!(parse_http("0/health").is_err());
        assert!(parse_http("99999").is_err());
    }

    #[test]
    fn timeouts_need_a_unit_and_a_sane_size() {
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_timeout("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_timeout("2").is_err());
        assert!(parse_timeout("0ms").is_err());
        assert!(parse_timeout("5m").is_err());
        assert!(parse_timeout("120s").is_err());
        assert!(parse_timeout("-1s").is_err());
    }
}
