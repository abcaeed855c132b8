//! The integration tests: one binary, one module per topic, sharing the command builder and the
//! snapshot switch of [`support`]. Run one topic with `cargo test --test it <module>::`; refresh
//! every snapshot with `DOCKET_BLESS=1 cargo test --test it`.

mod support;

mod authorities;
mod chart;
mod cli;
mod command_line;
mod court_rules;
#[cfg(unix)]
mod crash;
mod dates_move;
mod edit;
#[cfg(unix)]
mod edit_guarantees;
mod editing;
mod entries;
mod export;
mod export_split;
mod hostile;
mod identity;
mod independent;
#[cfg(unix)]
mod integrity;
mod invalid;
mod limits;
mod methods;
mod oracle;
mod properties;
mod publish;
mod publish_cli;
mod regression;
mod schema;
mod user_calendars;
mod views;
