//! Writing an edited timeline file: never over a file that changed since it was read, never
//! splitting hard links, atomically and durably, keeping permissions and owner; a symbolic link
//! is followed and its target replaced.

use std::path::Path;

use super::error::EditError;

/// Replaces the file at `path`, which must still hold `original`, with `new`.
pub fn replace(path: &Path, original: &[u8], new: &[u8]) -> Result<(), EditError> {
    let shown = path.display().to_string();
    let io = |what: &'static str, e: std::io::Error| EditError::Io {
        what,
        path: shown.clone(),
        message: crate::timeline::io_words(&e),
    };
    let real = std::fs::canonicalize(path).map_err(|e| io("read", e))?;
    let meta = std::fs::metadata(&real).map_err(|e| io("read", e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(EditError::HardLinks {
                path: shown,
                links: meta.nlink(),
            });
        }
    }
    let now = std::fs::read(&real).map_err(|e| io("read", e))?;
    if now != original {
        return Err(EditError::Changed(shown));
    }
    crate::atomic::write(&real, new).map_err(|e| io("write", e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner when the process may (as root, or the owner itself).
        let _ = std::os::unix::fs::chown(&real, Some(meta.uid()), Some(meta.gid()));
    }
    Ok(())
}

/// Creates a new file at `path`; refuses to replace an existing one.
pub fn create(path: &Path, new: &[u8]) -> Result<(), EditError> {
    if path.exists() {
        return Err(EditError::Invalid(format!(
            "`{}` already exists; `docket new` does not overwrite files",
            path.display()
        )));
    }
    crate::atomic::write(path, new).map_err(|e| EditError::Io {
        what: "write",
        path: path.display().to_string(),
        message: crate::timeline::io_words(&e),
    })
}
