//! Errors of the court-rules layer.

use crate::diagnostic::Diagnostic;

/// What can go wrong finding, reading or using a rule set.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// No set, trigger, question or answer has that name.
    #[error("unknown {what} `{}`{within}{}; known: {known}", crate::suggest::shown(name), suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    Unknown {
        /// `set`, `trigger`, `question`, `answer`, `rule`.
        what: &'static str,
        /// The name given.
        name: String,
        /// Where it was looked for (` in set `frcp``), or nothing.
        within: String,
        /// The nearest known name.
        suggestion: Option<String>,
        /// Every known name.
        known: String,
    },
    /// A question a reached rule needs has no answer.
    #[error("{0}")]
    Unanswered(String),
    /// Bad input of another kind.
    #[error("{0}")]
    Input(String),
    /// Rule-set files with problems, each with file, line and column.
    #[error("{} problem(s) in rule-set files", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// A date could not be computed.
    #[error(transparent)]
    Compute(#[from] crate::rules::ComputeError),
    /// A folder or file that cannot be read.
    #[error("{0}")]
    Io(String),
}
