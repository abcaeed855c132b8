//! Where everything goes: the heading, the axis, one band of lanes per timeline, the lines from
//! deadlines to their triggers, and the legend. Pure geometry from a [`Chart`]; the SVG writer
//! draws it as it is, so what the tests measure here is what is drawn.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, Timelike};

use super::axis::{Axis, Tick};
use super::lanes::{clusters, pack};
use super::legend::{LegendEntry, legend};
use super::measure::{fit, shown, text_width};
use super::model::{Chart, Kind, Mark, Precision};

/// The space around the chart.
pub const MARGIN: f64 = 16.0;
/// The height of a lane.
pub const LANE: f64 = 34.0;
/// The most lanes a timeline takes; marks beyond them are summarised with counts.
pub const MAX_LANES: usize = 14;
/// Half the size of a point mark.
pub const RADIUS: f64 = 6.0;
/// The widest a label is drawn.
pub const LABEL_MAX: f64 = 230.0;
/// The size of a label's first line (the title).
pub const TITLE_SIZE: f64 = 12.0;
/// The size of a label's second line (the date and the kind or state).
pub const DETAIL_SIZE: f64 = 10.5;
/// The size of the chart's heading.
pub const HEADING_SIZE: f64 = 16.0;
/// The size of a timeline's title.
pub const ROW_TITLE_SIZE: f64 = 13.0;
/// The size of small text: subtitles, the legend, the as-of label, counts.
pub const SMALL_SIZE: f64 = 11.0;
/// The narrowest the chart is.
const MIN_WIDTH: f64 = 720.0;

/// A rectangle: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// Whether two rectangles share any area.
    ///
    /// ```
    /// use docket::render::chart::Rect;
    /// let a = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
    /// assert!(a.overlaps(&Rect { x0: 9.0, y0: 9.0, x1: 20.0, y1: 20.0 }));
    /// assert!(!a.overlaps(&Rect { x0: 10.0, y0: 0.0, x1: 20.0, y1: 10.0 }));
    /// ```
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// The chart, placed.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The page's width.
    pub width: f64,
    /// The page's height.
    pub height: f64,
    /// Whether the heading is drawn in the chart.
    pub heading: bool,
    /// The heading, as shown.
    pub title: String,
    /// The line under it.
    pub subtitle: String,
    /// The time axis.
    pub axis: Axis,
    /// Its ticks.
    pub ticks: Vec<Tick>,
    /// The baseline of tick and break labels.
    pub tick_label_y: f64,
    /// The axis line; breaks and as-of lines run from here down.
    pub axis_y: f64,
    /// The bottom of the last timeline.
    pub plot_bottom: f64,
    /// The as-of days, each with its label.
    pub as_of: Vec<AsOf>,
    /// One band per timeline.
    pub rows: Vec<RowLayout>,
    /// Event kinds, each with its colour's index in [`KIND_COLOURS`](super::KIND_COLOURS).
    pub kinds: BTreeMap<String, usize>,
    /// The legend.
    pub legend: Vec<LegendEntry>,
}

/// An as-of day's label on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct AsOf {
    /// The day.
    pub day: NaiveDate,
    /// Where its line is (the end of the day: statuses count what happened on it).
    pub x: f64,
    /// The baseline of its label.
    pub label_y: f64,
    /// The label.
    pub label: String,
}

/// A timeline's band.
#[derive(Clone, Debug)]
pub struct RowLayout {
    /// Which row of the chart.
    pub row: usize,
    /// Its top.
    pub top: f64,
    /// Its bottom.
    pub bottom: f64,
    /// Its title, as shown, and its baseline (none when it is the chart's heading).
    pub title: Option<(String, f64)>,
    /// Its second line, as shown, and its baseline.
    pub subtitle: Option<(String, f64)>,
    /// Its as-of line, when the day is on the chart.
    pub as_of_x: Option<f64>,
    /// Its marks with labels.
    pub items: Vec<Item>,
    /// Its marks summarised with counts.
    pub clusters: Vec<Cluster>,
    /// Lines from deadlines to their triggers.
    pub links: Vec<Link>,
}

/// A mark with its label, in its lane.
#[derive(Clone, Debug)]
pub struct Item {
    /// The mark's index in its row.
    pub mark: usize,
    /// Its lane.
    pub lane: usize,
    /// The lane's top.
    pub top: f64,
    /// Where the mark is.
    pub at: At,
    /// An extended deadline: where its computed date is.
    pub original: Option<f64>,
    /// Where the label starts.
    pub label_x: f64,
    /// The label's first line: the title.
    pub title: String,
    /// Its second line: the date, and the kind or the state.
    pub detail: String,
    /// Everything the item draws but lines to other items.
    pub bounds: Rect,
}

impl Item {
    /// The centre line of the mark.
    pub fn mark_y(&self) -> f64 {
        self.top + 10.0
    }

    /// The baseline of the title.
    pub fn title_y(&self) -> f64 {
        self.top + 14.0
    }

    /// The baseline of the second line.
    pub fn detail_y(&self) -> f64 {
        self.top + 27.0
    }

    /// Where a line to or from this item meets it.
    pub fn anchor(&self) -> (f64, f64) {
        match self.at {
            At::Point { x } => (x, self.mark_y()),
            At::Span { x0, .. } => (x0, self.mark_y()),
        }
    }
}

/// Where a mark is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum At {
    /// A point: a day or a moment.
    Point {
        /// Its centre.
        x: f64,
    },
    /// A month or a year.
    Span {
        /// Its start.
        x0: f64,
        /// Its end.
        x1: f64,
    },
}

/// Marks with no room of their own, as one badge with their count.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// The marks' indices in their row, left to right.
    pub marks: Vec<usize>,
    /// Where the first of them is.
    pub x: f64,
    /// The lane's top.
    pub top: f64,
    /// The badge's text (`+12`).
    pub text: String,
    /// The badge.
    pub bounds: Rect,
}

/// A line from a trigger to the deadline counted from it, drawn square: out of the trigger's
/// mark up or down to the gap just above the deadline's lane, along that gap, and down into the
/// deadline's mark. The gaps between lanes hold no label, so a line never runs along a label
/// (which would read as struck through); it only crosses some, upright.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The trigger's mark.
    pub from: (f64, f64),
    /// The deadline's mark.
    pub to: (f64, f64),
    /// The height of the run along the gap above the deadline's lane.
    pub run: f64,
}

/// Places a chart.
///
/// ```
/// use docket::render::chart::{Chart, Dates, Kind, Mark, Row, layout};
/// let day = |s: &str| s.parse().unwrap();
/// let mark = |id: &str, d: &str| Mark {
///     id: id.into(), title: format!("Event {id}"), kind: Kind::Event(None), when: Dates::day(day(d)),
///     approximate: false, time: None, date_text: d.into(), trigger: None, original: None,
///     period: None, authority: None, hover: vec![],
/// };
/// let chart = Chart {
///     title: "T".into(),
///     rows: vec![Row { id: "t".into(), title: "T".into(), subtitle: None, as_of: day("2020-01-20"),
///         marks: vec![mark("a", "2020-01-13"), mark("b", "2020-01-14")] }],
///     ..Chart::default()
/// };
/// let placed = layout(&chart);
/// let [a, b] = &placed.rows[0].items[..] else { panic!() };
/// assert!(!a.bounds.overlaps(&b.bounds));
/// ```
pub fn layout(chart: &Chart) -> Layout {
    layout_with(chart, true)
}

/// [`layout`], with the heading drawn in the chart (`true`) or left to the page around it.
pub fn layout_with(chart: &Chart, heading: bool) -> Layout {
    let window = chart.window;
    let clip = |first: NaiveDate, last: NaiveDate| {
        (
            window.from.map_or(first, |f| first.max(f)),
            window.to.map_or(last, |t| last.min(t)),
        )
    };
    let kinds: BTreeMap<String, usize> = chart
        .rows
        .iter()
        .flat_map(|r| &r.marks)
        .filter_map(|m| match &m.kind {
            Kind::Event(Some(k)) => Some(k.clone()),
            _ => None,
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, i % super::style::KIND_COLOURS.len()))
        .collect();

    // The axis: every day something is drawn on.
    let mut occupied = Vec::new();
    let mut points = Vec::new();
    for mark in chart.rows.iter().flat_map(|r| &r.marks) {
        let (first, last) = clip(mark.when.first, mark.when.last);
        if first > last {
            continue;
        }
        occupied.push((first, last));
        if mark.when.precision == Precision::Day {
            points.push(first);
        }
        if let Some(original) = mark.original.filter(|d| window.contains(*d)) {
            occupied.push((original, original));
            points.push(original);
        }
    }
    let as_of_days: BTreeSet<NaiveDate> = chart
        .rows
        .iter()
        .map(|r| r.as_of)
        .filter(|d| window.contains(*d))
        .collect();
    occupied.extend(as_of_days.iter().map(|&d| (d, d)));
    let axis = Axis::new(&occupied, &points, MARGIN);

    // The band above the axis: heading, as-of labels in lanes of their own, tick labels.
    let band = if heading { 58.0 } else { 16.0 };
    let as_of_extents: Vec<(NaiveDate, f64, String)> = as_of_days
        .iter()
        .map(|&day| {
            let label = format!("as of {}", day.format("%b %-d, %Y"));
            (day, axis.x(day, 1.0), label)
        })
        .collect();
    let as_of_lanes = pack(
        &as_of_extents
            .iter()
            .map(|(_, x, l)| (*x - 4.0, *x + 4.0 + text_width(l, SMALL_SIZE, true)))
            .collect::<Vec<_>>(),
        usize::MAX,
    );
    let lanes_above = as_of_lanes.iter().flatten().max().map_or(0, |l| l + 1);
    let as_of: Vec<AsOf> = as_of_extents
        .into_iter()
        .zip(&as_of_lanes)
        .map(|((day, x, label), lane)| AsOf {
            day,
            x,
            label_y: band + 14.0 * lane.unwrap_or(0) as f64,
            label,
        })
        .collect();
    let tick_label_y = band + 14.0 * lanes_above as f64 + 4.0;
    let axis_y = tick_label_y + 9.0;

    // The timelines' bands.
    let mut rows = Vec::with_capacity(chart.rows.len());
    let mut y = axis_y + 8.0;
    for (r, row) in chart.rows.iter().enumerate() {
        // A chart of one timeline has its title as the heading already.
        let title = if chart.rows.len() == 1 && row.title == chart.title {
            None
        } else {
            Some(shown(&row.title).into_owned())
        };
        let subtitle = row.subtitle.as_deref().map(|s| shown(s).into_owned());
        let mut head = y + 4.0;
        let title_y = title.as_ref().map(|_| {
            head += 16.0;
            head - 2.0
        });
        let subtitle_y = subtitle.as_ref().map(|_| {
            head += 15.0;
            head - 2.0
        });
        let lanes_top = head + 6.0;
        let mut items: Vec<Item> = row
            .marks
            .iter()
            .enumerate()
            .map(|(m, mark)| item(m, mark, &axis, &clip, |d| window.contains(d)))
            .collect();
        let placed = pack(
            &items
                .iter()
                .map(|i| (i.bounds.x0, i.bounds.x1))
                .collect::<Vec<_>>(),
            MAX_LANES,
        );
        let used = placed.iter().flatten().max().map_or(0, |l| l + 1);
        let mut left_over = Vec::new();
        let mut kept = Vec::with_capacity(items.len());
        for (mut it, lane) in items.drain(..).zip(placed) {
            match lane {
                Some(lane) => {
                    it.lane = lane;
                    let top = lanes_top + lane as f64 * LANE;
                    it.top = top;
                    it.bounds.y0 = top + 1.0;
                    it.bounds.y1 = top + 31.0;
                    kept.push(it);
                }
                None => left_over.push(it),
            }
        }
        let cluster_top = lanes_top + used as f64 * LANE;
        let clusters = summarise(&left_over, cluster_top);
        let bottom = cluster_top + if clusters.is_empty() { 0.0 } else { LANE } + 6.0;
        rows.push(RowLayout {
            row: r,
            top: y,
            bottom,
            title: title.zip(title_y),
            subtitle: subtitle.zip(subtitle_y),
            as_of_x: window.contains(row.as_of).then(|| axis.x(row.as_of, 1.0)),
            items: kept,
            clusters,
            links: Vec::new(),
        });
        y = bottom + 4.0;
    }
    link(chart, &mut rows);
    let plot_bottom = y;

    let title = shown(&chart.title).into_owned();
    let subtitle = subtitle(chart, &axis);
    let heading_width = if heading {
        text_width(&title, HEADING_SIZE, true).max(text_width(&subtitle, SMALL_SIZE, false))
    } else {
        0.0
    };
    let mut width = [
        axis.right() + MARGIN,
        MARGIN + heading_width + MARGIN,
        MIN_WIDTH,
    ]
    .into_iter()
    .fold(0.0, f64::max);
    for row in &rows {
        if let Some((t, _)) = &row.title {
            width = width.max(MARGIN + text_width(t, ROW_TITLE_SIZE, true) + MARGIN);
        }
        if let Some((s, _)) = &row.subtitle {
            width = width.max(MARGIN + text_width(s, SMALL_SIZE, false) + MARGIN);
        }
        for b in row
            .items
            .iter()
            .map(|i| i.bounds)
            .chain(row.clusters.iter().map(|c| c.bounds))
        {
            width = width.max(b.x1 + MARGIN);
        }
    }
    for a in &as_of {
        width = width.max(a.x + 4.0 + text_width(&a.label, SMALL_SIZE, true) + MARGIN);
    }
    let width = width.ceil();
    let legend = legend(
        chart,
        &rows,
        &axis,
        &kinds,
        !as_of.is_empty(),
        width,
        plot_bottom + 22.0,
    );
    let height = legend
        .iter()
        .map(|e| e.bounds.y1)
        .fold(plot_bottom, f64::max)
        + MARGIN;
    Layout {
        width,
        height: height.ceil(),
        heading,
        title,
        subtitle,
        axis,
        ticks: Vec::new(),
        tick_label_y,
        axis_y,
        plot_bottom,
        as_of,
        rows,
        kinds,
        legend,
    }
    .with_ticks()
}

impl Layout {
    fn with_ticks(mut self) -> Layout {
        self.ticks = self.axis.ticks();
        self
    }
}

/// A mark's item, before it has a lane.
fn item(
    m: usize,
    mark: &Mark,
    axis: &Axis,
    clip: &impl Fn(NaiveDate, NaiveDate) -> (NaiveDate, NaiveDate),
    in_window: impl Fn(NaiveDate) -> bool,
) -> Item {
    let (first, last) = clip(mark.when.first, mark.when.last);
    let title = fit(&shown(&mark.title), LABEL_MAX, TITLE_SIZE, false);
    let detail = fit(&shown(&detail(mark)), LABEL_MAX, DETAIL_SIZE, false);
    let label = text_width(&title, TITLE_SIZE, false).max(text_width(&detail, DETAIL_SIZE, false));
    let (at, original, label_x, x0, x1) = match mark.when.precision {
        Precision::Day => {
            let fraction = mark.time.as_ref().map_or(0.5, |t| {
                f64::from(t.at.num_seconds_from_midnight()) / 86_400.0
            });
            let x = axis.x(first, fraction);
            let original = mark
                .original
                .filter(|d| in_window(*d))
                .map(|d| axis.x(d, 0.5));
            let left = original.map_or(x, |o| o.min(x)) - RADIUS - 1.0;
            let right = original.map_or(x, |o| o.max(x));
            let label_x = right + RADIUS + 5.0;
            (At::Point { x }, original, label_x, left, label_x + label)
        }
        Precision::Month | Precision::Year => {
            let (x0, x1) = (axis.x(first, 0.0), axis.x(last, 1.0));
            let label_x = x0 + 5.0;
            (
                At::Span { x0, x1 },
                None,
                label_x,
                x0,
                x1.max(label_x + label),
            )
        }
    };
    Item {
        mark: m,
        lane: 0,
        top: 0.0,
        at,
        original,
        label_x,
        title,
        detail,
        bounds: Rect {
            x0,
            y0: 0.0,
            x1,
            y1: 0.0,
        },
    }
}

/// A label's second line: `Mon 2020-01-27 · missed`, `c. Dec 2017 · letter`,
/// `Mon 2020-02-10 · extended from Jan 27`.
fn detail(mark: &Mark) -> String {
    match &mark.kind {
        Kind::Event(kind) => format!(
            "{} · {}",
            mark.date_text,
            kind.as_deref().unwrap_or("event")
        ),
        Kind::Deadline(state) => match mark.original {
            Some(o) => {
                let was = if o.year() == mark.when.first.year() {
                    o.format("%b %-d")
                } else {
                    o.format("%b %-d, %Y")
                };
                format!("{} · {} from {was}", mark.date_text, state.word())
            }
            None => format!("{} · {}", mark.date_text, state.word()),
        },
    }
}

/// Badges for marks with no room: one per group of marks close together.
fn summarise(left_over: &[Item], top: f64) -> Vec<Cluster> {
    if left_over.is_empty() {
        return Vec::new();
    }
    let widest = format!("+{}", left_over.len());
    let width = text_width(&widest, SMALL_SIZE, true) + 12.0;
    let xs: Vec<f64> = left_over.iter().map(|i| i.anchor().0).collect();
    clusters(&xs, width)
        .into_iter()
        .map(|group| {
            let x = xs[group[0]];
            let mut marks: Vec<usize> = group.iter().map(|&i| left_over[i].mark).collect();
            marks.sort_unstable();
            Cluster {
                text: format!("+{}", marks.len()),
                marks,
                x,
                top,
                bounds: Rect {
                    x0: x - RADIUS,
                    y0: top + 1.0,
                    x1: x - RADIUS + width,
                    y1: top + 22.0,
                },
            }
        })
        .collect()
}

/// Lines from each deadline with a lane to its trigger, where the trigger has one too (in any
/// row: a deadline may count from another timeline's event).
fn link(chart: &Chart, rows: &mut [RowLayout]) {
    let mut anchors: HashMap<&str, (f64, f64)> = HashMap::new();
    for row in rows.iter() {
        for it in &row.items {
            anchors.insert(&chart.rows[row.row].marks[it.mark].id, it.anchor());
        }
    }
    for row in rows.iter_mut() {
        let marks = &chart.rows[row.row].marks;
        row.links = row
            .items
            .iter()
            .filter_map(|it| {
                let trigger = marks[it.mark].trigger.as_deref()?;
                let from = *anchors.get(trigger)?;
                Some(Link {
                    from,
                    to: it.anchor(),
                    // The middle of the gap between this lane's boxes (from top + 1) and
                    // those of the lane above (to top - LANE + 31).
                    run: it.top - 1.0,
                })
            })
            .collect();
    }
}

/// The line under the heading: the as-of day, and how many records and timelines.
fn subtitle(chart: &Chart, axis: &Axis) -> String {
    let records: usize = chart.rows.iter().map(|r| r.marks.len()).sum();
    let days: BTreeSet<NaiveDate> = chart.rows.iter().map(|r| r.as_of).collect();
    let as_of = match days.iter().collect::<Vec<_>>()[..] {
        [one] => format!("Statuses as of {one}"),
        [] => "No timelines".to_string(),
        _ => "Statuses as of each timeline's own day (its line)".to_string(),
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut text = format!(
        "{as_of} · {} · {}",
        plural(records, "record"),
        plural(chart.rows.len(), "timeline")
    );
    if let Some(from) = chart.window.from {
        text += &format!(" · from {from}");
    }
    if let Some(to) = chart.window.to {
        text += &format!(" · to {to}");
    }
    if !axis.breaks.is_empty() {
        text += " · long empty stretches left out";
    }
    text
}

/// Every label's box: each item (its mark and its label) and each count badge.
pub fn boxes(layout: &Layout) -> Vec<Rect> {
    layout
        .rows
        .iter()
        .flat_map(|r| {
            r.items
                .iter()
                .map(|i| i.bounds)
                .chain(r.clusters.iter().map(|c| c.bounds))
        })
        .collect()
}
