//! The model of a rule set, checked: its questions, its kinds of trigger and its rules, each
//! rule in one or more versions by effective date.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use super::condition::Condition;
use crate::diagnostic::SourceFile;
use crate::rules::{Period, Roll};

/// Whether a rule's words were read in an official text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Its words were read in an official text; `source` says where.
    Verified,
    /// Not read in an official text: its deadlines say so wherever they are shown.
    Draft,
}

impl Status {
    /// The word used in files and output.
    ///
    /// ```
    /// assert_eq!(docket::court_rules::Status::Draft.word(), "draft");
    /// ```
    pub fn word(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Draft => "draft",
        }
    }
}

/// A question a rule depends on, and its allowed answers.
#[derive(Clone, Debug)]
pub struct Question {
    /// `service`, `us-party`, `compliance`.
    pub id: String,
    /// The question in words.
    pub ask: String,
    /// The allowed answers; empty for a date question.
    pub answers: Vec<String>,
    /// Whether the answer is a date (`compliance=2026-06-10`).
    pub date: bool,
}

/// A kind of event that starts a family of deadlines.
#[derive(Clone, Debug)]
pub struct TriggerKind {
    /// `complaint-served`.
    pub id: String,
    /// "Summons and complaint served".
    pub title: String,
    /// More words, if any.
    pub description: Option<String>,
}

/// What a rule counts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parent {
    /// A kind of trigger (index into [`RuleSet::triggers`]).
    Trigger(usize),
    /// Another rule's deadline, by id (a chain).
    Rule(String),
}

/// For a chained rule: whether it counts from the deadline it follows or from the day that act
/// was actually done ("14 days after service of the response": the day the response was
/// served).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountsFrom {
    /// From the due date of the deadline it follows (projected while that one is open).
    Due,
    /// From the day the act was done, once recorded; from its due date until then.
    Done,
}

/// A period counted from the rule's base, or from a date answer, or that date itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The period; `None` for the date itself.
    pub period: Option<Period>,
    /// A date question to count from instead of the base.
    pub answer: Option<String>,
}

/// How a rule's date is reckoned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reckon {
    /// One term.
    Single(Term),
    /// The earliest of several ("before the earlier of ...").
    EarlierOf(Vec<Term>),
    /// The latest of several ("whichever is later").
    LaterOf(Vec<Term>),
}

impl Reckon {
    /// The terms.
    pub fn terms(&self) -> &[Term] {
        match self {
            Reckon::Single(t) => std::slice::from_ref(t),
            Reckon::EarlierOf(v) | Reckon::LaterOf(v) => v,
        }
    }

    /// The period of a single term counted from the base, if that is all it is: what a
    /// timeline can carry as a `period`.
    pub fn simple_period(&self) -> Option<Period> {
        match self {
            Reckon::Single(Term {
                period: Some(p),
                answer: None,
            }) => Some(*p),
            _ => None,
        }
    }

    /// The reckoning in words, for tables: `21 days`, `earlier of 14 days, compliance`.
    pub fn describe(&self) -> String {
        let term = |t: &Term| match (&t.period, &t.answer) {
            (Some(p), None) => p.to_string(),
            (Some(p), Some(a)) => format!("{p} from `{a}`"),
            (None, Some(a)) => format!("`{a}`"),
            (None, None) => "the trigger".to_string(),
        };
        match self {
            Reckon::Single(t) => term(t),
            Reckon::EarlierOf(v) => format!(
                "earlier of {}",
                v.iter().map(term).collect::<Vec<_>>().join(", ")
            ),
            Reckon::LaterOf(v) => format!(
                "later of {}",
                v.iter().map(term).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// Another period, start, title or citation when a condition holds.
#[derive(Clone, Debug)]
pub struct Alternative {
    /// When it applies.
    pub when: Condition,
    /// The reckoning instead of the rule's.
    pub reckon: Option<Reckon>,
    /// The title instead of the rule's.
    pub title: Option<String>,
    /// The citation instead of the rule's.
    pub cite: Option<String>,
    /// The words instead of the rule's.
    pub quote: Option<String>,
}

/// One way of counting where sources disagree.
#[derive(Clone, Debug)]
pub struct Reading {
    /// `day-before`.
    pub id: String,
    /// Who reads it so.
    pub source: String,
    /// How it counts.
    pub reckon: Reckon,
}

/// A worked example.
#[derive(Clone, Debug)]
pub struct Example {
    /// The trigger day.
    pub trigger: NaiveDate,
    /// The answers, as `question=answer` pairs.
    pub answers: Vec<(String, String)>,
    /// The expected due date.
    pub due: NaiveDate,
    /// Where it comes from.
    pub source: String,
    /// Worked out for docket, not taken from an authority.
    pub computed: bool,
    /// For a rule counted from the act: the day that act was done.
    pub done: Option<NaiveDate>,
    /// The expected due date of each reading.
    pub readings: Vec<(String, NaiveDate)>,
    /// A calendar other than the set's.
    pub calendar: Option<String>,
    /// Where it is written.
    pub span: Range<usize>,
}

/// One version of one rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The subdivision it stands for: `12-a-1-A-i`.
    pub id: String,
    /// The deadline it makes: "Answer due".
    pub title: String,
    /// `Fed. R. Civ. P. 12(a)(1)(A)(i)`.
    pub cite: String,
    /// The provision's words.
    pub quote: String,
    /// Where the words were read (or, for a draft, what to check).
    pub source: String,
    /// Verified or draft.
    pub status: Status,
    /// What it counts from.
    pub parent: Parent,
    /// For a chain: from the parent's due date or the day its act was done.
    pub counts_from: CountsFrom,
    /// How its date is reckoned.
    pub reckon: Reckon,
    /// The question whose answer names the service add-on (`+ mail`, `+ electronic`, ...).
    pub service: Option<String>,
    /// A roll other than the method's.
    pub roll: Option<Roll>,
    /// When it applies at all.
    pub when: Condition,
    /// Other periods or citations under conditions; the first that holds is used.
    pub alternatives: Vec<Alternative>,
    /// Readings where sources disagree; the earliest is the due date.
    pub readings: Vec<Reading>,
    /// The first trigger day it applies to.
    pub from: Option<NaiveDate>,
    /// The last trigger day it applies to.
    pub until: Option<NaiveDate>,
    /// Notes (not extendable, ...).
    pub notes: Option<String>,
    /// Worked examples.
    pub tests: Vec<Example>,
    /// Where the rule is written in its file.
    pub span: Range<usize>,
}

impl Rule {
    /// Whether this version applies to a trigger on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// The version's name: the day it took effect, or `original`.
    pub fn version(&self) -> String {
        self.from
            .map_or_else(|| "original".to_string(), |d| d.to_string())
    }
}

/// A rule set, checked.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// `frcp`.
    pub id: String,
    /// "Federal Rules of Civil Procedure".
    pub title: String,
    /// "United States district courts".
    pub jurisdiction: String,
    /// The counting method its periods are counted by (`frcp-6`).
    pub method: String,
    /// Its default calendar.
    pub calendar: String,
    /// Where its texts come from.
    pub sources: Vec<String>,
    /// When its texts were last checked.
    pub verified_on: NaiveDate,
    /// In what.
    pub verified_source: String,
    /// Notes.
    pub notes: Option<String>,
    /// Its questions.
    pub questions: Vec<Question>,
    /// Its kinds of trigger.
    pub triggers: Vec<TriggerKind>,
    /// Its rules, every version, in file order.
    pub rules: Vec<Rule>,
    /// The file it was read from.
    pub file: Arc<SourceFile>,
    /// A fingerprint of its text, so a change to the set can be seen.
    pub fingerprint: u64,
}

impl RuleSet {
    /// The question `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The kind of trigger `id`.
    pub fn trigger(&self, id: &str) -> Option<(usize, &TriggerKind)> {
        self.triggers.iter().enumerate().find(|(_, t)| t.id == id)
    }

    /// Every distinct rule id, in file order.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !ids.contains(&r.id.as_str()) {
                ids.push(&r.id);
            }
        }
        ids
    }

    /// The version of rule `id` in force on `day`.
    pub fn rule_on(&self, id: &str, day: NaiveDate) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id && r.in_force(day))
    }

    /// The rules that count from trigger kind `trigger` or, through chains, from those: every
    /// version, parents before children.
    pub fn reached_from(&self, trigger: usize) -> Vec<&Rule> {
        let mut out: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.parent == Parent::Trigger(trigger))
            .collect();
        let mut i = 0;
        while i < out.len() {
            let id = out[i].id.clone();
            for r in &self.rules {
                if r.parent == Parent::Rule(id.clone()) && !out.iter().any(|o| std::ptr::eq(*o, r))
                {
                    out.push(r);
                }
            }
            i += 1;
        }
        out
    }

    /// Whether every rule is verified.
    pub fn all_verified(&self) -> bool {
        self.rules.iter().all(|r| r.status == Status::Verified)
    }
}
