//! `docket schema`: the JSON Schema of the timeline format, for TOML editors (Taplo, Even Better
//! TOML) to validate and complete timeline files.

use std::io::Write;

use super::{CliError, Exit};

/// The schema (kept in step with the loader by `tests/it/schema.rs`).
pub const SCHEMA: &str = include_str!("../../schema/timeline.schema.json");

/// Writes [`SCHEMA`] to `out`.
pub fn run(out: &mut dyn Write) -> Result<Exit, CliError> {
    out.write_all(SCHEMA.as_bytes())?;
    Ok(Exit::Success)
}
