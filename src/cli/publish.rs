//! `docket publish URL`: the docket's entries on a CalDAV calendar collection, one resource per
//! record, changing only what changed (the work is in [`crate::publish`]; the entries are the
//! export's, from [`crate::render::ics::record_calendars`]).
//!
//! What is published, and what may be deleted: the scope is the timelines that `--timeline` and
//! `--assignee` select (all, without them); the entries are their records that the other
//! filters select. docket's entries of a timeline outside the scope are never touched. A name
//! filter that matches nothing, or a docket that does not load, refuses the publish before a
//! request is sent.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::docket_args::{Filters, Paths, as_of, load};
use super::export::Partial;
use super::{CliError, Exit, Settings};
use crate::publish::{
    self, CredentialSources, Entry, Options, Progress, PublishError, Report, Scope, Server, Step,
};
use crate::render::ics::record_calendars;
use crate::timeline::{self, Docket, Filter, Status};

/// Arguments of `docket publish`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket publish https://cal.example.com/dav/firm/deadlines/ --dry-run
  docket publish http://127.0.0.1:5232/alice/deadlines/ timelines/ --create
  DOCKET_CALDAV_USER=alice docket publish URL --password-command \"pass show caldav\"
  docket publish URL --timeline smith-v-jones --deadlines-only

Credentials come from DOCKET_CALDAV_USER and DOCKET_CALDAV_PASSWORD, from --password-command,
or from the netrc file ($NETRC, else ~/.netrc); never from the command line. A password goes
over plain http:// only to this machine.

Only docket's own entries are changed (they carry X-DOCKET-TIMELINE); an entry edited on the
server since docket wrote it is a conflict, reported and left alone unless --overwrite.

Exit codes: 0 published; 1 published, with conflicts left alone; 2 bad input (nothing sent);
3 the server or the network failed, or refused (401, 403, 404, 412, 5xx, a timeout).")]
pub struct Args {
    /// The calendar collection's URL (`https://host/path/calendar/`).
    url: String,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    filters: Filters,
    /// Only deadlines, no events.
    #[arg(long)]
    deadlines_only: bool,
    /// Only open deadlines (open or extended as of the as-of day); implies --deadlines-only.
    #[arg(long)]
    open_only: bool,
    /// Evaluate statuses and extensions as of this day (default: today in each timeline's zone).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Dates known only to the month or year are left out, or published as an all-day span
    /// marked approximate (as `export --partial`).
    #[arg(long, value_enum, default_value_t = Partial::Skip)]
    partial: Partial,
    /// Print what would be created, updated and deleted; send only reads.
    #[arg(long)]
    dry_run: bool,
    /// Make the calendar collection (MKCALENDAR) if it does not exist.
    #[arg(long)]
    create: bool,
    /// Replace or delete docket's entries even where they were edited on the server.
    #[arg(long)]
    overwrite: bool,
    /// A command that prints the password (run through `sh -c`).
    #[arg(long, value_name = "CMD")]
    password_command: Option<String>,
    /// Seconds to wait for the server to connect or answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let filter = args.filters.filter()?;
    let as_of = as_of(&args.as_of)?;
    if args.timeout == 0 {
        return Err(CliError::Input(
            "--timeout must be at least 1 second".into(),
        ));
    }
    let docket = load(&args.paths, settings)?;
    let scope = scope(&docket, &filter)?;
    let places: Vec<_> = timeline::list_places(&docket, as_of, &filter)
        .into_iter()
        .filter(|l| !(args.deadlines_only || args.open_only) || l.status.is_some())
        .filter(|l| !args.open_only || l.status.is_some_and(Status::is_open))
        .collect();
    let (calendars, notices) = record_calendars(&docket, &places, args.partial.into());
    for n in notices.iter().take(5) {
        eprintln!("note: {n}");
    }
    if notices.len() > 5 {
        eprintln!(
            "note: ... and {} more records left out the same way",
            notices.len() - 5
        );
    }
    let entries: Vec<Entry> = calendars
        .into_iter()
        .map(|c| Entry::new(c.uid, c.timeline, c.text))
        .collect();

    let sources =
        CredentialSources::from_env(args.password_command.clone()).map_err(|e| failed(e.into()))?;
    let timeout = Duration::from_secs(args.timeout);
    let server_settings = publish::Settings {
        connect_timeout: timeout,
        read_timeout: timeout,
        ..publish::Settings::default()
    };
    let server = Server::connect(&args.url, &sources, server_settings).map_err(failed)?;
    let options = Options {
        dry_run: args.dry_run,
        overwrite: args.overwrite,
        create: args.create,
    };
    let report = publish::publish(&server, &entries, &scope, &options, &OnStderr::default())
        .map_err(failed)?;
    print_report(&report, out)?;
    Ok(if report.needs_attention() {
        Exit::Attention
    } else {
        Exit::Success
    })
}

/// The timelines the filters select, refusing a name filter that matches nothing: publishing
/// with a misspelt filter must not delete what it cannot see.
fn scope(docket: &Docket, filter: &Filter) -> Result<Scope, CliError> {
    let ids = || docket.timelines.iter().map(|t| t.id.as_str());
    for id in &filter.timelines {
        if !ids().any(|t| t == id) {
            let near = crate::suggest::nearest(id, ids())
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(CliError::Input(format!(
                "no timeline `{id}` in the docket{near}; nothing was published"
            )));
        }
    }
    let selected: Vec<usize> = docket
        .timelines
        .iter()
        .enumerate()
        .filter(|(_, t)| filter.timelines.is_empty() || filter.timelines.contains(&t.id))
        .filter(|(_, t)| {
            filter
                .assignee
                .as_ref()
                .is_none_or(|a| t.assignee.as_ref() == Some(a))
        })
        .map(|(i, _)| i)
        .collect();
    if selected.is_empty() {
        return Err(CliError::Input(match &filter.assignee {
            Some(a) => {
                format!("no timeline selected has the assignee `{a}`; nothing was published")
            }
            None => "the docket has no timeline; nothing was published".into(),
        }));
    }
    for tag in &filter.tags {
        let tagged = |tags: &[crate::timeline::Text], timeline: usize| {
            selected.contains(&timeline) && tags.iter().any(|t| t == tag)
        };
        let found = docket.events.iter().any(|e| tagged(&e.tags, e.timeline))
            || docket.deadlines.iter().any(|d| tagged(&d.tags, d.timeline));
        if !found {
            return Err(CliError::Input(format!(
                "no record of the timelines selected has the tag `{tag}`; nothing was published"
            )));
        }
    }
    Ok(selected
        .into_iter()
        .map(|i| docket.timelines[i].id.clone())
        .collect())
}

/// A publish error as the command line reports it: the whole chain of causes, and exit 2 for
/// what was asked, 3 for the server and the network.
fn failed(e: PublishError) -> CliError {
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    if e.is_usage() {
        CliError::Input(message)
    } else {
        CliError::Failed(message)
    }
}

/// The plan (in a dry run) or what was done, then the conflicts with both versions, then the
/// summary line.
fn print_report(report: &Report, out: &mut dyn Write) -> Result<(), CliError> {
    if report.dry_run {
        if report.collection_created {
            writeln!(out, "would create the collection")?;
        }
        for (verb, uids) in [
            ("create", &report.created),
            ("update", &report.updated),
            ("delete", &report.deleted),
        ] {
            for uid in uids {
                writeln!(out, "would {verb} {uid}")?;
            }
        }
    } else if report.collection_created {
        writeln!(out, "created the collection")?;
    }
    for uid in &report.overwritten {
        writeln!(out, "overwrote {uid}, which had been edited on the server")?;
    }
    for c in &report.conflicts {
        writeln!(out, "conflict: {} ({}), left alone", c.uid, c.reason)?;
        writeln!(out, "  at {}", c.url)?;
        for (label, text) in [
            ("docket would write", &c.ours),
            ("the server holds", &c.theirs),
        ] {
            match text {
                Some(text) => {
                    writeln!(out, "  --- {label}:")?;
                    for line in text.lines() {
                        writeln!(out, "  {line}")?;
                    }
                }
                None if label == "docket would write" => {
                    writeln!(out, "  --- docket would delete it")?
                }
                None => writeln!(out, "  --- the server's version could not be read")?,
            }
        }
    }
    writeln!(out, "{report}")?;
    if report.needs_attention() && !report.dry_run {
        writeln!(
            out,
            "conflicts were left alone; look at them, then publish again with --overwrite to replace them with docket's"
        )?;
    }
    Ok(())
}

/// Progress on standard error for long runs: a line at each tenth of the writes, when there
/// are at least [`OnStderr::LONG`] of them.
#[derive(Default)]
struct OnStderr {
    total: AtomicUsize,
    shown: AtomicUsize,
}

impl OnStderr {
    /// How many writes make a run long enough to show its progress.
    const LONG: usize = 100;
}

impl Progress for OnStderr {
    fn step(&self, step: Step) {
        match step {
            Step::Listed { .. } => {}
            Step::Planned { writes } => {
                self.total.store(writes, Ordering::Relaxed);
                if writes >= Self::LONG {
                    eprintln!("publishing: {writes} changes to send");
                }
            }
            Step::Written { done, total } => {
                if total < Self::LONG {
                    return;
                }
                let tenth = done * 10 / total;
                if self.shown.fetch_max(tenth, Ordering::Relaxed) < tenth {
                    eprintln!("publishing: {done}/{total}");
                }
            }
        }
    }
}
