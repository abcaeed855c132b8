//! What the docket's id checks take from each file, worked out by the file's loader while the
//! file's records are still in the cache: the hash of every id, and each deadline's trigger as
//! found among the file's own records.
//!
//! Most triggers name a record of their own file. When the docket's ids turn out to be unique,
//! such a trigger is the record the docket-wide index would find, so the index is asked only
//! for the others; and the index is built from the hashes without reading a record again.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::docket::{Packed, RecordRef};
use super::model::{Deadline, Event};

/// A file's id hashes and its deadlines' triggers found within it.
#[derive(Debug, Default)]
pub(super) struct FileIds {
    /// The hash of each event's id, in file order.
    pub events: Vec<u64>,
    /// The hash of each deadline's id, in file order.
    pub deadlines: Vec<u64>,
    /// What each deadline's trigger names among the file's records, numbered within the file
    /// (the first record of that id); [`Packed::NONE`] when it has no trigger or the file has
    /// no record of that id.
    pub triggers: Vec<Packed>,
}

impl FileIds {
    /// Hashes the ids of a file's records and finds each deadline's trigger among them.
    pub(super) fn of(events: &[Event], deadlines: &[Deadline], hasher: &RandomState) -> FileIds {
        let hash = |id: &str| hasher.hash_one(id);
        let events_hashed: Vec<u64> = events.iter().map(|e| hash(&e.id)).collect();
        let deadlines_hashed: Vec<u64> = deadlines.iter().map(|d| hash(&d.id)).collect();
        let id_of = |r: Packed| match r.get() {
            Some(RecordRef::Event(i)) => events[i].id.as_str(),
            Some(RecordRef::Deadline(i)) => deadlines[i].id.as_str(),
            None => "",
        };
        let hash_of = |r: Packed| match r.get() {
            Some(RecordRef::Event(i)) => events_hashed[i],
            Some(RecordRef::Deadline(i)) => deadlines_hashed[i],
            None => 0,
        };
        let mut table: HashTable<Packed> = HashTable::with_capacity(events.len() + deadlines.len());
        let records = (events_hashed.iter().enumerate())
            .map(|(i, &h)| (RecordRef::Event(i), h))
            .chain(
                (deadlines_hashed.iter().enumerate()).map(|(i, &h)| (RecordRef::Deadline(i), h)),
            );
        for (record, h) in records {
            let id = id_of(Packed::new(record));
            // The first record of an id is the one found, as in the docket's index.
            if table.find(h, |&r| id_of(r) == id).is_none() {
                table.insert_unique(h, Packed::new(record), |&r| hash_of(r));
            }
        }
        let triggers = deadlines
            .iter()
            .map(|d| {
                d.trigger
                    .as_deref()
                    .and_then(|t| table.find(hash(t), |&r| id_of(r) == t).copied())
                    .unwrap_or(Packed::NONE)
            })
            .collect();
        FileIds {
            events: events_hashed,
            deadlines: deadlines_hashed,
            triggers,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::calendar::Calendars;
    use crate::diagnostic::SourceFile;
    use crate::timeline::load_file;

    #[test]
    fn triggers_are_found_among_the_files_records() {
        let text = r#"
[timeline]
id = "t"
title = "T"
[[event]]
id = "e"
date = 2020-01-13
title = "E"
[[event]]
id = "twice"
date = 2020-01-14
title = "First"
[[event]]
id = "twice"
date = 2020-01-15
title = "Second"
[[deadline]]
id = "d"
title = "From e"
trigger = "e"
period = "14 days"
[[deadline]]
id = "d2"
title = "From d"
trigger = "d"
period = "3 days"
[[deadline]]
id = "d3"
title = "From another file"
trigger = "elsewhere"
period = "3 days"
[[deadline]]
id = "d4"
title = "Fixed"
due = 2020-02-01
[[deadline]]
id = "d5"
title = "From the first of two"
trigger = "twice"
period = "3 days"
"#;
        let file = Arc::new(SourceFile::new("t.toml", text.to_string()));
        let contents = load_file(&file, 0, Calendars::builtin());
        let hasher = RandomState::default();
        let ids = FileIds::of(&contents.events, &contents.deadlines, &hasher);
        assert_eq!(
            ids.triggers.iter().map(|p| p.get()).collect::<Vec<_>>(),
            [
                Some(RecordRef::Event(0)),
                Some(RecordRef::Deadline(0)),
                None,
                None,
                Some(RecordRef::Event(1)),
            ]
        );
        assert_eq!(ids.events[1], ids.events[2]);
        assert_eq!(ids.deadlines[0], hasher.hash_one("d"));
        assert_eq!(ids.deadlines.len(), 5);
    }
}
