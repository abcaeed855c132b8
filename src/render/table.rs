//! Terminal tables (comfy-table), sized to the terminal, coloured only when asked.

use std::borrow::Cow;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ContentArrangement, Table};

use unicode_width::UnicodeWidthStr;

use super::text::terminal;

/// Renders rows under a header. Every cell is made safe for a terminal.
///
/// ```
/// let t = docket::render::table::table(&["Day", "Name"], &[["Mon", "x"]], false);
/// assert!(t.contains("Day") && t.contains("Mon"));
/// ```
pub fn table<R, C>(header: &[&str], rows: &[R], color: bool) -> String
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    if !color && Table::new().width().is_none() {
        return plain(header, rows);
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling();
    }
    t.set_header(header.iter().map(|h| {
        let cell = Cell::new(h);
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in rows {
        t.add_row(row.as_ref().iter().map(|c| Cell::new(terminal(c.as_ref()))));
    }
    t.to_string()
}

/// The same table as comfy-table draws it when there is no terminal to fit and no colour: in
/// one pass, because comfy-table takes seconds over the million rows of a firm-wide docket.
/// `tests` hold the two to the same bytes.
#[doc(hidden)]
pub fn plain<R, C>(header: &[&str], rows: &[R]) -> String
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    // Every cell in one vector, and where each row ends: one allocation, not one per row.
    let mut cells: Vec<Cow<str>> = Vec::with_capacity(rows.len() * header.len());
    let mut ends = Vec::with_capacity(rows.len());
    for row in rows {
        cells.extend(row.as_ref().iter().map(|c| terminal(c.as_ref())));
        ends.push(cells.len());
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    let mut start = 0;
    for &end in &ends {
        for (i, c) in cells[start..end].iter().enumerate() {
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(c.width()),
                None => widths.push(c.width()),
            }
        }
        start = end;
    }
    let bytes: usize = widths.iter().map(|w| w + 3).sum::<usize>() * 3 + 8;
    let mut out = String::with_capacity(bytes * (rows.len() + 4));
    let rule = |out: &mut String, [left, fill, cross, right]: [char; 4]| {
        out.push(left);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push(cross);
            }
            out.extend(std::iter::repeat_n(fill, w + 2));
        }
        out.push(right);
        out.push('\n');
    };
    let line = |out: &mut String, row: &mut dyn Iterator<Item = &str>| {
        out.push('│');
        let mut row = row.fuse();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push('┆');
            }
            let cell = row.next().unwrap_or("");
            out.push(' ');
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', w - cell.width() + 1));
        }
        out.push('│');
        out.push('\n');
    };
    rule(&mut out, ['┌', '─', '┬', '┐']);
    line(&mut out, &mut header.iter().copied());
    rule(&mut out, ['╞', '═', '╪', '╡']);
    let mut start = 0;
    for &end in &ends {
        line(&mut out, &mut cells[start..end].iter().map(|c| c.as_ref()));
        start = end;
    }
    rule(&mut out, ['└', '─', '┴', '┘']);
    out.pop();
    out
}

/// Renders `key: value` pairs as a two-column table without a header.
pub fn pairs(rows: &[(&str, String)], color: bool) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling();
    }
    for (k, v) in rows {
        let key = if color {
            Cell::new(k).add_attribute(Attribute::Bold)
        } else {
            Cell::new(k)
        };
        t.add_row(vec![key, Cell::new(terminal(v))]);
    }
    t.to_string()
}
