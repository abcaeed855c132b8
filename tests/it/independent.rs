//! The federal calendar against an independent implementation: the Python `holidays` package
//! (0.109), whose U.S. holidays with observed days for 1990-2040 are checked in as a fixture
//! (`tests/data/gen_federal_holidays.py` makes it). Every difference must be explained by the
//! data: the only days docket has and the package lacks are the executive-order closures, each
//! with its authority; the package lists a holiday's own weekend date beside its observed day,
//! and weekends are never court days anyway.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use docket::calendar::Calendars;

fn weekday(d: &NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn federal_calendar_agrees_with_python_holidays_1990_2040() {
    let fixture = include_str!("../data/federal-holidays-1990-2040.csv");
    let theirs: BTreeSet<NaiveDate> = fixture
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .filter(weekday)
        .collect();
    let cal = Calendars::builtin().get("us-federal").unwrap();
    let days = cal.days_off(
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2040, 12, 31).unwrap(),
    );
    let ours: BTreeSet<NaiveDate> = days.iter().map(|d| d.date).filter(weekday).collect();

    let missing: Vec<_> = theirs.difference(&ours).collect();
    assert!(missing.is_empty(), "holidays docket lacks: {missing:?}");

    for extra in ours.difference(&theirs) {
        let entry = days.iter().find(|d| d.date == *extra).unwrap();
        assert!(
            entry.source.contains("FRCP 6(a)(6)(B)"),
            "{extra} ({}) is not in the independent list and is not an executive-order closure",
            entry.name
        );
    }
}
