//! Records (`list`, `upcoming`) as a terminal table, JSON, CSV or Markdown.

use chrono::NaiveDate;
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

fn when(r: &Record) -> String {
    match (&r.date, r.due) {
        (Some(d), _) => d.clone(),
        (None, Some(due)) => match &r.due_at {
            Some(at) if !at.contains("T23:59:59") => {
                format!("{} {}", due.format("%a %Y-%m-%d"), &at[11..16])
            }
            _ => due.format("%a %Y-%m-%d").to_string(),
        },
        _ => String::new(),
    }
}

fn status(r: &Record) -> String {
    match r.status {
        Some(s) => {
            let mut w = s.word().to_string();
            if let Some(c) = r.computed_due {
                w.push_str(&format!(" (computed {c})"));
            }
            w
        }
        None => String::new(),
    }
}

fn days_left(r: &Record) -> String {
    match r.days_left {
        Some(0) => "due today".into(),
        Some(1) => "1 day".into(),
        Some(d) if d < 0 => format!("overdue {} day{}", -d, if d == -1 { "" } else { "s" }),
        Some(d) => format!("{d} days"),
        None => String::new(),
    }
}

/// The header and rows of a view; `with_ids` adds each record's id after its title.
fn rows(
    records: &[Record],
    view: View,
    with_ids: bool,
) -> (&'static [&'static str], Vec<Vec<String>>) {
    let title = |r: &Record| {
        if with_ids {
            format!("{} ({})", r.title, r.id)
        } else {
            r.title.clone()
        }
    };
    match view {
        View::List => (
            &["Date", "What", "Title", "Status", "Timeline"],
            records
                .iter()
                .map(|r| {
                    let what = if r.kind == "deadline" {
                        "deadline".into()
                    } else {
                        r.event_kind.clone().unwrap_or_else(|| "event".into())
                    };
                    vec![when(r), what, title(r), status(r), r.timeline.clone()]
                })
                .collect(),
        ),
        View::Upcoming => (
            &["Due", "Left", "Deadline", "Status", "Timeline"],
            records
                .iter()
                .map(|r| {
                    vec![
                        when(r),
                        days_left(r),
                        title(r),
                        status(r),
                        r.timeline.clone(),
                    ]
                })
                .collect(),
        ),
    }
}

/// A terminal table.
pub fn to_table(records: &[Record], view: View, color: bool) -> String {
    let (header, rows) = rows(records, view, true);
    table(header, rows, color)
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
        let row = [
            r.id.clone(),
            r.kind.to_string(),
            r.timeline.clone(),
            r.title.clone(),
            r.date.clone().unwrap_or_default(),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.due_at.clone().unwrap_or_default(),
            r.status.map(|s| s.word().to_string()).unwrap_or_default(),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
            r.trigger.clone().unwrap_or_default(),
            r.period.clone().unwrap_or_default(),
            r.authority.clone().unwrap_or_default(),
            r.tags.join("; "),
            r.sources.join("; "),
            r.notes.clone().unwrap_or_default(),
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
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
