//! The calendar file format, shared by the built-in calendars (`data/calendars/*.toml`) and the
//! user's own: a `[calendar]` header, yearly `[[holiday]]` rules, single-day `[[closure]]`s and
//! `[[include]]`s of other calendars.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use super::day_off::{Applies, ClosureKind};
use super::error::CalendarError;
use super::index::{MAX_DATE, MIN_DATE};
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
    /// Why the calendar gives no closing time for the clerk's office.
    pub clerk_note: Option<String>,
    /// The counting method its periods are computed by (`frcp-6` unless it says or inherits
    /// another).
    pub method: Option<String>,
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
    pub date: toml::Spanned<toml::value::Datetime>,
    pub name: String,
    pub kind: ClosureKind,
    /// The directions it counts for; a doubtful day counts only backward, where counting it
    /// gives the earlier date.
    #[serde(default)]
    pub applies: Applies,
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
    /// The closure's day, which must be a plain date in the supported range; `text` is the
    /// file's text, for the line and column of an error.
    pub(crate) fn day(&self, origin: &str, text: &str) -> Result<NaiveDate, CalendarError> {
        let at = |message: String| {
            let (line, column) = line_column(text, self.date.span().start);
            invalid(origin, format!("line {line}, column {column}: {message}"))
        };
        let date = self.date.get_ref();
        let day = match (date.date, date.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| at(format!("closure `{}`: no such date", self.name)))?,
            _ => {
                return Err(at(format!(
                    "closure `{}`: `date` must be a plain date such as 2020-01-13",
                    self.name
                )));
            }
        };
        if !(MIN_DATE..=MAX_DATE).contains(&day) {
            return Err(at(format!(
                "closure `{}` on {day} is outside the supported range {MIN_DATE} to {MAX_DATE}; docket computes no date outside it",
                self.name
            )));
        }
        Ok(day)
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
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
