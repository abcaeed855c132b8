//! `docket publish` through the binary, against a real Radicale and a real Xandikos started on
//! 127.0.0.1 (see `publish/servers.rs`): a docket of two timelines published, left alone when
//! nothing changed, updated by `extend`, shrunk by `rm`, kept within the scope the filters
//! select, with a colleague's event that survives every run and a server-side edit reported as
//! a conflict; and the servers that fail, each with its exit code and message.
//!
//! The entries read back from each server also go through the shared iCalendar checkers
//! (`../shared/tools/check.sh`) when `DOCKET_ICS_CHECK` names the checkers to run (`all`, or a
//! list as `ICS_CHECKERS` takes it); see `entries_pass_the_shared_checkers_on_*`.

use crate::publish::{fake, servers};

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use fake::FakeServer;
use servers::{CalDavServer, Kind};
use tempfile::TempDir;

const CASE_A: &str = r#"[timeline]
id = "case-a"
title = "Alpha v. Beta"
short = "Alpha"
case = "1:26-cv-00123"
court = "D. Colo."
assignee = "Ann"
timezone = "America/Denver"
calendar = "d-colo"

[[event]]
id = "served"
date = 2026-11-09
title = "Complaint served"
kind = "service"

[[event]]
id = "hearing"
date = 2027-01-12T09:30:00
title = "Scheduling conference; room A901, Denver"
kind = "hearing"
tags = ["court"]

[[deadline]]
id = "answer-due"
title = "Answer due"
trigger = "served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
"#;

const CASE_B: &str = r#"[timeline]
id = "case-b"
title = "Gamma v. Delta"
assignee = "Bo"
timezone = "America/Denver"
calendar = "d-colo"

[[event]]
id = "letter"
date = 2026-10-01
title = "Demand letter"

[[deadline]]
id = "reply-due"
title = "Reply due"
trigger = "letter"
period = "30 days"
authority = "Contract § 4"
"#;

/// A docket folder with the two timelines.
fn docket() -> TempDir {
    let dir = crate::support::temp_dir();
    std::fs::write(dir.path().join("case-a.toml"), CASE_A).unwrap();
    std::fs::write(dir.path().join("case-b.toml"), CASE_B).unwrap();
    dir
}

/// `docket ARGS` with the server's credentials in the environment and no netrc file.
fn docket_cmd(s: Option<&CalDavServer>, args: &[&str]) -> Output {
    let mut cmd = crate::support::docket();
    cmd.args(args)
        .env_remove("DOCKET_CALDAV_USER")
        .env_remove("DOCKET_CALDAV_PASSWORD")
        .env("NETRC", "/nonexistent/netrc")
        .env("NO_COLOR", "1");
    if let Some((user, password)) = s.and_then(|s| s.login) {
        cmd.env("DOCKET_CALDAV_USER", user)
            .env("DOCKET_CALDAV_PASSWORD", password);
    }
    cmd.output().expect("docket runs")
}

/// `docket publish URL DIR --as-of 2026-12-03 EXTRA...`.
fn publish(s: Option<&CalDavServer>, url: &str, dir: &Path, extra: &[&str]) -> Output {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["publish", url, dir, "--as-of", "2026-12-03"];
    args.extend_from_slice(extra);
    docket_cmd(s, &args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit code and that standard output holds `line`.
#[track_caller]
fn expect(o: &Output, code: i32, line: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
    assert!(
        stdout(o).lines().any(|l| l == line),
        "no line `{line}` in:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

/// The resource docket writes for a record (none of the ids here needs encoding).
fn resource(collection: &str, timeline: &str, record: &str) -> String {
    format!("{collection}{record}.{timeline}@docket.ics")
}

fn on(kind: Kind, scenario: fn(&CalDavServer)) {
    if let Some(server) = CalDavServer::start(kind) {
        scenario(&server);
    }
}

/// A colleague's own event in the same calendar.
const FOREIGN: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Colleague//Client//EN\r\n\
BEGIN:VEVENT\r\nUID:lunch-with-client@example.com\r\nDTSTAMP:20261201T120000Z\r\n\
DTSTART:20261215T190000Z\r\nDTEND:20261215T200000Z\r\nSUMMARY:Lunch with the client\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn a_team_calendar_on_radicale() {
    on(Kind::Radicale, team_calendar);
}

#[test]
fn a_team_calendar_on_xandikos() {
    on(Kind::Xandikos, team_calendar);
}

fn team_calendar(s: &CalDavServer) {
    let dir = docket();
    let url = s.url("team");
    let path = dir.path().to_str().unwrap();

    // No collection: a clear error, nothing made.
    let o = publish(Some(s), &url, dir.path(), &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("no calendar at"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--create"), "{}", stderr(&o));
    assert_eq!(s.logged_writes(), 0);

    // A dry run of the first publish: the plan, and only reads.
    let o = publish(Some(s), &url, dir.path(), &["--create", "--dry-run"]);
    expect(
        &o,
        0,
        "dry run, nothing written: 5 created, 0 updated, 0 deleted, 0 unchanged",
    );
    assert!(stdout(&o).contains("would create answer-due.case-a@docket\n"));
    assert_eq!(s.logged_writes(), 0);

    // The first publish creates every entry.
    let o = publish(Some(s), &url, dir.path(), &["--create"]);
    expect(&o, 0, "5 created, 0 updated, 0 deleted, 0 unchanged");
    assert_eq!(s.resources(&url).len(), 5);
    let hearing = resource(&url, "case-a", "hearing");
    let (status, _, text) = s.get(&hearing);
    assert_eq!(status, 200);
    assert!(text.contains("BEGIN:VTIMEZONE"), "{text}");
    assert!(
        text.contains("DTSTART;TZID=America/Denver:20270112T093000"),
        "{text}"
    );
    assert!(text.contains("X-DOCKET-TIMELINE:case-a"), "{text}");
    assert!(!text.contains("METHOD:"), "{text}");
    assert!(
        text.contains("DTEND;TZID=America/Denver:20270112T103000"),
        "{text}"
    );
    assert!(text.contains("TRANSP:OPAQUE"), "{text}");
    // The matter: its short name before the summary, and its case, court and assignee.
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:[Alpha] Scheduling conference\\; room A901\\, Denver\r\n"),
        "{unfolded}"
    );
    for part in [
        "Matter: Alpha v. Beta",
        "Case: 1:26-cv-00123",
        "Court: D. Colo.",
        "Assignee: Ann",
    ] {
        assert!(unfolded.contains(part), "{part} not in {unfolded}");
    }

    // A colleague's event in the same calendar.
    let foreign = format!("{url}lunch.ics");
    let (status, body) = s.raw("PUT", &foreign, &[("If-None-Match", "*")], Some(FOREIGN));
    assert!((200..300).contains(&status), "{status} {body}");
    let writes = s.logged_writes();

    // No change: nothing written, and said so.
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(&o, 0, "0 created, 0 updated, 0 deleted, 5 unchanged");
    assert_eq!(s.logged_writes(), writes);

    // `extend` changes one entry and raises its SEQUENCE.
    let answer = resource(&url, "case-a", "answer-due");
    assert!(s.get(&answer).2.contains("SEQUENCE:0\r\n"));
    let o = docket_cmd(
        None,
        &[
            "extend",
            "answer-due",
            "--to",
            "2026-12-14",
            "--reason",
            "Stipulated extension",
            "--on",
            "2026-11-20",
            path,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(&o, 0, "0 created, 1 updated, 0 deleted, 4 unchanged");
    let text = s.get(&answer).2;
    assert!(text.contains("SEQUENCE:1\r\n"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20261214"), "{text}");
    assert_eq!(s.logged_writes(), writes + 1);

    // Moving the hearing changes its entry: its revision is the SEQUENCE, and the edit's
    // stamp (`modified`, written on the record) its DTSTAMP and LAST-MODIFIED.
    assert!(s.get(&hearing).2.contains("DTSTAMP:19700101T000000Z\r\n"));
    let o = docket_cmd(None, &["set", "hearing", "date", "2027-01-13T09:30", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::read_to_string(dir.path().join("case-a.toml")).unwrap();
    let at = file.find("id = \"hearing\"").expect("the hearing");
    let stamp = file[at..]
        .lines()
        .find_map(|l| l.strip_prefix("modified = "))
        .expect("the edit stamps the hearing")
        .replace(['-', ':'], "");
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(&o, 0, "0 created, 1 updated, 0 deleted, 4 unchanged");
    let text = s.get(&hearing).2;
    assert!(text.contains("SEQUENCE:1\r\n"), "{text}");
    assert!(
        text.contains("DTSTART;TZID=America/Denver:20270113T093000"),
        "{text}"
    );
    assert!(
        text.contains(&format!("DTSTAMP:{stamp}\r\n")),
        "{stamp} {text}"
    );
    assert!(
        text.contains(&format!("LAST-MODIFIED:{stamp}\r\n")),
        "{stamp} {text}"
    );
    assert_eq!(s.logged_writes(), writes + 2);

    // `rm` deletes one entry.
    let o = docket_cmd(None, &["rm", "hearing", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(&o, 0, "0 created, 0 updated, 1 deleted, 4 unchanged");
    assert_eq!(s.get(&hearing).0, 404);

    // The scope: publishing one timeline never deletes another's entries.
    let case_b = CASE_B.replace("\"letter\"", "\"letter-sent\"");
    std::fs::write(dir.path().join("case-b.toml"), &case_b).unwrap();
    let o = publish(Some(s), &url, dir.path(), &["--timeline", "case-a"]);
    expect(&o, 0, "0 created, 0 updated, 0 deleted, 2 unchanged");
    let o = publish(Some(s), &url, dir.path(), &["--assignee", "Ann"]);
    expect(&o, 0, "0 created, 0 updated, 0 deleted, 2 unchanged");
    // The records filters choose within the scope: the tag selects no entry of case-a now
    // (the hearing is gone), so it is refused rather than deleting case-a's entries.
    let o = publish(Some(s), &url, dir.path(), &["--tag", "court"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("tag `court`"), "{}", stderr(&o));
    let o = publish(Some(s), &url, dir.path(), &["--timeline", "case-c"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("no timeline `case-c`") && stderr(&o).contains("did you mean"),
        "{}",
        stderr(&o)
    );
    let o = publish(Some(s), &url, dir.path(), &["--assignee", "Nobody"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    // A file that fails to load refuses the whole publish.
    std::fs::write(dir.path().join("broken.toml"), "[timeline\nid = ").unwrap();
    let o = publish(Some(s), &url, dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    std::fs::remove_file(dir.path().join("broken.toml")).unwrap();
    assert_eq!(s.logged_writes(), writes + 3);
    // The whole docket: case-b's renamed event replaces its old entry.
    let o = publish(Some(s), &url, dir.path(), &["--dry-run"]);
    expect(
        &o,
        0,
        "dry run, nothing written: 1 created, 0 updated, 1 deleted, 3 unchanged",
    );
    assert!(stdout(&o).contains("would delete letter.case-b@docket\n"));
    assert_eq!(s.logged_writes(), writes + 3);
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(&o, 0, "1 created, 0 updated, 1 deleted, 3 unchanged");

    // A server-side edit is a conflict: reported with both versions, kept, exit 1, after the
    // rest was published.
    let served = resource(&url, "case-a", "served");
    let edited = edit_on_server(
        s,
        &served,
        "SUMMARY:[Alpha] Complaint served",
        "SUMMARY:[Alpha] Complaint served (moved by Ann)",
    );
    std::fs::write(
        dir.path().join("case-b.toml"),
        case_b.replace("Demand letter", "Demand letter sent"),
    )
    .unwrap();
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(
        &o,
        1,
        "0 created, 2 updated, 0 deleted, 1 unchanged, 1 conflict left alone",
    );
    let out = stdout(&o);
    assert!(
        out.contains("conflict: served.case-a@docket (edited on the server since docket wrote it), left alone"),
        "{out}"
    );
    assert!(out.contains("--- docket would write:") && out.contains("--- the server holds:"));
    assert!(out.contains("(moved by Ann)"), "{out}");
    assert_eq!(s.get(&served).2, edited);
    // Left alone again on the next run, until --overwrite.
    let o = publish(Some(s), &url, dir.path(), &[]);
    expect(
        &o,
        1,
        "0 created, 0 updated, 0 deleted, 3 unchanged, 1 conflict left alone",
    );
    let o = publish(Some(s), &url, dir.path(), &["--overwrite"]);
    expect(&o, 0, "0 created, 1 updated, 0 deleted, 3 unchanged");
    assert!(stdout(&o).contains("overwrote served.case-a@docket"));
    assert!(!s.get(&served).2.contains("moved by Ann"));

    // The colleague's event survived it all.
    let (status, _, text) = s.get(&foreign);
    assert_eq!(status, 200);
    assert!(text.contains("Lunch with the client"), "{text}");
}

/// Changes an entry as a calendar client would: read, change a line, write under `If-Match`.
fn edit_on_server(s: &CalDavServer, url: &str, from: &str, to: &str) -> String {
    let (status, etag, text) = s.get(url);
    assert_eq!(status, 200);
    assert!(text.contains(from), "{from} not in {text}");
    let etag = etag.expect("an ETag");
    let (status, body) = s.raw(
        "PUT",
        url,
        &[("If-Match", &etag)],
        Some(&text.replace(from, to)),
    );
    assert!((200..300).contains(&status), "{status} {body}");
    s.get(url).2
}

// ---------------------------------------------------------------------------------------------
// Failures: each exit 3 with its own message, quickly, and no panic.

#[track_caller]
fn failed(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(3), "{}{}", stdout(o), stderr(o));
    let err = stderr(o);
    assert!(err.contains(needle), "`{needle}` not in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_wrong_password_is_refused_on_radicale() {
    on(Kind::Radicale, |s| {
        let dir = docket();
        let url = s.calendar("locked");
        let mut cmd = crate::support::docket();
        let o = cmd
            .args(["publish", &url, dir.path().to_str().unwrap()])
            .env("DOCKET_CALDAV_USER", servers::USER)
            .env("DOCKET_CALDAV_PASSWORD", "wrong horse")
            .env("NETRC", "/nonexistent/netrc")
            .output()
            .unwrap();
        failed(&o, "refused the credentials");
        assert_eq!(s.logged_writes(), 1); // the MKCALENDAR above
    });
}

#[test]
fn a_missing_collection_is_a_clear_error_on_xandikos() {
    on(Kind::Xandikos, |s| {
        let dir = docket();
        let o = publish(Some(s), &s.url("nowhere"), dir.path(), &[]);
        failed(&o, "no calendar at");
    });
}

#[test]
fn a_server_that_hangs_gives_exit_3() {
    let fake = FakeServer::hanging();
    let dir = docket();
    let started = Instant::now();
    let o = publish(None, &fake.url, dir.path(), &["--timeout", "1"]);
    failed(&o, "no answer from");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_server_that_answers_garbage_gives_exit_3() {
    for (answer, needle) in [
        (
            &b"\x00\x01\x02 this is not HTTP\r\n\r\n"[..],
            "cannot read",
        ),
        (
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "(500)",
        ),
        (
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "403 Forbidden",
        ),
        (
            b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: 19\r\nConnection: close\r\n\r\n<multistatus><oops>",
            "cannot read",
        ),
    ] {
        let fake = FakeServer::answering(answer);
        let dir = docket();
        let o = publish(None, &fake.url, dir.path(), &[]);
        failed(&o, needle);
    }
}

#[test]
fn nothing_is_sent_when_the_input_is_bad() {
    let fake = FakeServer::answering(b"HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n");
    let dir = docket();
    for extra in [
        &["--timeline", "case-z"][..],
        &["--tag", "nope"],
        &["--as-of", "soon"],
    ] {
        let o = publish(None, &fake.url, dir.path(), extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
    }
    let o = publish(None, "ftp://example.com/cal/", dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fake.requests(), 0);
}

// ---------------------------------------------------------------------------------------------
// Each entry read back from each server, through the shared iCalendar checkers.

#[test]
fn entries_pass_the_shared_checkers_on_radicale() {
    on(Kind::Radicale, entries_pass_the_shared_checkers);
}

#[test]
fn entries_pass_the_shared_checkers_on_xandikos() {
    on(Kind::Xandikos, entries_pass_the_shared_checkers);
}

/// Publishes the bundled timelines (partial dates as spans, so every record is there) and runs
/// `../shared/tools/check.sh` on each entry as the server hands it back. The checkers run only
/// when `DOCKET_ICS_CHECK` is set (to `all` or a list of checkers), as they need the tools'
/// setup (`../shared/tools/setup.sh`); without it the test checks the entries were published.
fn entries_pass_the_shared_checkers(s: &CalDavServer) {
    let url = s.calendar("bundled");
    let o = docket_cmd(
        Some(s),
        &[
            "publish",
            &url,
            "timelines",
            "--as-of",
            "2020-01-14",
            "--partial",
            "span",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names = s.resources(&url);
    assert!(names.len() > 10, "{names:?}");
    let Ok(checkers) = std::env::var("DOCKET_ICS_CHECK") else {
        return;
    };
    // `../shared/tools` beside the clone (as CI has it), or `$DOCKET_ICS_TOOLS`.
    let tool = std::env::var_os("DOCKET_ICS_TOOLS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools"))
        .join("check.sh");
    assert!(tool.is_file(), "no {}", tool.display());
    let out = crate::support::temp_dir();
    let mut failures = Vec::new();
    for name in &names {
        let (status, _, text) = s.get(&format!("{url}{name}"));
        assert_eq!(status, 200);
        let file = out.path().join(name.replace('%', "_"));
        std::fs::write(&file, &text).unwrap();
        let o = Command::new("bash")
            .arg(&tool)
            .arg(&file)
            .env("ICS_CHECKERS", &checkers)
            .output()
            .unwrap();
        if !o.status.success() {
            failures.push(format!("{name}:\n{}{}", stdout(&o), stderr(&o)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
