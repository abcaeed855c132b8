//! The counting method in force on the trigger day counts the period: FRCP 6 in its versions
//! (short periods before 2009, the days added after electronic service from 2001 to 2016, how
//! those days joined the count before 2005), C.R.C.P. 6 before and after the 2012 "Rule of
//! Seven", C.R.S. 2-4-108 for Colorado statutes; and every explanation cites the jurisdiction's
//! own rules. Every expected date below was worked by hand from the rule's text.

use chrono::NaiveDate;
use docket::calendar::Calendars;
use docket::rules::{ComputeError, Context, Methods, Period, Step, explain};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn due(calendar: &str, from: &str, period: &str) -> NaiveDate {
    let ctx = Context::new(Calendars::builtin().get(calendar).unwrap());
    let p: Period = period.parse().unwrap();
    p.due(&from.parse().unwrap(), &ctx).unwrap().date
}

fn due_by(method: &str, calendar: &str, from: &str, period: &str) -> NaiveDate {
    let mut ctx = Context::new(Calendars::builtin().get(calendar).unwrap());
    ctx.method = Some(Methods::builtin().get(method).unwrap());
    let p: Period = period.parse().unwrap();
    p.due(&from.parse().unwrap(), &ctx).unwrap().date
}

fn explained(calendar: &str, from: &str, period: &str) -> (Vec<Step>, String) {
    let ctx = Context::new(Calendars::builtin().get(calendar).unwrap());
    let p: Period = period.parse().unwrap();
    let (_, steps) = p.explain(&from.parse().unwrap(), &ctx).unwrap();
    let text = explain::render(&steps);
    (steps, text)
}

/// A 10-day period counted in 2008 skipped the weekends inside it (FRCP 6(a), 1985-2009:
/// "less than 11 days"); from 2009-12-01 every day counts.
#[test]
fn a_ten_day_period_in_2008_and_in_2010() {
    // Mon 2008-03-03: Tue 4 .. Fri 7 are days 1-4, Mon 10 .. Fri 14 days 5-9, Mon 17 day 10.
    assert_eq!(due("us-federal", "2008-03-03", "10 days"), d("2008-03-17"));
    // Mon 2010-03-01 + 10 = Thu 2010-03-11.
    assert_eq!(due("us-federal", "2010-03-01", "10 days"), d("2010-03-11"));
    // The last day of the old rule and the first of the new.
    assert_eq!(due("us-federal", "2009-11-30", "10 days"), d("2009-12-14"));
    assert_eq!(due("us-federal", "2009-12-01", "10 days"), d("2009-12-11"));
    let (_, text) = explained("us-federal", "2008-03-03", "10 days");
    assert!(text.contains("shorter than 11 days"), "{text}");
    assert!(
        text.contains("`frcp-6` version 2007-12-01, draft"),
        "{text}"
    );
}

/// Before 1985-08-01 the short periods were those of less than 7 days.
#[test]
fn short_periods_were_under_7_days_before_1985() {
    // Fri 1980-03-07: 6 court days is Mon 1980-03-17; 7 days is not short: Fri 1980-03-14.
    assert_eq!(due("us-federal", "1980-03-07", "6 days"), d("1980-03-17"));
    assert_eq!(due("us-federal", "1980-03-07", "7 days"), d("1980-03-14"));
    // Fri 1990-03-09: 7 days is short then: Mon 12 .. Fri 16, Mon 19, Tue 20 = 7 court days.
    assert_eq!(due("us-federal", "1990-03-09", "7 days"), d("1990-03-20"));
}

/// `+ electronic` adds what the method in force says: 3 days from 2001-12-01 to 2016-11-30,
/// none before or since. `+ mail` adds 3 days throughout.
#[test]
fn electronic_service_before_and_after_2016_12_01() {
    // Mon 2016-11-14 + 14 = Mon 11-28, + 3 = Thu 2016-12-01.
    assert_eq!(
        due("us-federal", "2016-11-14", "14 days + electronic"),
        d("2016-12-01")
    );
    // Thu 2016-12-01 + 14 = Thu 12-15; electronic service adds nothing.
    assert_eq!(
        due("us-federal", "2016-12-01", "14 days + electronic"),
        d("2016-12-15")
    );
    // Mail: + 3 = Sun 12-18, runs to Mon 2016-12-19.
    assert_eq!(
        due("us-federal", "2016-12-01", "14 days + mail"),
        d("2016-12-19")
    );
    assert_eq!(
        due("us-federal", "2016-12-01", "14 days + clerk"),
        d("2016-12-19")
    );
    assert_eq!(
        due("us-federal", "2016-12-01", "14 days + consent"),
        d("2016-12-19")
    );
    // Before 2001-12-01 electronic service did not exist in Rule 5(b), nor did 6(e) reach it:
    // 10 court days from Fri 1999-03-05 is Fri 1999-03-19.
    assert_eq!(
        due("us-federal", "1999-03-05", "10 days + electronic"),
        d("1999-03-19")
    );
    let (steps, text) = explained("us-federal", "2020-01-13", "14 days + electronic");
    assert!(
        steps
            .iter()
            .any(|s| matches!(s, Step::Service { days: 0, .. })),
        "{steps:?}"
    );
    assert!(
        text.contains("Service was made electronically (FRCP 5(b)(2)(E)): FRCP 6(d) adds no days."),
        "{text}"
    );
}

/// Before the 2005 amendment, FRCP 6(e) added its 3 days "to the prescribed period": a 7-day
/// period served by mail was a 10-day period, still short; a 10-day one became 13 days and
/// counted every day. (Draft: courts divided until 2005.)
#[test]
fn before_2005_the_three_days_lengthened_the_period() {
    // Fri 2003-03-07: 10 court days = Fri 2003-03-21.
    assert_eq!(
        due("us-federal", "2003-03-07", "7 days + mail"),
        d("2003-03-21")
    );
    // 13 calendar days = Thu 2003-03-20.
    assert_eq!(
        due("us-federal", "2003-03-07", "10 days + mail"),
        d("2003-03-20")
    );
    let (_, text) = explained("us-federal", "2003-03-07", "10 days + mail");
    assert!(
        text.contains("13 days after (10 days after + 3 days for service)"),
        "{text}"
    );
    assert!(
        text.contains("added to the period before it is counted"),
        "{text}"
    );
    assert!(text.contains("courts divided"), "{text}");
}

/// C.R.C.P. 6 before 2012 skipped weekends and holidays inside periods of less than eleven days,
/// except those stated in calendar days, and added 3 days after service by mail; Rule Change
/// 2011(18) (effective 2012-01-01) made every day count and removed the mail days.
#[test]
fn colorado_before_and_after_the_rule_of_seven() {
    // Mon 2011-03-07: Tue 8 .. Fri 11 (4), Mon 14 .. Fri 18 (9), Mon 21 (10).
    assert_eq!(due("co-courts", "2011-03-07", "10 days"), d("2011-03-21"));
    assert_eq!(
        due("co-courts", "2011-03-07", "10 calendar days"),
        d("2011-03-17")
    );
    // Mon 2012-03-05 + 10 = Thu 2012-03-15.
    assert_eq!(due("co-courts", "2012-03-05", "10 days"), d("2012-03-15"));
    // 21 days from Mon 2011-03-07 = Mon 03-28, + 3 = Thu 2011-03-31.
    assert_eq!(
        due("co-courts", "2011-03-07", "21 days + mail"),
        d("2011-03-31")
    );
    // Since 2012 service by mail adds nothing: Mon 2013-03-04 + 21 = Mon 2013-03-25.
    assert_eq!(
        due("co-courts", "2013-03-04", "21 days + mail"),
        d("2013-03-25")
    );
    // The `colorado` calendar counts under C.R.C.P. 6 too.
    assert_eq!(due("colorado", "2011-03-07", "10 days"), d("2011-03-21"));
}

/// Periods set by a Colorado statute: C.R.S. 2-4-108 from 2012-07-01, but only where "both the
/// time computation start date and deadline date" are after June 30, 2012 (C.R.C.P. 6 comment
/// [2]); before, C.R.C.P. 6(a)'s short-period rule reached statutes too.
#[test]
fn colorado_statutes_need_both_dates_after_june_30_2012() {
    // Tue 2012-07-03, 5 days before = Thu 06-28, before July 1: the old rule counts it, 5 court
    // days back: Mon 07-02, Fri 06-29, Thu 28, Wed 27, Tue 2012-06-26.
    assert_eq!(
        due_by("crs-2-4-108", "co-courts", "2012-07-03", "5 days before"),
        d("2012-06-26")
    );
    // Tue 2012-07-10, 5 days before = Thu 2012-07-05: both dates after June 30.
    assert_eq!(
        due_by("crs-2-4-108", "co-courts", "2012-07-10", "5 days before"),
        d("2012-07-05")
    );
    // Months: C.R.S. 2-4-108(3).
    assert_eq!(
        due_by("crs-2-4-108", "co-courts", "2023-01-31", "1 month"),
        d("2023-02-28")
    );
    let mut ctx = Context::new(Calendars::builtin().get("co-courts").unwrap());
    ctx.method = Some(Methods::builtin().get("crs-2-4-108").unwrap());
    let p: Period = "1 month".parse().unwrap();
    let (_, steps) = p.explain(&"2023-01-31".parse().unwrap(), &ctx).unwrap();
    let text = explain::render(&steps);
    assert!(text.contains("(C.R.S. 2-4-108(3))"), "{text}");
    assert!(!text.contains("1-1-106(3)"), "{text}");
}

/// A deadline on `co-courts` or `colorado` is explained under C.R.C.P. 6 and Colorado's
/// statutes, never FRCP 6; a federal one under FRCP 6.
#[test]
fn citations_follow_the_jurisdiction() {
    for (calendar, from, period) in [
        ("co-courts", "2025-10-14", "8 days before"),
        ("co-courts", "2025-09-29", "7 days"),
        ("co-courts", "2020-01-31", "1 month"),
        ("co-courts", "2025-03-14", "21 days + electronic"),
        ("colorado", "2025-06-02", "14 days"),
        ("co-courts", "2011-03-07", "10 days"),
    ] {
        let (steps, text) = explained(calendar, from, period);
        assert!(
            !text.contains("FRCP"),
            "{calendar} {from} {period}:\n{text}"
        );
        assert!(
            text.contains("C.R.C.P. 6"),
            "{calendar} {from} {period}:\n{text}"
        );
        assert!(
            steps
                .iter()
                .any(|s| matches!(s, Step::Version { method, .. } if method == "crcp-6")),
            "{steps:?}"
        );
    }
    let (_, text) = explained("d-colo", "2025-09-29", "7 days");
    assert!(text.contains("FRCP 6(a)(1)"), "{text}");
    assert!(!text.contains("C.R.C.P. 6"), "{text}");
}

/// Before 2009 "legal holiday" took in the state's holidays for every period: in D. Colo. a
/// Colorado holiday moved a backward deadline too. Thu 1976-11-11 was Colorado's Veterans Day
/// (the federal one fell on 1976-10-25).
#[test]
fn before_2009_state_holidays_counted_both_ways() {
    // Sun 1976-11-21, 10 days before = Thu 1976-11-11 (10 is not under 7: every day counts).
    assert_eq!(
        due("d-colo", "1976-11-21", "10 days before"),
        d("1976-11-10")
    );
    assert_eq!(
        due("us-federal", "1976-11-21", "10 days before"),
        d("1976-11-11")
    );
    let mut ctx = Context::new(Calendars::builtin().get("d-colo").unwrap());
    ctx.version_on = Some(d("2009-12-01"));
    let p: Period = "10 days before".parse().unwrap();
    assert_eq!(
        p.due_from(d("1976-11-21"), &ctx).unwrap().date,
        d("1976-11-11")
    );
}

/// No rule or decision adds FRCP 6(d)'s days to a period stated in hours: refused, saying so;
/// an add-on that adds nothing (electronic service since 2016) is allowed.
#[test]
fn hours_with_service_days_are_refused() {
    let ctx = Context::new(Calendars::builtin().get("d-colo").unwrap());
    let at = "2020-01-10T09:00".parse().unwrap();
    let p: Period = "72 hours + mail".parse().unwrap();
    let err = p.due(&at, &ctx).unwrap_err();
    assert!(
        matches!(err, ComputeError::HoursService { days: 3, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("no rule or decision"), "{err}");
    let p: Period = "72 hours + electronic".parse().unwrap();
    assert!(p.due(&at, &ctx).is_ok());
    let p: Period = "72 hours + electronic".parse().unwrap();
    let err = p
        .due(&"2012-01-10T09:00".parse().unwrap(), &ctx)
        .unwrap_err();
    assert!(matches!(err, ComputeError::HoursService { .. }), "{err}");
}

/// Colorado's rules have no rule for periods in hours: refused, naming the method.
#[test]
fn hours_under_a_method_without_an_hours_rule_are_refused() {
    let ctx = Context::new(Calendars::builtin().get("co-courts").unwrap());
    let p: Period = "72 hours".parse().unwrap();
    let err = p
        .due(&"2020-01-10T09:00".parse().unwrap(), &ctx)
        .unwrap_err();
    assert!(matches!(err, ComputeError::HoursNoRule { .. }), "{err}");
    assert!(err.to_string().contains("C.R.C.P. 6"), "{err}");
}
