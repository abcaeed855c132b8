//! Applying a trigger's family to a timeline: every deadline the rules reached make, added to
//! the event's timeline file through an edit [`Session`] (its lock, its checks, the canonical
//! layout of what it adds and the file byte for byte elsewhere), each with `rule = "SET/RULE"`,
//! the rule's version, the answers it used and its citation as authority. A deadline already
//! made by the same rule from the same trigger is left as it is: a second apply adds nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use toml_edit::{InlineTable, Item, Table, Value, value};

use super::answers::Answers;
use super::error::RulesError;
use super::family::Made;
use super::set::{CountsFrom, RuleSet, Status};
use crate::calendar::Calendars;
use crate::edit::{Kind, Session, date, ids};
use crate::timeline::{RecordRef, Status as DeadlineStatus};

/// One deadline of the family, added or found already there. Its JSON names the rule as a
/// timeline does, `SET/RULE`.
#[derive(Clone, Debug)]
pub struct Placed {
    /// Its id in the timeline.
    pub id: String,
    /// Whether this apply adds it (`false`: it was already there).
    pub added: bool,
    /// What the rule made.
    pub made: Made,
}

impl serde::Serialize for Placed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct View<'a> {
            id: &'a str,
            added: bool,
            rule: String,
            rule_version: &'a str,
            rule_status: Status,
            title: &'a str,
            due: NaiveDate,
            readings: &'a [super::family::ReadingDue],
            period: Option<String>,
            reckon: &'a str,
            counted_from: Option<&'a str>,
            counts_from: CountsFrom,
            answers: &'a BTreeMap<String, String>,
            citation: &'a str,
            quote: &'a str,
            source: &'a str,
            notes: Option<&'a str>,
        }
        let m = &self.made;
        View {
            id: &self.id,
            added: self.added,
            rule: m.rule_ref(),
            rule_version: &m.version,
            rule_status: m.status,
            title: &m.title,
            due: m.due,
            readings: &m.readings,
            period: m.period.map(|p| p.to_string()),
            reckon: &m.reckon,
            counted_from: m.parent.as_deref(),
            counts_from: m.counts_from,
            answers: &m.answers,
            citation: &m.cite,
            quote: &m.quote,
            source: &m.source,
            notes: m.notes.as_deref(),
        }
        .serialize(s)
    }
}

/// Adds the family of `trigger` (set `set`) counted from event `event` to the event's timeline
/// file in `session`; nothing is written until the session's plan is.
pub fn apply(
    session: &mut Session,
    set: &RuleSet,
    trigger: &str,
    event: &str,
    answers: &Answers,
    calendars: &Calendars,
) -> Result<Vec<Placed>, RulesError> {
    let docket = &session.docket;
    let e = match docket.find(event) {
        Some(RecordRef::Event(e)) => &docket.events[e],
        Some(RecordRef::Deadline(_)) => {
            return Err(RulesError::Input(format!(
                "`{event}` is a deadline; a rule set's trigger is an event (`--to EVENT`)"
            )));
        }
        None => {
            let near = docket.nearest_id(event);
            return Err(RulesError::Input(format!(
                "no event has the id `{}`{}",
                crate::suggest::shown(event),
                near.map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default()
            )));
        }
    };
    let Some(day) = e.when.exact_day() else {
        return Err(RulesError::Input(format!(
            "event `{event}` is dated `{}`, not to a day; a rule counts from a day, so give the event its day first (`docket set {event} date YYYY-MM-DD`)",
            e.when
        )));
    };
    let timeline = &docket.timelines[e.timeline];
    let target = Target {
        event: event.to_string(),
        day,
        path: timeline.file.path.clone(),
        calendar: timeline.calendar.clone(),
    };
    apply_to(session, set, trigger, &target, answers, calendars)
}

/// The event a family counts from: its id and day, its timeline file and that timeline's
/// calendar.
#[derive(Clone, Debug)]
pub struct Target {
    /// The event's id.
    pub event: String,
    /// Its day.
    pub day: NaiveDate,
    /// Its timeline file.
    pub path: std::path::PathBuf,
    /// The timeline's calendar.
    pub calendar: String,
}

/// [`apply`] to an event given by [`Target`], which may be one this session adds
/// (`docket add event --rule`).
pub fn apply_to(
    session: &mut Session,
    set: &RuleSet,
    trigger: &str,
    target: &Target,
    answers: &Answers,
    calendars: &Calendars,
) -> Result<Vec<Placed>, RulesError> {
    let docket = &session.docket;
    let (event, day, path) = (target.event.as_str(), target.day, target.path.clone());
    let calendar = calendars
        .get(&target.calendar)
        .map_err(|err| RulesError::Input(err.to_string()))?;
    // Counted by the set's method: on the timeline's calendar if it counts by the same method,
    // else on the set's own calendar, named on each deadline.
    let (calendar, own_calendar) = match calendar.method() == set.method {
        true => (calendar, None),
        false => (
            calendars
                .get(&set.calendar)
                .map_err(|err| RulesError::Input(err.to_string()))?,
            Some(set.calendar.clone()),
        ),
    };
    // What is already there: deadlines this set's rules made, by (rule, trigger).
    let mut existing: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut done: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for d in docket.deadlines.iter() {
        if let (Some(m), Some(t)) = (&d.made_by, &d.trigger) {
            existing.insert((m.rule.to_string(), t.to_string()), d.id.to_string());
        }
    }
    let first = set.family_on(trigger, day, answers, None, calendar)?;
    if !first.unanswered.is_empty() {
        return Err(unanswered(set, trigger, &first.unanswered));
    }
    // Acts already recorded done among the deadlines already there, for the rules counted from
    // the act: the family is counted again from those days.
    let mut ids_of: BTreeMap<String, String> = BTreeMap::new();
    for m in &first.deadlines {
        let parent_id = match &m.parent {
            None => Some(event.to_string()),
            Some(p) => ids_of.get(p).cloned(),
        };
        let Some(pid) = parent_id else {
            continue;
        };
        let Some(id) = existing.get(&(m.rule_ref(), pid)).cloned() else {
            continue;
        };
        ids_of.insert(m.rule.clone(), id.clone());
        if let Some(RecordRef::Deadline(j)) = docket.find(&id)
            && let Some(c) = docket.deadlines[j].history.last()
            && c.status == DeadlineStatus::Done
        {
            done.insert(m.rule.clone(), c.on);
        }
    }
    let family = match done.is_empty() {
        true => first,
        false => set.family_on(trigger, day, answers, Some(&done), calendar)?,
    };
    let f = session
        .file(&path)
        .map_err(|err| RulesError::Input(err.to_string()))?;
    let mut placed = Vec::new();
    let mut ids_of: BTreeMap<String, String> = BTreeMap::new();
    for m in family.deadlines {
        let parent_id = match &m.parent {
            None => event.to_string(),
            Some(p) => match ids_of.get(p) {
                Some(id) => id.clone(),
                None => continue,
            },
        };
        if let Some(id) = existing.get(&(m.rule_ref(), parent_id.clone())) {
            ids_of.insert(m.rule.clone(), id.clone());
            placed.push(Placed {
                id: id.clone(),
                added: false,
                made: m,
            });
            continue;
        }
        let id = ids::from_title(&format!("{event} {}", m.rule), |id| session.id_taken(id));
        let table = table_for(&id, &parent_id, &m, own_calendar.as_deref());
        let before = position_after(session, f, &parent_id);
        session.files[f].insert(Kind::Deadline, table, before);
        session.touch(&id);
        ids_of.insert(m.rule.clone(), id.clone());
        placed.push(Placed {
            id,
            added: true,
            made: m,
        });
    }
    Ok(placed)
}

/// The error for questions a reached rule needs: each by name, with its answers.
pub fn unanswered(set: &RuleSet, trigger: &str, questions: &[String]) -> RulesError {
    let lines: Vec<String> = questions
        .iter()
        .map(|q| match set.question(q) {
            Some(x) if x.date => format!("`{q}`: {} (`--answer {q}=YYYY-MM-DD`)", x.ask),
            Some(x) => format!("`{q}`: {} (`--answer {q}={}`)", x.ask, x.answers.join("|")),
            None => format!("`{q}`"),
        })
        .collect();
    RulesError::Unanswered(format!(
        "`{}/{trigger}` needs an answer to {}",
        set.id,
        lines.join("; ")
    ))
}

/// Where a deadline counted from `trigger` goes: after the trigger and the deadlines already
/// counted from it.
fn position_after(session: &Session, f: usize, trigger: &str) -> Option<isize> {
    let file = &session.files[f];
    let docket = &session.docket;
    let siblings = file
        .record_positions()
        .into_iter()
        .filter(|(k, rid, _)| {
            rid == trigger
                || (*k == Kind::Deadline
                    && matches!(docket.find(rid), Some(RecordRef::Deadline(d)) if docket.deadlines[d].trigger.as_deref() == Some(trigger)))
        })
        .map(|(_, _, pos)| pos)
        .max();
    siblings.and_then(|p| file.next_after(p))
}

/// The `[[deadline]]` table for what a rule made.
fn table_for(id: &str, trigger: &str, m: &Made, calendar: Option<&str>) -> Table {
    let mut t = Table::new();
    t["id"] = value(id);
    t["title"] = value(m.title.as_str());
    t["trigger"] = value(trigger);
    match &m.period {
        Some(p) => t["period"] = value(p.to_string()),
        None => t["due"] = value(date(m.due)),
    }
    if m.counts_from == CountsFrom::Done {
        t["from"] = value("done");
    }
    let authority = match m.status {
        Status::Verified => m.cite.clone(),
        Status::Draft => format!("{} (draft: the rule's text is not verified)", m.cite),
    };
    t["authority"] = value(authority);
    t["rule"] = value(m.rule_ref());
    t["rule_version"] = value(m.version.as_str());
    if m.status == Status::Draft {
        t["rule_status"] = value("draft");
    }
    if !m.answers.is_empty() {
        let mut a = InlineTable::new();
        for (q, v) in &m.answers {
            a.insert(q, Value::from(v.as_str()));
        }
        t["answers"] = Item::Value(Value::InlineTable(a));
    }
    if let Some(c) = calendar {
        t["calendar"] = value(c);
    }
    if !m.readings.is_empty() {
        let mut list = toml_edit::Array::new();
        for r in &m.readings {
            let mut one = InlineTable::new();
            one.insert("id", Value::from(r.id.as_str()));
            one.insert("due", Value::from(date(r.due)));
            one.insert("source", Value::from(r.source.as_str()));
            list.push(Value::InlineTable(one));
        }
        t["readings"] = value(list);
    }
    t
}
