//! Records (`list`, `upcoming`) as a terminal table, JSON, CSV or Markdown.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde_json::json;

use super::table::table;
use crate::timeline::{RECORDS_VERSION, Record};

/// Which columns a table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Everything in date order.
    List,
    /// What is due, with days left.
    Upcoming,
}

fn when<'a>(r: &Record<'a>) -> Cow<'a, str> {
    match (r.when, r.due) {
        (Some(w), _) => w.to_string().into(),
        // `Mon 2020-01-27`, with the time when it is not the end of the day: `17:00`.
        (None, Some(due)) => match &r.due_at {
            Some(at) if at.time() != END_OF_DAY => format!(
                "{} {due} {:02}:{:02}",
                due.weekday(),
                at.hour(),
                at.minute()
            )
            .into(),
            _ => format!("{} {due}", due.weekday()).into(),
        },
        _ => "".into(),
    }
}

/// The time a deadline without a set time is due: the last second of its day.
const END_OF_DAY: NaiveTime = NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time");

fn status(r: &Record) -> Cow<'static, str> {
    match (r.status, r.computed_due) {
        (Some(s), Some(c)) => format!("{} (computed {c})", s.word()).into(),
        (Some(s), None) => s.word().into(),
        (None, _) => "".into(),
    }
}

fn days_left(r: &Record) -> Cow<'static, str> {
    match r.days_left {
        Some(0) => "due today".into(),
        Some(1) => "1 day".into(),
        Some(-1) => "overdue 1 day".into(),
        Some(d) if d < 0 => format!("overdue {} days", -d).into(),
        Some(d) => format!("{d} days").into(),
        None => "".into(),
    }
}

/// The header and rows of a view; `with_ids` adds each record's id after its title.
fn rows<'a>(
    records: &[Record<'a>],
    view: View,
    with_ids: bool,
) -> (&'static [&'static str], Vec<[Cow<'a, str>; 5]>) {
    let title = |r: &Record<'a>| -> Cow<'a, str> {
        if with_ids {
            format!("{} ({})", r.title, r.id).into()
        } else {
            r.title.into()
        }
    };
    match view {
        View::List => (
            &["Date", "What", "Title", "Status", "Timeline"],
            records
                .iter()
                .map(|r| {
                    let what = match (r.kind, r.event_kind) {
                        ("deadline", _) => "deadline",
                        (_, Some(k)) => k,
                        (_, None) => "event",
                    };
                    [when(r), what.into(), title(r), status(r), r.timeline.into()]
                })
                .collect(),
        ),
        View::Upcoming => (
            &["Due", "Left", "Deadline", "Status", "Timeline"],
            records
                .iter()
                .map(|r| {
                    [
                        when(r),
                        days_left(r),
                        title(r),
                        status(r),
                        r.timeline.into(),
                    ]
                })
                .collect(),
        ),
    }
}

/// A terminal table.
pub fn to_table(records: &[Record], view: View, color: bool) -> String {
    let (header, rows) = rows(records, view, true);
    table(header, &rows, color)
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

/// Neutralises a CSV cell that a spreadsheet would read as a formula.
///
/// ```
/// assert_eq!(docket::render::records::csv_cell("=1+1"), "'=1+1");
/// assert_eq!(docket::render::records::csv_cell("plain"), "plain");
/// ```
pub fn csv_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// RFC 4180 CSV, one row per record.
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
        ];
        w.write_record(row.iter().map(|c| csv_cell(c)))
            .expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 text")
}

/// Escapes text for a Markdown table cell: `|`, HTML and line breaks cannot break the table.
///
/// ```
/// assert_eq!(docket::render::records::md_cell("a|b <i>"), "a\\|b &lt;i&gt;");
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
            '\r' | '\n' => out.push(' '),
            c if super::text::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A Markdown table fit to paste into a memo.
pub fn to_markdown(records: &[Record], view: View) -> String {
    let mut out = String::new();
    let (header, rows) = rows(records, view, false);
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        let cells = row.map(|c| md_cell(&c));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
