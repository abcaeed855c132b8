//! iCalendar (RFC 5545) export: every deadline a VEVENT on its due day, every event on its date,
//! written for the calendar programs people use (see the rules in `docs/icalendar.md` of the
//! project's shared notes): CRLF, 75-octet folds that never split a UTF-8 character, TEXT
//! escaping, stable UIDs, reproducible DTSTAMPs, a VTIMEZONE for every TZID (generated from the
//! time-zone database by `calcard`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::text::is_unsafe;
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
    let plain = |c: char| !matches!(c, '\\' | ';' | ',' | '\n' | '\r') && !is_unsafe(c);
    if text.chars().all(plain) {
        return Cow::Borrowed(text);
    }
    let normal = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normal.len() + 8);
    for c in normal.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
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

fn ymd(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A UID from the timeline id and the record id: stable across exports, no host names.
fn uid(r: &Record) -> String {
    format!("{}.{}@docket", r.id, r.timeline)
}

fn alarm_trigger(p: &Period) -> String {
    let n = p.count;
    match p.unit {
        Unit::Hours => format!("-PT{n}H"),
        Unit::Weeks => format!("-P{n}W"),
        Unit::Days | Unit::CourtDays => format!("-P{n}D"),
        Unit::Months => format!("-P{}D", u64::from(n) * 30),
        Unit::Years => format!("-P{}D", u64::from(n) * 365),
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The line being made, reused from line to line.
    scratch: String,
}

impl Writer {
    fn line(&mut self, text: &str) {
        fold_into(&mut self.out, text);
    }
    fn text(&mut self, name: &str, value: &str) {
        self.scratch.clear();
        self.scratch.push_str(name);
        self.scratch.push(':');
        self.scratch.push_str(&escape_text(value));
        fold_into(&mut self.out, &self.scratch);
    }
}

/// The VTIMEZONE of `zone` covering `from..=to`, from the time-zone database through `calcard`.
fn vtimezone(zone: Tz, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let probe = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//tz//EN\r\nBEGIN:VEVENT\r\nUID:tz\r\nDTSTAMP:20000101T000000Z\r\nDTSTART;TZID={name}:{from}T000000\r\nDTEND;TZID={name}:{to}T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        name = zone.name(),
        from = ymd(from),
        to = ymd(to),
    );
    let mut cal = calcard::icalendar::ICalendar::parse(&probe).ok()?;
    cal.add_missing_timezones();
    let text = cal.to_string().replace("\r\n", "\n");
    let start = text.find("BEGIN:VTIMEZONE")?;
    let end = text[start..].find("END:VTIMEZONE")? + start + "END:VTIMEZONE".len();
    Some(text[start..end].to_string())
}

/// Writes the records as an iCalendar file.
pub fn to_ics(records: &[Record], opts: &IcsOptions) -> Ics {
    // The events, rendered in parallel over contiguous chunks and joined in order.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = records.len().div_ceil(workers).max(1024);
    to_ics_in_chunks(records, opts, chunk)
}

/// The calendar's opening lines.
fn header(opts: &IcsOptions) -> Writer {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line(&format!(
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

/// [`to_ics`] with the events rendered in chunks of `chunk` records, one thread each.
#[doc(hidden)]
pub fn to_ics_in_chunks(records: &[Record], opts: &IcsOptions, chunk: usize) -> Ics {
    let mut w = header(opts);
    let mut notices = Vec::new();
    let mut parts: Vec<Part> = std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .chunks(chunk.max(1))
            .map(|part| scope.spawn(move || vevents(part, opts)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an iCalendar worker does not panic"))
            .collect()
    });
    // Zones used by timed entries, with the span of days they cover.
    let mut zones = Zones::new();
    for part in &mut parts {
        notices.append(&mut part.notices);
        for &(tz, from, to) in part.zones.values() {
            widen(&mut zones, tz, from, to);
        }
    }
    for (_, (tz, from, to)) in zones {
        match vtimezone(tz, from, to) {
            Some(block) => {
                for l in block.lines() {
                    w.line(l);
                }
            }
            None => notices.push(format!(
                "no time-zone definition could be made for `{}`",
                tz.name()
            )),
        }
    }
    let size = w.out.len() + parts.iter().map(|p| p.text.len()).sum::<usize>() + 16;
    let mut text = String::with_capacity(size);
    text.push_str(&w.out);
    for part in parts {
        text.push_str(&part.text);
    }
    w.out = text;
    w.line("END:VCALENDAR");
    Ics {
        text: w.out,
        notices,
    }
}

/// Zones used by timed entries, by name, with the span of days they cover.
type Zones = BTreeMap<&'static str, (Tz, NaiveDate, NaiveDate)>;

/// Records that `tz` is used from `from` to `to`.
fn widen(zones: &mut Zones, tz: Tz, from: NaiveDate, to: NaiveDate) {
    let e = zones.entry(tz.name()).or_insert((tz, from, to));
    e.1 = e.1.min(from);
    e.2 = e.2.max(to);
}

/// The VEVENTs of some records, with the zones they use and the notices they raise.
struct Part {
    text: String,
    zones: Zones,
    notices: Vec<String>,
}

fn vevents(records: &[Record], opts: &IcsOptions) -> Part {
    let mut w = Writer::default();
    let mut part = Part {
        text: String::new(),
        zones: BTreeMap::new(),
        notices: Vec::new(),
    };
    for r in records {
        vevent(&mut w, r, opts, &mut part);
    }
    part.text = w.out;
    part
}

/// One record's VEVENT (nothing when it cannot be exported).
fn vevent(w: &mut Writer, r: &Record, opts: &IcsOptions, part: &mut Part) {
    let zones = &mut part.zones;
    let notices = &mut part.notices;
    let mut timed = |tz: Tz, day: NaiveDate| widen(zones, tz, day, day);
    w.line("BEGIN:VEVENT");
    w.text("UID", &uid(r));
    // DTSTAMP and LAST-MODIFIED come from the data (the latest day the record speaks of), so
    // the same files give the same bytes and a moved date shows as a modification.
    let stamp = format!("{}T000000Z", ymd(r.stamp));
    w.line(&format!("DTSTAMP:{stamp}"));
    w.line(&format!("LAST-MODIFIED:{stamp}"));
    let mut summary = r.title.clone();
    let mut description = Vec::new();
    if r.kind == "deadline" {
        let Some(due) = r.due else { return };
        match r.due_time {
            Some((time, tz)) => {
                timed(tz, due);
                w.line(&format!(
                    "DTSTART;TZID={}:{}",
                    tz.name(),
                    local(due.and_time(time))
                ));
            }
            None => {
                w.line(&format!("DTSTART;VALUE=DATE:{}", ymd(due)));
                w.line(&format!("DTEND;VALUE=DATE:{}", ymd(due + Days::new(1))));
            }
        }
        let status = r.status.unwrap_or(Status::Open);
        summary = format!("Due: {summary}");
        if status != Status::Open {
            summary.push_str(&format!(" [{}]", status.word()));
        }
        description.push(format!("Due: {}", r.title));
        match &r.due_at {
            Some(at) => description.push(format!(
                "Due at: {at}{}",
                r.zone
                    .map(|z| format!(" ({})", z.name()))
                    .unwrap_or_default()
            )),
            None => description.push(format!("Due at: end of {due}")),
        }
        if let Some(p) = &r.period {
            description.push(format!("Period: {p}, from the trigger"));
        }
        if let Some(a) = &r.authority {
            description.push(format!("Authority: {a}"));
        }
        if let Some(t) = &r.trigger_text {
            description.push(format!("Trigger: {t}"));
        }
        if let Some(c) = r.computed_due {
            description.push(format!("Computed due date: {c}"));
        }
        description.push(format!("Status: {}", status.word()));
        w.line(if status == Status::Withdrawn {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        w.line(&format!("SEQUENCE:{}", r.revision.unwrap_or(0)));
        w.line("TRANSP:TRANSPARENT");
        finish_text(w, r, &summary, description);
        if status.is_open() {
            let reminders: Vec<Period> = if r.reminders.is_empty() {
                vec![
                    "7 days".parse().expect("valid"),
                    "1 day".parse().expect("valid"),
                ]
            } else {
                r.reminders.iter().filter_map(|p| p.parse().ok()).collect()
            };
            for p in reminders {
                w.line("BEGIN:VALARM");
                w.line("ACTION:DISPLAY");
                w.text("DESCRIPTION", &format!("{} ({p} before)", r.title));
                w.line(&format!("TRIGGER:{}", alarm_trigger(&p)));
                w.line("END:VALARM");
            }
        }
    } else {
        let Some(when) = &r.when else { return };
        match when.precision {
            Precision::Day(d) => {
                w.line(&format!("DTSTART;VALUE=DATE:{}", ymd(d)));
                w.line(&format!("DTEND;VALUE=DATE:{}", ymd(d + Days::new(1))));
            }
            Precision::Moment(t) => match t.resolve(r.zone) {
                Ok(m) => {
                    let at = m.instant.expect("a moment has an instant");
                    match r.zone {
                        Some(tz) => {
                            let l = at.with_timezone(&tz);
                            timed(tz, l.date_naive());
                            w.line(&format!(
                                "DTSTART;TZID={}:{}",
                                tz.name(),
                                local(l.naive_local())
                            ));
                        }
                        None => w.line(&format!("DTSTART:{}Z", local(at.naive_utc()))),
                    }
                }
                Err(_) => {
                    notices.push(format!(
                        "left out `{}`: its time cannot be placed in a zone",
                        r.id
                    ));
                    drop_open_event(w);
                    return;
                }
            },
            Precision::Month(..) | Precision::Year(_) if opts.partial == PartialDates::Skip => {
                notices.push(format!(
                    "left out `{}` ({}): its date is known only to the {}; `--partial span` exports it as an approximate span",
                    r.id,
                    when.display(),
                    if matches!(when.precision, Precision::Year(_)) { "year" } else { "month" }
                ));
                drop_open_event(w);
                return;
            }
            Precision::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1).expect("valid month");
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .expect("in range");
                w.line(&format!("DTSTART;VALUE=DATE:{}", ymd(first)));
                w.line(&format!("DTEND;VALUE=DATE:{}", ymd(next)));
            }
            Precision::Year(y) => {
                let first = NaiveDate::from_ymd_opt(y, 1, 1).expect("valid year");
                let next = NaiveDate::from_ymd_opt(y + 1, 1, 1).expect("valid year");
                w.line(&format!("DTSTART;VALUE=DATE:{}", ymd(first)));
                w.line(&format!("DTEND;VALUE=DATE:{}", ymd(next)));
            }
        }
        let partial = matches!(when.precision, Precision::Month(..) | Precision::Year(_));
        if partial || when.approximate {
            summary = format!("{summary} (approximate: {})", when.display());
        }
        description.push(r.title.clone());
        description.push(format!(
            "Date: {}{}",
            when.display(),
            if partial {
                ", known only to this precision; the span is not the event's length"
            } else {
                ""
            }
        ));
        if let Some(k) = &r.event_kind {
            description.push(format!("Kind: {k}"));
        }
        finish_text(w, r, &summary, description);
        w.line("TRANSP:TRANSPARENT");
    }
    if !r.tags.is_empty() {
        w.line(&format!(
            "CATEGORIES:{}",
            r.tags
                .iter()
                .map(|t| escape_text(t))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    w.line("END:VEVENT");
}

/// Writes SUMMARY and DESCRIPTION, the description ending with the notes, sources and timeline.
fn finish_text(w: &mut Writer, r: &Record, summary: &str, mut description: Vec<String>) {
    if let Some(n) = &r.notes {
        description.push(format!("Notes: {n}"));
    }
    if !r.sources.is_empty() {
        description.push(format!("Sources: {}", r.sources.join("; ")));
    }
    description.push(format!("Timeline: {}", r.timeline));
    w.text("SUMMARY", summary);
    w.text("DESCRIPTION", &description.join("\n"));
}

/// Removes the VEVENT begun last (a record that turned out not to be exportable).
fn drop_open_event(w: &mut Writer) {
    if let Some(at) = w.out.rfind("BEGIN:VEVENT\r\n") {
        w.out.truncate(at);
    }
}
