//! What the docket's id checks take from each file, worked out by the file's loader while the
//! file's records are still in the cache: the hash of every id, and each deadline's trigger as
//! found among the file's own records.
//!
//! Most triggers name a record of their own file. When the docket's ids turn out to be unique,
//! such a trigger is the record the docket-wide index would find, so the index is asked only
//! for the others; and the index is built from the hashes without reading a record again.

use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::docket::{Packed, RecordRef};
use super::model::{Deadline, Event};

/// One loader thread's id hashes and triggers, file after file, in buffers of its own: small
/// vectors for each file, freed after the checks, would leave holes among the records, which
/// the process keeps to the end (at 1M events, 30 MB more at the peak).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The hash of each id: each file's events, then its deadlines.
    pub hashes: Vec<u64>,
    /// What each deadline's trigger names among its file's records, numbered within the file
    /// (the first record of that id); [`Packed::NONE`] when it has no trigger or the file has
    /// no record of that id.
    pub triggers: Vec<Packed>,
    /// One file's ids, kept for the next file's.
    table: HashTable<Packed>,
}

/// Where one file's hashes and triggers are in its loader thread's [`Scratch`].
#[derive(Debug, Clone)]
pub(super) struct FileIds {
    /// The hashes of the file's events' ids.
    pub events: Range<usize>,
    /// The hashes of the file's deadlines' ids.
    pub deadlines: Range<usize>,
    /// The file's deadlines' triggers.
    pub triggers: Range<usize>,
}

impl Scratch {
    /// Hashes the ids of a file's records and finds each deadline's trigger among them.
    pub(super) fn add(
        &mut self,
        events: &[Event],
        deadlines: &[Deadline],
        hasher: &RandomState,
    ) -> FileIds {
        let hash = |id: &str| hasher.hash_one(id);
        let start = self.hashes.len();
        self.hashes.extend(events.iter().map(|e| hash(&e.id)));
        self.hashes.extend(deadlines.iter().map(|d| hash(&d.id)));
        let ids = FileIds {
            events: start..start + events.len(),
            deadlines: start + events.len()..self.hashes.len(),
            triggers: self.triggers.len()..self.triggers.len() + deadlines.len(),
        };
        let hashes = &self.hashes[start..];
        let id_of = |r: Packed| match r.get() {
            Some(RecordRef::Event(i)) => events[i].id.as_str(),
            Some(RecordRef::Deadline(i)) => deadlines[i].id.as_str(),
            None => "",
        };
        let place = |r: Packed| match r.get() {
            Some(RecordRef::Event(i)) => i,
            Some(RecordRef::Deadline(i)) => events.len() + i,
            None => 0,
        };
        let table = &mut self.table;
        table.clear();
        table.reserve(hashes.len(), |&r| hashes[place(r)]);
        let records = (0..events.len())
            .map(RecordRef::Event)
            .chain((0..deadlines.len()).map(RecordRef::Deadline));
        for (record, &h) in records.zip(hashes) {
            let id = id_of(Packed::new(record));
            // The first record of an id is the one found, as in the docket's index.
            if table.find(h, |&r| id_of(r) == id).is_none() {
                table.insert_unique(h, Packed::new(record), |&r| hashes[place(r)]);
            }
        }
        self.triggers.extend(deadlines.iter().map(|d| {
            d.trigger
                .as_deref()
                .and_then(|t| table.find(hash(t), |&r| id_of(r) == t).copied())
                .unwrap_or(Packed::NONE)
        }));
        ids
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
        let mut scratch = Scratch::default();
        // A file before it, so that its place in the buffers is not the start.
        scratch.add(&contents.events[..1], &contents.deadlines[..2], &hasher);
        let ids = scratch.add(&contents.events, &contents.deadlines, &hasher);
        assert_eq!(
            (
                ids.events.clone(),
                ids.deadlines.clone(),
                ids.triggers.clone()
            ),
            (3..6, 6..11, 2..7)
        );
        assert_eq!(
            scratch.triggers[ids.triggers]
                .iter()
                .map(|p| p.get())
                .collect::<Vec<_>>(),
            [
                Some(RecordRef::Event(0)),
                Some(RecordRef::Deadline(0)),
                None,
                None,
                Some(RecordRef::Event(1)),
            ]
        );
        let hashes = &scratch.hashes;
        assert_eq!(hashes[ids.events.start + 1], hashes[ids.events.start + 2]);
        assert_eq!(hashes[ids.deadlines.start], hasher.hash_one("d"));
    }
}
