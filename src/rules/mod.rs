//! The rules of computing time: periods, their text form, triggers, the counting methods in
//! their versions (FRCP 6, C.R.C.P. 6, C.R.S. 2-4-108), and the computation of a due date with
//! its explanation.

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
