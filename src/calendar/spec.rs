//! The calendar file format, shared by the built-in calendars (`data/calendars/*.toml`) and the
//! user's own: a `[calendar]` header, yearly `[[holiday]]` rules, single-day `[[closure]]`s and
//! `[[include]]`s of other calendars.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use super::day_off::{Applies, ClosureKind};
use super::error::CalendarError;
use super::rule::{DayRule, HolidayRule, Observance};

/// A calendar file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CalendarFile {
    pub calendar: Header,
    #[serde(default)]
    pub holiday: Vec<HolidaySpec>,
    #[serde(default)]
    pub closure: Vec<ClosureSpec>,
    #[serde(default)]
    pub include: Vec<IncludeSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub zone: Option<String>,
    pub extends: Option<String>,
    pub clerk_closes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidaySpec {
    name: String,
    month: u32,
    day: Option<u32>,
    weekday: Option<String>,
    nth: Option<i8>,
    from: Option<i32>,
    until: Option<i32>,
    #[serde(default)]
    observed: Observance,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClosureSpec {
    pub date: toml::value::Datetime,
    pub name: String,
    pub kind: ClosureKind,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncludeSpec {
    pub calendar: String,
    #[serde(default)]
    pub applies: Applies,
    pub source: String,
}

impl CalendarFile {
    /// Parses a calendar file; `origin` names it in errors.
    pub(crate) fn parse(text: &str, origin: &str) -> Result<Self, CalendarError> {
        toml::from_str(text).map_err(|e| CalendarError::Invalid {
            origin: origin.to_string(),
            message: e.to_string(),
        })
    }
}

fn invalid(origin: &str, message: String) -> CalendarError {
    CalendarError::Invalid {
        origin: origin.to_string(),
        message,
    }
}

impl HolidaySpec {
    /// Checks the rule and turns it into a [`HolidayRule`].
    pub(crate) fn to_rule(&self, origin: &str) -> Result<HolidayRule, CalendarError> {
        if !(1..=12).contains(&self.month) {
            return Err(invalid(
                origin,
                format!("holiday `{}`: month must be 1 to 12", self.name),
            ));
        }
        let day = match (self.day, &self.weekday, self.nth) {
            (Some(day), None, None) => {
                if NaiveDate::from_ymd_opt(2000, self.month, day).is_none() {
                    return Err(invalid(
                        origin,
                        format!(
                            "holiday `{}`: no day {day} in month {}",
                            self.name, self.month
                        ),
                    ));
                }
                DayRule::Fixed(day)
            }
            (None, Some(weekday), Some(nth)) if (1..=5).contains(&nth) || nth == -1 => {
                let weekday: Weekday = weekday.parse().map_err(|_| {
                    invalid(
                        origin,
                        format!("holiday `{}`: unknown weekday `{weekday}`", self.name),
                    )
                })?;
                DayRule::Nth(weekday, nth)
            }
            _ => {
                return Err(invalid(
                    origin,
                    format!(
                        "holiday `{}`: give either `day`, or `weekday` with `nth` (1 to 5, or -1 for the last)",
                        self.name
                    ),
                ));
            }
        };
        Ok(HolidayRule {
            name: self.name.clone(),
            month: self.month,
            day,
            from: self.from.unwrap_or(i32::MIN),
            until: self.until.unwrap_or(i32::MAX),
            observed: self.observed,
            source: self.source.clone(),
        })
    }
}

impl ClosureSpec {
    /// The closure's day, which must be a plain date.
    pub(crate) fn day(&self, origin: &str) -> Result<NaiveDate, CalendarError> {
        match (self.date.date, self.date.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| invalid(origin, format!("closure `{}`: no such date", self.name))),
            _ => Err(invalid(
                origin,
                format!(
                    "closure `{}`: `date` must be a plain date such as 2020-01-13",
                    self.name
                ),
            )),
        }
    }
}

/// Parses a clerk's office closing time such as `17:00`.
pub(crate) fn parse_clerk_closes(text: &str, origin: &str) -> Result<NaiveTime, CalendarError> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
        invalid(
            origin,
            format!("`clerk_closes` must be a time such as `17:00`, not `{text}`"),
        )
    })
}
