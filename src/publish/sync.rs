//! Carrying out a plan: the writes go out from a few threads at once (`Settings::parallel`),
//! each conditional on what docket read. A 412 means the entry changed on the server between
//! docket's read and its write: it is read again, and unless it now holds exactly what docket
//! wanted, it becomes a conflict. Nothing is written a second time, so no one's change is lost.
//!
//! The first write that fails for any other reason stops the threads from starting more; the
//! writes already done stay done, and the next publish takes it from there.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::error::{DavError, PublishError};
use super::plan::{self, Action, Write};
use super::progress::{Progress, Step};
use super::report::{Conflict, ConflictReason, Report};
use super::server::{Expect, Server, Written};

/// What became of one write.
enum Outcome {
    Created,
    Replaced,
    Deleted,
    /// A 412 after which the server holds what docket wanted anyway.
    AlreadyThere,
    Conflict(Conflict),
}

/// Sends the writes and adds what became of them to the report.
pub(crate) fn carry_out(
    server: &Server,
    writes: Vec<Write>,
    progress: &dyn Progress,
    report: &mut Report,
) -> Result<(), PublishError> {
    let total = writes.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let outcomes: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(total));
    let failure: Mutex<Option<PublishError>> = Mutex::new(None);
    let threads = server.settings().parallel.clamp(1, 64).min(total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(write) = writes.get(i) else { break };
                    match perform(server, write) {
                        Ok(outcome) => {
                            outcomes.lock().expect("not poisoned").push((i, outcome));
                            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                            progress.step(Step::Written { done, total });
                        }
                        Err(source) => {
                            stop.store(true, Ordering::Relaxed);
                            failure.lock().expect("not poisoned").get_or_insert(
                                PublishError::Write {
                                    uid: write.uid.clone(),
                                    source,
                                },
                            );
                        }
                    }
                }
            });
        }
    });
    if let Some(error) = failure.into_inner().expect("not poisoned") {
        return Err(error);
    }
    let mut outcomes = outcomes.into_inner().expect("not poisoned");
    outcomes.sort_unstable_by_key(|(i, _)| *i);
    for (i, outcome) in outcomes {
        let write = &writes[i];
        let uid = write.uid.clone();
        match outcome {
            Outcome::Created => report.created.push(uid),
            Outcome::Replaced | Outcome::Deleted if write.overwrites => {
                report.overwritten.push(uid.clone());
                match outcome {
                    Outcome::Replaced => report.updated.push(uid),
                    _ => report.deleted.push(uid),
                }
            }
            Outcome::Replaced => report.updated.push(uid),
            Outcome::Deleted => report.deleted.push(uid),
            Outcome::AlreadyThere => report.unchanged += 1,
            Outcome::Conflict(conflict) => report.conflicts.push(conflict),
        }
    }
    Ok(())
}

/// Sends one write.
fn perform(server: &Server, write: &Write) -> Result<Outcome, DavError> {
    let (written, body) = match &write.action {
        Action::Create { body } => (server.put(&write.url, body, Expect::Nothing)?, Some(body)),
        Action::Replace { body, etag } => (
            server.put(&write.url, body, Expect::Unchanged(etag.as_deref()))?,
            Some(body),
        ),
        Action::Delete { etag } => (server.delete(&write.url, etag.as_deref())?, None),
    };
    match (written, &write.action) {
        (Written::Done, Action::Create { .. }) => Ok(Outcome::Created),
        (Written::Done, Action::Replace { .. }) => Ok(Outcome::Replaced),
        (Written::Done | Written::Gone, Action::Delete { .. }) => Ok(Outcome::Deleted),
        (Written::Gone, _) => Err(DavError::NotFound {
            method: "PUT".into(),
            url: write.url.clone(),
        }),
        (Written::Changed, _) => {
            let now = server.get(&write.url)?;
            let settled = match (&now, &write.fingerprint) {
                (Some(remote), Some(fingerprint)) => plan::settled(remote, fingerprint),
                (None, None) => true,
                _ => false,
            };
            if settled {
                return Ok(match write.action {
                    Action::Delete { .. } => Outcome::Deleted,
                    _ => Outcome::AlreadyThere,
                });
            }
            Ok(Outcome::Conflict(Conflict {
                uid: write.uid.clone(),
                url: write.url.clone(),
                reason: ConflictReason::ChangedDuringPublish,
                ours: body.cloned(),
                theirs: now.map(|r| r.calendar),
            }))
        }
    }
}
