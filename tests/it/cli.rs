//! The binary, end to end: snapshot cases in `tests/cmd/` (trycmd; refresh with
//! `DOCKET_BLESS=1 cargo test --test it cli::`), and the oracle tables through the command line.

use std::process::Command;

use serde_json::Value;

use crate::support;

fn docket(args: &[&str]) -> (i32, Value) {
    let out = support::docket().args(args).output().expect("docket runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn snapshots() {
    // trycmd runs the binary with this process's environment and takes its mode from `TRYCMD`
    // alone; setting variables here would race the other tests' threads. So when a `DOCKET_*`
    // variable is set (`DOCKET_BLESS` among them), this test runs again in a child without
    // them, with `TRYCMD=overwrite` when blessing.
    let ambient: Vec<_> = std::env::vars_os()
        .map(|(key, _)| key)
        .filter(|key| key.to_string_lossy().starts_with("DOCKET_"))
        .collect();
    if !ambient.is_empty() {
        let mut child = Command::new(std::env::current_exe().unwrap());
        child.args(["cli::snapshots", "--exact"]);
        for key in &ambient {
            child.env_remove(key);
        }
        if support::bless() {
            child.env("TRYCMD", "overwrite");
        }
        let status = child.status().unwrap();
        assert!(status.success(), "the snapshot cases failed (see above)");
        return;
    }
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.md");
}

#[test]
fn worked_deadlines_through_the_binary() {
    for &(cal, from, period, want) in crate::oracle::WORKED_DEADLINES {
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
    assert_eq!(json["version"], 1);
    let list = json["days"].as_array().unwrap();
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
    let dates: Vec<&str> = json["days"]
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
    let cabrini = json["days"]
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
        let out = support::docket().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.trim().is_empty(), "{args:?} says nothing");
    }
}

fn upcoming_ids(args: &[&str], now: Option<&str>) -> Vec<(String, i64)> {
    let mut cmd = support::docket();
    cmd.args(args);
    if let Some(now) = now {
        cmd.env("DOCKET_NOW", now);
    }
    let out = cmd.output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["days_left"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_denver_subpoena_windows_on_the_day_after_issue() {
    let out = support::docket()
        .args([
            "upcoming",
            "timelines",
            "--as-of",
            "2020-01-14",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let due: Vec<(&str, &str)> = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        due,
        [
            ("subpoena-4-response", "2020-01-16"),
            ("subpoena-1-response", "2020-01-27"),
            ("subpoena-2-response", "2020-01-27"),
            ("subpoena-3-response", "2020-01-27"),
        ]
    );
    let out = support::docket()
        .args([
            "explain",
            "subpoena-1-response",
            "timelines",
            "--as-of",
            "2020-01-14",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Monday, January 13, 2020"), "{text}");
    assert!(
        text.contains("set by the ICE administrative subpoena"),
        "{text}"
    );
    assert!(text.contains("applied as the default"), "{text}");
}

/// At 00:30 in New York on the due day it is still the day before in Denver: a Denver deadline
/// is due tomorrow there, not today, and never overdue.
#[test]
fn days_left_are_counted_in_the_courts_zone() {
    let args = [
        "upcoming",
        "timelines/denver-ice-subpoenas.toml",
        "--format",
        "json",
        "--within",
        "30",
    ];
    // 2020-01-16T00:30 in New York is 2020-01-15T22:30 in Denver.
    let got = upcoming_ids(&args, Some("2020-01-16T00:30:00-05:00"));
    assert_eq!(got[0], ("subpoena-4-response".to_string(), 1));
    // Just past midnight in Denver on the 17th the 3-day window has closed; the history then
    // records it missed, so it is no longer listed as open.
    let got = upcoming_ids(&args, Some("2020-01-17T00:01:00-07:00"));
    assert!(
        got.iter().all(|(id, _)| id != "subpoena-4-response"),
        "{got:?}"
    );
    // Late on the due day in Denver (already the next day in UTC) it is due today.
    let got = upcoming_ids(&args, Some("2020-01-17T06:30:00Z"));
    assert_eq!(got[0], ("subpoena-4-response".to_string(), 0));
}

#[test]
fn the_bundled_timelines_are_in_the_canonical_layout() {
    let out = support::docket()
        .args(["fmt", "--check", "timelines"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The exit codes table of README.md, one representative command per code.
#[test]
fn every_exit_code_is_used_as_documented() {
    let code = |args: &[&str]| support::docket().args(args).output().unwrap().status.code();
    assert_eq!(code(&["check", "timelines"]), Some(0));
    assert_eq!(code(&["check", "tests/invalid/cycle.toml"]), Some(1));
    assert_eq!(
        code(&[
            "upcoming",
            "timelines",
            "--as-of",
            "2026-11-28",
            "--fail-within",
            "3"
        ]),
        Some(1)
    );
    assert_eq!(code(&["fmt", "--check", "tests/edit/fmt/in"]), Some(1));
    assert_eq!(
        code(&["compute", "--from", "2020-01-13", "--period", "14 dayz"]),
        Some(2)
    );
    assert_eq!(code(&["no-such-command"]), Some(2));
    let tmp = support::temp_dir();
    let missing = tmp.path().join("no-such-folder/out.ics");
    assert_eq!(
        code(&[
            "export",
            "timelines",
            "--format",
            "ics",
            "-o",
            missing.to_str().unwrap()
        ]),
        Some(3)
    );
    let readme = std::fs::read_to_string("README.md").unwrap();
    for c in 0..=3 {
        assert!(
            readme.contains(&format!("| {c} |")),
            "README's exit-code table lacks {c}"
        );
    }
}
