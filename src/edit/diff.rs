//! The difference an edit makes, as a unified diff (for `--dry-run`).

use similar::TextDiff;

use crate::render::text::terminal;

/// A unified diff of `before` and `after`, with file names (safe to print on a terminal).
pub fn unified(path: &str, before: &str, after: &str) -> String {
    let path = terminal(path);
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
