//! Reading iCalendar text as content lines (RFC 5545 3.1): unfolded, each line split into its
//! name, parameters and value, and nested into components. Only what publishing needs to compare
//! and mark entries: values are kept as written, nothing is interpreted.
//!
//! Servers hand back what they store in their own way (LF or CRLF, folded anywhere, inside XML
//! that turned every CRLF into LF), so the reader takes any of these.

use super::error::EntryError;

/// One content line, unfolded: `NAME;PARAM=value:VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Property {
    /// The name, in upper case (names are case-insensitive).
    pub name: String,
    /// The parameters in the order written: name in upper case, the value as written, its
    /// surrounding double quotes removed.
    pub params: Vec<(String, String)>,
    /// The value as written (still escaped).
    pub value: String,
}

/// A component (`BEGIN:NAME` … `END:NAME`) with its properties and the components inside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Component {
    /// The name, in upper case.
    pub name: String,
    /// Its own properties, in the order written.
    pub properties: Vec<Property>,
    /// The components nested in it, in the order written.
    pub children: Vec<Component>,
}

impl Component {
    /// The first value of a property, if the component has it.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }

    /// The components directly inside this one with the given name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Component> {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Reads a whole iCalendar object: the one top-level component (normally `VCALENDAR`).
///
/// Lines may end in CRLF or LF; a line starting with a space or a tab continues the one before.
pub(crate) fn parse(text: &str) -> Result<Component, EntryError> {
    let mut stack: Vec<Component> = Vec::new();
    let mut root: Option<Component> = None;
    for (number, line) in unfolded(text) {
        if line.is_empty() {
            continue;
        }
        let property = parse_line(&line).ok_or_else(|| EntryError::Syntax {
            line: number,
            message: format!("`{}` is not a content line", shorten(&line)),
        })?;
        match property.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: property.value.to_ascii_uppercase(),
                ..Component::default()
            }),
            "END" => {
                let done = stack.pop().ok_or_else(|| EntryError::Syntax {
                    line: number,
                    message: format!("`END:{}` without its BEGIN", property.value),
                })?;
                if !done.name.eq_ignore_ascii_case(&property.value) {
                    return Err(EntryError::Syntax {
                        line: number,
                        message: format!("`END:{}` closes `BEGIN:{}`", property.value, done.name),
                    });
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None if root.is_none() => root = Some(done),
                    None => {
                        return Err(EntryError::Syntax {
                            line: number,
                            message: "more than one top-level component".into(),
                        });
                    }
                }
            }
            _ => match stack.last_mut() {
                Some(component) => component.properties.push(property),
                None => {
                    return Err(EntryError::Syntax {
                        line: number,
                        message: format!("`{}` outside any component", property.name),
                    });
                }
            },
        }
    }
    if let Some(open) = stack.pop() {
        return Err(EntryError::Syntax {
            line: 0,
            message: format!("`BEGIN:{}` is never closed", open.name),
        });
    }
    root.ok_or(EntryError::Syntax {
        line: 0,
        message: "no component at all".into(),
    })
}

/// The logical lines of a text, unfolded, each with the number of its first physical line.
pub(crate) fn unfolded(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match raw.as_bytes().first() {
            Some(b' ' | b'\t') if !lines.is_empty() => {
                lines.last_mut().expect("not empty").1.push_str(&raw[1..]);
            }
            _ => lines.push((i + 1, raw.to_string())),
        }
    }
    lines
}

/// Splits one unfolded content line; `None` if it has no `:` or a malformed parameter.
fn parse_line(line: &str) -> Option<Property> {
    let name_end = line.find([';', ':'])?;
    let name = line[..name_end].trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let mut params = Vec::new();
    let mut rest = &line[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let param = after[..eq].trim().to_ascii_uppercase();
        let (value, tail) = param_value(&after[eq + 1..])?;
        params.push((param, value));
        rest = tail;
    }
    let value = rest.strip_prefix(':')?;
    Some(Property {
        name,
        params,
        value: value.to_string(),
    })
}

/// One parameter value (or a comma-separated list of them), quoted or not, and the text after
/// it, which starts with `;` or `:`.
fn param_value(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut rest = text;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let close = quoted.find('"')?;
            value.push_str(&quoted[..close]);
            rest = &quoted[close + 1..];
        } else {
            let end = rest.find([',', ';', ':'])?;
            value.push_str(&rest[..end]);
            rest = &rest[end..];
        }
        match rest.strip_prefix(',') {
            Some(more) => {
                value.push(',');
                rest = more;
            }
            None if rest.starts_with([';', ':']) => return Some((value, rest)),
            None => return None,
        }
    }
}

/// Decodes a TEXT value's escapes (RFC 5545 3.3.11): `\\`, `\;`, `\,`, `\n` and `\N`.
pub(crate) fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Escapes text as a TEXT value: `\`, `;`, `,` and line breaks; other control characters are
/// dropped, so a value never starts a new content line.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1), with the
/// given line ending after each part.
pub(crate) fn fold_into(out: &mut String, line: &str, eol: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str(eol);
        out.push(' ');
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str(eol);
}

/// The start of a long line, for messages.
fn shorten(line: &str) -> String {
    match line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_lf_and_crlf_and_tabs() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\nSUMMARY:a long\r\n  line\n\t end\nEND:VEVENT\r\nEND:VCALENDAR";
        let cal = parse(text).unwrap();
        let event = cal.children_named("VEVENT").next().unwrap();
        assert_eq!(event.value("SUMMARY"), Some("a long line end"));
    }

    #[test]
    fn quoted_parameters_keep_their_separators() {
        let p = parse_line("ATTENDEE;CN=\"Doe, Jane: Esq.\";role=REQ-PARTICIPANT:mailto:j@x.org")
            .unwrap();
        assert_eq!(p.name, "ATTENDEE");
        assert_eq!(
            p.params,
            vec![
                ("CN".to_string(), "Doe, Jane: Esq.".to_string()),
                ("ROLE".to_string(), "REQ-PARTICIPANT".to_string())
            ]
        );
        assert_eq!(p.value, "mailto:j@x.org");
    }

    #[test]
    fn a_line_without_a_colon_is_an_error_with_its_line() {
        let err = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nnonsense\nEND:VEVENT\nEND:VCALENDAR\n")
            .unwrap_err();
        assert!(matches!(err, EntryError::Syntax { line: 3, .. }), "{err}");
    }

    #[test]
    fn mismatched_and_unclosed_components_are_errors() {
        assert!(parse("BEGIN:VCALENDAR\nEND:VEVENT\n").is_err());
        assert!(parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\n").is_err());
        assert!(parse("").is_err());
        assert!(parse("BEGIN:A\nEND:A\nBEGIN:B\nEND:B\n").is_err());
    }

    #[test]
    fn text_escapes_round_trip() {
        let text = "a;b,c\\d\nnext";
        assert_eq!(unescape_text(&escape_text(text)), text);
        assert_eq!(unescape_text("x\\Ny"), "x\ny");
        assert_eq!(escape_text("a\rb\u{7}"), "ab");
    }

    #[test]
    fn folding_keeps_utf8_whole_and_lines_short() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let mut out = String::new();
        fold_into(&mut out, &line, "\r\n");
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let back: String = unfolded(&out).into_iter().map(|(_, l)| l).collect();
        assert_eq!(back, line);
    }
}
