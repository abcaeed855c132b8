//! The plan: what to create, replace, delete and leave alone, from what docket wants and what
//! the server holds. A pure function of the two, so two people publishing the same docket from
//! two clones make the same plan, and the next run after an interrupted one finishes its work.
//!
//! An event on the server is docket's when its VEVENT carries `X-DOCKET-TIMELINE`; every other
//! event is someone else's and is never changed or deleted. Docket's entry is *untouched* when
//! its content still has the fingerprint docket wrote into it (`X-DOCKET-HASH`); otherwise
//! someone edited it on the server, and it is a conflict unless `overwrite` is asked for.
//!
//! | on the server | docket wants it | plan |
//! |---|---|---|
//! | nothing with the UID | yes | create (`If-None-Match: *`) |
//! | docket's, untouched, same content | yes | unchanged: no request |
//! | docket's, untouched, other content | yes | replace (`If-Match`) |
//! | docket's, edited, now what docket wants | yes | replace, to write the fingerprint again |
//! | docket's, edited | yes, or no (in scope) | conflict; with `overwrite`, replace or delete |
//! | docket's, untouched | no, timeline in scope | delete (`If-Match`) |
//! | docket's | no, timeline outside the scope | left alone |
//! | someone else's with the UID | yes | conflict, even with `overwrite` |
//! | someone else's | no | left alone |

use std::collections::HashMap;

use super::calendar_text::{self, unescape_text};
use super::entry::{Prepared, Scope};
use super::fingerprint::{self, HASH_PROPERTY, TIMELINE_PROPERTY};
use super::href::Collection;
use super::report::{Conflict, ConflictReason};
use super::server::Remote;

/// One write to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Write {
    /// The entry's UID.
    pub uid: String,
    /// The resource.
    pub url: String,
    /// What to do there.
    pub action: Action,
    /// The fingerprint docket wants there (for a create or a replace).
    pub fingerprint: Option<String>,
    /// Whether this replaces or deletes an entry edited on the server (`overwrite`).
    pub overwrites: bool,
}

/// A write's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// PUT with `If-None-Match: *`.
    Create { body: String },
    /// PUT with `If-Match`.
    Replace { body: String, etag: Option<String> },
    /// DELETE with `If-Match`.
    Delete { etag: Option<String> },
}

/// The plan.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    /// The writes, creates first, then replaces, then deletes.
    pub writes: Vec<Write>,
    /// Entries already as docket would write them.
    pub unchanged: usize,
    /// Entries left alone.
    pub conflicts: Vec<Conflict>,
    /// Docket's entries for timelines outside the scope.
    pub outside_scope: usize,
}

/// What an event on the server is, as far as the plan cares.
#[derive(Debug)]
enum Kind {
    /// Docket's.
    Docket(Owned),
    /// Someone else's, with the UIDs of its events.
    Foreign(Vec<String>),
}

#[derive(Debug)]
struct Owned {
    uid: String,
    timeline: String,
    /// The fingerprint of what is stored now.
    content: String,
    /// Whether it is exactly as docket wrote it: one VEVENT whose content has the fingerprint
    /// docket wrote into it.
    untouched: bool,
}

fn classify(remote: &Remote) -> Kind {
    let Ok(calendar) = calendar_text::parse(&remote.calendar) else {
        return Kind::Foreign(Vec::new());
    };
    let events: Vec<_> = calendar.children_named("VEVENT").collect();
    let uid_of = |e: &calendar_text::Component| e.value("UID").map(unescape_text);
    let Some(ours) = events.iter().find(|e| e.value(TIMELINE_PROPERTY).is_some()) else {
        return Kind::Foreign(events.iter().filter_map(|e| uid_of(e)).collect());
    };
    let content = fingerprint::of_event(ours);
    let untouched = events.len() == 1 && ours.value(HASH_PROPERTY) == Some(content.as_str());
    Kind::Docket(Owned {
        uid: uid_of(ours).unwrap_or_default(),
        timeline: unescape_text(ours.value(TIMELINE_PROPERTY).unwrap_or_default()),
        content,
        untouched,
    })
}

/// Whether a resource read back holds exactly what docket would write: docket's, untouched,
/// with the wanted fingerprint.
pub(crate) fn settled(remote: &Remote, fingerprint: &str) -> bool {
    matches!(classify(remote), Kind::Docket(o) if o.untouched && o.content == fingerprint)
}

/// Makes the plan.
pub(crate) fn make(
    wanted: Vec<Prepared>,
    remotes: Vec<Remote>,
    scope: &Scope,
    collection: &Collection,
    overwrite: bool,
) -> Plan {
    let mut plan = Plan::default();
    let mut docket: HashMap<String, Vec<(Owned, Remote)>> = HashMap::new();
    let mut foreign: HashMap<String, Remote> = HashMap::new();
    for remote in remotes {
        match classify(&remote) {
            Kind::Docket(owned) => docket
                .entry(owned.uid.clone())
                .or_default()
                .push((owned, remote)),
            Kind::Foreign(uids) => {
                for uid in uids {
                    foreign.entry(uid).or_insert_with(|| remote.clone());
                }
            }
        }
    }

    let (mut creates, mut replaces, mut deletes) = (Vec::new(), Vec::new(), Vec::new());
    for entry in wanted {
        let Some(mut found) = docket.remove(&entry.uid) else {
            if let Some(theirs) = foreign.get(&entry.uid) {
                plan.conflicts.push(Conflict {
                    uid: entry.uid,
                    url: theirs.url.clone(),
                    reason: ConflictReason::ForeignEvent,
                    ours: Some(entry.body),
                    theirs: Some(theirs.calendar.clone()),
                });
            } else {
                creates.push(Write {
                    url: collection.member(&entry.resource),
                    uid: entry.uid,
                    fingerprint: Some(entry.fingerprint),
                    action: Action::Create { body: entry.body },
                    overwrites: false,
                });
            }
            continue;
        };
        // Should a server hold docket's entry twice, the one at its own name is kept.
        let own_url = collection.member(&entry.resource);
        let keep = found
            .iter()
            .position(|(_, r)| r.url == own_url)
            .unwrap_or(0);
        let (owned, remote) = found.swap_remove(keep);
        for (extra, extra_remote) in found {
            retire(&mut plan, &mut deletes, extra, extra_remote, overwrite);
        }
        if owned.untouched && owned.content == entry.fingerprint {
            plan.unchanged += 1;
        } else if owned.untouched || owned.content == entry.fingerprint || overwrite {
            // Replacing an edited entry whose content is already what docket wants only writes
            // the fingerprint again: it overwrites nothing.
            let overwrites = !owned.untouched && owned.content != entry.fingerprint;
            replaces.push(Write {
                uid: entry.uid,
                url: remote.url,
                fingerprint: Some(entry.fingerprint),
                overwrites,
                action: Action::Replace {
                    body: entry.body,
                    etag: remote.etag,
                },
            });
        } else {
            plan.conflicts.push(Conflict {
                uid: entry.uid,
                url: remote.url,
                reason: ConflictReason::EditedOnServer,
                ours: Some(entry.body),
                theirs: Some(remote.calendar),
            });
        }
    }
    // Docket's entries that docket no longer wants.
    let mut left: Vec<(Owned, Remote)> = docket.into_values().flatten().collect();
    left.sort_by(|a, b| a.1.url.cmp(&b.1.url));
    for (owned, remote) in left {
        if scope.contains(&owned.timeline) {
            retire(&mut plan, &mut deletes, owned, remote, overwrite);
        } else {
            plan.outside_scope += 1;
        }
    }
    plan.writes.extend(creates);
    plan.writes.extend(replaces);
    plan.writes.extend(deletes);
    plan
}

/// Deletes one of docket's entries, or leaves it as a conflict if it was edited on the server.
fn retire(
    plan: &mut Plan,
    deletes: &mut Vec<Write>,
    owned: Owned,
    remote: Remote,
    overwrite: bool,
) {
    if owned.untouched || overwrite {
        deletes.push(Write {
            uid: owned.uid,
            url: remote.url,
            fingerprint: None,
            overwrites: !owned.untouched,
            action: Action::Delete { etag: remote.etag },
        });
    } else {
        plan.conflicts.push(Conflict {
            uid: owned.uid,
            url: remote.url,
            reason: ConflictReason::EditedOnServer,
            ours: None,
            theirs: Some(remote.calendar),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::entry::{Entry, prepare};

    fn calendar(uid: &str, summary: &str) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20250310\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    }

    fn wanted(uid: &str, timeline: &str, summary: &str) -> Prepared {
        prepare(&Entry::new(uid, timeline, calendar(uid, summary))).unwrap()
    }

    /// What the server holds after docket wrote this entry (as a server hands it back: LF).
    fn stored(p: &Prepared, name: &str) -> Remote {
        Remote {
            url: collection().member(name),
            etag: Some(format!("\"{name}\"")),
            calendar: p.body.replace("\r\n", "\n"),
        }
    }

    fn collection() -> Collection {
        Collection::parse("https://cal.example.com/cal/").unwrap()
    }

    fn scope() -> Scope {
        ["case"].into_iter().collect()
    }

    fn kinds(plan: &Plan) -> Vec<(String, &'static str, bool)> {
        plan.writes
            .iter()
            .map(|w| {
                let kind = match w.action {
                    Action::Create { .. } => "create",
                    Action::Replace { .. } => "replace",
                    Action::Delete { .. } => "delete",
                };
                (w.uid.clone(), kind, w.overwrites)
            })
            .collect()
    }

    #[test]
    fn an_empty_calendar_gets_every_entry() {
        let plan = make(
            vec![wanted("a", "case", "A"), wanted("b/c", "case", "B")],
            vec![],
            &scope(),
            &collection(),
            false,
        );
        assert_eq!(
            kinds(&plan),
            [
                ("a".into(), "create", false),
                ("b/c".into(), "create", false)
            ]
        );
        assert_eq!(plan.writes[0].url, "https://cal.example.com/cal/a.ics");
        assert!(
            plan.writes[1]
                .url
                .starts_with("https://cal.example.com/cal/docket-")
        );
    }

    #[test]
    fn what_is_there_is_left_and_what_changed_is_replaced_under_its_etag() {
        let old = wanted("b", "case", "B");
        let plan = make(
            vec![wanted("a", "case", "A"), wanted("b", "case", "B moved")],
            vec![
                stored(&wanted("a", "case", "A"), "a.ics"),
                stored(&old, "b.ics"),
            ],
            &scope(),
            &collection(),
            false,
        );
        assert_eq!(plan.unchanged, 1);
        assert_eq!(kinds(&plan), [("b".into(), "replace", false)]);
        assert!(
            matches!(&plan.writes[0].action, Action::Replace { etag: Some(e), .. } if e == "\"b.ics\"")
        );
    }

    #[test]
    fn an_edit_on_the_server_is_a_conflict_unless_overwritten() {
        let mine = wanted("a", "case", "A");
        let mut theirs = stored(&mine, "a.ics");
        theirs.calendar = theirs.calendar.replace("SUMMARY:A", "SUMMARY:A (moved)");
        let plan = make(
            vec![mine.clone()],
            vec![theirs.clone()],
            &scope(),
            &collection(),
            false,
        );
        assert!(plan.writes.is_empty());
        assert_eq!(plan.conflicts.len(), 1);
        assert_eq!(plan.conflicts[0].reason, ConflictReason::EditedOnServer);
        assert_eq!(plan.conflicts[0].ours.as_deref(), Some(mine.body.as_str()));
        assert!(
            plan.conflicts[0]
                .theirs
                .as_deref()
                .unwrap()
                .contains("(moved)")
        );

        let forced = make(
            vec![mine.clone()],
            vec![theirs.clone()],
            &scope(),
            &collection(),
            true,
        );
        assert_eq!(kinds(&forced), [("a".into(), "replace", true)]);

        // Docket no longer wants it: still a conflict, with nothing of docket's to show.
        let gone = make(vec![], vec![theirs.clone()], &scope(), &collection(), false);
        assert_eq!(gone.conflicts[0].ours, None);
        let forced = make(vec![], vec![theirs], &scope(), &collection(), true);
        assert_eq!(kinds(&forced), [("a".into(), "delete", true)]);
    }

    #[test]
    fn an_edit_that_made_it_what_docket_wants_only_rewrites_the_mark() {
        let old = wanted("a", "case", "A");
        let new = wanted("a", "case", "A moved");
        let mut theirs = stored(&old, "a.ics");
        theirs.calendar = theirs.calendar.replace("SUMMARY:A", "SUMMARY:A moved");
        let plan = make(vec![new], vec![theirs], &scope(), &collection(), false);
        assert_eq!(kinds(&plan), [("a".into(), "replace", false)]);
        assert!(plan.conflicts.is_empty());
    }

    #[test]
    fn deletes_stay_within_the_scope() {
        let plan = make(
            vec![],
            vec![
                stored(&wanted("a", "case", "A"), "a.ics"),
                stored(&wanted("b", "other", "B"), "b.ics"),
            ],
            &scope(),
            &collection(),
            false,
        );
        assert_eq!(kinds(&plan), [("a".into(), "delete", false)]);
        assert_eq!(plan.outside_scope, 1);
    }

    #[test]
    fn someone_elses_events_are_never_touched() {
        let foreign = Remote {
            url: collection().member("lunch.ics"),
            etag: Some("\"l\"".into()),
            calendar: calendar("a", "Lunch"),
        };
        let garbage = Remote {
            url: collection().member("junk.ics"),
            etag: None,
            calendar: "not iCalendar at all".into(),
        };
        for overwrite in [false, true] {
            let plan = make(
                vec![wanted("a", "case", "A")],
                vec![foreign.clone(), garbage.clone()],
                &scope(),
                &collection(),
                overwrite,
            );
            assert!(plan.writes.is_empty());
            assert_eq!(plan.conflicts[0].reason, ConflictReason::ForeignEvent);
        }
        let plan = make(
            vec![],
            vec![foreign, garbage],
            &scope(),
            &collection(),
            true,
        );
        assert!(plan.writes.is_empty() && plan.conflicts.is_empty());
    }

    #[test]
    fn a_second_copy_of_an_entry_is_deleted() {
        let a = wanted("a", "case", "A");
        let plan = make(
            vec![a.clone()],
            vec![stored(&a, "copy.ics"), stored(&a, "a.ics")],
            &scope(),
            &collection(),
            false,
        );
        assert_eq!(plan.unchanged, 1);
        assert_eq!(kinds(&plan), [("a".into(), "delete", false)]);
        assert_eq!(plan.writes[0].url, collection().member("copy.ics"));
    }

    #[test]
    fn settled_means_docket_s_untouched_and_as_wanted() {
        let a = wanted("a", "case", "A");
        assert!(settled(&stored(&a, "a.ics"), &a.fingerprint));
        assert!(!settled(
            &stored(&wanted("a", "case", "B"), "a.ics"),
            &a.fingerprint
        ));
    }
}
