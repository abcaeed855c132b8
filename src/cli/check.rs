//! `docket check`: validate every timeline file; exit 0 only when all are valid.

use std::io::Write;

use super::docket_args::{Paths, read};
use super::{CliError, Exit, Settings, problems};
use crate::diagnostic::{Diagnostic, Severity};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with source snippets.
    Text,
    /// A JSON list of diagnostics.
    Json,
}

/// Arguments of `docket check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket check
  docket check timelines/ --format json

Exit 0 when every file is valid (warnings allowed), 1 when errors were found or a recorded
due date moved (review it, then `docket accept ID`), 3 when a file or folder cannot be read.")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let mut docket = read(&args.paths, settings)?;
    let rules = super::rules::check_sets(settings, &docket);
    docket.diagnostics.extend(rules);
    let future = docket.stamped_after(crate::timeline::now());
    docket.diagnostics.extend(future);
    let errors = docket
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let moved = docket
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Moved)
        .count();
    let warnings = docket.diagnostics.len() - errors - moved;
    match args.format {
        CheckFormat::Json => {
            let list: Vec<_> = docket.diagnostics.iter().map(|d| d.to_json()).collect();
            let value = serde_json::json!({
                "version": super::JSON_VERSION,
                "errors": errors,
                "warnings": warnings,
                "moved": moved,
                "diagnostics": list,
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).expect("JSON of plain data")
            )?;
        }
        CheckFormat::Text => {
            let all: Vec<&Diagnostic> = docket.diagnostics.iter().collect();
            problems::write(&all, settings.color, out)?;
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            writeln!(
                out,
                "{} timeline{}, {} event{}, {} deadline{}: {errors} error{}, {warnings} warning{}, {moved} moved date{}",
                docket.timelines.len(),
                plural(docket.timelines.len()),
                docket.events.len(),
                plural(docket.events.len()),
                docket.deadlines.len(),
                plural(docket.deadlines.len()),
                plural(errors),
                plural(warnings),
                plural(moved),
            )?;
        }
    }
    Ok(if docket.diagnostics.iter().any(|d| d.is_io()) {
        Exit::Io
    } else if errors + moved > 0 {
        Exit::Attention
    } else {
        Exit::Success
    })
}
