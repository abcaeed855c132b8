//! Errors of the command-line layer, each tied to its exit code.

use super::exit::Exit;
use crate::calendar::CalendarError;
use crate::edit::EditError;
use crate::rules::{ComputeError, PeriodError};
use crate::timeline::io_words;

/// A command that could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input: an argument, a date, a period, a calendar name (exit 2).
    #[error("{0}")]
    Input(String),
    /// Bad input already reported in full (diagnostics printed); exit 2 with no further message.
    #[error("")]
    Reported,
    /// Writing the command's output to standard output failed (exit 3; a closed pipe ends the
    /// command quietly, see [`CliError::is_broken_pipe`]).
    #[error("cannot write to standard output: {}", io_words(.0))]
    Output(#[source] std::io::Error),
    /// Another I/O failure (exit 3): what was being done, and the operating system's error.
    #[error("{context}: {}", io_words(source))]
    Io {
        /// What was being done, such as "cannot write `deadlines.ics`".
        context: String,
        /// The error.
        source: std::io::Error,
    },
    /// A refused or failed write, or a file that cannot be read, said in words (exit 3).
    #[error("{0}")]
    Failed(String),
    /// An edit that was refused or failed (exit 2 or 3, as [`EditError::is_io`] says).
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl CliError {
    /// The exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            CliError::Input(_) | CliError::Reported => Exit::Usage,
            CliError::Output(_) | CliError::Io { .. } | CliError::Failed(_) => Exit::Io,
            CliError::Edit(e) if e.is_io() => Exit::Io,
            CliError::Edit(_) => Exit::Usage,
        }
    }

    /// Whether the error is standard output closed by its reader (`docket list | head`), which
    /// ends a command quietly and successfully.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<CalendarError> for CliError {
    fn from(e: CalendarError) -> Self {
        match e {
            CalendarError::Io { .. } => CliError::Failed(e.to_string()),
            _ => CliError::Input(e.to_string()),
        }
    }
}

impl From<ComputeError> for CliError {
    fn from(e: ComputeError) -> Self {
        CliError::Input(e.to_string())
    }
}

impl From<PeriodError> for CliError {
    fn from(e: PeriodError) -> Self {
        CliError::Input(format!("invalid period: {e}"))
    }
}

/// An error writing the command's output to standard output, the only I/O a command does
/// through `?`.
impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}
