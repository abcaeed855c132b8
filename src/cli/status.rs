//! `docket done ID` and `docket extend ID`: a change of a deadline's status, with the day it took
//! effect, put into its history in date order. A change is never dated after today; a deadline
//! already done is not marked done again, nor extended, until it is reopened (`reopen.rs`).

use std::io::Write;

use chrono::NaiveDate;
use toml_edit::{InlineTable, Value};

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{Kind, Located, Session, date, history};
use crate::rules::parse_date;
use crate::timeline::{RecordRef, Status};

/// Arguments of `docket done`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Example:
  docket done answer-due --on 2026-11-30 --source \"ECF No. 9\"

A deadline already done is not marked done again: `docket reopen` it first.")]
pub struct DoneArgs {
    /// The deadline's id.
    id: String,
    /// The day it was met, today or earlier (default: today in the timeline's zone).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// A citation for it.
    #[arg(long)]
    source: Option<String>,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

/// Arguments of `docket extend`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Example:
  docket extend answer-due --to 2026-12-21 --reason \"Stipulated extension\" --source \"ECF No. 12\" --dry-run

A new date on which the court is closed, or before the computed date, is warned about at once.")]
pub struct ExtendArgs {
    /// The deadline's id.
    id: String,
    /// The new due date.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Why.
    #[arg(long)]
    reason: String,
    /// A citation for it (the order, stipulation or letter).
    #[arg(long)]
    source: Option<String>,
    /// The day the extension was granted, today or earlier (default: today in the timeline's
    /// zone).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

/// Reads a `--flag DATE`.
pub(super) fn day(text: Option<&str>, what: &str) -> Result<Option<NaiveDate>, CliError> {
    text.map(|t| parse_date(t).map_err(|e| CliError::Input(format!("invalid --{what}: {e}"))))
        .transpose()
}

/// A deadline whose status is being changed: where it is, and what its history says.
pub(super) struct Target {
    /// Where it is in the files being edited.
    pub at: Located,
    /// Its status after its last change.
    pub status: Status,
    /// Its last change: the status and the day it took effect.
    pub last: Option<(Status, NaiveDate)>,
    /// Today in its timeline's zone.
    pub today: NaiveDate,
}

impl Target {
    /// Finds the deadline `id`; an event is refused.
    pub(super) fn find(
        session: &mut Session,
        id: &str,
        settings: &Settings,
    ) -> Result<Target, CliError> {
        let at = session.locate(id).map_err(|e| edit_error(e, settings))?;
        let Some(RecordRef::Deadline(i)) = session.docket.find(id) else {
            return Err(CliError::Input(format!(
                "`{id}` is an event; only deadlines have a status"
            )));
        };
        let d = &session.docket.deadlines[i];
        // The last change in force: the latest day, and of that day the last written.
        let mut last: Option<(Status, NaiveDate)> = None;
        for change in d.history.iter() {
            if last.is_none_or(|(_, on)| change.on >= on) {
                last = Some((change.status, change.on));
            }
        }
        let today = crate::timeline::as_of_for(&session.docket, d.timeline, None);
        Ok(Target {
            at,
            status: d.status_on(NaiveDate::MAX).0,
            last,
            today,
        })
    }

    /// Refuses a change dated after today.
    pub(super) fn not_after_today(&self, on: NaiveDate, what: &str) -> Result<(), CliError> {
        if on > self.today {
            return Err(CliError::Input(format!(
                "--on {on} is after today ({}, in the timeline's zone): {what}",
                self.today
            )));
        }
        Ok(())
    }

    /// Puts `entry`, a change that took effect `on`, into the deadline's history.
    pub(super) fn record(
        &self,
        session: &mut Session,
        id: &str,
        entry: InlineTable,
        on: NaiveDate,
    ) -> Result<(), CliError> {
        debug_assert_eq!(self.at.kind, Kind::Deadline);
        let table = session.files[self.at.file]
            .table_mut(self.at.kind, self.at.index)
            .expect("located");
        history::insert(table, entry, on, id)?;
        Ok(())
    }
}

/// A status change's entry: `{ status, on, ... }`.
pub(super) fn entry(status: Status, on: NaiveDate) -> InlineTable {
    let mut entry = InlineTable::new();
    entry.insert("status", Value::from(status.word()));
    entry.insert("on", Value::from(date(on)));
    entry
}

pub fn done(args: DoneArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let target = Target::find(&mut session, &args.id, settings)?;
    let id = &args.id;
    if target.status == Status::Done {
        let when = target
            .last
            .map(|(_, on)| format!(" on {on}"))
            .unwrap_or_default();
        return Err(CliError::Input(format!(
            "`{id}` is already done{when}; nothing was written (to record another day, `docket reopen {id}` first)"
        )));
    }
    let on = day(args.on.as_deref(), "on")?.unwrap_or(target.today);
    target.not_after_today(on, "a deadline is marked done on the day it was met")?;
    if let Some((status, last)) = target.last
        && last > on
    {
        return Err(CliError::Input(format!(
            "the history of `{id}` records `{}` on {last}, after {on}: a deadline is done after its last change; give --on {last} or later",
            status.word()
        )));
    }
    let mut entry = entry(Status::Done, on);
    if let Some(s) = &args.source {
        entry.insert("source", Value::from(s.as_str()));
    }
    target.record(&mut session, id, entry, on)?;
    finish(
        session,
        &format!("`{id}` done on {on}"),
        &args.dry,
        settings,
        out,
    )
}

pub fn extend(
    args: ExtendArgs,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let to = day(Some(&args.to), "to")?.expect("given");
    let mut session = super::editing::open(&paths, settings)?;
    let target = Target::find(&mut session, &args.id, settings)?;
    let id = &args.id;
    if target.status == Status::Done {
        let when = target
            .last
            .map(|(_, on)| format!(" on {on}"))
            .unwrap_or_default();
        return Err(CliError::Input(format!(
            "`{id}` is done{when}, so it cannot be extended; nothing was written (if it was reopened, `docket reopen {id}` first)"
        )));
    }
    let on = day(args.on.as_deref(), "on")?.unwrap_or(target.today);
    target.not_after_today(on, "an extension is recorded on the day it was granted")?;
    let mut entry = entry(Status::Extended, on);
    entry.insert("to", Value::from(date(to)));
    entry.insert("reason", Value::from(args.reason.as_str()));
    if let Some(s) = &args.source {
        entry.insert("source", Value::from(s.as_str()));
    }
    target.record(&mut session, id, entry, on)?;
    finish(
        session,
        &format!("`{id}` extended to {to}"),
        &args.dry,
        settings,
        out,
    )
}
