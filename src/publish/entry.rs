//! What docket wants on the server: entries, the scope they speak for, and each entry made ready
//! to send (checked, marked as docket's, fingerprinted).

use std::collections::BTreeSet;

use super::calendar_text::{self, Property, escape_text, fold_into};
use super::error::EntryError;
use super::fingerprint::{self, HASH_PROPERTY, TIMELINE_PROPERTY};
use super::href;

/// One entry docket wants on the server: one calendar object resource.
///
/// `calendar` is a whole iCalendar object holding exactly one VEVENT, whose UID is `uid`, and the
/// VTIMEZONEs it names. Publishing adds docket's two marks to the VEVENT (`X-DOCKET-TIMELINE`
/// and `X-DOCKET-HASH`); the text must not carry them already.
///
/// ```
/// use docket::publish::Entry;
///
/// let entry = Entry::new(
///     "answer.smith-v-jones@docket",
///     "smith-v-jones",
///     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//docket//EN\r\n\
///      BEGIN:VEVENT\r\nUID:answer.smith-v-jones@docket\r\nDTSTAMP:20250101T000000Z\r\n\
///      DTSTART;VALUE=DATE:20250310\r\nSUMMARY:Answer due\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
/// );
/// assert_eq!(entry.timeline, "smith-v-jones");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The VEVENT's UID.
    pub uid: String,
    /// The id of the timeline the record belongs to: the entry's scope.
    pub timeline: String,
    /// The VCALENDAR text: one VEVENT and its VTIMEZONEs.
    pub calendar: String,
}

impl Entry {
    /// An entry from its UID, timeline id and calendar text.
    pub fn new(
        uid: impl Into<String>,
        timeline: impl Into<String>,
        calendar: impl Into<String>,
    ) -> Entry {
        Entry {
            uid: uid.into(),
            timeline: timeline.into(),
            calendar: calendar.into(),
        }
    }
}

/// The timelines a publish speaks for: entries docket owns on the server are deleted only when
/// their timeline is in the scope, so publishing one case never deletes another's entries.
///
/// ```
/// use docket::publish::Scope;
///
/// let scope: Scope = ["smith-v-jones", "denver-subpoenas"].into_iter().collect();
/// assert!(scope.contains("smith-v-jones"));
/// assert!(!scope.contains("other-case"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    timelines: BTreeSet<String>,
}

impl Scope {
    /// Whether the scope holds the timeline.
    pub fn contains(&self, timeline: &str) -> bool {
        self.timelines.contains(timeline)
    }

    /// The timelines, in order.
    pub fn timelines(&self) -> impl Iterator<Item = &str> {
        self.timelines.iter().map(String::as_str)
    }

    /// Whether the scope holds no timeline at all.
    pub fn is_empty(&self) -> bool {
        self.timelines.is_empty()
    }
}

impl<S: Into<String>> FromIterator<S> for Scope {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Scope {
        Scope {
            timelines: iter.into_iter().map(Into::into).collect(),
        }
    }
}

/// An entry ready to send: checked, with docket's marks written into its VEVENT.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    /// The VEVENT's UID.
    pub uid: String,
    /// The fingerprint of the marked VEVENT (what `X-DOCKET-HASH` says).
    pub fingerprint: String,
    /// The text to PUT.
    pub body: String,
    /// The resource name a new entry gets in the collection (`UID.ics`, percent-encoded).
    pub resource: String,
}

/// Checks an entry and writes docket's marks into it.
pub(crate) fn prepare(entry: &Entry) -> Result<Prepared, EntryError> {
    let at = |source: EntryError| EntryError::In {
        uid: entry.uid.clone(),
        source: Box::new(source),
    };
    let calendar = calendar_text::parse(&entry.calendar).map_err(at)?;
    if calendar.name != "VCALENDAR" {
        return Err(at(EntryError::Shape(format!(
            "the text is a `{}`, not a VCALENDAR",
            calendar.name
        ))));
    }
    let mut events = calendar.children_named("VEVENT");
    let (Some(event), None) = (events.next(), events.next()) else {
        return Err(at(EntryError::Shape(
            "the VCALENDAR must hold exactly one VEVENT".into(),
        )));
    };
    if let Some(other) = calendar
        .children
        .iter()
        .find(|c| c.name != "VEVENT" && c.name != "VTIMEZONE")
    {
        return Err(at(EntryError::Shape(format!(
            "the VCALENDAR holds a `{}`; only one VEVENT and its VTIMEZONEs are published",
            other.name
        ))));
    }
    let uid = event.value("UID").map(calendar_text::unescape_text);
    if uid.as_deref() != Some(entry.uid.as_str()) {
        return Err(at(EntryError::Shape(format!(
            "the VEVENT's UID is {}, not the entry's",
            uid.map_or("missing".into(), |u| format!("`{u}`"))
        ))));
    }
    if let Some(mark) = event
        .properties
        .iter()
        .find(|p| p.name == TIMELINE_PROPERTY || p.name == HASH_PROPERTY)
    {
        return Err(at(EntryError::Shape(format!(
            "the VEVENT already has `{}`, which publishing writes",
            mark.name
        ))));
    }

    let timeline_value = escape_text(&entry.timeline);
    let mut marked = event.clone();
    marked.properties.push(Property {
        name: TIMELINE_PROPERTY.into(),
        params: Vec::new(),
        value: timeline_value.clone(),
    });
    let fingerprint = fingerprint::of_event(&marked);

    let eol = if entry.calendar.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut marks = String::new();
    fold_into(
        &mut marks,
        &format!("{TIMELINE_PROPERTY}:{timeline_value}"),
        eol,
    );
    fold_into(&mut marks, &format!("{HASH_PROPERTY}:{fingerprint}"), eol);
    let end = end_of_event(&entry.calendar).ok_or_else(|| {
        at(EntryError::Shape(
            "no `END:VEVENT` line to write docket's marks before".into(),
        ))
    })?;
    let mut body = String::with_capacity(entry.calendar.len() + marks.len() + 2);
    body.push_str(&entry.calendar[..end]);
    body.push_str(&marks);
    body.push_str(&entry.calendar[end..]);
    if !body.ends_with('\n') {
        body.push_str(eol);
    }
    Ok(Prepared {
        uid: entry.uid.clone(),
        fingerprint,
        resource: href::resource_name(&entry.uid),
        body,
    })
}

/// The byte offset of the `END:VEVENT` line.
fn end_of_event(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare.eq_ignore_ascii_case("END:VEVENT") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::calendar_text::parse;

    pub(crate) fn calendar(uid: &str, summary: &str) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20250310\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    }

    #[test]
    fn marks_are_written_into_the_vevent_and_match_the_fingerprint() {
        let entry = Entry::new("a@docket", "case, one", calendar("a@docket", "Answer"));
        let prepared = prepare(&entry).unwrap();
        let back = parse(&prepared.body).unwrap();
        let event = back.children_named("VEVENT").next().unwrap();
        assert_eq!(event.value(TIMELINE_PROPERTY), Some("case\\, one"));
        assert_eq!(
            event.value(HASH_PROPERTY),
            Some(prepared.fingerprint.as_str())
        );
        // What a server hands back fingerprints the same as what docket wrote.
        assert_eq!(fingerprint::of_event(event), prepared.fingerprint);
        assert!(prepared.body.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(
            !prepared.body.contains("\n\n") && !prepared.body.replace("\r\n", "").contains('\n')
        );
    }

    #[test]
    fn wrong_shapes_are_refused_with_the_uid() {
        let two = calendar("a", "x").replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\nEND:VCALENDAR",
        );
        let todo = calendar("a", "x").replace(
            "END:VCALENDAR",
            "BEGIN:VTODO\r\nUID:b\r\nEND:VTODO\r\nEND:VCALENDAR",
        );
        let marked = calendar("a", "x").replace("END:VEVENT", "X-DOCKET-HASH:v1-0\r\nEND:VEVENT");
        for (text, needle) in [
            (calendar("b", "x"), "UID is `b`"),
            (two, "exactly one VEVENT"),
            (todo, "VTODO"),
            (marked, "X-DOCKET-HASH"),
            (
                "BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n".to_string(),
                "not a VCALENDAR",
            ),
            ("garbage".to_string(), "content line"),
        ] {
            let err = prepare(&Entry::new("a", "t", text)).unwrap_err();
            let message = format!("{err}: {}", std::error::Error::source(&err).unwrap());
            assert!(message.contains(needle), "{message}");
            assert!(message.contains("`a`"), "{message}");
        }
    }

    #[test]
    fn scopes_collect_from_strings() {
        let scope: Scope = ["b", "a"].into_iter().collect();
        assert_eq!(scope.timelines().collect::<Vec<_>>(), ["a", "b"]);
        assert!(Scope::default().is_empty());
    }
}
