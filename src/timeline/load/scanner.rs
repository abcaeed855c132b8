//! The scanner for docket's own layout: reads a timeline file written the way docket writes
//! it straight from its bytes, one top-level table at a time ([`sections`]), with every span
//! kept, so that no tree of the whole file is ever built.
//!
//! It takes a strict subset of TOML and gives up (`None`) on anything else, leaving the file to
//! the `toml` crate ([`super::tree::parse`]), which takes all of TOML and reports its errors:
//!
//! - top-level headers `[name]` and `[[name]]` with a bare key, written without spaces inside;
//!   no key above the first header, no table twice;
//! - `key = value` lines with bare keys (`A-Za-z0-9_-`), each key once per table;
//! - basic strings with the escapes `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, literal strings,
//!   and both as multi-line strings with `\n` line ends;
//! - `true`, `false`, decimal integers of up to 18 digits without `+` or `_`;
//! - dates and date-times written `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` with an optional
//!   fraction and `Z` or offset;
//! - arrays of these, across lines, with comments and a trailing comma, and inline tables on
//!   one line without a trailing comma;
//! - comments and blank lines anywhere a line may be empty, `\n` or `\r\n` line ends.
//!
//! Whatever it takes, it reads as the `toml` crate does: the tests below and the `toml_tree`
//! fuzz target hold the two to the same tables, spans included, and the scanner to giving up on
//! every file the `toml` crate refuses.

use std::borrow::Cow;
use std::ops::Range;

use toml::value::Datetime;

use super::tree::{Item, Key, Table, Value};

/// How deep arrays and inline tables may nest before the scanner gives up.
const MAX_DEPTH: u32 = 8;

/// The longest integer taken, in digits: anything longer may not fit in an `i64`, which the
/// `toml` crate then refuses.
const MAX_DIGITS: usize = 18;

/// A top-level table, as [`sections`] hands it over.
#[derive(Debug)]
pub(super) struct Section<'t, 'i> {
    /// The header's key: `timeline` for `[timeline]`.
    pub name: &'t str,
    /// Whether the header is `[[name]]`.
    pub array: bool,
    /// The header's span, as the table's [`Item`] has it in the `toml` crate's tree.
    pub span: Range<usize>,
    /// The table's entries.
    pub table: &'t Table<'i>,
}

/// Hands each top-level table of `text` to `f` as soon as its last line is read, in file
/// order. `None` when the text is not in docket's own layout (see the module's documentation)
/// or `f` returns `None`; `f` may then have seen some of the tables.
pub(super) fn sections<'i>(
    text: &'i str,
    f: &mut impl FnMut(Section<'_, 'i>) -> Option<()>,
) -> Option<()> {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        inline: 0,
    };
    let mut table = Table::default();
    // The current header: its name, whether it is an array of tables, and its span.
    let mut header: Option<(&'i str, bool, Range<usize>)> = None;
    // Every header name so far, and whether it was an array of tables.
    let mut seen: Vec<(&'i str, bool)> = Vec::new();
    let hand_on = |header: &Option<(&'i str, bool, Range<usize>)>,
                   table: &Table<'i>,
                   f: &mut dyn FnMut(Section<'_, 'i>) -> Option<()>| match header
    {
        Some((name, array, span)) => f(Section {
            name,
            array: *array,
            span: span.clone(),
            table,
        }),
        None => Some(()),
    };
    loop {
        s.blank_lines()?;
        match s.peek() {
            None => break,
            Some(b'[') => {
                hand_on(&header, &table, f)?;
                table.entries.clear();
                let (name, array, span) = s.header()?;
                match seen.iter().find(|(n, _)| *n == name) {
                    Some((_, was_array)) if !(array && *was_array) => return None,
                    Some(_) => {}
                    None => seen.push((name, array)),
                }
                header = Some((name, array, span));
            }
            Some(_) => {
                header.as_ref()?;
                let (key, item) = s.key_value(0)?;
                table.insert(key, item)?;
            }
        }
        s.end_of_line()?;
    }
    hand_on(&header, &table, f)
}

/// A control character that TOML allows in no string or comment (tab is allowed).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

fn is_bare_key(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A byte of an unquoted scalar: numbers, booleans and date-times.
fn is_scalar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b':' | b'.')
}

struct Scanner<'i> {
    text: &'i str,
    bytes: &'i [u8],
    /// The next byte to read.
    at: usize,
    /// How many inline tables the scanner is in.
    inline: u32,
}

impl<'i> Scanner<'i> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn spaces(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// A comment, from its `#` up to its line's end.
    fn comment(&mut self) -> Option<()> {
        self.at += 1;
        while let Some(&b) = self.bytes.get(self.at) {
            if b == b'\n' || (b == b'\r' && self.bytes.get(self.at + 1) == Some(&b'\n')) {
                return Some(());
            }
            if is_control(b) {
                return None;
            }
            self.at += 1;
        }
        Some(())
    }

    /// A line end (`\n` or `\r\n`), or the end of the text.
    fn newline(&mut self) -> Option<()> {
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.at += 1;
                Some(())
            }
            Some(b'\r') if self.bytes.get(self.at + 1) == Some(&b'\n') => {
                self.at += 2;
                Some(())
            }
            _ => None,
        }
    }

    /// What may end a line after its content: spaces, a comment, the line end.
    fn end_of_line(&mut self) -> Option<()> {
        self.spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        self.newline()
    }

    /// Empty lines and comment lines, up to the next line with content (or the end).
    fn blank_lines(&mut self) -> Option<()> {
        loop {
            self.spaces();
            match self.peek() {
                Some(b'#' | b'\n' | b'\r') => self.end_of_line()?,
                _ => return Some(()),
            }
        }
    }

    /// Within an array: spaces, comments and line ends; only spaces within an inline table,
    /// which must stay on one line.
    fn gaps(&mut self) -> Option<()> {
        if self.inline > 0 {
            self.spaces();
            return Some(());
        }
        loop {
            self.spaces();
            match self.peek() {
                Some(b'#' | b'\n' | b'\r') => self.end_of_line()?,
                _ => return Some(()),
            }
        }
    }

    /// A bare key, as written, and its span.
    fn bare_key(&mut self) -> Option<(&'i str, Range<usize>)> {
        let start = self.at;
        while self.peek().is_some_and(is_bare_key) {
            self.at += 1;
        }
        (self.at > start).then(|| (&self.text[start..self.at], start..self.at))
    }

    /// `[name]` or `[[name]]`: the name, whether it is an array of tables, and the span.
    fn header(&mut self) -> Option<(&'i str, bool, Range<usize>)> {
        let start = self.at;
        let array = self.bytes.get(start + 1) == Some(&b'[');
        self.at += 1 + usize::from(array);
        let (name, _) = self.bare_key()?;
        let close: &[u8] = if array { b"]]" } else { b"]" };
        if !self.bytes[self.at..].starts_with(close) {
            return None;
        }
        self.at += close.len();
        Some((name, array, start..self.at))
    }

    /// `key = value`, the value at nesting `depth`.
    fn key_value(&mut self, depth: u32) -> Option<(Key<'i>, Item<'i>)> {
        let (name, span) = self.bare_key()?;
        let key = Key {
            name: Cow::Borrowed(name),
            span,
        };
        self.spaces();
        if self.peek() != Some(b'=') {
            return None;
        }
        self.at += 1;
        self.spaces();
        Some((key, self.value(depth)?))
    }

    fn value(&mut self, depth: u32) -> Option<Item<'i>> {
        let start = self.at;
        let value = match self.peek()? {
            b'"' | b'\'' if self.bytes[start..].starts_with(&[self.bytes[start]; 3]) => {
                Value::String(self.multi_line(self.bytes[start])?)
            }
            b'"' => Value::String(self.basic_string()?),
            b'\'' => Value::String(self.literal_string()?),
            b'[' if depth < MAX_DEPTH => Value::Array(self.array(depth + 1)?),
            b'{' if depth < MAX_DEPTH => {
                self.inline += 1;
                let table = self.inline_table(depth + 1)?;
                self.inline -= 1;
                Value::Table(table)
            }
            b if is_scalar(b) => self.scalar()?,
            _ => return None,
        };
        Some(Item {
            value,
            span: start..self.at,
        })
    }

    /// `"..."` on one line; borrowed from the text unless it has an escape.
    fn basic_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 1;
        let start = self.at;
        loop {
            let b = *self.bytes.get(self.at)?;
            match b {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                b'\\' => break,
                _ if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
        // An escape: the rest is decoded into a string of its own.
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            let b = *self.bytes.get(self.at)?;
            match b {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => out.push(self.escape()?),
                _ if is_control(b) => return None,
                _ => {
                    // Up to the next quote, escape or control character, as it is written.
                    let from = self.at;
                    self.at += 1;
                    while let Some(&b) = self.bytes.get(self.at) {
                        if b == b'"' || b == b'\\' || is_control(b) {
                            break;
                        }
                        self.at += 1;
                    }
                    out.push_str(&self.text[from..self.at]);
                }
            }
        }
    }

    /// The escape at a backslash, which it reads past.
    fn escape(&mut self) -> Option<char> {
        let escape = *self.bytes.get(self.at + 1)?;
        self.at += 2;
        Some(match escape {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' => self.unicode(4)?,
            b'U' => self.unicode(8)?,
            _ => return None,
        })
    }

    /// `"""..."""` (with escapes, and a backslash ending a line) or `'''...'''` (as written): a
    /// newline right after the opening quotes is left out, and up to two quotes may stand
    /// before the closing ones. Borrowed from the text unless it has an escape.
    fn multi_line(&mut self, quote: u8) -> Option<Cow<'i, str>> {
        self.at += 3;
        if self.peek() == Some(b'\n') {
            self.at += 1;
        }
        // The decoded text, once an escape is met, and where the text not yet in it starts.
        let mut out: Option<String> = None;
        let mut from = self.at;
        loop {
            let b = *self.bytes.get(self.at)?;
            match b {
                _ if b == quote => {
                    let n = self.bytes[self.at..]
                        .iter()
                        .take_while(|&&c| c == quote)
                        .count();
                    if n < 3 {
                        self.at += n;
                        continue;
                    }
                    if n > 5 {
                        return None;
                    }
                    let rest = &self.text[from..self.at + n - 3];
                    self.at += n;
                    return Some(match out {
                        None => Cow::Borrowed(rest),
                        Some(mut out) => {
                            out.push_str(rest);
                            Cow::Owned(out)
                        }
                    });
                }
                b'\\' if quote == b'"' => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(&self.text[from..self.at]);
                    let mut next = self.at + 1;
                    while let Some(b' ' | b'\t') = self.bytes.get(next) {
                        next += 1;
                    }
                    if self.bytes.get(next) == Some(&b'\n') {
                        // A backslash ending a line: the line end and the spaces and line ends
                        // after it are left out.
                        while let Some(b' ' | b'\t' | b'\n') = self.bytes.get(next) {
                            next += 1;
                        }
                        self.at = next;
                    } else {
                        out.push(self.escape()?);
                    }
                    from = self.at;
                }
                // `\r\n` inside is left to the `toml` crate.
                b'\n' => self.at += 1,
                _ if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
    }

    /// The `digits` hexadecimal digits of a `\u` or `\U` escape, as a Unicode scalar value.
    fn unicode(&mut self, digits: usize) -> Option<char> {
        let hex = self.bytes.get(self.at..self.at + digits)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let code = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        self.at += digits;
        char::from_u32(code)
    }

    /// `'...'` on one line, as it is written.
    fn literal_string(&mut self) -> Option<Cow<'i, str>> {
        self.at += 1;
        let start = self.at;
        loop {
            let b = *self.bytes.get(self.at)?;
            match b {
                b'\'' => {
                    self.at += 1;
                    return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                _ if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
    }

    /// A boolean, a decimal integer or a date-time; then what may follow a value.
    fn scalar(&mut self) -> Option<Value<'i>> {
        let start = self.at;
        while self.peek().is_some_and(is_scalar) {
            self.at += 1;
        }
        let raw = &self.text[start..self.at];
        // What follows must end the value: anything else (`1979-05-27 07:32:00`, `1 2`) is
        // for the `toml` crate.
        if !matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b',' | b']' | b'}' | b'#' | b'\n' | b'\r')
        ) {
            return None;
        }
        match raw {
            "true" => Some(Value::Boolean(true)),
            "false" => Some(Value::Boolean(false)),
            _ if is_integer(raw.as_bytes()) => Some(Value::Integer(Cow::Borrowed(raw), 10)),
            _ if is_datetime(raw.as_bytes()) => raw.parse::<Datetime>().ok().map(Value::Datetime),
            _ => None,
        }
    }

    /// `[a, b, ...]` across lines.
    fn array(&mut self, depth: u32) -> Option<Vec<Item<'i>>> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.gaps()?;
            if self.peek() == Some(b']') {
                self.at += 1;
                return Some(items);
            }
            items.push(self.value(depth)?);
            self.gaps()?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    /// `{ key = value, ... }` on one line, without a trailing comma.
    fn inline_table(&mut self, depth: u32) -> Option<Table<'i>> {
        self.at += 1;
        let mut table = Table::default();
        self.spaces();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(table);
        }
        loop {
            self.spaces();
            let (key, item) = self.key_value(depth)?;
            table.insert(key, item)?;
            self.spaces();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(table);
                }
                _ => return None,
            }
        }
    }
}

/// `0`, or digits without a leading zero, with an optional `-`.
fn is_integer(raw: &[u8]) -> bool {
    let digits = raw.strip_prefix(b"-").unwrap_or(raw);
    !digits.is_empty()
        && digits.len() <= MAX_DIGITS
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || digits.len() == 1)
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM:SS`, a fraction, and `Z` or `±HH:MM`. Whether
/// the numbers make a date is for [`Datetime`]'s parser to say.
fn is_datetime(raw: &[u8]) -> bool {
    let shape = |text: &[u8], pattern: &[u8]| {
        text.len() == pattern.len()
            && text.iter().zip(pattern).all(|(&t, &p)| match p {
                b'9' => t.is_ascii_digit(),
                _ => t == p,
            })
    };
    let Some((date, rest)) = raw.split_at_checked(10) else {
        return false;
    };
    if !shape(date, b"9999-99-99") {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let Some((time, mut rest)) = rest.split_at_checked(9) else {
        return false;
    };
    if !shape(time, b"T99:99:99") {
        return false;
    }
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        [] | b"Z" => true,
        [b'+' | b'-', offset @ ..] => shape(offset, b"99:99"),
        _ => false,
    }
}

/// The root table [`sections`] reads, as [`super::tree::parse`] makes it: `None` when the text
/// is not in docket's own layout. For holding the scanner to the `toml` crate.
#[cfg(any(test, fuzzing))]
pub(super) fn root(text: &str) -> Option<Table<'_>> {
    let mut root = Table::default();
    sections(text, &mut |s| {
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
    Some(root)
}

/// Panics unless the scanner either gives up on `text` or reads it exactly as the `toml` crate
/// does, spans included; it must give up wherever the `toml` crate finds an error. Returns
/// whether the scanner took the text.
#[cfg(any(test, fuzzing))]
pub(super) fn agrees_with_toml(text: &str) -> bool {
    let Some(scanned) = root(text) else {
        return false;
    };
    match super::tree::parse(text) {
        Ok(full) => assert_eq!(scanned, full, "the scanner and the toml crate disagree"),
        Err(e) => panic!("the scanner took a text the toml crate refuses: {e:?}"),
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn headers_and_values_are_handed_over_table_by_table() {
        let mut names = Vec::new();
        let text = "[timeline]\nid = \"a\"\n[[event]]\nid = \"b\"\n[[event]]\nid = \"c\"\n";
        sections(text, &mut |s| {
            names.push((s.name.to_string(), s.array, s.table.entries.len()));
            Some(())
        })
        .unwrap();
        assert_eq!(
            names,
            [
                ("timeline".into(), false, 1),
                ("event".into(), true, 1),
                ("event".into(), true, 1)
            ]
        );
        assert!(sections("[timeline]\n[timeline]\n", &mut |_| Some(())).is_none());
    }

    #[test]
    fn what_the_scanner_leaves_to_the_toml_crate() {
        for text in [
            "id = \"a\"\n[timeline]\n",       // a key above the first header
            "[ timeline ]\n",                 // spaces inside a header
            "[a.b]\n",                        // a dotted header
            "[t]\n\"q\" = 1\n",               // a quoted key
            "[t]\na.b = 1\n",                 // a dotted key
            "[t]\ni = +1\n",                  // a sign
            "[t]\ni = 1_000\n",               // an underscore
            "[t]\ni = 0x1f\n",                // another radix
            "[t]\nf = 1.5\n",                 // a float
            "[t]\nd = 2020-01-13 10:00:00\n", // a space for `T`
            "[t]\nd = 2020-01-13T10:00\n",    // no seconds
            "[t]\nt = 10:00:00\n",            // a time alone
            "[t]\ns = \"\\e\"\n",             // an escape of TOML 1.1
            "[t]\ns = \"\"\"a\r\nb\"\"\"\n",  // `\r\n` in a multi-line string
            "[t]\nx = { a = 1, }\n",          // a trailing comma in an inline table
            "[t]\nx = { a = [\n1] }\n",       // a line break in an inline table
            "[t]\ni = 1234567890123456789\n", // an integer that may not fit
            "[t]\na = 1\na = 2\n",            // a key twice
            "[t]\n[t]\n",                     // a table twice
            "[t]\nk = 1 2\n",                 // two values
            "[t]\rk = 1\n",                   // a lone carriage return
            "[t]\ns = \"\"\"a\"\"\"\"\"\"\n", // six quotes
        ] {
            assert!(!agrees_with_toml(text), "{text:?}");
        }
    }

    #[test]
    fn optimisation_scanner_equals_toml_crate_on_the_constructs_it_takes() {
        for text in [
            "#:schema x\n[timeline]\nid = 'lit' # note\n\ns = \"\\u00e9\\n\\\"q\\\"\\U0001F600\\b\\f\\r\\t\\\\\"\n",
            "[[event]]\nid = \"a\"\n[[deadline]]\nid = \"b\"\n[[event]]\nid = \"c\"\n",
            "[t]\nn = \"\"\"\nmulti \\\n   line\\t\"\"\"\"\"\nm = '''raw\\n''''\ne = \"\"\n",
            "[t]\nd = 2020-01-13\nt = 2020-01-13T10:00:00-07:00\nz = 2020-01-13T10:00:00.25Z\nl = 2020-01-13T10:00:00\n",
            "[t]\ni = 0\nj = -17\nb = true\nc = false\n",
            "[t]\na = [[1, 2], [\"x\"], []]\nt = { a = { b = [1] }, c = [] }\n",
            "[t]\r\na = [\r\n  1, # comment\r\n  2,\r\n]\r\nb = 1\r\n\t[u] # c\n",
            "[t]\nx={a=1,b='2'}\n",
        ] {
            assert!(agrees_with_toml(text), "{text:?} is taken");
        }
    }

    #[test]
    fn the_bundled_timelines_are_in_dockets_own_layout() {
        for name in ["denver-ice-subpoenas", "example-federal-civil"] {
            let path = format!("{}/timelines/{name}.toml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            assert!(agrees_with_toml(&text), "{name}");
        }
    }

    /// Lines a document may be made of, in docket's own layout and not.
    const LINES: &[&str] = &[
        "[timeline]",
        "[[event]]",
        "[[deadline]]",
        "[other]",
        "[a.b]",
        "id = \"x\"",
        "id = 'y'",
        "title = \"t \\\"q\\\" \\u00e9\"",
        "date = 2020-01-13",
        "date = \"2017\"",
        "n = 42",
        "n = -0x1",
        "f = 3.25",
        "ok = false",
        "sources = [\"a\", { cite = \"c\", url = \"u\" }]",
        "history = [{ status = \"done\", on = 2020-02-01 }]",
        "recorded = { due = 2020-01-27, data = \"v\" }",
        "a.b = 1",
        "x = { y.z = 1 }",
        "event = []",
        "# a comment",
        "",
        "bad = ",
        "\"quoted\" = 1",
        "e = [ [ ], [ 1 ] ]",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_scanner_agrees_on_generated_documents(lines in prop::collection::vec(prop::sample::select(LINES), 0..14)) {
            agrees_with_toml(&(lines.join("\n") + "\n"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// Text made of the bytes that matter to TOML's grammar, after a header and in a value:
        /// the scanner takes only what the `toml` crate takes, and reads it the same.
        #[test]
        fn the_scanner_agrees_on_generated_text(body in "[\\[\\]\"'\\\\= \t\n\r#,{}a1\\-:TZ.ué\u{1}\u{7f}0-9]{0,40}") {
            for text in [format!("[t]\n{body}"), format!("[t]\nk = {body}"), format!("[t]\nk = \"{body}")] {
                agrees_with_toml(&text);
            }
        }
    }
}
