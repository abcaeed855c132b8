//! One timeline file opened for editing with `toml_edit`: every comment, blank line, key order,
//! quoting and line ending of what is not changed stays byte for byte, and every table the edit
//! changes is put in the canonical layout ([`super::fmt`]), so that a file in that layout stays
//! in it.
//!
//! `toml_edit` holds a document in about 50 bytes of memory for each byte of its text (measured:
//! `fmt --check` of a 9.1 MB timeline took 430 MB, `set` on it 453 MB), so a file larger than
//! [`MAX_EDIT_BYTES`] is not opened for editing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::error::EditError;

pub use crate::timeline::Kind;

/// The largest timeline file docket edits or formats: 16 MiB, a matter of about 60,000 records,
/// which takes some 800 MB of memory while it is edited. A larger file is refused
/// ([`EditError::TooLarge`]); it can still be read by every other command.
pub const MAX_EDIT_BYTES: u64 = 16 * 1024 * 1024;

/// A table of the file: `[timeline]` (`None`) or a record of `[[kind]]` by its id.
type TableKey = (Option<Kind>, String);

/// A timeline file being edited.
#[derive(Debug)]
pub struct EditFile {
    /// The path as given.
    pub path: PathBuf,
    /// The bytes as read (to detect a change on disk, and for the diff).
    pub original: Vec<u8>,
    /// The document.
    pub doc: DocumentMut,
    crlf: bool,
    bom: bool,
    /// The tables handed out for changing, put in the canonical layout by [`EditFile::tidy`].
    touched: BTreeSet<TableKey>,
}

impl EditFile {
    /// Reads and parses a file; one larger than [`MAX_EDIT_BYTES`] is refused before it is
    /// read.
    pub fn open(path: &Path) -> Result<EditFile, EditError> {
        EditFile::open_within(path, MAX_EDIT_BYTES)
    }

    /// [`EditFile::open`] with a size limit of `limit` bytes.
    ///
    /// ```
    /// use docket::edit::{EditError, EditFile};
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("t.toml");
    /// std::fs::write(&path, "[timeline]\nid = \"t\"\ntitle = \"T\"\n").unwrap();
    /// assert!(EditFile::open_within(&path, 64).is_ok());
    /// let refused = EditFile::open_within(&path, 16).unwrap_err();
    /// assert!(matches!(refused, EditError::TooLarge { size: 32, limit: 16, .. }));
    /// ```
    pub fn open_within(path: &Path, limit: u64) -> Result<EditFile, EditError> {
        let io = |source| EditError::Io {
            what: "read",
            path: path.display().to_string(),
            source,
        };
        let too_large = |size: u64| EditError::TooLarge {
            path: path.display().to_string(),
            size,
            limit,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > limit {
            return Err(too_large(size));
        }
        // Read no more than one byte past the limit: the file may have grown since.
        let mut original = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, limit + 1), &mut original)
            })
            .map_err(io)?;
        if original.len() as u64 > limit {
            return Err(too_large(
                std::fs::metadata(path).map_or(limit + 1, |m| m.len()),
            ));
        }
        let text = String::from_utf8(original.clone())
            .map_err(|_| EditError::Invalid(format!("`{}` is not valid UTF-8", path.display())))?;
        EditFile::from_text(path, original, &text)
    }

    /// A file from text not yet on disk (`docket new`).
    pub fn from_text(path: &Path, original: Vec<u8>, text: &str) -> Result<EditFile, EditError> {
        let bom = text.starts_with('\u{feff}');
        let body = text.trim_start_matches('\u{feff}');
        let crlf = body.contains("\r\n");
        let normal = body.replace("\r\n", "\n");
        let doc = normal.parse::<DocumentMut>().map_err(|e| {
            EditError::Invalid(format!(
                "`{}` is not valid TOML ({}); fix it by hand first (`docket check` shows where)",
                path.display(),
                e.message()
            ))
        })?;
        Ok(EditFile {
            path: path.to_path_buf(),
            original,
            doc,
            crlf,
            bom,
            touched: BTreeSet::new(),
        })
    }

    /// The document as text, with the file's line endings and byte-order mark.
    pub fn render(&self) -> String {
        let text = self.doc.to_string();
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }

    /// The original text.
    pub fn original_text(&self) -> String {
        String::from_utf8_lossy(&self.original).into_owned()
    }

    /// The array of `[[kind]]` tables, if any.
    pub fn records(&self, kind: Kind) -> Option<&ArrayOfTables> {
        self.doc.get(kind.key()).and_then(Item::as_array_of_tables)
    }

    /// The index of the record with `id` in `[[kind]]`.
    pub fn find(&self, kind: Kind, id: &str) -> Option<usize> {
        self.records(kind)?
            .iter()
            .position(|t| t.get("id").and_then(Item::as_str) == Some(id))
    }

    /// The record table at `index` of `[[kind]]`, to change: the edit will put it in the
    /// canonical layout.
    pub fn table_mut(&mut self, kind: Kind, index: usize) -> Option<&mut Table> {
        let id = self
            .records(kind)?
            .get(index)?
            .get("id")
            .and_then(Item::as_str)
            .map(str::to_string);
        if let Some(id) = id {
            self.touched.insert((Some(kind), id));
        }
        self.record_mut(kind, index)
    }

    /// The record table at `index` of `[[kind]]`, as it is.
    fn record_mut(&mut self, kind: Kind, index: usize) -> Option<&mut Table> {
        self.doc
            .get_mut(kind.key())
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(index))
    }

    /// The `[timeline]` table, to change: the edit will put it in the canonical layout.
    pub fn timeline_mut(&mut self) -> Option<&mut Table> {
        self.touched.insert((None, String::new()));
        self.doc.get_mut("timeline").and_then(Item::as_table_mut)
    }

    /// The records handed out for changing, or inserted, whose values now differ from the file
    /// as read (a record that is new differs), as `(kind, index)`: comments, layout and the
    /// `modified` stamp itself aside.
    pub fn changed_records(&self) -> Vec<(Kind, usize)> {
        let original: toml::Table = std::str::from_utf8(&self.original)
            .ok()
            .and_then(|text| toml::from_str(text.trim_start_matches('\u{feff}')).ok())
            .unwrap_or_default();
        let was = |kind: Kind, id: &str| {
            original
                .get(kind.key())
                .and_then(toml::Value::as_array)
                .and_then(|a| {
                    a.iter()
                        .find(|t| t.get("id").and_then(toml::Value::as_str) == Some(id))
                })
                .and_then(toml::Value::as_table)
                .map(values)
        };
        self.touched
            .iter()
            .filter_map(|(kind, id)| {
                let kind = (*kind)?;
                let index = self.find(kind, id)?;
                let now = self.records(kind)?.get(index)?;
                let now = toml::from_str::<toml::Table>(&as_document(now)).ok()?;
                (was(kind, id) != Some(values(&now))).then_some((kind, index))
            })
            .collect()
    }

    /// Puts every table handed out for changing, and every one inserted, in the canonical
    /// layout ([`super::fmt`]); the others stay as they are.
    pub fn tidy(&mut self) {
        for (kind, id) in std::mem::take(&mut self.touched) {
            match kind {
                None => super::fmt::timeline(self),
                Some(kind) => {
                    if let Some(i) = self.find(kind, &id)
                        && let Some(t) = self.record_mut(kind, i)
                    {
                        super::fmt::record(t, kind);
                    }
                }
            }
        }
    }

    /// Every table's document position: `(kind or None for [timeline], index, position)`.
    fn positions(&self) -> Vec<(Option<Kind>, usize, isize)> {
        let mut out = Vec::new();
        if let Some(t) = self.doc.get("timeline").and_then(Item::as_table) {
            out.push((None, 0, t.position().unwrap_or(0)));
        }
        for kind in [Kind::Event, Kind::Deadline] {
            if let Some(a) = self.records(kind) {
                for (i, t) in a.iter().enumerate() {
                    out.push((Some(kind), i, t.position().unwrap_or(isize::MAX / 2)));
                }
            }
        }
        out
    }

    /// Every record's id and document position.
    pub fn record_positions(&self) -> Vec<(Kind, String, isize)> {
        self.positions()
            .into_iter()
            .filter_map(|(k, i, pos)| {
                let k = k?;
                let id = self.records(k)?.get(i)?.get("id")?.as_str()?.to_string();
                Some((k, id, pos))
            })
            .collect()
    }

    /// The position of the first table after position `pos`, if any.
    pub fn next_after(&self, pos: isize) -> Option<isize> {
        self.positions()
            .into_iter()
            .map(|p| p.2)
            .filter(|p| *p > pos)
            .min()
    }

    /// Inserts `table` as a new `[[kind]]` so that it appears just before the table now at
    /// document position `before` (or last, when `None`).
    pub fn insert(&mut self, kind: Kind, mut table: Table, before: Option<isize>) {
        let last = self.positions().iter().map(|p| p.2).max().unwrap_or(0);
        let at = before.unwrap_or(last + 1);
        // Make room: every table at or after `at` moves one place down.
        for (k, i, pos) in self.positions() {
            if pos >= at {
                let t = match k {
                    None => self.doc.get_mut("timeline").and_then(Item::as_table_mut),
                    Some(k) => self.record_mut(k, i),
                };
                if let Some(t) = t {
                    t.set_position(Some(pos + 1));
                }
            }
        }
        table.set_position(Some(at));
        table.decor_mut().set_prefix("\n");
        if let Some(id) = table.get("id").and_then(Item::as_str) {
            self.touched.insert((Some(kind), id.to_string()));
        }
        let array = self
            .doc
            .entry(kind.key())
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        if let Some(a) = array.as_array_of_tables_mut() {
            a.push(table);
        }
    }

    /// Removes record `index` of `[[kind]]`.
    pub fn remove(&mut self, kind: Kind, index: usize) {
        if let Some(a) = self
            .doc
            .get_mut(kind.key())
            .and_then(Item::as_array_of_tables_mut)
        {
            a.remove(index);
            if a.is_empty() {
                self.doc.remove(kind.key());
            }
        }
    }
}

/// A record's values, without the stamp of its last change.
fn values(table: &toml::Table) -> toml::Table {
    let mut t = table.clone();
    t.remove("modified");
    t
}

/// A record table as a document of its own, to read its values.
fn as_document(table: &Table) -> String {
    let mut doc = DocumentMut::new();
    for (key, item) in table.iter() {
        doc.insert(key, item.clone());
    }
    doc.to_string()
}
