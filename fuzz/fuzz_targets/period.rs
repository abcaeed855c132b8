//! Any text as a period: parsing never panics, a parsed period prints back to text that parses to
//! the same period, and computing it on every calendar never panics.
#![no_main]

use docket::calendar::Calendars;
use docket::rules::{Context, Period, Trigger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(period) = text.parse::<Period>() else {
        return;
    };
    let again: Period = period.to_string().parse().expect("a printed period parses");
    assert_eq!(again, period);
    let trigger: Trigger = "2020-01-13T09:00[America/Denver]".parse().unwrap();
    for cal in Calendars::builtin().iter() {
        let ctx = Context::new(cal);
        let _ = period.due(&Trigger::Date("2020-01-13".parse().unwrap()), &ctx);
        let _ = period.explain(&trigger, &ctx);
    }
});
