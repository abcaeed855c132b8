//! Terminal tables (comfy-table), sized to the terminal, coloured only when asked.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, ContentArrangement, Table};

use super::text::terminal;

/// Renders rows under a header. Every cell is made safe for a terminal.
///
/// ```
/// let t = docket::render::table::table(&["Day", "Name"], vec![vec!["Mon".into(), "x".into()]], false);
/// assert!(t.contains("Day") && t.contains("Mon"));
/// ```
pub fn table(header: &[&str], rows: Vec<Vec<String>>, color: bool) -> String {
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
        t.add_row(row.iter().map(|c| Cell::new(terminal(c))));
    }
    t.to_string()
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
