//! `docket apply SET TRIGGER --to EVENT`: every deadline of a trigger's family (and the chains
//! below it) added to the event's timeline file, each naming the rule that made it.

use std::io::Write;
use std::path::PathBuf;

use super::docket_args::{Paths, resolve};
use super::editing::{DryRun, edit_error, finish};
use super::rules::load_sets;
use super::{CliError, Exit, Settings};
use crate::court_rules::apply::{Placed, apply};
use crate::court_rules::{Answers, Status};
use crate::render::table;
use crate::render::text::terminal;

/// Output formats of `apply`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ApplyFormat {
    /// What was added, in words, and the diff with `--dry-run`.
    Text,
    /// The deadlines made, each with its `id`, `rule`, `due` and `readings`.
    Json,
}

/// Arguments of `docket apply`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket rules show frcp complaint-served
  docket apply frcp complaint-served --to summons-served --answer us-party=no --dry-run
  docket apply frcp subpoena-served --to subpoena --answer compliance=2026-06-10
  docket apply d-colo motion-served --to motion-to-dismiss --answer service=electronic

A question a reached rule needs and that has no answer is named, with its answers (exit 2);
nothing is guessed. Applying again adds nothing already there (exit 0).")]
pub struct Args {
    /// The rule set: `frcp`, `d-colo`, `crcp`, or one of your own.
    set: String,
    /// The kind of trigger, e.g. `complaint-served`.
    trigger: String,
    /// The event the family counts from.
    #[arg(long, value_name = "EVENT")]
    to: String,
    /// An answer to a question of the set, `question=answer` (repeatable).
    #[arg(long = "answer", value_name = "QUESTION=ANSWER")]
    answers: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ApplyFormat::Text)]
    format: ApplyFormat,
    /// The docket the event is in (default: `$DOCKET_DIR`, else `timelines/`).
    #[arg(long = "docket", value_name = "PATH")]
    docket: Vec<PathBuf>,
    #[command(flatten)]
    dry: DryRun,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let sets = load_sets(settings)?;
    let set = sets.get(&args.set)?;
    if set.trigger(&args.trigger).is_none() {
        return Err(set.unknown_trigger(&args.trigger).into());
    }
    let answers = Answers::parse(set, &args.answers)?;
    let paths = resolve(&Paths {
        paths: args.docket.clone(),
        follow: false,
    })?;
    let mut session = super::editing::open(&paths, settings)?;
    let placed = apply(
        &mut session,
        set,
        &args.trigger,
        &args.to,
        &answers,
        &settings.calendars,
    )?;
    let added = placed.iter().filter(|p| p.added).count();
    let what = format!(
        "applied `{}/{}` to `{}`: {added} deadline(s) added, {} already there",
        set.id,
        args.trigger,
        args.to,
        placed.len() - added
    );
    match args.format {
        ApplyFormat::Text => {
            if !placed.is_empty() {
                writeln!(out, "{}", summary(&placed, settings.color))?;
            }
            finish(session, &what, &args.dry, settings, out)
        }
        ApplyFormat::Json => {
            let plan = session.finish().map_err(|e| edit_error(e, settings))?;
            let diff = plan.diff();
            if !args.dry.dry_run && !plan.changes.is_empty() {
                plan.write().map_err(|e| edit_error(e, settings))?;
            }
            let value = serde_json::json!({
                "version": super::JSON_VERSION,
                "set": set.id,
                "trigger": args.trigger,
                "event": args.to,
                "dry_run": args.dry.dry_run,
                "deadlines": placed,
                "diff": if args.dry.dry_run { Some(diff) } else { None },
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).expect("JSON of plain data")
            )?;
            Ok(Exit::Success)
        }
    }
}

/// `docket add event --rule SET/TRIGGER`: the family of the event the session is adding, in
/// the same session; how many deadlines it adds.
pub fn with_event(
    session: &mut crate::edit::Session,
    rule: &str,
    answers: &[String],
    id: &str,
    when: &crate::timeline::When,
    file: &std::path::Path,
    settings: &Settings,
) -> Result<usize, CliError> {
    let Some((set_id, trigger)) = rule.split_once('/') else {
        return Err(CliError::Input(format!(
            "`--rule` is `SET/TRIGGER`, such as `frcp/complaint-served`, not `{}`",
            terminal(rule)
        )));
    };
    let sets = load_sets(settings)?;
    let set = sets.get(set_id)?;
    if set.trigger(trigger).is_none() {
        return Err(set.unknown_trigger(trigger).into());
    }
    let answers = Answers::parse(set, answers)?;
    let Some(day) = when.exact_day() else {
        return Err(CliError::Input(format!(
            "the event is dated `{when}`, not to a day; a rule counts from a day"
        )));
    };
    let real = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let calendar = session
        .docket
        .timelines
        .iter()
        .find(|t| real(&t.file.path) == real(file))
        .map(|t| t.calendar.clone())
        .ok_or_else(|| {
            CliError::Input(format!(
                "`{}` is not a timeline of the docket",
                file.display()
            ))
        })?;
    let target = crate::court_rules::apply::Target {
        event: id.to_string(),
        day,
        path: file.to_path_buf(),
        calendar,
    };
    let placed = crate::court_rules::apply::apply_to(
        session,
        set,
        trigger,
        &target,
        &answers,
        &settings.calendars,
    )?;
    Ok(placed.iter().filter(|p| p.added).count())
}

/// The family as a table: id, due, rule, status.
fn summary(placed: &[Placed], color: bool) -> String {
    let rows: Vec<Vec<String>> = placed
        .iter()
        .map(|p| {
            let mut due = p.made.due.to_string();
            for r in &p.made.readings {
                due.push_str(&format!("\n{}: {}", r.id, r.due));
            }
            vec![
                terminal(&p.id).into_owned(),
                due,
                p.made.rule_ref(),
                terminal(&p.made.cite).into_owned(),
                match (p.made.status, p.added) {
                    (Status::Verified, true) => "verified; added".to_string(),
                    (Status::Draft, true) => "draft; added".to_string(),
                    (s, false) => format!("{}; already there", s.word()),
                },
            ]
        })
        .collect();
    table::table(
        &["Deadline", "Due", "Rule", "Citation", "Status"],
        &rows,
        color,
    )
}
