//! Invariants of the deadline engine, over random triggers, periods and calendars. Most hold
//! within one version of a counting method (every trigger here is on or after 2016-12-01, when
//! the latest federal version took effect); the old methods broke some of them, and the
//! properties of those methods are checked over their own years.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use docket::calendar::{Calendars, ClosureKind, Counting};
use docket::rules::{Context, Period, Roll, Service, Unit};
use proptest::prelude::*;

const CALENDARS: [&str; 4] = ["us-federal", "colorado", "d-colo", "co-courts"];

fn date() -> impl Strategy<Value = NaiveDate> {
    // 2016-12-01 .. 2160 leaves room on both sides for any period below, all under the current
    // versions of every method.
    (0u64..52_000).prop_map(|n| NaiveDate::from_ymd_opt(2016, 12, 1).unwrap() + Days::new(n))
}

/// Any trigger from 1985-08-01 to 2009-11-30, when FRCP 6(a) skipped the weekends and holidays
/// inside periods of less than 11 days.
fn date_1985_2009() -> impl Strategy<Value = NaiveDate> {
    (0u64..8_888).prop_map(|n| NaiveDate::from_ymd_opt(1985, 8, 1).unwrap() + Days::new(n))
}

/// Any trigger from 1984 to 2180, across every version since the rule of 1963 (leaving room on
/// both sides for the periods below).
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..71_500).prop_map(|n| NaiveDate::from_ymd_opt(1984, 1, 1).unwrap() + Days::new(n))
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Days),
        Just(Unit::CourtDays),
        Just(Unit::Weeks),
        Just(Unit::Months),
        Just(Unit::Years)
    ]
}

/// A period; `count` is scaled down for long units so every period stays inside the range.
fn period(count: u32, unit: Unit, direction: Counting, mail: bool) -> Period {
    let count = match unit {
        Unit::Years => count % 12,
        Unit::Months => count % 150,
        _ => count,
    };
    Period {
        count,
        unit,
        direction,
        service: (mail && direction == Counting::Forward).then_some(Service::Mail),
    }
}

fn counting() -> impl Strategy<Value = Counting> {
    prop_oneof![Just(Counting::Forward), Just(Counting::Backward)]
}

/// Weekends and legal holidays for `counting`, found by listing (not through the index).
fn closed_days(cal: &str, counting: Counting, around: NaiveDate) -> BTreeSet<NaiveDate> {
    let cal = Calendars::builtin().get(cal).unwrap();
    let from = around - Days::new(3000);
    let to = around + Days::new(3000);
    cal.days_off(from, to)
        .into_iter()
        .filter(|d| d.applies.covers(counting) && d.kind == ClosureKind::LegalHoliday)
        .map(|d| d.date)
        .collect()
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Under every method and version.
    #[test]
    fn a_rolled_due_date_is_a_day_for_filing(
        cal in prop::sample::select(&CALENDARS[..]), from in any_date(), count in 0u32..400,
        unit in unit(), direction in counting(), mail in any::<bool>(),
    ) {
        let calendar = Calendars::builtin().get(cal).unwrap();
        let p = period(count, unit, direction, mail);
        let due = p.due_from(from, &Context::new(calendar)).unwrap();
        let closed = closed_days(cal, direction, due.date);
        prop_assert!(!weekend(due.date), "{p} from {from} in {cal}: {} is a weekend", due.date);
        prop_assert!(!closed.contains(&due.date), "{p} from {from} in {cal}: {} is a holiday", due.date);
    }

    #[test]
    fn longer_periods_never_end_sooner(
        cal in prop::sample::select(&CALENDARS[..]), from in date(), count in 0u32..400,
        unit in unit(), direction in counting(), mail in any::<bool>(),
    ) {
        let ctx = Context::new(Calendars::builtin().get(cal).unwrap());
        let count = period(count, unit, direction, mail).count;
        let a = period(count, unit, direction, mail).due_from(from, &ctx).unwrap().date;
        let b = Period { count: count + 1, ..period(count, unit, direction, mail) }
            .due_from(from, &ctx).unwrap().date;
        match direction {
            Counting::Forward => prop_assert!(b >= a, "{count}+1 {unit:?} after {from}: {b} < {a}"),
            Counting::Backward => prop_assert!(b <= a, "{count}+1 {unit:?} before {from}: {b} > {a}"),
        }
    }

    #[test]
    fn a_later_trigger_never_gives_an_earlier_date(
        cal in prop::sample::select(&CALENDARS[..]), from in date(), gap in 1u64..40,
        count in 0u32..400, unit in unit(), direction in counting(), mail in any::<bool>(),
    ) {
        let ctx = Context::new(Calendars::builtin().get(cal).unwrap());
        let p = period(count, unit, direction, mail);
        let a = p.due_from(from, &ctx).unwrap().date;
        let b = p.due_from(from + Days::new(gap), &ctx).unwrap().date;
        prop_assert!(b >= a, "{p}: trigger {from} gives {a}, {gap} days later gives {b}");
    }

    #[test]
    fn court_days_skip_exactly_the_non_court_days(
        cal in prop::sample::select(&CALENDARS[..]), from in date(), count in 1u32..60,
        direction in counting(),
    ) {
        let ctx = Context::new(Calendars::builtin().get(cal).unwrap());
        let p = period(count, Unit::CourtDays, direction, false);
        let due = p.due_from(from, &ctx).unwrap().date;
        let closed = closed_days(cal, direction, from);
        // Walk day by day from the trigger: the reference the index must agree with.
        let mut d = from;
        let mut left = count;
        while left > 0 {
            d = match direction {
                Counting::Forward => d + Days::new(1),
                Counting::Backward => d - Days::new(1),
            };
            if !weekend(d) && !closed.contains(&d) {
                left -= 1;
            }
        }
        prop_assert_eq!(due, d, "{} from {}", p, from);
    }

    #[test]
    fn roll_none_keeps_the_day_the_count_lands_on(from in date(), count in 0u32..400) {
        let mut ctx = Context::new(Calendars::builtin().get("us-federal").unwrap());
        ctx.roll = Some(Roll::None);
        let due = period(count, Unit::Days, Counting::Forward, false).due_from(from, &ctx).unwrap();
        prop_assert_eq!(due.date, from + Days::new(count.into()));
    }

    /// Skipping the weekends and holidays inside a short period only ever lengthens it: a
    /// period of less than 11 days counted by the rule of 1985-2009 never ends sooner (after an
    /// event) or later (before one) than the same period counted by the rule of 2009.
    #[test]
    fn the_short_period_rule_only_lengthens_a_period(
        cal in prop::sample::select(&["us-federal", "d-colo"][..]), from in date_1985_2009(),
        count in 0u32..11, direction in counting(),
    ) {
        let calendar = Calendars::builtin().get(cal).unwrap();
        let p = period(count, Unit::Days, direction, false);
        let old = p.due_from(from, &Context::new(calendar)).unwrap().date;
        let mut ctx = Context::new(calendar);
        ctx.version_on = NaiveDate::from_ymd_opt(2009, 12, 1);
        let new = p.due_from(from, &ctx).unwrap().date;
        match direction {
            Counting::Forward => prop_assert!(old >= new, "{p} from {from}: {old} < {new}"),
            Counting::Backward => prop_assert!(old <= new, "{p} from {from}: {old} > {new}"),
        }
    }

    /// Since the 2005 amendment added the days after the period expires, electronic service
    /// never gives a later date than service by mail.
    #[test]
    fn electronic_service_never_ends_later_than_mail(
        cal in prop::sample::select(&CALENDARS[..]), gap in 0u64..55_000, count in 0u32..400,
        unit in unit(),
    ) {
        let from = NaiveDate::from_ymd_opt(2005, 12, 1).unwrap() + Days::new(gap);
        let ctx = Context::new(Calendars::builtin().get(cal).unwrap());
        let base = period(count, unit, Counting::Forward, false);
        let with = |service| Period { service: Some(service), ..base }.due_from(from, &ctx).unwrap().date;
        prop_assert!(with(Service::Electronic) <= with(Service::Mail), "{base} from {from}");
    }
}
