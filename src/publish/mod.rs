//! Publishing a docket to a calendar collection on a CalDAV server (RFC 4791), one resource per
//! entry, changing only what changed and never touching what docket did not write.
//!
//! The flow: each [`Entry`] is checked and marked as docket's (`entry.rs`, with its
//! fingerprint, `fingerprint.rs`, written in) → the [`Server`] says what the collection is and
//! lists every event in it in one REPORT (`server.rs`, `xml.rs`) → the plan compares the two
//! (`plan.rs`) → the writes go out in parallel, each conditional on what was read (`sync.rs`) →
//! a [`Report`].
//!
//! Publishing keeps no state of its own: docket's entries are recognised on the server by the
//! `X-DOCKET-TIMELINE` property in their VEVENT, and an entry edited there since docket wrote it
//! by its content no longer matching the `X-DOCKET-HASH` docket wrote into it. So two people
//! publishing the same docket from two clones converge, an interrupted publish is finished by
//! the next, and a colleague's own events in the same calendar are never read as docket's.
//!
//! A publish that changes nothing costs two requests (PROPFIND for the collection, REPORT for
//! its events) and writes nothing.
//!
//! ```no_run
//! use docket::publish::{self, CredentialSources, Entry, Options, Scope, Server, Settings, Silent};
//!
//! let sources = CredentialSources::from_env(None)?;
//! let server = Server::connect("https://cal.example.com/dav/firm/deadlines/", &sources, Settings::default())?;
//! let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//docket//EN\r\n\
//!     BEGIN:VEVENT\r\nUID:answer.smith-v-jones@docket\r\nDTSTAMP:20250101T000000Z\r\n\
//!     DTSTART;VALUE=DATE:20250310\r\nSUMMARY:Answer due\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let entries = [Entry::new("answer.smith-v-jones@docket", "smith-v-jones", calendar)];
//! let scope: Scope = ["smith-v-jones"].into_iter().collect();
//! let report = publish::publish(&server, &entries, &scope, &Options::default(), &Silent)?;
//! println!("{report}"); // 1 created, 0 updated, 0 deleted, 0 unchanged
//! # Ok::<(), docket::publish::PublishError>(())
//! ```

mod calendar_text;
mod credentials;
mod entry;
mod error;
mod fingerprint;
mod href;
mod netrc;
mod plan;
mod progress;
mod report;
mod retry;
mod server;
mod sync;
mod xml;

use std::collections::HashSet;

pub use credentials::{CredentialSources, Credentials, PASSWORD_VARIABLE, USER_VARIABLE};
pub use entry::{Entry, Scope};
pub use error::{CredentialError, DavError, EntryError, PublishError};
pub use progress::{Progress, Silent, Step};
pub use report::{Conflict, ConflictReason, Report};
pub use retry::Retry;
pub use server::{Requests, Server, Settings};

use server::CollectionState;

/// What a publish may do.
///
/// ```
/// use docket::publish::Options;
///
/// let options = Options { dry_run: true, ..Options::default() };
/// assert!(!options.overwrite && !options.create);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Send only reads, and report what would be written.
    pub dry_run: bool,
    /// Replace (or delete) docket's entries that were edited on the server.
    pub overwrite: bool,
    /// Make the collection (MKCALENDAR) if it does not exist.
    pub create: bool,
}

/// Publishes the entries to the server's collection: creates what is missing, replaces what
/// differs, deletes docket's entries of the scope's timelines that are no longer wanted, and
/// leaves everything else alone. See the module's documentation for the rules.
///
/// Every entry's timeline must be in the scope, and every UID unique. Conflicts are in the
/// [`Report`] (and make [`Report::needs_attention`] true) after everything else was published;
/// an error means the publish stopped, with what was written so far left in place.
pub fn publish(
    server: &Server,
    entries: &[Entry],
    scope: &Scope,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Report, PublishError> {
    if scope.is_empty() {
        return Err(EntryError::EmptyScope.into());
    }
    let mut seen = HashSet::with_capacity(entries.len());
    let mut wanted = Vec::with_capacity(entries.len());
    for entry in entries {
        if !scope.contains(&entry.timeline) {
            return Err(EntryError::OutOfScope {
                uid: entry.uid.clone(),
                timeline: entry.timeline.clone(),
            }
            .into());
        }
        if !seen.insert(entry.uid.as_str()) {
            return Err(EntryError::Duplicate {
                uid: entry.uid.clone(),
            }
            .into());
        }
        wanted.push(entry::prepare(entry)?);
    }

    let before = server.requests();
    let mut report = Report {
        dry_run: options.dry_run,
        ..Report::default()
    };
    let remotes = match server.collection_state()? {
        CollectionState::Calendar => server.list()?,
        CollectionState::NotACalendar => {
            return Err(PublishError::NotACalendar { url: server.url() });
        }
        CollectionState::Missing if !options.create => {
            return Err(PublishError::MissingCollection { url: server.url() });
        }
        CollectionState::Missing => {
            if !options.dry_run {
                server.make_calendar()?;
            }
            report.collection_created = true;
            Vec::new()
        }
    };
    progress.step(Step::Listed {
        on_server: remotes.len(),
    });

    let plan = plan::make(
        wanted,
        remotes,
        scope,
        server.collection(),
        options.overwrite,
    );
    report.unchanged = plan.unchanged;
    report.conflicts = plan.conflicts;
    report.outside_scope = plan.outside_scope;
    if options.dry_run {
        progress.step(Step::Planned { writes: 0 });
        for write in plan.writes {
            let uid = write.uid;
            if write.overwrites {
                report.overwritten.push(uid.clone());
            }
            match write.action {
                plan::Action::Create { .. } => report.created.push(uid),
                plan::Action::Replace { .. } => report.updated.push(uid),
                plan::Action::Delete { .. } => report.deleted.push(uid),
            }
        }
    } else {
        progress.step(Step::Planned {
            writes: plan.writes.len(),
        });
        sync::carry_out(server, plan.writes, progress, &mut report)?;
    }
    let after = server.requests();
    report.requests = Requests {
        reads: after.reads - before.reads,
        writes: after.writes - before.writes,
    };
    Ok(report)
}
