//! Terminal tables (comfy-table), sized to the terminal, coloured only when asked; without a
//! terminal to fit and without colour, the same table drawn unstyled in one pass by docket
//! itself, because comfy-table takes seconds over the million rows of a firm-wide docket.

use std::borrow::Cow;
use std::io;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ContentArrangement, Table};

use unicode_width::UnicodeWidthStr;

use super::text::terminal;
use crate::parallel;

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
    if draws_unstyled(color) {
        return unstyled(header, rows);
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

/// Whether a table is drawn unstyled, in one pass ([`unstyled`], [`write_unstyled`]): no
/// colour and no terminal to fit it to.
pub(crate) fn draws_unstyled(color: bool) -> bool {
    !color && Table::new().width().is_none()
}

/// The same table as comfy-table draws it when there is no terminal to fit and no colour, in
/// one pass. `tests` hold the two to the same bytes.
fn unstyled<R, C>(header: &[&str], rows: &[R]) -> String
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
    let mut frame = Frame::new(header);
    let mut start = 0;
    for &end in &ends {
        frame.measure(&cells[start..end]);
        start = end;
    }
    let mut out = String::with_capacity(frame.row_bytes() * (rows.len() + 4));
    frame.top(&mut out, header);
    let mut start = 0;
    for &end in &ends {
        frame.line(&mut out, &mut cells[start..end].iter().map(|c| c.as_ref()));
        start = end;
    }
    frame.bottom(&mut out);
    out.pop();
    out
}

/// [`unstyled`] and a line break, written to `out` from rows made on demand: `fill(i, cells)`
/// writes row `i` into `cells` (emptied before each row, and reused). Each row is made twice,
/// once to measure the columns and once to write it, so none is kept: a million rows take the
/// memory of a few thousand. Both passes run on every core ([`crate::parallel`]).
pub(crate) fn write_unstyled<const N: usize>(
    out: &mut dyn io::Write,
    header: &[&str; N],
    count: usize,
    fill: impl Fn(usize, &mut [String; N]) + Sync,
) -> io::Result<()> {
    let make = |i: usize, cells: &mut [String; N]| {
        cells.iter_mut().for_each(String::clear);
        fill(i, cells);
        for c in cells.iter_mut() {
            if let Cow::Owned(safe) = terminal(c) {
                *c = safe;
            }
        }
    };
    let mut frame = Frame::new(header);
    for widths in parallel::per_core(count, |rows| {
        let mut frame = Frame::new(header);
        let mut cells: [String; N] = std::array::from_fn(|_| String::new());
        for i in rows {
            make(i, &mut cells);
            frame.measure(&cells);
        }
        frame.widths
    }) {
        frame.measure_widths(&widths);
    }
    let mut top = String::new();
    frame.top(&mut top, header);
    out.write_all(top.as_bytes())?;
    let frame = &frame;
    parallel::in_order(
        count,
        ROWS_PER_CHUNK,
        |rows| {
            let mut cells: [String; N] = std::array::from_fn(|_| String::new());
            let mut lines = String::with_capacity(rows.len() * frame.row_bytes());
            for i in rows {
                make(i, &mut cells);
                frame.line(&mut lines, &mut cells.iter().map(String::as_str));
            }
            lines
        },
        |lines| out.write_all(lines.as_bytes()),
    )?;
    let mut bottom = String::new();
    frame.bottom(&mut bottom);
    out.write_all(bottom.as_bytes())
}

/// Rows drawn by one thread at a time in [`write_unstyled`]: about a megabyte of table.
const ROWS_PER_CHUNK: usize = 8192;

/// The columns a cell takes on a terminal. Cells are made safe first ([`terminal`]), so ASCII
/// text has no control characters left and takes one column a byte, as `unicode-width` says.
fn width(cell: &str) -> usize {
    if cell.is_ascii() {
        cell.len()
    } else {
        cell.width()
    }
}

/// The columns' widths, and the lines of an unstyled table drawn to them.
struct Frame {
    widths: Vec<usize>,
}

impl Frame {
    fn new(header: &[&str]) -> Self {
        Frame {
            widths: header.iter().map(|h| width(h)).collect(),
        }
    }

    /// Widens the columns to fit a row.
    fn measure<C: AsRef<str>>(&mut self, row: &[C]) {
        for (i, c) in row.iter().enumerate() {
            self.widen(i, width(c.as_ref()));
        }
    }

    /// Widens the columns to fit another frame's widths.
    fn measure_widths(&mut self, widths: &[usize]) {
        for (i, &width) in widths.iter().enumerate() {
            self.widen(i, width);
        }
    }

    fn widen(&mut self, column: usize, width: usize) {
        match self.widths.get_mut(column) {
            Some(w) => *w = (*w).max(width),
            None => self.widths.push(width),
        }
    }

    /// The bytes of one line, about.
    fn row_bytes(&self) -> usize {
        self.widths.iter().map(|w| w + 3).sum::<usize>() * 3 + 8
    }

    fn rule(&self, out: &mut String, [left, fill, cross, right]: [char; 4]) {
        out.push(left);
        for (i, w) in self.widths.iter().enumerate() {
            if i > 0 {
                out.push(cross);
            }
            out.extend(std::iter::repeat_n(fill, w + 2));
        }
        out.push(right);
        out.push('\n');
    }

    fn line(&self, out: &mut String, row: &mut dyn Iterator<Item = &str>) {
        out.push('│');
        let mut row = row.fuse();
        for (i, w) in self.widths.iter().enumerate() {
            if i > 0 {
                out.push('┆');
            }
            let cell = row.next().unwrap_or("");
            out.push(' ');
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', w - width(cell) + 1));
        }
        out.push('│');
        out.push('\n');
    }

    /// The top rule, the header and the rule under it.
    fn top(&self, out: &mut String, header: &[&str]) {
        self.rule(out, ['┌', '─', '┬', '┐']);
        self.line(out, &mut header.iter().copied());
        self.rule(out, ['╞', '═', '╪', '╡']);
    }

    fn bottom(&self, out: &mut String) {
        self.rule(out, ['└', '─', '┴', '┘']);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Past [`crate::parallel::SMALL`] rows, both passes run on several threads; the table must
    /// be the one drawn in one piece.
    #[test]
    fn a_long_table_drawn_on_every_core_is_the_same_table() {
        let rows: Vec<[String; 3]> = (0..3 * crate::parallel::SMALL + 7)
            .map(|i| {
                [
                    format!("{i}"),
                    "é".repeat(i % 13),
                    if i == 5000 {
                        "\u{1b}[31m wide".into()
                    } else {
                        "x".repeat(i % 7)
                    },
                ]
            })
            .collect();
        let header = ["N", "Text", "More"];
        let mut out = Vec::new();
        write_unstyled(&mut out, &header, rows.len(), |i, cells| {
            for (cell, text) in cells.iter_mut().zip(&rows[i]) {
                cell.push_str(text);
            }
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            unstyled(&header, &rows) + "\n"
        );
    }

    /// The unstyled writers, an optimisation, draw exactly what comfy-table draws when there is
    /// no terminal to fit and no colour.
    #[test]
    fn an_unstyled_table_is_the_table_comfy_table_draws() {
        let header = ["Due", "Left", "Deadline"];
        let cases: Vec<Vec<Vec<String>>> = vec![
            vec![],
            vec![vec![
                "Fri 2020-01-17".into(),
                "3 days".into(),
                "Reply (é, 日本)".into(),
            ]],
            vec![
                vec!["a".into(), "".into(), "tab\there".into()],
                vec!["longer cell here".into(), "x".into(), "\u{1b}[31m".into()],
                vec!["line\u{2028}separator".into()],
            ],
        ];
        for rows in cases {
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            t.set_header(header.iter().map(Cell::new));
            for row in &rows {
                t.add_row(row.iter().map(|c| Cell::new(terminal(c))));
            }
            assert_eq!(unstyled(&header, &rows), t.to_string());
            // The streaming writer, which makes each row twice instead of keeping it, too.
            let mut streamed = Vec::new();
            write_unstyled(&mut streamed, &header, rows.len(), |i, cells| {
                for (cell, text) in cells.iter_mut().zip(&rows[i]) {
                    cell.push_str(text);
                }
            })
            .unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), t.to_string() + "\n");
        }
    }

    #[test]
    fn a_short_table_is_written_row_by_row() {
        let days = ["Mon", "Tue"];
        let mut out = Vec::new();
        write_unstyled(&mut out, &["Day"], days.len(), |i, [day]| {
            day.push_str(days[i])
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            unstyled(&["Day"], &[["Mon"], ["Tue"]]) + "\n"
        );
    }
}
