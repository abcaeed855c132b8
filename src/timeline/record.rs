//! A record as shown to a person or a program: an event or a deadline, with what its timeline
//! says of it and, for a deadline, its date and status as of a day.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::compute::effective_due;
use super::docket::{Docket, RecordRef};
use super::ending::{EventEnd, end_instant, last_day};
use super::model::{Event, Kind, Rule, Source, Status, Text, Timeline};
use super::when::{Precision, When};
use crate::rules::Period;

/// The version of the JSON shape of records (`list`, `upcoming`, `export --format json`).
pub const RECORDS_VERSION: u32 = 1;

/// One event or deadline, as shown to a person or a program: a view that borrows its text from
/// the docket, so listing a million records copies no strings.
#[derive(Clone, Debug, Serialize)]
pub struct Record<'a> {
    /// The record's id.
    pub id: &'a str,
    /// An event or a deadline (`"event"` or `"deadline"` in JSON).
    pub kind: Kind,
    /// The timeline's id.
    pub timeline: &'a str,
    /// The title.
    pub title: &'a str,
    /// Events: the date as written (`2020-01-13`, `Nov 2017`, `c. 2018`), at its precision.
    #[serde(
        rename = "date",
        serialize_with = "as_display",
        skip_serializing_if = "Option::is_none"
    )]
    pub when: Option<&'a When>,
    /// Deadlines: the due day in force as of the day asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Deadlines: the due instant (RFC 3339 in JSON), when a zone is known.
    #[serde(serialize_with = "as_rfc3339", skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Deadlines: the computed date, when an extension has moved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_due: Option<NaiveDate>,
    /// Deadlines: the status as of the day asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Events: the instant of an event at a time of day (RFC 3339, with its UTC offset, in
    /// JSON), when its zone is known.
    #[serde(serialize_with = "as_rfc3339", skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    /// Events: when it ends on a calendar (RFC 3339 for a timed event, its `end` or `duration`
    /// or else the default length of its kind; the last day for an event over several days).
    #[serde(serialize_with = "as_display", skip_serializing_if = "Option::is_none")]
    pub end: Option<EventEnd>,
    /// Days from the as-of day to a deadline's due day (counted in the court's zone) or to an
    /// event's day; negative when past. Always present in JSON: `null` for an event known only
    /// to the month or year.
    pub days_left: Option<i64>,
    /// Events: the kind (letter, subpoena, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_kind: Option<&'a str>,
    /// Events: where it takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    /// Deadlines: the trigger's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<&'a str>,
    /// Deadlines: the period (its text form in JSON).
    #[serde(serialize_with = "as_display", skip_serializing_if = "Option::is_none")]
    pub period: Option<&'a Period>,
    /// Deadlines: who or what sets the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<&'a str>,
    /// Deadlines: the court rule that made it, `SET/RULE` (`docket apply`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'a str>,
    /// Deadlines: `draft` when the rule that made it is a draft (its text not verified).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_status: Option<&'static str>,
    /// Deadlines: where sources disagree on how the rule counts, every reading's due date.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub readings: &'a [crate::timeline::RuleReading],
    /// Tags.
    pub tags: &'a [Text],
    /// The timeline's person responsible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<&'a str>,
    /// Citations (one line each in JSON: `cite <url>`).
    #[serde(serialize_with = "as_lines")]
    pub sources: &'a [Source],
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Reminders before the due date or the event (their text form in JSON).
    #[serde(
        serialize_with = "as_displays",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub reminders: &'a [Period],
    /// The revision, raised whenever the date changes (`SEQUENCE` on a calendar); for an
    /// event, 0 until an edit moves it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// When an editing command last changed the record (RFC 3339, UTC, in JSON), if one has.
    #[serde(serialize_with = "as_display", skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<Utc>>,
    /// Deadlines: the time of day the period ends and the zone, when a time applies.
    #[serde(skip)]
    pub due_time: Option<(NaiveTime, Tz)>,
    /// Deadlines: the zone of the due instant, when known. Events: the zone their time is shown
    /// in, the one written with it or else the timeline's.
    #[serde(skip)]
    pub zone: Option<Tz>,
    /// The record's timeline, for what calendar entries say of the matter.
    #[serde(skip)]
    pub matter: &'a Timeline,
    /// Deadlines: the docket and the deadline's index, for what only some views need and is
    /// worked out when asked ([`Record::trigger_of`]): a table of a million deadlines never
    /// looks up their triggers.
    #[serde(skip)]
    deadline: Option<(&'a Docket, usize)>,
}

impl<'a> Record<'a> {
    /// The record of event `i` as of `day`.
    pub(super) fn event(docket: &'a Docket, i: usize, day: NaiveDate) -> Self {
        let e = &docket.events[i];
        let t = &docket.timelines[e.timeline];
        let zone = shown_zone(e, t);
        let at = match e.when.precision {
            Precision::Moment(m) => m.resolve(zone).ok().and_then(|m| m.instant),
            _ => None,
        };
        let ending = e.end();
        let end = match at {
            Some(start) => end_instant(ending, start, zone, e.kind.as_deref()).map(EventEnd::At),
            None => last_day(ending, &e.when).map(EventEnd::LastDay),
        };
        Record {
            id: &e.id,
            kind: Kind::Event,
            timeline: &t.id,
            title: &e.title,
            when: Some(&e.when),
            due: None,
            due_at: None,
            computed_due: None,
            status: None,
            at,
            end,
            days_left: e.when.exact_day().map(|d| (d - day).num_days()),
            event_kind: e.kind.as_deref(),
            location: e.location(),
            trigger: None,
            period: None,
            authority: None,
            rule: None,
            rule_status: None,
            readings: &[],
            tags: &e.tags,
            assignee: t.assignee.as_deref(),
            sources: &e.sources,
            notes: e.notes(),
            reminders: e.reminders(),
            revision: Some(e.revision()),
            modified: e.modified(),
            due_time: None,
            zone,
            matter: t,
            deadline: None,
        }
    }

    /// The record of deadline `i` as of `day` (`None` when its date cannot be computed).
    pub(super) fn deadline(docket: &'a Docket, i: usize, day: NaiveDate) -> Option<Self> {
        let d = &docket.deadlines[i];
        let t = &docket.timelines[d.timeline];
        let computed = docket.computed[i].as_ref()?;
        let (status, _) = d.status_on(day);
        let (due, at) = effective_due(d, computed, day);
        Some(Record {
            id: &d.id,
            kind: Kind::Deadline,
            timeline: &t.id,
            title: &d.title,
            when: None,
            due: Some(due.date),
            due_at: at,
            computed_due: (due.date != computed.due.date).then_some(computed.due.date),
            status: Some(status),
            at: None,
            end: None,
            days_left: Some((due.date - day).num_days()),
            event_kind: None,
            location: None,
            trigger: d.trigger.as_deref(),
            period: match &d.rule {
                Rule::Period { period, .. } => Some(period),
                Rule::Fixed(_) => None,
            },
            authority: d.authority.as_deref(),
            rule: d.made_by.as_ref().map(|m| m.rule.as_str()),
            rule_status: d.made_by.as_ref().filter(|m| m.draft).map(|_| "draft"),
            readings: d.made_by.as_ref().map_or(&[], |m| &m.readings),
            tags: &d.tags,
            assignee: t.assignee.as_deref(),
            sources: &d.sources,
            notes: d.notes(),
            reminders: d.reminders(),
            revision: Some(d.revision),
            modified: d.modified(),
            due_time: due.time.zip(due.zone),
            zone: due.zone,
            matter: t,
            deadline: Some((docket, i)),
        })
    }

    /// Citations, one line each: `cite <url>`.
    pub fn source_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.sources.iter().map(Source::line)
    }

    /// Deadlines: what the trigger is, to put in words.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, list};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let records = list(&docket, "2020-01-14".parse().ok(), &Filter::default());
    /// let response = records.iter().find(|r| r.id == "subpoena-1-response").unwrap();
    /// assert!(response.trigger_of().unwrap().to_string().ends_with("(2020-01-13)"));
    /// ```
    pub fn trigger_of(&self) -> Option<TriggerOf<'a>> {
        let (docket, i) = self.deadline?;
        let id = docket.deadlines[i].trigger.as_deref()?;
        Some(match docket.trigger_ref(i) {
            Some(RecordRef::Event(e)) => TriggerOf::Event(&docket.events[e]),
            Some(RecordRef::Deadline(j)) => TriggerOf::Deadline(&docket.deadlines[j].title),
            None => TriggerOf::Unknown(id),
        })
    }

    /// When the record was last changed, for a calendar's `DTSTAMP` and `LAST-MODIFIED`: its
    /// `modified` time, which every editing command writes, else [`UNMODIFIED`], so that the
    /// same files always give the same bytes. Never the record's own date: a hearing next
    /// year was not modified next year.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, UNMODIFIED, list};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let records = list(&docket, "2020-01-14".parse().ok(), &Filter::default());
    /// assert!(records.iter().all(|r| r.stamp() == UNMODIFIED));
    /// ```
    pub fn stamp(&self) -> DateTime<Utc> {
        self.modified.unwrap_or(UNMODIFIED)
    }
}

/// The time stamp of a record that no editing command has changed (no `modified` in its file):
/// 1970-01-01T00:00:00Z, fixed and plainly not a real time of change.
pub const UNMODIFIED: DateTime<Utc> = DateTime::<Utc>::UNIX_EPOCH;

/// A deadline's trigger, for putting in words.
///
/// ```
/// use docket::timeline::TriggerOf;
/// assert_eq!(TriggerOf::Deadline("Answer").to_string(), "the due date of: Answer");
/// ```
#[derive(Clone, Copy, Debug)]
pub enum TriggerOf<'a> {
    /// An event: its title and date.
    Event(&'a Event),
    /// Another deadline: its title.
    Deadline(&'a str),
    /// An id that names nothing in the docket.
    Unknown(&'a str),
}

impl fmt::Display for TriggerOf<'_> {
    /// `Event title (2020-01-13)`, `the due date of: Title`, or the id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TriggerOf::Event(e) => write!(f, "{} ({})", e.title, e.when),
            TriggerOf::Deadline(title) => write!(f, "the due date of: {title}"),
            TriggerOf::Unknown(id) => f.write_str(id),
        }
    }
}

fn as_display<T: fmt::Display, S: serde::Serializer>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

fn as_displays<T: fmt::Display, S: serde::Serializer>(
    values: &&[T],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(|v| v.to_string()))
}

fn as_lines<S: serde::Serializer>(sources: &&[Source], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sources.iter().map(Source::line))
}

fn as_rfc3339<S: serde::Serializer>(
    at: &Option<DateTime<FixedOffset>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&at.to_rfc3339()),
        None => s.serialize_none(),
    }
}

/// The zone an event's time is shown in: the one written with it, else its timeline's.
pub(super) fn shown_zone(e: &Event, t: &Timeline) -> Option<Tz> {
    e.when.zone().or(t.timezone)
}
