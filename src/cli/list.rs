//! `docket list`: every event and deadline in date order.

use std::io::Write;

use super::docket_args::{View as ViewArgs, as_of, check_filter, load_view};
use super::{CliError, Exit, Format, Settings};
use crate::render::records::{self, View};
use crate::timeline;

/// Arguments of `docket list`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket list
  docket list timelines/denver-ice-subpoenas.toml --format markdown
  docket list --status missed --format json

A `--timeline`, `--tag` or `--assignee` that names nothing in the docket is an error (exit 2), never
an empty list. A file with errors does not hide the others: their records are listed, its problems
are printed to standard error, and the command exits 2 (3 when a file cannot be read).")]
pub struct Args {
    #[command(flatten)]
    view: ViewArgs,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let args = args.view;
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let (docket, broken) = load_view(&args.paths, settings)?;
    check_filter(&filter, &docket)?;
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
    broken.map_or(Ok(Exit::Success), Err)
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
