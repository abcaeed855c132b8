//! `docket list`: every event and deadline in date order.

use std::io::Write;

use super::docket_args::{Filters, Paths, as_of, load};
use super::{CliError, Exit, Format, Settings};
use crate::render::records::{self, View};
use crate::timeline;

/// Arguments of `docket list`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket list
  docket list timelines/denver-ice-subpoenas.toml --format markdown
  docket list --status missed --format json")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    filters: Filters,
    /// Evaluate statuses as of this day (default: today in each timeline's zone).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let docket = load(&args.paths, settings)?;
    let recs = timeline::list(&docket, as_of, &filter);
    write_records(out, &recs, View::List, args.format, as_of, settings)?;
    Ok(Exit::Success)
}

/// Writes records in the chosen format.
pub(crate) fn write_records(
    out: &mut dyn Write,
    recs: &[timeline::Record],
    view: View,
    format: Format,
    as_of: Option<chrono::NaiveDate>,
    settings: &Settings,
) -> Result<(), CliError> {
    match format {
        Format::Table => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            records::write_table(&mut out, recs, view, settings.color)?;
            out.flush()?;
        }
        Format::Json => writeln!(out, "{}", records::to_json(recs, as_of))?,
        Format::Csv => write!(out, "{}", records::to_csv(recs))?,
        Format::Markdown => write!(out, "{}", records::to_markdown(recs, view))?,
    }
    Ok(())
}
