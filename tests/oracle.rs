//! The worked deadlines and holiday tables of `computing-time.md` (the rules' own examples and
//! the federal and Colorado holiday lists), through the library.

use chrono::NaiveDate;
use docket::calendar::{Calendars, ClosureKind, Counting};
use docket::rules::{Context, Period, Trigger};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn due(calendar: &str, from: &str, period: &str) -> NaiveDate {
    let cal = Calendars::builtin().get(calendar).unwrap();
    let p: Period = period.parse().unwrap();
    let t: Trigger = from.parse().unwrap();
    p.due(&t, &Context::new(cal)).unwrap().date
}

#[test]
fn worked_deadlines() {
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
        assert_eq!(
            due(cal, from, period),
            d(want),
            "{period} from {from} in {cal}"
        );
    }
}

/// FRCP 6(a)(5) committee note: 10 days before an event that lands on Saturday, September 1,
/// is due Friday, August 31 (2007 is such a year).
#[test]
fn committee_note_backward_example() {
    assert_eq!(
        due("us-federal", "2007-09-11", "10 days before"),
        d("2007-08-31")
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
