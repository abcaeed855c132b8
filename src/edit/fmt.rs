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
    for kind in [Kind::Event, Kind::Deadline] {
        let keys = if kind == Kind::Event {
            EVENT_KEYS
        } else {
            DEADLINE_KEYS
        };
        let n = file.records(kind).map_or(0, |a| a.len());
        for i in 0..n {
            if let Some(t) = file.table_mut(kind, i) {
                tidy(t, keys, false);
            }
        }
    }
}
