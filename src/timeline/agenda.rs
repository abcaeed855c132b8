//! What a docket says as of a day: its records in date order (`list`) and the open deadlines that
//! are due soon or overdue (`upcoming`). Dates are computed here; `render` only formats them.

use chrono::{NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::docket::RecordRef;
use super::docket::{Docket, effective_due};
use super::model::{Rule, Status, Timeline};
use super::when::When;

/// The version of the JSON shape of records (`list`, `upcoming`, `export --format json`).
pub const RECORDS_VERSION: u32 = 1;

/// One event or deadline, as shown to a person or a program.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    /// The record's id.
    pub id: String,
    /// `event` or `deadline`.
    pub kind: &'static str,
    /// The timeline's id.
    pub timeline: String,
    /// The title.
    pub title: String,
    /// Events: the date as written (`2020-01-13`, `Nov 2017`, `c. 2018`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Deadlines: the due day in force as of the day asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Deadlines: the due instant (RFC 3339), when a zone is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<String>,
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
    pub event_kind: Option<String>,
    /// Deadlines: the trigger's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// Deadlines: the period in its text form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Deadlines: who or what sets the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The timeline's person responsible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Citations, one line each.
    pub sources: Vec<String>,
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Deadlines: reminders before the due date, in the period text form.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<String>,
    /// Deadlines: the revision, raised whenever the date changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// Events: the date at its precision (for calendar export).
    #[serde(skip)]
    pub when: Option<When>,
    /// Deadlines: the time of day the period ends and the zone, when a time applies.
    #[serde(skip)]
    pub due_time: Option<(NaiveTime, Tz)>,
    /// Deadlines: the zone of the due instant, when known.
    #[serde(skip)]
    pub zone: Option<Tz>,
    /// Deadlines: the trigger in words (`Event title (2020-01-13)`).
    #[serde(skip)]
    pub trigger_text: Option<String>,
    /// The latest day the record's data speaks of (its date, trigger, or history): a
    /// reproducible time stamp for exports.
    #[serde(skip)]
    pub stamp: NaiveDate,
    /// Sort key: day, precision rank, instant (seconds), id.
    #[serde(skip)]
    pub sort: (NaiveDate, u8, i64),
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
    fn tags(&self, tags: &[String]) -> bool {
        self.tags.is_empty() || self.tags.iter().any(|t| tags.contains(t))
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
fn deadline_record(docket: &Docket, i: usize, day: NaiveDate) -> Option<Record> {
    let d = &docket.deadlines[i];
    let t = &docket.timelines[d.timeline];
    let computed = docket.computed[i].as_ref()?;
    let (status, _) = d.status_on(day);
    let (due, at) = effective_due(d, computed, day);
    Some(Record {
        id: d.id.clone(),
        kind: "deadline",
        timeline: t.id.clone(),
        title: d.title.clone(),
        date: None,
        due: Some(due.date),
        due_at: at.map(|a| a.to_rfc3339()),
        computed_due: (due.date != computed.due.date).then_some(computed.due.date),
        status: Some(status),
        days_left: Some((due.date - day).num_days()),
        event_kind: None,
        trigger: d.trigger.clone(),
        period: match &d.rule {
            Rule::Period { period, .. } => Some(period.to_string()),
            Rule::Fixed(_) => None,
        },
        authority: d.authority.clone(),
        tags: d.tags.clone(),
        assignee: t.assignee.clone(),
        sources: d.sources.iter().map(|s| s.line()).collect(),
        notes: d.notes.clone(),
        reminders: d.reminders.iter().map(|p| p.to_string()).collect(),
        revision: Some(d.revision),
        when: None,
        due_time: due.time.zip(due.zone),
        zone: due.zone,
        trigger_text: d.trigger.as_deref().map(|t| match docket.find(t) {
            Some(RecordRef::Event(e)) => {
                let e = &docket.events[e];
                format!("{} ({})", e.title, e.when.display())
            }
            Some(RecordRef::Deadline(j)) => {
                let prev = &docket.deadlines[j];
                format!("the due date of: {}", prev.title)
            }
            None => t.to_string(),
        }),
        stamp: d
            .history
            .iter()
            .map(|c| c.on)
            .chain(d.trigger.as_deref().and_then(|t| match docket.find(t) {
                Some(RecordRef::Event(e)) => docket.events[e].when.exact_day(),
                _ => None,
            }))
            .max()
            .unwrap_or(computed.due.date),
        sort: (due.date, 2, at.map_or(i64::MAX, |a| a.timestamp())),
    })
}

/// Every event and deadline in date order, partial dates in place.
pub fn list(docket: &Docket, as_of: Option<NaiveDate>, filter: &Filter) -> Vec<Record> {
    let days = as_of_days(docket, as_of);
    let mut out = Vec::new();
    for e in &docket.events {
        let t = &docket.timelines[e.timeline];
        if !filter.timeline(t) || !filter.tags(&e.tags) || !filter.statuses.is_empty() {
            continue;
        }
        let (day, rank) = e.when.sort_key();
        out.push(Record {
            id: e.id.clone(),
            kind: "event",
            timeline: t.id.clone(),
            title: e.title.clone(),
            date: Some(e.when.display()),
            due: None,
            due_at: None,
            computed_due: None,
            status: None,
            days_left: None,
            event_kind: e.kind.clone(),
            trigger: None,
            period: None,
            authority: None,
            tags: e.tags.clone(),
            assignee: t.assignee.clone(),
            sources: e.sources.iter().map(|s| s.line()).collect(),
            notes: e.notes.clone(),
            reminders: Vec::new(),
            revision: None,
            when: Some(e.when.clone()),
            due_time: None,
            zone: t.timezone,
            trigger_text: None,
            stamp: day,
            sort: (day, rank, i64::MIN),
        });
    }
    for (i, d) in docket.deadlines.iter().enumerate() {
        let t = &docket.timelines[d.timeline];
        if !filter.timeline(t) || !filter.tags(&d.tags) {
            continue;
        }
        let day = days[d.timeline];
        if !filter.statuses.is_empty() && !filter.statuses.contains(&d.status_on(day).0) {
            continue;
        }
        out.extend(deadline_record(docket, i, day));
    }
    // By a cached key: a record is large, and moving it is most of the cost of sorting it.
    out.sort_by_cached_key(|r| (r.sort, r.id.clone()));
    out
}

/// Open deadlines due from the as-of day within `within` days, and every overdue open deadline,
/// sorted by due instant.
pub fn upcoming(
    docket: &Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    filter: &Filter,
) -> Vec<Record> {
    let days = as_of_days(docket, as_of);
    let mut out: Vec<Record> = Vec::new();
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
        out.extend(deadline_record(docket, i, day));
    }
    // By a cached key: a record is large, and moving it is most of the cost of sorting it.
    out.sort_by_cached_key(|r| (r.sort, r.id.clone()));
    out
}
