//! One calendar per record: each record's VEVENT in a VCALENDAR of its own, with the VTIMEZONE
//! it names, as a CalDAV server stores it (one calendar object resource per entry, RFC 4791
//! 4.1) and as a vdir holds it (one `.ics` file per entry, for vdirsyncer and khal).
//!
//! The VEVENT is the one [`write_ics`](super::write_ics) writes for the same record, byte for
//! byte. The calendar around it has no `METHOD` (RFC 4791 4.1 forbids it in a calendar
//! collection) and no calendar name, which belongs to the collection.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::content_line::ContentLines;
use super::uid::uid;
use super::vevent::write_vevent;
use super::zones::vtimezone;
use super::{IcsOptions, PartialDates};
use crate::timeline::{self, Docket, Place};

/// One record's calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordCalendar {
    /// The VEVENT's UID ([`uid`](super::uid)).
    pub uid: String,
    /// The id of the record's timeline.
    pub timeline: String,
    /// The record's id.
    pub id: String,
    /// The VCALENDAR: its header, the VTIMEZONE its VEVENT names (if any), the VEVENT. CRLF
    /// line endings.
    pub text: String,
}

/// The calendars of the records at the places of `order`, one each, in that order, and the
/// notices about the records left out (as [`write_ics`](super::write_ics) gives them).
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::ics::{PartialDates, record_calendars};
/// use docket::timeline::{Docket, Filter, list_places};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let (calendars, notices) = record_calendars(&docket, &order, PartialDates::Skip);
/// assert_eq!(calendars.len() + notices.len(), order.len());
/// let one = &calendars[0];
/// assert!(one.text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
/// assert_eq!(one.text.matches("BEGIN:VEVENT").count(), 1);
/// assert!(one.text.contains(&format!("UID:{}\r\n", one.uid)));
/// assert!(!one.text.contains("METHOD:"));
/// ```
pub fn record_calendars(
    docket: &Docket,
    order: &[Place],
    partial: PartialDates,
) -> (Vec<RecordCalendar>, Vec<String>) {
    let opts = IcsOptions {
        name: String::new(),
        partial,
    };
    let mut zones: HashMap<(&'static str, i32), Option<String>> = HashMap::new();
    let mut calendars = Vec::with_capacity(order.len());
    let mut notices = Vec::new();
    for place in order {
        let Some(r) = timeline::record(docket, place) else {
            continue;
        };
        let mut event = ContentLines::with_capacity(1024);
        if let Err(left_out) = write_vevent(&mut event, &r, opts.partial) {
            notices.push(left_out.notice(&r));
            continue;
        }
        if event.out.is_empty() {
            continue;
        }
        let mut w = header();
        if let Some((zone, day)) = place.zoned() {
            // A VTIMEZONE over the whole year of the entry: entries of the same zone and year
            // share one, made once.
            let block = zones.entry((zone.name(), day.year())).or_insert_with(|| {
                let first = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
                let last = NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day);
                vtimezone(zone, first, last)
            });
            match block {
                Some(block) => {
                    for l in block.lines() {
                        w.line(l);
                    }
                }
                None => notices.push(format!(
                    "no time-zone definition could be made for `{}`",
                    zone.name()
                )),
            }
        }
        w.out.extend_from_slice(&event.out);
        w.line("END:VCALENDAR");
        calendars.push(RecordCalendar {
            uid: uid(r.timeline, r.id),
            timeline: r.timeline.to_string(),
            id: r.id.to_string(),
            text: String::from_utf8(w.out).expect("iCalendar text is UTF-8"),
        });
    }
    (calendars, notices)
}

/// The opening lines of a one-entry calendar.
fn header() -> ContentLines {
    let mut w = ContentLines::with_capacity(4096);
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.linef(format_args!(
        "PRODID:-//docket//docket {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    w.line("CALSCALE:GREGORIAN");
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendars;
    use crate::render::ics::write_ics;
    use crate::timeline::{Filter, list_places};

    /// Each record's calendar holds the very VEVENT the whole calendar holds for it.
    #[test]
    fn each_entry_is_the_whole_calendars_vevent() {
        let docket = Docket::load(&["timelines".into()], Calendars::builtin());
        let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
        for partial in [PartialDates::Skip, PartialDates::Span] {
            let mut whole = Vec::new();
            let opts = IcsOptions {
                name: "docket".into(),
                partial,
            };
            let whole_notices = write_ics(&docket, &order, &opts, &mut whole).unwrap();
            let whole = String::from_utf8(whole).unwrap();
            let (calendars, notices) = record_calendars(&docket, &order, partial);
            assert_eq!(notices, whole_notices);
            assert_eq!(whole.matches("BEGIN:VEVENT").count(), calendars.len());
            for c in &calendars {
                let start = c.text.find("BEGIN:VEVENT").unwrap();
                let event = &c.text[start..c.text.len() - "END:VCALENDAR\r\n".len()];
                assert!(whole.contains(event), "{}", c.uid);
                if let Some(tzid) = event.split("TZID=").nth(1) {
                    let name = tzid.split(':').next().unwrap();
                    assert!(c.text.contains(&format!("TZID:{name}\r\n")), "{}", c.uid);
                }
            }
        }
    }
}
