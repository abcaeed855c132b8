//! The fast TOML builder against the `toml` crate's full parser: on every file the fast one
//! accepts, both must give the same tree, spans included; on every file the full parser rejects,
//! the fast one must step aside.

use std::path::{Path, PathBuf};

use docket::timeline::tree::Tree;
use proptest::prelude::*;

/// Checks one text; returns whether the fast builder took it.
fn agree(text: &str, what: &str) -> bool {
    let full = Tree::parse_full(text);
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
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if agree(&text, &path.display().to_string()) {
            fast += 1;
        }
    }
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
        if let Some(fast) = Tree::parse_fast(&text) {
            prop_assert_eq!(Ok(fast), full);
        }
    }
}
