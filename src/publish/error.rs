//! Errors of publishing, one type per layer: the entries docket hands over (`EntryError`), the
//! credentials (`CredentialError`), the conversation with the server (`DavError`), and the
//! publish as a whole (`PublishError`), which wraps the others.
//!
//! Conflicts are not errors: they are part of the [`Report`](super::Report).

use std::path::PathBuf;

/// An entry docket handed over that cannot be published as it is.
#[derive(Debug, thiserror::Error)]
pub enum EntryError {
    /// The text is not iCalendar content lines.
    #[error("line {line}: {message}")]
    Syntax {
        /// The line (1-based; 0 for the end of the text).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The calendar is not one VEVENT (with its VTIMEZONEs) with the entry's UID.
    #[error("{0}")]
    Shape(String),
    /// A problem in one entry.
    #[error("entry `{uid}` cannot be published")]
    In {
        /// The entry's UID.
        uid: String,
        /// The problem.
        #[source]
        source: Box<EntryError>,
    },
    /// Two entries have the same UID.
    #[error("two entries have the UID `{uid}`")]
    Duplicate {
        /// The UID.
        uid: String,
    },
    /// An entry belongs to a timeline outside the scope being published.
    #[error(
        "entry `{uid}` belongs to timeline `{timeline}`, which is not in the scope being published"
    )]
    OutOfScope {
        /// The entry's UID.
        uid: String,
        /// Its timeline.
        timeline: String,
    },
    /// The scope is empty: nothing could be deleted safely, and nothing is published.
    #[error("the scope names no timeline, so there is nothing to publish")]
    EmptyScope,
}

/// Credentials that cannot be found or used.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// The netrc file cannot be read.
    #[error("cannot read the netrc file `{path}`: {message}")]
    NetrcRead {
        /// The file.
        path: PathBuf,
        /// The operating system's words.
        message: String,
    },
    /// The netrc file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    NetrcSyntax {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The password command could not be started.
    #[error("cannot run the password command `{command}`: {message}")]
    CommandStart {
        /// The command.
        command: String,
        /// The operating system's words.
        message: String,
    },
    /// The password command failed or printed nothing. Its own messages went to standard
    /// error as it wrote them.
    #[error("the password command `{command}` {outcome}")]
    CommandFailed {
        /// The command.
        command: String,
        /// How it ended (`exited with status 1`, `printed no password`).
        outcome: String,
    },
    /// An environment variable is set but not valid UTF-8.
    #[error("the environment variable `{0}` is not valid UTF-8")]
    NotUnicode(&'static str),
    /// A password was found but no user name to go with it.
    #[error(
        "a password was given but no user name: set DOCKET_CALDAV_USER, write `user@` in the URL, or give `login` in the netrc file"
    )]
    NoUser,
    /// A user name was found but no password.
    #[error(
        "no password for `{user}`: set DOCKET_CALDAV_PASSWORD, give a password command, or add the host to the netrc file"
    )]
    NoPassword {
        /// The user name.
        user: String,
    },
    /// Basic authentication over plain HTTP to another machine would send the password in the
    /// clear.
    #[error(
        "refusing to send a password over plain http to `{host}`; use an https:// URL (plain http is allowed only to this machine)"
    )]
    Insecure {
        /// The host.
        host: String,
    },
}

/// The conversation with the server failed.
#[derive(Debug, thiserror::Error)]
pub enum DavError {
    /// The URL cannot be used.
    #[error("the URL `{url}` cannot be used: {message}")]
    Url {
        /// The URL, without any password.
        url: String,
        /// Why.
        message: String,
    },
    /// 401: the credentials were refused (or none were given and the server wants some).
    #[error(
        "the server refused the credentials for `{url}` (401 Unauthorized): check the user name and password"
    )]
    Unauthorized {
        /// The URL.
        url: String,
    },
    /// 403: the user may not do this.
    #[error("the server forbids {method} on `{url}` (403 Forbidden): the user lacks the right")]
    Forbidden {
        /// The method.
        method: String,
        /// The URL.
        url: String,
    },
    /// 404: nothing at the URL.
    #[error("nothing at `{url}` ({method} answered 404 Not Found)")]
    NotFound {
        /// The method.
        method: String,
        /// The URL.
        url: String,
    },
    /// 412 where no conflict can explain it.
    #[error("the server refused {method} on `{url}`: a precondition failed (412)")]
    PreconditionFailed {
        /// The method.
        method: String,
        /// The URL.
        url: String,
    },
    /// 5xx: the server failed.
    #[error(
        "the server failed on {method} `{url}` ({status}): try again later or ask its administrator"
    )]
    Server {
        /// The method.
        method: String,
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// Still 429 or 503 after every retry.
    #[error(
        "the server stayed busy ({status}) for {method} `{url}` after {attempts} attempts: try again later"
    )]
    Busy {
        /// The method.
        method: String,
        /// The URL.
        url: String,
        /// The last status code.
        status: u16,
        /// How many times the request was sent.
        attempts: u32,
    },
    /// A redirect, which docket does not follow (credentials would go with it).
    #[error("`{url}` redirects to `{location}` ({status}): publish to that URL instead")]
    Redirect {
        /// The URL.
        url: String,
        /// Where it points.
        location: String,
        /// The status code.
        status: u16,
    },
    /// Any other status.
    #[error("the server answered {method} `{url}` with an unexpected {status}")]
    Unexpected {
        /// The method.
        method: String,
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// No answer in time.
    #[error(
        "no answer from `{url}` to {method} within {seconds} s (the server hangs or the network is down)"
    )]
    Timeout {
        /// The method.
        method: String,
        /// The URL.
        url: String,
        /// The time waited.
        seconds: u64,
    },
    /// The server cannot be reached.
    #[error("cannot connect to `{url}`: {message}")]
    Connect {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// TLS failed (an untrusted certificate, a wrong host name).
    #[error("a secure connection to `{url}` failed: {message}")]
    Tls {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The server answered with something that is not HTTP, not XML, or not WebDAV.
    #[error("the server at `{url}` answered with something docket cannot read: {message}")]
    Garbled {
        /// The URL.
        url: String,
        /// What was wrong.
        message: String,
    },
}

/// A publish that could not be carried out. Entries written before the failure stay on the
/// server; the next publish finds them and goes on from there.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// An entry is wrong.
    #[error(transparent)]
    Entry(#[from] EntryError),
    /// The credentials cannot be found or used.
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    /// The server could not be talked to.
    #[error(transparent)]
    Dav(#[from] DavError),
    /// The collection does not exist.
    #[error("no calendar at `{url}`; check the URL, or create it with `--create`")]
    MissingCollection {
        /// The collection's URL.
        url: String,
    },
    /// Something exists at the URL but it is not a calendar collection.
    #[error("`{url}` is not a calendar collection")]
    NotACalendar {
        /// The URL.
        url: String,
    },
    /// Writing one entry failed for a reason other than a conflict.
    #[error("publishing `{uid}` failed")]
    Write {
        /// The entry's UID.
        uid: String,
        /// Why.
        #[source]
        source: DavError,
    },
}

impl PublishError {
    /// Whether the failure lies in what was asked (a bad entry, URL or netrc file: exit 2)
    /// rather than in the server, the network or a refusal (exit 3).
    ///
    /// ```
    /// use docket::publish::{EntryError, PublishError};
    ///
    /// assert!(PublishError::from(EntryError::EmptyScope).is_usage());
    /// let missing = PublishError::MissingCollection { url: "https://x/cal/".into() };
    /// assert!(!missing.is_usage());
    /// ```
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            PublishError::Entry(_)
                | PublishError::Dav(DavError::Url { .. })
                | PublishError::Credentials(
                    CredentialError::NetrcSyntax { .. }
                        | CredentialError::NoUser
                        | CredentialError::NoPassword { .. }
                )
        )
    }
}
