//! Editing timeline files from the command line, format-preserving (`toml_edit`): what is not
//! changed stays byte for byte; every edit is checked with the whole docket before anything is
//! written, and written atomically; the due dates an edit computes are recorded, so that no date
//! can move unseen.

pub mod diff;
mod error;
pub mod file;
pub mod fmt;
pub mod ids;
mod session;
pub mod template;
pub mod write;

pub use error::EditError;
pub use file::{EditFile, Kind};
pub use session::{FileChange, Located, Plan, Session, date};
