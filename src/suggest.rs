//! "Did you mean" suggestions for misspelt names.

/// The candidate nearest to `input`, if one is close enough to be a likely typo.
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The IANA zone name nearest to a misspelt one.
pub fn nearest_zone(input: &str) -> Option<&'static str> {
    nearest(input, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_likely_typo_has_a_suggestion_and_a_different_word_none() {
        assert_eq!(nearest("dayz", ["days", "weeks"]), Some("days"));
        assert_eq!(nearest("DAYS", ["days", "weeks"]), Some("days"));
        assert_eq!(nearest("fortnight", ["days", "weeks"]), None);
        assert_eq!(nearest_zone("America/Denvr"), Some("America/Denver"));
    }
}
