//! `docket completions SHELL` and `docket man`: generated from the clap definitions.
//!
//! `docket man` prints the page of `docket`, or of one subcommand (`docket man list` is
//! docket-list(1)); `docket man --dir DIR` writes every page, so that each page a SUBCOMMANDS
//! section names exists. Each page ends with the ENVIRONMENT the program reads.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, CliError, Exit};

/// Arguments of `docket completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  docket completions bash > ~/.local/share/bash-completion/completions/docket"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<Exit, CliError> {
    // Made in memory first: `generate` panics on a write error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "docket", &mut script);
    out.write_all(&script)?;
    Ok(Exit::Success)
}

/// Arguments of `docket man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket man | man -l -
  docket man list | man -l -
  docket man --dir ~/.local/share/man/man1     # docket.1 and a page for every subcommand")]
pub struct ManArgs {
    /// The subcommand whose page to print (`list`, or `add deadline`); default: docket(1).
    #[arg(value_name = "SUBCOMMAND")]
    command: Vec<String>,
    /// Write every page (docket.1, docket-list.1, ...) into DIR instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    dir: Option<PathBuf>,
}

/// The ENVIRONMENT section of every page (roff).
const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBDOCKET_DIR\fR
The folder of timeline files read when no path is given (default: \fItimelines/\fR in the current folder).
.TP
\fBDOCKET_CALENDARS\fR
A folder of calendar files of your own, as \fB\-\-calendars\fR (default: \fIcalendars/\fR in the current folder, if there is one).
.TP
\fBDOCKET_RULES\fR
A folder of rule\-set files of your own, as \fB\-\-rules\fR (default: \fIrules/\fR in the current folder, if there is one).
.TP
\fBDOCKET_NOW\fR
The current instant, as an RFC 3339 date\-time such as \fI2026\-01\-15T09:00:00\-07:00\fR, which decides "today" in each timeline's zone: to reproduce what docket said on a day. A value that is not one is an error (exit 2); an empty value means the clock.
.TP
\fBDOCKET_LOCK_WAIT\fR
How many seconds an edit waits for another edit of the same folder to finish (default: 10; \fI0.5\fR is half a second). A value that is not a number of seconds is an error (exit 2).
.TP
\fBDOCKET_CALDAV_USER\fR, \fBDOCKET_CALDAV_PASSWORD\fR
\fBdocket publish\fR: the user name and password for the CalDAV server (else \fB\-\-password\-command\fR, else the netrc file).
.TP
\fBNETRC\fR
\fBdocket publish\fR: the netrc file to read credentials from (default: \fI.netrc\fR in \fBHOME\fR).
.TP
\fBHOME\fR
Where the default netrc file is.
.TP
\fBNO_COLOR\fR
When set and not empty, no colour.
"#;

/// Every page: the command and its subcommands, each under its page name (`docket-list`).
fn pages() -> Vec<clap::Command> {
    fn collect(cmd: &clap::Command, into: &mut Vec<clap::Command>) {
        into.push(cmd.clone());
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, into);
        }
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut all = Vec::new();
    collect(&cmd, &mut all);
    all
}

/// A page in roff, with the ENVIRONMENT section before VERSION.
fn page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd)
        .source(concat!("docket ", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    let text = String::from_utf8(roff).expect("roff from UTF-8 text");
    let at = text.find(".SH VERSION").unwrap_or(text.len());
    Ok(format!("{}{ENVIRONMENT}{}", &text[..at], &text[at..]).into_bytes())
}

/// The name of a page's file: `docket-list.1`.
fn page_name(cmd: &clap::Command) -> String {
    format!(
        "{}.1",
        cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
    )
}

pub fn man(args: ManArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let pages = pages();
    if let Some(dir) = args.dir {
        std::fs::create_dir_all(&dir).map_err(|source| CliError::Io {
            context: format!("cannot create `{}`", dir.display()),
            source,
        })?;
        for cmd in pages {
            let path = dir.join(page_name(&cmd));
            let bytes = page(cmd)?;
            crate::atomic::write_with(&path, |w| w.write_all(&bytes)).map_err(|source| {
                CliError::Io {
                    context: format!("cannot write `{}`", path.display()),
                    source,
                }
            })?;
            writeln!(out, "{}", path.display())?;
        }
        return Ok(Exit::Success);
    }
    let wanted = std::iter::once("docket".to_string())
        .chain(args.command.iter().cloned())
        .collect::<Vec<_>>()
        .join("-");
    let Some(cmd) = pages
        .iter()
        .find(|c| c.get_display_name().unwrap_or_else(|| c.get_name()) == wanted)
    else {
        let names: Vec<String> = pages
            .iter()
            .skip(1)
            .map(|c| {
                let name = c.get_display_name().unwrap_or_else(|| c.get_name());
                name.strip_prefix("docket-")
                    .unwrap_or(name)
                    .replace('-', " ")
            })
            .collect();
        let given = args.command.join(" ");
        let near = crate::suggest::nearest(&given, names.iter().map(String::as_str))
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        return Err(CliError::Input(format!(
            "there is no page for `{given}`{near}; the subcommands are {}",
            names.join(", ")
        )));
    };
    out.write_all(&page(cmd.clone())?)?;
    Ok(Exit::Success)
}
