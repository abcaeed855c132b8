//! Credentials for the server, never from the command line: the environment
//! (`DOCKET_CALDAV_USER`, `DOCKET_CALDAV_PASSWORD`), a password command, or a netrc file.
//!
//! The user name comes from `DOCKET_CALDAV_USER`, else the URL (`https://alice@host/…`), else
//! the netrc entry's `login`. The password comes from `DOCKET_CALDAV_PASSWORD`, else the
//! password command, else the netrc entry's `password` (when its `login` is that user, or it has
//! none). With neither, the server is asked without credentials.
//!
//! The password command is run by the shell (`sh -c`; `cmd /C` on Windows), as mail clients run
//! theirs (mbsync's `PassCmd`, msmtp's `passwordeval`): people write pipelines such as
//! `pass show caldav | head -n 1`. The command is the user's own words, never data from a file or
//! a server, so the shell opens no door that the user does not already hold. Its standard input
//! and standard error are the terminal's, so it can ask for a passphrase; the first line of its
//! output is the password.
//!
//! The password goes only to the collection's own server, only over HTTPS, or plain HTTP to this
//! machine (a loopback address), where no one else can read it.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::error::CredentialError;
use super::href::Collection;
use super::netrc;

/// A user name and password for HTTP Basic authentication.
///
/// ```
/// use docket::publish::Credentials;
///
/// let c = Credentials::new("alice", "hunter2");
/// assert_eq!(c.user(), "alice");
/// assert!(!format!("{c:?}").contains("hunter2"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// Credentials from a user name and a password.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Credentials {
        Credentials {
            user: user.into(),
            password: password.into(),
        }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The password.
    pub(crate) fn password(&self) -> &str {
        &self.password
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"…")
            .finish()
    }
}

/// Where credentials may come from. [`CredentialSources::from_env`] fills it the usual way;
/// tests and other front ends can fill it by hand.
///
/// ```
/// use docket::publish::CredentialSources;
///
/// let sources = CredentialSources {
///     user: Some("alice".into()),
///     password_command: Some("printf 'hunter2\\n'".into()),
///     ..CredentialSources::default()
/// };
/// # #[cfg(unix)] {
/// let found = sources.resolve(None, "cal.example.com").unwrap().unwrap();
/// assert_eq!(found.user(), "alice");
/// # }
/// ```
#[derive(Clone, Default)]
pub struct CredentialSources {
    /// A user name (`DOCKET_CALDAV_USER`).
    pub user: Option<String>,
    /// A password (`DOCKET_CALDAV_PASSWORD`).
    pub password: Option<String>,
    /// A command that prints the password (`--password-command`).
    pub password_command: Option<String>,
    /// A netrc file to read, if it exists (`$NETRC`, else `~/.netrc`).
    pub netrc: Option<PathBuf>,
}

impl std::fmt::Debug for CredentialSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSources")
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("password_command", &self.password_command)
            .field("netrc", &self.netrc)
            .finish()
    }
}

/// The environment variable with the user name.
pub const USER_VARIABLE: &str = "DOCKET_CALDAV_USER";
/// The environment variable with the password.
pub const PASSWORD_VARIABLE: &str = "DOCKET_CALDAV_PASSWORD";

impl CredentialSources {
    /// The sources of this process: `DOCKET_CALDAV_USER`, `DOCKET_CALDAV_PASSWORD`, the given
    /// password command, and `$NETRC` or `~/.netrc`.
    pub fn from_env(
        password_command: Option<String>,
    ) -> Result<CredentialSources, CredentialError> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(v) if v.is_empty() => Ok(None),
            Ok(v) => Ok(Some(v)),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(CredentialError::NotUnicode(name)),
        };
        let netrc = match std::env::var_os("NETRC") {
            Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
            _ => std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| PathBuf::from(home).join(".netrc")),
        };
        Ok(CredentialSources {
            user: var(USER_VARIABLE)?,
            password: var(PASSWORD_VARIABLE)?,
            password_command,
            netrc,
        })
    }

    /// The credentials for a host, `None` if no source gives any. `url_user` is the user name
    /// written in the URL, if any. A netrc file that does not exist is no error; one that cannot
    /// be read or is malformed is.
    pub fn resolve(
        &self,
        url_user: Option<&str>,
        host: &str,
    ) -> Result<Option<Credentials>, CredentialError> {
        let from_netrc = match &self.netrc {
            Some(path) if path.exists() => netrc::read(path, host)?,
            _ => None,
        }
        .unwrap_or_default();
        let user = self
            .user
            .clone()
            .or_else(|| url_user.map(str::to_string))
            .or_else(|| from_netrc.user.clone());
        let password = match (&self.password, &self.password_command) {
            (Some(password), _) => Some(password.clone()),
            (None, Some(command)) => Some(run_password_command(command)?),
            (None, None) => from_netrc
                .password
                .clone()
                .filter(|_| from_netrc.user.is_none() || from_netrc.user == user),
        };
        match (user, password) {
            (Some(user), Some(password)) => Ok(Some(Credentials { user, password })),
            (None, Some(_)) => Err(CredentialError::NoUser),
            (Some(user), None) => Err(CredentialError::NoPassword { user }),
            (None, None) => Ok(None),
        }
    }
}

/// Refuses to send credentials over plain HTTP to anything but this machine.
pub(crate) fn check_transport(
    collection: &Collection,
    credentials: Option<&Credentials>,
) -> Result<(), CredentialError> {
    if credentials.is_some() && !collection.secure && !is_loopback(&collection.host) {
        return Err(CredentialError::Insecure {
            host: collection.host.clone(),
        });
    }
    Ok(())
}

/// Whether a host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
pub(crate) fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// Runs the password command through the shell and takes the first line it prints.
fn run_password_command(command: &str) -> Result<String, CredentialError> {
    let mut shell = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.arg("/C");
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c");
        c
    };
    let output = shell
        .arg(command)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped())
        .output()
        .map_err(|e| CredentialError::CommandStart {
            command: command.to_string(),
            message: e.to_string(),
        })?;
    let failed = |outcome: String| CredentialError::CommandFailed {
        command: command.to_string(),
        outcome,
    };
    if !output.status.success() {
        return Err(failed(match output.status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was stopped by a signal".into(),
        }));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| failed("printed something that is not UTF-8".into()))?;
    let first = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if first.is_empty() {
        return Err(failed("printed no password".into()));
    }
    Ok(first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> CredentialSources {
        CredentialSources::default()
    }

    #[test]
    fn environment_first_then_url_then_netrc() {
        let dir = tempfile::tempdir().unwrap();
        let netrc = dir.path().join("netrc");
        std::fs::write(
            &netrc,
            "machine cal.example.com login carol password from-netrc\n",
        )
        .unwrap();

        let only_netrc = CredentialSources {
            netrc: Some(netrc.clone()),
            ..sources()
        };
        let found = only_netrc
            .resolve(None, "cal.example.com")
            .unwrap()
            .unwrap();
        assert_eq!((found.user(), found.password()), ("carol", "from-netrc"));
        assert_eq!(only_netrc.resolve(None, "other.example.com").unwrap(), None);

        // A user named elsewhere does not take carol's password.
        let err = only_netrc
            .resolve(Some("alice"), "cal.example.com")
            .unwrap_err();
        assert!(matches!(err, CredentialError::NoPassword { ref user } if user == "alice"));

        let env = CredentialSources {
            user: Some("dave".into()),
            password: Some("from-env".into()),
            netrc: Some(netrc),
            ..sources()
        };
        let found = env
            .resolve(Some("alice"), "cal.example.com")
            .unwrap()
            .unwrap();
        assert_eq!((found.user(), found.password()), ("dave", "from-env"));
    }

    #[test]
    fn a_missing_netrc_is_no_error_but_a_broken_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let missing = CredentialSources {
            netrc: Some(dir.path().join("none")),
            ..sources()
        };
        assert_eq!(missing.resolve(None, "h").unwrap(), None);
        let broken = dir.path().join("broken");
        std::fs::write(&broken, "machine h\nlogin").unwrap();
        let err = CredentialSources {
            netrc: Some(broken),
            ..sources()
        }
        .resolve(None, "h")
        .unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
    }

    #[test]
    fn half_credentials_are_errors() {
        let password_only = CredentialSources {
            password: Some("x".into()),
            ..sources()
        };
        assert!(matches!(
            password_only.resolve(None, "h"),
            Err(CredentialError::NoUser)
        ));
        assert!(matches!(
            sources().resolve(Some("alice"), "h"),
            Err(CredentialError::NoPassword { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn the_password_command_runs_in_the_shell() {
        let with = |command: &str| CredentialSources {
            user: Some("alice".into()),
            password_command: Some(command.into()),
            ..sources()
        };
        let found = with("printf 'first line\\nsecond\\n' | cat")
            .resolve(None, "h")
            .unwrap()
            .unwrap();
        assert_eq!(found.password(), "first line");
        let err = with("exit 7").resolve(None, "h").unwrap_err();
        assert!(err.to_string().contains("exited with status 7"), "{err}");
        let err = with("true").resolve(None, "h").unwrap_err();
        assert!(err.to_string().contains("printed no password"), "{err}");
    }

    #[test]
    fn passwords_go_over_plain_http_only_to_this_machine() {
        let c = Credentials::new("a", "b");
        for (url, ok) in [
            ("https://cal.example.com/c/", true),
            ("http://127.0.0.1:5232/c/", true),
            ("http://127.1.2.3/c/", true),
            ("http://localhost/c/", true),
            ("http://[::1]:80/c/", true),
            ("http://cal.example.com/c/", false),
            ("http://192.168.1.2/c/", false),
            ("http://localhost.example.com/c/", false),
        ] {
            let collection = Collection::parse(url).unwrap();
            assert_eq!(check_transport(&collection, Some(&c)).is_ok(), ok, "{url}");
            assert!(check_transport(&collection, None).is_ok(), "{url}");
        }
    }
}
