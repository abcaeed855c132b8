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

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use super::text::is_unsafe;
use crate::calendar::Counting;
use crate::digits::{ascii, digits, four_digit_year, iso_day, ymd};
use crate::parallel;
use crate::rules::{Period, Unit};
use crate::timeline::{
    self, Docket, Kind, Place, Precision, Record, Source, Status, TriggerOf, When,
};

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
/// common case, is tested eight bytes at a time.
fn needs_no_escape(text: &str) -> bool {
    let plain = |c: char| !matches!(c, '\\' | ';' | ',' | '\n' | '\r') && !is_unsafe(c);
    plain_bytes(text.as_bytes()) || text.chars().all(plain)
}

/// Whether every byte of `bytes` is plain ([`plain_byte`]), eight at a time: the words at 0, 8,
/// 16, … and the last eight bytes (which may overlap the word before); a text shorter than a
/// word is padded with spaces.
#[inline]
fn plain_bytes(bytes: &[u8]) -> bool {
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
    let n = bytes.len();
    if n < 8 {
        let mut padded = [b' '; 8];
        padded[..n].copy_from_slice(bytes);
        return plain_word(u64::from_le_bytes(padded));
    }
    let mut i = 0;
    while i + 8 < n {
        if !plain_word(word(i)) {
            return false;
        }
        i += 8;
    }
    plain_word(word(n - 8))
}

/// [`escape_text`], appending to `out`.
fn escape_into(out: &mut String, text: &str) {
    escape_with(text, |piece| out.push_str(piece));
}

/// Whether byte `b` of TEXT goes as it is: printable ASCII other than the three escaped
/// characters.
fn plain_byte(b: u8) -> bool {
    matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b';' | b',')
}

/// Whether each of the eight bytes of `word` goes as it is (printable ASCII other than `\`,
/// `;` and `,`), tested all at once: each test below sets a byte's high bit if some byte is of
/// its kind (it may also set others, which does not matter here).
fn plain_word(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let any_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let above_tilde = (word.wrapping_add(ONES) | word) & HIGH;
    let special = any_zero(word ^ (ONES * u64::from(b'\\')))
        | any_zero(word ^ (ONES * u64::from(b';')))
        | any_zero(word ^ (ONES * u64::from(b',')));
    below_space | above_tilde | special == 0
}

/// [`escape_text`], handing the escaped text to `emit` in pieces: runs of text that go as they
/// are are handed on whole, and only the characters between them are looked at one by one.
#[inline]
fn escape_with(text: &str, mut emit: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8)
            && plain_word(u64::from_le_bytes(word.try_into().expect("eight bytes")))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if plain_byte(b) {
            i += 1;
            continue;
        }
        if start < i {
            emit(&text[start..i]);
        }
        if b.is_ascii() {
            match b {
                b'\\' => emit("\\\\"),
                b';' => emit("\\;"),
                b',' => emit("\\,"),
                // CR LF, a lone CR and a lone LF are each one line break.
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
                b'\n' | b'\r' => emit("\\n"),
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
                emit(c);
            }
            i += n;
        }
        start = i;
    }
    if start < bytes.len() {
        emit(&text[start..]);
    }
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
    let mut w = Writer {
        out: Vec::with_capacity(line.len() + line.len() / 70 * 3 + 2),
        width: 0,
    };
    w.line(line);
    String::from_utf8(w.out).expect("folds fall between characters")
}

/// A day as `YYYYMMDD`.
struct Ymd(NaiveDate);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match ymd(d) {
            Some(buf) => f.write_str(ascii(&buf)),
            None => write!(f, "{:04}{:02}{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// A local date-time as `YYYYMMDDTHHMMSS`.
struct Local(NaiveDateTime);

impl fmt::Display for Local {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        if four_digit_year(t.date()).is_none() {
            // Outside four digits the year takes a sign, as chrono writes it.
            return write!(f, "{}", t.format("%Y%m%dT%H%M%S"));
        }
        let mut buf = [b'T'; 15];
        digits(&mut buf[9..11], t.hour());
        digits(&mut buf[11..13], t.minute());
        digits(&mut buf[13..], t.second());
        write!(f, "{}{}", Ymd(t.date()), ascii(&buf[8..]))
    }
}

/// An instant with its offset as RFC 3339 (`2020-01-27T23:59:59-07:00`), as
/// [`DateTime::to_rfc3339`] writes it, in ASCII digits; `None` for fractions of a second,
/// offsets in seconds and years outside four digits, which chrono writes its own way.
fn rfc3339(at: &DateTime<FixedOffset>) -> Option<[u8; 25]> {
    let local = at.naive_local();
    let offset = at.offset().local_minus_utc();
    let (Some(year), 0, 0) = (
        four_digit_year(local.date()),
        local.nanosecond(),
        offset % 60,
    ) else {
        return None;
    };
    let mut buf = *b"0000-00-00T00:00:00+00:00";
    digits(&mut buf[..4], year);
    digits(&mut buf[5..7], local.month());
    digits(&mut buf[8..10], local.day());
    digits(&mut buf[11..13], local.hour());
    digits(&mut buf[14..16], local.minute());
    digits(&mut buf[17..19], local.second());
    if offset < 0 {
        buf[19] = b'-';
    }
    let minutes = offset.unsigned_abs() / 60;
    digits(&mut buf[20..22], minutes / 60);
    digits(&mut buf[23..], minutes % 60);
    Some(buf)
}

/// An alarm's TRIGGER line: the period before the start, as an RFC 5545 duration.
fn alarm_trigger(w: &mut Writer, before: &Period) {
    let n = u64::from(before.count);
    let (prefix, n, unit) = match before.unit {
        Unit::Hours => ("TRIGGER:-PT", n, "H"),
        Unit::Weeks => ("TRIGGER:-P", n, "W"),
        Unit::Days | Unit::CourtDays => ("TRIGGER:-P", n, "D"),
        Unit::Months => ("TRIGGER:-P", n * 30, "D"),
        Unit::Years => ("TRIGGER:-P", n * 365, "D"),
    };
    w.push(prefix);
    w.number(n);
    w.line(unit);
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

/// Content lines written into `out` as they are made: folded at 75 octets (the leading space of
/// a continuation counts), never inside a UTF-8 character, each ended with CRLF. A value goes
/// into the output once, escaped and folded on the way, with nothing built apart and copied.
/// `out` holds bytes so that digits go in without being checked as text; only whole `str`s and
/// ASCII are appended, and folds fall between characters, so it is always UTF-8.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Octets on the physical line being written.
    width: usize,
}

impl Writer {
    /// Appends `text`, which holds no line break, to the content line being written.
    #[inline]
    fn push(&mut self, text: &str) {
        if text.len() <= 75 - self.width {
            self.out.extend_from_slice(text.as_bytes());
            self.width += text.len();
        } else {
            self.push_folded(text);
        }
    }
    /// [`Writer::push`] of ASCII (digits).
    #[inline]
    fn push_ascii(&mut self, bytes: &[u8]) {
        debug_assert!(bytes.is_ascii());
        if bytes.len() <= 75 - self.width {
            self.out.extend_from_slice(bytes);
            self.width += bytes.len();
        } else {
            self.push_folded(std::str::from_utf8(bytes).expect("ASCII"));
        }
    }
    /// [`Writer::push`] of text that does not fit on the physical line.
    #[inline(never)]
    fn push_folded(&mut self, mut text: &str) {
        loop {
            let room = 75 - self.width;
            if text.len() <= room {
                self.out.extend_from_slice(text.as_bytes());
                self.width += text.len();
                return;
            }
            // What fits, up to a character boundary, then a fold.
            let mut fits = room;
            while !text.is_char_boundary(fits) {
                fits -= 1;
            }
            self.out.extend_from_slice(&text.as_bytes()[..fits]);
            self.out.extend_from_slice(b"\r\n ");
            self.width = 1;
            text = &text[fits..];
        }
    }
    /// Appends `text` escaped as TEXT: as it is when all of it is plain, the common case.
    #[inline]
    fn escaped(&mut self, text: &str) {
        if plain_bytes(text.as_bytes()) {
            self.push(text);
        } else {
            escape_with(text, |piece| self.push(piece));
        }
    }
    /// Appends a day as `YYYYMMDD`.
    fn ymd(&mut self, day: NaiveDate) {
        match ymd(day) {
            Some(buf) => self.push_ascii(&buf),
            None => write!(self, "{}", Ymd(day)).expect("formatting into memory"),
        }
    }
    /// Appends `n` in decimal.
    fn number(&mut self, n: u64) {
        self.push_ascii(crate::digits::number(&mut [0; 20], n));
    }
    /// Ends the content line.
    fn end(&mut self) {
        self.out.extend_from_slice(b"\r\n");
        self.width = 0;
    }
    fn line(&mut self, text: &str) {
        self.push(text);
        self.end();
    }
    /// A line from format arguments.
    fn linef(&mut self, args: fmt::Arguments<'_>) {
        self.write_fmt(args).expect("formatting into memory");
        self.end();
    }
    /// A line of `name`, a day as `YYYYMMDD` and `after` it.
    fn day_line(&mut self, name: &str, day: NaiveDate, after: &str) {
        self.push(name);
        self.ymd(day);
        self.push(after);
        self.end();
    }
    /// A TEXT property.
    fn text(&mut self, name: &str, value: &str) {
        self.text_with(name, |v| {
            v.text(value);
        });
    }
    /// A TEXT property whose value `make` writes (see [`Escaped`]).
    fn text_with(&mut self, name: &str, make: impl FnOnce(&mut Escaped)) {
        self.push(name);
        self.push(":");
        make(&mut Escaped(self));
        self.end();
    }
}

impl fmt::Write for Writer {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push(text);
        Ok(())
    }
}

/// A TEXT value being written, in pieces: docket's own words as they are, the user's text
/// and anything displayed escaped (line breaks become `\n`).
struct Escaped<'w>(&'w mut Writer);

impl Escaped<'_> {
    /// Words of docket's own, which need no escaping.
    fn words(&mut self, words: &str) -> &mut Self {
        debug_assert!(needs_no_escape(words), "{words:?} needs escaping");
        self.0.push(words);
        self
    }
    /// Text from the user's files, escaped.
    fn text(&mut self, text: &str) -> &mut Self {
        self.0.escaped(text);
        self
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

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.escaped(text);
        Ok(())
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
/// use docket::timeline::{Docket, Filter, list_places, record};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
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

/// Writes the records at the places of `order` (see [`crate::timeline::list_places`]) as an
/// iCalendar file to `out`, as [`write_ics_by`] does. The zones that need a VTIMEZONE are read
/// from the places themselves, so each record is made only once, when it is written.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::ics::{IcsOptions, PartialDates, write_ics_by, write_ics_listed};
/// use docket::timeline::{Docket, Filter, list_places, record};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let opts = IcsOptions { name: "docket".into(), partial: PartialDates::Skip };
/// let (mut by_place, mut by_record) = (Vec::new(), Vec::new());
/// write_ics_listed(&docket, &order, &opts, &mut by_place).unwrap();
/// write_ics_by(order.len(), |i| record(&docket, &order[i]), &opts, &mut by_record).unwrap();
/// assert_eq!(by_place, by_record);
/// ```
pub fn write_ics_listed(
    docket: &Docket,
    order: &[Place],
    opts: &IcsOptions,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    let found = parallel::per_core(order.len(), |places| {
        let mut zones = Zones::new();
        for (tz, day) in order[places].iter().filter_map(Place::zoned) {
            widen(&mut zones, tz, day, day);
        }
        zones
    });
    write_calendar(
        merged(found),
        order.len(),
        &timeline::records_at(docket, order),
        opts,
        CHUNK,
        out,
    )
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
    // Every zone a timed entry uses, with the days it covers, so that each VTIMEZONE comes
    // before the events that name it: a first pass on every core.
    let found = parallel::per_core(count, |rows| {
        let mut zones = Zones::new();
        for r in rows.filter_map(record_at) {
            if let Some(Ok(Start::Zoned(tz, local))) = start(&r, opts.partial) {
                widen(&mut zones, tz, local.date(), local.date());
            }
        }
        zones
    });
    write_calendar(merged(found), count, record_at, opts, chunk, out)
}

/// The zones found in each part, as one.
fn merged(found: Vec<Zones>) -> Zones {
    let mut zones = Zones::new();
    for (tz, from, to) in found.iter().flat_map(|z| z.values()) {
        widen(&mut zones, *tz, *from, *to);
    }
    zones
}

/// The calendar: its header, a VTIMEZONE for each of `zones`, and the events of `count`
/// records made by `record_at`, rendered in chunks of `chunk` on every core.
fn write_calendar<'a>(
    zones: Zones,
    count: usize,
    record_at: &(impl Fn(usize) -> Option<Record<'a>> + Sync),
    opts: &IcsOptions,
    chunk: usize,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    let mut w = header(opts);
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
    out.write_all(&w.out)?;
    let mut notices = Vec::new();
    parallel::in_order(
        count,
        chunk,
        |rows| vevents(rows.filter_map(record_at), opts),
        |mut part| {
            notices.append(&mut part.notices);
            out.write_all(&part.text)
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
    text: Vec<u8>,
    notices: Vec<String>,
}

fn vevents<'a>(records: impl Iterator<Item = Record<'a>>, opts: &IcsOptions) -> Part {
    let mut w = Writer {
        out: Vec::with_capacity(records.size_hint().1.unwrap_or(0) * 900),
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
    if r.kind == Kind::Deadline {
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
    w.text_with("UID", |v| {
        v.text(r.id).words(".").text(r.timeline).words("@docket");
    });
    // DTSTAMP and LAST-MODIFIED come from the data (the latest day the record speaks of), so
    // the same files give the same bytes and a moved date shows as a modification.
    // The trigger is looked up once, for the time stamp and the description.
    let trigger = r.trigger_of();
    let stamp = r.stamp_with(trigger);
    w.day_line("DTSTAMP:", stamp, "T000000Z");
    w.day_line("LAST-MODIFIED:", stamp, "T000000Z");
    match at {
        Start::Days(first, next) => {
            w.day_line("DTSTART;VALUE=DATE:", first, "");
            w.day_line("DTEND;VALUE=DATE:", next, "");
        }
        Start::Zoned(tz, local) => {
            w.linef(format_args!("DTSTART;TZID={}:{}", tz.name(), Local(local)))
        }
        Start::Utc(t) => w.linef(format_args!("DTSTART:{}Z", Local(t))),
    }
    if r.kind == Kind::Deadline {
        deadline_body(w, r, trigger);
    } else {
        event_body(w, r);
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
fn deadline_body<'a>(w: &mut Writer, r: &Record<'a>, trigger: Option<TriggerOf<'a>>) {
    let status = r.status.unwrap_or(Status::Open);
    w.line(if status == Status::Withdrawn {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    w.push("SEQUENCE:");
    w.number(r.revision.unwrap_or(0).into());
    w.end();
    w.line("TRANSP:TRANSPARENT");
    w.text_with("SUMMARY", |s| {
        s.words("Due: ").text(r.title);
        if status != Status::Open {
            s.words(" [").words(status.word()).words("]");
        }
    });
    w.text_with("DESCRIPTION", |d| {
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
            default_reminders()
        } else {
            r.reminders
        };
        for p in reminders {
            w.line("BEGIN:VALARM");
            w.line("ACTION:DISPLAY");
            w.text_with("DESCRIPTION", |s| {
                s.text(r.title).words(" (").period(p).words(" before)");
            });
            alarm_trigger(w, p);
            w.line("END:VALARM");
        }
    }
}

/// An event's summary and description.
fn event_body(w: &mut Writer, r: &Record) {
    let Some(when) = r.when else { return };
    let partial = matches!(when.precision, Precision::Month(..) | Precision::Year(_));
    w.text_with("SUMMARY", |s| {
        s.text(r.title);
        if partial || when.approximate {
            s.words(" (approximate: ").when(when).words(")");
        }
    });
    w.text_with("DESCRIPTION", |d| {
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
    w.line("TRANSP:TRANSPARENT");
}

/// Ends a description with the notes, sources and timeline.
fn finish_description(d: &mut Escaped, r: &Record) {
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
    d.words("Timeline: ").text(r.timeline);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Service;
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

    /// Folding one character at a time, as RFC 5545 3.1 states it.
    fn fold_by_char(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
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

    proptest! {
        #[test]
        fn a_line_written_in_pieces_folds_as_one_line(
            pieces in proptest::collection::vec("[a-z é漢😀]{0,90}", 0..6)
        ) {
            let mut w = Writer::default();
            for p in &pieces {
                w.push(p);
            }
            w.end();
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), fold_by_char(&pieces.concat()));
        }

        #[test]
        fn escaped_pieces_fold_as_the_escaped_line(
            pieces in proptest::collection::vec("[a-z ,;\\\\\r\né漢😀]{0,50}", 0..6)
        ) {
            let mut w = Writer::default();
            for p in &pieces {
                w.escaped(p);
            }
            w.end();
            let escaped: String = pieces.iter().map(|p| escape_by_char(p)).collect();
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), fold_by_char(&escaped));
        }

        #[test]
        fn a_source_is_written_as_it_displays(
            cite in proptest::option::of("[a-z ,;<>\\\\\né]{0,20}"),
            url in proptest::option::of("[a-z:/.,;\\\\]{0,20}"),
        ) {
            let s = Source { cite: cite.map(Into::into), url: url.map(Into::into) };
            let (mut direct, mut shown) = (Writer::default(), Writer::default());
            Escaped(&mut direct).source(&s);
            Escaped(&mut shown).show(&s);
            prop_assert_eq!(direct.out, shown.out);
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
            let both = |direct: &dyn Fn(&mut Escaped), shown: &dyn fmt::Display| {
                let (mut a, mut b) = (Writer::default(), Writer::default());
                direct(&mut Escaped(&mut a));
                Escaped(&mut b).show(shown);
                (a.out, b.out)
            };
            let (a, b) = both(&|e| { e.period(&p); }, &p);
            prop_assert_eq!(a, b);
            let (a, b) = both(&|e| { e.day(day); }, &day);
            prop_assert_eq!(a, b);
            for when in &whens {
                let (a, b) = both(&|e| { e.when(when); }, when);
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
                let (a, b) = both(&|e| { e.trigger(&t); }, &t);
                prop_assert_eq!(a, b);
            }
        }

        #[test]
        fn a_text_is_plain_when_each_byte_is(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(plain_bytes(&bytes), bytes.iter().all(|&b| plain_byte(b)));
        }

        #[test]
        fn numbers_and_days_are_written_as_std_and_chrono_write_them(
            n in any::<u64>(),
            day in -365_000i64..3_650_000,
        ) {
            let mut w = Writer::default();
            w.number(n);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), n.to_string());
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
                .checked_add_signed(chrono::TimeDelta::days(day))
                .unwrap_or(NaiveDate::MAX);
            let mut w = Writer::default();
            w.ymd(day);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), Ymd(day).to_string());
        }

        #[test]
        fn dates_and_instants_are_written_as_chrono_writes_them(
            secs in -400_000_000_000i64..400_000_000_000,
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            offset in prop_oneof![(-1439i32..1440).prop_map(|m| m * 60), -86_399i32..86_400],
        ) {
            let utc = DateTime::from_timestamp(secs, nanos).unwrap();
            let at = utc.with_timezone(&FixedOffset::east_opt(offset).unwrap());
            let mut w = Writer::default();
            Escaped(&mut w).instant(&at);
            prop_assert_eq!(String::from_utf8(w.out).unwrap(), at.to_rfc3339());
            let local = at.naive_local();
            prop_assert_eq!(Local(local).to_string(), local.format("%Y%m%dT%H%M%S").to_string());
            if (0..=9999).contains(&local.year()) {
                prop_assert_eq!(Ymd(local.date()).to_string(), local.format("%Y%m%d").to_string());
            }
        }
    }

    proptest! {
        #[test]
        fn eight_bytes_at_once_are_plain_when_each_byte_is(word in any::<[u8; 8]>()) {
            let each = word.iter().all(|&b| plain_byte(b));
            prop_assert_eq!(plain_word(u64::from_le_bytes(word)), each);
        }
    }

    /// Every byte value, alone among plain ones, at every place of a word.
    #[test]
    fn one_byte_that_is_not_plain_is_found_anywhere_in_a_word() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                let plain = plain_byte(b);
                assert_eq!(
                    plain_word(u64::from_le_bytes(word)),
                    plain,
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
