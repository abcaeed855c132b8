//! The rule-set file format as written (`data/rules/*.toml` and the user's own): `[set]`, its
//! `[[question]]`s, `[[trigger]]`s and `[[rule]]`s. Unknown keys are refused; [`super::load`]
//! checks what serde cannot (periods, chains, conditions) and builds the model.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A rule-set file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetFile {
    pub set: Header,
    #[serde(default)]
    pub question: Vec<QuestionSpec>,
    #[serde(default)]
    pub trigger: Vec<TriggerSpec>,
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSpec>>,
}

/// `[set]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub id: Spanned<String>,
    pub title: String,
    pub jurisdiction: String,
    pub method: Spanned<String>,
    pub calendar: Spanned<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub verified: VerifiedSpec,
    #[serde(default)]
    pub notes: Option<String>,
}

/// `verified = { on = DATE, source = "..." }`: when the set's texts were last checked, and in
/// what.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifiedSpec {
    pub on: Spanned<Datetime>,
    pub source: String,
}

/// `[[question]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionSpec {
    pub id: Spanned<String>,
    pub ask: String,
    /// The allowed answers; none for a date question.
    #[serde(default)]
    pub answers: Vec<String>,
    /// `choice` (the default) or `date`.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
}

/// `[[trigger]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TriggerSpec {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A condition as written: `{ service = "mail" }` or `{ service = ["mail", "clerk"] }`.
pub(crate) type WhenSpec = Spanned<BTreeMap<String, OneOrMany>>;

/// One allowed answer or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// `[[rule]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSpec {
    pub id: Spanned<String>,
    pub title: String,
    pub cite: String,
    pub quote: String,
    pub source: String,
    pub status: Spanned<String>,
    pub trigger: Spanned<String>,
    #[serde(default)]
    pub counts_from: Option<Spanned<String>>,
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub earlier_of: Option<Spanned<Vec<TermSpec>>>,
    #[serde(default)]
    pub later_of: Option<Spanned<Vec<TermSpec>>>,
    #[serde(default)]
    pub service: Option<Spanned<String>>,
    #[serde(default)]
    pub roll: Option<Spanned<String>>,
    #[serde(default)]
    pub when: Option<WhenSpec>,
    #[serde(default)]
    pub alternative: Vec<AlternativeSpec>,
    #[serde(default)]
    pub reading: Vec<ReadingSpec>,
    #[serde(default)]
    pub from: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub until: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub tests: Vec<Spanned<ExampleSpec>>,
}

/// One term of `earlier_of` / `later_of`: a period counted from the rule's base, or from a date
/// answer (`answer = "compliance"`), or that date itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermSpec {
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    #[serde(default)]
    pub answer: Option<Spanned<String>>,
}

/// `[[rule.alternative]]`: when the condition holds, another period, start, title or citation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AlternativeSpec {
    pub when: WhenSpec,
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub cite: Option<String>,
    #[serde(default)]
    pub quote: Option<String>,
}

/// `[[rule.reading]]`: one way of counting where sources disagree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReadingSpec {
    pub id: Spanned<String>,
    pub source: String,
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    #[serde(default)]
    pub earlier_of: Option<Spanned<Vec<TermSpec>>>,
    #[serde(default)]
    pub later_of: Option<Spanned<Vec<TermSpec>>>,
}

/// A worked example: `{ trigger = DATE, answers = {...}, due = DATE, source = "..." }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExampleSpec {
    pub trigger: Spanned<Datetime>,
    #[serde(default)]
    pub answers: BTreeMap<String, toml::Value>,
    pub due: Spanned<Datetime>,
    pub source: String,
    /// Worked out for docket, not taken from an authority.
    #[serde(default)]
    pub computed: bool,
    /// For a rule counted from the act: the day the act it counts from was done.
    #[serde(default)]
    pub done: Option<Spanned<Datetime>>,
    /// The due date of each reading, by id.
    #[serde(default)]
    pub readings: BTreeMap<String, Datetime>,
    #[serde(default)]
    pub calendar: Option<String>,
}
