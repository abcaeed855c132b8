//! Colours and shapes. Every colour reads at WCAG AA contrast on white (4.5:1, the level for
//! text, though marks need only 3:1), and a deadline's state is carried by its shape and its
//! word as well as its colour, so the chart reads in black and white.

use super::model::State;

/// The page.
pub const PAPER: &str = "#ffffff";
/// Text.
pub const INK: &str = "#111827";
/// Secondary text: dates, subtitles, the legend.
pub const MUTED: &str = "#4b5563";
/// The axis, ticks and the lines from a deadline to its trigger.
pub const RULE: &str = "#6b7280";
/// The background of a break.
pub const BREAK_FILL: &str = "#eef0f3";
/// The as-of line.
pub const AS_OF: &str = "#9d174d";

/// How a deadline in a state is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An empty square.
    Square,
    /// A triangle, point up: a warning.
    Triangle,
    /// A filled diamond with an exclamation mark.
    Diamond,
    /// A filled square with a tick.
    Ticked,
    /// A cross.
    Cross,
    /// An arrow pointing right: moved later.
    Arrow,
    /// An empty square struck through.
    Struck,
    /// A dashed square with a question mark.
    Question,
}

/// The shape and colour of a deadline in `state`.
///
/// ```
/// use docket::render::chart::{State, state_style, Shape};
/// assert_eq!(state_style(State::Missed).0, Shape::Cross);
/// ```
pub fn state_style(state: State) -> (Shape, &'static str) {
    match state {
        State::Open => (Shape::Square, "#1d4ed8"),
        State::DueSoon => (Shape::Triangle, "#9a3412"),
        State::Overdue => (Shape::Diamond, "#b91c1c"),
        State::Done => (Shape::Ticked, "#15803d"),
        State::Missed => (Shape::Cross, "#6d28d9"),
        State::Extended => (Shape::Arrow, "#0e7490"),
        State::Withdrawn => (Shape::Struck, "#57534e"),
        State::Unknown => (Shape::Question, "#52525b"),
    }
}

/// Colours of event kinds (events are circles), given to the kinds in alphabetical order.
pub const KIND_COLOURS: [&str; 8] = [
    "#334155", "#0f766e", "#9d174d", "#1e40af", "#7c2d12", "#3f6212", "#6b21a8", "#155e75",
];

/// The colour of events with no kind.
pub const NO_KIND: &str = "#374151";

/// The WCAG 2 contrast ratio of two `#rrggbb` colours.
///
/// ```
/// use docket::render::chart::contrast;
/// assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
/// assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
/// ```
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Relative luminance (WCAG 2).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every colour the chart draws with, text and marks, reads at AA contrast for text on the
    /// page, and the white glyphs inside filled marks read on them.
    #[test]
    fn every_colour_passes_wcag_aa_on_white() {
        let states = State::ALL.map(|s| state_style(s).1);
        let all = [INK, MUTED, RULE, AS_OF, NO_KIND]
            .into_iter()
            .chain(states)
            .chain(KIND_COLOURS);
        for colour in all {
            assert!(contrast(colour, PAPER) >= 4.5, "{colour} on white");
        }
        // Text on a break's background.
        assert!(contrast(MUTED, BREAK_FILL) >= 4.5);
    }

    #[test]
    fn every_state_has_a_shape_of_its_own() {
        let mut shapes: Vec<_> = State::ALL.iter().map(|&s| state_style(s).0).collect();
        shapes.dedup();
        assert_eq!(shapes.len(), State::ALL.len());
        let mut shapes: Vec<_> = shapes.iter().map(|s| format!("{s:?}")).collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), State::ALL.len());
    }
}
