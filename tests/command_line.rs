//! The command line as a whole (issue 20): manual pages that exist for every page they name, an
//! ENVIRONMENT section naming every variable the program reads, and JSON that is always an
//! object with a `version`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .env_remove("DOCKET_CALENDARS")
        .env_remove("DOCKET_DIR")
        .env_remove("DOCKET_NOW")
        .output()
        .expect("docket runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The pages a roff text refers to: `docket\-list(1)` is `docket-list`.
fn referred(roff: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in roff.match_indices("docket\\-") {
        let rest = &roff[at..];
        if let Some(end) = rest.find("(1)") {
            let name = &rest[..end];
            if name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\\')
            {
                found.insert(name.replace("\\-", "-"));
            }
        }
    }
    found
}

#[test]
fn man_refers_to_no_page_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = docket(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = |name: &str| std::fs::read_to_string(dir.path().join(format!("{name}.1")));
    let root = page("docket").expect("docket.1 written");
    let mut names = referred(&root);
    assert!(names.contains("docket-list"), "{names:?}");
    // Every page, and every page those pages name.
    for name in names.clone() {
        let text = page(&name).unwrap_or_else(|_| panic!("{name}.1 is named but not written"));
        names.extend(referred(&text));
    }
    for name in &names {
        assert!(
            dir.path().join(format!("{name}.1")).is_file(),
            "{name}(1) is named but not written"
        );
    }
    assert!(Path::new(&dir.path().join("docket-add-deadline.1")).is_file());
    // One page printed alone is the page written.
    let list = docket(&["man", "list"]);
    assert_eq!(list.status.code(), Some(0));
    assert_eq!(text(&list.stdout), page("docket-list").unwrap());
    let typo = docket(&["man", "lsit"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(text(&typo.stderr).contains("did you mean `list`?"));
}

#[test]
fn man_has_an_environment_section_naming_every_variable_read() {
    let out = docket(&["man"]);
    let roff = text(&out.stdout);
    let environment = roff
        .split(".SH ENVIRONMENT")
        .nth(1)
        .expect("an ENVIRONMENT section")
        .split(".SH ")
        .next()
        .unwrap();
    // Every variable the source reads.
    let mut read = BTreeSet::new();
    for entry in walk(Path::new("src")) {
        let source = std::fs::read_to_string(&entry).unwrap();
        for pattern in ["env::var(\"", "env::var_os(\"", "env = \""] {
            for (at, _) in source.match_indices(pattern) {
                let rest = &source[at + pattern.len()..];
                read.insert(rest[..rest.find('"').unwrap()].to_string());
            }
        }
    }
    assert!(
        read.contains("DOCKET_NOW") && read.contains("NO_COLOR"),
        "{read:?}"
    );
    for var in &read {
        let roff_name = var.replace('-', "\\-");
        assert!(
            environment.contains(&format!("\\fB{roff_name}\\fR")),
            "{var} is read but not in ENVIRONMENT"
        );
    }
    // Every page has it.
    assert!(text(&docket(&["man", "upcoming"]).stdout).contains(".SH ENVIRONMENT"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// `check`, `holidays` and `calendars` printed bare arrays.
#[test]
fn every_json_output_is_an_object_with_a_version() {
    let runs: [&[&str]; 10] = [
        &["check", "timelines"],
        &["holidays", "--year", "2026"],
        &["calendars"],
        &["list", "timelines"],
        &["upcoming", "timelines"],
        &["export", "timelines"],
        &["explain", "answer-due", "timelines"],
        &["compute", "--from", "2026-01-05", "--period", "14 days"],
        &["rules"],
        &["rules", "show", "frcp"],
    ];
    for args in runs {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let out = docket(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(json.is_object(), "{args:?}: {json}");
        assert_eq!(json["version"], 1, "{args:?}");
    }
}

/// Every `--format` that offers `json` is in the list above: a new command with JSON output
/// must be added there.
#[test]
fn the_commands_with_json_output_are_those_tested() {
    let help = |cmd: &str| text(&docket(&[cmd, "--help"]).stdout);
    // Every subcommand `docket --help` lists.
    let top = text(&docket(&["--help"]).stdout);
    let commands: Vec<String> = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    assert!(commands.len() > 20, "{commands:?}");
    let with_json: Vec<&str> = commands
        .iter()
        .map(String::as_str)
        .filter(|c| {
            let h = help(c);
            h.lines().any(|l| l.contains("json")) && h.contains("--format")
        })
        .collect();
    assert_eq!(
        with_json,
        [
            "list",
            "upcoming",
            "explain",
            "check",
            "export",
            // `apply` writes, so it is not run above; its JSON has a `version` too.
            "rules",
            "apply",
            "compute",
            "holidays",
            "calendars"
        ]
    );
}
