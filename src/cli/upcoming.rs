//! `docket upcoming`: open deadlines due soon, and every overdue one.

use std::io::Write;

use super::docket_args::{Filters, Paths, as_of, load};
use super::list::write_records;
use super::{CliError, Exit, Format, Settings};
use crate::render::records::View;
use crate::timeline;

/// Arguments of `docket upcoming`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket upcoming
  docket upcoming --as-of 2020-01-14
  docket upcoming --within 7 --fail-within 3     # for cron: exit 1 if anything is due within 3 days

Days left are counted in each court's own time zone: a Denver deadline is not overdue for a user in
New York at 00:30 on the due day.")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    filters: Filters,
    /// The day to look from (default: today in each timeline's zone).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// How many days ahead to look.
    #[arg(long, default_value_t = 30, value_name = "DAYS")]
    within: u32,
    /// Exit 1 when anything is overdue or due within DAYS days (for cron and CI).
    #[arg(long, value_name = "DAYS")]
    fail_within: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let docket = load(&args.paths, settings)?;
    let window = args.within.max(args.fail_within.unwrap_or(0));
    // The deadlines' places in date order; each record is made when it is written.
    let mut due = timeline::upcoming_places(&docket, as_of, window, &filter);
    let alarm = args.fail_within.is_some_and(|n| {
        due.iter()
            .any(|l| l.days_left().is_some_and(|d| d <= i64::from(n)))
    });
    due.retain(|l| l.days_left().is_some_and(|d| d <= i64::from(args.within)));
    let record_at = timeline::records_at(&docket, &due);
    write_records(
        out,
        due.len(),
        record_at,
        View::Upcoming,
        args.format,
        as_of,
        settings,
    )?;
    Ok(if alarm {
        Exit::Attention
    } else {
        Exit::Success
    })
}
