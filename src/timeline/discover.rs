//! Finding timeline files: each path is a file or a folder read recursively (`*.toml` only,
//! symbolic-link loops detected); with no path, `$DOCKET_DIR` or `timelines/` here.
//!
//! Paths named are always followed, links or not. A symbolic link met while walking a folder is
//! followed when it leads somewhere inside that folder, or to a `.toml` file elsewhere (a
//! timeline kept in another folder and linked into the docket); a link to a folder outside, or
//! to a file outside that is not named `.toml` (`secret.toml` → `/etc/shadow`), is not, unless
//! links are to be followed everywhere ([`Links::Follow`], `--follow`). Each link left unread is
//! a warning, so that a matter kept elsewhere does not vanish from the views without a word.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The folder used when no path is given: `$DOCKET_DIR`, else `timelines/` in the current folder.
pub fn default_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("DOCKET_DIR").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        if dir.is_dir() {
            return Ok(dir);
        }
        return Err(format!(
            "DOCKET_DIR is `{}`, which is not a folder",
            dir.display()
        ));
    }
    let here = PathBuf::from("timelines");
    if here.is_dir() {
        return Ok(here);
    }
    Err("no timelines to read: there is no `timelines/` folder here and DOCKET_DIR is not set; name a file or folder".into())
}

/// Which symbolic links met while walking a folder are followed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    /// Those that lead inside the folder being walked, or to a `.toml` file.
    #[default]
    Inside,
    /// Every one (`--follow`).
    Follow,
}

/// Every timeline file under `paths`, in a stable order, plus a diagnostic for each path that
/// cannot be read and each symbolic link left unread because it leads out of its folder.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.toml"), "").unwrap();
/// std::fs::write(dir.path().join("notes.txt"), "").unwrap();
/// let (files, problems) = docket::timeline::find_files(&[dir.path().into()]);
/// assert_eq!(files, [dir.path().join("a.toml")]);
/// assert!(problems.is_empty());
/// ```
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    find_files_with(paths, Links::Inside)
}

/// [`find_files`], following the symbolic links met while walking as `links` says.
pub fn find_files_with(paths: &[PathBuf], links: Links) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => problems.push(Diagnostic::io_error(
                path,
                format!("cannot read `{}`: {}", path.display(), io_words(&e)),
            )),
            Ok(m) if m.is_dir() => {
                let walk = Walk {
                    root: std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                    links,
                };
                walk.folder(path, &mut seen_dirs, &mut files, &mut problems)
            }
            Ok(m) if m.is_file() => files.push(path.clone()),
            Ok(_) => problems.push(Diagnostic::path_error(
                path,
                format!("`{}` is not a file or a folder", path.display()),
            )),
        }
    }
    let mut seen_files = HashSet::new();
    files.retain(|f| seen_files.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, problems)
}

/// One folder named on the command line, walked.
struct Walk {
    /// The folder, as its real path.
    root: PathBuf,
    links: Links,
}

impl Walk {
    fn folder(
        &self,
        dir: &Path,
        seen: &mut HashSet<PathBuf>,
        files: &mut Vec<PathBuf>,
        problems: &mut Vec<Diagnostic>,
    ) {
        let real = match std::fs::canonicalize(dir) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Diagnostic::io_error(
                    dir,
                    format!("cannot read folder `{}`: {}", dir.display(), io_words(&e)),
                ));
                return;
            }
        };
        if !seen.insert(real) {
            // Already read: a symbolic-link loop or a second link to the same folder.
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::io_error(
                    dir,
                    format!("cannot read folder `{}`: {}", dir.display(), io_words(&e)),
                ));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            if let Some(outside) = self.link_out(&path) {
                if let Ok(m) = std::fs::metadata(&path)
                    && (m.is_dir() || (m.is_file() && is_toml))
                {
                    problems.push(outside);
                }
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.folder(&path, seen, files, problems),
                Ok(m) if m.is_file() && is_toml => files.push(path),
                Ok(_) => {}
                Err(e) => {
                    if is_toml {
                        problems.push(Diagnostic::io_error(
                            &path,
                            format!("cannot read `{}`: {}", path.display(), io_words(&e)),
                        ));
                    }
                }
            }
        }
    }

    /// For a symbolic link at `path` that leads out of the folder walked to a folder, or to a
    /// file not named `.toml` (and links are not all followed), the warning that says it is
    /// not read.
    fn link_out(&self, path: &Path) -> Option<Diagnostic> {
        if self.links == Links::Follow || !std::fs::symlink_metadata(path).ok()?.is_symlink() {
            return None;
        }
        let target = std::fs::canonicalize(path).ok()?;
        let timeline_file = target.is_file() && target.extension().is_some_and(|e| e == "toml");
        if target.starts_with(&self.root) || timeline_file {
            return None;
        }
        let mut warning = Diagnostic::path_error(
            path,
            format!(
                "`{}` is a symbolic link to `{}`, outside `{}`; it is not read",
                path.display(),
                target.display(),
                self.root.display()
            ),
        )
        .help("name it on the command line, or give `--follow` to follow every link");
        warning.severity = crate::diagnostic::Severity::Warning;
        Some(warning)
    }
}

/// An I/O error in lowercase words.
pub fn io_words(e: &std::io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s).to_string();
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => s,
    }
}
