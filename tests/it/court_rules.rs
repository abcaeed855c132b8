//! Court rule sets: every worked example through the library and the binary, conditions,
//! alternatives, `earlier_of`, readings, chains counted from the act, the versioned method,
//! state-court citations, bad rule files and bad answers, and `docket apply`.

mod apply;
mod cli;
mod files;
mod library;
