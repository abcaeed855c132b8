//! Hostile input made at run time (too big, or links, to check in): a 50 MB title, symbolic-link
//! loops, a folder where a file is expected and the reverse; and injection through titles and
//! notes into every output format. Never a panic, never a partial output file, always a
//! documented exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("docket-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn docket(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("DOCKET_DIR")
        .env_remove("DOCKET_CALENDARS")
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{args:?} panicked"
    );
    out
}

const HEAD: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\n";

#[test]
fn a_fifty_megabyte_title_is_handled() {
    let d = dir("huge");
    let title = "x".repeat(50 * 1024 * 1024);
    std::fs::write(
        d.join("t.toml"),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"{title}\"\n"),
    )
    .unwrap();
    let out = docket(&d, &["check", "t.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let out = docket(
        &d,
        &["export", "t.toml", "--format", "ics", "-o", "out.ics"],
    );
    assert_eq!(out.status.code(), Some(0));
    let ics = std::fs::read_to_string(d.join("out.ics")).unwrap();
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    std::fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_detected() {
    let d = dir("loops");
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(
        d.join("docket/t.toml"),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n"),
    )
    .unwrap();
    // A folder that links back to its parent: read once, not forever.
    std::os::unix::fs::symlink(d.join("docket"), d.join("docket/again")).unwrap();
    let out = docket(&d, &["check", "docket"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 timeline, 1 event"));
    // A file link that points at itself: a clear error, a file that cannot be read (exit 3).
    std::os::unix::fs::symlink(d.join("docket/self.toml"), d.join("docket/self.toml")).unwrap();
    let out = docket(&d, &["check", "docket"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("self.toml"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_folder_where_a_file_is_expected_and_the_reverse() {
    let d = dir("kinds");
    std::fs::create_dir_all(d.join("timelines")).unwrap();
    std::fs::write(d.join("timelines/t.toml"), HEAD).unwrap();
    std::fs::write(d.join("plain-file"), "x").unwrap();
    // `new` onto an existing folder, `add event` into a folder: refused, nothing written.
    let out = docket(&d, &["new", "timelines", "--title", "X"]);
    assert_eq!(out.status.code(), Some(2));
    let out = docket(
        &d,
        &[
            "add",
            "event",
            "timelines",
            "--date",
            "2020-01-13",
            "--title",
            "E",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    // Exporting onto a folder: an I/O failure, the folder untouched.
    let out = docket(
        &d,
        &["export", "timelines", "--format", "csv", "-o", "timelines"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(d.join("timelines/t.toml").is_file());
    // A file where a folder is expected.
    let out = docket(&d, &["--calendars", "plain-file", "calendars"]);
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["list"])
        .current_dir(&d)
        .env("DOCKET_DIR", "plain-file")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A path that does not exist: it cannot be read (exit 3), for `check` as for `list`.
    assert_eq!(docket(&d, &["check", "missing"]).status.code(), Some(3));
    assert_eq!(docket(&d, &["list", "missing"]).status.code(), Some(3));
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".docket-"))
        .collect();
    assert!(leftovers.is_empty(), "a temporary file was left behind");
    std::fs::remove_dir_all(&d).unwrap();
}

const NASTY: &str = "=cmd|' /C calc'!A0 \u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{202e}gnp.exe \u{200b}zero | <b>bold</b> & `code` \r\nBEGIN:VEVENT";

fn nasty_docket() -> PathBuf {
    let d = dir("inject");
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    std::fs::write(
        d.join("t.toml"),
        format!(
            "{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = {}\nnotes = {}\n\n[[deadline]]\nid = \"d\"\ntitle = {}\ntrigger = \"e\"\nperiod = \"14 days\"\nauthority = \"x\"\n",
            q(NASTY),
            q(NASTY),
            q(&format!("-{NASTY}")),
        ),
    )
    .unwrap();
    d
}

fn stdout(d: &Path, args: &[&str]) -> String {
    let out = docket(d, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn injection_cannot_reach_a_terminal() {
    let d = nasty_docket();
    for args in [
        &["list", "t.toml", "--as-of", "2020-01-14"][..],
        &["upcoming", "t.toml", "--as-of", "2020-01-14"],
        &["explain", "d", "t.toml", "--as-of", "2020-01-14"],
        &[
            "list",
            "t.toml",
            "--as-of",
            "2020-01-14",
            "--color",
            "always",
        ],
    ] {
        let text = stdout(&d, args);
        assert!(!text.contains('\u{202e}'), "{args:?}: raw bidi override");
        assert!(!text.contains('\u{200b}'), "{args:?}: raw zero-width space");
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains("\u{1b}[31mred"),
            "{args:?}: raw escape sequence"
        );
        assert!(
            text.contains("\\u{1b}[2J") || text.contains("\\u{202e}"),
            "{args:?}: the text is not shown at all"
        );
    }
}

#[test]
fn injection_cannot_reach_a_spreadsheet_markdown_or_json() {
    let d = nasty_docket();
    let csv = stdout(
        &d,
        &["list", "t.toml", "--as-of", "2020-01-14", "--format", "csv"],
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !matches!(cell.chars().next(), Some('=' | '+' | '-' | '@')),
                "formula cell {cell:?}"
            );
        }
    }
    let md = stdout(
        &d,
        &[
            "list",
            "t.toml",
            "--as-of",
            "2020-01-14",
            "--format",
            "markdown",
        ],
    );
    for line in md.lines().skip(2) {
        // Every row keeps exactly its 5 cells: no `|` from a title breaks out of its cell.
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 6, "{line}");
        assert!(!line.contains("<b>") && !line.contains('\u{1b}'), "{line}");
    }
    let json: Value = serde_json::from_str(&stdout(
        &d,
        &[
            "list",
            "t.toml",
            "--as-of",
            "2020-01-14",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let titles: Vec<&str> = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&NASTY),
        "JSON carries the text as data, exactly"
    );
    let ics = stdout(&d, &["export", "t.toml", "--format", "ics"]);
    let begins = ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(begins, 2, "one VEVENT per record, none injected");
    assert!(!ics.contains('\u{1b}') && !ics.contains('\u{202e}'));
}
