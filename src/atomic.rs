//! Atomic, durable file writes: a temporary file beside the target, written and synced, renamed
//! over the target (`tempfile`'s `persist`), and the folder synced. A reader sees the old file or
//! the new one, never half of one.
//!
//! What a replaced file keeps: its permissions; its owner and group where the process may set
//! them (as root, or its owner; the group alone when the process belongs to it); its extended
//! attributes, POSIX ACLs among them, where the process may set them. A symbolic link is followed
//! and its target replaced. Refused, with nothing written: a target that is not a regular file, a
//! read-only one (no write permission for anyone, even for root), one the process may not open
//! for writing, one removed or replaced by another file while the new one was written, and (for
//! a file that did not exist) one that another program created meanwhile. A new file gets the
//! permissions the umask gives.
//!
//! A large file is synced and dropped from the page cache every few megabytes as it is written
//! ([`drop_behind`]), so that writing it reuses the same memory.
//!
//! The temporary files are `.docket-PID-XXXXXX.tmp` ([`temporary`]): removed on failure, on
//! SIGINT, SIGTERM and SIGHUP, and by a later write into the folder once their process is gone.

mod drop_behind;
mod temporary;

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use drop_behind::DropBehind;
use temporary::Temporary;

/// Writes to `path` atomically what `fill` writes, streamed into the temporary file: when `fill`
/// fails, the temporary file is removed and `path` is untouched. Returns what `fill` returns.
pub(crate) fn write_with<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<T> {
    let (staged, value) = stage(path, fill)?;
    staged.commit()?;
    Ok(value)
}

/// A new version of a file, written and synced beside it, not yet in its place.
#[derive(Debug)]
pub(crate) struct Staged {
    temporary: Temporary,
    /// The file it replaces or creates (symbolic links followed).
    target: PathBuf,
    /// The folder of both.
    dir: PathBuf,
    /// The file it replaces, if one existed.
    replaces: Option<Identity>,
}

/// Writes what `fill` writes into a temporary file beside `path`, with the permissions, owner and
/// extended attributes of the file there, and syncs it; [`Staged::commit`] puts it in place.
pub(crate) fn stage<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<(Staged, T)> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(writable(&target, meta)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Ok(link) = std::fs::read_link(&target) {
                let words = format!(
                    "it is a symbolic link to `{}`, which does not exist",
                    link.display()
                );
                return Err(io::Error::new(io::ErrorKind::NotFound, words));
            }
            None
        }
        Err(e) => return Err(e),
    };
    temporary::sweep(&dir);
    let (temporary, file) = Temporary::new_in(&dir, mode_for(existing.as_ref()))?;
    let value = fill(&mut DropBehind::new(&file, drop_behind::WINDOW))?;
    if let Some(meta) = &existing {
        keep_attributes(&file, &target, meta)?;
    }
    file.sync_all()?;
    let staged = Staged {
        temporary,
        replaces: existing.as_ref().map(Identity::of),
        target,
        dir,
    };
    Ok((staged, value))
}

impl Staged {
    /// The file it will replace or create.
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the new version over the target (or to it, when the target did not exist and
    /// still does not), then syncs the folder.
    pub(crate) fn commit(self) -> io::Result<()> {
        match self.replaces {
            Some(was) => {
                let now = std::fs::metadata(&self.target).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => io::Error::new(
                        io::ErrorKind::NotFound,
                        "it was removed while the new version was being written",
                    ),
                    _ => e,
                })?;
                if Identity::of(&now) != was {
                    return Err(io::Error::other(
                        "it was replaced by another file while the new version was being written",
                    ));
                }
                self.temporary.persist(&self.target, true)?;
            }
            None => self
                .temporary
                .persist(&self.target, false)
                .map_err(|e| match e.kind() {
                    io::ErrorKind::AlreadyExists => io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "another program created it while the new version was being written",
                    ),
                    _ => e,
                })?,
        }
        // Syncing a folder is not supported everywhere; the rename has happened either way.
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// The metadata of an existing target, if it may be replaced.
fn writable(target: &Path, meta: Metadata) -> io::Result<Metadata> {
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    if meta.permissions().readonly() {
        let words = match mode(&meta) {
            Some(m) => format!("it is read-only (mode {m:04o})"),
            None => "it is read-only".to_string(),
        };
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, words));
    }
    // Whether this process may write it (replacing a file one may not write is not writing
    // it), asked without opening it for writing, which file watchers would take for a change.
    #[cfg(unix)]
    {
        use rustix::fs::{Access, AtFlags, CWD, accessat};
        accessat(CWD, target, Access::WRITE_OK, AtFlags::EACCESS)?;
    }
    Ok(meta)
}

/// The permission bits of a file.
fn mode(meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The mode a temporary is created with: a new file's (0666, less the umask), or at most the
/// replaced file's (set exactly once the temporary is written).
fn mode_for(existing: Option<&Metadata>) -> u32 {
    existing.and_then(mode).map_or(0o666, |m| m & 0o777)
}

/// A file's identity: the same file while it is neither replaced nor removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: meta.dev(),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn of(_: &Metadata) -> Identity {
        Identity {
            device: 0,
            inode: 0,
        }
    }
}

/// Gives the temporary the owner, group, permissions and extended attributes of the file it
/// replaces, as far as the process may.
fn keep_attributes(file: &File, target: &Path, meta: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        if fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            // Not root: the group can still be kept by a member of it.
            let _ = fchown(file, None, Some(meta.gid()));
        }
        // After the owner, whose change clears the set-id bits.
        file.set_permissions(meta.permissions())?;
        if let Ok(names) = xattr::list(target) {
            use xattr::FileExt;
            for name in names {
                if let Ok(Some(value)) = xattr::get(target, &name) {
                    // Some are the system's alone to set (a security label, for one).
                    let _ = file.set_xattr(&name, &value);
                }
            }
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        file.set_permissions(meta.permissions())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_with(path, |w| w.write_all(bytes))
    }

    /// What is in `dir`, by name.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        write(&path, b"old").unwrap();
        let n = write_with(&path, |w| w.write_all(b"new").map(|()| 3)).unwrap();
        assert_eq!((n, std::fs::read(&path).unwrap()), (3, b"new".to_vec()));
        assert_eq!(names(dir.path()), ["calendar.ics"]);
    }

    /// A file of several drop-behind windows, written in pieces that straddle them, replaces the
    /// old one whole.
    #[test]
    fn a_file_larger_than_the_drop_behind_window_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        write(&path, b"old").unwrap();
        let size = 2 * drop_behind::WINDOW as usize + 12_345;
        let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        write_with(&path, |w| {
            bytes
                .chunks(1_000_003)
                .try_for_each(|piece| w.write_all(piece))
        })
        .unwrap();
        assert!(std::fs::read(&path).unwrap() == bytes);
        assert_eq!(names(dir.path()), ["calendar.ics"]);
    }

    /// A fill that fails after writing much leaves the old file and no temporary file behind.
    #[test]
    fn a_failed_fill_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        write(&path, b"old").unwrap();
        let failed = write_with(&path, |w| {
            (0..10_000).try_for_each(|i| writeln!(w, "line {i} of a long calendar"))?;
            Err::<(), _>(io::Error::other("the disk is full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the disk is full");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["calendar.ics"]);
    }

    /// A new file gets what the umask gives, as `File::create` does; a replaced file keeps its
    /// own mode (and its extended attributes, where the file system has them).
    #[cfg(unix)]
    #[test]
    fn permissions_are_the_umasks_for_a_new_file_and_kept_for_a_replaced_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let umasked = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let new = dir.path().join("new.ics");
        write(&new, b"x").unwrap();
        let mode_of = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode_of(&new), umasked);

        let kept = dir.path().join("kept.toml");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        let labelled = xattr::set(&kept, "user.docket.test", b"label").is_ok();
        write(&kept, b"new").unwrap();
        assert_eq!(mode_of(&kept), 0o640);
        if labelled {
            let label = xattr::get(&kept, "user.docket.test").unwrap();
            assert_eq!(label.as_deref(), Some(&b"label"[..]));
        }
    }

    /// The group of a replaced file is kept (here by root, who may also keep its owner; a user
    /// who belongs to the group keeps it too).
    #[cfg(unix)]
    #[test]
    fn the_group_of_a_replaced_file_is_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.toml");
        std::fs::write(&path, "old").unwrap();
        const OTHER: u32 = 4242;
        if std::os::unix::fs::chown(&path, None, Some(OTHER)).is_err() {
            // Not root: no other group to give the file in a test.
            return;
        }
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().gid(), OTHER);
    }

    /// Refused even as root, who may write anything: the mode says the file is not to change.
    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write(&path, b"new").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(err.to_string(), "it is read-only (mode 0444)");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["calendar.ics"]);
    }

    #[test]
    fn a_file_removed_while_being_written_is_not_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        std::fs::write(&path, "old").unwrap();
        let (staged, ()) = stage(&path, |w| w.write_all(b"new")).unwrap();
        std::fs::remove_file(&path).unwrap();
        let err = staged.commit().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(!path.exists());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_file_made_by_another_program_while_being_written_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        let (staged, ()) = stage(&path, |w| w.write_all(b"ours")).unwrap();
        std::fs::write(&path, "theirs").unwrap();
        let err = staged.commit().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
        assert_eq!(names(dir.path()), ["new.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_while_being_written_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        std::fs::write(&path, "old").unwrap();
        let (staged, ()) = stage(&path, |w| w.write_all(b"ours")).unwrap();
        let theirs = dir.path().join("theirs");
        std::fs::write(&theirs, "theirs").unwrap();
        std::fs::rename(&theirs, &path).unwrap();
        assert!(staged.commit().is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
        assert_eq!(names(dir.path()), ["calendar.ics"]);
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), b"x").unwrap_err();
        assert_eq!(err.to_string(), "it is a folder");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.ics");
            std::os::unix::fs::symlink(dir.path().join("missing"), &link).unwrap();
            let err = write(&link, b"x").unwrap_err();
            assert!(err.to_string().contains("which does not exist"), "{err}");
            assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        }
    }
}
