//! Calendar entries a team can rely on: an event's `end` or `duration` gives its DTEND (a last
//! day spans an all-day entry), every editing command stamps what it changes (`modified`, which
//! becomes DTSTAMP and LAST-MODIFIED), and an event's revision is its SEQUENCE, raised when an
//! edit moves it and when a date changed by hand is accepted.

use std::path::Path;

use icalendar::parser::{read_calendar, unfold};

use crate::support::{self, code, stderr, stdout};

const MATTER: &str = r#"[timeline]
id = "m"
title = "Matter"
timezone = "America/Denver"

[[event]]
id = "served"
date = 2026-11-09
title = "Complaint served"
kind = "service"

[[event]]
id = "hearing"
date = 2027-01-12T10:00:00
end = "11:30"
title = "Motion hearing"
kind = "hearing"

[[event]]
id = "deposition"
date = 2027-01-19T09:00:00
duration = "3 hours 15 minutes"
title = "Deposition of the records custodian"
kind = "deposition"

[[event]]
id = "trial"
date = 2027-03-01
end = 2027-03-05
title = "Bench trial"

[[deadline]]
id = "answer-due"
title = "Answer due"
trigger = "served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
"#;

/// A docket folder holding `MATTER`.
fn matter() -> support::TempDir {
    let dir = support::temp_dir();
    std::fs::write(dir.path().join("m.toml"), MATTER).unwrap();
    dir
}

/// `docket ARGS` in `dir` at the instant `now`, which must succeed.
fn at(dir: &Path, now: &str, args: &[&str]) -> String {
    let out = support::docket()
        .args(args)
        .current_dir(dir)
        .env("DOCKET_DIR", dir)
        .env("DOCKET_NOW", now)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The unfolded lines of the VEVENT with `uid` in the docket's iCalendar export.
fn vevent(dir: &Path, uid: &str) -> Vec<String> {
    let ics = at(
        dir,
        "2026-12-01T12:00:00Z",
        &["export", ".", "--format", "ics"],
    );
    // Every export here also reads as iCalendar to an independent parser.
    read_calendar(&unfold(&ics)).expect("the icalendar crate reads the export");
    let text = unfold(&ics);
    let start = text.find(&format!("UID:{uid}.m@docket")).expect(uid);
    let end = start + text[start..].find("END:VEVENT").unwrap();
    text[start..end].lines().map(str::to_string).collect()
}

fn line<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in {lines:#?}"))
}

#[test]
fn an_events_end_or_duration_is_its_calendar_end() {
    let dir = matter();
    let hearing = vevent(dir.path(), "hearing");
    assert_eq!(
        line(&hearing, "DTSTART"),
        "DTSTART;TZID=America/Denver:20270112T100000"
    );
    assert_eq!(
        line(&hearing, "DTEND"),
        "DTEND;TZID=America/Denver:20270112T113000"
    );
    // The duration, not the seven hours a deposition lasts by default.
    let deposition = vevent(dir.path(), "deposition");
    assert_eq!(
        line(&deposition, "DTEND"),
        "DTEND;TZID=America/Denver:20270119T121500"
    );
    // A last day: the all-day entry runs to the day after it (DTEND is exclusive).
    let trial = vevent(dir.path(), "trial");
    assert_eq!(line(&trial, "DTSTART"), "DTSTART;VALUE=DATE:20270301");
    assert_eq!(line(&trial, "DTEND"), "DTEND;VALUE=DATE:20270306");

    let json = at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["list", ".", "--format", "json"],
    );
    let records: serde_json::Value = serde_json::from_str(&json).unwrap();
    let end_of = |id: &str| {
        records["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["end"]
            .clone()
    };
    assert_eq!(end_of("hearing"), "2027-01-12T11:30:00-07:00");
    assert_eq!(end_of("deposition"), "2027-01-19T12:15:00-07:00");
    assert_eq!(end_of("trial"), "2027-03-05");
    assert_eq!(end_of("served"), serde_json::Value::Null);

    // The chart's hover text says when each ends.
    let svg = at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["chart", ".", "--as-of", "2026-12-01"],
    );
    assert!(svg.contains("ends: 2027-01-12 11:30 MST"), "{svg}");
    assert!(svg.contains("last day: 2027-03-05"), "{svg}");
}

#[test]
fn an_end_that_cannot_be_is_an_error_at_its_place() {
    for (written, says) in [
        ("end = \"09:30\"", "is not after the start"),
        ("end = 2027-01-11", "ends at one"),
        ("duration = \"90 minuets\"", "`minuets` is not a unit"),
        (
            "end = \"11:30\"\nduration = \"1 hour\"",
            "an `end` or a `duration`, not both",
        ),
        ("end = \"2027-01-12T11:30-07:00\"", "no offset"),
    ] {
        let dir = support::temp_dir();
        let text = MATTER.replace("end = \"11:30\"", written);
        std::fs::write(dir.path().join("m.toml"), &text).unwrap();
        let out = support::run(dir.path(), &["check", "."]);
        assert_eq!(code(&out), 1, "{written}: {}", stdout(&out));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains(says), "{written}: {all}");
        // At the line of the key.
        let line = text
            .lines()
            .position(|l| l.starts_with(written.split('\n').next_back().unwrap()));
        assert!(
            all.contains(&format!("m.toml:{}:", line.unwrap() + 1)),
            "{written}: {all}"
        );
    }
    // A duration on an event known only by its day says what to write instead.
    let dir = support::temp_dir();
    let text = MATTER.replace("end = 2027-03-05", "duration = \"5 days\"");
    std::fs::write(dir.path().join("m.toml"), text).unwrap();
    let out = support::run(dir.path(), &["check", "."]);
    assert_eq!(code(&out), 1);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("end = <its last day>"), "{all}");
}

#[test]
fn add_and_set_write_an_end_and_setting_one_replaces_the_other() {
    let dir = matter();
    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &[
            "add",
            "event",
            "m.toml",
            "--date",
            "2027-02-03T09:30",
            "--end",
            "11:00",
            "--title",
            "Status conference",
            "--kind",
            "hearing",
            "--location",
            "Courtroom A902",
        ],
    );
    let conference = vevent(dir.path(), "status-conference");
    assert_eq!(
        line(&conference, "DTEND"),
        "DTEND;TZID=America/Denver:20270203T110000"
    );
    assert_eq!(line(&conference, "LOCATION"), "LOCATION:Courtroom A902");

    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["set", "hearing", "duration", "2 hours"],
    );
    let text = std::fs::read_to_string(dir.path().join("m.toml")).unwrap();
    assert!(text.contains("duration = \"2 hours\""), "{text}");
    assert!(!text.contains("end = \"11:30\""), "{text}");
    assert_eq!(
        line(&vevent(dir.path(), "hearing"), "DTEND"),
        "DTEND;TZID=America/Denver:20270112T120000"
    );
    // A duration that cannot be is refused, and nothing is written.
    let out = support::docket()
        .args(["set", "hearing", "duration", "two hours"])
        .current_dir(dir.path())
        .env("DOCKET_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.toml")).unwrap(),
        text
    );
}

#[test]
fn every_edit_stamps_what_it_changes_and_the_stamp_is_the_entrys() {
    let dir = matter();
    // Not yet changed by docket: the fixed stamp, never the hearing's own (future) date.
    let hearing = vevent(dir.path(), "hearing");
    assert_eq!(line(&hearing, "DTSTAMP"), "DTSTAMP:19700101T000000Z");
    assert_eq!(
        line(&hearing, "LAST-MODIFIED"),
        "LAST-MODIFIED:19700101T000000Z"
    );

    at(
        dir.path(),
        "2026-12-02T09:15:30-07:00",
        &["set", "hearing", "location", "Courtroom C201"],
    );
    let text = std::fs::read_to_string(dir.path().join("m.toml")).unwrap();
    assert_eq!(text.matches("modified = ").count(), 1, "{text}");
    assert!(text.contains("modified = 2026-12-02T16:15:30Z"), "{text}");
    let hearing = vevent(dir.path(), "hearing");
    assert_eq!(line(&hearing, "DTSTAMP"), "DTSTAMP:20261202T161530Z");
    assert_eq!(
        line(&hearing, "LAST-MODIFIED"),
        "LAST-MODIFIED:20261202T161530Z"
    );
    // Records the edit did not change keep the fixed stamp.
    assert_eq!(
        line(&vevent(dir.path(), "trial"), "DTSTAMP"),
        "DTSTAMP:19700101T000000Z"
    );

    // A clock behind the last stamp does not move it backwards.
    at(
        dir.path(),
        "2026-12-01T00:00:00Z",
        &["set", "hearing", "title", "Motion hearing (continued)"],
    );
    let text = std::fs::read_to_string(dir.path().join("m.toml")).unwrap();
    assert!(text.contains("modified = 2026-12-02T16:15:30Z"), "{text}");

    // `done` stamps the deadline it changes, and the stamp goes to the entry.
    at(
        dir.path(),
        "2026-12-03T18:00:00Z",
        &["done", "answer-due", "--on", "2026-11-25"],
    );
    assert_eq!(
        line(&vevent(dir.path(), "answer-due"), "DTSTAMP"),
        "DTSTAMP:20261203T180000Z"
    );
    // The same files give the same bytes.
    let once = at(
        dir.path(),
        "2026-12-05T00:00:00Z",
        &["export", ".", "--format", "ics"],
    );
    let again = at(
        dir.path(),
        "2027-06-05T00:00:00Z",
        &["export", ".", "--format", "ics"],
    );
    assert_eq!(once, again);
}

#[test]
fn an_events_revision_is_its_sequence_raised_when_it_moves() {
    let dir = matter();
    assert_eq!(
        line(&vevent(dir.path(), "hearing"), "SEQUENCE"),
        "SEQUENCE:0"
    );
    let said = at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["set", "hearing", "date", "2027-01-13T10:00"],
    );
    assert!(
        said.contains("`hearing` now on 2027-01-13T10:00:00 (revision 1)"),
        "{said}"
    );
    let hearing = vevent(dir.path(), "hearing");
    assert_eq!(line(&hearing, "SEQUENCE"), "SEQUENCE:1");
    assert_eq!(
        line(&hearing, "DTEND"),
        "DTEND;TZID=America/Denver:20270113T113000"
    );
    // A change of end moves it too.
    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["set", "hearing", "end", "12:00"],
    );
    assert_eq!(
        line(&vevent(dir.path(), "hearing"), "SEQUENCE"),
        "SEQUENCE:2"
    );
    // A change that does not move it leaves the revision.
    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["set", "hearing", "notes", "Bring the exhibits"],
    );
    assert_eq!(
        line(&vevent(dir.path(), "hearing"), "SEQUENCE"),
        "SEQUENCE:2"
    );
}

#[test]
fn a_date_changed_by_hand_is_reported_and_accepting_it_raises_the_revision() {
    let dir = matter();
    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &["set", "hearing", "date", "2027-01-13T10:00"],
    );
    let path = dir.path().join("m.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("recorded = { date = \"2027-01-13T10:00\" }"),
        "{text}"
    );
    // Moved by hand in an editor: the recorded date no longer matches.
    std::fs::write(
        &path,
        text.replace(
            "date = \"2027-01-13T10:00\"\n",
            "date = \"2027-01-14T10:00\"\n",
        ),
    )
    .unwrap();
    let out = support::run(dir.path(), &["check", "."]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("changed by hand"), "{all}");
    assert!(all.contains("docket accept hearing"), "{all}");
    // Until it is accepted, the entry keeps the revision clients already have.
    assert_eq!(
        line(&vevent(dir.path(), "hearing"), "SEQUENCE"),
        "SEQUENCE:1"
    );

    let said = at(dir.path(), "2026-12-02T12:00:00Z", &["accept"]);
    assert!(
        said.contains("`hearing` now on 2027-01-14T10:00:00 (revision 2)"),
        "{said}"
    );
    let hearing = vevent(dir.path(), "hearing");
    assert_eq!(line(&hearing, "SEQUENCE"), "SEQUENCE:2");
    assert_eq!(line(&hearing, "DTSTAMP"), "DTSTAMP:20261202T120000Z");
    let out = support::run(dir.path(), &["check", "."]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn a_stamp_in_the_future_is_a_warning() {
    let dir = support::temp_dir();
    let text = MATTER.replace(
        "kind = \"hearing\"",
        "kind = \"hearing\"\nmodified = 2031-05-01T00:00:00Z",
    );
    std::fs::write(dir.path().join("m.toml"), text).unwrap();
    let out = support::docket()
        .args(["check", "."])
        .current_dir(dir.path())
        .env("DOCKET_NOW", "2026-12-03T12:00:00Z")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        all.contains(
            "`hearing` is stamped as modified at 2031-05-01T00:00:00Z, which is in the future"
        ),
        "{all}"
    );
    // Once that time has come, nothing is said.
    let out = support::docket()
        .args(["check", "."])
        .current_dir(dir.path())
        .env("DOCKET_NOW", "2031-05-01T00:00:01Z")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("0 warnings"), "{}", stdout(&out));
}

#[test]
fn a_fixed_due_date_changed_by_hand_is_reported_as_such_and_accepted_with_a_new_revision() {
    let dir = matter();
    at(
        dir.path(),
        "2026-12-01T12:00:00Z",
        &[
            "add",
            "deadline",
            "--due",
            "2027-03-01",
            "--title",
            "Expert reports due",
            "--authority",
            "Scheduling Order",
            "--file",
            "m.toml",
        ],
    );
    let path = dir.path().join("m.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\ndue = 2027-03-01\n", "\ndue = 2027-03-08\n"),
    )
    .unwrap();
    let out = support::run(dir.path(), &["check", "."]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("its `due` was changed by hand (now 2027-03-08)"),
        "{}",
        stdout(&out)
    );
    let said = at(
        dir.path(),
        "2026-12-02T12:00:00Z",
        &["accept", "expert-reports-due"],
    );
    assert!(said.contains("now due 2027-03-08 (revision 1)"), "{said}");
    let entry = vevent(dir.path(), "expert-reports-due");
    assert_eq!(line(&entry, "SEQUENCE"), "SEQUENCE:1");
    assert_eq!(line(&entry, "DTSTART"), "DTSTART;VALUE=DATE:20270308");
    assert_eq!(line(&entry, "DTSTAMP"), "DTSTAMP:20261202T120000Z");
}
