//! A docket: every timeline file loaded together, checked as a whole (unique ids, references,
//! cycles, computable deadlines), and evaluated as of a day.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate};
use hashbrown::{HashTable, hash_table};

use super::discover::{find_files, io_words};
use super::file_ids::{FileIds, Scratch};
use super::load::load_file;
use super::model::{Deadline, Event, Rule, Status, Text, Timeline};
use super::per_file::PerFile;
use crate::calendar::{Calendar, Calendars, Counting};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::prefetch;
use crate::rules::{ComputeError, Context, Due, Step, Trigger};
use crate::suggest::nearest;

/// One file, read and parsed (or why it could not be read).
#[expect(
    clippy::large_enum_variant,
    reason = "one per file, moved once: boxing would only add an allocation"
)]
enum FileResult {
    Unreadable(Diagnostic),
    Loaded(super::load::FileContents, FileIds),
}

/// Reads and parses file number `index` (its text from `overrides` when given there).
fn read_one(
    index: usize,
    path: &PathBuf,
    overrides: &HashMap<PathBuf, String>,
    calendars: &Calendars,
    hasher: &foldhash::fast::RandomState,
    scratch: &mut Scratch,
) -> FileResult {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    let overridden = overrides.contains_key(&canonical);
    let read = match overrides.get(&canonical) {
        Some(text) => Ok(text.clone().into_bytes()),
        None => std::fs::read(path),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            return FileResult::Unreadable(Diagnostic::io_error(
                path,
                format!("cannot read `{}`: {}", path.display(), io_words(&e)),
            ));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = Arc::new(SourceFile::new(path, text));
            return FileResult::Unreadable(
                Diagnostic::error(&file, at..at + 1, "the file is not valid UTF-8")
                    .expected("UTF-8 text"),
            );
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let file = Arc::new(SourceFile::new(path, text));
    let mut contents = load_file(&file, index, calendars);
    // A file read from disk without a problem is not kept: its records are all the docket
    // needs, and the text is read again if a later check reports something in it.
    if contents.diagnostics.is_empty()
        && !overridden
        && let Some(t) = &mut contents.timeline
    {
        t.file = Arc::new(file.let_go());
    }
    let ids = scratch.add(&contents.events, &contents.deadlines, hasher);
    FileResult::Loaded(contents, ids)
}

/// Which of `shards` id tables holds an id of this hash: bits the tables' own bucket and tag
/// bits leave alone (up to 2^32 buckets).
fn shard(hash: u64, shards: usize) -> usize {
    (hash >> 32) as usize % shards
}

/// A record named by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRef {
    /// An event, by index.
    Event(usize),
    /// A deadline, by index.
    Deadline(usize),
}

/// A [`RecordRef`] (or none) in four bytes, for the docket's indexes, which hold one for every
/// record: deadlines have the top bit set. A docket holds fewer than 2^31 events and 2^31
/// deadlines (at hundreds of bytes a record, memory runs out long before).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Packed(u32);

impl Packed {
    pub(super) const NONE: Packed = Packed(u32::MAX);
    const DEADLINE: u32 = 1 << 31;

    pub(super) fn new(r: RecordRef) -> Packed {
        let (i, kind) = match r {
            RecordRef::Event(i) => (i, 0),
            RecordRef::Deadline(i) => (i, Self::DEADLINE),
        };
        let i = u32::try_from(i).ok().filter(|&i| i < Self::DEADLINE - 1);
        Packed(i.expect("fewer than 2^31 - 1 records of a kind") | kind)
    }

    fn of(r: Option<RecordRef>) -> Packed {
        r.map_or(Self::NONE, Packed::new)
    }

    pub(super) fn get(self) -> Option<RecordRef> {
        match self {
            Self::NONE => None,
            Packed(p) if p & Self::DEADLINE != 0 => {
                Some(RecordRef::Deadline((p & !Self::DEADLINE) as usize))
            }
            Packed(p) => Some(RecordRef::Event(p as usize)),
        }
    }
}

/// A deadline's date as computed (before any extension).
#[derive(Clone, Debug)]
pub struct Computed {
    /// The computed due date and instant.
    pub due: Due,
}

/// Every timeline of a docket, loaded and checked.
#[derive(Debug)]
pub struct Docket {
    /// The matters, one per file.
    pub timelines: Vec<Timeline>,
    /// All events, in file order.
    pub events: PerFile<Event>,
    /// All deadlines, in file order.
    pub deadlines: PerFile<Deadline>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The computed date of each deadline (`None` where it cannot be computed).
    pub computed: Vec<Option<Computed>>,
    /// Every record by id, in one shard per core (by hash), each built by a thread of its own.
    /// The index holds only where each record is, and reads a record's id when it must compare
    /// two (the loaders hashed them), so no id is stored twice.
    ids: Vec<HashTable<Packed>>,
    /// The hasher of `ids`.
    hasher: foldhash::fast::RandomState,
    /// What each deadline's `trigger` names, resolved once.
    triggers: Vec<Packed>,
    calendars: Calendars,
}

impl Docket {
    /// Loads every timeline file under `paths` and checks the docket as a whole.
    pub fn load(paths: &[PathBuf], calendars: &Calendars) -> Docket {
        Docket::load_with(paths, calendars, &HashMap::new())
    }

    /// Like [`Docket::load`], with the text of some files replaced (keyed by their canonical
    /// path, or by the path itself for a file not yet written): how an edit is checked before it
    /// is written.
    pub fn load_with(
        paths: &[PathBuf],
        calendars: &Calendars,
        overrides: &HashMap<PathBuf, String>,
    ) -> Docket {
        let (mut files, mut diagnostics) = find_files(paths);
        let known: Vec<PathBuf> = files
            .iter()
            .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
            .collect();
        for path in overrides.keys() {
            if !known.contains(path) {
                files.push(path.clone());
            }
        }
        let mut docket = Docket {
            timelines: Vec::new(),
            events: PerFile::default(),
            deadlines: PerFile::default(),
            diagnostics: Vec::new(),
            computed: Vec::new(),
            ids: vec![HashTable::new()],
            hasher: Default::default(),
            triggers: Vec::new(),
            calendars: calendars.clone(),
        };
        // Files are read and parsed in parallel, each worker (one per core, this thread one of
        // them) taking the next file when it is done with one, then merged in order.
        let workers = crate::parallel::cores().min(files.len().max(1));
        let next = AtomicUsize::new(0);
        let work = |worker: usize| {
            let mut done = Vec::new();
            let mut scratch = Scratch::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else {
                    return (done, scratch);
                };
                let result = read_one(i, path, overrides, calendars, &docket.hasher, &mut scratch);
                done.push((i, worker, result));
            }
        };
        let (parsed, scratches): (Vec<_>, Vec<Scratch>) =
            crate::parallel::each(workers, work).into_iter().unzip();
        let mut parsed: Vec<(usize, usize, FileResult)> = parsed.into_iter().flatten().collect();
        parsed.sort_unstable_by_key(|(i, ..)| *i);
        // Each file's records stay in the vectors its loader made; where each file's id hashes
        // are, and the triggers found within each file, are gathered in docket order for the
        // checks.
        let mut hashed: Vec<(&[u64], &[u64])> = Vec::new();
        let mut local_triggers = Vec::new();
        for (i, worker, result) in parsed {
            match result {
                FileResult::Unreadable(d) => diagnostics.push(d),
                FileResult::Loaded(mut contents, ids) => {
                    let scratch = &scratches[worker];
                    diagnostics.extend(contents.diagnostics);
                    if let Some(t) = contents.timeline {
                        // The loader numbered the timeline by its file; files before it that
                        // have no timeline move it down.
                        let index = docket.timelines.len();
                        if index != i {
                            contents.events.iter_mut().for_each(|e| e.timeline = index);
                            contents
                                .deadlines
                                .iter_mut()
                                .for_each(|d| d.timeline = index);
                        }
                        docket.timelines.push(t);
                        let (events, deadlines) = (docket.events.len(), docket.deadlines.len());
                        let found = &scratch.triggers[ids.triggers];
                        local_triggers.extend(found.iter().map(|p| match p.get() {
                            Some(RecordRef::Event(e)) => Packed::new(RecordRef::Event(events + e)),
                            Some(RecordRef::Deadline(d)) => {
                                Packed::new(RecordRef::Deadline(deadlines + d))
                            }
                            None => Packed::NONE,
                        }));
                        hashed.push((&scratch.hashes[ids.events], &scratch.hashes[ids.deadlines]));
                        docket.events.push_file(contents.events);
                        docket.deadlines.push_file(contents.deadlines);
                    }
                }
            }
        }
        docket.diagnostics = diagnostics;
        let unique = docket.check_ids(&hashed);
        drop(hashed);
        drop(scratches);
        docket.check_references(unique.then_some(&local_triggers[..]));
        docket.compute_all();
        docket
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The record with this id.
    pub fn find(&self, id: &str) -> Option<RecordRef> {
        let hash = self.hasher.hash_one(id);
        self.ids[shard(hash, self.ids.len())]
            .find(hash, |&r| self.packed_id(r) == id)
            .and_then(|r| r.get())
    }

    /// What deadline `i`'s trigger names, as resolved when the docket was checked (`None` when
    /// it names nothing, or the deadline has no trigger).
    pub fn trigger_ref(&self, i: usize) -> Option<RecordRef> {
        self.triggers.get(i).and_then(|p| p.get())
    }

    /// Asks for the memory of record `what` and of what its record reads beside it (see
    /// [`crate::prefetch`]): the first of two steps, some places ahead of its use.
    pub(super) fn fetch_record(&self, what: RecordRef) {
        match what {
            RecordRef::Event(i) => prefetch::fetch(&self.events[i]),
            RecordRef::Deadline(i) => {
                prefetch::fetch(&self.deadlines[i]);
                if let (Some(computed), Some(trigger)) =
                    (self.computed.get(i), self.triggers.get(i))
                {
                    prefetch::fetch(computed);
                    prefetch::fetch(trigger);
                }
            }
        }
    }

    /// Asks for the memory that making record `what` reads beyond the record itself: a
    /// deadline's history (its status and extensions) and the timeline. The second step: it
    /// reads the record, so [`Docket::fetch_record`] should have asked for it a few places
    /// earlier. What some views read beyond that (sources, notes, the trigger) is not asked
    /// for: asking for it too made the 1M-event export slower (6.83-7.16 s against 6.26-6.52 s),
    /// as the requests compete for the same trips to memory.
    pub(super) fn fetch_linked(&self, what: RecordRef) {
        let timeline = match what {
            RecordRef::Event(i) => self.events[i].timeline,
            RecordRef::Deadline(i) => {
                let d = &self.deadlines[i];
                prefetch::fetch(&*d.history);
                d.timeline
            }
        };
        prefetch::fetch(&self.timelines[timeline]);
    }

    /// The nearest id to a misspelt one.
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        nearest(id, self.ids.iter().flatten().map(|&r| self.packed_id(r)))
    }

    /// The calendar a deadline is counted on.
    pub fn calendar_of(&self, d: &Deadline) -> Option<&Calendar> {
        let name = d
            .calendar
            .as_deref()
            .unwrap_or(&self.timelines[d.timeline].calendar);
        self.calendars.get(name).ok()
    }

    /// The default calendar of timeline `t`.
    pub fn calendar_for_timeline(&self, t: usize) -> Option<&Calendar> {
        self.calendars.get(&self.timelines[t].calendar).ok()
    }

    fn file_of(&self, timeline: usize) -> Arc<SourceFile> {
        self.timelines[timeline].file.clone()
    }

    fn check_ids(&mut self, hashed: &[(&[u64], &[u64])]) -> bool {
        // foldhash, as for the record ids.
        let mut timeline_ids: HashMap<&str, usize, foldhash::fast::RandomState> =
            HashMap::default();
        let mut diags = Vec::new();
        for (i, t) in self.timelines.iter().enumerate() {
            if let Some(first) = timeline_ids.insert(&t.id, i) {
                diags.push(Diagnostic::path_error(
                    &t.file.path,
                    format!(
                        "timeline id `{}` is also used by `{}`",
                        t.id,
                        self.timelines[first].file.path.display()
                    ),
                ));
            }
        }
        // Each shard's thread reads every id in order and keeps those of its shard, so the first
        // of two equal ids is always the one kept, as on one thread.
        let total = self.events.len() + self.deadlines.len();
        let shards = if total < crate::parallel::SMALL {
            1
        } else {
            crate::parallel::cores()
        };
        // The hashes were worked out by the files' loaders: a record is read only when its
        // hash meets another's, and its id hashed again only if a table grows past the
        // capacity it is made with.
        let records = || {
            let events = hashed.iter().flat_map(|f| f.0).enumerate();
            let deadlines = hashed.iter().flat_map(|f| f.1).enumerate();
            events
                .map(|(i, &h)| (RecordRef::Event(i), h))
                .chain(deadlines.map(|(i, &h)| (RecordRef::Deadline(i), h)))
        };
        let hash_of = |r: Packed| self.hasher.hash_one(self.packed_id(r));
        let built = crate::parallel::each(shards, |s| {
            let mut ids = HashTable::with_capacity(total / shards + total / 16 + 1);
            let mut duplicates = Vec::new();
            for (rec, h) in records() {
                if shard(h, shards) != s {
                    continue;
                }
                let entry = ids.entry(
                    h,
                    |&r| self.packed_id(r) == self.id_of(rec).0,
                    |&r| hash_of(r),
                );
                match entry {
                    hash_table::Entry::Vacant(v) => {
                        v.insert(Packed::new(rec));
                    }
                    hash_table::Entry::Occupied(o) => duplicates.push((rec, *o.get())),
                }
            }
            (ids, duplicates)
        });
        let position = |r: &RecordRef| match *r {
            RecordRef::Event(i) => i,
            RecordRef::Deadline(i) => self.events.len() + i,
        };
        let mut ids = Vec::with_capacity(shards);
        let mut duplicates = Vec::new();
        for (shard, mut found) in built {
            ids.push(shard);
            duplicates.append(&mut found);
        }
        duplicates.sort_by_key(|(rec, _)| position(rec));
        let unique = duplicates.is_empty();
        for (rec, first) in duplicates {
            let Some(first) = first.get() else { continue };
            let (_, first_tl, first_span) = self.id_of(first);
            let (id, timeline, span) = self.id_of(rec);
            let first_file = self.file_of(first_tl);
            let first_at = match first_file.position(first_span.start) {
                Some((line, col)) => format!("{}:{line}:{col}", first_file.path.display()),
                None => first_file.path.display().to_string(),
            };
            diags.push(
                Diagnostic::error(
                    &self.file_of(timeline),
                    span,
                    format!("duplicate id `{id}`"),
                )
                .expected("an id used nowhere else in the docket")
                .help(format!("`{id}` is first defined at {first_at}")),
            );
        }
        self.ids = ids;
        self.diagnostics.extend(diags);
        unique
    }

    /// The id of a record in an index (an index holds no [`Packed::NONE`]).
    fn packed_id(&self, r: Packed) -> &str {
        r.get().map_or("", |r| self.id_of(r).0)
    }

    /// A record's id, timeline and the span of its id.
    fn id_of(&self, rec: RecordRef) -> (&str, usize, std::ops::Range<usize>) {
        match rec {
            RecordRef::Event(i) => {
                let e = &self.events[i];
                (&e.id, e.timeline, e.id_span.range())
            }
            RecordRef::Deadline(i) => {
                let d = &self.deadlines[i];
                (&d.id, d.timeline, d.id_span.range())
            }
        }
    }

    /// What is wrong with deadline `d`'s trigger (`resolved`, what it names) and its period.
    fn check_reference(
        &self,
        d: &Deadline,
        resolved: Option<RecordRef>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let file = || self.file_of(d.timeline);
        if let Some(trigger) = &d.trigger {
            match resolved {
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

    fn check_references(&mut self, local: Option<&[Packed]>) {
        // Each deadline's trigger and what is wrong with it, on every core: the lookups land
        // anywhere in the docket, so this waits on memory more than it computes. A trigger
        // its file's loader found among the file's records is that record, when `local` is
        // given (the docket's ids are unique); the index is asked for the others.
        let checked = crate::parallel::per_core(self.deadlines.len(), |range| {
            let mut triggers = Vec::with_capacity(range.len());
            let mut diags = Vec::new();
            let deadlines = self.deadlines.range(range.start, range.end);
            for (i, d) in (range.start..).zip(deadlines) {
                let found = local.and_then(|l| l[i].get());
                let resolved = found.or_else(|| d.trigger.as_deref().and_then(|t| self.find(t)));
                self.check_reference(d, resolved, &mut diags);
                triggers.push(Packed::of(resolved));
            }
            (triggers, diags)
        });
        let mut triggers = Vec::with_capacity(self.deadlines.len());
        let mut diags = Vec::new();
        for (t, d) in checked {
            triggers.extend(t);
            diags.extend(d);
        }
        // Cycles: follow each deadline's chain of deadline triggers.
        let mut state = vec![0u8; self.deadlines.len()]; // 0 new, 1 on the path, 2 done
        for start in 0..self.deadlines.len() {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(i) = cur {
                match state[i] {
                    2 => break,
                    1 => {
                        let at = path.iter().position(|&p| p == i).unwrap_or(0);
                        let cycle: Vec<&str> = path[at..]
                            .iter()
                            .map(|&p: &usize| self.deadlines[p].id.as_str())
                            .collect();
                        let d = &self.deadlines[i];
                        diags.push(
                            Diagnostic::error(
                                &self.file_of(d.timeline),
                                d.trigger_span.range(),
                                format!(
                                    "deadlines trigger each other in a cycle: {} -> {}",
                                    cycle.join(" -> "),
                                    d.id
                                ),
                            )
                            .expected("a trigger that does not lead back to this deadline"),
                        );
                        break;
                    }
                    _ => {}
                }
                state[i] = 1;
                path.push(i);
                cur = match triggers[i].get() {
                    Some(RecordRef::Deadline(j)) => Some(j),
                    _ => None,
                };
            }
            for p in path {
                state[p] = 2;
            }
        }
        self.triggers = triggers;
        self.diagnostics.extend(diags);
    }

    /// The trigger of deadline `i`, resolved through the chain; `None` if it cannot be found.
    fn trigger_of(
        &self,
        i: usize,
        memo: &mut [Option<Option<Computed>>],
        depth: usize,
    ) -> Option<Result<Trigger, String>> {
        match self.triggers[i].get()? {
            RecordRef::Event(e) => Some(self.events[e].when.trigger()),
            RecordRef::Deadline(j) => {
                if depth > self.deadlines.len() {
                    return None; // a cycle, reported elsewhere
                }
                let prev = self.compute_one(j, memo, depth + 1)?;
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
                    self.deadlines[i].from_done,
                    self.deadlines[j].history.last(),
                ) {
                    (true, Some(c)) if c.status == Status::Done => Some(c.on),
                    _ => None,
                };
                Some(Ok(Trigger::Date(done.unwrap_or(effective))))
            }
        }
    }

    fn compute_one(
        &self,
        i: usize,
        memo: &mut [Option<Option<Computed>>],
        depth: usize,
    ) -> Option<Computed> {
        if let Some(done) = &memo[i] {
            return done.clone();
        }
        let d = &self.deadlines[i];
        let result = (|| {
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
                    let trigger = self.trigger_of(i, memo, depth)?.ok()?;
                    let mut ctx = Context::new(cal);
                    ctx.roll = *roll;
                    ctx.zone = zone;
                    period.due(&trigger, &ctx).ok().map(|due| Computed { due })
                }
            }
        })();
        memo[i] = Some(result.clone());
        result
    }

    fn compute_all(&mut self) {
        let mut memo: Vec<Option<Option<Computed>>> = vec![None; self.deadlines.len()];
        let mut diags = Vec::new();
        for i in 0..self.deadlines.len() {
            let computed = self.compute_one(i, &mut memo, 0);
            let trigger = self.trigger_of(i, &mut memo, 0).and_then(Result::ok);
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
                diags.push(self.moved(i, rec, c, &mut memo));
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
        self.computed = memo.into_iter().map(|m| m.flatten()).collect();
        self.diagnostics.extend(diags);
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
        rec: &super::model::Recorded,
        c: &Computed,
        memo: &mut [Option<Option<Computed>>],
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
        let trigger_day = match self.trigger_of(i, memo, 0) {
            Some(Ok(t)) => t.resolve(c.due.zone).ok().map(|m| m.date),
            _ => None,
        };
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
        let mut memo: Vec<Option<Option<Computed>>> = vec![None; self.deadlines.len()];
        let zone = self.computed.get(i)?.as_ref()?.due.zone;
        match self.trigger_of(i, &mut memo, 0)? {
            Ok(t) => t.resolve(zone).ok().map(|m| m.date),
            Err(_) => None,
        }
    }

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
                    let Some(Ok(trigger)) = self.trigger_of(k, &mut memo, 0) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file without a timeline moves the timelines of the files after it down by one, and
    /// their records must follow.
    #[test]
    fn records_follow_their_timeline_past_a_file_that_failed() {
        let dir = tempfile::tempdir().unwrap();
        let timeline = |id: &str| {
            format!(
                "[timeline]\nid = \"{id}\"\ntitle = \"T\"\n\n[[event]]\nid = \"{id}-e\"\ndate = 2020-01-13\ntitle = \"E\"\n\n[[deadline]]\nid = \"{id}-d\"\ntitle = \"D\"\ntrigger = \"{id}-e\"\nperiod = \"14 days\"\nauthority = \"FRCP 6\"\n"
            )
        };
        std::fs::write(dir.path().join("a.toml"), timeline("a")).unwrap();
        std::fs::write(dir.path().join("b.toml"), "[[event]]\nid = 1\n").unwrap();
        std::fs::write(dir.path().join("c.toml"), timeline("c")).unwrap();
        std::fs::write(dir.path().join("d.toml"), timeline("d")).unwrap();
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let ids: Vec<&str> = docket.timelines.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        for (e, d) in docket.events.iter().zip(docket.deadlines.iter()) {
            let owner = &docket.timelines[e.timeline].id;
            assert!(e.id.starts_with(owner.as_str()), "{} in {owner}", e.id);
            assert_eq!(docket.timelines[d.timeline].id, *owner);
        }
        assert_eq!(docket.events.len(), 3);
        assert!(docket.computed.iter().all(Option::is_some));
    }

    /// Past `parallel::SMALL` records the id index is built in shards on every core; duplicates
    /// must still be reported in file order, each against the first record with that id.
    #[test]
    fn duplicate_ids_are_reported_in_file_order_against_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut expected = Vec::new();
        let mut first_file: std::collections::HashMap<String, String> = Default::default();
        for f in 0..4 {
            let name = format!("f{f}.toml");
            let mut text = format!("[timeline]\nid = \"t{f}\"\ntitle = \"T\"\n");
            // Enough records for the index to be built in shards.
            for k in 0..600 {
                // Ids repeat across files and within them.
                let id = format!("id{}", (k * 7 + f * 3) % 997);
                text += &format!("\n[[event]]\nid = \"{id}\"\ndate = 2020-01-13\ntitle = \"E\"\n");
                match first_file.get(&id) {
                    Some(first) => {
                        expected.push(format!("duplicate id `{id}` in {name}, first in {first}"))
                    }
                    None => {
                        first_file.insert(id, name.clone());
                    }
                }
            }
            std::fs::write(dir.path().join(&name), text).unwrap();
        }
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let found: Vec<String> = docket
            .diagnostics
            .iter()
            .map(|d| {
                let file = d
                    .file
                    .as_ref()
                    .unwrap()
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let help = d.help.clone().unwrap_or_default();
                let first = help
                    .split("defined at ")
                    .nth(1)
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap();
                let first = std::path::Path::new(first)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                format!("{} in {file}, first in {first}", d.message)
            })
            .collect();
        assert!(expected.len() > 100);
        assert_eq!(found, expected);
    }

    /// A trigger names the first record of its id in the docket: the one its own file's loader
    /// found stands only while ids are unique; across files, the index finds it.
    #[test]
    fn triggers_name_the_first_record_of_their_id_across_files() {
        let event = |id: &str, date: &str| {
            format!("\n[[event]]\nid = \"{id}\"\ndate = {date}\ntitle = \"E\"\n")
        };
        let deadline = |id: &str, trigger: &str| {
            format!(
                "\n[[deadline]]\nid = \"{id}\"\ntitle = \"D\"\ntrigger = \"{trigger}\"\nperiod = \"10 days\"\n"
            )
        };
        let head = |t: &str| format!("[timeline]\nid = \"{t}\"\ntitle = \"T\"\n");
        let due = |files: &[(&str, String)], deadline: &str| {
            let dir = tempfile::tempdir().unwrap();
            for (name, text) in files {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
            let i = (docket.deadlines.iter())
                .position(|d| d.id == deadline)
                .unwrap();
            docket.computed[i].as_ref().map(|c| c.due.date.to_string())
        };
        // Within a file, and from another file (a deadline of the first file, in the second).
        let files = [
            (
                "a.toml",
                head("a") + &event("x", "2020-01-06") + &deadline("dx", "x"),
            ),
            ("b.toml", head("b") + &deadline("from-a", "dx")),
        ];
        assert_eq!(due(&files, "dx").as_deref(), Some("2020-01-16"));
        assert_eq!(due(&files, "from-a").as_deref(), Some("2020-01-27"));
        // `x` twice: b's deadline counts from a's `x`, the first, not from its own.
        let files = [
            ("a.toml", head("a") + &event("x", "2020-01-06")),
            (
                "b.toml",
                head("b") + &event("x", "2020-03-02") + &deadline("d", "x"),
            ),
        ];
        assert_eq!(due(&files, "d").as_deref(), Some("2020-01-16"));
    }

    /// A file that loaded cleanly is read again only when a later check reports something in
    /// it; if it has changed on disk by then, messages give its path, never a wrong line.
    #[test]
    fn a_docket_wide_problem_in_a_file_let_go_is_shown_from_disk_or_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = |t: &str| {
            format!(
                "[timeline]\nid = \"{t}\"\ntitle = \"T\"\n\n[[event]]\nid = \"same\"\ndate = 2020-01-13\ntitle = \"E\"\n"
            )
        };
        std::fs::write(dir.path().join("a.toml"), file("a")).unwrap();
        std::fs::write(dir.path().join("b.toml"), file("b")).unwrap();
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        let duplicate = &docket.diagnostics[0];
        assert!(duplicate.location().unwrap().ends_with("b.toml:6:6"));
        assert!(duplicate.render(false).contains("id = \"same\""));
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        std::fs::write(dir.path().join("b.toml"), "# rewritten\n").unwrap();
        let duplicate = &docket.diagnostics[0];
        assert!(duplicate.location().unwrap().ends_with("b.toml"));
        assert!(!duplicate.render(false).contains("rewritten"));
        assert_eq!(duplicate.to_json()["line"], serde_json::Value::Null);
    }

    #[test]
    fn packed_references_round_trip() {
        let limit = (1 << 31) - 2;
        for r in [0, 1, 77, limit]
            .into_iter()
            .flat_map(|i| [RecordRef::Event(i), RecordRef::Deadline(i)])
        {
            assert_eq!(Packed::new(r).get(), Some(r));
        }
        assert_eq!(Packed::of(None).get(), None);
        assert_ne!(
            Packed::new(RecordRef::Event(5)),
            Packed::new(RecordRef::Deadline(5))
        );
    }
}
