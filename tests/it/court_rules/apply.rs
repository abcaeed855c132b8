//! `docket apply`: a family added to an event's timeline through the edit session.

use std::path::Path;
use std::process::Output;

const TIMELINE: &str = r#"[timeline]
id = "smith"
title = "Smith v. Jones"
calendar = "d-colo"

# Served by the process server.
[[event]]
id = "summons-served"
date = 2026-11-09
title = "Summons and complaint served"
kind = "service"

[[event]]
id = "motion"
date = 2026-03-02
title = "Motion to dismiss served"
kind = "service"

[[event]]
id = "subpoena"
date = 2026-06-01
title = "Subpoena served"
kind = "service"

[[event]]
id = "talks"
date = "2026-11"
title = "Settlement talks"
"#;

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let dir = crate::support::temp_dir();
        std::fs::create_dir(dir.path().join("timelines")).unwrap();
        std::fs::write(dir.path().join("timelines/smith.toml"), TIMELINE).unwrap();
        Case { dir }
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("timelines/smith.toml")).unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    crate::support::docket()
        .args(args)
        .current_dir(dir)
        .env("DOCKET_NOW", "2026-12-03T12:00:00-07:00")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "frcp",
        "complaint-served",
        "--to",
        "summons-served",
        "--answer",
        "us-party=no",
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let stdout = out(&o);
    assert!(stdout.contains("+rule = \"frcp/12-a-1-A-i\""), "{stdout}");
    assert!(
        stdout.contains("+authority = \"Fed. R. Civ. P. 12(a)(1)(A)(i)\""),
        "{stdout}"
    );
    assert!(stdout.contains("+period = \"21 days\""), "{stdout}");
    assert!(stdout.contains("(nothing written)"), "{stdout}");
    assert!(
        !stdout
            .lines()
            .any(|l| l.starts_with('-') && !l.starts_with("---")),
        "only additions: {stdout}"
    );
    assert_eq!(case.text(), TIMELINE, "nothing written");
}

#[test]
fn apply_adds_the_family_byte_for_byte_elsewhere_and_a_second_apply_adds_nothing() {
    let case = Case::new();
    let args = [
        "apply",
        "frcp",
        "complaint-served",
        "--to",
        "summons-served",
        "--answer",
        "us-party=no",
    ];
    let o = case.run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let after = case.text();
    // What was there is there, byte for byte; the deadline comes after its event.
    let added_at = after.find("[[deadline]]").unwrap();
    let block_end = added_at + after[added_at..].find("\n\n").unwrap() + 2;
    let without = format!("{}{}", &after[..added_at], &after[block_end..]);
    assert_eq!(without, TIMELINE);
    assert!(after.find("id = \"summons-served\"").unwrap() < added_at);
    assert!(after.contains("rule = \"frcp/12-a-1-A-i\"\nrule_version = \"2009-12-01\"\nanswers = { us-party = \"no\" }"), "{after}");
    assert!(after.contains("recorded = { due = 2026-11-30"), "{after}");
    // The second apply adds nothing and succeeds.
    let o = case.run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("0 deadline(s) added, 1 already there"),
        "{}",
        out(&o)
    );
    assert_eq!(case.text(), after);
    // `check` is clean, and `list` shows the rule.
    let o = case.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = case.run(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let records = json["records"]
        .as_array()
        .or(json.as_array())
        .unwrap()
        .clone();
    let made = records
        .iter()
        .find(|r| r["rule"] == "frcp/12-a-1-A-i")
        .expect("rule in list JSON");
    assert_eq!(made["due"], "2026-11-30");
    let o = case.run(&["export", "--format", "json"]);
    assert!(out(&o).contains("\"rule\": \"frcp/12-a-1-A-i\""));
}

#[test]
fn apply_refuses_an_event_dated_only_to_a_month() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "frcp",
        "complaint-served",
        "--to",
        "talks",
        "--answer",
        "us-party=no",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not to a day"), "{}", err(&o));
    assert_eq!(case.text(), TIMELINE);
}

#[test]
fn an_unanswered_question_is_asked_by_name_with_its_answers() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "frcp",
        "complaint-served",
        "--to",
        "summons-served",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("needs an answer to `us-party`"), "{e}");
    assert!(e.contains("--answer us-party=yes|no"), "{e}");
    assert_eq!(case.text(), TIMELINE);
}

#[test]
fn unknown_sets_triggers_questions_answers_and_events_get_the_nearest() {
    let case = Case::new();
    for (args, near) in [
        (
            vec![
                "apply",
                "frpc",
                "complaint-served",
                "--to",
                "summons-served",
            ],
            "did you mean `frcp`?",
        ),
        (
            vec!["apply", "frcp", "complaint-servd", "--to", "summons-served"],
            "did you mean `complaint-served`?",
        ),
        (
            vec![
                "apply",
                "frcp",
                "complaint-served",
                "--to",
                "summons-served",
                "--answer",
                "us-pary=no",
            ],
            "did you mean `us-party`?",
        ),
        (
            vec![
                "apply",
                "frcp",
                "complaint-served",
                "--to",
                "summons-served",
                "--answer",
                "us-party=noo",
            ],
            "did you mean `no`?",
        ),
        (
            vec![
                "apply",
                "frcp",
                "complaint-served",
                "--to",
                "summons-servd",
                "--answer",
                "us-party=no",
            ],
            "did you mean `summons-served`?",
        ),
        (
            vec!["rules", "show", "frcp", "complaint-servd"],
            "did you mean `complaint-served`?",
        ),
        (vec!["rules", "test", "d-clo"], "did you mean `d-colo`?"),
    ] {
        let o = case.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err(&o).contains(near), "{args:?}: {}", err(&o));
    }
    assert_eq!(case.text(), TIMELINE);
}

#[test]
fn apply_json_gives_each_deadline_with_its_readings() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "frcp",
        "subpoena-served",
        "--to",
        "subpoena",
        "--answer",
        "compliance=2026-06-10",
        "--format",
        "json",
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &json["deadlines"][0];
    assert_eq!(d["rule"], "frcp/45-d-2-B");
    assert_eq!(d["rule_status"], "verified");
    assert_eq!(d["due"], "2026-06-09");
    assert_eq!(d["readings"][0]["id"], "day-before");
    assert_eq!(d["readings"][1]["due"], "2026-06-10");
    assert!(d["id"].as_str().unwrap().contains("45-d-2-b"));
    assert!(json["diff"].as_str().unwrap().contains("+due = 2026-06-09"));
    assert_eq!(case.text(), TIMELINE);
}

#[test]
fn a_reply_counted_from_the_act_moves_when_the_response_is_served_early() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "d-colo",
        "motion-served",
        "--to",
        "motion",
        "--answer",
        "service=electronic",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = case.text();
    assert!(text.contains("from = \"done\""), "{text}");
    assert!(
        text.contains("recorded = { due = 2026-04-06"),
        "the reply projected from the response's due date: {text}"
    );
    let explained = out(&case.run(&["explain", "motion-7-1-d-reply"]));
    assert!(explained.contains("projected"), "{explained}");
    assert!(
        explained.contains("a draft (its text not verified"),
        "{explained}"
    );
    let table = out(&case.run(&["list"]));
    assert!(
        table.contains("d-colo/7-1-d-reply, draft)"),
        "a draft says so: {table}"
    );
    // The response is served early: the reply counts from that day.
    let o = case.run(&["done", "motion-7-1-d-response", "--on", "2026-03-16"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // The edit that moves the reply says so, and records its new date.
    assert!(
        out(&o).contains("`motion-7-1-d-reply` now due 2026-03-30"),
        "{}",
        out(&o)
    );
    let o = case.run(&["list", "--format", "json"]);
    let body = out(&o);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let records = json["records"]
        .as_array()
        .or(json.as_array())
        .unwrap()
        .clone();
    let reply = records
        .iter()
        .find(|r| r["rule"] == "d-colo/7-1-d-reply")
        .unwrap();
    assert_eq!(reply["due"], "2026-03-30", "{body}");
    let explained = out(&case.run(&["explain", "motion-7-1-d-reply"]));
    assert!(
        explained.contains("the day deadline `motion-7-1-d-response` was done, 2026-03-16"),
        "{explained}"
    );
    assert_eq!(case.run(&["check"]).status.code(), Some(0));
    // Applying again adds nothing.
    let o = case.run(&[
        "apply",
        "d-colo",
        "motion-served",
        "--to",
        "motion",
        "--answer",
        "service=electronic",
    ]);
    assert!(
        out(&o).contains("0 deadline(s) added, 2 already there"),
        "{}",
        out(&o)
    );
}

#[test]
fn add_event_with_a_rule_adds_the_event_and_its_family_in_one_edit() {
    let case = Case::new();
    let o = case.run(&[
        "add",
        "event",
        "timelines/smith.toml",
        "--date",
        "2026-11-20",
        "--title",
        "Order served",
        "--id",
        "order",
        "--rule",
        "frcp/magistrate-order-served",
        "--answer",
        "order-kind=nondispositive",
        "--answer",
        "service=mail",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("and 1 deadline(s) under `frcp/magistrate-order-served`"),
        "{}",
        out(&o)
    );
    let text = case.text();
    let event = text.find("id = \"order\"").unwrap();
    let deadline = text.find("rule = \"frcp/72-a\"").unwrap();
    assert!(event < deadline, "the family after its event: {text}");
    assert!(text.contains("period = \"14 days + mail\""), "{text}");
    // 14 days after Friday 2026-11-20 is Friday 2026-12-04; 3 days for mail make it Monday 12-07.
    assert!(text.contains("recorded = { due = 2026-12-07"), "{text}");
    // An unanswered question stops the whole edit.
    let o = case.run(&[
        "add",
        "event",
        "timelines/smith.toml",
        "--date",
        "2026-11-21",
        "--title",
        "Another order",
        "--rule",
        "frcp/magistrate-order-served",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("needs an answer to `order-kind`"),
        "{}",
        err(&o)
    );
    assert_eq!(case.text(), text, "nothing written");
}

#[test]
fn readings_are_kept_and_shown_by_list_explain_and_json() {
    let case = Case::new();
    let o = case.run(&[
        "apply",
        "frcp",
        "subpoena-served",
        "--to",
        "subpoena",
        "--answer",
        "compliance=2026-06-10",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = case.text();
    assert!(text.contains("due = 2026-06-09"), "{text}");
    assert!(
        text.contains("readings = [{ id = \"day-before\", due = 2026-06-09"),
        "{text}"
    );
    assert_eq!(case.run(&["check"]).status.code(), Some(0));
    let o = case.run(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let records = json["records"]
        .as_array()
        .or(json.as_array())
        .unwrap()
        .clone();
    let d = records
        .iter()
        .find(|r| r["rule"] == "frcp/45-d-2-B")
        .unwrap();
    assert_eq!(d["due"], "2026-06-09");
    assert_eq!(d["readings"][1]["id"], "same-day");
    assert_eq!(d["readings"][1]["due"], "2026-06-10");
    let id = d["id"].as_str().unwrap().to_string();
    let table = out(&case.run(&["list"]));
    assert!(table.contains("reading `same-day`: 2026-06-10"), "{table}");
    let o = case.run(&["explain", &id]);
    let text = out(&o);
    assert!(
        text.contains("Made by rule `frcp/45-d-2-B`, version 2013-12-01"),
        "{text}"
    );
    assert!(
        text.contains("Reading `day-before`: due 2026-06-09, the date used"),
        "{text}"
    );
    assert!(
        text.contains("Reading `same-day`: due 2026-06-10 ("),
        "{text}"
    );
    let o = case.run(&["explain", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["readings"][0]["due"], "2026-06-09");
}

#[test]
fn a_changed_rule_set_moves_nothing_until_accepted() {
    let case = Case::new();
    let rules = case.dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let set = super::files::GOOD.replace("calendar = \"us-federal\"", "calendar = \"d-colo\"");
    std::fs::write(rules.join("mine.toml"), &set).unwrap();
    let o = case.run(&[
        "apply",
        "mine",
        "served",
        "--to",
        "motion",
        "--answer",
        "service=personal",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(case.run(&["check"]).status.code(), Some(0));
    let before = case.text();
    assert!(before.contains("period = \"21 days\""), "{before}");
    // A new version of the response rule: 28 days from 2026-01-01.
    let newer = set.replace(
        "period = \"21 days\"\nservice = \"service\"\ntests = [{ trigger = 2026-03-02, answers = { service = \"electronic\" }, due = 2026-03-23",
        "period = \"28 days\"\nfrom = 2026-01-01\nservice = \"service\"\ntests = [{ trigger = 2026-03-02, answers = { service = \"electronic\" }, due = 2026-03-30",
    );
    assert_ne!(newer, set);
    std::fs::write(rules.join("mine.toml"), &newer).unwrap();
    assert_eq!(case.text(), before, "nothing moves by itself");
    let o = case.run(&["check"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("`mine/response` version original (21 days, due 2026-03-23) → version 2026-01-01 (28 days, due 2026-03-30)"),
        "{text}"
    );
    let o = case.run(&["accept"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let after = case.text();
    assert!(after.contains("period = \"28 days\""), "{after}");
    assert!(after.contains("rule_version = \"2026-01-01\""), "{after}");
    assert!(after.contains("recorded = { due = 2026-03-30"), "{after}");
    assert_eq!(
        case.run(&["check"]).status.code(),
        Some(0),
        "{}",
        out(&case.run(&["check"]))
    );
}

#[test]
fn a_colorado_family_is_explained_under_crcp_6_never_frcp_6() {
    let dir = crate::support::temp_dir();
    std::fs::create_dir(dir.path().join("timelines")).unwrap();
    std::fs::write(
        dir.path().join("timelines/state.toml"),
        "[timeline]\nid = \"state\"\ntitle = \"Doe v. Roe\"\ncalendar = \"co-courts\"\n\n[[event]]\nid = \"served\"\ndate = 2026-03-02\ntitle = \"Summons served\"\nkind = \"service\"\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "apply",
            "crcp",
            "complaint-served",
            "--to",
            "served",
            "--answer",
            "served-outside-state=yes",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = std::fs::read_to_string(dir.path().join("timelines/state.toml")).unwrap();
    assert!(
        text.contains("authority = \"C.R.C.P. 12(a) (draft: the rule's text is not verified)\""),
        "{text}"
    );
    assert!(text.contains("period = \"35 days\""), "{text}");
    assert_eq!(
        text.matches("calendar = ").count(),
        1,
        "the timeline's calendar counts by the set's method, so the deadline names none: {text}"
    );
    let o = run_in(dir.path(), &["explain", "served-12-a"]);
    let explained = out(&o);
    assert!(explained.contains("C.R.C.P. 6"), "{explained}");
    assert!(!explained.contains("FRCP 6"), "{explained}");
    assert!(explained.contains("2026-04-06"), "{explained}");
    // A federal rule applied on a state calendar counts by FRCP 6 on the set's own calendar.
    let o = run_in(
        dir.path(),
        &[
            "apply",
            "frcp",
            "complaint-served",
            "--to",
            "served",
            "--answer",
            "us-party=no",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = std::fs::read_to_string(dir.path().join("timelines/state.toml")).unwrap();
    assert!(text.contains("calendar = \"us-federal\""), "{text}");
    let explained = out(&run_in(dir.path(), &["explain", "served-12-a-1-a-i"]));
    assert!(explained.contains("FRCP 6"), "{explained}");
}
