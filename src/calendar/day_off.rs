//! One day a calendar does not count or on which the clerk's office is closed, with its reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a closed day is a legal holiday or only a day the clerk's office was inaccessible.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ClosureKind {
    /// A legal holiday (FRCP 6(a)(6)): skipped when counting court days and when rolling a last day.
    LegalHoliday,
    /// The clerk's office was inaccessible (FRCP 6(a)(3)): moves a last day, never changes a count.
    Inaccessible,
}

/// The counting directions a closed day applies to.
#[derive(
    Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// Periods counted forward and backward.
    #[default]
    Both,
    /// Only periods counted forward (e.g. state holidays in federal court, FRCP 6(a)(6)(C)).
    Forward,
    /// Only periods counted backward.
    Backward,
}

/// The direction in which a period is counted: after its trigger (forward) or before it (backward).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Counting {
    /// A period measured after an event.
    Forward,
    /// A period measured before an event.
    Backward,
}

impl Applies {
    /// Whether a day marked with `self` applies to a period counted `counting`.
    ///
    /// ```
    /// use docket::calendar::{Applies, Counting};
    /// assert!(Applies::Forward.covers(Counting::Forward));
    /// assert!(!Applies::Forward.covers(Counting::Backward));
    /// assert!(Applies::Both.covers(Counting::Backward));
    /// ```
    pub fn covers(self, counting: Counting) -> bool {
        matches!(
            (self, counting),
            (Applies::Both, _)
                | (Applies::Forward, Counting::Forward)
                | (Applies::Backward, Counting::Backward)
        )
    }

    /// The directions two markings have in common: a day marked `self` taken through an include
    /// marked `other`. `None` when they share none.
    ///
    /// ```
    /// use docket::calendar::Applies;
    /// assert_eq!(Applies::Both.and(Applies::Forward), Some(Applies::Forward));
    /// assert_eq!(Applies::Backward.and(Applies::Forward), None);
    /// ```
    pub fn and(self, other: Applies) -> Option<Applies> {
        match (self, other) {
            (Applies::Both, a) | (a, Applies::Both) => Some(a),
            (a, b) if a == b => Some(a),
            _ => None,
        }
    }
}

/// A day a calendar treats as a holiday or closure.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DayOff {
    /// The day that counts (the observed day).
    pub date: NaiveDate,
    /// The day the authority names, when it differs from `date` (a Saturday holiday observed on
    /// Friday, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<NaiveDate>,
    /// The holiday's or closure's name.
    pub name: String,
    /// Legal holiday, or only "clerk's office inaccessible".
    pub kind: ClosureKind,
    /// Which counting directions it applies to.
    pub applies: Applies,
    /// The calendar the entry comes from (for a composed calendar such as `d-colo`).
    pub calendar: String,
    /// The authority.
    pub source: String,
}
