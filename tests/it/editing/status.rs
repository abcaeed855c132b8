//! `done`, `reopen` and the history's order; warnings at edit time.

use super::{Docket, MATTER};

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
