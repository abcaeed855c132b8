//! The command line: clap definitions turned into validated settings, one file per subcommand.
//! Commands orchestrate; the library computes; nothing below here but `main` touches the
//! process's exit code.

mod accept;
mod add;
mod apply;
mod calendars;
mod chart;
mod check;
mod completions;
mod compute;
mod docket_args;
mod editing;
mod error;
mod exit;
mod explain;
mod export;
mod fmt;
mod holidays;
mod list;
mod new;
mod output;
mod problems;
mod publish;
mod reopen;
mod rm;
mod rules;
pub mod schema;
mod set;
mod settings;
mod status;
mod upcoming;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use error::CliError;
pub use exit::{EXIT_CODES, Exit};
pub use settings::{ColorChoice, Settings};

/// The version of the JSON shape of `check`, `explain`, `compute`, `holidays`, `calendars`,
/// `rules` and `apply` (the records of `list`, `upcoming` and `export` have
/// [`RECORDS_VERSION`](crate::timeline::RECORDS_VERSION)): every command's JSON is an object
/// with a `version`, raised when a field changes meaning or goes away.
pub const JSON_VERSION: u32 = 1;

/// Output formats of `list` and `upcoming`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people, sized to the terminal.
    Table,
    /// The documented, versioned JSON shape.
    Json,
    /// RFC 4180 CSV, one row per record.
    Csv,
    /// A Markdown table fit for a memo.
    Markdown,
}

/// The top-level command.
#[derive(Debug, Parser)]
#[command(
    name = "docket",
    version,
    about = "Legal deadlines and the timelines around them",
    long_about = "Legal deadlines and the timelines around them.\n\n\
docket computes due dates by the rules of computing time (FRCP 6, C.R.C.P. 6, 5 U.S.C. 6103, \
C.R.S. 24-11-101) and explains every step.",
    after_help = EXIT_CODES,
    after_long_help = concat!(
        "Examples:\n",
        "  docket upcoming --as-of 2020-01-14\n",
        "  docket list timelines/ --format markdown\n",
        "  docket explain subpoena-1-response\n",
        "  docket check\n",
        "  docket export --format ics -o deadlines.ics\n",
        "  docket publish https://cal.example.com/dav/firm/deadlines/ --dry-run\n",
        "  docket compute --from 2020-01-13 --period \"14 days\" --explain\n",
        "  docket holidays --calendar d-colo --year 2025\n",
        "  docket calendars\n\n",
        "Exit codes:\n",
        "  0  success\n",
        "  1  the command ran and the answer needs attention\n",
        "  2  usage or input error\n",
        "  3  a refused or failed write, or another I/O failure",
    ),
)]
pub struct Cli {
    /// When to colour output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// A folder of calendar files of your own (default: `calendars/` in the current folder, if any).
    #[arg(long, env = "DOCKET_CALENDARS", global = true, value_name = "DIR")]
    pub calendars: Option<std::path::PathBuf>,

    /// A folder of rule-set files of your own (default: `rules/` in the current folder, if any).
    #[arg(long, env = "DOCKET_RULES", global = true, value_name = "DIR")]
    pub rules: Option<std::path::PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every event and deadline in date order.
    List(list::Args),
    /// Open deadlines due soon, every overdue one, and the hearings in between.
    Upcoming(upcoming::Args),
    /// A deadline's full computation, chain included.
    Explain(explain::Args),
    /// Validate timeline files; exit 0 only when all are valid.
    Check(check::Args),
    /// Export as iCalendar, JSON, CSV or Markdown.
    Export(export::Args),
    /// Draw timelines as SVG, or as an HTML page with the records beneath.
    Chart(chart::Args),
    /// Publish to a CalDAV calendar collection, changing only what changed.
    Publish(publish::Args),
    /// Create a timeline file from a commented template.
    New(new::Args),
    /// Add an event or a deadline.
    Add(add::Args),
    /// Change one value of a record.
    Set(set::Args),
    /// Remove a record nothing refers to.
    Rm(rm::Args),
    /// Mark a deadline done.
    Done(status::DoneArgs),
    /// Extend a deadline to a new date.
    Extend(status::ExtendArgs),
    /// Open a deadline marked done (or missed, withdrawn, unknown) again.
    Reopen(reopen::Args),
    /// Record the recomputed dates of deadlines whose date moved, after review.
    Accept(accept::Args),
    /// Put timeline files in the canonical layout, keeping every comment.
    Fmt(fmt::Args),
    /// Print the JSON Schema of the timeline format (or, with `rules`, of rule-set files).
    Schema(schema::Args),
    /// The court rule sets, a trigger's family of deadlines, and their worked examples.
    Rules(rules::Args),
    /// Add a trigger's family of deadlines from a rule set to an event's timeline.
    Apply(apply::Args),
    /// Compute a due date from a trigger and a period.
    Compute(compute::Args),
    /// List the holidays and closures of a calendar.
    Holidays(holidays::Args),
    /// List the calendars, their zones, and what each one is.
    Calendars(calendars::Args),
    /// Print shell completions.
    Completions(completions::Args),
    /// Print a manual page (roff), or write them all with --dir.
    Man(completions::ManArgs),
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Exit, CliError> {
    let settings = Settings::new(&cli)?;
    match cli.command {
        Command::List(args) => list::run(args, &settings, out),
        Command::Upcoming(args) => upcoming::run(args, &settings, out),
        Command::Explain(args) => explain::run(args, &settings, out),
        Command::Check(args) => check::run(args, &settings, out),
        Command::Export(args) => export::run(args, &settings, out),
        Command::Chart(args) => chart::run(args, &settings, out),
        Command::Publish(args) => publish::run(args, &settings, out),
        Command::New(args) => new::run(args, &settings, out),
        Command::Add(args) => add::run(args, &settings, out),
        Command::Set(args) => set::run(args, &settings, out),
        Command::Rm(args) => rm::run(args, &settings, out),
        Command::Done(args) => status::done(args, &settings, out),
        Command::Extend(args) => status::extend(args, &settings, out),
        Command::Reopen(args) => reopen::run(args, &settings, out),
        Command::Accept(args) => accept::run(args, &settings, out),
        Command::Fmt(args) => fmt::run(args, &settings, out),
        Command::Schema(args) => schema::run(args, out),
        Command::Rules(args) => rules::run(args, &settings, out),
        Command::Apply(args) => apply::run(args, &settings, out),
        Command::Compute(args) => compute::run(args, &settings, out),
        Command::Holidays(args) => holidays::run(args, &settings, out),
        Command::Calendars(args) => calendars::run(args, &settings, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => completions::man(args, out),
    }
}

/// The whole program: parse the arguments, run, print any error, and return the exit code.
///
/// An error writing standard output is exit 3 with one line on standard error, except a closed
/// pipe (`docket list | head`), which ends the program quietly with status 0.
pub fn main() -> ExitCode {
    survive_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            return Exit::Usage.into();
        }
        // `--help` and `--version`, on standard output.
        Err(e) => {
            let printed = e.print().and_then(|()| std::io::stdout().flush());
            return match printed {
                Ok(()) => Exit::Success.into(),
                Err(source) => report(&CliError::from(source)),
            };
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(exit), Ok(())) => exit.into(),
        (Ok(_), Err(source)) => report(&CliError::from(source)),
        (Err(e), _) => report(&e),
    }
}

/// Prints an error (unless it is a closed pipe, or already reported) and returns its exit code.
fn report(e: &CliError) -> ExitCode {
    if e.is_broken_pipe() {
        return Exit::Success.into();
    }
    // Safe to print: a message may quote a file name or an id made to hold an escape.
    let msg = crate::render::text::terminal_lines(&e.to_string());
    if !msg.is_empty() {
        eprintln!("error: {msg}");
    }
    e.exit().into()
}

/// A write past the file-size limit (`ulimit -f`) then fails with "file too large" (exit 3)
/// instead of ending the process by SIGXFSZ: the signal is caught and nothing is done with it.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
    }
}
