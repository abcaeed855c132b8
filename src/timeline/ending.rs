//! When an event ends: `end` (its last day, a time, or a date and time) or `duration` (elapsed
//! time from its start), checked against its start when the file is read, and placed on the
//! time line for a calendar entry.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use chrono_tz::Tz;

use super::model::Ending;
use super::placement::timed_length;
use super::when::{Precision, When};
use crate::rules::{Trigger, parse_date, place};

/// The longest `duration` docket reads, in days: a trial of a year is long; anything longer is
/// a typo.
const LONGEST_DAYS: i64 = 366;

impl Ending {
    /// Reads `end` written as text: a day `2027-01-14` (an event over several days, ending
    /// that day), a time `11:30` or `11:30:00` (on the day it starts), or a date and time
    /// `2027-01-13T12:00` (in the event's zone; no offset).
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use docket::timeline::Ending;
    /// assert_eq!(Ending::parse_end("11:30"), Ok(Ending::Time(NaiveTime::from_hms_opt(11, 30, 0).unwrap())));
    /// assert_eq!(Ending::parse_end("2027-01-14"), Ok(Ending::Day(NaiveDate::from_ymd_opt(2027, 1, 14).unwrap())));
    /// assert!(Ending::parse_end("2027-01-13T12:00-07:00").unwrap_err().contains("no offset"));
    /// ```
    pub fn parse_end(text: &str) -> Result<Ending, String> {
        let t = text.trim();
        if let Some(time) = ["%H:%M", "%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
        {
            return Ok(Ending::Time(time));
        }
        if let Some(local) = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        {
            return Ok(Ending::Local(local));
        }
        if t.len() > 10 && t.contains('T') {
            return Err(format!(
                "`{t}`: write the end in the event's own zone, with no offset (`2027-01-13T12:00`)"
            ));
        }
        if t.len() == 10 {
            return parse_date(t).map(Ending::Day);
        }
        Err(format!(
            "`{t}` is not an end; expected a time `11:30`, a date and time `2027-01-13T12:00`, or a last day `2027-01-14`"
        ))
    }

    /// Reads `duration`: whole minutes, hours and days, such as `90 minutes`, `2 hours`,
    /// `1 hour 30 minutes` or `3 days`; elapsed time, so an event over a change of the clocks
    /// still lasts what it says.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use docket::timeline::Ending;
    /// assert_eq!(Ending::parse_duration("1 hour 30 minutes"), Ok(Ending::Lasting(TimeDelta::minutes(90))));
    /// assert_eq!(Ending::parse_duration("2 days"), Ok(Ending::Lasting(TimeDelta::hours(48))));
    /// assert!(Ending::parse_duration("2 weeks").unwrap_err().contains("minutes, hours or days"));
    /// ```
    pub fn parse_duration(text: &str) -> Result<Ending, String> {
        let expected =
            "expected minutes, hours or days, such as `90 minutes` or `1 hour 30 minutes`";
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case("and"))
            .collect();
        if words.is_empty() || !words.len().is_multiple_of(2) {
            return Err(format!("`{}` is not a duration; {expected}", text.trim()));
        }
        let mut minutes: i64 = 0;
        for pair in words.chunks(2) {
            let count: i64 = pair[0]
                .parse()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| format!("`{}` is not a whole number; {expected}", pair[0]))?;
            let per = match pair[1].to_ascii_lowercase().as_str() {
                "minute" | "minutes" | "min" | "mins" => 1,
                "hour" | "hours" | "hr" | "hrs" => 60,
                "day" | "days" => 24 * 60,
                other => return Err(format!("`{other}` is not a unit of a duration; {expected}")),
            };
            minutes = count
                .checked_mul(per)
                .and_then(|m| minutes.checked_add(m))
                .filter(|m| *m <= LONGEST_DAYS * 24 * 60)
                .ok_or_else(|| format!("`{}` is longer than {LONGEST_DAYS} days", text.trim()))?;
        }
        if minutes == 0 {
            return Err(format!("`{}` lasts no time at all", text.trim()));
        }
        Ok(Ending::Lasting(TimeDelta::minutes(minutes)))
    }

    /// Checks the end against the event's date, in `zone` (the event's own, else its
    /// timeline's): a last day for an event known by its day, a time after the start for an
    /// event at a time, nothing for a date known only to the month or year.
    ///
    /// ```
    /// use docket::timeline::{Ending, When};
    /// let hearing = When::parse("2027-01-12T10:00", false).unwrap();
    /// let denver = Some(chrono_tz::America::Denver);
    /// assert!(Ending::parse_end("11:30").unwrap().check(&hearing, denver).is_ok());
    /// assert!(Ending::parse_end("09:30").unwrap().check(&hearing, denver).unwrap_err().contains("not after"));
    /// let trial = When::parse("2027-03-01", false).unwrap();
    /// assert!(Ending::parse_end("2027-03-05").unwrap().check(&trial, denver).is_ok());
    /// assert!(Ending::parse_duration("2 hours").unwrap().check(&trial, denver).unwrap_err().contains("time of day"));
    /// ```
    pub fn check(&self, start: &When, zone: Option<Tz>) -> Result<(), String> {
        let local_start = match start.precision {
            Precision::Month(..) | Precision::Year(_) => {
                return Err(format!(
                    "the event's date ({start}) is known only to the {}, so it has no end",
                    if matches!(start.precision, Precision::Year(_)) {
                        "year"
                    } else {
                        "month"
                    }
                ));
            }
            Precision::Day(day) => {
                return match *self {
                    Ending::Day(last) if last >= day => Ok(()),
                    Ending::Day(last) => {
                        Err(format!("the event ends ({last}) before its date ({day})"))
                    }
                    Ending::Time(_) | Ending::Local(_) => Err(format!(
                        "`end` is a time, but the event's date ({day}) has none: give `date` a time (`{day}T09:00`) or `end` its last day"
                    )),
                    Ending::Lasting(_) => Err(format!(
                        "a `duration` needs a time of day in `date` ({day}); an event over several days takes `end = <its last day>`"
                    )),
                };
            }
            Precision::Moment(trigger) => local_start(trigger),
        };
        let end = match *self {
            Ending::Lasting(_) => return Ok(()),
            Ending::Day(day) => {
                return Err(format!(
                    "the event starts at a time, so it ends at one: `end = \"{}\"` or `end = {}T{}`, not the day {day}",
                    local_start.format("%H:%M"),
                    day,
                    local_start.format("%H:%M:%S"),
                ));
            }
            Ending::Time(time) => local_start.date().and_time(time),
            Ending::Local(local) => local,
        };
        if end <= local_start {
            return Err(format!(
                "the end ({}) is not after the start ({}); an event past midnight ends at a date and time",
                end.format("%Y-%m-%dT%H:%M"),
                local_start.format("%Y-%m-%dT%H:%M")
            ));
        }
        if let Some(tz) = own_zone(start).or(zone) {
            place(end, tz).map_err(|e| format!("the end: {e}"))?;
        }
        Ok(())
    }
}

impl fmt::Display for Ending {
    /// As it could be written: `2027-01-14`, `11:30`, `2027-01-13T12:00`, `90 minutes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ending::Day(day) => write!(f, "{day}"),
            Ending::Time(t) => write!(f, "{}", t.format("%H:%M")),
            Ending::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M")),
            Ending::Lasting(d) => {
                let m = d.num_minutes();
                match (m / 60, m % 60) {
                    (0, m) => write!(f, "{m} minute{}", plural(m)),
                    (h, 0) => write!(f, "{h} hour{}", plural(h)),
                    (h, m) => write!(f, "{h} hour{} {m} minute{}", plural(h), plural(m)),
                }
            }
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The wall-clock start of an event at a moment: as written, or its instant in its own zone
/// (else at its offset).
fn local_start(trigger: Trigger) -> NaiveDateTime {
    match trigger {
        Trigger::Date(day) => day.and_time(NaiveTime::MIN),
        Trigger::Local(local, _) => local,
        Trigger::Instant(at, own) => {
            own.map_or(at.naive_local(), |tz| at.with_timezone(&tz).naive_local())
        }
    }
}

/// The zone written with an event's moment (`[America/Denver]`), if any.
fn own_zone(start: &When) -> Option<Tz> {
    match start.precision {
        Precision::Moment(Trigger::Local(_, own) | Trigger::Instant(_, own)) => own,
        _ => None,
    }
}

/// Where an event ends on a calendar, worked out from its file: the instant a timed event ends
/// (at its `end`, after its `duration`, or after the default length of its kind), or the last
/// day of an event over several days. Shown as RFC 3339 or as a day (`"end"` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventEnd {
    /// A timed event ends at this instant.
    At(DateTime<FixedOffset>),
    /// An event known by its day lasts until the end of this day.
    LastDay(NaiveDate),
}

impl fmt::Display for EventEnd {
    /// `2027-01-12T11:00:00-07:00` or `2027-01-14`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventEnd::At(at) => f.write_str(&at.to_rfc3339()),
            EventEnd::LastDay(day) => write!(f, "{day}"),
        }
    }
}

/// When an event that starts at instant `start` ends: at its `end` or after its `duration`,
/// else after the default length of its `kind`. An end written as a wall-clock time is read in
/// `zone` (the zone the event is shown in), or else at the start's offset.
pub(super) fn end_instant(
    ending: Option<&Ending>,
    start: DateTime<FixedOffset>,
    zone: Option<Tz>,
    kind: Option<&str>,
) -> Option<DateTime<FixedOffset>> {
    let wall = |local: NaiveDateTime| match zone {
        Some(tz) => place(local, tz).ok().map(|at| at.fixed_offset()),
        None => local.and_local_timezone(*start.offset()).single(),
    };
    let start_local = match zone {
        Some(tz) => start.with_timezone(&tz).naive_local(),
        None => start.naive_local(),
    };
    match ending {
        None => start.checked_add_signed(timed_length(kind)),
        Some(Ending::Lasting(d)) => start.checked_add_signed(*d),
        Some(Ending::Time(t)) => wall(start_local.date().and_time(*t)),
        Some(Ending::Local(local)) => wall(*local),
        Some(Ending::Day(_)) => None,
    }
}

/// The last day of an event known by its day that ends on a later one (`end = 2027-01-14`).
pub(super) fn last_day(ending: Option<&Ending>, start: &When) -> Option<NaiveDate> {
    match (ending, start.precision) {
        (Some(Ending::Day(last)), Precision::Day(_)) => Some(*last),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A duration written as docket displays it reads back as the same duration.
        #[test]
        fn a_duration_reads_back_as_displayed(minutes in 1i64..=LONGEST_DAYS * 24 * 60) {
            let d = Ending::Lasting(TimeDelta::minutes(minutes));
            prop_assert_eq!(Ending::parse_duration(&d.to_string()), Ok(d));
        }
    }

    /// An hour's duration over the night the clocks go forward is an hour of elapsed time,
    /// two on the wall clock; an end written as a time is that time on the wall.
    #[test]
    fn a_duration_is_elapsed_time_and_an_end_is_wall_time() {
        let denver = chrono_tz::America::Denver;
        let start = place(
            NaiveDate::from_ymd_opt(2027, 3, 14)
                .unwrap()
                .and_hms_opt(1, 30, 0)
                .unwrap(),
            denver,
        )
        .unwrap()
        .fixed_offset();
        let hour = Ending::Lasting(TimeDelta::hours(1));
        let end = end_instant(Some(&hour), start, Some(denver), None).unwrap();
        assert_eq!(
            end.with_timezone(&denver).format("%H:%M").to_string(),
            "03:30"
        );
        let at = Ending::Time(NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        let end = end_instant(Some(&at), start, Some(denver), None).unwrap();
        assert_eq!(end - start, TimeDelta::minutes(90));
    }

    #[test]
    fn ends_that_cannot_be_are_refused_with_what_to_write() {
        let denver = Some(chrono_tz::America::Denver);
        let month = When::parse("2017-11", false).unwrap();
        let hearing = When::parse("2027-01-12T10:00", false).unwrap();
        let e = |s: &str| Ending::parse_end(s).unwrap();
        assert!(
            e("11:00")
                .check(&month, denver)
                .unwrap_err()
                .contains("month")
        );
        assert!(
            e("2027-01-12")
                .check(&hearing, denver)
                .unwrap_err()
                .contains("end = \"10:00\"")
        );
        assert!(
            e("2027-01-12T10:00")
                .check(&hearing, denver)
                .unwrap_err()
                .contains("not after")
        );
        // 02:30 on 2027-03-14 does not exist in Denver.
        let night = When::parse("2027-03-14T01:00", false).unwrap();
        assert!(
            e("02:30")
                .check(&night, denver)
                .unwrap_err()
                .contains("the end")
        );
        assert!(
            Ending::parse_duration("0 minutes")
                .unwrap_err()
                .contains("no time")
        );
        assert!(
            Ending::parse_duration("400 days")
                .unwrap_err()
                .contains("longer")
        );
        assert!(
            Ending::parse_duration("two hours")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            Ending::parse_end("noon")
                .unwrap_err()
                .contains("not an end")
        );
    }
}
