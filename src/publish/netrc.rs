//! The netrc file (`$NETRC`, else `~/.netrc`): the user name and password for a host, as curl,
//! git and Python's `netrc` read it.
//!
//! Tokens are separated by blanks or line breaks: `machine HOST`, `default`, `login NAME`,
//! `password SECRET`, `account NAME` (ignored) and `macdef NAME` (a macro, skipped up to the
//! next empty line). A token may be double-quoted, with `\"` and `\\` inside (as curl reads
//! it), and `#` starts a comment that runs to the end of the line. The first `machine` entry for
//! the host wins; `default`, if present, serves any other host.
//!
//! The netrc crates on crates.io were last released years ago, and none reads quotes, so this
//! is the project's own small reader.

use std::path::Path;

use super::error::CredentialError;

/// What a netrc file says about one host.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Login {
    /// `login`, if given.
    pub user: Option<String>,
    /// `password`, if given.
    pub password: Option<String>,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .finish()
    }
}

/// Reads the file and finds the host's entry; `None` if neither the host nor `default` is in it.
pub(crate) fn read(path: &Path, host: &str) -> Result<Option<Login>, CredentialError> {
    let text = std::fs::read_to_string(path).map_err(|e| CredentialError::NetrcRead {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    find(&text, host).map_err(|(line, message)| CredentialError::NetrcSyntax {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// Finds the host's entry in a netrc text; the error is a line and a message.
pub(crate) fn find(text: &str, host: &str) -> Result<Option<Login>, (usize, String)> {
    let tokens = tokens(text)?;
    let mut found: Option<Login> = None;
    let mut default: Option<Login> = None;
    // Which entry the tokens being read belong to: the host's, `default`, or another machine's.
    enum Current {
        None,
        Host,
        Default,
        Other,
    }
    let mut current = Current::None;
    let mut i = 0;
    while i < tokens.len() {
        let (line, word) = (&tokens[i].0, tokens[i].1.as_str());
        let value = || {
            tokens
                .get(i + 1)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| (*line, format!("`{word}` needs a value after it")))
        };
        match word {
            "machine" => {
                let name = value()?;
                current = if found.is_none() && name.eq_ignore_ascii_case(host) {
                    found = Some(Login::default());
                    Current::Host
                } else {
                    Current::Other
                };
                i += 2;
            }
            "default" => {
                current = if default.is_none() {
                    default = Some(Login::default());
                    Current::Default
                } else {
                    Current::Other
                };
                i += 1;
            }
            "login" | "password" | "account" => {
                let v = value()?;
                let entry = match current {
                    Current::Host => found.as_mut(),
                    Current::Default => default.as_mut(),
                    Current::Other => None,
                    Current::None => {
                        return Err((*line, format!("`{word}` before any `machine` or `default`")));
                    }
                };
                if let Some(entry) = entry {
                    match word {
                        "login" => entry.user = Some(v),
                        "password" => entry.password = Some(v),
                        _ => {}
                    }
                }
                i += 2;
            }
            "macdef" => {
                value()?;
                // The macro's body was dropped by the tokenizer; only its name is left here.
                i += 2;
            }
            other => {
                return Err((
                    *line,
                    format!(
                        "unknown word `{other}` (expected `machine`, `default`, `login`, `password`, `account` or `macdef`)"
                    ),
                ));
            }
        }
    }
    Ok(found.or(default))
}

/// The tokens of a netrc text with their line numbers; a macro's body is left out.
fn tokens(text: &str) -> Result<Vec<(usize, String)>, (usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((number, line)) = lines.next() {
        let mut chars = line.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(&first) = chars.peek() else { break };
            if first == '#' {
                break;
            }
            let mut token = String::new();
            if first == '"' {
                chars.next();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => token.push(chars.next().unwrap_or('\\')),
                        c => token.push(c),
                    }
                }
                if !closed {
                    return Err((number, "a quoted word is not closed".into()));
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    token.push(c);
                }
            }
            out.push((number, token));
        }
        // `macdef NAME` is followed by the macro's lines, up to an empty line.
        let n = out.len();
        if n >= 2 && out[n - 2].1 == "macdef" && out[n - 2].0 == number {
            for (_, body) in lines.by_ref() {
                if body.trim().is_empty() {
                    break;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(user: &str, password: &str) -> Option<Login> {
        Some(Login {
            user: Some(user.into()),
            password: Some(password.into()),
        })
    }

    #[test]
    fn finds_the_host_then_the_default() {
        let text = "# calendars\nmachine other.example login bob password b\n\
                    machine cal.example.com\n  login alice\n  password \"p w\\\"x\" # a comment\n\
                    default login anon password guest\n";
        assert_eq!(
            find(text, "cal.example.com").unwrap(),
            login("alice", "p w\"x")
        );
        assert_eq!(
            find(text, "CAL.example.com").unwrap(),
            login("alice", "p w\"x")
        );
        assert_eq!(find(text, "elsewhere").unwrap(), login("anon", "guest"));
        assert_eq!(find("machine a login x password y", "b").unwrap(), None);
    }

    #[test]
    fn the_first_entry_for_a_host_wins_and_macros_are_skipped() {
        let text = "macdef init\ncd /pub\nmachine cal login evil password x\n\n\
                    machine cal login alice password one\nmachine cal login bob password two\n";
        assert_eq!(find(text, "cal").unwrap(), login("alice", "one"));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(find("machine a\nlogin", "a").unwrap_err().0, 2);
        assert_eq!(find("login x", "a").unwrap_err().0, 1);
        assert_eq!(find("\n\nmachine a lgin x", "a").unwrap_err().0, 3);
        assert_eq!(find("machine a password \"open", "a").unwrap_err().0, 1);
    }

    #[test]
    fn debug_hides_the_password() {
        let shown = format!("{:?}", login("alice", "hunter2").unwrap());
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
