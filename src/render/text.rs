//! Making untrusted text safe to show in a terminal: titles, ids, notes and file names.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` could move the cursor, change colours, break or reorder a line, or hide itself on
/// a terminal: control characters (C0, DEL, C1), the line and paragraph separators (U+2028,
/// U+2029), bidirectional controls and zero-width characters.
///
/// ```
/// use docket::render::text::is_unsafe;
/// assert!(is_unsafe('\u{1b}') && is_unsafe('\u{2028}') && is_unsafe('\u{202e}'));
/// assert!(!is_unsafe('é') && !is_unsafe(' '));
/// ```
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // zero-width no-break space
        )
}

/// Whether `c` ends a line in the text of a title or a note: a line feed, a carriage return, or
/// the Unicode line and paragraph separators. Views that can show a line break (an iCalendar
/// `\n`, a space in a Markdown cell) show these as one.
///
/// ```
/// use docket::render::text::is_line_break;
/// assert!(is_line_break('\n') && is_line_break('\u{2029}'));
/// assert!(!is_line_break('\t'));
/// ```
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Like [`terminal`], keeping line breaks (for multi-line text such as an explanation).
///
/// ```
/// use docket::render::text::terminal_lines;
/// assert_eq!(terminal_lines("one\ntwo\u{1b}[2J"), "one\ntwo\\u{1b}[2J");
/// ```
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
/// assert_eq!(terminal("a\u{2028}b"), "a\\u{2028}b");
/// ```
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file name as a message shows it: [`terminal`]-safe, so a name made to hold an escape
/// sequence cannot act on the terminal that prints it (bytes that are not UTF-8 are shown as
/// `�`, as [`Path::display`] does).
///
/// ```
/// use std::path::Path;
/// use docket::render::text::terminal_path;
/// assert_eq!(terminal_path(Path::new("t.toml")), "t.toml");
/// assert_eq!(terminal_path(Path::new("a\u{1b}[2J.toml")), "a\\u{1b}[2J.toml");
/// ```
pub fn terminal_path(path: &Path) -> String {
    terminal(&path.to_string_lossy()).into_owned()
}
