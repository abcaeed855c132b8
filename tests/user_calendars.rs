//! Calendars of the user's own: found in a folder, named by their id, extending a built-in one,
//! with closures that are legal holidays or only days the clerk's office was inaccessible.

use std::path::Path;

use chrono::NaiveDate;
use docket::calendar::{CalendarError, Calendars};
use docket::rules::{Context, Period};

fn due(cals: &Calendars, cal: &str, from: &str, period: &str) -> NaiveDate {
    let p: Period = period.parse().unwrap();
    p.due(
        &from.parse().unwrap(),
        &Context::new(cals.get(cal).unwrap()),
    )
    .unwrap()
    .date
}

#[test]
fn an_inaccessible_day_moves_the_last_day_but_not_a_count() {
    let cals = Calendars::with_dir(Path::new("examples/calendars")).unwrap();
    let snow = cals.get("d-colo-snow").unwrap();
    assert_eq!(
        snow.zone(),
        Some(chrono_tz::America::Denver),
        "inherited from d-colo"
    );
    // 7 days after Mon 2021-03-08 lands on Mon 2021-03-15, the snow day: runs to Tuesday.
    assert_eq!(
        due(&cals, "d-colo-snow", "2021-03-08", "7 days"),
        "2021-03-16".parse().unwrap()
    );
    assert_eq!(
        due(&cals, "d-colo", "2021-03-08", "7 days"),
        "2021-03-15".parse().unwrap()
    );
    // 3 court days after Thu 2021-03-11: Fri 12, Mon 15 (counted: only inaccessible), Tue 16.
    assert_eq!(
        due(&cals, "d-colo-snow", "2021-03-11", "3 court days"),
        "2021-03-16".parse().unwrap()
    );
    // A count that ends on the snow day still moves off it.
    assert_eq!(
        due(&cals, "d-colo-snow", "2021-03-11", "2 court days"),
        "2021-03-16".parse().unwrap()
    );
}

#[test]
fn a_user_calendar_cannot_take_a_built_in_name() {
    let dir = std::env::temp_dir().join(format!("docket-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.toml"),
        "[calendar]\nid = \"d-colo\"\ntitle = \"mine\"\n",
    )
    .unwrap();
    let err = Calendars::with_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        matches!(err, CalendarError::Invalid { ref message, .. } if message.contains("already defined")),
        "{err}"
    );
}

#[test]
fn a_misspelt_base_calendar_is_named() {
    let dir = std::env::temp_dir().join(format!("docket-cal2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.toml"),
        "[calendar]\nid = \"mine\"\ntitle = \"mine\"\nextends = \"us-federl\"\n",
    )
    .unwrap();
    let err = Calendars::with_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        err.to_string().contains("did you mean `us-federal`"),
        "{err}"
    );
}
