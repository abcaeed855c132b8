//! Court calendars: which days are legal holidays or closures, for which counting direction, on
//! whose authority; and the court-day index that makes counting and rolling O(1).
//!
//! The built-in data lives in `data/calendars/*.toml` (one file per calendar, every entry with its
//! citation) and covers 1971 to 2200; users add calendars of their own in the same format.
//!
//! ```
//! use chrono::NaiveDate;
//! use docket::calendar::{Calendars, Counting};
//!
//! let colorado = Calendars::builtin().get("colorado").unwrap();
//! let day = NaiveDate::from_ymd_opt(2025, 6, 19).unwrap(); // Juneteenth
//! assert!(!colorado.is_open(day, Counting::Forward).unwrap());
//! // Every closed day says on whose authority it is closed.
//! assert!(!colorado.why_closed(day, Counting::Forward).is_empty());
//! ```

mod court;
mod day_off;
mod error;
mod index;
mod registry;
mod rule;
mod spec;

pub use court::{Calendar, ClosedReason, DATA_VERSION};
pub(crate) use court::{Closed, Sense};
pub use day_off::{Applies, ClosureKind, Counting, DayOff};
pub use error::CalendarError;
pub use index::{MAX_DATE, MIN_DATE};
pub(crate) use index::{MAX_POS, date_at, position};
pub use registry::Calendars;
pub use rule::{DayRule, HolidayRule, Observance};
