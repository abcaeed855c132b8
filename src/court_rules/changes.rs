//! When a rule set changes (a new version of a rule, a corrected period), the deadlines it made
//! are not moved: `docket check` lists each one it affects, old beside new, and `docket accept`
//! applies the new rule after review.

use chrono::NaiveDate;
use toml_edit::{InlineTable, Table, Value, value};

use super::answers::Answers;
use super::family::Made;
use super::registry::RuleSets;
use super::set::Status;
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::date;
use crate::timeline::{Docket, Rule};

/// A deadline whose rule now says something else.
#[derive(Clone, Debug)]
pub struct RuleChange {
    /// The deadline's index in the docket.
    pub index: usize,
    /// What the rule set makes now.
    pub now: Made,
    /// In words: what was, and what is.
    pub summary: String,
}

/// Every deadline made by a rule of `sets` that the rule, as the set reads now, would make
/// differently: another version of the rule, or another date.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::court_rules::{RuleSets, changes::changes};
/// use docket::timeline::Docket;
/// let docket = Docket::load(&["timelines".into()], Calendars::builtin());
/// assert!(changes(&docket, RuleSets::builtin()).is_empty());
/// ```
pub fn changes(docket: &Docket, sets: &RuleSets) -> Vec<RuleChange> {
    let mut out = Vec::new();
    for (i, d) in docket.deadlines.iter().enumerate() {
        let Some(m) = &d.made_by else {
            continue;
        };
        let Some((set_id, rule_id)) = m.rule.split_once('/') else {
            continue;
        };
        let (Ok(set), Some(base), Some(calendar), Some(computed)) = (
            sets.get(set_id),
            docket.trigger_day(i),
            docket.calendar_of(d),
            docket.computed[i].as_ref(),
        ) else {
            continue;
        };
        let answers = Answers::from_pairs(m.answers.iter().map(|(q, a)| (q.as_str(), a.as_str())));
        let Ok(Some(now)) = set.remake(rule_id, base, &answers, calendar) else {
            continue;
        };
        let old_period = match &d.rule {
            Rule::Period { period, .. } => Some(period.to_string()),
            Rule::Fixed(_) => None,
        };
        let new_period = now.period.map(|p| p.to_string());
        let old_version = m.version.as_deref().unwrap_or("unknown");
        let old_due = computed.due.date;
        // Another period that gives the same day (`14 days` and `14 days + electronic` after
        // 2016) changes nothing to review.
        if old_version == now.version && old_due == now.due {
            continue;
        }
        let show = |p: &Option<String>, due: NaiveDate| match p {
            Some(p) => format!("{p}, due {due}"),
            None => format!("due {due}"),
        };
        let summary = format!(
            "version {old_version} ({}) → version {} ({})",
            show(&old_period, old_due),
            now.version,
            show(&new_period, now.due)
        );
        out.push(RuleChange {
            index: i,
            now,
            summary,
        });
    }
    out
}

impl RuleChange {
    /// The change as `docket check` reports it: a date to review, like a moved date.
    pub fn diagnostic(&self, docket: &Docket) -> Diagnostic {
        let d = &docket.deadlines[self.index];
        let file = docket.timelines[d.timeline].file.clone();
        let mut diag = Diagnostic::warning(
            &file,
            d.id_span.range(),
            format!(
                "the rule that made `{}` has changed: `{}` {}",
                d.id,
                self.now.rule_ref(),
                self.summary
            ),
        )
        .help(format!(
            "review the rule (`docket rules show {}`), then apply it with `docket accept {}`",
            self.now.set, d.id
        ));
        diag.severity = Severity::Moved;
        diag
    }

    /// Writes what the rule makes now into the deadline's table: its period or date, version,
    /// authority and readings.
    pub fn write(&self, table: &mut Table) {
        let m = &self.now;
        match &m.period {
            Some(p) => {
                table.remove("due");
                table["period"] = value(p.to_string());
            }
            None => {
                table.remove("period");
                table["due"] = value(date(m.due));
            }
        }
        table["authority"] = value(match m.status {
            Status::Verified => m.cite.clone(),
            Status::Draft => format!("{} (draft: the rule's text is not verified)", m.cite),
        });
        table["rule_version"] = value(m.version.as_str());
        match m.status {
            Status::Draft => table["rule_status"] = value("draft"),
            Status::Verified => {
                table.remove("rule_status");
            }
        }
        table.remove("readings");
        if !m.readings.is_empty() {
            let mut list = toml_edit::Array::new();
            for r in &m.readings {
                let mut one = InlineTable::new();
                one.insert("id", Value::from(r.id.as_str()));
                one.insert("due", Value::from(date(r.due)));
                one.insert("source", Value::from(r.source.as_str()));
                list.push(Value::InlineTable(one));
            }
            table["readings"] = value(list);
        }
    }
}
