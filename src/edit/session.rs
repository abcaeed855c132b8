//! An editing session: the docket as it was, the files opened for editing, and the plan that
//! checks the edited docket as a whole, records the due dates the edit computes (raising the
//! revision of every deadline whose date moved), and writes nothing unless all is valid.
//!
//! A session holds the edit lock ([`super::lock`]) of every folder it reads or writes, from
//! before the docket is read until its plan is written or dropped, and writes only while every
//! file it read is as it read it ([`super::snapshot`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Timelike};
use toml_edit::{InlineTable, Item, Value, value};

use super::diff::unified;
use super::error::EditError;
use super::file::{EditFile, Kind};
use super::lock::{Lock, Wait, folder_of};
use super::snapshot::Snapshot;
use super::write;
use crate::calendar::Calendars;
use crate::diagnostic::{Diagnostic, Severity};
use crate::timeline::{Docket, RecordRef, Rule, find_files};

/// Where a record is.
#[derive(Clone, Copy, Debug)]
pub struct Located {
    /// Index of the opened file in the session.
    pub file: usize,
    /// `[[event]]` or `[[deadline]]`.
    pub kind: Kind,
    /// Index within the array of tables.
    pub index: usize,
}

/// An edit in progress.
pub struct Session<'a> {
    paths: Vec<PathBuf>,
    calendars: &'a Calendars,
    wait: Wait<'a>,
    lock: Lock,
    snapshot: Snapshot,
    /// The docket before the edit.
    pub docket: Docket,
    /// The files opened for editing.
    pub files: Vec<EditFile>,
    new_files: Vec<usize>,
    touched: BTreeSet<String>,
    accepted: BTreeSet<String>,
}

/// One file's change.
#[derive(Debug)]
pub struct FileChange {
    /// The file.
    pub path: PathBuf,
    original: Vec<u8>,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    created: bool,
}

/// What an edit will do, checked and ready to write; the edit's lock is held until it is
/// dropped.
#[derive(Debug)]
pub struct Plan {
    /// The files that change.
    pub changes: Vec<FileChange>,
    /// One line per deadline whose recorded date or revision the edit changed.
    pub recorded: Vec<String>,
    /// The warnings the edit brings (a `+ mail` period counted from an event that is not a
    /// service, a period without authority, an extension to a day the court is closed...):
    /// those `docket check` would give after it and not before.
    pub warnings: Vec<Diagnostic>,
    /// Held until the plan is dropped.
    _lock: Lock,
    snapshot: Snapshot,
}

impl Plan {
    /// A unified diff of every change.
    pub fn diff(&self) -> String {
        self.changes
            .iter()
            .map(|c| unified(&c.path.display().to_string(), &c.before, &c.after))
            .collect()
    }

    /// Writes every change, each file atomically, while every file of the docket is as the
    /// edit read it: each new text is staged beside its file, then the docket is read again
    /// and compared immediately before each rename.
    pub fn write(&self) -> Result<(), EditError> {
        let staged = self.stage()?;
        self.commit(staged)
    }

    /// Each change's new text, written and synced beside its file.
    fn stage(&self) -> Result<Vec<write::Staged>, EditError> {
        self.changes
            .iter()
            .map(|c| match c.created {
                true => write::stage_create(&c.path, c.after.as_bytes()),
                false => write::stage_replace(&c.path, &c.original, c.after.as_bytes()),
            })
            .collect()
    }

    /// Puts each staged text in place, checking the docket before each.
    fn commit(&self, staged: Vec<write::Staged>) -> Result<(), EditError> {
        let mut written = HashMap::new();
        let mut names = Vec::new();
        for (change, staged) in self.changes.iter().zip(staged) {
            let done = self
                .snapshot
                .verify(&written)
                .and_then(|()| staged.commit());
            if let Err(error) = done {
                return Err(match names.is_empty() {
                    true => error,
                    false => EditError::PartlyWritten {
                        written: names,
                        error: Box::new(error),
                    },
                });
            }
            let print = self.snapshot.print(change.after.as_bytes());
            written.insert(canonical(&change.path), print);
            names.push(change.path.display().to_string());
        }
        Ok(())
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl<'a> Session<'a> {
    /// Locks the folders of the docket under `paths` (waiting for other edits as `wait` says),
    /// then reads and loads it. Fails if any of its files cannot be read.
    ///
    /// ```
    /// use std::time::Duration;
    /// use docket::calendar::Calendars;
    /// use docket::edit::{Session, Wait};
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let file = dir.path().join("t.toml");
    /// let text = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";
    /// std::fs::write(&file, text).unwrap();
    /// let docket = [dir.path().to_path_buf()];
    /// let wait = Wait::new(Duration::from_secs(10));
    /// let mut session = Session::open(&docket, Calendars::builtin(), wait).unwrap();
    /// let at = session.locate("e").unwrap();
    /// let event = session.files[at.file].table_mut(at.kind, at.index).unwrap();
    /// event["title"] = toml_edit::value("Summons served");
    /// let plan = session.finish().unwrap();
    /// plan.write().unwrap();
    /// assert!(std::fs::read_to_string(&file).unwrap().contains("title = \"Summons served\""));
    /// ```
    pub fn open(
        paths: &[PathBuf],
        calendars: &'a Calendars,
        wait: Wait<'a>,
    ) -> Result<Session<'a>, EditError> {
        let mut lock = Lock::default();
        let roots = paths.iter().map(|p| {
            if p.is_dir() {
                p.as_path()
            } else {
                folder_of(p)
            }
        });
        lock.folders(roots, &wait)?;
        let (files, _) = find_files(paths);
        lock.folders(files.iter().map(|f| folder_of(f)), &wait)?;
        let snapshot = Snapshot::take(paths)?;
        let docket = Docket::load(paths, calendars);
        if let Some(d) = docket.diagnostics.iter().find(|d| d.is_io()) {
            return Err(EditError::Unreadable(d.message.clone()));
        }
        Ok(Session {
            paths: paths.to_vec(),
            calendars,
            wait,
            lock,
            snapshot,
            docket,
            files: Vec::new(),
            new_files: Vec::new(),
            touched: BTreeSet::new(),
            accepted: BTreeSet::new(),
        })
    }

    /// Opens `path` for editing (once), under the lock of its folder.
    pub fn file(&mut self, path: &Path) -> Result<usize, EditError> {
        let want = canonical(path);
        if let Some(i) = self.files.iter().position(|f| canonical(&f.path) == want) {
            return Ok(i);
        }
        self.lock.folder(folder_of(path), &self.wait)?;
        self.files.push(EditFile::open(path)?);
        Ok(self.files.len() - 1)
    }

    /// Adds a file that does not exist yet (and must not exist when the plan is written).
    pub fn create(&mut self, path: &Path, text: &str) -> Result<usize, EditError> {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(EditError::Invalid(format!(
                "`{}` already exists; `docket new` does not overwrite files",
                path.display()
            )));
        }
        let folder = folder_of(path);
        if folder.is_dir() {
            self.lock.folder(folder, &self.wait)?;
        }
        self.files
            .push(EditFile::from_text(path, Vec::new(), text)?);
        self.new_files.push(self.files.len() - 1);
        Ok(self.files.len() - 1)
    }

    /// The record with `id`, opening its file.
    pub fn locate(&mut self, id: &str) -> Result<Located, EditError> {
        let (kind, timeline) = match self.docket.find(id) {
            Some(RecordRef::Event(i)) => (Kind::Event, self.docket.events[i].timeline),
            Some(RecordRef::Deadline(i)) => (Kind::Deadline, self.docket.deadlines[i].timeline),
            None => return Err(self.not_found(id)),
        };
        let path = self.docket.timelines[timeline].file.path.clone();
        let file = self.file(&path)?;
        let index = self.files[file].find(kind, id).ok_or_else(|| {
            EditError::Invalid(format!("`{id}` is not in `{}` as loaded", path.display()))
        })?;
        Ok(Located { file, kind, index })
    }

    /// The error for an id that names no record: that no record has it, or, when files of the
    /// docket have errors (the record may be in what could not be read), that they do.
    pub fn not_found(&self, id: &str) -> EditError {
        let broken = broken(&self.docket.diagnostics, |_| true);
        if broken.diagnostics.is_empty() {
            return EditError::NotFound {
                id: id.to_string(),
                suggestion: self.docket.nearest_id(id).map(str::to_string),
            };
        }
        broken.into_error()
    }

    /// Marks a deadline whose inputs the edit changed: its date is recorded even if it did not
    /// move.
    pub fn touch(&mut self, id: &str) {
        self.touched.insert(id.to_string());
    }

    /// Accepts a deadline's recomputed date: it is recorded and its revision raised.
    pub fn accept(&mut self, id: &str) {
        self.accepted.insert(id.to_string());
    }

    /// Whether an id is already used in the docket or in the files being edited.
    pub fn id_taken(&self, id: &str) -> bool {
        self.docket.find(id).is_some()
            || self
                .files
                .iter()
                .any(|f| f.find(Kind::Event, id).is_some() || f.find(Kind::Deadline, id).is_some())
    }

    fn overrides(&self) -> HashMap<PathBuf, String> {
        self.files
            .iter()
            .map(|f| (canonical(&f.path), f.render()))
            .collect()
    }

    fn load_edited(&self) -> Docket {
        Docket::load_with(&self.paths, self.calendars, &self.overrides())
    }

    /// Refuses an edited docket with errors: in a file the edit changed, or that the edit
    /// brought ([`EditError::Rejected`]), or that were there before in a file it did not change
    /// ([`EditError::Broken`]).
    fn reject_errors(&self, after: &Docket) -> Result<(), EditError> {
        let edited: Vec<PathBuf> = self.files.iter().map(|f| canonical(&f.path)).collect();
        let before: HashSet<(&Path, &str)> = self
            .docket
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (path_of(d), d.message.as_str()))
            .collect();
        let old = |d: &Diagnostic| {
            before.contains(&(path_of(d), d.message.as_str()))
                && !edited.contains(&canonical(path_of(d)))
        };
        let broken = broken(&after.diagnostics, old);
        if !broken.diagnostics.is_empty() {
            return Err(broken.into_error());
        }
        let bad: Vec<_> = after
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if let Some(first) = bad.first() {
            return Err(EditError::Rejected {
                path: path_of(first).display().to_string(),
                diagnostics: bad,
            });
        }
        Ok(())
    }

    /// The warnings of the edited docket that the docket before the edit did not have.
    fn new_warnings(&self, after: &Docket) -> Vec<Diagnostic> {
        let before: HashSet<(&Path, &str)> = self
            .docket
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| (path_of(d), d.message.as_str()))
            .collect();
        after
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .filter(|d| !before.contains(&(path_of(d), d.message.as_str())))
            .cloned()
            .collect()
    }

    /// Records the date of every event the edit adds or moves, and of every event accepted
    /// after a change by hand, raising the revision of those that moved; returns a line for
    /// each that moved.
    fn record_events(&mut self, after: &Docket) -> Result<Vec<String>, EditError> {
        let mut notes = Vec::new();
        for e in after.events.iter() {
            let before = match self.docket.find(&e.id) {
                Some(RecordRef::Event(j)) => Some(&self.docket.events[j]),
                _ => None,
            };
            let is_new = before.is_none();
            let moved = before.is_some_and(|old| old.when != e.when || old.end() != e.end());
            let accepted = self.accepted.contains(e.id.as_str());
            if !(is_new || moved || accepted) {
                continue;
            }
            let path = after.timelines[e.timeline].file.path.clone();
            let f = self.file(&path)?;
            let Some(index) = self.files[f].find(Kind::Event, &e.id) else {
                continue;
            };
            let table = self.files[f].table_mut(Kind::Event, index).expect("found");
            if let Some(Item::Value(written)) = table.get("date") {
                let mut written = written.clone();
                written.decor_mut().clear();
                let mut rec = InlineTable::new();
                rec.insert("date", written);
                table["recorded"] = Item::Value(Value::InlineTable(rec));
            }
            if moved || accepted {
                let rev = e.revision() + 1;
                table["revision"] = value(i64::from(rev));
                notes.push(format!("`{}` now on {} (revision {rev})", e.id, e.when));
            }
        }
        Ok(notes)
    }

    /// Stamps every record whose values the edit changed with the time of the change
    /// (`modified`, UTC, to the second): `now`, or the record's own stamp if that is later, so
    /// that no stamp moves backwards.
    fn stamp(&mut self, now: chrono::DateTime<chrono::Utc>) {
        let now = now.with_nanosecond(0).unwrap_or(now);
        for file in &mut self.files {
            for (kind, index) in file.changed_records() {
                let Some(table) = file.table_mut(kind, index) else {
                    continue;
                };
                let previous = table
                    .get("modified")
                    .and_then(Item::as_datetime)
                    .and_then(|d| chrono::DateTime::parse_from_rfc3339(&d.to_string()).ok());
                let at = previous.map_or(now, |p| now.max(p.with_timezone(&chrono::Utc)));
                let text = at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
                table["modified"] = value(
                    text.parse::<toml_edit::Datetime>()
                        .expect("an RFC 3339 time is a TOML date-time"),
                );
            }
        }
    }

    /// Checks the edit, records what it computes, puts every table it changed in the canonical
    /// layout, and returns the plan with the warnings the edit brings; nothing is written. An
    /// error the edit leaves or brings refuses it ([`EditError::Rejected`]), and so does an error
    /// that another file of the docket had before ([`EditError::Broken`]).
    pub fn finish(mut self) -> Result<Plan, EditError> {
        let after = self.load_edited();
        self.reject_errors(&after)?;
        // Record the dates this edit computes.
        let mut notes = Vec::new();
        let far = NaiveDate::MAX;
        for (i, d) in after.deadlines.iter().enumerate() {
            let Some(now) = &after.computed[i] else {
                continue;
            };
            let now_effective = d.status_on(far).1.unwrap_or(now.due.date);
            let before = match self.docket.find(&d.id) {
                Some(RecordRef::Deadline(j)) => self.docket.computed[j].as_ref().map(|c| {
                    let old = &self.docket.deadlines[j];
                    (c.due.date, old.status_on(far).1.unwrap_or(c.due.date))
                }),
                _ => None,
            };
            let is_new = self.docket.find(&d.id).is_none();
            let computed_moved = before.is_some_and(|(c, _)| c != now.due.date);
            let effective_moved = before.is_some_and(|(_, e)| e != now_effective);
            let touched = self.touched.contains(d.id.as_str());
            let accepted = self.accepted.contains(d.id.as_str());
            if !(is_new || computed_moved || effective_moved || touched || accepted) {
                continue;
            }
            let record = is_new || computed_moved || touched || accepted;
            let raise = effective_moved || accepted;
            let cal = after.calendar_of(d).map(|c| c.version().to_string());
            let trigger = after.trigger_day(i);
            let period = match &d.rule {
                Rule::Period { period, .. } => Some(period.to_string()),
                Rule::Fixed(_) => None,
            };
            let path = after.timelines[d.timeline].file.path.clone();
            let f = self.file(&path)?;
            let Some(index) = self.files[f].find(Kind::Deadline, &d.id) else {
                continue;
            };
            let table = self.files[f]
                .table_mut(Kind::Deadline, index)
                .expect("found");
            if record {
                let mut rec = InlineTable::new();
                rec.insert("due", Value::from(date(now.due.date)));
                if let Some(t) = trigger {
                    rec.insert("trigger", Value::from(date(t)));
                }
                if let Some(p) = &period {
                    rec.insert("period", Value::from(p.as_str()));
                }
                if let Some(v) = &cal {
                    rec.insert("data", Value::from(v.as_str()));
                }
                table["recorded"] = Item::Value(Value::InlineTable(rec));
            }
            if raise {
                let rev = d.revision + 1;
                table["revision"] = value(i64::from(rev));
                notes.push(format!(
                    "`{}` now due {} (revision {rev})",
                    d.id, now_effective
                ));
            } else if is_new {
                notes.push(format!("`{}` due {}", d.id, now.due.date));
            }
        }
        notes.extend(self.record_events(&after)?);
        drop(after);
        self.stamp(crate::timeline::now());
        for file in &mut self.files {
            file.tidy();
        }
        let after = self.load_edited();
        self.reject_errors(&after)?;
        let warnings = self.new_warnings(&after);
        drop(after);
        let changes = self
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let after = f.render();
                let before = f.original_text();
                (after != before).then(|| FileChange {
                    path: f.path.clone(),
                    original: f.original.clone(),
                    before,
                    after,
                    created: self.new_files.contains(&i),
                })
            })
            .collect();
        Ok(Plan {
            changes,
            recorded: notes,
            warnings,
            _lock: self.lock,
            snapshot: self.snapshot,
        })
    }
}

/// The path of the file a diagnostic is about (empty for none).
fn path_of(d: &Diagnostic) -> &Path {
    d.file.as_ref().map_or(Path::new(""), |f| f.path.as_path())
}

/// The errors among `diagnostics` that `pick` picks, and their files.
struct BrokenFiles {
    paths: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

impl BrokenFiles {
    fn into_error(self) -> EditError {
        EditError::Broken {
            paths: self.paths,
            diagnostics: self.diagnostics,
        }
    }
}

fn broken(diagnostics: &[Diagnostic], pick: impl Fn(&Diagnostic) -> bool) -> BrokenFiles {
    let mut out = BrokenFiles {
        paths: Vec::new(),
        diagnostics: Vec::new(),
    };
    for d in diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && pick(d))
    {
        let path = path_of(d).display().to_string();
        if !out.paths.contains(&path) {
            out.paths.push(path);
        }
        out.diagnostics.push(d.clone());
    }
    out
}

/// A TOML date value.
pub fn date(d: NaiveDate) -> toml_edit::Datetime {
    d.to_string().parse().expect("a date is a TOML date")
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const A: &str = "[timeline]\nid = \"a\"\ntitle = \"A\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";
    const B: &str = "[timeline]\nid = \"b\"\ntitle = \"B\"\n";

    /// An edit that adds an event to `a.toml` of a docket of two files, planned and checked.
    fn plan(dir: &Path) -> Plan {
        let docket = [dir.to_path_buf()];
        let wait = Wait::new(Duration::ZERO);
        let mut session = Session::open(&docket, Calendars::builtin(), wait).unwrap();
        let f = session.file(&dir.join("a.toml")).unwrap();
        let mut event = toml_edit::Table::new();
        event["id"] = value("added");
        event["date"] = value(date(NaiveDate::from_ymd_opt(2020, 2, 3).unwrap()));
        event["title"] = value("Added");
        session.files[f].insert(Kind::Event, event, None);
        session.finish().unwrap()
    }

    /// A program that takes no lock (an editor, a sync client) saves a file of the docket after
    /// the edit read it, while the edit's new text is being written beside it: the edit fails
    /// just before the rename, and that program's version is what stays, in the file it edited
    /// as in another file of the docket.
    #[test]
    fn a_change_by_a_program_that_takes_no_lock_is_caught_before_the_rename() {
        for changed in ["a.toml", "b.toml"] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("a.toml"), A).unwrap();
            std::fs::write(dir.path().join("b.toml"), B).unwrap();
            let plan = plan(dir.path());
            let staged = plan.stage().unwrap();
            let theirs = format!(
                "{}# saved by another program\n",
                if changed == "a.toml" { A } else { B }
            );
            std::fs::write(dir.path().join(changed), &theirs).unwrap();

            let err = plan.commit(staged).unwrap_err();
            assert!(matches!(err, EditError::Changed(_)), "{changed}: {err}");
            assert!(err.is_io());
            assert_eq!(
                std::fs::read_to_string(dir.path().join(changed)).unwrap(),
                theirs
            );
            if changed == "b.toml" {
                assert_eq!(
                    std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
                    A
                );
            }
            drop(plan);
            let mut left: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            left.sort();
            assert_eq!(left, ["a.toml", "b.toml"], "{changed}");
        }
    }

    /// Without interference the same edit is written, and holds the lock until its plan is
    /// dropped.
    #[test]
    fn an_edit_holds_the_lock_until_its_plan_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), A).unwrap();
        std::fs::write(dir.path().join("b.toml"), B).unwrap();
        let plan = plan(dir.path());
        let mut other = Lock::default();
        let busy = other.folder(dir.path(), &Wait::new(Duration::ZERO));
        assert!(matches!(busy, Err(EditError::Busy { .. })));
        plan.write().unwrap();
        let text = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
        assert!(text.contains("id = \"added\""), "{text}");
        drop(plan);
        other
            .folder(dir.path(), &Wait::new(Duration::ZERO))
            .unwrap();
    }

    /// A file of the docket that cannot be read stops the edit before anything is decided.
    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_of_the_docket_stops_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), A).unwrap();
        // A link to nowhere cannot be read, even by root (whom a mode of 000 does not stop).
        std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("b.toml")).unwrap();
        let docket = [dir.path().to_path_buf()];
        let wait = Wait::new(Duration::ZERO);
        let err = Session::open(&docket, Calendars::builtin(), wait)
            .err()
            .unwrap();
        assert!(err.is_io(), "{err}");
        assert!(err.to_string().contains("b.toml"), "{err}");
    }
}
