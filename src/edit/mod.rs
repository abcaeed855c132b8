//! Editing timeline files from the command line, format-preserving (`toml_edit`): what is not
//! changed stays byte for byte; every edit is checked with the whole docket before anything is
//! written, and written atomically, under a lock that keeps two edits from writing over each
//! other and only while every file it read is unchanged; the due dates an edit computes are
//! recorded, so that no date can move unseen.

pub mod diff;
mod error;
pub mod file;
pub mod fmt;
pub mod history;
pub mod ids;
mod lock;
mod session;
mod snapshot;
pub mod template;
pub(crate) mod write;

pub use error::EditError;
pub use file::{EditFile, Kind, MAX_EDIT_BYTES};
pub use lock::{LOCK_FILE, Wait};
pub(crate) use lock::{Lock, folder_of};
pub use session::{FileChange, Located, Plan, Session, date};
