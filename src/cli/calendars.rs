//! `docket calendars`: the calendars, their zones, their counting methods, and what each one is.

use std::io::Write;

use super::compute::Format;
use super::{CliError, Exit, Settings};
use crate::render::table;

/// Arguments of `docket calendars`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  docket calendars --format json")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let cals: Vec<_> = settings.calendars.iter().collect();
    match args.format {
        Format::Json => {
            let list: Vec<_> = cals
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "name": c.id(),
                        "title": c.title(),
                        "zone": c.zone().map(|z| z.name()),
                        "clerk_closes": c.clerk_closes().map(|t| t.format("%H:%M").to_string()),
                        "clerk_note": c.clerk_note(),
                        "method": c.method(),
                        "origin": c.origin(),
                        "version": c.version(),
                        "description": c.description(),
                    })
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "version": super::JSON_VERSION,
                    "calendars": list,
                }))
                .expect("JSON of plain data")
            )?;
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = cals
                .iter()
                .map(|c| {
                    vec![
                        c.id().to_string(),
                        c.zone().map_or("—".into(), |z| z.name().to_string()),
                        c.method().to_string(),
                        c.description().to_string(),
                    ]
                })
                .collect();
            writeln!(
                out,
                "{}",
                table::table(
                    &["Name", "Time zone", "Counting method", "What it is"],
                    &rows,
                    settings.color
                )
            )?;
        }
    }
    Ok(Exit::Success)
}
