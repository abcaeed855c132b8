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
    // The records' places in date order; each record is made when it is written.
    let order = timeline::list_places(&docket, as_of, &filter);
    let record_at = timeline::records_at(&docket, &order);
    write_records(
        out,
        order.len(),
        record_at,
        View::List,
        args.format,
        as_of,
        settings,
    )?;
    Ok(Exit::Success)
}

/// Writes `count` records, made one at a time by `record_at`, in the chosen format.
pub(crate) fn write_records<'a>(
    out: &mut dyn Write,
    count: usize,
    record_at: impl Fn(usize) -> Option<timeline::Record<'a>> + Sync,
    view: View,
    format: Format,
    as_of: Option<chrono::NaiveDate>,
    settings: &Settings,
) -> Result<(), CliError> {
    let all = || (0..count).filter_map(&record_at).collect::<Vec<_>>();
    match format {
        Format::Table => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
            records::write_table_by(&mut out, count, &record_at, view, settings.color)?;
            out.flush()?;
        }
        Format::Json => writeln!(out, "{}", records::to_json(&all(), as_of))?,
        Format::Csv => write!(out, "{}", records::to_csv(&all()))?,
        Format::Markdown => write!(out, "{}", records::to_markdown(&all(), view))?,
    }
    Ok(())
}
