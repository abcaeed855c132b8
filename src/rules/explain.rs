//! The explanation of a computed due date: each step as data, and as plain words a lawyer could
//! paste into a letter.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::ClosedReason;

/// One step of a computation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// The trigger the period runs from.
    Trigger {
        /// The trigger's civil day.
        date: NaiveDate,
        /// The trigger's instant (RFC 3339), for timed triggers.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<String>,
        /// What the trigger is (the event or deadline it comes from), when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        what: Option<String>,
    },
    /// The period, who sets it, and the counting method applied.
    Method {
        /// The period in its text form.
        period: String,
        /// The rule, order or document that sets the period, when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        authority: Option<String>,
        /// The counting method, in words.
        method: String,
        /// The rule that supplies the method.
        source: String,
    },
    /// The count itself: from the trigger to the day (or instant) it lands on.
    Count {
        /// Where counting started.
        from: String,
        /// Where it landed.
        to: String,
        /// Words on how it was counted.
        detail: String,
    },
    /// A month or year count that asked for a day the month does not have.
    Clamp {
        /// The day of the month asked for.
        wanted_day: u32,
        /// The last day of the month, used instead.
        to: NaiveDate,
        /// The authority for clamping.
        source: String,
    },
    /// A last day that was not a day for filing, moved.
    Roll {
        /// The day the count landed on.
        from: NaiveDate,
        /// The day it moved to.
        to: NaiveDate,
        /// `forward` or `backward`.
        direction: String,
        /// Why each day passed over was closed.
        closed: Vec<ClosedReason>,
        /// The rule that moves it.
        source: String,
    },
    /// A last day that is not a day for filing, kept because the period does not roll.
    Kept {
        /// The day.
        date: NaiveDate,
        /// Why it is closed.
        closed: Vec<ClosedReason>,
    },
    /// Three days added for service by mail, by leaving with the clerk or by consent.
    Service {
        /// How service was made.
        means: String,
        /// The day the period would otherwise expire.
        from: NaiveDate,
        /// Three days later.
        to: NaiveDate,
        /// The rule.
        source: String,
    },
    /// The due instant.
    Due {
        /// The due day.
        date: NaiveDate,
        /// The due instant (RFC 3339), when a zone is known.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<String>,
        /// What fixes the time of day.
        basis: String,
    },
    /// The calendar data used.
    Data {
        /// The calendar's name.
        calendar: String,
        /// Its data version.
        version: String,
    },
}

/// Receives the steps of a computation. The fast path uses [`NoTrace`], which builds nothing.
pub trait Trace {
    /// Records the step that `step` builds (called only when a step is wanted).
    fn record(&mut self, step: impl FnOnce() -> Step);
    /// Whether steps are kept (lets a caller skip gathering their details).
    fn wanted(&self) -> bool;
}

/// A trace that keeps nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTrace;

impl Trace for NoTrace {
    #[inline(always)]
    fn record(&mut self, _: impl FnOnce() -> Step) {}
    #[inline(always)]
    fn wanted(&self) -> bool {
        false
    }
}

impl Trace for Vec<Step> {
    fn record(&mut self, step: impl FnOnce() -> Step) {
        self.push(step());
    }
    fn wanted(&self) -> bool {
        true
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%A, %B %-d, %Y").to_string()
}

fn reasons(closed: &[ClosedReason]) -> String {
    closed
        .iter()
        .map(|r| match &r.source {
            Some(src) => format!("{}: {}, {src}", day(r.date), r.why),
            None => format!("{}: weekend", day(r.date)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Renders steps as numbered sentences in plain words.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::rules::{explain, Context, Period};
/// let cal = Calendars::builtin().get("us-federal").unwrap();
/// let p: Period = "14 days".parse().unwrap();
/// let (due, steps) = p.explain(&"2020-01-13".parse().unwrap(), &Context::new(cal)).unwrap();
/// assert_eq!(due.date.to_string(), "2020-01-27");
/// assert!(explain::render(&steps).contains("Monday, January 27, 2020"));
/// ```
pub fn render(steps: &[Step]) -> String {
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        let text = match step {
            Step::Trigger { date, at, what } => match (at, what) {
                (Some(at), Some(what)) => format!(
                    "The trigger is {what}, at {at} (trigger day {}).",
                    day(*date)
                ),
                (Some(at), None) => {
                    format!("The period runs from {at} (trigger day {}).", day(*date))
                }
                (None, Some(what)) => format!("The trigger is {what}, on {}.", day(*date)),
                (None, None) => format!("The trigger is {}.", day(*date)),
            },
            Step::Method {
                period,
                authority,
                method,
                source,
            } => match authority {
                Some(a) => format!(
                    "The period is {period}, set by {a}. It is counted {method} ({source})."
                ),
                None => format!("The period is {period}. It is counted {method} ({source})."),
            },
            Step::Count { from, to, detail } => {
                format!("Counting from {from}, {detail}, the period ends on {to}.")
            }
            Step::Clamp {
                wanted_day,
                to,
                source,
            } => format!(
                "That month has no day {wanted_day}, so the period ends on its last day, {} ({source}).",
                day(*to)
            ),
            Step::Roll {
                from,
                to,
                direction,
                closed,
                source,
            } => format!(
                "{} is not a day for filing, so the period runs {} to {} ({source}). Days passed over: {}.",
                day(*from),
                if direction == "forward" { "on" } else { "back" },
                day(*to),
                reasons(closed),
            ),
            Step::Kept { date, closed } => format!(
                "{} is not a day for filing ({}), but this period does not move off such days, so the day stands.",
                day(*date),
                reasons(closed)
            ),
            Step::Service {
                means,
                from,
                to,
                source,
            } => format!(
                "Service was made {means}, so 3 days are added after the period would otherwise expire on {}: {} ({source}).",
                day(*from),
                day(*to)
            ),
            Step::Due { date, at, basis } => match at {
                Some(at) => format!("Due: {} ({at}), {basis}.", day(*date)),
                None => format!("Due: {}, {basis}.", day(*date)),
            },
            Step::Data { calendar, version } => {
                format!(
                    "Holidays and closures from the `{calendar}` calendar, data version {version}."
                )
            }
        };
        let _ = writeln!(out, "{}. {text}", i + 1);
    }
    out
}
