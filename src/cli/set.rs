//! `docket set ID KEY VALUE`: change one value of a record.

use std::io::Write;

use toml_edit::{Array, value};

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::{CliError, Exit, Settings};
use crate::edit::{Kind, Session, date};
use crate::rules::{Period, Roll, parse_date};
use crate::suggest::nearest;
use crate::timeline::When;

/// Arguments of `docket set`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket set answer-due period \"21 days + mail\"
  docket set summons-served date 2026-11-10
  docket set answer-due tags \"pleadings, urgent\"

A change that moves a due date records the new date and raises the deadline's revision.")]
pub struct Args {
    /// The record's id.
    id: String,
    /// The key to set.
    key: String,
    /// The new value (a comma-separated list for `tags`, `sources`, `parties`, `reminders`).
    #[arg(allow_hyphen_values = true)]
    value: String,
    #[command(flatten)]
    paths: Paths,
    #[command(flatten)]
    dry: DryRun,
}

fn list(v: &str) -> Array {
    let mut a = Array::new();
    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        a.push(part);
    }
    a
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = resolve(&args.paths)?;
    let mut session = Session::open(&paths, &settings.calendars);
    let at = session
        .locate(&args.id)
        .map_err(|e| edit_error(e, settings))?;
    let allowed: Vec<&str> = at.kind.settable_keys().collect();
    let key = args.key.as_str();
    if !allowed.contains(&key) {
        let near = nearest(key, allowed.iter().copied())
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        let why = if key == "id" {
            "; an id is how other records refer to this one, so it is not changed in place"
        } else {
            ""
        };
        return Err(CliError::Input(format!(
            "cannot set `{key}` on {} `{}`{near}{why}; settable keys: {}",
            at.kind,
            args.id,
            allowed.join(", ")
        )));
    }
    let v = args.value.as_str();
    let item = match key {
        "date" => {
            When::parse(v, false).map_err(|e| CliError::Input(format!("invalid date: {e}")))?;
            match parse_date(v) {
                Ok(d) => value(date(d)),
                Err(_) => value(v),
            }
        }
        "due" => {
            value(date(parse_date(v).map_err(|e| {
                CliError::Input(format!("invalid due date: {e}"))
            })?))
        }
        "approximate" => value(match v {
            "true" | "yes" => true,
            "false" | "no" => false,
            _ => {
                return Err(CliError::Input(format!(
                    "`approximate` is `true` or `false`, not `{v}`"
                )));
            }
        }),
        "period" => value(v.parse::<Period>()?.to_string()),
        "roll" => value(v.parse::<Roll>().map_err(CliError::Input)?.word()),
        "calendar" => {
            settings.calendars.get(v)?;
            value(v)
        }
        "reminders" => {
            for r in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                r.parse::<Period>()?;
            }
            value(list(v))
        }
        "tags" | "sources" => value(list(v)),
        _ => value(v),
    };
    let table = session.files[at.file]
        .table_mut(at.kind, at.index)
        .expect("located");
    if key == "due" {
        table.remove("period");
        table.remove("roll");
    }
    if key == "period" {
        table.remove("due");
    }
    table[key] = item;
    if at.kind == Kind::Deadline {
        session.touch(&args.id);
    }
    finish(
        session,
        &format!("set `{key}` of `{}`", args.id),
        &args.dry,
        settings,
        out,
    )
}
