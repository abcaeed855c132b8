//! Conditions on answers: `when = { us-party = "yes" }`, `when = { service = ["mail", "clerk"] }`.

use super::answers::Answers;

/// Every question named must have one of its listed answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    /// Each question and the answers that satisfy it.
    pub all: Vec<(String, Vec<String>)>,
}

/// Whether a condition holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holds {
    /// Every question has an answer that satisfies it.
    Yes,
    /// An answer does not satisfy it.
    No,
    /// A question it names has no answer yet.
    Unanswered(String),
}

impl Condition {
    /// Whether the condition holds for `answers`. A question that is answered and does not
    /// match decides `No` even if another is unanswered: nothing is asked that cannot matter.
    ///
    /// ```
    /// use docket::court_rules::condition::{Condition, Holds};
    /// use docket::court_rules::Answers;
    /// let c = Condition { all: vec![("us-party".into(), vec!["yes".into()])] };
    /// assert_eq!(c.holds(&Answers::default()), Holds::Unanswered("us-party".into()));
    /// assert_eq!(c.holds(&Answers::from_pairs([("us-party", "no")])), Holds::No);
    /// ```
    pub fn holds(&self, answers: &Answers) -> Holds {
        let mut missing = None;
        for (question, allowed) in &self.all {
            match answers.get(question) {
                Some(a) if allowed.iter().any(|x| x == a) => {}
                Some(_) => return Holds::No,
                None => {
                    missing.get_or_insert_with(|| question.clone());
                }
            }
        }
        match missing {
            Some(q) => Holds::Unanswered(q),
            None => Holds::Yes,
        }
    }

    /// The condition in words: `us-party = yes`, `service = mail | clerk`.
    pub fn describe(&self) -> String {
        self.all
            .iter()
            .map(|(q, a)| format!("{q} = {}", a.join(" | ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether it has no terms (always holds).
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}
