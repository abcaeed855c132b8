//! The spanned TOML tree that the loader reads.
//!
//! Three readers make the same tree, each giving way to the next. The plain-layout scanner
//! ([`plain`]) reads the layout docket writes straight from the bytes, one
//! top-level table at a time ([`Tree::sections`]). The fast builder consumes `toml_parser`'s
//! event stream and takes a little more of TOML: top-level `[table]` and `[[array]]` headers
//! with one key each, `key = value` lines with any single key, any scalar, and arrays and
//! inline tables as values. If a file uses anything else (dotted keys, nested headers), or if it
//! has any error at all, the file goes through the `toml` crate's complete document parser
//! instead. That parser then defines the semantics and the error messages, and its result is
//! converted into this tree. Tests and a fuzz target hold the other two to it on every file they
//! accept.
//!
//! ```
//! use docket::timeline::tree::{Tree, Value};
//! let tree = Tree::parse("[timeline]\nid = \"a\"\n").unwrap();
//! let timeline = tree.root.get("timeline").unwrap();
//! let Value::Table(t) = &timeline.value else { panic!() };
//! assert!(matches!(&t.get("id").unwrap().value, Value::String(s) if s == "a"));
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::plain;
use toml_parser::decoder::ScalarKind;
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source, Span};

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'i> {
    /// The value.
    pub value: Value<'i>,
    /// Its span in the file: the value's text, or a table header.
    pub span: Range<usize>,
}

/// A TOML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'i> {
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
pub struct Key<'i> {
    /// The decoded key.
    pub name: Cow<'i, str>,
    /// Where it is written.
    pub span: Range<usize>,
}

/// A table's entries, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'i> {
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
}

/// A parsed document.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree<'i> {
    /// The root table.
    pub root: Table<'i>,
}

/// A TOML syntax error, with the message and span the `toml` crate gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message.
    pub message: String,
    /// Where.
    pub span: Option<Range<usize>>,
}

impl<'i> Tree<'i> {
    /// Parses a document, through the fast builder when the file allows it.
    ///
    /// # Errors
    /// Every syntax error of the file, as the `toml` crate reports them.
    pub fn parse(text: &'i str) -> Result<Tree<'i>, Vec<SyntaxError>> {
        match Self::parse_fast(text) {
            Some(tree) => Ok(tree),
            None => Self::parse_full(text),
        }
    }

    /// The fast builder alone: `None` when the file needs the full parser.
    #[doc(hidden)]
    pub fn parse_fast(text: &'i str) -> Option<Tree<'i>> {
        with_builder(text, |builder| builder.document().map(|root| Tree { root }))
    }

    /// Hands each top-level table of a document in the plain layout (see
    /// [`plain`]) to `f` as soon as its last line is read, in file order, so that
    /// no tree of the whole file is ever built. The table is the same as in [`Tree::parse`]'s
    /// tree.
    ///
    /// `None` when the document needs [`Tree::parse`]: it has a syntax error, a key above the
    /// first header, anything beyond the plain layout, or a header that TOML would refuse
    /// (a table defined twice); or when `f` returns `None`. `f` may then have seen some of the
    /// tables.
    ///
    /// ```
    /// use docket::timeline::tree::Tree;
    /// let mut names = Vec::new();
    /// let text = "[timeline]\nid = \"a\"\n[[event]]\nid = \"b\"\n[[event]]\nid = \"c\"\n";
    /// Tree::sections(text, |s| {
    ///     names.push((s.name.to_string(), s.array, s.table.entries.len()));
    ///     Some(())
    /// })
    /// .unwrap();
    /// assert_eq!(names, [("timeline".into(), false, 1), ("event".into(), true, 1), ("event".into(), true, 1)]);
    /// assert!(Tree::sections("[timeline]\n[timeline]\n", |_| Some(())).is_none());
    /// ```
    pub fn sections(text: &'i str, mut f: impl FnMut(Section<'_, 'i>) -> Option<()>) -> Option<()> {
        plain::sections(text, &mut f)
    }

    /// The tree of [`Tree::sections`]' tables (see [`plain`]): `None` when the
    /// file is not in the plain layout.
    #[doc(hidden)]
    pub fn parse_plain(text: &'i str) -> Option<Tree<'i>> {
        let mut root = Table::default();
        plain::sections(text, &mut |s| {
            let table = Item {
                value: Value::Table(s.table.clone()),
                span: s.span.clone(),
            };
            match root.entries.iter_mut().find(|(k, _)| k.name == s.name) {
                Some((
                    _,
                    Item {
                        value: Value::Array(items),
                        ..
                    },
                )) if s.array => items.push(table),
                Some(_) => return None,
                None => {
                    let name = Cow::Owned(s.name.to_string());
                    // The scanner takes headers written without spaces: `[name]`, `[[name]]`.
                    let brackets = 1 + usize::from(s.array);
                    let span = s.span.start + brackets..s.span.end - brackets;
                    let value = if s.array {
                        Item {
                            value: Value::Array(vec![table]),
                            span: s.span.clone(),
                        }
                    } else {
                        table
                    };
                    root.entries.push((Key { name, span }, value));
                }
            }
            Some(())
        })?;
        Some(Tree { root })
    }

    /// The full parser alone, converted.
    #[doc(hidden)]
    pub fn parse_full(text: &'i str) -> Result<Tree<'i>, Vec<SyntaxError>> {
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
        Ok(Tree {
            root: convert_table(doc.into_inner()),
        })
    }
}

/// A top-level table, as [`Tree::sections`] hands it over.
#[derive(Debug)]
pub struct Section<'t, 'i> {
    /// The header's key: `timeline` for `[timeline]`.
    pub name: &'t str,
    /// Whether the header is `[[name]]`.
    pub array: bool,
    /// The header's span, as the table's [`Item`] has it in a tree.
    pub span: Range<usize>,
    /// The table's entries.
    pub table: &'t Table<'i>,
}

/// Runs `f` on a builder over the significant events of `text`: `None` when the text has a
/// syntax error.
fn with_builder<'i, R>(
    text: &'i str,
    f: impl FnOnce(&mut Builder<'_, 'i>) -> Option<R>,
) -> Option<R> {
    SCRATCH.with_borrow_mut(|(tokens, events)| {
        let source = Source::new(text);
        tokens.clear();
        tokens.extend(source.lex());
        events.0.clear();
        let mut errors = Errors(false);
        {
            let mut validate = ValidateWhitespace::new(events, source);
            let mut guard = RecursionGuard::new(&mut validate, DEPTH_LIMIT);
            toml_parser::parser::parse_document(tokens, &mut guard, &mut errors);
        }
        if errors.0 {
            return None;
        }
        let mut builder = Builder {
            source,
            events: &events.0,
            at: 0,
        };
        f(&mut builder)
    })
}

thread_local! {
    /// The token and event buffers, kept from file to file: allocating them afresh for every
    /// file costs more in page faults than lexing does.
    static SCRATCH: RefCell<(Vec<Token>, Significant)> = const { RefCell::new((Vec::new(), Significant(Vec::new()))) };
}

/// The nesting limit of arrays and inline tables, as in the `toml` crate.
const DEPTH_LIMIT: u32 = 80;

/// Keeps the events that carry structure or values; whitespace, comments and newlines are
/// validated by [`ValidateWhitespace`] and dropped.
struct Significant(Vec<Event>);

impl EventReceiver for Significant {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableOpen, span);
    }
    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableClose, span);
    }
    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableOpen, span);
    }
    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableClose, span);
    }
    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::InlineTableOpen, span);
        true
    }
    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::InlineTableClose, span);
    }
    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.push(EventKind::ArrayOpen, span);
        true
    }
    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayClose, span);
    }
    fn simple_key(
        &mut self,
        span: Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        self.0
            .push(Event::new_unchecked(EventKind::SimpleKey, encoding, span));
    }
    fn key_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeySep, span);
    }
    fn key_val_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeyValSep, span);
    }
    fn scalar(
        &mut self,
        span: Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        self.0
            .push(Event::new_unchecked(EventKind::Scalar, encoding, span));
    }
    fn value_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ValueSep, span);
    }
    fn error(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Error, span);
    }
}

impl Significant {
    fn push(&mut self, kind: EventKind, span: Span) {
        self.0.push(Event::new_unchecked(kind, None, span));
    }
}

/// Records only whether any error was reported: the fast builder gives up on the first one.
struct Errors(bool);

impl ErrorSink for Errors {
    fn report_error(&mut self, _: ParseError) {
        self.0 = true;
    }
}

/// Walks the significant events of an error-free document. Every method returns `None` when the
/// file needs the full parser.
struct Builder<'e, 'i> {
    source: Source<'i>,
    events: &'e [Event],
    at: usize,
}

impl<'i> Builder<'_, 'i> {
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.at).copied();
        self.at += 1;
        e
    }

    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.at).map(|e| e.kind())
    }

    fn expect(&mut self, kind: EventKind) -> Option<Event> {
        self.next().filter(|e| e.kind() == kind)
    }

    fn document(&mut self) -> Option<Table<'i>> {
        let mut root = Table::default();
        // Where key-value lines go: the root, or the header table by its root index and,
        // for `[[array]]`, the last element.
        let mut current: Option<usize> = None;
        // The root entries made by `[[header]]`s, which later headers of the same key extend.
        let mut arrays_of_tables: Vec<usize> = Vec::new();
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::SimpleKey => {
                    let (key, item) = self.key_value(event)?;
                    let table = match current {
                        None => &mut root,
                        Some(index) => last_table(&mut root.entries[index].1)?,
                    };
                    insert(table, key, item)?;
                }
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    let (key, is_array, span) = self.header(event)?;
                    let table = Item {
                        value: Value::Table(Table::default()),
                        span: span.clone(),
                    };
                    match root.entries.iter().position(|(k, _)| k.name == key.name) {
                        Some(index) if is_array && arrays_of_tables.contains(&index) => {
                            let Value::Array(items) = &mut root.entries[index].1.value else {
                                return None;
                            };
                            items.push(table);
                            current = Some(index);
                        }
                        Some(_) => return None,
                        None => {
                            let value = if is_array {
                                Item {
                                    value: Value::Array(vec![table]),
                                    span,
                                }
                            } else {
                                table
                            };
                            root.entries.push((key, value));
                            let index = root.entries.len() - 1;
                            if is_array {
                                arrays_of_tables.push(index);
                            }
                            current = Some(index);
                        }
                    }
                }
                _ => return None,
            }
        }
        Some(root)
    }

    /// A `[key]` or `[[key]]` header, from its opening event: the key, whether it is an array
    /// of tables, and the header's span. A dotted key needs the full parser.
    fn header(&mut self, open: Event) -> Option<(Key<'i>, bool, Range<usize>)> {
        let array = open.kind() == EventKind::ArrayTableOpen;
        let first = self.expect(EventKind::SimpleKey)?;
        let key = self.key(first)?;
        let close = if array {
            EventKind::ArrayTableClose
        } else {
            EventKind::StdTableClose
        };
        let end = self.expect(close)?;
        Some((key, array, range(open.span().append(end.span()))))
    }

    /// A plain key: a dotted one needs the full parser.
    fn key(&mut self, event: Event) -> Option<Key<'i>> {
        if self.peek() == Some(EventKind::KeySep) {
            return None;
        }
        let raw = self.source.get(event)?;
        let mut name = Cow::Borrowed("");
        let mut errors = Errors(false);
        raw.decode_key(&mut name, &mut errors);
        (!errors.0).then(|| Key {
            name,
            span: range(event.span()),
        })
    }

    fn key_value(&mut self, key: Event) -> Option<(Key<'i>, Item<'i>)> {
        let key = self.key(key)?;
        self.expect(EventKind::KeyValSep)?;
        let first = self.next()?;
        Some((key, self.value(first)?))
    }

    fn value(&mut self, event: Event) -> Option<Item<'i>> {
        match event.kind() {
            EventKind::Scalar => self.scalar(event),
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    let next = self.next()?;
                    match next.kind() {
                        EventKind::ArrayClose => {
                            return Some(Item {
                                value: Value::Array(items),
                                span: range(event.span().append(next.span())),
                            });
                        }
                        EventKind::ValueSep => {}
                        _ => items.push(self.value(next)?),
                    }
                }
            }
            EventKind::InlineTableOpen => {
                let mut table = Table::default();
                loop {
                    let next = self.next()?;
                    match next.kind() {
                        EventKind::InlineTableClose => {
                            return Some(Item {
                                value: Value::Table(table),
                                span: range(event.span().append(next.span())),
                            });
                        }
                        EventKind::ValueSep => {}
                        EventKind::SimpleKey => {
                            let (key, item) = self.key_value(next)?;
                            insert(&mut table, key, item)?;
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn scalar(&mut self, event: Event) -> Option<Item<'i>> {
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut errors = Errors(false);
        let kind = raw.decode_scalar(&mut decoded, &mut errors);
        if errors.0 {
            return None;
        }
        let value = match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::DateTime => Value::Datetime(decoded.parse().ok()?),
            ScalarKind::Float => Value::Float,
            ScalarKind::Integer(radix) => Value::Integer(decoded, radix.value()),
        };
        Some(Item {
            value,
            span: range(event.span()),
        })
    }
}

fn range(span: Span) -> Range<usize> {
    span.start()..span.end()
}

/// Adds an entry; a duplicate key needs the full parser, which reports it.
pub(super) fn insert<'i>(table: &mut Table<'i>, key: Key<'i>, item: Item<'i>) -> Option<()> {
    if table.get(&key.name).is_some() {
        return None;
    }
    table.entries.push((key, item));
    Some(())
}

/// The table that a header's key-value lines go into.
fn last_table<'t, 'i>(item: &'t mut Item<'i>) -> Option<&'t mut Table<'i>> {
    match &mut item.value {
        Value::Table(t) => Some(t),
        Value::Array(items) => match &mut items.last_mut()?.value {
            Value::Table(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
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
