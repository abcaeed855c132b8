//! Any title and notes: the iCalendar export parses back (with the `icalendar` crate's parser, not
//! the writer) to one VEVENT per record with the same text, and every physical line is at most 75
//! octets.
#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;

use docket::calendar::Calendars;
use docket::render::ics::{IcsOptions, PartialDates, write_ics};
use docket::render::text::is_unsafe;
use docket::timeline::{Docket, Filter, list_places};
use libfuzzer_sys::fuzz_target;

fn expected(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .chars()
        .filter(|&c| c == '\n' || !is_unsafe(c))
        .collect()
}

fuzz_target!(|input: (String, String)| {
    let (title, notes) = input;
    if expected(&title).trim().is_empty() {
        return;
    }
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let text = format!(
        "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = {}\nnotes = {}\n\n[[deadline]]\nid = \"d\"\ntitle = {}\ntrigger = \"e\"\nperiod = \"14 days\"\nauthority = \"x\"\n",
        q(&title),
        q(&notes),
        q(&title)
    );
    let mut files = HashMap::new();
    files.insert(PathBuf::from("fuzz.toml"), text);
    let docket = Docket::load_with(&[], Calendars::builtin(), &files);
    assert!(
        !docket.has_errors(),
        "{:?}",
        docket
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
    let mut out = Vec::new();
    let opts = IcsOptions {
        name: title.clone(),
        partial: PartialDates::Skip,
    };
    write_ics(&docket, &order, &opts, &mut out).expect("writing to memory");
    let ics = String::from_utf8(out).expect("iCalendar text is UTF-8");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75 && !line.contains('\n') && !line.contains('\r'));
    }
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2);
    let summary = |uid: &str| {
        events
            .iter()
            .find(|e| e.find_prop("UID").map(|p| p.val.as_str()) == Some(uid))
            .and_then(|e| e.find_prop("SUMMARY"))
            .map(|p| p.val.as_str().to_string())
    };
    // Every summary names its matter: the timeline's `short`, by default its title, "T".
    assert_eq!(
        summary("e.t@docket"),
        Some(format!("[T] {}", expected(&title)))
    );
    assert_eq!(
        summary("d.t@docket"),
        Some(format!("[T] Due: {}", expected(&title)))
    );
});
