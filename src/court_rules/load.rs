//! Reading a rule-set file: serde for the shape (unknown keys refused), then every check serde
//! cannot make, each problem a [`Diagnostic`] with file, line, column and snippet: a period that
//! does not parse, a chain that refers to nothing or loops, a condition that names an unknown
//! question or answer, versions of one rule in force on the same day.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use super::condition::Condition;
use super::file::{ExampleSpec, RuleSpec, SetFile, TermSpec, WhenSpec};
use super::set::{
    Alternative, CountsFrom, Example, Parent, Question, Reading, Reckon, Rule, RuleSet, Status,
    Term, TriggerKind,
};
use crate::calendar::Calendars;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::rules::{Methods, Period, Roll};
use crate::suggest::nearest;

/// Reads and checks one rule-set file; `calendars` are those its `calendar` may name.
///
/// ```
/// use docket::calendar::Calendars;
/// use docket::court_rules::load::load;
/// use docket::diagnostic::SourceFile;
/// let text = "[set]\nid = \"x\"\ntitle = \"X\"\njurisdiction = \"J\"\nmethod = \"frcp-6\"\ncalendar = \"us-federal\"\nverified = { on = 2026-12-01, source = \"s\" }\n\n[[trigger]]\nid = \"served\"\ntitle = \"Served\"\n\n[[rule]]\nid = \"r\"\ntitle = \"Due\"\ncite = \"c\"\nquote = \"q\"\nsource = \"s\"\nstatus = \"draft\"\ntrigger = \"served\"\nperiod = \"21 dayz\"\n";
/// let problems = load(std::sync::Arc::new(SourceFile::new("x.toml", text)), Calendars::builtin()).unwrap_err();
/// assert_eq!(problems.len(), 1);
/// assert_eq!(problems[0].location().unwrap(), "x.toml:21:10");
/// assert!(problems[0].help.as_deref().unwrap().contains("`days`"));
/// ```
pub fn load(file: Arc<SourceFile>, calendars: &Calendars) -> Result<RuleSet, Vec<Diagnostic>> {
    let text = file.text().to_string();
    let spec: SetFile = match toml::from_str(&text) {
        Ok(s) => s,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let near = unknown_field_near(&message);
            return Err(vec![
                Diagnostic::error(
                    &file,
                    span,
                    message.lines().next().unwrap_or("").to_string(),
                )
                .suggest(near.as_deref()),
            ]);
        }
    };
    let mut c = Checker {
        file: file.clone(),
        problems: Vec::new(),
    };
    let set = c.set(spec, calendars, &text);
    match (set, c.problems.is_empty()) {
        (Some(set), true) => Ok(set),
        _ => Err(c.problems),
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the nearest expected name.
fn unknown_field_near(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    nearest(name, expected).map(str::to_string)
}

struct Checker {
    file: Arc<SourceFile>,
    problems: Vec<Diagnostic>,
}

const ID_CHARS: &str = "lowercase letters, digits and `-` (and capitals for a rule's subdivision)";

impl Checker {
    fn at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, span, message)
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.at(span, message));
    }

    fn id(&mut self, id: &Spanned<String>, what: &str) {
        let ok = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            let diagnostic = self
                .at(id.span(), format!("invalid {what} id `{}`", id.get_ref()))
                .expected(ID_CHARS);
            self.problems.push(diagnostic);
        }
    }

    fn date(&mut self, d: &Spanned<Datetime>) -> Option<NaiveDate> {
        match plain_date(d.get_ref()) {
            Some(day) => Some(day),
            None => {
                let diagnostic = self
                    .at(d.span(), format!("`{}` is not a plain date", d.get_ref()))
                    .expected("a date such as `2009-12-01`");
                self.problems.push(diagnostic);
                None
            }
        }
    }

    fn period(&mut self, p: &Spanned<String>) -> Option<Period> {
        match p.get_ref().parse::<Period>() {
            Ok(period) => Some(period),
            Err(e) => {
                let near = match &e {
                    crate::rules::PeriodError::UnknownUnit {
                        suggestion: Some(s),
                        ..
                    } => Some(s.clone()),
                    _ => None,
                };
                let diagnostic = self
                    .at(p.span(), format!("invalid period: {e}"))
                    .expected(
                        "`N UNIT [before] [+ mail|clerk|consent|electronic]`, such as `21 days`",
                    )
                    .suggest(near.as_deref());
                self.problems.push(diagnostic);
                None
            }
        }
    }

    fn set(&mut self, spec: SetFile, calendars: &Calendars, text: &str) -> Option<RuleSet> {
        let h = spec.set;
        self.id(&h.id, "set");
        let methods = Methods::builtin();
        if methods.get(h.method.get_ref()).is_err() {
            let near = nearest(h.method.get_ref(), methods.iter().map(|m| m.id()));
            let diagnostic = self
                .at(
                    h.method.span(),
                    format!("unknown counting method `{}`", h.method.get_ref()),
                )
                .suggest(near);
            self.problems.push(diagnostic);
        }
        if let Err(err) = calendars.get(h.calendar.get_ref()) {
            let near = match &err {
                crate::calendar::CalendarError::Unknown { suggestion, .. } => suggestion.clone(),
                _ => None,
            };
            let diagnostic = self
                .at(
                    h.calendar.span(),
                    format!("unknown calendar `{}`", h.calendar.get_ref()),
                )
                .suggest(near.as_deref());
            self.problems.push(diagnostic);
        }
        let verified_on = self.date(&h.verified.on);

        // Questions.
        let mut questions: Vec<Question> = Vec::new();
        for q in spec.question {
            self.id(&q.id, "question");
            if questions.iter().any(|o| &o.id == q.id.get_ref()) {
                self.error(
                    q.id.span(),
                    format!("question `{}` is defined twice", q.id.get_ref()),
                );
            }
            let date = match q.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None | Some("choice") => false,
                Some("date") => true,
                Some(other) => {
                    let span = q.kind.as_ref().map(Spanned::span).unwrap_or_default();
                    let near = nearest(other, ["choice", "date"]);
                    let diagnostic = self
                        .at(span, format!("unknown question kind `{other}`"))
                        .expected("`choice` or `date`")
                        .suggest(near);
                    self.problems.push(diagnostic);
                    false
                }
            };
            if !date && q.answers.is_empty() {
                let diagnostic = self
                    .at(
                        q.id.span(),
                        format!("question `{}` lists no answers", q.id.get_ref()),
                    )
                    .expected("`answers = [\"yes\", \"no\"]`, or `kind = \"date\"`");
                self.problems.push(diagnostic);
            }
            questions.push(Question {
                id: q.id.into_inner(),
                ask: q.ask,
                answers: q.answers,
                date,
            });
        }

        // Triggers.
        let mut triggers: Vec<TriggerKind> = Vec::new();
        for t in spec.trigger {
            self.id(&t.id, "trigger");
            if triggers.iter().any(|o| &o.id == t.id.get_ref()) {
                self.error(
                    t.id.span(),
                    format!("trigger `{}` is defined twice", t.id.get_ref()),
                );
            }
            triggers.push(TriggerKind {
                id: t.id.into_inner(),
                title: t.title,
                description: t.description,
            });
        }

        // Rules: ids first, so chains may point forward.
        let rule_ids: Vec<String> = spec
            .rule
            .iter()
            .map(|r| r.get_ref().id.get_ref().clone())
            .collect();
        let mut rules = Vec::new();
        let mut parents: Vec<(String, Option<String>, Range<usize>)> = Vec::new();
        for spanned in spec.rule {
            let span = spanned.span();
            let r = spanned.into_inner();
            if let Some(rule) = self.rule(r, span, &questions, &triggers, &rule_ids) {
                let parent = match &rule.parent {
                    Parent::Rule(p) => Some(p.clone()),
                    Parent::Trigger(_) => None,
                };
                parents.push((rule.id.clone(), parent, rule.span.clone()));
                rules.push(rule);
            }
        }
        self.overlaps(&rules);
        self.loops(&parents);
        Some(RuleSet {
            id: h.id.into_inner(),
            title: h.title,
            jurisdiction: h.jurisdiction,
            method: h.method.into_inner(),
            calendar: h.calendar.into_inner(),
            sources: h.sources,
            verified_on: verified_on?,
            verified_source: h.verified.source,
            notes: h.notes,
            questions,
            triggers,
            rules,
            file: self.file.clone(),
            fingerprint: fingerprint(text),
        })
    }

    fn condition(&mut self, when: WhenSpec, questions: &[Question]) -> Condition {
        let span = when.span();
        let mut all = Vec::new();
        for (q, allowed) in when.into_inner() {
            let allowed = allowed.into_vec();
            match questions.iter().find(|x| x.id == q) {
                None => {
                    let near = nearest(&q, questions.iter().map(|x| x.id.as_str()));
                    let diagnostic = self
                        .at(
                            span.clone(),
                            format!("the condition names an unknown question `{q}`"),
                        )
                        .expected("a question defined in a `[[question]]` of this set")
                        .suggest(near);
                    self.problems.push(diagnostic);
                }
                Some(question) => {
                    for a in &allowed {
                        if !question.date && !question.answers.contains(a) {
                            let near = nearest(a, question.answers.iter().map(String::as_str));
                            let diagnostic = self
                                .at(span.clone(), format!("`{a}` is not an answer to `{q}`"))
                                .expected(format!("one of {}", question.answers.join(", ")))
                                .suggest(near);
                            self.problems.push(diagnostic);
                        }
                    }
                }
            }
            all.push((q, allowed));
        }
        Condition { all }
    }

    fn date_question(&mut self, name: &Spanned<String>, questions: &[Question]) {
        match questions.iter().find(|q| &q.id == name.get_ref()) {
            Some(q) if q.date => {}
            Some(_) => {
                self.error(
                    name.span(),
                    format!("`{}` is not a date question", name.get_ref()),
                );
            }
            None => {
                let near = nearest(name.get_ref(), questions.iter().map(|q| q.id.as_str()));
                let diagnostic = self
                    .at(
                        name.span(),
                        format!("unknown question `{}`", name.get_ref()),
                    )
                    .suggest(near);
                self.problems.push(diagnostic);
            }
        }
    }

    fn terms(&mut self, terms: Spanned<Vec<TermSpec>>, questions: &[Question]) -> Vec<Term> {
        if terms.get_ref().len() < 2 {
            self.error(
                terms.span(),
                "`earlier_of` and `later_of` need two terms or more",
            );
        }
        terms
            .into_inner()
            .into_iter()
            .map(|t| {
                if let Some(a) = &t.answer {
                    self.date_question(a, questions);
                }
                Term {
                    period: t.period.as_ref().and_then(|p| self.period(p)),
                    answer: t.answer.map(Spanned::into_inner),
                }
            })
            .collect()
    }

    /// The reckoning: exactly one of `period`, `earlier_of`, `later_of`.
    fn reckon(
        &mut self,
        span: Range<usize>,
        period: Option<Spanned<String>>,
        start: Option<Spanned<String>>,
        earlier: Option<Spanned<Vec<TermSpec>>>,
        later: Option<Spanned<Vec<TermSpec>>>,
        questions: &[Question],
    ) -> Option<Reckon> {
        if let Some(s) = &start {
            self.date_question(s, questions);
        }
        match (period, earlier, later) {
            (Some(p), None, None) => Some(Reckon::Single(Term {
                period: Some(self.period(&p)?),
                answer: start.map(Spanned::into_inner),
            })),
            (None, Some(e), None) => Some(Reckon::EarlierOf(self.terms(e, questions))),
            (None, None, Some(l)) => Some(Reckon::LaterOf(self.terms(l, questions))),
            (None, None, None) => None,
            _ => {
                let diagnostic = self
                    .at(span, "give one of `period`, `earlier_of` or `later_of`")
                    .expected("a single way to reckon the date");
                self.problems.push(diagnostic);
                None
            }
        }
    }

    fn rule(
        &mut self,
        r: RuleSpec,
        span: Range<usize>,
        questions: &[Question],
        triggers: &[TriggerKind],
        rule_ids: &[String],
    ) -> Option<Rule> {
        self.id(&r.id, "rule");
        if let Some(t) = triggers.iter().find(|t| &t.id == r.id.get_ref()) {
            self.error(
                r.id.span(),
                format!("rule `{}` has the id of a trigger", t.id),
            );
        }
        let status = match r.status.get_ref().as_str() {
            "verified" => Status::Verified,
            "draft" => Status::Draft,
            other => {
                let near = nearest(other, ["verified", "draft"]);
                let diagnostic = self
                    .at(r.status.span(), format!("unknown status `{other}`"))
                    .expected("`verified` or `draft`")
                    .suggest(near);
                self.problems.push(diagnostic);
                Status::Draft
            }
        };
        let t = r.trigger.get_ref();
        let parent = if let Some(i) = triggers.iter().position(|k| &k.id == t) {
            Some(Parent::Trigger(i))
        } else if rule_ids.contains(t) {
            Some(Parent::Rule(t.clone()))
        } else {
            let near = nearest(
                t,
                triggers
                    .iter()
                    .map(|k| k.id.as_str())
                    .chain(rule_ids.iter().map(String::as_str)),
            );
            let diagnostic = self
                .at(
                    r.trigger.span(),
                    format!("`{t}` is neither a trigger nor a rule of this set"),
                )
                .expected("the id of a `[[trigger]]`, or of another `[[rule]]` for a chain")
                .suggest(near);
            self.problems.push(diagnostic);
            None
        };
        let counts_from = match r.counts_from.as_ref().map(|c| c.get_ref().as_str()) {
            None | Some("due") => CountsFrom::Due,
            Some("done") => {
                if matches!(parent, Some(Parent::Trigger(_))) {
                    let span = r
                        .counts_from
                        .as_ref()
                        .map(Spanned::span)
                        .unwrap_or_default();
                    let diagnostic = self
                        .at(
                            span,
                            "`counts_from = \"done\"` is for a rule counted from another rule",
                        )
                        .expected("`trigger` naming another rule");
                    self.problems.push(diagnostic);
                }
                CountsFrom::Done
            }
            Some(other) => {
                let span = r
                    .counts_from
                    .as_ref()
                    .map(Spanned::span)
                    .unwrap_or_default();
                let diagnostic = self
                    .at(span, format!("unknown `counts_from` `{other}`"))
                    .expected("`due` or `done`");
                self.problems.push(diagnostic);
                CountsFrom::Due
            }
        };
        let given = r.period.is_some() || r.earlier_of.is_some() || r.later_of.is_some();
        let reckon = self.reckon(
            span.clone(),
            r.period,
            r.start,
            r.earlier_of,
            r.later_of,
            questions,
        );
        let service = r.service.as_ref().map(|s| {
            match questions.iter().find(|q| &q.id == s.get_ref()) {
                Some(q) if !q.date => {}
                _ => {
                    let near = nearest(s.get_ref(), questions.iter().map(|q| q.id.as_str()));
                    let diagnostic = self
                        .at(
                            s.span(),
                            format!(
                                "`service` names `{}`, not a question of this set",
                                s.get_ref()
                            ),
                        )
                        .expected("the question whose answer says how the paper was served")
                        .suggest(near);
                    self.problems.push(diagnostic);
                }
            }
            s.get_ref().clone()
        });
        let roll = r
            .roll
            .as_ref()
            .and_then(|s| match s.get_ref().parse::<Roll>() {
                Ok(roll) => Some(roll),
                Err(m) => {
                    self.error(s.span(), m);
                    None
                }
            });
        let when = r
            .when
            .map(|w| self.condition(w, questions))
            .unwrap_or_default();
        let alternatives = r
            .alternative
            .into_iter()
            .map(|a| {
                let when = self.condition(a.when, questions);
                let reckon = match (a.period, a.start) {
                    (None, None) => None,
                    (p, s) => {
                        if let Some(s) = &s {
                            self.date_question(s, questions);
                        }
                        let period = match &p {
                            Some(p) => self.period(p),
                            None => reckon.as_ref().and_then(|r| r.terms()[0].period),
                        };
                        Some(Reckon::Single(Term {
                            period,
                            answer: s.map(Spanned::into_inner),
                        }))
                    }
                };
                Alternative {
                    when,
                    reckon,
                    title: a.title,
                    cite: a.cite,
                    quote: a.quote,
                }
            })
            .collect();
        let readings: Vec<Reading> = r
            .reading
            .into_iter()
            .filter_map(|g| {
                let span = g.id.span();
                let reckon = self.reckon(
                    span.clone(),
                    g.period,
                    None,
                    g.earlier_of,
                    g.later_of,
                    questions,
                );
                if reckon.is_none() {
                    self.error(span, "a reading needs `period`, `earlier_of` or `later_of`");
                }
                Some(Reading {
                    id: g.id.into_inner(),
                    source: g.source,
                    reckon: reckon?,
                })
            })
            .collect();
        let reckon = match (reckon, readings.first()) {
            (Some(r), _) => r,
            (None, Some(first)) if !given => first.reckon.clone(),
            // Already reported: a period that does not parse.
            (None, _) if given => return None,
            (None, _) => {
                let diagnostic = self
                    .at(
                        r.id.span(),
                        format!("rule `{}` says nothing of its period", r.id.get_ref()),
                    )
                    .expected("`period`, `earlier_of`, `later_of` or `[[rule.reading]]`s");
                self.problems.push(diagnostic);
                return None;
            }
        };
        let from = r.from.as_ref().and_then(|d| self.date(d));
        let until = r.until.as_ref().and_then(|d| self.date(d));
        if let (Some(f), Some(u), Some(s)) = (from, until, &r.until)
            && u < f
        {
            self.error(s.span(), format!("`until` {u} is before `from` {f}"));
        }
        let tests = r
            .tests
            .into_iter()
            .filter_map(|t| self.example(t, questions))
            .collect();
        Some(Rule {
            id: r.id.into_inner(),
            title: r.title,
            cite: r.cite,
            quote: r.quote,
            source: r.source,
            status,
            parent: parent?,
            counts_from,
            reckon,
            service,
            roll,
            when,
            alternatives,
            readings,
            from,
            until,
            notes: r.notes,
            tests,
            span,
        })
    }

    fn example(&mut self, t: Spanned<ExampleSpec>, questions: &[Question]) -> Option<Example> {
        let span = t.span();
        let e = t.into_inner();
        let trigger = self.date(&e.trigger);
        let due = self.date(&e.due);
        let done = e.done.as_ref().and_then(|d| self.date(d));
        let mut answers = Vec::new();
        for (q, v) in e.answers {
            let text = match &v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                other => other.to_string(),
            };
            match questions.iter().find(|x| x.id == q) {
                None => {
                    let near = nearest(&q, questions.iter().map(|x| x.id.as_str()));
                    let diagnostic = self
                        .at(
                            span.clone(),
                            format!("the example answers an unknown question `{q}`"),
                        )
                        .suggest(near);
                    self.problems.push(diagnostic);
                }
                Some(x) if !x.date && !x.answers.contains(&text) => {
                    let near = nearest(&text, x.answers.iter().map(String::as_str));
                    let diagnostic = self
                        .at(
                            span.clone(),
                            format!("the example's `{text}` is not an answer to `{q}`"),
                        )
                        .suggest(near);
                    self.problems.push(diagnostic);
                }
                _ => {}
            }
            answers.push((q, text));
        }
        let readings = e
            .readings
            .iter()
            .filter_map(|(id, d)| Some((id.clone(), plain_date(d)?)))
            .collect();
        Some(Example {
            trigger: trigger?,
            answers,
            due: due?,
            source: e.source,
            computed: e.computed,
            done,
            readings,
            calendar: e.calendar,
            span,
        })
    }

    /// Versions of one rule must not be in force on the same day.
    fn overlaps(&mut self, rules: &[Rule]) {
        let mut by_id: BTreeMap<&str, Vec<&Rule>> = BTreeMap::new();
        for r in rules {
            by_id.entry(&r.id).or_default().push(r);
        }
        let mut found = Vec::new();
        for versions in by_id.values() {
            for (i, a) in versions.iter().enumerate() {
                for b in &versions[i + 1..] {
                    let a_from = a.from.unwrap_or(NaiveDate::MIN);
                    let b_from = b.from.unwrap_or(NaiveDate::MIN);
                    let a_until = a.until.unwrap_or(NaiveDate::MAX);
                    let b_until = b.until.unwrap_or(NaiveDate::MAX);
                    if a_from <= b_until && b_from <= a_until {
                        found.push((b.span.clone(), b.id.clone()));
                    }
                }
            }
        }
        for (span, id) in found {
            let diagnostic = self
                .at(
                    span,
                    format!("two versions of rule `{id}` are in force on the same day"),
                )
                .expected("`from` and `until` dates that do not overlap");
            self.problems.push(diagnostic);
        }
    }

    /// A chain must not come back to where it started.
    fn loops(&mut self, parents: &[(String, Option<String>, Range<usize>)]) {
        for (id, _, span) in parents {
            let mut seen = vec![id.clone()];
            let mut at = id.clone();
            while let Some(next) = parents
                .iter()
                .find(|(i, _, _)| *i == at)
                .and_then(|(_, p, _)| p.clone())
            {
                if next == *id {
                    seen.push(next);
                    let diagnostic = self
                        .at(
                            span.clone(),
                            format!(
                                "rules count from each other in a loop: {}",
                                seen.join(" → ")
                            ),
                        )
                        .expected("a chain that ends at a trigger");
                    self.problems.push(diagnostic);
                    return;
                }
                if seen.contains(&next) {
                    break;
                }
                seen.push(next.clone());
                at = next;
            }
        }
    }
}

/// A TOML date without a time.
fn plain_date(d: &Datetime) -> Option<NaiveDate> {
    match (d.date, d.time) {
        (Some(day), None) => {
            NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
        }
        _ => None,
    }
}

/// FNV-1a of a set's text: its version as a whole, to see that it changed.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
