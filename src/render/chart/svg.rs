//! The chart as SVG: draws a [`Layout`] as it is, with real `<text>` for every word and a
//! `<title>` (hover text) on every mark, break and count.

use super::axis::{BREAK_SIZE, BREAK_WIDTH, PAD, TICK_SIZE};
use super::layout::{
    At, DETAIL_SIZE, HEADING_SIZE, Item, Layout, RADIUS, ROW_TITLE_SIZE, RowLayout, SMALL_SIZE,
    TITLE_SIZE,
};
use super::legend::{LegendEntry, Symbol};
use super::model::{Chart, Kind, Mark, Precision, State};
use super::shapes::{event_circle, n, shape};
use super::style::{
    AS_OF, BREAK_FILL, INK, KIND_COLOURS, MUTED, NO_KIND, PAPER, RULE, Shape, state_style,
};
use super::xml::Writer;

/// The fonts asked for, widest first: labels are placed for DejaVu Sans's widths.
pub const FONTS: &str = "DejaVu Sans, Verdana, Geneva, sans-serif";

/// The white outline that keeps a label readable where a line passes under it.
const STYLE: &str =
    ".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}";

/// Writes the chart's `<svg>` element into `w`.
pub fn write_svg(w: &mut Writer, chart: &Chart, layout: &Layout) {
    let (width, height) = (layout.width, layout.height);
    w.open("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("width", width)
        .attr("height", height)
        .attr("viewBox", format!("0 0 {width} {height}").as_str())
        .attr("aria-labelledby", "chart-title chart-desc")
        .attr("font-family", FONTS)
        .attr("font-size", TITLE_SIZE)
        .attr("fill", INK);
    w.open("title")
        .attr("id", "chart-title")
        .text(&layout.title)
        .close();
    w.open("desc")
        .attr("id", "chart-desc")
        .text(&layout.subtitle)
        .text(". Events are circles coloured by kind; deadlines are shaped and coloured by state; a date known only to the month or year is a band over it.")
        .close();
    w.newline();
    defs(w, layout);
    w.leaf("rect")
        .attr("width", width)
        .attr("height", height)
        .attr("fill", PAPER);
    w.newline();
    if layout.heading {
        w.open("text")
            .attr("x", super::layout::MARGIN)
            .attr("y", 26.0)
            .attr("font-size", HEADING_SIZE)
            .attr("font-weight", "bold")
            .text(&layout.title)
            .close();
        w.open("text")
            .attr("x", super::layout::MARGIN)
            .attr("y", 44.0)
            .attr("font-size", SMALL_SIZE)
            .attr("fill", MUTED)
            .text(&layout.subtitle)
            .close();
        w.newline();
    }
    breaks(w, layout);
    axis(w, layout);
    for row in &layout.rows {
        timeline(w, chart, layout, row);
    }
    legend(w, layout);
    w.close();
}

/// The soft-edged fills of spans, one per colour, and the arrowhead of links.
fn defs(w: &mut Writer, layout: &Layout) {
    w.open("defs");
    w.open("style").text(STYLE).close();
    for (i, colour) in KIND_COLOURS
        .iter()
        .enumerate()
        .filter(|(i, _)| layout.kinds.values().any(|k| k == i))
        .map(|(i, c)| (Some(i), *c))
        .chain([(None, NO_KIND)])
    {
        w.open("linearGradient").attr("id", soft_id(i).as_str());
        for (offset, opacity) in [(0.0, 0.0), (0.2, 0.3), (0.8, 0.3), (1.0, 0.0)] {
            w.leaf("stop")
                .attr("offset", offset)
                .attr("stop-color", colour)
                .attr("stop-opacity", opacity);
        }
        w.close();
    }
    w.open("marker")
        .attr("id", "arrow")
        .attr("viewBox", "0 0 8 8")
        .attr("refX", 7.0)
        .attr("refY", 4.0)
        .attr("markerWidth", 6.0)
        .attr("markerHeight", 6.0)
        .attr("orient", "auto");
    w.leaf("path")
        .attr("d", "M0,0 L8,4 L0,8 Z")
        .attr("fill", RULE);
    w.close();
    w.close();
    w.newline();
}

fn soft_id(colour: Option<usize>) -> String {
    match colour {
        Some(i) => format!("soft-{i}"),
        None => "soft-none".into(),
    }
}

/// The strips of time left out, each with the span it skips.
fn breaks(w: &mut Writer, layout: &Layout) {
    for b in &layout.axis.breaks {
        w.open("g")
            .attr("class", "break")
            .attr("data-from", b.first.to_string().as_str())
            .attr("data-to", b.last.to_string().as_str());
        w.open("title")
            .text(&format!(
                "Time left out: {} to {} ({} days with no record)",
                b.first,
                b.last,
                b.days()
            ))
            .close();
        w.leaf("rect")
            .attr("x", b.x + 4.0)
            .attr("y", layout.tick_label_y - 13.0)
            .attr("width", BREAK_WIDTH - 8.0)
            .attr("height", layout.plot_bottom - layout.tick_label_y + 13.0)
            .attr("fill", BREAK_FILL);
        let y = layout.axis_y;
        for x in [b.x + 4.0, b.x + BREAK_WIDTH - 10.0] {
            w.leaf("path")
                .attr("d", format!("M{x},{} l6,-12", y + 6.0).as_str())
                .attr("stroke", RULE)
                .attr("stroke-width", 1.5);
        }
        w.open("text")
            .attr("x", b.middle())
            .attr("y", layout.tick_label_y)
            .attr("font-size", BREAK_SIZE)
            .attr("text-anchor", "middle")
            .attr("fill", MUTED)
            .text(&b.skipped())
            .close();
        w.close();
        w.newline();
    }
}

/// The axis line of each segment, its ticks and their labels, and the as-of labels.
fn axis(w: &mut Writer, layout: &Layout) {
    let y = layout.axis_y;
    w.open("g").attr("class", "axis").attr("stroke", RULE);
    for s in &layout.axis.segments {
        w.leaf("line")
            .attr("x1", s.left() + PAD / 2.0)
            .attr("x2", s.right() - PAD / 2.0)
            .attr("y1", y)
            .attr("y2", y)
            .attr("stroke-width", 1.5);
    }
    for t in &layout.ticks {
        w.leaf("line")
            .attr("x1", t.x)
            .attr("x2", t.x)
            .attr("y1", y)
            .attr("y2", y + if t.label.is_some() { 6.0 } else { 3.0 });
    }
    w.close();
    w.open("g")
        .attr("class", "ticks")
        .attr("font-size", TICK_SIZE)
        .attr("fill", MUTED);
    for t in &layout.ticks {
        if let Some(label) = &t.label {
            w.open("text")
                .attr("x", t.x + 3.0)
                .attr("y", layout.tick_label_y)
                .text(label)
                .close();
        }
    }
    w.close();
    for a in &layout.as_of {
        w.open("g")
            .attr("class", "as-of")
            .attr("data-date", a.day.to_string().as_str());
        w.leaf("path")
            .attr("d", format!("M{},{} l-4,-7 h8 Z", a.x, y).as_str())
            .attr("fill", AS_OF);
        w.open("text")
            .attr("x", a.x + 4.0)
            .attr("y", a.label_y)
            .attr("font-size", SMALL_SIZE)
            .attr("font-weight", "bold")
            .attr("fill", AS_OF)
            .text(&a.label)
            .close();
        w.close();
    }
    w.newline();
}

/// A timeline's band: its heading, as-of line, links, marks and counts.
fn timeline(w: &mut Writer, chart: &Chart, layout: &Layout, row: &RowLayout) {
    let data = &chart.rows[row.row];
    w.open("g")
        .attr("class", "timeline")
        .attr("data-id", &data.id);
    w.leaf("line")
        .attr("x1", 0.0)
        .attr("x2", layout.width)
        .attr("y1", row.top)
        .attr("y2", row.top)
        .attr("stroke", RULE)
        .attr("stroke-width", 0.5);
    if let Some((title, y)) = &row.title {
        w.open("text")
            .attr("x", super::layout::MARGIN)
            .attr("y", *y)
            .attr("font-size", ROW_TITLE_SIZE)
            .attr("font-weight", "bold")
            .attr("class", "halo")
            .text(title)
            .close();
    }
    if let Some((subtitle, y)) = &row.subtitle {
        w.open("text")
            .attr("x", super::layout::MARGIN)
            .attr("y", *y)
            .attr("font-size", SMALL_SIZE)
            .attr("fill", MUTED)
            .attr("class", "halo")
            .text(subtitle)
            .close();
    }
    if let Some(x) = row.as_of_x {
        w.leaf("line")
            .attr("class", "as-of-line")
            .attr("x1", x)
            .attr("x2", x)
            .attr("y1", row.top)
            .attr("y2", row.bottom)
            .attr("stroke", AS_OF)
            .attr("stroke-width", 1.5)
            .attr("stroke-dasharray", "5 3");
    }
    for link in &row.links {
        let ((x1, y1), (x2, y2)) = (link.from, link.to);
        let start = if link.run > y1 {
            y1 + RADIUS
        } else {
            y1 - RADIUS
        };
        let d = format!(
            "M{} {} V{} H{} V{}",
            n(x1),
            n(start),
            n(link.run),
            n(x2),
            n(y2 - RADIUS - 1.0)
        );
        w.leaf("path")
            .attr("class", "link")
            .attr("d", d.as_str())
            .attr("fill", "none")
            .attr("stroke", RULE)
            .attr("stroke-width", 1.2)
            .attr("marker-end", "url(#arrow)");
    }
    w.newline();
    for item in &row.items {
        mark(w, layout, &data.marks[item.mark], item);
    }
    for c in &row.clusters {
        w.open("g")
            .attr("class", "cluster")
            .attr("data-count", c.marks.len().to_string().as_str());
        let mut lines = vec![format!("{} more records here:", c.marks.len())];
        lines.extend(c.marks.iter().map(|&m| {
            let mark = &data.marks[m];
            format!("{} · {} · {}", mark.id, mark.date_text, mark.title)
        }));
        w.open("title").lines(&lines).close();
        w.leaf("rect")
            .attr("x", c.bounds.x0)
            .attr("y", c.bounds.y0)
            .attr("width", c.bounds.x1 - c.bounds.x0)
            .attr("height", c.bounds.y1 - c.bounds.y0)
            .attr("rx", 9.0)
            .attr("fill", PAPER)
            .attr("stroke", INK)
            .attr("stroke-width", 1.2);
        w.open("text")
            .attr("x", (c.bounds.x0 + c.bounds.x1) / 2.0)
            .attr("y", c.bounds.y0 + 14.5)
            .attr("text-anchor", "middle")
            .attr("font-size", SMALL_SIZE)
            .attr("font-weight", "bold")
            .text(&c.text)
            .close();
        w.close();
        w.newline();
    }
    w.close();
    w.newline();
}

/// One mark: its hover text, its shape (and its first date when extended), and its label.
fn mark(w: &mut Writer, layout: &Layout, mark: &Mark, item: &Item) {
    let y = item.mark_y();
    w.open("g").attr("data-id", &mark.id);
    match &mark.kind {
        Kind::Event(kind) => {
            w.attr("class", "mark event");
            if let Some(k) = kind {
                w.attr("data-kind", k);
            }
        }
        Kind::Deadline(state) => {
            w.attr("class", "mark deadline")
                .attr("data-state", state.class());
        }
    }
    match mark.when.precision {
        Precision::Day => w.attr("data-date", mark.when.first.to_string().as_str()),
        Precision::Month | Precision::Year => w
            .attr("data-from", mark.when.first.to_string().as_str())
            .attr("data-to", mark.when.last.to_string().as_str()),
    };
    if let Some(o) = mark.original {
        w.attr("data-original", o.to_string().as_str());
    }
    w.open("title").lines(&mark.hover).close();
    let colour = kind_colour(layout, &mark.kind);
    match (item.at, &mark.kind) {
        (At::Span { x0, x1 }, _) => {
            w.leaf("rect")
                .attr("class", "span")
                .attr("x", x0)
                .attr("y", item.top + 1.0)
                .attr("width", x1 - x0)
                .attr("height", 18.0)
                .attr("fill", format!("url(#{})", soft_id(colour.1)).as_str());
        }
        (At::Point { x }, Kind::Event(_)) => {
            event_circle(w, x, y, colour.0, mark.approximate);
        }
        (At::Point { x }, Kind::Deadline(state)) => {
            if let Some(o) = item.original {
                w.leaf("line")
                    .attr("x1", o)
                    .attr("x2", x)
                    .attr("y1", y)
                    .attr("y2", y)
                    .attr("stroke", RULE)
                    .attr("stroke-dasharray", "2 2");
                w.open("g").attr("class", "original").attr("opacity", 0.45);
                shape(w, Shape::Square, state_style(State::Open).1, o, y);
                w.close();
            }
            let (form, colour) = state_style(*state);
            shape(w, form, colour, x, y);
        }
    }
    // A span's title sits on its band, which a halo would hide.
    w.open("text");
    if matches!(item.at, At::Point { .. }) {
        w.attr("class", "halo");
    }
    w.attr("x", item.label_x)
        .attr("y", item.title_y())
        .text(&item.title)
        .close();
    w.open("text")
        .attr("class", "halo")
        .attr("x", item.label_x)
        .attr("y", item.detail_y())
        .attr("font-size", DETAIL_SIZE)
        .attr("fill", MUTED)
        .text(&item.detail)
        .close();
    w.close();
    w.newline();
}

/// An event's colour, and its index among the kind colours.
fn kind_colour(layout: &Layout, kind: &Kind) -> (&'static str, Option<usize>) {
    match kind {
        Kind::Event(Some(k)) => match layout.kinds.get(k) {
            Some(&i) => (KIND_COLOURS[i], Some(i)),
            None => (NO_KIND, None),
        },
        _ => (NO_KIND, None),
    }
}

/// The legend's entries.
fn legend(w: &mut Writer, layout: &Layout) {
    w.open("g")
        .attr("class", "legend")
        .attr("font-size", SMALL_SIZE);
    for entry in &layout.legend {
        legend_symbol(w, layout, entry);
        w.open("text")
            .attr("x", entry.x + 12.0)
            .attr("y", entry.y)
            .attr("fill", MUTED)
            .text(&entry.text)
            .close();
    }
    w.close();
    w.newline();
}

fn legend_symbol(w: &mut Writer, layout: &Layout, entry: &LegendEntry) {
    let (x, y) = (entry.x, entry.y - 4.0);
    match &entry.symbol {
        Symbol::State(state) => {
            let (form, colour) = state_style(*state);
            shape(w, form, colour, x, y);
        }
        Symbol::Kind(colour) => {
            event_circle(w, x, y, colour.map_or(NO_KIND, |i| KIND_COLOURS[i]), false);
        }
        Symbol::Approximate => event_circle(w, x, y, NO_KIND, true),
        Symbol::Span => {
            let colour = layout.kinds.values().next().copied();
            w.leaf("rect")
                .attr("x", x - 7.0)
                .attr("y", y - 7.0)
                .attr("width", 14.0)
                .attr("height", 14.0)
                .attr("fill", format!("url(#{})", soft_id(colour)).as_str());
        }
        Symbol::Break => {
            w.leaf("rect")
                .attr("x", x - 6.0)
                .attr("y", y - 7.0)
                .attr("width", 12.0)
                .attr("height", 14.0)
                .attr("fill", BREAK_FILL);
            w.leaf("path")
                .attr(
                    "d",
                    format!("M{} {} l6,-12", n(x - 4.0), n(y + 6.0)).as_str(),
                )
                .attr("stroke", RULE)
                .attr("stroke-width", 1.5);
        }
        Symbol::Link => {
            w.leaf("path")
                .attr(
                    "d",
                    format!("M{} {} H{}", n(x - 7.0), n(y), n(x + 3.0)).as_str(),
                )
                .attr("stroke", RULE)
                .attr("stroke-width", 1.2)
                .attr("marker-end", "url(#arrow)");
        }
        Symbol::Cluster => {
            w.leaf("rect")
                .attr("x", x - 7.0)
                .attr("y", y - 6.0)
                .attr("width", 14.0)
                .attr("height", 12.0)
                .attr("rx", 6.0)
                .attr("fill", PAPER)
                .attr("stroke", INK);
        }
        Symbol::AsOf => {
            w.leaf("line")
                .attr("x1", x)
                .attr("x2", x)
                .attr("y1", y - 8.0)
                .attr("y2", y + 8.0)
                .attr("stroke", AS_OF)
                .attr("stroke-width", 1.5)
                .attr("stroke-dasharray", "5 3");
        }
        Symbol::Original => {
            w.open("g").attr("opacity", 0.45);
            shape(w, Shape::Square, state_style(State::Open).1, x, y);
            w.close();
        }
    }
}
