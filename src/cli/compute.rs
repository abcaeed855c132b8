//! `docket compute`: a due date from a trigger and a period, ad hoc.

use std::io::Write;

use chrono::NaiveTime;
use chrono_tz::Tz;
use serde_json::json;

use super::{CliError, Exit, Settings};
use crate::render::table;
use crate::rules::{Context, EndOfDay, Methods, Period, Roll, Trigger, explain, parse_date};

/// Output formats of `compute` and `holidays`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON for programs.
    Json,
}

/// Arguments of `docket compute`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket compute --from 2020-01-13 --period \"14 days\"
  docket compute --from 2020-01-13 --period \"14 days + mail\" --explain
  docket compute --from 2025-10-14 --period \"8 days before\" --calendar co-courts
  docket compute --from 2020-01-13T09:00[America/Denver] --period \"72 hours\" --format json
  docket compute --from 2008-03-03 --period \"10 days + electronic\" --explain
  docket compute --from 2024-05-06 --period \"1 month\" --calendar co-courts --method crs-2-4-108

PERIOD is `N UNIT [before] [+ mail|+ clerk|+ consent|+ electronic]`; UNIT is days, calendar days,
court days, weeks, months, years or hours. The add-on says how the paper was served; the counting
method in force on the trigger day says what it adds (FRCP 6(d): 3 days for mail, clerk and
consent; for electronic service 3 days from 2001-12-01 to 2016-11-30, none since).

The counting method is the calendar's (FRCP 6 for federal calendars, C.R.C.P. 6 for Colorado's),
in the version in force on the trigger day; --method chooses another (`crs-2-4-108` for a period
set by a Colorado statute).")]
pub struct Args {
    /// The trigger: `YYYY-MM-DD`, or a date-time (`2020-01-13T09:00`, with an offset or `[Zone]`).
    #[arg(long, value_name = "DATE")]
    from: String,
    /// The period, e.g. `14 days`, `3 court days`, `10 days before`, `21 days + mail`.
    #[arg(long, allow_hyphen_values = true)]
    period: String,
    /// The court's calendar (see `docket calendars`).
    #[arg(long, default_value = "us-federal", value_name = "NAME")]
    calendar: String,
    /// The court's time zone, overriding the calendar's (an IANA name).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Where a last day that is not a day for filing moves (default: FRCP 6(a)(5)).
    #[arg(long, value_parser = ["forward", "backward", "none"])]
    roll: Option<String>,
    /// A time of day the period ends, set by statute, rule or order (`HH:MM`).
    #[arg(long, value_name = "HH:MM", conflicts_with = "paper")]
    at: Option<String>,
    /// Paper filing: the period ends when the clerk's office closes (FRCP 6(a)(4)(B)), at the
    /// calendar's closing time in the court's zone; refused for a calendar that gives none.
    #[arg(long)]
    paper: bool,
    /// The rule, order or document that sets the period, cited in the explanation.
    #[arg(long, value_name = "TEXT")]
    authority: Option<String>,
    /// The counting method, instead of the calendar's: `frcp-6`, `crcp-6` or `crs-2-4-108`;
    /// `ID@YYYY-MM-DD` counts by the version in force on that day instead of the trigger day's
    /// (`@YYYY-MM-DD` alone: the calendar's method).
    #[arg(long, value_name = "ID[@DATE]")]
    method: Option<String>,
    /// Explain every step in plain words.
    #[arg(long)]
    explain: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Reads an IANA zone name, suggesting the nearest on a typo.
pub(crate) fn parse_zone(name: &str) -> Result<Tz, CliError> {
    crate::rules::parse_zone(name).map_err(CliError::Input)
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let calendar = settings.calendars.get(&args.calendar)?;
    let period: Period = args.period.parse()?;
    let trigger: Trigger = args
        .from
        .parse()
        .map_err(|e| CliError::Input(format!("invalid --from: {e}")))?;
    let mut ctx = Context::new(calendar);
    ctx.zone = args.tz.as_deref().map(parse_zone).transpose()?;
    ctx.roll = args
        .roll
        .as_deref()
        .map(|r| r.parse::<Roll>())
        .transpose()
        .map_err(CliError::Input)?;
    ctx.authority = args.authority.as_deref();
    if let Some(text) = &args.method {
        let (id, on) = match text.split_once('@') {
            Some((id, day)) => (
                id,
                Some(
                    parse_date(day)
                        .map_err(|e| CliError::Input(format!("invalid --method: {e}")))?,
                ),
            ),
            None => (text.as_str(), None),
        };
        if !id.is_empty() {
            ctx.method = Some(
                Methods::builtin()
                    .get(id)
                    .map_err(|e| CliError::Input(e.to_string()))?,
            );
        }
        ctx.version_on = on;
    }
    if args.paper {
        ctx.end = EndOfDay::ClerkCloses;
    }
    if let Some(at) = &args.at {
        let time = NaiveTime::parse_from_str(at, "%H:%M").map_err(|_| {
            CliError::Input(format!(
                "invalid --at `{at}`; expected a time such as `17:00`"
            ))
        })?;
        ctx.end = EndOfDay::At(time);
    }
    let (method, version) = period.counted_by(&trigger, &ctx)?;
    let (due, steps) = period.explain(&trigger, &ctx)?;
    // Shown in the zone asked for (`--tz`), or the court's.
    let due_at = due
        .at_in(ctx.zone.or(calendar.zone()))
        .map(|t| t.to_rfc3339());
    match args.format {
        Format::Json => {
            let value = json!({
                "version": super::JSON_VERSION,
                "trigger": trigger.to_string(),
                "period": period.to_string(),
                "calendar": calendar.id(),
                "roll": ctx.roll.unwrap_or_else(|| Roll::default_for(period.direction)).word(),
                "method": {
                    "id": method.id(),
                    "title": method.title(),
                    "version": version.id(),
                    "until": version.until.map(|d| d.to_string()),
                    "status": version.status.word(),
                    "cite": version.cite,
                },
                "due": due.date.to_string(),
                "due_at": due_at,
                "data_version": calendar.version(),
                "steps": steps,
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).expect("JSON of plain data")
            )?;
        }
        Format::Table => {
            let rows = [
                ("Trigger", trigger.to_string()),
                ("Period", period.to_string()),
                ("Calendar", calendar.id().to_string()),
                (
                    "Counted by",
                    format!(
                        "{} as in force from {} ({})",
                        method.title(),
                        version.id(),
                        version.status.word()
                    ),
                ),
                ("Due", due.date.format("%a %Y-%m-%d").to_string()),
                (
                    "Due at",
                    due_at.unwrap_or_else(|| {
                        "end of the day (no time zone: give --tz or a calendar with a zone)".into()
                    }),
                ),
            ];
            writeln!(out, "{}", table::pairs(&rows, settings.color))?;
            if args.explain {
                writeln!(out)?;
                write!(out, "{}", explain::render(&steps))?;
            }
        }
    }
    Ok(Exit::Success)
}
