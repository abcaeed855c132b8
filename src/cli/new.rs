//! `docket new FILE`: a new timeline from a commented template. Its calendar and zone go
//! together: given one, the other is inferred (a court's calendar has its zone; a zone alone
//! picks no court's calendar), and whatever was not given is said on standard error, with what
//! it means for the dates counted.

use std::io::Write;
use std::path::PathBuf;

use super::compute::parse_zone;
use super::editing::{DryRun, finish};
use super::{CliError, Exit, Settings};
use crate::calendar::Calendars;
use crate::edit::{ids, template};
use crate::render::text::terminal;

/// The calendar of a new timeline when none is given.
pub const DEFAULT_CALENDAR: &str = "us-federal";
/// The zone of a new timeline when neither it nor a calendar with a zone is given.
pub const DEFAULT_TIMEZONE: &str = "America/Denver";

/// Arguments of `docket new`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket new timelines/smith-v-jones.toml --title \"Smith v. Jones\" --calendar d-colo
  docket new timelines/doe.toml --title \"Doe v. Roe\" --calendar us-federal --timezone America/New_York

Given a calendar alone, the timeline takes its zone (`d-colo`: America/Denver). Given a zone alone,
or neither, it counts on `us-federal`, the federal holidays only, and says so: a case in a court
with holidays of its own (D. Colo., the Colorado courts) needs that court's calendar. `docket
calendars` lists them.")]
pub struct Args {
    /// The file to create (it must not exist; missing folders are made).
    file: PathBuf,
    /// The matter's title.
    #[arg(long)]
    title: String,
    /// The timeline's id (default: made from the title).
    #[arg(long)]
    id: Option<String>,
    /// The matter's time zone, an IANA name (default: the calendar's zone, else America/Denver).
    #[arg(long, value_name = "ZONE")]
    timezone: Option<String>,
    /// The default calendar of its deadlines (default: us-federal).
    #[arg(long, value_name = "NAME")]
    calendar: Option<String>,
    #[command(flatten)]
    dry: DryRun,
}

/// The calendar and zone of a new timeline, and what was inferred, to be said.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    /// The calendar's name.
    pub calendar: String,
    /// The zone's IANA name.
    pub timezone: String,
    /// One line for each thing not given, and for a zone other than the calendar's.
    pub notes: Vec<String>,
}

/// The calendar and zone of a new timeline from those given (either, both or neither).
pub fn choose(
    calendar: Option<&str>,
    timezone: Option<&str>,
    calendars: &Calendars,
) -> Result<Choice, CliError> {
    let zone = timezone.map(parse_zone).transpose()?;
    let name = calendar.unwrap_or(DEFAULT_CALENDAR);
    let cal = calendars.get(name)?;
    let mut notes = Vec::new();
    let timezone = match (zone, cal.zone()) {
        (Some(z), own) => {
            if let Some(own) = own.filter(|own| *own != z) {
                notes.push(format!(
                    "`{name}` is the calendar of a court in {own}; the timeline's zone, {z}, decides its \"today\" and the instant each deadline ends"
                ));
            }
            z.name().to_string()
        }
        (None, Some(own)) => {
            if calendar.is_some() {
                notes.push(format!(
                    "no --timezone given: the timeline takes `{name}`'s zone, {own}"
                ));
            }
            own.name().to_string()
        }
        (None, None) => {
            notes.push(format!(
                "no --timezone given: the timeline's zone is {DEFAULT_TIMEZONE}, the default (`{name}` has no zone of its own); it decides \"today\" and the instant each deadline ends"
            ));
            DEFAULT_TIMEZONE.to_string()
        }
    };
    if calendar.is_none() {
        let same_zone: Vec<String> = calendars
            .iter()
            .filter(|c| c.id() != name && c.zone().is_some_and(|z| z.name() == timezone))
            .map(|c| format!("`{}`", c.id()))
            .collect();
        let others = match same_zone.is_empty() {
            true => "a court with holidays of its own needs its calendar (`docket calendars` lists them)".to_string(),
            false => format!(
                "the calendars of the courts in {timezone}, {}, are not used: a case in one of those courts misses its holidays unless its calendar is named (`docket calendars` says what each counts)",
                same_zone.join(", ")
            ),
        };
        notes.push(format!(
            "no --calendar given: the timeline counts on `{name}`, the default ({}); {others}; `--calendar NAME` now, or `docket set ID calendar NAME` later, changes it",
            cal.title()
        ));
    }
    Ok(Choice {
        calendar: name.to_string(),
        timezone,
        notes,
    })
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let choice = choose(
        args.calendar.as_deref(),
        args.timezone.as_deref(),
        &settings.calendars,
    )?;
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
    let text = template::timeline(&id, &args.title, &choice.timezone, &choice.calendar);
    session
        .create(&args.file, &text)
        .map_err(|e| super::editing::edit_error(e, settings))?;
    for note in &choice.notes {
        eprintln!("note: {}", terminal(note));
    }
    finish(
        session,
        &format!("created timeline `{id}`"),
        &args.dry,
        settings,
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose_builtin(calendar: Option<&str>, zone: Option<&str>) -> Choice {
        choose(calendar, zone, Calendars::builtin()).unwrap()
    }

    #[test]
    fn a_court_calendar_alone_gives_its_zone() {
        let c = choose_builtin(Some("d-colo"), None);
        assert_eq!(
            (c.calendar.as_str(), c.timezone.as_str()),
            ("d-colo", "America/Denver")
        );
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
    }

    #[test]
    fn a_zone_alone_picks_no_court_calendar_and_names_those_of_its_courts() {
        let c = choose_builtin(None, Some("America/Denver"));
        assert_eq!(
            (c.calendar.as_str(), c.timezone.as_str()),
            ("us-federal", "America/Denver")
        );
        let said = c.notes.join("\n");
        for name in [
            "`d-colo`",
            "`colorado`",
            "`co-courts`",
            "misses its holidays",
        ] {
            assert!(said.contains(name), "{said}");
        }
        let east = choose_builtin(None, Some("America/New_York"));
        assert!(
            !east.notes.join("\n").contains("d-colo"),
            "{:?}",
            east.notes
        );
    }

    #[test]
    fn neither_gives_the_defaults_and_says_what_they_mean() {
        let c = choose_builtin(None, None);
        assert_eq!(
            (c.calendar.as_str(), c.timezone.as_str()),
            (DEFAULT_CALENDAR, DEFAULT_TIMEZONE)
        );
        assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
    }

    #[test]
    fn both_given_are_kept_and_a_zone_unlike_the_court_is_said() {
        let same = choose_builtin(Some("d-colo"), Some("America/Denver"));
        assert!(same.notes.is_empty(), "{:?}", same.notes);
        let other = choose_builtin(Some("d-colo"), Some("America/New_York"));
        assert_eq!(other.timezone, "America/New_York");
        assert_eq!(other.notes.len(), 1);
    }
}
