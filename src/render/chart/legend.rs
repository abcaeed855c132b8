//! The legend: a symbol and a few words for each kind of thing the chart shows, and only for
//! those it shows, in rows that wrap at the chart's width.

use std::collections::{BTreeMap, BTreeSet};

use super::axis::Axis;
use super::layout::{MARGIN, Rect, RowLayout, SMALL_SIZE};
use super::measure::text_width;
use super::model::{Chart, Kind, Precision, State};

/// One entry of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// What it shows.
    pub symbol: Symbol,
    /// Its words.
    pub text: String,
    /// Where its symbol's centre is.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// Symbol and words.
    pub bounds: Rect,
}

/// What a legend entry shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Symbol {
    /// A deadline's state.
    State(State),
    /// An event kind, by its colour's index (`None`: events with no kind).
    Kind(Option<usize>),
    /// A date known to the month or year.
    Span,
    /// A break in the axis.
    Break,
    /// A line to a trigger.
    Link,
    /// A count of marks with no room.
    Cluster,
    /// The as-of line.
    AsOf,
    /// An extended deadline's first date.
    Original,
    /// An approximate date (`c.`).
    Approximate,
}

/// The legend: what is on the chart, in rows that wrap at its width.
pub(super) fn legend(
    chart: &Chart,
    rows: &[RowLayout],
    axis: &Axis,
    kinds: &BTreeMap<String, usize>,
    as_of: bool,
    width: f64,
    top: f64,
) -> Vec<LegendEntry> {
    let marks = || chart.rows.iter().flat_map(|r| &r.marks);
    let states: BTreeSet<State> = marks()
        .filter_map(|m| match m.kind {
            Kind::Deadline(s) => Some(s),
            Kind::Event(_) => None,
        })
        .collect();
    let mut entries: Vec<(Symbol, String)> = Vec::new();
    for (kind, &colour) in kinds {
        entries.push((Symbol::Kind(Some(colour)), kind.clone()));
    }
    if marks().any(|m| m.kind == Kind::Event(None)) {
        entries.push((Symbol::Kind(None), "event".into()));
    }
    for state in State::ALL.into_iter().filter(|s| states.contains(s)) {
        entries.push((Symbol::State(state), format!("deadline {}", state.word())));
    }
    if marks().any(|m| m.original.is_some()) {
        entries.push((Symbol::Original, "date before the extension".into()));
    }
    if marks().any(|m| m.when.precision != Precision::Day) {
        entries.push((Symbol::Span, "known only to the month or year".into()));
    }
    if marks().any(|m| m.approximate) {
        entries.push((Symbol::Approximate, "c. approximate date".into()));
    }
    if rows.iter().any(|r| !r.links.is_empty()) {
        entries.push((Symbol::Link, "counted from".into()));
    }
    if !axis.breaks.is_empty() {
        entries.push((Symbol::Break, "time left out".into()));
    }
    if rows.iter().any(|r| !r.clusters.is_empty()) {
        entries.push((Symbol::Cluster, "more records here (hover)".into()));
    }
    if as_of {
        entries.push((Symbol::AsOf, "as-of day".into()));
    }
    let (mut x, mut y) = (MARGIN, top);
    let mut out = Vec::with_capacity(entries.len());
    for (symbol, text) in entries {
        let w = 22.0 + text_width(&text, SMALL_SIZE, false);
        if x > MARGIN && x + w > width - MARGIN {
            x = MARGIN;
            y += 20.0;
        }
        out.push(LegendEntry {
            symbol,
            text,
            x: x + 7.0,
            y,
            bounds: Rect {
                x0: x,
                y0: y - 11.0,
                x1: x + w,
                y1: y + 5.0,
            },
        });
        x += w + 18.0;
    }
    out
}
