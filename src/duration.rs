//! Durations as people type them on the command line: `500ms`, `2s`, `1.5s`, `2m`. A unit is
//! required, so `--timeout 2` cannot mean two milliseconds to one reader and two seconds to
//! another.

use std::time::Duration;

/// `text` as a duration within `least..=most`; the error says what was expected.
pub fn parse_within(text: &str, least: Duration, most: Duration) -> Result<Duration, String> {
    let invalid = || format!("`{text}` is not a duration such as 500ms, 2s or 1m");
    let trimmed = text.trim();
    let (number, unit) = if let Some(number) = trimmed.strip_suffix("ms") {
        (number, 0.001)
    } else if let Some(number) = trimmed.strip_suffix('s') {
        (number, 1.0)
    } else if let Some(number) = trimmed.strip_suffix('m') {
        (number, 60.0)
    } else {
        return Err(invalid());
    };
    let number = number.trim().parse::<f64>().map_err(|_| invalid())?;
    let duration = Duration::try_from_secs_f64(number * unit).map_err(|_| invalid())?;
    if duration < least || duration > most {
        return Err(format!(
            "`{text}` is outside {}..{}",
            shown(least),
            shown(most)
        ));
    }
    Ok(duration)
}

/// A wait on the daemon or on another netctl (`--api-timeout`, `--lock-timeout`): from a
/// second (a loaded daemon, a busy apply take that long) to ten minutes (past that, it is
/// stuck, not slow).
pub fn parse_wait(text: &str) -> Result<Duration, String> {
    parse_within(text, Duration::from_secs(1), Duration::from_secs(600))
}

fn shown(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{}ms", duration.as_millis())
    } else {
        format!("{}s", duration.as_secs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn units_are_required_and_read() {
        let most = Duration::from_secs(600);
        assert_eq!(parse_within("500ms", Duration::ZERO, most), Ok(SECOND / 2));
        assert_eq!(parse_within("1.5s", SECOND, most), Ok(SECOND * 3 / 2));
        assert_eq!(parse_within("2m", SECOND, most), Ok(SECOND * 120));
        assert!(parse_within("2", SECOND, most).is_err());
        assert!(parse_within("-1s", SECOND, most).is_err());
        assert!(parse_within("1x", SECOND, most).is_err());
    }

    #[test]
    fn the_range_is_named_when_a_value_is_outside_it() {
        assert_eq!(
            parse_within("11m", SECOND, Duration::from_secs(600)),
            Err("`11m` is outside 1s..600s".to_owned())
        );
        assert_eq!(
            parse_within("0ms", Duration::from_millis(1), SECOND),
            Err("`0ms` is outside 1ms..1s".to_owned())
        );
    }
}
