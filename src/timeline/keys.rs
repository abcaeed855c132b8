//! The keys of a timeline file's tables, in their documented order (the order `docket fmt`
//! writes them in), and which of them `docket set` may change.

use super::model::Kind;

/// The top-level tables of a timeline file.
pub(crate) const TOP_KEYS: &[&str] = &["timeline", "event", "deadline"];

/// The keys of `[timeline]`, in the documented order.
pub const TIMELINE_KEYS: &[&str] = &[
    "id",
    "title",
    "short",
    "description",
    "court",
    "case",
    "parties",
    "assignee",
    "timezone",
    "calendar",
    "sources",
];

/// The keys of `[[event]]`, in the documented order.
pub const EVENT_KEYS: &[&str] = &[
    "id",
    "date",
    "end",
    "duration",
    "approximate",
    "title",
    "kind",
    "location",
    "reminders",
    "notes",
    "sources",
    "tags",
    "revision",
    "recorded",
    "modified",
];

/// The keys of `[[deadline]]`, in the documented order.
pub const DEADLINE_KEYS: &[&str] = &[
    "id",
    "title",
    "trigger",
    "period",
    "from",
    "roll",
    "due",
    "authority",
    "rule",
    "rule_version",
    "rule_status",
    "answers",
    "readings",
    "calendar",
    "reminders",
    "notes",
    "sources",
    "tags",
    "history",
    "revision",
    "recorded",
    "modified",
];

/// The keys of a deadline's `recorded` table.
pub(crate) const RECORDED_KEYS: &[&str] = &["due", "trigger", "period", "data"];
/// The keys of an event's `recorded` table.
pub(crate) const EVENT_RECORDED_KEYS: &[&str] = &["date"];
/// The keys of an entry of a deadline's `history`.
pub(crate) const CHANGE_KEYS: &[&str] = &["status", "on", "to", "reason", "source"];
/// The keys of a source written as a table.
pub(crate) const SOURCE_KEYS: &[&str] = &["cite", "url"];

/// The keys of a record that docket keeps itself and `docket set` leaves alone: the id, by which
/// other records refer to this one; the history, which `docket done` and `docket extend` write;
/// the revision and recorded date, which every edit that moves a date raises and records; the
/// time of the last change, which every edit stamps; and
/// what a court rule set made the deadline from, which `docket apply` and `docket accept` write.
const KEPT_BY_DOCKET: &[&str] = &[
    "id",
    "history",
    "revision",
    "recorded",
    "modified",
    "rule",
    "rule_version",
    "rule_status",
    "answers",
    "readings",
];

impl Kind {
    /// The keys of this kind of record, in the documented order.
    ///
    /// ```
    /// use docket::timeline::{EVENT_KEYS, Kind};
    /// assert_eq!(Kind::Event.keys(), EVENT_KEYS);
    /// ```
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Event => EVENT_KEYS,
            Kind::Deadline => DEADLINE_KEYS,
        }
    }

    /// The keys of this kind of record that `docket set` may change, in the documented order:
    /// all but those docket keeps itself (the id, the history, the revision, the recorded
    /// date and the time of the last change).
    ///
    /// ```
    /// use docket::timeline::Kind;
    /// let keys: Vec<_> = Kind::Event.settable_keys().collect();
    /// assert_eq!(keys, ["date", "end", "duration", "approximate", "title", "kind", "location", "reminders", "notes", "sources", "tags"]);
    /// assert!(!Kind::Deadline.settable_keys().any(|k| k == "revision" || k == "modified"));
    /// ```
    pub fn settable_keys(self) -> impl Iterator<Item = &'static str> {
        self.keys()
            .iter()
            .copied()
            .filter(|k| !KEPT_BY_DOCKET.contains(k))
    }
}
