//! When an event happened, to the precision the file gives: a day, a moment, a month or a year,
//! possibly approximate. A partial date is never shown or used as if it were exact.

use std::fmt;
use std::ops::Range;

use chrono::{Months, NaiveDate};
use chrono_tz::Tz;

use crate::rules::{ComputeError, Trigger};

/// An event's date at its precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// A civil day.
    Day(NaiveDate),
    /// A moment (a date-time, local to the timeline's zone, or with an offset or zone).
    Moment(Trigger),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

/// An event's date: its precision, whether it is approximate, and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When {
    /// The date at its precision.
    pub precision: Precision,
    /// Marked approximate in the file.
    pub approximate: bool,
}

impl When {
    /// Reads a date as written in a file: `2020-01-13`, `2020-01-13T09:00` (with an optional
    /// offset or `[Zone]`), `2017-11` or `2017`.
    ///
    /// ```
    /// use docket::timeline::When;
    /// assert_eq!(When::parse("2017-11", false).unwrap().display(), "Nov 2017");
    /// assert_eq!(When::parse("2018", true).unwrap().display(), "c. 2018");
    /// assert!(When::parse("2019-02-29", false).unwrap_err().contains("February 2019 has 28 days"));
    /// ```
    pub fn parse(text: &str, approximate: bool) -> Result<When, String> {
        let t = text.trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        // Only ASCII text can be a year or a month; anything else goes to the full parser (and
        // slicing it by bytes could cut a character in two).
        let precision = if !t.is_ascii() {
            match t.parse::<Trigger>()? {
                Trigger::Date(d) => Precision::Day(d),
                other => Precision::Moment(other),
            }
        } else if t.len() == 4 && digits(t) {
            Precision::Year(t.parse().map_err(|_| format!("`{t}` is not a year"))?)
        } else if t.len() == 7 && digits(&t[..4]) && &t[4..5] == "-" && digits(&t[5..]) {
            let year: i32 = t[..4]
                .parse()
                .map_err(|_| format!("`{t}` is not a month"))?;
            let month: u32 = t[5..]
                .parse()
                .map_err(|_| format!("`{t}` is not a month"))?;
            if !(1..=12).contains(&month) {
                return Err(format!("`{t}`: there is no month {month}"));
            }
            Precision::Month(year, month)
        } else {
            match t.parse::<Trigger>()? {
                Trigger::Date(d) => Precision::Day(d),
                other => Precision::Moment(other),
            }
        };
        Ok(When {
            precision,
            approximate,
        })
    }

    /// The first day the date could be, for sorting: a year sorts at its January 1, a month at its
    /// first day; a moment at its civil date as written.
    pub fn earliest_day(&self) -> NaiveDate {
        match self.precision {
            Precision::Day(d) => d,
            Precision::Moment(Trigger::Date(d)) => d,
            Precision::Moment(Trigger::Local(t, _)) => t.date(),
            Precision::Moment(Trigger::Instant(t, _)) => t.date_naive(),
            Precision::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN),
            Precision::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The exact day, when the date is known to the day.
    pub fn exact_day(&self) -> Option<NaiveDate> {
        match self.precision {
            Precision::Day(_) | Precision::Moment(_) => Some(self.earliest_day()),
            _ => None,
        }
    }

    /// Whether the date is known only to the month or the year.
    ///
    /// ```
    /// use docket::timeline::When;
    /// assert!(When::parse("2017-11", false).unwrap().is_partial());
    /// assert!(!When::parse("2017-11-02", true).unwrap().is_partial());
    /// ```
    pub fn is_partial(&self) -> bool {
        matches!(self.precision, Precision::Month(..) | Precision::Year(_))
    }

    /// The days the date covers, the end excluded: its day, or the whole month or year of a
    /// partial date; `None` for a moment (placed at its time, not over days) and for a date
    /// outside the range of days.
    ///
    /// ```
    /// use docket::timeline::When;
    /// let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    /// let nov = When::parse("2017-11", true).unwrap();
    /// assert_eq!(nov.days(), Some(day("2017-11-01")..day("2017-12-01")));
    /// let year = When::parse("2018", false).unwrap();
    /// assert_eq!(year.days(), Some(day("2018-01-01")..day("2019-01-01")));
    /// let one = When::parse("2020-01-13", false).unwrap();
    /// assert_eq!(one.days(), Some(day("2020-01-13")..day("2020-01-14")));
    /// assert_eq!(When::parse("2020-01-13T09:00", false).unwrap().days(), None);
    /// ```
    pub fn days(&self) -> Option<Range<NaiveDate>> {
        let (first, next) = match self.precision {
            Precision::Day(d) => (d, d.succ_opt()?),
            Precision::Moment(_) => return None,
            Precision::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                (first, first.checked_add_months(Months::new(1))?)
            }
            Precision::Year(y) => (
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1)?,
            ),
        };
        Some(first..next)
    }

    /// A rank that puts less precise dates first among dates that start on the same day.
    fn rank(&self) -> u8 {
        match self.precision {
            Precision::Year(_) => 0,
            Precision::Month(..) => 1,
            Precision::Day(_) => 2,
            Precision::Moment(_) => 3,
        }
    }

    /// The zone the date was written with (`2026-03-08T01:30:00[America/New_York]`), if any:
    /// the zone its time is shown in, before its timeline's.
    ///
    /// ```
    /// use docket::timeline::When;
    /// let call = When::parse("2026-03-08T01:30:00[America/New_York]", false).unwrap();
    /// assert_eq!(call.zone(), Some(chrono_tz::America::New_York));
    /// assert_eq!(When::parse("2026-03-08T01:30:00", false).unwrap().zone(), None);
    /// ```
    pub fn zone(&self) -> Option<Tz> {
        match self.precision {
            Precision::Moment(Trigger::Local(_, zone) | Trigger::Instant(_, zone)) => zone,
            _ => None,
        }
    }

    /// Orders dates sensibly: by their first possible day, then the less precise first.
    pub fn sort_key(&self) -> (NaiveDate, u8) {
        (self.earliest_day(), self.rank())
    }

    /// The date as a person would write it: `2020-01-13`, `2020-01-13 09:00`, `Nov 2017`, `2017`,
    /// with `c. ` in front when approximate (the [`Display`](fmt::Display) form).
    pub fn display(&self) -> String {
        self.to_string()
    }

    /// The trigger a deadline would count from, or why there is none: a month or a year is not a
    /// day to count from.
    pub fn trigger(&self) -> Result<Trigger, String> {
        match self.precision {
            Precision::Day(d) => Ok(Trigger::Date(d)),
            Precision::Moment(t) => Ok(t),
            Precision::Month(..) | Precision::Year(_) => Err(format!(
                "the date `{}` is known only to the {}, so no deadline can be counted from it; give the exact day, or a fixed `due` date",
                self.display(),
                if matches!(self.precision, Precision::Year(_)) {
                    "year"
                } else {
                    "month"
                }
            )),
        }
    }

    /// Checks that a timed date can be placed in `zone` (not in a gap or a repeated hour).
    pub fn check_zone(&self, zone: Option<Tz>) -> Result<(), ComputeError> {
        if let Precision::Moment(t) = self.precision {
            t.resolve(zone)?;
        }
        Ok(())
    }
}

impl fmt::Display for When {
    /// `2020-01-13`, `2020-01-13 09:00`, `Nov 2017`, `2017`; `c. ` in front when approximate.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("c. ")?;
        }
        match self.precision {
            // In one piece: a description of a million events writes a date for each.
            Precision::Day(d) => match crate::digits::iso_day(d) {
                Some(buf) => f.write_str(crate::digits::ascii(&buf)),
                None => write!(f, "{d}"),
            },
            Precision::Moment(t) => write!(f, "{t}"),
            Precision::Month(y, m) => match NaiveDate::from_ymd_opt(y, m, 1) {
                Some(d) => write!(f, "{}", d.format("%b %Y")),
                None => write!(f, "{y}-{m:02}"),
            },
            Precision::Year(y) => write!(f, "{y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_day_is_shown_as_chrono_shows_it(days in -400_000i64..4_000_000) {
            let day = NaiveDate::from_ymd_opt(1, 1, 1)
                .unwrap()
                .checked_add_signed(chrono::TimeDelta::days(days))
                .unwrap_or(NaiveDate::MAX);
            let when = When { precision: Precision::Day(day), approximate: false };
            prop_assert_eq!(when.to_string(), day.to_string());
        }
    }
}
