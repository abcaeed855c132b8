//! Arguments shared by the commands that read a docket: paths and filters, and the whole
//! argument set of the views (`list`, `upcoming`); loading a docket for a view or an export.

use std::mem::ManuallyDrop;
use std::path::PathBuf;

use super::{CliError, Format, Settings, problems};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::parse_date;
use crate::timeline::{Docket, Filter, Links, Status, default_dir, find_files_with};

/// The arguments of a view of the docket (`list`, `upcoming`): where, which records, as of
/// when, and how.
#[derive(Debug, clap::Args)]
pub struct View {
    #[command(flatten)]
    pub paths: Paths,
    #[command(flatten)]
    pub filters: Filters,
    /// The day to look from and to evaluate statuses as of (default: today in each timeline's
    /// zone).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

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
    /// Only timelines with this person responsible (in any case: `pat lee` is `Pat Lee`).
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

/// Reads the docket as its files are, errors and all.
///
/// The docket is never freed: the process ends when the command does, and freeing a large
/// docket's millions of small allocations one by one takes longer than the kernel takes to drop
/// its pages (a tenth of a second at a million events, on one core, after the output is done).
pub fn read(paths: &Paths, settings: &Settings) -> Result<ManuallyDrop<Docket>, CliError> {
    Ok(ManuallyDrop::new(Docket::load(
        &resolve(paths)?,
        &settings.calendars,
    )))
}

/// Loads the docket ([`read`]); on any error, prints every diagnostic to standard error and
/// fails: exit 3 when a file or folder cannot be read, else exit 2.
pub fn load(paths: &Paths, settings: &Settings) -> Result<ManuallyDrop<Docket>, CliError> {
    let (docket, broken) = load_view(paths, settings)?;
    match broken {
        Some(e) => Err(e),
        None => Ok(docket),
    }
}

/// Loads the docket for a view, which shows the records of every file without errors: prints
/// the diagnostics of the files with errors to standard error, and returns, beside the docket,
/// the error to end the command with once the view is written (exit 3 when a file or folder
/// cannot be read, else exit 2), so that a script or cron job notices what is missing.
/// Never freed, as with [`read`].
pub fn load_view(
    paths: &Paths,
    settings: &Settings,
) -> Result<(ManuallyDrop<Docket>, Option<CliError>), CliError> {
    let docket = read(paths, settings)?;
    if !docket.has_errors() {
        return Ok((docket, None));
    }
    let errors: Vec<&Diagnostic> = docket
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // Standard error is where this goes; if it cannot be written, the exit code still says.
    let _ = problems::write(&errors, settings.color_err, &mut std::io::stderr().lock());
    let n = errors.len();
    let files = docket.broken_files();
    let named = files
        .iter()
        .take(5)
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ");
    let more = match files.len() {
        0..=5 => String::new(),
        m => format!(" and {} more", m - 5),
    };
    let message = format!(
        "the docket has {n} error{} in {} file{} ({named}{more}), whose records are not shown; `docket check` lists the problems",
        if n == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
    );
    let error = match docket.diagnostics.iter().any(|d| d.is_io()) {
        true => CliError::Failed(message),
        false => CliError::Input(message),
    };
    Ok((docket, Some(error)))
}

/// Checks that every `--timeline`, `--tag` and `--assignee` names something in the docket.
pub fn check_filter(filter: &Filter, docket: &Docket) -> Result<(), CliError> {
    filter
        .check(docket)
        .map_err(|e| CliError::Input(e.to_string()))
}
