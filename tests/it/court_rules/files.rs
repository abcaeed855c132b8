//! Rule-set files of the user's own: loaded beside the built-in ones, and every problem reported
//! with its file, line and column, by the library, `docket rules test` and `docket check`.

use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use docket::calendar::Calendars;
use docket::court_rules::RuleSets;
use docket::court_rules::load::load;
use docket::diagnostic::{Diagnostic, SourceFile};

/// A small valid set: one trigger, a response and a reply counted from the response.
pub const GOOD: &str = r#"[set]
id = "mine"
title = "My court's rules"
jurisdiction = "A court"
method = "frcp-6"
calendar = "us-federal"
verified = { on = 2026-12-01, source = "read in my court's rules" }

[[question]]
id = "service"
ask = "How was it served?"
answers = ["personal", "mail", "electronic"]

[[trigger]]
id = "served"
title = "Paper served"

[[rule]]
id = "response"
title = "Response due"
cite = "My R. 1(a)"
quote = "within 21 days"
source = "my court's rules"
status = "verified"
trigger = "served"
period = "21 days"
service = "service"
tests = [{ trigger = 2026-03-02, answers = { service = "electronic" }, due = 2026-03-23, source = "my rule's example" }]

[[rule]]
id = "reply"
title = "Reply due"
cite = "My R. 1(b)"
quote = "within 7 days after service of the response"
source = "my court's rules"
status = "verified"
trigger = "response"
counts_from = "done"
period = "7 days"
tests = [{ trigger = 2026-03-02, answers = { service = "electronic" }, done = 2026-03-16, due = 2026-03-23, source = "my rule's example" }]
"#;

fn problems(text: &str) -> Vec<Diagnostic> {
    let file = Arc::new(SourceFile::new("rules/mine.toml", text));
    load(file, Calendars::builtin()).err().unwrap_or_default()
}

fn only(text: &str) -> Diagnostic {
    let mut p = problems(text);
    assert_eq!(
        p.len(),
        1,
        "{:?}",
        p.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    p.remove(0)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn the_good_set_loads_and_its_examples_pass() {
    assert!(problems(GOOD).is_empty());
    let dir = crate::support::temp_dir();
    std::fs::write(dir.path().join("mine.toml"), GOOD).unwrap();
    let (sets, problems) = RuleSets::with_dir(dir.path(), Calendars::builtin());
    assert!(problems.is_empty());
    let mine = sets.get("mine").unwrap();
    let results = docket::court_rules::examples::run(mine, Calendars::builtin());
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| r.failure.is_none()));
    assert!(sets.get("frcp").is_ok(), "the built-in sets stay");
}

#[test]
fn an_unknown_key_is_reported_at_its_line_with_the_near_miss() {
    let text = GOOD.replace("period = \"7 days\"", "perod = \"7 days\"");
    let d = only(&text);
    let line = line_of(&text, "perod");
    assert_eq!(d.location().unwrap(), format!("rules/mine.toml:{line}:1"));
    assert!(d.message.contains("unknown field `perod`"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `period`?"));
    assert!(d.render(false).contains("perod = \"7 days\""), "a snippet");
}

#[test]
fn a_period_that_does_not_parse_is_reported_where_it_is_written() {
    let text = GOOD.replace("period = \"21 days\"", "period = \"21 dayz\"");
    let d = only(&text);
    let line = line_of(&text, "21 dayz");
    assert_eq!(d.location().unwrap(), format!("rules/mine.toml:{line}:10"));
    assert!(d.message.starts_with("invalid period"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `days`?"));
}

#[test]
fn a_chain_to_nothing_names_the_nearest_rule() {
    let text = GOOD.replace("trigger = \"response\"", "trigger = \"responce\"");
    let d = only(&text);
    assert_eq!(
        d.location().unwrap(),
        format!("rules/mine.toml:{}:11", line_of(&text, "\"responce\""))
    );
    assert!(
        d.message.contains("neither a trigger nor a rule"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `response`?"));
}

#[test]
fn rules_that_count_from_each_other_in_a_loop_are_refused() {
    let text = GOOD.replace(
        "trigger = \"served\"\nperiod = \"21 days\"",
        "trigger = \"reply\"\nperiod = \"21 days\"",
    );
    let p = problems(&text);
    assert!(
        p.iter()
            .any(|d| d.message.contains("in a loop") && d.location().is_some()),
        "{:?}",
        p.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

#[test]
fn a_condition_naming_an_unknown_question_or_answer_is_refused() {
    let text = GOOD.replace(
        "service = \"service\"\ntests",
        "service = \"service\"\nwhen = { servise = \"mail\" }\ntests",
    );
    let d = only(&text);
    assert!(
        d.message.contains("unknown question `servise`"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `service`?"));
    assert_eq!(
        d.location().unwrap(),
        format!("rules/mine.toml:{}:8", line_of(&text, "{ servise"))
    );
    let text = GOOD.replace(
        "service = \"service\"\ntests",
        "service = \"service\"\nwhen = { service = \"mial\" }\ntests",
    );
    let d = only(&text);
    assert!(
        d.message.contains("`mial` is not an answer to `service`"),
        "{}",
        d.message
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `mail`?"));
}

#[test]
fn versions_in_force_on_the_same_day_are_refused() {
    let second = GOOD[GOOD.find("[[rule]]\nid = \"reply\"").unwrap()..].to_string();
    let text = format!("{GOOD}\n{second}");
    let p = problems(&text);
    assert!(
        p.iter()
            .any(|d| d.message.contains("two versions of rule `reply`"))
    );
}

#[test]
fn a_bad_file_never_panics() {
    for text in [
        "",
        "[set]",
        "garbage = [",
        "[set]\nid = 1",
        &GOOD.replace("status = \"verified\"", "status = \"approved\""),
        &GOOD.replace("2026-03-23", "2026-02-30"),
        &GOOD.replace("counts_from = \"done\"", "counts_from = \"finished\""),
        &GOOD.replace("trigger = \"served\"", "trigger = \"response\""),
    ] {
        let p = problems(text);
        assert!(!p.is_empty(), "{text}");
    }
}

fn docket(dir: &Path, args: &[&str]) -> Output {
    crate::support::docket()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn rules_test_fails_with_the_examples_file_and_line() {
    let dir = crate::support::temp_dir();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    let text = GOOD.replace(
        "due = 2026-03-23, source = \"my rule's example\" }]\n\n[[rule]]",
        "due = 2026-03-24, source = \"my rule's example\" }]\n\n[[rule]]",
    );
    std::fs::write(dir.path().join("rules/mine.toml"), &text).unwrap();
    let out = docket(dir.path(), &["rules", "test", "mine"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let line = line_of(&text, "2026-03-24");
    assert!(
        stdout.contains(&format!("FAIL rules/mine.toml:{line}:")),
        "{stdout}"
    );
    assert!(
        stdout.contains("due 2026-03-23, expected 2026-03-24"),
        "{stdout}"
    );
    // `check` warns of it, and still passes a valid docket.
    std::fs::create_dir(dir.path().join("timelines")).unwrap();
    std::fs::write(
        dir.path().join("timelines/t.toml"),
        "[timeline]\nid = \"t\"\ntitle = \"T\"\n",
    )
    .unwrap();
    let out = docket(dir.path(), &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("a worked example of `mine/response` fails"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("rules/mine.toml:{line}:")),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "a warning: {stdout}");
}

#[test]
fn a_bad_user_file_stops_rules_and_check_with_its_place() {
    let dir = crate::support::temp_dir();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    let text = GOOD.replace("period = \"7 days\"", "period = \"7 dais\"");
    std::fs::write(dir.path().join("rules/mine.toml"), &text).unwrap();
    let line = line_of(&text, "7 dais");
    let out = docket(dir.path(), &["rules", "test"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("rules/mine.toml:{line}:10")),
        "{stderr}"
    );
    std::fs::create_dir(dir.path().join("timelines")).unwrap();
    std::fs::write(
        dir.path().join("timelines/t.toml"),
        "[timeline]\nid = \"t\"\ntitle = \"T\"\n",
    )
    .unwrap();
    let out = docket(dir.path(), &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("rules/mine.toml:{line}:10")),
        "{stdout}"
    );
    // `--rules DIR` and `$DOCKET_RULES` name the folder too.
    let other = crate::support::temp_dir();
    let out = docket(
        other.path(),
        &[
            "--rules",
            dir.path().join("rules").to_str().unwrap(),
            "rules",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = docket(other.path(), &["--rules", "no-such-folder", "rules"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}
