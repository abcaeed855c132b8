//! Atomic, durable file writes: a temporary file in the same folder, written and synced, renamed
//! over the target, and the folder synced. A reader sees the old file or the new one, never half.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically. A symbolic link at `path` is followed and its target
/// replaced; an existing file's permissions are kept.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("docket-atomic-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let f = dir.join("out.txt");
/// docket::atomic::write(&f, b"hello").unwrap();
/// assert_eq!(std::fs::read(&f).unwrap(), b"hello");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

/// Writes to `path` atomically what `fill` writes, streamed into the temporary file: when
/// `fill` fails, the temporary file is removed and `path` is untouched. Returns what `fill`
/// returns.
///
/// ```
/// use std::io::Write;
/// let dir = std::env::temp_dir().join(format!("docket-atomic-with-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let f = dir.join("out.txt");
/// let n = docket::atomic::write_with(&f, |w| w.write_all(b"hello").map(|()| 5)).unwrap();
/// assert_eq!((n, std::fs::read(&f).unwrap()), (5, b"hello".to_vec()));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_with<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let target = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".docket-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    let value = fill(tmp.as_file_mut())?;
    if let Ok(meta) = std::fs::metadata(&target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(&dir) {
        // Syncing a folder is not supported everywhere; the rename has happened either way.
        let _ = d.sync_all();
    }
    Ok(value)
}
