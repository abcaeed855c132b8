//! Any bytes as a timeline file: loading, checking, rendering diagnostics, listing and exporting
//! never panic.
#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;

use docket::calendar::Calendars;
use docket::render::ics::{IcsOptions, PartialDates, write_ics};
use docket::render::records;
use docket::timeline::{Docket, Filter, list, list_places};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = HashMap::new();
    files.insert(PathBuf::from("fuzz.toml"), text.to_string());
    let docket = Docket::load_with(&[], Calendars::builtin(), &files);
    for d in &docket.diagnostics {
        let _ = d.render(false);
        let _ = d.to_json();
    }
    if !docket.has_errors() {
        let recs = list(&docket, "2020-01-14".parse().ok(), &Filter::default());
        let _ = records::to_csv(&recs);
        let _ = records::to_markdown(&recs, records::View::List);
        let _ = records::to_json(&recs, None);
        let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
        let opts = IcsOptions {
            name: "fuzz".into(),
            partial: PartialDates::Span,
        };
        let _ = write_ics(&docket, &order, &opts, &mut Vec::new());
        for i in 0..docket.deadlines.len() {
            let _ = docket.explain(i);
        }
    }
});
