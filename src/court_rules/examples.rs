//! Running a set's worked examples (`tests`) through the same computation as everything else.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::answers::Answers;
use super::set::{CountsFrom, Example, Parent, Rule, RuleSet};
use crate::calendar::Calendars;

/// One worked example run.
#[derive(Clone, Debug)]
pub struct Checked<'a> {
    /// The rule.
    pub rule: &'a Rule,
    /// The example.
    pub example: &'a Example,
    /// `None` when it passed; else what went wrong.
    pub failure: Option<String>,
}

impl Checked<'_> {
    /// `path:line:column` of the example.
    pub fn location(&self, set: &RuleSet) -> String {
        let (line, col) = set.file.line_col(self.example.span.start);
        format!("{}:{line}:{col}", set.file.path.display())
    }
}

/// The kind of trigger a rule's chain starts from.
fn root_trigger<'s>(set: &'s RuleSet, rule: &Rule) -> Option<&'s str> {
    let mut at = rule;
    for _ in 0..=set.rules.len() {
        match &at.parent {
            Parent::Trigger(i) => return Some(&set.triggers[*i].id),
            Parent::Rule(p) => at = set.rules.iter().find(|r| &r.id == p)?,
        }
    }
    None
}

/// Runs every worked example of `set` on `calendars` (the set's calendar unless an example
/// names another).
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::court_rules::{RuleSets, examples::run};
/// let frcp = RuleSets::builtin().get("frcp").unwrap();
/// let results = run(frcp, Calendars::builtin());
/// assert!(!results.is_empty());
/// assert!(results.iter().all(|r| r.failure.is_none()));
/// ```
pub fn run<'a>(set: &'a RuleSet, calendars: &Calendars) -> Vec<Checked<'a>> {
    let mut out = Vec::new();
    for rule in &set.rules {
        for example in &rule.tests {
            let failure = check(set, rule, example, calendars).err();
            out.push(Checked {
                rule,
                example,
                failure,
            });
        }
    }
    out
}

fn check(
    set: &RuleSet,
    rule: &Rule,
    example: &Example,
    calendars: &Calendars,
) -> Result<(), String> {
    if !rule.in_force(example.trigger) {
        return Err(format!(
            "the example's trigger day {} is outside the dates of version {} of `{}`",
            example.trigger,
            rule.version(),
            rule.id
        ));
    }
    let trigger = root_trigger(set, rule).ok_or("the rule's chain does not reach a trigger")?;
    let calendar = calendars
        .get(example.calendar.as_deref().unwrap_or(&set.calendar))
        .map_err(|e| e.to_string())?;
    let answers = Answers::from_pairs(
        example
            .answers
            .iter()
            .map(|(q, a)| (q.as_str(), a.as_str())),
    );
    let mut done: BTreeMap<String, NaiveDate> = BTreeMap::new();
    if let (Some(day), Parent::Rule(p), CountsFrom::Done) =
        (example.done, &rule.parent, rule.counts_from)
    {
        done.insert(p.clone(), day);
    }
    let family = set
        .family_on(trigger, example.trigger, &answers, Some(&done), calendar)
        .map_err(|e| e.to_string())?;
    let Some(made) = family.deadlines.iter().find(|d| d.rule == rule.id) else {
        return Err(match family.unanswered.first() {
            Some(q) => format!("`{}` needs an answer to `{q}`", rule.id),
            None => format!(
                "`{}` is not reached with these answers (its condition does not hold)",
                rule.id
            ),
        });
    };
    let mut wrong = Vec::new();
    if made.due != example.due {
        wrong.push(format!("due {}, expected {}", made.due, example.due));
    }
    for (id, want) in &example.readings {
        match made.readings.iter().find(|r| &r.id == id) {
            Some(r) if r.due == *want => {}
            Some(r) => wrong.push(format!("reading `{id}` due {}, expected {want}", r.due)),
            None => wrong.push(format!("no reading `{id}`")),
        }
    }
    match wrong.is_empty() {
        true => Ok(()),
        false => Err(format!("`{}`: {}", rule.id, wrong.join("; "))),
    }
}
