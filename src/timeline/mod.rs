//! Timelines: one matter per TOML file, with its dated events and its deadlines; loading with
//! precise diagnostics, validation across the whole docket, and evaluation as of a day.
//!
//! Start with [`Docket::load`]: it reads every timeline file under the paths given, reports
//! every problem in [`Docket::diagnostics`], and computes each deadline. [`list`] and
//! [`upcoming`] then give the records as of a day.
//!
//! ```
//! use docket::calendar::Calendars;
//! use docket::timeline::{Docket, Events, Filter, upcoming};
//!
//! let docket = Docket::load(&["timelines".into()], Calendars::builtin());
//! let due = upcoming(&docket, "2020-01-14".parse().ok(), 14, Events::Timed, &Filter::default());
//! assert_eq!(due[0].id, "subpoena-4-response");
//! assert_eq!(due[0].due.unwrap().to_string(), "2020-01-16");
//! assert_eq!(due[0].days_left, Some(2));
//! ```

mod agenda;
mod compute;
mod discover;
mod docket;
mod ending;
mod explain;
mod filter;
mod ids;
mod keys;
mod load;
mod model;
mod per_file;
mod place;
mod placement;
mod record;
mod references;
mod when;

pub use agenda::{Events, as_of_for, list, list_places, now, upcoming, upcoming_places};
pub use compute::{Computed, effective_due};
pub use discover::{Links, default_dir, find_files, find_files_with, io_words};
pub use docket::{Docket, RecordRef};
pub use ending::EventEnd;
pub use filter::{Filter, FilterError};
pub use keys::{DEADLINE_KEYS, EVENT_KEYS, TIMELINE_KEYS};
#[cfg(test)]
pub(crate) use load::load_file;
#[cfg(fuzzing)]
pub use load::scanner_agrees_with_toml;
pub use model::{
    Change, Deadline, DeadlineDetails, Ending, Event, EventDetails, Kind, MadeBy, Recorded, Rule,
    RuleReading, Source, Span, Status, Text, Timeline,
};
pub use per_file::PerFile;
pub use place::{Place, record, records_at};
pub use placement::{Placement, timed_length};
pub use record::{RECORDS_VERSION, Record, TriggerOf, UNMODIFIED};
pub use when::{Precision, When};
