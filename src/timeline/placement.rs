//! Where a record goes on a calendar: the days an all-day entry covers, or the time a timed one
//! starts, worked out here so that a calendar view only writes them down.

use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta};
use chrono_tz::Tz;

use super::ending::EventEnd;
use super::record::Record;
use super::when::Precision;
use crate::rules::ComputeError;

/// Where a record goes on a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// All day, over these days (the end excluded): a due day, an event's day, or the whole
    /// month or year of a date known only that far.
    AllDay(Range<NaiveDate>),
    /// From a local time in a zone: a deadline due at a time, an event at a moment in its zone.
    Local(Tz, NaiveDateTime),
    /// From an instant, in UTC: an event at a moment written with an offset, in a timeline
    /// without a zone.
    Utc(NaiveDateTime),
}

/// How long a timed event of this kind lasts on a calendar: seven hours for a deposition (the
/// most FRCP 30(d)(1) allows in one day unless stipulated or ordered), one hour for anything
/// else (a hearing, a conference, a call). A calendar entry always gets an end, so every
/// calendar program shows the same span.
///
/// ```
/// use chrono::TimeDelta;
/// use docket::timeline::timed_length;
/// assert_eq!(timed_length(Some("hearing")), TimeDelta::hours(1));
/// assert_eq!(timed_length(Some("deposition")), TimeDelta::hours(7));
/// assert_eq!(timed_length(None), TimeDelta::hours(1));
/// ```
pub fn timed_length(kind: Option<&str>) -> TimeDelta {
    match kind {
        Some(k) if k.eq_ignore_ascii_case("deposition") => TimeDelta::hours(7),
        _ => TimeDelta::hours(1),
    }
}

impl Record<'_> {
    /// Where the record goes on a calendar: `None` for a record with no date to place, an error
    /// for a moment that cannot be placed (a local time with no zone to read it in).
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, Placement, list};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let records = list(&docket, "2027-01-01".parse().ok(), &Filter::default());
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let placed = |id: &str| records.iter().find(|r| r.id == id).unwrap().placement();
    /// // Known only to the month: the whole of it.
    /// assert_eq!(
    ///     placed("denver-reply-on-1373"),
    ///     Some(Ok(Placement::AllDay(day("2017-12-01")..day("2018-01-01"))))
    /// );
    /// // A conference at 10:00 in the court's zone.
    /// assert_eq!(
    ///     placed("scheduling-conference"),
    ///     Some(Ok(Placement::Local(
    ///         chrono_tz::America::Denver,
    ///         day("2027-01-12").and_hms_opt(10, 0, 0).unwrap()
    ///     )))
    /// );
    /// ```
    pub fn placement(&self) -> Option<Result<Placement, ComputeError>> {
        if let Some(due) = self.due {
            return Some(Ok(match self.due_time {
                Some((time, zone)) => Placement::Local(zone, due.and_time(time)),
                None => Placement::AllDay(due..due.succ_opt()?),
            }));
        }
        let when = self.when?;
        let Precision::Moment(moment) = when.precision else {
            let days = when.days()?;
            return Some(Ok(Placement::AllDay(match self.end {
                Some(EventEnd::LastDay(last)) => days.start..last.succ_opt()?,
                _ => days,
            })));
        };
        let m = match moment.resolve(self.zone) {
            Ok(m) => m,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(match (m.instant, self.zone) {
            (Some(at), Some(zone)) => Placement::Local(zone, at.with_timezone(&zone).naive_local()),
            (Some(at), None) => Placement::Utc(at.naive_utc()),
            // A moment with no time of day is its day.
            (None, _) => Placement::AllDay(m.date..m.date.succ_opt()?),
        }))
    }

    /// Where a timed event ends: at its `end`, after its `duration`, or after [`timed_length`]
    /// of its kind. `None` for a deadline (an instant, not a span of busy time) and for an
    /// all-day entry, whose end is in its [`Placement::AllDay`] days.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, list};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let records = list(&docket, "2027-01-01".parse().ok(), &Filter::default());
    /// let conference = records.iter().find(|r| r.id == "scheduling-conference").unwrap();
    /// // `duration = "30 minutes"` in the file.
    /// assert_eq!(conference.timed_end(), conference.at.map(|t| t + chrono::TimeDelta::minutes(30)));
    /// ```
    pub fn timed_end(&self) -> Option<DateTime<FixedOffset>> {
        match self.end {
            Some(EventEnd::At(at)) => Some(at),
            _ => None,
        }
    }
}
