//! Records in an order without their text: each record's place is sorted (on every core, then
//! merged), and its [`Record`] is made only when it is written, with the memory of the records a
//! few places ahead asked for in the meantime.

use std::ops::Range;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::compute::{Computed, effective_due};
use super::docket::{Docket, RecordRef};
use super::model::{Deadline, Event, Status};
use super::record::Record;
use super::when::Precision;
use crate::{parallel, prefetch};

/// A record's place in an order ([`list_places`](super::list_places),
/// [`upcoming_places`](super::upcoming_places)), without its text: a large export sorts these
/// and makes each [`Record`] only when it writes it ([`records_at`]).
#[derive(Clone, Copy, Debug)]
pub struct Place<'a> {
    /// Where it goes.
    key: Order<'a>,
    /// The index of the event, or of the deadline when `status` is given.
    index: u32,
    /// Deadlines: the status as of the day asked about.
    pub status: Option<Status>,
    /// The day its timeline is evaluated as of.
    day: NaiveDate,
    /// A timed entry: the zone of its time, and its day there.
    zoned: Option<(Tz, NaiveDate)>,
}

// A docket's places are sorted, merged and kept while its records are written: they are kept
// to a cache line each.
const _: () = assert!(std::mem::size_of::<Place<'_>>() == 64);

impl<'a> Place<'a> {
    /// The place of event `i`, whose timeline, in `zone`, is evaluated as of `day`.
    pub(super) fn event(i: usize, e: &'a Event, day: NaiveDate, zone: Option<Tz>) -> Self {
        let (date, rank) = e.when.sort_key();
        let zoned = match (&e.when.precision, zone) {
            (Precision::Moment(t), Some(tz)) => t
                .resolve(zone)
                .ok()
                .and_then(|m| m.instant)
                .map(|at| (tz, at.with_timezone(&tz).date_naive())),
            _ => None,
        };
        Place {
            key: Order::new((date, rank, i64::MIN), &e.id),
            index: index(i),
            status: None,
            day,
            zoned,
        }
    }

    /// The place of deadline `i` as of `day`, when its status is `status`: its due day, after
    /// events of that day, by instant.
    pub(super) fn deadline(
        i: usize,
        d: &'a Deadline,
        computed: &Computed,
        day: NaiveDate,
        status: Status,
    ) -> Self {
        let (due, at) = effective_due(d, computed, day);
        Place {
            key: Order::new((due.date, 2, at.map_or(i64::MAX, |a| a.timestamp())), &d.id),
            index: index(i),
            status: Some(status),
            day,
            zoned: due.time.zip(due.zone).map(|(_, tz)| (tz, due.date)),
        }
    }

    /// The event or deadline.
    pub fn what(&self) -> RecordRef {
        let i = self.index as usize;
        match self.status {
            None => RecordRef::Event(i),
            Some(_) => RecordRef::Deadline(i),
        }
    }

    /// Days from the as-of day to the due day of a deadline, or to the day of an event known to
    /// the day (as [`Record::days_left`]); `None` for an event known only to the month or year.
    pub fn days_left(&self) -> Option<i64> {
        // Ranks 0 and 1 are a year and a month (see `When::sort_key`).
        (self.status.is_some() || self.key.rank >= 2).then(|| (self.key.day - self.day).num_days())
    }

    /// A timed entry (a deadline due at a time, an event at a moment, in a zone): the zone and
    /// the day there. A calendar describes each zone before the entries that use it.
    ///
    /// ```
    /// use docket::calendar::Calendars;
    /// use docket::timeline::{Docket, Filter, RecordRef, list_places};
    /// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
    /// let order = list_places(&docket, "2026-11-28".parse().ok(), &Filter::default());
    /// let conference = order
    ///     .iter()
    ///     .find(|p| matches!(p.what(), RecordRef::Event(e) if docket.events[e].id == "scheduling-conference"))
    ///     .unwrap();
    /// assert_eq!(conference.zoned(), Some((chrono_tz::America::Denver, "2027-01-12".parse().unwrap())));
    /// ```
    pub fn zoned(&self) -> Option<(Tz, NaiveDate)> {
        self.zoned
    }
}

/// The order of records: day, precision rank, instant (seconds), then the id.
///
/// The first eight bytes of the id are kept inline: most records share their day and instant
/// with others, and comparing ids through their pointers would cost a cache miss each time in
/// a large docket. Comparing the zero-padded head first gives the order of the whole ids,
/// because a zero byte sorts before any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Order<'a> {
    day: NaiveDate,
    rank: u8,
    instant: i64,
    head: u64,
    id: &'a str,
}

impl<'a> Order<'a> {
    fn new((day, rank, instant): (NaiveDate, u8, i64), id: &'a str) -> Self {
        let mut head = [0; 8];
        let n = id.len().min(8);
        head[..n].copy_from_slice(&id.as_bytes()[..n]);
        Order {
            day,
            rank,
            instant,
            head: u64::from_be_bytes(head),
            id,
        }
    }
}

/// A place's key in the order: [`Order`], then events before deadlines and file order, which
/// tells apart places with equal keys (possible only with duplicate ids), as a stable sort would.
fn sort_key<'a>(l: &Place<'a>) -> (Order<'a>, (u8, usize)) {
    let position = match l.what() {
        RecordRef::Event(i) => (0, i),
        RecordRef::Deadline(i) => (1, i),
    };
    (l.key, position)
}

/// Sorts places in their order, in place (without the scratch memory of a stable sort).
pub(super) fn sort(places: &mut [Place<'_>]) {
    places.sort_unstable_by_key(sort_key);
}

/// The places `make` puts in a vector for each range of `0..count`, in order: each core makes
/// and sorts the places of a range of its own (in place, without the scratch memory of a stable
/// sort), and the sorted ranges are merged.
pub(super) fn sorted_places<'a>(
    count: usize,
    make: impl Fn(Range<usize>, &mut Vec<Place<'a>>) + Sync,
) -> Vec<Place<'a>> {
    let pieces = parallel::per_core(count, |range| {
        let mut piece = Vec::with_capacity(range.len());
        make(range, &mut piece);
        piece.sort_unstable_by_key(sort_key);
        piece.shrink_to_fit();
        piece
    });
    merge(pieces)
}

/// Sorted pieces as one sorted vector. Each piece is merged into the room made at the end of the
/// first one, from the back, so only the piece being merged is held twice.
fn merge<'a>(pieces: Vec<Vec<Place<'a>>>) -> Vec<Place<'a>> {
    let mut pieces = pieces.into_iter();
    let mut all = pieces.next().unwrap_or_default();
    for piece in pieces {
        let Some(&filler) = piece.first() else {
            continue;
        };
        let (mut i, mut j) = (all.len(), piece.len());
        all.reserve_exact(j);
        all.resize(i + j, filler);
        // Places `k..` are final; `all[..i]` and `piece[..j]` are still to be placed.
        for k in (0..all.len()).rev() {
            if j == 0 {
                break;
            }
            if i > 0 && sort_key(&all[i - 1]) > sort_key(&piece[j - 1]) {
                all[k] = all[i - 1];
                i -= 1;
            } else {
                all[k] = piece[j - 1];
                j -= 1;
            }
        }
    }
    all
}

/// The record at a place in an order (`None` for a deadline whose date cannot be computed,
/// which no order holds).
pub fn record<'a>(docket: &'a Docket, place: &Place<'a>) -> Option<Record<'a>> {
    match place.what() {
        RecordRef::Event(i) => Some(Record::event(docket, i, place.day)),
        RecordRef::Deadline(i) => Record::deadline(docket, i, place.day),
    }
}

/// How many places ahead [`records_at`] asks for what a record points to; it asks for the
/// record itself twice as far ahead.
const AHEAD: usize = 8;

/// Makes the record at place `i` of `order` ([`record`] of `order[i]`), for a caller that goes
/// through the order from start to end (on each thread, in ranges).
///
/// Records in date order are scattered over memory, and each one reads several places that
/// point to each other. While one is made, the memory of those a few places ahead is asked for
/// (the record's own fields, then its history and timeline), so the trips to memory of
/// several records overlap instead of following one another.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::timeline::{Docket, Filter, list_places, records_at};
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// let order = list_places(&docket, "2020-01-14".parse().ok(), &Filter::default());
/// let record = records_at(&docket, &order);
/// for (i, place) in order.iter().enumerate() {
///     assert_eq!(record(i).unwrap().id, docket::timeline::record(&docket, place).unwrap().id);
/// }
/// assert!(record(order.len()).is_none());
/// ```
pub fn records_at<'a: 'o, 'o>(
    docket: &'a Docket,
    order: &'o [Place<'a>],
) -> impl Fn(usize) -> Option<Record<'a>> + Sync + 'o {
    move |i| {
        if let Some(far) = order.get(i + 2 * AHEAD) {
            fetch_record(docket, far.what());
        }
        if let Some(near) = order.get(i + AHEAD) {
            fetch_linked(docket, near.what());
        }
        record(docket, order.get(i)?)
    }
}

/// Asks for the memory of record `what` and of what its record reads beside it (see
/// [`crate::prefetch`]): the first of two steps, some places ahead of its use.
fn fetch_record(docket: &Docket, what: RecordRef) {
    match what {
        RecordRef::Event(i) => prefetch::fetch(&docket.events[i]),
        RecordRef::Deadline(i) => {
            prefetch::fetch(&docket.deadlines[i]);
            if let (Some(computed), Some(trigger)) =
                (docket.computed.get(i), docket.triggers.get(i))
            {
                prefetch::fetch(computed);
                prefetch::fetch(trigger);
            }
        }
    }
}

/// Asks for the memory that making record `what` reads beyond the record itself: a
/// deadline's history (its status and extensions) and the timeline. The second step: it
/// reads the record, so [`fetch_record`] should have asked for it a few places earlier. What
/// some views read beyond that (sources, notes, the trigger) is not asked for: the requests
/// would compete for the same trips to memory.
fn fetch_linked(docket: &Docket, what: RecordRef) {
    let timeline = match what {
        RecordRef::Event(i) => docket.events[i].timeline,
        RecordRef::Deadline(i) => {
            let d = &docket.deadlines[i];
            prefetch::fetch(&*d.history);
            d.timeline
        }
    };
    prefetch::fetch(&docket.timelines[timeline]);
}

/// A record's index, as a place keeps it.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 records of a kind")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendars;
    use crate::timeline::Filter;

    /// Places made and sorted on every core, then merged, are every record once, in order:
    /// enough records that the work is split, with ids that share their first eight bytes and
    /// records that share their day.
    #[test]
    fn optimisation_places_merged_from_every_core_equal_one_sort() {
        let dir = tempfile::tempdir().unwrap();
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for file in 0..3 {
            let mut text = format!("[timeline]\nid = \"t{file}\"\ntitle = \"T\"\n");
            for e in 0..parallel::SMALL {
                let (month, day) = (1 + next(12), 1 + next(28));
                let date = match next(10) {
                    0 => format!("\"2020-{month:02}\""),
                    1 => format!("2020-{month:02}-{day:02}T09:00:00-07:00"),
                    _ => format!("2020-{month:02}-{day:02}"),
                };
                text += &format!(
                    "[[event]]\nid = \"same-head-e{file}-{e}\"\ndate = {date}\ntitle = \"E\"\n"
                );
                // No deadline counts from a month (that would be an error, and the records of
                // a file with an error are not listed).
                if !date.starts_with('"') {
                    text += &format!(
                        "[[deadline]]\nid = \"same-head-d{file}-{e}\"\ntitle = \"D\"\n\
                         trigger = \"same-head-e{file}-{e}\"\nperiod = \"{} days\"\n",
                        next(40)
                    );
                }
            }
            std::fs::write(dir.path().join(format!("t{file}.toml")), text).unwrap();
        }
        let docket = Docket::load(&[dir.path().to_path_buf()], Calendars::builtin());
        assert!(!docket.has_errors());
        let places =
            crate::timeline::list_places(&docket, "2020-06-01".parse().ok(), &Filter::default());
        let mut sorted = places.clone();
        sorted.sort_unstable_by_key(sort_key);
        let keys = |p: &[Place<'_>]| {
            p.iter()
                .map(|l| format!("{:?}", sort_key(l)))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&places), keys(&sorted));
        let mut seen: Vec<_> = places.iter().map(|p| sort_key(p).1).collect();
        seen.sort_unstable();
        seen.dedup();
        let computed = docket.computed.iter().flatten().count();
        assert_eq!(seen.len(), docket.events.len() + computed);
        assert!(computed > parallel::SMALL);
    }
}
