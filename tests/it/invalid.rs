//! Every file (or folder) in `tests/invalid/` is checked by the binary, and its exit code and
//! diagnostics must match `<name>.expected` byte for byte. Refresh after a deliberate change with
//! `DOCKET_BLESS=1 cargo test --test it invalid::` and review the diff like code.

use std::path::Path;

use crate::support;

#[test]
fn invalid_timelines_give_their_expected_diagnostics() {
    let dir = Path::new("tests/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the fixtures are missing");
    let mut failures = Vec::new();
    for case in cases {
        let out = support::docket()
            .args(["check", "--color", "never"])
            .arg(&case)
            .output()
            .unwrap();
        let actual = format!(
            "exit: {}\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout)
        );
        if let Err(diff) = support::snapshot(&case.with_extension("expected"), actual.as_bytes()) {
            failures.push(diff);
        }
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
