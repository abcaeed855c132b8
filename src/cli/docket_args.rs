//! Arguments shared by the commands that read a docket: paths and filters.

use std::path::PathBuf;

use super::{CliError, Settings, problems};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::parse_date;
use crate::timeline::{Docket, Filter, Links, Status, default_dir, find_files_with};

/// Where the timelines are.
#[derive(Debug, clap::Args)]
pub struct Paths {
    /// Timeline files or folders (default: `$DOCKET_DIR`, else `timelines/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Follow every symbolic link met in the folders read, also those that lead out of them
    /// (by default only links that stay inside a folder are followed).
    #[arg(long)]
    pub follow: bool,
}

/// Which records to show.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Only this timeline (repeatable).
    #[arg(long = "timeline", value_name = "ID")]
    timelines: Vec<String>,
    /// Only records with this tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only timelines with this person responsible.
    #[arg(long, value_name = "NAME")]
    assignee: Option<String>,
    /// Only deadlines with this status (repeatable): open, done, missed, extended, withdrawn, unknown.
    #[arg(long = "status", value_name = "STATUS")]
    statuses: Vec<String>,
}

impl Filters {
    /// The validated filter.
    pub fn filter(&self) -> Result<Filter, CliError> {
        let statuses = self
            .statuses
            .iter()
            .map(|s| {
                serde_json::from_value::<Status>(serde_json::Value::String(s.clone())).map_err(
                    |_| {
                        let near = crate::suggest::nearest(s, Status::WORDS)
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default();
                        CliError::Input(format!(
                            "unknown status `{s}`{near}; expected one of {}",
                            Status::WORDS.join(", ")
                        ))
                    },
                )
            })
            .collect::<Result<_, _>>()?;
        Ok(Filter {
            timelines: self.timelines.clone(),
            tags: self.tags.clone(),
            assignee: self.assignee.clone(),
            statuses,
        })
    }
}

/// Reads `--as-of`.
pub fn as_of(text: &Option<String>) -> Result<Option<chrono::NaiveDate>, CliError> {
    text.as_deref()
        .map(|t| parse_date(t).map_err(|e| CliError::Input(format!("invalid --as-of: {e}"))))
        .transpose()
}

/// The paths to read: those given, or the default folder. With `--follow`, the folders are
/// walked here, every symbolic link followed, and the files found are what is read.
pub fn resolve(paths: &Paths) -> Result<Vec<PathBuf>, CliError> {
    let named = if paths.paths.is_empty() {
        vec![default_dir().map_err(CliError::Input)?]
    } else {
        paths.paths.clone()
    };
    if !paths.follow {
        return Ok(named);
    }
    let (files, problems) = find_files_with(&named, Links::Follow);
    if let Some(unreadable) = problems.iter().find(|p| p.is_io()) {
        return Err(CliError::Failed(unreadable.message.clone()));
    }
    Ok(files)
}

/// Loads the docket; on any error, prints every diagnostic to standard error and fails: exit 3
/// when a file or folder cannot be read, else exit 2.
pub fn load(paths: &Paths, settings: &Settings) -> Result<Docket, CliError> {
    let docket = Docket::load(&resolve(paths)?, &settings.calendars);
    if docket.has_errors() {
        let errors: Vec<&Diagnostic> = docket
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        // Standard error is where this goes; if it cannot be written, the exit code still says.
        let _ = problems::write(&errors, settings.color_err, &mut std::io::stderr().lock());
        let n = docket
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let message = format!(
            "the docket has {n} error{}; `docket check` lists them",
            if n == 1 { "" } else { "s" }
        );
        return Err(match docket.diagnostics.iter().any(|d| d.is_io()) {
            true => CliError::Failed(message),
            false => CliError::Input(message),
        });
    }
    Ok(docket)
}
