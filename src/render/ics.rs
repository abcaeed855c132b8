//! iCalendar (RFC 5545) export: every deadline a VEVENT on its due day, every event on its date,
//! written for the calendar programs people use (see the rules in `docs/icalendar.md` of the
//! project's shared notes): CRLF, 75-octet folds that never split a UTF-8 character, TEXT
//! escaping, stable UIDs, reproducible DTSTAMPs, a VTIMEZONE for every TZID (generated from the
//! time-zone database by `calcard`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use super::text::is_unsafe;
use crate::parallel;
use crate::rules::{Period, Unit};
use crate::timeline::{Precision, Record, Status};

/// What to do with dates known only to the month or year, which iCalendar cannot express.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PartialDates {
    /// Leave them out, with a notice for each.
    #[default]
    Skip,
    /// An all-day span over the whole month or year, marked approximate in its summary.
    Span,
}

/// Export settings.
#[derive(Clone, Debug)]
pub struct IcsOptions {
    /// The calendar's name (`NAME`, `X-WR-CALNAME`).
    pub name: String,
    /// The policy for partial dates.
    pub partial: PartialDates,
}

/// An iCalendar file and the notices about what was left out.
#[derive(Clone, Debug)]
pub struct Ics {
    /// The file, CRLF line endings.
    pub text: String,
    /// One line per record left out or changed, for standard error.
    pub notices: Vec<String>,
}

/// Escapes TEXT (RFC 5545 3.3.11): CR LF and CR become `\n`; `\`, `;`, `,` are escaped; other
/// control, bidi and zero-width characters are dropped, so no text can start a new line or
/// property.
///
/// ```
/// use docket::render::ics::escape_text;
/// assert_eq!(escape_text("a;b,c\\d\r\nBEGIN:VEVENT"), "a\\;b\\,c\\\\d\\nBEGIN:VEVENT");
/// ```
pub fn escape_text(text: &str) -> Cow<'_, str> {
    if needs_no_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    Cow::Owned(out)
}

/// Whether TEXT goes as it is. Printable ASCII other than the three escaped characters, the
/// common case, is tested a byte at a time.
fn needs_no_escape(text: &str) -> bool {
    let printable = |b: &u8| matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b';' | b',');
    let plain = |c: char| !matches!(c, '\\' | ';' | ',' | '\n' | '\r') && !is_unsafe(c);
    text.as_bytes().iter().all(printable) || text.chars().all(plain)
}

/// [`escape_text`], appending to `out`: runs of text that go as they are are copied whole, and
/// only the characters between them are looked at one by one.
fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b';' | b',') {
            i += 1;
            continue;
        }
        out.push_str(&text[start..i]);
        if b.is_ascii() {
            match b {
                b'\\' => out.push_str("\\\\"),
                b';' => out.push_str("\\;"),
                b',' => out.push_str("\\,"),
                // CR LF, a lone CR and a lone LF are each one line break.
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
                b'\n' | b'\r' => out.push_str("\\n"),
                // Every other ASCII byte here is a control character.
                _ => {}
            }
            i += 1;
        } else {
            let n = text[i..]
                .chars()
                .next()
                .map_or(bytes.len() - i, char::len_utf8);
            let c = &text[i..i + n];
            if !c.chars().any(is_unsafe) {
                out.push_str(c);
            }
            i += n;
        }
        start = i;
    }
    out.push_str(&text[start..]);
}

/// Folds a content line at 75 octets (the leading space of a continuation counts), never inside
/// a UTF-8 character, and ends every physical line with CRLF.
///
/// ```
/// use docket::render::ics::fold;
/// let line = format!("SUMMARY:{}", "é".repeat(60));
/// let folded = fold(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
/// ```
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    fold_into(&mut out, line);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut width = 0;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str(&line[start..i]);
            out.push_str("\r\n ");
            start = i;
            width = 1;
        }
        width += n;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// A day as `YYYYMMDD`.
struct Ymd(NaiveDate);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

/// A local date-time as `YYYYMMDDTHHMMSS`.
struct Local(NaiveDateTime);

impl fmt::Display for Local {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        if (0..=9999).contains(&t.year()) {
            write!(
                f,
                "{}T{:02}{:02}{:02}",
                Ymd(t.date()),
                t.hour(),
                t.minute(),
                t.second()
            )
        } else {
            // Outside four digits the year takes a sign, as chrono writes it.
            write!(f, "{}", t.format("%Y%m%dT%H%M%S"))
        }
    }
}

/// An alarm's TRIGGER value: the period before the start, as an RFC 5545 duration.
struct AlarmTrigger<'a>(&'a Period);

impl fmt::Display for AlarmTrigger<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = u64::from(self.0.count);
        match self.0.unit {
            Unit::Hours => write!(f, "-PT{n}H"),
            Unit::Weeks => write!(f, "-P{n}W"),
            Unit::Days | Unit::CourtDays => write!(f, "-P{n}D"),
            Unit::Months => write!(f, "-P{}D", n * 30),
            Unit::Years => write!(f, "-P{}D", n * 365),
        }
    }
}

/// The reminders of a deadline that names none: a week and a day before.
fn default_reminders() -> &'static [Period] {
    static DEFAULT: OnceLock<[Period; 2]> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        [
            "7 days".parse().expect("valid"),
            "1 day".parse().expect("valid"),
        ]
    })
}

/// Content lines, folded, appended to `out`; the buffers are reused from line to line, so
/// writing an event allocates nothing once they have grown.
#[derive(Default)]
struct Writer {
    out: String,
    /// The line being made.
    line: String,
    /// A value being made, before it is escaped.
    value: String,
    /// The description being made, before it is escaped.
    description: String,
}

impl Writer {
    fn line(&mut self, text: &str) {
        fold_into(&mut self.out, text);
    }
    /// A line from format arguments.
    fn linef(&mut self, args: fmt::Arguments<'_>) {
        self.line.clear();
        self.line.write_fmt(args).expect("formatting into a String");
        fold_into(&mut self.out, &self.line);
    }
    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        escape_into(&mut self.line, value);
        fold_into(&mut self.out, &self.line);
    }
    /// A TEXT property whose value is made by `make` in a reused buffer.
    fn text_with(&mut self, name: &str, make: impl FnOnce(&mut String) -> fmt::Result) {
        let mut value = std::mem::take(&mut self.value);
        value.clear();
        make(&mut value).expect("formatting into a String");
        self.text(name, &value);
        self.value = value;
    }
}

/// The VTIMEZONE of `zone` covering `from..=to`, from the time-zone database through `calcard`.
fn vtimezone(zone: Tz, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let probe = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//tz//EN\r\nBEGIN:VEVENT\r\nUID:tz\r\nDTSTAMP:20000101T000000Z\r\nDTSTART;TZID={name}:{from}T000000\r\nDTEND;TZID={name}:{to}T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        name = zone.name(),
        from = Ymd(from),
        to = Ymd(to),
    );
    let mut cal = calcard::icalendar::ICalendar::parse(&probe).ok()?;
    cal.add_missing_timezones();
    let text = cal.to_string().replace("\r\n", "\n");
    let start = text.find("BEGIN:VTIMEZONE")?;
    let end = text[start..].find("END:VTIMEZONE")? + start + "END:VTIMEZONE".len();
    Some(text[start..end].to_string())
}

/// How many records a worker renders at a time: enough to keep a core busy, few enough that a
/// large export holds only a few megabytes of text at once.
const CHUNK: usize = 8192;

/// Writes the records as an iCalendar file in memory.
///
/// ```
/// use docket::render::ics::{IcsOptions, PartialDates, to_ics};
/// let ics = to_ics(&[], &IcsOptions { name: "docket".into(), partial: PartialDates::Skip });
/// assert!(ics.text.starts_with("BEGIN:VCALENDAR\r\n") && ics.text.ends_with("END:VCALENDAR\r\n"));
/// ```
pub fn to_ics(records: &[Record], opts: &IcsOptions) -> Ics {
    to_ics_in_chunks(records, opts, CHUNK)
}

/// [`to_ics`] with the events rendered in chunks of `chunk` records.
#[doc(hidden)]
pub fn to_ics_in_chunks(records: &[Record], opts: &IcsOptions, chunk: usize) -> Ics {
    let mut bytes = Vec::new();
    let notices = write_ics_in_chunks(records.len(), &nth(records), opts, chunk, &mut bytes)
        .expect("writing to memory");
    Ics {
        text: String::from_utf8(bytes).expect("iCalendar text is UTF-8"),
        notices,
    }
}

/// Writes the records as an iCalendar file to `out`, as it is made: a large export never holds
/// the whole file in memory. Returns the notices about what was left out.
pub fn write_ics(
    records: &[Record],
    opts: &IcsOptions,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    write_ics_by(records.len(), nth(records), opts, out)
}

/// Record `i` of a slice, as the record-making functions give it.
fn nth<'a, 'r>(records: &'r [Record<'a>]) -> impl Fn(usize) -> Option<Record<'a>> + Sync + 'r {
    |i| records.get(i).cloned()
}

/// [`write_ics`] over `count` records made one at a time by `record_at` (`None` skips one), so
/// that a million records need never all exist at once.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::ics::{IcsOptions, PartialDates, write_ics_by};
/// use docket::timeline::{Docket, Filter, listed, record};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = listed(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let opts = IcsOptions { name: "docket".into(), partial: PartialDates::Skip };
/// let mut out = Vec::new();
/// write_ics_by(order.len(), |i| record(&docket, &order[i]), &opts, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("BEGIN:VEVENT"));
/// ```
pub fn write_ics_by<'a>(
    count: usize,
    record_at: impl Fn(usize) -> Option<Record<'a>> + Sync,
    opts: &IcsOptions,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    write_ics_in_chunks(count, &record_at, opts, CHUNK, out)
}

/// [`write_ics_by`] with the events rendered in chunks of `chunk` records: as many chunks at a
/// time as there are cores, one thread each, written in order.
#[doc(hidden)]
pub fn write_ics_in_chunks<'a>(
    count: usize,
    record_at: &(impl Fn(usize) -> Option<Record<'a>> + Sync),
    opts: &IcsOptions,
    chunk: usize,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    let mut w = header(opts);
    // Every zone a timed entry uses, with the days it covers, so that each VTIMEZONE comes
    // before the events that name it: a first pass on every core.
    let mut zones = Zones::new();
    let found = parallel::per_core(count, |rows| {
        let mut zones = Zones::new();
        for r in rows.filter_map(record_at) {
            if let Some(Ok(Start::Zoned(tz, local))) = start(&r, opts.partial) {
                widen(&mut zones, tz, local.date(), local.date());
            }
        }
        zones
    });
    for (tz, from, to) in found.iter().flat_map(|z| z.values()) {
        widen(&mut zones, *tz, *from, *to);
    }
    let mut zone_notices = Vec::new();
    for (_, (tz, from, to)) in zones {
        match vtimezone(tz, from, to) {
            Some(block) => {
                for l in block.lines() {
                    w.line(l);
                }
            }
            None => zone_notices.push(format!(
                "no time-zone definition could be made for `{}`",
                tz.name()
            )),
        }
    }
    out.write_all(w.out.as_bytes())?;
    let mut notices = Vec::new();
    parallel::in_order(
        count,
        chunk,
        |rows| vevents(rows.filter_map(record_at), opts),
        |mut part| {
            notices.append(&mut part.notices);
            out.write_all(part.text.as_bytes())
        },
    )?;
    notices.append(&mut zone_notices);
    out.write_all(b"END:VCALENDAR\r\n")?;
    Ok(notices)
}

/// The calendar's opening lines.
fn header(opts: &IcsOptions) -> Writer {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.linef(format_args!(
        "PRODID:-//docket//docket {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.text("NAME", &opts.name);
    w.text("X-WR-CALNAME", &opts.name);
    w.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H");
    w.line("X-PUBLISHED-TTL:PT12H");
    w
}

/// Zones used by timed entries, by name, with the span of days they cover.
type Zones = BTreeMap<&'static str, (Tz, NaiveDate, NaiveDate)>;

/// Records that `tz` is used from `from` to `to`.
fn widen(zones: &mut Zones, tz: Tz, from: NaiveDate, to: NaiveDate) {
    let e = zones.entry(tz.name()).or_insert((tz, from, to));
    e.1 = e.1.min(from);
    e.2 = e.2.max(to);
}

/// The VEVENTs of some records and the notices they raise.
struct Part {
    text: String,
    notices: Vec<String>,
}

fn vevents<'a>(records: impl Iterator<Item = Record<'a>>, opts: &IcsOptions) -> Part {
    let mut w = Writer {
        out: String::with_capacity(records.size_hint().1.unwrap_or(0) * 900),
        ..Writer::default()
    };
    let mut notices = Vec::new();
    for r in records {
        match start(&r, opts.partial) {
            Some(Ok(at)) => vevent(&mut w, &r, at),
            Some(Err(left)) => notices.push(left.notice(&r)),
            None => {}
        }
    }
    Part {
        text: w.out,
        notices,
    }
}

/// When an entry starts (and, for all-day entries, ends).
#[derive(Clone, Copy)]
enum Start {
    /// All day, from the first day up to the second (exclusive).
    Days(NaiveDate, NaiveDate),
    /// A local time in a zone.
    Zoned(Tz, NaiveDateTime),
    /// An instant, in UTC.
    Utc(NaiveDateTime),
}

/// Why a record is left out.
enum Left {
    /// Its time needs a zone that it does not have.
    NoZone,
    /// Its date is known only to the month or year, and partial dates are skipped.
    Partial,
}

impl Left {
    fn notice(&self, r: &Record) -> String {
        match self {
            Left::NoZone => format!("left out `{}`: its time cannot be placed in a zone", r.id),
            Left::Partial => {
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

/// Where a record goes in a calendar; `None` for a record with no date to place.
fn start(r: &Record, partial: PartialDates) -> Option<Result<Start, Left>> {
    if r.kind == "deadline" {
        let due = r.due?;
        return Some(Ok(match r.due_time {
            Some((time, tz)) => Start::Zoned(tz, due.and_time(time)),
            None => Start::Days(due, due + Days::new(1)),
        }));
    }
    let when = r.when?;
    Some(match when.precision {
        Precision::Day(d) => Ok(Start::Days(d, d + Days::new(1))),
        Precision::Moment(t) => match t.resolve(r.zone) {
            Ok(m) => {
                let at = m.instant.expect("a moment has an instant");
                Ok(match r.zone {
                    Some(tz) => Start::Zoned(tz, at.with_timezone(&tz).naive_local()),
                    None => Start::Utc(at.naive_utc()),
                })
            }
            Err(_) => Err(Left::NoZone),
        },
        Precision::Month(..) | Precision::Year(_) if partial == PartialDates::Skip => {
            Err(Left::Partial)
        }
        Precision::Month(y, m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1).expect("valid month");
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .expect("in range");
            Ok(Start::Days(first, next))
        }
        Precision::Year(y) => {
            let first = NaiveDate::from_ymd_opt(y, 1, 1).expect("valid year");
            let next = NaiveDate::from_ymd_opt(y + 1, 1, 1).expect("valid year");
            Ok(Start::Days(first, next))
        }
    })
}

/// One record's VEVENT, starting at `at`.
fn vevent(w: &mut Writer, r: &Record, at: Start) {
    w.line("BEGIN:VEVENT");
    // A UID from the record id and the timeline id: stable across exports, no host names.
    w.text_with("UID", |v| write!(v, "{}.{}@docket", r.id, r.timeline));
    // DTSTAMP and LAST-MODIFIED come from the data (the latest day the record speaks of), so
    // the same files give the same bytes and a moved date shows as a modification.
    let stamp = Ymd(r.stamp());
    w.linef(format_args!("DTSTAMP:{stamp}T000000Z"));
    w.linef(format_args!("LAST-MODIFIED:{stamp}T000000Z"));
    match at {
        Start::Days(first, next) => {
            w.linef(format_args!("DTSTART;VALUE=DATE:{}", Ymd(first)));
            w.linef(format_args!("DTEND;VALUE=DATE:{}", Ymd(next)));
        }
        Start::Zoned(tz, local) => {
            w.linef(format_args!("DTSTART;TZID={}:{}", tz.name(), Local(local)))
        }
        Start::Utc(t) => w.linef(format_args!("DTSTART:{}Z", Local(t))),
    }
    let mut d = std::mem::take(&mut w.description);
    d.clear();
    if r.kind == "deadline" {
        deadline_body(w, r, &mut d).expect("formatting into a String");
    } else {
        event_body(w, r, &mut d).expect("formatting into a String");
    }
    w.description = d;
    if !r.tags.is_empty() {
        w.line.clear();
        w.line.push_str("CATEGORIES:");
        for (i, t) in r.tags.iter().enumerate() {
            if i > 0 {
                w.line.push(',');
            }
            escape_into(&mut w.line, t);
        }
        fold_into(&mut w.out, &w.line);
    }
    w.line("END:VEVENT");
}

/// A deadline's status, summary, description and alarms.
fn deadline_body(w: &mut Writer, r: &Record, d: &mut String) -> fmt::Result {
    let status = r.status.unwrap_or(Status::Open);
    writeln!(d, "Due: {}", r.title)?;
    match (&r.due_at, r.due) {
        (Some(at), _) => {
            write!(d, "Due at: {}", at.to_rfc3339())?;
            if let Some(z) = r.zone {
                write!(d, " ({})", z.name())?;
            }
            d.push('\n');
        }
        (None, Some(due)) => writeln!(d, "Due at: end of {due}")?,
        (None, None) => {}
    }
    if let Some(p) = r.period {
        writeln!(d, "Period: {p}, from the trigger")?;
    }
    if let Some(a) = r.authority {
        writeln!(d, "Authority: {a}")?;
    }
    if let Some(t) = r.trigger_of() {
        writeln!(d, "Trigger: {t}")?;
    }
    if let Some(c) = r.computed_due {
        writeln!(d, "Computed due date: {c}")?;
    }
    writeln!(d, "Status: {}", status.word())?;
    w.line(if status == Status::Withdrawn {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    w.linef(format_args!("SEQUENCE:{}", r.revision.unwrap_or(0)));
    w.line("TRANSP:TRANSPARENT");
    w.text_with("SUMMARY", |s| {
        write!(s, "Due: {}", r.title)?;
        if status != Status::Open {
            write!(s, " [{}]", status.word())?;
        }
        Ok(())
    });
    finish_description(w, r, d)?;
    if status.is_open() {
        let reminders = if r.reminders.is_empty() {
            default_reminders()
        } else {
            r.reminders
        };
        for p in reminders {
            w.line("BEGIN:VALARM");
            w.line("ACTION:DISPLAY");
            w.text_with("DESCRIPTION", |s| write!(s, "{} ({p} before)", r.title));
            w.linef(format_args!("TRIGGER:{}", AlarmTrigger(p)));
            w.line("END:VALARM");
        }
    }
    Ok(())
}

/// An event's summary and description.
fn event_body(w: &mut Writer, r: &Record, d: &mut String) -> fmt::Result {
    let Some(when) = r.when else { return Ok(()) };
    let partial = matches!(when.precision, Precision::Month(..) | Precision::Year(_));
    w.text_with("SUMMARY", |s| {
        s.push_str(r.title);
        if partial || when.approximate {
            write!(s, " (approximate: {when})")?;
        }
        Ok(())
    });
    writeln!(d, "{}", r.title)?;
    write!(d, "Date: {when}")?;
    if partial {
        d.push_str(", known only to this precision; the span is not the event's length");
    }
    d.push('\n');
    if let Some(k) = r.event_kind {
        writeln!(d, "Kind: {k}")?;
    }
    finish_description(w, r, d)?;
    w.line("TRANSP:TRANSPARENT");
    Ok(())
}

/// Ends the description with the notes, sources and timeline, and writes it.
fn finish_description(w: &mut Writer, r: &Record, d: &mut String) -> fmt::Result {
    if let Some(n) = r.notes {
        writeln!(d, "Notes: {n}")?;
    }
    if !r.sources.is_empty() {
        d.push_str("Sources: ");
        for (i, s) in r.sources.iter().enumerate() {
            if i > 0 {
                d.push_str("; ");
            }
            write!(d, "{s}")?;
        }
        d.push('\n');
    }
    write!(d, "Timeline: {}", r.timeline)?;
    w.text("DESCRIPTION", d);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The escaping rules one character at a time, as RFC 5545 3.3.11 states them.
    fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => out.push_str("\\n"),
                c if is_unsafe(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn escaping_by_runs_is_escaping_by_characters(
            text in "[a-z ,;\\\\\r\n\t\u{7f}\u{85}\u{200b}\u{202e}é漢😀]{0,40}"
        ) {
            let mut out = String::new();
            escape_into(&mut out, &text);
            prop_assert_eq!(out, escape_by_char(&text));
            prop_assert_eq!(escape_text(&text), escape_by_char(&text));
        }
    }
}
