//! Answers to a rule set's questions: `--answer service=mail`, checked against the set's
//! questions, with "did you mean" for a near miss.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::error::RulesError;
use super::set::RuleSet;
use crate::suggest::{nearest, shown};

/// The answers given, by question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    by_question: BTreeMap<String, String>,
}

impl Answers {
    /// Answers from pairs, unchecked (for tests and examples).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Answers {
        Answers {
            by_question: pairs
                .into_iter()
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .collect(),
        }
    }

    /// Parses `question=answer` items and checks each against `set`: an unknown question or
    /// answer is an error naming the nearest valid one; a date question needs a date.
    ///
    /// ```
    /// use docket::court_rules::{Answers, RuleSets};
    /// let frcp = RuleSets::builtin().get("frcp").unwrap();
    /// let err = Answers::parse(frcp, &["servise=mail".into()]).unwrap_err();
    /// assert!(err.to_string().contains("did you mean `service`"));
    /// let err = Answers::parse(frcp, &["service=mial".into()]).unwrap_err();
    /// assert!(err.to_string().contains("did you mean `mail`"));
    /// ```
    pub fn parse(set: &RuleSet, items: &[String]) -> Result<Answers, RulesError> {
        let mut by_question = BTreeMap::new();
        for item in items {
            let Some((q, a)) = item.split_once('=') else {
                return Err(RulesError::Input(format!(
                    "an answer is `question=answer`, such as `service=mail`, not `{}`",
                    shown(item)
                )));
            };
            let (q, a) = (q.trim(), a.trim());
            let Some(question) = set.question(q) else {
                return Err(RulesError::Unknown {
                    what: "question",
                    name: q.to_string(),
                    within: format!(" in set `{}`", set.id),
                    suggestion: nearest(q, set.questions.iter().map(|q| q.id.as_str()))
                        .map(str::to_string),
                    known: set
                        .questions
                        .iter()
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            if question.date {
                crate::rules::parse_date(a).map_err(|e| {
                    RulesError::Input(format!("`{q}` is a date, such as `{q}=2026-06-10`: {e}"))
                })?;
            } else if !question.answers.iter().any(|x| x == a) {
                return Err(RulesError::Unknown {
                    what: "answer",
                    name: a.to_string(),
                    within: format!(" to `{q}`"),
                    suggestion: nearest(a, question.answers.iter().map(String::as_str))
                        .map(str::to_string),
                    known: question.answers.join(", "),
                });
            }
            if let Some(old) = by_question.insert(q.to_string(), a.to_string())
                && old != a
            {
                return Err(RulesError::Input(format!(
                    "`{q}` is answered twice (`{old}` and `{a}`)"
                )));
            }
        }
        Ok(Answers { by_question })
    }

    /// The answer to `question`.
    pub fn get(&self, question: &str) -> Option<&str> {
        self.by_question.get(question).map(String::as_str)
    }

    /// The answer to a date question, as a day.
    pub fn date(&self, question: &str) -> Option<NaiveDate> {
        self.get(question)
            .and_then(|a| crate::rules::parse_date(a).ok())
    }

    /// Every answer, by question.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_question
            .iter()
            .map(|(q, a)| (q.as_str(), a.as_str()))
    }

    /// Only the answers to `questions`.
    pub fn only(&self, questions: &[String]) -> Answers {
        Answers {
            by_question: self
                .by_question
                .iter()
                .filter(|(q, _)| questions.contains(q))
                .map(|(q, a)| (q.clone(), a.clone()))
                .collect(),
        }
    }
}
