//! The CalDAV server, spoken to over HTTP with `ureq`: what the collection is, every event in it
//! in one request, and conditional writes. Every answer is read into a typed result or a typed
//! [`DavError`]; nothing here decides what to write.
//!
//! `ureq` is synchronous and small, speaks HTTP/1.1 with connection reuse, takes WebDAV's own
//! methods (PROPFIND, REPORT, MKCALENDAR), and brings TLS through rustls; the agent is shared by
//! the threads that write in parallel.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use ureq::http::{Method, Request, Response, StatusCode, header};
use ureq::tls::{RootCerts, TlsConfig};
use ureq::{Agent, Body};

use super::credentials::{self, Credentials};
use super::error::{DavError, PublishError};
use super::href::Collection;
use super::retry::Retry;
use super::xml;

/// The largest answer read (a listing of a very large collection fits many times over); a
/// server that sends more is answering with something else.
const LARGEST_ANSWER: u64 = 1 << 30;

/// How docket talks to the server.
///
/// ```
/// use std::time::Duration;
/// use docket::publish::Settings;
///
/// let settings = Settings { read_timeout: Duration::from_secs(5), ..Settings::default() };
/// assert_eq!(settings.parallel, 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// How long to wait for a connection (TLS included).
    pub connect_timeout: Duration,
    /// How long to wait for each read or write on the connection.
    pub read_timeout: Duration,
    /// Retries on 429 and 503.
    pub retry: Retry,
    /// How many writes are in flight at once.
    pub parallel: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            retry: Retry::default(),
            parallel: 4,
        }
    }
}

/// How many requests were sent, reads and writes apart (retries included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Requests {
    /// PROPFIND, REPORT and GET.
    pub reads: usize,
    /// PUT, DELETE and MKCALENDAR.
    pub writes: usize,
}

/// A calendar collection on a CalDAV server, with the credentials to use there.
///
/// ```no_run
/// use docket::publish::{CredentialSources, Server, Settings};
///
/// let sources = CredentialSources::from_env(None)?;
/// let server = Server::connect("https://cal.example.com/dav/alice/deadlines/", &sources, Settings::default())?;
/// # Ok::<(), docket::publish::PublishError>(())
/// ```
#[derive(Debug)]
pub struct Server {
    agent: Agent,
    collection: Collection,
    authorization: Option<String>,
    settings: Settings,
    reads: AtomicUsize,
    writes: AtomicUsize,
}

/// What is at the collection's URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CollectionState {
    /// A calendar collection.
    Calendar,
    /// Something else (a plain folder, a file).
    NotACalendar,
    /// Nothing.
    Missing,
}

/// One event resource on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Remote {
    /// Its URL.
    pub url: String,
    /// Its ETag, if the server gave one.
    pub etag: Option<String>,
    /// Its text as the server stores it.
    pub calendar: String,
}

/// How a conditional write ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// Done.
    Done,
    /// 412: the resource is not as it was when it was read (or exists, for a create).
    Changed,
    /// 404 on a delete: already gone.
    Gone,
}

/// The condition of a PUT.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Expect<'a> {
    /// `If-None-Match: *`: only if nothing is there.
    Nothing,
    /// `If-Match: etag`: only if it is unchanged; without an ETag, unconditional.
    Unchanged(Option<&'a str>),
}

impl Server {
    /// Connects to a collection, with credentials from the sources (see
    /// [`CredentialSources`](super::CredentialSources)). No request is sent yet. A password is
    /// refused over plain `http://` to anything but this machine.
    pub fn connect(
        url: &str,
        sources: &super::CredentialSources,
        settings: Settings,
    ) -> Result<Server, PublishError> {
        let collection = Collection::parse(url)?;
        let credentials = sources.resolve(collection.user.as_deref(), &collection.host)?;
        Server::with_credentials(url, credentials, settings)
    }

    /// Connects to a collection with the given credentials (or none).
    pub fn with_credentials(
        url: &str,
        credentials: Option<Credentials>,
        settings: Settings,
    ) -> Result<Server, PublishError> {
        let collection = Collection::parse(url)?;
        credentials::check_transport(&collection, credentials.as_ref())?;
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_per_read(Some(settings.read_timeout))
            .timeout_per_write(Some(settings.read_timeout))
            .timeout_recv_response(Some(settings.read_timeout))
            .max_idle_connections_per_host(settings.parallel.max(1))
            .user_agent(concat!("docket/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .new_agent();
        let authorization = credentials.map(|c| {
            let pair = format!("{}:{}", c.user(), c.password());
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        Ok(Server {
            agent,
            collection,
            authorization,
            settings,
            reads: AtomicUsize::new(0),
            writes: AtomicUsize::new(0),
        })
    }

    /// The collection's URL.
    pub fn url(&self) -> String {
        self.collection.url()
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// How many requests were sent so far.
    pub fn requests(&self) -> Requests {
        Requests {
            reads: self.reads.load(Ordering::Relaxed),
            writes: self.writes.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn collection(&self) -> &Collection {
        &self.collection
    }

    /// What is at the collection's URL (PROPFIND, depth 0).
    pub(crate) fn collection_state(&self) -> Result<CollectionState, DavError> {
        let url = self.collection.url();
        let mut response = self.send(
            "PROPFIND",
            &url,
            &[("Depth", "0")],
            Some(xml::propfind_resourcetype()),
            XML,
        )?;
        match response.status().as_u16() {
            207 => {
                let text = read_text(&mut response, "PROPFIND", &url, &self.settings)?;
                let answers =
                    xml::parse_multistatus(&text).map_err(|message| garbled(&url, message))?;
                let own = answers
                    .iter()
                    .find(|r| self.collection.is_itself(&r.href))
                    .or(answers.first());
                Ok(match own {
                    // Xandikos answers a missing collection with a 207 holding a 404.
                    Some(r) if matches!(r.status, Some(404 | 410)) => CollectionState::Missing,
                    Some(r) if r.is_calendar => CollectionState::Calendar,
                    _ => CollectionState::NotACalendar,
                })
            }
            404 => Ok(CollectionState::Missing),
            _ => Err(status_error("PROPFIND", &url, &response)),
        }
    }

    /// Makes the collection a new calendar (MKCALENDAR).
    pub(crate) fn make_calendar(&self) -> Result<(), DavError> {
        let url = self.collection.url();
        let response = self.send("MKCALENDAR", &url, &[], None, XML)?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            _ => Err(status_error("MKCALENDAR", &url, &response)),
        }
    }

    /// Every event resource in the collection with its ETag and text (one REPORT).
    pub(crate) fn list(&self) -> Result<Vec<Remote>, DavError> {
        let url = self.collection.url();
        let mut response = self.send(
            "REPORT",
            &url,
            &[("Depth", "1")],
            Some(xml::calendar_query()),
            XML,
        )?;
        if response.status().as_u16() != 207 {
            return Err(status_error("REPORT", &url, &response));
        }
        let text = read_text(&mut response, "REPORT", &url, &self.settings)?;
        let answers = xml::parse_multistatus(&text).map_err(|message| garbled(&url, message))?;
        let mut remotes = Vec::with_capacity(answers.len());
        for answer in answers {
            if answer.status.is_some_and(|s| !(200..300).contains(&s))
                || self.collection.is_itself(&answer.href)
            {
                continue;
            }
            let Some(calendar) = answer.calendar_data else {
                continue;
            };
            remotes.push(Remote {
                url: self.collection.resolve(&answer.href)?,
                etag: answer.etag,
                calendar,
            });
        }
        Ok(remotes)
    }

    /// One resource as it is now; `None` if it is not there.
    pub(crate) fn get(&self, url: &str) -> Result<Option<Remote>, DavError> {
        let mut response = self.send("GET", url, &[], None, None)?;
        match response.status().as_u16() {
            200 => {
                let etag = header_text(&response, header::ETAG);
                let calendar = read_text(&mut response, "GET", url, &self.settings)?;
                Ok(Some(Remote {
                    url: url.to_string(),
                    etag,
                    calendar,
                }))
            }
            404 | 410 => Ok(None),
            _ => Err(status_error("GET", url, &response)),
        }
    }

    /// Writes a resource under a condition.
    pub(crate) fn put(&self, url: &str, body: &str, expect: Expect) -> Result<Written, DavError> {
        let condition = match expect {
            Expect::Nothing => Some(("If-None-Match", "*")),
            Expect::Unchanged(Some(etag)) => Some(("If-Match", etag)),
            Expect::Unchanged(None) => None,
        };
        let headers: Vec<(&str, &str)> = condition.into_iter().collect();
        let response = self.send(
            "PUT",
            url,
            &headers,
            Some(body.as_bytes().to_vec()),
            CALENDAR,
        )?;
        match response.status().as_u16() {
            200..=299 => Ok(Written::Done),
            412 => Ok(Written::Changed),
            _ => Err(status_error("PUT", url, &response)),
        }
    }

    /// Deletes a resource if it is unchanged.
    pub(crate) fn delete(&self, url: &str, etag: Option<&str>) -> Result<Written, DavError> {
        let headers: Vec<(&str, &str)> = etag.map(|e| ("If-Match", e)).into_iter().collect();
        let response = self.send("DELETE", url, &headers, None, None)?;
        match response.status().as_u16() {
            200..=299 => Ok(Written::Done),
            412 => Ok(Written::Changed),
            404 | 410 => Ok(Written::Gone),
            _ => Err(status_error("DELETE", url, &response)),
        }
    }

    /// Sends a request, again after a wait while the server answers 429 or 503.
    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
        content_type: Option<&str>,
    ) -> Result<Response<Body>, DavError> {
        let counter = match method {
            "PUT" | "DELETE" | "MKCALENDAR" => &self.writes,
            _ => &self.reads,
        };
        let mut attempt = 1;
        loop {
            let mut request = Request::builder()
                .method(Method::from_bytes(method.as_bytes()).expect("a valid method"))
                .uri(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if let Some(kind) = content_type.filter(|_| body.is_some()) {
                request = request.header(header::CONTENT_TYPE, kind);
            }
            if let Some(auth) = &self.authorization {
                request = request.header(header::AUTHORIZATION, auth);
            }
            let request = request
                .body(body.clone().unwrap_or_default())
                .map_err(|e| DavError::Url {
                    url: url.to_string(),
                    message: e.to_string(),
                })?;
            counter.fetch_add(1, Ordering::Relaxed);
            let response = self
                .agent
                .run(request)
                .map_err(|e| transport_error(method, url, e, &self.settings))?;
            let status = response.status();
            if status != StatusCode::TOO_MANY_REQUESTS && status != StatusCode::SERVICE_UNAVAILABLE
            {
                return Ok(response);
            }
            let retry_after = header_text(&response, header::RETRY_AFTER);
            match self
                .settings
                .retry
                .wait(attempt, retry_after.as_deref(), SystemTime::now())
            {
                Some(wait) => std::thread::sleep(wait),
                None => {
                    return Err(DavError::Busy {
                        method: method.to_string(),
                        url: url.to_string(),
                        status: status.as_u16(),
                        attempts: attempt,
                    });
                }
            }
            attempt += 1;
        }
    }
}

const XML: Option<&str> = Some("application/xml; charset=utf-8");
const CALENDAR: Option<&str> = Some("text/calendar; charset=utf-8");

fn header_text(response: &Response<Body>, name: header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The whole answer as text; a server that stops sending in the middle times out like one that
/// never answers.
fn read_text(
    response: &mut Response<Body>,
    method: &str,
    url: &str,
    settings: &Settings,
) -> Result<String, DavError> {
    response
        .body_mut()
        .with_config()
        .limit(LARGEST_ANSWER)
        .read_to_string()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => garbled(
                url,
                format!("the answer is larger than {LARGEST_ANSWER} bytes"),
            ),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                garbled(url, "the answer is not UTF-8 text")
            }
            other => transport_error(method, url, other, settings),
        })
}

fn garbled(url: &str, message: impl Into<String>) -> DavError {
    DavError::Garbled {
        url: url.to_string(),
        message: message.into(),
    }
}

/// The error for a status that the caller did not expect.
fn status_error(method: &str, url: &str, response: &Response<Body>) -> DavError {
    let (method, url) = (method.to_string(), url.to_string());
    let status = response.status().as_u16();
    match status {
        401 => DavError::Unauthorized { url },
        403 => DavError::Forbidden { method, url },
        404 | 410 => DavError::NotFound { method, url },
        412 => DavError::PreconditionFailed { method, url },
        300..=399 => DavError::Redirect {
            url,
            location: header_text(response, header::LOCATION).unwrap_or_else(|| "nowhere".into()),
            status,
        },
        500..=599 => DavError::Server {
            method,
            url,
            status,
        },
        _ => DavError::Unexpected {
            method,
            url,
            status,
        },
    }
}

/// The error for a request that got no HTTP answer.
fn transport_error(method: &str, url: &str, error: ureq::Error, settings: &Settings) -> DavError {
    let url = url.to_string();
    let timeout = |seconds: Duration| DavError::Timeout {
        method: method.to_string(),
        url: url.clone(),
        seconds: seconds.as_secs().max(1),
    };
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            timeout(settings.connect_timeout)
        }
        ureq::Error::Timeout(_) => timeout(settings.read_timeout),
        ureq::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            timeout(settings.read_timeout)
        }
        ureq::Error::Protocol(e) => garbled(&url, format!("not HTTP ({e})")),
        ureq::Error::Http(e) => garbled(&url, format!("not HTTP ({e})")),
        ureq::Error::Tls(message) => DavError::Tls {
            url,
            message: message.to_string(),
        },
        ureq::Error::Rustls(e) => DavError::Tls {
            url,
            message: e.to_string(),
        },
        ureq::Error::Pem(e) => DavError::Tls {
            url,
            message: e.to_string(),
        },
        ureq::Error::HostNotFound => DavError::Connect {
            url,
            message: "the host name is not known".into(),
        },
        other => DavError::Connect {
            url,
            message: other.to_string(),
        },
    }
}
