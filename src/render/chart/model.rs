//! What a chart is drawn from: rows of marks, each with its dates already worked out. The chart
//! computes no date of its own; [`from_docket`](super::from_docket) fills this in from the
//! timeline layer.

use chrono::{NaiveDate, NaiveTime};

/// A chart: one row per timeline, on one time axis.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    /// The heading.
    pub title: String,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// Only this part of time is drawn (`--from`, `--to`): spans reaching past it are cut.
    pub window: Window,
}

/// The days a chart is limited to; `None` leaves that side open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// The first day drawn.
    pub from: Option<NaiveDate>,
    /// The last day drawn.
    pub to: Option<NaiveDate>,
}

impl Window {
    /// Whether `day` is inside the window.
    ///
    /// ```
    /// use docket::render::chart::Window;
    /// let w = Window { from: "2020-01-01".parse().ok(), to: None };
    /// assert!(w.contains("2020-01-01".parse().unwrap()));
    /// assert!(!w.contains("2019-12-31".parse().unwrap()));
    /// ```
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }

    /// Whether any day of `first..=last` is inside the window.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= last) && self.to.is_none_or(|t| first <= t)
    }
}

/// One timeline.
#[derive(Clone, Debug)]
pub struct Row {
    /// The timeline's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// A second line under the title: the case and the court.
    pub subtitle: Option<String>,
    /// The day its statuses are as of.
    pub as_of: NaiveDate,
    /// Its records, in date order.
    pub marks: Vec<Mark>,
}

/// One event or deadline.
#[derive(Clone, Debug)]
pub struct Mark {
    /// The record's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Event (and of what kind) or deadline (and its status).
    pub kind: Kind,
    /// The days it may fall on.
    pub when: Dates,
    /// Marked approximate: shown with `c.`.
    pub approximate: bool,
    /// The time of day, when it has one.
    pub time: Option<TimeOfDay>,
    /// The date as it reads in a label (`Mon 2020-01-27`, `c. Dec 2017`, `Tue 2027-01-12 10:00 MST`).
    pub date_text: String,
    /// Deadlines: the id of what it counts from.
    pub trigger: Option<String>,
    /// Deadlines: the computed date an extension moved it from.
    pub original: Option<NaiveDate>,
    /// Deadlines: the period, in its text form.
    pub period: Option<String>,
    /// Deadlines: the rule, order or document that sets the period.
    pub authority: Option<String>,
    /// The lines shown on hover.
    pub hover: Vec<String>,
}

/// What a mark is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An event, with its kind (`letter`, `hearing`, ...) when the file gives one.
    Event(Option<String>),
    /// A deadline with its state as of the row's day.
    Deadline(State),
}

/// The days a mark may fall on, at the precision they are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    /// The first day it may fall on.
    pub first: NaiveDate,
    /// The last day it may fall on (the same day when it is known to the day).
    pub last: NaiveDate,
    /// How precisely it is known.
    pub precision: Precision,
}

impl Dates {
    /// A date known to the day.
    pub fn day(day: NaiveDate) -> Dates {
        Dates {
            first: day,
            last: day,
            precision: Precision::Day,
        }
    }
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// To the day: a point.
    Day,
    /// To the month: a span over the month.
    Month,
    /// To the year: a span over the year.
    Year,
}

/// A time of day and the name of its zone there (`MST`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeOfDay {
    /// The wall-clock time.
    pub at: NaiveTime,
    /// The zone's abbreviation or offset at that time.
    pub zone: String,
}

/// A deadline's state as of a day, as the chart shows it: its status, with an open deadline
/// told apart by how close it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// Open, and not due soon.
    Open,
    /// Open and due within the next days.
    DueSoon,
    /// Open and past its due day.
    Overdue,
    /// Met.
    Done,
    /// Passed without being met.
    Missed,
    /// Moved to a new date.
    Extended,
    /// No longer due.
    Withdrawn,
    /// The outcome is not known.
    Unknown,
}

impl State {
    /// Every state, in the legend's order.
    pub const ALL: [State; 8] = [
        State::Open,
        State::DueSoon,
        State::Overdue,
        State::Done,
        State::Missed,
        State::Extended,
        State::Withdrawn,
        State::Unknown,
    ];

    /// The word shown beside a deadline.
    ///
    /// ```
    /// assert_eq!(docket::render::chart::State::DueSoon.word(), "due soon");
    /// ```
    pub fn word(self) -> &'static str {
        match self {
            State::Open => "open",
            State::DueSoon => "due soon",
            State::Overdue => "overdue",
            State::Done => "done",
            State::Missed => "missed",
            State::Extended => "extended",
            State::Withdrawn => "withdrawn",
            State::Unknown => "unknown",
        }
    }

    /// The word as a class name (`due-soon`).
    pub fn class(self) -> &'static str {
        match self {
            State::DueSoon => "due-soon",
            other => other.word(),
        }
    }
}
