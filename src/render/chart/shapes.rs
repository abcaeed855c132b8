//! The marks' shapes: events are circles (a dashed ring when approximate); each state of a
//! deadline has a silhouette of its own (see [`state_style`](super::style::state_style)), so
//! the chart reads without colour.

use super::layout::RADIUS;
use super::style::{PAPER, Shape};
use super::xml::Writer;

/// An event: a filled circle, or a dashed ring when its date is approximate.
pub(super) fn event_circle(w: &mut Writer, x: f64, y: f64, colour: &str, approximate: bool) {
    let c = w.leaf("circle").attr("cx", x).attr("cy", y);
    if approximate {
        c.attr("r", RADIUS - 1.0)
            .attr("fill", PAPER)
            .attr("stroke", colour)
            .attr("stroke-width", 2.0)
            .attr("stroke-dasharray", "2.5 1.5");
    } else {
        c.attr("r", RADIUS - 0.5).attr("fill", colour);
    }
}

/// A deadline's shape, centred on `x`, `y`.
pub(super) fn shape(w: &mut Writer, shape: Shape, colour: &str, x: f64, y: f64) {
    let path = |w: &mut Writer, d: String| {
        w.leaf("path").attr("d", d.as_str());
    };
    let square = |w: &mut Writer, r: f64| {
        w.leaf("rect")
            .attr("x", x - r)
            .attr("y", y - r)
            .attr("width", 2.0 * r)
            .attr("height", 2.0 * r);
    };
    match shape {
        Shape::Square => {
            square(w, 5.0);
            w.attr("fill", PAPER)
                .attr("stroke", colour)
                .attr("stroke-width", 2.0);
        }
        Shape::Triangle => {
            path(
                w,
                format!(
                    "M{} {} L{} {} L{} {} Z",
                    n(x),
                    n(y - 7.0),
                    n(x + 7.0),
                    n(y + 5.5),
                    n(x - 7.0),
                    n(y + 5.5)
                ),
            );
            w.attr("fill", colour);
        }
        Shape::Diamond => {
            path(
                w,
                format!(
                    "M{} {} L{} {} L{} {} L{} {} Z",
                    n(x),
                    n(y - 7.5),
                    n(x + 7.5),
                    n(y),
                    n(x),
                    n(y + 7.5),
                    n(x - 7.5),
                    n(y)
                ),
            );
            w.attr("fill", colour);
            path(w, format!("M{} {} V{}", n(x), n(y - 4.0), n(y + 1.0)));
            w.attr("stroke", PAPER).attr("stroke-width", 1.8);
            w.leaf("circle")
                .attr("cx", x)
                .attr("cy", y + 3.3)
                .attr("r", 1.0)
                .attr("fill", PAPER);
        }
        Shape::Ticked => {
            square(w, 6.0);
            w.attr("fill", colour);
            path(
                w,
                format!(
                    "M{} {} L{} {} L{} {}",
                    n(x - 3.5),
                    n(y),
                    n(x - 1.0),
                    n(y + 2.8),
                    n(x + 3.6),
                    n(y - 3.0)
                ),
            );
            w.attr("fill", "none")
                .attr("stroke", PAPER)
                .attr("stroke-width", 1.8);
        }
        Shape::Cross => {
            path(
                w,
                format!(
                    "M{} {} L{} {} M{} {} L{} {}",
                    n(x - 5.0),
                    n(y - 5.0),
                    n(x + 5.0),
                    n(y + 5.0),
                    n(x + 5.0),
                    n(y - 5.0),
                    n(x - 5.0),
                    n(y + 5.0)
                ),
            );
            w.attr("stroke", colour).attr("stroke-width", 3.4);
        }
        Shape::Arrow => {
            path(
                w,
                format!(
                    "M{} {} H{} L{} {} L{} {} H{} Z",
                    n(x - 6.5),
                    n(y - 5.5),
                    n(x + 1.0),
                    n(x + 7.0),
                    n(y),
                    n(x + 1.0),
                    n(y + 5.5),
                    n(x - 6.5)
                ),
            );
            w.attr("fill", colour);
        }
        Shape::Struck => {
            square(w, 5.0);
            w.attr("fill", PAPER)
                .attr("stroke", colour)
                .attr("stroke-width", 1.6);
            path(
                w,
                format!(
                    "M{} {} L{} {}",
                    n(x - 7.0),
                    n(y + 7.0),
                    n(x + 7.0),
                    n(y - 7.0)
                ),
            );
            w.attr("stroke", colour).attr("stroke-width", 1.8);
        }
        Shape::Question => {
            square(w, 5.5);
            w.attr("fill", PAPER)
                .attr("stroke", colour)
                .attr("stroke-width", 1.5)
                .attr("stroke-dasharray", "2 1.5");
            w.open("text")
                .attr("x", x)
                .attr("y", y + 3.5)
                .attr("font-size", 9.0)
                .attr("font-weight", "bold")
                .attr("text-anchor", "middle")
                .attr("fill", colour)
                .text("?")
                .close();
        }
    }
}

/// A number in a path, as the writer writes attributes.
pub(super) fn n(v: f64) -> String {
    let mut s = String::new();
    super::xml::number(&mut s, v);
    s
}
