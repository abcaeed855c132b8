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
    /// The counting method and the version of it that counted the period: the one in force on
    /// the trigger day (or the one chosen).
    Version {
        /// The method's identifier, e.g. `frcp-6`.
        method: String,
        /// Its name, e.g. `FRCP 6`.
        title: String,
        /// The version: the day it took effect.
        version: NaiveDate,
        /// The last day it was in force, if it is no longer.
        #[serde(skip_serializing_if = "Option::is_none")]
        until: Option<NaiveDate>,
        /// `verified` or `draft`.
        status: String,
        /// The rule and amendment it stands on.
        cite: String,
        /// For a draft: what was read instead of the official text.
        #[serde(skip_serializing_if = "Option::is_none")]
        read_in: Option<String>,
        /// What is unsettled in it.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// Why it is the version used: `in force on the trigger day` or `chosen`.
        why: String,
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
    /// The days the method adds for how the paper was served (none, for some means and years).
    Service {
        /// How service was made, with the rule providing for it.
        means: String,
        /// Days added.
        days: u32,
        /// `after-expiry` (added after the period would otherwise expire, then rolled again) or
        /// `to-period` (added to the period before it is counted).
        added: String,
        /// The day the period would otherwise expire (for days added after it).
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<NaiveDate>,
        /// That day plus the days added.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<NaiveDate>,
        /// The rule that adds them (or adds none).
        source: String,
        /// What is unsettled about it.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
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
            Step::Version {
                method,
                title: _,
                version,
                until,
                status,
                cite,
                read_in,
                note,
                why,
            } => {
                let until = until
                    .map(|u| format!(", in force until {}", day(u)))
                    .unwrap_or_default();
                let mut text = format!(
                    "The counting method is {cite}{until} (`{method}` version {version}, {status}), {why}."
                );
                if let Some(read) = read_in {
                    text.push_str(&format!(" That version's text is a draft: {read}"));
                }
                if let Some(note) = note {
                    text.push_str(&format!(" Open question: {note}"));
                }
                text
            }
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
                days,
                added,
                from,
                to,
                source,
                note,
            } => {
                let mut text = match (days, from, to) {
                    (0, _, _) => format!("Service was made {means}: {source} adds no days."),
                    (n, Some(from), Some(to)) => format!(
                        "Service was made {means}, so {n} days are added after the period would otherwise expire on {}: {} ({source}).",
                        day(*from),
                        day(*to)
                    ),
                    (n, _, _) if added == "to-period" => format!(
                        "Service was made {means}, so {n} days are added to the period before it is counted ({source})."
                    ),
                    (n, _, _) => {
                        format!("Service was made {means}, so {n} days are added ({source}).")
                    }
                };
                if let Some(note) = note {
                    text.push_str(&format!(" Note: {note}."));
                }
                text
            }
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
