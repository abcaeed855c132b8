//! "Did you mean" suggestions for misspelt names.

/// Inputs longer than this (in bytes) get no suggestion: a name that long is not a typo of any
/// name docket knows (the longest IANA zone has 32 characters), and comparing it would cost time
/// in proportion to its length times each candidate's.
pub const MAX_INPUT: usize = 64;

/// The candidate nearest to `input`, if one is close enough to be a likely typo; of equally near
/// candidates, the first in alphabetical order.
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if input.len() > MAX_INPUT {
        return None;
    }
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_INPUT)
        .map(|c| (strsim::jaro_winkler(&input, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        // Of equally near candidates, the first in alphabetical order, whatever order they
        // come in (a docket's ids come in its hash table's order, which changes between runs).
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `text` for a message: as it is when short, else its first characters and how long it was,
/// so a megabyte of input is not echoed back.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_INPUT {
        return text.into();
    }
    let mut end = MAX_INPUT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len()).into()
}

/// The IANA zone name nearest to a misspelt one.
pub fn nearest_zone(input: &str) -> Option<&'static str> {
    nearest(input, chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equally near candidates give the same suggestion in any order.
    #[test]
    fn a_tie_goes_to_the_first_in_alphabetical_order() {
        let ids = ["hearing-3", "hearing-2", "hearing-4"];
        assert_eq!(nearest("hearing-1", ids), Some("hearing-2"));
        let mut reversed = ids;
        reversed.reverse();
        assert_eq!(nearest("hearing-1", reversed), Some("hearing-2"));
    }

    /// A 1 MB time-zone name took 19 s: Jaro-Winkler against every zone is quadratic in the
    /// name's length. A name longer than any known one gets no suggestion, and costs nothing.
    #[test]
    fn a_huge_name_gets_no_suggestion() {
        let huge = format!("America/Denver{}", "x".repeat(1 << 20));
        assert_eq!(nearest_zone(&huge), None);
        assert_eq!(nearest(&huge, ["America/Denver"]), None);
        assert_eq!(nearest_zone("America/Denvr"), Some("America/Denver"));
        let message = crate::rules::parse_zone(&huge).unwrap_err();
        assert!(message.len() < 300, "{} bytes", message.len());
    }

    #[test]
    fn a_long_text_is_shown_by_its_start_and_length() {
        assert_eq!(shown("America/Denvr"), "America/Denvr");
        assert!(shown(&"x".repeat(1_000_000)).ends_with("… (1000000 bytes)"));
    }

    #[test]
    fn a_likely_typo_has_a_suggestion_and_a_different_word_none() {
        assert_eq!(nearest("dayz", ["days", "weeks"]), Some("days"));
        assert_eq!(nearest("DAYS", ["days", "weeks"]), Some("days"));
        assert_eq!(nearest("fortnight", ["days", "weeks"]), None);
        assert_eq!(nearest_zone("America/Denvr"), Some("America/Denver"));
    }
}
