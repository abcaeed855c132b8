//! What a docket says as of a day: its records in date order (`list`) and the open deadlines that
//! are due soon or overdue (`upcoming`), as records or as places in the order. Dates are
//! computed here; `render` only formats them.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

use super::docket::Docket;
use super::filter::Filter;
use super::place::{Place, record, sort, sorted_places};
use super::record::{Record, shown_zone};
use super::when::Precision;

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
    let chosen = filter.chosen(docket);
    let events = docket.events.len();
    sorted_places(events + docket.deadlines.len(), |range, out| {
        let (from, to) = (range.start.min(events), range.end.min(events));
        for (i, e) in (from..to).zip(docket.events.range(from, to)) {
            let t = &docket.timelines[e.timeline];
            if !chosen[e.timeline] || !filter.tags(&e.tags) || !filter.statuses.is_empty() {
                continue;
            }
            out.push(Place::event(i, e, days[e.timeline], shown_zone(e, t)));
        }
        let (from, to) = (
            range.start.max(events) - events,
            range.end.max(events) - events,
        );
        for (i, d) in (from..to).zip(docket.deadlines.range(from, to)) {
            let Some(computed) = &docket.computed[i] else {
                continue;
            };
            if !chosen[d.timeline] || !filter.tags(&d.tags) {
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

/// Which events [`upcoming`] shows beside the deadlines.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Events, Filter, upcoming};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let day = "2027-01-01".parse().ok();
/// let soon = upcoming(&docket, day, 14, Events::Timed, &Filter::default());
/// let conference = soon.iter().find(|r| r.id == "scheduling-conference").unwrap();
/// assert_eq!(conference.days_left, Some(11));
/// assert_eq!(conference.at.unwrap().to_rfc3339(), "2027-01-12T10:00:00-07:00");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Events {
    /// Events at a time of day: hearings, conferences, appearances.
    #[default]
    Timed,
    /// Every event known to the day.
    All,
}

/// Open deadlines due from the as-of day within `within` days, every overdue open deadline, and
/// the events (see [`Events`]) from the as-of day within `within` days, sorted by date and
/// instant. A `statuses` filter leaves events out, as in [`list`].
pub fn upcoming<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    events: Events,
    filter: &Filter,
) -> Vec<Record<'a>> {
    upcoming_places(docket, as_of, within, events, filter)
        .iter()
        .filter_map(|l| record(docket, l))
        .collect()
}

/// [`upcoming`] as places in the order; see [`record`] for each one's record.
pub fn upcoming_places<'a>(
    docket: &'a Docket,
    as_of: Option<NaiveDate>,
    within: u32,
    events: Events,
    filter: &Filter,
) -> Vec<Place<'a>> {
    let days = as_of_days(docket, as_of);
    let chosen = filter.chosen(docket);
    // On this thread alone: merging sorted ranges would hold one range twice, and the memory
    // of `upcoming` over a large docket is budgeted (under three times the size of its files).
    let mut out = Vec::new();
    for (i, d) in docket.deadlines.iter().enumerate() {
        if !chosen[d.timeline] || !filter.tags(&d.tags) {
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
    // Events at a time of day (hearings, conferences, appearances), or all those known to the
    // day, from the as-of day to the end of the window.
    for (i, e) in docket.events.iter().enumerate() {
        if !chosen[e.timeline] || !filter.tags(&e.tags) || !filter.statuses.is_empty() {
            continue;
        }
        let timed = matches!(e.when.precision, Precision::Moment(_));
        if events == Events::Timed && !timed {
            continue;
        }
        let Some(on) = e.when.exact_day() else {
            continue;
        };
        let day = days[e.timeline];
        if !(0..=i64::from(within)).contains(&(on - day).num_days()) {
            continue;
        }
        let t = &docket.timelines[e.timeline];
        out.push(Place::event(i, e, day, shown_zone(e, t)));
    }
    sort(&mut out);
    out
}
