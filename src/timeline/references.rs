//! What deadlines refer to: each trigger must name an event or deadline of the docket that can
//! be counted from, a period must say what sets it, and deadlines must not trigger each other in
//! a cycle.

use std::collections::HashMap;

use super::docket::{Docket, PackedRef, RecordRef};
use super::model::{Deadline, Event, Rule};
use crate::diagnostic::Diagnostic;
use crate::parallel;

/// Where the cycle check has got to with a deadline.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    /// Not reached yet.
    New,
    /// On the chain being followed.
    OnPath,
    /// Its whole chain has been followed.
    Done,
}

/// What each deadline's trigger names among the records of its own file (numbered within the
/// file): the first record of that id in the file, or `None`.
pub(super) fn triggers_in_file<'a>(
    events: &'a [Event],
    deadlines: &'a [Deadline],
) -> impl Iterator<Item = Option<RecordRef>> + 'a {
    let mut ids: HashMap<&str, RecordRef, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(events.len() + deadlines.len(), Default::default());
    let records = (events.iter().enumerate()).map(|(i, e)| (&e.id, RecordRef::Event(i)));
    let records =
        records.chain((deadlines.iter().enumerate()).map(|(i, d)| (&d.id, RecordRef::Deadline(i))));
    for (id, record) in records {
        ids.entry(id).or_insert(record);
    }
    (deadlines.iter()).map(move |d| ids.get(d.trigger.as_deref()?).copied())
}

impl Docket {
    /// Resolves each deadline's trigger once (what it names is kept for computing and for the
    /// views), reports triggers that name nothing or cannot be counted from and periods without
    /// an authority, then reports every cycle of deadlines.
    ///
    /// Most triggers name a record of their own file, which the file's loader has found
    /// ([`triggers_in_file`], in `triggers`). When every id of the docket is `unique`, that is
    /// the record the id names; only the other triggers are looked up in the docket's table of
    /// ids, whose lookups land anywhere in memory.
    pub(super) fn check_references(&mut self, unique: bool) {
        // On every core: the lookups wait on memory more than they compute. Each range gives
        // back the triggers it looked up, which then replace the ones found in their files.
        let checked = parallel::per_core(self.deadlines.len(), |range| {
            let mut looked_up = Vec::new();
            let mut diags = Vec::new();
            let deadlines = self.deadlines.range(range.start, range.end);
            for (i, d) in range.zip(deadlines) {
                let trigger = match self.triggers[i].get() {
                    Some(own) if unique => Some(own),
                    _ => {
                        let found = d.trigger.as_deref().and_then(|id| self.find(id));
                        looked_up.push((i, found));
                        found
                    }
                };
                self.check_trigger(d, trigger, &mut diags);
            }
            (looked_up, diags)
        });
        let mut diags = Vec::new();
        for (looked_up, d) in checked {
            for (i, trigger) in looked_up {
                self.triggers[i] = PackedRef::new(trigger);
            }
            diags.extend(d);
        }
        diags.extend(self.cycles());
        self.diagnostics.extend(diags);
    }

    /// What is wrong with deadline `d`'s trigger (`names`, the record it names) and its period.
    fn check_trigger(&self, d: &Deadline, names: Option<RecordRef>, diags: &mut Vec<Diagnostic>) {
        let file = || self.file_of(d.timeline);
        if let Some(trigger) = &d.trigger {
            match names {
                None => diags.push(
                    Diagnostic::error(
                        &file(),
                        d.trigger_span.range(),
                        format!("`{trigger}` is not the id of any event or deadline"),
                    )
                    .expected("the id of an event or deadline in the docket")
                    .suggest(self.nearest_id(trigger)),
                ),
                Some(RecordRef::Event(e)) => {
                    let event = &self.events[e];
                    if let (Rule::Period { .. }, Err(why)) = (&d.rule, event.when.trigger()) {
                        diags.push(Diagnostic::error(
                            &file(),
                            d.trigger_span.range(),
                            format!("cannot count from `{trigger}`: {why}"),
                        ));
                    }
                    if let Rule::Period { period, span, .. } = &d.rule
                        && period.service.is_some()
                        && event.kind.as_deref() != Some("service")
                    {
                        diags.push(
                            Diagnostic::warning(&file(), span.range(), format!("`{period}` adds 3 days for service (FRCP 6(d)), but the trigger `{trigger}` is a {}, not a service", event.kind.as_deref().unwrap_or("event without a kind")))
                                .help("give the trigger `kind = \"service\"`, or drop the add-on"),
                        );
                    }
                }
                Some(RecordRef::Deadline(_)) => {}
            }
        }
        if d.authority.is_none()
            && let Rule::Period { span, .. } = &d.rule
        {
            diags.push(
                Diagnostic::warning(&file(), span.range(), format!("the period of `{}` has no `authority`", d.id))
                    .help("name the rule, order or document that sets it, e.g. `authority = \"FRCP 12(a)(1)(A)(i)\"`"),
            );
        }
    }

    /// Every cycle of deadlines triggering each other, once each: from every deadline, its
    /// chain of deadline triggers is followed until it ends, meets a chain already followed, or
    /// comes back to a deadline on it.
    fn cycles(&self) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut visit = vec![Visit::New; self.deadlines.len()];
        for start in 0..self.deadlines.len() {
            let mut path = Vec::new();
            let mut next = Some(start);
            while let Some(i) = next {
                match visit[i] {
                    Visit::Done => break,
                    Visit::OnPath => {
                        let at = path.iter().position(|&p| p == i).unwrap_or(0);
                        diags.push(self.cycle(&path[at..], i));
                        break;
                    }
                    Visit::New => {}
                }
                visit[i] = Visit::OnPath;
                path.push(i);
                next = match self.triggers[i].get() {
                    Some(RecordRef::Deadline(j)) => Some(j),
                    _ => None,
                };
            }
            for p in path {
                visit[p] = Visit::Done;
            }
        }
        diags
    }

    /// The error for the cycle `path` that deadline `back` closes.
    fn cycle(&self, path: &[usize], back: usize) -> Diagnostic {
        let ids: Vec<&str> = path
            .iter()
            .map(|&p| self.deadlines[p].id.as_str())
            .collect();
        let d = &self.deadlines[back];
        Diagnostic::error(
            &self.file_of(d.timeline),
            d.trigger_span.range(),
            format!(
                "deadlines trigger each other in a cycle: {} -> {}",
                ids.join(" -> "),
                d.id
            ),
        )
        .expected("a trigger that does not lead back to this deadline")
    }
}

#[cfg(test)]
mod tests {
    use crate::calendar::Calendars;
    use crate::timeline::{Docket, RecordRef};

    /// The docket of these files, in this order.
    fn docket(files: &[(&str, String)]) -> Docket {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Docket::load(&[dir.path().to_path_buf()], Calendars::builtin())
    }

    fn event(id: &str, date: &str) -> String {
        format!("\n[[event]]\nid = \"{id}\"\ndate = {date}\ntitle = \"E\"\n")
    }

    fn deadline(id: &str, trigger: &str) -> String {
        format!(
            "\n[[deadline]]\nid = \"{id}\"\ntitle = \"D\"\ntrigger = \"{trigger}\"\nperiod = \"10 days\"\nauthority = \"FRCP 6\"\n"
        )
    }

    fn head(t: &str) -> String {
        format!("[timeline]\nid = \"{t}\"\ntitle = \"T\"\n")
    }

    fn due(docket: &Docket, deadline: &str) -> Option<String> {
        let i = (docket.deadlines.iter())
            .position(|d| d.id == deadline)
            .unwrap();
        docket.computed[i].as_ref().map(|c| c.due.date.to_string())
    }

    /// Within one file, a trigger names the first record of its id there, events before
    /// deadlines; a trigger of another file's record is not found there.
    #[test]
    fn triggers_are_found_among_their_files_records() {
        let text = head("t")
            + &event("e", "2020-01-13")
            + &event("twice", "2020-01-14")
            + &event("twice", "2020-01-15")
            + &deadline("d", "e")
            + &deadline("d2", "d")
            + &deadline("d3", "elsewhere")
            + &deadline("d4", "twice");
        let file = std::sync::Arc::new(crate::diagnostic::SourceFile::new("t.toml", text));
        let contents = crate::timeline::load_file(&file, 0, Calendars::builtin());
        assert_eq!(
            super::triggers_in_file(&contents.events, &contents.deadlines).collect::<Vec<_>>(),
            [
                Some(RecordRef::Event(0)),
                Some(RecordRef::Deadline(0)),
                None,
                Some(RecordRef::Event(1)),
            ]
        );
    }

    /// A trigger names the first record of its id in the docket, in its own file or another.
    #[test]
    fn triggers_name_the_first_record_of_their_id_across_files() {
        // Within a file, and from another file (a deadline of the first file, in the second).
        let d = docket(&[
            (
                "a.toml",
                head("a") + &event("x", "2020-01-06") + &deadline("dx", "x"),
            ),
            ("b.toml", head("b") + &deadline("from-a", "dx")),
        ]);
        assert_eq!(due(&d, "dx").as_deref(), Some("2020-01-16"));
        assert_eq!(due(&d, "from-a").as_deref(), Some("2020-01-27"));
        // `x` twice: b's deadline counts from a's `x`, the first, not from its own.
        let d = docket(&[
            ("a.toml", head("a") + &event("x", "2020-01-06")),
            (
                "b.toml",
                head("b") + &event("x", "2020-03-02") + &deadline("d", "x"),
            ),
        ]);
        assert_eq!(due(&d, "d").as_deref(), Some("2020-01-16"));
    }

    #[test]
    fn a_trigger_that_names_nothing_suggests_the_nearest_id() {
        let d = docket(&[(
            "a.toml",
            head("a") + &event("served", "2020-01-06") + &deadline("d", "serve"),
        )]);
        let [problem] = &d.diagnostics[..] else {
            panic!("{:?}", d.diagnostics)
        };
        assert_eq!(
            problem.message,
            "`serve` is not the id of any event or deadline"
        );
        assert_eq!(problem.help.as_deref(), Some("did you mean `served`?"));
        assert_eq!(d.trigger_ref(0), None);
    }

    /// Each cycle is reported once, at the deadline that closes it, and a chain that runs into
    /// a cycle is not reported again.
    #[test]
    fn each_cycle_is_reported_once() {
        let d = docket(&[(
            "a.toml",
            head("a")
                + &deadline("a1", "a2")
                + &deadline("a2", "a3")
                + &deadline("a3", "a1")
                + &deadline("into", "a2")
                + &deadline("self", "self"),
        )]);
        let messages: Vec<&str> = d.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "deadlines trigger each other in a cycle: a1 -> a2 -> a3 -> a1",
                "deadlines trigger each other in a cycle: self -> self",
            ]
        );
        assert!(d.computed.iter().all(Option::is_none));
    }
}
