//! Computing a due date from a trigger and a period, by the rules of FRCP 6(a) and 6(d).
//!
//! Day arithmetic is on civil dates; zones matter only for hour periods and the due instant.
//! Nothing here loops over the days of a period: calendar days are date arithmetic, court days
//! an O(1) look-up in the calendar's index.

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::calendar::{Calendar, CalendarError, Counting, MAX_POS, date_at, position};

use super::error::ComputeError;
use super::explain::{NoTrace, Step, Trace};
use super::period::{Period, Roll, Unit};
use super::trigger::Trigger;

/// What time on the last day a period ends (FRCP 6(a)(4)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EndOfDay {
    /// Midnight in the court's zone: electronic filing (FRCP 6(a)(4)(A)).
    #[default]
    Midnight,
    /// When the clerk's office closes, for paper filing (FRCP 6(a)(4)(B)); midnight if the
    /// calendar does not say when that is.
    ClerkCloses,
    /// A time set by statute, local rule or order.
    At(NaiveTime),
}

/// Everything besides the trigger and the period that decides a due date.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The court's calendar.
    pub calendar: &'a Calendar,
    /// Overrides the roll policy (default: FRCP 6(a)(5)).
    pub roll: Option<Roll>,
    /// Overrides the calendar's time zone.
    pub zone: Option<Tz>,
    /// When the last day ends.
    pub end: EndOfDay,
    /// The rule, order or document that sets the period, cited in the explanation.
    pub authority: Option<&'a str>,
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
        }
    }

    fn zone(&self) -> Option<Tz> {
        self.zone.or(self.calendar.zone())
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
    /// The zone that decides the due instant, when known.
    pub zone: Option<Tz>,
}

impl Due {
    /// The due instant: the given time, or the last second of the day (23:59:59), in the zone.
    /// `None` when no zone is known.
    pub fn at(&self) -> Option<DateTime<FixedOffset>> {
        let tz = self.zone?;
        let time = self
            .time
            .unwrap_or_else(|| NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"));
        let local = self.date.and_time(time);
        let placed = tz.from_local_datetime(&local);
        let at = if self.time.is_none() {
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
    pub fn due_from(&self, trigger: NaiveDate, ctx: &Context) -> Result<Due, ComputeError> {
        compute(self, &Trigger::Date(trigger), ctx, &mut NoTrace)
    }

    /// The due date with every step of its computation.
    pub fn explain(
        &self,
        trigger: &Trigger,
        ctx: &Context,
    ) -> Result<(Due, Vec<Step>), ComputeError> {
        let mut steps = Vec::new();
        let due = compute(self, trigger, ctx, &mut steps)?;
        Ok((due, steps))
    }
}

fn out_of_range(what: String) -> ComputeError {
    ComputeError::Calendar(CalendarError::OutOfRange { what })
}

fn method(period: &Period) -> (String, &'static str) {
    match period.unit {
        Unit::CourtDays => (
            "in court days: day 1 is the first court day after the trigger day, and Saturdays, Sundays and legal holidays are skipped".into(),
            "as the rule or order setting the period provides; not an FRCP 6 unit",
        ),
        Unit::Hours => (
            "in hours: it begins at once, every hour counts, and if it ends on a Saturday, Sunday or legal holiday it runs to the same time on the next day that is none of those".into(),
            "FRCP 6(a)(2)",
        ),
        _ => (
            "by excluding the trigger day, counting every day including Saturdays, Sundays and legal holidays, and including the last day".into(),
            "FRCP 6(a)(1)",
        ),
    }
}

/// Rolls `date` by `roll`, recording why each day passed over was closed.
fn roll_day<T: Trace>(
    date: NaiveDate,
    roll: Roll,
    counting: Counting,
    cal: &Calendar,
    trace: &mut T,
) -> Result<NaiveDate, ComputeError> {
    let to = match roll {
        Roll::Forward => cal.roll(date, true, counting)?,
        Roll::Backward => cal.roll(date, false, counting)?,
        Roll::None => {
            if trace.wanted() && !cal.is_open(date, counting)? {
                trace.record(|| Step::Kept {
                    date,
                    closed: cal.why_closed(date, counting),
                });
            }
            return Ok(date);
        }
    };
    if to != date {
        trace.record(|| {
            let mut closed = Vec::new();
            let mut d = date;
            while d != to {
                closed.extend(cal.why_closed(d, counting));
                d = if to > d {
                    d + Days::new(1)
                } else {
                    d - Days::new(1)
                };
            }
            let source = match (roll, counting) {
                (Roll::Forward, Counting::Forward) => "FRCP 6(a)(1)(C), 6(a)(5)",
                (Roll::Backward, Counting::Backward) => "FRCP 6(a)(1)(C), 6(a)(5)",
                _ => "the roll this period's authority sets",
            };
            Step::Roll {
                from: date,
                to,
                direction: roll.word().into(),
                closed,
                source: source.into(),
            }
        });
    }
    Ok(to)
}

fn compute<T: Trace>(
    period: &Period,
    trigger: &Trigger,
    ctx: &Context,
    trace: &mut T,
) -> Result<Due, ComputeError> {
    let cal = ctx.calendar;
    let own_zone = match trigger {
        Trigger::Local(_, z) | Trigger::Instant(_, z) => *z,
        Trigger::Date(_) => None,
    };
    let zone = ctx.zone();
    let moment = trigger.resolve(zone)?;
    let counting = period.direction;
    let roll = ctx.roll.unwrap_or_else(|| Roll::default_for(counting));
    let n = u64::from(period.count);
    trace.record(|| Step::Trigger {
        date: moment.date,
        at: moment.instant.map(|t| t.to_rfc3339()),
        what: None,
    });
    trace.record(|| {
        let (method, source) = method(period);
        let source = match (ctx.authority, period.unit) {
            (Some(_), Unit::Days | Unit::Weeks | Unit::Months | Unit::Years | Unit::Hours) => {
                format!(
                    "{source}, applied as the default since the authority sets no method of its own"
                )
            }
            _ => source.to_string(),
        };
        Step::Method {
            period: period.to_string(),
            authority: ctx.authority.map(str::to_string),
            method,
            source,
        }
    });
    let before = counting == Counting::Backward;
    let describe = || {
        format!(
            "{} {} {}",
            period.count,
            period.unit.name(n),
            if before { "before" } else { "after" }
        )
    };

    if period.unit == Unit::Hours {
        let start = moment
            .instant
            .ok_or(ComputeError::HoursFromDate { date: moment.date })?;
        let tz = zone.or(own_zone).ok_or(ComputeError::HoursNeedZone)?;
        let hours = chrono::Duration::hours(i64::from(period.count));
        let end = if before {
            start.checked_sub_signed(hours)
        } else {
            start.checked_add_signed(hours)
        }
        .ok_or_else(|| out_of_range(format!("{} {}", describe(), moment.date)))?;
        let local = end.with_timezone(&tz);
        trace.record(|| Step::Count {
            from: start.to_rfc3339(),
            to: local.fixed_offset().to_rfc3339(),
            detail: format!(
                "{} {} of elapsed time, in {}",
                period.count,
                period.unit.name(n),
                tz.name()
            ),
        });
        let mut date = roll_day(local.date_naive(), roll, counting, cal, trace)?;
        if let Some(service) = period.service {
            date = add_service(date, service, roll, counting, cal, trace)?;
        }
        let due = Due {
            date,
            time: Some(local.time()),
            zone: Some(tz),
        };
        trace.record(|| Step::Due {
            date,
            at: due.at().map(|t| t.to_rfc3339()),
            basis: "at the same time of day as the period ends (FRCP 6(a)(2)(C))".into(),
        });
        trace.record(|| data_step(cal));
        return Ok(due);
    }

    let from = moment.date;
    let beyond = || out_of_range(format!("{} {from}", describe()));
    let from_pos = position(from).ok_or_else(beyond)?;
    let landed = match period.unit {
        Unit::Days | Unit::Weeks => {
            let days = if period.unit == Unit::Weeks { n * 7 } else { n } as usize;
            if before {
                from_pos.checked_sub(days)
            } else {
                from_pos.checked_add(days).filter(|p| *p <= MAX_POS)
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
        Unit::CourtDays => cal.court_days_pos(from_pos, n, counting),
        Unit::Hours => unreachable!("handled above"),
    }
    .ok_or_else(beyond)?;
    trace.record(|| Step::Count {
        from: from.format("%A, %B %-d, %Y").to_string(),
        to: date_at(landed).format("%A, %B %-d, %Y").to_string(),
        detail: format!(
            "{} {}",
            describe(),
            if period.unit == Unit::CourtDays {
                "(court days only)"
            } else {
                "(every day counted)"
            }
        ),
    });
    if trace.wanted()
        && matches!(period.unit, Unit::Months | Unit::Years)
        && date_at(landed).day() != from.day()
    {
        trace.record(|| Step::Clamp {
            wanted_day: from.day(),
            to: date_at(landed),
            source: "C.R.S. 1-1-106(3): a period of months ends on the same day of the month, or on the last day of a shorter month".into(),
        });
    }
    let mut pos = roll_pos(landed, roll, counting, cal, trace)?;
    if let Some(service) = period.service {
        let to = pos + 3;
        if to > MAX_POS {
            return Err(out_of_range(format!("3 days after {}", date_at(pos))));
        }
        trace.record(|| service_step(service, date_at(pos), date_at(to)));
        pos = roll_pos(to, roll, counting, cal, trace)?;
    }
    let date = date_at(pos);
    let time = match ctx.end {
        EndOfDay::Midnight => None,
        EndOfDay::At(t) => Some(t),
        EndOfDay::ClerkCloses => cal.clerk_closes(),
    };
    let due = Due { date, time, zone };
    trace.record(|| Step::Due {
        date,
        at: due.at().map(|t| t.to_rfc3339()),
        basis: match (ctx.end, time) {
            (EndOfDay::At(t), _) => format!("at {} as set for this deadline (FRCP 6(a)(4): a statute, local rule or order may set the time)", t.format("%H:%M")),
            (EndOfDay::ClerkCloses, Some(t)) => format!("when the clerk's office closes, {}, for paper filing (FRCP 6(a)(4)(B))", t.format("%H:%M")),
            (EndOfDay::ClerkCloses, None) => "at the end of the day: the calendar does not say when the clerk's office closes (FRCP 6(a)(4))".into(),
            (EndOfDay::Midnight, _) => "at the end of the day: midnight in the court's time zone for electronic filing (FRCP 6(a)(4)(A))".into(),
        },
    });
    trace.record(|| data_step(cal));
    Ok(due)
}

/// [`roll_day`] on index positions: the fast path for day periods.
#[inline]
fn roll_pos<T: Trace>(
    pos: usize,
    roll: Roll,
    counting: Counting,
    cal: &Calendar,
    trace: &mut T,
) -> Result<usize, ComputeError> {
    if trace.wanted() {
        return roll_day(date_at(pos), roll, counting, cal, trace)
            .map(|d| position(d).expect("a rolled day stays in range"));
    }
    match roll {
        Roll::None => Ok(pos),
        Roll::Forward | Roll::Backward => cal
            .roll_pos(pos, roll == Roll::Forward, counting)
            .ok_or_else(|| out_of_range(format!("the next day for filing from {}", date_at(pos)))),
    }
}

fn service_step(service: super::period::Service, from: NaiveDate, to: NaiveDate) -> Step {
    Step::Service {
        means: format!(
            "by {} ({})",
            match service {
                super::period::Service::Mail => "mail",
                super::period::Service::Clerk => "leaving it with the clerk",
                super::period::Service::Consent => "other means consented to",
            },
            service.rule()
        ),
        from,
        to,
        source: "FRCP 6(d)".into(),
    }
}

fn add_service<T: Trace>(
    date: NaiveDate,
    service: super::period::Service,
    roll: Roll,
    counting: Counting,
    cal: &Calendar,
    trace: &mut T,
) -> Result<NaiveDate, ComputeError> {
    let plus = date
        .checked_add_days(Days::new(3))
        .filter(|d| *d <= crate::calendar::MAX_DATE)
        .ok_or_else(|| out_of_range(format!("3 days after {date}")))?;
    trace.record(|| service_step(service, date, plus));
    roll_day(plus, roll, counting, cal, trace)
}

fn data_step(cal: &Calendar) -> Step {
    Step::Data {
        calendar: cal.id().to_string(),
        version: cal.version().to_string(),
    }
}
