//! `docket export`: the docket as iCalendar, JSON, CSV or Markdown, to standard output or a file.
//!
//! `-o FILE` goes where [`super::output`] says: a regular file replaced atomically, a device or
//! pipe written into, never a timeline file the export reads.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::docket_args::{Filters, Paths, as_of, check_filter, load, load_view};
use super::{CliError, Exit, Settings, output};
use crate::render::ics::{IcsOptions, PartialDates, RecordCalendar, record_calendars, write_ics};
use crate::render::records::{self, View};
use crate::render::text::terminal;
use crate::timeline::{self, Status};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// iCalendar (RFC 5545) for calendar programs.
    Ics,
    /// The versioned JSON shape shared with `list`.
    Json,
    /// RFC 4180 CSV, one row per event or deadline.
    Csv,
    /// A Markdown table for a memo.
    Markdown,
}

/// `--partial`: what to do with dates known only to the month or year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Partial {
    /// Leave them out, with a notice for each.
    Skip,
    /// An all-day span over the whole month or year, marked approximate in its summary.
    Span,
}

impl From<Partial> for PartialDates {
    fn from(p: Partial) -> Self {
        match p {
            Partial::Skip => PartialDates::Skip,
            Partial::Span => PartialDates::Span,
        }
    }
}

/// Arguments of `docket export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket export --format ics -o deadlines.ics
  docket export timelines/denver-ice-subpoenas.toml --format ics --partial span
  docket export --deadlines-only --open-only --format csv -o open.csv

`--split DIR` writes one file per record instead (a vdir, for vdirsyncer and khal).

UIDs are stable across exports (record id and timeline id), so a re-import or a feed refresh
updates entries instead of duplicating them; SEQUENCE is the record's `revision`.

An export never drops records in silence: a `--timeline`, `--tag` or `--assignee` that names nothing
in the docket is an error (exit 2), and when a file has errors (exit 2) or cannot be read (exit 3)
nothing is written, unless `--skip-broken` asks for the records of the other files.")]
pub struct Args {
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    filters: Filters,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to FILE (a regular file atomically; a device or pipe directly; `-` for standard
    /// output) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only deadlines, no events.
    #[arg(long)]
    deadlines_only: bool,
    /// Only open deadlines (open or extended as of the as-of day); implies --deadlines-only.
    #[arg(long)]
    open_only: bool,
    /// Evaluate statuses and extensions as of this day (default: today in each timeline's zone).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// iCalendar: dates known only to the month or year are skipped with a notice, or exported
    /// as an all-day span marked approximate.
    #[arg(long, value_enum, default_value_t = Partial::Skip)]
    partial: Partial,
    /// iCalendar: the calendar's name (default: the timeline's title, or "docket").
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// iCalendar: one file per record in DIR (a vdir, for vdirsyncer and khal), named after its
    /// UID; files of records no longer exported (`*@docket.ics`) are removed, others left alone.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    split: Option<PathBuf>,
    /// Export the records of the files without errors when some have errors or cannot be
    /// read (their problems are printed to standard error; the exit is then 0). Without it,
    /// nothing is written and the exit is 2, or 3 for a file that cannot be read.
    #[arg(long)]
    skip_broken: bool,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let docket = if args.skip_broken {
        let (docket, broken) = load_view(&args.paths, settings)?;
        if let Some(e) = broken {
            eprintln!(
                "warning: --skip-broken: {}",
                crate::render::text::terminal(&e.to_string())
            );
        }
        docket
    } else {
        load(&args.paths, settings)?
    };
    check_filter(&filter, &docket)?;
    // The records' places in date order; each record is made when it is written.
    let listed: Vec<_> = timeline::list_places(&docket, as_of, &filter)
        .into_iter()
        .filter(|l| !(args.deadlines_only || args.open_only) || l.status.is_some())
        .filter(|l| !args.open_only || l.status.is_some_and(Status::is_open))
        .collect();
    if let Some(dir) = &args.split {
        if args.format != ExportFormat::Ics {
            return Err(CliError::Input(
                "`--split` writes iCalendar files; use it with `--format ics`".into(),
            ));
        }
        let (calendars, notices) = record_calendars(&docket, &listed, args.partial.into());
        write_split(dir, &calendars)?;
        show_notices(&notices);
        return Ok(Exit::Success);
    }
    let records = || -> Vec<_> {
        listed
            .iter()
            .filter_map(|l| timeline::record(&docket, l))
            .collect()
    };
    let name = || {
        args.name
            .clone()
            .unwrap_or_else(|| match docket.timelines.as_slice() {
                [one] => one.title.clone(),
                _ => "docket".into(),
            })
    };
    let written = |w: &mut dyn Write| -> std::io::Result<Vec<String>> {
        match args.format {
            ExportFormat::Ics => {
                let opts = IcsOptions {
                    name: name(),
                    partial: args.partial.into(),
                };
                // Streamed: a large docket's calendar is never held whole in memory.
                let mut w = std::io::BufWriter::with_capacity(1 << 20, w);
                let notices = write_ics(&docket, &listed, &opts, &mut w)?;
                w.flush()?;
                Ok(notices)
            }
            ExportFormat::Json => {
                w.write_all((records::to_json(&records(), as_of) + "\n").as_bytes())?;
                Ok(Vec::new())
            }
            ExportFormat::Csv => {
                w.write_all(records::to_csv(&records()).as_bytes())?;
                Ok(Vec::new())
            }
            ExportFormat::Markdown => {
                w.write_all(records::to_markdown(&records(), View::List).as_bytes())?;
                Ok(Vec::new())
            }
        }
    };
    let inputs: Vec<&Path> = docket.timelines.iter().map(|t| &*t.file.path).collect();
    let notices = output::write(args.output.as_deref(), &inputs, out, written)?;
    show_notices(&notices);
    Ok(Exit::Success)
}

/// Writes each record's calendar to `DIR/UID.ics` (atomically, and only where the bytes
/// differ), then removes docket's files (`*@docket.ics`) of records no longer there.
fn write_split(dir: &Path, calendars: &[RecordCalendar]) -> Result<(), CliError> {
    let failed = |what: &str, path: &Path, e: std::io::Error| CliError::Io {
        context: format!("cannot {what} `{}`", terminal(&path.display().to_string())),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(|e| failed("create the folder", dir, e))?;
    let mut written = std::collections::HashSet::with_capacity(calendars.len());
    for c in calendars {
        let name = format!("{}.ics", c.uid);
        let path = dir.join(&name);
        if std::fs::read(&path).ok().as_deref() != Some(c.text.as_bytes()) {
            crate::atomic::write_with(&path, |w| w.write_all(c.text.as_bytes()))
                .map_err(|e| failed("write", &path, e))?;
        }
        written.insert(name);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| failed("read the folder", dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with("@docket.ics") && !written.contains(&name) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| failed("remove", &path, e))?;
        }
    }
    Ok(())
}

/// The notices about records left out: a few in full; past that a count, so a large docket
/// does not flood the terminal.
fn show_notices(notices: &[String]) {
    const SHOWN: usize = 5;
    for n in notices.iter().take(SHOWN) {
        eprintln!("note: {}", terminal(n));
    }
    if notices.len() > SHOWN {
        eprintln!(
            "note: ... and {} more records left out the same way",
            notices.len() - SHOWN
        );
    }
}
