//! The timeline model: a matter's header, its events and its deadlines, as loaded from a file.

use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::when::When;
use crate::diagnostic::SourceFile;
use crate::rules::{Period, Roll};

/// Text of a record: ids, titles, kinds, citations, tags. Up to 24 bytes are kept inline, not
/// on the heap; most of a docket's strings are that short, and a million-event docket holds
/// about ten million of them.
pub type Text = compact_str::CompactString;

const _: () = assert!(std::mem::size_of::<Text>() == 24);
// A docket holds millions of records: their size is held here (see `EventDetails`).
const _: () = assert!(std::mem::size_of::<Event>() <= 160);
const _: () = assert!(std::mem::size_of::<Deadline>() <= 216);
const _: () = assert!(std::mem::size_of::<EventDetails>() >= 120);
const _: () = assert!(std::mem::size_of::<DeadlineDetails>() >= 80);

/// A citation: text, a URL, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The citation text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Text>,
    /// A link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
}

impl Source {
    /// One line: `cite <url>`.
    ///
    /// ```
    /// let s = docket::timeline::Source { cite: Some("ECF 12".into()), url: Some("https://x".into()) };
    /// assert_eq!(s.line(), "ECF 12 <https://x>");
    /// ```
    pub fn line(&self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for Source {
    /// [`Source::line`], written straight into a longer text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.cite, &self.url) {
            (Some(c), Some(u)) => write!(f, "{c} <{u}>"),
            (Some(c), None) => f.write_str(c),
            (None, Some(u)) => f.write_str(u),
            (None, None) => Ok(()),
        }
    }
}

/// A matter: one timeline file's `[timeline]` table.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// Unique across the docket.
    pub id: String,
    /// A short title.
    pub title: String,
    /// What calendar entries call the matter, before each summary (default: the title).
    pub short: Option<String>,
    /// What the matter is.
    pub description: Option<String>,
    /// The court or agency.
    pub court: Option<String>,
    /// The case number.
    pub case: Option<String>,
    /// The parties.
    pub parties: Vec<String>,
    /// The person responsible.
    pub assignee: Option<String>,
    /// The matter's time zone.
    pub timezone: Option<Tz>,
    /// The default calendar for its deadlines.
    pub calendar: String,
    /// Sources for the matter as a whole.
    pub sources: Vec<Source>,
    /// The file it was read from.
    pub file: Arc<SourceFile>,
}

/// Where something is written in its file, as two 32-bit offsets rather than a
/// `Range<usize>`'s two words: a docket holds millions of them. Offsets past 4 GiB are kept as
/// 4 GiB - 1, which places a message at the end of such a file.
///
/// ```
/// use docket::timeline::Span;
/// assert_eq!(Span::from(3..7).range(), 3..7);
/// assert_eq!(Span::from(0..usize::MAX).range(), 0..u32::MAX as usize);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

const _: () = assert!(std::mem::size_of::<Span>() == 8);

impl Span {
    /// The byte offsets.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            start: offset(r.start),
            end: offset(r.end),
        }
    }
}

/// The two kinds of record a timeline holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A dated event: `[[event]]`.
    Event,
    /// A deadline: `[[deadline]]`.
    Deadline,
}

impl Kind {
    /// The word for the kind, which is also the key of its array of tables.
    ///
    /// ```
    /// use docket::timeline::Kind;
    /// assert_eq!(Kind::Deadline.key(), "deadline");
    /// assert_eq!(Kind::Event.to_string(), "event");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Deadline => "deadline",
        }
    }
}

impl std::fmt::Display for Kind {
    /// [`Kind::key`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// A dated event.
#[derive(Clone, Debug)]
pub struct Event {
    /// Unique across the docket.
    pub id: Text,
    /// Where the id is written.
    pub id_span: Span,
    /// When it happened.
    pub when: When,
    /// Where the date is written.
    pub date_span: Span,
    /// What happened.
    pub title: Text,
    /// letter, subpoena, order, filing, hearing, report, ...
    pub kind: Option<Text>,
    /// Citations.
    pub sources: Box<[Source]>,
    /// Tags.
    pub tags: Box<[Text]>,
    /// What fewer events have (an end, a place, reminders, notes, what docket keeps on them), in
    /// one allocation: `None` when the file gives none of it. The accessors read through it.
    pub details: Option<Box<EventDetails>>,
    /// Index of its timeline in the docket.
    pub timeline: usize,
}

/// What an event may have beyond its date, words and sources, kept apart because a large docket
/// holds many events without any of it: over 120 bytes of fields behind one 8-byte pointer
/// (each event without any of it takes 72 bytes less than with fields of their own).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDetails {
    /// When it ends, if the file says (`end` or `duration`); else a timed event lasts the
    /// default length of its kind ([`crate::timeline::timed_length`]).
    pub end: Option<Ending>,
    /// Where it takes place (a courtroom, an address): `LOCATION` on a calendar.
    pub location: Option<Text>,
    /// Reminders before it, as periods (`1 day`): VALARMs on a calendar, when it has a time.
    pub reminders: Box<[Period]>,
    /// Notes.
    pub notes: Option<Text>,
    /// Raised whenever an edit moves the event or a date changed by hand is accepted
    /// (`SEQUENCE` on a calendar).
    pub revision: u32,
    /// The date as docket last wrote or accepted it (`recorded = { date = ... }`): a date
    /// changed by hand since then is reported, and accepted with a raised revision.
    pub recorded: Option<When>,
    /// When an editing command last changed the event (`modified`, UTC).
    pub modified: Option<DateTime<Utc>>,
}

impl Event {
    /// When it ends, if the file says.
    pub fn end(&self) -> Option<&Ending> {
        self.details.as_ref()?.end.as_ref()
    }

    /// Where it takes place.
    pub fn location(&self) -> Option<&str> {
        self.details.as_ref()?.location.as_deref()
    }

    /// Reminders before it.
    pub fn reminders(&self) -> &[Period] {
        self.details.as_ref().map_or(&[], |d| &d.reminders)
    }

    /// Notes.
    pub fn notes(&self) -> Option<&str> {
        self.details.as_ref()?.notes.as_deref()
    }

    /// The revision, raised whenever an edit moves the event or its date is accepted after a
    /// change by hand (0 if none is written).
    pub fn revision(&self) -> u32 {
        self.details.as_ref().map_or(0, |d| d.revision)
    }

    /// The date as docket last recorded it, if it has.
    pub fn recorded(&self) -> Option<&When> {
        self.details.as_ref()?.recorded.as_ref()
    }

    /// The date as docket last recorded it, if the file's date has been changed by hand since
    /// (`docket check` reports it, `docket accept` records the new one).
    pub fn moved_by_hand(&self) -> Option<&When> {
        self.recorded()
            .filter(|was| was.precision != self.when.precision)
    }

    /// When the event was last changed by an editing command, if one has.
    pub fn modified(&self) -> Option<DateTime<Utc>> {
        self.details.as_ref()?.modified
    }
}

/// When an event ends, as its file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `end = 2027-01-14`: an event over several days, ending on this day (included).
    Day(NaiveDate),
    /// `end = "11:30"`: a time on the day it starts, in its zone.
    Time(NaiveTime),
    /// `end = 2027-01-13T12:00:00`: a date and time in its zone.
    Local(NaiveDateTime),
    /// `duration = "90 minutes"`: elapsed time from its start.
    Lasting(TimeDelta),
}

/// A deadline's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not yet met.
    Open,
    /// Met.
    Done,
    /// Passed without being met.
    Missed,
    /// Moved to a new date (open, with that date).
    Extended,
    /// No longer due.
    Withdrawn,
    /// The outcome is not known (a historical deadline that must not stay "overdue").
    Unknown,
}

impl Status {
    /// Whether the deadline is still to be met (open, or extended to a new date).
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::Extended)
    }

    /// The word used in files and output.
    pub fn word(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::Missed => "missed",
            Status::Extended => "extended",
            Status::Withdrawn => "withdrawn",
            Status::Unknown => "unknown",
        }
    }

    /// Every status word, for suggestions.
    pub const WORDS: [&'static str; 6] =
        ["open", "done", "missed", "extended", "withdrawn", "unknown"];
}

/// One change of a deadline's status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The new status.
    pub status: Status,
    /// The day it took effect.
    pub on: NaiveDate,
    /// For `extended`: the new due date.
    pub to: Option<NaiveDate>,
    /// Why.
    pub reason: Option<String>,
    /// Its source.
    pub source: Option<Source>,
}

/// What docket computed for a deadline when it was added or its new date was accepted: so that a
/// change of holiday data, trigger or rule can never move the date unseen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The due date then.
    pub due: NaiveDate,
    /// The trigger's day then.
    pub trigger: Option<NaiveDate>,
    /// The period's text then.
    pub period: Option<String>,
    /// The calendar data version then.
    pub data: Option<String>,
    /// Where the record is written.
    pub span: Range<usize>,
}

/// The court rule that made a deadline (`docket apply`): `rule = "SET/RULE"`, the rule's
/// version and the answers it used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeBy {
    /// `SET/RULE`, e.g. `frcp/72-a`.
    pub rule: Text,
    /// The rule's version (the day it took effect).
    pub version: Option<Text>,
    /// The rule's text was not verified in an official source (`rule_status = "draft"`): its
    /// deadlines say so wherever they are shown.
    pub draft: bool,
    /// The answers it used, by question.
    pub answers: Box<[(Text, Text)]>,
    /// Where sources disagree on how the rule counts: every reading's due date (the earliest
    /// is the deadline's).
    pub readings: Box<[RuleReading]>,
}

/// One reading of a rule and its due date (`readings = [{ id, due, source }]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleReading {
    /// The reading's id, e.g. `same-day`.
    pub id: Text,
    /// Its due date.
    pub due: NaiveDate,
    /// Who reads the rule so.
    pub source: Text,
}

/// How a deadline's date is set.
#[derive(Clone, Debug)]
pub enum Rule {
    /// Counted from a trigger by a period.
    Period {
        /// The period.
        period: Period,
        /// Where the period is written.
        span: Span,
        /// A roll override.
        roll: Option<Roll>,
    },
    /// A fixed date set by a document.
    Fixed(NaiveDate),
}

/// A deadline.
#[derive(Clone, Debug)]
pub struct Deadline {
    /// Unique across the docket.
    pub id: Text,
    /// Where the id is written.
    pub id_span: Span,
    /// What is due.
    pub title: Text,
    /// The event or deadline it counts from.
    pub trigger: Option<Text>,
    /// Where the trigger is written.
    pub trigger_span: Span,
    /// How its date is set.
    pub rule: Rule,
    /// The rule, order or document that sets the period.
    pub authority: Option<Text>,
    /// Citations.
    pub sources: Box<[Source]>,
    /// Tags.
    pub tags: Box<[Text]>,
    /// The status history, in the order written.
    pub history: Box<[Change]>,
    /// Revision, raised whenever the date changes (for calendar clients).
    pub revision: u32,
    /// The due date as computed and recorded when the deadline was added or last accepted.
    pub recorded: Option<Box<Recorded>>,
    /// The court rule that made it, if one did (`rule = "frcp/72-a"`).
    pub made_by: Option<Box<MadeBy>>,
    /// What fewer deadlines have (a calendar of their own, reminders, notes, `from = "done"`,
    /// the stamp of the last edit), in one allocation: `None` when the file gives none of it.
    pub details: Option<Box<DeadlineDetails>>,
    /// Index of its timeline in the docket.
    pub timeline: usize,
}

/// What a deadline may have beyond its date, words and sources, kept apart because a large
/// docket holds many deadlines without any of it: 80 bytes of fields behind one 8-byte pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeadlineDetails {
    /// A calendar other than the timeline's.
    pub calendar: Option<Text>,
    /// Reminders before the due date, as periods (`7 days`).
    pub reminders: Box<[Period]>,
    /// Notes.
    pub notes: Option<Text>,
    /// Counts from the day its trigger deadline was done, once that is recorded, not from that
    /// deadline's due date (`from = "done"`).
    pub from_done: bool,
    /// When an editing command last changed the deadline (`modified`, UTC).
    pub modified: Option<DateTime<Utc>>,
}

impl Deadline {
    /// A calendar other than the timeline's, if it names one.
    pub fn calendar(&self) -> Option<&str> {
        self.details.as_ref()?.calendar.as_deref()
    }

    /// Reminders before the due date.
    pub fn reminders(&self) -> &[Period] {
        self.details.as_ref().map_or(&[], |d| &d.reminders)
    }

    /// Notes.
    pub fn notes(&self) -> Option<&str> {
        self.details.as_ref()?.notes.as_deref()
    }

    /// Whether it counts from the day its trigger deadline was done (`from = "done"`).
    pub fn from_done(&self) -> bool {
        self.details.as_ref().is_some_and(|d| d.from_done)
    }

    /// When an editing command last changed the deadline, if one has.
    pub fn modified(&self) -> Option<DateTime<Utc>> {
        self.details.as_ref()?.modified
    }

    /// The status as of `day`, and the extended due date in force then, if any.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Status};
    /// let file = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[deadline]]\nid = \"d\"\n\
    ///     title = \"Reply\"\ndue = 2020-01-27\nhistory = [\n  { status = \"extended\", \
    ///     on = 2020-01-20, to = 2020-02-03 },\n  { status = \"done\", on = 2020-02-01 },\n]\n";
    /// let files = HashMap::from([("t.toml".into(), file.to_string())]);
    /// let docket = Docket::load_with(&[], Calendars::builtin(), &files);
    /// let d = &docket.deadlines[0];
    /// let day = |s: &str| s.parse().unwrap();
    /// assert_eq!(d.status_on(day("2020-01-14")), (Status::Open, None));
    /// assert_eq!(d.status_on(day("2020-01-21")), (Status::Extended, Some(day("2020-02-03"))));
    /// assert_eq!(d.status_on(day("2020-02-01")).0, Status::Done);
    /// ```
    pub fn status_on(&self, day: NaiveDate) -> (Status, Option<NaiveDate>) {
        let mut status = Status::Open;
        let mut extended_to = None;
        for change in self.history.iter().filter(|c| c.on <= day) {
            status = change.status;
            if change.status == Status::Extended {
                extended_to = change.to;
            }
        }
        (status, extended_to)
    }
}
