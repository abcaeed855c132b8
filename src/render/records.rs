//! Records (`list`, `upcoming`) as a terminal table, JSON, CSV or Markdown.

use std::fmt::{self, Write as _};
use std::io;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde_json::json;

use super::table::{draws_unstyled, table_alarming, write_unstyled};
use super::text::{is_line_break, is_unsafe};
use crate::digits::{ascii, digits, iso_day, number};
use crate::timeline::{Kind, Precision, RECORDS_VERSION, Record};

/// Which columns a table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Everything in date order.
    List,
    /// What is due and what is coming (hearings and other events), with days left.
    Upcoming,
}

/// `Mon 2020-01-27`, with the time when it is not the end of the day (`17:00`); an event's
/// date as written.
///
/// A cell of every row of a long table: days and numbers are written as digits, not through
/// `core::fmt` (a test holds them to it).
fn when(out: &mut String, r: &Record) -> fmt::Result {
    match (r.when, r.due) {
        (Some(w), _) => match w.precision {
            Precision::Day(day) => {
                if w.approximate {
                    out.push_str("c. ");
                }
                day_to(out, day)
            }
            Precision::Moment(_) => match (r.at, r.zone) {
                // At its time in its own zone, as a deadline's time is shown.
                (Some(at), Some(zone)) => {
                    let local = at.with_timezone(&zone);
                    if w.approximate {
                        out.push_str("c. ");
                    }
                    out.push_str(WEEKDAYS[local.weekday().num_days_from_monday() as usize]);
                    out.push(' ');
                    day_to(out, local.date_naive())?;
                    time_to(out, local.hour(), local.minute());
                    Ok(())
                }
                _ => write!(out, "{w}"),
            },
            _ => write!(out, "{w}"),
        },
        (None, Some(due)) => {
            out.push_str(WEEKDAYS[due.weekday().num_days_from_monday() as usize]);
            out.push(' ');
            day_to(out, due)?;
            match &r.due_at {
                Some(at) if at.time() != END_OF_DAY => {
                    time_to(out, at.hour(), at.minute());
                    Ok(())
                }
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The days of the week as chrono shows them, from Monday.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A day as chrono shows it (`2020-01-27`).
fn day_to(out: &mut String, day: NaiveDate) -> fmt::Result {
    match iso_day(day) {
        Some(buf) => {
            out.push_str(ascii(&buf));
            Ok(())
        }
        None => write!(out, "{day}"),
    }
}

/// ` 17:00`.
fn time_to(out: &mut String, hour: u32, minute: u32) {
    let mut buf = *b" 00:00";
    digits(&mut buf[1..3], hour);
    digits(&mut buf[4..6], minute);
    out.push_str(ascii(&buf));
}

/// A number as std shows it.
fn number_to(out: &mut String, n: u64) {
    out.push_str(ascii(number(&mut [0; 20], n)));
}

/// The time a deadline without a set time is due: the last second of its day.
const END_OF_DAY: NaiveTime = NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time");

/// A deadline's status (`OVERDUE` after it when it is open past its due day, so the row
/// stands out without colour); in `upcoming`, an event's kind.
fn status(out: &mut String, r: &Record, view: View) -> fmt::Result {
    match (r.status, r.computed_due) {
        (Some(s), computed) => {
            out.push_str(s.word());
            if let Some(c) = computed {
                out.push_str(" (computed ");
                day_to(out, c)?;
                out.push(')');
            }
            if overdue(r) {
                out.push_str(" OVERDUE");
            }
            Ok(())
        }
        (None, _) if view == View::Upcoming => {
            out.push_str(r.event_kind.unwrap_or("event"));
            Ok(())
        }
        (None, _) => Ok(()),
    }
}

fn days_left(out: &mut String, r: &Record) -> fmt::Result {
    match r.days_left {
        Some(0) => out.push_str("due today"),
        Some(1) => out.push_str("1 day"),
        Some(-1) => out.push_str("overdue 1 day"),
        Some(d) => {
            if d < 0 {
                out.push_str("overdue ");
            }
            number_to(out, d.unsigned_abs());
            out.push_str(" days");
        }
        None => {}
    }
    Ok(())
}

/// The column headers of a view.
fn header(view: View) -> &'static [&'static str; 5] {
    match view {
        View::List => &["Date", "What", "Title", "Status", "Timeline"],
        View::Upcoming => &["When", "Left", "Deadline or event", "Status", "Timeline"],
    }
}

/// Writes a record's cells in a view into `cells` (which start empty); `with_ids` adds the
/// record's id after its title.
fn fill(r: &Record, view: View, with_ids: bool, cells: &mut [String; 5]) {
    let [first, second, title, state, timeline] = cells;
    let made = (|| {
        when(first, r)?;
        match view {
            View::List => second.push_str(match (r.kind, r.event_kind) {
                (Kind::Deadline, _) => "deadline",
                (_, Some(k)) => k,
                (_, None) => "event",
            }),
            View::Upcoming => days_left(second, r)?,
        }
        title.push_str(r.title);
        let draft = if r.rule_status.is_some() {
            ", draft"
        } else {
            ""
        };
        match (with_ids, r.rule) {
            (true, Some(rule)) => write!(title, " ({}, {rule}{draft})", r.id)?,
            (true, None) => write!(title, " ({})", r.id)?,
            (false, Some(rule)) => write!(title, " ({rule}{draft})")?,
            (false, None) => {}
        }
        // Where sources disagree: the readings not used as the due date.
        for reading in r.readings.iter().filter(|x| Some(x.due) != r.due) {
            write!(title, "; reading `{}`: ", reading.id)?;
            day_to(title, reading.due)?;
        }
        status(state, r, view)?;
        timeline.push_str(r.timeline);
        Ok::<(), fmt::Error>(())
    })();
    made.expect("formatting into a String");
}

/// The rows of a view, each made by [`fill`].
fn rows(records: &[Record], view: View, with_ids: bool) -> Vec<[String; 5]> {
    records
        .iter()
        .map(|r| {
            let mut cells = Default::default();
            fill(r, view, with_ids, &mut cells);
            cells
        })
        .collect()
}

/// A terminal table.
pub fn to_table(records: &[Record], view: View, color: bool) -> String {
    table_alarming(header(view), &rows(records, view, true), color, |i| {
        overdue(&records[i])
    })
}

/// Whether a record is a deadline still open past its due day.
fn overdue(r: &Record) -> bool {
    r.status.is_some_and(|s| s.is_open()) && r.days_left.is_some_and(|d| d < 0)
}

/// [`to_table`] and a line break, written to `out`; a table without a terminal to fit or
/// colour is written row by row, so a long one is never held whole in memory.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::records::{View, to_table, write_table};
/// use docket::timeline::{Docket, Events, Filter, upcoming};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let due = upcoming(&docket, "2020-01-14".parse().ok(), 30, Events::Timed, &Filter::default());
/// let mut out = Vec::new();
/// write_table(&mut out, &due, View::Upcoming, false).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), to_table(&due, View::Upcoming, false) + "\n");
/// ```
pub fn write_table(
    out: &mut dyn io::Write,
    records: &[Record],
    view: View,
    color: bool,
) -> io::Result<()> {
    write_table_by(
        out,
        records.len(),
        |i| Some(records[i].clone()),
        view,
        color,
    )
}

/// [`write_table`] over `count` records made one at a time by `record_at`, so that the rows of
/// a long table never all exist at once (a `None` is an empty row).
pub fn write_table_by<'a>(
    out: &mut dyn io::Write,
    count: usize,
    record_at: impl Fn(usize) -> Option<Record<'a>> + Sync,
    view: View,
    color: bool,
) -> io::Result<()> {
    if draws_unstyled(color) {
        write_unstyled(out, header(view), count, |i, cells| {
            if let Some(r) = record_at(i) {
                fill(&r, view, true, cells)
            }
        })
    } else {
        let records: Vec<_> = (0..count).filter_map(record_at).collect();
        writeln!(out, "{}", to_table(&records, view, color))
    }
}

/// The versioned JSON shape: `{"version": 1, "as_of": ..., "records": [...]}`.
pub fn to_json(records: &[Record], as_of: Option<NaiveDate>) -> String {
    serde_json::to_string_pretty(&json!({
        "version": RECORDS_VERSION,
        "as_of": as_of,
        "records": records,
    }))
    .expect("JSON of plain data")
}

/// Neutralises a CSV cell that a spreadsheet would read as a formula: one that starts with
/// `=`, `+`, `-` or `@`, or with a control, line-separating, bidi or zero-width character (see
/// [`is_unsafe`]) that could hide or precede one, gets a `'` in front.
///
/// ```
/// use docket::render::records::csv_cell;
/// assert_eq!(csv_cell("=1+1"), "'=1+1");
/// assert_eq!(csv_cell("\u{2028}=1+1"), "'\u{2028}=1+1");
/// assert_eq!(csv_cell("text"), "text");
/// ```
pub fn csv_cell(text: &str) -> String {
    match text.chars().next() {
        Some(c) if matches!(c, '=' | '+' | '-' | '@') || is_unsafe(c) => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// RFC 4180 CSV, one row per record; `at`, last so that no column moved when it came, is an
/// event's instant with its UTC offset.
pub fn to_csv(records: &[Record]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "id",
        "kind",
        "timeline",
        "title",
        "date",
        "due",
        "due_at",
        "status",
        "days_left",
        "trigger",
        "period",
        "authority",
        "tags",
        "sources",
        "notes",
        "at",
    ];
    w.write_record(header).expect("write to memory");
    for r in records {
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        let row = [
            r.id.to_string(),
            r.kind.to_string(),
            r.timeline.to_string(),
            r.title.to_string(),
            r.when.map(|w| w.to_string()).unwrap_or_default(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.due_at.map(|a| a.to_rfc3339()).unwrap_or_default(),
            r.status.map(|s| s.word().to_string()).unwrap_or_default(),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
            opt(r.trigger),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
            opt(r.authority),
            r.tags.join("; "),
            r.source_lines().collect::<Vec<_>>().join("; "),
            opt(r.notes),
            r.at.map(|a| a.to_rfc3339()).unwrap_or_default(),
        ];
        w.write_record(row.iter().map(|c| csv_cell(c)))
            .expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 text")
}

/// Escapes text for a Markdown table cell: `|`, HTML and line breaks (the Unicode line and
/// paragraph separators too) cannot break the table; other unsafe characters ([`is_unsafe`])
/// are dropped.
///
/// ```
/// use docket::render::records::md_cell;
/// assert_eq!(md_cell("a|b <i>"), "a\\|b &lt;i&gt;");
/// assert_eq!(md_cell("one\u{2028}two\u{1b}"), "one two");
/// ```
pub fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' => out.push_str("\\\\"),
            '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c if is_line_break(c) => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A Markdown table fit to paste into a memo.
pub fn to_markdown(records: &[Record], view: View) -> String {
    let mut out = String::new();
    let header = header(view);
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows(records, view, false) {
        let cells = row.map(|c| md_cell(&c));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cells_are_written_as_core_fmt_writes_them(
            days in -400_000i64..4_000_000,
            n in any::<u64>(),
            hour in 0u32..24,
            minute in 0u32..60,
        ) {
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
                .checked_add_signed(chrono::TimeDelta::days(days))
                .unwrap_or(NaiveDate::MAX);
            let mut out = String::new();
            day_to(&mut out, day).unwrap();
            prop_assert_eq!(&out, &day.to_string());
            out.clear();
            number_to(&mut out, n);
            prop_assert_eq!(&out, &n.to_string());
            prop_assert_eq!(WEEKDAYS[day.weekday().num_days_from_monday() as usize], day.weekday().to_string());
            out.clear();
            time_to(&mut out, hour, minute);
            prop_assert_eq!(out, format!(" {hour:02}:{minute:02}"));
        }
    }
}
