//! Export: golden files of the Denver timeline in every format, and iCalendar round trips through
//! an independent parser (the `icalendar` crate's, not the code that writes).

use std::path::{Path, PathBuf};

use docket::calendar::Calendars;
use docket::render::ics::{IcsOptions, PartialDates, uid, write_ics};
use docket::render::text::is_unsafe;
use docket::timeline::{Docket, Filter, list, list_places};
use icalendar::parser::{read_calendar, unfold};
use proptest::prelude::*;

use crate::support;

fn export(args: &[&str]) -> String {
    let out = support::docket().arg("export").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn golden_files_of_the_denver_timeline() {
    let file = "timelines/denver-ice-subpoenas.toml";
    let mut failures = Vec::new();
    for (format, ext, extra) in [
        ("ics", "ics", None),
        ("ics", "span.ics", Some("span")),
        ("json", "json", None),
        ("csv", "csv", None),
        ("markdown", "md", None),
    ] {
        let mut args = vec![file, "--format", format, "--as-of", "2020-06-01"];
        if let Some(p) = extra {
            args.extend(["--partial", p]);
        }
        let got = export(&args);
        let path = PathBuf::from(format!("tests/golden/denver-ice-subpoenas.{ext}"));
        if let Err(diff) = support::snapshot(&path, got.as_bytes()) {
            failures.push(diff);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_same_files_give_the_same_bytes() {
    let a = export(&["timelines", "--format", "ics"]);
    let b = export(&["timelines", "--format", "ics"]);
    assert_eq!(a, b);
}

#[test]
fn export_to_a_file_writes_it_whole() {
    let dir = std::env::temp_dir().join(format!("docket-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.ics");
    let out = support::docket()
        .args(["export", "timelines", "--format", "ics", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, export(&["timelines", "--format", "ics"]));
    // Writing into a folder that does not exist is an I/O failure: exit 3, nothing left behind.
    let out = support::docket()
        .args(["export", "timelines", "--format", "ics", "-o"])
        .arg(dir.join("missing/out.ics"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "a temporary file was left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

struct Parsed {
    uid: String,
    summary: String,
    description: String,
    dtstart: String,
    dtend: Option<String>,
}

fn parse(ics: &str) -> Vec<Parsed> {
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).expect("the independent parser reads the file");
    // The parser's `Calendar` is the VCALENDAR itself; its components are the VEVENTs and
    // VTIMEZONEs.
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            // The parser unescapes TEXT values as it reads them.
            let text = |n: &str| {
                e.find_prop(n)
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default()
            };
            Parsed {
                uid: text("UID"),
                summary: text("SUMMARY"),
                description: text("DESCRIPTION"),
                dtstart: e
                    .find_prop("DTSTART")
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default(),
                dtend: e.find_prop("DTEND").map(|p| p.val.as_str().to_string()),
            }
        })
        .collect()
}

/// The calendar of `docket` as of `as_of`, and its notices.
fn to_ics(docket: &Docket, as_of: &str, opts: &IcsOptions) -> (String, Vec<String>) {
    let order = list_places(docket, as_of.parse().ok(), &Filter::default());
    let mut out = Vec::new();
    let notices = write_ics(docket, &order, opts, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), notices)
}

fn check_wire(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
}

#[test]
fn uid_summary_dtstart_dtend_survive_an_independent_parser() {
    let docket = Docket::load(&[PathBuf::from("timelines")], Calendars::builtin());
    let records = list(&docket, "2020-06-01".parse().ok(), &Filter::default());
    let (ics, _) = to_ics(
        &docket,
        "2020-06-01",
        &IcsOptions {
            name: "t".into(),
            partial: PartialDates::Span,
        },
    );
    check_wire(&ics);
    let parsed = parse(&ics);
    assert_eq!(parsed.len(), records.len(), "one VEVENT per record");
    for r in &records {
        // The bundled ids keep the UIDs they have always had.
        let uid = uid(r.timeline, r.id);
        assert_eq!(uid, format!("{}.{}@docket", r.id, r.timeline));
        let p = parsed
            .iter()
            .find(|p| p.uid == uid)
            .unwrap_or_else(|| panic!("no VEVENT for {uid}"));
        assert!(p.summary.contains(r.title), "{}: {}", r.id, p.summary);
        if let Some(due) = r.due {
            let day = due.format("%Y%m%d").to_string();
            assert!(
                p.dtstart.starts_with(&day),
                "{}: DTSTART {}",
                r.id,
                p.dtstart
            );
            if r.due_time.is_none() {
                let next = (due + chrono::Days::new(1)).format("%Y%m%d").to_string();
                assert_eq!(p.dtend.as_deref(), Some(next.as_str()), "{}", r.id);
            }
        }
    }
}

/// What a title looks like after export: line breaks normalised, unsafe characters dropped.
fn expected_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .chars()
        .filter(|&c| c == '\n' || !is_unsafe(c))
        .collect()
}

fn nasty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("\\".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("😀".to_string()),
        Just("e\u{301}".to_string()),
        Just("日本語".to_string()),
        Just("\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        Just("x".repeat(500)),
        "[a-zA-Z0-9 ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 1..12).prop_map(|v| v.concat())
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_titles_and_notes_round_trip(title in nasty(), notes in nasty()) {
        prop_assume!(!expected_text(&title).trim().is_empty());
        let dir = std::env::temp_dir().join(format!("docket-prop-{}-{}", std::process::id(), rand_suffix(&title)));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("t.toml");
        let text = format!(
            "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = {}\nnotes = {}\n\n[[deadline]]\nid = \"d\"\ntitle = {}\ntrigger = \"e\"\nperiod = \"14 days\"\nauthority = \"x\"\nnotes = {}\n",
            toml_string(&title), toml_string(&notes), toml_string(&title), toml_string(&notes),
        );
        std::fs::write(&file, text).unwrap();
        let docket = Docket::load(&[file], Calendars::builtin());
        std::fs::remove_dir_all(&dir).unwrap();
        prop_assert!(!docket.has_errors(), "{:?}", docket.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
        let (ics, _) = to_ics(&docket, "2020-01-14", &IcsOptions { name: title.clone(), partial: PartialDates::Skip });
        check_wire(&ics);
        let parsed = parse(&ics);
        prop_assert_eq!(parsed.len(), 2, "one VEVENT per record");
        let want = expected_text(&title);
        let event = parsed.iter().find(|p| p.uid == "e.t@docket").unwrap();
        prop_assert_eq!(&event.summary, &format!("[T] {want}"));
        let deadline = parsed.iter().find(|p| p.uid == "d.t@docket").unwrap();
        prop_assert_eq!(&deadline.summary, &format!("[T] Due: {want}"));
        prop_assert!(event.description.contains(&expected_text(&notes)));
    }
}

fn rand_suffix(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let dir = std::env::temp_dir().join(format!("docket-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.toml");
    std::fs::write(&file, "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"=HYPERLINK(\\\"http://x\\\")\"\n").unwrap();
    let out = export(&[file.to_str().unwrap(), "--format", "csv"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
    assert!(Path::new("tests/golden").is_dir());
}

/// A calendar describes every zone its entries use, whatever mix of zones, moments, offsets,
/// hour periods and extensions the docket holds, and shows each entry in its zone.
#[test]
fn zones_read_from_places_are_the_zones_the_entries_use() {
    let dir = tempfile::tempdir().unwrap();
    let timeline = |id: &str, zone: &str, body: &str| {
        let zone = if zone.is_empty() {
            String::new()
        } else {
            format!("timezone = \"{zone}\"\n")
        };
        let text = format!("[timeline]\nid = \"{id}\"\ntitle = \"{id}\"\n{zone}\n{body}");
        std::fs::write(dir.path().join(format!("{id}.toml")), text).unwrap();
    };
    timeline(
        "denver",
        "America/Denver",
        "[[event]]\nid = \"hearing\"\ndate = 2027-01-12T10:00:00\ntitle = \"Hearing\"\n\n\
         [[event]]\nid = \"call\"\ndate = \"2026-03-08T01:30:00[America/New_York]\"\ntitle = \"Call\"\n\n\
         [[deadline]]\nid = \"brief\"\ntitle = \"Brief\"\ntrigger = \"hearing\"\nperiod = \"48 hours\"\n\n\
         [[deadline]]\nid = \"reply\"\ntitle = \"Reply\"\ntrigger = \"hearing\"\nperiod = \"14 days\"\n\
         history = [{ status = \"extended\", on = 2027-01-20, to = 2027-03-01 }]\n",
    );
    timeline(
        "tokyo",
        "Asia/Tokyo",
        "[[event]]\nid = \"order\"\ndate = 2026-12-31T23:30:00\ntitle = \"Order\"\n\n\
         [[deadline]]\nid = \"notice\"\ntitle = \"Notice\"\ntrigger = \"order\"\nperiod = \"3 hours\"\n",
    );
    // The deadline, due at a time before its trigger, is the zone's first timed entry.
    timeline(
        "chicago",
        "America/Chicago",
        "[[event]]\nid = \"filed\"\ndate = 2027-01-01T10:00:00\ntitle = \"Filed\"\n\n\
         [[deadline]]\nid = \"objection\"\ntitle = \"Objection\"\ntrigger = \"filed\"\nperiod = \"72 hours before\"\n",
    );
    timeline(
        "nowhere",
        "",
        "[[event]]\nid = \"letter\"\ndate = \"2020-01-13T09:00:00-07:00\"\ntitle = \"Letter\"\n\n\
         [[event]]\nid = \"memo\"\ndate = 2019-05-01\ntitle = \"Memo\"\n",
    );
    let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
    assert!(!docket.has_errors(), "{:?}", docket.diagnostics);
    for as_of in ["2027-01-19", "2027-02-01"] {
        let order = docket::timeline::list_places(&docket, as_of.parse().ok(), &Filter::default());
        for partial in [PartialDates::Skip, PartialDates::Span] {
            let opts = IcsOptions {
                name: "t".into(),
                partial,
            };
            let mut out = Vec::new();
            write_ics(&docket, &order, &opts, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            check_wire(&text);
            for zone in ["America/Denver", "Asia/Tokyo", "America/Chicago"] {
                assert!(
                    text.contains(&format!("TZID:{zone}\r\n")),
                    "{zone} in {text}"
                );
            }
            assert!(text.contains("DTSTART:20200113T160000Z\r\n"), "{text}");
            // An event written with a zone of its own is shown in it, not in its timeline's.
            assert!(text.contains("TZID:America/New_York\r\n"), "{text}");
            let call = &text[text.find("UID:call.").unwrap()..];
            let call = &call[..call.find("END:VEVENT").unwrap()];
            assert!(
                call.contains("DTSTART;TZID=America/New_York:20260308T013000\r\n"),
                "{call}"
            );
        }
    }
}

/// Every part of a deadline's VEVENT, worked out by hand: a timeline with no zone (so "end of"
/// the due day), an extension (the computed date stays), a revision, reminders in every unit,
/// text that needs escaping, a deadline triggered by another, and closed statuses.
#[test]
fn every_part_of_a_deadline_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.toml"),
        r#"[timeline]
id = "m"
title = "M"

[[event]]
id = "served"
date = 2026-03-02
title = "Complaint served"
kind = "service"

[[deadline]]
id = "answer"
title = "Answer due"
trigger = "served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
reminders = ["2 hours", "1 week", "1 month", "3 court days"]
revision = 2
notes = "Ask for consent; then move, if needed"
sources = ["Docket 1", { cite = "Summons", url = "https://example.com/s" }]
tags = ["civil", "a,b"]
history = [{ status = "extended", on = 2026-03-10, to = 2026-04-06 }]
modified = 2026-03-10T16:45:09-07:00

[[deadline]]
id = "reply"
title = "Reply due"
trigger = "answer"
period = "7 days + mail"
authority = "Local rule"
history = [{ status = "done", on = 2026-04-10 }]

[[deadline]]
id = "old"
title = "Old motion"
trigger = "served"
period = "10 days"
authority = "An order"
history = [{ status = "withdrawn", on = 2026-03-05 }]
"#,
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let ics = unfold(&export(&[path, "--format", "ics", "--as-of", "2026-05-01"]));
    let vevent = |uid: &str| -> Vec<String> {
        let start = ics.find(&format!("UID:{uid}")).expect(uid);
        let end = start + ics[start..].find("END:VEVENT").unwrap();
        ics[start..end].lines().map(str::to_string).collect()
    };
    // 2026-03-02 + 21 days = Monday 2026-03-23, extended to 2026-04-06; stamped with its last
    // change, in UTC.
    assert_eq!(
        vevent("answer.m@docket"),
        [
            "UID:answer.m@docket",
            "DTSTAMP:20260310T234509Z",
            "LAST-MODIFIED:20260310T234509Z",
            "DTSTART;VALUE=DATE:20260406",
            "DTEND;VALUE=DATE:20260407",
            "STATUS:CONFIRMED",
            "SEQUENCE:2",
            "TRANSP:TRANSPARENT",
            "SUMMARY:[M] Due: Answer due [extended]",
            "DESCRIPTION:Due: Answer due\\nDue at: end of 2026-04-06\\nPeriod: 21 days\\, from the trigger\\nAuthority: FRCP 12(a)(1)(A)(i)\\nTrigger: Complaint served (2026-03-02)\\nComputed due date: 2026-03-23\\nStatus: extended\\nNotes: Ask for consent\\; then move\\, if needed\\nSources: Docket 1\\; Summons <https://example.com/s>\\nMatter: M\\nTimeline: m",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Answer due (2 hours before)",
            "TRIGGER:-PT2H",
            "END:VALARM",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Answer due (1 week before)",
            "TRIGGER:-P1W",
            "END:VALARM",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Answer due (1 month before)",
            "TRIGGER:-P30D",
            "END:VALARM",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:Answer due (3 court days before)",
            "TRIGGER:-P3D",
            "END:VALARM",
            "CATEGORIES:civil,a\\,b",
        ]
    );
    // From the extended date: Monday 2026-04-13 + 3 days for mail = Thursday 2026-04-16. Done,
    // so no alarms.
    let reply = vevent("reply.m@docket");
    assert!(
        reply.contains(&"DTSTART;VALUE=DATE:20260416".to_string()),
        "{reply:?}"
    );
    assert!(
        reply.contains(&"SUMMARY:[M] Due: Reply due [done]".to_string()),
        "{reply:?}"
    );
    assert!(reply.contains(&"DESCRIPTION:Due: Reply due\\nDue at: end of 2026-04-16\\nPeriod: 7 days + mail\\, from the trigger\\nAuthority: Local rule\\nTrigger: the due date of: Answer due\\nStatus: done\\nMatter: M\\nTimeline: m".to_string()), "{reply:?}");
    assert!(!reply.iter().any(|l| l == "BEGIN:VALARM"), "{reply:?}");
    // 2026-03-02 + 10 days = Thursday 2026-03-12, withdrawn: cancelled, no alarms.
    let old = vevent("old.m@docket");
    assert!(old.contains(&"STATUS:CANCELLED".to_string()), "{old:?}");
    assert!(
        old.contains(&"SUMMARY:[M] Due: Old motion [withdrawn]".to_string()),
        "{old:?}"
    );
    assert!(!old.iter().any(|l| l == "BEGIN:VALARM"), "{old:?}");
}
