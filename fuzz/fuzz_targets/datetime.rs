//! Any text as a date or date-time from the command line or a file: parsing and placing it in a
//! zone never panic, and an accepted date prints back to itself.
#![no_main]

use docket::rules::{Trigger, parse_date};
use docket::timeline::When;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse_date(text) {
        assert_eq!(d.format("%Y-%m-%d").to_string(), text);
    }
    if let Ok(t) = text.parse::<Trigger>() {
        let _ = t.resolve(Some(chrono_tz::America::Denver));
        let _ = t.resolve(None);
        let _ = t
            .to_string()
            .parse::<Trigger>()
            .expect("a printed trigger parses");
    }
    for approximate in [false, true] {
        if let Ok(w) = When::parse(text, approximate) {
            let _ = (w.display(), w.sort_key(), w.trigger());
        }
    }
});
