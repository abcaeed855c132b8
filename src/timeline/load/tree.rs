//! The spanned TOML tree that the records are read from, and the one general way to make it:
//! the `toml` crate's own parser, which takes all of TOML and reports every syntax error with its
//! span. The scanner ([`super::scanner`]) makes the same tables for files in docket's own layout.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item<'i> {
    /// The value.
    pub value: Value<'i>,
    /// Its span in the file: the value's text, or a table header.
    pub span: Range<usize>,
}

/// A TOML value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value<'i> {
    /// A string, decoded.
    String(Cow<'i, str>),
    /// An integer: its digits (underscores removed, without prefix) and radix.
    Integer(Cow<'i, str>, u32),
    /// A float.
    Float,
    /// A boolean.
    Boolean(bool),
    /// A date, time or date-time.
    Datetime(Datetime),
    /// An array (also an array of tables).
    Array(Vec<Item<'i>>),
    /// A table.
    Table(Table<'i>),
}

impl Value<'_> {
    /// The type, as messages name it (`a string`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(..) => "an integer",
            Value::Float => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date-time",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// A key with its span.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Key<'i> {
    /// The decoded key.
    pub name: Cow<'i, str>,
    /// Where it is written.
    pub span: Range<usize>,
}

/// A table's entries, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Table<'i> {
    /// The entries.
    pub entries: Vec<(Key<'i>, Item<'i>)>,
}

impl<'i> Table<'i> {
    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&Item<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// Adds an entry: `None`, and nothing added, if the key is already there.
    pub fn insert(&mut self, key: Key<'i>, item: Item<'i>) -> Option<()> {
        if self.get(&key.name).is_some() {
            return None;
        }
        self.entries.push((key, item));
        Some(())
    }
}

/// A TOML syntax error, with the message and span the `toml` crate gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SyntaxError {
    /// The message.
    pub message: String,
    /// Where.
    pub span: Option<Range<usize>>,
}

/// The root table of a document, through the `toml` crate's parser.
///
/// # Errors
/// Every syntax error of the document, as the `toml` crate reports them.
pub(super) fn parse(text: &str) -> Result<Table<'_>, Vec<SyntaxError>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| SyntaxError {
                message: e.message().trim().to_string(),
                span: e.span(),
            })
            .collect());
    }
    Ok(convert_table(doc.into_inner()))
}

fn convert_table(table: DeTable<'_>) -> Table<'_> {
    Table {
        entries: table
            .into_iter()
            .map(|(k, v)| {
                let span = k.span();
                let key = Key {
                    name: k.into_inner(),
                    span,
                };
                (key, convert(v))
            })
            .collect(),
    }
}

fn convert<'i>(item: toml::Spanned<DeValue<'i>>) -> Item<'i> {
    let span = item.span();
    let value = match item.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(Cow::Owned(i.as_str().to_string()), i.radix()),
        DeValue::Float(_) => Value::Float,
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
        DeValue::Table(t) => Value::Table(convert_table(t)),
    };
    Item { value, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_keeps_its_order_and_spans() {
        let text = "[timeline]\nid = \"a\"\n[[event]]\nid = \"b\"\n";
        let root = parse(text).unwrap();
        let names: Vec<&str> = root.entries.iter().map(|(k, _)| &*k.name).collect();
        assert_eq!(names, ["timeline", "event"]);
        let Value::Table(t) = &root.get("timeline").unwrap().value else {
            panic!("a table")
        };
        let id = t.get("id").unwrap();
        assert_eq!(id.value, Value::String("a".into()));
        assert_eq!(&text[id.span.clone()], "\"a\"");
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let errors = parse("a = \nb = [1,\n").unwrap_err();
        assert!(errors.len() >= 2, "{errors:?}");
        assert!(errors.iter().all(|e| e.span.is_some()));
    }
}
