//! What the editing commands share: opening an edit under the lock, `--dry-run`, turning an
//! edit's plan into output (with the warnings it brings, on standard error), and its errors into
//! exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{CliError, Exit, Settings};
use crate::diagnostic::Diagnostic;
use crate::edit::{EditError, Lock, Session, Wait};
use crate::render::text::{terminal, terminal_path};

/// How long an edit waits for another edit of the same folder to finish, unless
/// `DOCKET_LOCK_WAIT` says otherwise.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Shows the diff instead of writing.
#[derive(Debug, clap::Args)]
pub struct DryRun {
    /// Show the change as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// How many diagnostics an edit shows on standard error before it counts the rest
/// (`docket check` shows them all).
const SHOWN: usize = 20;

/// An edit error as a command-line error; the diagnostics of a rejected edit, or of the broken
/// files that stopped it, go to standard error.
pub fn edit_error(e: EditError, settings: &Settings) -> CliError {
    if let EditError::Rejected { diagnostics, .. } | EditError::Broken { diagnostics, .. } = &e {
        show(diagnostics, settings);
    }
    CliError::Edit(e)
}

/// Writes diagnostics to standard error, at most [`SHOWN`] of them.
fn show(diagnostics: &[Diagnostic], settings: &Settings) {
    for d in diagnostics.iter().take(SHOWN) {
        eprintln!("{}\n", d.render(settings.color_err));
    }
    if diagnostics.len() > SHOWN {
        eprintln!(
            "... and {} more (`docket check` shows them all)\n",
            diagnostics.len() - SHOWN
        );
    }
}

/// How long to wait for another edit's lock: `$DOCKET_LOCK_WAIT` seconds, else [`LOCK_WAIT`];
/// what to say while waiting.
fn wait() -> Result<Wait<'static>, CliError> {
    let limit = match std::env::var("DOCKET_LOCK_WAIT") {
        Err(std::env::VarError::NotPresent) => LOCK_WAIT,
        Ok(s) if s.is_empty() => LOCK_WAIT,
        given => {
            let text = given
                .map_err(|_| CliError::Input("DOCKET_LOCK_WAIT is not valid UTF-8".to_string()))?;
            let seconds = text.trim().parse::<f64>().ok();
            seconds
                .and_then(|s| Duration::try_from_secs_f64(s).ok())
                .ok_or_else(|| {
                    CliError::Input(format!(
                        "DOCKET_LOCK_WAIT is `{}`, which is not a number of seconds such as `10` or `0.5`",
                        terminal(&text)
                    ))
                })?
        }
    };
    Ok(Wait {
        limit,
        notice: &say_waiting,
    })
}

fn say_waiting(folder: &Path) {
    eprintln!(
        "waiting for another edit of `{}` to finish...",
        terminal(&folder.display().to_string())
    );
}

/// Locks and reads the docket under `paths` for an edit.
pub fn open<'a>(paths: &[PathBuf], settings: &'a Settings) -> Result<Session<'a>, CliError> {
    Session::open(paths, &settings.calendars, wait()?).map_err(|e| edit_error(e, settings))
}

/// Locks `folders` for an edit that reads and writes files one by one (`fmt`).
pub fn lock<'p>(folders: impl IntoIterator<Item = &'p Path>) -> Result<Lock, CliError> {
    let mut lock = Lock::default();
    lock.folders(folders, &wait()?)?;
    Ok(lock)
}

/// Checks the session's edit and writes it (or shows it, with `--dry-run`), saying what changed.
pub fn finish(
    session: Session,
    what: &str,
    dry: &DryRun,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<Exit, CliError> {
    let plan = session.finish().map_err(|e| edit_error(e, settings))?;
    // What `check` would now say that it did not say before, at once.
    show(&plan.warnings, settings);
    if plan.changes.is_empty() {
        writeln!(out, "nothing to change: {}", terminal(what))?;
        return Ok(Exit::Success);
    }
    if dry.dry_run {
        write!(out, "{}", plan.diff())?;
        writeln!(out, "dry run: {} (nothing written)", terminal(what))?;
    } else {
        plan.write().map_err(|e| edit_error(e, settings))?;
        let files: Vec<String> = plan
            .changes
            .iter()
            .map(|c| terminal_path(&c.path))
            .collect();
        writeln!(out, "{} ({})", terminal(what), files.join(", "))?;
    }
    for note in &plan.recorded {
        writeln!(out, "  {}", terminal(note))?;
    }
    Ok(Exit::Success)
}
