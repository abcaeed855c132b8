//! `docket holidays`: the days a calendar treats as holidays or closures.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::compute::Format;
use super::{CliError, Exit, Settings};
use crate::calendar::{Applies, ClosureKind, MAX_DATE, MIN_DATE};
use crate::render::table;
use crate::rules::parse_date;

/// Arguments of `docket holidays`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket holidays --year 2020
  docket holidays --calendar d-colo --year 2025 --format json
  docket holidays --calendar co-courts --from 2020-06-01 --to 2020-12-31")]
pub struct Args {
    /// The calendar (see `docket calendars`).
    #[arg(long, default_value = "us-federal", value_name = "NAME")]
    calendar: String,
    /// A calendar year (default: this year).
    #[arg(long, value_name = "YYYY", conflicts_with_all = ["from", "to"])]
    year: Option<i32>,
    /// First day of a range.
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// Last day of a range.
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn range_error(what: &str) -> CliError {
    CliError::Input(format!(
        "{what} is outside the supported range {MIN_DATE} to {MAX_DATE}"
    ))
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let calendar = settings.calendars.get(&args.calendar)?;
    let this_year = chrono::Utc::now().date_naive().year();
    let (from, to) = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let from =
                parse_date(from).map_err(|e| CliError::Input(format!("invalid --from: {e}")))?;
            let to = parse_date(to).map_err(|e| CliError::Input(format!("invalid --to: {e}")))?;
            if to < from {
                return Err(CliError::Input(format!(
                    "--to {to} is before --from {from}"
                )));
            }
            (from, to)
        }
        _ => {
            let year = args.year.unwrap_or(this_year);
            // Said as a year: chrono writes days past 9999 as `+99999-01-01`.
            if !(MIN_DATE.year()..=MAX_DATE.year()).contains(&year) {
                return Err(range_error(&format!("year {year}")));
            }
            let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a year in the range");
            (day(1, 1), day(12, 31))
        }
    };
    if from < MIN_DATE || to > MAX_DATE {
        return Err(range_error(&format!("{from} to {to}")));
    }
    let days = calendar.days_off(from, to);
    let projected = |d: NaiveDate| d.year() > this_year;
    match args.format {
        Format::Json => {
            let list: Vec<_> = days
                .iter()
                .map(|d| {
                    let mut v = serde_json::to_value(d).expect("JSON of plain data");
                    v["projected"] = json!(projected(d.date));
                    v
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({
                    "version": super::JSON_VERSION,
                    "calendar": calendar.id(),
                    "from": from,
                    "to": to,
                    "days": list,
                }))
                .expect("JSON of plain data")
            )?;
        }
        Format::Table => {
            let directional = days.iter().any(|d| d.applies != Applies::Both);
            let mut header = vec!["Date", "Holiday or closure", "Kind"];
            if directional {
                header.push("Counts for");
            }
            header.extend(["Authority"]);
            let rows: Vec<Vec<String>> = days
                .iter()
                .map(|d| {
                    let mut name = d.name.clone();
                    if let Some(s) = d.statutory {
                        name.push_str(&format!(" (falls on {})", s.format("%a %Y-%m-%d")));
                    }
                    let mut row = vec![
                        d.date.format("%a %Y-%m-%d").to_string(),
                        name,
                        match d.kind {
                            ClosureKind::LegalHoliday => "legal holiday".into(),
                            ClosureKind::Inaccessible => "clerk's office inaccessible".into(),
                        },
                    ];
                    if directional {
                        row.push(
                            match d.applies {
                                Applies::Both => "all periods",
                                Applies::Forward => "forward periods only",
                                Applies::Backward => "backward periods only",
                            }
                            .into(),
                        );
                    }
                    row.push(d.source.clone());
                    row
                })
                .collect();
            writeln!(out, "{}", table::table(&header, &rows, settings.color))?;
            if to.year() > this_year {
                writeln!(
                    out,
                    "Days after {this_year} are projections from the rules: closures may yet be declared."
                )?;
            }
        }
    }
    Ok(Exit::Success)
}
