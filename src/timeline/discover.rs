//! Finding timeline files: each path is a file or a folder read recursively (`*.toml` only,
//! symbolic-link loops detected); with no path, `$DOCKET_DIR` or `timelines/` here.

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

/// Every timeline file under `paths`, in a stable order, plus a diagnostic for each path that
/// cannot be read.
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => problems.push(Diagnostic::io_error(
                path,
                format!("cannot read `{}`: {}", path.display(), io_words(&e)),
            )),
            Ok(m) if m.is_dir() => walk(path, &mut seen_dirs, &mut files, &mut problems),
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

fn walk(
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
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, seen, files, problems),
            Ok(m) if m.is_file() && path.extension().is_some_and(|e| e == "toml") => {
                files.push(path)
            }
            Ok(_) => {}
            Err(e) => {
                if path.extension().is_some_and(|e| e == "toml") {
                    problems.push(Diagnostic::io_error(
                        &path,
                        format!("cannot read `{}`: {}", path.display(), io_words(&e)),
                    ));
                }
            }
        }
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
