//! docket: legal deadlines and the timelines around them.
//!
//! The library computes due dates by the rules of computing time (FRCP 6, C.R.C.P. 6,
//! 5 U.S.C. 6103, C.R.S. 24-11-101), explains every step, and keeps timelines of dated events in
//! plain TOML files. The `docket` binary is a thin layer over it.
//!
//! ```
//! use docket::calendar::Calendars;
//! use docket::rules::{Context, Period};
//!
//! let cal = Calendars::builtin().get("d-colo").unwrap();
//! let period: Period = "7 days".parse().unwrap();
//! // Mon 2025-10-06 is Cabrini Day, a Colorado holiday that counts for forward periods in
//! // federal court in Colorado (FRCP 6(a)(6)(C)).
//! let due = period.due(&"2025-09-29".parse().unwrap(), &Context::new(cal)).unwrap();
//! assert_eq!(due.date.to_string(), "2025-10-07");
//! ```

#![warn(missing_docs)]

pub(crate) mod atomic;
pub mod calendar;
pub mod cli;
pub mod court_rules;
pub mod diagnostic;
mod digits;
pub mod edit;
mod parallel;
mod prefetch;
pub mod publish;
pub mod render;
pub mod rules;
mod suggest;
pub mod timeline;
