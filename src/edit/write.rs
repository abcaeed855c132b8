//! Writing an edited timeline file: the new text is staged beside the file (written and synced,
//! with the file's permissions, owner and extended attributes), then, immediately before the
//! rename, the file is read again and must still hold exactly what the edit read. Never splits
//! hard links; a symbolic link is followed and its target replaced (see [`crate::atomic`]).

use std::path::{Path, PathBuf};

use super::error::EditError;
use crate::atomic;

/// A file's new text, staged beside it and not yet in its place.
#[derive(Debug)]
pub(crate) struct Staged {
    /// The path as given.
    path: PathBuf,
    staged: atomic::Staged,
    /// What the file held when it was read; `None` for a file that must not exist.
    original: Option<Vec<u8>>,
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> EditError {
    let path = path.display().to_string();
    move |source| EditError::Io { what, path, source }
}

/// Stages `new` to replace the file at `path`, which held `original` when it was read.
pub(crate) fn stage_replace(path: &Path, original: &[u8], new: &[u8]) -> Result<Staged, EditError> {
    let real = std::fs::canonicalize(path).map_err(io("read", path))?;
    let meta = std::fs::metadata(&real).map_err(io("read", path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(EditError::HardLinks {
                path: path.display().to_string(),
                links: meta.nlink(),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let (staged, ()) = atomic::stage(&real, |w| w.write_all(new)).map_err(io("write", path))?;
    Ok(Staged {
        path: path.to_path_buf(),
        staged,
        original: Some(original.to_vec()),
    })
}

/// Stages `new` as a file at `path`, which must not exist, now or when it is committed.
pub(crate) fn stage_create(path: &Path, new: &[u8]) -> Result<Staged, EditError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(EditError::Invalid(format!(
            "`{}` already exists; `docket new` does not overwrite files",
            path.display()
        )));
    }
    let (staged, ()) = atomic::stage(path, |w| w.write_all(new)).map_err(io("write", path))?;
    Ok(Staged {
        path: path.to_path_buf(),
        staged,
        original: None,
    })
}

impl Staged {
    /// Puts the new text in place, if the file still holds what the edit read (or, for a new
    /// file, still does not exist).
    pub(crate) fn commit(self) -> Result<(), EditError> {
        let shown = || self.path.display().to_string();
        if let Some(original) = &self.original {
            match std::fs::read(self.staged.target()) {
                Ok(now) if now == *original => {}
                Ok(_) => return Err(EditError::Changed(shown())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(EditError::Removed(shown()));
                }
                Err(e) => return Err(io("read", &self.path)(e)),
            }
        }
        let path = self.path.clone();
        self.staged.commit().map_err(io("write", &path))
    }
}

/// Replaces the file at `path`, which must still hold `original`, with `new`.
pub(crate) fn replace(path: &Path, original: &[u8], new: &[u8]) -> Result<(), EditError> {
    stage_replace(path, original, new)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\n";

    /// Another program saves the file after the edit read it and while the new text is staged:
    /// its version is kept, the edit fails, and no temporary file is left.
    #[test]
    fn a_file_changed_while_the_edit_is_staged_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, FILE).unwrap();
        let staged = stage_replace(&path, FILE.as_bytes(), b"new").unwrap();
        let theirs = format!("{FILE}# saved in an editor\n");
        std::fs::write(&path, &theirs).unwrap();
        let err = staged.commit().unwrap_err();
        assert!(matches!(err, EditError::Changed(_)), "{err}");
        assert!(err.is_io());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_removed_while_the_edit_is_staged_is_not_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, FILE).unwrap();
        let staged = stage_replace(&path, FILE.as_bytes(), b"new").unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(staged.commit(), Err(EditError::Removed(_))));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "theirs").unwrap();
        assert!(matches!(
            stage_create(&path, b"ours"),
            Err(EditError::Invalid(_))
        ));
        std::fs::remove_file(&path).unwrap();
        let staged = stage_create(&path, b"ours").unwrap();
        std::fs::write(&path, "theirs").unwrap();
        let err = staged.commit().unwrap_err();
        assert!(err.is_io(), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_not_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, FILE).unwrap();
        std::fs::hard_link(&path, dir.path().join("other-name.toml")).unwrap();
        let err = replace(&path, FILE.as_bytes(), b"new").unwrap_err();
        assert!(
            matches!(err, EditError::HardLinks { links: 2, .. }),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }
}
