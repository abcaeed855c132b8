//! `docket chart`: a timeline drawn as SVG, or as an HTML page with the records beneath.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::docket_args::{Paths, as_of, check_filter, load};
use super::{CliError, Exit, Settings, output};
use crate::render::chart::{Window, from_docket, to_html, to_svg};
use crate::rules::parse_date;
use crate::timeline::Filter;

/// What `docket chart` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormat {
    /// An SVG image.
    Svg,
    /// One self-contained HTML page: the chart, then the records as tables.
    Html,
}

/// Arguments of `docket chart`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket chart timelines/denver-ice-subpoenas.toml --as-of 2020-01-20 -o denver.svg
  docket chart --format html -o matter.html
  docket chart --timeline example-federal-civil --from 2026-11-01 --to 2027-01-31 > civil.svg

Events are circles, coloured by kind. Deadlines are shaped and coloured by their state as of the
day: open, due soon (within 30 days), overdue, done, missed, extended, withdrawn, unknown; a line
runs from each to its trigger. A date known only to the month or year is a soft-edged band over
it; an approximate one is marked `c.`. Long empty stretches of time are left out and marked.")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    /// Only this timeline (repeatable).
    #[arg(long = "timeline", value_name = "ID")]
    timelines: Vec<String>,
    /// Draw nothing before this day.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Draw nothing after this day.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Show statuses as of this day (default: today in each timeline's zone).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Output format (default: `html` when FILE ends in `.html` or `.htm`, else `svg`).
    #[arg(long, value_enum)]
    format: Option<ChartFormat>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let day = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| parse_date(t).map_err(|e| CliError::Input(format!("invalid --{flag}: {e}"))))
            .transpose()
    };
    let window = Window {
        from: day("from", &args.from)?,
        to: day("to", &args.to)?,
    };
    if let (Some(from), Some(to)) = (window.from, window.to)
        && from > to
    {
        return Err(CliError::Input(format!(
            "--from `{from}` is after --to `{to}`: nothing could be drawn"
        )));
    }
    let as_of = as_of(&args.as_of)?;
    let docket = load(&args.paths, settings)?;
    let filter = Filter {
        timelines: args.timelines.clone(),
        ..Filter::default()
    };
    check_filter(&filter, &docket)?;
    let chart = from_docket(&docket, as_of, &filter, window);
    if chart.rows.is_empty() {
        let range = match (window.from, window.to) {
            (None, None) => String::new(),
            (from, to) => format!(
                " between {} and {}",
                from.map_or("the start".to_string(), |d| d.to_string()),
                to.map_or("the end".to_string(), |d| d.to_string())
            ),
        };
        return Err(CliError::Input(format!(
            "there is no dated event or deadline to draw{range}"
        )));
    }
    let html = match args.format {
        Some(format) => format == ChartFormat::Html,
        None => args.output.as_ref().is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        }),
    };
    let bytes = if html {
        to_html(&chart)
    } else {
        to_svg(&chart)
    };
    let inputs: Vec<&Path> = docket.timelines.iter().map(|t| &*t.file.path).collect();
    output::write(args.output.as_deref(), &inputs, out, |w| {
        w.write_all(bytes.as_bytes())
    })?;
    Ok(Exit::Success)
}
