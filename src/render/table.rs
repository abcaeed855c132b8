//! Terminal tables (comfy-table), sized to the terminal, coloured only when asked; without a
//! terminal to fit and without colour, the same table drawn unstyled in one pass by docket
//! itself, because comfy-table takes seconds over the million rows of a firm-wide docket.

use std::borrow::Cow;
use std::io;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Table, Width};

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
    fitted(header, rows, color, None)
}

/// [`table`] with the rows `alarm` picks drawn in red when colour is on (without colour, the
/// rows must say it in words: `records` writes `OVERDUE`).
///
/// ```
/// let rows = [["Mon", "open"], ["Tue", "open OVERDUE"]];
/// let t = docket::render::table::table_alarming(&["Day", "Status"], &rows, true, |i| i == 1);
/// let red = t.lines().filter(|l| l.contains("\u{1b}[38;5;9m")).collect::<Vec<_>>();
/// assert!(red.len() == 1 && red[0].contains("OVERDUE"));
/// ```
pub fn table_alarming<R, C>(
    header: &[&str],
    rows: &[R],
    color: bool,
    alarm: impl Fn(usize) -> bool,
) -> String
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    if draws_unstyled(color) {
        return unstyled(header, rows);
    }
    fit(header, rows, color, None, &alarm)
}

/// [`table`] fitted to `width` columns (the terminal's width when `None`): text wraps between
/// words, and a word (an id, a date) is never broken in two. When the table would not fit
/// otherwise, the longest words are broken after a hyphen (`(transfer-` / `response-due)`),
/// widest column first; only when that is not enough is the table wider than `width`.
///
/// ```
/// use docket::render::table::fitted;
/// let rows = [["Mon 2020-01-27", "Response to the subpoena due (subpoena-1-response)"]];
/// let t = fitted(&["Due", "Deadline"], &rows, false, Some(40));
/// assert!(t.lines().any(|l| l.contains("(subpoena-1-response)")));
/// let t = fitted(&["Due", "Deadline"], &rows, false, Some(30));
/// assert!(t.lines().any(|l| l.contains("(subpoena-1-")));
/// assert!(t.lines().all(|l| l.chars().count() <= 30));
/// ```
pub fn fitted<R, C>(header: &[&str], rows: &[R], color: bool, width: Option<u16>) -> String
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    fit(header, rows, color, width, &|_| false)
}

/// [`fitted`], with the rows `alarm` picks in red when `color` is on.
fn fit<R, C>(
    header: &[&str],
    rows: &[R],
    color: bool,
    width: Option<u16>,
    alarm: &dyn Fn(usize) -> bool,
) -> String
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling();
    }
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.as_ref()
                .iter()
                .map(|c| terminal(c.as_ref()).into_owned())
                .collect()
        })
        .collect();
    let columns = header.len();
    let column = |i: usize| {
        std::iter::once(header[i]).chain(
            cells
                .iter()
                .filter_map(move |r: &Vec<String>| r.get(i).map(String::as_str)),
        )
    };
    // The narrowest each column can be without breaking a word, and with words broken after
    // their hyphens.
    let whole: Vec<usize> = (0..columns)
        .map(|i| {
            column(i)
                .map(width_of_words)
                .max()
                .unwrap_or(0)
                .min(LONGEST)
        })
        .collect();
    let parts: Vec<usize> = (0..columns)
        .map(|i| {
            column(i)
                .map(width_of_parts)
                .max()
                .unwrap_or(0)
                .min(LONGEST)
        })
        .collect();
    let mut bounds = whole.clone();
    // Each column takes its text, a space each side and a border after it, plus the first
    // border. comfy-table drops the lower bounds that do not fit the width it is given.
    let needed = |bounds: &[usize]| bounds.iter().map(|w| w + 3).sum::<usize>() + 1;
    let room = width.or_else(|| t.width()).map(usize::from);
    let mut broken = vec![false; columns];
    if let Some(room) = room {
        while needed(&bounds) > room {
            // The widest column that can still be made narrower by breaking after hyphens.
            let Some(i) = (0..columns)
                .filter(|&i| bounds[i] > parts[i])
                .max_by_key(|&i| bounds[i])
            else {
                break;
            };
            let excess = needed(&bounds) - room;
            bounds[i] = parts[i].max(bounds[i].saturating_sub(excess));
            broken[i] = true;
        }
    }
    for row in &mut cells {
        for (i, cell) in row.iter_mut().enumerate() {
            if broken.get(i) == Some(&true) {
                *cell = break_after_hyphens(cell, bounds[i]);
            }
        }
    }
    if let Some(room) = room {
        let w = u16::try_from(room.max(needed(&bounds))).unwrap_or(u16::MAX);
        t.set_width(w);
    }
    t.set_header(header.iter().map(|h| {
        let cell = Cell::new(h);
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for (i, row) in cells.into_iter().enumerate() {
        let red = color && alarm(i);
        t.add_row(row.into_iter().map(|c| match red {
            true => Cell::new(c).fg(comfy_table::Color::Red),
            false => Cell::new(c),
        }));
    }
    for ((column, &w), &broken) in t.column_iter_mut().zip(&bounds).zip(&broken) {
        // The bound counts the padding, a space each side. A column whose words were broken
        // to fit is held to that width: wider, it would show the breaks for nothing.
        let w = Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX));
        column.set_constraint(match broken {
            true => ColumnConstraint::Absolute(w),
            false => ColumnConstraint::LowerBoundary(w),
        });
    }
    t.to_string()
}

/// The width of the longest word of a cell.
fn width_of_words(cell: &str) -> usize {
    cell.split_whitespace()
        .map(|w| w.width())
        .max()
        .unwrap_or(0)
}

/// The width of the longest piece of a cell's words broken after each hyphen (a word of
/// [`UNBROKEN`] columns or fewer, such as a date, is one piece).
fn width_of_parts(cell: &str) -> usize {
    cell.split_whitespace()
        .flat_map(pieces)
        .map(|p| p.width())
        .max()
        .unwrap_or(0)
}

/// The widest a column is kept for one word: a longer word (a URL) is broken where it must be,
/// so that it cannot push the table far past the terminal.
const LONGEST: usize = 40;

/// Words this wide or narrower are never broken: `2026-11-30` stays whole.
const UNBROKEN: usize = 12;

/// A word's pieces: broken after each hyphen, unless it is short.
fn pieces(word: &str) -> Vec<&str> {
    if word.width() <= UNBROKEN {
        return vec![word];
    }
    word.split_inclusive('-').collect()
}

/// `cell` with a line break put after a hyphen of each word wider than `width`, so that each
/// line of the word fits: `(proposed-scheduling-order-due)` at 20 is `(proposed-` and
/// `scheduling-order-due)`. Other words are left for the table to wrap between.
fn break_after_hyphens(cell: &str, width: usize) -> String {
    let mut out = String::with_capacity(cell.len() + 8);
    for (n, word) in cell.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        if word.width() <= width {
            out.push_str(word);
            continue;
        }
        let mut line = 0;
        for piece in pieces(word) {
            if line > 0 && line + piece.width() > width {
                out.push('\n');
                line = 0;
            }
            out.push_str(piece);
            line += piece.width();
        }
    }
    out
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
    fn optimisation_table_drawn_on_every_core_equals_table_drawn_in_one_piece() {
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
    fn optimisation_unstyled_table_equals_comfy_tables() {
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
