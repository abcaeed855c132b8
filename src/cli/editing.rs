//! What the editing commands share: `--dry-run`, turning an edit's plan into output, and its
//! errors into exit codes.

use std::io::Write;

use super::{CliError, Exit, Settings};
use crate::edit::{EditError, Session};
use crate::render::text::{terminal, terminal_path};

/// Shows the diff instead of writing.
#[derive(Debug, clap::Args)]
pub struct DryRun {
    /// Show the change as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// An edit error as a command-line error; a rejected edit's diagnostics go to standard error.
pub fn edit_error(e: EditError, settings: &Settings) -> CliError {
    if let EditError::Rejected { diagnostics, .. } = &e {
        for d in diagnostics {
            eprintln!("{}\n", d.render(settings.color_err));
        }
    }
    if e.is_io() {
        CliError::Io(e.to_string())
    } else {
        CliError::Input(e.to_string())
    }
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
