//! Validated settings shared by every command: colour, calendars, today.

use std::io::IsTerminal;

use super::{Cli, CliError};
use crate::calendar::Calendars;

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Settings resolved from the arguments and the environment before any command runs.
#[derive(Debug)]
pub struct Settings {
    /// Whether to write colour to standard output.
    pub color: bool,
    /// Whether to write colour to standard error.
    pub color_err: bool,
    /// The calendars: built-in plus the user's.
    pub calendars: Calendars,
}

impl Settings {
    /// Resolves the settings.
    pub fn new(cli: &Cli) -> Result<Settings, CliError> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let pick = |terminal: bool| match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        };
        let color = pick(std::io::stdout().is_terminal());
        let color_err = pick(std::io::stderr().is_terminal());
        let calendars = match &cli.calendars {
            Some(dir) if !dir.is_dir() => {
                return Err(CliError::Input(format!(
                    "calendar folder `{}` does not exist or is not a folder",
                    dir.display()
                )));
            }
            Some(dir) => Calendars::with_dir(dir)?,
            None if std::path::Path::new("calendars").is_dir() => {
                Calendars::with_dir(std::path::Path::new("calendars"))?
            }
            None => Calendars::builtin().clone(),
        };
        Ok(Settings {
            color,
            color_err,
            calendars,
        })
    }
}
