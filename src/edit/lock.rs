//! The edit lock: an advisory, exclusive lock on `.docket.lock` in every folder an edit reads a
//! timeline file from or writes one into, held from before the docket is read until the last
//! file is written. Two edits that share a folder run one after the other: the second waits (up
//! to [`Wait::limit`]), then fails with [`EditError::Busy`]; it never writes over the first.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows, through the
//! standard library's `File::lock`), released by the system when the process ends however it
//! ends, so a killed edit leaves no stale lock behind. On Unix the edit removes the lock file
//! while it still holds it, so no file is left in the folder; an edit that was waiting for it then
//! holds a lock on a file that is gone, sees that, and locks the folder's new lock file instead.
//! Programs that do not take the lock are not held back by it: [`super::snapshot`] catches
//! their changes.
//!
//! A folder in which the lock file cannot be made (read-only to this user, or on a read-only
//! file system) is read without the lock: an edit cannot write there either.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::EditError;

/// The name of the lock file in each folder.
pub const LOCK_FILE: &str = ".docket.lock";

/// How long an edit waits for another edit to finish, and what it says while it waits.
///
/// ```
/// use std::time::Duration;
/// let wait = docket::edit::Wait::new(Duration::from_secs(2));
/// assert_eq!(wait.limit, Duration::from_secs(2));
/// ```
#[derive(Clone, Copy)]
pub struct Wait<'a> {
    /// The longest wait for one folder's lock.
    pub limit: Duration,
    /// Called once for each folder whose lock is taken by another edit, before waiting for it.
    pub notice: &'a dyn Fn(&Path),
}

impl Wait<'static> {
    /// Waits up to `limit`, saying nothing.
    pub fn new(limit: Duration) -> Wait<'static> {
        Wait {
            limit,
            notice: &|_| {},
        }
    }
}

impl std::fmt::Debug for Wait<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wait").field("limit", &self.limit).finish()
    }
}

/// The folder locks an edit holds; released when dropped.
#[derive(Debug, Default)]
pub struct Lock {
    /// Each folder (canonical) and its open, locked lock file.
    held: Vec<(PathBuf, File)>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        for (folder, file) in self.held.drain(..) {
            // Removed while still held (see the module's documentation); closing the file
            // releases the lock.
            #[cfg(unix)]
            let _ = std::fs::remove_file(folder.join(LOCK_FILE));
            #[cfg(not(unix))]
            let _ = folder;
            drop(file);
        }
    }
}

impl Lock {
    /// Locks `folder`, waiting for another edit that holds it, unless this edit holds it
    /// already.
    pub(crate) fn folder(&mut self, folder: &Path, wait: &Wait) -> Result<(), EditError> {
        let io = |what, source| EditError::Io {
            what,
            path: folder.display().to_string(),
            source,
        };
        let real = std::fs::canonicalize(folder).map_err(|e| io("read", e))?;
        if self.held.iter().any(|(held, _)| *held == real) {
            return Ok(());
        }
        let path = real.join(LOCK_FILE);
        let start = Instant::now();
        let mut pause = Duration::from_millis(2);
        let mut said = false;
        loop {
            let Some(file) = open(&path).map_err(|e| io("lock", e))? else {
                return Ok(());
            };
            match file.try_lock() {
                Ok(()) if still_there(&file, &path) => {
                    self.held.push((real, file));
                    return Ok(());
                }
                // The edit that held it removed it: lock the new one.
                Ok(()) => continue,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(io("lock", e)),
            }
            let waited = start.elapsed();
            if waited >= wait.limit {
                return Err(EditError::Busy {
                    folder: folder.display().to_string(),
                    waited,
                });
            }
            if !said {
                (wait.notice)(folder);
                said = true;
            }
            std::thread::sleep(pause.min(wait.limit - waited));
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }

    /// Locks each of `folders` (in order of their paths, so that two edits never wait for each
    /// other).
    pub(crate) fn folders<'p>(
        &mut self,
        folders: impl IntoIterator<Item = &'p Path>,
        wait: &Wait,
    ) -> Result<(), EditError> {
        let mut folders: Vec<&Path> = folders.into_iter().collect();
        folders.sort();
        folders.dedup();
        folders.into_iter().try_for_each(|f| self.folder(f, wait))
    }
}

/// Opens (making it if need be) a lock file; `None` where this user may not make it.
fn open(path: &Path) -> std::io::Result<Option<File>> {
    // Written to by no one: opened for writing where it may be, since some network file systems
    // lock only files open for writing.
    let made = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    match made {
        Ok(file) => Ok(Some(file)),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            match File::open(path) {
                Ok(file) => Ok(Some(file)),
                Err(_) => Ok(None),
            }
        }
        Err(e) => Err(e),
    }
}

/// Whether `file` is still the lock file at `path` (not removed by the edit that held it).
#[cfg(unix)]
fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let id = |m: std::fs::Metadata| (m.dev(), m.ino());
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(held), Ok(named)) => id(held) == id(named),
        _ => false,
    }
}

/// Lock files are not removed elsewhere.
#[cfg(not(unix))]
fn still_there(_: &File, _: &Path) -> bool {
    true
}

/// The folder that holds `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While one edit holds a folder, another waits (saying so once) and then gives up; once the
    /// first is done, the other gets the lock at once.
    #[test]
    fn a_second_edit_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Lock::default();
        first
            .folder(dir.path(), &Wait::new(Duration::ZERO))
            .unwrap();
        first
            .folder(dir.path(), &Wait::new(Duration::ZERO))
            .unwrap();
        let said = std::cell::Cell::new(0);
        let notice = |_: &Path| said.set(said.get() + 1);
        let wait = Wait {
            limit: Duration::from_millis(30),
            notice: &notice,
        };
        let mut second = Lock::default();
        let err = second.folder(dir.path(), &wait).unwrap_err();
        assert!(matches!(err, EditError::Busy { .. }), "{err}");
        assert!(err.is_io());
        assert_eq!(said.get(), 1);
        assert!(dir.path().join(LOCK_FILE).is_file());
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists());
        second.folder(dir.path(), &wait).unwrap();
        assert_eq!(said.get(), 1);
        drop(second);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// An edit that opened the lock file before the edit holding it removed it does not take
    /// the removed file's lock for the folder's.
    #[cfg(unix)]
    #[test]
    fn a_removed_lock_file_is_not_taken_for_the_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let stale = open(&path).unwrap().unwrap();
        std::fs::remove_file(&path).unwrap();
        stale.try_lock().unwrap();
        assert!(!still_there(&stale, &path));
        let fresh = open(&path).unwrap().unwrap();
        fresh.try_lock().unwrap();
        assert!(still_there(&fresh, &path));
    }
}
