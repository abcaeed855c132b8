//! `docket new FILE`: a new timeline from a commented template.

use std::io::Write;
use std::path::PathBuf;

use super::compute::parse_zone;
use super::editing::{DryRun, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{ids, template};

/// Arguments of `docket new`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  docket new timelines/smith-v-jones.toml --title \"Smith v. Jones\" --timezone America/Denver --calendar d-colo"
)]
pub struct Args {
    /// The file to create (it must not exist; missing folders are made).
    file: PathBuf,
    /// The matter's title.
    #[arg(long)]
    title: String,
    /// The timeline's id (default: made from the title).
    #[arg(long)]
    id: Option<String>,
    /// The matter's time zone (IANA name).
    #[arg(long, default_value = "America/Denver", value_name = "ZONE")]
    timezone: String,
    /// The default calendar of its deadlines.
    #[arg(long, default_value = "us-federal", value_name = "NAME")]
    calendar: String,
    #[command(flatten)]
    dry: DryRun,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    parse_zone(&args.timezone)?;
    settings.calendars.get(&args.calendar)?;
    let folder = args
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    // Missing folders are made (not for a dry run, which writes nothing).
    if !args.dry.dry_run {
        std::fs::create_dir_all(&folder).map_err(|source| CliError::Io {
            context: format!("cannot make the folder `{}`", folder.display()),
            source,
        })?;
    }
    let docket = if folder.is_dir() {
        vec![folder]
    } else {
        Vec::new()
    };
    let mut session = super::editing::open(&docket, settings)?;
    let taken: Vec<String> = session
        .docket
        .timelines
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| ids::from_title(&args.title, |id| taken.iter().any(|t| t == id)));
    let text = template::timeline(&id, &args.title, &args.timezone, &args.calendar);
    session
        .create(&args.file, &text)
        .map_err(|e| super::editing::edit_error(e, settings))?;
    finish(
        session,
        &format!("created timeline `{id}`"),
        &args.dry,
        settings,
        out,
    )
}
