//! A court's calendar: its holidays and closures, its time zone and clerk's hours, and the
//! court-day index built from them on first use.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::day_off::{Applies, ClosureKind, Counting, DayOff};
use super::error::CalendarError;
use super::index::{self, DayIndex, MAX_DATE, MIN_DATE};
use super::rule::HolidayRule;

/// Version of the built-in data: the calendars in `data/calendars/` and the counting methods in
/// `data/methods/`. Raised whenever either changes, and recorded with every explanation, so a
/// deadline can say which data computed it.
pub const DATA_VERSION: &str = "2026.12.01";

/// A block of days taken from one calendar, for the counting directions it applies to.
#[derive(Clone, Debug)]
pub(crate) struct Layer {
    /// The calendar the days come from.
    pub calendar: String,
    /// The directions they count for.
    pub applies: Applies,
    /// Why the days count here, when they come from another calendar by `[[include]]`.
    pub via: Option<String>,
    pub rules: Vec<HolidayRule>,
    pub closures: Vec<Closure>,
}

/// One closed day of a calendar file.
#[derive(Clone, Debug)]
pub(crate) struct Closure {
    pub date: NaiveDate,
    pub name: String,
    pub kind: ClosureKind,
    /// The directions it counts for, within its layer's: a day whose status is doubtful counts
    /// only where counting it gives the earlier date (`backward`).
    pub applies: Applies,
    pub source: String,
}

/// Which closed days a look-up sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sense {
    /// The days that count for periods measured forward.
    Forward,
    /// The days that count for periods measured backward.
    Backward,
    /// Every day, whatever direction it is marked for: for a backward period under a method
    /// that knew no direction, such as FRCP 6(a) before 2009-12-01, whose "legal holiday" took in
    /// the state's holidays for every period. (Days marked backward only are days whose status is
    /// doubtful, and stay out of forward periods under every method.)
    All,
}

impl Sense {
    /// The sense of a period counted `counting`.
    #[inline]
    pub(crate) fn of(counting: Counting) -> Sense {
        match counting {
            Counting::Forward => Sense::Forward,
            Counting::Backward => Sense::Backward,
        }
    }

    fn covers(self, applies: Applies) -> bool {
        match self {
            Sense::Forward => applies.covers(Counting::Forward),
            Sense::Backward => applies.covers(Counting::Backward),
            Sense::All => true,
        }
    }
}

/// Which days a look-up treats as closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Closed {
    /// Weekends and legal holidays: the days a count of court days skips.
    Holidays,
    /// Those and the days the clerk's office was inaccessible: the days a last day moves off.
    ForFiling,
}

/// Why a day is not a day for filing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClosedReason {
    /// The day.
    pub date: NaiveDate,
    /// "Saturday", "Sunday", or the holiday's name.
    pub why: String,
    /// The holiday's authority (`None` for a weekend).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The indexes a calendar needs: counting (weekends and legal holidays closed) and filing (also
/// inaccessible days closed), each for forward and backward periods.
#[derive(Debug)]
struct Indexes {
    count: [DayIndex; 2],
    file: [DayIndex; 2],
}

/// The same pair for [`Sense::All`], built only when a method asks for it.
#[derive(Debug)]
struct AllIndexes {
    count: DayIndex,
    file: DayIndex,
}

fn slot(counting: Counting) -> usize {
    match counting {
        Counting::Forward => 0,
        Counting::Backward => 1,
    }
}

/// A named court calendar.
///
/// ```
/// use chrono::NaiveDate;
/// use docket::calendar::{Calendars, Counting};
/// let cal = Calendars::builtin().get("us-federal").unwrap();
/// let fri = NaiveDate::from_ymd_opt(2020, 7, 3).unwrap(); // Independence Day, observed
/// assert!(!cal.is_open(fri, Counting::Forward).unwrap());
/// ```
#[derive(Debug)]
pub struct Calendar {
    id: String,
    title: String,
    description: String,
    zone: Option<Tz>,
    clerk: Clerk,
    method: String,
    version: String,
    origin: String,
    layers: Vec<Layer>,
    indexes: OnceLock<Indexes>,
    all: OnceLock<AllIndexes>,
    /// The built-in method named by `method`, looked up once.
    counting: OnceLock<Option<&'static crate::rules::Method>>,
}

/// What a calendar says about its clerk's office hours.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clerk {
    /// When the office closes, in the calendar's zone.
    pub closes: Option<NaiveTime>,
    /// Why no closing time is given, when the calendar says.
    pub note: Option<String>,
}

/// What a calendar is, apart from its days.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub id: String,
    pub title: String,
    pub description: String,
    pub zone: Option<Tz>,
    pub clerk: Clerk,
    pub method: String,
    pub version: String,
    pub origin: String,
}

impl Calendar {
    pub(crate) fn new(head: Header, layers: Vec<Layer>) -> Self {
        Calendar {
            id: head.id,
            title: head.title,
            description: head.description,
            zone: head.zone,
            clerk: head.clerk,
            method: head.method,
            version: head.version,
            origin: head.origin,
            layers,
            indexes: OnceLock::new(),
            all: OnceLock::new(),
            counting: OnceLock::new(),
        }
    }

    /// The calendar's name, e.g. `d-colo`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// A one-line title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// What the calendar is and which authorities it follows.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// The court's time zone, if the calendar belongs to one place.
    pub fn zone(&self) -> Option<Tz> {
        self.zone
    }
    /// When the clerk's office closes for paper filing (FRCP 6(a)(4)(B)), in the calendar's
    /// zone, if known.
    pub fn clerk_closes(&self) -> Option<NaiveTime> {
        self.clerk.closes
    }
    /// Why the calendar gives no closing time for the clerk's office, when it says.
    pub fn clerk_note(&self) -> Option<&str> {
        self.clerk.note.as_deref()
    }
    /// The counting method its periods are computed by unless another is chosen, e.g. `frcp-6`
    /// (see [`crate::rules::Methods`]).
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The built-in method [`Calendar::method`] names (checked when the calendar was read),
    /// looked up once.
    #[inline]
    pub(crate) fn counting_method(&self) -> Option<&'static crate::rules::Method> {
        *self
            .counting
            .get_or_init(|| crate::rules::Methods::builtin().get(&self.method).ok())
    }
    /// The version of the data behind this calendar.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// Where the calendar comes from: `built-in` or a file path.
    pub fn origin(&self) -> &str {
        &self.origin
    }
    pub(crate) fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Every holiday and closure whose observed day falls in `from..=to`, in date order.
    /// A day that a broader entry already covers (a state holiday that is also federal, in
    /// `d-colo`) is listed once.
    pub fn days_off(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayOff> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        for layer in &self.layers {
            let cite = |source: &str| match &layer.via {
                Some(via) => format!("{source}; {via}"),
                None => source.to_string(),
            };
            for year in (from.year() - 1)..=(to.year() + 1) {
                for rule in &layer.rules {
                    let Some(statutory) = rule.date_in(year) else {
                        continue;
                    };
                    let date = rule.observed.observe(statutory);
                    if date < from || date > to {
                        continue;
                    }
                    out.push(DayOff {
                        date,
                        statutory: (date != statutory).then_some(statutory),
                        name: rule.name.clone(),
                        kind: ClosureKind::LegalHoliday,
                        applies: layer.applies,
                        calendar: layer.calendar.clone(),
                        source: cite(&rule.source),
                    });
                }
            }
            for closure in &layer.closures {
                let Some(applies) = layer.applies.and(closure.applies) else {
                    continue;
                };
                if closure.date >= from && closure.date <= to {
                    out.push(DayOff {
                        date: closure.date,
                        statutory: None,
                        name: closure.name.clone(),
                        kind: closure.kind,
                        applies,
                        calendar: layer.calendar.clone(),
                        source: cite(&closure.source),
                    });
                }
            }
        }
        out.sort_by_key(|a| (a.date, a.kind, a.applies));
        // Drop an entry that an earlier one on the same day already covers.
        let mut kept: Vec<DayOff> = Vec::with_capacity(out.len());
        for day in out {
            let covered = kept
                .iter()
                .rev()
                .take_while(|k| k.date == day.date)
                .any(|k| {
                    k.kind <= day.kind && (k.applies == Applies::Both || k.applies == day.applies)
                });
            if !covered {
                kept.push(day);
            }
        }
        kept
    }

    /// Marks every closed day of the calendar that `sense` sees into a counting and a filing
    /// bitmap.
    fn mark_days(&self, sense: Sense, count: &mut [u64], file: &mut [u64]) {
        // The days `days_off` lists over the whole range, marked straight into the masks: a day
        // listed twice is marked twice, which changes nothing.
        for layer in &self.layers {
            let mut mark = |date: NaiveDate, kind: ClosureKind, applies: Applies| {
                let Some(pos) = index::position(date) else {
                    return;
                };
                if sense.covers(applies) {
                    index::close(file, pos);
                    if kind == ClosureKind::LegalHoliday {
                        index::close(count, pos);
                    }
                }
            };
            for year in (MIN_DATE.year() - 1)..=(MAX_DATE.year() + 1) {
                for rule in &layer.rules {
                    if let Some(statutory) = rule.date_in(year) {
                        mark(
                            rule.observed.observe(statutory),
                            ClosureKind::LegalHoliday,
                            layer.applies,
                        );
                    }
                }
            }
            for closure in &layer.closures {
                if let Some(applies) = layer.applies.and(closure.applies) {
                    mark(closure.date, closure.kind, applies);
                }
            }
        }
    }

    fn indexes(&self) -> &Indexes {
        self.indexes.get_or_init(|| {
            let weekdays = index::weekdays();
            let [mut count_fwd, mut count_back, mut file_fwd, mut file_back] =
                std::array::from_fn(|_| weekdays.clone());
            self.mark_days(Sense::Forward, &mut count_fwd, &mut file_fwd);
            self.mark_days(Sense::Backward, &mut count_back, &mut file_back);
            Indexes {
                count: [count_fwd, count_back].map(DayIndex::new),
                file: [file_fwd, file_back].map(DayIndex::new),
            }
        })
    }

    /// The index of the days `closed` for a look-up in `sense`.
    #[inline]
    fn index(&self, closed: Closed, sense: Sense) -> &DayIndex {
        let pick = |counting| match closed {
            Closed::Holidays => &self.indexes().count[slot(counting)],
            Closed::ForFiling => &self.indexes().file[slot(counting)],
        };
        match sense {
            Sense::Forward => pick(Counting::Forward),
            Sense::Backward => pick(Counting::Backward),
            Sense::All => {
                let all = self.all.get_or_init(|| {
                    let (mut count, mut file) = (index::weekdays(), index::weekdays());
                    self.mark_days(Sense::All, &mut count, &mut file);
                    AllIndexes {
                        count: DayIndex::new(count),
                        file: DayIndex::new(file),
                    }
                });
                match closed {
                    Closed::Holidays => &all.count,
                    Closed::ForFiling => &all.file,
                }
            }
        }
    }

    /// Builds the court-day index now rather than on first use (for benchmarks and servers).
    pub fn warm(&self) {
        self.indexes();
    }

    /// The first day not `closed` in `sense` at or after (`forward`) or at or before position
    /// `pos`.
    #[inline]
    pub(crate) fn roll_pos(
        &self,
        pos: usize,
        forward: bool,
        closed: Closed,
        sense: Sense,
    ) -> Option<usize> {
        let ix = self.index(closed, sense);
        if forward {
            ix.next_open(pos)
        } else {
            ix.prev_open(pos)
        }
    }

    /// The position `n` court days (days not [`Closed::Holidays`] in `sense`) after (`forward`)
    /// or before position `pos`.
    #[inline]
    pub(crate) fn court_days_pos(
        &self,
        pos: usize,
        n: u64,
        forward: bool,
        sense: Sense,
    ) -> Option<usize> {
        let ix = self.index(Closed::Holidays, sense);
        if forward {
            ix.nth_after(pos, n)
        } else {
            ix.nth_before(pos, n)
        }
    }

    /// Whether the day at `pos` is open: not `closed` in `sense`.
    #[inline]
    pub(crate) fn is_open_pos(&self, pos: usize, closed: Closed, sense: Sense) -> bool {
        self.index(closed, sense).is_open(pos)
    }

    /// Whether `date` is a day for filing: not a weekend, a legal holiday or a day the clerk's
    /// office was inaccessible, for a period counted `counting`.
    pub fn is_open(&self, date: NaiveDate, counting: Counting) -> Result<bool, CalendarError> {
        let pos = pos_of(date)?;
        Ok(self.indexes().file[slot(counting)].is_open(pos))
    }

    /// The first day for filing at or after `date` (`forward`), or at or before it.
    pub fn roll(
        &self,
        date: NaiveDate,
        forward: bool,
        counting: Counting,
    ) -> Result<NaiveDate, CalendarError> {
        let pos = pos_of(date)?;
        let ix = &self.indexes().file[slot(counting)];
        let found = if forward {
            ix.next_open(pos)
        } else {
            ix.prev_open(pos)
        };
        found
            .map(index::date_at)
            .ok_or_else(|| CalendarError::OutOfRange {
                what: format!("the next day for filing from {date}"),
            })
    }

    /// The day `n` court days after (`Forward`) or before (`Backward`) `trigger`, not counting the
    /// trigger day and skipping weekends and legal holidays (not days that were only inaccessible).
    pub fn court_days(
        &self,
        trigger: NaiveDate,
        n: u64,
        counting: Counting,
    ) -> Result<NaiveDate, CalendarError> {
        let pos = pos_of(trigger)?;
        let ix = &self.indexes().count[slot(counting)];
        let found = match counting {
            Counting::Forward => ix.nth_after(pos, n),
            Counting::Backward => ix.nth_before(pos, n),
        };
        found
            .map(index::date_at)
            .ok_or_else(|| CalendarError::OutOfRange {
                what: format!(
                    "{n} court days {} {trigger}",
                    match counting {
                        Counting::Forward => "after",
                        Counting::Backward => "before",
                    }
                ),
            })
    }

    /// Why `date` is closed for filing for a period counted `counting`: the weekend, each holiday
    /// or closure. Empty for an open day.
    pub fn why_closed(&self, date: NaiveDate, counting: Counting) -> Vec<ClosedReason> {
        self.why_closed_in(date, Closed::ForFiling, Sense::of(counting))
    }

    /// [`Calendar::why_closed`] for the days `closed` in `sense`.
    pub(crate) fn why_closed_in(
        &self,
        date: NaiveDate,
        closed: Closed,
        sense: Sense,
    ) -> Vec<ClosedReason> {
        let mut reasons = Vec::new();
        if index::is_weekend(date) {
            reasons.push(ClosedReason {
                date,
                why: date.format("%A").to_string(),
                source: None,
            });
        }
        for day in self.days_off(date, date) {
            let counted = closed == Closed::ForFiling || day.kind == ClosureKind::LegalHoliday;
            if sense.covers(day.applies) && counted {
                let mut why = day.name;
                if day.kind == ClosureKind::Inaccessible {
                    why.push_str(" (clerk's office inaccessible)");
                }
                if let Some(statutory) = day.statutory {
                    why.push_str(&format!(
                        ", observed for {}",
                        statutory.format("%a %Y-%m-%d")
                    ));
                }
                reasons.push(ClosedReason {
                    date,
                    why,
                    source: Some(day.source),
                });
            }
        }
        reasons
    }
}

fn pos_of(date: NaiveDate) -> Result<usize, CalendarError> {
    index::position(date).ok_or_else(|| CalendarError::OutOfRange {
        what: date.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendars;

    /// The index marks exactly the weekends and the days `days_off` lists, for each sense of
    /// "closed" and each direction, on every built-in calendar.
    #[test]
    fn optimisation_index_equals_the_listed_days_off() {
        for cal in Calendars::builtin().iter() {
            let n = index::span();
            let weekend: Vec<bool> = (0..n)
                .map(|p| index::is_weekend(index::date_at(p)))
                .collect();
            let mut count = [weekend.clone(), weekend.clone()];
            let mut file = [weekend.clone(), weekend];
            for day in cal.days_off(MIN_DATE, MAX_DATE) {
                let pos = index::position(day.date).expect("in range");
                for counting in [Counting::Forward, Counting::Backward] {
                    if day.applies.covers(counting) {
                        file[slot(counting)][pos] = true;
                        if day.kind == ClosureKind::LegalHoliday {
                            count[slot(counting)][pos] = true;
                        }
                    }
                }
            }
            let ix = cal.indexes();
            for s in 0..2 {
                for pos in 0..n {
                    assert_eq!(
                        ix.file[s].is_open(pos),
                        !file[s][pos],
                        "{} file {pos}",
                        cal.id()
                    );
                    assert_eq!(
                        ix.count[s].is_open(pos),
                        !count[s][pos],
                        "{} count {pos}",
                        cal.id()
                    );
                }
            }
        }
    }
}
