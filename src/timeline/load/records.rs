//! The records of one timeline file, read from its TOML tables with every span kept: each
//! reader reports every problem of its table, at its line and column, and reads what it can.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono_tz::Tz;

use super::reader::{Reader, table_of};
use super::tree::{Item, Table, Value};
use crate::calendar::Calendars;
use crate::diagnostic::SourceFile;
use crate::rules::{Period, Roll};
use crate::suggest::nearest;
use crate::timeline::keys::{
    CHANGE_KEYS, DEADLINE_KEYS, EVENT_KEYS, EVENT_RECORDED_KEYS, RECORDED_KEYS, TIMELINE_KEYS,
};
use crate::timeline::model::{
    Change, Deadline, DeadlineDetails, Event, EventDetails, MadeBy, Recorded, Rule, RuleReading,
    Status, Text, Timeline,
};
use crate::timeline::when::{Precision, When};

/// The `[timeline]` table, and its zone when it names a valid one.
pub(super) fn read_timeline(
    r: &mut Reader,
    t: &Table,
    span: &Range<usize>,
    file: &Arc<SourceFile>,
    calendars: &Calendars,
) -> (Option<Timeline>, Option<Tz>) {
    let mut zone: Option<Tz> = None;
    r.check_keys(t, TIMELINE_KEYS, "`[timeline]`");
    let id = r.required(t, span, "id", "`[timeline]`");
    let title = r.required(t, span, "title", "`[timeline]`");
    if let Some((name, span)) = r.string(t, "timezone") {
        match name.parse::<Tz>() {
            Ok(tz) => zone = Some(tz),
            Err(_) => {
                let near = crate::suggest::nearest_zone(&name);
                r.error(span, format!("unknown time zone `{name}`"));
                r.set_last(|d| {
                    d.expected("an IANA zone name such as `America/Denver`")
                        .suggest(near)
                });
            }
        }
    }
    let calendar = match r.string(t, "calendar") {
        Some((name, span)) => {
            check_calendar(r, calendars, &name, span);
            name.into()
        }
        None => "us-federal".to_string(),
    };
    let text = |s: Option<(Text, Range<usize>)>| s.map(|s| s.0.into());
    let short = text(r.string(t, "short"));
    let description = text(r.string(t, "description"));
    let court = text(r.string(t, "court"));
    let case = text(r.string(t, "case"));
    let assignee = text(r.string(t, "assignee"));
    let parties = r
        .strings(t, "parties")
        .into_iter()
        .map(Into::into)
        .collect();
    let sources = r.sources(t, "sources");
    let timeline = match (id, title) {
        (Some((id, _)), Some((title, _))) => Some(Timeline {
            id: id.into(),
            title: title.into(),
            short,
            description,
            court,
            case,
            parties,
            assignee,
            timezone: zone,
            calendar,
            sources,
            file: file.clone(),
        }),
        _ => None,
    };
    (timeline, zone)
}

/// One `[[event]]` table (`span`: its header).
pub(super) fn read_event(
    r: &mut Reader,
    t: &Table,
    span: &Range<usize>,
    what: Nth,
    zone: Option<Tz>,
    timeline: usize,
) -> Option<Event> {
    let span = span.clone();
    r.check_keys(t, EVENT_KEYS, what);
    let id = r.required(t, &span, "id", what);
    let title = r.required(t, &span, "title", what);
    let approximate = r.boolean(t, "approximate").unwrap_or(false);
    let when = match Reader::get(t, "date") {
        None => {
        r.error(span.clone(), format!("{what} has no `date`"));
        r.set_last(|d| d.expected("`date = 2020-01-13` (or `\"2017-11\"`, `\"2017\"`)"));
        None
        }
        // A TOML date is a day; anything else is read from its text.
        Some(dv) => match Reader::local_date(dv) {
        Some(day) => Some((
            When {
                precision: Precision::Day(day),
                approximate,
            },
            dv.span.clone(),
        )),
        None => r.date_text("date", dv).and_then(|text| {
            match When::parse(&text, approximate) {
                Ok(w) => {
                    if let Err(e) = w.check_zone(zone) {
                        r.error(dv.span.clone(), e.to_string());
                        return None;
                    }
                    Some((w, dv.span.clone()))
                }
                Err(e) => {
                    r.error(dv.span.clone(), format!("invalid date: {e}"));
                    r.set_last(|d| d.expected("`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (optionally with an offset or `[Zone]`), `YYYY-MM` or `YYYY`"));
                    None
                }
            }
        }),
        },
    };
    let end = r.ending(t, when.as_ref().map(|w| &w.0), zone);
    let kind = r.string(t, "kind").map(|s| s.0);
    let location = r.string(t, "location").map(|s| s.0);
    let reminders = read_reminders(r, t, &span, "the event");
    let sources = r.sources(t, "sources");
    let notes = r.string(t, "notes").map(|s| s.0);
    let tags = r.strings(t, "tags");
    let details = EventDetails {
        end,
        location,
        reminders,
        notes,
        revision: r.revision(t),
        recorded: read_recorded_date(r, t),
        modified: r.modified(t),
    };
    let ((id, id_span), (title, _), (when, date_span)) = (id?, title?, when?);
    Some(Event {
        id,
        id_span: id_span.into(),
        when,
        date_span: date_span.into(),
        title,
        kind,
        sources: sources.into(),
        tags: tags.into(),
        details: (details != EventDetails::default()).then(|| Box::new(details)),
        timeline,
    })
}

/// An event's `recorded = { date = ... }`: its date as docket last wrote or accepted it.
fn read_recorded_date(r: &mut Reader, t: &Table) -> Option<When> {
    Reader::get(t, "recorded").and_then(|v| {
        let Some(rt) = table_of(v) else {
            r.wrong_type("recorded", v, "a table `{ date = YYYY-MM-DD }`");
            return None;
        };
        r.check_keys(rt, EVENT_RECORDED_KEYS, "`recorded`");
        let Some(dv) = Reader::get(rt, "date") else {
            r.error(v.span.clone(), "`recorded` has no `date`");
            return None;
        };
        let text = match Reader::local_date(dv) {
            Some(day) => day.to_string(),
            None => r.date_text("date", dv)?,
        };
        match When::parse(&text, false) {
            Ok(w) => Some(w),
            Err(e) => {
                r.error(dv.span.clone(), format!("invalid recorded date: {e}"));
                None
            }
        }
    })
}

/// The `reminders` of a record: each a time before it (`7 days`, `2 hours`), counted forward
/// with no add-on. `before` says before what, for the message.
fn read_reminders(r: &mut Reader, t: &Table, span: &Range<usize>, before: &str) -> Box<[Period]> {
    r.strings(t, "reminders")
        .into_iter()
        .filter_map(|text| match text.parse::<Period>() {
            Ok(p) if p.service.is_none() && p.direction == crate::calendar::Counting::Forward => {
                Some(p)
            }
            _ => {
                let rv = Reader::get(t, "reminders")
                    .map(|v| v.span.clone())
                    .unwrap_or_else(|| span.clone());
                r.error(rv, format!("invalid reminder `{text}`"));
                r.set_last(|d| {
                    d.expected(format!(
                        "a time before {before}, such as `7 days` or `2 hours`"
                    ))
                });
                None
            }
        })
        .collect()
}

fn check_calendar(r: &mut Reader, calendars: &Calendars, name: &str, span: Range<usize>) {
    if calendars.get(name).is_err() {
        let names: Vec<&str> = calendars.iter().map(|c| c.id()).collect();
        let near = nearest(name, names.iter().copied());
        r.error(span, format!("unknown calendar `{name}`"));
        let list = names.join("`, `");
        r.set_last(|d| d.expected(format!("one of `{list}`")).suggest(near));
    }
}

/// The `n`th table of `[[key]]`, as messages name it: `` `[[event]]` #2 `` (made only when a
/// message needs it).
#[derive(Clone, Copy, Debug)]
pub(super) struct Nth {
    /// `event` or `deadline`.
    pub key: &'static str,
    /// Counted from 1.
    pub n: usize,
}

impl fmt::Display for Nth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`[[{}]]` #{}", self.key, self.n)
    }
}

/// The tables of `[[key]]`, each with its name for messages.
pub(super) fn array_of_tables<'t, 'i>(
    r: &mut Reader,
    doc: &'t Table<'i>,
    key: &'static str,
) -> Vec<(&'t Item<'i>, Nth)> {
    let Some(v) = Reader::get(doc, key) else {
        return Vec::new();
    };
    match &v.value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                if table_of(item).is_none() {
                    r.wrong_type(key, item, &format!("a table `[[{key}]]`"));
                    return None;
                }
                Some((item, Nth { key, n: i + 1 }))
            })
            .collect(),
        _ => {
            r.wrong_type(key, v, &format!("an array of tables `[[{key}]]`"));
            Vec::new()
        }
    }
}

pub(super) fn read_deadline(
    r: &mut Reader,
    t: &Table,
    span: &Range<usize>,
    what: Nth,
    timeline: usize,
    calendars: &Calendars,
) -> Option<Deadline> {
    r.check_keys(t, DEADLINE_KEYS, what);
    let id = r.required(t, span, "id", what);
    let title = r.required(t, span, "title", what);
    let trigger = r.string(t, "trigger");
    let period = r.string(t, "period");
    let due = r.day(t, "due");
    let roll = r
        .string(t, "roll")
        .and_then(|(text, span)| match text.parse::<Roll>() {
            Ok(roll) => Some(roll),
            Err(e) => {
                r.error(span, e);
                let near = nearest(&text, ["forward", "backward", "none"]);
                r.set_last(|d| d.expected("`forward`, `backward` or `none`").suggest(near));
                None
            }
        });
    let rule = match (period, due) {
        (Some((text, pspan)), None) => match text.parse::<Period>() {
            Ok(period) => {
                if trigger.is_none() {
                    r.error(pspan.clone(), "a period needs a `trigger` to count from");
                    r.set_last(|d| d.expected("`trigger = \"<event or deadline id>\"`"));
                }
                Some(Rule::Period {
                    period,
                    span: pspan.into(),
                    roll,
                })
            }
            Err(e) => {
                r.error(pspan, format!("invalid period: {e}"));
                r.set_last(|d| {
                    d.expected("`N UNIT [before] [+ mail|+ clerk|+ consent]`, such as `14 days`")
                });
                None
            }
        },
        (None, Some((date, _))) => Some(Rule::Fixed(date)),
        (Some(_), Some((_, dspan))) => {
            r.error(dspan, format!("{what} has both `period` and `due`"));
            r.set_last(|d| {
                d.expected("either a `period` counted from the trigger, or a fixed `due` date")
            });
            None
        }
        (None, None) => {
            r.error(
                span.clone(),
                format!("{what} has neither `period` nor `due`"),
            );
            r.set_last(|d| {
                d.expected("`period = \"14 days\"` with a `trigger`, or `due = 2020-01-27`")
            });
            None
        }
    };
    let calendar = r.string(t, "calendar").map(|(name, span)| {
        check_calendar(r, calendars, &name, span);
        name
    });
    let reminders = read_reminders(r, t, span, "the due date");
    let revision = r.revision(t);
    let modified = r.modified(t);
    let history = read_history(r, t);
    let recorded = Reader::get(t, "recorded").and_then(|v| match table_of(v) {
        None => {
            r.wrong_type(
                "recorded",
                v,
                "a table `{ due = YYYY-MM-DD, data = \"...\" }`",
            );
            None
        }
        Some(rt) => {
            r.check_keys(rt, RECORDED_KEYS, "`recorded`");
            let due = r.day(rt, "due");
            if due.is_none() && Reader::get(rt, "due").is_none() {
                r.error(v.span.clone(), "`recorded` has no `due` date");
            }
            Some(Box::new(Recorded {
                due: due?.0,
                trigger: r.day(rt, "trigger").map(|d| d.0),
                period: r.string(rt, "period").map(|s| s.0.into()),
                data: r.string(rt, "data").map(|s| s.0.into()),
                span: v.span.clone(),
            }))
        }
    });
    let made_by = read_made_by(r, t);
    let details = DeadlineDetails {
        calendar,
        reminders,
        notes: r.string(t, "notes").map(|s| s.0),
        from_done: read_from_done(r, t),
        modified,
    };
    let (id, id_span) = id?;
    let (title, _) = title?;
    let (trigger, trigger_span) = match trigger {
        Some((t, s)) => (Some(t), s),
        None => (None, span.clone()),
    };
    Some(Deadline {
        id,
        id_span: id_span.into(),
        title,
        trigger,
        trigger_span: trigger_span.into(),
        rule: rule?,
        authority: r.string(t, "authority").map(|s| s.0),
        sources: r.sources(t, "sources").into(),
        tags: r.strings(t, "tags").into(),
        history: history.into(),
        revision,
        recorded,
        made_by,
        details: (details != DeadlineDetails::default()).then(|| Box::new(details)),
        timeline,
    })
}

/// `rule = "SET/RULE"`, `rule_version`, `answers` and `readings`: what a court rule set made the
/// deadline from (`docket apply`).
fn read_made_by(r: &mut Reader, t: &Table) -> Option<Box<MadeBy>> {
    let (rule, span) = r.string(t, "rule")?;
    if !rule
        .split_once('/')
        .is_some_and(|(s, id)| !s.is_empty() && !id.is_empty())
    {
        r.error(
            span,
            format!("`rule` must be `SET/RULE`, such as `frcp/72-a`, not `{rule}`"),
        );
        return None;
    }
    let version = r.string(t, "rule_version").map(|s| s.0);
    let draft = match r.string(t, "rule_status") {
        None => false,
        Some((word, _)) if word == "draft" => true,
        Some((word, _)) if word == "verified" => false,
        Some((word, span)) => {
            r.error(span, format!("unknown `rule_status` `{word}`"));
            r.set_last(|d| d.expected("`verified` or `draft`"));
            false
        }
    };
    let mut answers = Vec::new();
    if let Some(v) = Reader::get(t, "answers") {
        match table_of(v) {
            Some(at) => {
                for (k, item) in &at.entries {
                    match &item.value {
                        Value::String(a) => {
                            answers.push((Text::from(k.name.as_ref()), Text::from(a.as_ref())))
                        }
                        Value::Datetime(d) => {
                            answers.push((Text::from(k.name.as_ref()), Text::from(d.to_string())))
                        }
                        _ => r.wrong_type(
                            "answers",
                            item,
                            "answers as text, such as `{ service = \"mail\" }`",
                        ),
                    }
                }
            }
            None => r.wrong_type("answers", v, "a table such as `{ service = \"mail\" }`"),
        }
    }
    let mut readings = Vec::new();
    if let Some(v) = Reader::get(t, "readings") {
        match &v.value {
            Value::Array(items) => {
                for item in items {
                    let Some(rt) = table_of(item) else {
                        r.wrong_type(
                            "readings",
                            item,
                            "a table `{ id = \"...\", due = YYYY-MM-DD, source = \"...\" }`",
                        );
                        continue;
                    };
                    r.check_keys(rt, &["id", "due", "source"], "a reading");
                    let id = r.string(rt, "id").map(|s| s.0);
                    let due = r.day(rt, "due").map(|d| d.0);
                    match (id, due) {
                        (Some(id), Some(due)) => readings.push(RuleReading {
                            id,
                            due,
                            source: r.string(rt, "source").map(|s| s.0).unwrap_or_default(),
                        }),
                        _ => {
                            r.error(
                                item.span.clone(),
                                "a reading needs an `id` and a `due` date",
                            );
                        }
                    }
                }
            }
            _ => r.wrong_type("readings", v, "an array of `{ id, due, source }` tables"),
        }
    }
    Some(Box::new(MadeBy {
        rule,
        version,
        draft,
        answers: answers.into(),
        readings: readings.into(),
    }))
}

/// `from = "done"`: a chained deadline counted from the day its trigger deadline was done.
fn read_from_done(r: &mut Reader, t: &Table) -> bool {
    match r.string(t, "from") {
        None => false,
        Some((word, _)) if word == "done" => true,
        Some((word, _)) if word == "due" => false,
        Some((word, span)) => {
            r.error(span, format!("unknown `from` `{word}`"));
            r.set_last(|d| d.expected("`due` (the default) or `done`"));
            false
        }
    }
}

fn read_history(r: &mut Reader, t: &Table) -> Vec<Change> {
    let Some(v) = Reader::get(t, "history") else {
        return Vec::new();
    };
    let Value::Array(items) = &v.value else {
        r.wrong_type(
            "history",
            v,
            "an array of `{ status = \"...\", on = YYYY-MM-DD }` tables",
        );
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(c) = table_of(item) else {
            r.wrong_type(
                "history",
                item,
                "a table `{ status = \"...\", on = YYYY-MM-DD }`",
            );
            continue;
        };
        r.check_keys(c, CHANGE_KEYS, "a `history` entry");
        let status = match r.required(c, &item.span.clone(), "status", "a `history` entry") {
            Some((word, span)) => match Status::WORDS.iter().position(|w| *w == word) {
                Some(_) => {
                    serde_json::from_value::<Status>(serde_json::Value::String(word.into())).ok()
                }
                None => {
                    let near = nearest(&word, Status::WORDS);
                    r.error(span, format!("unknown status `{word}`"));
                    let list = Status::WORDS.join("`, `");
                    r.set_last(|d| d.expected(format!("one of `{list}`")).suggest(near));
                    None
                }
            },
            None => None,
        };
        let on = r.day(c, "on");
        if on.is_none() && Reader::get(c, "on").is_none() {
            r.error(item.span.clone(), "a `history` entry has no `on` date");
            r.set_last(|d| d.expected("`on = YYYY-MM-DD`, the day the change took effect"));
        }
        let to = r.day(c, "to");
        match (status, &to) {
            (Some(Status::Extended), None) => {
                r.error(
                    item.span.clone(),
                    "an `extended` entry needs the new date in `to`",
                );
                r.set_last(|d| d.expected("`to = YYYY-MM-DD`"));
            }
            (Some(s), Some((_, span))) if s != Status::Extended => {
                r.error(
                    span.clone(),
                    format!("`to` goes only with `extended`, not `{}`", s.word()),
                );
            }
            _ => {}
        }
        let reason = r.string(c, "reason").map(|s| s.0.into());
        let source = Reader::get(c, "source").and_then(|sv| r.source("source", sv));
        if let (Some(status), Some((on, _))) = (status, on) {
            out.push(Change {
                status,
                on,
                to: to.map(|t| t.0),
                reason,
                source,
            });
        }
    }
    out
}
