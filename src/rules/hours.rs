//! Periods stated in hours (FRCP 6(a)(2)): elapsed time from the trigger instant. The end is the
//! trigger instant plus the hours, whatever the clocks do in between; only when that instant falls
//! on a day that is not a day for filing is it rebuilt, at the same local time on the day the
//! period runs to.

use chrono::{LocalResult, TimeZone};

use super::compute::{Context, Due, Rules, data_step, service_step};
use super::error::ComputeError;
use super::explain::{Step, Trace};
use super::method::Method;
use super::period::Period;
use super::trigger::{Moment, Trigger};
use crate::calendar::{CalendarError, Counting, position};

/// The hour period counted by the version in `rules`.
pub(super) fn counted<T: Trace>(
    period: &Period,
    moment: Moment,
    trigger: &Trigger,
    ctx: &Context,
    method: &Method,
    rules: &Rules,
    trace: &mut T,
) -> Result<Due, ComputeError> {
    let version = rules.version;
    let Some(rule) = &version.hours else {
        return Err(ComputeError::HoursNoRule {
            method: method.title().to_string(),
            version: version.id(),
            later: method
                .versions()
                .iter()
                .find(|v| v.from > version.from && v.hours.is_some())
                .map(|v| v.from),
        });
    };
    if let Some(service) = period.service {
        let days = version.service.add_on(service).days;
        if days > 0 {
            return Err(ComputeError::HoursService {
                period: period.to_string(),
                days,
                rule: version.service.cite.clone(),
            });
        }
    }
    let start = moment.instant.ok_or(ComputeError::HoursFromDate {
        date: moment.date,
        rule: rule.clone(),
    })?;
    let own_zone = match trigger {
        Trigger::Local(_, z) | Trigger::Instant(_, z) => *z,
        Trigger::Date(_) => None,
    };
    let tz = ctx
        .zone
        .or(ctx.calendar.zone())
        .or(own_zone)
        .ok_or(ComputeError::HoursNeedZone)?;
    let n = u64::from(period.count);
    let before = period.direction == Counting::Backward;
    let hours = chrono::Duration::hours(i64::from(period.count));
    let beyond = || {
        ComputeError::Calendar(CalendarError::OutOfRange {
            what: format!(
                "{} {} {} {}",
                period.count,
                period.unit.name(n),
                if before { "before" } else { "after" },
                start.to_rfc3339()
            ),
        })
    };
    let end = if before {
        start.checked_sub_signed(hours)
    } else {
        start.checked_add_signed(hours)
    }
    .ok_or_else(beyond)?
    .with_timezone(&tz);
    let landed = end.date_naive();
    position(landed).ok_or_else(beyond)?;
    trace.record(|| Step::Count {
        from: start.to_rfc3339(),
        to: end.fixed_offset().to_rfc3339(),
        detail: format!(
            "{} {} of elapsed time, in {}",
            period.count,
            period.unit.name(n),
            tz.name()
        ),
    });
    if let Some(service) = period.service {
        trace.record(|| service_step(service, version, None, None));
    }
    let date = rules.roll_day(landed, ctx.calendar, trace)?;
    // Not moved: the end is the instant itself, even in an hour the clocks repeat. Moved: the
    // same local time on the day it runs to (FRCP 6(a)(2)(C)).
    let fold = date == landed
        && matches!(
            tz.from_local_datetime(&end.naive_local()),
            LocalResult::Ambiguous(_, second) if second == end
        );
    let due = Due {
        date,
        time: Some(end.time()),
        zone: Some(tz),
        fold,
    };
    trace.record(|| Step::Due {
        date,
        at: due.at().map(|t| t.to_rfc3339()),
        basis: if date == landed {
            format!("when the last hour ends ({rule})")
        } else {
            format!("at the same time of day on the day the period runs to ({rule}(C))")
        },
    });
    trace.record(|| data_step(ctx.calendar));
    Ok(due)
}
