//! `docket reopen ID`: a deadline marked done (or missed, withdrawn, unknown) is open again. The
//! change is added to its history like any other, so what was recorded stays readable: a
//! deadline reopened on the day it was marked done never reads as done on any day.

use std::io::Write;

use toml_edit::Value;

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, finish};
use super::status::{Target, day, entry};
use super::{CliError, Exit, Settings};
use crate::timeline::Status;

/// Arguments of `docket reopen`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket reopen answer-due --reason \"Answer stricken\" --source \"ECF No. 15\"
  docket reopen answer-due --on 2026-11-30 --reason \"Marked done by mistake\"

Reopened on the day it was marked done, a deadline never reads as done.")]
pub struct Args {
    /// The deadline's id.
    id: String,
    /// The day it was reopened: the day of its last change or later, and not after today
    /// (default: today in the timeline's zone).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// Why.
    #[arg(long)]
    reason: Option<String>,
    /// A citation for it.
    #[arg(long)]
    source: Option<String>,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let target = Target::find(&mut session, &args.id, settings)?;
    let id = &args.id;
    if target.status.is_open() {
        return Err(CliError::Input(format!(
            "`{id}` is {}; there is nothing to reopen",
            target.status.word()
        )));
    }
    let on = day(args.on.as_deref(), "on")?.unwrap_or(target.today);
    target.not_after_today(on, "a deadline is reopened on the day it was")?;
    if let Some((status, last)) = target.last
        && last > on
    {
        return Err(CliError::Input(format!(
            "`{id}` is {} since {last}; it can be reopened on {last} or later",
            status.word()
        )));
    }
    let mut entry = entry(Status::Open, on);
    if let Some(r) = &args.reason {
        entry.insert("reason", Value::from(r.as_str()));
    }
    if let Some(s) = &args.source {
        entry.insert("source", Value::from(s.as_str()));
    }
    target.record(&mut session, id, entry, on)?;
    finish(
        session,
        &format!("`{id}` reopened on {on}"),
        &args.dry,
        settings,
        out,
    )
}
