//! The difference an edit makes, as a unified diff (for `--dry-run`).

use similar::TextDiff;

/// A unified diff of `before` and `after`, with file names.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
