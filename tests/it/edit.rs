//! Editing commands as before/after fixtures: each folder of `tests/edit/` holds `in/` (the files
//! before), `args` (one argument per line), `out/` (the files after, byte for byte, comments and
//! line endings included) and `expected` (exit code, standard output and error). A refused edit's
//! `out/` equals its `in/`. Refresh with `DOCKET_BLESS=1 cargo test --test it edit::`, then review.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support;

fn read_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_file() {
                out.insert(
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn edits_change_exactly_what_was_asked() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir("tests/edit")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12);
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = support::temp_dir();
        let work = tmp.path();
        for (file, bytes) in read_dir(&case.join("in")) {
            std::fs::write(work.join(file), bytes).unwrap();
        }
        let args: Vec<String> = std::fs::read_to_string(case.join("args"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let out = support::docket()
            .args(&args)
            .current_dir(work)
            .env("DOCKET_NOW", "2026-11-28T12:00:00Z")
            .output()
            .unwrap();
        let report = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr).replace(work.to_str().unwrap(), "<dir>"),
        );
        let after = read_dir(work);
        if support::bless() {
            let _ = std::fs::remove_dir_all(case.join("out"));
            std::fs::create_dir_all(case.join("out")).unwrap();
            for (file, bytes) in &after {
                std::fs::write(case.join("out").join(file), bytes).unwrap();
            }
        } else if after != read_dir(&case.join("out")) {
            failures.push(format!("{name}: files differ from out/"));
        }
        if let Err(diff) = support::snapshot(&case.join("expected"), report.as_bytes()) {
            failures.push(diff);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
