//! "Did you mean" suggestions for misspelt names.

/// The candidate nearest to `input`, if one is close enough to be a likely typo.
///
/// ```
/// assert_eq!(docket::suggest::nearest("dayz", ["days", "weeks"]), Some("days"));
/// assert_eq!(docket::suggest::nearest("fortnight", ["days", "weeks"]), None);
/// ```
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
///
/// ```
/// assert_eq!(docket::suggest::nearest_zone("America/Denvr"), Some("America/Denver"));
/// ```
pub fn nearest_zone(input: &str) -> Option<&'static str> {
    nearest(input, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
}
