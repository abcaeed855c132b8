//! The rules of computing time: periods, their text form, triggers, and the computation of a due
//! date with its explanation (FRCP 6(a) and 6(d); the same method as C.R.C.P. 6(a)).

mod compute;
mod error;
pub mod explain;
mod parse;
mod period;
mod reminder;
mod trigger;

pub use compute::{Context, Due, EndOfDay};
pub use error::{ComputeError, PeriodError};
pub use explain::{NoTrace, Step, Trace};
pub use period::{Period, Roll, Service, Unit};
pub use reminder::{DEFAULT_REMINDERS, ReminderOffset};
pub use trigger::{Moment, Trigger, parse_date, parse_zone, place};
