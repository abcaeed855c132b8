//! Any text as a rule-set file: loading never panics; a set that loads runs its worked examples
//! and every trigger's family without panicking, whatever its answers.
#![no_main]

use std::sync::Arc;

use docket::calendar::Calendars;
use docket::court_rules::examples;
use docket::court_rules::load::load;
use docket::court_rules::Answers;
use docket::diagnostic::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Arc::new(SourceFile::new("fuzz.toml", text));
    match load(file, Calendars::builtin()) {
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let _ = p.render(false);
            }
        }
        Ok(set) => {
            let _ = examples::run(&set, Calendars::builtin());
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 13).expect("a date");
            for t in &set.triggers {
                let _ = set.family(&t.id, day, &Answers::default(), None);
            }
        }
    }
});
