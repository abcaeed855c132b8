//! What a publish did, or in a dry run would do: entries created, updated, deleted and left as
//! they were, and the conflicts, each with docket's version and the server's.

use std::fmt;

use super::server::Requests;

/// Why an entry was left alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictReason {
    /// Someone changed docket's entry on the server since docket wrote it (its content no longer
    /// matches the fingerprint docket wrote into it). Replaced only with `overwrite`.
    EditedOnServer,
    /// The entry changed on the server between docket's read and its write (the server answered
    /// 412 Precondition Failed). Nothing was lost; the next publish sees the new version.
    ChangedDuringPublish,
    /// An event that docket did not write has the entry's UID. Never touched, even with
    /// `overwrite`.
    ForeignEvent,
}

impl fmt::Display for ConflictReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConflictReason::EditedOnServer => "edited on the server since docket wrote it",
            ConflictReason::ChangedDuringPublish => "changed on the server during this publish",
            ConflictReason::ForeignEvent => "an event docket did not write has this UID",
        })
    }
}

/// An entry left alone, with both versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The entry's UID.
    pub uid: String,
    /// The resource on the server.
    pub url: String,
    /// Why it was left alone.
    pub reason: ConflictReason,
    /// What docket would write; `None` where docket would delete the entry.
    pub ours: Option<String>,
    /// What the server holds; `None` if it could not be read back.
    pub theirs: Option<String>,
}

/// What a publish did (or, in a dry run, would do).
///
/// ```
/// use docket::publish::Report;
///
/// let report = Report { unchanged: 12, ..Report::default() };
/// assert_eq!(report.to_string(), "0 created, 0 updated, 0 deleted, 12 unchanged");
/// assert!(!report.needs_attention());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// UIDs of the entries created.
    pub created: Vec<String>,
    /// UIDs of the entries replaced.
    pub updated: Vec<String>,
    /// UIDs of the entries deleted.
    pub deleted: Vec<String>,
    /// How many entries were already as docket would write them.
    pub unchanged: usize,
    /// Entries left alone, with both versions.
    pub conflicts: Vec<Conflict>,
    /// UIDs of entries edited on the server that `overwrite` replaced or deleted (also in
    /// `updated` or `deleted`).
    pub overwritten: Vec<String>,
    /// Entries docket wrote for timelines outside the scope: not looked at further.
    pub outside_scope: usize,
    /// Whether the collection was made (or, in a dry run, would be).
    pub collection_created: bool,
    /// Whether this was a dry run: only reads were sent.
    pub dry_run: bool,
    /// The requests sent.
    pub requests: Requests,
}

impl Report {
    /// Whether something needs a person: a conflict was left alone.
    pub fn needs_attention(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// Whether the publish changed nothing on the server (or, in a dry run, would change
    /// nothing).
    pub fn changes_nothing(&self) -> bool {
        self.created.is_empty()
            && self.updated.is_empty()
            && self.deleted.is_empty()
            && !self.collection_created
    }
}

impl fmt::Display for Report {
    /// One line: `N created, N updated, N deleted, N unchanged`, then the conflicts if any; a
    /// dry run says so first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            f.write_str("dry run, nothing written: ")?;
        }
        write!(
            f,
            "{} created, {} updated, {} deleted, {} unchanged",
            self.created.len(),
            self.updated.len(),
            self.deleted.len(),
            self.unchanged
        )?;
        match self.conflicts.len() {
            0 => Ok(()),
            1 => f.write_str(", 1 conflict left alone"),
            n => write!(f, ", {n} conflicts left alone"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line() {
        let report = Report {
            created: vec!["a".into()],
            deleted: vec!["b".into(), "c".into()],
            unchanged: 4,
            conflicts: vec![Conflict {
                uid: "d".into(),
                url: "u".into(),
                reason: ConflictReason::EditedOnServer,
                ours: None,
                theirs: None,
            }],
            dry_run: true,
            ..Report::default()
        };
        assert_eq!(
            report.to_string(),
            "dry run, nothing written: 1 created, 0 updated, 2 deleted, 4 unchanged, 1 conflict left alone"
        );
        assert!(report.needs_attention());
        assert!(!report.changes_nothing());
    }
}
