//! What a docket says as of a day: its records in date order (`list`) and the open deadlines that
//! are due soon or overdue (`upcoming`). Dates are computed here; `render` only formats them.

use std::fmt;
use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::docket::{Computed, Docket, effective_due};
use super::docket::{Packed, RecordRef};
use super::model::{Deadline, Event, Rule, Source, Status, Text, Timeline};
use super::when::{Precision, When};
use crate::parallel;
use crate::rules::Period;

/// The version of the JSON shape of records (`list`, `upcoming`, `export --format json`).
pub const RECORDS_VERSION: u32 = 1;

/// One event or deadline, as shown to a person or a program: a view that borrows its text from
/// the docket, so listing a million records copies no strings.
#[derive(Clone, Debug, Serialize)]
pub struct Record<'a> {
    /// The record's id.
    pub id: &'a str,
    /// `event` or `deadline`.
    pub kind: &'static str,
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
    /// Deadlines: days from the as-of day to the due day, counted in the court's zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// Events: the kind (letter, subpoena, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_kind: Option<&'a str>,
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
    /// Deadlines: reminders before the due date (their text form in JSON).
    #[serde(
        serialize_with = "as_displays",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub reminders: &'a [Period],
    /// Deadlines: the revision, raised whenever the date changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// Deadlines: the time of day the period ends and the zone, when a time applies.
    #[serde(skip)]
    pub due_time: Option<(NaiveTime, Tz)>,
    /// Deadlines: the zone of the due instant, when known. Events: the zone their time is shown
    /// in, the one written with it or else the timeline's.
    #[serde(skip)]
    pub zone: Option<Tz>,
    /// Where the record comes from, for what only some views need and is worked out when
    /// asked ([`Record::trigger_of`], [`Record::stamp`]): a table of a million deadlines never
    /// looks up their triggers.
    #[serde(skip)]
    origin: Origin<'a>,
}

/// What a [`Record`] was made from.
#[derive(Clone, Copy, Debug)]
enum Origin<'a> {
    Event(&'a Event),
    Deadline(&'a Docket, usize),
}

impl<'a> Record<'a> {
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
        let Origin::Deadline(docket, i) = self.origin else {
            return None;
        };
        let id = docket.deadlines[i].trigger.as_deref()?;
        Some(match docket.trigger_ref(i) {
            Some(RecordRef::Event(e)) => TriggerOf::Event(&docket.events[e]),
            Some(RecordRef::Deadline(j)) => TriggerOf::Deadline(&docket.deadlines[j].title),
            None => TriggerOf::Unknown(id),
        })
    }

    /// The latest day the record's data speaks of (its date, its trigger's date, or its
    /// history): a reproducible time stamp for exports.
    pub fn stamp(&self) -> NaiveDate {
        self.stamp_with(self.trigger_of())
    }

    /// [`Record::stamp`] for a view that has already looked up the record's trigger
    /// ([`Record::trigger_of`]).
    pub fn stamp_with(&self, trigger: Option<TriggerOf<'a>>) -> NaiveDate {
        match self.origin {
            Origin::Event(e) => e.when.earliest_day(),
            Origin::Deadline(docket, i) => {
                let d = &docket.deadlines[i];
                let trigger_day = match trigger {
                    Some(TriggerOf::Event(e)) => e.when.exact_day(),
                    _ => None,
                };
                let computed = docket.computed[i].as_ref().map(|c| c.due.date);
                d.history
                    .iter()
                    .map(|c| c.on)
                    .chain(trigger_day)
                    .max()
                    .or(computed)
                    .unwrap_or(NaiveDate::MIN)
            }
        }
    }
}

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
    value: &Option<&T>,
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

/// Which records to show.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only these timelines (by id).
    pub timelines: Vec<String>,
    /// Only records with one of these tags.
    pub tags: Vec<String>,
    /// Only timelines with this person responsible.
    pub assignee: Option<String>,
    /// Only deadlines with one of these statuses.
    pub statuses: Vec<Status>,
}

impl Filter {
    fn timeline(&self, t: &Timeline) -> bool {
        (self.timelines.is_empty() || self.timelines.contains(&t.id))
            && self
                .assignee
                .as_ref()
                .is_none_or(|a| t.assignee.as_ref() == Some(a))
    }
    fn tags(&self, tags: &[Text]) -> bool {
        self.tags.is_empty() || self.tags.iter().any(|t| tags.iter().any(|x| x == t))
    }
}

/// The day to evaluate a timeline as of: the given day, or today in the timeline's own zone (its
/// `timezone`, else its calendar's, else UTC).
pub fn as_of_for(docket: &Docket, timeline: usize, given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| {
        let t = &docket.timelines[timeline];
        let zone = t
            .timezone
            .or_else(|| {
                docket
                    .calendar_for_timeline(timeline)
                    .and_then(|c| c.zone())
            })
            .unwrap_or(Tz::UTC);
        now().with_timezone(&zone).date_naive()
    })
}

/// The current instant: the clock, or `$DOCKET_NOW` (RFC 3339) when set, so that "today" can be
/// pinned in tests and reproduced when reporting a problem.
pub fn now() -> chrono::DateTime<Utc> {
    std::env::var("DOCKET_NOW")
        .ok()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

/// The day each timeline is evaluated as of (computed once per timeline).
fn as_of_days(docket: &Docket, as_of: Option<NaiveDate>) -> Vec<NaiveDate> {
    (0..docket.timelines.len())
        .map(|t| as_of_for(docket, t, as_of))
        .collect()
}

/// The record of deadline `i` as of `day`.
fn deadline_record(docket: &Docket, i: usize, day: NaiveDate) -> Option<Record<'_>> {
    let d = &docket.deadlines[i];
    let t = &docket.timelines[d.timeline];
    let computed = docket.computed[i].as_ref()?;
    let (status, _) = d.status_on(day);
    let (due, at) = effective_due(d, computed, day);
    Some(Record {
        id: &d.id,
        kind: "deadline",
        timeline: &t.id,
        title: &d.title,
        when: None,
        due: Some(due.date),
        due_at: at,
        computed_due: (due.date != computed.due.date).then_some(computed.due.date),
        status: Some(status),
        days_left: Some((due.date - day).num_days()),
        event_kind: None,
        trigger: d.trigger.as_deref(),
        period: match &d.rule {
            Rule::Period { period, .. } => Some(period),
            Rule::Fixed(_) => None,
        },
        authority: d.authority.as_deref(),
        rule: d.made_by.as_ref().map(|m| m.rule.as_str()),
        readings: d.made_by.as_ref().map_or(&[], |m| &m.readings),
        tags: &d.tags,
        assignee: t.assignee.as_deref(),
        sources: &d.sources,
        notes: d.notes.as_deref(),
        reminders: &d.reminders,
        revision: Some(d.revision),
        due_time: due.time.zip(due.zone),
        zone: due.zone,
        origin: Origin::Deadline(docket, i),
    })
}

/// A record's place in [`list`] order, without its text: a large export sorts these and makes
/// each [`Record`] only when it renders it.
#[derive(Clone, Copy, Debug)]
pub struct Listed<'a> {
    /// Where it goes.
    key: Order<'a>,
    /// The event or deadline, in four bytes.
    what: Packed,
    /// Deadlines: the status as of the day asked about.
    pub status: Option<Status>,
    /// The day its timeline is evaluated as of.
    day: NaiveDate,
    /// A timed entry: the zone of its time, and its day there.
    zoned: Option<(Tz, NaiveDate)>,
}

impl<'a> Listed<'a> {
    /// The place of event `i`, whose timeline, in `zone`, is evaluated as of `day`.
    fn event(i: usize, e: &'a Event, day: NaiveDate, zone: Option<Tz>) -> Self {
        let (date, rank) = e.when.sort_key();
        let zoned = match (&e.when.precision, zone) {
            (Precision::Moment(t), Some(tz)) => t
                .resolve(zone)
                .ok()
                .and_then(|m| m.instant)
                .map(|at| (tz, at.with_timezone(&tz).date_naive())),
            _ => None,
        };
        Listed {
            key: Order::new((date, rank, i64::MIN), &e.id),
            what: Packed::new(RecordRef::Event(i)),
            status: None,
            day,
            zoned,
        }
    }

    /// The place of deadline `i` as of `day`, when its status is `status`: its due day, after
    /// events of that day, by instant.
    fn deadline(
        i: usize,
        d: &'a Deadline,
        computed: &Computed,
        day: NaiveDate,
        status: Status,
    ) -> Self {
        let (due, at) = effective_due(d, computed, day);
        Listed {
            key: Order::new((due.date, 2, at.map_or(i64::MAX, |a| a.timestamp())), &d.id),
            what: Packed::new(RecordRef::Deadline(i)),
            status: Some(status),
            day,
            zoned: due.time.zip(due.zone).map(|(_, tz)| (tz, due.date)),
        }
    }

    /// The event or deadline.
    pub fn what(&self) -> RecordRef {
        self.what.get().expect("a place names a record")
    }

    /// Deadlines: days from the as-of day to the due day (as [`Record::days_left`]).
    pub fn days_left(&self) -> Option<i64> {
        self.status.map(|_| (self.key.day - self.day).num_days())
    }

    /// A timed entry (a deadline due at a time, an event at a moment, in a zone): the zone and
    /// the day there. A calendar describes each zone before the entries that use it.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, RecordRef, listed};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let order = listed(&docket, "2026-11-28".parse().ok(), &Filter::default());
    /// let conference = order
    ///     .iter()
    ///     .find(|p| matches!(p.what(), RecordRef::Event(e) if docket.events[e].id == "scheduling-conference"))
    ///     .unwrap();
    /// assert_eq!(conference.zoned(), Some((chrono_tz::America::Denver, "2027-01-12".parse().unwrap())));
    /// ```
    pub fn zoned(&self) -> Option<(Tz, NaiveDate)> {
        self.zoned
    }
}

/// The order of records: day, precision rank, instant (seconds), then the id.
///
/// The first eight bytes of the id are kept inline: most records share their day and instant
/// with others, and comparing ids through their pointers would cost a cache miss each time in
/// a large docket. Comparing the zero-padded head first gives the order of the whole ids,
/// because a zero byte sorts before any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Order<'a> {
    day: NaiveDate,
    rank: u8,
    instant: i64,
    head: u64,
    id: &'a str,
}

impl<'a> Order<'a> {
    fn new((day, rank, instant): (NaiveDate, u8, i64), id: &'a str) -> Self {
        let mut head = [0; 8];
        let n = id.len().min(8);
        head[..n].copy_from_slice(&id.as_bytes()[..n]);
        Order {
            day,
            rank,
            instant,
            head: u64::from_be_bytes(head),
            id,
        }
    }
}

/// A place's key in the order: [`Order`], then events before deadlines and file order, which
/// tells apart places with equal keys (possible only with duplicate ids), as a stable sort would.
fn sort_key<'a>(l: &Listed<'a>) -> (Order<'a>, (u8, usize)) {
    let position = match l.what() {
        RecordRef::Event(i) => (0, i),
        RecordRef::Deadline(i) => (1, i),
    };
    (l.key, position)
}

/// The places `make` puts in a vector for each range of `0..count`, in order: each core makes
/// and sorts the places of a range of its own (in place, without the scratch memory of a stable
/// sort), and the sorted ranges are merged.
fn sorted_places<'a>(
    count: usize,
    make: impl Fn(Range<usize>, &mut Vec<Listed<'a>>) + Sync,
) -> Vec<Listed<'a>> {
    let pieces = parallel::per_core(count, |range| {
        let mut piece = Vec::with_capacity(range.len());
        make(range, &mut piece);
        piece.sort_unstable_by_key(sort_key);
        piece.shrink_to_fit();
        piece
    });
    merge(pieces)
}

/// Sorted pieces as one sorted vector. Each piece is merged into the room made at the end of the
/// first one, from the back, so only the piece being merged is held twice.
fn merge<'a>(pieces: Vec<Vec<Listed<'a>>>) -> Vec<Listed<'a>> {
    let mut pieces = pieces.into_iter();
    let mut all = pieces.next().unwrap_or_default();
    for piece in pieces {
        let Some(&filler) = piece.first() else {
            continue;
        };
        let (mut i, mut j) = (all.len(), piece.len());
        all.reserve_exact(j);
        all.resize(i + j, filler);
        // Places `k..` are final; `all[..i]` and `piece[..j]` are still to be placed.
        for k in (0..all.len()).rev() {
            if j == 0 {
                break;
            }
            if i > 0 && sort_key(&all[i - 1]) > sort_key(&piece[j - 1]) {
                all[k] = all[i - 1];
                i -= 1;
            } else {
                all[k] = piece[j - 1];
                j -= 1;
            }
        }
    }
    all
}

/// Every event and deadline in date order, partial dates in place, as places in the order; see
/// [`record`] for each one's record.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Filter, list, listed, record};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let day = "2020-01-14".parse().ok();
/// let order = listed(&docket, day, &Filter::default());
/// let first = record(&docket, &order[0]).unwrap();
/// assert_eq!(first.id, list(&docket, day, &Filter::default())[0].id);
/// ```
pub fn listed<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    filter: &Filter,
) -> Vec<Listed<'a>> {
    let days = as_of_days(docket, as_of);
    let events = docket.events.len();
    sorted_places(events + docket.deadlines.len(), |range, out| {
        let (from, to) = (range.start.min(events), range.end.min(events));
        for (i, e) in (from..to).zip(docket.events.range(from, to)) {
            let t = &docket.timelines[e.timeline];
            if !filter.timeline(t) || !filter.tags(&e.tags) || !filter.statuses.is_empty() {
                continue;
            }
            out.push(Listed::event(i, e, days[e.timeline], shown_zone(e, t)));
        }
        let (from, to) = (
            range.start.max(events) - events,
            range.end.max(events) - events,
        );
        for (i, d) in (from..to).zip(docket.deadlines.range(from, to)) {
            let t = &docket.timelines[d.timeline];
            let Some(computed) = &docket.computed[i] else {
                continue;
            };
            if !filter.timeline(t) || !filter.tags(&d.tags) {
                continue;
            }
            let day = days[d.timeline];
            let status = d.status_on(day).0;
            if !filter.statuses.is_empty() && !filter.statuses.contains(&status) {
                continue;
            }
            out.push(Listed::deadline(i, d, computed, day, status));
        }
    })
}

/// The record at a place in the order (`None` for a deadline whose date cannot be computed,
/// which [`listed`] never returns).
pub fn record<'a>(docket: &'a Docket, listed: &Listed<'a>) -> Option<Record<'a>> {
    match listed.what() {
        RecordRef::Event(i) => Some(event_record(docket, i)),
        RecordRef::Deadline(i) => deadline_record(docket, i, listed.day),
    }
}

/// How many places ahead [`records_at`] asks for what a record points to; it asks for the
/// record itself twice as far ahead.
const AHEAD: usize = 8;

/// Makes the record at place `i` of `order` ([`record`] of `order[i]`), for a caller that goes
/// through the order from start to end (on each thread, in ranges).
///
/// Records in date order are scattered over memory, and each one reads several places that
/// point to each other. While one is made, the memory of those a few places ahead is asked for
/// (the record's own fields, then its history and timeline), so the trips to memory of
/// several records overlap instead of following one another.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Filter, listed, records_at};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = listed(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let record = records_at(&docket, &order);
/// for (i, place) in order.iter().enumerate() {
///     assert_eq!(record(i).unwrap().id, docket::timeline::record(&docket, place).unwrap().id);
/// }
/// assert!(record(order.len()).is_none());
/// ```
pub fn records_at<'a: 'o, 'o>(
    docket: &'a Docket,
    order: &'o [Listed<'a>],
) -> impl Fn(usize) -> Option<Record<'a>> + Sync + 'o {
    move |i| {
        if let Some(far) = order.get(i + 2 * AHEAD) {
            docket.fetch_record(far.what());
        }
        if let Some(near) = order.get(i + AHEAD) {
            docket.fetch_linked(near.what());
        }
        record(docket, order.get(i)?)
    }
}

/// Every event and deadline in date order, partial dates in place.
pub fn list<'a>(docket: &'a Docket, as_of: Option<NaiveDate>, filter: &Filter) -> Vec<Record<'a>> {
    listed(docket, as_of, filter)
        .iter()
        .filter_map(|l| record(docket, l))
        .collect()
}

/// The record of event `i`.
fn event_record(docket: &Docket, i: usize) -> Record<'_> {
    let e = &docket.events[i];
    let t = &docket.timelines[e.timeline];
    Record {
        id: &e.id,
        kind: "event",
        timeline: &t.id,
        title: &e.title,
        when: Some(&e.when),
        due: None,
        due_at: None,
        computed_due: None,
        status: None,
        days_left: None,
        event_kind: e.kind.as_deref(),
        trigger: None,
        period: None,
        authority: None,
        rule: None,
        readings: &[],
        tags: &e.tags,
        assignee: t.assignee.as_deref(),
        sources: &e.sources,
        notes: e.notes.as_deref(),
        reminders: &[],
        revision: None,
        due_time: None,
        zone: shown_zone(e, t),
        origin: Origin::Event(e),
    }
}

/// The zone an event's time is shown in: the one written with it, else its timeline's.
fn shown_zone(e: &Event, t: &Timeline) -> Option<Tz> {
    e.when.zone().or(t.timezone)
}

/// Open deadlines due from the as-of day within `within` days, and every overdue open deadline,
/// sorted by due instant.
pub fn upcoming<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    filter: &Filter,
) -> Vec<Record<'a>> {
    upcoming_listed(docket, as_of, within, filter)
        .iter()
        .filter_map(|l| record(docket, l))
        .collect()
}

/// [`upcoming`] as places in the order; see [`record`] for each one's record.
pub fn upcoming_listed<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    filter: &Filter,
) -> Vec<Listed<'a>> {
    let days = as_of_days(docket, as_of);
    // On this thread alone: merging sorted ranges would hold one range twice, and the memory
    // of `upcoming` over a large docket is budgeted (under three times the size of its files).
    let mut out = Vec::new();
    for (i, d) in docket.deadlines.iter().enumerate() {
        let t = &docket.timelines[d.timeline];
        if !filter.timeline(t) || !filter.tags(&d.tags) {
            continue;
        }
        let Some(computed) = &docket.computed[i] else {
            continue;
        };
        let day = days[d.timeline];
        let (status, extended) = d.status_on(day);
        if !status.is_open() || (!filter.statuses.is_empty() && !filter.statuses.contains(&status))
        {
            continue;
        }
        let due = extended.unwrap_or(computed.due.date);
        if (due - day).num_days() > i64::from(within) {
            continue;
        }
        out.push(Listed::deadline(i, d, computed, day, status));
    }
    out.sort_unstable_by_key(sort_key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendars;

    /// Places made and sorted on every core, then merged, are every record once, in order:
    /// enough records that the work is split, with ids that share their first eight bytes and
    /// records that share their day.
    #[test]
    fn places_merged_from_every_core_are_every_record_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for file in 0..3 {
            let mut text = format!("[timeline]\nid = \"t{file}\"\ntitle = \"T\"\n");
            for e in 0..parallel::SMALL {
                let (month, day) = (1 + next(12), 1 + next(28));
                let date = match next(10) {
                    0 => format!("\"2020-{month:02}\""),
                    1 => format!("2020-{month:02}-{day:02}T09:00:00-07:00"),
                    _ => format!("2020-{month:02}-{day:02}"),
                };
                text += &format!(
                    "[[event]]\nid = \"same-head-e{file}-{e}\"\ndate = {date}\ntitle = \"E\"\n\
                     [[deadline]]\nid = \"same-head-d{file}-{e}\"\ntitle = \"D\"\n\
                     trigger = \"same-head-e{file}-{e}\"\nperiod = \"{} days\"\n",
                    next(40)
                );
            }
            std::fs::write(dir.path().join(format!("t{file}.toml")), text).unwrap();
        }
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let places = listed(&docket, "2020-06-01".parse().ok(), &Filter::default());
        let mut sorted = places.clone();
        sorted.sort_unstable_by_key(sort_key);
        let keys = |p: &[Listed<'_>]| {
            p.iter()
                .map(|l| format!("{:?}", sort_key(l)))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&places), keys(&sorted));
        let mut seen: Vec<_> = places.iter().map(|p| sort_key(p).1).collect();
        seen.sort_unstable();
        seen.dedup();
        let computed = docket.computed.iter().flatten().count();
        assert_eq!(seen.len(), docket.events.len() + computed);
        assert!(computed > parallel::SMALL);
    }
}
