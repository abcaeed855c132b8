//! `docket accept [ID...]`: after review, record the recomputed due dates of deadlines whose date
//! moved (holiday data updated, a trigger edited by hand, a rule changed), and the dates of events
//! changed by hand, raising their revision.

use std::io::Write;
use std::path::PathBuf;

use super::editing::{DryRun, finish};
use super::{CliError, Exit, Settings};
use crate::diagnostic::Severity;
use crate::timeline::default_dir;

/// Arguments of `docket accept`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket check            # lists every deadline whose date moved, old date beside new, and why
  docket accept answer-due
  docket accept --docket timelines --dry-run      # every moved date")]
pub struct Args {
    /// The deadlines and events to accept (default: every one whose date moved).
    ids: Vec<String>,
    /// The docket (default: `$DOCKET_DIR`, else `timelines/`).
    #[arg(long = "docket", value_name = "PATH")]
    docket: Vec<PathBuf>,
    #[command(flatten)]
    dry: DryRun,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let paths = if args.docket.is_empty() {
        vec![default_dir().map_err(CliError::Input)?]
    } else {
        args.docket.clone()
    };
    let mut session = super::editing::open(&paths, settings)?;
    let (sets, _) = settings.rule_sets();
    let changed = crate::court_rules::changes::changes(&session.docket, &sets);
    let mut moved: Vec<String> = session
        .docket
        .deadlines
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            matches!((&d.recorded, &session.docket.computed[*i]), (Some(r), Some(c)) if r.due != c.due.date)
        })
        .map(|(_, d)| d.id.to_string())
        .collect();
    // Events whose date was changed by hand since docket recorded it.
    let by_hand = session
        .docket
        .events
        .iter()
        .filter(|e| e.moved_by_hand().is_some());
    moved.extend(by_hand.map(|e| e.id.to_string()));
    for c in &changed {
        let id = session.docket.deadlines[c.index].id.to_string();
        if !moved.contains(&id) {
            moved.push(id);
        }
    }
    let wanted: Vec<String> = if args.ids.is_empty() {
        moved.clone()
    } else {
        for id in &args.ids {
            if session.docket.find(id).is_none() {
                let near = session
                    .docket
                    .nearest_id(id)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                return Err(CliError::Input(format!(
                    "no record has the id `{id}`{near}"
                )));
            }
            if !moved.contains(id) {
                return Err(CliError::Input(format!(
                    "the date of `{id}` has not moved; nothing to accept"
                )));
            }
        }
        args.ids.clone()
    };
    if wanted.is_empty() {
        let errors = session
            .docket
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        writeln!(
            out,
            "no recorded due date has moved{}",
            if errors {
                " (the docket has errors: `docket check`)"
            } else {
                ""
            }
        )?;
        return Ok(Exit::Success);
    }
    for id in &wanted {
        // A rule that changed: what it makes now replaces what it made.
        if let Some(c) = changed
            .iter()
            .find(|c| session.docket.deadlines[c.index].id == id.as_str())
        {
            let at = session
                .locate(id)
                .map_err(|e| super::editing::edit_error(e, settings))?;
            if let Some(table) = session.files[at.file].table_mut(at.kind, at.index) {
                c.write(table);
            }
        }
        session.accept(id);
    }
    finish(
        session,
        &format!(
            "accepted the new dates of {}",
            wanted
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        &args.dry,
        settings,
        out,
    )
}
