//! `docket done ID` and `docket extend ID`: a change of a deadline's status, with the day it took
//! effect, added to its history.

use std::io::Write;

use toml_edit::{Array, InlineTable, Item, Value, value};

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{Kind, Session, date};
use crate::rules::parse_date;

/// Arguments of `docket done`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  docket done answer-due --on 2026-11-30 --source \"ECF No. 9\"")]
pub struct DoneArgs {
    /// The deadline's id.
    id: String,
    /// The day it was met (default: today in the timeline's zone).
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
#[command(
    after_help = "Example:\n  docket extend answer-due --to 2026-12-21 --reason \"Stipulated extension\" --source \"ECF No. 12\""
)]
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
    /// The day the extension was granted (default: today in the timeline's zone).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

fn day(text: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>, CliError> {
    text.as_deref()
        .map(|t| parse_date(t).map_err(|e| CliError::Input(format!("invalid --{what}: {e}"))))
        .transpose()
}

fn push_change(
    session: &mut Session,
    id: &str,
    entry: InlineTable,
    settings: &Settings,
) -> Result<(), CliError> {
    let at = session.locate(id).map_err(|e| edit_error(e, settings))?;
    if at.kind != Kind::Deadline {
        return Err(CliError::Input(format!(
            "`{id}` is an event; only deadlines have a status"
        )));
    }
    let table = session.files[at.file]
        .table_mut(at.kind, at.index)
        .expect("located");
    if !table.contains_key("history") {
        table["history"] = value(Array::new());
    }
    match table.get_mut("history").and_then(Item::as_array_mut) {
        Some(history) => {
            history.push(Value::InlineTable(entry));
            Ok(())
        }
        None => Err(CliError::Input(format!(
            "`history` of `{id}` is not an array; fix it by hand first"
        ))),
    }
}

fn today_for(session: &Session, id: &str) -> chrono::NaiveDate {
    let timeline = match session.docket.find(id) {
        Some(crate::timeline::RecordRef::Deadline(d)) => session.docket.deadlines[d].timeline,
        _ => 0,
    };
    if session.docket.timelines.is_empty() {
        return crate::timeline::now().date_naive();
    }
    crate::timeline::as_of_for(&session.docket, timeline, None)
}

pub fn done(args: DoneArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let on = day(&args.on, "on")?.unwrap_or_else(|| today_for(&session, &args.id));
    let mut entry = InlineTable::new();
    entry.insert("status", Value::from("done"));
    entry.insert("on", Value::from(date(on)));
    if let Some(s) = &args.source {
        entry.insert("source", Value::from(s.as_str()));
    }
    push_change(&mut session, &args.id, entry, settings)?;
    finish(
        session,
        &format!("`{}` done on {on}", args.id),
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
    let mut session = super::editing::open(&paths, settings)?;
    let to = day(&Some(args.to.clone()), "to")?.expect("given");
    let on = day(&args.on, "on")?.unwrap_or_else(|| today_for(&session, &args.id));
    let mut entry = InlineTable::new();
    entry.insert("status", Value::from("extended"));
    entry.insert("on", Value::from(date(on)));
    entry.insert("to", Value::from(date(to)));
    entry.insert("reason", Value::from(args.reason.as_str()));
    if let Some(s) = &args.source {
        entry.insert("source", Value::from(s.as_str()));
    }
    push_change(&mut session, &args.id, entry, settings)?;
    finish(
        session,
        &format!("`{}` extended to {to}", args.id),
        &args.dry,
        settings,
        out,
    )
}
