//! A period of time as the rules state it: "14 days", "3 court days + mail", "10 days before".

use std::fmt;

use serde::Serialize;

use crate::calendar::Counting;

/// The unit a period is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Days (FRCP 6(a)(1)).
    Days,
    /// Days stated as "calendar days": every day counts, even under a method that skips the
    /// weekends and holidays inside short periods (C.R.C.P. 6(a) before 2012 says so).
    CalendarDays,
    /// Court days: weekends and legal holidays are skipped while counting. Not an FRCP 6 unit;
    /// set by particular rules and orders.
    CourtDays,
    /// Weeks of seven calendar days.
    Weeks,
    /// Calendar months, the same day of the month (clamped to the month's last day).
    Months,
    /// Calendar years, the same day of the year (February 29 clamps to February 28).
    Years,
    /// Elapsed hours (FRCP 6(a)(2)).
    Hours,
}

impl Unit {
    /// The unit's name in the text form, singular or plural.
    pub fn name(self, count: u64) -> &'static str {
        let one = count == 1;
        match self {
            Unit::Days if one => "day",
            Unit::Days => "days",
            Unit::CalendarDays if one => "calendar day",
            Unit::CalendarDays => "calendar days",
            Unit::CourtDays if one => "court day",
            Unit::CourtDays => "court days",
            Unit::Weeks if one => "week",
            Unit::Weeks => "weeks",
            Unit::Months if one => "month",
            Unit::Months => "months",
            Unit::Years if one => "year",
            Unit::Years => "years",
            Unit::Hours if one => "hour",
            Unit::Hours => "hours",
        }
    }
}

/// How the paper that starts a period was served: the counting method in force says how many
/// days that adds (FRCP 6(d): 3 for mail, leaving with the clerk and other consented means; for
/// electronic service 3 from 2001-12-01 to 2016-11-30 and none since).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Service by mail (FRCP 5(b)(2)(C)).
    Mail,
    /// Service by leaving with the clerk (FRCP 5(b)(2)(D)).
    Clerk,
    /// Service by other means consented to (FRCP 5(b)(2)(F)).
    Consent,
    /// Electronic service (FRCP 5(b)(2)(E)), e-mail or the court's electronic filing system.
    Electronic,
}

impl Service {
    /// Every means, in the order the text form lists them.
    pub const ALL: [Service; 4] = [
        Service::Mail,
        Service::Clerk,
        Service::Consent,
        Service::Electronic,
    ];

    /// The word used in the text form.
    pub fn word(self) -> &'static str {
        match self {
            Service::Mail => "mail",
            Service::Clerk => "clerk",
            Service::Consent => "consent",
            Service::Electronic => "electronic",
        }
    }

    /// The means in words, as an explanation says it ("by mail").
    pub fn means(self) -> &'static str {
        match self {
            Service::Mail => "by mail",
            Service::Clerk => "by leaving it with the clerk",
            Service::Consent => "by other means consented to",
            Service::Electronic => "electronically",
        }
    }

    /// What the add-on means, for help and error messages.
    pub fn meaning(self) -> &'static str {
        match self {
            Service::Mail => "service by mail: 3 days under FRCP 6(d)",
            Service::Clerk => "service by leaving it with the clerk: 3 days under FRCP 6(d)",
            Service::Consent => {
                "service by other means the person served consented to in writing: 3 days under FRCP 6(d)"
            }
            Service::Electronic => {
                "electronic service (e-mail, the court's e-filing system): no days since 2016-12-01; 3 days from 2001-12-01 to 2016-11-30"
            }
        }
    }
}

/// Which way a last day that is not a day for filing moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Roll {
    /// To the next day for filing (FRCP 6(a)(1)(C), (a)(5) for periods after an event).
    Forward,
    /// To the previous day for filing (FRCP 6(a)(5) for periods before an event; some statutes,
    /// e.g. C.R.S. 1-1-106(5)).
    Backward,
    /// The last day stands even if it is a weekend or holiday.
    None,
}

impl Roll {
    /// The default under FRCP 6(a)(5): forward for periods after an event, backward before one.
    pub fn default_for(direction: Counting) -> Roll {
        match direction {
            Counting::Forward => Roll::Forward,
            Counting::Backward => Roll::Backward,
        }
    }

    /// The word used on the command line and in files.
    pub fn word(self) -> &'static str {
        match self {
            Roll::Forward => "forward",
            Roll::Backward => "backward",
            Roll::None => "none",
        }
    }
}

impl std::str::FromStr for Roll {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "forward" => Ok(Roll::Forward),
            "backward" => Ok(Roll::Backward),
            "none" => Ok(Roll::None),
            _ => Err(format!(
                "unknown roll `{s}`; expected `forward`, `backward` or `none`"
            )),
        }
    }
}

/// A period: a count, a unit, a direction and an optional service add-on.
///
/// Its text form is `N UNIT [before] [+ mail|+ clerk|+ consent|+ electronic]`:
///
/// ```
/// use docket::rules::{Period, Unit, Service};
/// let p: Period = "21 days + mail".parse().unwrap();
/// assert_eq!((p.count, p.unit, p.service), (21, Unit::Days, Some(Service::Mail)));
/// assert_eq!(p.to_string(), "21 days + mail");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// The unit.
    pub unit: Unit,
    /// After the trigger (forward) or before it (backward).
    pub direction: Counting,
    /// How the paper that starts a period after service was served; the counting method says
    /// what that adds.
    pub service: Option<Service>,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.count, self.unit.name(self.count.into()))?;
        if self.direction == Counting::Backward {
            f.write_str(" before")?;
        }
        if let Some(service) = self.service {
            write!(f, " + {}", service.word())?;
        }
        Ok(())
    }
}
