//! What an edit read: every timeline file of the docket, each known by its length and a hash of
//! its content, taken under the edit's lock before the docket is loaded. Immediately before each
//! file is written the docket is read again and compared ([`Snapshot::verify`]): a change by a
//! program that does not take the lock (a text editor, a sync client, a script) fails the edit
//! instead of being written over, and a file that cannot be read fails it before anything is
//! decided.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::PathBuf;

use super::error::EditError;
use crate::timeline::find_files;

/// A file's content, known again: its length and a hash with a key of this process's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Print {
    len: usize,
    hash: u64,
}

/// The files of a docket as an edit read them.
#[derive(Debug)]
pub(crate) struct Snapshot {
    /// The docket's paths, as given.
    paths: Vec<PathBuf>,
    /// Each file found under them (canonical path) and its content.
    files: HashMap<PathBuf, Print>,
    hasher: foldhash::quality::RandomState,
}

impl Snapshot {
    /// Reads every timeline file under `paths`; fails on any that cannot be read.
    pub(crate) fn take(paths: &[PathBuf]) -> Result<Snapshot, EditError> {
        let mut snapshot = Snapshot {
            paths: paths.to_vec(),
            files: HashMap::new(),
            hasher: foldhash::quality::RandomState::default(),
        };
        for (real, print) in snapshot.read()? {
            snapshot.files.insert(real, print);
        }
        Ok(snapshot)
    }

    /// The print of `bytes`.
    pub(crate) fn print(&self, bytes: &[u8]) -> Print {
        Print {
            len: bytes.len(),
            hash: self.hasher.hash_one(bytes),
        }
    }

    /// Every file under the paths now, with its print.
    fn read(&self) -> Result<Vec<(PathBuf, Print)>, EditError> {
        let (files, problems) = find_files(&self.paths);
        if let Some(problem) = problems.first() {
            return Err(EditError::Unreadable(problem.message.clone()));
        }
        files
            .iter()
            .map(|path| {
                let io = |source| EditError::Io {
                    what: "read",
                    path: path.display().to_string(),
                    source,
                };
                let real = std::fs::canonicalize(path).map_err(io)?;
                let bytes = std::fs::read(&real).map_err(io)?;
                Ok((real, self.print(&bytes)))
            })
            .collect()
    }

    /// Fails unless every file under the paths is as it was read, or as this edit wrote it
    /// (`written`, by canonical path), and no other file has appeared.
    pub(crate) fn verify(&self, written: &HashMap<PathBuf, Print>) -> Result<(), EditError> {
        let now = self.read()?;
        for (real, print) in &now {
            let shown = || real.display().to_string();
            match written.get(real).or_else(|| self.files.get(real)) {
                Some(expected) if expected == print => {}
                Some(_) => return Err(EditError::Changed(shown())),
                None => return Err(EditError::Appeared(shown())),
            }
        }
        let gone = self
            .files
            .keys()
            .find(|f| !now.iter().any(|(real, _)| real == *f));
        match gone {
            Some(f) => Err(EditError::Removed(f.display().to_string())),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_the_docket_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        std::fs::write(&a, "x = 1\n").unwrap();
        std::fs::write(&b, "y = 1\n").unwrap();
        let snapshot = Snapshot::take(&[dir.path().to_path_buf()]).unwrap();
        let none = HashMap::new();
        snapshot.verify(&none).unwrap();

        // The same length and, on most file systems, the same time stamp: only the content tells.
        std::fs::write(&b, "y = 2\n").unwrap();
        assert!(matches!(snapshot.verify(&none), Err(EditError::Changed(_))));
        // As this edit wrote it, it is expected.
        let written = HashMap::from([(b.canonicalize().unwrap(), snapshot.print(b"y = 2\n"))]);
        snapshot.verify(&written).unwrap();

        std::fs::write(dir.path().join("c.toml"), "").unwrap();
        assert!(matches!(
            snapshot.verify(&written),
            Err(EditError::Appeared(_))
        ));
        std::fs::remove_file(dir.path().join("c.toml")).unwrap();
        std::fs::remove_file(&a).unwrap();
        assert!(matches!(
            snapshot.verify(&written),
            Err(EditError::Removed(_))
        ));
    }
}
