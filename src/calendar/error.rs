//! Errors of the calendar layer.

use super::index::{MAX_DATE, MIN_DATE};

/// What can go wrong looking up or building a calendar.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    /// No calendar has that name.
    #[error("unknown calendar `{name}`{}; known calendars: {known}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    Unknown {
        /// The name asked for.
        name: String,
        /// The nearest known name, if any is close.
        suggestion: Option<String>,
        /// Every known name, comma-separated.
        known: String,
    },
    /// A calendar file is malformed.
    #[error("invalid calendar {origin}: {message}")]
    Invalid {
        /// The file or built-in name.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A calendar could not be read.
    #[error("cannot read calendar {origin}: {message}")]
    Io {
        /// The file.
        origin: String,
        /// The operating system's message.
        message: String,
    },
    /// A date outside the range the calendars cover.
    #[error("{what} is outside the supported range {MIN_DATE} to {MAX_DATE}")]
    OutOfRange {
        /// The date, or a description of the day that would have been reached.
        what: String,
    },
}
