//! Dates and their authorities: one test per defect found by the legal audit, named after it,
//! through the binary where users meet it.

use chrono::NaiveDate;
use docket::calendar::{Calendars, Counting};
use docket::rules::{ComputeError, Context, Period, Roll, Trigger};
use serde_json::Value;

use crate::support;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Runs `docket` with `args`: exit code, standard output, standard error.
fn docket(args: &[&str]) -> (i32, String, String) {
    let out = support::docket().args(args).output().expect("docket runs");
    (
        support::code(&out),
        support::stdout(&out),
        support::stderr(&out),
    )
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = docket(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// 24 hours from 02:30 MDT on Sat 2026-10-31 end at 01:30 MST (-07:00) on Sunday, in the hour
/// the clocks repeat; docket said -06:00, an hour early. Not rolled, the end is the trigger
/// instant plus the hours.
#[test]
fn an_hour_period_ending_in_the_repeated_hour_keeps_its_instant() {
    let v = json(&[
        "compute",
        "--from",
        "2026-10-31T02:30",
        "--period",
        "24 hours",
        "--calendar",
        "d-colo",
        "--roll",
        "none",
    ]);
    assert_eq!(v["due_at"], "2026-11-01T01:30:00-07:00");
    // 23 hours end in the first 01:30, still daylight time.
    let v = json(&[
        "compute",
        "--from",
        "2026-10-31T02:30",
        "--period",
        "23 hours",
        "--calendar",
        "d-colo",
        "--roll",
        "none",
    ]);
    assert_eq!(v["due_at"], "2026-11-01T01:30:00-06:00");
    // Rolled to Monday, the end is rebuilt from the local time on that day.
    let v = json(&[
        "compute",
        "--from",
        "2026-10-31T02:30",
        "--period",
        "24 hours",
        "--calendar",
        "d-colo",
    ]);
    assert_eq!(v["due_at"], "2026-11-02T01:30:00-07:00");
}

/// Cairo falls back at midnight at the end of the last Thursday of October: 23:00-24:00 on Thu
/// 2026-10-29 happens twice, on a weekday, so even the default roll keeps the day. 25 hours
/// from 23:30 EEST (+03:00) on Wednesday end at the second 23:30, in EET (+02:00).
#[test]
fn an_hour_period_ending_in_a_repeated_hour_on_a_weekday() {
    let cal = Calendars::builtin().get("us-federal").unwrap();
    let mut ctx = Context::new(cal);
    ctx.zone = Some(chrono_tz::Africa::Cairo);
    let t: Trigger = "2026-10-28T23:30".parse().unwrap();
    let at = |period: &str| {
        let p: Period = period.parse().unwrap();
        p.due(&t, &ctx).unwrap().at().unwrap().to_rfc3339()
    };
    assert_eq!(at("24 hours"), "2026-10-29T23:30:00+03:00");
    assert_eq!(at("25 hours"), "2026-10-29T23:30:00+02:00");
}

/// A day period refused a trigger before 1971 or after 2200; an hour period took it.
#[test]
fn an_hour_period_from_a_trigger_outside_the_range_is_refused() {
    let ctx = Context::new(Calendars::builtin().get("d-colo").unwrap());
    for (from, period) in [
        ("1960-01-01T09:00", "1 hour"),
        ("1970-12-31T09:00", "72 hours"),
        ("2201-01-01T09:00", "1 hour"),
        ("2200-12-31T12:00", "24 hours"),
    ] {
        let p: Period = period.parse().unwrap();
        let err = p.due(&from.parse().unwrap(), &ctx).unwrap_err();
        assert!(
            matches!(err, ComputeError::Calendar(_)),
            "{period} from {from}: {err}"
        );
        assert!(
            err.to_string().contains("outside the supported range"),
            "{err}"
        );
    }
    let (code, _, err) = docket(&[
        "compute",
        "--from",
        "1960-01-01T09:00",
        "--period",
        "1 hour",
        "--calendar",
        "d-colo",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("outside the supported range 1971-01-01 to 2200-12-31"),
        "{err}"
    );
}

/// The executive departments were closed on Thu 1972-12-28 (E.O. 11693, President Truman) and
/// Wed 1994-04-27 (59 FR 21915, President Nixon): legal holidays under FRCP 6(a)(6)(B), in both
/// directions, missing before.
#[test]
fn closures_before_2001_count() {
    let cal = Calendars::builtin().get("us-federal").unwrap();
    for day in ["1972-12-28", "1973-01-25", "1994-04-27", "1997-12-26"] {
        for counting in [Counting::Forward, Counting::Backward] {
            assert!(
                !cal.is_open(d(day), counting).unwrap(),
                "{day} {counting:?}"
            );
        }
    }
    let ctx = Context::new(cal);
    let due = |from: &str, period: &str| {
        let p: Period = period.parse().unwrap();
        p.due_from(d(from), &ctx).unwrap().date
    };
    // 14 days from Thu 1972-12-14 land on Thu 12-28: Fri 1972-12-29.
    assert_eq!(due("1972-12-14", "14 days"), d("1972-12-29"));
    // 14 days from Wed 1994-04-13 land on Wed 04-27: Thu 1994-04-28.
    assert_eq!(due("1994-04-13", "14 days"), d("1994-04-28"));
    let text = cal
        .days_off(d("1994-04-27"), d("1994-04-27"))
        .pop()
        .unwrap()
        .source;
    assert!(text.contains("59 FR 21915"), "{text}");
}

/// A doubtful day (a half-day closure, or a closure no source confirms) counts only for periods
/// counted backward, where counting it gives the earlier date; a forward period treats it as
/// open, which gives the earlier date there.
#[test]
fn doubtful_days_count_only_where_that_is_the_earlier_date() {
    let cal = Calendars::builtin().get("us-federal").unwrap();
    for day in [
        "1987-12-24",
        "1990-12-24",
        "1998-12-24",
        "2002-12-24",
        "2003-12-26",
        "2009-12-24",
        "2015-12-24",
    ] {
        assert!(cal.is_open(d(day), Counting::Forward).unwrap(), "{day}");
        assert!(!cal.is_open(d(day), Counting::Backward).unwrap(), "{day}");
    }
    let ctx = Context::new(cal);
    let due = |from: &str, period: &str| {
        let p: Period = period.parse().unwrap();
        p.due_from(d(from), &ctx).unwrap().date
    };
    // Thu 2009-12-24, the half-day closure: forward it stands, backward it moves to Wednesday.
    assert_eq!(due("2009-12-10", "14 days"), d("2009-12-24"));
    assert_eq!(due("2010-01-03", "10 days before"), d("2009-12-23"));
}

/// The citations the audit corrected.
#[test]
fn corrected_citations() {
    let cals = Calendars::builtin();
    let source = |cal: &str, day: &str| {
        cals.get(cal)
            .unwrap()
            .days_off(d(day), d(day))
            .into_iter()
            .map(|h| h.source)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(source("us-federal", "2007-12-24").contains("E.O. 13453"));
    assert!(source("us-federal", "2012-12-24").contains("E.O. 13633 of 2012-12-21, 77 FR 76339"));
    assert!(source("us-federal", "2020-12-24").contains("E.O. 13965"));
    assert!(source("colorado", "2025-06-19").contains("SB22-139, signed 2022-05-02"));
    // C.R.C.P. 6(a)(2)'s own list gained Juneteenth only later: before, the court-closed clause.
    assert!(source("co-courts", "2022-06-20").contains("when the court is closed"));
    assert!(source("co-courts", "2025-06-19").contains("Rule Change 2024(7)"));
    // Months in a Colorado statute: C.R.S. 2-4-108(3), not the Election Code's 1-1-106(3).
    let (code, out, err) = docket(&[
        "compute",
        "--from",
        "2023-01-31",
        "--period",
        "1 month",
        "--calendar",
        "co-courts",
        "--method",
        "crs-2-4-108",
        "--explain",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("C.R.S. 2-4-108(3)"), "{out}");
    assert!(!out.contains("1-1-106(3)"), "{out}");
}

/// `--tz UTC --paper` on `d-colo` ended the day at 17:00 UTC: the clerk's office closes at 17:00
/// in Denver, shown in the zone asked for.
#[test]
fn the_clerks_closing_time_stays_in_the_courts_zone() {
    let due_at = |from: &str, tz: &[&str]| {
        let mut args = vec![
            "compute",
            "--from",
            from,
            "--period",
            "7 days",
            "--calendar",
            "d-colo",
            "--paper",
        ];
        args.extend_from_slice(tz);
        json(&args)["due_at"].as_str().unwrap().to_string()
    };
    assert_eq!(due_at("2025-09-29", &[]), "2025-10-07T17:00:00-06:00");
    assert_eq!(
        due_at("2025-09-29", &["--tz", "UTC"]),
        "2025-10-07T23:00:00+00:00"
    );
    // In winter 17:00 MST is midnight UTC.
    assert_eq!(
        due_at("2025-01-06", &["--tz", "UTC"]),
        "2025-01-14T00:00:00+00:00"
    );
}

/// `co-courts` has no statewide closing time: `--paper` there silently meant midnight. Refused,
/// saying why.
#[test]
fn paper_filing_without_a_closing_time_is_refused() {
    let (code, out, err) = docket(&[
        "compute",
        "--from",
        "2025-09-29",
        "--period",
        "7 days",
        "--calendar",
        "co-courts",
        "--paper",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("gives no closing time for the clerk's office"),
        "{err}"
    );
    assert!(err.contains("First Judicial District"), "{err}");
    assert!(err.contains("--at"), "{err}");
    // With the district's own time it computes.
    let v = json(&[
        "compute",
        "--from",
        "2025-09-29",
        "--period",
        "7 days",
        "--calendar",
        "co-courts",
        "--at",
        "16:00",
    ]);
    assert_eq!(v["due_at"], "2025-10-07T16:00:00-06:00");
}

/// `N hours + mail` added 3 calendar days to an instant, on no authority. Refused.
#[test]
fn hours_plus_mail_is_refused() {
    let (code, _, err) = docket(&[
        "compute",
        "--from",
        "2020-01-10T09:00[America/Denver]",
        "--period",
        "72 hours + mail",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule or decision was found"), "{err}");
}

/// "did you mean `+ mail`?" for `21 days + e-mail` would add 3 days for a service that adds
/// none today. E-mail is electronic service: pointed to `+ electronic`, every add-on explained.
#[test]
fn e_mail_is_never_taken_for_mail() {
    let (code, _, err) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "21 days + e-mail",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `+ electronic`?"), "{err}");
    assert!(!err.contains("did you mean `+ mail`"), "{err}");
    assert!(!err.contains("did you mean `mail`"), "{err}");
    assert!(err.contains("no days since 2016-12-01"), "{err}");
    let (code, _, err) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "21 days + mial",
    ]);
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "{err}");
}

/// `12/1/2026` got only "not a date": a did-you-mean when it reads as a date in US order.
#[test]
fn a_us_date_gets_a_did_you_mean() {
    let (code, _, err) = docket(&["compute", "--from", "12/1/2026", "--period", "14 days"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `2026-12-01`"), "{err}");
    let (code, _, err) = docket(&["compute", "--from", "13/1/2026", "--period", "14 days"]);
    assert_eq!(code, 2);
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, _, err) = docket(&["holidays", "--from", "1/2/2026", "--to", "2026-12-31"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `2026-01-02`"), "{err}");
}

/// `compute --format json` says which method and version counted the period; `--method` picks
/// another, `ID@DATE` the version in force on that day.
#[test]
fn compute_reports_and_takes_the_method() {
    let v = json(&["compute", "--from", "2008-03-03", "--period", "10 days"]);
    assert_eq!(v["method"]["id"], "frcp-6");
    assert_eq!(v["method"]["version"], "2007-12-01");
    assert_eq!(v["method"]["until"], "2009-11-30");
    assert_eq!(v["method"]["status"], "draft");
    assert_eq!(v["due"], "2008-03-17");
    let v = json(&[
        "compute",
        "--from",
        "2008-03-03",
        "--period",
        "10 days",
        "--method",
        "frcp-6@2009-12-01",
    ]);
    assert_eq!(v["method"]["version"], "2009-12-01");
    assert_eq!(v["method"]["status"], "verified");
    assert_eq!(v["due"], "2008-03-13");
    let v = json(&[
        "compute",
        "--from",
        "2025-10-14",
        "--period",
        "8 days before",
        "--calendar",
        "co-courts",
    ]);
    assert_eq!(v["method"]["id"], "crcp-6");
    assert_eq!(v["due"], "2025-10-03");
    let (code, _, err) = docket(&[
        "compute",
        "--from",
        "2020-01-13",
        "--period",
        "14 days",
        "--method",
        "frcp6",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `frcp-6`"), "{err}");
}

/// The roll override still applies under every method.
#[test]
fn roll_none_under_an_old_method_keeps_the_counted_day() {
    let mut ctx = Context::new(Calendars::builtin().get("us-federal").unwrap());
    ctx.roll = Some(Roll::None);
    let p: Period = "30 days".parse().unwrap();
    // 30 days from Thu 2007-08-02 is Sat 2007-09-01.
    assert_eq!(
        p.due_from(d("2007-08-02"), &ctx).unwrap().date,
        d("2007-09-01")
    );
}
