//! Problems found in a user's files: where (file, line, column, the source under a caret), what is
//! wrong, what was expected, and the near miss. Rendered for people with annotate-snippets, or
//! as JSON for programs.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// A file's path and text, shared by its diagnostics.
#[derive(Debug)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text (a leading byte-order mark removed).
    pub text: String,
}

impl SourceFile {
    /// The 1-based line and column (in characters) of byte offset `at`.
    ///
    /// ```
    /// let f = docket::diagnostic::SourceFile { path: "x.toml".into(), text: "a = 1\nbé = 2\n".into() };
    /// assert_eq!(f.line_col(6), (2, 1));
    /// assert_eq!(f.line_col(10), (2, 4));
    /// ```
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, at)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
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
            file: Some(Arc::new(SourceFile {
                path: path.to_path_buf(),
                text: String::new(),
            })),
            span: None,
            message: message.into(),
            expected: None,
            help: None,
        }
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

    /// `path:line:column` (or just the path).
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let path = file.path.display();
        Some(match &self.span {
            Some(span) => {
                let (line, col) = file.line_col(span.start);
                format!("{path}:{line}:{col}")
            }
            None => path.to_string(),
        })
    }

    /// Renders the diagnostic with its source snippet and caret.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Moved => Level::WARNING.with_name("date moved"),
        };
        let title = level.primary_title(self.message.as_str());
        let mut groups = Vec::new();
        let main = match (&self.file, &self.span) {
            (Some(file), Some(span)) if !file.text.is_empty() => {
                let end = floor_char_boundary(&file.text, span.end.min(file.text.len()));
                let start = floor_char_boundary(&file.text, span.start.min(end));
                let label = self.expected.as_deref().unwrap_or("");
                title.element(
                    Snippet::source(file.text.as_str())
                        .path(file.path.display().to_string())
                        .annotation(AnnotationKind::Primary.span(start..end).label(label)),
                )
            }
            _ => {
                let mut g = Group::with_title(title);
                if let Some(loc) = self
                    .location()
                    .filter(|_| self.file.as_ref().is_some_and(|f| !f.text.is_empty()))
                {
                    g = g.element(Level::NOTE.message(format!("in {loc}")));
                }
                if let Some(exp) = &self.expected {
                    g = g.element(Level::NOTE.message(format!("expected {exp}")));
                }
                g
            }
        };
        groups.push(main);
        if let Some(help) = &self.help {
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
            (Some(f), Some(s)) => {
                let (l, c) = f.line_col(s.start);
                (Some(l), Some(c))
            }
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
