//! A deadline's computation in words: each link of its chain, trigger first, step by step, with
//! the extensions in force.

use super::compute::Computed;
use super::docket::{Docket, RecordRef};
use super::model::{Rule, Status, Text};
use crate::rules::{ComputeError, Context, Step};

impl Docket {
    /// The full computation of deadline `i`, chain first: each link's steps, with a heading.
    pub fn explain(&self, i: usize) -> Result<Vec<(String, Vec<Step>)>, ComputeError> {
        let mut chain = vec![i];
        while let Some(RecordRef::Deadline(j)) = self.deadlines[*chain.last().expect("non-empty")]
            .trigger
            .as_deref()
            .and_then(|t| self.find(t))
        {
            if chain.contains(&j) {
                break;
            }
            chain.push(j);
        }
        chain.reverse();
        let mut out = Vec::new();
        let mut memo: Vec<Option<Option<Computed>>> = vec![None; self.deadlines.len()];
        for &k in &chain {
            let d = &self.deadlines[k];
            let heading = format!("{} ({})", d.title, d.id);
            let Some(cal) = self.calendar_of(d) else {
                continue;
            };
            let zone = self.timelines[d.timeline].timezone.or(cal.zone());
            let mut steps = match &d.rule {
                Rule::Fixed(date) => vec![Step::Method {
                    period: format!("a fixed date, {date}"),
                    authority: d.authority.as_ref().map(Text::to_string),
                    method: "as the document setting it states; nothing is counted".into(),
                    source: d
                        .authority
                        .as_deref()
                        .unwrap_or("the deadline's own record")
                        .to_string(),
                }],
                Rule::Period { period, roll, .. } => {
                    let Some(Ok(trigger)) = self.trigger_of(k, &mut memo) else {
                        continue;
                    };
                    let mut ctx = Context::new(cal);
                    ctx.roll = *roll;
                    ctx.zone = zone;
                    ctx.authority = d.authority.as_deref();
                    let (_, mut steps) = period.explain(&trigger, &ctx)?;
                    if let (Some(t), Some(Step::Trigger { what, .. })) =
                        (&d.trigger, steps.first_mut())
                    {
                        *what = Some(match self.find(t) {
                            Some(RecordRef::Event(e)) => {
                                format!("event `{t}` ({})", self.events[e].title)
                            }
                            Some(RecordRef::Deadline(j)) if d.from_done() => {
                                match self.deadlines[j].history.last() {
                                    Some(c) if c.status == Status::Done => {
                                        format!("the day deadline `{t}` was done, {}", c.on)
                                    }
                                    _ => format!(
                                        "the effective due date of deadline `{t}`, projected: it counts from the day `{t}` is done once that is recorded"
                                    ),
                                }
                            }
                            _ => format!("the effective due date of deadline `{t}`"),
                        });
                    }
                    steps
                }
            };
            for c in d.history.iter().filter(|c| c.status == Status::Extended) {
                steps.push(Step::Due {
                    date: c.to.expect("extended has a date"),
                    at: None,
                    basis: format!(
                        "as extended on {}{}{}",
                        c.on,
                        c.reason
                            .as_ref()
                            .map(|r| format!(": {r}"))
                            .unwrap_or_default(),
                        c.source
                            .as_ref()
                            .map(|s| format!(" ({})", s.line()))
                            .unwrap_or_default()
                    ),
                });
            }
            out.push((heading, steps));
        }
        Ok(out)
    }
}
