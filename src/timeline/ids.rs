//! Ids across the docket: each timeline's id and each record's id used once. Every record goes
//! into a hash table by id, which is how triggers and commands find records.
//!
//! The table holds each record's position in the docket (events first, then deadlines) in four
//! bytes, and reads a record's id from the record itself when it must compare two, so that no id
//! is stored twice: a table of the ids themselves would hold a million-event docket's 2.5 million
//! ids again, and `upcoming` must stay under three times the size of its files in memory.
//!
//! Filling the table is a trip to memory for each record, wherever its id's hash lands, so a
//! large docket's table is one table per core, each filled by a thread of its own with the ids
//! whose hash falls to it (their `shard`): on one thread, filling one table of a million-event
//! docket took longer than anything else left on one thread (a quarter of a second; `check`
//! was 6-7% slower than with a table per core). Each thread reads every hash in docket order
//! and keeps those of its table, so the first of two records with an id is always the one
//! kept, as on one thread.

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::docket::{Docket, RecordRef};
use crate::diagnostic::Diagnostic;
use crate::parallel;

/// Which of `shards` tables holds the id of this hash: bits that a table's own choice of
/// bucket and tag leaves alone (up to 2^32 buckets).
fn shard(hash: u64, shards: usize) -> usize {
    (hash >> 32) as usize % shards
}

impl Docket {
    /// Fills the table of ids and reports every id used twice: a timeline's id against the
    /// file that used it first, a record's id against the record that has it first (events
    /// before deadlines, each in file order), which is the one the id names. Returns whether
    /// every record's id is unique.
    ///
    /// `hashes` are those of every record's id, in the same order, by [`Docket::hasher`], in
    /// runs one after the other: the files' loaders work them out, so that filling the table
    /// reads no record (unless two hashes meet).
    pub(super) fn index_ids(&mut self, hashes: &[&[u64]]) -> bool {
        let mut diags = Vec::new();
        // foldhash, as for the record ids.
        let mut timeline_ids: HashMap<&str, usize, foldhash::fast::RandomState> =
            HashMap::default();
        for (i, t) in self.timelines.iter().enumerate() {
            if let Some(first) = timeline_ids.insert(&t.id, i) {
                diags.push(Diagnostic::path_error(
                    &t.file.path,
                    format!(
                        "timeline id `{}` is also used by `{}`",
                        t.id,
                        self.timelines[first].file.path.display()
                    ),
                ));
            }
        }

        let records = self.events.len() + self.deadlines.len();
        let shards = match records < parallel::SMALL {
            true => 1,
            false => parallel::cores(),
        };
        let built = parallel::on_threads(shards, |s| {
            let mut ids = HashTable::with_capacity(records / shards + records / 16 + 1);
            let mut duplicates = Vec::new();
            let in_order = hashes.iter().copied().flatten().enumerate();
            for (position, &hash) in in_order.filter(|(_, h)| shard(**h, shards) == s) {
                let position = u32::try_from(position).expect("fewer than 2^32 records");
                let entry = ids.entry(
                    hash,
                    |&p| self.id_at(p) == self.id_at(position),
                    |&p| self.hash(self.id_at(p)),
                );
                match entry {
                    Entry::Vacant(v) => {
                        v.insert(position);
                    }
                    Entry::Occupied(first) => duplicates.push((position, *first.get())),
                }
            }
            (ids, duplicates)
        });
        let mut duplicates = Vec::new();
        self.ids = (built.into_iter())
            .map(|(ids, found)| {
                duplicates.extend(found);
                ids
            })
            .collect();
        duplicates.sort_unstable();
        let unique = duplicates.is_empty();
        for (record, first) in duplicates {
            diags.push(self.duplicate(self.record_at(record), self.record_at(first)));
        }
        self.diagnostics.extend(diags);
        unique
    }

    /// The record with this id, from the table (the first, if the id is used twice).
    pub(super) fn look_up(&self, id: &str) -> Option<RecordRef> {
        let hash = self.hash(id);
        let ids = self.ids.get(shard(hash, self.ids.len()))?;
        ids.find(hash, |&p| self.id_at(p) == id)
            .map(|&p| self.record_at(p))
    }

    /// Every id in the table, once each.
    pub(super) fn every_id(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().flatten().map(|&p| self.id_at(p))
    }

    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// The record at a position in the docket: events first, then deadlines.
    fn record_at(&self, position: u32) -> RecordRef {
        let p = position as usize;
        match p.checked_sub(self.events.len()) {
            None => RecordRef::Event(p),
            Some(d) => RecordRef::Deadline(d),
        }
    }

    /// The id of the record at a position in the docket.
    fn id_at(&self, position: u32) -> &str {
        self.id_of(self.record_at(position)).0
    }

    /// The error for `record`, whose id `first` has already.
    fn duplicate(&self, record: RecordRef, first: RecordRef) -> Diagnostic {
        let (_, first_timeline, first_span) = self.id_of(first);
        let (id, timeline, span) = self.id_of(record);
        let first_file = self.file_of(first_timeline);
        let first_at = match first_file.position(first_span.start) {
            Some((line, col)) => format!("{}:{line}:{col}", first_file.path.display()),
            None => first_file.path.display().to_string(),
        };
        Diagnostic::error(
            &self.file_of(timeline),
            span,
            format!("duplicate id `{id}`"),
        )
        .expected("an id used nowhere else in the docket")
        .help(format!("`{id}` is first defined at {first_at}"))
    }

    /// A record's id, timeline and the span of its id.
    fn id_of(&self, record: RecordRef) -> (&str, usize, std::ops::Range<usize>) {
        match record {
            RecordRef::Event(i) => {
                let e = &self.events[i];
                (&e.id, e.timeline, e.id_span.range())
            }
            RecordRef::Deadline(i) => {
                let d = &self.deadlines[i];
                (&d.id, d.timeline, d.id_span.range())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::calendar::Calendars;
    use crate::timeline::Docket;

    /// Duplicates are reported in file order, each against the first record with that id, also
    /// in a docket large enough for its other work to be spread over every core.
    #[test]
    fn duplicate_ids_are_reported_in_file_order_against_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut expected = Vec::new();
        let mut first_file: std::collections::HashMap<String, String> = Default::default();
        for f in 0..4 {
            let name = format!("f{f}.toml");
            let mut text = format!("[timeline]\nid = \"t{f}\"\ntitle = \"T\"\n");
            for k in 0..600 {
                // Ids repeat across files and within them.
                let id = format!("id{}", (k * 7 + f * 3) % 997);
                text += &format!("\n[[event]]\nid = \"{id}\"\ndate = 2020-01-13\ntitle = \"E\"\n");
                match first_file.get(&id) {
                    Some(first) => {
                        expected.push(format!("duplicate id `{id}` in {name}, first in {first}"))
                    }
                    None => {
                        first_file.insert(id, name.clone());
                    }
                }
            }
            std::fs::write(dir.path().join(&name), text).unwrap();
        }
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let file_name =
            |path: &std::path::Path| path.file_name().unwrap().to_string_lossy().into_owned();
        let found: Vec<String> = docket
            .diagnostics
            .iter()
            .map(|d| {
                let file = file_name(&d.file.as_ref().unwrap().path);
                let help = d.help.clone().unwrap_or_default();
                let first = help.split("defined at ").nth(1).unwrap();
                let first = file_name(first.split(':').next().unwrap().as_ref());
                format!("{} in {file}, first in {first}", d.message)
            })
            .collect();
        assert!(expected.len() > 100);
        assert_eq!(found, expected);
    }

    /// An event and a deadline with the same id: the id names the event, and the deadline is
    /// the duplicate.
    #[test]
    fn an_id_names_its_first_record_events_before_deadlines() {
        let text = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[deadline]]\nid = \"x\"\ntitle = \"D\"\ndue = 2020-02-01\n\n[[event]]\nid = \"x\"\ndate = 2020-01-13\ntitle = \"E\"\n";
        let files = std::collections::HashMap::from([("t.toml".into(), text.to_string())]);
        let docket = Docket::load_with(&[], Calendars::builtin(), &files);
        assert_eq!(docket.find("x"), Some(super::RecordRef::Event(0)));
        assert_eq!(docket.diagnostics.len(), 1);
        assert_eq!(docket.diagnostics[0].message, "duplicate id `x`");
        // At the deadline's id, written first in the file.
        let at = text.find("\"x\"").unwrap();
        assert_eq!(docket.diagnostics[0].span, Some(at..at + 3));
    }
}
