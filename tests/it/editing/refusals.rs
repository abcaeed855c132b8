//! A file too large to edit is refused; a broken file elsewhere in the docket stops an
//! edit.

use super::{Docket, MATTER};

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
