//! `docket export`: the docket as iCalendar, JSON, CSV or Markdown, to standard output or a file.
//!
//! `-o FILE` replaces a regular file atomically ([`crate::atomic`]); a character device, a pipe
//! or standard output itself (`-`, `/dev/stdout`) is written into directly, never replaced; a
//! timeline file that the export reads is never written over.

use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::docket_args::{Filters, Paths, as_of, load};
use super::{CliError, Exit, Settings};
use crate::render::ics::{IcsOptions, PartialDates, write_ics_listed};
use crate::render::records::{self, View};
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

/// Arguments of `docket export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket export --format ics -o deadlines.ics
  docket export timelines/denver-ice-subpoenas.toml --format ics --partial span
  docket export --deadlines-only --open-only --format csv -o open.csv

UIDs are stable across exports (record id and timeline id), so a re-import or a feed refresh
updates entries instead of duplicating them; SEQUENCE is the record's `revision`.")]
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
    #[arg(long, value_enum, default_value_t = PartialDates::Skip)]
    partial: PartialDates,
    /// iCalendar: the calendar's name (default: the timeline's title, or "docket").
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    let docket = load(&args.paths, settings)?;
    // The records' places in date order; each record is made when it is written.
    let listed: Vec<_> = timeline::listed(&docket, as_of, &filter)
        .into_iter()
        .filter(|l| !(args.deadlines_only || args.open_only) || l.status.is_some())
        .filter(|l| !args.open_only || l.status.is_some_and(Status::is_open))
        .collect();
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
                    partial: args.partial,
                };
                // Streamed: a large docket's calendar is never held whole in memory.
                let mut w = std::io::BufWriter::with_capacity(1 << 20, w);
                let notices = write_ics_listed(&docket, &listed, &opts, &mut w)?;
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
    let destination = match &args.output {
        Some(path) => destination(path, &inputs)?,
        None => Destination::Stdout,
    };
    let cannot_write = |path: &Path| {
        let context = format!("cannot write `{}`", path.display());
        move |source| CliError::Io { context, source }
    };
    let notices = match destination {
        Destination::Stdout => written(out)?,
        Destination::Direct(path, mut file) => written(&mut file).map_err(cannot_write(&path))?,
        Destination::File(path) => {
            crate::atomic::write_with(&path, written).map_err(cannot_write(&path))?
        }
    };
    // A few notices in full; past that a count, so a large docket does not flood the terminal.
    const SHOWN: usize = 5;
    for n in notices.iter().take(SHOWN) {
        eprintln!("note: {n}");
    }
    if notices.len() > SHOWN {
        eprintln!(
            "note: ... and {} more records left out the same way",
            notices.len() - SHOWN
        );
    }
    Ok(Exit::Success)
}

/// Where an export goes.
enum Destination {
    /// Standard output: `-o -`, or a path that is standard output itself (`/dev/stdout`).
    Stdout,
    /// A character device, a pipe or a socket, opened for writing: written into, never replaced.
    Direct(PathBuf, File),
    /// A regular file, made or replaced atomically.
    File(PathBuf),
}

/// Where `-o path` sends the export; refuses a timeline file among `inputs`, a folder and a
/// block device.
fn destination(path: &Path, inputs: &[&Path]) -> Result<Destination, CliError> {
    if path == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::File(path.to_path_buf()));
        }
        Err(source) => {
            let context = format!("cannot write `{shown}`");
            return Err(CliError::Io { context, source });
        }
    };
    if is_stdout(&meta) {
        return Ok(Destination::Stdout);
    }
    if meta.is_file() {
        let input = inputs
            .iter()
            .find(|i| std::fs::metadata(i).is_ok_and(|m| same_file(&m, &meta, i, path)));
        return match input {
            Some(input) => Err(CliError::Failed(format!(
                "refusing to write the export over `{}`, a timeline file it reads; nothing was written",
                input.display()
            ))),
            None => Ok(Destination::File(path.to_path_buf())),
        };
    }
    if meta.is_dir() {
        return Err(CliError::Failed(format!(
            "cannot write `{shown}`: it is a folder; nothing was written"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.file_type().is_block_device() {
            return Err(CliError::Failed(format!(
                "refusing to write the export to `{shown}`, a block device (a disk); nothing was written"
            )));
        }
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|source| CliError::Io {
            context: format!("cannot write `{shown}`"),
            source,
        })?;
    Ok(Destination::Direct(path.to_path_buf(), file))
}

/// Whether `meta` is the metadata of this process's standard output.
#[cfg(unix)]
fn is_stdout(meta: &Metadata) -> bool {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd)
        .metadata()
        .is_ok_and(|out| same_file(&out, meta, Path::new(""), Path::new("")))
}

/// Elsewhere only `-` is standard output.
#[cfg(not(unix))]
fn is_stdout(_: &Metadata) -> bool {
    false
}

/// Whether two files are one: the same device and inode (Unix), or the same canonical path.
fn same_file(a: &Metadata, b: &Metadata, a_path: &Path, b_path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = (a_path, b_path);
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        let real = |p: &Path| std::fs::canonicalize(p).ok();
        real(a_path).is_some() && real(a_path) == real(b_path)
    }
}
