//! An editing session: the docket as it was, the files opened for editing, and the plan that
//! checks the edited docket as a whole, records the due dates the edit computes (raising the
//! revision of every deadline whose date moved), and writes nothing unless all is valid.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml_edit::{InlineTable, Item, Value, value};

use super::diff::unified;
use super::error::EditError;
use super::file::{EditFile, Kind};
use super::write;
use crate::calendar::Calendars;
use crate::diagnostic::Severity;
use crate::timeline::{Docket, RecordRef, Rule};

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

/// What an edit will do, checked and ready to write.
#[derive(Debug)]
pub struct Plan {
    /// The files that change.
    pub changes: Vec<FileChange>,
    /// One line per deadline whose recorded date or revision the edit changed.
    pub recorded: Vec<String>,
}

impl Plan {
    /// A unified diff of every change.
    pub fn diff(&self) -> String {
        self.changes
            .iter()
            .map(|c| unified(&c.path.display().to_string(), &c.before, &c.after))
            .collect()
    }

    /// Writes every change (each file atomically).
    pub fn write(&self) -> Result<(), EditError> {
        for c in &self.changes {
            if c.created {
                write::create(&c.path, c.after.as_bytes())?;
            } else {
                write::replace(&c.path, &c.original, c.after.as_bytes())?;
            }
        }
        Ok(())
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl<'a> Session<'a> {
    /// Loads the docket under `paths`.
    pub fn open(paths: &[PathBuf], calendars: &'a Calendars) -> Session<'a> {
        Session {
            paths: paths.to_vec(),
            calendars,
            docket: Docket::load(paths, calendars),
            files: Vec::new(),
            new_files: Vec::new(),
            touched: BTreeSet::new(),
            accepted: BTreeSet::new(),
        }
    }

    /// Opens `path` for editing (once).
    pub fn file(&mut self, path: &Path) -> Result<usize, EditError> {
        let want = canonical(path);
        if let Some(i) = self.files.iter().position(|f| canonical(&f.path) == want) {
            return Ok(i);
        }
        self.files.push(EditFile::open(path)?);
        Ok(self.files.len() - 1)
    }

    /// Adds a file that does not exist yet.
    pub fn create(&mut self, path: &Path, text: &str) -> Result<usize, EditError> {
        if path.exists() {
            return Err(EditError::Invalid(format!(
                "`{}` already exists; `docket new` does not overwrite files",
                path.display()
            )));
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
            None => {
                return Err(EditError::NotFound {
                    id: id.to_string(),
                    suggestion: self.docket.nearest_id(id).map(str::to_string),
                });
            }
        };
        let path = self.docket.timelines[timeline].file.path.clone();
        let file = self.file(&path)?;
        let index = self.files[file].find(kind, id).ok_or_else(|| {
            EditError::Invalid(format!("`{id}` is not in `{}` as loaded", path.display()))
        })?;
        Ok(Located { file, kind, index })
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

    fn reject_errors(&self, after: &Docket) -> Result<(), EditError> {
        let edited: Vec<PathBuf> = self.files.iter().map(|f| canonical(&f.path)).collect();
        let bad: Vec<_> = after
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| {
                d.file
                    .as_ref()
                    .is_some_and(|f| edited.contains(&canonical(&f.path)))
            })
            .cloned()
            .collect();
        if let Some(first) = bad.first() {
            let path = first
                .file
                .as_ref()
                .map(|f| f.path.display().to_string())
                .unwrap_or_default();
            return Err(EditError::Rejected {
                path,
                diagnostics: bad,
            });
        }
        Ok(())
    }

    /// Checks the edit, records what it computes, and returns the plan; nothing is written.
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
        let after = self.load_edited();
        self.reject_errors(&after)?;
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
        })
    }
}

/// A TOML date value.
pub fn date(d: NaiveDate) -> toml_edit::Datetime {
    d.to_string().parse().expect("a date is a TOML date")
}
