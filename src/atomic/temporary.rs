//! The temporary files of atomic writes: named `.docket-PID-XXXXXX.tmp` beside their target (the
//! process id of their owner in the name), removed if SIGINT, SIGTERM or SIGHUP stops the process
//! while one exists, and swept by a later write into the same folder once the process that made
//! them is gone (killed with SIGKILL, or the machine stopped).
//!
//! A `tempfile` temporary removes itself when dropped, which a signal skips: the process ends
//! without unwinding. So while a temporary exists a thread waits for those three signals; on one,
//! it removes every temporary of the process and then ends the process as the signal would have.
//! A rename holds the same lock as that thread, so a temporary is never removed after it has
//! become the target, nor renamed after it has been removed.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

use tempfile::TempPath;

const PREFIX: &str = ".docket-";
const SUFFIX: &str = ".tmp";

/// The temporaries of this process that exist now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file of this process, removed when dropped (or when a signal stops the process).
#[derive(Debug)]
pub(super) struct Temporary {
    path: Option<TempPath>,
}

impl Temporary {
    /// Creates a temporary in `dir`, with `mode` as its permissions less the umask (Unix), and
    /// opens it for writing.
    pub(super) fn new_in(dir: &Path, mode: u32) -> io::Result<(Temporary, File)> {
        remove_on_signal();
        let mut builder = tempfile::Builder::new();
        let prefix = format!("{PREFIX}{}-", std::process::id());
        builder.prefix(&prefix).suffix(SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut live = live();
        let (file, path) = builder.tempfile_in(dir)?.into_parts();
        live.push(path.to_path_buf());
        Ok((Temporary { path: Some(path) }, file))
    }

    /// Renames the temporary to `target`, replacing a file there when `replace`, refusing to
    /// (`AlreadyExists`) otherwise. On failure the temporary is removed.
    pub(super) fn persist(mut self, target: &Path, replace: bool) -> io::Result<()> {
        let path = self.path.take().expect("a temporary is persisted once");
        let mut live = live();
        live.retain(|p| *p != *path);
        let done = match replace {
            true => path.persist(target),
            false => path.persist_noclobber(target),
        };
        done.map_err(|e| e.error)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let mut live = live();
            live.retain(|p| *p != *path);
            drop(path);
        }
    }
}

/// From the first temporary on, a thread that removes the temporaries when SIGINT, SIGTERM or
/// SIGHUP arrives, then ends the process by that signal.
fn remove_on_signal() {
    #[cfg(unix)]
    {
        static WATCHING: Once = Once::new();
        WATCHING.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held to the end: no rename can happen once the temporaries are gone.
                    let live = live();
                    for path in live.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                }
            });
        });
    }
}

/// Removes from `dir` the temporaries of processes that no longer run.
pub(super) fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner) else {
            continue;
        };
        if pid != me && !running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary's name.
fn owner(name: &str) -> Option<u32> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    middle.split_once('-')?.0.parse().ok()
}

/// Whether process `pid` exists (as far as this process can tell: one it may not signal exists).
#[cfg(unix)]
fn running(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    match i32::try_from(pid).ok().and_then(Pid::from_raw) {
        Some(pid) => test_kill_process(pid) != Err(rustix::io::Errno::SRCH),
        None => true,
    }
}

/// Elsewhere every owner is taken to be running: nothing is swept.
#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_is_read_from_the_name() {
        assert_eq!(owner(".docket-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(owner(".docket-a1B2c3.tmp"), None);
        assert_eq!(owner(".docket-4242-a1B2c3.toml"), None);
        assert_eq!(owner("docket-4242-a1B2c3.tmp"), None);
    }

    /// A temporary whose process has ended is swept; one of a running process (this one, or
    /// another) and other files are kept.
    #[test]
    fn only_the_temporaries_of_ended_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let running = std::process::Command::new("sleep")
            .arg("60")
            .spawn()
            .unwrap();
        let names = [
            format!(".docket-{ended}-aaaaaa.tmp"),
            format!(".docket-{}-bbbbbb.tmp", running.id()),
            format!(".docket-{}-cccccc.tmp", std::process::id()),
            "notes.toml".to_string(),
            ".docket-dddddd.tmp".to_string(),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), "x").unwrap();
        }
        sweep(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut kept = names[1..].to_vec();
        kept.sort();
        assert_eq!(left, kept);
        let mut running = running;
        running.kill().unwrap();
        running.wait().unwrap();
    }

    #[test]
    fn a_temporary_is_named_for_its_owner_and_removed_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (temp, _file) = Temporary::new_in(dir.path(), 0o600).unwrap();
        let path = temp.path.as_ref().unwrap().to_path_buf();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(owner(name), Some(std::process::id()));
        assert!(live().contains(&path));
        drop(temp);
        assert!(!path.exists());
        assert!(!live().contains(&path));
    }
}
