//! Court rule sets: one trigger ("complaint served", "judgment entered") turned into its whole
//! family of deadlines, each with the rule's citation and its own words.
//!
//! A rule set is a plain TOML file (`data/rules/*.toml` built in; the user's own in `rules/`,
//! `--rules DIR` or `$DOCKET_RULES`). It names the questions its rules depend on (`service`,
//! `us-party`, ...), the kinds of trigger that start a family, and the rules: each a period
//! counted from a trigger or from another rule's deadline (a chain), with conditions,
//! alternatives, `earlier_of`/`later_of`, readings where sources disagree, effective dates, a
//! status, and worked examples that `docket rules test` runs through the same computation as
//! everything else.
//!
//! The pipeline reads in the file list: [`file`] (the format as written) → [`load`] (checked,
//! with file, line and column for every problem) → [`set`] (the model) → [`answers`] and
//! [`condition`] → [`family`] (the deadlines a trigger makes) → [`examples`] (the worked
//! examples) and [`apply`] (the family added to a timeline file). [`registry`] finds the sets.
//!
//! ```
//! use docket::court_rules::{Answers, RuleSets};
//! let sets = RuleSets::builtin();
//! let frcp = sets.get("frcp").unwrap();
//! let answers = Answers::parse(frcp, &["us-party=no".to_string()]).unwrap();
//! let family = frcp.family("complaint-served", "2020-06-12".parse().unwrap(), &answers, None).unwrap();
//! let answer = family.deadlines.iter().find(|d| d.rule == "12-a-1-A-i").unwrap();
//! assert_eq!(answer.due.to_string(), "2020-07-06");
//! ```

pub mod answers;
pub mod apply;
pub mod changes;
pub mod condition;
pub mod error;
pub mod examples;
pub mod family;
mod file;
pub mod load;
pub mod registry;
pub mod set;

pub use answers::Answers;
pub use error::RulesError;
pub use family::{Family, Made, ReadingDue};
pub use registry::RuleSets;
pub use set::{CountsFrom, Question, Rule, RuleSet, Status, TriggerKind};
