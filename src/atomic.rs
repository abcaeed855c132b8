//! Atomic, durable file writes: a temporary file in the same folder, written and synced, renamed
//! over the target, and the folder synced. A reader sees the old file or the new one, never half.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How often [`write_with`] flushes a file being written to the disk.
pub const FLUSH_EVERY: Duration = Duration::from_millis(200);

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
    replace(path, |file| file.write_all(bytes))
}

/// Writes to `path` atomically what `fill` writes, streamed into the temporary file: when
/// `fill` fails, the temporary file is removed and `path` is untouched. Returns what `fill`
/// returns.
///
/// While `fill` runs, a thread of its own flushes what has been written to the disk every
/// [`FLUSH_EVERY`], so that a large file (a million-event calendar is over a gigabyte) goes to
/// the disk while the rest of it is made, and the final sync waits only for the last part.
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
    write_flushing(path, FLUSH_EVERY, fill)
}

/// [`write_with`], flushing every `every`.
fn write_flushing<T>(
    path: &Path,
    every: Duration,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> std::io::Result<T> {
    replace(path, |file| {
        let flushing = file.try_clone()?;
        let (done, finished) = mpsc::channel::<()>();
        let flusher = std::thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(every) {
                // An error here is met again, and reported, by the final sync.
                let _ = flushing.sync_data();
            }
        });
        let value = fill(file);
        drop(done);
        // The thread only syncs: it has nothing of its own to report.
        let _ = flusher.join();
        value
    })
}

/// The temporary file, filled by `fill`, synced and renamed over `path` (see [`write`]).
fn replace<T>(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<T>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Flushing all the time while the file is written changes nothing in what is written, and
    /// a fill that fails after writing much leaves the old file and no temporary file behind.
    #[test]
    fn flushing_while_writing_keeps_every_byte_and_every_guarantee() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calendar.ics");
        let line = |i: usize| format!("line {i} of a long calendar\r\n");
        let all: String = (0..20_000).map(line).collect();
        let n = write_flushing(&path, Duration::ZERO, |w| {
            (0..20_000).try_for_each(|i| w.write_all(line(i).as_bytes()))?;
            Ok(7)
        })
        .unwrap();
        assert_eq!(
            (n, std::fs::read_to_string(&path).unwrap()),
            (7, all.clone())
        );
        let failed = write_flushing(&path, Duration::ZERO, |w| {
            (0..20_000).try_for_each(|i| w.write_all(line(i).as_bytes()))?;
            Err::<(), _>(std::io::Error::other("the disk is full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the disk is full");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), all);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["calendar.ics"]);
    }
}
