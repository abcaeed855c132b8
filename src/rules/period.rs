//! A period of time as the rules state it: "14 days", "3 court days + mail", "10 days before".

use std::fmt;

use serde::Serialize;

use crate::calendar::Counting;

/// The unit a period is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Calendar days (FRCP 6(a)(1)).
    Days,
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

/// Service by a means that earns three extra days under FRCP 6(d).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Service by mail, FRCP 5(b)(2)(C).
    Mail,
    /// Service by leaving with the clerk, FRCP 5(b)(2)(D).
    Clerk,
    /// Service by other means consented to, FRCP 5(b)(2)(F).
    Consent,
}

impl Service {
    /// The word used in the text form.
    pub fn word(self) -> &'static str {
        match self {
            Service::Mail => "mail",
            Service::Clerk => "clerk",
            Service::Consent => "consent",
        }
    }

    /// The rule that provides for this means of service.
    pub fn rule(self) -> &'static str {
        match self {
            Service::Mail => "FRCP 5(b)(2)(C)",
            Service::Clerk => "FRCP 5(b)(2)(D)",
            Service::Consent => "FRCP 5(b)(2)(F)",
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
/// Its text form is `N UNIT [before] [+ mail|+ clerk|+ consent]`:
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
    /// A service add-on under FRCP 6(d), for periods after service.
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
