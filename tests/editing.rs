//! Editing commands never surprise: each test is named after what an edit used to do wrong. The
//! binary runs on a copy of a timeline in a temporary folder, with "today" pinned by
//! `DOCKET_NOW`.

use std::path::PathBuf;
use std::process::{Command, Output};

use proptest::prelude::*;

/// Today, for every command here: Tuesday 2026-12-01 in Denver.
const NOW: &str = "2026-12-01T12:00:00-07:00";

/// A small D. Colo. matter in the canonical layout.
const MATTER: &str = r#"[timeline]
id = "matter"
title = "Example v. Sample"
court = "U.S. District Court for the District of Colorado"
case = "No. 1:26-cv-99999"
assignee = "docketing clerk"
timezone = "America/Denver"
calendar = "d-colo"

[[event]]
id = "complaint-filed"
date = 2026-10-19
title = "Complaint filed"
kind = "filing"

[[event]]
id = "summons-served"
date = 2026-11-09
title = "Summons served"
kind = "service"
sources = ["ECF No. 6"]

[[deadline]]
id = "answer-due"
title = "Answer due"
trigger = "summons-served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
reminders = ["7 days", "1 day"]               # before the due date
tags = ["pleadings"]

[[deadline]]
id = "reply-due"
title = "Reply due"
trigger = "answer-due"
period = "21 days"
authority = "FRCP 12(a)(1)(B)"
"#;

/// A docket folder holding `matter.toml`.
struct Docket {
    dir: tempfile::TempDir,
}

impl Docket {
    fn new() -> Docket {
        Docket::with(&[("matter.toml", MATTER)])
    }

    fn with(files: &[(&str, &str)]) -> Docket {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Docket { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// Runs docket with `args` in the docket's folder.
    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(args)
            .current_dir(self.dir.path())
            .env("DOCKET_NOW", NOW)
            .env("NO_COLOR", "1")
            .env("DOCKET_LOCK_WAIT", "0")
            .env_remove("DOCKET_DIR")
            .env_remove("DOCKET_CALENDARS")
            .output()
            .unwrap();
        Run(out)
    }

    /// Runs an edit of the docket (its folder is the last argument).
    fn edit(&self, args: &[&str]) -> Run {
        let mut all = args.to_vec();
        all.push(".");
        self.run(&all)
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    fn ok(&self) -> &Run {
        assert_eq!(self.code(), 0, "{}{}", self.stdout(), self.stderr());
        self
    }
    #[track_caller]
    fn fails(&self, code: i32) -> &Run {
        assert_eq!(self.code(), code, "{}{}", self.stdout(), self.stderr());
        self
    }
}

/// The deadline table of `id` as written in `text`, up to the next table.
fn table_of<'t>(text: &'t str, id: &str) -> &'t str {
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let end = text[at..].find("\n[").map_or(text.len(), |e| at + e);
    &text[at..end]
}

// ---- 1. Every editing command leaves its file in the canonical layout.

#[test]
fn recorded_history_and_reminders_land_in_the_documented_key_order() {
    let docket = Docket::new();
    docket
        .edit(&["done", "answer-due", "--on", "2026-11-30"])
        .ok();
    docket
        .edit(&["set", "answer-due", "sources", "ECF No. 9"])
        .ok();
    docket
        .edit(&["set", "reply-due", "reminders", "3 days"])
        .ok();
    docket
        .edit(&[
            "extend",
            "reply-due",
            "--to",
            "2027-01-04",
            "--reason",
            "Stipulation",
        ])
        .ok();
    docket
        .edit(&["set", "reply-due", "notes", "Counted from the answer"])
        .ok();
    docket.run(&["fmt", "--check", "."]).ok();
    let text = docket.read("matter.toml");
    let answer = table_of(&text, "answer-due");
    let keys: Vec<&str> = answer
        .lines()
        .filter_map(|l| l.split(" = ").next())
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "title",
            "trigger",
            "period",
            "authority",
            "reminders",
            "sources",
            "tags",
            "history",
            "recorded"
        ],
        "{answer}"
    );
    // The comment after a value that `set` does not touch stays.
    assert!(
        answer.contains("reminders = [\"7 days\", \"1 day\"]               # before the due date")
    );
}

/// One edit, drawn at random; it may be refused (exit 2), never anything worse.
fn an_edit() -> impl Strategy<Value = Vec<String>> {
    let record = prop::sample::select(vec![
        "complaint-filed",
        "summons-served",
        "answer-due",
        "reply-due",
        "motion-filed",
        "response-due",
        "order-due",
    ]);
    let deadline =
        prop::sample::select(vec!["answer-due", "reply-due", "response-due", "order-due"]);
    let day = (
        1u32..=28,
        prop::sample::select(vec!["2026-10", "2026-11", "2026-12", "2027-01"]),
    )
        .prop_map(|(d, m)| format!("{m}-{d:02}"));
    let text = prop::sample::select(vec![
        "Minute Order, ECF No. 20",
        "ECF No. 9",
        "[\"ECF No. 12\", \"ECF No. 14\"]",
        "A note; with \"quotes\"",
    ]);
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    prop_oneof![
        (
            day.clone(),
            prop::sample::select(vec!["Motion filed", "Hearing held"]),
            any::<bool>()
        )
            .prop_map(move |(d, t, kind)| {
                let mut v = owned(&["add", "event", "matter.toml", "--date", &d, "--title", t]);
                if kind {
                    v.extend(owned(&[
                        "--kind",
                        "service",
                        "--source",
                        "ECF No. 30, at 2",
                        "--notes",
                        "n",
                    ]));
                }
                v
            }),
        (record.clone(), 1u32..40, any::<bool>()).prop_map(move |(r, n, reminder)| {
            let mut v = owned(&[
                "add",
                "deadline",
                "--trigger",
                r,
                "--period",
                &format!("{n} days"),
                "--title",
                "Response due",
                "--notes",
                "n",
                "--source",
                "ECF No. 31",
            ]);
            if reminder {
                v.extend(owned(&["--reminder", "2 days", "--reminder", "1 day"]));
            }
            v.push(".".into());
            v
        }),
        day.clone().prop_map(move |d| owned(&[
            "add",
            "deadline",
            "--due",
            &d,
            "--title",
            "Order due",
            "--file",
            "matter.toml",
            "--tag",
            "orders",
            "."
        ])),
        (deadline.clone(), day.clone())
            .prop_map(move |(r, d)| owned(&["done", r, "--on", &d, "."])),
        (deadline.clone(), day.clone(), day.clone()).prop_map(move |(r, to, on)| owned(&[
            "extend",
            r,
            "--to",
            &to,
            "--on",
            &on,
            "--reason",
            "Stipulated",
            "--source",
            "ECF No. 40",
            "."
        ])),
        (deadline.clone(), day.clone())
            .prop_map(move |(r, d)| owned(&["reopen", r, "--on", &d, "."])),
        (
            record.clone(),
            prop::sample::select(vec!["sources", "notes", "tags", "title"]),
            text
        )
            .prop_map(move |(r, k, t)| owned(&["set", r, k, t, "."])),
        (
            deadline.clone(),
            prop::sample::select(vec!["7 days", "3 court days", "1 day"])
        )
            .prop_map(move |(r, p)| owned(&["set", r, "reminders", p, "."])),
        (
            deadline.clone(),
            prop::sample::select(vec!["14 days", "30 days", "2 weeks"])
        )
            .prop_map(move |(r, p)| owned(&["set", r, "period", p, "."])),
        (
            prop::sample::select(vec!["case", "court", "assignee", "calendar"]),
            prop::sample::select(vec!["colorado", "No. 1:26-cv-1, Div. 2"])
        )
            .prop_map(move |(k, v)| owned(&["set", "matter", k, v, "."])),
        record.prop_map(move |r| owned(&["rm", r, "."])),
        Just(owned(&["accept", "--docket", "."])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After any sequence of edits, accepted or refused, the file is in the canonical layout and
    /// the docket checks without an error.
    #[test]
    fn every_edit_leaves_its_file_in_the_canonical_layout(edits in prop::collection::vec(an_edit(), 1..8)) {
        let docket = Docket::new();
        for edit in &edits {
            let args: Vec<&str> = edit.iter().map(String::as_str).collect();
            let run = docket.run(&args);
            prop_assert!(matches!(run.code(), 0 | 2), "{edit:?}: {}{}", run.stdout(), run.stderr());
            let fmt = docket.run(&["fmt", "--check", "."]);
            prop_assert_eq!(fmt.code(), 0, "after {:?}:\n{}", edit, docket.read("matter.toml"));
        }
        let check = docket.run(&["check", "."]);
        prop_assert_eq!(check.code(), 0, "{}{}", check.stdout(), check.stderr());
    }
}

// ---- 2. A citation with a comma is one citation.

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

// ---- 3. done, reopen and the history's order.

#[test]
fn done_on_a_day_in_the_future_is_refused() {
    let docket = Docket::new();
    let run = docket.edit(&["done", "answer-due", "--on", "2026-12-02"]);
    run.fails(2);
    assert!(
        run.stderr().contains("after today (2026-12-01"),
        "{}",
        run.stderr()
    );
    assert_eq!(docket.read("matter.toml"), MATTER);
    docket
        .edit(&[
            "extend",
            "answer-due",
            "--to",
            "2026-12-14",
            "--reason",
            "x",
            "--on",
            "2026-12-05",
        ])
        .fails(2);
    assert_eq!(docket.read("matter.toml"), MATTER);
}

#[test]
fn done_on_a_deadline_already_done_says_so() {
    let docket = Docket::new();
    docket
        .edit(&["done", "answer-due", "--on", "2026-11-30"])
        .ok();
    let once = docket.read("matter.toml");
    let run = docket.edit(&["done", "answer-due", "--on", "2026-12-01"]);
    run.fails(2);
    assert!(
        run.stderr()
            .contains("`answer-due` is already done on 2026-11-30"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("docket reopen answer-due"));
    assert_eq!(docket.read("matter.toml"), once);
    // Nor is it extended.
    docket
        .edit(&[
            "extend",
            "answer-due",
            "--to",
            "2026-12-14",
            "--reason",
            "x",
        ])
        .fails(2);
    assert_eq!(docket.read("matter.toml"), once);
}

#[test]
fn reopen_opens_a_done_deadline_again() {
    let docket = Docket::new();
    docket.edit(&["reopen", "answer-due"]).fails(2);
    docket
        .edit(&["done", "answer-due", "--on", "2026-11-27"])
        .ok();
    // Not before the change it undoes, nor in the future.
    docket
        .edit(&["reopen", "answer-due", "--on", "2026-11-26"])
        .fails(2);
    docket
        .edit(&["reopen", "answer-due", "--on", "2026-12-02"])
        .fails(2);
    docket
        .edit(&[
            "reopen",
            "answer-due",
            "--on",
            "2026-11-27",
            "--reason",
            "Marked done by mistake",
        ])
        .ok();
    let text = docket.read("matter.toml");
    assert!(text.contains(r#"history = [{ status = "done", on = 2026-11-27 }, { status = "open", on = 2026-11-27, reason = "Marked done by mistake" }]"#), "{text}");
    // Reopened the day it was marked done, it never reads as done: overdue as of that day.
    let list = docket.run(&["list", ".", "--as-of", "2026-11-27", "--status", "done"]);
    assert!(!list.stdout().contains("answer-due"), "{}", list.stdout());
    docket
        .edit(&["done", "answer-due", "--on", "2026-11-30"])
        .ok();
    docket.run(&["fmt", "--check", "."]).ok();
}

#[test]
fn history_stays_in_date_order() {
    let docket = Docket::new();
    docket
        .edit(&[
            "extend",
            "answer-due",
            "--to",
            "2027-01-08",
            "--reason",
            "Second",
            "--on",
            "2026-11-28",
        ])
        .ok();
    docket
        .edit(&[
            "extend",
            "answer-due",
            "--to",
            "2026-12-18",
            "--reason",
            "First",
            "--on",
            "2026-11-20",
        ])
        .ok();
    let text = docket.read("matter.toml");
    let first = text.find("reason = \"First\"").unwrap();
    let second = text.find("reason = \"Second\"").unwrap();
    assert!(first < second, "{text}");
    // The extension in force is the later one.
    let explain = docket.run(&["list", ".", "--format", "json"]);
    assert!(
        explain.stdout().contains("2027-01-08"),
        "{}",
        explain.stdout()
    );
    // A deadline is done after its last change, not before it.
    let run = docket.edit(&["done", "answer-due", "--on", "2026-11-25"]);
    run.fails(2);
    assert!(
        run.stderr().contains("records `extended` on 2026-11-28"),
        "{}",
        run.stderr()
    );
}

// ---- 4. Warnings at edit time.

#[test]
fn extend_to_a_day_the_court_is_closed_warns_at_edit_time() {
    for (to, why) in [("2026-12-19", "Saturday"), ("2026-12-25", "Christmas Day")] {
        let docket = Docket::new();
        let run = docket.edit(&["extend", "answer-due", "--to", to, "--reason", "Order"]);
        run.ok();
        let said = run.stderr();
        assert!(
            said.contains(&format!(
                "`answer-due` is extended to {to}, a day `d-colo` is closed"
            )) && said.contains(why),
            "{said}"
        );
        // The same warning `check` gives.
        let check = docket.run(&["check", "."]);
        assert!(
            check
                .stdout()
                .contains(&format!("is extended to {to}, a day `d-colo` is closed")),
            "{}",
            check.stdout()
        );
    }
}

#[test]
fn extend_to_a_day_before_the_computed_date_warns_at_edit_time() {
    let docket = Docket::new();
    // Computed: 21 days from 2026-11-09 is Monday 2026-11-30.
    let run = docket.edit(&[
        "extend",
        "answer-due",
        "--to",
        "2026-11-27",
        "--reason",
        "Order",
        "--on",
        "2026-11-20",
    ]);
    run.ok();
    assert!(
        run.stderr().contains(
            "`answer-due` is extended to 2026-11-27, earlier than its computed date 2026-11-30"
        ),
        "{}",
        run.stderr()
    );
    // An extension to an open day later than the computed date says nothing.
    let docket = Docket::new();
    let run = docket.edit(&[
        "extend",
        "answer-due",
        "--to",
        "2026-12-14",
        "--reason",
        "Order",
    ]);
    run.ok();
    assert_eq!(run.stderr(), "");
}

#[test]
fn a_mail_period_from_a_trigger_that_is_not_a_service_warns_at_edit_time() {
    let docket = Docket::new();
    let run = docket.edit(&[
        "add",
        "deadline",
        "--trigger",
        "complaint-filed",
        "--period",
        "14 days + mail",
        "--title",
        "Something due",
        "--authority",
        "FRCP 6(d)",
    ]);
    run.ok();
    assert!(
        run.stderr().contains(
            "adds 3 days for service (FRCP 6(d)), but the trigger `complaint-filed` is a filing"
        ),
        "{}",
        run.stderr()
    );
    let run = docket.edit(&["set", "answer-due", "period", "21 days + mail"]);
    run.ok();
    assert!(
        !run.stderr().contains("adds 3 days"),
        "a service trigger: {}",
        run.stderr()
    );
    let run = docket.edit(&["set", "reply-due", "trigger", "complaint-filed"]);
    run.ok();
    let run = docket.edit(&["set", "reply-due", "period", "21 days + mail"]);
    run.ok();
    assert!(
        run.stderr()
            .contains("but the trigger `complaint-filed` is a filing"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_period_without_authority_warns_at_edit_time_once() {
    let docket = Docket::new();
    let run = docket.edit(&[
        "add",
        "deadline",
        "--trigger",
        "summons-served",
        "--period",
        "14 days",
        "--title",
        "Disclosures due",
    ]);
    run.ok();
    assert!(
        run.stderr()
            .contains("the period of `disclosures-due` has no `authority`"),
        "{}",
        run.stderr()
    );
    // Said when the edit brings it, not again at every later edit.
    let run = docket.edit(&["set", "disclosures-due", "period", "15 days"]);
    run.ok();
    assert_eq!(run.stderr(), "");
}

// ---- 5. `set` on a timeline's keys; `add deadline --due`; duplicate events.

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
    assert!(
        text.ends_with(
            "\n[[deadline]]\nid = \"expert-reports-due\"\ntitle = \"Expert reports due\"\ndue = 2027-03-01\nauthority = \"Scheduling Order, ECF No. 20\"\nreminders = [\"14 days\", \"2 days\"]\nnotes = \"Per the order\"\nsources = [\"Scheduling Order, ECF No. 20\", \"ECF No. 21\"]\nrecorded = { due = 2027-03-01, data = \"2026.11.28\" }\n"
        ) || text.contains("id = \"expert-reports-due\"\ntitle = \"Expert reports due\"\ndue = 2027-03-01\nauthority"),
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

// ---- 6. `new`: calendar and zone together.

#[test]
fn new_infers_the_zone_from_the_calendar() {
    let docket = Docket::with(&[]);
    let run = docket.run(&[
        "new",
        "t/smith.toml",
        "--title",
        "Smith v. Jones",
        "--calendar",
        "d-colo",
    ]);
    run.ok();
    let text = docket.read("t/smith.toml");
    assert!(
        text.contains("timezone = \"America/Denver\"\ncalendar = \"d-colo\""),
        "{text}"
    );
    assert!(
        run.stderr()
            .contains("takes `d-colo`'s zone, America/Denver"),
        "{}",
        run.stderr()
    );
    docket.run(&["fmt", "--check", "t"]).ok();
    let run = docket.run(&[
        "new",
        "t/doe.toml",
        "--title",
        "Doe",
        "--calendar",
        "co-courts",
        "--timezone",
        "America/Denver",
    ]);
    run.ok();
    assert_eq!(run.stderr(), "");
}

#[test]
fn new_with_a_zone_alone_picks_no_court_calendar_but_says_so() {
    let docket = Docket::with(&[]);
    let run = docket.run(&[
        "new",
        "smith.toml",
        "--title",
        "Smith v. Jones",
        "--timezone",
        "America/Denver",
    ]);
    run.ok();
    assert!(
        docket
            .read("smith.toml")
            .contains("calendar = \"us-federal\"")
    );
    let said = run.stderr();
    assert!(
        said.contains("no --calendar given: the timeline counts on `us-federal`"),
        "{said}"
    );
    assert!(
        said.contains("`d-colo`") && said.contains("misses its holidays"),
        "{said}"
    );
}

#[test]
fn new_with_neither_says_which_calendar_it_chose_and_what_that_means() {
    let docket = Docket::with(&[]);
    let run = docket.run(&["new", "smith.toml", "--title", "Smith v. Jones"]);
    run.ok();
    let text = docket.read("smith.toml");
    assert!(
        text.contains("timezone = \"America/Denver\"\ncalendar = \"us-federal\""),
        "{text}"
    );
    let said = run.stderr();
    assert!(
        said.contains("no --timezone given: the timeline's zone is America/Denver, the default"),
        "{said}"
    );
    assert!(
        said.contains("United States federal legal holidays"),
        "{said}"
    );
    assert!(
        said.contains("`colorado`, `d-colo`") || said.contains("`d-colo`"),
        "{said}"
    );
    // A dry run says the same and writes nothing.
    let run = docket.run(&["new", "other.toml", "--title", "Other", "--dry-run"]);
    run.ok();
    assert!(run.stderr().contains("no --calendar given"));
    assert!(!docket.path("other.toml").exists());
}

// ---- 8. A file too large to edit in bounded memory is refused.

#[test]
fn an_edit_refuses_a_file_too_large_to_edit() {
    let docket = Docket::new();
    // The matter, then a comment that makes it one byte over the limit.
    let limit = 16 * 1024 * 1024;
    let mut text = MATTER.to_string();
    text.push('#');
    text.push_str(&" ".repeat(limit - text.len()));
    text.push('\n');
    assert_eq!(text.len(), limit + 1);
    std::fs::write(docket.path("matter.toml"), &text).unwrap();
    let run = docket.edit(&["set", "answer-due", "title", "Answer"]);
    run.fails(3);
    assert!(
        run.stderr().contains(
            "`./matter.toml` is 16.1 MiB; docket edits and formats timeline files of up to 16 MiB"
        ),
        "{}",
        run.stderr()
    );
    let run = docket.run(&["fmt", "--check", "."]);
    run.fails(3);
    assert!(run.stderr().contains("up to 16 MiB"), "{}", run.stderr());
    assert!(std::fs::read(docket.path("matter.toml")).unwrap() == text.as_bytes());
    // It is still read by the other commands.
    docket.run(&["check", "."]).ok();
}

// ---- 9. A broken file elsewhere in the docket stops an edit.

const OTHER_BROKEN: &str = "[timeline]\nid = \"other\"\ntitle = \"Other\"\n\n[[event]]\nid = \"order-entered\"\ndate = 2026-13-01\ntitle = \"Order\"\n";

#[test]
fn an_edit_refuses_when_another_file_of_the_docket_has_errors() {
    let docket = Docket::with(&[("matter.toml", MATTER), ("other.toml", OTHER_BROKEN)]);
    let run = docket.edit(&["set", "answer-due", "title", "Answer"]);
    run.fails(2);
    let said = run.stderr();
    assert!(
        said.contains("`./other.toml` has errors; an edit reads every file of the docket"),
        "{said}"
    );
    // Its errors are shown.
    assert!(said.contains("other.toml:7"), "{said}");
    assert_eq!(docket.read("matter.toml"), MATTER);
    // A record that may be in the broken file is not said to be missing.
    let run = docket.edit(&["done", "order-entered", "--on", "2026-11-30"]);
    run.fails(2);
    assert!(
        run.stderr().contains("`./other.toml` has errors"),
        "{}",
        run.stderr()
    );
    // Adding an id the broken file may hold is refused as well.
    docket
        .run(&[
            "add",
            "event",
            "matter.toml",
            "--date",
            "2026-11-20",
            "--title",
            "Order entered",
        ])
        .fails(2);
    assert_eq!(docket.read("matter.toml"), MATTER);
}

#[test]
fn an_edit_may_mend_the_file_it_edits() {
    let broken = MATTER.replace("trigger = \"answer-due\"", "trigger = \"answer-du\"");
    let docket = Docket::with(&[("matter.toml", &broken)]);
    docket
        .edit(&["set", "reply-due", "trigger", "answer-due"])
        .ok();
    docket.run(&["check", "."]).ok();
}

#[test]
fn an_edit_that_breaks_another_file_is_refused() {
    let other = "[timeline]\nid = \"other\"\ntitle = \"Other\"\n\n[[deadline]]\nid = \"motion-due\"\ntitle = \"Motion due\"\ntrigger = \"complaint-filed\"\nperiod = \"90 days\"\nauthority = \"An order\"\n";
    let docket = Docket::with(&[("matter.toml", MATTER), ("other.toml", other)]);
    // Known only to the month, the complaint can no longer be counted from.
    let run = docket.edit(&["set", "complaint-filed", "date", "2026-10"]);
    run.fails(2);
    assert!(run.stderr().contains("other.toml"), "{}", run.stderr());
    assert!(
        run.stderr().contains("cannot count from `complaint-filed`"),
        "{}",
        run.stderr()
    );
    assert_eq!(docket.read("matter.toml"), MATTER);
}
