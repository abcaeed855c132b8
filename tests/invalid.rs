//! Every file (or folder) in `tests/invalid/` is checked by the binary, and its exit code and
//! diagnostics must match `<name>.expected` byte for byte. Refresh after a deliberate change with
//! `DOCKET_BLESS=1 cargo test --test invalid` and review the diff like code.

use std::path::Path;
use std::process::Command;

#[test]
fn invalid_timelines_give_their_expected_diagnostics() {
    let dir = Path::new("tests/invalid");
    let bless = std::env::var_os("DOCKET_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the fixtures are missing");
    let mut failures = Vec::new();
    for case in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(["check", "--color", "never"])
            .arg(&case)
            .env_remove("DOCKET_DIR")
            .output()
            .unwrap();
        let actual = format!(
            "exit: {}\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout)
        );
        let expected_path = case.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                case.display()
            ));
        }
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
