//! A docket: every timeline file loaded together, on every core, then checked as a whole (unique
//! ids in [`ids`](super::ids), triggers and cycles in [`references`](super::references)) and
//! computed ([`compute`](super::compute)).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::compute::Computed;
use super::discover::{find_files, io_words};
use super::load::{FileContents, load_file};
use super::model::{Deadline, Event, Timeline};
use super::per_file::PerFile;
use super::references::triggers_in_file;
use crate::calendar::{Calendar, Calendars};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::parallel;
use crate::suggest::nearest;

/// A record named by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRef {
    /// An event, by index.
    Event(usize),
    /// A deadline, by index.
    Deadline(usize),
}

/// An optional [`RecordRef`] in four bytes instead of sixteen, for what the docket keeps for
/// every deadline (its trigger): a deadline has the top bit set, none is all bits set. A docket
/// holds fewer than 2^31 - 1 events and as many deadlines (at hundreds of bytes a record, memory
/// runs out long before).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PackedRef(u32);

impl PackedRef {
    const NONE: u32 = u32::MAX;
    const DEADLINE: u32 = 1 << 31;

    pub(super) fn new(r: Option<RecordRef>) -> PackedRef {
        let (i, kind) = match r {
            None => return PackedRef(Self::NONE),
            Some(RecordRef::Event(i)) => (i, 0),
            Some(RecordRef::Deadline(i)) => (i, Self::DEADLINE),
        };
        let i = u32::try_from(i).ok().filter(|&i| i < Self::DEADLINE - 1);
        PackedRef(i.expect("fewer than 2^31 - 1 records of a kind") | kind)
    }

    pub(super) fn get(self) -> Option<RecordRef> {
        match self.0 {
            Self::NONE => None,
            p if p & Self::DEADLINE != 0 => {
                Some(RecordRef::Deadline((p & !Self::DEADLINE) as usize))
            }
            p => Some(RecordRef::Event(p as usize)),
        }
    }
}

/// Every timeline of a docket, loaded and checked.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, RecordRef};
///
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// assert!(!docket.has_errors());
/// let Some(RecordRef::Deadline(i)) = docket.find("subpoena-1-response") else { panic!() };
/// let due = docket.computed[i].as_ref().unwrap().due;
/// assert_eq!(due.date.to_string(), "2020-01-27");
/// ```
#[derive(Debug)]
pub struct Docket {
    /// The matters, one per file.
    pub timelines: Vec<Timeline>,
    /// All events, in file order.
    pub events: PerFile<Event>,
    /// All deadlines, in file order.
    pub deadlines: PerFile<Deadline>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The computed date of each deadline (`None` where it cannot be computed).
    pub computed: Vec<Option<Computed>>,
    /// Every record by id, as its position in the docket, in one table per core by hash (see
    /// [`ids`](super::ids)): for an id used twice, the first (events before deadlines, each in
    /// file order), which is what the id names.
    pub(super) ids: Vec<hashbrown::HashTable<u32>>,
    /// The hasher of `ids`.
    pub(super) hasher: foldhash::fast::RandomState,
    /// What each deadline's `trigger` names, resolved once.
    pub(super) triggers: Vec<PackedRef>,
    /// Whether each timeline's file has an error: its records are not shown as if sound.
    broken: Vec<bool>,
    calendars: Calendars,
}

/// One file, read and parsed (or why it could not be read).
enum FileResult {
    Unreadable(Diagnostic),
    Loaded {
        contents: Box<FileContents>,
        /// Where, in its loader thread's [`Found`], what each of the file's deadlines'
        /// triggers names among the file's own records is.
        own_triggers: Range<usize>,
        /// Where, in its loader thread's [`Found`], the hashes of the file's ids are: its
        /// events', then its deadlines'.
        hashes: Range<usize>,
    },
}

/// What the loader threads find in each file for the docket-wide checks, file after file, in
/// buffers of each thread's own: small vectors for each file, freed once the docket is put
/// together, would leave holes among the records, which the process keeps to the end.
#[derive(Default)]
struct Found {
    /// What each deadline's trigger names among its own file's records.
    own_triggers: Vec<PackedRef>,
    /// The hash of each record's id (see [`ids`](super::ids)).
    hashes: Vec<u64>,
}

impl Docket {
    /// Loads every timeline file under `paths` (files, and folders read recursively for
    /// `*.toml`) and checks the docket as a whole. Problems are in [`Docket::diagnostics`]:
    /// what could be read is loaded all the same.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::Docket;
    ///
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// assert_eq!(docket.timelines.len(), 2);
    /// for d in &docket.diagnostics {
    ///     eprintln!("{}", d.render(false));
    /// }
    /// ```
    pub fn load(paths: &[PathBuf], calendars: &Calendars) -> Docket {
        Docket::load_with(paths, calendars, &HashMap::new())
    }

    /// Like [`Docket::load`], with the text of some files replaced (keyed by their canonical
    /// path, or by the path itself for a file not yet written): how an edit is checked before it
    /// is written.
    pub fn load_with(
        paths: &[PathBuf],
        calendars: &Calendars,
        overrides: &HashMap<PathBuf, String>,
    ) -> Docket {
        let (mut files, mut diagnostics) = find_files(paths);
        let known: Vec<PathBuf> = files
            .iter()
            .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
            .collect();
        for path in overrides.keys() {
            if !known.contains(path) {
                files.push(path.clone());
            }
        }
        let hasher = foldhash::fast::RandomState::default();
        let mut docket = Docket {
            timelines: Vec::new(),
            events: PerFile::default(),
            deadlines: PerFile::default(),
            diagnostics: Vec::new(),
            computed: Vec::new(),
            ids: Vec::new(),
            hasher: hasher.clone(),
            triggers: Vec::new(),
            broken: Vec::new(),
            calendars: calendars.clone(),
        };
        // Files are read and parsed on every core, each thread taking the next file when it is
        // done with one, then put in order.
        let threads = parallel::cores().min(files.len().max(1));
        let next = AtomicUsize::new(0);
        let read = |thread| {
            let mut done = Vec::new();
            let mut found = Found::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else {
                    return (done, found);
                };
                let result = read_file(i, path, overrides, calendars, &hasher, &mut found);
                done.push((i, thread, result));
            }
        };
        let (read, found): (Vec<_>, Vec<Found>) =
            parallel::on_threads(threads, read).into_iter().unzip();
        let mut read: Vec<(usize, usize, FileResult)> = read.into_iter().flatten().collect();
        read.sort_unstable_by_key(|(i, ..)| *i);
        let deadlines = (read.iter())
            .map(|(.., r)| match r {
                FileResult::Loaded { own_triggers, .. } => own_triggers.len(),
                FileResult::Unreadable(_) => 0,
            })
            .sum();
        docket.triggers.reserve_exact(deadlines);
        // Each file's records stay in the vectors its loader made; the hashes of their ids are
        // gathered in docket order, events first (see `index_ids`).
        let mut event_hashes: Vec<&[u64]> = Vec::new();
        let mut deadline_hashes: Vec<&[u64]> = Vec::new();
        for (i, thread, result) in read {
            match result {
                FileResult::Unreadable(d) => diagnostics.push(d),
                FileResult::Loaded {
                    contents,
                    own_triggers,
                    hashes,
                } => {
                    let mut contents = *contents;
                    diagnostics.extend(contents.diagnostics);
                    if let Some(t) = contents.timeline {
                        // The loader numbered the timeline by its file; files before it that
                        // have no timeline move it down.
                        let index = docket.timelines.len();
                        if index != i {
                            contents.events.iter_mut().for_each(|e| e.timeline = index);
                            contents
                                .deadlines
                                .iter_mut()
                                .for_each(|d| d.timeline = index);
                        }
                        docket.timelines.push(t);
                        // Numbered across the docket.
                        let (events, deadlines) = (docket.events.len(), docket.deadlines.len());
                        let own = &found[thread].own_triggers[own_triggers];
                        docket.triggers.extend(own.iter().map(|t| {
                            PackedRef::new(t.get().map(|t| match t {
                                RecordRef::Event(e) => RecordRef::Event(events + e),
                                RecordRef::Deadline(d) => RecordRef::Deadline(deadlines + d),
                            }))
                        }));
                        let (events, deadlines) =
                            found[thread].hashes[hashes].split_at(contents.events.len());
                        event_hashes.push(events);
                        deadline_hashes.push(deadlines);
                        docket.events.push_file(contents.events);
                        docket.deadlines.push_file(contents.deadlines);
                    }
                }
            }
        }
        docket.diagnostics = diagnostics;
        event_hashes.extend(deadline_hashes);
        let unique = docket.index_ids(&event_hashes);
        drop(event_hashes);
        drop(found);
        docket.check_references(unique);
        docket.compute_all();
        docket.broken = docket.find_broken();
        docket
    }

    /// Whether each timeline's file has an error reported in it.
    fn find_broken(&self) -> Vec<bool> {
        let files: std::collections::HashSet<&std::path::Path> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter_map(|d| d.file.as_deref())
            .map(|f| f.path.as_path())
            .collect();
        self.timelines
            .iter()
            .map(|t| files.contains(t.file.path.as_path()))
            .collect()
    }

    /// Whether timeline `t`'s file has an error (its records are then left out of every view,
    /// and its problems are in [`Docket::diagnostics`]).
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::Docket;
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// assert!(!docket.is_broken(0));
    /// ```
    pub fn is_broken(&self, t: usize) -> bool {
        self.broken.get(t).copied().unwrap_or(false)
    }

    /// The files with an error, each once, in the order their problems were found.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::Docket;
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("a.toml"), "[timeline]\nid = \"a\"\ntitle = \"A\"\n").unwrap();
    /// std::fs::write(dir.path().join("b.toml"), "[timeline]\nid = \"b\"\n").unwrap();
    /// let docket = Docket::load(&[dir.path().into()], Calendars::builtin());
    /// assert_eq!(docket.broken_files(), [dir.path().join("b.toml")]);
    /// ```
    pub fn broken_files(&self) -> Vec<&std::path::Path> {
        let mut seen = std::collections::HashSet::new();
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter_map(|d| d.file.as_deref())
            .map(|f| f.path.as_path())
            .filter(|p| seen.insert(*p))
            .collect()
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The record with this id (the first, if the id is used twice).
    pub fn find(&self, id: &str) -> Option<RecordRef> {
        self.look_up(id)
    }

    /// What deadline `i`'s trigger names, as resolved when the docket was checked (`None` when
    /// it names nothing, or the deadline has no trigger).
    pub fn trigger_ref(&self, i: usize) -> Option<RecordRef> {
        self.triggers.get(i).and_then(|t| t.get())
    }

    /// The nearest id to a misspelt one.
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        nearest(id, self.every_id())
    }

    /// The calendar a deadline is counted on.
    pub fn calendar_of(&self, d: &Deadline) -> Option<&Calendar> {
        let name = d.calendar().unwrap_or(&self.timelines[d.timeline].calendar);
        self.calendars.get(name).ok()
    }

    /// The default calendar of timeline `t`.
    pub fn calendar_for_timeline(&self, t: usize) -> Option<&Calendar> {
        self.calendars.get(&self.timelines[t].calendar).ok()
    }

    /// The file timeline `timeline` was read from.
    pub(super) fn file_of(&self, timeline: usize) -> Arc<SourceFile> {
        self.timelines[timeline].file.clone()
    }
}

/// Reads and parses file number `index` (its text from `overrides` when given there).
fn read_file(
    index: usize,
    path: &PathBuf,
    overrides: &HashMap<PathBuf, String>,
    calendars: &Calendars,
    hasher: &foldhash::fast::RandomState,
    found: &mut Found,
) -> FileResult {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let overridden = overrides.contains_key(&canonical);
    let read = match overrides.get(&canonical) {
        Some(text) => Ok(text.clone().into_bytes()),
        None => std::fs::read(path),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            return FileResult::Unreadable(Diagnostic::io_error(
                path,
                format!("cannot read `{}`: {}", path.display(), io_words(&e)),
            ));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = Arc::new(SourceFile::new(path, text));
            return FileResult::Unreadable(
                Diagnostic::error(&file, at..at + 1, "the file is not valid UTF-8")
                    .expected("UTF-8 text"),
            );
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let file = Arc::new(SourceFile::new(path, text));
    let mut contents = load_file(&file, index, calendars);
    // A file read from disk without a problem is not kept: its records are all the docket
    // needs, and the text is read again if a later check reports something in it.
    if contents.diagnostics.is_empty()
        && !overridden
        && let Some(t) = &mut contents.timeline
    {
        t.file = Arc::new(file.without_text());
    }
    // Found while the file's records are still in the cache: most triggers name a record of
    // their own file.
    let start = found.own_triggers.len();
    let own = triggers_in_file(&contents.events, &contents.deadlines);
    found.own_triggers.extend(own.map(PackedRef::new));
    let own_triggers = start..found.own_triggers.len();
    // Hashed here, on every core, while the ids are in the cache: the docket's table of ids is
    // then filled on one thread without reading a record.
    let start = found.hashes.len();
    let ids =
        (contents.events.iter().map(|e| &e.id)).chain(contents.deadlines.iter().map(|d| &d.id));
    found
        .hashes
        .extend(ids.map(|id| hasher.hash_one(id.as_str())));
    FileResult::Loaded {
        contents: Box::new(contents),
        own_triggers,
        hashes: start..found.hashes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packed reference is the reference it was made from, at either end of its range.
    #[test]
    fn a_packed_reference_is_the_one_packed() {
        let last = (1 << 31) - 2;
        for r in [
            None,
            Some(RecordRef::Event(0)),
            Some(RecordRef::Deadline(0)),
        ]
        .into_iter()
        .chain([
            Some(RecordRef::Event(last)),
            Some(RecordRef::Deadline(last)),
        ]) {
            assert_eq!(PackedRef::new(r).get(), r);
        }
        assert_eq!(std::mem::size_of::<PackedRef>(), 4);
    }

    /// A file without a timeline moves the timelines of the files after it down by one, and
    /// their records must follow.
    #[test]
    fn records_follow_their_timeline_past_a_file_that_failed() {
        let dir = tempfile::tempdir().unwrap();
        let timeline = |id: &str| {
            format!(
                "[timeline]\nid = \"{id}\"\ntitle = \"T\"\n\n[[event]]\nid = \"{id}-e\"\ndate = 2020-01-13\ntitle = \"E\"\n\n[[deadline]]\nid = \"{id}-d\"\ntitle = \"D\"\ntrigger = \"{id}-e\"\nperiod = \"14 days\"\nauthority = \"FRCP 6\"\n"
            )
        };
        std::fs::write(dir.path().join("a.toml"), timeline("a")).unwrap();
        std::fs::write(dir.path().join("b.toml"), "[[event]]\nid = 1\n").unwrap();
        std::fs::write(dir.path().join("c.toml"), timeline("c")).unwrap();
        std::fs::write(dir.path().join("d.toml"), timeline("d")).unwrap();
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let ids: Vec<&str> = docket.timelines.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        for (e, d) in docket.events.iter().zip(docket.deadlines.iter()) {
            let owner = &docket.timelines[e.timeline].id;
            assert!(e.id.starts_with(owner.as_str()), "{} in {owner}", e.id);
            assert_eq!(docket.timelines[d.timeline].id, *owner);
        }
        assert_eq!(docket.events.len(), 3);
        assert!(docket.computed.iter().all(Option::is_some));
    }

    /// A file that loaded cleanly is read again only when a later check reports something in
    /// it; if it has changed on disk by then, messages give its path, never a wrong line.
    #[test]
    fn a_docket_wide_problem_in_a_file_kept_without_its_text_is_shown_from_disk_or_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = |t: &str| {
            format!(
                "[timeline]\nid = \"{t}\"\ntitle = \"T\"\n\n[[event]]\nid = \"same\"\ndate = 2020-01-13\ntitle = \"E\"\n"
            )
        };
        std::fs::write(dir.path().join("a.toml"), file("a")).unwrap();
        std::fs::write(dir.path().join("b.toml"), file("b")).unwrap();
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let duplicate = &docket.diagnostics[0];
        assert!(duplicate.location().unwrap().ends_with("b.toml:6:6"));
        assert!(duplicate.render(false).contains("id = \"same\""));
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        std::fs::write(dir.path().join("b.toml"), "# rewritten\n").unwrap();
        let duplicate = &docket.diagnostics[0];
        assert!(duplicate.location().unwrap().ends_with("b.toml"));
        assert!(!duplicate.render(false).contains("rewritten"));
        assert_eq!(duplicate.to_json()["line"], serde_json::Value::Null);
    }
}
