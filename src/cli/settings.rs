//! Validated settings shared by every command: colour, calendars, today.

use std::io::IsTerminal;

use super::{Cli, CliError};
use crate::calendar::Calendars;
use crate::court_rules::RuleSets;

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
    /// The folder of the user's rule-set files, if any (read when a command needs the sets).
    pub rules_dir: Option<std::path::PathBuf>,
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
        check_docket_now()?;
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
        let rules_dir = match &cli.rules {
            Some(dir) if !dir.is_dir() => {
                return Err(CliError::Input(format!(
                    "rule folder `{}` does not exist or is not a folder",
                    dir.display()
                )));
            }
            Some(dir) => Some(dir.clone()),
            None => Some(std::path::PathBuf::from("rules")).filter(|p| p.is_dir()),
        };
        Ok(Settings {
            color,
            color_err,
            calendars,
            rules_dir,
        })
    }

    /// The rule sets, built-in and the user's, with the problems of the user's files.
    pub fn rule_sets(&self) -> (RuleSets, Vec<crate::diagnostic::Diagnostic>) {
        match &self.rules_dir {
            Some(dir) => RuleSets::with_dir(dir, &self.calendars),
            None => (RuleSets::builtin().clone(), Vec::new()),
        }
    }
}

/// `$DOCKET_NOW`, when set, must be an RFC 3339 date-time: one that is not would otherwise be
/// passed over in silence for the clock, and "today" would not be the day the user pinned.
fn check_docket_now() -> Result<(), CliError> {
    match std::env::var("DOCKET_NOW") {
        Err(std::env::VarError::NotPresent) => Ok(()),
        Ok(s) if s.is_empty() || chrono::DateTime::parse_from_rfc3339(&s).is_ok() => Ok(()),
        Ok(s) => Err(CliError::Input(format!(
            "DOCKET_NOW is `{}`, which is not an RFC 3339 date-time such as `2026-01-15T09:00:00-07:00`",
            crate::render::text::terminal(&s)
        ))),
        Err(std::env::VarError::NotUnicode(_)) => Err(CliError::Input(
            "DOCKET_NOW is not valid UTF-8; expected an RFC 3339 date-time such as `2026-01-15T09:00:00-07:00`".into(),
        )),
    }
}
