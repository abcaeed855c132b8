//! Errors of the editing layer, each with its exit code.

use std::time::Duration;

use crate::diagnostic::Diagnostic;
use crate::timeline::io_words;

/// An edit that was refused or failed. Nothing was written, unless it says
/// [`EditError::PartlyWritten`].
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No record has the id.
    #[error("no record has the id `{id}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    NotFound {
        /// The id asked for.
        id: String,
        /// The nearest id.
        suggestion: Option<String>,
    },
    /// The request itself is wrong (a bad value, key or date).
    #[error("{0}")]
    Invalid(String),
    /// The edited docket would not be valid.
    #[error("the edit would leave `{path}` invalid, so nothing was written")]
    Rejected {
        /// The file.
        path: String,
        /// What would be wrong.
        diagnostics: Vec<Diagnostic>,
    },
    /// A file of the docket changed on disk since the edit read it.
    #[error(
        "`{0}` changed on disk while it was being edited (by another program); nothing was written, run the command again"
    )]
    Changed(String),
    /// A file of the docket was removed since the edit read it.
    #[error(
        "`{0}` was removed while it was being edited (by another program); nothing was written"
    )]
    Removed(String),
    /// A timeline file appeared in the docket since the edit read it.
    #[error(
        "`{0}` appeared in the docket while it was being edited (by another program); nothing was written, run the command again"
    )]
    Appeared(String),
    /// A path of the docket cannot be read (a missing or unreadable folder, a broken link).
    #[error("{0}; an edit reads every file of the docket; nothing was written")]
    Unreadable(String),
    /// Another edit held the docket's lock for longer than the edit would wait.
    #[error(
        "another edit of `{folder}` held its lock for {:.1} s; nothing was written, run the command again (DOCKET_LOCK_WAIT sets how long to wait)",
        waited.as_secs_f64()
    )]
    Busy {
        /// The folder.
        folder: String,
        /// How long the edit waited.
        waited: Duration,
    },
    /// Files of the docket that the edit reads have errors: the edit could not tell what they
    /// hold, and would leave the docket broken.
    #[error("{}", broken(paths))]
    Broken {
        /// The files with errors.
        paths: Vec<String>,
        /// Their errors.
        diagnostics: Vec<Diagnostic>,
    },
    /// The file is too large to edit in bounded memory.
    #[error(
        "`{path}` is {} MiB; docket edits and formats timeline files of up to {} MiB (an edit holds a file in memory about 50 times over), so nothing was written; split the matter into several files",
        mib(*size), mib(*limit)
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size in bytes.
        size: u64,
        /// The largest size edited.
        limit: u64,
    },
    /// The file has several hard links; replacing it would split them.
    #[error(
        "`{path}` has {links} hard links; replacing it would split them, so nothing was written (edit it through one link after removing the others)"
    )]
    HardLinks {
        /// The file.
        path: String,
        /// How many links.
        links: u64,
    },
    /// Reading, locking or writing failed.
    #[error("cannot {what} `{path}`: {}; nothing was written", io_words(source))]
    Io {
        /// read, lock or write.
        what: &'static str,
        /// The file or folder.
        path: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An edit of several files failed after writing some of them.
    #[error("{}", partly(error, written))]
    PartlyWritten {
        /// The files written before the failure.
        written: Vec<String>,
        /// The failure.
        error: Box<EditError>,
    },
}

/// A size in mebibytes, to a tenth.
fn mib(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        t => format!("{}.{t}", tenths / 10),
    }
}

/// The message of an edit refused because other files of the docket have errors.
fn broken(paths: &[String]) -> String {
    let names: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
    let (has, them) = match paths.len() {
        1 => ("has", "it"),
        _ => ("have", "them"),
    };
    format!(
        "{} {has} errors; an edit reads every file of the docket and cannot be checked while one is broken, so nothing was written (fix {them} first: `docket check` lists the errors)",
        names.join(", ")
    )
}

/// The message of an edit that failed after writing some files.
fn partly(error: &EditError, written: &[String]) -> String {
    let text = error.to_string();
    let text = text
        .split("; nothing was written")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = written.iter().map(|w| format!("`{w}`")).collect();
    format!(
        "{text}; {} had already been written, the rest of the edit was not",
        names.join(", ")
    )
}

impl EditError {
    /// Whether the failure is about the file system (exit 3) rather than the request (exit 2).
    pub fn is_io(&self) -> bool {
        !matches!(
            self,
            EditError::NotFound { .. }
                | EditError::Invalid(_)
                | EditError::Rejected { .. }
                | EditError::Broken { .. }
        )
    }
}
