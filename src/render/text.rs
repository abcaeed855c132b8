//! Making untrusted text safe to show in a terminal.

use std::borrow::Cow;

/// Whether `c` could move the cursor, change colours, reorder text or hide itself on a terminal:
/// control characters (C0, DEL, C1), bidirectional controls and zero-width characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // zero-width no-break space
        )
}

/// Like [`terminal`], keeping line breaks (for multi-line text such as an explanation).
pub fn terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with every unsafe character written as a visible escape (`\u{1b}`), so a title can
/// never move the cursor, recolour the screen or reorder what a person reads.
///
/// ```
/// use docket::render::text::terminal;
/// assert_eq!(terminal("plain"), "plain");
/// assert_eq!(terminal("red\u{1b}[31m"), "red\\u{1b}[31m");
/// assert_eq!(terminal("a\u{202E}b"), "a\\u{202e}b");
/// ```
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
