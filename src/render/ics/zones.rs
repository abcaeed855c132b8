//! The zones a calendar describes: every zone a timed entry names, over the days its entries
//! use, each written as a VTIMEZONE from the time-zone database (through `calcard`) before the
//! entries that name it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::content_line::Ymd;
use crate::parallel;
use crate::timeline::Place;

/// Zones used by timed entries, by name, with the first and last day they are used on.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct ZonesUsed(BTreeMap<&'static str, (Tz, NaiveDate, NaiveDate)>);

impl ZonesUsed {
    /// The zones of the timed entries among `order`, read from the places themselves (so no
    /// record is made for it), on every core.
    pub(super) fn of(order: &[Place]) -> Self {
        let found = parallel::per_core(order.len(), |places| {
            let mut zones = ZonesUsed::default();
            for (zone, day) in order[places].iter().filter_map(Place::zoned) {
                zones.widen(zone, day, day);
            }
            zones
        });
        let mut zones = ZonesUsed::default();
        for part in found {
            for (zone, from, to) in part.0.into_values() {
                zones.widen(zone, from, to);
            }
        }
        zones
    }

    /// Records that `zone` is used from `from` to `to`.
    pub(super) fn widen(&mut self, zone: Tz, from: NaiveDate, to: NaiveDate) {
        let e = self.0.entry(zone.name()).or_insert((zone, from, to));
        e.1 = e.1.min(from);
        e.2 = e.2.max(to);
    }

    /// Each zone, in the order of their names, with the days it is used over.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Tz, NaiveDate, NaiveDate)> + '_ {
        self.0.values().copied()
    }
}

/// The VTIMEZONE of `zone` covering `from..=to`, from the time-zone database through `calcard`,
/// its lines without their line ends.
pub(super) fn vtimezone(zone: Tz, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let probe = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//tz//EN\r\nBEGIN:VEVENT\r\nUID:tz\r\nDTSTAMP:20000101T000000Z\r\nDTSTART;TZID={name}:{from}T000000\r\nDTEND;TZID={name}:{to}T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        name = zone.name(),
        from = Ymd(from),
        to = Ymd(to),
    );
    let mut cal = calcard::icalendar::ICalendar::parse(&probe).ok()?;
    cal.add_missing_timezones();
    let text = cal.to_string().replace("\r\n", "\n");
    let start = text.find("BEGIN:VTIMEZONE")?;
    let end = text[start..].find("END:VTIMEZONE")? + start + "END:VTIMEZONE".len();
    Some(text[start..end].to_string())
}
