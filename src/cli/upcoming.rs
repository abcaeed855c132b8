//! `docket upcoming`: open deadlines due soon, every overdue one, and the hearings in between.

use std::io::Write;

use super::docket_args::{View as ViewArgs, as_of, check_filter, load_view};
use super::list::write_records;
use super::{CliError, Exit, Settings};
use crate::render::records::View;
use crate::timeline;

/// Arguments of `docket upcoming`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket upcoming
  docket upcoming --as-of 2020-01-14
  docket upcoming --within 7 --fail-within 3     # for cron: exit 1 if anything is due within 3 days

Shows the open deadlines due within the window and every overdue one, and the events at a time of
day within the window (hearings, conferences, appearances); `--events` adds every other event dated
within the window. With `--status`, only deadlines. `--fail-within` counts deadlines only.

Days left are counted in each court's own time zone: a Denver deadline is not overdue for a user in
New York at 00:30 on the due day.

A `--timeline`, `--tag` or `--assignee` that names nothing in the docket is an error (exit 2), never
an empty list. A file with errors does not hide the others: their records are shown, its problems
are printed to standard error, and the command exits 2 (3 when a file cannot be read), not the 1 of
`--fail-within`.")]
pub struct Args {
    #[command(flatten)]
    view: ViewArgs,
    /// How many days ahead to look.
    #[arg(long, default_value_t = 30, value_name = "DAYS")]
    within: u32,
    /// Exit 1 when any deadline is overdue or due within DAYS days (for cron and CI).
    #[arg(long, value_name = "DAYS")]
    fail_within: Option<u32>,
    /// Show every event dated within the window, not only those at a time of day.
    #[arg(long)]
    events: bool,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let (within, fail_within) = (args.within, args.fail_within);
    let events = match args.events {
        true => timeline::Events::All,
        false => timeline::Events::Timed,
    };
    let args = args.view;
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let (docket, broken) = load_view(&args.paths, settings)?;
    check_filter(&filter, &docket)?;
    let window = within.max(fail_within.unwrap_or(0));
    // The records' places in date order; each record is made when it is written.
    let mut due = timeline::upcoming_places(&docket, as_of, window, events, &filter);
    let alarm = fail_within.is_some_and(|n| {
        due.iter()
            .filter(|l| l.status.is_some())
            .any(|l| l.days_left().is_some_and(|d| d <= i64::from(n)))
    });
    due.retain(|l| l.days_left().is_some_and(|d| d <= i64::from(within)));
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
    if let Some(e) = broken {
        return Err(e);
    }
    Ok(if alarm {
        Exit::Attention
    } else {
        Exit::Success
    })
}
