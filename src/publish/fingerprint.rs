//! The fingerprint of an entry: a hash over docket's content of its VEVENT, the same whatever a
//! server does to the text it stores.
//!
//! Servers re-fold lines, reorder properties and the parts of a recurrence rule, re-quote
//! parameters and add properties of their own (time stamps, `X-` bookkeeping). The fingerprint
//! is therefore taken over a canonical form of the VEVENT and its alarms:
//!
//! - each content line unfolded, its name and parameter names in upper case, parameter values
//!   without quotes and sorted by parameter name, `\N` read as `\n`, the parts of `RRULE` and
//!   `EXRULE` sorted;
//! - the lines of each component sorted, and the nested components (alarms) sorted too;
//! - left out: `DTSTAMP` (the time the text was made, not its content), `CREATED` and
//!   `LAST-MODIFIED` (which servers and clients set as they like), `X-DOCKET-HASH` itself, and
//!   every `X-` property other than docket's own `X-DOCKET-…`;
//! - the time-zone definitions and the `VCALENDAR` wrapper are not content: the event names its
//!   zone in each date's `TZID`, and that is in.
//!
//! The form is versioned (`v1-` in front of the hex digest), so a later change of form can be
//! recognised rather than read as an edit on the server.

use sha2::{Digest, Sha256};

use super::calendar_text::{Component, Property};

/// The prefix of the fingerprints made by this canonical form.
pub(crate) const VERSION: &str = "v1-";

/// The name of the property that carries the fingerprint docket wrote.
pub(crate) const HASH_PROPERTY: &str = "X-DOCKET-HASH";

/// The name of the property that says which timeline an entry belongs to.
pub(crate) const TIMELINE_PROPERTY: &str = "X-DOCKET-TIMELINE";

/// The fingerprint of a VEVENT: `v1-` and 64 hex digits of SHA-256 over its canonical form.
pub(crate) fn of_event(event: &Component) -> String {
    let mut canonical = String::new();
    write_canonical(event, &mut canonical);
    let digest = Sha256::digest(canonical.as_bytes());
    let mut out = String::with_capacity(VERSION.len() + 64);
    out.push_str(VERSION);
    for byte in digest.iter() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether a property is part of the content the fingerprint covers.
fn counts(property: &Property) -> bool {
    match property.name.as_str() {
        "DTSTAMP" | "CREATED" | "LAST-MODIFIED" | HASH_PROPERTY => false,
        name if name.starts_with("X-") => name.starts_with("X-DOCKET-"),
        _ => true,
    }
}

fn write_canonical(component: &Component, out: &mut String) {
    out.push_str("BEGIN:");
    out.push_str(&component.name);
    out.push('\n');
    let mut lines: Vec<String> = component
        .properties
        .iter()
        .filter(|p| counts(p))
        .map(canonical_line)
        .collect();
    lines.sort_unstable();
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    let mut children: Vec<String> = component
        .children
        .iter()
        .map(|child| {
            let mut text = String::new();
            write_canonical(child, &mut text);
            text
        })
        .collect();
    children.sort_unstable();
    for child in children {
        out.push_str(&child);
    }
    out.push_str("END:");
    out.push_str(&component.name);
    out.push('\n');
}

fn canonical_line(property: &Property) -> String {
    let mut params: Vec<&(String, String)> = property.params.iter().collect();
    params.sort();
    let mut line = property.name.clone();
    for (name, value) in params {
        line.push(';');
        line.push_str(name);
        line.push('=');
        // Quoted in the canonical form whatever the source did, so `;` or `:` in a value
        // cannot be mistaken for the next parameter.
        line.push('"');
        line.push_str(value);
        line.push('"');
    }
    line.push(':');
    match property.name.as_str() {
        "RRULE" | "EXRULE" => {
            let mut parts: Vec<String> = property
                .value
                .split(';')
                .map(|part| part.to_ascii_uppercase())
                .collect();
            parts.sort_unstable();
            line.push_str(&parts.join(";"));
        }
        _ => line.push_str(&property.value.replace("\\N", "\\n")),
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::calendar_text::parse;

    fn event(text: &str) -> Component {
        let cal = parse(text).unwrap();
        cal.children_named("VEVENT").next().unwrap().clone()
    }

    const DOCKET: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//docket 0.1//EN\r\nBEGIN:VEVENT\r\nUID:a.case@docket\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=America/Denver:20250301T090000\r\nSUMMARY:Hearing\\, motion to dismiss — long enough to be folded by a server somewhere\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1SU\r\nATTENDEE;CN=\"Doe, Jane\";ROLE=REQ-PARTICIPANT:mailto:j@example.com\r\nX-DOCKET-TIMELINE:case\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\nEND:VALARM\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    /// The same event as a server hands it back: LF, folded elsewhere, properties and alarms
    /// reordered, recurrence parts reordered, quotes and case changed, a new DTSTAMP, its own
    /// properties added, docket's hash written in.
    const REWRITTEN: &str = "BEGIN:VCALENDAR\nPRODID:-//Server//EN\nVERSION:2.0\nBEGIN:VEVENT\nsummary:Hearing\\, motion to dismiss — long enough to be \n folded by a server somewhere\nX-DOCKET-TIMELINE:case\nattendee;role=\"REQ-PARTICIPANT\";cn=\"Doe, Jane\":mailto:j@example.com\nDTSTART;TZID=\"America/Denver\":20250301T090000\nRRULE:BYDAY=1SU;FREQ=YEARLY;BYMONTH=3\nUID:a.case@docket\nDTSTAMP:20261203T101010Z\nCREATED:20261203T101010Z\nLAST-MODIFIED:20261203T101010Z\nX-MOZ-GENERATION:3\nX-DOCKET-HASH:v1-0000\nBEGIN:VALARM\nTRIGGER:-P1D\nACTION:DISPLAY\nEND:VALARM\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-P7D\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n";

    #[test]
    fn a_server_rewrite_keeps_the_fingerprint() {
        assert_eq!(of_event(&event(DOCKET)), of_event(&event(REWRITTEN)));
    }

    #[test]
    fn every_change_of_content_changes_it() {
        let base = of_event(&event(DOCKET));
        for (from, to) in [
            ("20250301T090000", "20250302T090000"),
            ("SUMMARY:Hearing", "SUMMARY:Hearing!"),
            ("TZID=America/Denver", "TZID=America/Chicago"),
            ("TRIGGER:-P7D", "TRIGGER:-P6D"),
            ("X-DOCKET-TIMELINE:case", "X-DOCKET-TIMELINE:other"),
            ("CN=\"Doe, Jane\"", "CN=\"Doe, John\""),
        ] {
            assert!(DOCKET.contains(from), "{from}");
            let changed = DOCKET.replace(from, to);
            assert_ne!(of_event(&event(&changed)), base, "{from} -> {to}");
        }
        let with_location = DOCKET.replace("END:VEVENT", "LOCATION:Courtroom A\r\nEND:VEVENT");
        assert_ne!(of_event(&event(&with_location)), base);
    }

    #[test]
    fn the_form_is_versioned_and_hex() {
        let f = of_event(&event(DOCKET));
        assert!(f.starts_with(VERSION));
        assert_eq!(f.len(), VERSION.len() + 64);
        assert!(f[VERSION.len()..].bytes().all(|b| HEX.contains(&b)));
    }

    #[test]
    fn known_digest_of_an_empty_event() {
        // SHA-256 of "BEGIN:VEVENT\nEND:VEVENT\n", computed independently (`printf` | `sha256sum`).
        let empty = event("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n");
        assert_eq!(
            of_event(&empty),
            "v1-bfd918255940bdfd771871c8e6983b686f3d0195713a40334b2cbc1f2e9c5214"
        );
    }
}
