//! Hostile input made at run time (too big, or links, to check in): a 50 MB title, symbolic-link
//! loops, a folder where a file is expected and the reverse; and injection through titles and
//! notes into every output format. Never a panic, never a partial output file, always a
//! documented exit code.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::support::{self, TempDir};

const HEAD: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\n";

#[test]
fn a_fifty_megabyte_title_is_handled() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    let title = "x".repeat(50 * 1024 * 1024);
    std::fs::write(
        d.join("t.toml"),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"{title}\"\n"),
    )
    .unwrap();
    let out = support::run(d, &["check", "t.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let out = support::run(d, &["export", "t.toml", "--format", "ics", "-o", "out.ics"]);
    assert_eq!(out.status.code(), Some(0));
    let ics = std::fs::read_to_string(d.join("out.ics")).unwrap();
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_detected() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(
        d.join("docket/t.toml"),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n"),
    )
    .unwrap();
    // A folder that links back to its parent: read once, not forever.
    std::os::unix::fs::symlink(d.join("docket"), d.join("docket/again")).unwrap();
    let out = support::run(d, &["check", "docket"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 timeline, 1 event"));
    // A file link that points at itself: a clear error, a file that cannot be read (exit 3).
    std::os::unix::fs::symlink(d.join("docket/self.toml"), d.join("docket/self.toml")).unwrap();
    let out = support::run(d, &["check", "docket"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("self.toml"));
}

#[test]
fn a_folder_where_a_file_is_expected_and_the_reverse() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("timelines")).unwrap();
    std::fs::write(d.join("timelines/t.toml"), HEAD).unwrap();
    std::fs::write(d.join("plain-file"), "x").unwrap();
    // `new` onto an existing folder, `add event` into a folder: refused, nothing written.
    let out = support::run(d, &["new", "timelines", "--title", "X"]);
    assert_eq!(out.status.code(), Some(2));
    let out = support::run(
        d,
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
    let out = support::run(
        d,
        &["export", "timelines", "--format", "csv", "-o", "timelines"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(d.join("timelines/t.toml").is_file());
    // A file where a folder is expected.
    let out = support::run(d, &["--calendars", "plain-file", "calendars"]);
    assert_eq!(out.status.code(), Some(2));
    let out = support::docket()
        .args(["list"])
        .current_dir(d)
        .env("DOCKET_DIR", "plain-file")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A path that does not exist: it cannot be read (exit 3), for `check` as for `list`.
    assert_eq!(
        support::run(d, &["check", "missing"]).status.code(),
        Some(3)
    );
    assert_eq!(support::run(d, &["list", "missing"]).status.code(), Some(3));
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".docket-"))
        .collect();
    assert!(leftovers.is_empty(), "a temporary file was left behind");
}

const NASTY: &str = "=cmd|' /C calc'!A0 \u{1b}[2J\u{1b}[31mred\u{1b}[0m \u{202e}gnp.exe \u{200b}zero | <b>bold</b> & `code` \r\nBEGIN:VEVENT";

fn nasty_docket() -> TempDir {
    let tmp = support::temp_dir();
    let d = tmp.path();
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
    tmp
}

fn stdout(d: &Path, args: &[&str]) -> String {
    let out = support::run(d, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn injection_cannot_reach_a_terminal() {
    let tmp = nasty_docket();
    let d = tmp.path();
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
        let text = stdout(d, args);
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
    let tmp = nasty_docket();
    let d = tmp.path();
    let csv = stdout(
        d,
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
        d,
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
        d,
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
    let ics = stdout(d, &["export", "t.toml", "--format", "ics"]);
    let begins = ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(begins, 2, "one VEVENT per record, none injected");
    assert!(!ics.contains('\u{1b}') && !ics.contains('\u{202e}'));
}

/// U+2028 and U+2029 end a line in some programs (JavaScript, editors, `str.splitlines`): no
/// output carries them raw where a line break could do harm, as with other control characters.
#[test]
fn line_and_paragraph_separators_are_escaped_in_every_format() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    let title = "Reply\u{2028}BEGIN:VEVENT\u{2029}due";
    std::fs::write(
        d.join("t.toml"),
        format!(
            "{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"{title}\"\n\n\
             [[event]]\nid = \"f\"\ndate = 2020-01-14\ntitle = \"\u{2028}=1+1\"\n"
        ),
    )
    .unwrap();
    let list = ["list", "t.toml", "--as-of", "2020-01-14"];
    for extra in [&[][..], &["--color", "always"]] {
        let table = stdout(d, &[&list[..], extra].concat());
        assert!(!table.contains(['\u{2028}', '\u{2029}']), "{table}");
        assert!(
            table.contains("Reply\\u{2028}BEGIN:VEVENT\\u{2029}due"),
            "{table}"
        );
    }
    let md = stdout(d, &[&list[..], &["--format", "markdown"]].concat());
    assert!(!md.contains(['\u{2028}', '\u{2029}']), "{md}");
    assert!(md.contains("| Reply BEGIN:VEVENT due |"), "{md}");
    let csv = stdout(d, &[&list[..], &["--format", "csv"]].concat());
    let titles: Vec<String> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    // A separator cannot hide a formula at the start of a cell; inside one, it is data.
    assert_eq!(titles, [title.to_string(), "'\u{2028}=1+1".to_string()]);
    let ics = stdout(d, &["export", "t.toml", "--format", "ics"]);
    assert!(!ics.contains(['\u{2028}', '\u{2029}']), "{ics}");
    assert!(
        ics.contains("SUMMARY:[T] Reply\\nBEGIN:VEVENT\\ndue\r\n"),
        "{ics}"
    );
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 2);
}

/// A file name made to hold an escape sequence or a bidi override is shown escaped in
/// diagnostics, in error messages and in what the editing commands say, never acted on.
#[cfg(unix)]
#[test]
fn file_names_with_escape_sequences_are_shown_escaped() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    let shown = "a\\u{1b}[2Jb\\u{202e}.toml";
    let broken = "a\u{1b}[2Jb\u{202e}.toml";
    let check = |out: &Output| {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Colour codes are docket's own; the name's sequence must not be there.
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains('\u{202e}'),
            "raw in {text:?}"
        );
        text
    };
    // A diagnostic in such a file: the location line, in colour and without.
    std::fs::write(
        d.join(broken),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-13-01\ntitle = \"E\"\n"),
    )
    .unwrap();
    for color in ["never", "always"] {
        let text = check(&support::run(d, &["check", ".", "--color", color]));
        assert!(text.contains(&format!("{shown}:8:8")), "{text}");
    }
    // An error message naming a file that cannot be read or written.
    let text = check(&support::run(d, &["list", "missing\u{1b}[2J.toml"]));
    assert!(text.contains("missing\\u{1b}[2J.toml"), "{text}");
    std::fs::write(
        d.join(broken),
        format!("{HEAD}\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n"),
    )
    .unwrap();
    let out = support::run(
        d,
        &["export", ".", "--format", "ics", "-o", "no\u{1b}[2J/x.ics"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(check(&out).contains("no\\u{1b}[2J/x.ics"));
    // What `fmt` and the editing commands say about the files they change.
    std::fs::write(
        d.join(broken),
        format!("{HEAD}\n\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n"),
    )
    .unwrap();
    for args in [&["fmt", "--check", "."][..], &["fmt", "--dry-run", "."]] {
        assert!(check(&support::run(d, args)).contains(shown), "{args:?}");
    }
    let out = support::run(
        d,
        &[
            "add",
            "event",
            broken,
            "--date",
            "2020-01-14",
            "--title",
            "F",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", check(&out));
    assert!(check(&out).contains(shown));
}
