//! The fast TOML builder against the `toml` crate's full parser: on every file the fast one
//! accepts, both must give the same tree, spans included; on every file the full parser rejects,
//! the fast one must step aside. And the loader that reads a file table by table as it is parsed
//! against the one that reads the whole tree: wherever the first takes a file, both must give the
//! same model, and the file must be free of problems.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use docket::calendar::Calendars;
use docket::diagnostic::SourceFile;
use docket::timeline::tree::{SyntaxError, Tree};
use docket::timeline::{load_streamed, load_whole};
use proptest::prelude::*;

/// Checks one text with both loaders; returns whether the streamed one took it.
fn loaders_agree(text: &str, what: &str) -> bool {
    let file = Arc::new(SourceFile::new("t.toml", text.to_string()));
    let calendars = Calendars::builtin();
    let whole = load_whole(&file, 3, calendars);
    match load_streamed(&file, 3, calendars) {
        Some(streamed) => {
            assert!(
                whole.diagnostics.is_empty(),
                "{what}: streamed accepted a file with problems: {:?}",
                whole.diagnostics
            );
            assert!(streamed.diagnostics.is_empty(), "{what}");
            assert_eq!(
                format!("{streamed:?}"),
                format!("{whole:?}"),
                "{what}: the loaders disagree"
            );
            true
        }
        None => false,
    }
}

/// Checks one text; returns whether the fast builder took it. Wherever the plain-layout
/// scanner takes the text, its tree must be the full parser's too.
fn agree(text: &str, what: &str) -> bool {
    let full = Tree::parse_full(text);
    plain_agrees(text, &full, what);
    match Tree::parse_fast(text) {
        Some(fast) => {
            let full =
                full.unwrap_or_else(|e| panic!("{what}: fast accepted, full rejected: {e:?}"));
            assert_eq!(fast, full, "{what}: the builders disagree");
            true
        }
        None => false,
    }
}

/// Checks the plain-layout scanner against the full parser's result; returns whether it took
/// the text.
fn plain_agrees(text: &str, full: &Result<Tree<'_>, Vec<SyntaxError>>, what: &str) -> bool {
    match Tree::parse_plain(text) {
        Some(plain) => {
            let full = full
                .as_ref()
                .unwrap_or_else(|e| panic!("{what}: the scanner accepted, full rejected: {e:?}"));
            assert_eq!(
                &plain, full,
                "{what}: the scanner and the full parser disagree"
            );
            true
        }
        None => false,
    }
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
fn builders_agree_on_every_fixture() {
    let mut files = Vec::new();
    for dir in ["timelines", "tests", "examples", "data"] {
        toml_files(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(),
            &mut files,
        );
    }
    assert!(files.len() > 50, "the fixtures are found");
    let mut fast = 0;
    let mut streamed = 0;
    let mut plain = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if agree(&text, &path.display().to_string()) {
            fast += 1;
        }
        if Tree::parse_plain(&text).is_some() {
            plain += 1;
        }
        if loaders_agree(&text, &path.display().to_string()) {
            streamed += 1;
        }
    }
    assert!(streamed >= 10, "some fixtures are streamed ({streamed})");
    assert!(
        plain >= streamed,
        "the scanner takes every streamed fixture ({plain})"
    );
    assert!(
        fast > files.len() / 2,
        "most files take the fast path ({fast} of {})",
        files.len()
    );
}

#[test]
fn bundled_timelines_take_the_fast_path() {
    for name in ["denver-ice-subpoenas", "example-federal-civil"] {
        let path = format!("{}/timelines/{name}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(Tree::parse_fast(&text).is_some(), "{name}");
        assert!(Tree::parse_plain(&text).is_some(), "{name}");
        assert!(loaders_agree(&text, name), "{name} is streamed");
    }
}

#[test]
fn loaders_agree_on_the_fuzz_corpora() {
    let mut files = Vec::new();
    for corpus in ["timeline_loader", "toml_tree"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus")
            .join(corpus);
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            files.push(entry.path());
        }
    }
    assert!(files.len() > 1000, "the corpora are found");
    for path in files {
        if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
            loaders_agree(&text, &path.display().to_string());
        }
    }
}

#[test]
fn what_the_streamed_loader_leaves_to_the_whole_one() {
    let head = "[timeline]\nid = \"t\"\ntitle = \"T\"\n";
    let event = "[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";
    assert!(loaders_agree(&format!("{head}{event}"), "plain"));
    for text in [
        format!("{event}{head}"),                       // [timeline] after an event
        format!("{head}{event}{event}"),                // a duplicate id is the docket's to find
        format!("{head}[[event]]\nid = \"e\"\n"),       // no date, no title
        format!("{head}{event}x = 1\n"),                // an unknown key
        format!("{head}[other]\n"),                     // an unknown table
        format!("x = 1\n{head}"),                       // a key above the headers
        format!("{head}{event}[timeline]\n"),           // a table twice
        format!("{head}timezone = \"Mars/Olympus\"\n"), // an unknown zone
    ] {
        let streamed = loaders_agree(&text, &text);
        let whole_clean = {
            let file = Arc::new(SourceFile::new("t.toml", text.clone()));
            load_whole(&file, 0, Calendars::builtin())
                .diagnostics
                .is_empty()
        };
        assert!(!streamed || whole_clean, "{text:?}");
    }
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
fn valid_files_of_every_block_are_streamed() {
    let valid = [0, 3, 4, 5, 9, 10, 11, 13].map(|i| BLOCKS[i]).concat();
    assert!(loaders_agree(&valid, &valid));
    let also = [1, 13, 3, 10, 9].map(|i| BLOCKS[i]).concat();
    assert!(loaders_agree(&also, &also));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn loaders_agree_on_generated_files(blocks in prop::collection::vec(prop::sample::select(BLOCKS), 0..8)) {
        loaders_agree(&blocks.concat(), &blocks.concat());
    }
}

#[test]
fn what_the_fast_builder_leaves_to_the_full_parser() {
    for text in [
        "a.b = 1\n",                                         // dotted key
        "[a.b]\nc = 1\n",                                    // nested header
        "a = 1\na = 2\n",                                    // duplicate key
        "x = { a = 1, a = 2 }\n",                            // duplicate in an inline table
        "event = [{ id = \"x\" }]\n[[event]]\nid = \"y\"\n", // inline array, then a header
        "[t]\n[t]\n",                                        // table twice
        "[[t]]\n[t]\n",                                      // array of tables, then a table
        "s = \"\\q\"\n",                                     // bad escape
        "d = 2020-13-01\n",                                  // bad date
        "a = [1,\n",                                         // unclosed
        "x = { a.b = 1 }\n",                                 // dotted key in an inline table
    ] {
        assert!(Tree::parse_fast(text).is_none(), "{text:?}");
    }
}

#[test]
fn constructs_both_builders_take() {
    for text in [
        "#:schema x\n[timeline]\nid = 'lit'\n\"quoted key\" = \"\\u00e9\\n\"\n",
        "[[event]]\nid = \"a\"\n[[deadline]]\nid = \"b\"\n[[event]]\nid = \"c\"\n",
        "n = \"\"\"\nmulti\nline\"\"\"\nm = '''raw\\n'''\n",
        "d = 2020-01-13\nt = 2020-01-13T10:00:00-07:00\nl = 10:00:00\nld = 2020-01-13 10:00\n",
        "i = 0xff\nj = 1_000\nf = 1.5e3\ninf = inf\nb = true\n",
        "a = [[1, 2], [\"x\"], []]\nt = { a = { b = [1] }, c = [] }\n",
        "a = [\n  1, # comment\n  2,\n]\r\nb = 1\r\n",
    ] {
        assert!(agree(text, text), "{text:?} takes the fast path");
    }
}

/// Lines a document may be made of, plain and tricky.
const LINES: &[&str] = &[
    "[timeline]",
    "[[event]]",
    "[[deadline]]",
    "[other]",
    "[a.b]",
    "id = \"x\"",
    "id = 'y'",
    "title = \"t \\\"q\\\" \\u00e9\"",
    "date = 2020-01-13",
    "date = \"2017\"",
    "n = 42",
    "n = -0x1",
    "f = 3.25",
    "ok = false",
    "sources = [\"a\", { cite = \"c\", url = \"u\" }]",
    "history = [{ status = \"done\", on = 2020-02-01 }]",
    "recorded = { due = 2020-01-27, data = \"v\" }",
    "a.b = 1",
    "x = { y.z = 1 }",
    "event = []",
    "# a comment",
    "",
    "bad = ",
    "\"quoted\" = 1",
    "e = [ [ ], [ 1 ] ]",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn builders_agree_on_generated_documents(lines in prop::collection::vec(prop::sample::select(LINES), 0..14)) {
        let text = lines.join("\n") + "\n";
        let full = Tree::parse_full(&text);
        plain_agrees(&text, &full, &text);
        if let Some(fast) = Tree::parse_fast(&text) {
            prop_assert_eq!(Ok(fast), full);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]
    /// Text made of the bytes that matter to TOML's grammar, after a header and in a value:
    /// the scanner takes only what the full parser takes, and reads it the same.
    #[test]
    fn scanner_agrees_on_generated_text(body in "[\\[\\]\"'\\\\= \t\n\r#,{}a1\\-:TZ.ué\u{1}\u{7f}0-9]{0,40}") {
        for text in [format!("[t]\n{body}"), format!("[t]\nk = {body}"), format!("[t]\nk = \"{body}")] {
            let full = Tree::parse_full(&text);
            plain_agrees(&text, &full, &text);
        }
    }
}

#[test]
fn what_the_scanner_leaves_to_the_general_builders() {
    for text in [
        "id = \"a\"\n[timeline]\n",       // a key above the first header
        "[ timeline ]\n",                 // spaces inside a header
        "[a.b]\n",                        // a dotted header
        "[t]\n\"q\" = 1\n",               // a quoted key
        "[t]\na.b = 1\n",                 // a dotted key
        "[t]\ni = +1\n",                  // a sign
        "[t]\ni = 1_000\n",               // an underscore
        "[t]\ni = 0x1f\n",                // another radix
        "[t]\nf = 1.5\n",                 // a float
        "[t]\nd = 2020-01-13 10:00:00\n", // a space for `T`
        "[t]\nd = 2020-01-13T10:00\n",    // no seconds
        "[t]\nt = 10:00:00\n",            // a time alone
        "[t]\ns = \"\\e\"\n",             // an escape of TOML 1.1
        "[t]\ns = \"\"\"a\r\nb\"\"\"\n",  // `\r\n` in a multi-line string
        "[t]\nx = { a = 1, }\n",          // a trailing comma in an inline table
        "[t]\nx = { a = [\n1] }\n",       // a line break in an inline table
        "[t]\ni = 1234567890123456789\n", // an integer that may not fit
        "[t]\na = 1\na = 2\n",            // a key twice
        "[t]\n[t]\n",                     // a table twice
        "[t]\nk = 1 2\n",                 // two values
        "[t]\rk = 1\n",                   // a lone carriage return
        "[t]\ns = \"\"\"a\"\"\"\"\"\"\n", // six quotes
    ] {
        assert!(Tree::parse_plain(text).is_none(), "{text:?}");
        agree(text, text);
    }
}

#[test]
fn constructs_the_scanner_takes() {
    for text in [
        "#:schema x\n[timeline]\nid = 'lit' # note\n\ns = \"\\u00e9\\n\\\"q\\\"\\U0001F600\\b\\f\\r\\t\\\\\"\n",
        "[[event]]\nid = \"a\"\n[[deadline]]\nid = \"b\"\n[[event]]\nid = \"c\"\n",
        "[t]\nn = \"\"\"\nmulti \\\n   line\\t\"\"\"\"\"\nm = '''raw\\n''''\ne = \"\"\n",
        "[t]\nd = 2020-01-13\nt = 2020-01-13T10:00:00-07:00\nz = 2020-01-13T10:00:00.25Z\nl = 2020-01-13T10:00:00\n",
        "[t]\ni = 0\nj = -17\nb = true\nc = false\n",
        "[t]\na = [[1, 2], [\"x\"], []]\nt = { a = { b = [1] }, c = [] }\n",
        "[t]\r\na = [\r\n  1, # comment\r\n  2,\r\n]\r\nb = 1\r\n\t[u] # c\n",
        "[t]\nx={a=1,b='2'}\n",
    ] {
        assert!(Tree::parse_plain(text).is_some(), "{text:?} is taken");
        agree(text, text);
    }
}
