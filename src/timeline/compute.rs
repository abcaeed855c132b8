//! Computing every deadline of a docket: each from its trigger (an event, or the effective due
//! date of the deadline before it in a chain) by its period on its calendar, once, with the
//! checks that need the computed date; and the check of events whose recorded date was changed
//! by hand.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::docket::{Docket, RecordRef};
use super::model::{Deadline, Recorded, Rule, Status};
use crate::calendar::Counting;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parallel;
use crate::rules::{Context, Due, Trigger};

/// A deadline's date as computed (before any extension).
#[derive(Clone, Debug)]
pub struct Computed {
    /// The computed due date and instant.
    pub due: Due,
}

/// What has been computed of each deadline so far: `None` for not yet, `Some(None)` for
/// cannot be computed.
pub(super) type Memo = [Option<Option<Computed>>];

impl Docket {
    /// The trigger of deadline `i`, resolved through the chain; `None` if it cannot be found.
    pub(super) fn trigger_of(&self, i: usize, memo: &mut Memo) -> Option<Result<Trigger, String>> {
        // A cycle leaves its deadlines not computable (`compute_one`).
        self.trigger_with(i, |j| self.compute_one(j, memo))
    }

    /// The trigger of deadline `i`, with `computed(j)` the computed date of deadline `j` (for
    /// a chained deadline, the one it counts from).
    fn trigger_with(
        &self,
        i: usize,
        computed: impl FnOnce(usize) -> Option<Computed>,
    ) -> Option<Result<Trigger, String>> {
        match self.triggers[i].get()? {
            RecordRef::Event(e) => Some(self.events[e].when.trigger()),
            RecordRef::Deadline(j) => {
                let prev = computed(j)?;
                // A chained deadline counts from the effective due date of the one before: an
                // extension in force moves everything after it.
                let effective = self.deadlines[j]
                    .history
                    .iter()
                    .filter(|c| c.status == Status::Extended)
                    .filter_map(|c| c.to)
                    .next_back()
                    .unwrap_or(prev.due.date);
                // `from = "done"`: once the act is recorded done, from the day it was done.
                let done = match (
                    self.deadlines[i].from_done(),
                    self.deadlines[j].history.last(),
                ) {
                    (true, Some(c)) if c.status == Status::Done => Some(c.on),
                    _ => None,
                };
                Some(Ok(Trigger::Date(done.unwrap_or(effective))))
            }
        }
    }

    /// Deadline `i` computed, and every deadline of its chain above it that was not yet. The
    /// chain is walked up without recursion and computed from its top down, so a chain of a
    /// million deadlines, or a cycle (reported by the reference checks), cannot exhaust the
    /// stack: a deadline met again while its chain is walked is a cycle and cannot be computed.
    pub(super) fn compute_one(&self, i: usize, memo: &mut Memo) -> Option<Computed> {
        let mut chain = Vec::new();
        let mut k = i;
        while memo[k].is_none() {
            // Until it is computed below, a deadline on the chain reads as not computable, so a
            // cycle ends the walk and leaves its deadlines not computable.
            memo[k] = Some(None);
            chain.push(k);
            match (self.triggers[k].get(), &self.deadlines[k].rule) {
                (Some(RecordRef::Deadline(j)), Rule::Period { .. }) => k = j,
                _ => break,
            }
        }
        for &k in chain.iter().rev() {
            let computed = self.compute_from_memo(k, memo);
            memo[k] = Some(computed);
        }
        memo[i].clone().flatten()
    }

    /// Deadline `k` computed, the deadline it counts from (if any) being in `memo` already.
    fn compute_from_memo(&self, k: usize, memo: &mut Memo) -> Option<Computed> {
        let d = &self.deadlines[k];
        let cal = self.calendar_of(d)?;
        let zone = self.timelines[d.timeline].timezone.or(cal.zone());
        match &d.rule {
            Rule::Fixed(date) => Some(Computed {
                due: Due {
                    date: *date,
                    time: None,
                    zone,
                    fold: false,
                },
            }),
            Rule::Period { period, roll, .. } => {
                let trigger = self.trigger_of(k, memo)?.ok()?;
                let mut ctx = Context::new(cal);
                ctx.roll = *roll;
                ctx.zone = zone;
                period.due(&trigger, &ctx).ok().map(|due| Computed { due })
            }
        }
    }

    /// Whether deadline `k` counts from another deadline, which must be computed first.
    fn is_chained(&self, k: usize) -> bool {
        matches!(
            (self.triggers[k].get(), &self.deadlines[k].rule),
            (Some(RecordRef::Deadline(_)), Rule::Period { .. })
        )
    }

    /// Computes every deadline, chains first, and reports what cannot be computed, a date
    /// before its trigger, a recorded date that has moved, and an extension to before the
    /// computed date.
    ///
    /// The deadlines counted from an event or fixed need nothing but their own record, and are
    /// computed on every core; then those counted from another deadline, in chains, on this
    /// thread; then the checks, on every core again, each range of deadlines reporting in
    /// order.
    pub(super) fn compute_all(&mut self) {
        let mut memo: Vec<Option<Option<Computed>>> = vec![None; self.deadlines.len()];
        parallel::per_core_mut(&mut memo, |start, part| {
            for (k, m) in (start..).zip(part) {
                if !self.is_chained(k) {
                    *m = Some(self.compute_from_memo(k, &mut []));
                }
            }
        });
        for i in 0..self.deadlines.len() {
            if memo[i].is_none() {
                self.compute_one(i, &mut memo);
            }
        }
        let computed: Vec<Option<Computed>> = memo.into_iter().map(Option::flatten).collect();
        let diags = parallel::per_core(self.deadlines.len(), |range| {
            let mut diags = Vec::new();
            for i in range {
                self.check_computed(i, &computed, &mut diags);
            }
            diags
        });
        self.computed = computed;
        self.diagnostics.extend(diags.into_iter().flatten());
        let moved = self.moved_events();
        self.diagnostics.extend(moved);
    }

    /// What is wrong with deadline `i` once every deadline is `computed`.
    fn check_computed(&self, i: usize, computed: &[Option<Computed>], diags: &mut Vec<Diagnostic>) {
        let trigger = self
            .trigger_with(i, |j| computed[j].clone())
            .and_then(Result::ok);
        let computed = computed[i].clone();
        let d = &self.deadlines[i];
        if computed.is_none()
            && let Rule::Period { period, span, roll } = &d.rule
            && let Some(trigger) = &trigger
            && let Some(cal) = self.calendar_of(d)
        {
            let mut ctx = Context::new(cal);
            ctx.roll = *roll;
            ctx.zone = self.timelines[d.timeline].timezone.or(cal.zone());
            if let Err(e) = period.due(trigger, &ctx) {
                diags.push(Diagnostic::error(
                    &self.file_of(d.timeline),
                    span.range(),
                    format!("cannot compute `{}`: {e}", d.id),
                ));
            }
        }
        if let (Some(c), Some(trigger)) = (&computed, &trigger) {
            let trigger_day = trigger.resolve(c.due.zone).map(|m| m.date).ok();
            let before = matches!(&d.rule, Rule::Period { period, .. } if period.direction == Counting::Backward);
            if !before && trigger_day.is_some_and(|t| c.due.date < t) {
                diags.push(Diagnostic::warning(
                    &self.file_of(d.timeline),
                    d.id_span.range(),
                    format!(
                        "`{}` is due {}, before its trigger ({})",
                        d.id,
                        c.due.date,
                        trigger_day.expect("checked")
                    ),
                ));
            }
        }
        if let (Some(rec), Some(c)) = (&d.recorded, &computed)
            && rec.due != c.due.date
        {
            diags.push(self.moved(i, rec, c, trigger.as_ref()));
        }
        for change in &d.history {
            if change.status == Status::Extended
                && let Some(closed) = change.to.and_then(|to| self.closed_on(d, to))
            {
                diags.push(closed);
            }
            if let (Some(to), Some(c)) = (change.to, &computed)
                && to < c.due.date
            {
                diags.push(Diagnostic::warning(
                    &self.file_of(d.timeline),
                    d.id_span.range(),
                    format!(
                        "`{}` is extended to {to}, earlier than its computed date {}",
                        d.id, c.due.date
                    ),
                ));
            }
        }
    }

    /// Warnings for records stamped as modified after `now` (a hand-typed stamp, or a machine
    /// whose clock ran ahead): a calendar entry's DTSTAMP is that stamp, and it should not lie
    /// in the future.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use docket::calendar::Calendars;
    /// use docket::timeline::Docket;
    /// let file = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\n\
    ///     date = 2020-01-13\ntitle = \"E\"\nmodified = 2030-01-01T00:00:00Z\n";
    /// let files = HashMap::from([("t.toml".into(), file.to_string())]);
    /// let docket = Docket::load_with(&[], Calendars::builtin(), &files);
    /// let now = "2026-12-03T12:00:00Z".parse().unwrap();
    /// assert!(docket.stamped_after(now)[0].message.contains("in the future"));
    /// assert!(docket.stamped_after("2030-01-02T00:00:00Z".parse().unwrap()).is_empty());
    /// ```
    pub fn stamped_after(&self, now: DateTime<Utc>) -> Vec<Diagnostic> {
        let events = self
            .events
            .iter()
            .filter_map(|e| Some((e.modified()?, &e.id, e.id_span, e.timeline)));
        let deadlines = self
            .deadlines
            .iter()
            .filter_map(|d| Some((d.modified()?, &d.id, d.id_span, d.timeline)));
        events
            .chain(deadlines)
            .filter(|(at, ..)| *at > now)
            .map(|(at, id, span, timeline)| {
                Diagnostic::warning(
                    &self.file_of(timeline),
                    span.range(),
                    format!(
                        "`{id}` is stamped as modified at {}, which is in the future",
                        at.format("%Y-%m-%dT%H:%M:%SZ")
                    ),
                )
                .help("`modified` is written by docket's editing commands from the clock; check the clock of the machine that wrote it")
            })
            .collect()
    }

    /// Events whose date was changed by hand since docket recorded it: calendars keep the old
    /// entry until the revision is raised, which `docket accept` does.
    fn moved_events(&self) -> Vec<Diagnostic> {
        self.events
            .iter()
            .filter_map(|e| {
                let was = e.moved_by_hand()?;
                let mut diag = Diagnostic::warning(
                    &self.file_of(e.timeline),
                    e.date_span.range(),
                    format!(
                        "`{}` was recorded on {was}, but its date is now {}: changed by hand",
                        e.id, e.when
                    ),
                )
                .help(format!(
                    "review the new date, then record it with `docket accept {}` (its revision is raised, so calendars replace the old entry)",
                    e.id
                ));
                diag.severity = Severity::Moved;
                Some(diag)
            })
            .collect()
    }

    /// A warning when deadline `d` is extended to `to`, a day its calendar is closed (a
    /// weekend or a legal holiday, or a day the clerk's office was inaccessible).
    fn closed_on(&self, d: &Deadline, to: NaiveDate) -> Option<Diagnostic> {
        let cal = self.calendar_of(d)?;
        let counting = match &d.rule {
            Rule::Period { period, .. } => period.direction,
            Rule::Fixed(_) => Counting::Forward,
        };
        let why: Vec<String> = cal
            .why_closed(to, counting)
            .into_iter()
            .map(|r| r.why)
            .collect();
        if why.is_empty() {
            return None;
        }
        Some(
            Diagnostic::warning(
                &self.file_of(d.timeline),
                d.id_span.range(),
                format!(
                    "`{}` is extended to {to}, a day `{}` is closed ({})",
                    d.id,
                    cal.id(),
                    why.join("; ")
                ),
            )
            .help(format!(
                "check the order or stipulation; `docket holidays --calendar {}` lists the days the court is closed",
                cal.id()
            )),
        )
    }

    /// The diagnostic for a deadline whose recomputed date differs from the recorded one, with
    /// the reasons that can be seen.
    fn moved(
        &self,
        i: usize,
        rec: &Recorded,
        c: &Computed,
        trigger: Option<&Trigger>,
    ) -> Diagnostic {
        let d = &self.deadlines[i];
        let mut why = Vec::new();
        if let Some(cal) = self.calendar_of(d)
            && rec.data.as_deref().is_some_and(|v| v != cal.version())
        {
            why.push(format!(
                "the holiday data changed (recorded with {}, now {})",
                rec.data.as_deref().unwrap_or("?"),
                cal.version()
            ));
        }
        let trigger_day = trigger.and_then(|t| t.resolve(c.due.zone).ok().map(|m| m.date));
        if let (Some(was), Some(now)) = (rec.trigger, trigger_day)
            && was != now
        {
            why.push(format!("the trigger's date changed (was {was}, now {now})"));
        }
        if let (Some(was), Rule::Period { period, .. }) = (&rec.period, &d.rule)
            && *was != period.to_string()
        {
            why.push(format!("the period changed (was `{was}`, now `{period}`)"));
        }
        if let Rule::Fixed(due) = d.rule {
            why.push(format!("its `due` was changed by hand (now {due})"));
        }
        if why.is_empty() {
            why.push("the rules or the calendar computed it differently".into());
        }
        let mut diag = Diagnostic::warning(
            &self.file_of(d.timeline),
            rec.span.clone(),
            format!(
                "`{}` was recorded as due {}, but is now computed as due {}: {}",
                d.id,
                rec.due,
                c.due.date,
                why.join("; ")
            ),
        )
        .help(format!(
            "review the new date, then record it with `docket accept {}`",
            d.id
        ));
        diag.severity = Severity::Moved;
        diag
    }

    /// The trigger day of deadline `i` as it resolves now (for recording).
    pub fn trigger_day(&self, i: usize) -> Option<NaiveDate> {
        let zone = self.computed.get(i)?.as_ref()?.due.zone;
        match self.trigger_with(i, |j| self.computed[j].clone())? {
            Ok(t) => t.resolve(zone).ok().map(|m| m.date),
            Err(_) => None,
        }
    }
}

/// The instant a deadline is due as of a day: the extension in force, or the computed date.
pub fn effective_due(
    d: &Deadline,
    computed: &Computed,
    as_of: NaiveDate,
) -> (Due, Option<DateTime<FixedOffset>>) {
    let (_, extended) = d.status_on(as_of);
    let due = match extended {
        Some(date) => Due {
            date,
            ..computed.due
        },
        None => computed.due,
    };
    (due, due.at())
}
