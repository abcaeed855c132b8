//! What every test module shares: the `docket` binary with a clean environment, a temporary
//! folder per test, and the one switch that refreshes every snapshot.
//!
//! Snapshots are the files a test compares output with byte for byte: `tests/cmd/*.md` (trycmd),
//! `tests/invalid/*.expected`, `tests/edit/*/{out/,expected}` and `tests/golden/*`. Run
//! `DOCKET_BLESS=1 cargo test --test it` to write what the code gives now, then review the diff
//! like code.

use std::path::Path;
use std::process::{Command, Output};

pub use tempfile::TempDir;

/// The `docket` binary, run from the crate's folder (where `tests/` and `timelines/` are), with
/// none of the `DOCKET_*` variables of the environment running the tests (`DOCKET_DIR`,
/// `DOCKET_CALENDARS`, `DOCKET_NOW`, `DOCKET_LOCK_WAIT`, `DOCKET_BLESS`) and no colour.
pub fn docket() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docket"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("DOCKET_") {
            command.env_remove(key);
        }
    }
    command.env("NO_COLOR", "1");
    command
}

/// Runs [`docket`] with `args` in `cwd`, failing the test if the binary panicked.
#[track_caller]
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    let out = docket().args(args).current_dir(cwd).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{args:?} panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh temporary folder, removed when the value is dropped.
pub fn temp_dir() -> TempDir {
    TempDir::new().unwrap()
}

/// The exit code, or -1 when a signal ended the process.
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Standard output as text (invalid UTF-8 replaced).
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text (invalid UTF-8 replaced).
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output, then standard error, as text: what a failed assertion shows.
pub fn text(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

/// Whether this run refreshes the snapshots instead of comparing with them: `DOCKET_BLESS` set
/// and not empty.
pub fn bless() -> bool {
    std::env::var_os("DOCKET_BLESS").is_some_and(|v| !v.is_empty())
}

/// Compares `actual` with the snapshot file at `path`, byte for byte; when blessing, writes
/// `actual` there instead. A missing file is a difference. Returns what differs, for the test
/// to collect and report.
pub fn snapshot(path: &Path, actual: &[u8]) -> Result<(), String> {
    if bless() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read(path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs from the snapshot (DOCKET_BLESS=1 to refresh, then review):\n--- expected\n{}\n--- actual\n{}",
        path.display(),
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual)
    ))
}
