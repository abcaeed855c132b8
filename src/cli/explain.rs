//! `docket explain ID`: a deadline's full computation, chain included.

use std::io::Write;

use super::docket_args::{Paths, as_of, load};
use super::{CliError, Exit, Settings};
use crate::rules::explain::render;
use crate::timeline::{RecordRef, effective_due};

/// Output formats of `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Numbered sentences.
    Text,
    /// The steps as data.
    Json,
}

/// Arguments of `docket explain`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  docket explain subpoena-1-response
  docket explain answer-due timelines/example-federal-civil.toml --format json")]
pub struct Args {
    /// The deadline's id.
    id: String,
    #[command(flatten)]
    paths: Paths,
    /// Evaluate status and extensions as of this day (default: today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    format: ExplainFormat,
}

pub fn run(args: Args, settings: &Settings, out: &mut dyn Write) -> Result<Exit, CliError> {
    let as_of = as_of(&args.as_of)?;
    let docket = load(&args.paths, settings)?;
    let i = match docket.find(&args.id) {
        Some(RecordRef::Deadline(i)) => i,
        Some(RecordRef::Event(_)) => {
            return Err(CliError::Input(format!(
                "`{}` is an event; `explain` takes the id of a deadline",
                args.id
            )));
        }
        None => {
            let near = docket
                .nearest_id(&args.id)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(CliError::Input(format!(
                "no record has the id `{}`{near}",
                args.id
            )));
        }
    };
    let d = &docket.deadlines[i];
    let chain = docket.explain(i)?;
    let computed = docket.computed[i].as_ref().ok_or_else(|| {
        CliError::Input(format!(
            "`{}` cannot be computed; `docket check` says why",
            d.id
        ))
    })?;
    let day = crate::timeline::as_of_for(&docket, d.timeline, as_of);
    let (due, at) = effective_due(d, computed, day);
    let (status, _) = d.status_on(day);
    match args.format {
        ExplainFormat::Json => {
            let links: Vec<_> = chain
                .iter()
                .map(|(heading, steps)| serde_json::json!({ "deadline": heading, "steps": steps }))
                .collect();
            let value = serde_json::json!({
                "version": super::JSON_VERSION,
                "id": d.id,
                "title": d.title,
                "due": due.date,
                "due_at": at.map(|a| a.to_rfc3339()),
                "status": status,
                "as_of": day,
                "chain": links,
                "rule": d.made_by.as_ref().map(|m| &m.rule),
                "rule_version": d.made_by.as_ref().map(|m| &m.version),
                "rule_status": d.made_by.as_ref().map(|m| if m.draft { "draft" } else { "verified" }),
                "readings": d.made_by.as_ref().map(|m| &m.readings),
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).expect("JSON of plain data")
            )?;
        }
        ExplainFormat::Text => {
            for (heading, steps) in &chain {
                writeln!(out, "{}", crate::render::text::terminal(heading))?;
                write!(
                    out,
                    "{}",
                    crate::render::text::terminal_lines(&render(steps))
                )?;
                writeln!(out)?;
            }
            if let Some(m) = &d.made_by {
                let answers: Vec<String> = m
                    .answers
                    .iter()
                    .map(|(q, a)| format!("{q} = {a}"))
                    .collect();
                writeln!(
                    out,
                    "Made by rule `{}`{}{}{}.",
                    crate::render::text::terminal(&m.rule),
                    if m.draft {
                        ", a draft (its text not verified in an official source)"
                    } else {
                        ""
                    },
                    m.version
                        .as_ref()
                        .map(|v| format!(", version {}", crate::render::text::terminal(v)))
                        .unwrap_or_default(),
                    match answers.is_empty() {
                        true => String::new(),
                        false => format!(
                            ", answers {}",
                            crate::render::text::terminal(&answers.join(", "))
                        ),
                    }
                )?;
                for r in m.readings.iter() {
                    writeln!(
                        out,
                        "Reading `{}`: due {}{} ({}).",
                        crate::render::text::terminal(&r.id),
                        r.due,
                        if r.due == due.date {
                            ", the date used"
                        } else {
                            ""
                        },
                        crate::render::text::terminal(&r.source)
                    )?;
                }
            }
            writeln!(out, "Status as of {day}: {}.", status.word())?;
        }
    }
    Ok(Exit::Success)
}
