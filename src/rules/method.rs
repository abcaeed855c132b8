//! Counting methods: one jurisdiction's rules of computing time, as data, versioned by the day
//! each version took effect (`data/methods/*.toml`, one file per method).
//!
//! A period is counted by the version in force on its trigger day: FRCP 6(a) counted every day
//! from 2009-12-01, skipped the weekends and holidays inside periods of less than 11 days from
//! 1985-08-01, and inside periods of less than 7 days before that. Each version cites the text it
//! rests on, quotes it where it was read, and says whether that text was read in a primary source
//! (`verified`) or not (`draft`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::method_file::MethodFile;
use super::period::Service;

/// The built-in method files, compiled in.
const BUILTIN: &[(&str, &str)] = &[
    ("frcp-6", include_str!("../../data/methods/frcp-6.toml")),
    ("crcp-6", include_str!("../../data/methods/crcp-6.toml")),
    (
        "crs-2-4-108",
        include_str!("../../data/methods/crs-2-4-108.toml"),
    ),
];

/// Whether a version's text was read in a primary source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The provision's own words were read in an official text.
    Verified,
    /// Not read in an official text; the version's `read_in` says what was read instead.
    Draft,
}

impl Status {
    /// The word used in files and output.
    pub fn word(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Draft => "draft",
        }
    }
}

/// When the days added after service join the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Added {
    /// "3 days are added after the period would otherwise expire" (FRCP 6(d), 6(e) from
    /// 2005-12-01): the period is counted and rolled, then the days are added and the result
    /// rolled again.
    AfterExpiry,
    /// "3 days shall be added to the prescribed period" (FRCP 6(e) before 2005-12-01): the days
    /// lengthen the period, which is then counted once (and may no longer be a short period).
    ToPeriod,
}

/// The days one means of service adds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOn {
    /// Days added (0 or 3 in the built-in data).
    pub days: u32,
    /// The rule that provides for this means of service, e.g. `Fed. R. Civ. P. 5(b)(2)(C)`.
    pub by: String,
    /// What is unsettled about it, if anything.
    #[serde(default)]
    pub note: Option<String>,
}

/// The days added after service, by means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRule {
    /// The rule that adds them, e.g. `Fed. R. Civ. P. 6(d)`.
    pub cite: String,
    /// When they join the count.
    pub added: Added,
    /// By mail.
    pub mail: AddOn,
    /// By leaving with the clerk.
    pub clerk: AddOn,
    /// By other means consented to.
    pub consent: AddOn,
    /// By electronic means.
    pub electronic: AddOn,
}

impl ServiceRule {
    /// What `service` adds under this rule.
    ///
    /// ```
    /// use docket::rules::{Methods, Service};
    /// let frcp = Methods::builtin().get("frcp-6").unwrap();
    /// let on = |d: &str| frcp.in_force(d.parse().unwrap());
    /// assert_eq!(on("2016-11-30").service.add_on(Service::Electronic).days, 3);
    /// assert_eq!(on("2016-12-01").service.add_on(Service::Electronic).days, 0);
    /// assert_eq!(on("2016-12-01").service.add_on(Service::Mail).days, 3);
    /// ```
    pub fn add_on(&self, service: Service) -> &AddOn {
        match service {
            Service::Mail => &self.mail,
            Service::Clerk => &self.clerk,
            Service::Consent => &self.consent,
            Service::Electronic => &self.electronic,
        }
    }
}

/// A rule that intermediate Saturdays, Sundays and legal holidays do not count inside short
/// periods.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortPeriods {
    /// Periods of fewer days than this skip them.
    pub under: u32,
    /// A period stated in "calendar days" counts every day whatever its length.
    pub calendar_days_exempt: bool,
    /// The rule.
    pub cite: String,
}

/// Which way a last day that is not a day for filing moves, with the rule for each direction.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollRule {
    /// For a period counted after an event.
    pub forward: String,
    /// For a period counted before one.
    pub backward: String,
}

/// When the last day ends, with the rule for each case.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndRule {
    /// Electronic filing: the end of the day.
    pub electronic: String,
    /// Paper filing: when the clerk's office closes.
    pub paper: String,
    /// A time set by statute, rule or order.
    pub set: String,
}

/// Whose holidays a state's holidays are, for the direction of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StateHolidays {
    /// As the calendar marks them (FRCP 6(a)(6)(C) since 2009-12-01: forward periods only).
    AsMarked,
    /// For periods in both directions, whatever the calendar marks (FRCP 6(a) before
    /// 2009-12-01: "any other day appointed as a holiday by ... the state").
    BothDirections,
}

/// One version of a method: what it says, from when, on whose text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// The first trigger day it applies to; its identifier.
    #[serde(deserialize_with = "super::method_file::date")]
    pub from: NaiveDate,
    /// The last trigger day it applies to (the day before the next version), if any.
    #[serde(skip)]
    pub until: Option<NaiveDate>,
    /// Whether its text was read in a primary source.
    pub status: Status,
    /// The rule and the amendment it stands on.
    pub cite: String,
    /// Where its words were read (or, for a draft, what was read instead).
    pub read_in: String,
    /// The provision's words as read, when they were.
    #[serde(default)]
    pub quote: Option<String>,
    /// What is unsettled.
    #[serde(default)]
    pub note: Option<String>,
    /// The rule for periods in days (and weeks, months, years).
    pub days: String,
    /// The rule for periods in hours; `None` when the method has none.
    #[serde(default)]
    pub hours: Option<String>,
    /// The rule for a period of months that asks for a day a short month lacks.
    pub months: String,
    /// What the method says of court days.
    pub court_days: String,
    /// Where a last day that is not a day for filing moves.
    pub roll: RollRule,
    /// The rule by which a day the clerk's office was inaccessible moves a last day; `None` when
    /// the method has none (such a day then moves nothing).
    #[serde(default)]
    pub inaccessible: Option<String>,
    /// When the last day ends.
    pub end: EndRule,
    /// The short-period rule, if the version has one.
    #[serde(default)]
    pub short_periods: Option<ShortPeriods>,
    /// How a state's holidays count.
    pub state_holidays: StateHolidays,
    /// The days added after service.
    pub service: ServiceRule,
    /// The version applies only when the deadline too falls on or after its first day
    /// (C.R.C.P. 6 comment \[2\] (2012): "both the time computation start date and deadline date
    /// must be after June 30, 2012"); otherwise the version before it does.
    #[serde(default)]
    pub both_dates: bool,
}

impl Version {
    /// The version's identifier: the day it took effect, `YYYY-MM-DD`.
    pub fn id(&self) -> String {
        self.from.to_string()
    }
}

/// A counting method and its versions.
///
/// ```
/// use docket::rules::Methods;
/// let frcp = Methods::builtin().get("frcp-6").unwrap();
/// let v = frcp.in_force("2008-06-02".parse().unwrap());
/// assert_eq!(v.short_periods.as_ref().map(|s| s.under), Some(11));
/// assert!(frcp.in_force("2010-06-01".parse().unwrap()).short_periods.is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Method {
    id: String,
    title: String,
    description: String,
    versions: Vec<Version>,
    /// The first day of each version, beside them: the look-up made for every period.
    starts: Box<[NaiveDate]>,
}

impl Method {
    pub(crate) fn new(
        id: String,
        title: String,
        description: String,
        versions: Vec<Version>,
    ) -> Self {
        let starts = versions.iter().map(|v| v.from).collect();
        Method {
            id,
            title,
            description,
            versions,
            starts,
        }
    }

    /// The method's identifier, e.g. `frcp-6`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its name, e.g. `Fed. R. Civ. P. 6`.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Where it applies and what it covers.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Every version, oldest first.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The version in force on `day` (the first version for a day before it).
    #[inline]
    pub fn in_force(&self, day: NaiveDate) -> &Version {
        // Counted without branching on each version: the days of a bulk computation are in no
        // order, and a mispredicted branch costs more than the few comparisons.
        let started = self.starts.iter().filter(|&&from| from <= day).count();
        &self.versions[started.saturating_sub(1)]
    }

    /// The version before `version`, if any.
    pub fn before(&self, version: &Version) -> Option<&Version> {
        let at = self.versions.iter().position(|v| v.from == version.from)?;
        at.checked_sub(1).map(|i| &self.versions[i])
    }
}

/// A counting method that does not exist.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown counting method `{name}`{}; known methods: {known}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
pub struct UnknownMethod {
    /// The name asked for.
    pub name: String,
    /// The nearest known name.
    pub suggestion: Option<String>,
    /// Every known name, comma-separated.
    pub known: String,
}

/// The counting methods.
///
/// ```
/// use docket::rules::Methods;
/// let all = Methods::builtin();
/// assert!(all.get("crcp-6").is_ok());
/// assert!(all.get("frcp6").unwrap_err().to_string().contains("did you mean `frcp-6`"));
/// ```
#[derive(Debug)]
pub struct Methods {
    by_id: BTreeMap<String, Method>,
}

impl Methods {
    /// The built-in methods (parsed once per process).
    pub fn builtin() -> &'static Methods {
        static BUILT: OnceLock<Methods> = OnceLock::new();
        BUILT.get_or_init(|| {
            let by_id = BUILTIN
                .iter()
                .map(|(name, text)| {
                    let method = MethodFile::parse(text)
                        .and_then(MethodFile::into_method)
                        .unwrap_or_else(|e| {
                            panic!("built-in method `{name}` is valid (tested): {e}")
                        });
                    (method.id().to_string(), method)
                })
                .collect();
            Methods { by_id }
        })
    }

    /// The method named `name`.
    pub fn get(&self, name: &str) -> Result<&Method, UnknownMethod> {
        self.by_id.get(name).ok_or_else(|| UnknownMethod {
            name: name.to_string(),
            suggestion: crate::suggest::nearest(name, self.by_id.keys().map(String::as_str))
                .map(str::to_string),
            known: self.by_id.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }

    /// Every method, in name order.
    pub fn iter(&self) -> impl Iterator<Item = &Method> {
        self.by_id.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::MIN_DATE;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_built_in_method_covers_the_range_without_gaps() {
        for method in Methods::builtin().iter() {
            let v = method.versions();
            assert_eq!(v[0].from, MIN_DATE, "{}", method.id());
            for pair in v.windows(2) {
                assert_eq!(pair[0].until, pair[1].from.pred_opt(), "{}", method.id());
            }
            assert_eq!(v.last().unwrap().until, None);
        }
    }

    #[test]
    fn the_version_in_force_is_chosen_by_its_first_day() {
        let frcp = Methods::builtin().get("frcp-6").unwrap();
        assert_eq!(frcp.in_force(d("2009-11-30")).id(), "2007-12-01");
        assert_eq!(frcp.in_force(d("2009-12-01")).id(), "2009-12-01");
        assert_eq!(
            frcp.in_force(d("1985-07-31"))
                .short_periods
                .as_ref()
                .unwrap()
                .under,
            7
        );
        assert_eq!(
            frcp.in_force(d("1985-08-01"))
                .short_periods
                .as_ref()
                .unwrap()
                .under,
            11
        );
        let crcp = Methods::builtin().get("crcp-6").unwrap();
        assert!(crcp.in_force(d("2011-12-31")).short_periods.is_some());
        assert!(crcp.in_force(d("2012-01-01")).short_periods.is_none());
        let crs = Methods::builtin().get("crs-2-4-108").unwrap();
        assert!(crs.in_force(d("2012-06-30")).short_periods.is_some());
        let new = crs.in_force(d("2012-07-01"));
        assert!(new.short_periods.is_none() && new.both_dates);
        assert_eq!(crs.before(new).unwrap().id(), "1971-01-01");
    }

    #[test]
    fn electronic_service_added_three_days_only_from_2001_to_2016() {
        let frcp = Methods::builtin().get("frcp-6").unwrap();
        let days = |day: &str| frcp.in_force(d(day)).service.electronic.days;
        assert_eq!(days("2001-11-30"), 0);
        assert_eq!(days("2001-12-01"), 3);
        assert_eq!(days("2016-11-30"), 3);
        assert_eq!(days("2016-12-01"), 0);
    }
}
