//! A trigger's family: every deadline the rules reached from it make, for a trigger day and the
//! answers given, computed by the set's counting method in the version in force on each
//! period's first day, with chains counted from the deadline they follow (or from the day its
//! act was done), conditions, alternatives, `earlier_of`/`later_of` and readings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::answers::Answers;
use super::condition::Holds;
use super::error::RulesError;
use super::set::{CountsFrom, Parent, Reckon, Rule, RuleSet, Status, Term};
use crate::calendar::{Calendar, Calendars};
use crate::rules::{Context, Methods, Period, Service};

/// One reading's due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadingDue {
    /// The reading's id.
    pub id: String,
    /// Who reads it so.
    pub source: String,
    /// Its due date.
    pub due: NaiveDate,
}

/// A deadline a rule made.
#[derive(Clone, Debug, Serialize)]
pub struct Made {
    /// The set's id.
    pub set: String,
    /// The rule's id within the set.
    pub rule: String,
    /// The rule's version (the day it took effect, or `original`).
    pub version: String,
    /// The deadline's title.
    pub title: String,
    /// The citation.
    pub cite: String,
    /// The provision's words.
    pub quote: String,
    /// Where they were read.
    pub source: String,
    /// Verified or draft.
    pub status: Status,
    /// The rule it counts from, or `None` for the trigger.
    pub parent: Option<String>,
    /// From the parent's due date or the day its act was done.
    pub counts_from: CountsFrom,
    /// The period counted from the base, when that is all the rule is (with its add-on).
    #[serde(serialize_with = "period_text")]
    pub period: Option<Period>,
    /// The reckoning in words.
    pub reckon: String,
    /// The due date: the earliest reading's, if there are readings.
    pub due: NaiveDate,
    /// Every reading's due date.
    pub readings: Vec<ReadingDue>,
    /// The answers the rule used.
    pub answers: BTreeMap<String, String>,
    /// Notes.
    pub notes: Option<String>,
}

fn period_text<S: serde::Serializer>(p: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_some(&p.to_string()),
        None => s.serialize_none(),
    }
}

impl Made {
    /// `SET/RULE`, as a timeline's deadline names the rule that made it.
    pub fn rule_ref(&self) -> String {
        format!("{}/{}", self.set, self.rule)
    }
}

/// The deadlines one trigger makes.
#[derive(Clone, Debug, Serialize)]
pub struct Family {
    /// The set.
    pub set: String,
    /// The trigger kind.
    pub trigger: String,
    /// The trigger day.
    pub day: NaiveDate,
    /// The deadlines, parents before the rules chained to them.
    pub deadlines: Vec<Made>,
    /// The questions a reached rule needs that have no answer, in the order they were met.
    pub unanswered: Vec<String>,
}

/// The add-on an answer to a service question names.
fn add_on(answer: &str) -> Option<Service> {
    Service::ALL.into_iter().find(|s| s.word() == answer)
}

impl RuleSet {
    /// The family of `trigger` on `day`, counted on the set's own calendar (one of the
    /// built-in calendars). `done` gives, by rule id, the day an act was done, for the rules
    /// that count from it.
    pub fn family(
        &self,
        trigger: &str,
        day: NaiveDate,
        answers: &Answers,
        done: Option<&BTreeMap<String, NaiveDate>>,
    ) -> Result<Family, RulesError> {
        let calendar = Calendars::builtin()
            .get(&self.calendar)
            .map_err(|e| RulesError::Input(e.to_string()))?;
        self.family_on(trigger, day, answers, done, calendar)
    }

    /// [`RuleSet::family`] on a given calendar (a timeline's).
    pub fn family_on(
        &self,
        trigger: &str,
        day: NaiveDate,
        answers: &Answers,
        done: Option<&BTreeMap<String, NaiveDate>>,
        calendar: &Calendar,
    ) -> Result<Family, RulesError> {
        let Some((index, _)) = self.trigger(trigger) else {
            return Err(self.unknown_trigger(trigger));
        };
        let method = Methods::builtin()
            .get(&self.method)
            .map_err(|e| RulesError::Input(e.to_string()))?;
        let mut family = Family {
            set: self.id.clone(),
            trigger: trigger.to_string(),
            day,
            deadlines: Vec::new(),
            unanswered: Vec::new(),
        };
        let mut made: BTreeMap<&str, NaiveDate> = BTreeMap::new();
        for rule in self.reached_from(index) {
            if !rule.in_force(day) {
                continue;
            }
            let base = match &rule.parent {
                Parent::Trigger(_) => day,
                Parent::Rule(p) => {
                    let Some(&due) = made.get(p.as_str()) else {
                        continue;
                    };
                    match (rule.counts_from, done.and_then(|d| d.get(p))) {
                        (CountsFrom::Done, Some(&act)) => act,
                        _ => due,
                    }
                }
            };
            let mut ctx = Context::new(calendar);
            ctx.method = Some(method);
            ctx.roll = rule.roll;
            match self.make(rule, base, answers, &ctx)? {
                Outcome::Made(m) => {
                    made.insert(&rule.id, m.due);
                    family.deadlines.push(*m);
                }
                Outcome::Skipped => {}
                Outcome::Unanswered(questions) => {
                    for q in questions {
                        if !family.unanswered.contains(&q) {
                            family.unanswered.push(q);
                        }
                    }
                }
            }
        }
        Ok(family)
    }

    /// What rule `rule` makes today for a deadline counted from `base`, in the version in force
    /// on `base`, with `answers`: to see whether a deadline it made long ago would still be
    /// made the same way. `None` when the set has no such rule, or it no longer applies.
    pub fn remake(
        &self,
        rule: &str,
        base: NaiveDate,
        answers: &Answers,
        calendar: &Calendar,
    ) -> Result<Option<Made>, RulesError> {
        let Some(rule) = self.rule_on(rule, base) else {
            return Ok(None);
        };
        let method = Methods::builtin()
            .get(&self.method)
            .map_err(|e| RulesError::Input(e.to_string()))?;
        let mut ctx = Context::new(calendar);
        ctx.method = Some(method);
        ctx.roll = rule.roll;
        Ok(match self.make(rule, base, answers, &ctx)? {
            Outcome::Made(m) => Some(*m),
            Outcome::Skipped | Outcome::Unanswered(_) => None,
        })
    }

    /// The error for a trigger kind this set does not have.
    pub fn unknown_trigger(&self, trigger: &str) -> RulesError {
        RulesError::Unknown {
            what: "trigger",
            name: trigger.to_string(),
            within: format!(" in set `{}`", self.id),
            suggestion: crate::suggest::nearest(
                trigger,
                self.triggers.iter().map(|t| t.id.as_str()),
            )
            .map(str::to_string),
            known: self
                .triggers
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    fn make(
        &self,
        rule: &Rule,
        base: NaiveDate,
        answers: &Answers,
        ctx: &Context,
    ) -> Result<Outcome, RulesError> {
        let mut used: Vec<String> = Vec::new();
        if rule.when.holds(answers) == Holds::No {
            return Ok(Outcome::Skipped);
        }
        // Every question this rule still needs, asked together.
        let missing = missing(rule, answers);
        if !missing.is_empty() {
            return Ok(Outcome::Unanswered(missing));
        }
        used.extend(rule.when.all.iter().map(|(q, _)| q.clone()));
        let mut chosen = None;
        for alt in &rule.alternatives {
            match alt.when.holds(answers) {
                Holds::Yes => {
                    used.extend(alt.when.all.iter().map(|(q, _)| q.clone()));
                    chosen = Some(alt);
                    break;
                }
                Holds::No => used.extend(alt.when.all.iter().map(|(q, _)| q.clone())),
                Holds::Unanswered(q) => return Ok(Outcome::Unanswered(vec![q])),
            }
        }
        let service = match &rule.service {
            None => None,
            Some(q) => match answers.get(q) {
                None => return Ok(Outcome::Unanswered(vec![q.clone()])),
                Some(a) => {
                    used.push(q.clone());
                    add_on(a)
                }
            },
        };
        let reckon = chosen
            .and_then(|a| a.reckon.as_ref())
            .unwrap_or(&rule.reckon);
        let mut readings = Vec::new();
        let due = if rule.readings.is_empty() {
            match reckon_due(reckon, base, answers, service, ctx, &mut used)? {
                Ok(due) => due,
                Err(q) => return Ok(Outcome::Unanswered(vec![q])),
            }
        } else {
            for reading in &rule.readings {
                match reckon_due(&reading.reckon, base, answers, service, ctx, &mut used)? {
                    Ok(due) => readings.push(super::family::ReadingDue {
                        id: reading.id.clone(),
                        source: reading.source.clone(),
                        due,
                    }),
                    Err(q) => return Ok(Outcome::Unanswered(vec![q])),
                }
            }
            readings.iter().map(|r| r.due).min().expect("readings")
        };
        let period = match rule.readings.is_empty() {
            true => reckon.simple_period().map(|mut p| {
                if p.service.is_none() {
                    p.service = service;
                }
                p
            }),
            false => None,
        };
        used.sort();
        used.dedup();
        let answers_used = used
            .iter()
            .filter_map(|q| answers.get(q).map(|a| (q.clone(), a.to_string())))
            .collect();
        Ok(Outcome::Made(Box::new(Made {
            set: self.id.clone(),
            rule: rule.id.clone(),
            version: rule.version(),
            title: chosen
                .and_then(|a| a.title.clone())
                .unwrap_or_else(|| rule.title.clone()),
            cite: chosen
                .and_then(|a| a.cite.clone())
                .unwrap_or_else(|| rule.cite.clone()),
            quote: chosen
                .and_then(|a| a.quote.clone())
                .unwrap_or_else(|| rule.quote.clone()),
            source: rule.source.clone(),
            status: rule.status,
            parent: match &rule.parent {
                Parent::Rule(p) => Some(p.clone()),
                Parent::Trigger(_) => None,
            },
            counts_from: rule.counts_from,
            period,
            reckon: reckon.describe(),
            due,
            readings,
            answers: answers_used,
            notes: rule.notes.clone(),
        })))
    }
}

enum Outcome {
    Made(Box<Made>),
    Skipped,
    Unanswered(Vec<String>),
}

/// The questions rule `rule` needs that `answers` leaves open: those of its condition, of its
/// alternatives up to the first that holds, its service question and the date answers it counts
/// from, in that order.
fn missing(rule: &Rule, answers: &Answers) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut need = |q: &str| {
        if answers.get(q).is_none() && !out.iter().any(|o| o == q) {
            out.push(q.to_string());
        }
    };
    for (q, _) in &rule.when.all {
        need(q);
    }
    // Whether the rule applies at all comes first: nothing else is asked until it does.
    if rule.when.holds(answers) != Holds::Yes {
        return out;
    }
    let mut reckons = vec![&rule.reckon];
    for alt in &rule.alternatives {
        for (q, _) in &alt.when.all {
            need(q);
        }
        if let Some(r) = &alt.reckon {
            reckons.push(r);
        }
        if alt.when.holds(answers) == Holds::Yes {
            break;
        }
    }
    if let Some(q) = &rule.service {
        need(q);
    }
    reckons.extend(rule.readings.iter().map(|r| &r.reckon));
    for r in reckons {
        for t in r.terms() {
            if let Some(q) = &t.answer {
                need(q);
            }
        }
    }
    out
}

/// The due date of a reckoning, or the question it needs answered.
fn reckon_due(
    reckon: &Reckon,
    base: NaiveDate,
    answers: &Answers,
    service: Option<Service>,
    ctx: &Context,
    used: &mut Vec<String>,
) -> Result<Result<NaiveDate, String>, RulesError> {
    let mut dates = Vec::new();
    for term in reckon.terms() {
        match term_due(term, base, answers, service, ctx, used)? {
            Ok(d) => dates.push(d),
            Err(q) => return Ok(Err(q)),
        }
    }
    let pick = match reckon {
        Reckon::LaterOf(_) => dates.iter().max(),
        _ => dates.iter().min(),
    };
    Ok(Ok(*pick.expect("at least one term")))
}

fn term_due(
    term: &Term,
    base: NaiveDate,
    answers: &Answers,
    service: Option<Service>,
    ctx: &Context,
    used: &mut Vec<String>,
) -> Result<Result<NaiveDate, String>, RulesError> {
    let from = match &term.answer {
        None => base,
        Some(q) => match answers.date(q) {
            Some(d) => {
                used.push(q.clone());
                d
            }
            None => return Ok(Err(q.clone())),
        },
    };
    let Some(mut period) = term.period else {
        return Ok(Ok(from));
    };
    if term.answer.is_none() && period.service.is_none() {
        period.service = service;
    }
    Ok(Ok(period.due_from(from, ctx)?.date))
}
