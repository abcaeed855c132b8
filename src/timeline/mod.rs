//! Timelines: one matter per TOML file, with its dated events and its deadlines; loading with
//! precise diagnostics, validation across the whole docket, and evaluation as of a day.

mod agenda;
mod discover;
mod docket;
mod file_ids;
mod load;
mod model;
mod per_file;
mod placement;
pub mod plain;
pub mod tree;
mod when;

pub use agenda::{
    Filter, Listed, RECORDS_VERSION, Record, TriggerOf, as_of_for, list, listed, now, record,
    records_at, upcoming, upcoming_listed,
};
pub use discover::{default_dir, find_files, io_words};
pub use docket::{Computed, Docket, RecordRef, effective_due};
pub use load::{
    DEADLINE_KEYS, EVENT_KEYS, FileContents, TIMELINE_KEYS, load_file, load_streamed, load_whole,
};
pub use model::{
    Change, Deadline, Event, MadeBy, Rule, RuleReading, Source, Span, Status, Text, Timeline,
};
pub use per_file::PerFile;
pub use placement::Placement;
pub use when::{Precision, When};
