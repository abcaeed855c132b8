//! `new`: calendar and zone together.

use super::Docket;

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
