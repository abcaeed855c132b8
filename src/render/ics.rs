//! iCalendar (RFC 5545) export: every deadline a VEVENT on its due day, every event on its date,
//! written for the calendar programs people use: CRLF, 75-octet folds that never split a UTF-8
//! character, TEXT escaping, stable UIDs that no two records share, reproducible DTSTAMPs, a
//! VTIMEZONE for every TZID (generated from the time-zone database by `calcard`).
//!
//! [`write_ics`] streams the calendar: the zones are read from the sorted places, their
//! VTIMEZONEs written, then the VEVENTs rendered in chunks on every core and written in order,
//! so a million-event calendar is never whole in memory. The parts:
//! `content_line` (the writer: escaping, folding, digits), `vevent` (a record as a VEVENT and
//! its VALARMs), `zones` (the zones used and their VTIMEZONEs), `uid`, and `per_record` (one calendar per
//! record, for a CalDAV server or a vdir).

mod content_line;
mod per_record;
mod uid;
mod vevent;
mod zones;

use std::io;

pub use per_record::{RecordCalendar, record_calendars};
pub use uid::uid;

use content_line::ContentLines;
use vevent::{text_property, write_vevent};
use zones::{ZonesUsed, vtimezone};

use crate::parallel;
use crate::timeline::{self, Docket, Place, Record};

/// What to do with dates known only to the month or year, which iCalendar cannot express.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartialDates {
    /// Leave them out, with a notice for each.
    #[default]
    Skip,
    /// An all-day span over the whole month or year, marked approximate in its summary.
    Span,
}

/// Export settings.
#[derive(Clone, Debug)]
pub struct IcsOptions {
    /// The calendar's name (`NAME`, `X-WR-CALNAME`).
    pub name: String,
    /// The policy for partial dates.
    pub partial: PartialDates,
}

/// How many records a worker renders at a time: enough to keep a core busy, few enough that a
/// large export holds only a few megabytes of text at once.
const CHUNK: usize = 8192;

/// Writes the records at the places of `order` (see [`crate::timeline::list_places`]) as an
/// iCalendar file to `out`, as it is made: each record is made only when it is written, on
/// every core, and the file is never whole in memory. Returns one notice per record left out
/// (a partial date under [`PartialDates::Skip`], a time that cannot be placed in a zone), for
/// standard error.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::ics::{IcsOptions, PartialDates, write_ics};
/// use docket::timeline::{Docket, Filter, list_places};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let opts = IcsOptions { name: "docket".into(), partial: PartialDates::Skip };
/// let mut out = Vec::new();
/// let notices = write_ics(&docket, &order, &opts, &mut out).unwrap();
/// let ics = String::from_utf8(out).unwrap();
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
/// assert!(ics.contains("UID:subpoena-1-response.denver-ice-subpoenas@docket\r\n"));
/// // Dates known only to the month or the year are left out, each with a notice.
/// assert!(notices[0].starts_with("left out `denver-reply-on-1373` (c. Dec 2017)"));
/// ```
pub fn write_ics(
    docket: &Docket,
    order: &[Place],
    opts: &IcsOptions,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    write_calendar(
        &ZonesUsed::of(order),
        order.len(),
        &timeline::records_at(docket, order),
        opts,
        CHUNK,
        out,
    )
}

/// The calendar: its header, a VTIMEZONE for each of `zones`, and the events of `count`
/// records made by `record_at`, rendered in chunks of `chunk` on every core.
fn write_calendar<'a>(
    zones: &ZonesUsed,
    count: usize,
    record_at: &(impl Fn(usize) -> Option<Record<'a>> + Sync),
    opts: &IcsOptions,
    chunk: usize,
    out: &mut dyn io::Write,
) -> io::Result<Vec<String>> {
    let mut w = header(opts);
    let mut zone_notices = Vec::new();
    for (zone, from, to) in zones.iter() {
        match vtimezone(zone, from, to) {
            Some(block) => {
                for l in block.lines() {
                    w.line(l);
                }
            }
            None => zone_notices.push(format!(
                "no time-zone definition could be made for `{}`",
                zone.name()
            )),
        }
    }
    out.write_all(&w.out)?;
    let mut notices = Vec::new();
    parallel::in_order(
        count,
        chunk,
        |rows| vevents(rows.filter_map(record_at), opts),
        |mut events| {
            notices.append(&mut events.notices);
            out.write_all(&events.text)
        },
    )?;
    notices.append(&mut zone_notices);
    out.write_all(b"END:VCALENDAR\r\n")?;
    Ok(notices)
}

/// The calendar's opening lines.
fn header(opts: &IcsOptions) -> ContentLines {
    let mut w = ContentLines::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.linef(format_args!(
        "PRODID:-//docket//docket {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    for name in ["NAME", "X-WR-CALNAME"] {
        text_property(&mut w, name, |v| {
            v.text(&opts.name);
        });
    }
    w.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H");
    w.line("X-PUBLISHED-TTL:PT12H");
    w
}

/// The VEVENTs of a chunk of records, and the notices about those left out.
struct RenderedEvents {
    text: Vec<u8>,
    notices: Vec<String>,
}

/// Renders a chunk of records.
fn vevents<'a>(records: impl Iterator<Item = Record<'a>>, opts: &IcsOptions) -> RenderedEvents {
    let mut w = ContentLines::with_capacity(records.size_hint().1.unwrap_or(0) * 900);
    let mut notices = Vec::new();
    for r in records {
        if let Err(left_out) = write_vevent(&mut w, &r, opts.partial) {
            notices.push(left_out.notice(&r));
        }
    }
    RenderedEvents {
        text: w.out,
        notices,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use super::*;
    use crate::calendar::Calendars;
    use crate::timeline::{Filter, Placement, list_places};

    /// A docket made of `files` (name, text), in memory.
    fn docket(files: &[(&str, &str)]) -> Docket {
        let files: HashMap<PathBuf, String> = files
            .iter()
            .map(|(name, text)| (PathBuf::from(name), text.to_string()))
            .collect();
        let docket = Docket::load_with(&[], Calendars::builtin(), &files);
        assert!(!docket.has_errors(), "{:?}", docket.diagnostics);
        docket
    }

    /// Timelines in three zones and none, with moments, an event in a zone of its own, offsets,
    /// hour periods before and after, extensions and partial dates.
    const ZONED: [(&str, &str); 4] = [
        (
            "denver.toml",
            "[timeline]\nid = \"denver\"\ntitle = \"Denver\"\ntimezone = \"America/Denver\"\n\n\
             [[event]]\nid = \"hearing\"\ndate = 2027-01-12T10:00:00\ntitle = \"Hearing\"\n\n\
             [[event]]\nid = \"call\"\ndate = \"2026-03-08T01:30:00[America/New_York]\"\ntitle = \"Call\"\n\n\
             [[event]]\nid = \"rumour\"\ndate = \"2026-11\"\ntitle = \"Rumour\"\n\n\
             [[deadline]]\nid = \"brief\"\ntitle = \"Brief\"\ntrigger = \"hearing\"\nperiod = \"48 hours\"\n\n\
             [[deadline]]\nid = \"reply\"\ntitle = \"Reply\"\ntrigger = \"hearing\"\nperiod = \"14 days\"\n\
             history = [{ status = \"extended\", on = 2027-01-20, to = 2027-03-01 }]\n",
        ),
        (
            "tokyo.toml",
            "[timeline]\nid = \"tokyo\"\ntitle = \"Tokyo\"\ntimezone = \"Asia/Tokyo\"\n\n\
             [[event]]\nid = \"order\"\ndate = 2026-12-31T23:30:00\ntitle = \"Order\"\n\n\
             [[deadline]]\nid = \"notice\"\ntitle = \"Notice\"\ntrigger = \"order\"\nperiod = \"3 hours\"\n",
        ),
        (
            "chicago.toml",
            "[timeline]\nid = \"chicago\"\ntitle = \"Chicago\"\ntimezone = \"America/Chicago\"\n\n\
             [[event]]\nid = \"filed\"\ndate = 2027-01-01T10:00:00\ntitle = \"Filed\"\n\n\
             [[deadline]]\nid = \"objection\"\ntitle = \"Objection\"\ntrigger = \"filed\"\nperiod = \"72 hours before\"\n",
        ),
        (
            "nowhere.toml",
            "[timeline]\nid = \"nowhere\"\ntitle = \"Nowhere\"\n\n\
             [[event]]\nid = \"letter\"\ndate = \"2020-01-13T09:00:00-07:00\"\ntitle = \"Letter\"\n\n\
             [[event]]\nid = \"memo\"\ndate = \"2019\"\ntitle = \"Memo\"\n",
        ),
    ];

    /// Rendering the events in chunks on every core gives the same bytes and notices as one
    /// pass, with zones and skipped records spread over the chunks.
    #[test]
    fn a_calendar_rendered_in_chunks_is_the_calendar_rendered_in_one() {
        for files in [&ZONED[..], &[]] {
            let docket = if files.is_empty() {
                Docket::load(&["timelines".into()], Calendars::builtin())
            } else {
                docket(files)
            };
            let order = list_places(&docket, "2027-01-19".parse().ok(), &Filter::default());
            assert!(order.len() > 8);
            let record_at = timeline::records_at(&docket, &order);
            let zones = ZonesUsed::of(&order);
            for partial in [PartialDates::Skip, PartialDates::Span] {
                let opts = IcsOptions {
                    name: "t".into(),
                    partial,
                };
                let write = |chunk| {
                    let mut out = Vec::new();
                    let notices =
                        write_calendar(&zones, order.len(), &record_at, &opts, chunk, &mut out)
                            .unwrap();
                    (out, notices)
                };
                let whole = write(usize::MAX);
                assert!(!whole.1.is_empty() || partial == PartialDates::Span);
                for chunk in [1, 3, 7] {
                    assert_eq!(write(chunk), whole, "chunks of {chunk}");
                }
            }
        }
    }

    /// The zones a calendar describes are read from the places in the order; they must be the
    /// zones the written entries use, over the same days.
    #[test]
    fn the_zones_read_from_places_are_the_zones_the_entries_use() {
        let docket = docket(&ZONED);
        for as_of in ["2027-01-19", "2027-02-01"] {
            let order = list_places(&docket, as_of.parse().ok(), &Filter::default());
            let mut used = ZonesUsed::default();
            for r in order.iter().filter_map(|p| timeline::record(&docket, p)) {
                if let Some(Ok(Placement::Local(zone, at))) = r.placement() {
                    used.widen(zone, at.date(), at.date());
                }
            }
            let read = ZonesUsed::of(&order);
            assert_eq!(read, used, "as of {as_of}");
            let names: Vec<_> = read.iter().map(|(zone, ..)| zone.name()).collect();
            assert_eq!(
                names,
                [
                    "America/Chicago",
                    "America/Denver",
                    "America/New_York",
                    "Asia/Tokyo"
                ]
            );
        }
    }
}
