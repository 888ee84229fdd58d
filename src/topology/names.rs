//! The naming rules the Docker Engine and Compose apply, checked before anything reaches them.

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn starts_alphanumeric(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The Engine's container name rule: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub fn is_container_name(name: &str) -> bool {
    name.len() >= 2 && starts_alphanumeric(name) && name.chars().all(is_name_char)
}

/// Network names follow the container rule but may be a single character.
pub fn is_network_name(name: &str) -> bool {
    starts_alphanumeric(name) && name.chars().all(is_name_char) && name.len() <= 255
}

/// Compose's project rule: lowercase, digits, `-` and `_`.
pub fn is_project_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
}

/// A network alias is a DNS name answered by the embedded resolver.
pub fn is_alias(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && starts_alphanumeric(name)
        && name.chars().all(is_name_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_the_engine_rules() {
        assert!(is_container_name("versatile-agent"));
        assert!(!is_container_name("a"));
        assert!(!is_container_name("-agent"));
        assert!(!is_container_name("agent web"));
        assert!(is_network_name("w"));
        assert!(!is_network_name("bad/name"));
        assert!(is_project_name("versatile_hub-2"));
        assert!(!is_project_name("Versatile"));
        assert!(is_alias("api.internal"));
        assert!(!is_alias(""));
    }
}
