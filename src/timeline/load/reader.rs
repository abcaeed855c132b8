//! Reading the values of one TOML table as docket's types (text, dates, sources, revisions,
//! stamps, an event's end), each problem reported at its line and column with what was expected.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use toml::value::Datetime;

use super::tree::{Item, Table, Value};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::rules::parse_date;
use crate::suggest::nearest;
use crate::timeline::keys::SOURCE_KEYS;
use crate::timeline::model::{Ending, Source, Text};
use crate::timeline::when::When;

/// Reads the tables of one file, gathering its problems.
pub(super) struct Reader<'a> {
    /// The file read.
    pub file: &'a Arc<SourceFile>,
    /// Every problem found so far, in the order found.
    pub diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(self.file, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    pub(super) fn set_last(&mut self, f: impl FnOnce(Diagnostic) -> Diagnostic) {
        if let Some(last) = self.diags.pop() {
            self.diags.push(f(last));
        }
    }

    pub(super) fn wrong_type(&mut self, key: &str, v: &Item, expected: &str) {
        self.error(
            v.span.clone(),
            format!("`{key}` must be {expected}, not {}", v.value.type_name()),
        );
        self.set_last(|d| d.expected(expected.to_string()));
    }

    /// Reports keys of `table` not in `allowed`.
    pub(super) fn check_keys(&mut self, table: &Table, allowed: &[&str], what: impl fmt::Display) {
        for (key, _) in &table.entries {
            let name: &str = &key.name;
            if !allowed.contains(&name) {
                self.error(key.span.clone(), format!("unknown key `{name}` in {what}"));
                let near = nearest(name, allowed.iter().copied());
                let list = allowed.join("`, `");
                self.set_last(|d| d.expected(format!("one of `{list}`")).suggest(near));
            }
        }
    }

    pub(super) fn get<'t, 'i>(table: &'t Table<'i>, key: &str) -> Option<&'t Item<'i>> {
        table.get(key)
    }

    pub(super) fn string(&mut self, table: &Table, key: &str) -> Option<(Text, Range<usize>)> {
        let v = Self::get(table, key)?;
        match &v.value {
            Value::String(s) => Some((Text::from(s.as_ref()), v.span.clone())),
            _ => {
                self.wrong_type(key, v, "a string");
                None
            }
        }
    }

    pub(super) fn required(
        &mut self,
        table: &Table,
        span: &Range<usize>,
        key: &str,
        what: impl fmt::Display,
    ) -> Option<(Text, Range<usize>)> {
        if Self::get(table, key).is_none() {
            self.error(span.clone(), format!("{what} has no `{key}`"));
            self.set_last(|d| d.expected(format!("a `{key} = \"...\"` line")));
            return None;
        }
        let (s, span) = self.string(table, key)?;
        if s.trim().is_empty() {
            self.error(span, format!("`{key}` is empty"));
            return None;
        }
        Some((s, span))
    }

    pub(super) fn strings(&mut self, table: &Table, key: &str) -> Vec<Text> {
        let Some(v) = Self::get(table, key) else {
            return Vec::new();
        };
        match &v.value {
            Value::Array(items) => read_items(items, |item| match &item.value {
                Value::String(s) => Some(Text::from(s.as_ref())),
                _ => {
                    self.wrong_type(key, item, "a string");
                    None
                }
            }),
            Value::String(s) => vec![Text::from(s.as_ref())],
            _ => {
                self.wrong_type(key, v, "an array of strings");
                Vec::new()
            }
        }
    }

    pub(super) fn source(&mut self, key: &str, v: &Item) -> Option<Source> {
        match &v.value {
            Value::String(s) => Some(Source {
                cite: Some(Text::from(s.as_ref())),
                url: None,
            }),
            Value::Table(t) => {
                self.check_keys(t, SOURCE_KEYS, "a source");
                let cite = self.string(t, "cite").map(|s| s.0);
                let url = self.string(t, "url").map(|s| s.0);
                if cite.is_none() && url.is_none() {
                    self.error(v.span.clone(), "a source needs `cite`, `url` or both");
                    return None;
                }
                Some(Source { cite, url })
            }
            _ => {
                self.wrong_type(
                    key,
                    v,
                    "a string or a table `{ cite = \"...\", url = \"...\" }`",
                );
                None
            }
        }
    }

    pub(super) fn sources(&mut self, table: &Table, key: &str) -> Vec<Source> {
        let Some(v) = Self::get(table, key) else {
            return Vec::new();
        };
        match &v.value {
            Value::Array(items) => read_items(items, |i| self.source(key, i)),
            _ => self.source(key, v).into_iter().collect(),
        }
    }

    pub(super) fn boolean(&mut self, table: &Table, key: &str) -> Option<bool> {
        let v = Self::get(table, key)?;
        match &v.value {
            Value::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, v, "`true` or `false`");
                None
            }
        }
    }

    /// A TOML local date (no time, no offset) as a day, without going through text.
    pub(super) fn local_date(v: &Item) -> Option<NaiveDate> {
        match &v.value {
            Value::Datetime(Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
            _ => None,
        }
    }

    /// A date as text: a TOML date or date-time, or a string.
    pub(super) fn date_text(&mut self, key: &str, v: &Item) -> Option<String> {
        match &v.value {
            Value::String(s) => Some(s.to_string()),
            Value::Datetime(d) if d.date.is_some() => Some(d.to_string().replace(' ', "T")),
            _ => {
                self.wrong_type(key, v, "a date such as `2020-01-13`");
                None
            }
        }
    }

    /// A plain day (no time).
    pub(super) fn day(&mut self, table: &Table, key: &str) -> Option<(NaiveDate, Range<usize>)> {
        let v = Self::get(table, key)?;
        if let Some(d) = Self::local_date(v) {
            return Some((d, v.span.clone()));
        }
        let text = self.date_text(key, v)?;
        match parse_date(&text) {
            Ok(d) => Some((d, v.span.clone())),
            Err(e) => {
                self.error(v.span.clone(), format!("`{key}`: {e}"));
                self.set_last(|d| d.expected("a date `YYYY-MM-DD`"));
                None
            }
        }
    }

    /// `revision`: a whole number, 0 when absent.
    pub(super) fn revision(&mut self, table: &Table) -> u32 {
        let Some(v) = Self::get(table, "revision") else {
            return 0;
        };
        let n = match &v.value {
            Value::Integer(digits, radix) => u32::from_str_radix(digits, *radix).ok(),
            _ => None,
        };
        n.unwrap_or_else(|| {
            self.error(
                v.span.clone(),
                "`revision` must be a whole number from 0 to 4294967295",
            );
            0
        })
    }

    /// `modified`: the UTC time an editing command last changed the record.
    pub(super) fn modified(&mut self, table: &Table) -> Option<DateTime<Utc>> {
        let v = Self::get(table, "modified")?;
        let text = match &v.value {
            Value::Datetime(d) => Some(d.to_string().replace(' ', "T")),
            Value::String(s) => Some(s.to_string()),
            _ => None,
        };
        let at = text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok());
        if at.is_none() {
            self.error(
                v.span.clone(),
                "`modified` must be a date and time with its offset",
            );
            self.set_last(|d| {
                d.expected("a UTC time such as `2026-12-03T15:04:05Z` (docket writes it)")
            });
        }
        at.map(|t| t.with_timezone(&Utc))
    }

    /// An event's `end` or `duration`, checked against its date.
    pub(super) fn ending(
        &mut self,
        table: &Table,
        when: Option<&When>,
        zone: Option<Tz>,
    ) -> Option<Ending> {
        let (end, duration) = (Self::get(table, "end"), Self::get(table, "duration"));
        let (key, v) = match (end, duration) {
            (None, None) => return None,
            (Some(_), Some(d)) => {
                self.error(
                    d.span.clone(),
                    "an event has an `end` or a `duration`, not both",
                );
                self.set_last(|d| {
                    d.expected("one of `end = \"11:30\"` or `duration = \"90 minutes\"`")
                });
                return None;
            }
            (Some(v), None) => ("end", v),
            (None, Some(v)) => ("duration", v),
        };
        let read = match (&v.value, key) {
            (Value::String(s), "end") => Ending::parse_end(s),
            (Value::Datetime(d), "end") => Ending::parse_end(&d.to_string().replace(' ', "T")),
            (Value::String(s), _) => Ending::parse_duration(s),
            _ => {
                let expected = match key {
                    "end" => "a time `\"11:30\"`, a date and time or a last day",
                    _ => "a string such as `\"90 minutes\"`",
                };
                self.wrong_type(key, v, expected);
                return None;
            }
        };
        let checked = read.and_then(|ending| match when {
            Some(when) => ending.check(when, zone).map(|()| ending),
            None => Ok(ending),
        });
        match checked {
            Ok(ending) => Some(ending),
            Err(e) => {
                self.error(v.span.clone(), format!("`{key}`: {e}"));
                None
            }
        }
    }
}

/// What `read` makes of each item of an array, in a vector of just the right size: a record
/// keeps its lists as boxed slices, and a vector grown item by item would be copied again to
/// shrink it.
pub(super) fn read_items<T>(items: &[Item], read: impl FnMut(&Item) -> Option<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items.iter().filter_map(read));
    out
}

pub(super) fn table_of<'t, 'i>(v: &'t Item<'i>) -> Option<&'t Table<'i>> {
    match &v.value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}
