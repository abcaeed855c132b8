//! Lists are never split on commas; `set` on a timeline's own keys, `add deadline
//! --due`, duplicate events.

use super::{Docket, MATTER};

#[test]
fn a_citation_with_a_comma_is_one_citation() {
    let docket = Docket::new();
    docket
        .edit(&["set", "answer-due", "sources", "Minute Order, ECF No. 20"])
        .ok();
    assert!(
        docket
            .read("matter.toml")
            .contains("sources = [\"Minute Order, ECF No. 20\"]")
    );
    docket
        .edit(&["set", "answer-due", "tags", "pleadings, urgent"])
        .ok();
    assert!(
        docket
            .read("matter.toml")
            .contains("tags = [\"pleadings, urgent\"]")
    );
}

#[test]
fn lists_are_set_in_toml_array_syntax() {
    let docket = Docket::new();
    docket
        .edit(&[
            "set",
            "answer-due",
            "sources",
            r#"["ECF No. 12", { cite = "Order, ECF No. 14", url = "https://example.org/14" }]"#,
        ])
        .ok();
    assert!(docket.read("matter.toml").contains(
        r#"sources = ["ECF No. 12", { cite = "Order, ECF No. 14", url = "https://example.org/14" }]"#
    ));
    docket.edit(&["set", "answer-due", "tags", "[]"]).ok();
    assert!(docket.read("matter.toml").contains("tags = []"));
    let before = docket.read("matter.toml");
    for bad in ["[\"a\"", "[\"a\"]\nx = 1", "[1, 2]"] {
        let run = docket.edit(&["set", "answer-due", "tags", bad]);
        run.fails(2);
        assert_eq!(docket.read("matter.toml"), before, "{bad}");
    }
    docket
        .edit(&["set", "answer-due", "reminders", r#"["3 days", "1 dya"]"#])
        .fails(2);
}

#[test]
fn set_works_on_a_timelines_own_keys() {
    let docket = Docket::new();
    docket
        .edit(&["set", "matter", "case", "No. 1:26-cv-00001"])
        .ok();
    docket.edit(&["set", "matter", "assignee", "J. Clerk"]).ok();
    docket
        .edit(&[
            "set",
            "matter",
            "parties",
            r#"["Example Co.", "Sample LLC"]"#,
        ])
        .ok();
    let text = docket.read("matter.toml");
    assert!(
        text.starts_with(
            "[timeline]\nid = \"matter\"\ntitle = \"Example v. Sample\"\ncourt = \"U.S. District Court for the District of Colorado\"\ncase = \"No. 1:26-cv-00001\"\nparties = [\"Example Co.\", \"Sample LLC\"]\nassignee = \"J. Clerk\"\ntimezone = \"America/Denver\"\n"
        ),
        "{text}"
    );
    docket.run(&["fmt", "--check", "."]).ok();
    // The id is how filters and exported calendars know the matter: not changed in place.
    let run = docket.edit(&["set", "matter", "id", "other"]);
    run.fails(2);
    assert!(run.stderr().contains("calendar events"), "{}", run.stderr());
    docket
        .edit(&["set", "matter", "timezone", "America/Denvr"])
        .fails(2);
    docket
        .edit(&["set", "matter", "calendar", "d-colorado"])
        .fails(2);
}

#[test]
fn set_calendar_of_a_timeline_records_the_dates_it_moves() {
    // Colorado keeps Frances Xavier Cabrini Day (the first Monday of October, C.R.S.
    // 24-11-101(1)) where the federal calendar has Columbus Day a week later: 21 days from
    // 2027-09-13 is Monday 2027-10-04, open for `us-federal`, closed for `colorado`.
    let matter = MATTER
        .replace("calendar = \"d-colo\"", "calendar = \"us-federal\"")
        .replace("date = 2026-11-09", "date = 2027-09-13");
    let docket = Docket::with(&[("matter.toml", &matter)]);
    docket
        .edit(&["set", "answer-due", "title", "Answer due"])
        .ok();
    assert!(
        docket
            .read("matter.toml")
            .contains("recorded = { due = 2027-10-04")
    );
    let run = docket.edit(&["set", "matter", "calendar", "colorado"]);
    run.ok();
    assert!(
        run.stdout()
            .contains("`answer-due` now due 2027-10-05 (revision 1)"),
        "{}",
        run.stdout()
    );
    assert!(
        docket
            .read("matter.toml")
            .contains("recorded = { due = 2027-10-05")
    );
    docket.run(&["check", "."]).ok();
}

#[test]
fn a_timeline_id_that_is_also_a_record_id_is_refused_by_set() {
    let both = MATTER.replace("id = \"complaint-filed\"", "id = \"matter\"");
    let docket = Docket::with(&[("matter.toml", &both)]);
    let run = docket.edit(&["set", "matter", "title", "New"]);
    run.fails(2);
    assert!(
        run.stderr().contains("is the id of timeline"),
        "{}",
        run.stderr()
    );
    assert_eq!(docket.read("matter.toml"), both);
}

#[test]
fn add_deadline_takes_due_reminders_notes_and_sources() {
    let docket = Docket::new();
    let run = docket.edit(&[
        "add",
        "deadline",
        "--due",
        "2027-03-01",
        "--title",
        "Expert reports due",
        "--authority",
        "Scheduling Order, ECF No. 20",
        "--file",
        "matter.toml",
        "--reminder",
        "14 days",
        "--reminder",
        "2 days",
        "--notes",
        "Per the order",
        "--source",
        "Scheduling Order, ECF No. 20",
        "--source",
        "ECF No. 21",
    ]);
    run.ok();
    let text = docket.read("matter.toml");
    // Last, as it has no trigger, with its keys in the documented order.
    let added = &text[text.rfind("\n[[deadline]]").unwrap()..];
    assert!(
        added.starts_with(
            "\n[[deadline]]\nid = \"expert-reports-due\"\ntitle = \"Expert reports due\"\ndue = 2027-03-01\nauthority = \"Scheduling Order, ECF No. 20\"\nreminders = [\"14 days\", \"2 days\"]\nnotes = \"Per the order\"\nsources = [\"Scheduling Order, ECF No. 20\", \"ECF No. 21\"]\nrecorded = { due = 2027-03-01, data = \""
        ),
        "{text}"
    );
    docket.run(&["fmt", "--check", "."]).ok();
    docket.run(&["check", "."]).ok();
    // A `--due` needs a file when there is no trigger; a `--period` needs a trigger.
    docket
        .edit(&["add", "deadline", "--due", "2027-03-01", "--title", "X"])
        .fails(2);
    docket
        .edit(&["add", "deadline", "--period", "7 days", "--title", "X"])
        .fails(2);
    docket
        .edit(&[
            "add",
            "deadline",
            "--trigger",
            "summons-served",
            "--period",
            "7 days",
            "--due",
            "2027-03-01",
            "--title",
            "X",
        ])
        .fails(2);
    docket
        .edit(&[
            "add",
            "deadline",
            "--trigger",
            "summons-served",
            "--period",
            "7 days",
            "--title",
            "X",
            "--reminder",
            "soon",
        ])
        .fails(2);
}

#[test]
fn adding_an_event_that_duplicates_another_warns() {
    let docket = Docket::new();
    let run = docket.run(&[
        "add",
        "event",
        "matter.toml",
        "--date",
        "2026-11-09",
        "--title",
        "summons served ",
    ]);
    run.ok();
    assert!(
        run.stderr()
            .contains("warning: `summons-served` has the same date (2026-11-09) and title"),
        "{}",
        run.stderr()
    );
    // Another day, or another title: nothing to say.
    let run = docket.run(&[
        "add",
        "event",
        "matter.toml",
        "--date",
        "2026-11-10",
        "--title",
        "Summons served",
    ]);
    run.ok();
    assert_eq!(run.stderr(), "");
}
