//! Editing commands never surprise: each test is named after what an edit used to do wrong. The
//! binary runs on a copy of a timeline in a temporary folder, with "today" pinned by
//! `DOCKET_NOW`. One file per kind of surprise, in `tests/editing/`.

use std::path::PathBuf;
use std::process::Output;

use crate::support;

/// Today, for every command here: Tuesday 2026-12-01 in Denver.
const NOW: &str = "2026-12-01T12:00:00-07:00";

/// A small D. Colo. matter in the canonical layout.
const MATTER: &str = r#"[timeline]
id = "matter"
title = "Example v. Sample"
court = "U.S. District Court for the District of Colorado"
case = "No. 1:26-cv-99999"
assignee = "docketing clerk"
timezone = "America/Denver"
calendar = "d-colo"

[[event]]
id = "complaint-filed"
date = 2026-10-19
title = "Complaint filed"
kind = "filing"

[[event]]
id = "summons-served"
date = 2026-11-09
title = "Summons served"
kind = "service"
sources = ["ECF No. 6"]

[[deadline]]
id = "answer-due"
title = "Answer due"
trigger = "summons-served"
period = "21 days"
authority = "FRCP 12(a)(1)(A)(i)"
reminders = ["7 days", "1 day"]               # before the due date
tags = ["pleadings"]

[[deadline]]
id = "reply-due"
title = "Reply due"
trigger = "answer-due"
period = "21 days"
authority = "FRCP 12(a)(1)(B)"
"#;

/// A docket folder holding `matter.toml`.
struct Docket {
    dir: tempfile::TempDir,
}

impl Docket {
    fn new() -> Docket {
        Docket::with(&[("matter.toml", MATTER)])
    }

    fn with(files: &[(&str, &str)]) -> Docket {
        let dir = support::temp_dir();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Docket { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// Runs docket with `args` in the docket's folder.
    fn run(&self, args: &[&str]) -> Run {
        let out = support::docket()
            .args(args)
            .current_dir(self.dir.path())
            .env("DOCKET_NOW", NOW)
            .env("DOCKET_LOCK_WAIT", "0")
            .output()
            .unwrap();
        Run(out)
    }

    /// Runs an edit of the docket (its folder is the last argument).
    fn edit(&self, args: &[&str]) -> Run {
        let mut all = args.to_vec();
        all.push(".");
        self.run(&all)
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    fn ok(&self) -> &Run {
        assert_eq!(self.code(), 0, "{}{}", self.stdout(), self.stderr());
        self
    }
    #[track_caller]
    fn fails(&self, code: i32) -> &Run {
        assert_eq!(self.code(), code, "{}{}", self.stdout(), self.stderr());
        self
    }
}

/// The deadline table of `id` as written in `text`, up to the next table.
fn table_of<'t>(text: &'t str, id: &str) -> &'t str {
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let end = text[at..].find("\n[").map_or(text.len(), |e| at + e);
    &text[at..end]
}

mod layout;
mod lists_and_keys;
mod new;
mod refusals;
mod status;
