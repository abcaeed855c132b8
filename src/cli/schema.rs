//! `docket schema`: the JSON Schema of the timeline format, for TOML editors (Taplo, Even Better
//! TOML) to validate and complete timeline files.

use std::io::Write;

use super::{CliError, Exit};

/// The schema (kept in step with the loader by `tests/it/schema.rs`).
pub const SCHEMA: &str = include_str!("../../schema/timeline.schema.json");

/// The schema of rule-set files (`docket schema rules`).
pub const RULES_SCHEMA: &str = include_str!("../../schema/rules.schema.json");

/// Arguments of `docket schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which format: `timeline` (the default) or `rules`.
    #[arg(value_parser = ["timeline", "rules"], default_value = "timeline")]
    what: String,
}

/// Writes the schema `args` names (the timeline format unless `rules`) to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> Result<Exit, CliError> {
    match args.what.as_str() {
        "rules" => out.write_all(RULES_SCHEMA.as_bytes())?,
        _ => out.write_all(SCHEMA.as_bytes())?,
    }
    Ok(Exit::Success)
}
