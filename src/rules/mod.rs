//! The rules of computing time: periods, their text form, triggers, the counting methods in
//! their versions (FRCP 6, C.R.C.P. 6, C.R.S. 2-4-108), and the computation of a due date with
//! its explanation.
//!
//! A period is parsed from its text form ([`Period`]'s `FromStr`), counted from a [`Trigger`] on
//! a calendar ([`Context`]), and gives a [`Due`]: [`Period::due`] alone, [`Period::explain`] with
//! every step.
//!
//! ```
//! use docket::calendar::Calendars;
//! use docket::rules::{Context, Period, Trigger};
//!
//! let federal = Calendars::builtin().get("us-federal").unwrap();
//! let period: Period = "14 days + mail".parse().unwrap();
//! let served: Trigger = "2020-01-13".parse().unwrap();
//! let (due, steps) = period.explain(&served, &Context::new(federal)).unwrap();
//! // 14 days end on Mon 2020-01-27; service by mail adds 3 days (FRCP 6(d)).
//! assert_eq!(due.date.to_string(), "2020-01-30");
//! assert!(steps.len() > 1);
//! ```

mod compute;
mod error;
pub mod explain;
mod hours;
mod method;
mod method_file;
mod parse;
mod period;
mod reminder;
mod trigger;

pub use compute::{Context, Due, EndOfDay};
pub use error::{ComputeError, PeriodError};
pub use explain::{NoTrace, Step, Trace};
pub use method::{
    AddOn, Added, EndRule, Method, Methods, RollRule, ServiceRule, ShortPeriods, StateHolidays,
    Status, UnknownMethod, Version,
};
pub use period::{Period, Roll, Service, Unit};
pub use reminder::{DEFAULT_REMINDERS, ReminderOffset};
pub use trigger::{Moment, Trigger, parse_date, parse_zone, place};
