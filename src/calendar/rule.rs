//! Yearly holiday rules: "January 1", "third Monday of January", "last Monday of May", each with
//! the years it applies to and where a weekend date is observed.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// Where a holiday that falls on a weekend is observed.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Observance {
    /// The holiday stays on its date, weekend or not.
    #[default]
    None,
    /// Saturday moves to the Friday before, Sunday to the Monday after (5 U.S.C. 6103(b),
    /// E.O. 11582). The Friday may be in the previous year.
    NearestWeekday,
    /// Sunday moves to the Monday after; Saturday stays (C.R.S. 24-11-101(2)).
    SundayToMonday,
}

impl Observance {
    /// The day a holiday whose statutory date is `date` is observed.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::calendar::Observance;
    /// let sat = NaiveDate::from_ymd_opt(2020, 7, 4).unwrap();
    /// assert_eq!(Observance::NearestWeekday.observe(sat), NaiveDate::from_ymd_opt(2020, 7, 3).unwrap());
    /// assert_eq!(Observance::SundayToMonday.observe(sat), sat);
    /// ```
    pub fn observe(self, date: NaiveDate) -> NaiveDate {
        match (self, date.weekday()) {
            (Observance::NearestWeekday, Weekday::Sat) => date - Days::new(1),
            (Observance::NearestWeekday | Observance::SundayToMonday, Weekday::Sun) => {
                date + Days::new(1)
            }
            _ => date,
        }
    }
}

/// How a yearly rule picks its day within the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayRule {
    /// A fixed day of the month.
    Fixed(u32),
    /// The `nth` given weekday of the month; `-1` is the last one.
    Nth(Weekday, i8),
}

/// A yearly holiday: its name, how its date is found, the years it applies to, its observance
/// and its authority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayRule {
    /// The holiday's name, as the authority gives it.
    pub name: String,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day within the month.
    pub day: DayRule,
    /// First year the rule applies to.
    pub from: i32,
    /// Last year the rule applies to.
    pub until: i32,
    /// Where a weekend date is observed.
    pub observed: Observance,
    /// The authority for the holiday and its observance.
    pub source: String,
}

impl HolidayRule {
    /// The statutory date of the holiday in `year`, if the rule applies that year.
    ///
    /// ```
    /// use chrono::{NaiveDate, Weekday};
    /// use docket::calendar::{DayRule, HolidayRule, Observance};
    /// let mlk = HolidayRule {
    ///     name: "Birthday of Martin Luther King, Jr.".into(),
    ///     month: 1,
    ///     day: DayRule::Nth(Weekday::Mon, 3),
    ///     from: 1986,
    ///     until: 9999,
    ///     observed: Observance::None,
    ///     source: "5 U.S.C. 6103(a)".into(),
    /// };
    /// assert_eq!(mlk.date_in(2020), NaiveDate::from_ymd_opt(2020, 1, 20));
    /// assert_eq!(mlk.date_in(1985), None);
    /// ```
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if year < self.from || year > self.until {
            return None;
        }
        match self.day {
            DayRule::Fixed(day) => NaiveDate::from_ymd_opt(year, self.month, day),
            DayRule::Nth(weekday, n) if n > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, self.month, weekday, n as u8)
            }
            DayRule::Nth(weekday, _) => {
                let first_next = if self.month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, self.month + 1, 1)?
                };
                let last = first_next.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                Some(last - Days::new(u64::from(back)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn last_monday_of_may() {
        let rule = HolidayRule {
            name: "Memorial Day".into(),
            month: 5,
            day: DayRule::Nth(Weekday::Mon, -1),
            from: 1971,
            until: 9999,
            observed: Observance::None,
            source: String::new(),
        };
        assert_eq!(rule.date_in(2020), Some(d(2020, 5, 25)));
        assert_eq!(rule.date_in(2025), Some(d(2025, 5, 26)));
        // May 31 itself a Monday.
        assert_eq!(rule.date_in(2021), Some(d(2021, 5, 31)));
    }

    #[test]
    fn observance_can_cross_a_year() {
        assert_eq!(
            Observance::NearestWeekday.observe(d(2022, 1, 1)),
            d(2021, 12, 31)
        );
    }
}
