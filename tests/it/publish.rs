//! Publishing to real CalDAV servers: Radicale and Xandikos, two independent implementations,
//! started on 127.0.0.1 by the tests (see `publish/servers.rs` for where they are found, and
//! when their absence skips rather than fails). What the servers did is checked on the servers
//! themselves: their logs count the writes, and each resource is read back with a plain GET.
//!
//! The failures no real server shows on demand (a server that hangs, one that answers garbage,
//! one that stays busy) come from the small fakes in `publish/fake.rs`.

#[path = "publish/fake.rs"]
pub(crate) mod fake;
#[path = "publish/servers.rs"]
pub(crate) mod servers;

use std::io::BufRead as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use docket::publish::{
    self, ConflictReason, CredentialError, CredentialSources, Credentials, DavError, Entry,
    Options, Progress, PublishError, Report, Requests, Retry, Scope, Server, Settings, Silent,
    Step,
};
use fake::FakeServer;
use servers::{CalDavServer, Kind};

// ---------------------------------------------------------------------------------------------
// Entries, hand-written as the renderer will write them: CRLF, a VTIMEZONE, escaped text,
// UTF-8, a folded line, an alarm.

fn event(uid: &str, timeline: &str, summary: &str, day: u32) -> Entry {
    let calendar = format!(
        "BEGIN:VCALENDAR\r\n\
         VERSION:2.0\r\n\
         PRODID:-//docket//docket 0.1//EN\r\n\
         BEGIN:VTIMEZONE\r\n\
         TZID:America/Denver\r\n\
         BEGIN:STANDARD\r\n\
         DTSTART:19701101T020000\r\n\
         TZOFFSETFROM:-0600\r\n\
         TZOFFSETTO:-0700\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
         TZNAME:MST\r\n\
         END:STANDARD\r\n\
         BEGIN:DAYLIGHT\r\n\
         DTSTART:19700308T020000\r\n\
         TZOFFSETFROM:-0700\r\n\
         TZOFFSETTO:-0600\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
         TZNAME:MDT\r\n\
         END:DAYLIGHT\r\n\
         END:VTIMEZONE\r\n\
         BEGIN:VEVENT\r\n\
         UID:{uid}\r\n\
         DTSTAMP:20250101T000000Z\r\n\
         LAST-MODIFIED:20250101T000000Z\r\n\
         DTSTART;TZID=America/Denver:202503{day:02}T090000\r\n\
         DTEND;TZID=America/Denver:202503{day:02}T100000\r\n\
         SUMMARY:{summary}\r\n\
         DESCRIPTION:Smith v. Jones\\, No. 1:25-cv-00001 (D. Colo.) — Courtroom A80\r\n \
         1\\; bring the exhibits\r\n\
         SEQUENCE:0\r\n\
         TRANSP:OPAQUE\r\n\
         BEGIN:VALARM\r\n\
         ACTION:DISPLAY\r\n\
         DESCRIPTION:{summary}\r\n\
         TRIGGER:-P1D\r\n\
         END:VALARM\r\n\
         END:VEVENT\r\n\
         END:VCALENDAR\r\n"
    );
    Entry::new(uid, timeline, calendar)
}

/// An event a colleague put in the same calendar with another program.
fn colleague_event(uid: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Colleague//Calendar 1.0//EN\r\nBEGIN:VEVENT\r\n\
         UID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250312T180000Z\r\nDTEND:20250312T190000Z\r\n\
         SUMMARY:Lunch with the client\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn scope(timelines: &[&str]) -> Scope {
    timelines.iter().copied().collect()
}

fn uids(entries: &[Entry]) -> Vec<String> {
    entries.iter().map(|e| e.uid.clone()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn settings() -> Settings {
    Settings {
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(60),
        ..Settings::default()
    }
}

fn connect(s: &CalDavServer, url: &str) -> Server {
    let credentials = s
        .login
        .map(|(user, password)| Credentials::new(user, password));
    Server::with_credentials(url, credentials, settings()).expect("a usable URL")
}

fn run(server: &Server, entries: &[Entry], timelines: &[&str], options: Options) -> Report {
    publish::publish(server, entries, &scope(timelines), &options, &Silent)
        .unwrap_or_else(|e| panic!("publish failed: {e}"))
}

/// The URL docket gives an entry whose UID needs no encoding.
fn resource(collection: &str, uid: &str) -> String {
    format!("{collection}{uid}.ics")
}

/// Runs a scenario on a server, or skips it loudly if the server is not installed.
fn on(kind: Kind, scenario: fn(&CalDavServer)) {
    if let Some(server) = CalDavServer::start(kind) {
        scenario(&server);
    }
}

// ---------------------------------------------------------------------------------------------
// A docket's life on a shared calendar: first publish, no change, a change, a removal, a dry
// run, the scope, and a colleague's event that survives it all.

#[test]
fn lifecycle_on_radicale() {
    on(Kind::Radicale, lifecycle);
}

#[test]
fn lifecycle_on_xandikos() {
    on(Kind::Xandikos, lifecycle);
}

fn lifecycle(s: &CalDavServer) {
    let url = s.calendar("lifecycle");
    let colleague = format!("{url}lunch.ics");
    let (status, _) = s.raw(
        "PUT",
        &colleague,
        &[("If-None-Match", "*")],
        Some(&colleague_event("lunch@colleague.example")),
    );
    assert!((200..300).contains(&status), "{status}");
    let (_, colleague_etag, colleague_text) = s.get(&colleague);
    let colleague_untouched = || {
        let (status, etag, text) = s.get(&colleague);
        assert_eq!(
            (status, &etag, &text),
            (200, &colleague_etag, &colleague_text),
            "the colleague's event changed"
        );
    };

    let server = connect(s, &url);
    let mut entries = vec![
        event("answer.smith@docket", "smith", "Answer due", 10),
        event(
            "hearing.smith@docket",
            "smith",
            "Hearing\\, motion to dismiss — café",
            11,
        ),
        event(
            "exhibits/list.smith@docket",
            "smith",
            "Exhibit list due",
            12,
        ),
        event("reply.jones@docket", "jones", "Reply brief due", 13),
        event(
            "deposition.jones@docket",
            "jones",
            "Deposition of J. Doe",
            14,
        ),
    ];
    let both = ["smith", "jones"];

    // First publish: every entry created, one PUT each.
    let puts = s.logged("PUT");
    let first = run(&server, &entries, &both, Options::default());
    assert_eq!(
        first.to_string(),
        "5 created, 0 updated, 0 deleted, 0 unchanged"
    );
    assert_eq!(sorted(first.created.clone()), sorted(uids(&entries)));
    assert_eq!(
        first.requests,
        Requests {
            reads: 2,
            writes: 5
        }
    );
    assert_eq!(s.logged("PUT"), puts + 5);
    let names = s.resources(&url);
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(
        names.contains(&"answer.smith@docket.ics".to_string())
            || names.contains(&"answer.smith%40docket.ics".to_string()),
        "{names:?}"
    );
    // The UID with a `/` is named by its hash, not split into folders.
    assert!(names.iter().any(|n| n.starts_with("docket-")), "{names:?}");
    let (status, etag, text) = s.get(&resource(&url, "hearing.smith@docket"));
    assert_eq!(status, 200);
    assert!(
        text.contains("X-DOCKET-TIMELINE:smith") && text.contains("X-DOCKET-HASH:v1-"),
        "{text}"
    );
    let hearing_etag = etag;
    colleague_untouched();

    // Nothing changed: no write at all, two reads, and the server agrees.
    let writes = s.logged_writes();
    let second = run(&server, &entries, &both, Options::default());
    assert_eq!(
        second.to_string(),
        "0 created, 0 updated, 0 deleted, 5 unchanged"
    );
    assert_eq!(
        second.requests,
        Requests {
            reads: 2,
            writes: 0
        }
    );
    assert_eq!(s.logged_writes(), writes);
    assert_eq!(
        s.get(&resource(&url, "hearing.smith@docket")).1,
        hearing_etag
    );
    colleague_untouched();

    // The hearing moves: one entry replaced, the rest left as they are.
    entries[1] = event(
        "hearing.smith@docket",
        "smith",
        "Hearing\\, motion to dismiss — café",
        21,
    );
    let moved = run(&server, &entries, &both, Options::default());
    assert_eq!(
        moved.to_string(),
        "0 created, 1 updated, 0 deleted, 4 unchanged"
    );
    assert_eq!(moved.updated, ["hearing.smith@docket"]);
    assert_eq!(s.logged_writes(), writes + 1);
    let (_, _, text) = s.get(&resource(&url, "hearing.smith@docket"));
    assert!(text.contains("20250321T090000"), "{text}");
    colleague_untouched();

    // A dry run of a removal reads and reports, and writes nothing.
    let removed = entries.remove(0);
    let writes = s.logged_writes();
    let dry = run(
        &server,
        &entries,
        &both,
        Options {
            dry_run: true,
            ..Options::default()
        },
    );
    assert_eq!(
        dry.to_string(),
        "dry run, nothing written: 0 created, 0 updated, 1 deleted, 4 unchanged"
    );
    assert_eq!(dry.deleted, std::slice::from_ref(&removed.uid));
    assert_eq!(dry.requests.writes, 0);
    assert_eq!(s.logged_writes(), writes);
    assert_eq!(s.get(&resource(&url, &removed.uid)).0, 200);

    // The removal for real.
    let gone = run(&server, &entries, &both, Options::default());
    assert_eq!(
        gone.to_string(),
        "0 created, 0 updated, 1 deleted, 4 unchanged"
    );
    assert_eq!(s.get(&resource(&url, &removed.uid)).0, 404);
    colleague_untouched();

    // Publishing one timeline never deletes another's entries.
    let jones: Vec<Entry> = entries
        .iter()
        .filter(|e| e.timeline == "jones")
        .cloned()
        .collect();
    let only_jones = run(&server, &jones, &["jones"], Options::default());
    assert_eq!(
        only_jones.to_string(),
        "0 created, 0 updated, 0 deleted, 2 unchanged"
    );
    assert_eq!(only_jones.outside_scope, 2);
    // Jones' entries all left the docket: only they go.
    let emptied = run(&server, &[], &["jones"], Options::default());
    assert_eq!(sorted(emptied.deleted.clone()), sorted(uids(&jones)));
    assert_eq!(s.get(&resource(&url, "hearing.smith@docket")).0, 200);
    assert_eq!(
        s.resources(&url).len(),
        3,
        "two of smith's and the colleague's"
    );
    colleague_untouched();
}

// ---------------------------------------------------------------------------------------------
// Conflicts: an entry edited on the server, a change between docket's read and its write, a
// colleague's event with one of docket's UIDs.

#[test]
fn conflicts_on_radicale() {
    on(Kind::Radicale, conflicts);
}

#[test]
fn conflicts_on_xandikos() {
    on(Kind::Xandikos, conflicts);
}

/// Changes an entry on the server the way a calendar client would: read it, change a line,
/// write it back under `If-Match`.
fn edit_on_server(s: &CalDavServer, url: &str, from: &str, to: &str) -> String {
    let (status, etag, text) = s.get(url);
    assert_eq!(status, 200);
    assert!(text.contains(from), "{from} not in {text}");
    let edited = text.replace(from, to);
    let etag = etag.expect("an ETag");
    let (status, body) = s.raw("PUT", url, &[("If-Match", &etag)], Some(&edited));
    assert!((200..300).contains(&status), "{status} {body}");
    s.get(url).2
}

fn conflicts(s: &CalDavServer) {
    let url = s.calendar("conflicts");
    let server = connect(s, &url);
    let mut entries = vec![
        event("hearing.case@docket", "case", "Hearing", 10),
        event("answer.case@docket", "case", "Answer due", 11),
        event("reply.case@docket", "case", "Reply due", 12),
    ];
    assert_eq!(
        run(&server, &entries, &["case"], Options::default())
            .created
            .len(),
        3
    );

    // A client moves the hearing on the server; meanwhile the answer's date changes in docket.
    let hearing = resource(&url, "hearing.case@docket");
    let theirs = edit_on_server(
        s,
        &hearing,
        "SUMMARY:Hearing",
        "SUMMARY:Hearing (moved by chambers)",
    );
    entries[1] = event("answer.case@docket", "case", "Answer due", 18);
    let report = run(&server, &entries, &["case"], Options::default());
    assert_eq!(
        report.to_string(),
        "0 created, 1 updated, 0 deleted, 1 unchanged, 1 conflict left alone"
    );
    assert!(report.needs_attention());
    assert_eq!(report.updated, ["answer.case@docket"]);
    let conflict = &report.conflicts[0];
    assert_eq!(conflict.uid, "hearing.case@docket");
    assert_eq!(conflict.reason, ConflictReason::EditedOnServer);
    assert!(
        conflict
            .ours
            .as_deref()
            .unwrap()
            .contains("SUMMARY:Hearing\r\n")
    );
    assert!(
        conflict
            .theirs
            .as_deref()
            .unwrap()
            .contains("moved by chambers")
    );
    assert_eq!(s.get(&hearing).2, theirs, "the server's edit is kept");

    // Left alone on every run, even once docket no longer wants the entry.
    let writes = s.logged_writes();
    let again = run(&server, &entries[1..], &["case"], Options::default());
    assert_eq!(
        again.to_string(),
        "0 created, 0 updated, 0 deleted, 2 unchanged, 1 conflict left alone"
    );
    assert_eq!(again.conflicts[0].ours, None);
    assert_eq!(s.logged_writes(), writes);
    assert_eq!(s.get(&hearing).2, theirs);

    // `overwrite` puts docket's version back.
    let forced = run(
        &server,
        &entries,
        &["case"],
        Options {
            overwrite: true,
            ..Options::default()
        },
    );
    assert_eq!(
        forced.to_string(),
        "0 created, 1 updated, 0 deleted, 2 unchanged"
    );
    assert_eq!(forced.overwritten, ["hearing.case@docket"]);
    assert!(!s.get(&hearing).2.contains("moved by chambers"));
    assert_eq!(
        run(&server, &entries, &["case"], Options::default()).unchanged,
        3
    );

    // A colleague's own event holding one of docket's UIDs is never touched, even with
    // `overwrite`.
    let colleague = format!("{url}theirs.ics");
    let (status, _) = s.raw(
        "PUT",
        &colleague,
        &[],
        Some(&colleague_event("filing.case@docket")),
    );
    assert!((200..300).contains(&status));
    let before = s.get(&colleague);
    entries.push(event("filing.case@docket", "case", "Filing", 20));
    let clash = run(
        &server,
        &entries,
        &["case"],
        Options {
            overwrite: true,
            ..Options::default()
        },
    );
    assert_eq!(clash.conflicts.len(), 1);
    assert_eq!(clash.conflicts[0].reason, ConflictReason::ForeignEvent);
    assert_eq!(s.get(&colleague), before);
    entries.pop();

    // A client changes the reply between docket's read and its write: the server refuses
    // docket's write (412), and the client's change stands.
    entries[2] = event("reply.case@docket", "case", "Reply due", 25);
    let reply = resource(&url, "reply.case@docket");
    let raced = std::sync::Mutex::new(String::new());
    let progress = |step: Step| {
        if let Step::Planned { .. } = step {
            *raced.lock().unwrap() = edit_on_server(
                s,
                &reply,
                "SUMMARY:Reply due",
                "SUMMARY:Reply due (per stipulation)",
            );
        }
    };
    let report = publish::publish(
        &server,
        &entries,
        &scope(&["case"]),
        &Options::default(),
        &progress,
    )
    .unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report}");
    assert_eq!(
        report.conflicts[0].reason,
        ConflictReason::ChangedDuringPublish
    );
    assert!(
        report.conflicts[0]
            .theirs
            .as_deref()
            .unwrap()
            .contains("per stipulation")
    );
    assert!(report.updated.is_empty());
    assert_eq!(s.get(&reply).2, *raced.lock().unwrap(), "no lost update");
    // The next run sees it as an edit on the server.
    let next = run(&server, &entries, &["case"], Options::default());
    assert_eq!(next.conflicts[0].reason, ConflictReason::EditedOnServer);
}

// ---------------------------------------------------------------------------------------------
// A publish killed part-way: the next one finishes the work, writing only what is missing.

const KILLED_ENTRIES: usize = 60;

fn many_entries() -> Vec<Entry> {
    (0..KILLED_ENTRIES)
        .map(|i| {
            event(
                &format!("deadline-{i:03}.big@docket"),
                "big",
                &format!("Deadline {i}"),
                1 + (i % 28) as u32,
            )
        })
        .collect()
}

/// Not a test of its own: the process `killed_publish_converges_*` starts and kills. It
/// publishes with credentials from the environment, and after ten writes says `PAUSED` and every
/// writing thread waits on its standard input, which never comes.
#[test]
#[ignore = "run as a child process by killed_publish_converges_*"]
fn publish_child_process() {
    let Ok(url) = std::env::var("DOCKET_TEST_PUBLISH_URL") else {
        return;
    };
    let sources = CredentialSources::from_env(None).unwrap();
    let server = Server::connect(
        &url,
        &sources,
        Settings {
            parallel: 2,
            ..settings()
        },
    )
    .unwrap();
    let progress = |step: Step| {
        if let Step::Written { done, .. } = step
            && done >= 10
        {
            if done == 10 {
                println!("\nPAUSED");
            }
            // Every writing thread stops here, after its write.
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
        }
    };
    let _ = publish::publish(
        &server,
        &many_entries(),
        &scope(&["big"]),
        &Options::default(),
        &progress,
    );
}

#[test]
fn killed_publish_converges_on_radicale() {
    on(Kind::Radicale, killed_publish_converges);
}

#[test]
fn killed_publish_converges_on_xandikos() {
    on(Kind::Xandikos, killed_publish_converges);
}

fn killed_publish_converges(s: &CalDavServer) {
    let url = s.calendar("killed");
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--ignored",
            "--exact",
            "publish::publish_child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DOCKET_TEST_PUBLISH_URL", &url)
        .env_remove("DOCKET_CALDAV_USER")
        .env_remove("DOCKET_CALDAV_PASSWORD")
        .env("NETRC", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some((user, password)) = s.login {
        command
            .env("DOCKET_CALDAV_USER", user)
            .env("DOCKET_CALDAV_PASSWORD", password);
    }
    let mut child = command.spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.trim() == "PAUSED" => break,
            Some(Ok(line)) => seen.push(line),
            _ => panic!("the child publish ended without pausing: {seen:?}"),
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let there = s.resources(&url).len();
    assert!(
        (10..KILLED_ENTRIES).contains(&there),
        "{there} entries on the server"
    );
    let server = connect(s, &url);
    let entries = many_entries();
    let finish = run(&server, &entries, &["big"], Options::default());
    // A write in flight when the process died may still have landed after the count above.
    assert!(finish.unchanged >= there, "{finish}");
    assert_eq!(
        finish.created.len() + finish.unchanged,
        KILLED_ENTRIES,
        "{finish}"
    );
    assert!(finish.conflicts.is_empty() && finish.updated.is_empty() && finish.deleted.is_empty());
    assert_eq!(s.resources(&url).len(), KILLED_ENTRIES);
    let settled = run(&server, &entries, &["big"], Options::default());
    assert_eq!(
        settled.to_string(),
        format!("0 created, 0 updated, 0 deleted, {KILLED_ENTRIES} unchanged")
    );
}

// ---------------------------------------------------------------------------------------------
// The collection: missing, made with `create`, or not a calendar at all.

#[test]
fn collections_on_radicale() {
    on(Kind::Radicale, collections);
}

#[test]
fn collections_on_xandikos() {
    on(Kind::Xandikos, collections);
}

fn collections(s: &CalDavServer) {
    let url = s.url("new-calendar");
    let server = connect(s, &url);
    let entries = [event("a.new@docket", "new", "A", 3)];
    let err = publish::publish(
        &server,
        &entries,
        &scope(&["new"]),
        &Options::default(),
        &Silent,
    )
    .unwrap_err();
    assert!(
        matches!(err, PublishError::MissingCollection { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("--create"), "{err}");

    let writes = s.logged_writes();
    let dry = run(
        &server,
        &entries,
        &["new"],
        Options {
            create: true,
            dry_run: true,
            ..Options::default()
        },
    );
    assert!(dry.collection_created);
    assert_eq!(dry.created.len(), 1);
    assert_eq!(s.logged_writes(), writes, "a dry run makes nothing");

    let made = run(
        &server,
        &entries,
        &["new"],
        Options {
            create: true,
            ..Options::default()
        },
    );
    assert!(made.collection_created);
    assert_eq!(
        made.to_string(),
        "1 created, 0 updated, 0 deleted, 0 unchanged"
    );
    assert_eq!(s.logged("MKCALENDAR"), 1);
    let again = run(
        &server,
        &entries,
        &["new"],
        Options {
            create: true,
            ..Options::default()
        },
    );
    assert!(!again.collection_created);
    assert_eq!(again.unchanged, 1);

    // The user's home is a collection, but not a calendar.
    let home = url.trim_end_matches("new-calendar/").to_string();
    let err = publish::publish(
        &connect(s, &home),
        &entries,
        &scope(&["new"]),
        &Options::default(),
        &Silent,
    )
    .unwrap_err();
    assert!(matches!(err, PublishError::NotACalendar { .. }), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Credentials.

#[test]
fn credentials_on_radicale() {
    on(Kind::Radicale, |s| {
        let url = s.calendar("private");
        let entries = [event("a.private@docket", "private", "A", 3)];
        let attempt = |credentials: Option<Credentials>| {
            let server = Server::with_credentials(&url, credentials, settings()).unwrap();
            publish::publish(
                &server,
                &entries,
                &scope(&["private"]),
                &Options::default(),
                &Silent,
            )
        };
        for credentials in [Some(Credentials::new(servers::USER, "wrong")), None] {
            let err = attempt(credentials).unwrap_err();
            assert!(
                matches!(err, PublishError::Dav(DavError::Unauthorized { .. })),
                "{err}"
            );
            assert!(err.to_string().contains("401"), "{err}");
        }
        assert_eq!(s.logged_writes(), 1, "only the MKCALENDAR");

        // From a netrc file, for the host the URL names.
        let dir = crate::support::temp_dir();
        let netrc = dir.path().join("netrc");
        std::fs::write(
            &netrc,
            format!(
                "machine 127.0.0.1\n  login {}\n  password \"{}\"\n",
                servers::USER,
                servers::PASSWORD
            ),
        )
        .unwrap();
        let sources = CredentialSources {
            netrc: Some(netrc),
            ..CredentialSources::default()
        };
        let server = Server::connect(&url, &sources, settings()).unwrap();
        let report = publish::publish(
            &server,
            &entries,
            &scope(&["private"]),
            &Options::default(),
            &Silent,
        )
        .unwrap();
        assert_eq!(report.created.len(), 1);

        // From a password command, the user named in the URL.
        let sources = CredentialSources {
            password_command: Some(format!("printf '%s\\n' '{}'", servers::PASSWORD)),
            ..CredentialSources::default()
        };
        let with_user = url.replace("http://", &format!("http://{}@", servers::USER));
        let server = Server::connect(&with_user, &sources, settings()).unwrap();
        let report = publish::publish(
            &server,
            &entries,
            &scope(&["private"]),
            &Options::default(),
            &Silent,
        )
        .unwrap();
        assert_eq!(report.unchanged, 1);
    });
}

#[test]
fn a_password_never_goes_over_plain_http_to_another_machine() {
    let err = Server::with_credentials(
        "http://cal.example.com/dav/cal/",
        Some(Credentials::new("a", "b")),
        settings(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            PublishError::Credentials(CredentialError::Insecure { .. })
        ),
        "{err}"
    );
    let err = Server::with_credentials("https://a:b@cal.example.com/dav/cal/", None, settings())
        .unwrap_err();
    assert!(err.is_usage() && !err.to_string().contains(":b@"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Servers that misbehave: each a typed error, quickly, and no panic.

fn publish_to(url: &str, settings: Settings) -> Result<Report, PublishError> {
    let server = Server::with_credentials(url, Some(Credentials::new("a", "b")), settings)?;
    let entries = [event("a.x@docket", "x", "A", 3)];
    publish::publish(
        &server,
        &entries,
        &scope(&["x"]),
        &Options::default(),
        &Silent,
    )
}

#[test]
fn a_server_that_hangs_times_out() {
    let fake = FakeServer::hanging();
    let started = Instant::now();
    let quick = Settings {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(1),
        ..settings()
    };
    let err = publish_to(&fake.url, quick).unwrap_err();
    assert!(
        matches!(err, PublishError::Dav(DavError::Timeout { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("no answer"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_answers_garbage_is_reported() {
    type Expected = fn(&PublishError) -> bool;
    let cases: [(&[u8], Expected); 5] = [
        (b"\x00\x01\x02 this is not HTTP\r\n\r\n", |e| matches!(e, PublishError::Dav(DavError::Garbled { .. }))),
        (
            b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: 19\r\nConnection: close\r\n\r\n<multistatus><oops>",
            |e| matches!(e, PublishError::Dav(DavError::Garbled { .. })),
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\nConnection: close\r\n\r\n<html>hi</html>",
            |e| matches!(e, PublishError::Dav(DavError::Unexpected { status: 200, .. })),
        ),
        (
            b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            |e| matches!(e, PublishError::Dav(DavError::Server { status: 500, .. })),
        ),
        (
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://elsewhere.example/cal/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            |e| matches!(e, PublishError::Dav(DavError::Redirect { .. })) && e.to_string().contains("elsewhere.example"),
        ),
    ];
    for (answer, expected) in cases {
        let fake = FakeServer::answering(answer);
        let err = publish_to(&fake.url, settings()).unwrap_err();
        assert!(
            expected(&err),
            "{:?} gave {err:?}",
            String::from_utf8_lossy(answer)
        );
        assert!(!err.is_usage());
    }
}

#[test]
fn a_busy_server_is_retried_as_it_asks_then_given_up() {
    let fake = FakeServer::answering(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let patient = Settings {
        retry: Retry {
            attempts: 3,
            ..Retry::default()
        },
        ..settings()
    };
    let err = publish_to(&fake.url, patient).unwrap_err();
    assert!(
        matches!(
            err,
            PublishError::Dav(DavError::Busy {
                attempts: 3,
                status: 503,
                ..
            })
        ),
        "{err}"
    );
    assert_eq!(fake.requests(), 3);

    // A server that asks for longer than docket waits is not waited for.
    let fake = FakeServer::answering(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 86400\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let err = publish_to(&fake.url, settings()).unwrap_err();
    assert!(
        matches!(
            err,
            PublishError::Dav(DavError::Busy {
                attempts: 1,
                status: 429,
                ..
            })
        ),
        "{err}"
    );
    assert_eq!(fake.requests(), 1);
}

#[test]
fn nothing_is_sent_for_entries_that_cannot_be_published() {
    let fake = FakeServer::hanging();
    let quick = Settings {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(1),
        ..settings()
    };
    let server = Server::with_credentials(&fake.url, None, quick).unwrap();
    let good = event("a.x@docket", "x", "A", 3);
    let cases: [(Vec<Entry>, Scope); 4] = [
        (vec![good.clone(), good.clone()], scope(&["x"])),
        (vec![good.clone()], scope(&["y"])),
        (vec![good.clone()], Scope::default()),
        (
            vec![Entry::new("b", "x", good.calendar.clone())],
            scope(&["x"]),
        ),
    ];
    for (entries, scope) in cases {
        let started = Instant::now();
        let err =
            publish::publish(&server, &entries, &scope, &Options::default(), &Silent).unwrap_err();
        assert!(
            matches!(err, PublishError::Entry(_)) && err.is_usage(),
            "{err}"
        );
        assert!(
            started.elapsed() < Duration::from_millis(900),
            "a request was sent"
        );
    }
    assert_eq!(server.requests(), Requests::default());
}

/// The progress a long run reports: the listing, the plan, then each write.
#[test]
fn progress_is_reported_step_by_step() {
    on(Kind::Radicale, |s| {
        let url = s.calendar("progress");
        let server = connect(s, &url);
        let entries: Vec<Entry> = (0..5)
            .map(|i| event(&format!("p{i}@docket"), "p", "P", 3 + i))
            .collect();
        let steps = std::sync::Mutex::new(Vec::new());
        let progress = |step: Step| steps.lock().unwrap().push(step);
        let progress: &dyn Progress = &progress;
        publish::publish(
            &server,
            &entries,
            &scope(&["p"]),
            &Options::default(),
            progress,
        )
        .unwrap();
        let steps = steps.into_inner().unwrap();
        assert_eq!(steps[0], Step::Listed { on_server: 0 });
        assert_eq!(steps[1], Step::Planned { writes: 5 });
        let mut done: Vec<usize> = steps[2..]
            .iter()
            .map(|s| match s {
                Step::Written { done, total: 5 } => *done,
                other => panic!("{other:?}"),
            })
            .collect();
        done.sort();
        assert_eq!(done, [1, 2, 3, 4, 5]);
    });
}
