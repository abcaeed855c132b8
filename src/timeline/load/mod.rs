//! Reading one timeline file into its records, with every problem reported at its line and
//! column. [`load_file`] is the one way in.
//!
//! Two readers make the same spanned TOML tables. A file in docket's own layout with
//! `[timeline]` first and no problem is read table by table as the scanner ([`scanner`]) reaches
//! the end of each, straight from the bytes, so that no tree of the whole file is built and each
//! table is read while it is still in the cache. Every other file, and every file with a
//! problem, is parsed whole by the `toml` crate ([`tree::parse`]), whose grammar and error
//! messages are the reference; the scanner's tests and the `toml_tree` fuzz target hold the
//! scanner to it. The same record readers ([`records`]) read the tables of both.
//!
//! Why the scanner is there at all is in DESIGN.md ("Why a scanner in front of the TOML
//! parser?").

mod reader;
mod records;
mod scanner;
mod tree;

use std::sync::Arc;

use chrono_tz::Tz;

use self::reader::{Reader, table_of};
use self::records::{Nth, array_of_tables, read_deadline, read_event, read_timeline};
use super::keys::TOP_KEYS;
use super::model::{Deadline, Event, Timeline};
use crate::calendar::Calendars;
use crate::diagnostic::{Diagnostic, SourceFile};

/// What one file holds.
#[derive(Debug, Default)]
pub(crate) struct FileContents {
    /// The `[timeline]` table, if it could be read.
    pub timeline: Option<Timeline>,
    /// The events.
    pub events: Vec<Event>,
    /// The deadlines.
    pub deadlines: Vec<Deadline>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one timeline file. `timeline` is the index the file's timeline will have in the docket.
pub(crate) fn load_file(
    file: &Arc<SourceFile>,
    timeline: usize,
    calendars: &Calendars,
) -> FileContents {
    scanned(file, timeline, calendars).unwrap_or_else(|| parsed(file, timeline, calendars))
}

/// A file without a single problem, in docket's own layout with `[timeline]` first, read table
/// by table as the scanner reaches the end of each. `None` for any other file, which
/// [`parsed`] reads, so that every problem is reported as the `toml` crate sees the file.
fn scanned(file: &Arc<SourceFile>, timeline: usize, calendars: &Calendars) -> Option<FileContents> {
    let mut out = FileContents::default();
    let mut r = Reader {
        file,
        diags: Vec::new(),
    };
    let mut zone = None;
    let (mut events, mut deadlines) = (0, 0);
    scanner::sections(file.text(), &mut |s| {
        match (s.name, s.array) {
            ("timeline", false) if out.timeline.is_none() && events + deadlines == 0 => {
                (out.timeline, zone) = read_timeline(&mut r, s.table, &s.span, file, calendars);
            }
            ("event", true) if out.timeline.is_some() => {
                events += 1;
                let what = Nth {
                    key: "event",
                    n: events,
                };
                let e = read_event(&mut r, s.table, &s.span, what, zone, timeline);
                out.events.extend(e);
            }
            ("deadline", true) if out.timeline.is_some() => {
                deadlines += 1;
                let what = Nth {
                    key: "deadline",
                    n: deadlines,
                };
                let d = read_deadline(&mut r, s.table, &s.span, what, timeline, calendars);
                out.deadlines.extend(d);
            }
            _ => return None,
        }
        r.diags.is_empty().then_some(())
    })?;
    out.timeline.is_some().then_some(out)
}

/// Any file, parsed whole by the `toml` crate, every problem reported.
fn parsed(file: &Arc<SourceFile>, timeline: usize, calendars: &Calendars) -> FileContents {
    let mut out = FileContents::default();
    let mut r = Reader {
        file,
        diags: Vec::new(),
    };
    let doc = match tree::parse(file.text()) {
        Ok(doc) => doc,
        Err(errors) => {
            for e in errors {
                let span = e.span.unwrap_or(0..0);
                r.error(
                    span,
                    format!("invalid TOML: {}", lowercase_first(&e.message)),
                );
            }
            out.diagnostics = r.diags;
            return out;
        }
    };
    r.check_keys(&doc, TOP_KEYS, "a timeline file");

    // [timeline]
    let mut zone: Option<Tz> = None;
    match doc.get("timeline") {
        None => {
            r.error(0..0, "the file has no `[timeline]` table");
            r.set_last(|d| d.expected("a `[timeline]` table with `id` and `title`"));
        }
        Some(v) => match table_of(v) {
            None => r.wrong_type("timeline", v, "a table `[timeline]`"),
            Some(t) => (out.timeline, zone) = read_timeline(&mut r, t, &v.span, file, calendars),
        },
    }

    // [[event]]
    for (v, what) in array_of_tables(&mut r, &doc, "event") {
        let Some(t) = table_of(v) else { continue };
        if let Some(e) = read_event(&mut r, t, &v.span, what, zone, timeline) {
            out.events.push(e);
        }
    }

    // [[deadline]]
    for (v, what) in array_of_tables(&mut r, &doc, "deadline") {
        let Some(t) = table_of(v) else { continue };
        if let Some(d) = read_deadline(&mut r, t, &v.span, what, timeline, calendars) {
            out.deadlines.push(d);
        }
    }
    out.diagnostics = r.diags;
    out
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Panics unless the scanner either gives up on `text` or reads it exactly as the `toml` crate
/// does, spans included (and gives up wherever the `toml` crate finds an error). For the
/// `toml_tree` fuzz target, built with `--cfg fuzzing`; the unit tests call the scanner's own.
#[cfg(fuzzing)]
pub fn scanner_agrees_with_toml(text: &str) {
    scanner::agrees_with_toml(text);
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;

    use super::*;

    /// Reads `text` both ways; returns whether the scanner's way took it. Wherever it does,
    /// the file must be free of problems and both ways must give the same records.
    fn both_ways_agree(text: &str, what: &str) -> bool {
        let file = Arc::new(SourceFile::new("t.toml", text.to_string()));
        let calendars = Calendars::builtin();
        let whole = parsed(&file, 3, calendars);
        let Some(scanned) = scanned(&file, 3, calendars) else {
            return false;
        };
        assert!(
            whole.diagnostics.is_empty(),
            "{what}: the scanner's way took a file with problems: {:?}",
            whole.diagnostics
        );
        assert!(scanned.diagnostics.is_empty(), "{what}");
        assert_eq!(
            format!("{scanned:?}"),
            format!("{whole:?}"),
            "{what}: the two ways disagree"
        );
        true
    }

    fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                toml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn optimisation_scanner_equals_toml_crate_on_every_fixture() {
        let mut files = Vec::new();
        for dir in ["timelines", "tests", "examples", "data"] {
            toml_files(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(),
                &mut files,
            );
        }
        assert!(files.len() > 50, "the fixtures are found");
        let mut taken = 0;
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let what = path.display().to_string();
            scanner::agrees_with_toml(&text);
            if both_ways_agree(&text, &what) {
                taken += 1;
            }
        }
        assert!(taken >= 10, "some fixtures are scanned ({taken})");
    }

    #[test]
    fn optimisation_scanner_equals_toml_crate_on_the_fuzz_corpora() {
        let mut texts = 0;
        for corpus in ["timeline_loader", "toml_tree"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fuzz/corpus")
                .join(corpus);
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                    scanner::agrees_with_toml(&text);
                    both_ways_agree(&text, &path.display().to_string());
                    texts += 1;
                }
            }
        }
        assert!(texts > 0, "the corpora are found");
    }

    #[test]
    fn what_the_scanners_way_leaves_to_the_toml_crate() {
        let head = "[timeline]\nid = \"t\"\ntitle = \"T\"\n";
        let event = "[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";
        assert!(both_ways_agree(&format!("{head}{event}"), "plain"));
        for text in [
            format!("{event}{head}"),                       // [timeline] after an event
            format!("{head}[[event]]\nid = \"e\"\n"),       // no date, no title
            format!("{head}{event}x = 1\n"),                // an unknown key
            format!("{head}[other]\n"),                     // an unknown table
            format!("x = 1\n{head}"),                       // a key above the headers
            format!("{head}{event}[timeline]\n"),           // a table twice
            format!("{head}timezone = \"Mars/Olympus\"\n"), // an unknown zone
        ] {
            assert!(!both_ways_agree(&text, &text), "{text:?}");
        }
        // A duplicate id is the docket's to find: the file itself has no problem.
        assert!(both_ways_agree(&format!("{head}{event}{event}"), "twice"));
    }

    /// Blocks a timeline file is made of, valid and not.
    const BLOCKS: &[&str] = &[
        "[timeline]\nid = \"t\"\ntitle = \"T\"\ntimezone = \"America/Denver\"\ncalendar = \"d-colo\"\n",
        "[timeline]\nid = \"t\"\ntitle = \"T\"\nparties = [\"A\", \"B\"]\nsources = [{ cite = \"c\" }]\n",
        "[timeline]\nid = \"t\"\n",
        "[[event]]\nid = \"e1\"\ndate = 2020-01-13\ntitle = \"Served\"\nsources = [\"ECF 1\"]\n",
        "[[event]]\nid = \"e2\"\ndate = \"2017-11\"\ntitle = \"Month\"\napproximate = true\n",
        "[[event]]\nid = \"e3\"\ndate = 2020-01-13T09:30:00\ntitle = \"Timed\"\ntags = [\"x\"]\n",
        "[[event]]\nid = \"e4\"\ndate = 2020-02-30\ntitle = \"Bad\"\n",
        "[[event]]\nid = \"\"\ndate = 2020-01-13\ntitle = \"Blank id\"\n",
        "[[event]]\nid = \"e5\"\ndate = \"2020-03-08T02:30[America/Denver]\"\ntitle = \"Gap\"\n",
        "[[deadline]]\nid = \"d1\"\ntitle = \"Answer\"\ntrigger = \"e1\"\nperiod = \"14 days\"\nauthority = \"FRCP 12\"\n",
        "[[deadline]]\nid = \"d2\"\ntitle = \"Reply\"\ntrigger = \"d1\"\nperiod = \"3 court days + mail\"\nroll = \"backward\"\n",
        "[[deadline]]\nid = \"d3\"\ntitle = \"Fixed\"\ndue = 2020-02-01\nhistory = [{ status = \"done\", on = 2020-01-30 }]\nrevision = 2\n",
        "[[deadline]]\nid = \"d4\"\ntitle = \"Both\"\ndue = 2020-02-01\nperiod = \"1 day\"\n",
        "[[deadline]]\nid = \"d5\"\ntitle = \"Extended\"\ntrigger = \"e1\"\nperiod = \"7 days\"\nreminders = [\"2 days\"]\nhistory = [{ status = \"extended\", on = 2020-01-15, to = 2020-02-10 }]\nrecorded = { due = 2020-01-21, data = \"v\" }\n",
        "[[deadline]]\nid = \"d6\"\ntitle = \"Bad period\"\ntrigger = \"e1\"\nperiod = \"fortnight\"\n",
        "[[deadline]]\nid = \"d7\"\ntitle = \"Calendar\"\ntrigger = \"e1\"\nperiod = \"2 hours\"\ncalendar = \"nowhere\"\n",
        "[[deadline]]\nid = \"d8\"\ntitle = \"Revision\"\ndue = 2020-02-01\nrevision = -1\n",
        "unknown = 1\n",
    ];

    #[test]
    fn valid_files_of_every_block_are_scanned() {
        let valid = [0, 3, 4, 5, 9, 10, 11, 13].map(|i| BLOCKS[i]).concat();
        assert!(both_ways_agree(&valid, &valid));
        let also = [1, 13, 3, 10, 9].map(|i| BLOCKS[i]).concat();
        assert!(both_ways_agree(&also, &also));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn optimisation_scanner_equals_toml_crate_on_generated_files(blocks in prop::collection::vec(prop::sample::select(BLOCKS), 0..8)) {
            both_ways_agree(&blocks.concat(), &blocks.concat());
        }
    }
}
