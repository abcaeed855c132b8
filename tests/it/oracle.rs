//! The worked deadlines and holiday tables of `computing-time.md` (the rules' own examples and
//! the federal and Colorado holiday lists), and the worked examples of the FRCP 6 Committee
//! Notes (2005 and 2009), through the library.

use chrono::NaiveDate;
use docket::calendar::{Calendars, ClosureKind, Counting};
use docket::rules::{ComputeError, Context, Period, Trigger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn due(calendar: &str, from: &str, period: &str) -> NaiveDate {
    let cal = Calendars::builtin().get(calendar).unwrap();
    let p: Period = period.parse().unwrap();
    let t: Trigger = from.parse().unwrap();
    p.due(&t, &Context::new(cal)).unwrap().date
}

/// Worked deadlines: calendar, trigger day, period, due date. The binary is held to the same
/// table (`cli::worked_deadlines_through_the_binary`).
pub(crate) const WORKED_DEADLINES: &[(&str, &str, &str, &str)] = &[
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

#[test]
fn worked_deadlines() {
    for &(cal, from, period, want) in WORKED_DEADLINES {
        assert_eq!(
            due(cal, from, period),
            d(want),
            "{period} from {from} in {cal}"
        );
    }
}

/// Under the version of FRCP 6 in force on `on` (the 2009 Committee Note illustrates the 2009
/// rule with dates of 2007 and 2008, when the rule before it was in force).
fn due_under(
    calendars: &Calendars,
    calendar: &str,
    on: &str,
    from: &str,
    period: &str,
) -> NaiveDate {
    let mut ctx = Context::new(calendars.get(calendar).unwrap());
    ctx.version_on = Some(d(on));
    let p: Period = period.parse().unwrap();
    p.due(&from.parse().unwrap(), &ctx).unwrap().date
}

/// Committee Notes on Rules—2009 Amendment, subdivision (a)(5): "If, for example, a filing is
/// due within 30 days after an event, and the thirtieth day falls on Saturday, September 1, 2007,
/// then the filing is due on Tuesday, September 4, 2007 (Monday, September 3, is Labor Day). But
/// if a filing is due 21 days before an event, and the twenty-first day falls on Saturday,
/// September 1, then the filing is due on Friday, August 31."
#[test]
fn committee_note_2009_forward_and_backward_examples() {
    let cals = Calendars::builtin();
    let on = "2009-12-01";
    assert_eq!(
        due_under(cals, "us-federal", on, "2007-08-02", "30 days"),
        d("2007-09-04")
    );
    assert_eq!(
        due_under(cals, "us-federal", on, "2007-09-22", "21 days before"),
        d("2007-08-31")
    );
    // 30 and 21 days are no short periods: the rule in force in 2007 gives the same days.
    assert_eq!(due("us-federal", "2007-08-02", "30 days"), d("2007-09-04"));
    assert_eq!(
        due("us-federal", "2007-09-22", "21 days before"),
        d("2007-08-31")
    );
}

/// Committee Notes on Rules—2009 Amendment, subdivision (a)(6): "Take, for example, Monday,
/// April 21, 2008 (Patriot's Day, a legal holiday in the relevant state). If a filing is due 14
/// days after an event, and the fourteenth day is April 21, then the filing is due on Tuesday,
/// April 22 ... But if a filing is due 14 days before an event, and the fourteenth day is April 21,
/// the filing is due on Monday, April 21". Before 2009 the state's holidays counted both ways.
#[test]
fn committee_note_2009_state_holiday_example() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("ma.toml"),
        "[calendar]\nid = \"ma\"\ntitle = \"Patriot's Day 2008\"\n\n\
         [[closure]]\ndate = 2008-04-21\nname = \"Patriot's Day\"\nkind = \"legal-holiday\"\nsource = \"the example's state\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d-ma.toml"),
        "[calendar]\nid = \"d-ma\"\ntitle = \"a district court in that state\"\nextends = \"us-federal\"\n\n\
         [[include]]\ncalendar = \"ma\"\napplies = \"forward\"\nsource = \"FRCP 6(a)(6)(C)\"\n",
    )
    .unwrap();
    let cals = Calendars::with_dir(dir.path()).unwrap();
    let on = "2009-12-01";
    assert_eq!(
        due_under(&cals, "d-ma", on, "2008-04-07", "14 days"),
        d("2008-04-22")
    );
    assert_eq!(
        due_under(&cals, "d-ma", on, "2008-05-05", "14 days before"),
        d("2008-04-21")
    );
    // By the rule in force in 2008, the state's holiday counted for the backward period too.
    let p: Period = "14 days before".parse().unwrap();
    let ctx = Context::new(cals.get("d-ma").unwrap());
    assert_eq!(
        p.due_from(d("2008-05-05"), &ctx).unwrap().date,
        d("2008-04-18")
    );
}

/// Committee Notes on Rules—2009 Amendment, subdivision (a)(2): "a 72-hour period that commences
/// at 10:23 a.m. on Friday, November 2, 2007, will run until 9:23 a.m. on Monday, November 5; the
/// discrepancy in start and end times in this example results from the intervening shift from
/// daylight saving time to standard time." The rule in force in 2007 had no rule for hours.
#[test]
fn committee_note_2009_hours_example() {
    let cal = Calendars::builtin().get("us-federal").unwrap();
    let mut ctx = Context::new(cal);
    ctx.zone = Some(chrono_tz::America::New_York);
    let p: Period = "72 hours".parse().unwrap();
    let t: Trigger = "2007-11-02T10:23".parse().unwrap();
    assert!(matches!(
        p.due(&t, &ctx),
        Err(ComputeError::HoursNoRule { .. })
    ));
    ctx.version_on = Some(d("2009-12-01"));
    let due = p.due(&t, &ctx).unwrap();
    assert_eq!(due.at().unwrap().to_rfc3339(), "2007-11-05T09:23:00-05:00");
}

/// Committee Notes on Rules—2005 Amendment: "a paper that is served by mailing on a Friday. If
/// ten days are allowed to respond, intermediate Saturdays, Sundays, and legal holidays are
/// excluded ... the period expires on the Friday two weeks after the paper was mailed. The three
/// added Rule 6(e) days are Saturday, Sunday, and Monday, which is the third and final day to
/// act"; and "the thirtieth day of a thirty-day period is a Saturday ... If the following Monday
/// is a legal holiday, under Rule 6(a) the period expires on Tuesday. Three days are then
/// added—Wednesday, Thursday, and Friday as the third and final day to act."
#[test]
fn committee_note_2005_examples() {
    // Fri 2006-03-03, no holiday in March 2006.
    assert_eq!(
        due("us-federal", "2006-03-03", "10 days + mail"),
        d("2006-03-20")
    );
    // 30 days from Thu 2007-08-02 is Sat 2007-09-01; Mon 09-03 is Labor Day.
    assert_eq!(
        due("us-federal", "2007-08-02", "30 days + mail"),
        d("2007-09-07")
    );
}

fn holidays(calendar: &str, year: i32) -> Vec<NaiveDate> {
    let cal = Calendars::builtin().get(calendar).unwrap();
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    cal.days_off(from, to)
        .into_iter()
        .filter(|h| h.kind == ClosureKind::LegalHoliday && h.calendar == calendar)
        .filter(|h| !h.name.contains("executive order") && !h.name.contains("mourning"))
        .map(|h| h.date)
        .collect()
}

#[test]
fn federal_holidays_observed() {
    let want_2020 = [
        "2020-01-01",
        "2020-01-20",
        "2020-02-17",
        "2020-05-25",
        "2020-07-03",
        "2020-09-07",
        "2020-10-12",
        "2020-11-11",
        "2020-11-26",
        "2020-12-25",
    ];
    let want_2025 = [
        "2025-01-01",
        "2025-01-20",
        "2025-02-17",
        "2025-05-26",
        "2025-06-19",
        "2025-07-04",
        "2025-09-01",
        "2025-10-13",
        "2025-11-11",
        "2025-11-27",
        "2025-12-25",
    ];
    assert_eq!(holidays("us-federal", 2020), want_2020.map(d));
    assert_eq!(holidays("us-federal", 2025), want_2025.map(d));
}

#[test]
fn colorado_holidays() {
    let want_2020 = [
        "2020-01-01",
        "2020-01-20",
        "2020-02-17",
        "2020-05-25",
        "2020-07-04",
        "2020-09-07",
        "2020-10-05",
        "2020-11-11",
        "2020-11-26",
        "2020-12-25",
    ];
    let want_2025 = [
        "2025-01-01",
        "2025-01-20",
        "2025-02-17",
        "2025-05-26",
        "2025-06-19",
        "2025-07-04",
        "2025-09-01",
        "2025-10-06",
        "2025-11-11",
        "2025-11-27",
        "2025-12-25",
    ];
    assert_eq!(holidays("colorado", 2020), want_2020.map(d));
    assert_eq!(holidays("colorado", 2025), want_2025.map(d));
}

#[test]
fn new_years_day_2022_is_listed_under_2021() {
    assert!(holidays("us-federal", 2021).contains(&d("2021-12-31")));
    assert!(!holidays("us-federal", 2022).contains(&d("2022-01-01")));
    // Colorado has no Saturday-to-Friday rule.
    assert!(!holidays("colorado", 2021).contains(&d("2021-12-31")));
}

#[test]
fn d_colo_applies_colorado_days_forward_only() {
    let cal = Calendars::builtin().get("d-colo").unwrap();
    let cabrini = d("2025-10-06");
    assert!(!cal.is_open(cabrini, Counting::Forward).unwrap());
    assert!(cal.is_open(cabrini, Counting::Backward).unwrap());
    // State courts closed on the Friday before a Saturday Independence Day.
    let co = Calendars::builtin().get("co-courts").unwrap();
    assert!(!co.is_open(d("2020-07-03"), Counting::Forward).unwrap());
}

/// Hour periods are elapsed time on instants: across the spring-forward change 24 hours end at
/// 13:00 the next day, across the fall-back change at 11:00; a weekend end moves to the same local
/// time on the next court day (FRCP 6(a)(2)(C)).
#[test]
fn hour_periods_across_daylight_saving_changes() {
    let cal = Calendars::builtin().get("d-colo").unwrap();
    let at = |from: &str, period: &str| {
        let p: Period = period.parse().unwrap();
        let t: Trigger = from.parse().unwrap();
        p.due(&t, &Context::new(cal))
            .unwrap()
            .at()
            .unwrap()
            .to_rfc3339()
    };
    // Sat 12:00 MST + 24 h = Sun 13:00 MDT (a Sunday) -> Mon 13:00 MDT.
    assert_eq!(
        at("2020-03-07T12:00", "24 hours"),
        "2020-03-09T13:00:00-06:00"
    );
    // No change in between: Thu 12:00 MST + 24 h = Fri 12:00 MST.
    assert_eq!(
        at("2020-03-05T12:00", "24 hours"),
        "2020-03-06T12:00:00-07:00"
    );
    // Sat 12:00 MDT + 24 h = Sun 11:00 MST -> Mon 11:00 MST.
    assert_eq!(
        at("2020-10-31T12:00", "24 hours"),
        "2020-11-02T11:00:00-07:00"
    );
    // An instant given with its offset counts the same.
    assert_eq!(
        at("2020-03-07T19:00Z", "24 hours"),
        "2020-03-09T13:00:00-06:00"
    );
}
