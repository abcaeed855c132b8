//! The binary, end to end: snapshot cases in `tests/cmd/` (trycmd; refresh with
//! `TRYCMD=overwrite cargo test --test cli`), and the oracle tables through the command line.

use std::process::Command;

use serde_json::Value;

fn docket(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .env_remove("DOCKET_CALENDARS")
        .output()
        .expect("docket runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn snapshots() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.md");
}

#[test]
fn worked_deadlines_through_the_binary() {
    let cases = [
        ("us-federal", "2020-01-13", "14 days", "2020-01-27"),
        ("us-federal", "2020-01-13", "14 court days", "2020-02-03"),
        ("us-federal", "2020-01-13", "3 days", "2020-01-16"),
        ("us-federal", "2020-01-13", "14 days + mail", "2020-01-30"),
        ("us-federal", "2020-06-12", "21 days", "2020-07-06"),
        ("us-federal", "2020-07-13", "10 days before", "2020-07-02"),
        ("us-federal", "2024-12-26", "14 days", "2025-01-10"),
        ("d-colo", "2025-09-29", "7 days", "2025-10-07"),
        ("us-federal", "2025-09-29", "7 days", "2025-10-06"),
        ("d-colo", "2025-10-14", "8 days before", "2025-10-06"),
        ("co-courts", "2025-10-14", "8 days before", "2025-10-03"),
    ];
    for (cal, from, period, want) in cases {
        let (code, json) = docket(&[
            "compute",
            "--from",
            from,
            "--period",
            period,
            "--calendar",
            cal,
            "--format",
            "json",
        ]);
        assert_eq!(code, 0);
        assert_eq!(json["due"], want, "{period} from {from} in {cal}");
        assert!(json["steps"].as_array().is_some_and(|s| !s.is_empty()));
    }
}

#[test]
fn due_at_follows_the_calendar_zone() {
    let (_, json) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "14 days",
        "--format",
        "json",
    ]);
    assert_eq!(json["due_at"], Value::Null, "us-federal has no zone");
    let (_, json) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "14 days",
        "--calendar",
        "d-colo",
        "--format",
        "json",
    ]);
    assert_eq!(json["due_at"], "2020-01-27T23:59:59-07:00");
    let (_, json) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "14 days",
        "--tz",
        "America/New_York",
        "--format",
        "json",
    ]);
    assert_eq!(json["due_at"], "2020-01-27T23:59:59-05:00");
}

#[test]
fn holiday_tables_through_the_binary() {
    let (code, json) = docket(&["holidays", "--year", "2021", "--format", "json"]);
    assert_eq!(code, 0);
    let list = json.as_array().unwrap();
    let new_year = list
        .iter()
        .find(|h| h["date"] == "2021-12-31")
        .expect("listed under 2021");
    assert_eq!(new_year["name"], "New Year's Day");
    assert_eq!(new_year["statutory"], "2022-01-01");

    let (_, json) = docket(&[
        "holidays",
        "--year",
        "2020",
        "--format",
        "json",
        "--calendar",
        "colorado",
    ]);
    let dates: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2020-01-01",
            "2020-01-20",
            "2020-02-17",
            "2020-05-25",
            "2020-07-04",
            "2020-09-07",
            "2020-10-05",
            "2020-11-11",
            "2020-11-26",
            "2020-12-25"
        ]
    );

    let (_, json) = docket(&[
        "holidays",
        "--year",
        "2025",
        "--format",
        "json",
        "--calendar",
        "d-colo",
    ]);
    let cabrini = json
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["date"] == "2025-10-06")
        .unwrap();
    assert_eq!(cabrini["applies"], "forward");
}

#[test]
fn bad_input_exits_2_without_panicking() {
    for args in [
        &["compute", "--from", "2020-01-13", "--period", "14 dayz"][..],
        &["compute", "--from", "2020-02-30", "--period", "14 days"],
        &["compute", "--from", "2020-01-13", "--period", "-5 days"],
        &[
            "compute",
            "--from",
            "2020-01-13",
            "--period",
            "14 days",
            "--calendar",
            "nowhere",
        ],
        &["compute", "--from", "2200-12-01", "--period", "1 month"],
        &[
            "compute",
            "--from",
            "2020-01-13",
            "--period",
            "4294967295 days",
        ],
        &["compute", "--from", "1960-01-13", "--period", "1 day"],
        &["compute", "--from", "2020-01-13", "--period", "72 hours"],
        &["holidays", "--year", "1900"],
        &["compute", "--from", "2020-01-13"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.trim().is_empty(), "{args:?} says nothing");
    }
}
