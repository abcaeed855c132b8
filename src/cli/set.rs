//! `docket set ID KEY VALUE`: change one value of a record, or of a timeline (named by its id).
//! A list is one item, or several in TOML array syntax; text is never split.

use std::io::Write;

use toml_edit::{Array, DocumentMut, Item, Table, Value, value};

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{Kind, Session, date};
use crate::rules::{Period, Roll, parse_date};
use crate::suggest::nearest;
use crate::timeline::{Ending, TIMELINE_KEYS, When};

/// Arguments of `docket set`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket set answer-due period \"21 days + mail\"
  docket set summons-served date 2026-11-10
  docket set scheduling-conference end 11:30       # or: duration \"90 minutes\"
  docket set answer-due sources \"Minute Order, ECF No. 20\"
  docket set answer-due tags '[\"pleadings\", \"urgent\"]'
  docket set example-federal-civil case \"No. 1:26-cv-00001\"

A list (`tags`, `sources`, `parties`, `reminders`) is set to one item, or to several written in
TOML array syntax; commas inside a value are part of it. An id that names a timeline sets a key of
its `[timeline]` table. A change that moves a due date, or an event's date or end, records the new
date and raises the record's revision. Setting an event's `end` replaces its `duration`, and
the other way round.")]
pub struct Args {
    /// The id of the record, or of the timeline.
    id: String,
    /// The key to set.
    key: String,
    /// The new value; for a list, one item, or TOML array syntax (`["a", "b"]`) for several.
    #[arg(allow_hyphen_values = true)]
    value: String,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

/// The keys of `[timeline]` that `docket set` may change: all but the id, which names the
/// timeline in filters and in the identifiers of exported calendar entries.
fn timeline_settable() -> Vec<&'static str> {
    TIMELINE_KEYS
        .iter()
        .copied()
        .filter(|&k| k != "id")
        .collect()
}

/// A list: one item, or several in TOML array syntax.
fn list(v: &str) -> Result<Array, CliError> {
    if !v.trim_start().starts_with('[') {
        let mut a = Array::new();
        a.push(v);
        return Ok(a);
    }
    let bad = || {
        CliError::Input(format!(
            "`{v}` is not a list in TOML array syntax, such as `[\"ECF No. 12\", \"ECF No. 14\"]` (one item that starts with `[` is written `[\"[Sealed] Order\"]`)"
        ))
    };
    let doc: DocumentMut = format!("list = {v}").parse().map_err(|_| bad())?;
    if doc.as_table().len() != 1 {
        return Err(bad());
    }
    match doc.get("list").and_then(Item::as_value) {
        Some(Value::Array(a)) => {
            let mut a = a.clone();
            a.decor_mut().clear();
            Ok(a)
        }
        _ => Err(bad()),
    }
}

/// A list whose items must be text.
fn texts(key: &str, v: &str) -> Result<Array, CliError> {
    let a = list(v)?;
    if let Some(item) = a.iter().find(|item| item.as_str().is_none()) {
        return Err(CliError::Input(format!(
            "every item of `{key}` is text in quotes, not `{}`",
            item.to_string().trim()
        )));
    }
    Ok(a)
}

/// The TOML value of `key` written as `v` on the command line, checked.
fn item(key: &str, v: &str, settings: &Settings) -> Result<Item, CliError> {
    Ok(match key {
        "date" => {
            When::parse(v, false).map_err(|e| CliError::Input(format!("invalid date: {e}")))?;
            match parse_date(v) {
                Ok(d) => value(date(d)),
                Err(_) => value(v),
            }
        }
        "due" => {
            value(date(parse_date(v).map_err(|e| {
                CliError::Input(format!("invalid due date: {e}"))
            })?))
        }
        "end" => match Ending::parse_end(v).map_err(CliError::Input)? {
            Ending::Day(d) => value(date(d)),
            written => value(written.to_string()),
        },
        "duration" => value(
            Ending::parse_duration(v)
                .map_err(CliError::Input)?
                .to_string(),
        ),
        "approximate" => value(match v {
            "true" | "yes" => true,
            "false" | "no" => false,
            _ => {
                return Err(CliError::Input(format!(
                    "`approximate` is `true` or `false`, not `{v}`"
                )));
            }
        }),
        "period" => value(v.parse::<Period>()?.to_string()),
        "roll" => value(v.parse::<Roll>().map_err(CliError::Input)?.word()),
        "calendar" => {
            settings.calendars.get(v)?;
            value(v)
        }
        "timezone" => {
            super::compute::parse_zone(v)?;
            value(v)
        }
        "reminders" => {
            let a = texts(key, v)?;
            for r in a.iter().filter_map(Value::as_str) {
                r.parse::<Period>()?;
            }
            value(a)
        }
        "tags" | "parties" => value(texts(key, v)?),
        "sources" => value(list(v)?),
        _ => value(v),
    })
}

/// Sets `key` of `table` to `item`, keeping the comment after the value it replaces.
fn put(table: &mut Table, key: &str, mut item: Item) {
    if let (Some(Item::Value(old)), Item::Value(new)) = (table.get(key), &mut item) {
        *new.decor_mut() = old.decor().clone();
    }
    table[key] = item;
}

/// Refuses a key that cannot be set on `what`, naming those that can.
fn settable(key: &str, allowed: &[&str], what: &str) -> Result<(), CliError> {
    if allowed.contains(&key) {
        return Ok(());
    }
    let near = nearest(key, allowed.iter().copied())
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    let why = match (key, what.starts_with("timeline")) {
        ("id", false) => {
            "; an id is how other records refer to this one, so it is not changed in place"
        }
        ("id", true) => {
            "; a timeline's id names it in filters and in the identifiers of exported calendar events, so it is not changed in place"
        }
        _ => "",
    };
    Err(CliError::Input(format!(
        "cannot set `{key}` on {what}{near}{why}; settable keys: {}",
        allowed.join(", ")
    )))
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let timeline = session
        .docket
        .timelines
        .iter()
        .position(|t| t.id == args.id);
    if let Some(t) = timeline {
        if session.docket.find(&args.id).is_some() {
            return Err(CliError::Input(format!(
                "`{}` is the id of timeline `{}` and of a record, so `set` cannot tell which is meant; rename one of them",
                args.id,
                session.docket.timelines[t].file.path.display()
            )));
        }
        return set_timeline(session, t, &args, settings, out);
    }
    let at = session
        .locate(&args.id)
        .map_err(|e| edit_error(e, settings))?;
    let allowed: Vec<&str> = at.kind.settable_keys().collect();
    let key = args.key.as_str();
    settable(key, &allowed, &format!("{} `{}`", at.kind, args.id))?;
    let item = item(key, &args.value, settings)?;
    let table = session.files[at.file]
        .table_mut(at.kind, at.index)
        .expect("located");
    if key == "due" {
        table.remove("period");
        table.remove("roll");
    }
    if key == "period" {
        table.remove("due");
    }
    // An event ends at its `end` or after its `duration`: setting one replaces the other.
    if key == "end" {
        table.remove("duration");
    }
    if key == "duration" {
        table.remove("end");
    }
    put(table, key, item);
    if at.kind == Kind::Deadline {
        session.touch(&args.id);
    }
    finish(
        session,
        &format!("set `{key}` of `{}`", args.id),
        &args.dry,
        settings,
        out,
    )
}

/// Sets a key of the `[timeline]` table of timeline `t`; the due dates it moves (a new
/// calendar or zone) are recorded as any edit's are.
fn set_timeline(
    mut session: Session,
    t: usize,
    args: &Args,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<Exit, CliError> {
    let key = args.key.as_str();
    settable(
        key,
        &timeline_settable(),
        &format!("timeline `{}`", args.id),
    )?;
    let item = item(key, &args.value, settings)?;
    let path = session.docket.timelines[t].file.path.clone();
    let f = session.file(&path).map_err(|e| edit_error(e, settings))?;
    let Some(table) = session.files[f].timeline_mut() else {
        return Err(CliError::Input(format!(
            "`{}` has no `[timeline]` table to change",
            path.display()
        )));
    };
    put(table, key, item);
    finish(
        session,
        &format!("set `{key}` of timeline `{}`", args.id),
        &args.dry,
        settings,
        out,
    )
}
