//! Errors of the command-line layer, each tied to its exit code.

use super::exit::Exit;
use crate::calendar::CalendarError;
use crate::rules::{ComputeError, PeriodError};

/// A command that could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input: an argument, a date, a period, a calendar name (exit 2).
    #[error("{0}")]
    Input(String),
    /// Bad input already reported in full (diagnostics printed); exit 2 with no further message.
    #[error("")]
    Reported,
    /// An I/O failure (exit 3).
    #[error("{0}")]
    Io(String),
}

impl CliError {
    /// The exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            CliError::Input(_) | CliError::Reported => Exit::Usage,
            CliError::Io(_) => Exit::Io,
        }
    }
}

impl From<CalendarError> for CliError {
    fn from(e: CalendarError) -> Self {
        match e {
            CalendarError::Io { .. } => CliError::Io(e.to_string()),
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

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Io(e.to_string())
    }
}
