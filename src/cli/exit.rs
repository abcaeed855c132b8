//! The exit codes every command uses.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | the command ran and the answer needs attention: invalid files found by `check`, changes found by `fmt --check`, deadlines found by `upcoming --fail-within`, conflicts left alone by `publish` (after publishing the rest) |
//! | 2 | usage or input error: a bad argument, an unknown calendar, a date or period that cannot be read or computed, a `--timeline`, `--tag` or `--assignee` that names nothing in the docket, a file with errors (`list` and `upcoming` show the other files' records first; `export` writes nothing unless `--skip-broken`) |
//! | 3 | a refused or failed write (another edit holding the lock too long, a file changed by another program during an edit, a read-only target), a file or folder that cannot be read (`list` and `upcoming` show the other files' records first), an error writing standard output (a closed pipe is not one: it ends the command with 0), a CalDAV server that refuses or fails (`publish`: 401, 403, 404, 412, 5xx, a timeout, an answer that cannot be read), or another I/O failure |

use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Success = 0,
    /// 1: the command ran and the answer needs attention.
    Attention = 1,
    /// 2: usage or input error.
    Usage = 2,
    /// 3: a refused or failed write, or another I/O failure.
    Io = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// The table of exit codes, as printed at the end of `docket --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the command ran and the answer needs attention (invalid files found by `check`,
     deadlines found by `upcoming --fail-within`, conflicts left alone by `publish`)
  2  usage or input error
  3  a refused or failed write, or another I/O failure";
