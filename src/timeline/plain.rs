//! The plain-layout scanner: reads a timeline file in the layout docket writes straight from its
//! bytes into the tables of [`Tree::sections`](super::tree::Tree::sections), one top-level table
//! at a time, with every span kept.
//!
//! It takes a strict subset of TOML and gives up (`None`) on anything else, leaving the file to
//! the general builders in [`tree`](super::tree), which take all of TOML and report its errors:
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
//! Whatever it takes, it reads as the `toml` crate does: a test and a fuzz target hold the two
//! to the same tree, and the scanner to giving up on every file the `toml` crate refuses.
//!
//! ```
//! use docket::timeline::tree::Tree;
//! let text = "[timeline]\nid = \"a\" # the matter\n\n[[event]]\ntags = ['x', \"y\\n\"]\n";
//! let tree = Tree::parse_plain(text).unwrap();
//! assert_eq!(Some(tree), Tree::parse_full(text).ok());
//! // Anything beyond the plain layout is left to the general builders.
//! assert!(Tree::parse_plain("[timeline]\nid = 0x1f\n").is_none());
//! ```

use std::borrow::Cow;
use std::ops::Range;

use toml::value::Datetime;

use super::tree::{Item, Key, Section, Table, Value, insert};

/// How deep arrays and inline tables may nest before the scanner gives up.
const MAX_DEPTH: u32 = 8;

/// The longest integer taken, in digits: anything longer may not fit in an `i64`, which the
/// `toml` crate then refuses.
const MAX_DIGITS: usize = 18;

/// Hands each top-level table of `text` to `f` as soon as it ends, in file order. `None` when
/// the text is not in the plain layout (see the module's documentation) or `f` returns `None`;
/// `f` may then have seen some of the tables.
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
    let hand_over =
        |header: &Option<(&'i str, bool, Range<usize>)>,
         table: &Table<'i>,
         f: &mut dyn FnMut(Section<'_, 'i>) -> Option<()>| match header {
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
                hand_over(&header, &table, f)?;
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
                insert(&mut table, key, item)?;
            }
        }
        s.end_of_line()?;
    }
    hand_over(&header, &table, f)
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
                // `\r\n` inside is left to the general builders.
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
        // for the general builders.
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
            insert(&mut table, key, item)?;
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
