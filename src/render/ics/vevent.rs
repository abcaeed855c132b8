//! A record as a VEVENT: its UID, time stamps, start and end, revision, summary and description,
//! and a VALARM for each reminder. Every date comes worked out from the record
//! ([`Record::placement`], [`Record::timed_end`], [`Record::stamp`],
//! [`Period::reminder_offset`]); this only writes.

use std::fmt::{self, Write as _};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::PartialDates;
use super::content_line::{ContentLines, needs_no_escape, rfc3339};
use super::uid::push_uid;
use crate::calendar::Counting;
use crate::digits::iso_day;
use crate::rules::{DEFAULT_REMINDERS, Period, ReminderOffset};
use crate::timeline::{Kind, Placement, Precision, Record, Source, Status, TriggerOf, When};

/// Why a record is left out of a calendar.
#[derive(Debug)]
pub(super) enum LeftOut {
    /// Its time needs a zone that it does not have.
    NoZone,
    /// Its date is known only to the month or year, and partial dates are skipped.
    PartialDate,
}

impl LeftOut {
    /// The notice that says so, for standard error.
    pub(super) fn notice(&self, r: &Record) -> String {
        match self {
            LeftOut::NoZone => format!("left out `{}`: its time cannot be placed in a zone", r.id),
            LeftOut::PartialDate => {
                let when = r.when.expect("a partial date is an event's");
                format!(
                    "left out `{}` ({when}): its date is known only to the {}; `--partial span` exports it as an approximate span",
                    r.id,
                    if matches!(when.precision, Precision::Year(_)) {
                        "year"
                    } else {
                        "month"
                    }
                )
            }
        }
    }
}

/// Writes record `r` as a VEVENT, or says why it is left out; a record with no date to place
/// writes nothing.
pub(super) fn write_vevent(
    w: &mut ContentLines,
    r: &Record,
    partial: PartialDates,
) -> Result<(), LeftOut> {
    if partial == PartialDates::Skip && r.when.is_some_and(When::is_partial) {
        return Err(LeftOut::PartialDate);
    }
    match r.placement() {
        Some(Ok(at)) => {
            vevent(w, r, at);
            Ok(())
        }
        Some(Err(_)) => Err(LeftOut::NoZone),
        None => Ok(()),
    }
}

/// One record's VEVENT, starting at `at`.
fn vevent(w: &mut ContentLines, r: &Record, at: Placement) {
    w.line("BEGIN:VEVENT");
    w.push("UID:");
    push_uid(w, r.timeline, r.id);
    w.end();
    // DTSTAMP and LAST-MODIFIED are the record's last change as its file records it (a fixed
    // stamp when none is), so the same files give the same bytes.
    let stamp = r.stamp().naive_utc();
    w.local_line("DTSTAMP:", stamp, "Z");
    w.local_line("LAST-MODIFIED:", stamp, "Z");
    let timed = !matches!(at, Placement::AllDay(_));
    match at {
        Placement::AllDay(days) => {
            w.date_line("DTSTART;VALUE=DATE:", days.start, "");
            w.date_line("DTEND;VALUE=DATE:", days.end, "");
        }
        Placement::Local(zone, local) => {
            let zoned = |w: &mut ContentLines, name: &str, t| {
                w.push(name);
                w.push(zone.name());
                w.local_line(":", t, "");
            };
            zoned(w, "DTSTART;TZID=", local);
            if let Some(end) = r.timed_end() {
                zoned(w, "DTEND;TZID=", end.with_timezone(&zone).naive_local());
            }
        }
        Placement::Utc(t) => {
            w.local_line("DTSTART:", t, "Z");
            if let Some(end) = r.timed_end() {
                w.local_line("DTEND:", end.naive_utc(), "Z");
            }
        }
    }
    if r.kind == Kind::Deadline {
        deadline_body(w, r, r.trigger_of());
    } else {
        event_body(w, r, timed);
    }
    if !r.tags.is_empty() {
        w.push("CATEGORIES:");
        for (i, t) in r.tags.iter().enumerate() {
            if i > 0 {
                w.push(",");
            }
            w.escaped(t);
        }
        w.end();
    }
    w.line("END:VEVENT");
}

/// A deadline's status, summary, description and alarms.
fn deadline_body<'a>(w: &mut ContentLines, r: &Record<'a>, trigger: Option<TriggerOf<'a>>) {
    let status = r.status.unwrap_or(Status::Open);
    w.line(if status == Status::Withdrawn {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    sequence(w, r);
    w.line("TRANSP:TRANSPARENT");
    text_property(w, "SUMMARY", |s| {
        s.matter(r).words("Due: ").text(r.title);
        if status != Status::Open {
            s.words(" [").words(status.word()).words("]");
        }
    });
    text_property(w, "DESCRIPTION", |d| {
        d.words("Due: ").text(r.title).newline();
        match (&r.due_at, r.due) {
            (Some(at), _) => {
                d.words("Due at: ").instant(at);
                if let Some(z) = r.zone {
                    d.words(" (").text(z.name()).words(")");
                }
                d.newline();
            }
            (None, Some(due)) => {
                d.words("Due at: end of ").day(due).newline();
            }
            (None, None) => {}
        }
        if let Some(p) = r.period {
            d.words("Period: ")
                .period(p)
                .text(", from the trigger")
                .newline();
        }
        if let Some(a) = r.authority {
            d.words("Authority: ").text(a).newline();
        }
        if let Some(t) = trigger {
            d.words("Trigger: ").trigger(&t).newline();
        }
        if let Some(c) = r.computed_due {
            d.words("Computed due date: ").day(c).newline();
        }
        d.words("Status: ").words(status.word()).newline();
        finish_description(d, r);
    });
    if status.is_open() {
        let reminders = if r.reminders.is_empty() {
            &DEFAULT_REMINDERS[..]
        } else {
            r.reminders
        };
        for p in reminders {
            valarm(w, r, p);
        }
    }
}

/// The revision, so that clients replace what they hold when a date moves.
fn sequence(w: &mut ContentLines, r: &Record) {
    w.push("SEQUENCE:");
    w.number(r.revision.unwrap_or(0).into());
    w.end();
}

/// A reminder `before` the due date.
fn valarm(w: &mut ContentLines, r: &Record, before: &Period) {
    w.line("BEGIN:VALARM");
    w.line("ACTION:DISPLAY");
    text_property(w, "DESCRIPTION", |s| {
        s.text(r.title).words(" (").period(before).words(" before)");
    });
    // The period before the start, as an RFC 5545 duration.
    let (prefix, n, unit) = match before.reminder_offset() {
        ReminderOffset::Hours(n) => ("TRIGGER:-PT", n, "H"),
        ReminderOffset::Weeks(n) => ("TRIGGER:-P", n, "W"),
        ReminderOffset::Days(n) => ("TRIGGER:-P", n, "D"),
    };
    w.push(prefix);
    w.number(n);
    w.line(unit);
    w.line("END:VALARM");
}

/// An event's summary and description.
fn event_body(w: &mut ContentLines, r: &Record, timed: bool) {
    let Some(when) = r.when else { return };
    let partial = when.is_partial();
    sequence(w, r);
    text_property(w, "SUMMARY", |s| {
        s.matter(r).text(r.title);
        if partial || when.approximate {
            s.words(" (approximate: ").when(when).words(")");
        }
    });
    if let Some(location) = r.location {
        text_property(w, "LOCATION", |l| {
            l.text(location);
        });
    }
    text_property(w, "DESCRIPTION", |d| {
        d.text(r.title).newline().words("Date: ").when(when);
        if partial {
            d.text(", known only to this precision; the span is not the event's length");
        }
        d.newline();
        if let Some(k) = r.event_kind {
            d.words("Kind: ").text(k).newline();
        }
        finish_description(d, r);
    });
    // A timed event (a hearing, a deposition) is busy time; an event known only by its day
    // (a letter, an order) is not.
    w.line(if timed {
        "TRANSP:OPAQUE"
    } else {
        "TRANSP:TRANSPARENT"
    });
    // An event's reminders are its own: none unless its file gives some.
    for p in r.reminders {
        valarm(w, r, p);
    }
}

/// Ends a description with the notes, sources and timeline.
fn finish_description(d: &mut TextValue, r: &Record) {
    if let Some(n) = r.notes {
        d.words("Notes: ").text(n).newline();
    }
    if !r.sources.is_empty() {
        d.words("Sources: ");
        for (i, s) in r.sources.iter().enumerate() {
            if i > 0 {
                d.text("; ");
            }
            d.source(s);
        }
        d.newline();
    }
    let t = r.matter;
    d.words("Matter: ").text(&t.title).newline();
    if let Some(case) = &t.case {
        d.words("Case: ").text(case).newline();
    }
    if let Some(court) = &t.court {
        d.words("Court: ").text(court).newline();
    }
    if let Some(assignee) = &t.assignee {
        d.words("Assignee: ").text(assignee).newline();
    }
    d.words("Timeline: ").text(r.timeline);
}

/// A TEXT property (`name:value`) whose value `make` writes.
pub(super) fn text_property(w: &mut ContentLines, name: &str, make: impl FnOnce(&mut TextValue)) {
    w.push(name);
    w.push(":");
    make(&mut TextValue(w));
    w.end();
}

/// A TEXT value being written, in pieces: docket's own words as they are, the user's text
/// and anything displayed escaped (line breaks become `\n`).
pub(super) struct TextValue<'w>(&'w mut ContentLines);

impl TextValue<'_> {
    /// Words of docket's own, which need no escaping.
    fn words(&mut self, words: &str) -> &mut Self {
        debug_assert!(needs_no_escape(words), "{words:?} needs escaping");
        self.0.push(words);
        self
    }
    /// Text from the user's files, escaped.
    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        self.0.escaped(text);
        self
    }
    /// The matter a summary belongs to, in brackets: the timeline's `short`, else its title.
    fn matter(&mut self, r: &Record) -> &mut Self {
        let t = r.matter;
        self.words("[")
            .text(t.short.as_deref().unwrap_or(&t.title))
            .words("] ")
    }
    /// A line break within the value.
    fn newline(&mut self) -> &mut Self {
        self.0.push("\\n");
        self
    }
    /// A source as it displays ([`Source`]'s `Display`), escaped, without going through `fmt`.
    fn source(&mut self, s: &Source) -> &mut Self {
        match (&s.cite, &s.url) {
            (Some(c), Some(u)) => self.text(c).words(" <").text(u).words(">"),
            (Some(t), None) | (None, Some(t)) => self.text(t),
            (None, None) => self,
        }
    }
    /// A period as it displays (`14 court days before + mail`), without going through `fmt`.
    fn period(&mut self, p: &Period) -> &mut Self {
        self.0.number(p.count.into());
        self.words(" ").words(p.unit.name(p.count.into()));
        if p.direction == Counting::Backward {
            self.words(" before");
        }
        if let Some(service) = p.service {
            self.words(" + ").words(service.word());
        }
        self
    }
    /// A day as it displays (`2020-01-13`).
    fn day(&mut self, day: NaiveDate) -> &mut Self {
        match iso_day(day) {
            Some(buf) => self.0.push_ascii(&buf),
            None => {
                self.show(day);
            }
        }
        self
    }
    /// An event's date as it displays ([`When`]'s `Display`), a day without going through `fmt`.
    fn when(&mut self, when: &When) -> &mut Self {
        match when.precision {
            Precision::Day(day) => {
                if when.approximate {
                    self.words("c. ");
                }
                self.day(day)
            }
            _ => self.show(when),
        }
    }
    /// A deadline's trigger as it displays ([`TriggerOf`]'s `Display`).
    fn trigger(&mut self, t: &TriggerOf) -> &mut Self {
        match t {
            TriggerOf::Event(e) => self.text(&e.title).words(" (").when(&e.when).words(")"),
            TriggerOf::Deadline(title) => self.words("the due date of: ").text(title),
            TriggerOf::Unknown(id) => self.text(id),
        }
    }
    /// A value as it displays, escaped.
    fn show(&mut self, value: impl fmt::Display) -> &mut Self {
        write!(self, "{value}").expect("formatting into memory");
        self
    }
    /// An instant with its offset, as [`DateTime::to_rfc3339`] writes it.
    fn instant(&mut self, at: &DateTime<FixedOffset>) -> &mut Self {
        match rfc3339(at) {
            Some(buf) => self.0.push_ascii(&buf),
            None => self.0.push(&at.to_rfc3339()),
        }
        self
    }
}

impl fmt::Write for TextValue<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.escaped(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Service, Unit};
    use crate::timeline;
    use proptest::prelude::*;

    /// What `direct` writes into a value, and what `shown` displays as, escaped.
    fn both(direct: &dyn Fn(&mut TextValue), shown: &dyn fmt::Display) -> (Vec<u8>, Vec<u8>) {
        let (mut a, mut b) = (ContentLines::default(), ContentLines::default());
        direct(&mut TextValue(&mut a));
        TextValue(&mut b).show(shown);
        (a.out, b.out)
    }

    proptest! {
        #[test]
        fn a_source_is_written_as_it_displays(
            cite in proptest::option::of("[a-z ,;<>\\\\\né]{0,20}"),
            url in proptest::option::of("[a-z:/.,;\\\\]{0,20}"),
        ) {
            let s = Source { cite: cite.map(Into::into), url: url.map(Into::into) };
            let (a, b) = both(&|v| { v.source(&s); }, &s);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn periods_dates_and_triggers_are_written_as_they_display(
            count in prop_oneof![Just(1u32), any::<u32>()],
            unit in prop::sample::select(&[Unit::Days, Unit::CourtDays, Unit::Weeks, Unit::Months, Unit::Years, Unit::Hours][..]),
            backward in any::<bool>(),
            service in proptest::option::of(prop::sample::select(&[Service::Mail, Service::Clerk, Service::Consent][..])),
            days in -400_000i64..4_000_000,
            approximate in any::<bool>(),
            title in "[a-z ,;\\\\é]{0,12}",
        ) {
            let direction = if backward { Counting::Backward } else { Counting::Forward };
            let p = Period { count, unit, direction, service };
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
                .checked_add_signed(chrono::TimeDelta::days(days))
                .unwrap_or(NaiveDate::MAX);
            let whens = [
                When { precision: Precision::Day(day), approximate },
                When { precision: Precision::Month(2017, 11), approximate },
                When { precision: Precision::Year(2017), approximate },
            ];
            let (a, b) = both(&|v| { v.period(&p); }, &p);
            prop_assert_eq!(a, b);
            let (a, b) = both(&|v| { v.day(day); }, &day);
            prop_assert_eq!(a, b);
            for when in &whens {
                let (a, b) = both(&|v| { v.when(when); }, when);
                prop_assert_eq!(a, b);
            }
            let text = format!(
                "[timeline]\nid = \"t\"\ntitle = \"T\"\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"{}.\"\n",
                title.replace('\\', "\\\\")
            );
            let file = std::sync::Arc::new(crate::diagnostic::SourceFile::new("t.toml", text));
            let contents = timeline::load_file(&file, 0, crate::calendar::Calendars::builtin());
            let event = &contents.events[0];
            for t in [TriggerOf::Event(event), TriggerOf::Deadline(&title), TriggerOf::Unknown(&title)] {
                let (a, b) = both(&|v| { v.trigger(&t); }, &t);
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn instants_are_written_as_chrono_writes_them(
            secs in -400_000_000_000i64..400_000_000_000,
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            offset in prop_oneof![(-1439i32..1440).prop_map(|m| m * 60), -86_399i32..86_400],
        ) {
            let utc = DateTime::from_timestamp(secs, nanos).unwrap();
            let at = utc.with_timezone(&FixedOffset::east_opt(offset).unwrap());
            let mut w = ContentLines::default();
            TextValue(&mut w).instant(&at);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), at.to_rfc3339());
        }
    }
}
