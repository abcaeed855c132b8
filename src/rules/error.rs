//! Errors of the rules layer: a period's text that does not parse, and a computation that cannot
//! be done.

use chrono::NaiveDate;

use super::method::UnknownMethod;
use crate::calendar::CalendarError;

/// A period's text form could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PeriodError {
    /// Nothing was given.
    #[error("empty period; expected `N UNIT`, such as `14 days`")]
    Empty,
    /// The count is negative.
    #[error(
        "a period cannot be negative; for a period counted back from the event write `{instead}`"
    )]
    Negative {
        /// The same period written the right way.
        instead: String,
    },
    /// The count is not a whole number.
    #[error("`{count}` is not a whole number of units; expected a count such as `14`")]
    BadCount {
        /// What was written.
        count: String,
    },
    /// The count is larger than any period docket can compute.
    #[error("the count `{count}` is too large")]
    TooLarge {
        /// What was written.
        count: String,
    },
    /// No unit after the count.
    #[error("missing unit; expected `days`, `court days`, `weeks`, `months`, `years` or `hours`")]
    MissingUnit,
    /// An unknown unit.
    #[error("unknown unit `{unit}`{}; expected `days`, `court days`, `weeks`, `months`, `years` or `hours`", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownUnit {
        /// What was written.
        unit: String,
        /// The nearest unit.
        suggestion: Option<String>,
    },
    /// `+` with nothing after it.
    #[error("`+` must be followed by how the paper was served: {}", add_ons())]
    MissingService,
    /// An unknown means of service.
    #[error("unknown service `{service}`{}; the add-ons are {}", suggestion.as_ref().map(|s| format!(" (did you mean `+ {s}`? `{service}` is electronic service)")).unwrap_or_default(), add_ons())]
    UnknownService {
        /// What was written.
        service: String,
        /// The nearest means.
        suggestion: Option<String>,
    },
    /// Words after a complete period.
    #[error(
        "unexpected `{word}`; expected `before`, `after` or `+ mail|clerk|consent|electronic` after the unit"
    )]
    Unexpected {
        /// The first word not understood.
        word: String,
    },
    /// A service add-on on a period counted before an event.
    #[error(
        "a service add-on cannot apply to a period counted before an event: FRCP 6(d) adds 3 days to a period that runs after service"
    )]
    ServiceBefore,
}

/// Every add-on with what it means, for messages.
fn add_ons() -> String {
    super::period::Service::ALL
        .iter()
        .map(|s| format!("`+ {}` ({})", s.word(), s.meaning()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A due date could not be computed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ComputeError {
    /// The calendar layer refused (a date out of range).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The calendar names a counting method that does not exist.
    #[error(transparent)]
    Method(#[from] UnknownMethod),
    /// An hour period from a trigger that has no time of day.
    #[error(
        "a period in hours runs from a moment in time ({rule}), but the trigger {date} has no time of day; give a time such as `{date}T09:00`"
    )]
    HoursFromDate {
        /// The trigger date.
        date: NaiveDate,
        /// The rule for hour periods.
        rule: String,
    },
    /// An hour period under a method (or a version of it) with no rule for hours.
    #[error(
        "a period in hours cannot be counted under {method} as in force on the trigger day (version {version}): it has no rule for periods stated in hours{}; give the due time as a fixed date and time, or choose a method with `--method`",
        later.map(|d| format!(" (one took effect on {d})")).unwrap_or_default()
    )]
    HoursNoRule {
        /// The method's name.
        method: String,
        /// The version in force.
        version: String,
        /// The first day of a later version that has one.
        later: Option<NaiveDate>,
    },
    /// A service add-on that adds days, on an hour period.
    #[error(
        "`{period}`: no rule or decision was found that adds {rule}'s {days} days to a period stated in hours (72 hours later? the same time 3 days later? the end of the third day?); count the hours alone and add what the court's order or rule provides, as a deadline of its own"
    )]
    HoursService {
        /// The period as written.
        period: String,
        /// The days the add-on would add.
        days: u32,
        /// The rule that adds them to periods in days.
        rule: String,
    },
    /// Paper filing on a calendar that gives no closing time for the clerk's office.
    #[error(
        "the calendar `{calendar}` gives no closing time for the clerk's office{}, so a deadline for paper filing cannot end at it; give the time with `--at HH:MM`, or use a calendar of your own with `clerk_closes`",
        why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
    )]
    NoClerkHours {
        /// The calendar.
        calendar: String,
        /// Why it gives none, when it says.
        why: Option<String>,
    },
    /// A local time with no zone to place it in.
    #[error(
        "no time zone for the local time `{time}`: give an offset or a zone (`{time}-07:00`, `{time}[America/Denver]`), `--tz`, or a calendar with a zone"
    )]
    NoZone {
        /// The local time as written.
        time: String,
    },
    /// A local time that the clocks skip.
    #[error(
        "{time} does not exist in {zone}: the clocks skip it for daylight saving time; give the time with its offset"
    )]
    Skipped {
        /// The local time.
        time: String,
        /// The zone.
        zone: String,
    },
    /// A local time that happens twice.
    #[error(
        "{time} happens twice in {zone} (the clocks go back); give the offset to say which: {first} or {second}"
    )]
    Ambiguous {
        /// The local time.
        time: String,
        /// The zone.
        zone: String,
        /// The earlier instant, with offset.
        first: String,
        /// The later instant, with offset.
        second: String,
    },
    /// An hour period whose due time cannot be placed in a zone.
    #[error(
        "a period in hours needs the court's time zone to decide its last day: give `--tz` or a calendar with a zone"
    )]
    HoursNeedZone,
}
