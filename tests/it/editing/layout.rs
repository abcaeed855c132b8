//! Every editing command leaves its file in the canonical layout.

use proptest::prelude::*;

use super::{Docket, table_of};

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
            "recorded",
            "modified"
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
