//! Court rule sets: every worked example through the library and the binary, conditions,
//! alternatives, `earlier_of`, readings, chains counted from the act, the versioned method,
//! state-court citations, bad rule files and bad answers, and `docket apply`.

#[path = "court_rules/apply.rs"]
mod apply;
#[path = "court_rules/cli.rs"]
mod cli;
#[path = "court_rules/files.rs"]
mod files;
#[path = "court_rules/library.rs"]
mod library;
