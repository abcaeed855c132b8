//! Computing a due date from a trigger and a period, by the counting method in force on the
//! trigger day (FRCP 6 for federal calendars, C.R.C.P. 6 for Colorado's, each in its versions).
//!
//! Day arithmetic is on civil dates; zones matter only for hour periods and the due instant.
//! Nothing here loops over the days of a period: calendar days are date arithmetic, court days
//! (and the short periods of the old methods) an O(1) look-up in the calendar's index.

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::calendar::{
    Calendar, CalendarError, Closed, Counting, MAX_POS, Sense, date_at, position,
};

use super::error::ComputeError;
use super::explain::{NoTrace, Step, Trace};
use super::method::{Added, Method, Methods, StateHolidays, Version};
use super::period::{Period, Roll, Service, Unit};
use super::trigger::{Moment, Trigger};

/// What time on the last day a period ends (FRCP 6(a)(4)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EndOfDay {
    /// The end of the day in the court's zone: electronic filing (FRCP 6(a)(4)(A)).
    #[default]
    Midnight,
    /// When the clerk's office closes, for paper filing (FRCP 6(a)(4)(B)): the calendar's
    /// closing time in the calendar's own zone. Refused for a calendar that gives none.
    ClerkCloses,
    /// A time set by statute, local rule or order.
    At(NaiveTime),
}

/// Everything besides the trigger and the period that decides a due date.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The court's calendar.
    pub calendar: &'a Calendar,
    /// Overrides the roll policy (default: the method's, FRCP 6(a)(5)).
    pub roll: Option<Roll>,
    /// Overrides the calendar's time zone.
    pub zone: Option<Tz>,
    /// When the last day ends.
    pub end: EndOfDay,
    /// The rule, order or document that sets the period, cited in the explanation.
    pub authority: Option<&'a str>,
    /// The counting method, overriding the calendar's (its version is still the one in force
    /// on the trigger day, unless `version_on` says otherwise).
    pub method: Option<&'a Method>,
    /// Count by the version in force on this day instead of the trigger day's: to apply a rule
    /// to dates before it took effect (its Committee Note's examples), or to see what an older
    /// version would have said.
    pub version_on: Option<NaiveDate>,
}

impl<'a> Context<'a> {
    /// A context with the calendar's defaults.
    pub fn new(calendar: &'a Calendar) -> Self {
        Context {
            calendar,
            roll: None,
            zone: None,
            end: EndOfDay::Midnight,
            authority: None,
            method: None,
            version_on: None,
        }
    }

    fn zone(&self) -> Option<Tz> {
        self.zone.or(self.calendar.zone())
    }

    /// The counting method: the one chosen, or the calendar's.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::rules::Context;
    /// let cal = Calendars::builtin().get("co-courts").unwrap();
    /// assert_eq!(Context::new(cal).method().unwrap().id(), "crcp-6");
    /// ```
    #[inline]
    pub fn method(&self) -> Result<&'a Method, ComputeError> {
        match self.method.or(self.calendar.counting_method()) {
            Some(m) => Ok(m),
            None => Ok(Methods::builtin().get(self.calendar.method())?),
        }
    }
}

/// A computed due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    /// The last day.
    pub date: NaiveDate,
    /// The time of day it ends, when one applies (hour periods, paper filing, a set time);
    /// `None` means the end of the day.
    pub time: Option<NaiveTime>,
    /// The zone `time` is read in, when known.
    pub zone: Option<Tz>,
    /// Where the clocks go back, a time of day on `date` can happen twice: `true` says the due
    /// instant is the second of the two (an hour period that ends in the repeated hour).
    pub fold: bool,
}

impl Due {
    /// The due instant: the given time, or the last second of the day (23:59:59), in the zone.
    /// `None` when no zone is known.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::rules::{Context, Period, Roll};
    /// let cal = Calendars::builtin().get("d-colo").unwrap();
    /// let mut ctx = Context::new(cal);
    /// ctx.roll = Some(Roll::None);
    /// // 24 hours from 02:30 MDT end in the hour the clocks repeat, at 01:30 MST.
    /// let p: Period = "24 hours".parse().unwrap();
    /// let due = p.due(&"2026-10-31T02:30".parse().unwrap(), &ctx).unwrap();
    /// assert_eq!(due.at().unwrap().to_rfc3339(), "2026-11-01T01:30:00-07:00");
    /// ```
    pub fn at(&self) -> Option<DateTime<FixedOffset>> {
        let tz = self.zone?;
        let time = self
            .time
            .unwrap_or_else(|| NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"));
        let local = self.date.and_time(time);
        let placed = tz.from_local_datetime(&local);
        let at = if self.time.is_none() || self.fold {
            placed.latest()
        } else {
            // A time the clocks skip moves to the same reading an hour later.
            placed.earliest().or_else(|| {
                tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                    .earliest()
            })
        };
        at.map(|t| t.fixed_offset())
    }

    /// The due instant shown in `zone` (the same instant as [`Due::at`]).
    pub fn at_in(&self, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
        let at = self.at()?;
        Some(zone.map_or(at, |z| at.with_timezone(&z).fixed_offset()))
    }
}

impl Period {
    /// The due date, computed without building an explanation.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::rules::{Context, Period};
    /// let cal = Calendars::builtin().get("us-federal").unwrap();
    /// let p: Period = "21 days".parse().unwrap();
    /// // Lands on Fri 2020-07-03, the observed Independence Day, and rolls to Monday.
    /// let due = p.due(&"2020-06-12".parse().unwrap(), &Context::new(cal)).unwrap();
    /// assert_eq!(due.date.to_string(), "2020-07-06");
    /// ```
    pub fn due(&self, trigger: &Trigger, ctx: &Context) -> Result<Due, ComputeError> {
        compute(self, trigger, ctx, &mut NoTrace)
    }

    /// The due date from a civil trigger date: the fast path for bulk computation.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use docket::calendar::Calendars;
    /// use docket::rules::{Context, Period};
    /// let ctx = Context::new(Calendars::builtin().get("us-federal").unwrap());
    /// let p: Period = "14 court days".parse().unwrap();
    /// let from = NaiveDate::from_ymd_opt(2020, 1, 13).unwrap();
    /// // Martin Luther King Jr. Day (Mon 2020-01-20) is not a court day.
    /// assert_eq!(p.due_from(from, &ctx).unwrap().date.to_string(), "2020-02-03");
    /// ```
    pub fn due_from(&self, trigger: NaiveDate, ctx: &Context) -> Result<Due, ComputeError> {
        compute(self, &Trigger::Date(trigger), ctx, &mut NoTrace)
    }

    /// The due date with every step of its computation.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::rules::{Context, Period};
    /// let ctx = Context::new(Calendars::builtin().get("us-federal").unwrap());
    /// let p: Period = "21 days".parse().unwrap();
    /// let (due, steps) = p.explain(&"2020-06-12".parse().unwrap(), &ctx).unwrap();
    /// assert_eq!(due.date.to_string(), "2020-07-06");
    /// // The steps say why: the 21st day is the observed Independence Day, and it rolls.
    /// assert!(steps.len() >= 2);
    /// ```
    pub fn explain(
        &self,
        trigger: &Trigger,
        ctx: &Context,
    ) -> Result<(Due, Vec<Step>), ComputeError> {
        let mut steps = Vec::new();
        let due = compute(self, trigger, ctx, &mut steps)?;
        Ok((due, steps))
    }

    /// The counting method and version that count this period from `trigger` in `ctx`: the
    /// version in force on the trigger day (for a version that asks the deadline to follow its
    /// first day too, the one before it when the deadline does not).
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::rules::{Context, Period};
    /// let cal = Calendars::builtin().get("us-federal").unwrap();
    /// let p: Period = "10 days".parse().unwrap();
    /// let (method, version) = p.counted_by(&"2008-03-03".parse().unwrap(), &Context::new(cal)).unwrap();
    /// assert_eq!((method.id(), version.id().as_str()), ("frcp-6", "2007-12-01"));
    /// ```
    pub fn counted_by<'a>(
        &self,
        trigger: &Trigger,
        ctx: &Context<'a>,
    ) -> Result<(&'a Method, &'a Version), ComputeError> {
        let method = ctx.method()?;
        let moment = trigger.resolve(ctx.zone())?;
        Ok((method, version_for(self, moment, trigger, ctx, method)?))
    }
}

/// The version of `method` that counts `period` from `moment` (see [`Period::counted_by`]).
#[inline]
fn version_for<'a>(
    period: &Period,
    moment: Moment,
    trigger: &Trigger,
    ctx: &Context,
    method: &'a Method,
) -> Result<&'a Version, ComputeError> {
    if let Some(day) = ctx.version_on {
        return Ok(method.in_force(day));
    }
    let version = method.in_force(moment.date);
    if version.both_dates
        && let Some(before) = method.before(version)
    {
        let due = counted(period, moment, trigger, ctx, method, version, &mut NoTrace)?;
        if due.date < version.from {
            return Ok(before);
        }
    }
    Ok(version)
}

fn compute<T: Trace>(
    period: &Period,
    trigger: &Trigger,
    ctx: &Context,
    trace: &mut T,
) -> Result<Due, ComputeError> {
    let method = ctx.method()?;
    let moment = trigger.resolve(ctx.zone())?;
    let version = version_for(period, moment, trigger, ctx, method)?;
    counted(period, moment, trigger, ctx, method, version, trace)
}

fn out_of_range(what: String) -> ComputeError {
    ComputeError::Calendar(CalendarError::OutOfRange { what })
}

/// What a version says about one period: the look-ups it makes and the rules it cites.
pub(super) struct Rules<'a> {
    pub version: &'a Version,
    pub counting: Counting,
    pub roll: Roll,
    /// The closed days a look-up sees for this period's direction.
    pub sense: Sense,
    /// The days a last day moves off.
    pub closed: Closed,
}

impl<'a> Rules<'a> {
    #[inline]
    fn new(version: &'a Version, counting: Counting, roll: Option<Roll>) -> Self {
        let sense = match (counting, version.state_holidays) {
            (Counting::Backward, StateHolidays::BothDirections) => Sense::All,
            _ => Sense::of(counting),
        };
        Rules {
            version,
            counting,
            roll: roll.unwrap_or_else(|| Roll::default_for(counting)),
            sense,
            closed: if version.inaccessible.is_some() {
                Closed::ForFiling
            } else {
                Closed::Holidays
            },
        }
    }

    /// Rolls `date` by the roll, recording why each day passed over was closed.
    pub(super) fn roll_day<T: Trace>(
        &self,
        date: NaiveDate,
        cal: &Calendar,
        trace: &mut T,
    ) -> Result<NaiveDate, ComputeError> {
        let pos = position(date).ok_or_else(|| out_of_range(date.to_string()))?;
        let to = match self.roll {
            Roll::None => {
                if trace.wanted() && !cal.is_open_pos(pos, self.closed, self.sense) {
                    trace.record(|| Step::Kept {
                        date,
                        closed: cal.why_closed_in(date, self.closed, self.sense),
                    });
                }
                return Ok(date);
            }
            Roll::Forward | Roll::Backward => cal
                .roll_pos(pos, self.roll == Roll::Forward, self.closed, self.sense)
                .map(date_at)
                .ok_or_else(|| out_of_range(format!("the next day for filing from {date}")))?,
        };
        if to != date {
            trace.record(|| self.roll_step(date, to, cal));
        }
        Ok(to)
    }

    fn roll_step(&self, from: NaiveDate, to: NaiveDate, cal: &Calendar) -> Step {
        let mut closed = Vec::new();
        let mut inaccessible = false;
        let mut d = from;
        while d != to {
            closed.extend(cal.why_closed_in(d, self.closed, self.sense));
            let pos = position(d).expect("a day passed over is in range");
            inaccessible |= cal.is_open_pos(pos, Closed::Holidays, self.sense)
                && !cal.is_open_pos(pos, Closed::ForFiling, self.sense);
            d = if to > d {
                d + Days::new(1)
            } else {
                d - Days::new(1)
            };
        }
        let rules = &self.version.roll;
        let mut source = match (self.roll, self.counting) {
            (Roll::Forward, Counting::Forward) => rules.forward.clone(),
            (Roll::Backward, Counting::Backward) => rules.backward.clone(),
            _ => "the roll this period's authority sets".to_string(),
        };
        if let (true, Some(rule)) = (inaccessible, &self.version.inaccessible) {
            source = format!("{source}; {rule}");
        }
        Step::Roll {
            from,
            to,
            direction: self.roll.word().into(),
            closed,
            source,
        }
    }

    /// [`Rules::roll_day`] on index positions: the fast path for day periods.
    #[inline]
    fn roll_pos<T: Trace>(
        &self,
        pos: usize,
        cal: &Calendar,
        trace: &mut T,
    ) -> Result<usize, ComputeError> {
        if trace.wanted() {
            return self
                .roll_day(date_at(pos), cal, trace)
                .map(|d| position(d).expect("a rolled day stays in range"));
        }
        match self.roll {
            Roll::None => Ok(pos),
            Roll::Forward | Roll::Backward => cal
                .roll_pos(pos, self.roll == Roll::Forward, self.closed, self.sense)
                .ok_or_else(|| {
                    out_of_range(format!("the next day for filing from {}", date_at(pos)))
                }),
        }
    }
}

/// The words for how a period is counted, and the rule that says so.
fn method_words(period: &Period, version: &Version, short: Option<u32>) -> (String, String) {
    match (period.unit, short) {
        (Unit::CourtDays, _) => (
            "in court days: day 1 is the first court day after the trigger day, and Saturdays, Sundays and legal holidays are skipped".into(),
            version.court_days.clone(),
        ),
        (Unit::Hours, _) => (
            "in hours: it begins at once, every hour counts, and if it ends on a Saturday, Sunday or legal holiday it runs to the same time on the next day that is none of those".into(),
            version.hours.clone().unwrap_or_default(),
        ),
        (_, Some(under)) => (
            format!("by excluding the trigger day and the Saturdays, Sundays and legal holidays inside the period, since it is shorter than {under} days, and including the last day"),
            version.short_periods.as_ref().map(|s| s.cite.clone()).unwrap_or_default(),
        ),
        (Unit::CalendarDays, None) if version.short_periods.is_some() => (
            "by excluding the trigger day, counting every day including Saturdays, Sundays and legal holidays (the period is stated in calendar days), and including the last day".into(),
            version.short_periods.as_ref().map(|s| s.cite.clone()).unwrap_or_default(),
        ),
        _ => (
            "by excluding the trigger day, counting every day including Saturdays, Sundays and legal holidays, and including the last day".into(),
            version.days.clone(),
        ),
    }
}

/// The days `service` adds under `version`, with its step.
pub(super) fn service_step(
    service: Service,
    version: &Version,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Step {
    let rule = &version.service;
    let add_on = rule.add_on(service);
    Step::Service {
        means: format!("{} ({})", service.means(), add_on.by),
        days: add_on.days,
        added: match rule.added {
            Added::AfterExpiry => "after-expiry",
            Added::ToPeriod => "to-period",
        }
        .into(),
        from,
        to,
        source: rule.cite.clone(),
        note: add_on.note.clone(),
    }
}

/// The period counted by `version` of `method`, from the trigger placed at `moment`.
fn counted<T: Trace>(
    period: &Period,
    moment: Moment,
    trigger: &Trigger,
    ctx: &Context,
    method: &Method,
    version: &Version,
    trace: &mut T,
) -> Result<Due, ComputeError> {
    let cal = ctx.calendar;
    let zone = ctx.zone();
    let rules = Rules::new(version, period.direction, ctx.roll);
    let n = u64::from(period.count);
    let before = period.direction == Counting::Backward;
    let describe = |count: u64| {
        format!(
            "{count} {} {}",
            period.unit.name(count),
            if before { "before" } else { "after" }
        )
    };
    let beyond = || out_of_range(format!("{} {}", describe(n), moment.date));
    // A trigger outside the range is refused for every unit, hours included.
    let from_pos = position(moment.date).ok_or_else(beyond)?;

    // What service adds, and whether it lengthens the period itself (FRCP 6(e) before 2005).
    let add_days = period.service.map_or(0, |s| version.service.add_on(s).days);
    let to_period = add_days > 0 && version.service.added == Added::ToPeriod;
    let day_units = matches!(period.unit, Unit::Days | Unit::Weeks | Unit::CalendarDays);
    let length = match period.unit {
        Unit::Weeks => n * 7,
        _ => n,
    } + if to_period && day_units {
        u64::from(add_days)
    } else {
        0
    };
    let short = version
        .short_periods
        .as_ref()
        .filter(|s| {
            matches!(period.unit, Unit::Days | Unit::Weeks)
                || (period.unit == Unit::CalendarDays && !s.calendar_days_exempt)
        })
        .filter(|s| length < u64::from(s.under))
        .map(|s| s.under);

    trace.record(|| Step::Trigger {
        date: moment.date,
        at: moment.instant.map(|t| t.to_rfc3339()),
        what: None,
    });
    trace.record(|| {
        let (words, source) = method_words(period, version, short);
        let source = match (ctx.authority, period.unit) {
            (Some(_), unit) if unit != Unit::CourtDays => {
                format!(
                    "{source}, applied as the default since the authority sets no method of its own"
                )
            }
            _ => source,
        };
        Step::Method {
            period: period.to_string(),
            authority: ctx.authority.map(str::to_string),
            method: words,
            source,
        }
    });
    trace.record(|| Step::Version {
        method: method.id().to_string(),
        title: method.title().to_string(),
        version: version.from,
        until: version.until,
        status: version.status.word().to_string(),
        cite: version.cite.clone(),
        read_in: (version.status == super::method::Status::Draft).then(|| version.read_in.clone()),
        note: (version.status == super::method::Status::Draft)
            .then(|| version.note.clone())
            .flatten(),
        why: match (ctx.version_on, ctx.method.is_some()) {
            (Some(day), _) => format!("as chosen: the version in force on {day}"),
            (None, true) => "the version in force on the trigger day of the method chosen".into(),
            (None, false) if version.until.is_some_and(|u| u < moment.date) => {
                "since the deadline falls before the next version took effect".into()
            }
            (None, false) => "the version in force on the trigger day".into(),
        },
    });

    if period.unit == Unit::Hours {
        return super::hours::counted(period, moment, trigger, ctx, method, &rules, trace);
    }

    if to_period {
        trace.record(|| service_step(period.service.expect("added"), version, None, None));
    }
    let from = moment.date;
    let count_detail = || {
        let how = if period.unit == Unit::CourtDays {
            "(court days only)"
        } else if short.is_some() {
            "(Saturdays, Sundays and legal holidays inside it skipped)"
        } else {
            "(every day counted)"
        };
        if to_period && day_units {
            format!(
                "{} ({} + {add_days} days for service) {how}",
                describe(length),
                describe(n)
            )
        } else {
            format!("{} {how}", describe(n))
        }
    };
    let forward = !before;
    let landed = match period.unit {
        Unit::Days | Unit::Weeks | Unit::CalendarDays => {
            if length == 0 {
                Some(from_pos)
            } else if short.is_some() {
                cal.court_days_pos(from_pos, length, forward, rules.sense)
            } else if before {
                from_pos.checked_sub(length as usize)
            } else {
                from_pos
                    .checked_add(length as usize)
                    .filter(|p| *p <= MAX_POS)
            }
        }
        Unit::Months | Unit::Years => {
            let months = if period.unit == Unit::Years {
                period.count.checked_mul(12)
            } else {
                Some(period.count)
            };
            months
                .and_then(|m| {
                    if before {
                        from.checked_sub_months(Months::new(m))
                    } else {
                        from.checked_add_months(Months::new(m))
                    }
                })
                .and_then(position)
        }
        Unit::CourtDays if n == 0 => Some(from_pos),
        Unit::CourtDays => cal.court_days_pos(from_pos, n, forward, rules.sense),
        Unit::Hours => unreachable!("counted above"),
    }
    .ok_or_else(beyond)?;
    trace.record(|| Step::Count {
        from: from.format("%A, %B %-d, %Y").to_string(),
        to: date_at(landed).format("%A, %B %-d, %Y").to_string(),
        detail: count_detail(),
    });
    if trace.wanted()
        && matches!(period.unit, Unit::Months | Unit::Years)
        && date_at(landed).day() != from.day()
    {
        trace.record(|| Step::Clamp {
            wanted_day: from.day(),
            to: date_at(landed),
            source: version.months.clone(),
        });
    }
    // Days added to a period of months or court days join it before the roll.
    let landed = if to_period && !day_units {
        let to = landed + add_days as usize;
        if to > MAX_POS {
            return Err(out_of_range(format!(
                "{add_days} days after {}",
                date_at(landed)
            )));
        }
        to
    } else {
        landed
    };
    let mut pos = rules.roll_pos(landed, cal, trace)?;
    if let Some(service) = period.service.filter(|_| !to_period) {
        if add_days == 0 {
            trace.record(|| service_step(service, version, None, None));
        } else {
            let to = pos + add_days as usize;
            if to > MAX_POS {
                return Err(out_of_range(format!(
                    "{add_days} days after {}",
                    date_at(pos)
                )));
            }
            trace.record(|| service_step(service, version, Some(date_at(pos)), Some(date_at(to))));
            pos = rules.roll_pos(to, cal, trace)?;
        }
    }
    let date = date_at(pos);
    let (time, due_zone) = match ctx.end {
        EndOfDay::Midnight => (None, zone),
        EndOfDay::At(t) => (Some(t), zone),
        // The closing time is the court's: read in the calendar's own zone, whatever zone the
        // due instant is shown in.
        EndOfDay::ClerkCloses => match cal.clerk_closes() {
            Some(t) => (Some(t), cal.zone().or(zone)),
            None => {
                return Err(ComputeError::NoClerkHours {
                    calendar: cal.id().to_string(),
                    why: cal.clerk_note().map(str::to_string),
                });
            }
        },
    };
    let due = Due {
        date,
        time,
        zone: due_zone,
        fold: false,
    };
    trace.record(|| Step::Due {
        date,
        at: due.at_in(zone).map(|t| t.to_rfc3339()),
        basis: match (ctx.end, time) {
            (EndOfDay::At(t), _) => format!(
                "at {} as set for this deadline ({})",
                t.format("%H:%M"),
                version.end.set
            ),
            (EndOfDay::ClerkCloses, Some(t)) => format!(
                "when the clerk's office closes, {}{}, for paper filing ({})",
                t.format("%H:%M"),
                cal.zone().map(|z| format!(" {}", z.name())).unwrap_or_default(),
                version.end.paper
            ),
            _ => format!(
                "at the end of the day: midnight in the court's time zone for electronic filing ({})",
                version.end.electronic
            ),
        },
    });
    trace.record(|| data_step(cal));
    Ok(due)
}

pub(super) fn data_step(cal: &Calendar) -> Step {
    Step::Data {
        calendar: cal.id().to_string(),
        version: cal.version().to_string(),
    }
}
