//! A date never moves unseen: when the holiday data under a recorded deadline changes, `check`
//! reports the move, old date beside new, with the reason; `accept` records the new date and
//! raises the revision, which the calendar export turns into SEQUENCE.

use crate::support::{self, text};

#[test]
fn a_holiday_data_change_under_a_recorded_deadline_is_reported() {
    let tmp = support::temp_dir();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("timelines")).unwrap();
    std::fs::create_dir_all(dir.join("calendars")).unwrap();
    let calendar = "[calendar]\nid = \"court\"\ntitle = \"A court\"\nextends = \"us-federal\"\nzone = \"America/Denver\"\n";
    std::fs::write(dir.join("calendars/court.toml"), calendar).unwrap();
    std::fs::write(
        dir.join("timelines/m.toml"),
        "[timeline]\nid = \"m\"\ntitle = \"M\"\ntimezone = \"America/Denver\"\ncalendar = \"court\"\n\n[[event]]\nid = \"served\"\ndate = 2026-03-02\ntitle = \"Served\"\nkind = \"service\"\n",
    )
    .unwrap();
    let add = support::run(
        dir,
        &[
            "add",
            "deadline",
            "--trigger",
            "served",
            "--period",
            "14 days",
            "--title",
            "Answer due",
            "--authority",
            "an order",
        ],
    );
    assert!(add.status.success(), "{}", text(&add));
    assert!(support::run(dir, &["check"]).status.success());

    // The court declares a closure on the due day, Monday 2026-03-16.
    let closed = format!(
        "{calendar}\n[[closure]]\ndate = 2026-03-16\nname = \"Court closed\"\nkind = \"legal-holiday\"\nsource = \"General Order 2026-1\"\n"
    );
    std::fs::write(dir.join("calendars/court.toml"), closed).unwrap();
    let check = support::run(dir, &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    let report = text(&check);
    assert!(
        report.contains("recorded as due 2026-03-16, but is now computed as due 2026-03-17"),
        "{report}"
    );
    assert!(report.contains("the holiday data changed"), "{report}");
    assert!(report.contains("docket accept answer-due"), "{report}");

    // The export still shows the (new) computed date; accepting records it and raises SEQUENCE.
    let accept = support::run(dir, &["accept", "answer-due"]);
    assert!(accept.status.success(), "{}", text(&accept));
    assert!(support::run(dir, &["check"]).status.success());
    let file = std::fs::read_to_string(dir.join("timelines/m.toml")).unwrap();
    assert!(file.contains("recorded = { due = 2026-03-17"), "{file}");
    assert!(file.contains("revision = 1"), "{file}");
    let ics = support::run(dir, &["export", "--format", "ics"]);
    assert!(text(&ics).contains("SEQUENCE:1"));
}

#[test]
fn a_trigger_edited_by_hand_is_reported_with_its_reason() {
    let tmp = support::temp_dir();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("timelines")).unwrap();
    let path = dir.join("timelines/m.toml");
    std::fs::write(
        &path,
        "[timeline]\nid = \"m\"\ntitle = \"M\"\n\n[[event]]\nid = \"served\"\ndate = 2026-03-02\ntitle = \"Served\"\n",
    )
    .unwrap();
    assert!(
        support::run(
            dir,
            &[
                "add",
                "deadline",
                "--trigger",
                "served",
                "--period",
                "14 days",
                "--title",
                "Due",
                "--authority",
                "x"
            ]
        )
        .status
        .success()
    );
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("date = 2026-03-02", "date = 2026-03-03");
    std::fs::write(&path, edited).unwrap();
    let check = support::run(dir, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check).contains("the trigger's date changed (was 2026-03-02, now 2026-03-03)"),
        "{}",
        text(&check)
    );
}
