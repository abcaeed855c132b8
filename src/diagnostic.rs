//! Problems found in a user's files: where (file, line, column, the source under a caret), what is
//! wrong, what was expected, and the near miss. Rendered for people with annotate-snippets, or
//! as JSON for programs.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::render::text::{terminal_lines, terminal_path};

/// A file's path and text, shared by its diagnostics.
///
/// A docket keeps no text of a file that loaded without a problem ([`SourceFile::without_text`]): a
/// firm-wide docket's files would otherwise stay in memory beside the records read from them.
/// Such a file is read again if a later check has something to say about it; if it has changed
/// on disk since, its text is unknown, and messages give only its path.
#[derive(Debug)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text (a leading byte-order mark removed), or `None` once it is known to have changed.
    text: OnceLock<Option<String>>,
    /// For a file kept without its text: the length and hash of the text it was read with.
    read_as: Option<(usize, u64)>,
    /// Where each line of the text starts, found on first use, so that every diagnostic of a
    /// file finds its line by a binary search instead of a walk from the start.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// A file and its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: OnceLock::from(Some(text.into())),
            read_as: None,
            line_starts: OnceLock::new(),
        }
    }

    /// The same file without its text, which is read again from disk if it is ever needed.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("t.toml");
    /// std::fs::write(&path, "\u{feff}a = 1\nb = 2\n").unwrap();
    /// let read = docket::diagnostic::SourceFile::new(&path, "a = 1\nb = 2\n");
    /// let later = read.without_text();
    /// assert_eq!(later.text(), "a = 1\nb = 2\n");
    /// std::fs::write(&path, "changed").unwrap();
    /// let changed = read.without_text();
    /// assert_eq!((changed.text(), changed.position(6)), ("", None));
    /// ```
    pub fn without_text(&self) -> SourceFile {
        let text = self.text();
        SourceFile {
            path: self.path.clone(),
            text: OnceLock::new(),
            read_as: Some((text.len(), fingerprint(text))),
            line_starts: OnceLock::new(),
        }
    }

    /// Its text: empty when it has changed on disk since it was kept without it.
    pub fn text(&self) -> &str {
        self.known().unwrap_or("")
    }

    /// Whether it has changed on disk since it was kept without its text, so that its text is
    /// unknown.
    pub fn changed(&self) -> bool {
        self.known().is_none()
    }

    /// Its text, unless it has changed on disk since it was kept without it.
    fn known(&self) -> Option<&str> {
        self.text
            .get_or_init(|| {
                let (len, hash) = self.read_as?;
                let text = std::fs::read_to_string(&self.path).ok()?;
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_string(),
                    None => text,
                };
                (text.len() == len && fingerprint(&text) == hash).then_some(text)
            })
            .as_deref()
    }

    /// The 1-based line and column (in characters) of byte offset `at`.
    ///
    /// ```
    /// let f = docket::diagnostic::SourceFile::new("x.toml", "a = 1\nbé = 2\n");
    /// assert_eq!(f.line_col(6), (2, 1));
    /// assert_eq!(f.line_col(10), (2, 4));
    /// ```
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let text = self.text();
        let at = floor_char_boundary(text, at.min(text.len()));
        let (line, start) = self.line_of(at);
        (line, text[start..at].chars().count() + 1)
    }

    /// The 1-based number of the line holding byte offset `at`, and where that line starts.
    fn line_of(&self, at: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            let text = self.text();
            let newlines = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
            std::iter::once(0)
                .chain(newlines.map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= at);
        (line, starts[line - 1])
    }

    /// The whole lines holding `span` (at most a few lines either side of its start), their
    /// first line's number, and `span` moved into them: what a snippet shows, so that showing
    /// one problem never reads the whole file.
    fn lines_around(&self, span: Range<usize>) -> (&str, usize, Range<usize>) {
        const MAX_LINES: usize = 8;
        let text = self.text();
        let (line, from) = self.line_of(span.start);
        let starts = self.line_starts.get().expect("found by line_of");
        let last = self.line_of(span.end).0.min(line + MAX_LINES - 1);
        let to = match starts.get(last) {
            Some(&next) => next,
            None => text.len(),
        };
        let end = span.end.min(to);
        (&text[from..to], line, span.start - from..end - from)
    }

    /// [`SourceFile::line_col`], unless the text has changed on disk since it was kept without
    /// it.
    pub fn position(&self, at: usize) -> Option<(usize, usize)> {
        self.known().map(|_| self.line_col(at))
    }
}

/// A message as a terminal shows it: its first [`MESSAGE_LINES`] lines and at most
/// [`MESSAGE_CHARS`] characters, then how much was left out, since a message may quote a value
/// of a megabyte or a thousand lines. JSON keeps the whole message.
fn bounded(text: &str) -> std::borrow::Cow<'_, str> {
    let lines = text.lines().count();
    if lines <= MESSAGE_LINES && text.chars().count() <= MESSAGE_CHARS {
        return text.into();
    }
    let kept: String = text
        .lines()
        .take(MESSAGE_LINES)
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .take(MESSAGE_CHARS)
        .collect();
    format!("{kept}… ({} bytes in all)", text.len()).into()
}

/// How many lines of a message a terminal shows.
const MESSAGE_LINES: usize = 3;
/// How many characters of a message a terminal shows.
const MESSAGE_CHARS: usize = 400;

/// A hash of a file's text, to know it again.
fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(text)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// Likely a mistake; the file still loads.
    Warning,
    /// A deadline's date, recomputed now, differs from the one recorded: it needs review
    /// (`docket accept`), but the file still loads.
    Moved,
}

/// One problem in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, if the problem is in one.
    pub file: Option<Arc<SourceFile>>,
    /// The bytes the problem is about.
    pub span: Option<Range<usize>>,
    /// What is wrong, lowercase, values in backticks.
    pub message: String,
    /// What was expected, shown under the caret.
    pub expected: Option<String>,
    /// A suggestion, such as the near miss.
    pub help: Option<String>,
    /// Whether the problem is that a file or folder cannot be read (exit 3, not 2).
    io: bool,
}

/// A diagnostic as data (`check --format json`).
#[derive(Serialize)]
struct Json<'a> {
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    expected: Option<&'a str>,
    help: Option<&'a str>,
}

impl Diagnostic {
    /// An error at `span` of `file`.
    pub fn error(file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.clone()),
            span: Some(span),
            message: message.into(),
            expected: None,
            help: None,
            io: false,
        }
    }

    /// A warning at `span` of `file`.
    pub fn warning(file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    /// An error about a path rather than a place in a file.
    pub fn path_error(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(Arc::new(SourceFile::new(path, String::new()))),
            span: None,
            message: message.into(),
            expected: None,
            help: None,
            io: false,
        }
    }

    /// A file or folder that cannot be read.
    ///
    /// ```
    /// use docket::diagnostic::Diagnostic;
    /// let d = Diagnostic::io_error("t.toml".as_ref(), "cannot read `t.toml`: permission denied");
    /// assert!(d.is_io());
    /// assert!(!Diagnostic::path_error("t.toml".as_ref(), "a duplicate id").is_io());
    /// ```
    pub fn io_error(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            io: true,
            ..Diagnostic::path_error(path, message)
        }
    }

    /// Whether the problem is that a file or folder cannot be read.
    pub fn is_io(&self) -> bool {
        self.io
    }

    /// Adds what was expected.
    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    /// Adds a suggestion.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Adds "did you mean" when there is a near miss.
    pub fn suggest(self, near: Option<&str>) -> Self {
        match near {
            Some(n) => self.help(format!("did you mean `{n}`?")),
            None => self,
        }
    }

    /// `path:line:column` (or just the path), the path safe to print on a terminal
    /// ([`terminal_path`]).
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let path = terminal_path(&file.path);
        Some(
            match self.span.as_ref().and_then(|s| file.position(s.start)) {
                Some((line, col)) => format!("{path}:{line}:{col}"),
                None => path.to_string(),
            },
        )
    }

    /// Renders the diagnostic with its source snippet and caret. The message, what was
    /// expected, the help and the path are made safe to print on a terminal first
    /// ([`terminal_lines`]): they may quote a file name or an id made to hold an escape.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Moved => Level::WARNING.with_name("date moved"),
        };
        let message = terminal_lines(&bounded(&self.message));
        let expected = self
            .expected
            .as_deref()
            .map(|e| terminal_lines(&bounded(e)));
        let title = level.primary_title(message.as_str());
        let mut groups = Vec::new();
        let main = match (&self.file, &self.span) {
            (Some(file), Some(span)) if !file.text().is_empty() => {
                let text = file.text();
                let end = floor_char_boundary(text, span.end.min(text.len()));
                let start = floor_char_boundary(text, span.start.min(end));
                let (lines, first_line, span) = file.lines_around(start..end);
                let label = expected.as_deref().unwrap_or("");
                title.element(
                    Snippet::source(lines)
                        .line_start(first_line)
                        .path(terminal_path(&file.path))
                        .annotation(AnnotationKind::Primary.span(span).label(label)),
                )
            }
            _ => {
                let mut g = Group::with_title(title);
                if let Some(loc) = self.location().filter(|_| {
                    // Not for an error about a path; yes for a file that has changed.
                    self.file
                        .as_ref()
                        .is_some_and(|f| !f.text().is_empty() || f.changed())
                }) {
                    g = g.element(Level::NOTE.message(format!("in {loc}")));
                }
                if let Some(exp) = &expected {
                    g = g.element(Level::NOTE.message(format!("expected {exp}")));
                }
                g
            }
        };
        groups.push(main);
        let help = self.help.as_deref().map(|h| terminal_lines(&bounded(h)));
        if let Some(help) = &help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&groups)
    }

    /// The diagnostic as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        let (line, column) = match (&self.file, &self.span) {
            (Some(f), Some(s)) => f.position(s.start).unzip(),
            _ => (None, None),
        };
        serde_json::to_value(Json {
            severity: self.severity,
            file: self.file.as_ref().map(|f| f.path.display().to_string()),
            line,
            column,
            message: &self.message,
            expected: self.expected.as_deref(),
            help: self.help.as_deref(),
        })
        .expect("JSON of plain data")
    }
}
