//! The built-in sets through the library.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use docket::calendar::Calendars;
use docket::court_rules::{Answers, Family, RuleSets, Status, examples};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn family(set: &str, trigger: &str, on: &str, answers: &[(&str, &str)]) -> Family {
    let set = RuleSets::builtin().get(set).unwrap();
    set.family(
        trigger,
        day(on),
        &Answers::from_pairs(answers.iter().copied()),
        None,
    )
    .unwrap()
}

fn due(f: &Family, rule: &str) -> Option<NaiveDate> {
    f.deadlines.iter().find(|d| d.rule == rule).map(|d| d.due)
}

#[test]
fn every_worked_example_of_every_built_in_set_passes() {
    let mut count = 0;
    for set in RuleSets::builtin().iter() {
        for result in examples::run(set, Calendars::builtin()) {
            count += 1;
            assert!(
                result.failure.is_none(),
                "{}: {}",
                result.location(set),
                result.failure.unwrap()
            );
        }
    }
    assert!(count >= 30, "only {count} worked examples");
}

#[test]
fn the_issue_names_every_trigger_of_the_first_sets() {
    let sets = RuleSets::builtin();
    let frcp = sets.get("frcp").unwrap();
    for t in [
        "complaint-filed",
        "complaint-served",
        "waiver-requested",
        "rule-12-motion-decided",
        "subpoena-served",
        "magistrate-order-served",
        "judgment-entered",
    ] {
        let (i, _) = frcp.trigger(t).unwrap_or_else(|| panic!("no trigger {t}"));
        assert!(!frcp.reached_from(i).is_empty(), "{t} reaches no rule");
    }
    assert!(
        sets.get("d-colo")
            .unwrap()
            .trigger("motion-served")
            .is_some()
    );
    let crcp = sets.get("crcp").unwrap();
    assert!(crcp.trigger("complaint-served").is_some());
    assert!(crcp.trigger("motion-served").is_some());
}

#[test]
fn every_rule_cites_quotes_and_says_where_it_was_read() {
    for set in RuleSets::builtin().iter() {
        for r in &set.rules {
            assert!(
                !r.cite.is_empty() && !r.quote.is_empty() && !r.source.is_empty(),
                "{}",
                r.id
            );
            assert!(
                !r.tests.is_empty(),
                "{}/{} has no worked example",
                set.id,
                r.id
            );
            if r.status == Status::Draft {
                assert!(
                    r.source.contains("Not read") || r.source.contains("Not yet read"),
                    "{}/{}: a draft says what to check",
                    set.id,
                    r.id
                );
            }
        }
    }
}

#[test]
fn a_condition_chooses_the_answer_for_a_private_party_or_the_united_states() {
    let private = family(
        "frcp",
        "complaint-served",
        "2026-03-02",
        &[("us-party", "no")],
    );
    assert_eq!(due(&private, "12-a-1-A-i"), Some(day("2026-03-23")));
    assert_eq!(due(&private, "12-a-2"), None);
    let us = family(
        "frcp",
        "complaint-served",
        "2026-03-02",
        &[("us-party", "yes")],
    );
    assert_eq!(due(&us, "12-a-1-A-i"), None);
    assert_eq!(due(&us, "12-a-2"), Some(day("2026-05-01")));
}

#[test]
fn an_unanswered_question_is_named_and_nothing_is_guessed() {
    let f = family("frcp", "complaint-served", "2026-03-02", &[]);
    assert!(f.deadlines.is_empty());
    assert_eq!(f.unanswered, ["us-party"]);
}

#[test]
fn a_question_only_a_rule_not_reached_needs_is_not_asked() {
    // `sent-abroad` belongs to the waiver family; a served complaint never asks it.
    let f = family(
        "frcp",
        "complaint-served",
        "2026-03-02",
        &[("us-party", "no")],
    );
    assert!(f.unanswered.is_empty());
    // `tolling-motion-decided` is asked only when there was a tolling motion.
    let f = family(
        "frcp",
        "judgment-entered",
        "2026-03-02",
        &[("tolling-motion", "no"), ("us-party", "no")],
    );
    assert!(f.unanswered.is_empty(), "{:?}", f.unanswered);
    let f = family(
        "frcp",
        "judgment-entered",
        "2026-03-02",
        &[("tolling-motion", "yes"), ("us-party", "no")],
    );
    assert_eq!(f.unanswered, ["tolling-motion-decided"]);
}

#[test]
fn an_alternative_gives_90_days_for_a_waiver_sent_abroad() {
    let home = family(
        "frcp",
        "waiver-requested",
        "2026-01-05",
        &[("sent-abroad", "no")],
    );
    let abroad = family(
        "frcp",
        "waiver-requested",
        "2026-01-05",
        &[("sent-abroad", "yes")],
    );
    assert_eq!(due(&home, "12-a-1-A-ii"), Some(day("2026-03-06")));
    assert_eq!(due(&abroad, "12-a-1-A-ii"), Some(day("2026-04-06")));
}

#[test]
fn an_alternative_changes_the_citation_too() {
    let us = family(
        "frcp",
        "judgment-entered",
        "2026-03-02",
        &[("tolling-motion", "no"), ("us-party", "yes")],
    );
    let appeal = us
        .deadlines
        .iter()
        .find(|d| d.rule == "frap-4-a-1")
        .unwrap();
    assert_eq!(appeal.cite, "Fed. R. App. P. 4(a)(1)(B)");
    assert_eq!(appeal.due, day("2026-05-01"));
}

#[test]
fn earlier_of_takes_compliance_when_it_comes_first_and_readings_differ() {
    let f = family(
        "frcp",
        "subpoena-served",
        "2026-06-01",
        &[("compliance", "2026-06-10")],
    );
    let o = f.deadlines.iter().find(|d| d.rule == "45-d-2-B").unwrap();
    let readings: Vec<(&str, NaiveDate)> =
        o.readings.iter().map(|r| (r.id.as_str(), r.due)).collect();
    assert_eq!(
        readings,
        [
            ("day-before", day("2026-06-09")),
            ("same-day", day("2026-06-10"))
        ]
    );
    assert_eq!(
        o.due,
        day("2026-06-09"),
        "the earliest reading is the due date"
    );
    let late = family(
        "frcp",
        "subpoena-served",
        "2026-06-01",
        &[("compliance", "2026-09-01")],
    );
    assert_eq!(
        due(&late, "45-d-2-B"),
        Some(day("2026-06-15")),
        "14 days comes first"
    );
}

#[test]
fn a_subpoena_without_a_compliance_date_asks_for_it() {
    let f = family("frcp", "subpoena-served", "2026-06-01", &[]);
    assert_eq!(f.unanswered, ["compliance"]);
}

#[test]
fn a_reply_counts_from_the_day_the_response_was_served() {
    let set = RuleSets::builtin().get("d-colo").unwrap();
    let answers = Answers::from_pairs([("service", "electronic")]);
    let projected = set
        .family("motion-served", day("2026-03-02"), &answers, None)
        .unwrap();
    assert_eq!(due(&projected, "7-1-d-response"), Some(day("2026-03-23")));
    assert_eq!(due(&projected, "7-1-d-reply"), Some(day("2026-04-06")));
    // Served early: the reply moves earlier.
    let early = BTreeMap::from([("7-1-d-response".to_string(), day("2026-03-16"))]);
    let f = set
        .family("motion-served", day("2026-03-02"), &answers, Some(&early))
        .unwrap();
    assert_eq!(due(&f, "7-1-d-reply"), Some(day("2026-03-30")));
    // Served late, after an extension: the reply moves later.
    let late = BTreeMap::from([("7-1-d-response".to_string(), day("2026-04-13"))]);
    let f = set
        .family("motion-served", day("2026-03-02"), &answers, Some(&late))
        .unwrap();
    assert_eq!(due(&f, "7-1-d-reply"), Some(day("2026-04-27")));
}

#[test]
fn a_ten_day_period_in_2008_skips_weekends_and_a_fourteen_day_one_in_2010_does_not() {
    let a = [("order-kind", "nondispositive"), ("service", "personal")];
    let f2008 = family("frcp", "magistrate-order-served", "2008-03-03", &a);
    let o = f2008.deadlines.iter().find(|d| d.rule == "72-a").unwrap();
    assert_eq!(
        (o.version.as_str(), o.due),
        ("1991-12-01", day("2008-03-17"))
    );
    let f2010 = family("frcp", "magistrate-order-served", "2010-03-01", &a);
    let o = f2010.deadlines.iter().find(|d| d.rule == "72-a").unwrap();
    assert_eq!(
        (o.version.as_str(), o.due),
        ("2009-12-01", day("2010-03-15"))
    );
}

#[test]
fn electronic_service_added_three_days_before_2016_12_01_and_none_since() {
    let a = [("order-kind", "nondispositive"), ("service", "electronic")];
    assert_eq!(
        due(
            &family("frcp", "magistrate-order-served", "2015-06-01", &a),
            "72-a"
        ),
        Some(day("2015-06-18"))
    );
    assert_eq!(
        due(
            &family("frcp", "magistrate-order-served", "2017-06-01", &a),
            "72-a"
        ),
        Some(day("2017-06-15"))
    );
    let f = family("frcp", "magistrate-order-served", "2017-06-01", &a);
    let o = f.deadlines.iter().find(|d| d.rule == "72-a").unwrap();
    assert_eq!(o.period.unwrap().to_string(), "14 days + electronic");
}

#[test]
fn colorado_rules_count_by_crcp_6_and_the_colorado_calendar() {
    let crcp = RuleSets::builtin().get("crcp").unwrap();
    assert_eq!(
        (crcp.method.as_str(), crcp.calendar.as_str()),
        ("crcp-6", "co-courts")
    );
    let f = family(
        "crcp",
        "complaint-served",
        "2026-03-02",
        &[("served-outside-state", "yes")],
    );
    let a = f.deadlines.iter().find(|d| d.rule == "12-a").unwrap();
    assert!(a.cite.starts_with("C.R.C.P."), "{}", a.cite);
    assert_eq!(a.due, day("2026-04-06"));
    // The method in force is C.R.C.P. 6's, never FRCP 6's.
    let cal = Calendars::builtin().get("co-courts").unwrap();
    let ctx = docket::rules::Context::new(cal);
    assert_eq!(ctx.method().unwrap().id(), "crcp-6");
}

#[test]
fn the_denver_objection_deadline_comes_from_frcp_72_a() {
    let f = family(
        "frcp",
        "magistrate-order-served",
        "2020-04-20",
        &[("order-kind", "nondispositive"), ("service", "electronic")],
    );
    let o = f.deadlines.iter().find(|d| d.rule == "72-a").unwrap();
    assert_eq!(
        (o.rule_ref().as_str(), o.due),
        ("frcp/72-a", day("2020-05-04"))
    );
}

#[test]
fn unknown_names_get_the_nearest_one() {
    let sets = RuleSets::builtin();
    let frcp = sets.get("frcp").unwrap();
    let e = sets.get("frpc").unwrap_err().to_string();
    assert!(e.contains("did you mean `frcp`"), "{e}");
    let e = frcp
        .family(
            "complaint-servd",
            day("2026-01-05"),
            &Answers::default(),
            None,
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `complaint-served`"), "{e}");
    let e = Answers::parse(frcp, &["us-pary=yes".into()])
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `us-party`"), "{e}");
    let e = Answers::parse(frcp, &["us-party=yess".into()])
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `yes`"), "{e}");
    let e = Answers::parse(frcp, &["compliance=June 10".into()])
        .unwrap_err()
        .to_string();
    assert!(e.contains("is a date"), "{e}");
    let e = Answers::parse(frcp, &["service".into()])
        .unwrap_err()
        .to_string();
    assert!(e.contains("question=answer"), "{e}");
}

#[test]
fn every_question_a_reached_rule_needs_is_asked_together_once_it_applies() {
    // Whether there was a tolling motion comes first; nothing else is asked before it.
    let f = family("frcp", "judgment-entered", "2026-03-02", &[]);
    assert_eq!(f.unanswered, ["tolling-motion"]);
    // Then everything the restarted appeal time needs, together.
    let f = family(
        "frcp",
        "judgment-entered",
        "2026-03-02",
        &[("tolling-motion", "yes")],
    );
    assert_eq!(f.unanswered, ["us-party", "tolling-motion-decided"]);
}
