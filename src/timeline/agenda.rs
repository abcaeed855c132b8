//! What a docket says as of a day: its records in date order (`list`) and the open deadlines that
//! are due soon or overdue (`upcoming`), as records or as places in the order. Dates are
//! computed here; `render` only formats them.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

use super::docket::Docket;
use super::model::{Status, Text, Timeline};
use super::place::{Place, record, sort, sorted_places};
use super::record::{Record, shown_zone};

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

/// Every event and deadline in date order, partial dates in place, as places in the order; see
/// [`record`] for each one's record.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Filter, list, list_places, record};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let day = "2020-01-14".parse().ok();
/// let order = list_places(&docket, day, &Filter::default());
/// let first = record(&docket, &order[0]).unwrap();
/// assert_eq!(first.id, list(&docket, day, &Filter::default())[0].id);
/// ```
pub fn list_places<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    filter: &Filter,
) -> Vec<Place<'a>> {
    let days = as_of_days(docket, as_of);
    let events = docket.events.len();
    sorted_places(events + docket.deadlines.len(), |range, out| {
        let (from, to) = (range.start.min(events), range.end.min(events));
        for (i, e) in (from..to).zip(docket.events.range(from, to)) {
            let t = &docket.timelines[e.timeline];
            if !filter.timeline(t) || !filter.tags(&e.tags) || !filter.statuses.is_empty() {
                continue;
            }
            out.push(Place::event(i, e, days[e.timeline], shown_zone(e, t)));
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
            out.push(Place::deadline(i, d, computed, day, status));
        }
    })
}

/// Every event and deadline in date order, partial dates in place.
pub fn list<'a>(docket: &'a Docket, as_of: Option<NaiveDate>, filter: &Filter) -> Vec<Record<'a>> {
    list_places(docket, as_of, filter)
        .iter()
        .filter_map(|l| record(docket, l))
        .collect()
}

/// Open deadlines due from the as-of day within `within` days, and every overdue open deadline,
/// sorted by due instant.
pub fn upcoming<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    filter: &Filter,
) -> Vec<Record<'a>> {
    upcoming_places(docket, as_of, within, filter)
        .iter()
        .filter_map(|l| record(docket, l))
        .collect()
}

/// [`upcoming`] as places in the order; see [`record`] for each one's record.
pub fn upcoming_places<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    filter: &Filter,
) -> Vec<Place<'a>> {
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
        out.push(Place::deadline(i, d, computed, day, status));
    }
    sort(&mut out);
    out
}
