//! A large file written without filling the page cache: every [`WINDOW`] bytes, what was
//! written is synced to disk and the kernel is told it will not be read again
//! (`posix_fadvise(POSIX_FADV_DONTNEED)`), so the pages that held it are free for the next part.
//! A write then costs the same pages over and over instead of one new page for every 4 KiB of
//! the file; on a virtual machine that hands its free memory back to the host, every new page
//! costs a fault in the host (DESIGN.md, "Why are large files dropped from the page cache as
//! they are written?"; the measurements are in bench/README.md).
//!
//! Files smaller than a window (every edit) are written exactly as before. The syncs only come
//! earlier: the file is synced whole before it is renamed into place either way. Elsewhere than
//! on Linux the writes are plain.

use std::fs::File;
use std::io::{self, Write};

/// How much is written between two syncs: small enough that the freed pages are taken again
/// before the kernel hands them back to the host, large enough that a sync writes a good run of
/// the disk (bench/README.md compares windows of 1 to 128 MiB).
pub(super) const WINDOW: u64 = 8 << 20;

/// Writes to a file, dropping each `window` of what was written from the page cache once it is
/// on disk.
pub(super) struct DropBehind<'a> {
    file: &'a File,
    window: u64,
    /// Bytes written so far.
    written: u64,
    /// Bytes synced and dropped so far: the start of what is still in the page cache.
    dropped: u64,
}

impl<'a> DropBehind<'a> {
    /// A writer to `file`, from its start, dropping every `window` bytes (more than 0).
    pub(super) fn new(file: &'a File, window: u64) -> Self {
        debug_assert!(window > 0);
        DropBehind {
            file,
            window,
            written: 0,
            dropped: 0,
        }
    }

    /// Syncs what was written since the last drop and lets the kernel free its pages.
    #[cfg(target_os = "linux")]
    fn drop_written(&mut self) -> io::Result<()> {
        self.file.sync_data()?;
        let len = std::num::NonZeroU64::new(self.written - self.dropped);
        // Advice only: the data is on disk whether or not the kernel takes it.
        let _ = rustix::fs::fadvise(self.file, self.dropped, len, rustix::fs::Advice::DontNeed);
        self.dropped = self.written;
        Ok(())
    }

    #[cfg(not(target_os = "linux"))]
    fn drop_written(&mut self) -> io::Result<()> {
        self.dropped = self.written;
        Ok(())
    }
}

impl Write for DropBehind<'_> {
    /// Writes at most what is left of the window, so that a large buffer handed over at once is
    /// dropped window by window too (`write_all` writes the rest). A full window is dropped
    /// before the next write, so that an error always means that nothing of `buf` was written.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written - self.dropped >= self.window {
            self.drop_written()?;
        }
        let room = self.window - (self.written - self.dropped);
        let piece = &buf[..buf.len().min(usize::try_from(room).unwrap_or(usize::MAX))];
        let n = (&mut &*self.file).write(piece)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        (&mut &*self.file).flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek, SeekFrom};

    #[test]
    fn what_is_written_across_many_windows_reads_back_whole() {
        let file = tempfile::tempfile().unwrap();
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut w = DropBehind::new(&file, 4096);
        // Pieces of uneven sizes, so that windows end inside a write as well as between two,
        // and one piece of many windows at once.
        let (small, large) = bytes.split_at(60_000);
        for piece in small.chunks(1_000).flat_map(|c| c.chunks(333)) {
            w.write_all(piece).unwrap();
        }
        w.write_all(large).unwrap();
        w.flush().unwrap();
        assert_eq!(w.written, bytes.len() as u64);
        // Every full window but the last is dropped, each at a multiple of the window.
        assert_eq!(w.dropped, (bytes.len() as u64 - 1) / 4096 * 4096);
        let (mut read, mut back) = (&file, Vec::new());
        read.seek(SeekFrom::Start(0)).unwrap();
        read.read_to_end(&mut back).unwrap();
        assert_eq!(back, bytes);
    }
}
