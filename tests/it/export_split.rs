//! `docket export --format ics --split DIR`: one file per record (a vdir), each holding the
//! VEVENT the whole calendar holds for it; files of records gone are removed, other files kept,
//! unchanged files not rewritten. And timed events end: DTEND and busy time.

use std::path::Path;
use std::process::Output;

fn docket(args: &[&str]) -> Output {
    crate::support::docket()
        .args(args)
        .output()
        .expect("docket runs")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn split_writes_one_file_per_record_with_the_whole_calendars_vevent() {
    let out = crate::support::temp_dir();
    let vdir = out.path().join("vdir");
    let whole = docket(&[
        "export",
        "timelines",
        "--format",
        "ics",
        "--partial",
        "span",
    ]);
    assert!(whole.status.success());
    let whole = String::from_utf8(whole.stdout).unwrap();
    let o = docket(&[
        "export",
        "timelines",
        "--format",
        "ics",
        "--partial",
        "span",
        "--split",
        vdir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = names(&vdir);
    assert_eq!(files.len(), whole.matches("BEGIN:VEVENT").count());
    for name in &files {
        let text = std::fs::read_to_string(vdir.join(name)).unwrap();
        let uid = name.strip_suffix(".ics").unwrap();
        assert!(text.contains(&format!("UID:{uid}\r\n")), "{name}");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1, "{name}");
        assert!(!text.contains("METHOD:"), "{name}");
        let start = text.find("BEGIN:VEVENT").unwrap();
        let event = &text[start..text.len() - "END:VCALENDAR\r\n".len()];
        assert!(whole.contains(event), "{name}");
    }
}

#[test]
fn split_removes_only_docket_files_of_records_gone_and_leaves_unchanged_files_alone() {
    let dir = crate::support::temp_dir();
    let vdir = dir.path().join("vdir");
    std::fs::write(
        dir.path().join("t.toml"),
        "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"a\"\ndate = 2026-01-05\ntitle = \"A\"\n\n[[event]]\nid = \"b\"\ndate = 2026-01-06\ntitle = \"B\"\n",
    )
    .unwrap();
    let split = || {
        let o = docket(&[
            "export",
            dir.path().join("t.toml").to_str().unwrap(),
            "--format",
            "ics",
            "--split",
            vdir.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    split();
    std::fs::write(vdir.join("someone-else.ics"), "kept").unwrap();
    assert_eq!(
        names(&vdir),
        ["a.t@docket.ics", "b.t@docket.ics", "someone-else.ics"]
    );
    let before = std::fs::metadata(vdir.join("a.t@docket.ics"))
        .unwrap()
        .modified()
        .unwrap();
    std::fs::write(
        dir.path().join("t.toml"),
        "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"a\"\ndate = 2026-01-05\ntitle = \"A\"\n",
    )
    .unwrap();
    split();
    assert_eq!(names(&vdir), ["a.t@docket.ics", "someone-else.ics"]);
    let after = std::fs::metadata(vdir.join("a.t@docket.ics"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file is not rewritten");
}

#[test]
fn split_is_for_icalendar_only() {
    let dir = crate::support::temp_dir();
    let o = docket(&[
        "export",
        "timelines",
        "--format",
        "json",
        "--split",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format ics"));
}

/// Timed events end (a default length by kind), are busy time and say where; all-day events
/// and deadlines stay free.
#[test]
fn timed_events_have_an_end_and_are_busy() {
    let dir = crate::support::temp_dir();
    std::fs::write(
        dir.path().join("t.toml"),
        "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\n\n\
         [[event]]\nid = \"hearing\"\ndate = 2026-03-02T09:30:00\ntitle = \"Hearing\"\nkind = \"hearing\"\nlocation = \"Courtroom A901, 901 19th St, Denver\"\nreminders = [\"1 day\", \"2 hours\"]\n\n\
         [[event]]\nid = \"depo\"\ndate = 2026-03-03T09:00:00\ntitle = \"Deposition of X\"\nkind = \"deposition\"\n\n\
         [[event]]\nid = \"letter\"\ndate = 2026-03-01\ntitle = \"Letter\"\n\n\
         [[deadline]]\nid = \"reply\"\ntitle = \"Reply\"\ntrigger = \"letter\"\nperiod = \"14 days\"\n",
    )
    .unwrap();
    let o = docket(&[
        "export",
        dir.path().join("t.toml").to_str().unwrap(),
        "--format",
        "ics",
    ]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let event = |uid: &str| -> String {
        let start = text.find(&format!("UID:{uid}\r\n")).unwrap();
        text[start..start + text[start..].find("END:VEVENT").unwrap()].to_string()
    };
    let hearing = event("hearing.t@docket");
    assert!(hearing.contains("DTSTART;TZID=America/Denver:20260302T093000\r\n"));
    assert!(hearing.contains("DTEND;TZID=America/Denver:20260302T103000\r\n"));
    assert!(hearing.contains("TRANSP:OPAQUE\r\n"));
    assert!(
        hearing.contains("LOCATION:Courtroom A901\\, 901 19th St\\, Denver\r\n"),
        "{hearing}"
    );
    // Its own reminders, after its properties.
    let alarms = &hearing[hearing.find("BEGIN:VALARM").expect("alarms")..];
    assert!(alarms.contains("TRIGGER:-P1D\r\n") && alarms.contains("TRIGGER:-PT2H\r\n"));
    assert!(!alarms.contains("TRANSP:") && !alarms.contains("LOCATION:"));
    assert!(!event("letter.t@docket").contains("BEGIN:VALARM"));
    let depo = event("depo.t@docket");
    assert!(
        depo.contains("DTEND;TZID=America/Denver:20260303T160000\r\n"),
        "{depo}"
    );
    let letter = event("letter.t@docket");
    assert!(letter.contains("DTEND;VALUE=DATE:20260302\r\n"));
    assert!(letter.contains("TRANSP:TRANSPARENT\r\n"));
    assert!(event("reply.t@docket").contains("TRANSP:TRANSPARENT\r\n"));
}
