//! Errors of the editing layer, each with its exit code.

use crate::diagnostic::Diagnostic;

/// An edit that was refused or failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No record has the id.
    #[error("no record has the id `{id}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    NotFound {
        /// The id asked for.
        id: String,
        /// The nearest id.
        suggestion: Option<String>,
    },
    /// The request itself is wrong (a bad value, key or date).
    #[error("{0}")]
    Invalid(String),
    /// The edited docket would not be valid.
    #[error("the edit would leave `{path}` invalid, so nothing was written")]
    Rejected {
        /// The file.
        path: String,
        /// What would be wrong.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file changed on disk since it was read.
    #[error(
        "`{0}` changed on disk while it was being edited; nothing was written, run the command again"
    )]
    Changed(String),
    /// The file has several hard links; replacing it would split them.
    #[error(
        "`{path}` has {links} hard links; replacing it would split them, so nothing was written (edit it through one link after removing the others)"
    )]
    HardLinks {
        /// The file.
        path: String,
        /// How many links.
        links: u64,
    },
    /// Reading or writing failed.
    #[error("cannot {what} `{path}`: {message}")]
    Io {
        /// read or write.
        what: &'static str,
        /// The file.
        path: String,
        /// The operating system's words.
        message: String,
    },
}

impl EditError {
    /// Whether the failure is about the file system (exit 3) rather than the request (exit 2).
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            EditError::Changed(_) | EditError::HardLinks { .. } | EditError::Io { .. }
        )
    }
}
