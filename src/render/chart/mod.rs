//! `docket chart`: a picture of a matter's timeline, as SVG or as a self-contained HTML page.
//!
//! The pipeline reads in the file list:
//!
//! - [`from_docket`] (`from_docket.rs`) is the one adapter from the timeline layer: it turns the
//!   records `list` shows, with their statuses and due dates as of the day, into a [`Chart`]
//!   (`model.rs`), the chart's own small model of rows and marks. Nothing else here reads a
//!   timeline, and nothing here computes a due date or a status.
//! - [`layout`] (`layout.rs`) places everything: the time axis with its breaks (`axis.rs`), the
//!   lanes that keep labels apart and the counts of marks with no room (`lanes.rs`), text widths
//!   (`measure.rs`), colours and shapes (`style.rs`), the legend (`legend.rs`).
//! - [`to_svg`] and [`to_html`] draw the layout (`svg.rs`, `shapes.rs`, `html.rs`) through a
//!   small typed XML writer (`xml.rs`) that escapes every value from a file.
//!
//! The same chart and the same day give the same bytes.
//!
//! ```
//! use docket::calendar::Calendars;
//! use docket::render::chart::{Window, from_docket, to_svg};
//! use docket::timeline::{Docket, Filter};
//! let docket = Docket::load(&["timelines".into()], Calendars::builtin());
//! let chart = from_docket(&docket, "2020-01-20".parse().ok(), &Filter::default(), Window::default());
//! let svg = to_svg(&chart);
//! assert!(svg.contains("data-id=\"subpoenas-issued\""));
//! assert_eq!(svg, to_svg(&chart));
//! ```

mod axis;
mod from_docket;
mod html;
mod lanes;
mod layout;
mod legend;
mod measure;
mod model;
mod shapes;
mod style;
mod svg;
mod xml;

pub use axis::{Axis, Break, Segment, Tick};
pub use from_docket::{DUE_SOON_DAYS, from_docket};
pub use lanes::{clusters, pack};
pub use layout::{
    AsOf, At, Cluster, DETAIL_SIZE, Item, LABEL_MAX, LANE, Layout, Link, MAX_LANES, Rect,
    RowLayout, TITLE_SIZE, boxes, layout, layout_with,
};
pub use legend::{LegendEntry, Symbol};
pub use measure::{fit, shown, text_width};
pub use model::{Chart, Dates, Kind, Mark, Precision, Row, State, TimeOfDay, Window};
pub use style::{KIND_COLOURS, Shape, contrast, state_style};
pub use xml::{Value, Writer};

/// The chart as a standalone SVG file.
pub fn to_svg(chart: &Chart) -> String {
    let placed = layout(chart);
    let mut w = Writer::new();
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg::write_svg(&mut w, chart, &placed);
    w.newline();
    w.finish()
}

/// The chart as one HTML page, its records in tables beneath it. The page carries the heading,
/// so the chart in it does not.
pub fn to_html(chart: &Chart) -> String {
    let placed = layout_with(chart, false);
    let mut w = Writer::new();
    html::write_page(&mut w, chart, &placed);
    w.finish()
}
