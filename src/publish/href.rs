//! Where things are on the server: the collection's URL, the name a new entry gets in it, and the
//! hrefs a server answers with, made into URLs on the same server.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};
use ureq::http::Uri;

use super::error::DavError;

/// Bytes of a UID kept as they are in a resource name: RFC 3986's unreserved characters and `@`,
/// which every server tried keeps literally; everything else is percent-encoded.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// The longest UID named after itself; longer ones are named by their hash, since servers store
/// resources as files and file names stop at 255 bytes.
const LONGEST_NAMED_UID: usize = 200;

/// The name of a new entry's resource: `UID.ics`, the UID percent-encoded.
///
/// Servers decode `%2F` back into `/` (a path separator) and refuse names that start with a `.`,
/// so a UID with `/` or `\`, a leading `.`, a control character or more than 200 bytes is named
/// `docket-` and the first 40 hex digits of its SHA-256 instead. Either way the name depends on
/// the UID alone, so two people publishing the same docket pick the same resource.
pub(crate) fn resource_name(uid: &str) -> String {
    let named_after_itself = !uid.is_empty()
        && uid.len() <= LONGEST_NAMED_UID
        && !uid.starts_with('.')
        && !uid.contains(['/', '\\'])
        && !uid.chars().any(char::is_control);
    if named_after_itself {
        format!("{}.ics", utf8_percent_encode(uid, ENCODED))
    } else {
        let digest = Sha256::digest(uid.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("docket-{}.ics", &hex[..40])
    }
}

/// A calendar collection's URL, split into the server (`scheme://authority`) and the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Collection {
    /// `https://host:port`, without a user name.
    pub origin: String,
    /// The collection's path, ending in `/`.
    pub path: String,
    /// Whether it is `https`.
    pub secure: bool,
    /// The host, for credentials and the loopback check.
    pub host: String,
    /// The user name written in the URL (`https://alice@host/…`), if any.
    pub user: Option<String>,
}

impl Collection {
    /// Reads a collection URL. A password in the URL is refused: it would sit in the shell's
    /// history and the process list.
    pub fn parse(url: &str) -> Result<Collection, DavError> {
        let bad = |why: &str| DavError::Url {
            url: redact(url),
            message: why.to_string(),
        };
        let uri: Uri = url.parse().map_err(|_| bad("not a URL"))?;
        let secure = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(bad("the URL must start with `https://` or `http://`")),
        };
        let authority = uri
            .authority()
            .ok_or_else(|| bad("the URL names no server"))?;
        let (user, host_port) = match authority.as_str().rsplit_once('@') {
            Some((userinfo, host_port)) => {
                if userinfo.contains(':') {
                    return Err(bad(
                        "a password in the URL is refused; give it in DOCKET_CALDAV_PASSWORD, a netrc file or a password command",
                    ));
                }
                let user = percent_encoding::percent_decode_str(userinfo)
                    .decode_utf8()
                    .map_err(|_| bad("the user name is not UTF-8"))?;
                (Some(user.into_owned()), host_port)
            }
            None => (None, authority.as_str()),
        };
        if uri.query().is_some() {
            return Err(bad("a calendar collection's URL has no query (`?…`)"));
        }
        let mut path = uri.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(Collection {
            origin: format!("{}://{host_port}", if secure { "https" } else { "http" }),
            path,
            secure,
            host: authority.host().trim_matches(['[', ']']).to_string(),
            user,
        })
    }

    /// The collection's own URL.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    /// The URL of a new resource in the collection.
    pub fn member(&self, name: &str) -> String {
        format!("{}{}{name}", self.origin, self.path)
    }

    /// The URL of an href from the server: an absolute path, a path relative to the
    /// collection, or a full URL on the same server. An href to another server is refused, so
    /// docket's credentials never follow it there.
    pub fn resolve(&self, href: &str) -> Result<String, DavError> {
        let href = href.trim();
        if href.starts_with("http://") || href.starts_with("https://") {
            let rest = href
                .strip_prefix(&self.origin)
                .filter(|rest| rest.starts_with('/'));
            return match rest {
                Some(_) => Ok(href.to_string()),
                None => Err(DavError::Garbled {
                    url: self.url(),
                    message: format!("the server named a resource on another server: `{href}`"),
                }),
            };
        }
        if href.starts_with('/') {
            Ok(format!("{}{href}", self.origin))
        } else {
            Ok(format!("{}{}{href}", self.origin, self.path))
        }
    }

    /// Whether an href names the collection itself.
    pub fn is_itself(&self, href: &str) -> bool {
        self.resolve(href)
            .map(|url| url.trim_end_matches('/') == self.url().trim_end_matches('/'))
            .unwrap_or(false)
    }
}

/// A URL without anything that could be a secret in it, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_uids_name_their_resource() {
        assert_eq!(
            resource_name("answer.smith-v-jones@docket"),
            "answer.smith-v-jones@docket.ics"
        );
        assert_eq!(resource_name("a b+c%é"), "a%20b%2Bc%25%C3%A9.ics");
    }

    #[test]
    fn awkward_uids_are_named_by_their_hash() {
        for uid in ["a/b", "a\\b", ".hidden", "", "a\nb", &"x".repeat(201)] {
            let name = resource_name(uid);
            assert!(
                name.starts_with("docket-") && name.len() == 7 + 40 + 4,
                "{name}"
            );
            assert!(!name.contains('/'));
        }
        assert_ne!(resource_name("a/b"), resource_name("a/c"));
        // SHA-256("a/b") = c14cddc0…, computed with `printf a/b | sha256sum`.
        assert_eq!(
            resource_name("a/b"),
            format!("docket-{}.ics", "c14cddc033f64b9dea80ea675cf280a015e67251")
        );
    }

    #[test]
    fn collection_urls() {
        let c = Collection::parse("https://alice@cal.example.com:8443/dav/cal").unwrap();
        assert_eq!(c.origin, "https://cal.example.com:8443");
        assert_eq!(c.path, "/dav/cal/");
        assert_eq!(c.user.as_deref(), Some("alice"));
        assert_eq!(c.host, "cal.example.com");
        assert_eq!(
            c.member("x.ics"),
            "https://cal.example.com:8443/dav/cal/x.ics"
        );
        assert_eq!(
            c.resolve("/dav/cal/y%40z.ics").unwrap(),
            "https://cal.example.com:8443/dav/cal/y%40z.ics"
        );
        assert_eq!(c.resolve("y.ics").unwrap(), c.member("y.ics"));
        assert!(
            c.resolve("https://cal.example.com:8443/dav/cal/y.ics")
                .is_ok()
        );
        assert!(c.resolve("https://evil.example.net/dav/cal/y.ics").is_err());
        assert!(
            c.resolve("https://cal.example.com:8443.evil.net/y.ics")
                .is_err()
        );
        assert!(c.is_itself("/dav/cal"));
        assert!(!c.is_itself("/dav/cal/y.ics"));
        let v6 = Collection::parse("http://[::1]:5232/a/").unwrap();
        assert_eq!(v6.host, "::1");
    }

    #[test]
    fn bad_urls_are_refused_without_showing_a_password() {
        let err = Collection::parse("https://alice:hunter2@cal.example.com/cal/").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(err.to_string().contains("password"), "{err}");
        assert!(Collection::parse("ftp://x/").is_err());
        assert!(Collection::parse("cal.example.com/cal").is_err());
        assert!(Collection::parse("https://x/cal?a=b").is_err());
    }
}
