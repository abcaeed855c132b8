//! The moment a period runs from: a civil date, a local date-time, or an instant with its offset,
//! optionally tagged with its IANA zone (`2020-01-13T09:00[America/Denver]`).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::error::ComputeError;

/// When a period starts.
///
/// ```
/// use docket::rules::Trigger;
/// let t: Trigger = "2020-01-13".parse().unwrap();
/// assert_eq!(t.to_string(), "2020-01-13");
/// let t: Trigger = "2020-01-13T09:00[America/Denver]".parse().unwrap();
/// assert_eq!(t.to_string(), "2020-01-13T09:00:00[America/Denver]");
/// assert!("2020-02-30".parse::<Trigger>().unwrap_err().contains("no such date"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A civil date with no time of day.
    Date(NaiveDate),
    /// A wall-clock time, placed in the given zone or else the court's.
    Local(NaiveDateTime, Option<Tz>),
    /// An instant with its UTC offset, and the zone it was given in, if any.
    Instant(DateTime<FixedOffset>, Option<Tz>),
}

/// A trigger placed on the time line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The civil day of the trigger, in the zone used for counting.
    pub date: NaiveDate,
    /// The instant, for timed triggers.
    pub instant: Option<DateTime<FixedOffset>>,
}

impl Trigger {
    /// Places the trigger on the time line; `zone` is the court's zone (used for a bare local
    /// time and for the civil day of an instant).
    pub fn resolve(&self, zone: Option<Tz>) -> Result<Moment, ComputeError> {
        match *self {
            Trigger::Date(date) => Ok(Moment {
                date,
                instant: None,
            }),
            Trigger::Local(local, own) => {
                let tz = own.or(zone).ok_or_else(|| ComputeError::NoZone {
                    time: local.format("%Y-%m-%dT%H:%M").to_string(),
                })?;
                let at = place(local, tz)?;
                let date = match zone {
                    Some(court) => at.with_timezone(&court).date_naive(),
                    None => local.date(),
                };
                Ok(Moment {
                    date,
                    instant: Some(at.fixed_offset()),
                })
            }
            Trigger::Instant(at, own) => {
                let date = match zone.or(own) {
                    Some(tz) => at.with_timezone(&tz).date_naive(),
                    None => at.date_naive(),
                };
                Ok(Moment {
                    date,
                    instant: Some(at),
                })
            }
        }
    }
}

/// Places a wall-clock time in a zone, refusing a time the clocks skip or repeat.
pub fn place(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Tz>, ComputeError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at),
        LocalResult::None => Err(ComputeError::Skipped {
            time: local.format("%Y-%m-%dT%H:%M").to_string(),
            zone: tz.name().to_string(),
        }),
        LocalResult::Ambiguous(a, b) => Err(ComputeError::Ambiguous {
            time: local.format("%Y-%m-%dT%H:%M").to_string(),
            zone: tz.name().to_string(),
            first: a.fixed_offset().format("%Y-%m-%dT%H:%M%:z").to_string(),
            second: b.fixed_offset().format("%Y-%m-%dT%H:%M%:z").to_string(),
        }),
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Date(d) => write!(f, "{d}"),
            Trigger::Local(t, zone) => {
                write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S"))?;
                zone.map_or(Ok(()), |z| write!(f, "[{}]", z.name()))
            }
            Trigger::Instant(t, zone) => {
                write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z"))?;
                zone.map_or(Ok(()), |z| write!(f, "[{}]", z.name()))
            }
        }
    }
}

/// Reads an IANA zone name, suggesting the nearest on a typo.
///
/// ```
/// assert!(docket::rules::parse_zone("America/Denvr").unwrap_err().contains("did you mean `America/Denver`"));
/// ```
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        let hint = crate::suggest::nearest_zone(name)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        format!(
            "unknown time zone `{}`{hint}; expected an IANA name such as `America/Denver`",
            crate::suggest::shown(name)
        )
    })
}

/// Parses a civil date `YYYY-MM-DD`, saying what is wrong with a date that does not exist.
///
/// ```
/// use docket::rules::parse_date;
/// assert!(parse_date("2020-02-29").is_ok());
/// assert_eq!(parse_date("2019-02-29").unwrap_err(), "no such date `2019-02-29`: February 2019 has 28 days");
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if text.contains('/') {
        return Err(slashed(text));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(format!("`{text}` is not a date; expected `YYYY-MM-DD`"));
    }
    let (y, m, d): (i32, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    if !(1..=12).contains(&m) {
        return Err(format!("no such date `{text}`: there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let first = NaiveDate::from_ymd_opt(y, m, 1);
        let days = first
            .and_then(|f| {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.map(|n| (n - f).num_days())
            })
            .unwrap_or(31);
        let month = first.map(|f| f.format("%B %Y").to_string());
        match month {
            Some(month) => format!("no such date `{text}`: {month} has {days} days"),
            None => format!("no such date `{text}`"),
        }
    })
}

/// The error for a date written with slashes: a did-you-mean when it reads as a date in the
/// United States' order (month/day/year, the year in full), and what is wrong otherwise.
fn slashed(text: &str) -> String {
    let expected = "docket reads dates as `YYYY-MM-DD`";
    let parts: Vec<&str> = text.split('/').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let Some([m, d, y]) = numbers
        .as_deref()
        .and_then(|n| <[u32; 3]>::try_from(n).ok())
    else {
        return format!("`{text}` is not a date; {expected}");
    };
    if parts[2].len() != 4 {
        return format!(
            "`{text}` is not a date; {expected}, with the year in full (which century is `{}`?)",
            parts[2]
        );
    }
    match NaiveDate::from_ymd_opt(y as i32, m, d) {
        Some(date) => format!(
            "`{text}` is not a date; {expected} (did you mean `{date}`, reading it as month/day/year?)"
        ),
        None => format!(
            "`{text}` is not a date; {expected}, and as month/day/year it is no date either"
        ),
    }
}

impl FromStr for Trigger {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let (body, zone) = match text.strip_suffix(']').and_then(|t| t.split_once('[')) {
            Some((body, name)) => {
                let tz = parse_zone(name)?;
                (body, Some(tz))
            }
            None => (text, None),
        };
        if body.contains('/') {
            return Err(slashed(body));
        }
        if body.len() == 10 {
            if zone.is_some() {
                return Err(format!(
                    "`{text}`: a zone goes with a time of day, such as `{body}T09:00[...]`"
                ));
            }
            return parse_date(body).map(Trigger::Date);
        }
        let separated = body.len() > 10
            && body.is_char_boundary(10)
            && matches!(body.as_bytes()[10], b'T' | b't' | b' ');
        if !separated {
            return Err(format!(
                "`{text}` is not a date or date-time; expected `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` with an optional offset or `[Zone]`"
            ));
        }
        let (date_part, time_part) = (&body[..10], &body[11..]);
        let date = parse_date(date_part)?;
        if let Ok(at) = DateTime::parse_from_rfc3339(&format!("{date_part}T{time_part}")) {
            return Ok(Trigger::Instant(at, zone));
        }
        if let Ok(at) =
            DateTime::parse_from_str(&format!("{date_part}T{time_part}"), "%Y-%m-%dT%H:%M%#z")
        {
            return Ok(Trigger::Instant(at, zone));
        }
        for fmt in ["%H:%M:%S", "%H:%M"] {
            if let Ok(time) = chrono::NaiveTime::parse_from_str(time_part, fmt) {
                return Ok(Trigger::Local(date.and_time(time), zone));
            }
        }
        Err(format!(
            "`{text}`: cannot read the time `{time_part}`; expected `HH:MM`, `HH:MM:SS`, optionally with an offset such as `-07:00` or `Z`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(matches!(
            "2020-01-13T09:00".parse(),
            Ok(Trigger::Local(_, None))
        ));
        assert!(matches!(
            "2020-01-13T09:00:00-07:00".parse(),
            Ok(Trigger::Instant(_, None))
        ));
        assert!(matches!(
            "2020-01-13T16:00Z".parse(),
            Ok(Trigger::Instant(_, None))
        ));
        assert!(
            "2020-01-13T09:00[America/Denvr]"
                .parse::<Trigger>()
                .unwrap_err()
                .contains("did you mean `America/Denver`")
        );
        assert!(
            "2020-13-01"
                .parse::<Trigger>()
                .unwrap_err()
                .contains("no month 13")
        );
        assert!("13/01/2020".parse::<Trigger>().is_err());
    }

    /// `12/1/2026` was answered only "not a date": a date in the United States' order gets a
    /// did-you-mean with the date it reads as, anything else a clear error.
    #[test]
    fn dates_with_slashes_get_a_did_you_mean_in_us_order() {
        assert_eq!(
            parse_date("12/1/2026").unwrap_err(),
            "`12/1/2026` is not a date; docket reads dates as `YYYY-MM-DD` (did you mean `2026-12-01`, reading it as month/day/year?)"
        );
        assert!(
            parse_date("01/31/2026")
                .unwrap_err()
                .contains("did you mean `2026-01-31`")
        );
        for bad in [
            "13/1/2026",
            "2/30/2026",
            "12/1/26",
            "12/1",
            "1/2/3/4",
            "a/b/2026",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(!err.contains("did you mean"), "{bad}: {err}");
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(
            parse_date("12/1/26")
                .unwrap_err()
                .contains("the year in full")
        );
        assert!(
            "12/1/2026"
                .parse::<Trigger>()
                .unwrap_err()
                .contains("did you mean `2026-12-01`")
        );
    }

    #[test]
    fn gaps_and_repeats_are_refused() {
        let denver = chrono_tz::America::Denver;
        let gap: Trigger = "2020-03-08T02:30".parse().unwrap();
        assert!(matches!(
            gap.resolve(Some(denver)),
            Err(ComputeError::Skipped { .. })
        ));
        let twice: Trigger = "2020-11-01T01:30".parse().unwrap();
        let err = twice.resolve(Some(denver)).unwrap_err();
        assert!(
            err.to_string()
                .contains("2020-11-01T01:30-06:00 or 2020-11-01T01:30-07:00")
        );
    }
}
