//! The canonical layout (`docket fmt`): keys in the documented order, `key = value` spacing, one
//! blank line before every table. Comments are kept where they are; values are not rewritten.

use toml_edit::{Item, Table};

use super::file::{EditFile, Kind};
use crate::timeline::{DEADLINE_KEYS, EVENT_KEYS, TIMELINE_KEYS};

fn order(keys: &[&str], key: &str) -> usize {
    keys.iter().position(|k| *k == key).unwrap_or(keys.len())
}

fn tidy(table: &mut Table, keys: &[&str], first: bool) {
    table.sort_values_by(|a, _, b, _| order(keys, a.get()).cmp(&order(keys, b.get())));
    // Keys: no space before, one after; comments above a key stay.
    let names: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    for name in &names {
        if let Some(mut key) = table.key_mut(name) {
            let decor = key.leaf_decor_mut();
            let prefix = decor
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            if !prefix.contains('#') {
                decor.set_prefix("");
            }
            decor.set_suffix(" ");
        }
        if let Some(Item::Value(v)) = table.get_mut(name) {
            let decor = v.decor_mut();
            decor.set_prefix(" ");
            let suffix = decor
                .suffix()
                .and_then(|s| s.as_str())
                .unwrap_or("")
                .to_string();
            if !suffix.contains('#') {
                decor.set_suffix("");
            }
        }
    }
    // Exactly one blank line before the table header (none before the first), comments kept.
    let prefix = table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let body = prefix.trim_start_matches(['\n', ' ', '\t']);
    let lead = if first { "" } else { "\n" };
    table.decor_mut().set_prefix(format!("{lead}{body}"));
}

/// Puts a file in the canonical layout.
pub fn canonical(file: &mut EditFile) {
    timeline(file);
    for kind in [Kind::Event, Kind::Deadline] {
        let n = file.records(kind).map_or(0, |a| a.len());
        for i in 0..n {
            if let Some(t) = file
                .doc
                .get_mut(kind.key())
                .and_then(Item::as_array_of_tables_mut)
                .and_then(|a| a.get_mut(i))
            {
                record(t, kind);
            }
        }
    }
}

/// Puts the `[timeline]` table of a file in the canonical layout.
pub fn timeline(file: &mut EditFile) {
    if let Some(t) = file.doc.get_mut("timeline").and_then(Item::as_table_mut) {
        // The [timeline] table keeps its leading comments; a blank line separates them from a
        // `#:schema` line or a header comment above.
        let prefix = t
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        let keep = prefix.trim_start_matches('\n').to_string();
        tidy(t, TIMELINE_KEYS, true);
        t.decor_mut().set_prefix(keep);
    }
}

/// Puts one `[[event]]` or `[[deadline]]` table in the canonical layout.
///
/// ```
/// use docket::edit::{Kind, fmt};
/// let mut doc: toml_edit::DocumentMut = "[[deadline]]\nrecorded = { due = 2026-11-30 }\nid  =  \"a\"\n".parse().unwrap();
/// let table = doc["deadline"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
/// fmt::record(table, Kind::Deadline);
/// assert_eq!(doc.to_string(), "\n[[deadline]]\nid = \"a\"\nrecorded = { due = 2026-11-30 }\n");
/// ```
pub fn record(table: &mut Table, kind: Kind) {
    let keys = match kind {
        Kind::Event => EVENT_KEYS,
        Kind::Deadline => DEADLINE_KEYS,
    };
    tidy(table, keys, false);
}
