//! `docket add event|deadline`: a new record, placed where a person would put it.

use std::io::Write;
use std::path::PathBuf;

use toml_edit::{Array, Item, Table, value};

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{EditError, Kind, Session, date, ids};
use crate::render::text::terminal;
use crate::rules::{Period, Roll, parse_date};
use crate::timeline::{Ending, RecordRef, When};

/// Arguments of `docket add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Add an event to a timeline file, in date order.
    #[command(
        after_help = "Examples:\n  docket add event timelines/smith.toml --date 2026-11-09 --title \"Summons served\" --kind service --source \"ECF No. 6\"\n  docket add event timelines/smith.toml --date 2027-02-03T09:30 --end 11:00 --title \"Motion hearing\" --kind hearing --location \"Courtroom A902\""
    )]
    Event(EventArgs),
    /// Add a deadline counted from an event or another deadline, next to its trigger, or one
    /// with a date set by the court.
    #[command(after_help = "\
Examples:
  docket add deadline --trigger summons-served --period \"21 days\" --title \"Answer due\" --authority \"FRCP 12(a)(1)(A)(i)\" --reminder \"7 days\" --reminder \"1 day\"
  docket add deadline --due 2027-03-01 --title \"Expert reports due\" --authority \"Scheduling Order, ECF No. 20\" --file timelines/smith.toml")]
    Deadline(DeadlineArgs),
}

#[derive(Debug, clap::Args)]
struct EventArgs {
    /// The timeline file.
    file: PathBuf,
    /// The date: `YYYY-MM-DD`, a date-time, `YYYY-MM` or `YYYY`.
    #[arg(long)]
    date: String,
    /// What happened.
    #[arg(long)]
    title: String,
    /// The id (default: made from the title).
    #[arg(long)]
    id: Option<String>,
    /// When it ends: a time `11:30` (a date and time past midnight), or for an event over
    /// several days its last day.
    #[arg(long, conflicts_with = "duration")]
    end: Option<String>,
    /// How long it lasts from its time: `90 minutes`, `2 hours`, `1 hour 30 minutes`.
    #[arg(long)]
    duration: Option<String>,
    /// letter, subpoena, order, filing, hearing, service, report, ...
    #[arg(long)]
    kind: Option<String>,
    /// Where it takes place (a courtroom, an address).
    #[arg(long)]
    location: Option<String>,
    /// A reminder before it, such as `1 day` or `2 hours` (repeatable).
    #[arg(long = "reminder")]
    reminders: Vec<String>,
    /// A citation (repeatable).
    #[arg(long = "source")]
    sources: Vec<String>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// The date is approximate.
    #[arg(long)]
    approximate: bool,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// The docket the id must be unique in (default: the file's folder).
    #[arg(long = "docket", value_name = "PATH")]
    docket: Vec<PathBuf>,
    /// Add the family of deadlines this event triggers under a rule set, `SET/TRIGGER`
    /// (e.g. `frcp/complaint-served`), as `docket apply` does.
    #[arg(long, value_name = "SET/TRIGGER")]
    rule: Option<String>,
    /// An answer to a question of the rule set, `question=answer` (repeatable; with `--rule`).
    #[arg(long = "answer", value_name = "QUESTION=ANSWER", requires = "rule")]
    answers: Vec<String>,
    #[command(flatten)]
    dry: DryRun,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("rule").required(true).args(["period", "due"])))]
struct DeadlineArgs {
    /// The event or deadline it counts from (needed with `--period`).
    #[arg(long)]
    trigger: Option<String>,
    /// The period, e.g. `21 days`, `3 court days + mail`.
    #[arg(long, allow_hyphen_values = true, requires = "trigger")]
    period: Option<String>,
    /// A date set by the court (an order, a scheduling order), instead of a period.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    /// What is due.
    #[arg(long)]
    title: String,
    /// The id (default: made from the title).
    #[arg(long)]
    id: Option<String>,
    /// The rule, order or document that sets the period.
    #[arg(long)]
    authority: Option<String>,
    /// Overrides FRCP 6(a)(5): forward, backward or none.
    #[arg(long, value_parser = ["forward", "backward", "none"])]
    roll: Option<String>,
    /// A calendar other than the timeline's.
    #[arg(long)]
    calendar: Option<String>,
    /// A reminder before the due date, e.g. `7 days` (repeatable).
    #[arg(long = "reminder", value_name = "PERIOD")]
    reminders: Vec<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// A citation (repeatable).
    #[arg(long = "source")]
    sources: Vec<String>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// The file to put it in (default: the trigger's file; needed for a `--due` without
    /// `--trigger`).
    #[arg(long)]
    file: Option<PathBuf>,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

fn strings(items: &[String]) -> Item {
    let mut a = Array::new();
    for s in items {
        a.push(s.as_str());
    }
    value(a)
}

/// The id given (if free), or one made from the title.
fn new_id(session: &Session, given: Option<String>, title: &str) -> Result<String, CliError> {
    match given {
        Some(id) if session.id_taken(&id) => Err(CliError::Input(format!(
            "the id `{id}` is already used in the docket"
        ))),
        Some(id) => Ok(id),
        None => Ok(ids::from_title(title, |id| session.id_taken(id))),
    }
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    match args.what {
        What::Event(a) => event(a, settings, out),
        What::Deadline(a) => deadline(a, settings, out),
    }
}

fn event(a: EventArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let when = When::parse(&a.date, a.approximate)
        .map_err(|e| CliError::Input(format!("invalid --date: {e}")))?;
    let end = match (&a.end, &a.duration) {
        (Some(end), _) => Some(
            Ending::parse_end(end).map_err(|e| CliError::Input(format!("invalid --end: {e}")))?,
        ),
        (None, Some(d)) => Some(
            Ending::parse_duration(d)
                .map_err(|e| CliError::Input(format!("invalid --duration: {e}")))?,
        ),
        (None, None) => None,
    };
    for r in &a.reminders {
        r.parse::<Period>()?;
    }
    let docket_paths = if a.docket.is_empty() {
        vec![
            a.file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
        ]
    } else {
        a.docket.clone()
    };
    let mut session = super::editing::open(&docket_paths, settings)?;
    let f = session.file(&a.file).map_err(|e| edit_error(e, settings))?;
    let id = new_id(&session, a.id.clone(), &a.title)?;
    if let Some(same) = same_event(&session, &a.file, &when, &a.title) {
        eprintln!(
            "warning: `{}` has the same date ({when}) and title as this event; added all the same (`docket rm {id}` removes it)",
            terminal(same)
        );
    }
    let mut t = Table::new();
    t["id"] = value(id.as_str());
    t["date"] = match (parse_date(&a.date), when.exact_day()) {
        (Ok(d), _) => value(date(d)),
        _ => value(a.date.as_str()),
    };
    match end {
        Some(Ending::Day(d)) => t["end"] = value(date(d)),
        Some(lasting @ Ending::Lasting(_)) => t["duration"] = value(lasting.to_string()),
        Some(written) => t["end"] = value(written.to_string()),
        None => {}
    }
    if a.approximate {
        t["approximate"] = value(true);
    }
    t["title"] = value(a.title.as_str());
    if let Some(k) = &a.kind {
        t["kind"] = value(k.as_str());
    }
    if let Some(l) = &a.location {
        t["location"] = value(l.as_str());
    }
    if !a.reminders.is_empty() {
        t["reminders"] = strings(&a.reminders);
    }
    if !a.sources.is_empty() {
        t["sources"] = strings(&a.sources);
    }
    if let Some(n) = &a.notes {
        t["notes"] = value(n.as_str());
    }
    if !a.tags.is_empty() {
        t["tags"] = strings(&a.tags);
    }
    // Before the first event of the file dated after this one.
    let key = when.sort_key();
    let file = &session.files[f];
    let before = file
        .record_positions()
        .into_iter()
        .filter(|(k, id, _)| {
            *k == Kind::Event
                && match session.docket.find(id) {
                    Some(RecordRef::Event(e)) => session.docket.events[e].when.sort_key() > key,
                    _ => false,
                }
        })
        .map(|(_, _, pos)| pos)
        .min();
    session.files[f].insert(Kind::Event, t, before);
    let mut what = format!("added event `{id}`");
    if let Some(rule) = &a.rule {
        let added = super::apply::with_event(
            &mut session,
            rule,
            &a.answers,
            &id,
            &when,
            &a.file,
            settings,
        )?;
        what.push_str(&format!(" and {added} deadline(s) under `{rule}`"));
    }
    finish(session, &what, &a.dry, settings, out)
}

/// An event of the timeline in `file` with the same date and title (case and spaces around it
/// aside), if any.
fn same_event<'s>(
    session: &'s Session,
    file: &std::path::Path,
    when: &When,
    title: &str,
) -> Option<&'s str> {
    let real = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let file = real(file);
    let docket = &session.docket;
    let timeline = docket
        .timelines
        .iter()
        .position(|t| real(&t.file.path) == file)?;
    let title = title.trim().to_lowercase();
    docket
        .events
        .iter()
        .find(|e| {
            e.timeline == timeline && e.when == *when && e.title.trim().to_lowercase() == title
        })
        .map(|e| e.id.as_str())
}

/// The file of the record `id`, for a deadline counted from it.
fn trigger_file(session: &Session, id: &str) -> Result<PathBuf, EditError> {
    let docket = &session.docket;
    let timeline = match docket.find(id) {
        Some(RecordRef::Event(e)) => docket.events[e].timeline,
        Some(RecordRef::Deadline(d)) => docket.deadlines[d].timeline,
        None => return Err(session.not_found(id)),
    };
    Ok(docket.timelines[timeline].file.path.clone())
}

fn deadline(a: DeadlineArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let period: Option<Period> = a.period.as_deref().map(str::parse).transpose()?;
    let due = a
        .due
        .as_deref()
        .map(|d| parse_date(d).map_err(|e| CliError::Input(format!("invalid --due: {e}"))))
        .transpose()?;
    for r in &a.reminders {
        r.parse::<Period>()
            .map_err(|e| CliError::Input(format!("invalid --reminder `{r}`: {e}")))?;
    }
    if let Some(r) = &a.roll {
        r.parse::<Roll>().map_err(CliError::Input)?;
    }
    if let Some(c) = &a.calendar {
        settings.calendars.get(c)?;
    }
    let paths = resolve(&a.paths)?;
    let mut session = super::editing::open(&paths, settings)?;
    let trigger_file = match &a.trigger {
        None => None,
        Some(trigger) => match trigger_file(&session, trigger) {
            Ok(path) => Some(path),
            Err(EditError::NotFound { suggestion, .. }) => {
                let near = suggestion
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                return Err(CliError::Input(format!(
                    "no event or deadline has the id `{trigger}`{near}"
                )));
            }
            Err(e) => return Err(edit_error(e, settings)),
        },
    };
    let Some(path) = a.file.clone().or(trigger_file) else {
        return Err(CliError::Input(
            "a deadline with a `--due` date and no `--trigger` needs `--file`, the timeline file to put it in".into(),
        ));
    };
    let f = session.file(&path).map_err(|e| edit_error(e, settings))?;
    let id = new_id(&session, a.id.clone(), &a.title)?;
    let mut t = Table::new();
    t["id"] = value(id.as_str());
    t["title"] = value(a.title.as_str());
    if let Some(trigger) = &a.trigger {
        t["trigger"] = value(trigger.as_str());
    }
    if let Some(p) = &period {
        t["period"] = value(p.to_string());
    }
    if let Some(d) = due {
        t["due"] = value(date(d));
    }
    if let Some(r) = &a.roll {
        t["roll"] = value(r.as_str());
    }
    if let Some(au) = &a.authority {
        t["authority"] = value(au.as_str());
    }
    if let Some(c) = &a.calendar {
        t["calendar"] = value(c.as_str());
    }
    if !a.reminders.is_empty() {
        t["reminders"] = strings(&a.reminders);
    }
    if let Some(n) = &a.notes {
        t["notes"] = value(n.as_str());
    }
    if !a.sources.is_empty() {
        t["sources"] = strings(&a.sources);
    }
    if !a.tags.is_empty() {
        t["tags"] = strings(&a.tags);
    }
    // After the trigger and the deadlines already counted from it (last, without a trigger).
    let file = &session.files[f];
    let siblings = file
        .record_positions()
        .into_iter()
        .filter(|(k, rid, _)| {
            let Some(trigger) = a.trigger.as_deref() else {
                return false;
            };
            rid == trigger
                || (*k == Kind::Deadline
                    && matches!(session.docket.find(rid), Some(RecordRef::Deadline(d)) if session.docket.deadlines[d].trigger.as_deref() == Some(trigger)))
        })
        .map(|(_, _, pos)| pos)
        .max();
    let before = siblings.and_then(|p| file.next_after(p));
    session.files[f].insert(
        Kind::Deadline,
        t,
        if siblings.is_some() { before } else { None },
    );
    session.touch(&id);
    finish(
        session,
        &format!("added deadline `{id}`"),
        &a.dry,
        settings,
        out,
    )
}
