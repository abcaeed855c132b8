//! A deadline's `history`: each change of status is put in date order, after the changes of the
//! same day or earlier, so that the history reads as it happened and the status as of any day is
//! the last change made by then.

use chrono::NaiveDate;
use toml_edit::{Array, InlineTable, Item, Table, Value, value};

use super::error::EditError;

/// The day of a history entry, if it can be read.
fn day_of(entry: &Value) -> Option<NaiveDate> {
    let on = entry.as_inline_table()?.get("on")?;
    match on {
        Value::Datetime(d) => d.value().date.map(|d| {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        })?,
        Value::String(s) => s.value().parse().ok(),
        _ => None,
    }
}

/// Puts `entry`, a change that took effect `on`, into the `history` of the deadline `table`:
/// after every change of that day or earlier and before the later ones. A history written on
/// one line stays on one line; one written an entry a line gets the new entry on a line of its
/// own.
///
/// ```
/// use toml_edit::{DocumentMut, InlineTable, Value};
/// let mut doc: DocumentMut = "history = [{ status = \"done\", on = 2026-12-01 }]\n".parse().unwrap();
/// let mut entry = InlineTable::new();
/// entry.insert("status", Value::from("extended"));
/// entry.insert("on", Value::from("2026-11-20".parse::<toml_edit::Datetime>().unwrap()));
/// let on = "2026-11-20".parse().unwrap();
/// docket::edit::history::insert(doc.as_table_mut(), entry, on, "d").unwrap();
/// assert_eq!(
///     doc.to_string(),
///     "history = [{ status = \"extended\", on = 2026-11-20 }, { status = \"done\", on = 2026-12-01 }]\n"
/// );
/// ```
pub fn insert(
    table: &mut Table,
    entry: InlineTable,
    on: NaiveDate,
    id: &str,
) -> Result<(), EditError> {
    if !table.contains_key("history") {
        table["history"] = value(Array::new());
    }
    let Some(history) = table.get_mut("history").and_then(Item::as_array_mut) else {
        return Err(EditError::Invalid(format!(
            "`history` of `{id}` is not an array; fix it by hand first"
        )));
    };
    let at = history
        .iter()
        .position(|e| day_of(e).is_some_and(|d| d > on))
        .unwrap_or(history.len());
    let prefix = |v: &Value| {
        v.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .map(str::to_string)
    };
    // An entry a line: the new one is indented as the others after the first.
    let indent = history.iter().filter_map(prefix).find(|p| p.contains('\n'));
    history.insert(at, Value::InlineTable(entry));
    match indent {
        None => history.fmt(),
        Some(indent) => {
            if let Some(v) = history.get_mut(at) {
                v.decor_mut().set_prefix(indent.as_str());
            }
            if at == 0
                && let Some(next) = history.get_mut(1)
            {
                next.decor_mut().set_prefix(indent.as_str());
            }
        }
    }
    Ok(())
}

/// The day of the last change in a deadline's history as loaded, if any.
pub fn last_day(history: &[crate::timeline::Change]) -> Option<NaiveDate> {
    history.iter().map(|c| c.on).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: &str, on: &str) -> (InlineTable, NaiveDate) {
        let mut e = InlineTable::new();
        e.insert("status", Value::from(status));
        e.insert(
            "on",
            Value::from(on.parse::<toml_edit::Datetime>().unwrap()),
        );
        (e, on.parse().unwrap())
    }

    #[test]
    fn history_stays_in_date_order_and_in_its_layout() {
        let text = "history = [\n  { status = \"extended\", on = 2026-11-20, to = 2026-12-14 },\n  { status = \"done\", on = 2026-12-10 },\n]\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        let (e, on) = entry("missed", "2026-11-20");
        insert(doc.as_table_mut(), e, on, "d").unwrap();
        let (e, on) = entry("open", "2026-11-01");
        insert(doc.as_table_mut(), e, on, "d").unwrap();
        assert_eq!(
            doc.to_string(),
            "history = [\n  { status = \"open\", on = 2026-11-01 },\n  { status = \"extended\", on = 2026-11-20, to = 2026-12-14 },\n  { status = \"missed\", on = 2026-11-20 },\n  { status = \"done\", on = 2026-12-10 },\n]\n"
        );
    }

    #[test]
    fn a_history_that_is_not_an_array_is_refused() {
        let mut doc: toml_edit::DocumentMut = "history = \"done\"\n".parse().unwrap();
        let (e, on) = entry("done", "2026-11-20");
        assert!(insert(doc.as_table_mut(), e, on, "d").is_err());
    }
}
