//! `docket rm ID`: remove a record nothing refers to.

use std::io::Write;

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};

/// Arguments of `docket rm`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  docket rm initial-disclosures-due --dry-run")]
pub struct Args {
    /// The record's id.
    id: String,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let users: Vec<&str> = session
        .docket
        .deadlines
        .iter()
        .filter(|d| d.trigger.as_deref() == Some(args.id.as_str()))
        .map(|d| d.id.as_str())
        .collect();
    if !users.is_empty() {
        return Err(CliError::Input(format!(
            "`{}` is the trigger of {}; remove or re-point {} first",
            args.id,
            users
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if users.len() == 1 { "it" } else { "them" }
        )));
    }
    let at = session
        .locate(&args.id)
        .map_err(|e| edit_error(e, settings))?;
    session.files[at.file].remove(at.kind, at.index);
    finish(
        session,
        &format!("removed `{}`", args.id),
        &args.dry,
        settings,
        out,
    )
}
