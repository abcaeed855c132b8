//! A small typed XML writer for the chart's SVG and its HTML page.
//!
//! Element and attribute names are `&'static str`: docket's own words, never a file's. Every
//! value from a file goes in through [`Writer::text`] or an attribute, which escape it, so a title
//! such as `</svg><script>` stays text. Characters XML 1.0 cannot carry even as references
//! (most control characters, U+FFFE, U+FFFF), and those that could reorder or hide text, are
//! written as visible escapes (`\u{202e}`). Numbers are written with at most one decimal, the
//! same on every machine.

use std::fmt::Write as _;

/// An attribute's value.
pub enum Value<'a> {
    /// Text, escaped.
    Text(&'a str),
    /// A number of pixels, written with at most one decimal.
    Number(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(s)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(s)
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

/// Writes elements into a string, closing them in order.
///
/// ```
/// use docket::render::chart::Writer;
/// let mut w = Writer::new();
/// w.open("g").attr("class", "mark").attr("x", 1.25);
/// w.open("title").text("</svg> & <script>");
/// w.close();
/// w.leaf("circle").attr("r", 6.0);
/// w.close();
/// assert_eq!(
///     w.finish(),
///     "<g class=\"mark\" x=\"1.3\"><title>&lt;/svg&gt; &amp; &lt;script&gt;</title><circle r=\"6\"/></g>"
/// );
/// ```
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    open: Vec<&'static str>,
    /// The last tag written is still taking attributes: `>` or `/>` is still to come.
    pending: Option<Pending>,
}

#[derive(Clone, Copy, Debug)]
enum Pending {
    Open,
    Leaf,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Writes markup of docket's own as it is (a declaration, a doctype, a style sheet).
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.end_tag();
        self.out.push_str(markup);
        self
    }

    /// Opens an element, to be closed by [`Writer::close`].
    pub fn open(&mut self, name: &'static str) -> &mut Self {
        self.end_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push(name);
        self.pending = Some(Pending::Open);
        self
    }

    /// Writes an element with no content (`<circle .../>`).
    pub fn leaf(&mut self, name: &'static str) -> &mut Self {
        self.end_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.pending = Some(Pending::Leaf);
        self
    }

    /// Adds an attribute to the element just opened.
    pub fn attr<'v>(&mut self, name: &'static str, value: impl Into<Value<'v>>) -> &mut Self {
        debug_assert!(self.pending.is_some(), "an attribute after content");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        match value.into() {
            Value::Text(t) => escape(&mut self.out, t),
            Value::Number(n) => number(&mut self.out, n),
        }
        self.out.push('"');
        self
    }

    /// Writes text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.end_tag();
        escape(&mut self.out, text);
        self
    }

    /// Writes lines of text, each escaped, with line breaks between them (a hover text).
    pub fn lines<S: AsRef<str>>(&mut self, lines: &[S]) -> &mut Self {
        self.end_tag();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            escape(&mut self.out, line.as_ref());
        }
        self
    }

    /// Writes a line break between elements, for a reader of the file.
    pub fn newline(&mut self) -> &mut Self {
        self.end_tag();
        self.out.push('\n');
        self
    }

    /// Closes the element opened last.
    pub fn close(&mut self) -> &mut Self {
        let name = self.open.pop().expect("an open element to close");
        match self.pending.take() {
            Some(Pending::Open) => self.out.push_str("></"),
            Some(Pending::Leaf) => self.out.push_str("/></"),
            None => self.out.push_str("</"),
        }
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// Closes every open element and returns the text.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.end_tag();
        self.out
    }

    fn end_tag(&mut self) {
        match self.pending.take() {
            Some(Pending::Open) => self.out.push('>'),
            Some(Pending::Leaf) => self.out.push_str("/>"),
            None => {}
        }
    }
}

/// `text` escaped for XML text or an attribute value.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::render::text::is_unsafe(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "{}", c.escape_unicode());
            }
            c => out.push(c),
        }
    }
}

/// A coordinate with at most one decimal: `12`, `12.5`, `-3.2`.
pub(super) fn number(out: &mut String, n: f64) {
    let tenths = if n.is_finite() {
        (n * 10.0).round() as i64
    } else {
        0
    };
    if tenths < 0 {
        out.push('-');
    }
    let tenths = tenths.unsigned_abs();
    let _ = write!(out, "{}", tenths / 10);
    if tenths % 10 != 0 {
        let _ = write!(out, ".{}", tenths % 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_at_most_and_no_negative_zero() {
        let shown = |n: f64| {
            let mut s = String::new();
            number(&mut s, n);
            s
        };
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(-0.01), "0");
        assert_eq!(shown(12.04), "12");
        assert_eq!(shown(12.06), "12.1");
        assert_eq!(shown(-3.25), "-3.3");
        assert_eq!(shown(f64::NAN), "0");
    }

    #[test]
    fn text_xml_cannot_carry_is_written_as_visible_escapes() {
        let mut w = Writer::new();
        w.open("t")
            .attr("a", "\"quoted\" 'single'\n")
            .text("nul\u{0}bell\u{7}rlo\u{202E}nonchar\u{FFFF}é");
        let out = w.finish();
        assert_eq!(
            out,
            "<t a=\"&quot;quoted&quot; &#39;single&#39;\\u{a}\">nul\\u{0}bell\\u{7}rlo\\u{202e}nonchar\\u{ffff}é</t>"
        );
    }
}
