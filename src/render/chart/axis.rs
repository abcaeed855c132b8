//! The time axis: where each day goes across the page.
//!
//! Time in a matter is long and uneven: years of letters, then a few weeks of subpoenas. The axis
//! keeps the days that hold records (points, and the whole month or year of a partial date) and
//! breaks the long empty stretches between them; each stretch kept is a segment with its own
//! scale, wide enough that the two closest records in it stand apart, so a cluster gets room and
//! a quiet year does not take the page.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::measure::text_width;

/// The least room a segment takes (pixels), even for a single day.
const SEGMENT_MIN: f64 = 96.0;
/// The room on each side of a segment's days, so a record on its first or last day stands
/// clear of a break.
pub const PAD: f64 = 14.0;
/// A break's width.
pub const BREAK_WIDTH: f64 = 56.0;
/// Two records on neighbouring days of a segment are at least this far apart, when the page
/// allows.
const CLOSEST: f64 = 15.0;
/// The widest a day is drawn.
const DAY_MAX: f64 = 15.0;
/// The narrowest a day is drawn before the whole axis is fitted to the page.
const DAY_MIN: f64 = 0.5;
/// The room the segments share; past it, every scale shrinks alike.
const ROOM: f64 = 1400.0;
/// The room the segments fill at least, where their days allow (each day no wider than
/// [`DAY_MAX`]): a short matter is spread out rather than crowded into a corner.
const SPREAD: f64 = 900.0;
/// The most breaks an axis has.
const MAX_BREAKS: usize = 6;
/// An empty stretch shorter than this (days) is never broken.
const BREAK_MIN_DAYS: i64 = 45;
/// An empty stretch is broken when it is this many times longer than the usual gap between
/// records.
const BREAK_FACTOR: i64 = 3;
/// The size of tick labels.
pub const TICK_SIZE: f64 = 10.5;
/// The size of break labels.
pub const BREAK_SIZE: f64 = 10.0;
/// The least room between ticks (pixels).
const TICK_MIN: f64 = 64.0;

/// A stretch of time drawn at one scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day.
    pub last: NaiveDate,
    /// Where its first day starts.
    pub x: f64,
    /// The width of a day.
    pub day: f64,
}

impl Segment {
    /// Where the segment's room starts, padding included.
    pub fn left(&self) -> f64 {
        self.x - PAD
    }

    /// Where its room ends, padding included.
    pub fn right(&self) -> f64 {
        self.x + self.days() as f64 * self.day + PAD
    }

    fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

/// A long empty stretch left out of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Break {
    /// The first day left out.
    pub first: NaiveDate,
    /// The last day left out.
    pub last: NaiveDate,
    /// Where the break starts.
    pub x: f64,
}

impl Break {
    /// How many days are left out.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// The middle of the break.
    pub fn middle(&self) -> f64 {
        self.x + BREAK_WIDTH / 2.0
    }

    /// The time left out, in round words (`51 days`, `≈ 12 mo`, `≈ 1 yr`); the exact days
    /// go in the break's hover text.
    ///
    /// ```
    /// use docket::render::chart::Break;
    /// let b = |first: &str, last: &str| Break { first: first.parse().unwrap(), last: last.parse().unwrap(), x: 0.0 };
    /// assert_eq!(b("2020-02-29", "2020-04-19").skipped(), "51 days");
    /// assert_eq!(b("2017-04-22", "2017-11-14").skipped(), "≈ 7 mo");
    /// assert_eq!(b("2019-01-01", "2020-01-12").skipped(), "≈ 12 mo");
    /// assert_eq!(b("2020-06-01", "2025-11-30").skipped(), "≈ 5.5 yr");
    /// ```
    pub fn skipped(&self) -> String {
        let days = self.days();
        if days < 60 {
            format!("{days} days")
        } else if days < 730 {
            format!("≈ {} mo", (days as f64 / 30.436875).round())
        } else {
            let years = (days as f64 / 365.2425 * 2.0).round() / 2.0;
            if years.fract() == 0.0 {
                format!("≈ {years:.0} yr")
            } else {
                format!("≈ {years:.1} yr")
            }
        }
    }
}

/// A tick on the axis, with its label when there is room for one.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where it is.
    pub x: f64,
    /// Its label, starting just right of it.
    pub label: Option<String>,
}

/// The time axis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Axis {
    /// The stretches drawn, left to right.
    pub segments: Vec<Segment>,
    /// The stretches left out, one between each two segments.
    pub breaks: Vec<Break>,
}

impl Axis {
    /// The axis for days that hold something (`occupied`, first and last day of each point or
    /// span) and the days of the point marks among them (`points`, which decide how much room
    /// a segment needs), starting at `left`.
    ///
    /// ```
    /// use docket::render::chart::Axis;
    /// let d = |s: &str| s.parse().unwrap();
    /// let occupied = [(d("2017-04-21"), d("2017-04-21")), (d("2020-01-13"), d("2020-01-13")), (d("2020-01-16"), d("2020-01-16"))];
    /// let axis = Axis::new(&occupied, &[d("2017-04-21"), d("2020-01-13"), d("2020-01-16")], 10.0);
    /// assert_eq!(axis.segments.len(), 2);
    /// assert_eq!(axis.breaks[0].first, d("2017-04-22"));
    /// assert!(axis.x(d("2020-01-13"), 0.5) < axis.x(d("2020-01-16"), 0.5));
    /// ```
    pub fn new(occupied: &[(NaiveDate, NaiveDate)], points: &[NaiveDate], left: f64) -> Axis {
        let stretches = merged(occupied);
        if stretches.is_empty() {
            return Axis::default();
        }
        // The stretches split into segments at the long gaps, the longest [`MAX_BREAKS`] of
        // them: past that, breaks and the segments between them would take the page.
        let threshold = break_threshold(&stretches);
        let gap = |i: usize| (stretches[i].0 - stretches[i - 1].1).num_days() - 1;
        let mut long: Vec<usize> = (1..stretches.len())
            .filter(|&i| gap(i) >= threshold)
            .collect();
        long.sort_by_key(|&i| (std::cmp::Reverse(gap(i)), i));
        long.truncate(MAX_BREAKS);
        let mut spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for (i, &(first, last)) in stretches.iter().enumerate() {
            match spans.last_mut() {
                Some(span) if !long.contains(&i) => span.1 = last,
                _ => spans.push((first, last)),
            }
        }
        let mut points = points.to_vec();
        points.sort_unstable();
        points.dedup();
        let mut scales: Vec<f64> = spans
            .iter()
            .map(|&(first, last)| {
                let inside = &points[points.partition_point(|p| *p < first)
                    ..points.partition_point(|p| *p <= last)];
                let closest = inside.windows(2).map(|w| (w[1] - w[0]).num_days()).min();
                // A segment of one day, or of spans alone, takes the least room.
                closest.map_or(0.0, |days| (CLOSEST / days as f64).clamp(DAY_MIN, DAY_MAX))
            })
            .collect();
        let days = |i: usize| (spans[i].1 - spans[i].0).num_days() as f64 + 1.0;
        let total: f64 = (0..spans.len()).map(|i| days(i) * scales[i]).sum();
        if total > ROOM {
            for s in &mut scales {
                *s *= ROOM / total;
            }
        } else if total < SPREAD {
            for s in &mut scales {
                *s = (*s * SPREAD / total).min(DAY_MAX.max(*s));
            }
        }
        let mut axis = Axis::default();
        let mut x = left;
        for (i, &(first, last)) in spans.iter().enumerate() {
            let day = scales[i].max((SEGMENT_MIN - 2.0 * PAD) / days(i));
            if let Some(previous) = axis.segments.last() {
                axis.breaks.push(Break {
                    first: previous.last + Days::new(1),
                    last: first - Days::new(1),
                    x,
                });
                x += BREAK_WIDTH;
            }
            let segment = Segment {
                first,
                last,
                x: x + PAD,
                day,
            };
            x = segment.right();
            axis.segments.push(segment);
        }
        axis
    }

    /// Where the axis starts.
    pub fn left(&self) -> f64 {
        self.segments.first().map_or(0.0, Segment::left)
    }

    /// Where the axis ends.
    pub fn right(&self) -> f64 {
        self.segments.last().map_or(0.0, Segment::right)
    }

    /// Where a moment of `day` goes, `fraction` of the way through it (0 its start, 1 its end).
    /// A day in a break goes to the middle of the break; a day before or after the axis, to its
    /// end.
    pub fn x(&self, day: NaiveDate, fraction: f64) -> f64 {
        let Some(first) = self.segments.first() else {
            return 0.0;
        };
        if day < first.first {
            return first.x;
        }
        let i = self.segments.partition_point(|s| s.first <= day) - 1;
        let s = &self.segments[i];
        if day <= s.last {
            let offset = (day - s.first).num_days() as f64 + fraction.clamp(0.0, 1.0);
            return s.x + offset * s.day;
        }
        match self.breaks.get(i) {
            Some(b) => b.middle(),
            None => s.x + s.days() as f64 * s.day,
        }
    }

    /// The ticks of every segment, each labelled where its label fits before the next one and
    /// within its segment. The first label of a segment, and the first of each new year, carry
    /// the year.
    pub fn ticks(&self) -> Vec<Tick> {
        let mut ticks = Vec::new();
        for s in &self.segments {
            let unit = Unit::for_day(s.day);
            let limit = s.right() - 2.0;
            let mut free_from = f64::MIN;
            let mut last_year = None;
            let mut labelled_any = false;
            let days = unit.starts(s.first, s.last);
            let days = if days.is_empty() { vec![s.first] } else { days };
            for day in days {
                let x = self.x(day, 0.0);
                let with_year = last_year != Some(day.year());
                let label = unit.label(day, with_year || !labelled_any);
                let start = x + 3.0;
                let end = start + text_width(&label, TICK_SIZE, false);
                let fits = start >= free_from && end <= limit;
                if fits {
                    free_from = end + 8.0;
                    last_year = Some(day.year());
                    labelled_any = true;
                }
                ticks.push(Tick {
                    x,
                    label: fits.then_some(label),
                });
            }
        }
        ticks
    }
}

/// Intervals sorted and joined where they touch or overlap.
fn merged(occupied: &[(NaiveDate, NaiveDate)]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut all = occupied.to_vec();
    all.sort_unstable();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(all.len());
    for (first, last) in all {
        match out.last_mut() {
            Some(span) if first <= span.1 + Days::new(1) => span.1 = span.1.max(last),
            _ => out.push((first, last)),
        }
    }
    out
}

/// The shortest empty stretch (days) that is broken: [`BREAK_FACTOR`] times the usual gap
/// between stretches (the lower median, once there are enough gaps to tell), and never under
/// [`BREAK_MIN_DAYS`]. Records a month apart all along are not broken at every month.
fn break_threshold(stretches: &[(NaiveDate, NaiveDate)]) -> i64 {
    let mut gaps: Vec<i64> = stretches
        .windows(2)
        .map(|w| (w[1].0 - w[0].1).num_days() - 1)
        .collect();
    if gaps.len() < 4 {
        return BREAK_MIN_DAYS;
    }
    gaps.sort_unstable();
    (gaps[(gaps.len() - 1) / 2] * BREAK_FACTOR).max(BREAK_MIN_DAYS)
}

/// The step between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Years(i32),
}

impl Unit {
    /// The smallest step whose ticks stand [`TICK_MIN`] apart at `day` pixels a day.
    fn for_day(day: f64) -> Unit {
        let units = [
            (Unit::Day, 1.0),
            (Unit::Week, 7.0),
            (Unit::Month, 30.44),
            (Unit::Quarter, 91.31),
            (Unit::Years(1), 365.25),
            (Unit::Years(2), 730.5),
            (Unit::Years(5), 1826.0),
            (Unit::Years(10), 3652.0),
            (Unit::Years(25), 9131.0),
            (Unit::Years(50), 18262.0),
        ];
        units
            .iter()
            .find(|(_, days)| days * day >= TICK_MIN)
            .map_or(Unit::Years(100), |(u, _)| *u)
    }

    /// The first days of this step from `first` to `last`.
    fn starts(self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut day = first;
        while day <= last {
            let starts = match self {
                Unit::Day => true,
                Unit::Week => day.weekday() == Weekday::Mon,
                Unit::Month => day.day() == 1,
                Unit::Quarter => day.day() == 1 && day.month0().is_multiple_of(3),
                Unit::Years(n) => day.ordinal() == 1 && day.year().rem_euclid(n) == 0,
            };
            if starts {
                out.push(day);
            }
            // After the first match, jump by whole steps where the step is long.
            day = match (self, starts) {
                (Unit::Month | Unit::Quarter, true) => next_month(day),
                (Unit::Years(_), true) => {
                    NaiveDate::from_ymd_opt(day.year() + 1, 1, 1).unwrap_or(NaiveDate::MAX)
                }
                (Unit::Years(_), false) if day.ordinal() != 1 => {
                    NaiveDate::from_ymd_opt(day.year() + 1, 1, 1).unwrap_or(NaiveDate::MAX)
                }
                _ => day.succ_opt().unwrap_or(NaiveDate::MAX),
            };
            if day == NaiveDate::MAX {
                break;
            }
        }
        out
    }

    /// `Jan 13`, `Feb`, `2018`; with the year where asked (`Jan 13, 2020`, `Feb 2020`).
    fn label(self, day: NaiveDate, with_year: bool) -> String {
        match (self, with_year) {
            (Unit::Day | Unit::Week, false) => day.format("%b %-d").to_string(),
            (Unit::Day | Unit::Week, true) => day.format("%b %-d, %Y").to_string(),
            (Unit::Month | Unit::Quarter, false) => day.format("%b").to_string(),
            (Unit::Month | Unit::Quarter, true) => day.format("%b %Y").to_string(),
            (Unit::Years(_), _) => day.format("%Y").to_string(),
        }
    }
}

fn next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_long_gap_breaks_and_a_usual_one_does_not() {
        let days = [
            "2020-01-01",
            "2020-01-20",
            "2020-02-10",
            "2020-03-01",
            "2021-06-01",
        ];
        let occupied: Vec<_> = days.iter().map(|s| (d(s), d(s))).collect();
        let points: Vec<_> = days.iter().map(|s| d(s)).collect();
        let axis = Axis::new(&occupied, &points, 0.0);
        assert_eq!(axis.breaks.len(), 1);
        assert_eq!(axis.breaks[0].first, d("2020-03-02"));
        assert_eq!(axis.breaks[0].last, d("2021-05-31"));
    }

    #[test]
    fn records_a_month_apart_all_along_are_not_broken_at_every_month() {
        let days: Vec<NaiveDate> = (0..12)
            .map(|m| NaiveDate::from_ymd_opt(2021, m + 1, 15).unwrap())
            .collect();
        let occupied: Vec<_> = days.iter().map(|&d| (d, d)).collect();
        assert!(Axis::new(&occupied, &days, 0.0).breaks.is_empty());
    }

    #[test]
    fn only_the_longest_gaps_break_when_there_are_many() {
        // Twenty records a year apart but for shorter gaps of 100 to 119 days among them.
        let mut days = vec![d("2000-01-01")];
        for i in 0..20 {
            let gap = if i % 2 == 0 { 365 } else { 100 + i };
            days.push(*days.last().unwrap() + Days::new(gap));
        }
        let occupied: Vec<_> = days.iter().map(|&d| (d, d)).collect();
        let axis = Axis::new(&occupied, &days, 0.0);
        assert_eq!(axis.breaks.len(), MAX_BREAKS);
        assert!(axis.breaks.iter().all(|b| b.days() == 364));
    }

    #[test]
    fn a_span_is_never_broken_inside() {
        // A year known only to the year, with points months apart inside it.
        let occupied = [
            (d("2018-01-01"), d("2018-12-31")),
            (d("2018-02-01"), d("2018-02-01")),
            (d("2018-11-01"), d("2018-11-01")),
        ];
        let axis = Axis::new(&occupied, &[d("2018-02-01"), d("2018-11-01")], 0.0);
        assert!(axis.breaks.is_empty());
        assert_eq!(axis.segments[0].first, d("2018-01-01"));
        assert_eq!(axis.segments[0].last, d("2018-12-31"));
    }

    #[test]
    fn days_run_left_to_right_across_segments_and_breaks() {
        let occupied = [
            (d("2017-04-21"), d("2017-04-21")),
            (d("2017-12-01"), d("2018-12-31")),
            (d("2020-01-13"), d("2020-01-13")),
            (d("2020-01-27"), d("2020-01-27")),
        ];
        let points = [d("2017-04-21"), d("2020-01-13"), d("2020-01-27")];
        let axis = Axis::new(&occupied, &points, 0.0);
        let mut day = d("2017-01-01");
        let mut previous = f64::MIN;
        while day < d("2021-01-01") {
            let x = axis.x(day, 0.5);
            assert!(x >= previous, "{day}");
            previous = x;
            day = day.succ_opt().unwrap();
        }
        // The cluster is drawn at a larger scale than the quiet year.
        assert!(axis.segments[2].day > axis.segments[1].day * 4.0);
    }

    #[test]
    fn tick_labels_never_overlap_or_leave_their_segment() {
        let occupied = [(d("2019-03-05"), d("2021-11-20"))];
        for room in [d("2019-03-06"), d("2019-04-05"), d("2020-03-05")] {
            let axis = Axis::new(&occupied, &[d("2019-03-05"), room], 0.0);
            let ticks = axis.ticks();
            let mut free = f64::MIN;
            for t in ticks.iter().filter(|t| t.label.is_some()) {
                assert!(t.x + 3.0 >= free);
                free = t.x + 3.0 + text_width(t.label.as_ref().unwrap(), TICK_SIZE, false);
                assert!(free <= axis.right());
            }
            assert!(ticks.iter().filter(|t| t.label.is_some()).count() >= 3);
        }
    }
}
