//! Views (`list`, `upcoming`, `export`) that must never read as "all clear": filters that match
//! nothing, files with errors, the events of the window, overdue rows without colour. Each test
//! is named after what was found wrong (issue 20).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs the binary in `dir` with a clean environment.
fn docket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .current_dir(dir)
        .env_remove("DOCKET_CALENDARS")
        .env_remove("DOCKET_DIR")
        .env_remove("DOCKET_NOW")
        .env("NO_COLOR", "1")
        .output()
        .expect("docket runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A timeline with an event, a hearing at a time and a deadline, tagged and assigned.
fn timeline(id: &str, assignee: &str) -> String {
    format!(
        r#"[timeline]
id = "{id}"
title = "Matter {id}"
assignee = "{assignee}"
timezone = "America/Denver"
calendar = "d-colo"

[[event]]
id = "{id}-served"
date = 2026-11-09
title = "Served"
kind = "service"
tags = ["pleadings"]

[[event]]
id = "{id}-hearing"
date = 2026-12-03T10:00:00
title = "Motion hearing"
kind = "hearing"
tags = ["hearings"]

[[deadline]]
id = "{id}-answer"
title = "Answer due"
trigger = "{id}-served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
tags = ["pleadings"]
"#
    )
}

/// A folder `timelines/` with two sound files (`alpha`, `beta`), and the folder.
fn docket_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("timelines");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("alpha.toml"), timeline("alpha", "Pat Lee")).unwrap();
    std::fs::write(t.join("beta.toml"), timeline("beta", "Sam Roe")).unwrap();
    (dir, t)
}

/// A file with an error: a deadline whose trigger names nothing.
fn break_one(t: &Path) {
    let mut gamma = timeline("gamma", "Pat Lee");
    gamma.push_str(
        "\n[[deadline]]\nid = \"gamma-reply\"\ntitle = \"Reply\"\ntrigger = \"gamma-nothing\"\nperiod = \"14 days\"\nauthority = \"FRCP 6\"\n",
    );
    std::fs::write(t.join("gamma.toml"), gamma).unwrap();
}

fn ids(out: &Output) -> Vec<String> {
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on standard output");
    json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_mistyped_timeline_id_is_an_error_not_an_empty_view() {
    let (dir, _) = docket_dir();
    let views: [&[&str]; 4] = [
        &["list", "--timeline", "alpah"],
        &["upcoming", "--timeline", "alpah", "--fail-within", "3"],
        &["export", "--format", "ics", "--timeline", "alpah"],
        &["chart", "--timeline", "alpah"],
    ];
    for args in views {
        let out = docket(dir.path(), args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            out.stdout.is_empty(),
            "{args:?} wrote {}",
            text(&out.stdout)
        );
        assert!(err.contains("no timeline has the id `alpah`"), "{err}");
        assert!(err.contains("did you mean `alpha`?"), "{err}");
        assert!(err.contains("`alpha`, `beta`"), "{err}");
    }
}

#[test]
fn a_tag_or_assignee_that_matches_nothing_is_an_error_with_the_known_values() {
    let (dir, _) = docket_dir();
    let out = docket(dir.path(), &["upcoming", "--tag", "pleading"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no record has the tag `pleading` (did you mean `pleadings`?); the docket's tags are `hearings`, `pleadings`"), "{err}");
    let out = docket(dir.path(), &["list", "--assignee", "Pat Le"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no timeline has the assignee `Pat Le` (did you mean `Pat Lee`?); the docket's assignees are `Pat Lee`, `Sam Roe`"), "{err}");
}

#[test]
fn an_assignee_is_matched_without_regard_to_case() {
    let (dir, _) = docket_dir();
    let out = docket(
        dir.path(),
        &["list", "--assignee", "pat LEE", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ids = ids(&out);
    assert!(ids.contains(&"alpha-answer".to_string()), "{ids:?}");
    assert!(ids.iter().all(|i| i.starts_with("alpha")), "{ids:?}");
}

#[test]
fn export_of_a_mistyped_timeline_does_not_blank_the_feed() {
    let (dir, _) = docket_dir();
    let feed = dir.path().join("feed.ics");
    std::fs::write(&feed, "the feed as it was").unwrap();
    let out = docket(
        dir.path(),
        &[
            "export",
            "--format",
            "ics",
            "--timeline",
            "nope",
            "-o",
            "feed.ics",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&feed).unwrap(),
        "the feed as it was"
    );
}

#[test]
fn one_broken_file_does_not_blank_list_or_upcoming() {
    let (dir, t) = docket_dir();
    break_one(&t);
    for view in ["list", "upcoming"] {
        let out = docket(
            dir.path(),
            &[view, "--as-of", "2026-11-20", "--format", "json"],
        );
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{view}: {err}");
        let ids = ids(&out);
        assert!(ids.contains(&"alpha-answer".to_string()), "{view}: {ids:?}");
        assert!(ids.contains(&"beta-answer".to_string()), "{view}: {ids:?}");
        assert!(
            !ids.iter().any(|i| i.starts_with("gamma")),
            "{view}: {ids:?}"
        );
        assert!(
            err.contains("gamma-nothing"),
            "{view}: the diagnostic: {err}"
        );
        assert!(err.contains("gamma.toml"), "{view}: {err}");
        assert!(err.contains("whose records are not shown"), "{view}: {err}");
    }
    // Before `--fail-within`'s exit 1: the error is what a cron job must see.
    let out = docket(
        dir.path(),
        &["upcoming", "--as-of", "2026-11-20", "--fail-within", "30"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_shows_the_others_and_exits_3() {
    let (dir, t) = docket_dir();
    std::os::unix::fs::symlink(t.join("missing.toml"), t.join("gone.toml")).unwrap();
    let out = docket(dir.path(), &["list", "--format", "json"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(ids(&out).contains(&"beta-answer".to_string()));
    assert!(err.contains("gone.toml"), "{err}");
}

#[test]
fn export_with_a_broken_file_writes_nothing_unless_skip_broken() {
    let (dir, t) = docket_dir();
    break_one(&t);
    let feed = dir.path().join("feed.ics");
    std::fs::write(&feed, "the feed as it was").unwrap();
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--format", "ics", "-o", "feed.ics"];
        args.extend(extra);
        docket(dir.path(), &args)
    };
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&feed).unwrap(),
        "the feed as it was"
    );
    let out = docket(dir.path(), &["export", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));

    let out = export(&["--skip-broken"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("--skip-broken"), "{err}");
    let ics = std::fs::read_to_string(&feed).unwrap();
    assert!(ics.contains("alpha-answer") && ics.contains("beta-answer"));
    assert!(!ics.contains("gamma"), "{ics}");
}

#[test]
fn edits_refuse_when_a_file_of_the_docket_is_broken_or_unreadable() {
    let (dir, t) = docket_dir();
    break_one(&t);
    let before = std::fs::read_to_string(t.join("alpha.toml")).unwrap();
    let out = docket(dir.path(), &["done", "alpha-answer", "--on", "2026-11-20"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(t.join("alpha.toml")).unwrap(),
        before
    );
    // A file that cannot be read: exit 3, nothing written.
    #[cfg(unix)]
    {
        std::fs::remove_file(t.join("gamma.toml")).unwrap();
        std::os::unix::fs::symlink(t.join("missing.toml"), t.join("gone.toml")).unwrap();
        let out = docket(dir.path(), &["done", "alpha-answer", "--on", "2026-11-20"]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert!(
            err.contains("gone.toml") && err.contains("nothing was written"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(t.join("alpha.toml")).unwrap(),
            before
        );
    }
}

#[test]
fn upcoming_shows_hearings_in_the_window() {
    let (dir, _) = docket_dir();
    let out = docket(
        dir.path(),
        &[
            "upcoming",
            "--as-of",
            "2026-11-25",
            "--within",
            "10",
            "--timeline",
            "alpha",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = json["records"].as_array().unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // The answer (due 2026-11-30) and the hearing (2026-12-03); the service, in the past, not.
    assert_eq!(ids, ["alpha-answer", "alpha-hearing"]);
    let hearing = &records[1];
    assert_eq!(hearing["days_left"], 8);
    assert_eq!(hearing["at"], "2026-12-03T10:00:00-07:00");
    // Past the window, or with `--status`, no events.
    let out = docket(
        dir.path(),
        &[
            "upcoming",
            "--as-of",
            "2026-11-25",
            "--within",
            "7",
            "--format",
            "json",
        ],
    );
    assert!(!text(&out.stdout).contains("hearing"));
    let out = docket(
        dir.path(),
        &[
            "upcoming",
            "--as-of",
            "2026-11-25",
            "--status",
            "open",
            "--format",
            "json",
        ],
    );
    assert!(!text(&out.stdout).contains("hearing"));
    // An event without a time of day only with `--events`.
    let served = |extra: &[&str]| {
        let mut args = vec!["upcoming", "--as-of", "2026-11-05", "--within", "10"];
        args.extend(extra);
        text(&docket(dir.path(), &args).stdout).contains("alpha-served")
    };
    assert!(!served(&[]));
    assert!(served(&["--events"]));
    // A hearing is not a deadline: `--fail-within` does not count it.
    let out = docket(
        dir.path(),
        &[
            "upcoming",
            "--as-of",
            "2026-12-01",
            "--tag",
            "hearings",
            "--fail-within",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Thu 2026-12-03 10:00"));
}

#[test]
fn overdue_rows_are_marked_without_colour_and_red_with_it() {
    let (dir, _) = docket_dir();
    for view in ["list", "upcoming"] {
        let out = docket(
            dir.path(),
            &[view, "--as-of", "2026-12-02", "--timeline", "beta"],
        );
        let table = text(&out.stdout);
        let row = table
            .lines()
            .find(|l| l.contains("beta-answer"))
            .unwrap_or_else(|| panic!("{view}: {table}"));
        assert!(row.contains("OVERDUE"), "{view}: {row}");
        assert!(!row.contains('\u{1b}'), "{view}: {row}");
        let out = docket(
            dir.path(),
            &[view, "--as-of", "2026-11-20", "--timeline", "beta"],
        );
        assert!(!text(&out.stdout).contains("OVERDUE"));
        // With colour, the overdue rows are red too, and only they.
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args([view, "--as-of", "2026-12-02", "--color", "always"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("DOCKET_DIR")
            .env_remove("DOCKET_NOW")
            .output()
            .unwrap();
        let table = text(&out.stdout);
        let answers: Vec<&str> = table.lines().filter(|l| l.contains("-answer")).collect();
        assert!(answers.len() >= 2, "{table}");
        for line in answers {
            assert_eq!(
                line.contains("\u{1b}[38;5;9m"),
                line.contains("OVERDUE"),
                "{line}"
            );
        }
    }
}

#[test]
fn days_left_is_present_on_every_view_and_event_times_carry_their_offset() {
    let (dir, _) = docket_dir();
    let csv = text(
        &docket(
            dir.path(),
            &["list", "--as-of", "2026-11-25", "--format", "csv"],
        )
        .stdout,
    );
    assert!(csv.lines().next().unwrap().ends_with(",at"), "{csv}");
    let hearing = csv
        .lines()
        .find(|l| l.starts_with("alpha-hearing,"))
        .unwrap();
    assert!(hearing.ends_with(",2026-12-03T10:00:00-07:00"), "{hearing}");
    assert!(hearing.contains(",8,"), "days_left: {hearing}");
    let views: [&[&str]; 3] = [
        &["list", "--as-of", "2026-11-25", "--format", "json"],
        &["upcoming", "--as-of", "2026-11-25", "--format", "json"],
        &["export", "--as-of", "2026-11-25", "--format", "json"],
    ];
    for args in views {
        let out = docket(dir.path(), args);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["version"], 1);
        for r in json["records"].as_array().unwrap() {
            assert!(r["days_left"].is_i64(), "{args:?}: {r}");
            if r["id"] == "alpha-hearing" {
                assert_eq!(r["at"], "2026-12-03T10:00:00-07:00");
                assert_eq!(r["days_left"], 8);
            }
        }
    }
}

/// The text of column `i` of a drawn table, its lines joined: directly after a line that ends
/// with a hyphen, else with a space (a word broken anywhere else would not be found whole).
fn column_text(table: &str, i: usize) -> String {
    let mut text = String::new();
    for line in table.lines().filter(|l| l.starts_with('│')) {
        let cells: Vec<&str> = line.trim_matches('│').split('┆').collect();
        let piece = cells[i].trim();
        if piece.is_empty() {
            continue;
        }
        if !text.is_empty() && !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(piece);
    }
    text
}

#[test]
fn tables_at_80_columns_do_not_break_ids_mid_word() {
    let rows = [
        [
            "Mon 2026-11-30",
            "overdue 20 days",
            "Response to the motion to transfer venue under 28 U.S.C. 1404(a) due (transfer-response-due)",
            "open (computed 2026-11-23) OVERDUE",
            "example-federal-civil",
        ],
        [
            "Tue 2027-01-05",
            "16 days",
            "Proposed scheduling order due (proposed-scheduling-order-due)",
            "open",
            "example-federal-civil",
        ],
        [
            "Tue 2027-01-12 10:00",
            "23 days",
            "Scheduling conference before the magistrate judge (scheduling-conference)",
            "hearing",
            "colorado-state-case",
        ],
    ];
    let header = ["When", "Left", "Deadline or event", "Status", "Timeline"];
    for width in [80, 100, 160] {
        let table = docket::render::table::fitted(&header, &rows, false, Some(width));
        assert!(
            table
                .lines()
                .all(|l| l.chars().count() <= usize::from(width)),
            "wider than {width}:\n{table}"
        );
        let columns: Vec<String> = (0..5).map(|i| column_text(&table, i)).collect();
        for (column, whole) in [
            (2, "(transfer-response-due)"),
            (2, "(proposed-scheduling-order-due)"),
            (2, "(scheduling-conference)"),
            (4, "example-federal-civil"),
            (4, "colorado-state-case"),
            (0, "2026-11-30"),
            (3, "2026-11-23)"),
        ] {
            assert!(
                columns[column].contains(whole),
                "`{whole}` broken at {width}:\n{table}"
            );
        }
        // Broken after a hyphen only when it must be.
        if width >= 160 {
            assert!(table.contains("(proposed-scheduling-order-due)"), "{table}");
        }
    }
}
