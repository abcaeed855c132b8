//! The one place the chart reads the timeline layer: [`from_docket`] turns the records `list`
//! shows (their dates, statuses and due dates worked out there, as of the day) into the chart's
//! own [`Chart`]. A change to the timeline model touches this file and nothing else of the chart.

use chrono::{Datelike, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::model::{Chart, Dates, Kind, Mark, Precision, Row, State, TimeOfDay, Window};
use crate::rules::{Trigger, place};
use crate::timeline::{self, Docket, EventEnd, Filter, Precision as Known, Record, Status, When};

/// An open deadline due within this many days of the as-of day is drawn as due soon: the days
/// `docket upcoming` looks ahead by default.
pub const DUE_SOON_DAYS: i64 = 30;

/// The chart of a docket's records as of a day (`None`: today in each timeline's zone), those
/// `filter` keeps and that fall in `window`, one row per timeline.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::render::chart::{State, Kind, Window, from_docket};
/// use docket::timeline::{Docket, Filter};
/// let docket = Docket::load(&["timelines/denver-ice-subpoenas.toml".into()], Calendars::builtin());
/// let chart = from_docket(&docket, "2020-01-20".parse().ok(), &Filter::default(), Window::default());
/// let marks = &chart.rows[0].marks;
/// let due = marks.iter().find(|m| m.id == "subpoena-1-response").unwrap();
/// assert_eq!(due.kind, Kind::Deadline(State::DueSoon));
/// assert_eq!(due.date_text, "Mon 2020-01-27");
/// ```
pub fn from_docket(
    docket: &Docket,
    as_of: Option<NaiveDate>,
    filter: &Filter,
    window: Window,
) -> Chart {
    let mut marks: Vec<Vec<Mark>> = vec![Vec::new(); docket.timelines.len()];
    let days: Vec<NaiveDate> = (0..docket.timelines.len())
        .map(|t| timeline::as_of_for(docket, t, as_of))
        .collect();
    let index: std::collections::HashMap<&str, usize> = docket
        .timelines
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    for r in timeline::list(docket, as_of, filter) {
        let Some(&t) = index.get(r.timeline) else {
            continue;
        };
        if let Some(mark) = mark(&r, days[t]).filter(|m| window.overlaps(m.when.first, m.when.last))
        {
            marks[t].push(mark);
        }
    }
    let rows: Vec<Row> = docket
        .timelines
        .iter()
        .zip(marks)
        .zip(days)
        .filter(|((_, m), _)| !m.is_empty())
        .map(|((t, marks), as_of)| Row {
            id: t.id.clone(),
            title: t.title.clone(),
            subtitle: Some(
                [t.case.as_deref(), t.court.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
            )
            .filter(|s| !s.is_empty()),
            as_of,
            marks,
        })
        .collect();
    let title = match &rows[..] {
        [one] => one.title.clone(),
        _ => format!("{} timelines", rows.len()),
    };
    Chart {
        title,
        rows,
        window,
    }
}

/// A record's mark (`None` for a deadline with no due day, which `list` never gives).
fn mark(r: &Record, as_of: NaiveDate) -> Option<Mark> {
    let (when, approximate, time, date_text) = match r.when {
        Some(w) => event_dates(w, r.zone),
        None => {
            let due = r.due?;
            let time = r
                .due_at
                .filter(|at| at.time() != NaiveTime::from_hms_opt(23, 59, 59).expect("valid"))
                .map(|at| TimeOfDay {
                    at: at.time(),
                    zone: match r.zone {
                        Some(tz) => at.with_timezone(&tz).format("%Z").to_string(),
                        None => at.format("%:z").to_string(),
                    },
                });
            let text = day_text(due, time.as_ref());
            (Dates::day(due), false, time, text)
        }
    };
    let kind = match r.status {
        Some(status) => Kind::Deadline(state(status, r.days_left.unwrap_or(0))),
        None => Kind::Event(r.event_kind.map(str::to_string)),
    };
    let mut hover = vec![r.title.to_string(), format!("id: {}", r.id)];
    match &kind {
        Kind::Event(k) => {
            let known = match when.precision {
                Precision::Day => "",
                Precision::Month => " (known only to the month)",
                Precision::Year => " (known only to the year)",
            };
            let approx = if approximate { ", approximate" } else { "" };
            hover.push(format!("date: {date_text}{known}{approx}"));
            match r.end {
                Some(EventEnd::At(at)) => hover.push(match r.zone {
                    Some(tz) => format!(
                        "ends: {}",
                        at.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z")
                    ),
                    None => format!("ends: {}", at.format("%Y-%m-%d %H:%M %:z")),
                }),
                Some(EventEnd::LastDay(last)) => hover.push(format!("last day: {last}")),
                None => {}
            }
            hover.push(format!("kind: {}", k.as_deref().unwrap_or("event")));
        }
        Kind::Deadline(state) => {
            hover.push(format!("due: {date_text}"));
            let left = match r.days_left {
                Some(0) => " (due that day)".to_string(),
                Some(d) if d < 0 && r.status.is_some_and(Status::is_open) => {
                    format!(" ({} days past due)", -d)
                }
                Some(d) if d > 0 => format!(" ({d} days left)"),
                _ => String::new(),
            };
            hover.push(format!("status as of {as_of}: {}{left}", state.word()));
            if let Some(c) = r.computed_due {
                hover.push(format!("extended from {c} (the computed date)"));
            }
            match (r.period, r.trigger_of()) {
                (Some(p), Some(t)) => hover.push(format!("period: {p} from {t}")),
                (None, _) => hover.push("period: a fixed date".to_string()),
                (Some(p), None) => hover.push(format!("period: {p}")),
            }
            hover.push(format!(
                "authority: {}",
                r.authority.unwrap_or("none given")
            ));
        }
    }
    hover.extend(r.source_lines().map(|s| format!("source: {s}")));
    Some(Mark {
        id: r.id.to_string(),
        title: r.title.to_string(),
        kind,
        when,
        approximate,
        time,
        date_text,
        trigger: r.trigger.map(str::to_string),
        original: r.computed_due,
        period: r.period.map(ToString::to_string),
        authority: r.authority.map(str::to_string),
        hover,
    })
}

/// A deadline's state: its status as of the day, an open one told apart by its days left.
fn state(status: Status, days_left: i64) -> State {
    match status {
        Status::Open | Status::Extended if days_left < 0 => State::Overdue,
        Status::Open | Status::Extended if days_left <= DUE_SOON_DAYS => State::DueSoon,
        Status::Open => State::Open,
        Status::Extended => State::Extended,
        Status::Done => State::Done,
        Status::Missed => State::Missed,
        Status::Withdrawn => State::Withdrawn,
        Status::Unknown => State::Unknown,
    }
}

/// An event's days, approximate flag, time of day (in the zone it is shown in) and words.
fn event_dates(w: &When, zone: Option<Tz>) -> (Dates, bool, Option<TimeOfDay>, String) {
    let c = if w.approximate { "c. " } else { "" };
    let (dates, time) = match w.precision {
        Known::Day(d) | Known::Moment(Trigger::Date(d)) => (Dates::day(d), None),
        Known::Moment(Trigger::Local(local, own)) => {
            let zone = own
                .or(zone)
                .and_then(|tz| place(local, tz).ok())
                .map(|at| at.format("%Z").to_string())
                .unwrap_or_default();
            let time = TimeOfDay {
                at: local.time(),
                zone,
            };
            (Dates::day(local.date()), Some(time))
        }
        Known::Moment(Trigger::Instant(at, own)) => match own.or(zone) {
            Some(tz) => {
                let local = at.with_timezone(&tz);
                let time = TimeOfDay {
                    at: local.time(),
                    zone: local.format("%Z").to_string(),
                };
                (Dates::day(local.date_naive()), Some(time))
            }
            None => {
                let time = TimeOfDay {
                    at: at.time(),
                    zone: at.format("%:z").to_string(),
                };
                (Dates::day(at.date_naive()), Some(time))
            }
        },
        Known::Month(y, m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            let last = next.and_then(|n| n.pred_opt()).unwrap_or(first);
            let dates = Dates {
                first,
                last,
                precision: Precision::Month,
            };
            return (dates, w.approximate, None, w.to_string());
        }
        Known::Year(y) => {
            let first = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN);
            let last = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(first);
            let dates = Dates {
                first,
                last,
                precision: Precision::Year,
            };
            return (dates, w.approximate, None, w.to_string());
        }
    };
    let text = format!("{c}{}", day_text(dates.first, time.as_ref()));
    (dates, w.approximate, time, text)
}

/// `Mon 2020-01-27`, with the time when there is one (`Tue 2027-01-12 10:00 MST`).
fn day_text(day: NaiveDate, time: Option<&TimeOfDay>) -> String {
    let mut text = format!("{} {day}", day.weekday());
    if let Some(t) = time {
        text += &format!(" {}", t.at.format("%H:%M"));
        if !t.zone.is_empty() {
            text += &format!(" {}", t.zone);
        }
    }
    text
}
