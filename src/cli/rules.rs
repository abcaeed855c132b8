//! `docket rules`: the rule sets (`docket rules`), a trigger's family (`docket rules show SET
//! [TRIGGER]`) and the sets' worked examples (`docket rules test [SET...]`).

use std::io::Write;

use super::compute::Format;
use super::{CliError, Exit, Settings};
use crate::court_rules::set::Parent;
use crate::court_rules::{RuleSet, RuleSets, RulesError, examples};
use crate::diagnostic::Diagnostic;
use crate::render::table;
use crate::render::text::terminal;

/// Arguments of `docket rules`.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Examples:
  docket rules
  docket rules show frcp complaint-served
  docket rules show frcp --format json
  docket rules test

Exit 0 on success; 1 when a worked example fails (`rules test`); 2 for an unknown set or
trigger, or a rule-set file with a problem (shown with its file, line and column)."
)]
pub struct Args {
    #[command(subcommand)]
    what: Option<What>,
    /// Output format of the list of sets.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A set's triggers, or one trigger's family of deadlines: deadline, period, counted
    /// from, citation, status.
    Show(ShowArgs),
    /// Run the worked examples of the sets named (default: every set) through the same
    /// computation as everything else; exit 1 if one fails.
    Test(TestArgs),
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The set: `frcp`, `d-colo`, `crcp`, or one of your own.
    set: String,
    /// The trigger (default: every trigger of the set).
    trigger: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct TestArgs {
    /// The sets to test (default: all).
    sets: Vec<String>,
}

impl From<RulesError> for CliError {
    fn from(e: RulesError) -> Self {
        match e {
            RulesError::Io(m) => CliError::Failed(m),
            other => CliError::Input(other.to_string()),
        }
    }
}

/// The rule sets, built-in and the user's; the problems of the user's files go to standard
/// error and stop the command (exit 2).
pub fn load_sets(settings: &Settings) -> Result<RuleSets, CliError> {
    let (sets, problems) = settings.rule_sets();
    if problems.is_empty() {
        return Ok(sets);
    }
    report(&problems, settings);
    Err(if problems.iter().any(Diagnostic::is_io) {
        CliError::Failed(format!(
            "{} rule-set file problem(s); nothing was done",
            problems.len()
        ))
    } else {
        CliError::Reported
    })
}

/// What `docket check` says of the rule sets: every problem in the user's files, a warning for
/// each of their worked examples that fails, and every deadline of `docket` whose rule has
/// changed since it was made (old beside new, to review and accept).
pub fn check_sets(settings: &Settings, docket: &crate::timeline::Docket) -> Vec<Diagnostic> {
    let (sets, mut problems) = settings.rule_sets();
    problems.extend(
        crate::court_rules::changes::changes(docket, &sets)
            .iter()
            .map(|c| c.diagnostic(docket)),
    );
    if settings.rules_dir.is_none() {
        return problems;
    }
    let builtin = RuleSets::builtin();
    for set in sets.iter().filter(|s| builtin.get(&s.id).is_err()) {
        for result in examples::run(set, &settings.calendars) {
            if let Some(why) = result.failure {
                problems.push(
                    Diagnostic::warning(
                        &set.file,
                        result.example.span.clone(),
                        format!(
                            "a worked example of `{}/{}` fails: {why}",
                            set.id, result.rule.id
                        ),
                    )
                    .help("correct the rule or its example; `docket rules test` runs them all"),
                );
            }
        }
    }
    problems
}

fn report(problems: &[Diagnostic], settings: &Settings) {
    let all: Vec<&Diagnostic> = problems.iter().collect();
    let _ = super::problems::write(&all, settings.color_err, &mut std::io::stderr());
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    match args.what {
        None => list(args.format, settings, out),
        Some(What::Show(a)) => show(a, settings, out),
        Some(What::Test(a)) => test(a, settings, out),
    }
}

/// Writes a JSON object with the shape's `version` in it.
fn json(out: &mut dyn Write, value: &serde_json::Value) -> Result<(), CliError> {
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.insert("version".into(), super::JSON_VERSION.into());
    }
    let value = &value;
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(value).expect("JSON of plain data")
    )?;
    Ok(())
}

fn list(format: Format, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let sets = load_sets(settings)?;
    match format {
        Format::Json => {
            let list: Vec<_> = sets
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.id,
                        "title": s.title,
                        "jurisdiction": s.jurisdiction,
                        "method": s.method,
                        "calendar": s.calendar,
                        "verified": { "on": s.verified_on, "source": s.verified_source },
                        "triggers": s.triggers.iter().map(|t| &t.id).collect::<Vec<_>>(),
                        "rules": s.rule_ids().len(),
                        "draft_rules": s.rules.iter().filter(|r| r.status == crate::court_rules::Status::Draft).count(),
                        "file": s.file.path.display().to_string(),
                    })
                })
                .collect();
            json(out, &serde_json::json!({ "sets": list }))?;
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = sets
                .iter()
                .map(|s| {
                    let drafts = s
                        .rules
                        .iter()
                        .filter(|r| r.status == crate::court_rules::Status::Draft)
                        .count();
                    vec![
                        s.id.clone(),
                        s.title.clone(),
                        s.jurisdiction.clone(),
                        s.triggers
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        format!(
                            "{} ({} of {} rule versions draft)",
                            s.verified_on,
                            drafts,
                            s.rules.len()
                        ),
                    ]
                })
                .collect();
            writeln!(
                out,
                "{}",
                table::table(
                    &["Set", "Title", "Jurisdiction", "Triggers", "Verified"],
                    &rows,
                    settings.color
                )
            )?;
        }
    }
    Ok(Exit::Success)
}

/// What a rule counts from, in words.
fn counted_from(set: &RuleSet, rule: &crate::court_rules::Rule) -> String {
    match &rule.parent {
        Parent::Trigger(i) => set.triggers[*i].id.clone(),
        Parent::Rule(p) => match rule.counts_from {
            crate::court_rules::CountsFrom::Done => format!("{p} (when done)"),
            crate::court_rules::CountsFrom::Due => format!("{p} (due date)"),
        },
    }
}

fn show(a: ShowArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let sets = load_sets(settings)?;
    let set = sets.get(&a.set)?;
    let triggers: Vec<usize> = match &a.trigger {
        Some(t) => vec![set.trigger(t).ok_or_else(|| set.unknown_trigger(t))?.0],
        None => (0..set.triggers.len()).collect(),
    };
    let rules: Vec<(&str, &crate::court_rules::Rule)> = triggers
        .iter()
        .flat_map(|&i| {
            set.reached_from(i)
                .into_iter()
                .map(move |r| (set.triggers[i].id.as_str(), r))
        })
        .collect();
    match a.format {
        Format::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|(t, r)| {
                    serde_json::json!({
                        "trigger": t,
                        "id": r.id,
                        "rule": format!("{}/{}", set.id, r.id),
                        "title": r.title,
                        "period": r.reckon.describe(),
                        "service": r.service,
                        "counted_from": counted_from(set, r),
                        "counts_from": r.counts_from,
                        "when": r.when.describe(),
                        "alternatives": r.alternatives.iter().map(|alt| serde_json::json!({
                            "when": alt.when.describe(),
                            "period": alt.reckon.as_ref().map(|k| k.describe()),
                            "cite": alt.cite,
                        })).collect::<Vec<_>>(),
                        "readings": r.readings.iter().map(|g| serde_json::json!({
                            "id": g.id, "period": g.reckon.describe(), "source": g.source,
                        })).collect::<Vec<_>>(),
                        "citation": r.cite,
                        "quote": r.quote,
                        "source": r.source,
                        "status": r.status,
                        "from": r.from,
                        "until": r.until,
                        "notes": r.notes,
                    })
                })
                .collect();
            json(
                out,
                &serde_json::json!({
                    "set": set.id,
                    "title": set.title,
                    "method": set.method,
                    "calendar": set.calendar,
                    "verified": { "on": set.verified_on, "source": set.verified_source },
                    "rules": list,
                }),
            )?;
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = rules
                .iter()
                .map(|(_, r)| {
                    let mut period = r.reckon.describe();
                    if let Some(s) = &r.service {
                        period.push_str(&format!(" + `{s}` add-on"));
                    }
                    for alt in &r.alternatives {
                        if let Some(k) = &alt.reckon {
                            period.push_str(&format!(
                                "; {} if {}",
                                k.describe(),
                                alt.when.describe()
                            ));
                        }
                    }
                    for g in &r.readings {
                        period.push_str(&format!("; reading `{}`: {}", g.id, g.reckon.describe()));
                    }
                    let mut deadline = format!("{} ({})", r.title, r.id);
                    if !r.when.is_empty() {
                        deadline.push_str(&format!(" when {}", r.when.describe()));
                    }
                    let effective = match (r.from, r.until) {
                        (None, None) => String::new(),
                        (Some(f), None) => format!(", from {f}"),
                        (None, Some(u)) => format!(", until {u}"),
                        (Some(f), Some(u)) => format!(", {f} to {u}"),
                    };
                    vec![
                        terminal(&deadline).into_owned(),
                        period,
                        counted_from(set, r),
                        terminal(&r.cite).into_owned(),
                        format!("{}{effective}", r.status.word()),
                    ]
                })
                .collect();
            writeln!(
                out,
                "{} ({}), counted by `{}` on `{}`",
                set.title, set.id, set.method, set.calendar
            )?;
            writeln!(
                out,
                "{}",
                table::table(
                    &["Deadline", "Period", "Counted from", "Citation", "Status"],
                    &rows,
                    settings.color
                )
            )?;
        }
    }
    Ok(Exit::Success)
}

fn test(a: TestArgs, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let sets = load_sets(settings)?;
    let chosen: Vec<&RuleSet> = match a.sets.is_empty() {
        true => sets.iter().collect(),
        false => a
            .sets
            .iter()
            .map(|s| sets.get(s))
            .collect::<Result<_, _>>()?,
    };
    let (mut passed, mut failed, mut computed) = (0, 0, 0);
    for set in chosen {
        for result in examples::run(set, &settings.calendars) {
            if result.example.computed {
                computed += 1;
            }
            match &result.failure {
                None => passed += 1,
                Some(why) => {
                    failed += 1;
                    writeln!(
                        out,
                        "FAIL {}: {}/{} (trigger {}): {}",
                        result.location(set),
                        set.id,
                        result.rule.id,
                        result.example.trigger,
                        terminal(why)
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "{passed} worked example(s) passed, {failed} failed ({computed} worked out for docket, not taken from an authority)"
    )?;
    Ok(if failed > 0 {
        Exit::Attention
    } else {
        Exit::Success
    })
}
