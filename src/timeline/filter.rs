//! Which records a view shows (`--timeline`, `--tag`, `--assignee`, `--status`), and the check
//! that each value asked for names something in the docket: a misspelt timeline id must not
//! read as "nothing due".

use std::collections::BTreeSet;

use super::docket::Docket;
use super::model::{Status, Text, Timeline};
use crate::suggest::nearest;

/// Which records to show.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Filter};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let clerk = Filter { assignee: Some("Docketing Clerk".into()), ..Filter::default() };
/// assert!(clerk.check(&docket).is_ok());
/// let typo = Filter { timelines: vec!["example-federal-civl".into()], ..Filter::default() };
/// let e = typo.check(&docket).unwrap_err();
/// assert!(e.to_string().contains("did you mean `example-federal-civil`?"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only these timelines (by id).
    pub timelines: Vec<String>,
    /// Only records with one of these tags.
    pub tags: Vec<String>,
    /// Only timelines with this person responsible (compared without regard to case).
    pub assignee: Option<String>,
    /// Only deadlines with one of these statuses.
    pub statuses: Vec<Status>,
}

/// A filter value that names nothing in the docket.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct FilterError {
    /// What was asked for: `timeline`, `tag` or `assignee`.
    pub what: &'static str,
    /// The value given.
    pub given: String,
    /// The nearest known value, if one is close.
    pub near: Option<String>,
    /// The values the docket has, sorted.
    pub known: Vec<String>,
}

/// How many known values a message lists before it says how many more there are.
const LISTED: usize = 20;

impl FilterError {
    fn message(&self) -> String {
        let given = crate::suggest::shown(&self.given);
        let near = self
            .near
            .as_ref()
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        let (nothing, plural) = match self.what {
            "timeline" => (format!("no timeline has the id `{given}`"), "timelines"),
            "tag" => (format!("no record has the tag `{given}`"), "tags"),
            _ => (
                format!("no timeline has the assignee `{given}`"),
                "assignees",
            ),
        };
        let known = if self.known.is_empty() {
            format!("the docket has no {plural}")
        } else {
            let mut listed = self
                .known
                .iter()
                .take(LISTED)
                .map(|k| format!("`{}`", crate::suggest::shown(k)))
                .collect::<Vec<_>>()
                .join(", ");
            if self.known.len() > LISTED {
                listed.push_str(&format!(" and {} more", self.known.len() - LISTED));
            }
            format!("the docket's {plural} are {listed}")
        };
        format!("{nothing}{near}; {known}")
    }
}

impl Filter {
    /// Checks that every timeline id, tag and assignee asked for is found in the docket (in a
    /// file with errors too: its problems are reported on their own), so that a typo is an
    /// error and not an empty view.
    pub fn check(&self, docket: &Docket) -> Result<(), FilterError> {
        let miss = |what, given: &str, known: BTreeSet<&str>| FilterError {
            what,
            given: given.to_string(),
            near: nearest(given, known.iter().copied()).map(str::to_string),
            known: known.into_iter().map(str::to_string).collect(),
        };
        for id in &self.timelines {
            if !docket.timelines.iter().any(|t| &t.id == id) {
                let known = docket.timelines.iter().map(|t| t.id.as_str()).collect();
                return Err(miss("timeline", id, known));
            }
        }
        if let Some(a) = &self.assignee {
            let wanted = a.to_lowercase();
            let mut assignees = docket
                .timelines
                .iter()
                .filter_map(|t| t.assignee.as_deref());
            if !assignees.any(|x| x.to_lowercase() == wanted) {
                let known = docket
                    .timelines
                    .iter()
                    .filter_map(|t| t.assignee.as_deref())
                    .collect();
                return Err(miss("assignee", a, known));
            }
        }
        if !self.tags.is_empty() {
            let every: BTreeSet<&str> = docket
                .events
                .iter()
                .flat_map(|e| e.tags.iter())
                .chain(docket.deadlines.iter().flat_map(|d| d.tags.iter()))
                .map(|t| &**t)
                .collect();
            if let Some(tag) = self.tags.iter().find(|t| !every.contains(t.as_str())) {
                return Err(miss("tag", tag, every));
            }
        }
        Ok(())
    }

    /// Whether each timeline of the docket is shown: chosen by id and assignee, and read from a
    /// file without errors (the records of a file with errors are never shown as if sound).
    pub(super) fn chosen(&self, docket: &Docket) -> Vec<bool> {
        let assignee = self.assignee.as_ref().map(|a| a.to_lowercase());
        docket
            .timelines
            .iter()
            .enumerate()
            .map(|(i, t)| !docket.is_broken(i) && self.timeline(t, assignee.as_deref()))
            .collect()
    }

    fn timeline(&self, t: &Timeline, assignee: Option<&str>) -> bool {
        (self.timelines.is_empty() || self.timelines.contains(&t.id))
            && assignee.is_none_or(|a| t.assignee.as_ref().is_some_and(|x| x.to_lowercase() == a))
    }

    /// Whether records with these tags are shown.
    pub(super) fn tags(&self, tags: &[Text]) -> bool {
        self.tags.is_empty() || self.tags.iter().any(|t| tags.iter().any(|x| x == t))
    }
}
