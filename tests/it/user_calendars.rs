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

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A user calendar that `extends` another user calendar was reported unknown when its file came
/// first in name order.
#[test]
fn a_user_calendar_can_extend_another_user_calendar() {
    let dir = folder(&[
        (
            "a-court.toml",
            "[calendar]\nid = \"my-court\"\ntitle = \"mine\"\nextends = \"my-base\"\n\n\
             [[closure]]\ndate = 2021-03-16\nname = \"Power cut\"\nkind = \"inaccessible\"\nsource = \"order 2\"\n",
        ),
        (
            "b-base.toml",
            "[calendar]\nid = \"my-base\"\ntitle = \"base\"\nextends = \"d-colo-snow\"\n",
        ),
        (
            "c-snow.toml",
            "[calendar]\nid = \"d-colo-snow\"\ntitle = \"snow\"\nextends = \"d-colo\"\n\n\
             [[closure]]\ndate = 2021-03-15\nname = \"Snow\"\nkind = \"inaccessible\"\nsource = \"order 1\"\n",
        ),
    ]);
    let cals = Calendars::with_dir(dir.path()).unwrap();
    let mine = cals.get("my-court").unwrap();
    assert_eq!(mine.zone(), Some(chrono_tz::America::Denver));
    assert_eq!(mine.method(), "frcp-6");
    // 7 days after Mon 2021-03-08: Mon 15 (snow), Tue 16 (power cut): Wed 2021-03-17.
    assert_eq!(
        due(&cals, "my-court", "2021-03-08", "7 days"),
        "2021-03-17".parse().unwrap()
    );
}

#[test]
fn calendars_that_extend_each_other_in_a_cycle_are_refused() {
    let dir = folder(&[
        (
            "a.toml",
            "[calendar]\nid = \"a\"\ntitle = \"a\"\nextends = \"b\"\n",
        ),
        (
            "b.toml",
            "[calendar]\nid = \"b\"\ntitle = \"b\"\n\n[[include]]\ncalendar = \"a\"\nsource = \"x\"\n",
        ),
    ]);
    let err = Calendars::with_dir(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("in a cycle: `a` → `b` → `a`"),
        "{err}"
    );
    let dir = folder(&[(
        "self.toml",
        "[calendar]\nid = \"me\"\ntitle = \"me\"\nextends = \"me\"\n",
    )]);
    let err = Calendars::with_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("`me` → `me`"), "{err}");
}

#[test]
fn two_user_calendars_with_one_id_are_refused() {
    let dir = folder(&[
        ("a.toml", "[calendar]\nid = \"x\"\ntitle = \"one\"\n"),
        ("b.toml", "[calendar]\nid = \"x\"\ntitle = \"two\"\n"),
    ]);
    let err = Calendars::with_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("already defined in"), "{err}");
}

/// Closures dated outside 1971-2200 were accepted silently, and never counted.
#[test]
fn a_closure_outside_the_range_is_refused_with_its_line() {
    for date in ["1970-12-31", "2201-01-01", "1066-10-14"] {
        let dir = folder(&[(
            "old.toml",
            &format!(
                "[calendar]\nid = \"old\"\ntitle = \"old\"\n\n[[closure]]\ndate = {date}\nname = \"Flood\"\nkind = \"legal-holiday\"\nsource = \"x\"\n"
            ),
        )]);
        let err = Calendars::with_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("old.toml"), "{err}");
        assert!(err.contains("line 6, column 8"), "{err}");
        assert!(
            err.contains(&format!(
                "closure `Flood` on {date} is outside the supported range 1971-01-01 to 2200-12-31"
            )),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_counting_method_is_named() {
    let dir = folder(&[(
        "m.toml",
        "[calendar]\nid = \"m\"\ntitle = \"m\"\nmethod = \"crcp6\"\n",
    )]);
    let err = Calendars::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("did you mean `crcp-6`"), "{err}");
}
